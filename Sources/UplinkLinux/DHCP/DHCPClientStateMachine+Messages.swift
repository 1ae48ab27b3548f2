import UplinkCore

/// The messages the client sends, field by field as RFC 2131 §4.4.1 table 5 has them.
extension DHCPClientStateMachine {
    /// DHCPDISCOVER: broadcast, asking servers to broadcast their offers.
    func discoverMessage(xid: UInt32, now: Duration, processStart: Duration) -> DHCPMessage {
        self.message(
            .discover, xid: xid, flags: .broadcast, now: now, processStart: processStart, options: DHCPOptions())
    }

    /// DHCPREQUEST in SELECTING: names the chosen offer and its server (options 50 and 54), with the
    /// xid of the offer; `ciaddr` stays zero.
    func selectingRequest(
        offered: IPv4Address,
        server: IPv4Address,
        transaction: Transaction,
        now: Duration
    ) -> DHCPMessage {
        self.message(
            .request,
            xid: transaction.message.xid,
            flags: .broadcast,
            now: now,
            processStart: transaction.processStart,
            options: DHCPOptions(requestedAddress: offered, serverIdentifier: server)
        )
    }

    /// DHCPREQUEST in INIT-REBOOT: the old address in option 50, no server identifier, `ciaddr` zero.
    func rebootRequest(for lease: DHCPLease, xid: UInt32, now: Duration, processStart: Duration) -> DHCPMessage {
        self.message(
            .request,
            xid: xid,
            flags: .broadcast,
            now: now,
            processStart: processStart,
            options: DHCPOptions(requestedAddress: lease.address)
        )
    }

    /// DHCPREQUEST in RENEWING (unicast) or REBINDING (broadcast): the address in `ciaddr`, neither
    /// option 50 nor 54. The server answers to `ciaddr`, so the broadcast flag stays clear.
    func renewalRequest(
        for lease: DHCPLease,
        xid: UInt32,
        now: Duration,
        processStart: Duration
    ) -> DHCPMessage {
        var message = self.message(
            .request, xid: xid, flags: [], now: now, processStart: processStart, options: DHCPOptions())
        message.clientAddress = lease.address
        return message
    }

    /// DHCPRELEASE: `ciaddr` and the server identifier, no parameter request list (RFC 2131 §4.4.6).
    func release(_ lease: DHCPLease, xid: UInt32) -> DHCPMessage {
        var options = DHCPOptions(messageType: .release, serverIdentifier: lease.serverIdentifier)
        options.clientIdentifier = self.clientIdentifier
        return DHCPMessage(
            operation: .request,
            xid: xid,
            clientAddress: lease.address,
            clientHardwareAddress: self.hardwareAddress,
            options: options
        )
    }

    /// The client identifier sent: the configured one, or type 1 (Ethernet) and the MAC.
    var clientIdentifier: [UInt8] {
        self.configuration.clientIdentifier ?? [DHCPMessage.ethernetHardwareType] + self.hardwareAddress
    }

    private func message(
        _ type: DHCPMessageType,
        xid: UInt32,
        flags: DHCPMessage.Flags,
        now: Duration,
        processStart: Duration,
        options: DHCPOptions
    ) -> DHCPMessage {
        var options = options
        options.messageType = type
        options.clientIdentifier = self.clientIdentifier
        options.hostName = self.configuration.hostName
        options.parameterRequestList = self.configuration.parameterRequestList
        options.maximumMessageSize = self.configuration.maximumMessageSize
        return DHCPMessage(
            operation: .request,
            xid: xid,
            secondsElapsed: Self.secondsElapsed(since: processStart, now: now),
            flags: flags,
            clientHardwareAddress: self.hardwareAddress,
            options: options
        )
    }
}

import UplinkCore
import UplinkLinux

/// Builds the replies a DHCP server would send to a client's message, for state machine and
/// technology tests.
struct DHCPServerScript {
    var server = IPv4Address(192, 0, 2, 1)
    var offered = IPv4Address(192, 0, 2, 100)
    var leaseSeconds: UInt32? = 3600
    var renewalSeconds: UInt32?
    var rebindingSeconds: UInt32?

    /// A reply of `type` to `request`: its xid and chaddr, the offered address and the lease options.
    func reply(_ type: DHCPMessageType, to request: DHCPMessage, message text: String? = nil) -> DHCPMessage {
        var options = DHCPOptions(messageType: type, serverIdentifier: self.server)
        if type == .offer || type == .ack {
            options.subnetMask = IPv4Address(255, 255, 255, 0)
            options.routers = [self.server]
            options.domainNameServers = [IPv4Address(192, 0, 2, 53)]
            options.leaseTime = self.leaseSeconds
            options.renewalTime = self.renewalSeconds
            options.rebindingTime = self.rebindingSeconds
        }
        options.message = text
        let granted = type == .offer || type == .ack
        return DHCPMessage(
            operation: .reply,
            xid: request.xid,
            flags: request.flags,
            clientAddress: request.clientAddress,
            yourAddress: granted
                ? (request.options.requestedAddress ?? self.offeredFor(request)) : IPv4Address(value: 0),
            clientHardwareAddress: request.clientHardwareAddress,
            options: options
        )
    }

    private func offeredFor(_ request: DHCPMessage) -> IPv4Address {
        request.clientAddress.isUnspecified ? self.offered : request.clientAddress
    }
}

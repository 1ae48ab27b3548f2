import UplinkCore

/// Running the DHCP client of a port: opening its transport, performing the machine's actions and
/// putting leases on the interface.
extension EthernetTechnology {
    /// Starts (or resumes, with INIT-REBOOT) the client for a try, opening the transport first.
    func startDHCP(
        _ configuration: DHCPClientConfiguration,
        id: ConnectionAttemptStateMachine.TryID,
        on port: EthernetPort,
        interface: InterfaceID
    ) {
        do {
            try self.openTransport(on: port, interface: interface)
        } catch {
            port.phase = .idle
            port.link?.tryFailed(id, reason: Self.reason(error), retryable: !Self.isPermissionDenied(error))
            return
        }
        guard let transport = port.transport else { return }
        var client = port.client ?? DHCPClientStateMachine(hardwareAddress: transport.hardwareAddress)
        if client.hardwareAddress != transport.hardwareAddress || client.configuration != configuration {
            // A new MAC (another device under the same name) or new settings: keep only a lease that
            // is still on the interface, for the new client to confirm.
            client = DHCPClientStateMachine(
                hardwareAddress: transport.hardwareAddress,
                configuration: configuration,
                previousLease: client.hardwareAddress == transport.hardwareAddress ? client.lease : nil
            )
        }
        port.phase = .acquiring(id)
        let actions = client.start(now: self.now(port), random: &self.random)
        port.client = client
        self.execute(actions, on: port)
    }

    /// Opens the port's transport unless one is open on this very interface (same index).
    private func openTransport(on port: EthernetPort, interface: InterfaceID) throws {
        if port.transport != nil, port.transportInterface?.index == interface.index { return }
        port.transport?.close()
        port.transport = nil
        let transport = try self.transports.open(on: interface) { [weak self, weak port] messages in
            guard let self, let port else { return }
            self.received(messages, on: port)
        }
        port.transport = transport
        port.transportInterface = interface
    }

    private func received(_ messages: [DHCPMessage], on port: EthernetPort) {
        for message in messages {
            guard var client = port.client else { return }
            let actions = client.received(message, now: self.now(port), random: &self.random)
            port.client = client
            self.execute(actions, on: port)
        }
    }

    private func timerFired(on port: EthernetPort) {
        port.timer = nil
        guard var client = port.client else { return }
        let actions = client.timerFired(now: self.now(port), random: &self.random)
        port.client = client
        self.execute(actions, on: port)
    }

    // MARK: - Actions

    /// Performs the client's actions in order.
    func execute(_ actions: [DHCPClientStateMachine.Action], on port: EthernetPort) {
        for action in actions {
            switch action {
            case .send(let message, let destination):
                // A lost send is what retransmission is for; the machine's timer covers it.
                try? port.transport?.send(message, to: destination)
            case .setTimer(let deadline):
                self.cancelTimer(on: port)
                port.timer = port.link?.binding?.schedule(after: max(deadline - self.now(port), .zero)) {
                    [weak self, weak port] in
                    guard let self, let port else { return }
                    self.timerFired(on: port)
                }
            case .cancelTimer:
                self.cancelTimer(on: port)
            case .configure(let lease):
                // A lease that could not be put on has stopped the client: the rest is moot.
                guard self.configure(lease, on: port) else { return }
            case .deconfigure(let lease):
                if let configured = port.configured, configured.address == lease.address {
                    self.deconfigure(configured, on: port)
                }
            case .bound:
                guard case .acquiring(let id) = port.phase else { continue }
                port.phase = .connected
                port.link?.trySucceeded(id)
            case .failed(let reason):
                guard case .acquiring(let id) = port.phase else { continue }
                port.phase = .idle
                port.link?.tryFailed(id, reason: reason, retryable: true)
            case .lost(let reason):
                guard case .connected = port.phase else { continue }
                port.phase = .idle
                port.link?.connectionLost(reason: reason)
            }
        }
    }

    func cancelTimer(on port: EthernetPort) {
        port.link?.binding?.cancel(port.timer)
        port.timer = nil
    }

    /// Puts a lease on the interface, or refreshes its lifetimes after a renewal. A lease that cannot
    /// be put on fails the try (and is released); a refresh that fails is left to the next renewal,
    /// the kernel keeps the address until its old lifetime ends.
    /// - Returns: false when the try failed and the client was stopped.
    private func configure(_ lease: DHCPLease, on port: EthernetPort) -> Bool {
        guard let index = port.transportInterface?.index ?? port.link?.snapshot?.index else { return true }
        let configured = EthernetPort.Configured(
            index: index,
            address: lease.address,
            prefixLength: lease.prefixLength,
            gateway: lease.router,
            metric: self.configuration(for: port.interfaceName).routeMetric
        )
        do {
            try self.configure(
                configured, broadcast: lease.broadcast, lifetime: lease.remaining(at: self.now(port)), on: port)
        } catch {
            guard case .acquiring(let id) = port.phase, var client = port.client else { return true }
            let actions = client.stop(now: self.now(port), random: &self.random)
            port.client = client
            port.phase = .idle
            self.execute(actions, on: port)
            let reason = "could not put \(lease.address)/\(lease.prefixLength) on \(port.interfaceName): \(error)"
            port.link?.tryFailed(id, reason: reason, retryable: !Self.isPermissionDenied(error))
            return false
        }
        return true
    }

    /// Adds an address and its default route, replacing what the port configured before.
    func configure(
        _ configured: EthernetPort.Configured,
        broadcast: IPv4Address?,
        lifetime: Duration?,
        on port: EthernetPort
    ) throws {
        if let previous = port.configured,
            previous.address != configured.address || previous.index != configured.index
                || previous.prefixLength != configured.prefixLength
        {
            self.deconfigure(previous, on: port)
        } else if let previous = port.configured, let gateway = previous.gateway,
            gateway != configured.gateway || previous.metric != configured.metric
        {
            try? self.configurator.removeDefaultRoute(via: .v4(gateway), on: previous.index, metric: previous.metric)
            port.configured?.gateway = nil
        }
        try self.configurator.addAddress(
            .v4(configured.address),
            prefixLength: configured.prefixLength,
            broadcast: broadcast,
            validLifetime: lifetime,
            preferredLifetime: lifetime,
            on: configured.index
        )
        port.configured = configured
        port.configured?.gateway = nil
        if let gateway = configured.gateway {
            try self.configurator.addDefaultRoute(via: .v4(gateway), on: configured.index, metric: configured.metric)
            port.configured?.gateway = gateway
        }
    }

    /// Takes an address and its route off the interface. Failures are ignored: the interface may be
    /// gone, and nothing else could be done about it.
    func deconfigure(_ configured: EthernetPort.Configured, on port: EthernetPort) {
        if let gateway = configured.gateway {
            try? self.configurator.removeDefaultRoute(
                via: .v4(gateway), on: configured.index, metric: configured.metric)
        }
        try? self.configurator.removeAddress(
            .v4(configured.address), prefixLength: configured.prefixLength, on: configured.index)
        if port.configured == configured { port.configured = nil }
    }
}

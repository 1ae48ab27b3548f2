import UplinkCore

/// Scan, join and forget for the dashboard's Wi-Fi flow, on a real wpa_supplicant.
///
/// Nothing here is read from the supplicant when a face asks for the state: scans, the network
/// list and the join are cached in the port and refreshed by events, so drawing a frame never
/// waits for a socket.
extension WiFiTechnology: WiFiControl {
    public func controls(_ interfaceName: String) -> Bool {
        self.ports[interfaceName]?.link != nil
    }

    /// Asks wpa_supplicant to scan; the results are read when it reports them.
    /// - Throws: `ControlError` when wpa_supplicant is not running or refuses to scan.
    public func startScan(on interface: InterfaceID) throws {
        let port = try self.attachedPort(interface)
        if case .scanning = port.scanState { return }
        do {
            try port.control.expectOK("SCAN", timeout: self.timings.request)
        } catch .failed(_, let reply) where reply.hasPrefix("FAIL-BUSY") {
            throw ControlError(
                .notSupported, interface: interface.name,
                "wpa_supplicant is busy and cannot scan now (FAIL-BUSY); try again in a moment")
        } catch {
            throw ControlError(.notSupported, interface: interface.name, "wpa_supplicant did not scan: \(error)")
        }
        guard let binding = port.link?.binding else { return }
        port.scanState = .scanning(since: binding.now, progress: nil)
        binding.cancel(port.scanTimer)
        port.scanTimer = binding.schedule(after: self.timings.scanLimit) { [weak self, weak port] in
            guard let self, let port, case .scanning = port.scanState else { return }
            port.scanTimer = nil
            self.scanEnded(port, .failed(reason: "no scan results from wpa_supplicant after \(self.timings.scanLimit)"))
        }
    }

    public func scanState(on interface: InterfaceID) -> WiFiScanState {
        self.ports[interface.name]?.scanState ?? .idle
    }

    /// The last scan's networks, strongest first, then the configured ones it did not see.
    public func networks(on interface: InterfaceID) -> [WiFiNetwork] {
        guard let port = self.ports[interface.name] else { return [] }
        var networks = WiFiNetwork.list(
            seen: port.scanNetworks,
            remembered: port.known.map { ($0.ssid, $0.security) },
            current: port.isAssociated ? port.ssid(of: port.currentNetworkID) : nil
        )
        // The network in use shows the link's live signal, not the last scan's.
        if let signal = port.signal, let index = networks.firstIndex(where: \.isCurrent) {
            networks[index].signal = signal.rssi ?? networks[index].signal
            networks[index].frequency = signal.frequency ?? networks[index].frequency
        }
        return networks
    }

    /// Adds the network and joins it on trial; see `beginJoin`.
    /// - Throws: `ControlError` when wpa_supplicant is not running or refuses a setting (nothing
    ///   is left configured then), or the manager's error when the interface cannot be connected.
    public func join(_ credentials: WiFiCredentials, on interface: InterfaceID) throws {
        let port = try self.attachedPort(interface)
        let id = try self.addNetwork(credentials, on: port)
        try self.beginJoin(candidate: id, ssid: credentials.ssid, isNew: true, on: port, interface: interface)
    }

    /// Joins a configured network with the credentials wpa_supplicant has for it.
    public func join(known ssid: SSID, on interface: InterfaceID) throws {
        let port = try self.attachedPort(interface)
        self.refreshKnown(port)
        guard let entry = port.known.first(where: { $0.ssid == ssid }) else { throw self.notKnown(ssid, port) }
        try self.beginJoin(candidate: entry.id, ssid: ssid, isNew: false, on: port, interface: interface)
    }

    public func joinState(on interface: InterfaceID) -> WiFiJoinState {
        self.ports[interface.name]?.joinState ?? .idle
    }

    /// Removes every configured entry for the network and saves; disconnects the binding when it
    /// was the network in use.
    public func forget(_ ssid: SSID, on interface: InterfaceID) throws {
        let port = try self.attachedPort(interface)
        var forgotJoin = false
        if let trial = port.trial, trial.ssid == ssid {
            self.endJoin(trial, on: port, failure: "forgotten", fallBack: !trial.previouslyEnabled.isEmpty)
            port.joinState = .idle
            forgotJoin = true
            if trial.previouslyEnabled.isEmpty, let link = port.link, case .trying = link.state {
                try self.manager?.disconnect(interface.index)
            }
        }
        self.refreshKnown(port)
        let entries = port.known.filter { $0.ssid == ssid }
        if entries.isEmpty && forgotJoin { return }
        guard !entries.isEmpty else { throw self.notKnown(ssid, port) }
        let wasCurrent = port.isAssociated && entries.contains { $0.id == port.currentNetworkID }
        for entry in entries {
            try port.control.expectOK("REMOVE_NETWORK \(entry.id)", timeout: self.timings.request)
        }
        self.save(port)
        self.refreshKnown(port)
        if wasCurrent, let manager = self.manager { try manager.disconnect(interface.index) }
    }

    public func problem(on interface: InterfaceID) -> String? {
        guard let port = self.ports[interface.name] else { return nil }
        if port.isRunning == true && port.isHung { return "wpa_supplicant not answering: it may be stopped or stuck" }
        guard port.isRunning == false else { return nil }
        return port.notRunningReason ?? "wpa_supplicant not running"
    }

    // MARK: - Scans

    func scanFinished(_ port: WiFiPort) {
        guard let reply = try? port.control.request("SCAN_RESULTS", timeout: self.timings.request) else {
            self.scanEnded(port, .failed(reason: "wpa_supplicant did not give the scan results"))
            return
        }
        port.scanNetworks = SupplicantScanResult.networks(SupplicantScanResult.parse(reply))
        self.scanEnded(port, .finished(at: port.link?.binding?.now ?? .zero))
    }

    func scanEnded(_ port: WiFiPort, _ state: WiFiScanState) {
        port.link?.binding?.cancel(port.scanTimer)
        port.scanTimer = nil
        port.scanState = state
        self.changed(port)
    }

    /// Tells the faces that the port's scan, networks or join changed, so they redraw now.
    func changed(_ port: WiFiPort) {
        port.link?.binding?.reportTechnologyChanged()
    }

    // MARK: - Helpers

    private func attachedPort(_ interface: InterfaceID) throws(ControlError) -> WiFiPort {
        guard let port = self.ports[interface.name], port.link != nil else {
            throw ControlError(.invalidArgument, interface: interface.name, "not bound to wifi in the configuration")
        }
        guard self.ensureAttached(port) else {
            throw ControlError(
                .shutDown, interface: interface.name, port.notRunningReason ?? "wpa_supplicant not running")
        }
        return port
    }

    private func notKnown(_ ssid: SSID, _ port: WiFiPort) -> ControlError {
        let names = port.known.map { "\"\($0.ssid.displayName)\"" }
        let known =
            names.isEmpty ? "wpa_supplicant has no network configured" : "configured: \(names.joined(separator: ", "))"
        return ControlError(
            .invalidArgument, interface: port.interfaceName, "\"\(ssid.displayName)\" is not configured; \(known)")
    }
}

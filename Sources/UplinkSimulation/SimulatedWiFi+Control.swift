import UplinkCore

/// Scan, join and forget, as the dashboard's Wi-Fi flow drives them.
///
/// Credentials arrive validated (`WiFiCredentials`); their secret is compared with the access
/// point's key and kept for the remembered network, and appears in no description, event or error.
extension SimulatedWiFi: WiFiControl {
    /// The simulated radio is wlan0's.
    public func controls(_ interfaceName: String) -> Bool {
        interfaceName == SimulatedDevice.Interfaces.wifi.name
    }

    /// Scans for 2 s, reporting progress every 0.5 s; the results are the access points on the
    /// air that announce their name, each signal read within ±1 dBm. A scan already running
    /// carries on.
    /// - Throws: `ControlError` when the interface is not wlan0 or is administratively down.
    public func startScan(on interface: InterfaceID) throws {
        let device = try self.checked(interface)
        guard device.isAdminUp(SimulatedDevice.Interfaces.wifi) else {
            throw ControlError(.shutDown, interface: interface.name, "administratively down; bring it up to scan")
        }
        if case .scanning = self.scanStatus { return }
        let now = device.now
        self.scanStatus = .scanning(since: now, progress: 0)
        self.scheduleScanStep(1, since: now)
    }

    public func scanState(on interface: InterfaceID) -> WiFiScanState {
        interface.index == SimulatedDevice.Interfaces.wifi.index ? self.scanStatus : .idle
    }

    /// The last scan's networks, strongest first, then the remembered ones it did not see (signal
    /// nil), by name.
    public func networks(on interface: InterfaceID) -> [WiFiNetwork] {
        guard interface.index == SimulatedDevice.Interfaces.wifi.index else { return [] }
        return WiFiNetwork.list(
            seen: self.scanResults,
            remembered: self.remembered.map { ($0.ssid, $0.security) },
            current: self.currentNetwork
        )
    }

    /// Joins a network: vetted in the background while another is in use, otherwise as the target
    /// of wlan0's connect attempt (bringing wlan0 up and connecting it when needed). The network is
    /// remembered once it has connected; a join still running is replaced.
    /// - Throws: `ControlError` when the interface is not wlan0 or the device is not installed, or
    ///   the manager's error when wlan0 cannot be brought up or connected; nothing changes then.
    public func join(_ credentials: WiFiCredentials, on interface: InterfaceID) throws {
        let device = try self.checked(interface)
        guard let manager = device.manager, let link = self.link else {
            throw ControlError(
                .notSupported,
                interface: interface.name,
                "cannot join yet: the simulated device is not installed on a running manager"
            )
        }
        if let association = self.association, association.credentials == credentials {
            self.joinStatus = .joined(credentials.ssid)
            return
        }
        let now = device.now
        if self.association != nil {
            self.joinTarget = credentials
            self.lastJoinFailure = nil
            self.begin(credentials, tryID: nil, isJoin: true, isInBackground: true)
            self.joinStatus = .joining(credentials.ssid, since: now, deadline: nil)
            return
        }
        let previous = (self.joinTarget, self.lastJoinFailure)
        self.joinTarget = credentials
        self.lastJoinFailure = nil
        do {
            if !device.isAdminUp(SimulatedDevice.Interfaces.wifi) {
                try manager.setAdminState(up: true, index: interface.index)
            }
            switch link.state {
            case .trying(let id, _, _):
                self.begin(credentials, tryID: id, isJoin: true, isInBackground: false)
            case .waitingToRetry, .connected:
                // The next try takes this attempt over; a connected contract is about to hear of
                // the loss that left no network in use.
                self.begin(credentials, tryID: nil, isJoin: true, isInBackground: false)
            case .idle, .failed:
                try manager.connect(interface.index)
            }
        } catch {
            (self.joinTarget, self.lastJoinFailure) = previous
            throw error
        }
        self.joinStatus = .joining(credentials.ssid, since: now, deadline: Self.deadline(of: link.state))
    }

    /// Joins a remembered network with its saved credentials.
    /// - Throws: `ControlError.invalidArgument` naming the network and the remembered ones when it
    ///   is not remembered, or what `join(_:on:)` throws.
    public func join(known ssid: SSID, on interface: InterfaceID) throws {
        _ = try self.checked(interface)
        guard let credentials = self.remembered.first(where: { $0.ssid == ssid }) else {
            throw self.notRemembered(ssid, interface)
        }
        try self.join(credentials, on: interface)
    }

    public func joinState(on interface: InterfaceID) -> WiFiJoinState {
        interface.index == SimulatedDevice.Interfaces.wifi.index ? self.joinStatus : .idle
    }

    /// Forgets a remembered network; when it is the one in use, disconnects wlan0 (which the
    /// manager's auto-down then takes down).
    /// - Throws: `ControlError.invalidArgument` naming the network and the remembered ones when it
    ///   is not remembered, or the manager's error from disconnecting; nothing changes then.
    public func forget(_ ssid: SSID, on interface: InterfaceID) throws {
        let device = try self.checked(interface)
        guard let position = self.remembered.firstIndex(where: { $0.ssid == ssid }) else {
            throw self.notRemembered(ssid, interface)
        }
        let credentials = self.remembered.remove(at: position)
        guard self.currentNetwork == ssid, let manager = device.manager else { return }
        do {
            try manager.disconnect(interface.index)
        } catch {
            self.remembered.insert(credentials, at: position)
            throw error
        }
    }

    // MARK: - Helpers

    /// The device, when the interface is its Wi-Fi interface.
    private func checked(_ interface: InterfaceID) throws(ControlError) -> SimulatedDevice {
        guard interface.index == SimulatedDevice.Interfaces.wifi.index, let device = self.device else {
            throw ControlError(
                .invalidArgument,
                interface: interface.name,
                "not a Wi-Fi interface; the simulated device's Wi-Fi interface is wlan0"
            )
        }
        return device
    }

    private func notRemembered(_ ssid: SSID, _ interface: InterfaceID) -> ControlError {
        let names = self.remembered.map { "\"\($0.ssid.displayName)\"" }
        let known = names.isEmpty ? "no network is remembered" : "remembered: \(names.joined(separator: ", "))"
        return ControlError(
            .invalidArgument,
            interface: interface.name,
            "\"\(ssid.displayName)\" is not remembered; \(known)"
        )
    }

    private static func deadline(of state: ConnectionAttemptStateMachine.State) -> Duration? {
        switch state {
        case .trying(_, _, let deadline), .waitingToRetry(_, _, let deadline, _): deadline
        case .idle, .connected, .failed: nil
        }
    }

    private func scheduleScanStep(_ step: Int, since: Duration) {
        guard let device = self.device else { return }
        let timings = device.timings
        let steps = max(Int((timings.wifiScan / timings.wifiScanProgressStep).rounded(.up)), 1)
        let delay =
            step < steps ? timings.wifiScanProgressStep : timings.wifiScan - timings.wifiScanProgressStep * (steps - 1)
        self.scanTimer = device.schedule(after: delay) { [weak self] in
            guard let self, let device = self.device else { return }
            self.scanTimer = nil
            guard step >= steps else {
                self.scanStatus = .scanning(since: since, progress: Double(step) / Double(steps))
                self.scheduleScanStep(step + 1, since: since)
                return
            }
            self.scanResults = self.accessPoints.filter { !$0.isHidden && self.isOnAir($0) }.map { accessPoint in
                WiFiNetwork(
                    ssid: accessPoint.ssid,
                    signal: accessPoint.signal + device.randomInteger(in: -1...1),
                    security: accessPoint.security,
                    frequency: accessPoint.frequency
                )
            }
            self.scanStatus = .finished(at: device.now)
        }
    }
}

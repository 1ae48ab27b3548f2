import UplinkCore

/// What wpa_supplicant's events mean for the binding, the join in progress and the scan.
extension WiFiTechnology {
    func received(_ notice: SupplicantEventMonitor.Notice, on interfaceName: String) {
        guard let port = self.ports[interfaceName] else { return }
        switch notice {
        case .lost(let reason):
            // A loss already handled by a reattach (`ensureAttached` found the monitor detached
            // first) is stale once the monitor is attached again.
            guard port.monitor?.isAttached != true else { return }
            self.supplicantLost(port, reason: reason)
        case .message(let text):
            self.handle(SupplicantEvent.parse(text), on: port)
        }
    }

    func handle(_ event: SupplicantEvent, on port: WiFiPort) {
        switch event {
        case .connected(_, let networkID):
            defer { self.changed(port) }
            port.isAssociated = true
            port.currentNetworkID = networkID ?? port.currentNetworkID
            if port.currentNetworkID == nil { self.refreshAssociation(port) }
            self.pollSignal(port)
            if let trial = port.trial, port.currentNetworkID == trial.candidate { self.joinSucceeded(trial, on: port) }
            // Associated during a back-off: the attempt need not wait it out.
            if let link = port.link, case .waitingToRetry = link.state {
                link.switchTarget()
                return
            }
            self.advance(port)
        case .disconnected(_, let reason, let locallyGenerated):
            let wasAssociated = port.isAssociated
            let ssid = port.ssid(of: port.currentNetworkID)
            port.isAssociated = false
            port.currentNetworkID = nil
            port.signal = nil
            guard wasAssociated else { return }
            self.changed(port)
            var why = locallyGenerated ? "disconnected" : "the access point disconnected"
            if let reason, !locallyGenerated { why += ": \(IEEE80211Reason.describe(reason))" }
            if let ssid { why += " (\"\(ssid.displayName)\")" }
            self.associationLost(port, reason: why)
        case .temporarilyDisabled(let networkID, let ssidBytes, let reason, _):
            let ssid = (try? SSID(bytes: ssidBytes)) ?? port.ssid(of: networkID)
            let name = ssid.map { " for \"\($0.displayName)\"" } ?? ""
            switch reason {
            case "WRONG_KEY":
                self.attemptFailed(port, networkID: networkID, reason: "wrong password\(name)", isFinal: true)
            case "AUTH_FAILED":
                self.attemptFailed(port, networkID: networkID, reason: "authentication rejected\(name)", isFinal: true)
            default:
                self.attemptFailed(
                    port, networkID: networkID, reason: "could not connect\(name) (\(reason))", isFinal: false)
            }
        case .eapFailure:
            self.attemptFailed(
                port, networkID: nil, reason: "authentication rejected: the 802.1X server refused the credentials",
                isFinal: true)
        case .associationRejected(_, let statusCode), .authenticationRejected(_, let statusCode):
            let status = statusCode.map { " (status \($0))" } ?? ""
            self.attemptFailed(port, networkID: nil, reason: "rejected by the access point\(status)", isFinal: false)
        case .networkNotFound:
            self.networkNotFound(port)
        case .scanResults:
            guard case .scanning = port.scanState else { return }
            self.scanFinished(port)
        case .scanFailed(let detail):
            guard case .scanning = port.scanState else { return }
            self.scanEnded(port, .failed(reason: "wpa_supplicant could not scan (\(detail))"))
        case .networkAdded, .networkRemoved:
            self.refreshKnown(port)
        case .terminating:
            self.supplicantLost(port, reason: "it is terminating")
        case .reenabled, .eapStarted, .eapSuccess, .scanStarted, .stateChanged, .other:
            break
        }
    }

    /// The association went: addressing stops (the address stays for INIT-REBOOT), and a connected
    /// binding hears of the loss — unless a join is switching networks, which is expected.
    func associationLost(_ port: WiFiPort, reason: String) {
        guard let link = port.link else { return }
        self.addressing.suspend(link)
        port.addressingTry = nil
        guard port.trial == nil, case .connected = link.state else { return }
        link.connectionLost(reason: reason)
    }

    /// A try went wrong. During a join it ends the join when final (and goes back to the old
    /// network); a retryable failure is kept as the join's last, and with nothing to go back to
    /// it is the try's failure too, so the contract backs off and shows why. Otherwise it fails
    /// the current try — for good when `isFinal`.
    func attemptFailed(_ port: WiFiPort, networkID: Int?, reason: String, isFinal: Bool) {
        if var trial = port.trial, networkID == nil || networkID == trial.candidate {
            if isFinal {
                self.endJoin(trial, on: port, failure: reason, fallBack: true)
                return
            }
            trial.lastFailure = reason
            port.trial = trial
            guard trial.previouslyEnabled.isEmpty else { return }
        }
        guard let link = port.link, case .trying(let id, _, _) = link.state, port.addressingTry == nil else { return }
        link.tryFailed(id, reason: reason, retryable: !isFinal)
    }

    private func networkNotFound(_ port: WiFiPort) {
        guard var trial = port.trial else {
            self.attemptFailed(port, networkID: nil, reason: "network not found", isFinal: false)
            return
        }
        let reason = "network not found: \"\(trial.ssid.displayName)\""
        trial.notFound += 1
        port.trial = trial
        // With nothing to go back to there is no early end: the attempt retries until its timeout.
        guard trial.notFound >= self.timings.notFoundLimit, !trial.previouslyEnabled.isEmpty else {
            self.attemptFailed(port, networkID: trial.candidate, reason: reason, isFinal: false)
            return
        }
        self.endJoin(trial, on: port, failure: reason, fallBack: true)
    }
}

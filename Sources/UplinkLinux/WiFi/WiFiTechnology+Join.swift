import UplinkCore

/// Joining a network on trial: the new one is added and selected while the old ones stay
/// configured; success saves it, failure removes it and goes back.
extension WiFiTechnology {
    /// Adds a network for the credentials, field by field; a refused field removes it again.
    /// - Returns: the new network's id.
    func addNetwork(_ credentials: WiFiCredentials, on port: WiFiPort) throws -> Int {
        let settings = SupplicantNetworkSettings(
            credentials, enterprise: self.configuration(for: port.interfaceName).enterprise)
        let reply = try port.control.request("ADD_NETWORK", timeout: self.timings.request)
        guard let id = Int(reply) else {
            throw ControlError(
                .notSupported, interface: port.interfaceName, "wpa_supplicant did not add a network (\(reply))")
        }
        for field in settings.fields {
            do {
                try port.control.expectOK(settings.command(networkID: id, field: field), timeout: self.timings.request)
            } catch {
                try? port.control.expectOK("REMOVE_NETWORK \(id)", timeout: self.timings.request)
                throw ControlError(
                    .invalidArgument, interface: port.interfaceName,
                    "wpa_supplicant refused the network's \(field.name) (\(Self.words(error))); nothing was changed")
            }
        }
        return id
    }

    /// Selects `candidate` on trial and makes the binding try it. When it throws, a candidate uplink
    /// added (`isNew`) has been removed again.
    func beginJoin(candidate: Int, ssid: SSID, isNew: Bool, on port: WiFiPort, interface: InterfaceID) throws {
        guard let link = port.link, let binding = link.binding else {
            if isNew { try? port.control.expectOK("REMOVE_NETWORK \(candidate)", timeout: self.timings.request) }
            throw ControlError(.notSupported, interface: interface.name, "not bound to wifi")
        }
        if let trial = port.trial {
            self.endJoin(trial, on: port, failure: "replaced by another join", fallBack: false)
        }
        self.refreshKnown(port)
        // Selecting the network in use would change nothing, and no event would end a trial.
        if !isNew, port.isAssociated, port.currentNetworkID == candidate {
            port.joinState = .joined(ssid)
            self.changed(port)
            if case .connected = link.state { return }
            try self.makeBindingTry(port, link: link, interface: interface)
            return
        }
        let previouslyEnabled = port.known.filter { !$0.isDisabled && $0.id != candidate }.map(\.id)
        let superseded = isNew ? port.known.filter { $0.ssid == ssid && $0.id != candidate }.map(\.id) : []
        let limit = binding.connectTimeout.map { $0 * 2 / 3 } ?? self.timings.trial
        let deadline = binding.now + limit
        port.trial = WiFiPort.JoinTrial(
            candidate: candidate, ssid: ssid, isNew: isNew, previouslyEnabled: previouslyEnabled,
            superseded: superseded)
        // Addressing on the old network must not finish the attempt that now aims at the new one.
        self.addressing.suspend(link)
        port.addressingTry = nil
        do {
            try port.control.expectOK("SELECT_NETWORK \(candidate)", timeout: self.timings.request)
            try self.makeBindingTry(port, link: link, interface: interface)
        } catch {
            if let trial = port.trial { self.endJoin(trial, on: port, failure: Self.words(error), fallBack: true) }
            throw error
        }
        // With nothing to go back to there is no trial to end early: the connect timeout decides.
        guard !previouslyEnabled.isEmpty else {
            port.joinState = .joining(
                ssid, since: binding.now, deadline: binding.connectTimeout.map { binding.now + $0 })
            return
        }
        port.joinState = .joining(ssid, since: binding.now, deadline: deadline)
        port.trial?.timer = binding.schedule(after: limit) { [weak self, weak port] in
            guard let self, let port, let trial = port.trial, trial.candidate == candidate else { return }
            self.endJoin(trial, on: port, failure: "timed out", fallBack: true)
        }
    }

    /// An idle or failed binding is connected (its interface brought up first); a connected one
    /// starts a new attempt for the new network, one waiting to retry tries now; one that is
    /// trying carries on with it.
    private func makeBindingTry(_ port: WiFiPort, link: ContractedLink, interface: InterfaceID) throws {
        switch link.state {
        case .connected, .waitingToRetry:
            link.switchTarget()
        case .trying:
            break
        case .idle, .failed:
            guard let manager = self.manager else {
                throw ControlError(.notSupported, interface: interface.name, "not installed on a running manager")
            }
            if link.snapshot?.isAdminUp != true { try manager.setAdminState(up: true, index: interface.index) }
            try manager.connect(interface.index)
        }
    }

    /// The candidate connected: it replaces older entries for its name, the networks it disabled are
    /// enabled again, and the configuration is saved.
    func joinSucceeded(_ trial: WiFiPort.JoinTrial, on port: WiFiPort) {
        port.link?.binding?.cancel(trial.timer)
        port.trial = nil
        for id in trial.superseded {
            try? port.control.expectOK("REMOVE_NETWORK \(id)", timeout: self.timings.request)
        }
        for id in trial.previouslyEnabled where !trial.superseded.contains(id) {
            try? port.control.expectOK("ENABLE_NETWORK \(id)", timeout: self.timings.request)
        }
        self.save(port)
        self.refreshKnown(port)
        port.joinState = .joined(trial.ssid)
        self.changed(port)
    }

    /// Ends a join that did not connect: the candidate goes (when uplink added it), the old
    /// networks are enabled again, and with `fallBack` wpa_supplicant goes back to them. With
    /// nothing to go back to, the binding's try fails with the reason.
    func endJoin(_ trial: WiFiPort.JoinTrial, on port: WiFiPort, failure: String, fallBack: Bool) {
        port.link?.binding?.cancel(trial.timer)
        port.trial = nil
        let reason = trial.lastFailure.map { failure == "timed out" ? "timed out (\($0))" : failure } ?? failure
        port.joinState = .failed(trial.ssid, reason: reason)
        self.changed(port)
        guard port.isRunning == true else { return }
        if trial.isNew {
            try? port.control.expectOK("REMOVE_NETWORK \(trial.candidate)", timeout: self.timings.request)
        }
        for id in trial.previouslyEnabled {
            try? port.control.expectOK("ENABLE_NETWORK \(id)", timeout: self.timings.request)
        }
        if port.needsSave { self.save(port) }
        self.refreshKnown(port)
        guard fallBack else { return }
        if !trial.previouslyEnabled.isEmpty {
            try? port.control.expectOK("REASSOCIATE", timeout: self.timings.request)
            return
        }
        guard let link = port.link, case .trying(let id, _, _) = link.state else { return }
        link.tryFailed(id, reason: reason, retryable: false)
    }

    /// SAVE_CONFIG; a refusal (no `update_config=1`) is reported, the join stands.
    func save(_ port: WiFiPort) {
        // During a trial the other networks are disabled and the candidate unproven: saving now
        // would make that state the one wpa_supplicant boots with.
        guard port.trial == nil else {
            port.needsSave = true
            return
        }
        port.needsSave = false
        do {
            try port.control.expectOK("SAVE_CONFIG", timeout: self.timings.request)
            self.restrictSavedFile(port)
        } catch {
            port.link?.binding?.reportService(
                "wpa_supplicant", isRunning: true,
                detail: "did not save the network (\(Self.words(error))); is update_config=1 in its configuration?")
        }
    }
}

extension WiFiTechnology {
    /// SAVE_CONFIG writes with wpa_supplicant's umask; the keys in the file are made owner-only
    /// again, and a file that cannot be is reported.
    func restrictSavedFile(_ port: WiFiPort) {
        let directory = self.configuration(for: port.interfaceName).supplicantDirectory
        guard
            let path = self.configuration(for: port.interfaceName).supplicantFile
                ?? SupplicantConfigurationFile.find(interfaceName: port.interfaceName, controlDirectory: directory)
        else { return }
        do {
            try SupplicantConfigurationFile.restrict(path)
        } catch {
            port.link?.binding?.reportService(
                "wpa_supplicant", isRunning: true,
                detail: "saved the network, but \(path) stays readable by others (\(error))")
        }
    }
}

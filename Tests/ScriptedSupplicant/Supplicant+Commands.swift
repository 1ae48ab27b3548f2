/// The control commands, answered with wpa_supplicant 2.10's reply text: `OK\n`, `FAIL\n`,
/// `FAIL-BUSY\n`, `UNKNOWN COMMAND\n`, or the command's own answer. Commands are matched exactly
/// and case-sensitively, as the real daemon matches them.
extension Supplicant {
    /// Network fields whose values never reach the log.
    private static let secretFields: Set<String> = ["psk", "password", "sae_password"]

    /// Answers one request and logs it (keys masked).
    func reply(to request: [UInt8], from peer: ControlSocket.Peer) -> String {
        let command = String(decoding: request, as: UTF8.self)
        let reply = self.answer(command, from: peer)
        let lines = reply.split(separator: "\n", omittingEmptySubsequences: false)
        let summary = lines.count > 2 ? "\(lines.count - 1) lines" : reply.isEmpty ? "(empty)" : String(lines[0])
        self.log("\(peer.description): \(Self.masked(command)) -> \(summary)")
        return reply
    }

    /// The command as the log shows it: a key given to `SET_NETWORK` replaced by `[masked]`.
    static func masked(_ command: String) -> String {
        let parts = command.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "SET_NETWORK", self.secretFields.contains(String(parts[2])) else {
            return command
        }
        return parts[0...2].joined(separator: " ") + " [masked]"
    }

    private func answer(_ command: String, from peer: ControlSocket.Peer) -> String {
        let space = command.firstIndex(of: " ")
        let verb = String(command[..<(space ?? command.endIndex)])
        let argument = space.map { String(command[command.index(after: $0)...]) }
        switch verb {
        case "PING" where argument == nil: return "PONG\n"
        case "ATTACH": return self.attach(peer)
        case "DETACH" where argument == nil:
            let count = self.monitors.count
            self.monitors.removeAll { $0.peer == peer }
            return self.monitors.count < count ? "OK\n" : "FAIL\n"
        case "LEVEL":
            guard let level = argument.flatMap({ Int($0) }),
                let index = self.monitors.firstIndex(where: { $0.peer == peer })
            else { return "FAIL\n" }
            self.monitors[index].level = level
            return "OK\n"
        case "STATUS", "STATUS-VERBOSE": return self.statusText
        case "SCAN":
            guard self.manualScan == nil, self.phase != .scanning else { return "FAIL-BUSY\n" }
            self.startManualScan()
            return "OK\n"
        case "SCAN_RESULTS" where argument == nil: return self.scanResultsText
        case "BSS": return argument.map(self.bssText) ?? "UNKNOWN COMMAND\n"
        case "ADD_NETWORK" where argument == nil:
            let id = (self.networks.map(\.id).max() ?? -1) + 1
            self.networks.append(NetworkBlock(id: id, disabled: 1))
            self.emit("CTRL-EVENT-NETWORK-ADDED \(id)")
            return "\(id)\n"
        case "SET_NETWORK": return self.setNetwork(argument ?? "") ? "OK\n" : "FAIL\n"
        case "GET_NETWORK": return self.getNetwork(argument ?? "") ?? "FAIL\n"
        case "LIST_NETWORKS": return self.listNetworksText(after: argument)
        case "SELECT_NETWORK": return self.selectNetwork(argument ?? "") ? "OK\n" : "FAIL\n"
        case "ENABLE_NETWORK": return self.enableNetworks(argument ?? "") ? "OK\n" : "FAIL\n"
        case "DISABLE_NETWORK": return self.disableNetworks(argument ?? "") ? "OK\n" : "FAIL\n"
        case "REMOVE_NETWORK": return self.removeNetworks(argument ?? "") ? "OK\n" : "FAIL\n"
        case "SAVE_CONFIG" where argument == nil: return self.saveConfiguration() ? "OK\n" : "FAIL\n"
        case "SIGNAL_POLL" where argument == nil: return self.signalPollText
        case "DISCONNECT" where argument == nil:
            self.disconnectedByRequest = true
            self.dropAssociation(reason: 3, locallyGenerated: true)
            self.state = .disconnected
            return "OK\n"
        case "RECONNECT" where argument == nil:
            if self.disconnectedByRequest {
                self.disconnectedByRequest = false
                self.requestConnection()
            }
            return "OK\n"
        case "REASSOCIATE" where argument == nil:
            self.disconnectedByRequest = false
            self.dropAssociation(reason: 3, locallyGenerated: true)
            self.requestConnection()
            return "OK\n"
        case "TERMINATE" where argument == nil:
            self.running = false
            return "OK\n"
        case "GET": return argument == "version" ? "2.10" : "FAIL\n"
        case "SET": return self.setGlobal(argument ?? "") ? "OK\n" : "FAIL\n"
        default: return "UNKNOWN COMMAND\n"
        }
    }

    private func attach(_ peer: ControlSocket.Peer) -> String {
        if !self.monitors.contains(where: { $0.peer == peer }) {
            self.monitors.append(Monitor(peer: peer, level: Self.infoLevel))
        }
        return "OK\n"
    }

    /// `SET_NETWORK <id> <name> <value>`.
    private func setNetwork(_ argument: String) -> Bool {
        let parts = argument.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let id = Int(parts[0]), let index = self.networkIndex(id) else { return false }
        return self.networks[index].set(String(parts[1]), String(parts[2]))
    }

    /// `GET_NETWORK <id> <name>`: the value without a newline, as the real reply has none.
    private func getNetwork(_ argument: String) -> String? {
        let parts = argument.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int(parts[0]), let index = self.networkIndex(id) else { return nil }
        return self.networks[index].get(String(parts[1]))
    }

    /// The network ids an `ENABLE/DISABLE/REMOVE_NETWORK` argument names: one id or `all`.
    private func networkIDs(_ argument: String) -> [Int]? {
        let first = argument.split(separator: " ").first.map(String.init) ?? ""
        if first == "all" { return self.networks.map(\.id) }
        guard let id = Int(first), self.networkIndex(id) != nil else { return nil }
        return [id]
    }

    /// `SELECT_NETWORK <id>|any`: the network enabled and every other one disabled (`disabled=1`,
    /// as the real command leaves them), or every network enabled for `any`; then a new
    /// connection unless already connected to it. Unlike the real daemon, selecting a
    /// temporarily disabled network clears the disable, so a corrected key is tried at once.
    private func selectNetwork(_ argument: String) -> Bool {
        let first = argument.split(separator: " ").first.map(String.init) ?? ""
        var target: Int?
        if first != "any" {
            guard let id = Int(first), let index = self.networkIndex(id), self.networks[index].disabled != 2 else {
                return false
            }
            target = id
        }
        for index in self.networks.indices where self.networks[index].disabled != 2 {
            let enabled = target == nil || self.networks[index].id == target
            self.networks[index].disabled = enabled ? 0 : 1
            if self.networks[index].id == target { self.clearTemporaryDisable(index) }
        }
        self.disconnectedByRequest = false
        if let association = self.association, self.state == .completed, target == nil || association.network == target
        {
            return true
        }
        self.dropAssociation(reason: 3, locallyGenerated: true)
        self.requestConnection()
        return true
    }

    /// `ENABLE_NETWORK <id>|all`: enabled with any temporary disable cleared; a connection is
    /// tried when there is none yet.
    private func enableNetworks(_ argument: String) -> Bool {
        guard let ids = self.networkIDs(argument) else { return false }
        for index in self.networks.indices where ids.contains(self.networks[index].id) {
            guard self.networks[index].disabled != 2 else { continue }
            self.networks[index].disabled = 0
            self.clearTemporaryDisable(index)
        }
        if self.association == nil { self.requestConnection() }
        return true
    }

    /// `DISABLE_NETWORK <id>|all`: disabled, leaving it if it is the current one.
    private func disableNetworks(_ argument: String) -> Bool {
        guard let ids = self.networkIDs(argument) else { return false }
        for index in self.networks.indices where ids.contains(self.networks[index].id) {
            if self.networks[index].disabled != 2 { self.networks[index].disabled = 1 }
        }
        self.settleAfterRemoving(ids)
        return true
    }

    /// `REMOVE_NETWORK <id>|all`: `CTRL-EVENT-NETWORK-REMOVED` for each, leaving the current one.
    private func removeNetworks(_ argument: String) -> Bool {
        guard let ids = self.networkIDs(argument) else { return false }
        self.networks.removeAll { ids.contains($0.id) }
        for id in ids { self.emit("CTRL-EVENT-NETWORK-REMOVED \(id)") }
        self.settleAfterRemoving(ids)
        return true
    }

    /// After networks were disabled or removed: leave the association if it used one of them
    /// (deauthenticating, reason 3), and look again — or go idle if nothing is left to try.
    private func settleAfterRemoving(_ ids: [Int]) {
        let dropped = self.association.map { ids.contains($0.network) } ?? false
        if dropped { self.dropAssociation(reason: 3, locallyGenerated: true) }
        if dropped || (self.association == nil && self.eligibleNetworks.isEmpty) { self.requestConnection() }
    }

    /// `SAVE_CONFIG`: FAIL without `--config` or with `update_config=0`, as the real one fails
    /// without a file to write or the permission to.
    private func saveConfiguration() -> Bool {
        guard let path = self.options.configurationPath, self.updateConfig else { return false }
        var file = ConfigFile()
        file.globals = self.globals
        file.networks = self.networks
        return ConfigFile.write(file.text(controlDirectory: self.options.controlDirectory), to: path)
    }

    /// `SET <name> <value>` for the globals a client may reasonably set; others FAIL.
    private func setGlobal(_ argument: String) -> Bool {
        let parts = argument.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return false }
        switch (parts[0], parts[1]) {
        case ("update_config", "0"), ("update_config", "1"):
            self.updateConfig = parts[1] == "1"
            return true
        case ("ap_scan", "0"), ("ap_scan", "1"), ("ap_scan", "2"): return true
        default: return false
        }
    }
}

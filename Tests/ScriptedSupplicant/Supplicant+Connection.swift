/// The association machine: connection scans, the outcome of joining (connected, wrong key,
/// not found), the retries wpa_supplicant makes on its own, and the fault hooks of SIGUSR1/2.
extension Supplicant {
    /// How long NETWORK-NOT-FOUND waits before the next connection scan.
    static let notFoundRetry = 2000

    /// Seconds a network stays temporarily disabled after its n-th failed authentication, as
    /// `wpas_auth_failed` counts them.
    static func temporaryDisableDuration(failures: Int) -> Int {
        switch failures {
        case 51...: 300
        case 11...: 120
        case 6...: 90
        case 4...: 60
        case 3: 30
        case 2: 20
        default: 10
        }
    }

    /// Networks that may be tried now: enabled, with an SSID, not temporarily disabled.
    var eligibleNetworks: [NetworkBlock] {
        let now = TimerQueue<Event>.now
        return self.networks.filter { $0.disabled == 0 && $0.ssid != nil && !$0.isTemporarilyDisabled(at: now) }
    }

    /// Starts looking for a network to join, unless associated (or associating), already
    /// scanning for one, or disconnected on request. With nothing to try it waits for the
    /// earliest temporary disable to pass, or stays idle.
    func requestConnection() {
        guard !self.disconnectedByRequest, self.association == nil, self.phase != .scanning else { return }
        self.timers.cancel(self.connectionTimer)
        self.connectionTimer = nil
        guard self.eligibleNetworks.isEmpty else {
            self.phase = .scanning
            self.state = .scanning
            self.emit("CTRL-EVENT-SCAN-STARTED ")
            self.connectionTimer = self.timers.schedule(after: self.options.associateDelay, .connectionScanFinished)
            return
        }
        let now = TimerQueue<Event>.now
        let waits = self.networks.filter { $0.disabled == 0 && $0.ssid != nil }.compactMap(\.disabledUntil)
        if let earliest = waits.filter({ $0 > now }).min() {
            self.phase = .waiting
            self.state = .disconnected
            self.connectionTimer = self.timers.schedule(at: earliest, .retry)
        } else {
            self.phase = .idle
            if self.manualScan == nil { self.state = self.idleState }
        }
    }

    /// The connection scan is done: join the best network on the air (highest priority, then
    /// strongest signal), or report that none was found and scan again in a while.
    func connectionScanFinished() {
        self.phase = .idle
        self.finishScan()
        // Everything was disabled or removed while the scan ran: nothing is missing, nothing to try.
        guard !self.eligibleNetworks.isEmpty, !self.disconnectedByRequest else {
            self.requestConnection()
            return
        }
        let candidates = self.eligibleNetworks.flatMap { network in
            AccessPoint.air.indices.filter { self.isOnAir($0) && AccessPoint.air[$0].isNamed(by: network) }
                .map { (network, $0) }
        }
        let best = candidates.max { first, second in
            (first.0.priority, AccessPoint.air[first.1].signal) < (second.0.priority, AccessPoint.air[second.1].signal)
        }
        guard let (network, accessPoint) = best else {
            self.emit("CTRL-EVENT-NETWORK-NOT-FOUND")
            self.state = .disconnected
            self.phase = .waiting
            self.connectionTimer = self.timers.schedule(after: Self.notFoundRetry, .retry)
            return
        }
        self.associate(network, with: accessPoint)
    }

    /// Associates; the right key completes at once, a wrong one fails after the wrong-key delay.
    func associate(_ network: NetworkBlock, with index: Int) {
        let accessPoint = AccessPoint.air[index]
        self.association = Association(network: network.id, accessPoint: index)
        self.lastAccessPoint = index
        self.emit(
            "Trying to associate with \(accessPoint.bssid) (SSID='\(SupplicantText.encode(accessPoint.ssid))' "
                + "freq=\(accessPoint.frequency) MHz)")
        self.emit("Associated with \(accessPoint.bssid)")
        guard accessPoint.accepts(network) else {
            self.state = accessPoint.security == .open ? .associated : .fourWayHandshake
            self.phase = .handshaking
            self.connectionTimer = self.timers.schedule(after: self.options.wrongKeyDelay, .handshakeFailed)
            return
        }
        if accessPoint.security != .open {
            self.emit("WPA: Key negotiation completed with \(accessPoint.bssid) [PTK=CCMP GTK=CCMP]")
        }
        self.state = .completed
        self.phase = .idle
        let idString = network.idString.map { String(decoding: $0, as: UTF8.self) } ?? ""
        self.emit(
            "CTRL-EVENT-CONNECTED - Connection to \(accessPoint.bssid) completed [id=\(network.id) id_str=\(idString)]")
        if let position = self.networkIndex(network.id) { self.clearTemporaryDisable(position) }
    }

    /// The handshake with a wrong key gave up: disconnected, the network temporarily disabled
    /// for longer with every failure, and wpa_supplicant goes on looking.
    func handshakeFailed() {
        guard let association = self.association else { return }
        let accessPoint = AccessPoint.air[association.accessPoint]
        self.association = nil
        self.phase = .idle
        self.state = .disconnected
        self.emit("CTRL-EVENT-DISCONNECTED bssid=\(accessPoint.bssid) reason=15")
        if accessPoint.security == .wpa2Personal {
            self.emit("WPA: 4-Way Handshake failed - pre-shared key may be incorrect")
        }
        if let position = self.networkIndex(association.network) {
            self.networks[position].authFailures += 1
            let failures = self.networks[position].authFailures
            let duration = Self.temporaryDisableDuration(failures: failures)
            self.networks[position].disabledUntil = TimerQueue<Event>.now + Int64(duration) * 1000
            let ssid = SupplicantText.encode(self.networks[position].ssid ?? [])
            self.emit(
                "CTRL-EVENT-SSID-TEMP-DISABLED id=\(association.network) ssid=\"\(ssid)\" "
                    + "auth_failures=\(failures) duration=\(duration) reason=WRONG_KEY")
        }
        self.requestConnection()
    }

    /// A retry is due.
    func retry() {
        self.phase = .idle
        self.requestConnection()
    }

    /// Ends the association (if any) with a `CTRL-EVENT-DISCONNECTED` of `reason`, and stops any
    /// connection scan or retry; the caller decides what comes next.
    func dropAssociation(reason: Int, locallyGenerated: Bool) {
        self.timers.cancel(self.connectionTimer)
        self.connectionTimer = nil
        if let association = self.association {
            let suffix = locallyGenerated ? " locally_generated=1" : ""
            self.emit(
                "CTRL-EVENT-DISCONNECTED bssid=\(AccessPoint.air[association.accessPoint].bssid) reason=\(reason)\(suffix)"
            )
        }
        self.association = nil
        self.phase = .idle
        self.state = self.idleState
    }

    /// Clears a temporary disable and the failure count, as a success or an explicit enable does
    /// (`wpas_clear_temp_disabled`), with `CTRL-EVENT-SSID-REENABLED` if one was set.
    func clearTemporaryDisable(_ position: Int) {
        if self.networks[position].disabledUntil != nil {
            let ssid = SupplicantText.encode(self.networks[position].ssid ?? [])
            self.emit("CTRL-EVENT-SSID-REENABLED id=\(self.networks[position].id) ssid=\"\(ssid)\"")
        }
        self.networks[position].disabledUntil = nil
        self.networks[position].authFailures = 0
    }

    /// SIGUSR1: the access point of the current (or latest) association goes off the air; a
    /// station on it loses it (deauthenticated by the AP, reason 4: inactivity) and scans for it.
    func accessPointVanishes() {
        guard let target = self.association?.accessPoint ?? self.lastAccessPoint else {
            self.log("no access point to take off the air yet")
            return
        }
        self.vanished.insert(target)
        guard self.association?.accessPoint == target else { return }
        self.dropAssociation(reason: 4, locallyGenerated: false)
        self.state = .disconnected
        self.requestConnection()
    }

    /// SIGUSR2: every vanished access point is back; a station still looking finds it at once.
    func accessPointsReturn() {
        self.vanished.removeAll()
        if self.association == nil && self.phase == .waiting {
            self.phase = .idle
            self.requestConnection()
        }
    }
}

import UplinkCore

/// wlan0's radio: its connectivity technology under the core's `ConnectionContract`, and the
/// scan, join and forget of `WiFiControl` (in `SimulatedWiFi+Control.swift`).
///
/// The networks around it (`accessPoints`), strongest first:
///
/// | SSID | security | signal | key |
/// |---|---|---|---|
/// | Workshop | WPA2 | -52 dBm | `correct horse battery` (remembered at boot) |
/// | Office-5G | WPA3 | -61 dBm | `office five gee` |
/// | Bob's "Shed" \ AP | WPA2 | -66 dBm | `shed-key-2024` |
/// | Guest | open | -70 dBm | — (IPv4 only) |
/// | Depot | WPA2, hidden | -74 dBm | `depot-key-2024` (join by name, marked hidden) |
/// | Café ☕ Zürich | WPA2 | -78 dBm | `cafe-zurich-24` |
///
/// An association attempt finds the network (0.5 s), is associated and dormant while the key is
/// checked (until 1.5 s; an open network has no key and is not dormant), then asks for a lease
/// (1.2 s more). A wrong key is refused at 3 s
/// ("wrong password", which retrying will not fix); a network that is not there is given up at
/// 2 s ("network not found", which the contract retries until the connect timeout). An access
/// point that goes away takes the association with it: a lost connection.
///
/// A join while a network is in use is vetted first: the radio finds, authenticates with and gets
/// a lease from the new network while the current association keeps carrying traffic, and
/// switches over only once the new one has connected (so wlan0 never stops being ready). If the
/// new one fails, nothing changes; a real radio would drop and go back, but a technician learns the
/// same lesson: the old network stays in use and saved, and a wrong key is never saved. Without a
/// network in use, a join becomes the target of the binding's connect attempt (connecting wlan0 if
/// needed); if it fails for good, the attempt goes back to the remembered networks.
@ManagerActor
public final class SimulatedWiFi: ConnectivityTechnology {
    /// One association attempt of the radio, towards one network.
    struct Attempt {
        /// Tells the timers of an attempt from those of a later one.
        var serial: UInt64
        var credentials: WiFiCredentials
        /// The contract's try it carries out; nil for a join that started between two tries (the
        /// next try takes it over).
        var tryID: ConnectionAttemptStateMachine.TryID?
        /// True when a person asked for this network; false when the radio picked a remembered one.
        var isJoin: Bool
        /// True while another network is in use and keeps carrying traffic.
        var isInBackground: Bool
        var phase: AttemptPhase = .searching
        var timer: TimerID?
    }

    /// Where an association attempt is.
    enum AttemptPhase {
        /// The interface is down, so the radio is off; the attempt waits for it to come up.
        case waitingForRadio
        /// Looking for the network.
        case searching
        /// Associated with the access point; the key is being checked (the link is dormant).
        case authenticating(SimulatedAccessPoint)
        /// Authenticated; waiting for the DHCP lease.
        case requestingLease(SimulatedAccessPoint)
    }

    /// The network in use: associated, with its lease.
    struct Association {
        var credentials: WiFiCredentials
        var accessPoint: SimulatedAccessPoint
    }

    public let name = "wifi"
    weak var device: SimulatedDevice?
    /// Every network around the device, hidden ones included.
    public let accessPoints: [SimulatedAccessPoint]
    /// The networks the radio may join by itself, most recently connected first.
    var remembered: [WiFiCredentials]
    private(set) var association: Association?
    /// The network whose lease wlan0 holds; it outlives the association, as a DHCP client keeps
    /// its lease through a loss of carrier.
    private var leasedNetwork: SSID?
    private(set) var attempt: Attempt?
    private var attempts: UInt64 = 0
    weak var link: ContractedLink?
    /// The network a person asked for and the radio has not joined yet.
    var joinTarget: WiFiCredentials?
    /// Why the last try of a pending join failed, for when the attempt ends without it.
    var lastJoinFailure: String?
    var joinStatus: WiFiJoinState = .idle
    var scanStatus: WiFiScanState = .idle
    var scanResults: [WiFiNetwork] = []
    var scanTimer: TimerID?

    init() {
        self.accessPoints = SimulatedAccessPoint.standard
        let workshop = SimulatedAccessPoint.workshop
        do {
            self.remembered = [
                try WiFiCredentials(ssid: workshop.ssid, security: workshop.security, secret: workshop.key)
            ]
        } catch {
            preconditionFailure("the Workshop network's key must be valid: \(error)")
        }
    }

    /// The names of the remembered networks, most recently connected first.
    public var rememberedNetworks: [SSID] { self.remembered.map(\.ssid) }

    /// The network in use, if any.
    public var currentNetwork: SSID? { self.association?.credentials.ssid }

    /// The signal of the network in use, in dBm.
    var currentSignal: Int? { self.association?.accessPoint.signal }

    /// The router of the network in use.
    var currentGateway: IPv4Address? { self.association?.accessPoint.lease.gateway }

    // MARK: - ConnectivityTechnology

    public func initialize(_ link: ContractedLink) {
        self.link = link
    }

    public func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        self.link = link
        if self.association != nil {
            // A join finished between two tries: the link is up already.
            link.trySucceeded(id)
            return
        }
        if var attempt = self.attempt, !attempt.isInBackground {
            attempt.tryID = id
            self.attempt = attempt
            return
        }
        self.cancelAttempt()
        guard let credentials = self.joinTarget ?? self.preferredRememberedNetwork() else {
            link.tryFailed(id, reason: "no remembered network; join one first", retryable: false)
            return
        }
        self.begin(credentials, tryID: id, isJoin: self.joinTarget != nil, isInBackground: false)
    }

    public func stop(_ link: ContractedLink) {
        let pendingJoin = self.joinTarget
        self.cancelAttempt()
        self.association = nil
        self.leasedNetwork = nil
        if let device = self.device {
            // Disassociating first, so the manager's reason for the loss is the one that happened.
            device.setLowerLayer(of: SimulatedDevice.Interfaces.wifi, up: false)
            device.releaseLease(on: SimulatedDevice.Interfaces.wifi)
        }
        guard let pendingJoin else { return }
        let reason: String
        switch link.state {
        case .failed(let why): reason = why
        case .idle, .trying, .waitingToRetry, .connected: reason = "cancelled"
        }
        self.joinStatus = .failed(pendingJoin.ssid, reason: self.lastJoinFailure ?? reason)
        self.joinTarget = nil
        self.lastJoinFailure = nil
    }

    public func hasConfiguration(_ link: ContractedLink) -> Bool {
        !self.remembered.isEmpty || self.joinTarget != nil
    }

    // MARK: - The air and the radio

    /// The interface went up or down: the radio is switched on or off.
    func powerChanged() {
        guard let device = self.device else { return }
        guard device.isAdminUp(SimulatedDevice.Interfaces.wifi) else {
            if case .scanning = self.scanStatus {
                device.cancel(self.scanTimer)
                self.scanTimer = nil
                self.scanStatus = .failed(reason: "wlan0 went down during the scan")
            }
            if self.association != nil { self.loseAssociation("administratively down") }
            if var attempt = self.attempt, !attempt.isInBackground {
                self.cancelAttempt()
                attempt.phase = .waitingForRadio
                attempt.timer = nil
                self.attempt = attempt
            }
            return
        }
        if let attempt = self.attempt, case .waitingForRadio = attempt.phase {
            self.attempt = nil
            self.begin(attempt.credentials, tryID: attempt.tryID, isJoin: attempt.isJoin, isInBackground: false)
        }
    }

    /// An access point was switched off or on.
    func airChanged() {
        if let association = self.association, !self.isOnAir(association.accessPoint) {
            self.loseAssociation("access point of \"\(association.credentials.ssid)\" went away")
        }
        guard let attempt = self.attempt else { return }
        switch attempt.phase {
        case .authenticating(let accessPoint), .requestingLease(let accessPoint):
            if !self.isOnAir(accessPoint) { self.fail("network not found", retryable: true) }
        case .waitingForRadio, .searching:
            break
        }
    }

    /// Whether an access point is switched on.
    func isOnAir(_ accessPoint: SimulatedAccessPoint) -> Bool {
        guard let device = self.device else { return true }
        return !(accessPoint.ssid == SimulatedAccessPoint.workshop.ssid && device.isActive(.wifiAccessPointOff))
    }

    /// The access point these credentials find: on the air, and announced or probed for by name.
    private func accessPoint(for credentials: WiFiCredentials) -> SimulatedAccessPoint? {
        self.accessPoints.first { accessPoint in
            accessPoint.ssid == credentials.ssid && self.isOnAir(accessPoint)
                && (!accessPoint.isHidden || credentials.isHidden)
        }
    }

    /// The remembered network to join by itself: the most recently used one in range, or the most
    /// recently used one at all (whose search then says it is not found).
    func preferredRememberedNetwork() -> WiFiCredentials? {
        self.remembered.first { self.accessPoint(for: $0) != nil } ?? self.remembered.first
    }

    /// The association in use dropped; the contract decides whether to reconnect.
    private func loseAssociation(_ reason: String) {
        self.association = nil
        // A join being vetted meanwhile becomes the next try's target (it is still `joinTarget`).
        if let attempt = self.attempt, attempt.isInBackground { self.cancelAttempt() }
        self.device?.setLowerLayer(of: SimulatedDevice.Interfaces.wifi, up: false)
        self.link?.connectionLost(reason: reason)
    }

    // MARK: - An association attempt

    /// Starts an attempt, replacing the running one.
    func begin(
        _ credentials: WiFiCredentials,
        tryID: ConnectionAttemptStateMachine.TryID?,
        isJoin: Bool,
        isInBackground: Bool
    ) {
        self.cancelAttempt()
        guard let device = self.device else { return }
        self.attempts += 1
        var attempt = Attempt(
            serial: self.attempts,
            credentials: credentials,
            tryID: tryID,
            isJoin: isJoin,
            isInBackground: isInBackground
        )
        guard device.isAdminUp(SimulatedDevice.Interfaces.wifi) else {
            attempt.phase = .waitingForRadio
            self.attempt = attempt
            return
        }
        let isThere = self.accessPoint(for: credentials) != nil
        let timings = device.timings
        attempt.timer = self.schedule(attempt, after: isThere ? timings.wifiAssociation : timings.wifiNotFound) {
            $0.searchEnded()
        }
        self.attempt = attempt
    }

    private func searchEnded() {
        guard let device = self.device, var attempt = self.attempt else { return }
        let credentials = attempt.credentials
        guard let accessPoint = self.accessPoint(for: credentials) else {
            self.fail("network not found", retryable: true)
            return
        }
        guard accessPoint.security == credentials.security else {
            let why =
                "security mismatch: \"\(credentials.ssid)\" uses \(accessPoint.security), not \(credentials.security)"
            self.fail(why, retryable: false)
            return
        }
        if !attempt.isInBackground {
            // A lease from another network is worthless here; the DHCP client drops it on seeing
            // the new network, so the old address never makes wlan0 look ready on this one.
            if let leased = self.leasedNetwork, leased != accessPoint.ssid {
                device.releaseLease(on: SimulatedDevice.Interfaces.wifi)
                self.leasedNetwork = nil
            }
            device.setLowerLayer(
                of: SimulatedDevice.Interfaces.wifi,
                up: true,
                dormant: accessPoint.security.needsSecret
            )
        }
        let timings = device.timings
        let ends = accessPoint.accepts(credentials) ? timings.wifiAuthentication : timings.wifiWrongPassword
        attempt.phase = .authenticating(accessPoint)
        attempt.timer = self.schedule(attempt, after: ends - timings.wifiAssociation) { $0.authenticationEnded() }
        self.attempt = attempt
    }

    private func authenticationEnded() {
        guard let device = self.device, var attempt = self.attempt,
            case .authenticating(let accessPoint) = attempt.phase
        else { return }
        guard accessPoint.accepts(attempt.credentials) else {
            self.fail("wrong password", retryable: false)
            return
        }
        if !attempt.isInBackground {
            device.setLowerLayer(of: SimulatedDevice.Interfaces.wifi, up: true, dormant: false)
        }
        attempt.phase = .requestingLease(accessPoint)
        attempt.timer = self.schedule(attempt, after: device.timings.dhcpLease) { $0.leaseArrived() }
        self.attempt = attempt
    }

    private func leaseArrived() {
        guard let device = self.device, let attempt = self.attempt,
            case .requestingLease(let accessPoint) = attempt.phase
        else { return }
        self.attempt = nil
        // One batch: the old network's addresses go as the new one's come, so wlan0 stays ready.
        device.configureLease(accessPoint.lease, on: SimulatedDevice.Interfaces.wifi)
        self.association = Association(credentials: attempt.credentials, accessPoint: accessPoint)
        self.leasedNetwork = accessPoint.ssid
        self.remembered.removeAll { $0.ssid == attempt.credentials.ssid }
        self.remembered.insert(attempt.credentials, at: 0)
        if attempt.isJoin {
            self.joinStatus = .joined(attempt.credentials.ssid)
            self.joinTarget = nil
            self.lastJoinFailure = nil
        }
        if let id = attempt.tryID { self.link?.trySucceeded(id) }
    }

    /// Ends the running attempt without a connection.
    private func fail(_ reason: String, retryable: Bool) {
        guard let attempt = self.attempt else { return }
        self.cancelAttempt()
        if attempt.isJoin {
            if retryable && !attempt.isInBackground {
                // The contract tries the join again until its connect timeout.
                self.lastJoinFailure = reason
            } else {
                self.joinStatus = .failed(attempt.credentials.ssid, reason: reason)
                self.joinTarget = nil
                self.lastJoinFailure = nil
                // Go back to the remembered networks within the same try.
                if !attempt.isInBackground, let id = attempt.tryID, let fallback = self.preferredRememberedNetwork() {
                    self.begin(fallback, tryID: id, isJoin: false, isInBackground: false)
                    return
                }
            }
        }
        if let id = attempt.tryID { self.link?.tryFailed(id, reason: reason, retryable: retryable) }
    }

    /// Stops the running attempt and undoes what it did to the link.
    func cancelAttempt() {
        guard let attempt = self.attempt else { return }
        self.attempt = nil
        self.link?.binding?.cancel(attempt.timer)
        guard !attempt.isInBackground else { return }
        switch attempt.phase {
        case .authenticating, .requestingLease:
            self.device?.setLowerLayer(of: SimulatedDevice.Interfaces.wifi, up: false)
        case .waitingForRadio, .searching:
            break
        }
    }

    /// Arms an attempt's timer; the work runs only if the attempt is still the running one.
    private func schedule(
        _ attempt: Attempt,
        after delay: Duration,
        _ work: @escaping @ManagerActor (SimulatedWiFi) -> Void
    ) -> TimerID? {
        let serial = attempt.serial
        return self.link?.binding?.schedule(after: delay) { [weak self] in
            guard let self, self.attempt?.serial == serial else { return }
            work(self)
        }
    }
}

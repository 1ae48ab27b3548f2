import Glibc

/// A stand-in for wpa_supplicant 2.10 on one interface: its control socket, its configured
/// networks, a BSS table filled by scans of the scripted air, and the association machine, all
/// driven by one poll loop with timers for the delayed events.
///
/// Replies and events are the real daemon's text, so the connection manager's Wi-Fi adapter
/// can be tested — and the dashboard demonstrated — on a machine without a radio. The commands
/// are in `Supplicant+Commands.swift`, the association machine in `Supplicant+Connection.swift`,
/// the long replies in `Supplicant+Replies.swift`.
final class Supplicant {
    /// What a timer fires.
    enum Event {
        /// A `SCAN` has finished.
        case scanFinished
        /// The scan that looks for a network to join has finished.
        case connectionScanFinished
        /// The 4-way handshake (or SAE exchange) with a wrong key has given up.
        case handshakeFailed
        /// Time to look for a network again: after NETWORK-NOT-FOUND or a temporary disable.
        case retry
    }

    /// A client that sent `ATTACH`, and the lowest message level it wants (`LEVEL`).
    struct Monitor {
        var peer: ControlSocket.Peer
        var level: Int
    }

    /// An entry of the BSS table: an access point a scan has seen.
    struct SeenBSS {
        /// `CTRL-EVENT-BSS-ADDED`'s id, counted up as wpa_supplicant does.
        let id: Int
        /// Index into `AccessPoint.air`.
        let accessPoint: Int
        var lastSeen: Int64
        var updateIndex: Int
    }

    /// The association in progress or made.
    struct Association {
        /// The network block's id.
        var network: Int
        /// Index into `AccessPoint.air`.
        var accessPoint: Int
    }

    /// Where the association machine is, besides `association`.
    enum Phase {
        /// Not trying: connected, disconnected on request, or nothing to try.
        case idle
        /// A connection scan is running.
        case scanning
        /// Associated with a wrong key, waiting for the handshake to fail.
        case handshaking
        /// Waiting for `Event.retry`.
        case waiting
    }

    /// wpa_supplicant's priority of the events it sends: MSG_INFO.
    static let infoLevel = 3
    /// The station's own address, locally administered like the access points'.
    static let ownAddress = "02:00:00:00:01:00"

    let options: Options
    let socket: ControlSocket
    var timers = TimerQueue<Event>()
    var networks: [NetworkBlock] = []
    var globals: [String] = []
    var updateConfig = true
    var monitors: [Monitor] = []
    /// Events raised while handling one input, sent after its reply.
    var outbox: [String] = []
    var state = WPAState.inactive
    var bssTable: [SeenBSS] = []
    var lastBSSID = -1
    var scanCount = 0
    var manualScan: TimerQueue<Event>.Identifier?
    var connectionTimer: TimerQueue<Event>.Identifier?
    var phase = Phase.idle
    var association: Association?
    /// The access point of the latest association, which SIGUSR1 makes vanish.
    var lastAccessPoint: Int?
    /// Access points SIGUSR1 took off the air.
    var vanished: Set<Int> = []
    /// `DISCONNECT` was sent: no connection is tried until `RECONNECT`, `REASSOCIATE` or a select.
    var disconnectedByRequest = false
    var running = true

    /// Binds the control socket and reads the configuration file.
    init(options: Options) throws {
        self.options = options
        if let path = options.configurationPath, let file = try ConfigFile.read(path) {
            self.networks = file.networks
            self.globals = file.globals
            self.updateConfig = file.updateConfig
        }
        self.socket = try ControlSocket(directory: options.controlDirectory, interface: options.interface)
    }

    /// Serves until `TERMINATE` or a terminating signal; returns the exit status.
    func run() -> Int32 {
        let signals = SignalPipe.install([SIGTERM, SIGINT, SIGUSR1, SIGUSR2, SIGHUP])
        if let pidFile = self.options.pidFile {
            guard ConfigFile.write("\(getpid())\n", to: pidFile) else {
                self.log("cannot write the pid file \(pidFile)")
                self.socket.close()
                return 1
            }
        }
        self.log("serving \(self.socket.path) with \(self.networks.count) network(s) from the configuration")
        self.state = self.idleState
        self.requestConnection()
        self.flushEvents()
        while self.running {
            var descriptors = [
                pollfd(fd: self.socket.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), self.timers.pollTimeout)
            if ready < 0 && errno != EINTR {
                self.log("poll: \(String(cString: strerror(errno)))")
                break
            }
            for signal in SignalPipe.drain(signals) where self.running {
                self.handleSignal(signal)
                self.flushEvents()
            }
            while self.running, let (request, peer) = self.socket.receive() {
                let reply = self.reply(to: request, from: peer)
                self.socket.send(Array(reply.utf8), to: peer)
                self.flushEvents()
            }
            while self.running, let (identifier, event) = self.timers.popDue() {
                self.fire(event, identifier)
                self.flushEvents()
            }
        }
        self.emit("CTRL-EVENT-TERMINATING ")
        self.flushEvents()
        self.socket.close()
        if let pidFile = self.options.pidFile { unlink(pidFile) }
        self.log("terminated")
        return 0
    }

    /// One line on standard error.
    func log(_ line: String) {
        let bytes = Array(("uplink-scripted-supplicant: " + line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Queues an event for the attached clients, sent once the current input is handled.
    func emit(_ event: String) {
        self.outbox.append(event)
    }

    /// Sends the queued events as `<3>event` to every client attached at MSG_INFO or below,
    /// detaching a client whose socket is gone.
    func flushEvents() {
        let events = self.outbox
        self.outbox.removeAll()
        for event in events {
            let message = Array("<\(Self.infoLevel)>\(event)".utf8)
            self.monitors.removeAll { monitor in
                guard monitor.level <= Self.infoLevel else { return false }
                let error = self.socket.send(message, to: monitor.peer)
                return error == ECONNREFUSED || error == ENOENT
            }
        }
    }

    /// The state without an association: INACTIVE when no network is enabled.
    var idleState: WPAState {
        self.networks.contains { $0.disabled == 0 } ? .disconnected : .inactive
    }

    /// Index of the network block with `id`.
    func networkIndex(_ id: Int) -> Int? {
        self.networks.firstIndex { $0.id == id }
    }

    /// Whether a scan would see the access point now.
    func isOnAir(_ accessPoint: Int) -> Bool {
        !self.vanished.contains(accessPoint)
    }

    /// Starts a `SCAN`: `CTRL-EVENT-SCAN-STARTED` now, the results after the scan delay.
    func startManualScan() {
        self.emit("CTRL-EVENT-SCAN-STARTED ")
        if self.association == nil && self.phase != .scanning { self.state = .scanning }
        self.manualScan = self.timers.schedule(after: self.options.scanDelay, .scanFinished)
    }

    /// Ends a scan: the BSS table follows the air (new access points added, vanished ones
    /// removed, with their events), then `CTRL-EVENT-SCAN-RESULTS`.
    func finishScan() {
        let now = TimerQueue<Event>.now
        self.scanCount += 1
        for (index, _) in AccessPoint.air.enumerated() where self.isOnAir(index) {
            if let entry = self.bssTable.firstIndex(where: { $0.accessPoint == index }) {
                self.bssTable[entry].lastSeen = now
                self.bssTable[entry].updateIndex = self.scanCount
            } else {
                self.lastBSSID += 1
                let entry = SeenBSS(id: self.lastBSSID, accessPoint: index, lastSeen: now, updateIndex: self.scanCount)
                self.bssTable.append(entry)
                self.emit("CTRL-EVENT-BSS-ADDED \(entry.id) \(AccessPoint.air[index].bssid)")
            }
        }
        for entry in self.bssTable where !self.isOnAir(entry.accessPoint) {
            self.emit("CTRL-EVENT-BSS-REMOVED \(entry.id) \(AccessPoint.air[entry.accessPoint].bssid)")
        }
        self.bssTable.removeAll { !self.isOnAir($0.accessPoint) }
        self.emit("CTRL-EVENT-SCAN-RESULTS ")
    }

    private func fire(_ event: Event, _ identifier: TimerQueue<Event>.Identifier) {
        switch event {
        case .scanFinished:
            guard identifier == self.manualScan else { return }
            self.manualScan = nil
            self.finishScan()
            if self.state == .scanning && self.phase != .scanning && self.association == nil {
                self.state = self.idleState
            }
        case .connectionScanFinished, .handshakeFailed, .retry:
            guard identifier == self.connectionTimer else { return }
            self.connectionTimer = nil
            switch event {
            case .connectionScanFinished: self.connectionScanFinished()
            case .handshakeFailed: self.handshakeFailed()
            default: self.retry()
            }
        }
    }

    private func handleSignal(_ signal: Int32) {
        switch signal {
        case SIGUSR1:
            self.log("SIGUSR1: the access point goes off the air")
            self.accessPointVanishes()
        case SIGUSR2:
            self.log("SIGUSR2: the access points are back on the air")
            self.accessPointsReturn()
        case SIGHUP:
            // wpa_supplicant rereads its configuration on SIGHUP; the script keeps what it has.
            self.log("SIGHUP: ignored")
        default:
            self.log("signal \(signal): terminating")
            self.running = false
        }
    }
}

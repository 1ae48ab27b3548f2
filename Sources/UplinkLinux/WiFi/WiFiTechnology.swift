import UplinkCore

/// Wi-Fi as a connectivity technology: wpa_supplicant associates and authenticates, driven over
/// its control interface; then the addressing technology (Ethernet's DHCP client) gets an address,
/// exactly as on a cable.
///
/// ```swift
/// let addressing = EthernetTechnology(configurator: configurator, defaultConfiguration: .dhcp(routeMetric: 600))
/// let wifi = WiFiTechnology(addressing: addressing, configurations: ["wlan0": WiFiConfiguration()])
/// wifi.manager = manager
/// try manager.bind("wlan0", to: ConnectionContract(wifi, random: SystemRandomNumberGenerator()))
/// ```
///
/// - One connect is one attempt: wpa_supplicant's own scans and association retries happen inside
///   it. A "network not found" or a rejection is a retryable failure (the contract backs off and
///   lets wpa_supplicant go on); a wrong key or a refused 802.1X authentication is not — retrying
///   the same key cannot work — and ends the attempt with the reason.
/// - The connect timeout stops wpa_supplicant trying: `stop` sends DISCONNECT, which also keeps it
///   from reconnecting by itself after a loss on a binding that is not persistent. A persistent
///   binding's new attempt lets it reconnect (RECONNECT).
/// - A join keeps the network in use configured, and only disabled, until the new one has
///   connected; if the new one fails, the old ones are enabled again and the device goes back.
///   Only a network that connected is saved (SAVE_CONFIG).
/// - wpa_supplicant going away (TERMINATING, a dead socket, no answer to the liveness check) is a
///   loss of the connection and a `serviceChanged` event; uplink reattaches when the socket is
///   back and reports how long it was gone. Requests have a timeout, so a hung supplicant costs
///   a second, never a hang.
/// - Keys pass through `SupplicantNetworkSettings`, whose descriptions mask them; no error, event or
///   status here carries one.
@ManagerActor
public final class WiFiTechnology: ConnectivityTechnology {
    /// The waits the technology uses, all on the manager's clock.
    public struct Timings: Hashable, Sendable {
        /// How often an attached supplicant is checked for life (a SIGKILL sends nothing).
        public var liveness: Duration = .seconds(5)
        /// How often a missing supplicant's socket is looked for.
        public var reattach: Duration = .seconds(1)
        /// How long a scan may take before it is reported failed.
        public var scanLimit: Duration = .seconds(15)
        /// How long a new network has to connect before the device goes back to the old one, when
        /// the binding has no connect timeout; with one, two thirds of it.
        public var trial: Duration = .seconds(30)
        /// How long a request waits for wpa_supplicant's reply.
        public var request: Duration = .seconds(1)
        /// How long the liveness check's PING waits before it calls the supplicant hung.
        public var hungLimit: Duration = .milliseconds(500)
        /// NETWORK-NOT-FOUND reports after which a join gives up on the network.
        public var notFoundLimit = 2

        public init() {}
    }

    public let name = "wifi"
    /// Gets the address once associated: DHCP or a static address, routes at Wi-Fi's metric.
    public let addressing: EthernetTechnology
    /// The manager, for a join that must bring the interface up and connect it.
    public weak var manager: ConnectionManager?
    public let timings: Timings
    var configurations: [String: WiFiConfiguration]
    let defaultConfiguration: WiFiConfiguration
    let clientDirectory: String?
    var ports: [String: WiFiPort] = [:]
    private let notices: AsyncStream<(String, SupplicantEventMonitor.Notice)>.Continuation

    /// - Parameters:
    ///   - addressing: the Ethernet technology that puts an address on an associated interface.
    ///   - configurations: per interface name; the others get `defaultConfiguration`.
    ///   - clientDirectory: where uplink's own control-socket ends are made (the default `/tmp`).
    public init(
        addressing: EthernetTechnology,
        configurations: [String: WiFiConfiguration] = [:],
        defaultConfiguration: WiFiConfiguration = WiFiConfiguration(),
        timings: Timings = Timings(),
        clientDirectory: String? = nil
    ) {
        self.addressing = addressing
        self.configurations = configurations
        self.defaultConfiguration = defaultConfiguration
        self.timings = timings
        self.clientDirectory = clientDirectory
        let (stream, continuation) = AsyncStream<(String, SupplicantEventMonitor.Notice)>.makeStream()
        self.notices = continuation
        // One consumer keeps the supplicant's events in the order they were sent.
        Task { @ManagerActor [weak self] in
            for await (interfaceName, notice) in stream {
                guard let self else { return }
                self.received(notice, on: interfaceName)
            }
        }
    }

    deinit {
        self.notices.finish()
    }

    /// The configuration of an interface.
    public func configuration(for interfaceName: String) -> WiFiConfiguration {
        self.configurations[interfaceName] ?? self.defaultConfiguration
    }

    /// True once uplink has talked to the interface's supplicant and it answers.
    public func isSupplicantRunning(on interfaceName: String) -> Bool {
        self.ports[interfaceName]?.isRunning == true
    }

    // MARK: - ConnectivityTechnology

    public func initialize(_ link: ContractedLink) {
        guard let port = self.port(for: link) else { return }
        _ = self.ensureAttached(port)
    }

    public func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        guard let port = self.port(for: link) else { return }
        guard self.ensureAttached(port) else {
            link.tryFailed(id, reason: port.notRunningReason ?? "wpa_supplicant not running", retryable: true)
            return
        }
        self.refreshAssociation(port)
        if port.isAssociated, port.trial == nil || port.currentNetworkID == port.trial?.candidate {
            self.advance(port)
            return
        }
        guard port.trial == nil else { return }
        if port.known.isEmpty {
            link.tryFailed(id, reason: "no Wi-Fi network configured; choose one with w", retryable: true)
            return
        }
        // Clears a DISCONNECT of ours; a no-op while wpa_supplicant is already trying.
        do {
            try port.control.expectOK("RECONNECT", timeout: self.timings.request)
        } catch {
            link.tryFailed(id, reason: Self.words(error), retryable: true)
        }
    }

    public func stop(_ link: ContractedLink) {
        guard let port = self.port(for: link) else { return }
        self.addressing.stop(link)
        port.addressingTry = nil
        if let trial = port.trial {
            let reason: String
            if case .failed(let why) = link.state { reason = why } else { reason = "stopped" }
            self.endJoin(trial, on: port, failure: reason, fallBack: false)
        }
        guard port.isRunning == true else { return }
        // Also what keeps wpa_supplicant from reconnecting by itself after a non-persistent loss.
        try? port.control.expectOK("DISCONNECT", timeout: self.timings.request)
    }

    public func hasConfiguration(_ link: ContractedLink) -> Bool {
        guard let port = self.port(for: link), self.ensureAttached(port) else { return true }
        self.refreshKnown(port)
        return port.trial != nil || !port.known.isEmpty
    }

    public func linkChanged(_ snapshot: LinkSnapshot, on link: ContractedLink) {
        // The addressing technology only acts on a link it was started for.
        self.addressing.linkChanged(snapshot, on: link)
    }

    // MARK: - Association and addressing

    /// Starts addressing for the current try once the supplicant is associated with the network
    /// the try is for.
    func advance(_ port: WiFiPort) {
        guard let link = port.link, case .trying(let id, _, _) = link.state, port.isAssociated else { return }
        if let trial = port.trial, port.currentNetworkID != trial.candidate { return }
        guard port.addressingTry != id else { return }
        port.addressingTry = id
        self.addressing.startTry(id, on: link)
    }

    /// Reads STATUS into the port: associated or not, with which network.
    func refreshAssociation(_ port: WiFiPort) {
        guard let reply = try? port.control.request("STATUS", timeout: self.timings.request) else { return }
        let status = SupplicantStatus(parsing: reply)
        let wasAssociated = port.isAssociated
        port.isAssociated = status.state.isConnected
        port.currentNetworkID = status.state.isConnected ? status.networkID : nil
        // A disconnection seen here first is the same loss as its event, which then finds nothing.
        if wasAssociated && !port.isAssociated { self.associationLost(port, reason: "disconnected") }
    }

    /// Reads LIST_NETWORKS (and each network's key management) into the port.
    func refreshKnown(_ port: WiFiPort) {
        guard let reply = try? port.control.request("LIST_NETWORKS", timeout: self.timings.request) else { return }
        let before = port.known
        defer { if port.known != before { self.changed(port) } }
        port.known = SupplicantNetworkEntry.parse(reply).compactMap { entry in
            guard let ssid = entry.ssid else { return nil }
            let keyManagement = try? port.control.request(
                "GET_NETWORK \(entry.id) key_mgmt", timeout: self.timings.request)
            return WiFiPort.KnownNetwork(
                id: entry.id,
                ssid: ssid,
                // Unread (a request that timed out), it keeps what it was rather than turn "open".
                security: keyManagement.map { SupplicantNetworkSettings.security(keyManagement: $0) }
                    ?? before.first { $0.id == entry.id }?.security ?? .open,
                isDisabled: entry.isDisabled
            )
        }
        if port.isAssociated, let id = port.currentNetworkID, !port.known.contains(where: { $0.id == id }) {
            port.currentNetworkID = nil
        }
    }

    // MARK: - The supplicant's presence

    /// Attaches the event monitor unless it is attached; on failure records why and keeps looking.
    /// - Returns: true when the supplicant answers.
    @discardableResult
    func ensureAttached(_ port: WiFiPort) -> Bool {
        if port.isRunning == true, port.monitor?.isAttached == true {
            // A supplicant killed and restarted between two liveness checks answers requests on
            // its new socket while the monitor still listens on the old one: a PING shows it.
            _ = try? port.control.request("PING", timeout: self.timings.request)
            guard port.control.restartsSeen != port.restartsSeen else { return true }
            self.supplicantLost(port, reason: "it restarted")
        }
        // The monitor ended its attachment and its notice is still queued: handle the loss now.
        if port.isRunning == true { self.supplicantLost(port, reason: "its event socket closed") }
        let monitor =
            port.monitor
            ?? SupplicantEventMonitor(
                directory: self.configuration(for: port.interfaceName).supplicantDirectory,
                interfaceName: port.interfaceName,
                clientDirectory: self.clientDirectory
            ) { [notices = self.notices, name = port.interfaceName] notice in
                notices.yield((name, notice))
            }
        port.monitor = monitor
        do {
            try monitor.attach(timeout: self.timings.request)
        } catch {
            let wasRunning = port.isRunning
            port.isRunning = false
            port.notRunningReason = Self.words(error)
            if wasRunning == nil {
                port.link?.binding?.reportService(
                    "wpa_supplicant", isRunning: false, detail: "not running: \(Self.withoutService(Self.words(error)))"
                )
            }
            self.scheduleWatchdog(port, after: self.timings.reattach)
            return false
        }
        let wasLost = port.isRunning == false
        port.isRunning = true
        port.notRunningReason = nil
        if wasLost, let binding = port.link?.binding {
            let gap = port.lostAt.map { " after \(Self.seconds(binding.now - $0))" } ?? ""
            binding.reportService("wpa_supplicant", isRunning: true, detail: "running again\(gap)")
        }
        port.lostAt = nil
        port.restartsSeen = port.control.restartsSeen
        self.refreshKnown(port)
        self.refreshAssociation(port)
        // A supplicant restarted by its service manager reconnects from its file by itself; a
        // binding that is idle or failed must keep it from doing so, as DISCONNECT did before.
        if wasLost, let link = port.link {
            switch link.state {
            case .idle, .failed:
                try? port.control.expectOK("DISCONNECT", timeout: self.timings.request)
            case .trying, .waitingToRetry, .connected:
                break
            }
        }
        self.scheduleWatchdog(port, after: self.timings.liveness)
        return true
    }

    /// The supplicant stopped or died: the association goes with it, and uplink looks for it again.
    func supplicantLost(_ port: WiFiPort, reason text: String) {
        guard port.isRunning == true else { return }
        let reason = Self.withoutService(text)
        port.monitor?.detach()
        port.control.close()
        port.isRunning = false
        port.isHung = false
        port.notRunningReason = "wpa_supplicant not running: \(reason)"
        port.lostAt = port.link?.binding?.now
        port.link?.binding?.reportService("wpa_supplicant", isRunning: false, detail: "stopped: \(reason)")
        if let trial = port.trial { self.endJoin(trial, on: port, failure: "wpa_supplicant stopped", fallBack: false) }
        if case .scanning = port.scanState { self.scanEnded(port, .failed(reason: "wpa_supplicant stopped")) }
        let wasAssociated = port.isAssociated
        port.isAssociated = false
        port.currentNetworkID = nil
        port.signal = nil
        if wasAssociated { self.associationLost(port, reason: "wpa_supplicant stopped") }
        self.scheduleWatchdog(port, after: self.timings.reattach)
    }

    /// One timer per port: the liveness check while attached, the search for the socket while not.
    private func scheduleWatchdog(_ port: WiFiPort, after delay: Duration) {
        guard let binding = port.link?.binding else { return }
        binding.cancel(port.watchdog)
        port.watchdog = binding.schedule(after: delay) { [weak self, weak port] in
            guard let self, let port else { return }
            port.watchdog = nil
            self.watchdogFired(port)
        }
    }

    private func watchdogFired(_ port: WiFiPort) {
        if port.isRunning == true {
            do {
                try port.monitor?.checkAlive()
                self.checkAnswering(port)
                if !port.isHung { self.pollSignal(port) }
                self.scheduleWatchdog(port, after: self.timings.liveness)
            } catch {
                self.supplicantLost(port, reason: Self.words(error))
            }
            return
        }
        guard self.ensureAttached(port), let link = port.link else { return }
        switch link.state {
        case .trying(let id, _, _):
            self.startTry(id, on: link)
        case .waitingToRetry where port.isAssociated:
            // It associated before uplink attached, so no event will say so.
            link.switchTarget()
        case .waitingToRetry, .idle, .connected, .failed:
            break
        }
    }

    /// A supplicant that is there but does not answer (stopped, or stuck) takes every request up to
    /// its timeout: a PING with a short one says so, once, and says when it answers again.
    private func checkAnswering(_ port: WiFiPort) {
        let limit = self.timings.hungLimit
        do {
            _ = try port.control.request("PING", timeout: limit)
            guard port.isHung else { return }
            port.isHung = false
            port.link?.binding?.reportService("wpa_supplicant", isRunning: true, detail: "answering again")
            self.changed(port)
        } catch .timedOut {
            guard !port.isHung else { return }
            port.isHung = true
            port.link?.binding?.reportService(
                "wpa_supplicant", isRunning: false, detail: "not answering (no reply to PING within \(limit))")
            self.changed(port)
        } catch {
            return
        }
    }

    /// Reads the associated link's signal (SIGNAL_POLL), so the network in use shows a live figure
    /// rather than the last scan's; a wired port answers FAIL and shows none.
    func pollSignal(_ port: WiFiPort) {
        let before = port.signal
        if port.isAssociated, let reply = try? port.control.request("SIGNAL_POLL", timeout: self.timings.request) {
            port.signal = SupplicantSignal(parsing: reply)
        } else {
            port.signal = nil
        }
        if port.signal != before { self.changed(port) }
    }

    // MARK: - Helpers

    /// The port of the link's interface name, made on first use and tied to the link.
    func port(for link: ContractedLink) -> WiFiPort? {
        guard let name = link.binding?.interfaceName else { return nil }
        let port = self.port(named: name)
        if port.link !== link {
            port.link = link
            if port.watchdog == nil, port.isRunning != nil {
                self.scheduleWatchdog(
                    port, after: port.isRunning == true ? self.timings.liveness : self.timings.reattach)
            }
        }
        return port
    }

    func port(named name: String) -> WiFiPort {
        if let port = self.ports[name] { return port }
        let control = SupplicantControlSocket(
            directory: self.configuration(for: name).supplicantDirectory,
            interfaceName: name,
            clientDirectory: self.clientDirectory
        )
        let port = WiFiPort(interfaceName: name, control: control)
        self.ports[name] = port
        return port
    }

    /// A supplicant error's words without their "wpa_supplicant not running: ", for texts that
    /// name the service already.
    static func withoutService(_ text: String) -> String {
        let prefix = "wpa_supplicant not running: "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// An error in words, for reasons and messages.
    static func words(_ error: any Error) -> String {
        "\(error)"
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }
}

extension WiFiTechnology {
    /// Sets an interface's configuration for its next attach; nil returns it to the default.
    public func setConfiguration(_ configuration: WiFiConfiguration?, for interfaceName: String) {
        self.configurations[interfaceName] = configuration
    }
}

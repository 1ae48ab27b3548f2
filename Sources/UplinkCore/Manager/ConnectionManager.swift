/// The connection manager: tracks every interface's readiness, drives the implementations bound to
/// interfaces, and runs the automations that tie the two together.
///
/// All of its state lives on `ManagerActor`. Work arrives as link changes (from a `LinkSource`),
/// commands (connect, ignore, bulk operations…), reports from implementations and timers; each runs
/// to completion before the next starts. Link changes and implementation reports that arrive while
/// something is running are queued behind it — as the kernel's notifications queue behind the code
/// that caused them — so no automation ever runs in the middle of a command.
///
/// Time comes from the injected clock only; nothing here reads a wall clock, sleeps or touches a
/// socket. Timers are deadlines the manager fires itself: `fireDueTimers()` in tests after advancing
/// a manual clock, or a task started by `startTimers()` in production.
@ManagerActor
public final class ConnectionManager {
    /// The readiness monitor.
    public private(set) var monitor: ConnectivityMonitor
    /// The manager-wide automation switches.
    public var automation: AutomationSettings
    let linkControl: any LinkControl
    let time: TimeSource
    var bindings: [String: Binding] = [:]
    /// The probes' verdicts on ready interfaces; absent means unknown.
    var reachability: [InterfaceIndex: Reachability] = [:]

    private var timers = TimerQueue()
    private var timerWork: [TimerID: @ManagerActor () -> Void] = [:]
    private var timerTask: Task<Void, Never>?
    private var timerTaskDeadline: Duration?
    private var runsTimers = false

    private var pending: [@ManagerActor () -> Void] = []
    private var isRunning = false
    private var observers: [(token: UInt64, observe: @ManagerActor (ManagerEvent) -> Void)] = []
    private var nextObserver: UInt64 = 0

    /// Makes a manager.
    /// - Parameters:
    ///   - clock: the only source of time.
    ///   - linkControl: how to bring interfaces up and down.
    ///   - automation: the manager-wide automation switches.
    ///   - ignoredTechnologies: technologies whose interfaces start ignored.
    ///   - ignoredInterfaces: names of interfaces that start ignored when they appear.
    public init<C: Clock>(
        clock: C,
        linkControl: any LinkControl,
        automation: AutomationSettings = AutomationSettings(),
        ignoredTechnologies: Set<Technology> = [],
        ignoredInterfaces: Set<String> = []
    ) where C.Duration == Duration {
        self.time = TimeSource(clock)
        self.linkControl = linkControl
        self.automation = automation
        self.monitor = ConnectivityMonitor(ignoredTechnologies: ignoredTechnologies, ignoredNames: ignoredInterfaces)
    }

    /// Manager time: how long since the manager was made, on its clock.
    public var now: Duration { self.time.now() }

    // MARK: - Observing

    /// Calls `observer` with every event, synchronously, in order, from now on.
    /// - Returns: a token for `removeObserver(_:)`.
    @discardableResult
    public func addObserver(_ observer: @escaping @ManagerActor (ManagerEvent) -> Void) -> UInt64 {
        self.nextObserver += 1
        self.observers.append((self.nextObserver, observer))
        return self.nextObserver
    }

    /// Stops calling an observer.
    public func removeObserver(_ token: UInt64) {
        self.observers.removeAll { $0.token == token }
    }

    /// Every event from now on, as a stream; finishing the stream's consumer unsubscribes it.
    public func events() -> AsyncStream<ManagerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ManagerEvent.self)
        let token = self.addObserver { continuation.yield($0) }
        continuation.onTermination = { _ in
            Task { @ManagerActor [weak self] in self?.removeObserver(token) }
        }
        return stream
    }

    func emit(_ event: ManagerEvent) {
        for observer in self.observers {
            observer.observe(event)
        }
    }

    // MARK: - State

    /// Everything a face needs to draw the current state.
    public var snapshot: ManagerSnapshot {
        let interfaces = self.monitor.interfaces.values.sorted { $0.link.index < $1.link.index }.map { interface in
            InterfaceStatus(
                link: interface.link,
                addresses: interface.addresses,
                isIgnored: interface.isIgnored,
                readiness: interface.readiness,
                binding: self.bindings[interface.link.name].map(Self.status(of:)),
                reachability: self.reachability[interface.link.index] ?? .unknown
            )
        }
        return ManagerSnapshot(
            now: self.now,
            connectivity: ChannelValues(
                any: self.monitor.isConnected(.any),
                ipv4: self.monitor.isConnected(.ipv4),
                ipv6: self.monitor.isConnected(.ipv6)
            ),
            interfaces: interfaces,
            ignoredTechnologies: self.monitor.ignoredTechnologies,
            automation: self.automation
        )
    }

    /// The index of the interface with this name, if there is one.
    public func index(named name: String) -> InterfaceIndex? {
        self.monitor.interfaces.values.first { $0.link.name == name }?.link.index
    }

    private static func status(of binding: Binding) -> BindingStatus {
        BindingStatus(
            implementation: binding.implementation?.name,
            flags: binding.flags,
            connectTimeout: binding.connectTimeout,
            idleTimeout: binding.idleTimeout,
            activity: binding.activity,
            idleDeadline: binding.idleDeadline
        )
    }

    // MARK: - Link changes

    /// Takes changes from a link source. They are evaluated as one pass, after whatever the manager
    /// is doing now.
    public func apply(_ changes: [LinkChange]) {
        self.enqueue {
            self.process(self.monitor.apply(changes))
            self.notifyLinkChanges(changes)
        }
    }

    /// Tells each bound implementation about its interface's link as the batch left it, after the
    /// automations have acted on the batch: a technology that waits for carrier (Ethernet's DHCP)
    /// learns of it from the same source as the monitor, without a second netlink subscription.
    private func notifyLinkChanges(_ changes: [LinkChange]) {
        var indices: [InterfaceIndex] = []
        for change in changes {
            switch change {
            case .link(let link): indices.append(link.index)
            case .replaceAll(let links, _): indices += links.map(\.index)
            case .linkRemoved, .address, .addressRemoved: break
            }
        }
        var notified = Set<InterfaceIndex>()
        for index in indices where notified.insert(index).inserted {
            guard let binding = self.binding(for: index), let implementation = binding.implementation,
                let link = self.monitor.interfaces[index]?.link
            else { continue }
            implementation.linkChanged(binding, to: link)
        }
    }

    /// Takes one change from a link source.
    public func apply(_ change: LinkChange) {
        self.apply([change])
    }

    /// Follows a link source until it ends or the task is cancelled: its dump first, then its changes.
    public func follow(_ source: some LinkSource) async throws {
        for try await batch in source.follow() {
            self.apply(batch)
        }
    }

    /// Emits the monitor's events, then lets the automations act on its edges.
    func process(_ outcome: ConnectivityMonitor.Outcome) {
        for event in outcome.events {
            // A verdict about an interface that can no longer carry traffic says nothing; the
            // unready event already tells why, so the reset is silent.
            if case .interfaceUnready(let interface, _) = event { self.reachability[interface.index] = nil }
            self.emit(event)
        }
        for edge in outcome.edges { self.handle(edge) }
    }

    // MARK: - Reachability

    /// Records a reachability probe's verdict on an interface, emitting `reachabilityChanged` when
    /// it differs from the last one. Verdicts on interfaces that are not ready are dropped: they
    /// can only be late answers to probes sent before the interface went down.
    public func reportReachability(_ reachability: Reachability, index: InterfaceIndex) {
        self.perform {
            guard let interface = self.monitor.interfaces[index], interface.readiness.overall.isReady else { return }
            let previous = self.reachability[index] ?? .unknown
            guard !previous.agrees(with: reachability) else { return }
            self.reachability[index] = reachability
            self.emit(.reachabilityChanged(interface.id, reachability))
        }
    }

    // MARK: - Ignore and watch

    /// Ignores or watches an interface: an ignored interface never counts as ready. Repeating the
    /// current choice does nothing.
    /// - Throws: `.invalidArgument` when there is no such interface.
    public func setIgnored(_ ignored: Bool, index: InterfaceIndex) throws(ControlError) {
        try self.perform { () throws(ControlError) in
            guard let outcome = self.monitor.setIgnored(ignored, index: index) else {
                throw ControlError(.invalidArgument, "no interface with index \(index)")
            }
            self.process(outcome)
        }
    }

    /// Ignores or watches every interface of a technology, now and when more appear.
    public func setIgnored(_ ignored: Bool, technology: Technology) {
        self.perform { self.process(self.monitor.setIgnored(ignored, technology: technology)) }
    }

    /// Whether an interface is ignored; nil when there is no such interface.
    public func isIgnored(_ index: InterfaceIndex) -> Bool? {
        self.monitor.interfaces[index]?.isIgnored
    }

    /// Emits the three current connectivity events — global, IPv6, IPv4 — even if nothing changed,
    /// for a listener that subscribed late.
    public func resendStatus() {
        self.perform { for event in self.monitor.resendStatus() { self.emit(event) } }
    }

    // MARK: - Running work

    /// Runs a command. Work queued meanwhile runs when the outermost command finishes.
    func perform<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        guard !self.isRunning else { return try body() }
        self.isRunning = true
        defer {
            self.drain()
            self.isRunning = false
            self.rearmTimerTask()
        }
        return try body()
    }

    /// Queues work behind whatever runs now, or runs it at once when nothing does.
    func enqueue(_ work: @escaping @ManagerActor () -> Void) {
        self.pending.append(work)
        guard !self.isRunning else { return }
        self.perform {}
    }

    private func drain() {
        var next = 0
        while next < self.pending.count {
            let work = self.pending[next]
            next += 1
            work()
        }
        self.pending.removeAll(keepingCapacity: true)
    }

    // MARK: - Timers

    /// Runs `work` on the manager's clock after `delay`, for adapters that model the world on the
    /// same clock (the simulation); implementations use `Binding.schedule(after:_:)`.
    @discardableResult
    public func schedule(after delay: Duration, _ work: @escaping @ManagerActor () -> Void) -> TimerID {
        self.scheduleTimer(after: delay, work)
    }

    /// Cancels work scheduled with `schedule(after:_:)`; a no-op once it has run.
    public func cancel(_ timer: TimerID) {
        self.cancelTimer(timer)
    }

    func scheduleTimer(after delay: Duration, _ work: @escaping @ManagerActor () -> Void) -> TimerID {
        let id = self.timers.schedule(at: self.now + delay)
        self.timerWork[id] = work
        if !self.isRunning { self.rearmTimerTask() }
        return id
    }

    func cancelTimer(_ id: TimerID) {
        self.timers.cancel(id)
        self.timerWork[id] = nil
        if !self.isRunning { self.rearmTimerTask() }
    }

    /// When the next timer is due, if any is scheduled.
    public var nextDeadline: Duration? { self.timers.nextDeadline }

    /// Runs every timer that is due on the clock now, earliest first, including ones that the
    /// work of earlier ones schedules for no later than now.
    public func fireDueTimers() {
        self.perform {
            while let id = self.timers.popDue(at: self.now) {
                if let work = self.timerWork.removeValue(forKey: id) { work() }
            }
        }
    }

    /// Fires timers by itself from now on, sleeping on the clock until the next one is due; nothing
    /// wakes while no timer is scheduled.
    public func startTimers() {
        self.runsTimers = true
        self.rearmTimerTask()
    }

    /// Stops firing timers by itself.
    public func stopTimers() {
        self.runsTimers = false
        self.timerTask?.cancel()
        self.timerTask = nil
        self.timerTaskDeadline = nil
    }

    private func rearmTimerTask() {
        guard self.runsTimers else { return }
        let next = self.timers.nextDeadline
        guard next != self.timerTaskDeadline || self.timerTask == nil else { return }
        self.timerTask?.cancel()
        self.timerTask = nil
        self.timerTaskDeadline = next
        guard let next else { return }
        let time = self.time
        self.timerTask = Task { @ManagerActor [weak self] in
            do { try await time.sleep(next) } catch { return }
            guard let self, !Task.isCancelled else { return }
            self.timerTask = nil
            self.timerTaskDeadline = nil
            self.fireDueTimers()
            self.rearmTimerTask()
        }
    }
}

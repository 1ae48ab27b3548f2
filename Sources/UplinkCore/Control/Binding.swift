/// The tie between an interface (by name) and the implementation that connects it, with the
/// binding's flags, timeouts and state. Implementations receive it in every call and report
/// through it.
///
/// Bindings are declared by interface name, as a configuration file names interfaces, and attach to
/// whichever interface carries that name: they survive the interface being removed and re-created,
/// and follow renames. Flags and timeouts belong to the binding and survive both; the
/// implementation's `context` and any running timers belong to one attachment and do not.
@ManagerActor
public final class Binding {
    /// The name of the interface this binding is for.
    public let interfaceName: String
    /// The implementation; nil when the configuration named one that is not available, in which
    /// case the binding counts as unbound (the reference's binding with a NULL API).
    public let implementation: (any ConnectivityImplementation)?
    /// The interface the binding is attached to now; nil while no interface has its name.
    public internal(set) var interface: InterfaceID?
    /// The binding's flags.
    public internal(set) var flags: BindingFlags
    /// Set by a deliberate disconnect and cleared by the next connect or the loss it causes; while
    /// set, a loss is expected, so it is neither reconnected nor counted against persistence.
    public internal(set) var isDisconnecting = false
    /// How long one connect attempt may take; nil for no limit. Implementations enforce it.
    public internal(set) var connectTimeout: Duration?
    /// How long the connection may stay unused before the manager drops it; nil for never.
    public internal(set) var idleTimeout: Duration?
    /// What the binding is doing now.
    public internal(set) var activity: BindingActivity = .idle
    /// When the idle timer runs out, while it runs.
    public internal(set) var idleDeadline: Duration?
    /// Storage for the implementation's per-binding state; cleared when the binding detaches.
    public var context: AnyObject?

    weak var manager: ConnectionManager?
    var idleTimer: TimerID?

    init(interfaceName: String, implementation: (any ConnectivityImplementation)?, configuration: BindingConfiguration)
    {
        self.interfaceName = interfaceName
        self.implementation = implementation
        self.flags = configuration.flags
        self.connectTimeout = configuration.connectTimeout
        self.idleTimeout = configuration.idleTimeout
    }

    /// True when the binding is attached to an interface and has an implementation.
    public var isBound: Bool { self.interface != nil && self.implementation != nil }

    /// The attached interface's link as the kernel last reported it; nil while detached.
    public var link: LinkSnapshot? {
        guard let index = self.interface?.index else { return nil }
        return self.manager?.monitor.interfaces[index]?.link
    }

    /// The manager's current time, for implementations that compute deadlines.
    public var now: Duration { self.manager?.now ?? .zero }

    // MARK: - Reports from the implementation

    /// The connect attempt ran out of time and has been stopped. The manager emits
    /// `connectTimeout` and takes the interface down unless the binding says not to.
    public func raiseTimeout() {
        self.manager?.enqueueBindingEvent(.timeout, for: self)
    }

    /// Connecting failed in a way retrying will not fix (no DHCP client installed, permission
    /// denied). The manager emits `fatalError` and takes the interface down unless told not to.
    public func raiseFatalError(_ reason: String) {
        self.manager?.enqueueBindingEvent(.fatalError(reason), for: self)
    }

    /// A daemon the implementation drives for this interface stopped answering, or answers again;
    /// the manager emits `serviceChanged` so that the gap shows in the event log and to scripts.
    public func reportService(_ service: String, isRunning: Bool, detail: String) {
        guard let manager = self.manager else { return }
        manager.enqueue { [weak self] in
            guard let interface = self?.interface else { return }
            manager.emit(.serviceChanged(interface, service: service, isRunning: isRunning, detail: detail))
        }
    }

    /// What the implementation shows of the interface beyond readiness changed (a scan finished, a
    /// join ended); the manager emits `technologyChanged` so that faces redraw at once.
    public func reportTechnologyChanged() {
        guard let manager = self.manager else { return }
        manager.enqueue { [weak self] in
            guard let interface = self?.interface else { return }
            manager.emit(.technologyChanged(interface))
        }
    }

    /// The connection carried traffic: restarts the idle timer, when one is set and running.
    public func markUsed() {
        self.manager?.restartIdleTimer(of: self)
    }

    /// Records what the implementation is doing, for implementations with `reportsActivity`.
    public func report(_ activity: BindingActivity) {
        self.activity = activity
    }

    /// Runs `work` on the manager's clock after `delay`, unless cancelled first. Implementations use
    /// this rather than sleeping so that every timeout in uplink runs on the injected clock.
    @discardableResult
    public func schedule(after delay: Duration, _ work: @escaping @ManagerActor () -> Void) -> TimerID? {
        self.manager?.scheduleTimer(after: delay, work)
    }

    /// Cancels work scheduled with `schedule(after:_:)`; a no-op once it has run.
    public func cancel(_ timer: TimerID?) {
        guard let timer else { return }
        self.manager?.cancelTimer(timer)
    }

    /// Queues work behind whatever the manager is doing now, on the manager's actor.
    public func enqueue(_ work: @escaping @ManagerActor () -> Void) {
        self.manager?.enqueue(work)
    }

    /// Hands work from elsewhere (a finished DHCP exchange, a supplicant event) to the manager's
    /// queue, to run after whatever the manager is doing now.
    public nonisolated func post(_ work: @escaping @ManagerActor @Sendable () -> Void) {
        Task { @ManagerActor in work() }
    }
}

/// Identifies a timer scheduled on the manager's clock.
public struct TimerID: Hashable, Sendable {
    let rawValue: UInt64
}

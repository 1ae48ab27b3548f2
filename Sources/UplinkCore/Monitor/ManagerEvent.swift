/// Something the manager tells its listeners: a change in connectivity or in a binding's fortunes.
public enum ManagerEvent: Hashable, Sendable, CustomStringConvertible {
    /// The count of ready interfaces on `channel` went from zero to one or more (`connected`) or
    /// back to zero, or `resendStatus` restated it. `interface` is the one to blame: see
    /// `ConnectivityMonitor` for the rule; nil when there is nobody to blame.
    case connectivity(ConnectivityChannel, connected: Bool, interface: InterfaceID?)
    /// An interface became ready (in either family). Beyond the reference: users asked for
    /// per-interface events (its issue #78790).
    case interfaceReady(InterfaceID)
    /// An interface stopped being ready, and why.
    case interfaceUnready(InterfaceID, reason: NotReadyReason)
    /// The implementation gave up a connect attempt because the binding's connect timeout ran out.
    case connectTimeout(InterfaceID)
    /// The implementation hit an error that retrying will not fix.
    case fatalError(InterfaceID, reason: String)
    /// The binding's idle timeout ran out; the manager disconnects it next.
    case idleTimeout(InterfaceID)
    /// A connect was refused because the implementation has nothing to connect with (no SSID, no APN).
    case noConfiguration(InterfaceID)
    /// An automation (auto-connect, auto-down, idle disconnect) failed; the reference only logs these.
    case automationFailed(InterfaceID, automation: Automation, reason: String)
    /// A reachability probe's verdict on a ready interface changed: its upstream started or stopped
    /// answering. Beyond the reference, which stops at readiness.
    case reachabilityChanged(InterfaceID, Reachability)
    /// A daemon an implementation drives for the interface (wpa_supplicant, a modem manager) stopped
    /// answering (`isRunning` false) or answers again. `detail` says why, or how long it was gone.
    /// Beyond the reference, which has no daemons under it.
    case serviceChanged(InterfaceID, service: String, isRunning: Bool, detail: String)
    /// What a technology shows of the interface beyond readiness changed — a Wi-Fi scan finished,
    /// a join ended, the known networks changed — so a face reads it again now, not at its next tick.
    case technologyChanged(InterfaceID)

    /// The manager's automations, named in `automationFailed`.
    public enum Automation: String, Sendable, Hashable {
        /// Connecting a bound interface when it comes up.
        case autoConnect = "auto-connect"
        /// Taking a bound interface down after a disconnect, loss, timeout or fatal error.
        case autoDown = "auto-down"
        /// Disconnecting a binding whose idle timeout ran out.
        case idleDisconnect = "idle-disconnect"
    }

    /// A stable identifier for the kind of event, for scripts and JSON; never translated.
    public var name: String {
        switch self {
        case .connectivity(let channel, let connected, _):
            "\(channel)-\(connected ? "connected" : "disconnected")"
        case .interfaceReady: "iface-ready"
        case .interfaceUnready: "iface-unready"
        case .connectTimeout: "connect-timeout"
        case .fatalError: "fatal-error"
        case .idleTimeout: "idle-timeout"
        case .noConfiguration: "no-configuration"
        case .automationFailed: "automation-failed"
        case .reachabilityChanged(_, let reachability):
            switch reachability {
            case .reachable: "iface-reachable"
            case .unreachable: "iface-unreachable"
            case .unknown: "iface-reachability-unknown"
            }
        case .serviceChanged(_, _, let isRunning, _): isRunning ? "service-back" : "service-lost"
        case .technologyChanged: "technology-changed"
        }
    }

    /// The interface the event is about, if any.
    public var interface: InterfaceID? {
        switch self {
        case .connectivity(_, _, let interface): interface
        case .interfaceReady(let interface), .interfaceUnready(let interface, _), .connectTimeout(let interface),
            .fatalError(let interface, _), .idleTimeout(let interface), .noConfiguration(let interface),
            .automationFailed(let interface, _, _), .reachabilityChanged(let interface, _),
            .serviceChanged(let interface, _, _, _), .technologyChanged(let interface):
            interface
        }
    }

    /// The reason carried by the event, in words, if it has one.
    public var reason: String? {
        switch self {
        case .interfaceUnready(_, let reason): reason.description
        case .fatalError(_, let reason): reason
        case .automationFailed(_, let automation, let reason): "\(automation.rawValue): \(reason)"
        case .reachabilityChanged(_, .unreachable(_, let reason)): reason
        case .serviceChanged(_, let service, _, let detail): "\(service): \(detail)"
        case .connectivity, .interfaceReady, .connectTimeout, .idleTimeout, .noConfiguration, .technologyChanged,
            .reachabilityChanged(_, .reachable), .reachabilityChanged(_, .unknown):
            nil
        }
    }

    public var description: String {
        var text = self.name
        if let interface = self.interface { text += " \(interface)" }
        if let reason = self.reason { text += " (\(reason))" }
        return text
    }
}

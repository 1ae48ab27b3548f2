/// Whether traffic through a ready interface gets beyond its first hop, as the last reachability
/// probe found. Readiness says an interface has what it needs (carrier, a usable address);
/// reachability says the upstream actually answers — a cable can be plugged in and a lease held
/// while the router behind it has gone silent.
///
/// Probes are adapters (the simulation's upstream model, later ICMP and HTTP checks); the manager
/// only records what they report and forgets it when the interface stops being ready, since a
/// verdict about an interface that cannot carry traffic says nothing.
public enum Reachability: Hashable, Sendable, CustomStringConvertible {
    /// No probe has reported since the interface became ready, or none runs for it.
    case unknown
    /// The last probe got an answer; reachable since `since` (manager time).
    case reachable(since: Duration)
    /// Probes stopped getting answers at `since` (manager time); `reason` says what was tried.
    case unreachable(since: Duration, reason: String)

    /// True for `.reachable`.
    public var isReachable: Bool {
        switch self {
        case .reachable: true
        case .unknown, .unreachable: false
        }
    }

    /// A stable identifier for scripts and JSON; never translated.
    public var code: String {
        switch self {
        case .unknown: "unknown"
        case .reachable: "reachable"
        case .unreachable: "unreachable"
        }
    }

    public var description: String {
        switch self {
        case .unknown: "not probed"
        case .reachable: "upstream answers"
        case .unreachable(_, let reason): "upstream silent: \(reason)"
        }
    }

    /// Whether two verdicts say the same thing, whenever they were reached: a probe that confirms
    /// the current verdict changes nothing.
    func agrees(with other: Reachability) -> Bool {
        switch (self, other) {
        case (.unknown, .unknown), (.reachable, .reachable): true
        case (.unreachable(_, let left), .unreachable(_, let right)): left == right
        case (.unknown, _), (.reachable, _), (.unreachable, _): false
        }
    }
}

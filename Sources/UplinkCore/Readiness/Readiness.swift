/// Whether an interface (or one address family on it) is ready, and if not, why not.
public enum Readiness: Hashable, Sendable, CustomStringConvertible {
    /// It can carry traffic beyond the link in this family (or in either, for the overall verdict).
    case ready
    /// It cannot, for this reason.
    case notReady(NotReadyReason)

    /// True for `.ready`.
    public var isReady: Bool {
        switch self {
        case .ready: true
        case .notReady: false
        }
    }

    /// The reason, or nil when ready.
    public var reason: NotReadyReason? {
        switch self {
        case .ready: nil
        case .notReady(let reason): reason
        }
    }

    public var description: String {
        switch self {
        case .ready: "ready"
        case .notReady(let reason): "not ready: \(reason)"
        }
    }
}

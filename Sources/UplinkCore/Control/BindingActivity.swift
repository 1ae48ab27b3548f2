/// What a binding is doing, as the dashboard and `status` show it.
///
/// Times are in manager time (see `ConnectionManager.now`), so a face computes countdowns from the
/// snapshot alone.
public enum BindingActivity: Hashable, Sendable, CustomStringConvertible {
    /// Nothing requested: never connected, or disconnected on purpose.
    case idle
    /// A connect attempt is running; it gives up at `deadline` when there is a connect timeout.
    case connecting(since: Duration, deadline: Duration?)
    /// Connected: the implementation's link is up.
    case connected(since: Duration)
    /// Between two tries of one attempt, waiting until `at`; `lastFailure` says why the last one failed.
    case retrying(at: Duration, deadline: Duration?, lastFailure: String)
    /// The last attempt ended without a connection and nothing is retrying.
    case failed(reason: String)

    /// A stable identifier for scripts and JSON.
    public var code: String {
        switch self {
        case .idle: "idle"
        case .connecting: "connecting"
        case .connected: "connected"
        case .retrying: "retrying"
        case .failed: "failed"
        }
    }

    public var description: String {
        switch self {
        case .idle: "idle"
        case .connecting: "connecting"
        case .connected: "connected"
        case .retrying(_, _, let lastFailure): "retrying after: \(lastFailure)"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}

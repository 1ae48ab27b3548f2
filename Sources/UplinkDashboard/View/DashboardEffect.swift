import UplinkCore

/// What the dashboard asks its runtime to do after a key; the view model never does it itself.
public enum DashboardEffect: Hashable, Sendable {
    /// Send a command to the manager service; a failure comes back through `commandFailed`.
    case execute(ManagerCommand)
    /// Leave the dashboard.
    case quit
}

/// The manager-wide switches for its automations; each binding can also opt out with its flags.
public struct AutomationSettings: Hashable, Sendable {
    /// Connect bound interfaces when they come up (the reference has no global switch; flags only).
    public var autoConnect: Bool
    /// Take bound interfaces down after a disconnect, loss, timeout or fatal error
    /// (the reference's `CONFIG_NET_CONNECTION_MANAGER_AUTO_IF_DOWN`, on by default).
    public var autoDown: Bool

    public init(autoConnect: Bool = true, autoDown: Bool = true) {
        self.autoConnect = autoConnect
        self.autoDown = autoDown
    }
}

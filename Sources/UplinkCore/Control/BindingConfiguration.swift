/// The settings a binding starts with, as a configuration file states them.
public struct BindingConfiguration: Hashable, Sendable {
    /// The binding's flags.
    public var flags: BindingFlags
    /// How long one connect attempt may take before it is given up; nil for no limit.
    public var connectTimeout: Duration?
    /// How long the connection may stay unused before it is dropped; nil for never.
    public var idleTimeout: Duration?

    public init(flags: BindingFlags = [], connectTimeout: Duration? = nil, idleTimeout: Duration? = nil) {
        self.flags = flags
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
    }
}

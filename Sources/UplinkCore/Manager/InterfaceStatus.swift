/// One interface as a snapshot shows it: link, addresses, readiness and binding.
public struct InterfaceStatus: Hashable, Sendable {
    /// The link as the kernel last reported it.
    public var link: LinkSnapshot
    /// Its addresses.
    public var addresses: [InterfaceAddress]
    /// Whether the monitor ignores it.
    public var isIgnored: Bool
    /// The readiness rule's verdict, overall and per family.
    public var readiness: InterfaceReadiness
    /// Its binding, if one is declared for its name.
    public var binding: BindingStatus?
    /// What the last reachability probe found; `.unknown` while not ready or not probed.
    public var reachability: Reachability = .unknown

    /// The interface's identity.
    public var id: InterfaceID { self.link.id }
}

/// A binding as a snapshot shows it.
public struct BindingStatus: Hashable, Sendable {
    /// The implementation's name; nil when the configured implementation is not available.
    public var implementation: String?
    /// The binding's flags.
    public var flags: BindingFlags
    /// The connect timeout; nil for none.
    public var connectTimeout: Duration?
    /// The idle timeout; nil for none.
    public var idleTimeout: Duration?
    /// What the binding is doing.
    public var activity: BindingActivity
    /// When the idle timer runs out, while it runs.
    public var idleDeadline: Duration?
}

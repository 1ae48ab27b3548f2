/// A technology's way of connecting an interface: associating with an access point, obtaining a
/// DHCP lease, attaching a modem. The manager binds interfaces to implementations and calls them;
/// one implementation serves any number of bindings, keeping per-binding state in `Binding.context`.
///
/// The contract, from the reference's implementation guidelines:
/// - Calls must not block: start the work and return; report later through the binding
///   (`raiseTimeout()`, `raiseFatalError(_:)`, `markUsed()`, `report(_:)`).
/// - `connect` and `disconnect` may be called again while a previous call is in progress; both must
///   be idempotent. The manager forwards every call, as the reference does.
/// - One connect is one attempt: retry failed tries inside it until the binding's connect timeout,
///   then stop and `raiseTimeout()`. After a loss, reconnect only when the binding is persistent.
///   `ConnectionContract` implements exactly this, and technologies should use it.
/// - Errors thrown from `connect`, `disconnect` and the option calls reach the caller unchanged.
///
/// Every requirement has a default: an implementation that cannot connect, disconnect or take
/// options reports `ControlError.notSupported` for that call only.
@ManagerActor
public protocol ConnectivityImplementation: AnyObject {
    /// A short name for the implementation (`ethernet`, `wifi`), shown beside bound interfaces.
    var name: String { get }

    /// True when the implementation keeps `Binding.activity` up to date itself through
    /// `Binding.report(_:)`; otherwise the manager derives it from calls, events and link state.
    var reportsActivity: Bool { get }

    /// Called once when a binding attaches to its interface, before any other call for it.
    func initialize(_ binding: Binding)

    /// Starts connecting. The interface is already administratively up.
    func connect(_ binding: Binding) throws

    /// Starts disconnecting; cancels an attempt in progress.
    func disconnect(_ binding: Binding) throws

    /// The binding's interface went away or was renamed; drop everything kept for it.
    func detach(_ binding: Binding)

    /// The kernel reported the binding's interface's link again (admin state, carrier, dormancy
    /// or anything else may have changed), after the manager's automations acted on it.
    func linkChanged(_ binding: Binding, to link: LinkSnapshot)

    /// Sets an implementation-specific option.
    /// - Throws: `ControlError` with `.noSuchOption` for an unknown option, `.bufferTooSmall` for a
    ///   value that does not fit (or truncate it, and say so in the option's documentation).
    func setOption(_ option: Int, value: [UInt8], for binding: Binding) throws

    /// Reads an implementation-specific option into at most `capacity` bytes.
    /// - Throws: `ControlError` with `.noSuchOption` for an unknown option, `.bufferTooSmall` when
    ///   the value does not fit and cannot be truncated.
    func getOption(_ option: Int, capacity: Int, for binding: Binding) throws -> [UInt8]

    /// Whether the binding has what it needs to connect (an SSID, an APN). A non-persistent binding
    /// without it is not brought up or connected; the manager emits `noConfiguration` instead.
    func hasConfiguration(_ binding: Binding) -> Bool
}

extension ConnectivityImplementation {
    public var reportsActivity: Bool { false }

    public func initialize(_ binding: Binding) {}

    public func connect(_ binding: Binding) throws {
        throw ControlError(.notSupported, interface: binding.interfaceName, "\(self.name) cannot connect")
    }

    public func disconnect(_ binding: Binding) throws {
        throw ControlError(.notSupported, interface: binding.interfaceName, "\(self.name) cannot disconnect")
    }

    public func detach(_ binding: Binding) {}

    public func linkChanged(_ binding: Binding, to link: LinkSnapshot) {}

    public func setOption(_ option: Int, value: [UInt8], for binding: Binding) throws {
        throw ControlError(.notSupported, interface: binding.interfaceName, "\(self.name) has no options")
    }

    public func getOption(_ option: Int, capacity: Int, for binding: Binding) throws -> [UInt8] {
        throw ControlError(.notSupported, interface: binding.interfaceName, "\(self.name) has no options")
    }

    public func hasConfiguration(_ binding: Binding) -> Bool { true }
}

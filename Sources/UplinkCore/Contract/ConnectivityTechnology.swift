/// What a technology (Ethernet with DHCP, Wi-Fi through a supplicant, a cellular modem) provides to
/// `ConnectionContract`, which turns it into a `ConnectivityImplementation` with the reference's
/// timeout and persistence behaviour.
///
/// A technology only knows how to make one try and how to stop: the contract decides when to try,
/// when to give up and when to reconnect. Reports go through the `ContractedLink` it is handed.
@ManagerActor
public protocol ConnectivityTechnology: AnyObject {
    /// A short name (`ethernet`, `wifi`), shown beside bound interfaces.
    var name: String { get }

    /// Called once when a binding attaches, before anything else for it.
    func initialize(_ link: ContractedLink)

    /// Makes one try, without blocking. Exactly one of `link.trySucceeded(id)` or
    /// `link.tryFailed(id, …)` must follow, unless `stop` comes first.
    func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink)

    /// Stops any try and undoes what the technology set up (releases a lease, disassociates).
    /// Idempotent; called on disconnect, timeout, fatal error, non-persistent loss and detach.
    func stop(_ link: ContractedLink)

    /// Whether the binding has what it needs to connect (an SSID, an APN).
    func hasConfiguration(_ link: ContractedLink) -> Bool

    /// The kernel reported the interface's link again: a try waiting for carrier can go on, a
    /// connection whose carrier went can report the loss.
    func linkChanged(_ snapshot: LinkSnapshot, on link: ContractedLink)

    /// Sets a technology option; see `ConnectivityImplementation.setOption`.
    func setOption(_ option: Int, value: [UInt8], for link: ContractedLink) throws

    /// Reads a technology option; see `ConnectivityImplementation.getOption`.
    func getOption(_ option: Int, capacity: Int, for link: ContractedLink) throws -> [UInt8]
}

extension ConnectivityTechnology {
    public func initialize(_ link: ContractedLink) {}

    public func hasConfiguration(_ link: ContractedLink) -> Bool { true }

    public func linkChanged(_ snapshot: LinkSnapshot, on link: ContractedLink) {}

    public func setOption(_ option: Int, value: [UInt8], for link: ContractedLink) throws {
        throw ControlError(.notSupported, interface: link.binding?.interfaceName, "\(self.name) has no options")
    }

    public func getOption(_ option: Int, capacity: Int, for link: ContractedLink) throws -> [UInt8] {
        throw ControlError(.notSupported, interface: link.binding?.interfaceName, "\(self.name) has no options")
    }
}

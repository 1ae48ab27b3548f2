import UplinkCore

/// Opens transports, one per interface the client runs on.
public protocol DHCPTransportFactory: Sendable {
    /// Opens a transport on an interface.
    /// - Parameters:
    ///   - interface: the interface's index and name.
    ///   - receive: called on the manager's actor with the DHCP messages that arrived, in order.
    /// - Throws: `DHCPTransportError`; a missing privilege says "needs root or CAP_NET_RAW".
    func open(
        on interface: InterfaceID,
        receive: @escaping @ManagerActor @Sendable ([DHCPMessage]) -> Void
    ) throws -> any DHCPTransport
}

import UplinkCore

/// Where the DHCP client's messages leave for the link and its replies come from: a packet socket
/// on the interface in production (`DHCPPacketSocket`), a scripted server in tests.
public protocol DHCPTransport: AnyObject, Sendable {
    /// The interface's MAC, for `chaddr` and the client identifier.
    var hardwareAddress: [UInt8] { get }

    /// Sends a message: broadcast frames from the message's `ciaddr` (0.0.0.0 before a lease), or
    /// unicast UDP from `ciaddr` to a server.
    /// - Throws: an error that says why; the client's retransmission covers a lost send.
    func send(_ message: DHCPMessage, to destination: DHCPClientStateMachine.Destination) throws

    /// Stops receiving and closes what the transport opened. Idempotent.
    func close()
}

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

/// Why a transport could not open or send.
public struct DHCPTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The system call that failed.
    public var underlying: SystemCallError

    public init(_ underlying: SystemCallError) {
        self.underlying = underlying
    }

    /// True when the process lacks the privilege: retrying will not help.
    public var isPermissionDenied: Bool { self.underlying.isPermissionDenied }

    /// Says what failed; a refused privilege names the one a packet socket needs.
    public var description: String {
        guard self.isPermissionDenied else { return self.underlying.description }
        let subject = self.underlying.operation.map { "\($0): " } ?? ""
        return subject + "not permitted (\(self.underlying.function)); DHCP needs root or CAP_NET_RAW"
    }
}

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

import UplinkCore

/// Opens `DHCPPacketSocket`s in a network namespace, read on an I/O loop.
public struct DHCPPacketSocketFactory: DHCPTransportFactory {
    /// Where the sockets are created: the namespace of the interfaces the client runs on.
    public let namespace: NetworkNamespace
    /// The loop that reads them.
    public let loop: IOLoop

    public init(namespace: NetworkNamespace = .current, loop: IOLoop = .shared) {
        self.namespace = namespace
        self.loop = loop
    }

    public func open(
        on interface: InterfaceID,
        receive: @escaping @ManagerActor @Sendable ([DHCPMessage]) -> Void
    ) throws -> any DHCPTransport {
        try DHCPPacketSocket(interface: interface, namespace: self.namespace, loop: self.loop, receive: receive)
    }
}

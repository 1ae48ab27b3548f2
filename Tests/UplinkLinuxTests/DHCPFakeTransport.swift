import Synchronization
import UplinkCore
import UplinkLinux

/// A transport that records what the client sends and delivers what a test hands it, on the
/// manager's actor, when the test says: as the real socket's replies arrive later, never inside
/// the send that caused them.
final class DHCPFakeTransport: DHCPTransport {
    let hardwareAddress: [UInt8]
    let interface: InterfaceID
    private let receive: @ManagerActor @Sendable ([DHCPMessage]) -> Void
    private let state = Mutex(State())

    private struct State {
        var sent: [(DHCPMessage, DHCPClientStateMachine.Destination)] = []
        var isClosed = false
    }

    init(
        hardwareAddress: [UInt8],
        interface: InterfaceID,
        receive: @escaping @ManagerActor @Sendable ([DHCPMessage]) -> Void
    ) {
        self.hardwareAddress = hardwareAddress
        self.interface = interface
        self.receive = receive
    }

    /// Everything sent, in order.
    var sent: [(message: DHCPMessage, destination: DHCPClientStateMachine.Destination)] {
        self.state.withLock { $0.sent.map { (message: $0.0, destination: $0.1) } }
    }

    /// The last message sent.
    var last: DHCPMessage? { self.sent.last?.message }

    var isClosed: Bool { self.state.withLock { $0.isClosed } }

    func send(_ message: DHCPMessage, to destination: DHCPClientStateMachine.Destination) throws {
        try self.state.withLock { state in
            guard !state.isClosed else { throw DHCPTransportError(SystemCallError("sendto", errno: 9)) }
            state.sent.append((message, destination))
        }
    }

    func close() {
        self.state.withLock { $0.isClosed = true }
    }

    /// Delivers messages to the client, as the socket would.
    @ManagerActor
    func deliver(_ messages: DHCPMessage...) {
        self.receive(messages)
    }
}

/// Opens `DHCPFakeTransport`s, or fails as told.
final class DHCPFakeTransportFactory: DHCPTransportFactory {
    static let mac: [UInt8] = [0x02, 0x00, 0x5E, 0x00, 0x53, 0x01]
    private let state = Mutex(State())

    private struct State {
        var opened: [DHCPFakeTransport] = []
        var failure: DHCPTransportError?
    }

    /// Every transport opened, in order.
    var opened: [DHCPFakeTransport] { self.state.withLock { $0.opened } }

    /// The transport opened last.
    var current: DHCPFakeTransport? { self.opened.last }

    /// Makes the next opens fail with this error; nil lets them succeed.
    func failOpens(with error: DHCPTransportError?) {
        self.state.withLock { $0.failure = error }
    }

    func open(
        on interface: InterfaceID,
        receive: @escaping @ManagerActor @Sendable ([DHCPMessage]) -> Void
    ) throws -> any DHCPTransport {
        try self.state.withLock { state in
            if let failure = state.failure { throw failure }
            let transport = DHCPFakeTransport(hardwareAddress: Self.mac, interface: interface, receive: receive)
            state.opened.append(transport)
            return transport
        }
    }
}

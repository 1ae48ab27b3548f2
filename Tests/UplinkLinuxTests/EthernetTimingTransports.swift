import Synchronization
import UplinkCore
import UplinkLinux

/// Wraps a transport factory and notes when each message was sent and when each reply reached the
/// manager's actor, for the latency breakdown of the namespace tests.
final class EthernetTimingTransports: DHCPTransportFactory {
    let base: any DHCPTransportFactory
    /// What happened when: "open", "sent DHCPDISCOVER", "received DHCPOFFER", …
    let timeline = Mutex<[(String, ContinuousClock.Instant)]>([])

    init(_ base: any DHCPTransportFactory) {
        self.base = base
    }

    func open(
        on interface: InterfaceID,
        receive: @escaping @ManagerActor @Sendable ([DHCPMessage]) -> Void
    ) throws -> any DHCPTransport {
        self.note("opening")
        let transport = try self.base.open(on: interface) { [weak self] messages in
            for message in messages { self?.note("received \(message.messageType.map { "\($0)" } ?? "BOOTP")") }
            receive(messages)
        }
        self.note("opened")
        return TimedTransport(base: transport, factory: self)
    }

    /// When `step` happened last.
    func last(_ step: String) -> ContinuousClock.Instant? {
        self.timeline.withLock { $0.last { $0.0 == step }?.1 }
    }

    func note(_ step: String) {
        let now = ContinuousClock.now
        self.timeline.withLock { $0.append((step, now)) }
    }

    private final class TimedTransport: DHCPTransport {
        let base: any DHCPTransport
        let factory: EthernetTimingTransports

        init(base: any DHCPTransport, factory: EthernetTimingTransports) {
            self.base = base
            self.factory = factory
        }

        var hardwareAddress: [UInt8] { self.base.hardwareAddress }

        func send(_ message: DHCPMessage, to destination: DHCPClientStateMachine.Destination) throws {
            try self.base.send(message, to: destination)
            self.factory.note("sent \(message.messageType.map { "\($0)" } ?? "BOOTP")")
        }

        func close() {
            self.base.close()
        }
    }
}

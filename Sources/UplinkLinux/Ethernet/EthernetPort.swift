import UplinkCore

/// `EthernetTechnology`'s state for one interface name: where its try is, its DHCP client and
/// transport, and exactly what it put on the interface, so that `stop` takes off that and nothing
/// else. It outlives one attachment of the binding, so a lease kept through a carrier loss is
/// still there for the INIT-REBOOT of the next try.
@ManagerActor
final class EthernetPort {
    /// Where the port is in its try.
    enum Phase: Hashable {
        /// No try is running and nothing is connected.
        case idle
        /// A try waits for the interface to be operationally up (carrier, admin up, not dormant).
        case waitingForCarrier(ConnectionAttemptStateMachine.TryID)
        /// A try runs the DHCP client.
        case acquiring(ConnectionAttemptStateMachine.TryID)
        /// The try succeeded: the lease (or the static address) is on the interface.
        case connected
    }

    /// An address the port put on the interface, with the default route it added through it.
    struct Configured: Hashable {
        var index: InterfaceIndex
        var address: IPv4Address
        var prefixLength: Int
        var gateway: IPv4Address?
        var metric: Int
    }

    /// The interface name the port is for.
    let interfaceName: String
    /// The binding's contracted link while attached.
    weak var link: ContractedLink?
    /// Where the port is.
    var phase: Phase = .idle
    /// The DHCP client; made when the transport first tells the MAC.
    var client: DHCPClientStateMachine?
    /// The transport the client sends and receives on, and the interface it was opened for.
    var transport: (any DHCPTransport)?
    var transportInterface: InterfaceID?
    /// The client's one timer.
    var timer: TimerID?
    /// What is on the interface now because of this port.
    var configured: Configured?
    /// The static configuration applied, when the port is static.
    var appliedStatic: StaticIPv4Configuration?

    init(interfaceName: String) {
        self.interfaceName = interfaceName
    }

    /// The try in progress, if any.
    var tryID: ConnectionAttemptStateMachine.TryID? {
        switch self.phase {
        case .waitingForCarrier(let id), .acquiring(let id): id
        case .idle, .connected: nil
        }
    }
}

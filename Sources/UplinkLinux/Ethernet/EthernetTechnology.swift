import UplinkCore

/// Ethernet as a connectivity technology: a try waits for carrier, then obtains an IPv4 address —
/// a DHCPv4 lease from uplink's own client, or a static address — and puts it on the interface
/// through an `InterfaceConfigurator`, with the default route at Ethernet's metric.
///
/// The executable wraps it in the core's `ConnectionContract`, which does the retries, the back-off,
/// the connect timeout and persistence:
///
/// ```swift
/// let ethernet = EthernetTechnology(
///     configurator: configurator,                    // the rtnetlink InterfaceConfigurator
///     configurations: ["eth0": .dhcp(hostName: "gateway-7")]
/// )
/// try manager.bind(
///     "eth0",
///     to: ConnectionContract(ethernet, random: SystemRandomNumberGenerator()),
///     configuration: BindingConfiguration(flags: [.persistent], connectTimeout: .seconds(30))
/// )
/// ```
///
/// - Why a DHCP client of its own: see `DHCPClientStateMachine` and docs/Decisions.md — forking a
///   client and its scripts costs more than the whole exchange.
/// - Carrier comes from the binding's link (`ContractedLink.snapshot` at the start of a try,
///   `linkChanged` afterwards), the same rtnetlink source the manager's monitor follows.
/// - A lost carrier while connected is `connectionLost("carrier lost")`. The address stays on the
///   interface, as the kernel keeps IPv4 addresses through a carrier loss, and the next try
///   confirms the old lease with INIT-REBOOT: one round trip back onto the same network.
/// - `stop` releases the lease (DHCPRELEASE), removes exactly the address and route it added,
///   closes the sockets and cancels the timer; it is idempotent.
/// - DNS servers are recorded in the lease (`lease(for:)`), never written to resolv.conf.
/// - IPv6 is left to the kernel's SLAAC: the technology does not touch `accept_ra`.
@ManagerActor
public final class EthernetTechnology: ConnectivityTechnology {
    /// The technology's options, for `setOption` and `getOption`.
    public enum Option {
        /// The default route's metric, as a 32-bit unsigned integer in host byte order.
        public static let routeMetric = 1
        /// The DHCP host name (option 12) in UTF-8; an empty value sends none.
        public static let hostName = 2
    }

    public let name = "ethernet"
    /// Where leases and static addresses go.
    public let configurator: any InterfaceConfigurator
    /// Where DHCP transports come from: packet sockets, in the namespace of the interfaces.
    public let transports: any DHCPTransportFactory
    /// The configuration of interfaces that have none of their own.
    public private(set) var defaultConfiguration: EthernetConfiguration
    private var configurations: [String: EthernetConfiguration]
    var ports: [String: EthernetPort] = [:]
    var random: any RandomNumberGenerator

    /// - Parameters:
    ///   - configurator: puts addresses and default routes on interfaces.
    ///   - transports: opens the DHCP client's sockets; the default opens packet sockets in the
    ///     process's namespace, read on `IOLoop.shared`.
    ///   - configurations: per interface name; the others get `defaultConfiguration`.
    ///   - defaultConfiguration: DHCP with a route metric of 100 unless given.
    ///   - random: the source of transaction ids and retransmission jitter.
    ///
    /// Configurations given here are checked when a try uses them: an invalid one fails the try for
    /// good, with the reason. `setConfiguration` refuses them at once, for input from users.
    public init(
        configurator: any InterfaceConfigurator,
        transports: any DHCPTransportFactory = DHCPPacketSocketFactory(),
        configurations: [String: EthernetConfiguration] = [:],
        defaultConfiguration: EthernetConfiguration = EthernetConfiguration(),
        random: some RandomNumberGenerator = SystemRandomNumberGenerator()
    ) {
        self.configurator = configurator
        self.transports = transports
        self.configurations = configurations
        self.defaultConfiguration = defaultConfiguration
        self.random = random
    }

    // MARK: - Configuration and status

    /// The configuration an interface's next try uses.
    public func configuration(for interfaceName: String) -> EthernetConfiguration {
        self.configurations[interfaceName] ?? self.defaultConfiguration
    }

    /// Sets an interface's configuration (nil returns it to the default), for its next try; a
    /// connection in place keeps what it has until it is stopped.
    /// - Throws: `ControlError.invalidArgument` for a configuration that cannot work; nothing changes.
    public func setConfiguration(_ configuration: EthernetConfiguration?, for interfaceName: String)
        throws(ControlError)
    {
        try configuration?.validate(for: interfaceName)
        self.configurations[interfaceName] = configuration
    }

    /// The DHCP lease an interface holds (bound, renewing, rebinding, or kept through a carrier
    /// loss), for `status --json` and the dashboard; nil without one.
    public func lease(for interfaceName: String) -> DHCPLease? {
        self.ports[interfaceName]?.client?.lease
    }

    /// What the technology is doing on an interface, for `status --json` and the dashboard; nil for an
    /// interface it has never been bound to.
    public func status(for interfaceName: String) -> EthernetStatus? {
        guard let port = self.ports[interfaceName] else { return nil }
        let phase: EthernetStatus.Phase =
            switch port.phase {
            case .idle: .idle
            case .waitingForCarrier: .waitingForCarrier
            case .acquiring: .acquiring
            case .connected: .connected
            }
        return EthernetStatus(
            phase: phase,
            dhcpState: port.client.map { EthernetStatus.name(of: $0.state) },
            lease: port.client?.lease,
            fixed: port.appliedStatic
        )
    }

    // MARK: - ConnectivityTechnology

    public func initialize(_ link: ContractedLink) {
        _ = self.port(for: link)
    }

    public func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        guard let port = self.port(for: link) else { return }
        switch port.phase {
        case .acquiring:
            // A new try while the client still runs: it carries on for the new one.
            port.phase = .acquiring(id)
            return
        case .idle, .waitingForCarrier, .connected:
            port.phase = .waitingForCarrier(id)
        }
        if let snapshot = link.snapshot, snapshot.isOperationallyUp { self.begin(id, on: port, snapshot: snapshot) }
    }

    public func stop(_ link: ContractedLink) {
        guard let port = self.port(for: link) else { return }
        self.stop(port)
    }

    /// The layer below went away without the kernel's carrier going (Wi-Fi lost its association on
    /// a port whose link stays up): stop the try or connection as a carrier loss would — the
    /// address stays, for INIT-REBOOT on the way back — and report nothing; the caller reports.
    func suspend(_ link: ContractedLink) {
        guard let port = self.ports[link.binding?.interfaceName ?? ""], port.link === link else { return }
        switch port.phase {
        case .acquiring, .connected:
            self.carrierLost(on: port)
        case .idle, .waitingForCarrier:
            break
        }
        port.phase = .idle
    }

    public func linkChanged(_ snapshot: LinkSnapshot, on link: ContractedLink) {
        guard let port = self.port(for: link) else { return }
        let isUp = snapshot.isOperationallyUp
        switch port.phase {
        case .waitingForCarrier(let id) where isUp:
            self.begin(id, on: port, snapshot: snapshot)
        case .acquiring(let id) where !isUp:
            self.carrierLost(on: port)
            port.phase = .waitingForCarrier(id)
        case .connected where !isUp:
            self.carrierLost(on: port)
            port.phase = .idle
            link.connectionLost(reason: snapshot.isAdminUp ? "carrier lost" : "administratively down")
        case .idle, .waitingForCarrier, .acquiring, .connected:
            break
        }
    }

    public func setOption(_ option: Int, value: [UInt8], for link: ContractedLink) throws {
        guard let name = link.binding?.interfaceName else { return }
        var configuration = self.configuration(for: name)
        switch option {
        case Option.routeMetric:
            guard value.count == 4 else {
                throw ControlError(
                    .invalidArgument, interface: name, "route metric takes 4 bytes, \(value.count) given")
            }
            configuration.routeMetric = Int(value.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        case Option.hostName:
            guard case .dhcp(var client) = configuration.addressing else {
                throw ControlError(.invalidArgument, interface: name, "a static configuration has no DHCP host name")
            }
            client.hostName = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
            configuration.addressing = .dhcp(client)
        default:
            throw ControlError(
                .noSuchOption, interface: name,
                "ethernet has no option \(option); it has \(Option.routeMetric) (route metric) and \(Option.hostName) (host name)"
            )
        }
        try self.setConfiguration(configuration, for: name)
    }

    public func getOption(_ option: Int, capacity: Int, for link: ContractedLink) throws -> [UInt8] {
        let name = link.binding?.interfaceName ?? ""
        let configuration = self.configuration(for: name)
        let value: [UInt8]
        switch option {
        case Option.routeMetric:
            value = withUnsafeBytes(of: UInt32(truncatingIfNeeded: configuration.routeMetric)) { Array($0) }
        case Option.hostName:
            guard case .dhcp(let client) = configuration.addressing else { return [] }
            value = Array((client.hostName ?? "").utf8)
        default:
            throw ControlError(.noSuchOption, interface: name, "ethernet has no option \(option)")
        }
        guard value.count <= capacity else {
            throw ControlError(
                .bufferTooSmall, interface: name, "option \(option) needs \(value.count) bytes, \(capacity) given")
        }
        return value
    }

    // MARK: - Tries

    /// The interface is up: apply the static address, or start the DHCP client.
    private func begin(_ id: ConnectionAttemptStateMachine.TryID, on port: EthernetPort, snapshot: LinkSnapshot) {
        let configuration = self.configuration(for: port.interfaceName)
        do {
            try configuration.validate(for: port.interfaceName)
        } catch {
            port.phase = .idle
            port.link?.tryFailed(id, reason: error.message, retryable: false)
            return
        }
        switch configuration.addressing {
        case .fixed(let fixed):
            self.applyStatic(fixed, metric: configuration.routeMetric, id: id, on: port, interface: snapshot.id)
        case .dhcp(let client):
            self.startDHCP(client, id: id, on: port, interface: snapshot.id)
        }
    }

    private func applyStatic(
        _ fixed: StaticIPv4Configuration,
        metric: Int,
        id: ConnectionAttemptStateMachine.TryID,
        on port: EthernetPort,
        interface: InterfaceID
    ) {
        let configured = EthernetPort.Configured(
            index: interface.index,
            address: fixed.address,
            prefixLength: fixed.prefixLength,
            gateway: fixed.gateway,
            metric: metric
        )
        do {
            try self.configure(configured, broadcast: fixed.broadcast, lifetime: nil, on: port)
        } catch {
            port.phase = .idle
            port.link?.tryFailed(id, reason: Self.reason(error), retryable: !Self.isPermissionDenied(error))
            return
        }
        port.appliedStatic = fixed
        port.phase = .connected
        port.link?.trySucceeded(id)
    }

    private func stop(_ port: EthernetPort) {
        if var client = port.client {
            let actions = client.stop(now: self.now(port), random: &self.random)
            port.client = client
            self.execute(actions, on: port)
        }
        self.cancelTimer(on: port)
        port.transport?.close()
        port.transport = nil
        port.transportInterface = nil
        // Whatever is still there (a static address, a lease whose removal was not asked for).
        if let configured = port.configured { self.deconfigure(configured, on: port) }
        port.appliedStatic = nil
        port.phase = .idle
    }

    private func carrierLost(on port: EthernetPort) {
        guard var client = port.client else { return }
        let actions = client.carrierLost(now: self.now(port))
        port.client = client
        self.execute(actions, on: port)
    }

    // MARK: - Helpers

    /// The port of the link's interface name, made on first use and tied to the link.
    private func port(for link: ContractedLink) -> EthernetPort? {
        guard let name = link.binding?.interfaceName else { return nil }
        let port = self.ports[name] ?? EthernetPort(interfaceName: name)
        self.ports[name] = port
        if port.link !== link {
            port.link = link
            link.technologyState = port
        }
        return port
    }

    func now(_ port: EthernetPort) -> Duration {
        port.link?.binding?.now ?? .zero
    }

    static func reason(_ error: any Error) -> String {
        "\(error)"
    }

    static func isPermissionDenied(_ error: any Error) -> Bool {
        if let error = error as? DHCPTransportError { return error.isPermissionDenied }
        if let error = error as? SystemCallError { return error.isPermissionDenied }
        return false
    }
}

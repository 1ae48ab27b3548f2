import UplinkConfiguration
import UplinkCore
import UplinkLinux

/// The manager running in this process over this machine's interfaces: rtnetlink for links and
/// addresses, admin state and configuration, and the native DHCP client for Ethernet.
@ManagerActor
final class LinuxSession: ManagerSession {
    let manager: ConnectionManager
    let service: EmbeddedManagerService
    let ethernet: EthernetTechnology
    let deviceName: String
    private let source: RtnetlinkLinkSource
    private var following: Task<Void, Never>?

    /// Opens the netlink sockets and binds the configured interfaces.
    /// - Throws: `SystemCallError` when netlink cannot be opened, `ControlError` for a configuration
    ///   the bindings refuse (naming the interface).
    init(configuration: Configuration, automation: AutomationSettings) throws {
        let connection = try RtnetlinkConnection()
        let configurator = RtnetlinkConfigurator(connection: connection)
        self.source = RtnetlinkLinkSource()
        self.manager = ConnectionManager(
            clock: ContinuousClock(),
            linkControl: RtnetlinkLinkControl(connection: connection),
            automation: automation,
            ignoredTechnologies: configuration.ignoredTechnologies.union([.loopback]),
            ignoredInterfaces: Set(configuration.ignoredInterfaces)
        )
        self.ethernet = EthernetTechnology(configurator: configurator)
        let contract = ConnectionContract(self.ethernet, random: SystemRandomNumberGenerator())
        for interface in configuration.interfaces {
            switch interface.implementation {
            case "ethernet":
                try self.ethernet.setConfiguration(Self.ethernetConfiguration(interface), for: interface.name)
                try self.manager.bind(interface.name, to: contract, configuration: interface.binding)
            default:
                // The configuration parser accepts only the implementations this build has.
                preconditionFailure("Internal inconsistency: no implementation \(interface.implementation)")
            }
        }
        self.service = EmbeddedManagerService(manager: self.manager)
        self.deviceName = SystemInterface.hostName
    }

    func start() async throws {
        self.manager.startTimers()
        self.following = try await follow(self.source, into: self.manager)
    }

    func stop() {
        self.following?.cancel()
        self.manager.stopTimers()
    }

    private static func ethernetConfiguration(_ interface: InterfaceConfiguration) -> EthernetConfiguration {
        let metric = interface.routeMetric ?? EthernetConfiguration.defaultRouteMetric
        switch interface.ipv4 {
        case .dhcp:
            return .dhcp(routeMetric: metric)
        case .fixed(let address, let prefixLength, let gateway):
            return .fixed(address, prefixLength: prefixLength, gateway: gateway, routeMetric: metric)
        }
    }
}

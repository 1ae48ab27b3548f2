import UplinkConfiguration
import UplinkCore
import UplinkLinux

/// The manager running in this process over this machine's interfaces: rtnetlink for links and
/// addresses, admin state and configuration, the native DHCP client for Ethernet, and
/// wpa_supplicant's control interface for Wi-Fi.
@ManagerActor
final class LinuxSession: ManagerSession {
    let manager: ConnectionManager
    let service: EmbeddedManagerService
    let ethernet: EthernetTechnology
    let wifi: WiFiTechnology
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
        // Wi-Fi's addresses come from a DHCP client of its own, with Wi-Fi's route metric.
        let wifiAddressing = EthernetTechnology(
            configurator: configurator, defaultConfiguration: .dhcp(routeMetric: Self.wifiRouteMetric))
        self.wifi = WiFiTechnology(addressing: wifiAddressing)
        let contract = ConnectionContract(self.ethernet, random: SystemRandomNumberGenerator())
        let wifiContract = ConnectionContract(self.wifi, random: SystemRandomNumberGenerator())
        for interface in configuration.interfaces {
            switch interface.implementation {
            case "ethernet":
                try self.ethernet.setConfiguration(
                    Self.ethernetConfiguration(interface, metric: EthernetConfiguration.defaultRouteMetric),
                    for: interface.name)
                try self.manager.bind(interface.name, to: contract, configuration: interface.binding)
            case "wifi":
                try wifiAddressing.setConfiguration(
                    Self.ethernetConfiguration(interface, metric: Self.wifiRouteMetric), for: interface.name)
                self.wifi.setConfiguration(Self.wifiConfiguration(interface), for: interface.name)
                try self.manager.bind(interface.name, to: wifiContract, configuration: interface.binding)
            default:
                // The configuration parser accepts only the implementations this build has.
                preconditionFailure("Internal inconsistency: no implementation \(interface.implementation)")
            }
        }
        self.wifi.manager = self.manager
        self.service = EmbeddedManagerService(manager: self.manager, wifi: self.wifi)
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

    /// A higher metric than Ethernet's 100, as NetworkManager uses: a cable wins when both are up.
    static let wifiRouteMetric = 600

    private static func wifiConfiguration(_ interface: InterfaceConfiguration) -> WiFiConfiguration {
        var enterprise = SupplicantNetworkSettings.EnterpriseOptions()
        if interface.isWired8021X {
            enterprise.keyManagement = "IEEE8021X"
            enterprise.eapolFlags = 0
        }
        if let methods = interface.eapMethods { enterprise.methods = methods.joined(separator: " ") }
        return WiFiConfiguration(
            supplicantDirectory: interface.supplicantDirectory ?? WiFiConfiguration.defaultSupplicantDirectory,
            enterprise: enterprise,
            supplicantFile: interface.supplicantFile)
    }

    private static func ethernetConfiguration(_ interface: InterfaceConfiguration, metric defaultMetric: Int)
        -> EthernetConfiguration
    {
        let metric = interface.routeMetric ?? defaultMetric
        switch interface.ipv4 {
        case .dhcp:
            return .dhcp(routeMetric: metric)
        case .fixed(let address, let prefixLength, let gateway):
            return .fixed(address, prefixLength: prefixLength, gateway: gateway, routeMetric: metric)
        }
    }
}

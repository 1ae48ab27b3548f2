import Foundation
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// The real `WiFiTechnology` through the real core, over a `SupplicantLab`: a wpa_supplicant (real,
/// or the scripted stand-in) on `wv0`, and dnsmasq on `wv1` opposite it, so that a network that
/// connects also gets a real DHCP lease.
@ManagerActor
final class WiFiRig {
    let lab: SupplicantLab
    let links: EthernetLabLinks
    let configurator: EthernetLabConfigurator
    let manager: ConnectionManager
    let addressing: EthernetTechnology
    let wifi: WiFiTechnology
    let recorder: EventRecorder
    let interface: InterfaceID
    /// The DHCP server's address on `wv1`, the default gateway it hands out.
    static let serverAddress = "198.18.21.1"

    init(
        lab: SupplicantLab,
        flags: BindingFlags = [],
        connectTimeout: Duration? = .seconds(15),
        enterprise: SupplicantNetworkSettings.EnterpriseOptions = SupplicantNetworkSettings.EnterpriseOptions(),
        timings: WiFiTechnology.Timings = WiFiTechnology.Timings()
    ) throws {
        self.lab = lab
        try lab.lab.ip("-n", lab.peerNamespace, "addr", "add", "\(Self.serverAddress)/24", "dev", lab.peerInterfaceName)
        try lab.lab.startDHCPServer(
            in: lab.peerNamespace, interface: lab.peerInterfaceName, range: ("198.18.21.100", "198.18.21.150"),
            router: Self.serverAddress)
        self.links = EthernetLabLinks(namespace: lab.supplicantNamespace)
        self.configurator = EthernetLabConfigurator(namespace: lab.supplicantNamespace)
        self.manager = ConnectionManager(clock: ContinuousClock(), linkControl: self.links)
        self.links.manager = self.manager
        self.recorder = EventRecorder(self.manager)
        self.addressing = EthernetTechnology(
            configurator: self.configurator,
            transports: DHCPPacketSocketFactory(namespace: NetworkNamespace(named: lab.supplicantNamespace)),
            defaultConfiguration: .dhcp(routeMetric: 600)
        )
        self.wifi = WiFiTechnology(
            addressing: self.addressing,
            defaultConfiguration: WiFiConfiguration(supplicantDirectory: lab.controlDirectory, enterprise: enterprise),
            timings: timings,
            clientDirectory: lab.lab.folder
        )
        self.wifi.manager = self.manager
        try self.links.refresh()
        try self.manager.bind(
            lab.interfaceName,
            to: ConnectionContract(self.wifi, random: SystemRandomNumberGenerator()),
            configuration: BindingConfiguration(flags: flags.union(.noAutoConnect), connectTimeout: connectTimeout)
        )
        guard let index = self.manager.index(named: lab.interfaceName) else { throw POSIXError(.ENODEV) }
        self.interface = InterfaceID(index: index, name: lab.interfaceName)
        self.manager.startTimers()
    }

    var activity: BindingActivity? { self.manager.binding(for: self.interface.index)?.activity }

    var isConnected: Bool {
        if case .connected = self.activity { return true }
        return false
    }

    var joinState: WiFiJoinState { self.wifi.joinState(on: self.interface) }

    var networks: [WiFiNetwork] { self.wifi.networks(on: self.interface) }

    /// The IPv4 addresses on `wv0`, as `ip` shows them.
    func addresses() throws -> [String] {
        let output = try self.lab.lab.ip("-n", self.lab.supplicantNamespace, "-4", "-o", "addr", "show", "dev", "wv0")
        return output.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let at = words.firstIndex(of: "inet"), at + 1 < words.count else { return nil }
            return String(words[at + 1])
        }
    }

    func join(
        _ name: String, _ security: WiFiSecurity, secret: String? = nil, identity: String? = nil, hidden: Bool = false
    ) throws {
        let credentials = try WiFiCredentials(
            ssid: SSID(name), security: security, secret: secret.map(Secret.init), identity: identity, isHidden: hidden)
        try self.wifi.join(credentials, on: self.interface)
    }

    /// The service events (`serviceChanged`) so far, as "lost"/"back".
    var serviceEvents: [String] {
        self.recorder.events.compactMap { event in
            guard case .serviceChanged(_, _, let isRunning, _) = event else { return nil }
            return isRunning ? "back" : "lost"
        }
    }

    /// Waits for a condition, refreshing the manager's view of the links first each time; fails the
    /// test when it does not come within `timeout`. Never asserts on how long it took.
    func waitFor(_ what: String, timeout: Duration = .seconds(15), _ condition: () throws -> Bool) async throws {
        try await self.links.waitFor(
            what, timeout: timeout, detail: "activity \(String(describing: self.activity))", condition)
    }

    /// Unbinds (which stops the technology: DISCONNECT, release, removal), stops the timers and
    /// takes the lab down.
    func close() {
        self.manager.unbind(self.lab.interfaceName)
        self.manager.stopTimers()
        self.lab.close()
    }
}

/// A fault a trainer can switch on and off on the simulated device. Switching it off undoes it.
///
/// The raw values are the stable identifiers of `ManagerCommand.setFault` and the fault menu.
public enum SimulatedFault: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The Ethernet cable is pulled out: eth0 loses carrier.
    case ethernetCableUnplugged = "ethernet-cable-unplugged"
    /// The Ethernet router stops answering; the link and the lease stay, so eth0 stays ready but
    /// becomes unreachable.
    case ethernetUpstreamSilent = "ethernet-upstream-silent"
    /// The Ethernet DHCP server stops: a lease already held stays, a new one never comes.
    case ethernetDHCPServerStopped = "ethernet-dhcp-server-stopped"
    /// The "Workshop" access point is switched off: it leaves the scans, and an association with it
    /// drops.
    case wifiAccessPointOff = "wifi-access-point-off"
    /// The Wi-Fi router stops answering; the association and the lease stay.
    case wifiUpstreamSilent = "wifi-upstream-silent"
    /// The modem loses coverage: the data link drops and cannot register until it comes back.
    case cellularCoverageLost = "cellular-coverage-lost"
    /// The cellular network stops carrying traffic; registration and the bearer stay.
    case cellularUpstreamSilent = "cellular-upstream-silent"

    /// The stable identifier.
    public var id: String { self.rawValue }

    /// What the fault does, for a menu (at most 52 characters, the width of the dashboard's menu).
    public var title: String {
        switch self {
        case .ethernetCableUnplugged: "Unplug the Ethernet cable"
        case .ethernetUpstreamSilent: "Silence the Ethernet router (link and lease stay)"
        case .ethernetDHCPServerStopped: "Stop the Ethernet DHCP server"
        case .wifiAccessPointOff: "Switch off the \"Workshop\" access point"
        case .wifiUpstreamSilent: "Silence the Wi-Fi router (association stays)"
        case .cellularCoverageLost: "Lose cellular coverage"
        case .cellularUpstreamSilent: "Silence the cellular network (bearer stays)"
        }
    }

    public var description: String { self.rawValue }
}

import CNetlink
import Glibc
import UplinkCore

/// Decides what kind of link an interface is, from what netlink says and, for the cases netlink cannot
/// tell apart, what sysfs says.
///
/// The rules, first match wins:
/// 1. `ARPHRD_LOOPBACK` → loopback.
/// 2. A link kind (`IFLA_INFO_KIND`): "wwan" (the kernel's WWAN framework) and "rmnet" (Qualcomm modems)
///    → cellular; any other kind (veth, bridge, bond, vlan, macvlan, vxlan, tun for tun and tap, ifb,
///    dummy…) → virtual, because only software links are made through rtnetlink and report a kind.
/// 3. `ARPHRD_PPP` → cellular: on a connection manager's device, PPP is how older modems connect.
/// 4. Sysfs: a `wireless` folder, a `phy80211` link or `DEVTYPE=wlan` → Wi-Fi; `DEVTYPE=wwan` (qmi_wwan,
///    cdc_mbim, cdc_ether modems) → cellular.
/// 5. `ARPHRD_ETHER` → Ethernet.
/// 6. Anything else → other.
///
/// Sysfs may have no entry for the interface — another namespace's interface, a link that went away
/// between the message and the lookup, no sysfs mounted — and then rule 4 simply does not apply: the
/// netlink facts decide (see `SysfsNetReader` for why the entry is checked against the index).
public struct TechnologyClassifier: Sendable {
    /// Where rule 4 looks; nil to classify from netlink alone.
    public var sysfs: SysfsNetReader?

    public init(sysfs: SysfsNetReader? = SysfsNetReader()) {
        self.sysfs = sysfs
    }

    /// Link kinds that are modems' data interfaces.
    static let cellularKinds: Set<String> = ["wwan", "rmnet"]

    /// The technology of the link a message describes.
    public func technology(of link: LinkMessage) -> Technology {
        let type = Int32(link.type)
        if type == ARPHRD_LOOPBACK { return .loopback }
        if let kind = link.kind {
            return Self.cellularKinds.contains(kind) ? .cellular : .virtual
        }
        if type == ARPHRD_PPP { return .cellular }
        if let name = link.name, let entry = self.sysfs?.entry(named: name, index: InterfaceIndex(Int(link.index))) {
            if entry.isWireless || entry.deviceType == "wlan" { return .wifi }
            if entry.deviceType == "wwan" { return .cellular }
        }
        if type == ARPHRD_ETHER { return .ethernet }
        return .other
    }
}

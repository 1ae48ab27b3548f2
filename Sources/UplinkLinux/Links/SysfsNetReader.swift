import Glibc
import UplinkCore

/// Reads what sysfs says about a network interface: `/sys/class/net/NAME/…`, under a root that is a
/// parameter so tests can point it at a fixture tree in a temporary directory.
///
/// Sysfs shows the interfaces of the network namespace of whoever mounted it, not of the reading thread:
/// a process that enters a namespace with setns(2), as the adapter's tests do, still sees the host's
/// entries, possibly under the same names. So every lookup is checked against the interface index that
/// netlink gave (`ifindex`), and an entry that is missing or belongs to another interface counts as none.
public struct SysfsNetReader: Sendable {
    /// The folder holding one entry per interface; `/sys/class/net` on a real system.
    public var root: String

    /// What sysfs says about one interface.
    public struct Entry: Hashable, Sendable {
        /// True when it is an 802.11 interface: it has a `wireless` folder or a `phy80211` link.
        public var isWireless: Bool
        /// `DEVTYPE` from its `uevent` file ("wlan", "wwan", "bridge", "vlan"…), if it has one.
        public var deviceType: String?
    }

    public init(root: String = "/sys/class/net") {
        self.root = root
    }

    /// The entry for the interface with this name and index; nil when there is none, when it belongs to
    /// an interface with another index (another namespace's), or when the name could not be a file name.
    public func entry(named name: String, index: InterfaceIndex) -> Entry? {
        guard Self.isPlainFileName(name) else { return nil }
        let folder = self.root + "/" + name
        guard let indexText = SystemFile.contents(of: folder + "/ifindex"),
            Int(indexText.filter { !$0.isWhitespace }) == index.rawValue
        else { return nil }
        let isWireless = Self.exists(folder + "/wireless") || Self.exists(folder + "/phy80211")
        var deviceType: String?
        if let uevent = SystemFile.contents(of: folder + "/uevent") {
            for line in uevent.split(separator: "\n") where line.hasPrefix("DEVTYPE=") {
                deviceType = String(line.dropFirst("DEVTYPE=".count))
            }
        }
        return Entry(isWireless: isWireless, deviceType: deviceType)
    }

    /// Interface names cannot hold a slash and are never "." or ".."; anything else is not looked up.
    private static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/")
    }

    private static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}

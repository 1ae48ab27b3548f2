/// The kind of link an interface is, which decides how it is connected and how it is described.
///
/// Technology is also a unit of ignoring: "ignore every cellular interface" is one call.
public enum Technology: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Wired Ethernet, including USB Ethernet adapters.
    case ethernet
    /// An 802.11 station interface driven by a supplicant.
    case wifi
    /// A cellular modem's data interface (wwan, PPP, QMI, MBIM).
    case cellular
    /// The loopback interface; never useful for reaching anything else.
    case loopback
    /// A software interface: veth, bridge, bond, VLAN, tunnel, dummy.
    case virtual
    /// Anything the adapter could not classify.
    case other

    public var description: String { self.rawValue }

    /// The order technologies are listed and preferred in: Ethernet, Wi-Fi, cellular, then the rest.
    private var rank: Int {
        switch self {
        case .ethernet: 0
        case .wifi: 1
        case .cellular: 2
        case .virtual: 3
        case .other: 4
        case .loopback: 5
        }
    }

    public static func < (lhs: Technology, rhs: Technology) -> Bool {
        lhs.rank < rhs.rank
    }
}

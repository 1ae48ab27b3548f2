import CNetlink

/// A link's operational state as RFC 2863 defines it and the kernel reports it in `IFLA_OPERSTATE`
/// (see the kernel's Documentation/networking/operstates.rst).
public enum OperationalState: UInt8, Hashable, Sendable, CaseIterable {
    /// The driver does not track the state (`IF_OPER_UNKNOWN`): loopback, tun and many virtual links.
    /// Whether such a link passes traffic is then told by its flags (`IFF_UP` and `IFF_RUNNING`).
    case unknown = 0
    /// A component of the interface is missing (`IF_OPER_NOTPRESENT`); unused by most drivers.
    case notPresent = 1
    /// It cannot pass packets (`IF_OPER_DOWN`): administratively down, or without a carrier.
    case down = 2
    /// An interface it is stacked on is down (`IF_OPER_LOWERLAYERDOWN`), e.g. a VLAN whose link lost carrier.
    case lowerLayerDown = 3
    /// It is in a test mode (`IF_OPER_TESTING`).
    case testing = 4
    /// It has a carrier but waits for an external event, such as 802.1X authentication (`IF_OPER_DORMANT`).
    case dormant = 5
    /// It can pass packets (`IF_OPER_UP`).
    case up = 6
}

/// Who moves a link with a carrier to up, as `IFLA_LINKMODE` says.
public enum LinkMode: UInt8, Hashable, Sendable, CaseIterable {
    /// The kernel, as soon as there is a carrier (`IF_LINK_MODE_DEFAULT`).
    case `default` = 0
    /// User space, e.g. a supplicant once it has authenticated; until then the link is dormant
    /// (`IF_LINK_MODE_DORMANT`).
    case dormant = 1
    /// User space, after testing (`IF_LINK_MODE_TESTING`).
    case testing = 2
}

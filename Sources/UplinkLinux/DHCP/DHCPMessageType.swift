/// The DHCP message type, option 53 (RFC 2132 §9.6), which makes a BOOTP message a DHCP one.
public enum DHCPMessageType: UInt8, Hashable, Sendable, CustomStringConvertible {
    /// A client looks for servers (RFC 2131 §4.4.1).
    case discover = 1
    /// A server offers an address in answer to a discover.
    case offer = 2
    /// A client asks for the offered address, confirms one after a reboot, or renews its lease.
    case request = 3
    /// A client found the address already in use (RFC 2131 §4.4.1, after an ARP check).
    case decline = 4
    /// A server grants the lease.
    case ack = 5
    /// A server refuses: the address is wrong for this network, or the lease is gone.
    case nak = 6
    /// A client gives the lease back (RFC 2131 §4.4.6).
    case release = 7
    /// A client that has an address by other means asks only for parameters.
    case inform = 8

    /// The name RFC 2131 uses, such as `DHCPOFFER`.
    public var description: String {
        switch self {
        case .discover: "DHCPDISCOVER"
        case .offer: "DHCPOFFER"
        case .request: "DHCPREQUEST"
        case .decline: "DHCPDECLINE"
        case .ack: "DHCPACK"
        case .nak: "DHCPNAK"
        case .release: "DHCPRELEASE"
        case .inform: "DHCPINFORM"
        }
    }
}

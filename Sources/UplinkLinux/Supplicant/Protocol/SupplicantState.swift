/// Where wpa_supplicant is with an interface: its `wpa_state` (`enum wpa_states` in its defs.h).
///
/// STATUS gives the name (`wpa_state=COMPLETED`); CTRL-EVENT-STATE-CHANGE gives the number in some
/// builds (`state=9`), so both are read. A state a later version adds is kept, not refused.
public enum SupplicantState: Hashable, Sendable, CustomStringConvertible {
    /// Not associated, and likely to look for a network soon (0, `DISCONNECTED`).
    case disconnected
    /// The interface is disabled (rfkill, or down); nothing is tried until it comes back
    /// (1, `INTERFACE_DISABLED`).
    case interfaceDisabled
    /// No enabled network, so nothing is tried until one is added or enabled (2, `INACTIVE`).
    case inactive
    /// Scanning for a network (3, `SCANNING`).
    case scanning
    /// Authenticating with an access point (4, `AUTHENTICATING`).
    case authenticating
    /// Associating with an access point (5, `ASSOCIATING`).
    case associating
    /// Associated; keys, or 802.1X, are still to come (6, `ASSOCIATED`). A wired port with
    /// `key_mgmt` WPA-PSK stays here, because no 4-way handshake ever happens on a cable.
    case associated
    /// The WPA 4-way handshake is running; failing here usually means a wrong key
    /// (7, `4WAY_HANDSHAKE`).
    case fourWayHandshake
    /// The WPA group key handshake is running (8, `GROUP_HANDSHAKE`).
    case groupHandshake
    /// Connected and authorized: traffic may flow (9, `COMPLETED`).
    case completed
    /// A state this code does not know, with wpa_supplicant's own text for it.
    case unknown(String)

    /// Reads a state from its name (`COMPLETED`) or its number (`9`).
    public init(_ text: some StringProtocol) {
        // Values are cut from lines and events; a stray space must not make a known state unknown.
        var trimmed = Substring(text)
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        switch String(trimmed) {
        case "DISCONNECTED", "0": self = .disconnected
        case "INTERFACE_DISABLED", "1": self = .interfaceDisabled
        case "INACTIVE", "2": self = .inactive
        case "SCANNING", "3": self = .scanning
        case "AUTHENTICATING", "4": self = .authenticating
        case "ASSOCIATING", "5": self = .associating
        case "ASSOCIATED", "6": self = .associated
        case "4WAY_HANDSHAKE", "7": self = .fourWayHandshake
        case "GROUP_HANDSHAKE", "8": self = .groupHandshake
        case "COMPLETED", "9": self = .completed
        case let other: self = .unknown(other)
        }
    }

    /// True when the link is up for traffic; only `completed` is, since `associated` on a protected
    /// network still has its keys to agree.
    public var isConnected: Bool {
        switch self {
        case .completed: true
        case .disconnected, .interfaceDisabled, .inactive, .scanning, .authenticating, .associating, .associated,
            .fourWayHandshake, .groupHandshake, .unknown:
            false
        }
    }

    /// wpa_supplicant's name for the state, as STATUS prints it.
    public var description: String {
        switch self {
        case .disconnected: "DISCONNECTED"
        case .interfaceDisabled: "INTERFACE_DISABLED"
        case .inactive: "INACTIVE"
        case .scanning: "SCANNING"
        case .authenticating: "AUTHENTICATING"
        case .associating: "ASSOCIATING"
        case .associated: "ASSOCIATED"
        case .fourWayHandshake: "4WAY_HANDSHAKE"
        case .groupHandshake: "GROUP_HANDSHAKE"
        case .completed: "COMPLETED"
        case .unknown(let text): text
        }
    }
}

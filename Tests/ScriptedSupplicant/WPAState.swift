/// `wpa_state=` of `STATUS`, with the names `wpa_supplicant_state_txt` gives; only the states
/// the script passes through.
enum WPAState: String {
    case disconnected = "DISCONNECTED"
    /// No enabled network: nothing to connect to.
    case inactive = "INACTIVE"
    case scanning = "SCANNING"
    case associating = "ASSOCIATING"
    case associated = "ASSOCIATED"
    case fourWayHandshake = "4WAY_HANDSHAKE"
    case completed = "COMPLETED"

    /// Whether `STATUS` shows the BSS, SSID and keys: from ASSOCIATED on, as the real daemon does.
    var hasAssociation: Bool {
        switch self {
        case .associated, .fourWayHandshake, .completed: true
        default: false
        }
    }
}

import UplinkCore

/// One configured network in wpa_supplicant's LIST_NETWORKS.
///
/// The reply is a header, `network id / ssid / bssid / flags`, then a row per network:
/// `id\tssid\tbssid\tflags`, the SSID escaped, the BSSID `any` unless the network is pinned to one
/// access point, the flags bracketed (`[CURRENT]`, `[DISABLED]`, `[TEMP-DISABLED]`).
public struct SupplicantNetworkEntry: Hashable, Sendable {
    /// The id SET_NETWORK, SELECT_NETWORK and REMOVE_NETWORK take.
    public let id: Int
    /// The SSID's bytes, as configured.
    public let ssidBytes: [UInt8]
    /// The access point the network is pinned to, or `any`.
    public let bssid: String
    /// True for the network in use now.
    public let isCurrent: Bool
    /// True when the network is disabled, so wpa_supplicant does not pick it by itself.
    public let isDisabled: Bool
    /// True while wpa_supplicant rests a network after failures (a wrong password, a timeout); it
    /// tries again when the rest is over (see CTRL-EVENT-SSID-TEMP-DISABLED).
    public let isTemporarilyDisabled: Bool

    /// Makes an entry, for tests and fakes that build one without a reply.
    public init(
        id: Int,
        ssidBytes: [UInt8],
        bssid: String = "any",
        isCurrent: Bool = false,
        isDisabled: Bool = false,
        isTemporarilyDisabled: Bool = false
    ) {
        self.id = id
        self.ssidBytes = ssidBytes
        self.bssid = bssid
        self.isCurrent = isCurrent
        self.isDisabled = isDisabled
        self.isTemporarilyDisabled = isTemporarilyDisabled
    }

    /// Reads one row; nil for the header or a row without a numeric id and at least three columns.
    init?(row: Substring) {
        let columns = row.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        guard columns.count >= 3, let id = Int(columns[0]) else { return nil }
        let flags = columns.count > 3 ? SupplicantText.bracketedFlags(columns[3]) : []
        self.init(
            id: id, ssidBytes: SupplicantText.decodeEscaped(columns[1]), bssid: String(columns[2]),
            isCurrent: flags.contains("CURRENT"), isDisabled: flags.contains("DISABLED"),
            isTemporarilyDisabled: flags.contains("TEMP-DISABLED"))
    }

    /// The rows of a LIST_NETWORKS reply, in the reply's order; the header and malformed rows skipped.
    public static func parse(_ reply: String) -> [SupplicantNetworkEntry] {
        SupplicantText.lines(reply).compactMap { SupplicantNetworkEntry(row: $0) }
    }

    /// The SSID; nil when the network has none yet (just added) or it is not 1 to 32 bytes.
    public var ssid: SSID? { try? SSID(bytes: self.ssidBytes) }
}

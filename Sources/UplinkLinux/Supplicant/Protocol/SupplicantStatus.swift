import UplinkCore

/// wpa_supplicant's answer to STATUS: one `key=value` a line, read into what uplink shows and acts on.
///
/// Every line is also kept in `fields`, so a key this type does not name (`selectedMethod`,
/// `Supplicant PAE state`, `pairwise_cipher`) is still there for a detail view or a log.
public struct SupplicantStatus: Hashable, Sendable {
    /// `wpa_state`: where the supplicant is; `.unknown("")` when the reply has none.
    public let state: SupplicantState
    /// `ssid`: the network in use, decoded from its escaped form; nil when there is none.
    public let ssid: SSID?
    /// `bssid`: the access point (or, on a wired port, the PAE group address) in use.
    public let bssid: String?
    /// `id`: the network's id in LIST_NETWORKS.
    public let networkID: Int?
    /// `freq`: the channel in MHz; nil when absent or 0, as a wired port reports it.
    public let frequency: Int?
    /// `key_mgmt`: the key management in use, as wpa_supplicant names it (`WPA2-PSK`, `SAE`,
    /// `IEEE 802.1X (no WPA)`).
    public let keyManagement: String?
    /// `ip_address`: the address wpa_supplicant sees on the interface; a hint only, since uplink
    /// reads addresses from the kernel.
    public let ipAddress: String?
    /// `EAP state`: where 802.1X is (`SUCCESS`, `FAILURE`, `IDLE`).
    public let eapState: String?
    /// `suppPortStatus`: `Authorized` once 802.1X has let traffic through, `Unauthorized` before.
    public let portStatus: String?
    /// Every `key=value` line, as received.
    public let fields: [String: String]

    /// Reads a STATUS reply. Lines without `=` are skipped; a value may contain `=` (only the first
    /// one separates), and a key may contain spaces (`EAP state`).
    public init(parsing reply: String) {
        var fields: [String: String] = [:]
        for line in SupplicantText.lines(reply) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            // The first line for a key wins: later ones (per-link lines in newer versions) say less.
            if fields[key] == nil { fields[key] = String(line[line.index(after: equals)...]) }
        }
        self.fields = fields
        self.state = SupplicantState(fields["wpa_state"] ?? "")
        self.ssid = fields["ssid"].flatMap { try? SSID(bytes: SupplicantText.decodeEscaped($0)) }
        self.bssid = fields["bssid"]
        self.networkID = fields["id"].flatMap { Int($0) }
        self.frequency = fields["freq"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        self.keyManagement = fields["key_mgmt"]
        self.ipAddress = fields["ip_address"]
        self.eapState = fields["EAP state"]
        self.portStatus = fields["suppPortStatus"]
    }
}

/// One configured network, a `network={…}` block: the fields `SET_NETWORK` sets, `GET_NETWORK`
/// reads and `SAVE_CONFIG` writes, and the temporary disabling after failed authentications.
///
/// Values are parsed and printed the way wpa_supplicant 2.10 does (`config.c`), so a client that
/// works against this script sends what the real daemon accepts.
struct NetworkBlock {
    /// Key managements in the order `wpa_config_write_key_mgmt` prints them; any other name is
    /// refused like an unknown one in the real parser.
    static let keyManagementOrder = [
        "WPA-PSK", "WPA-EAP", "IEEE8021X", "NONE", "FT-PSK", "FT-EAP", "WPA-PSK-SHA256", "WPA-EAP-SHA256", "SAE",
        "FT-SAE", "OWE",
    ]

    /// What a new network gets (`DEFAULT_KEY_MGMT`), and what is therefore not written to the file.
    static let defaultKeyManagement: Set<String> = ["WPA-PSK", "WPA-EAP"]

    /// The EAP method names the real parser knows.
    private static let eapMethods: Set<String> = [
        "MD5", "MSCHAPV2", "OTP", "GTC", "TLS", "PEAP", "TTLS", "LEAP", "PSK", "PAX", "SAKE", "GPSK", "SIM", "AKA",
        "AKA'", "FAST", "PWD", "IKEV2", "TNC", "EKE", "TEAP", "WSC",
    ]

    let id: Int
    var ssid: [UInt8]?
    /// `psk="…"`: the passphrase, 8 to 63 characters.
    var passphrase: [UInt8]?
    /// `psk=` 64 hex digits: the 32-byte PSK itself.
    var psk: [UInt8]?
    var keyManagement = NetworkBlock.defaultKeyManagement
    var saePassword: [UInt8]?
    /// 0 to 2; 3 means unset (`MGMT_FRAME_PROTECTION_DEFAULT`: follow the global `pmf`).
    var ieee80211w = 3
    var scanSSID = false
    var identity: [UInt8]?
    var password: [UInt8]?
    var eap: [String]?
    var eapolFlags = 3
    var priority = 0
    /// 0 enabled, 1 disabled, 2 a persistent P2P group (accepted, never used here).
    var disabled: Int
    var idString: [UInt8]?
    /// Failed authentications since the last success or explicit enable.
    var authFailures = 0
    /// Monotonic milliseconds until which the network is temporarily disabled. Like
    /// `disabled_until`, it stays set after it has passed (so `LIST_NETWORKS` still shows
    /// `[TEMP-DISABLED]`) until a connection or an enable clears it.
    var disabledUntil: Int64?

    /// A new network: disabled, as `ADD_NETWORK` leaves it, or enabled as a file block without
    /// `disabled=` is.
    init(id: Int, disabled: Int) {
        self.id = id
        self.disabled = disabled
    }

    /// Whether the network may not be tried at `now`.
    func isTemporarilyDisabled(at now: Int64) -> Bool {
        self.disabledUntil.map { now < $0 } ?? false
    }

    /// Sets one field from its textual value; false for an unknown field or an invalid value, for
    /// which `SET_NETWORK` answers `FAIL` and the real configuration parser refuses the file.
    mutating func set(_ field: String, _ value: String) -> Bool {
        switch field {
        case "ssid":
            guard let bytes = SupplicantText.parse(value), bytes.count <= 32 else { return false }
            self.ssid = bytes
        case "psk":
            if value.hasPrefix("\"") {
                guard let bytes = SupplicantText.parse(value), (8...63).contains(bytes.count) else { return false }
                self.passphrase = bytes
                self.psk = nil
            } else {
                guard value.utf8.count == 64, let bytes = SupplicantText.bytes(fromHex: value) else { return false }
                self.psk = bytes
                self.passphrase = nil
            }
        case "key_mgmt":
            let names = value.split(separator: " ").map(String.init)
            guard !names.isEmpty, names.allSatisfy(Self.keyManagementOrder.contains) else { return false }
            self.keyManagement = Set(names)
        case "eap":
            let names = value.split(separator: " ").map(String.init)
            guard !names.isEmpty, names.allSatisfy(Self.eapMethods.contains) else { return false }
            self.eap = names
        case "sae_password": return Self.parseString(value, into: &self.saePassword)
        case "identity": return Self.parseString(value, into: &self.identity)
        case "password": return Self.parseString(value, into: &self.password)
        case "id_str": return Self.parseString(value, into: &self.idString)
        case "scan_ssid":
            guard let number = Self.integer(value, in: 0...1) else { return false }
            self.scanSSID = number == 1
        case "ieee80211w": return Self.parseInteger(value, in: 0...2, into: &self.ieee80211w)
        case "eapol_flags": return Self.parseInteger(value, in: 0...3, into: &self.eapolFlags)
        case "priority": return Self.parseInteger(value, in: Int(Int32.min)...Int(Int32.max), into: &self.priority)
        case "disabled": return Self.parseInteger(value, in: 0...2, into: &self.disabled)
        default: return false
        }
        return true
    }

    /// A field as `GET_NETWORK` answers it (`wpa_config_get_no_key`): keys as `*`, strings quoted
    /// or hex; nil (`FAIL`) for an unknown or unset field.
    func get(_ field: String) -> String? {
        switch field {
        case "ssid": self.ssid.map(SupplicantText.configuration)
        case "psk": self.passphrase != nil || self.psk != nil ? "*" : nil
        case "sae_password": self.saePassword.map { _ in "*" }
        case "password": self.password.map { _ in "*" }
        case "key_mgmt": self.keyManagementText
        case "identity": self.identity.map(SupplicantText.configuration)
        case "id_str": self.idString.map(SupplicantText.configuration)
        case "eap": self.eap?.joined(separator: " ")
        case "scan_ssid": self.scanSSID ? "1" : "0"
        case "ieee80211w": "\(self.ieee80211w)"
        case "eapol_flags": "\(self.eapolFlags)"
        case "priority": "\(self.priority)"
        case "disabled": "\(self.disabled)"
        default: nil
        }
    }

    /// The key managements, space separated in the real order.
    var keyManagementText: String {
        Self.keyManagementOrder.filter(self.keyManagement.contains).joined(separator: " ")
    }

    /// The lines of the `network={…}` block, in the order and with the defaults left out as
    /// `wpa_config_write_network` writes them.
    var configurationLines: [String] {
        var lines: [String] = []
        if let ssid = self.ssid { lines.append("ssid=" + SupplicantText.configuration(ssid)) }
        if self.scanSSID { lines.append("scan_ssid=1") }
        if let passphrase = self.passphrase {
            lines.append("psk=\"" + String(decoding: passphrase, as: UTF8.self) + "\"")
        } else if let psk = self.psk {
            lines.append("psk=" + SupplicantText.hex(psk))
        }
        if let password = self.saePassword { lines.append("sae_password=" + SupplicantText.configuration(password)) }
        if self.keyManagement != Self.defaultKeyManagement { lines.append("key_mgmt=" + self.keyManagementText) }
        if let eap = self.eap { lines.append("eap=" + eap.joined(separator: " ")) }
        if let identity = self.identity { lines.append("identity=" + SupplicantText.configuration(identity)) }
        if let password = self.password { lines.append("password=" + SupplicantText.configuration(password)) }
        if self.eapolFlags != 3 { lines.append("eapol_flags=\(self.eapolFlags)") }
        if self.priority != 0 { lines.append("priority=\(self.priority)") }
        if self.disabled != 0 { lines.append("disabled=\(self.disabled)") }
        if self.ieee80211w != 3 { lines.append("ieee80211w=\(self.ieee80211w)") }
        if let idString = self.idString { lines.append("id_str=" + SupplicantText.configuration(idString)) }
        return lines
    }

    private static func parseString(_ value: String, into field: inout [UInt8]?) -> Bool {
        guard let bytes = SupplicantText.parse(value) else { return false }
        field = bytes
        return true
    }

    private static func parseInteger(_ value: String, in range: ClosedRange<Int>, into field: inout Int) -> Bool {
        guard let number = self.integer(value, in: range) else { return false }
        field = number
        return true
    }

    private static func integer(_ value: String, in range: ClosedRange<Int>) -> Int? {
        guard let number = Int(value), range.contains(number) else { return nil }
        return number
    }
}

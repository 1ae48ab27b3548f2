import UplinkCore

/// What to send wpa_supplicant, field by field (SET_NETWORK), to configure a network for credentials.
///
/// The fields hold the secrets in the clear, since wpa_supplicant needs them; everything that shows
/// them (`description`, `debugDescription`, the mirror `dump` uses) masks them, so settings or a
/// field can go into a log line or an error without the password.
public struct SupplicantNetworkSettings: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// What an 802.1X network needs beyond an identity and a password, which credentials do not say.
    public struct EnterpriseOptions: Hashable, Sendable {
        /// `key_mgmt`: `WPA-EAP` for Wi-Fi, `IEEE8021X` for a wired port (802.1X without WPA).
        public var keyManagement: String
        /// `eap`: the EAP methods to offer, space-separated, as wpa_supplicant names them.
        public var methods: String
        /// `eapol_flags`, when set: 0 on a wired port, where no dynamic WEP keys follow 802.1X.
        public var eapolFlags: Int?

        /// Options with Wi-Fi's defaults: WPA-EAP with PEAP or TTLS, wpa_supplicant's EAPOL flags.
        public init(keyManagement: String = "WPA-EAP", methods: String = "PEAP TTLS", eapolFlags: Int? = nil) {
            self.keyManagement = keyManagement
            self.methods = methods
            self.eapolFlags = eapolFlags
        }
    }

    /// One network field, with the value as SET_NETWORK takes it (already quoted or hex).
    public struct Field: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// The field's name (`ssid`, `key_mgmt`, `psk`).
        public let name: String
        /// The value, in the clear: only `command(networkID:field:)` should read it.
        public let value: String
        /// True for a password or key, whose value is never shown.
        public let isSecret: Bool

        /// Makes a field.
        public init(name: String, value: String, isSecret: Bool = false) {
            self.name = name
            self.value = value
            self.isSecret = isSecret
        }

        /// `name value`, with a secret's value masked.
        public var description: String { "\(self.name) \(self.isSecret ? SupplicantNetworkSettings.mask : self.value)" }

        /// The description in a wrapper, for `String(reflecting:)`: masked as well.
        public var debugDescription: String { "Field(\(self.description))" }

        /// The mirror masks a secret too, so `dump` and reflection cannot print it.
        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "name": self.name, "value": self.isSecret ? SupplicantNetworkSettings.mask : self.value,
                    "isSecret": self.isSecret,
                ])
        }
    }

    /// The fields, in the order to send them.
    public let fields: [Field]

    /// The mask shown for a secret: UplinkCore's, so every masked value looks the same.
    static let mask = Secret("").description

    /// The fields for credentials.
    ///
    /// The SSID always goes as hex: it is bytes, and hex carries any of them (quotes, backslashes,
    /// UTF-8) without a quoting rule to get wrong. Then, as the security asks: open is `key_mgmt NONE`;
    /// WPA2 is `WPA-PSK` with the passphrase quoted, or a 64-hex-digit key unquoted (wpa_supplicant
    /// takes unquoted hex as the raw key); WPA3 is `SAE` with management frame protection required
    /// (`ieee80211w 2`, which SAE demands) and `sae_password`, whose length is not limited as `psk`'s
    /// is; enterprise is the options' key management and methods, the identity and the password.
    /// Identity and passwords go as `SupplicantText.stringValue`, so non-ASCII ones arrive intact.
    public init(_ credentials: WiFiCredentials, enterprise: EnterpriseOptions = EnterpriseOptions()) {
        var fields = [Field(name: "ssid", value: SupplicantText.hex(credentials.ssid.bytes))]
        if credentials.isHidden {
            // A hidden network answers only a probe that names it.
            fields.append(Field(name: "scan_ssid", value: "1"))
        }
        let secret = credentials.secret?.revealed ?? ""
        switch credentials.security {
        case .open:
            fields.append(Field(name: "key_mgmt", value: "NONE"))
        case .wpa2Personal:
            fields.append(Field(name: "key_mgmt", value: "WPA-PSK"))
            let isHexKey = secret.utf8.count == 64 && secret.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit)
            fields.append(Field(name: "psk", value: isHexKey ? secret : "\"" + secret + "\"", isSecret: true))
        case .wpa3Personal:
            fields.append(Field(name: "key_mgmt", value: "SAE"))
            fields.append(Field(name: "ieee80211w", value: "2"))
            fields.append(
                Field(name: "sae_password", value: SupplicantText.stringValue(Array(secret.utf8)), isSecret: true))
        case .enterprise:
            fields.append(Field(name: "key_mgmt", value: enterprise.keyManagement))
            fields.append(Field(name: "eap", value: enterprise.methods))
            if let identity = credentials.identity {
                fields.append(Field(name: "identity", value: SupplicantText.stringValue(Array(identity.utf8))))
            }
            fields.append(
                Field(name: "password", value: SupplicantText.stringValue(Array(secret.utf8)), isSecret: true))
            if let flags = enterprise.eapolFlags {
                fields.append(Field(name: "eapol_flags", value: String(flags)))
            }
        }
        self.fields = fields
    }

    /// The command that sets one field: `SET_NETWORK <id> <name> <value>`. It holds a secret in the
    /// clear, so it goes to the socket and nowhere else.
    public func command(networkID: Int, field: Field) -> String {
        "SET_NETWORK \(networkID) \(field.name) \(field.value)"
    }

    /// Every field's command, in the order to send them.
    public func commands(networkID: Int) -> [String] {
        self.fields.map { self.command(networkID: networkID, field: $0) }
    }

    /// The fields as `name value`, comma-separated, secrets masked.
    public var description: String { self.fields.map(\.description).joined(separator: ", ") }

    /// The description in a wrapper, for `String(reflecting:)`: masked as well.
    public var debugDescription: String { "SupplicantNetworkSettings(\(self.description))" }

    /// The mirror shows the masked fields, so `dump` and reflection cannot print a secret.
    public var customMirror: Mirror { Mirror(self, children: ["fields": self.fields], displayStyle: .struct) }
}

extension SupplicantNetworkSettings {
    /// The security a configured network's `key_mgmt` (a GET_NETWORK reply) says, the inverse of
    /// the field these settings send: any EAP method or IEEE8021X is 802.1X, any PSK a WPA2
    /// passphrase (a transition network takes one too), SAE alone WPA3, NONE open.
    public static func security(keyManagement: String) -> WiFiSecurity {
        let methods = keyManagement.split(whereSeparator: { $0 == " " || $0 == "\n" })
        if methods.contains(where: { $0.contains("EAP") || $0 == "IEEE8021X" }) { return .enterprise }
        if methods.contains(where: { $0.contains("PSK") }) { return .wpa2Personal }
        if methods.contains(where: { $0.contains("SAE") }) { return .wpa3Personal }
        return .open
    }
}

/// How a Wi-Fi network protects itself, as far as joining it is concerned.
public enum WiFiSecurity: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// No authentication; anyone may join.
    case open
    /// WPA2-Personal: a passphrase of 8–63 printable ASCII characters or a 64-hex-digit key.
    case wpa2Personal = "wpa2"
    /// WPA3-Personal (SAE): a password of 1–128 characters without control characters.
    case wpa3Personal = "wpa3"
    /// WPA2/WPA3-Enterprise (802.1X): an identity and a password.
    case enterprise

    /// True when joining needs a secret.
    public var needsSecret: Bool {
        switch self {
        case .open: false
        case .wpa2Personal, .wpa3Personal, .enterprise: true
        }
    }

    /// A short label for lists.
    public var description: String {
        switch self {
        case .open: "open"
        case .wpa2Personal: "WPA2"
        case .wpa3Personal: "WPA3"
        case .enterprise: "802.1X"
        }
    }
}

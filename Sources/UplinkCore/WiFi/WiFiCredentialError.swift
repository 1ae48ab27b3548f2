/// Why Wi-Fi credentials were refused, with a message that says what would be accepted.
public enum WiFiCredentialError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The SSID is not 1 to 32 bytes long.
    case ssidLength(Int)
    /// A field contains a control character (given as its code point).
    case controlCharacter(field: String, codePoint: UInt32)
    /// The WPA2 passphrase has the wrong length or characters.
    case wpaPassphrase(length: Int)
    /// The WPA3 (SAE) password is empty or too long.
    case saePasswordLength(Int)
    /// A network that needs a secret was given none.
    case missingSecret(WiFiSecurity)
    /// An enterprise network was given no identity.
    case missingIdentity

    public var description: String {
        switch self {
        case .ssidLength(let count):
            "the network name is \(count) bytes; it must be 1 to 32 bytes"
        case .controlCharacter(let field, let codePoint):
            "the \(field) contains a control character (U+\(String(codePoint, radix: 16, uppercase: true))); "
                + "control characters are not accepted"
        case .wpaPassphrase(let length):
            "a WPA2 passphrase is 8 to 63 printable ASCII characters, or 64 hex digits; this one has \(length) "
                + "characters or characters outside that set"
        case .saePasswordLength(let length):
            "a WPA3 password is 1 to 128 characters; this one has \(length)"
        case .missingSecret(let security):
            "a \(security) network needs a password"
        case .missingIdentity:
            "an 802.1X network needs an identity"
        }
    }
}

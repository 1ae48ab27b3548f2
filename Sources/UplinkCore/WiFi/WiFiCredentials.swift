/// What it takes to join a Wi-Fi network, validated before anything is sent or saved.
public struct WiFiCredentials: Hashable, Sendable, CustomStringConvertible {
    /// The network's name.
    public let ssid: SSID
    /// Its security.
    public let security: WiFiSecurity
    /// The passphrase or password; nil for an open network.
    public let secret: Secret?
    /// The identity, for an enterprise network.
    public let identity: String?
    /// True for a network that does not broadcast its name, so it is probed for by name.
    public let isHidden: Bool

    /// Validates and makes credentials.
    /// - Throws: `WiFiCredentialError` naming what was wrong and what is accepted.
    public init(
        ssid: SSID,
        security: WiFiSecurity,
        secret: Secret? = nil,
        identity: String? = nil,
        isHidden: Bool = false
    ) throws(WiFiCredentialError) {
        try Self.validate(security: security, secret: secret, identity: identity)
        self.ssid = ssid
        self.security = security
        self.secret = security.needsSecret ? secret : nil
        self.identity = security == .enterprise ? identity : nil
        self.isHidden = isHidden
    }

    /// Checks a secret as a person types it, for inline validation; nil when it would be accepted.
    public static func problem(with secret: String, for security: WiFiSecurity) -> WiFiCredentialError? {
        do {
            try Self.validate(security: security, secret: Secret(secret), identity: "-")
            return nil
        } catch {
            return error
        }
    }

    private static func validate(security: WiFiSecurity, secret: Secret?, identity: String?) throws(WiFiCredentialError)
    {
        guard security.needsSecret else { return }
        guard let secret, !secret.isEmpty else { throw .missingSecret(security) }
        let text = secret.revealed
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .controlCharacter(field: "password", codePoint: control.value)
        }
        switch security {
        case .open:
            return
        case .wpa2Personal:
            let scalars = text.unicodeScalars
            let isPassphrase =
                (8...63).contains(scalars.count) && scalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            let isHexKey = scalars.count == 64 && scalars.allSatisfy { $0.properties.isASCIIHexDigit }
            guard isPassphrase || isHexKey else { throw .wpaPassphrase(length: text.count) }
        case .wpa3Personal:
            guard (1...128).contains(text.count) else { throw .saePasswordLength(text.count) }
        case .enterprise:
            guard let identity, !identity.isEmpty else { throw .missingIdentity }
            if let control = identity.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                throw .controlCharacter(field: "identity", codePoint: control.value)
            }
        }
    }

    public var description: String {
        "\(self.ssid.displayName) (\(self.security)\(self.secret == nil ? "" : ", secret \(Secret(""))"))"
    }
}

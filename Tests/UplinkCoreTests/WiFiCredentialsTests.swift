import Testing
import UplinkCore

/// The bad-input matrix for Wi-Fi credentials: each input refused with a message that says what is
/// accepted, or accepted with its bytes exactly as given.
@Suite("Wi-Fi credentials")
struct WiFiCredentialsTests {
    /// An input that must be refused, and the words its message must contain.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var label: String
        var make: @Sendable () throws -> Void
        var message: String
        var testDescription: String { self.label }
    }

    static let refusals: [Refusal] = [
        Refusal(label: "empty SSID", make: { _ = try SSID("") }, message: "0 bytes; it must be 1 to 32 bytes"),
        Refusal(
            label: "33-byte SSID", make: { _ = try SSID(String(repeating: "a", count: 33)) },
            message: "33 bytes; it must be 1 to 32 bytes"),
        Refusal(
            label: "SSID of 11 emoji (44 bytes)", make: { _ = try SSID(String(repeating: "📶", count: 11)) },
            message: "44 bytes"),
        Refusal(
            label: "SSID with a newline", make: { _ = try SSID("Work\nshop") },
            message: "the SSID contains a control character (U+A)"),
        Refusal(
            label: "7-character WPA2 passphrase",
            make: {
                _ = try WiFiCredentials(ssid: SSID("Workshop"), security: .wpa2Personal, secret: Secret("1234567"))
            },
            message: "8 to 63 printable ASCII characters, or 64 hex digits; this one has 7"),
        Refusal(
            label: "64-character WPA2 key that is not hex",
            make: {
                _ = try WiFiCredentials(
                    ssid: SSID("Workshop"), security: .wpa2Personal, secret: Secret(String(repeating: "g", count: 64)))
            },
            message: "this one has 64"),
        Refusal(
            label: "WPA2 passphrase with an emoji",
            make: {
                _ = try WiFiCredentials(
                    ssid: SSID("Workshop"), security: .wpa2Personal, secret: Secret("horse📶battery"))
            },
            message: "printable ASCII"),
        Refusal(
            label: "WPA2 passphrase with a tab",
            make: {
                _ = try WiFiCredentials(
                    ssid: SSID("Workshop"), security: .wpa2Personal, secret: Secret("horse\tbattery"))
            },
            message: "the password contains a control character (U+9)"),
        Refusal(
            label: "WPA2 network without a passphrase",
            make: { _ = try WiFiCredentials(ssid: SSID("Workshop"), security: .wpa2Personal) },
            message: "a WPA2 network needs a password"),
        Refusal(
            label: "WPA3 password of 129 characters",
            make: {
                _ = try WiFiCredentials(
                    ssid: SSID("Office-5G"), security: .wpa3Personal, secret: Secret(String(repeating: "x", count: 129))
                )
            },
            message: "a WPA3 password is 1 to 128 characters; this one has 129"),
        Refusal(
            label: "802.1X without an identity",
            make: { _ = try WiFiCredentials(ssid: SSID("Corp"), security: .enterprise, secret: Secret("secret123")) },
            message: "an 802.1X network needs an identity"),
    ]

    @Test("each bad input is refused with a message that says what is accepted", arguments: refusals)
    func refused(_ refusal: Refusal) {
        do {
            try refusal.make()
            Issue.record("\(refusal.label) was accepted")
        } catch {
            #expect("\(error)".contains(refusal.message), "message: \(error)")
        }
    }

    @Test(
        "names with quotes, backslashes, spaces, UTF-8 and emoji are accepted with their bytes exactly",
        arguments: ["Bob's \"Shed\" \\ AP", "Café ☕ Zürich", "📶📶📶📶📶📶📶📶", String(repeating: "z", count: 32), " "]
    )
    func namesKeepTheirBytes(_ name: String) throws {
        let ssid = try SSID(name)

        #expect(ssid.bytes == Array(name.utf8))
        #expect(ssid.displayName == name)
    }

    @Test("a name that is not UTF-8 is shown with \\xNN escapes and keeps its bytes")
    func bytesThatAreNotText() throws {
        let ssid = try SSID(bytes: [0x41, 0xFF, 0x01, 0x5C])

        #expect(ssid.displayName == "A\\xff\\x01\\x5c")
        #expect(ssid.bytes == [0x41, 0xFF, 0x01, 0x5C])
    }

    @Test("passphrases with quotes and backslashes, 64-hex keys and 8- and 63-character passphrases are accepted")
    func acceptedSecrets() throws {
        let ssid = try SSID("Workshop")
        for secret in [
            "a \"quoted\" \\ key", String(repeating: "a1", count: 32), "12345678", String(repeating: "p", count: 63),
        ] {
            let credentials = try WiFiCredentials(ssid: ssid, security: .wpa2Personal, secret: Secret(secret))
            #expect(credentials.secret?.revealed == secret)
            #expect(!credentials.description.contains(secret), "the description masks the key")
        }
        let sae = try WiFiCredentials(ssid: ssid, security: .wpa3Personal, secret: Secret("ünïcödé 📶 ok"))
        #expect(sae.secret?.revealed == "ünïcödé 📶 ok")
    }
}

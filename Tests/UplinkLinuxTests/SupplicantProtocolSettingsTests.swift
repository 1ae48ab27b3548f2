import Testing
import UplinkCore
import UplinkLinux

@Suite("wpa_supplicant network settings for credentials")
struct SupplicantProtocolSettingsTests {
    typealias Settings = SupplicantNetworkSettings

    /// The commands for credentials, on network 0.
    static func commands(_ credentials: WiFiCredentials, _ options: Settings.EnterpriseOptions = .init()) -> [String] {
        Settings(credentials, enterprise: options).commands(networkID: 0)
    }

    @Test("an open network: the SSID as hex and key_mgmt NONE")
    func open() throws {
        let credentials = try WiFiCredentials(ssid: SSID("Coffee Shop"), security: .open)
        #expect(
            Self.commands(credentials) == ["SET_NETWORK 0 ssid 436f666665652053686f70", "SET_NETWORK 0 key_mgmt NONE"])
    }

    @Test("the SSID always goes as hex, quotes and backslashes included, as wpa_supplicant accepted it")
    func ssidAsHex() throws {
        let credentials = try WiFiCredentials(ssid: SSID(#"Bob's "Shed" \ AP"#), security: .open)
        let settings = Settings(credentials)
        #expect(settings.fields[0] == Settings.Field(name: "ssid", value: "426f62277320225368656422205c204150"))
        let raw = try WiFiCredentials(ssid: SSID(bytes: [0x01, 0x41, 0x09, 0x42]), security: .open)
        #expect(Settings(raw).fields[0].value == "01410942")
    }

    @Test("WPA2 with a passphrase: WPA-PSK and the passphrase quoted, quotes inside and all")
    func wpa2Passphrase() throws {
        // Given the passphrases the lab's wpa_supplicant accepted this way
        let plain = try WiFiCredentials(
            ssid: SSID("HomeNet"), security: .wpa2Personal, secret: Secret("correct horse battery"))
        #expect(
            Self.commands(plain) == [
                "SET_NETWORK 0 ssid 486f6d654e6574", "SET_NETWORK 0 key_mgmt WPA-PSK",
                #"SET_NETWORK 0 psk "correct horse battery""#,
            ])
        let quoted = try WiFiCredentials(
            ssid: SSID("HomeNet"), security: .wpa2Personal, secret: Secret(#"correct "horse" battery"#))
        #expect(
            Settings(quoted).fields.last
                == Settings.Field(name: "psk", value: #""correct "horse" battery""#, isSecret: true))
    }

    @Test("WPA2 with a 64-hex-digit key: the key unquoted, so it is taken as the raw PSK")
    func wpa2HexKey() throws {
        let key = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef"
        let credentials = try WiFiCredentials(ssid: SSID("HomeNet"), security: .wpa2Personal, secret: Secret(key))
        #expect(Settings(credentials).fields.last == Settings.Field(name: "psk", value: key, isSecret: true))
    }

    @Test("WPA3: SAE, management frame protection required, sae_password quoted or hex")
    func wpa3() throws {
        let ascii = try WiFiCredentials(ssid: SSID("Z\u{fc}"), security: .wpa3Personal, secret: Secret(#"pa ss"word"#))
        #expect(
            Self.commands(ascii) == [
                "SET_NETWORK 0 ssid 5ac3bc", "SET_NETWORK 0 key_mgmt SAE", "SET_NETWORK 0 ieee80211w 2",
                #"SET_NETWORK 0 sae_password "pa ss"word""#,
            ])
        // A password beyond ASCII goes as hex (the lab accepted 70c3a47373).
        let utf8 = try WiFiCredentials(ssid: SSID("Zü"), security: .wpa3Personal, secret: Secret("päss"))
        #expect(Settings(utf8).fields.last == Settings.Field(name: "sae_password", value: "70c3a47373", isSecret: true))
    }

    @Test("a hidden network is probed for by name: scan_ssid 1 right after the SSID")
    func hidden() throws {
        let credentials = try WiFiCredentials(
            ssid: SSID("Attic"), security: .wpa2Personal, secret: Secret("12345678"), isHidden: true)
        #expect(Settings(credentials).fields.map(\.name) == ["ssid", "scan_ssid", "key_mgmt", "psk"])
        #expect(Settings(credentials).fields[1].value == "1")
    }

    @Test("enterprise on Wi-Fi by default: WPA-EAP, PEAP or TTLS, identity and password")
    func enterpriseDefaults() throws {
        let credentials = try WiFiCredentials(
            ssid: SSID("Corp"), security: .enterprise, secret: Secret("hunter2!"), identity: "jør")
        #expect(
            Self.commands(credentials) == [
                "SET_NETWORK 0 ssid 436f7270", "SET_NETWORK 0 key_mgmt WPA-EAP", "SET_NETWORK 0 eap PEAP TTLS",
                "SET_NETWORK 0 identity 6ac3b872", #"SET_NETWORK 0 password "hunter2!""#,
            ])
    }

    @Test("wired 802.1X with EAP-MD5: the lab recipe's commands exactly")
    func enterpriseWired() throws {
        // Given the credentials and options of the lab's working 802.1X login
        let credentials = try WiFiCredentials(
            ssid: SSID("Café📶"), security: .enterprise, secret: Secret("secret123"), identity: "alice")
        let options = Settings.EnterpriseOptions(keyManagement: "IEEE8021X", methods: "MD5", eapolFlags: 0)
        // When they become settings for network 1
        let commands = Settings(credentials, enterprise: options).commands(networkID: 1)
        // Then they are the commands the recipe sent, after the SSID
        #expect(
            commands == [
                "SET_NETWORK 1 ssid 436166c3a9f09f93b6", "SET_NETWORK 1 key_mgmt IEEE8021X", "SET_NETWORK 1 eap MD5",
                #"SET_NETWORK 1 identity "alice""#, #"SET_NETWORK 1 password "secret123""#,
                "SET_NETWORK 1 eapol_flags 0",
            ])
    }

    @Test("only passwords and keys are secret")
    func secretFields() throws {
        let credentials = try WiFiCredentials(
            ssid: SSID("Corp"), security: .enterprise, secret: Secret("hunter2!"), identity: "alice")
        let settings = Settings(credentials)
        #expect(settings.fields.filter(\.isSecret).map(\.name) == ["password"])
        let field = settings.fields.last!
        #expect(settings.command(networkID: 5, field: field) == #"SET_NETWORK 5 password "hunter2!""#)
    }

    /// Credentials of every kind that has a secret, with the secret.
    static func secretCredentials() throws -> [(WiFiCredentials, String)] {
        [
            (
                try WiFiCredentials(ssid: SSID("A"), security: .wpa2Personal, secret: Secret("correct horse")),
                "correct horse"
            ),
            (
                try WiFiCredentials(
                    ssid: SSID("B"), security: .wpa2Personal, secret: Secret(String(repeating: "ab", count: 32))),
                String(repeating: "ab", count: 32)
            ),
            (try WiFiCredentials(ssid: SSID("C"), security: .wpa3Personal, secret: Secret("päss wörd")), "päss wörd"),
            (
                try WiFiCredentials(
                    ssid: SSID("D"), security: .enterprise, secret: Secret("secret123"), identity: "alice"),
                "secret123"
            ),
        ]
    }

    @Test("descriptions, debug descriptions and dumps mask every secret, in either of its forms")
    func secretsNeverShow() throws {
        for (credentials, secret) in try Self.secretCredentials() {
            // Given settings holding a secret
            let settings = Settings(credentials)
            var dumped = ""
            dump(settings, to: &dumped)
            let shown =
                [settings.description, String(reflecting: settings), "\(settings)", dumped]
                + settings.fields.flatMap { ["\($0)", String(reflecting: $0)] }
            // Then no text shown holds it, quoted, plain or as hex, and the mask is there instead
            let forms = [secret, SupplicantText.hex(Array(secret.utf8))]
            for text in shown {
                for form in forms {
                    #expect(!text.contains(form), "\(credentials.security): a secret shows in \(text)")
                }
            }
            #expect(settings.description.contains("••••••"))
            // And the commands, which go to the socket only, do hold it
            #expect(settings.commands(networkID: 0).contains { text in forms.contains { text.contains($0) } })
        }
    }

    @Test("a description lists the fields in order, secrets masked")
    func description() throws {
        let credentials = try WiFiCredentials(
            ssid: SSID("Attic"), security: .wpa2Personal, secret: Secret("12345678"), isHidden: true)
        #expect(
            Settings(credentials).description == "ssid 4174746963, scan_ssid 1, key_mgmt WPA-PSK, psk ••••••")
        #expect(Settings.Field(name: "psk", value: "x", isSecret: true).description == "psk ••••••")
        #expect(Settings.Field(name: "key_mgmt", value: "SAE").description == "key_mgmt SAE")
    }

    @Test(
        "a configured network's key_mgmt reads back as the security its settings were sent for",
        arguments: [
            ("NONE", WiFiSecurity.open), ("WPA-PSK", .wpa2Personal), ("WPA-PSK SAE", .wpa2Personal),
            ("SAE", .wpa3Personal), ("WPA-EAP", .enterprise), ("IEEE8021X", .enterprise),
            ("WPA-PSK WPA-EAP", .enterprise),
        ] as [(String, WiFiSecurity)]
    )
    func securityFromKeyManagement(keyManagement: String, security: WiFiSecurity) {
        #expect(Settings.security(keyManagement: keyManagement) == security)
    }
}

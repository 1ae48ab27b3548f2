import Testing
import UplinkCore
import UplinkLinux

@Suite("wpa_supplicant replies: STATUS, LIST_NETWORKS, SCAN_RESULTS, SIGNAL_POLL")
struct SupplicantProtocolReplyTests {
    // MARK: - STATUS

    @Test("a real STATUS before any network reads as disconnected, with no network")
    func statusDisconnected() {
        let status = SupplicantStatus(parsing: SupplicantCapturedText.statusDisconnected)
        #expect(status.state == .disconnected)
        #expect(!status.state.isConnected)
        #expect(status.ssid == nil && status.bssid == nil && status.networkID == nil)
        #expect(status.ipAddress == "198.18.77.2")
        #expect(status.fields["address"] == "c6:72:0d:ba:ed:68")
        #expect(status.fields.count == 4)
    }

    @Test("a real STATUS of a WPA-PSK network on a wire: associated, WPA2-PSK, no frequency")
    func statusAssociatedPSK() throws {
        let status = SupplicantStatus(parsing: SupplicantCapturedText.statusAssociatedPSK)
        #expect(status.state == .associated)
        #expect(!status.state.isConnected)
        #expect(status.bssid == "01:80:c2:00:00:03")
        #expect(status.keyManagement == "WPA2-PSK")
        #expect(status.ssid == (try SSID("HomeNet")))
        #expect(status.networkID == 0)
        // freq=0 is what a wired port says: no channel.
        #expect(status.frequency == nil)
        #expect(status.fields["pairwise_cipher"] == "CCMP")
        #expect(status.eapState == nil && status.portStatus == nil)
    }

    @Test("a real STATUS after an 802.1X login: completed, authorized, the escaped SSID decoded")
    func statusCompletedEAP() throws {
        let status = SupplicantStatus(parsing: SupplicantCapturedText.statusCompletedEAP)
        #expect(status.state == .completed)
        #expect(status.state.isConnected)
        #expect(status.ssid == (try SSID("Café📶")))
        #expect(status.networkID == 4)
        #expect(status.keyManagement == "IEEE 802.1X (no WPA)")
        #expect(status.eapState == "SUCCESS")
        #expect(status.portStatus == "Authorized")
        // Keys with spaces and values with spaces are kept whole.
        #expect(status.fields["Supplicant PAE state"] == "AUTHENTICATED")
        #expect(status.fields["selectedMethod"] == "4 (EAP-MD5)")
    }

    @Test("a real STATUS after a wrong 802.1X password: associated, unauthorized, EAP failure")
    func statusFailedEAP() {
        let status = SupplicantStatus(parsing: SupplicantCapturedText.statusFailedEAP)
        #expect(status.state == .associated)
        #expect(status.eapState == "FAILURE")
        #expect(status.portStatus == "Unauthorized")
        #expect(status.fields["Supplicant PAE state"] == "HELD")
    }

    @Test("STATUS on Wi-Fi: an SSID with quotes and a backslash, a frequency, a value holding '='")
    func statusOnWiFi() throws {
        // Given a STATUS as a radio would give it (same format, real frequency)
        let reply = #"""
            bssid=aa:bb:cc:00:00:01
            freq=5180
            ssid=Bob's \"Shed\" \\ AP
            id=2
            key_mgmt=SAE
            wpa_state=COMPLETED
            id_str=a=b

            """#
        // When it is read
        let status = SupplicantStatus(parsing: reply)
        // Then the SSID is the bytes, not the escapes, and only the first '=' splits
        #expect(status.ssid?.bytes == Array(#"Bob's "Shed" \ AP"#.utf8))
        #expect(status.frequency == 5180)
        #expect(status.networkID == 2)
        #expect(status.keyManagement == "SAE")
        #expect(status.fields["id_str"] == "a=b")
    }

    @Test("STATUS with CRLF line ends, junk lines and no wpa_state still reads")
    func statusOddShapes() {
        let status = SupplicantStatus(parsing: "junk\r\nbssid=aa:bb:cc:00:00:01\r\n\r\nid=x\r\n")
        #expect(status.bssid == "aa:bb:cc:00:00:01")
        #expect(status.networkID == nil)
        #expect(status.state == .unknown(""))
        #expect(SupplicantStatus(parsing: "").fields.isEmpty)
        #expect(SupplicantStatus(parsing: "FAIL\n").state == .unknown(""))
    }

    @Test("wpa_state is read by name and by number, and an unknown one is kept")
    func states() {
        let names = [
            "DISCONNECTED", "INTERFACE_DISABLED", "INACTIVE", "SCANNING", "AUTHENTICATING", "ASSOCIATING",
            "ASSOCIATED", "4WAY_HANDSHAKE", "GROUP_HANDSHAKE", "COMPLETED",
        ]
        let expected: [SupplicantState] = [
            .disconnected, .interfaceDisabled, .inactive, .scanning, .authenticating, .associating, .associated,
            .fourWayHandshake, .groupHandshake, .completed,
        ]
        for (number, (name, state)) in zip(names, expected).enumerated() {
            #expect(SupplicantState(name) == state)
            #expect(SupplicantState(String(number)) == state)
            #expect(state.description == name)
        }
        #expect(SupplicantState("UNKNOWN") == .unknown("UNKNOWN"))
        #expect(SupplicantState("10") == .unknown("10"))
        #expect(expected.filter(\.isConnected) == [.completed])
    }

    // MARK: - LIST_NETWORKS

    @Test("a real LIST_NETWORKS reads into ids, SSID bytes and flags")
    func listNetworks() throws {
        // Given the reply for five networks set by hex SSID, the last one selected
        // When it is read
        let entries = SupplicantNetworkEntry.parse(SupplicantCapturedText.listNetworks)
        // Then every row is there with the bytes that were set, and only the last is current
        #expect(entries.map(\.id) == [0, 1, 2, 3, 4])
        #expect(entries[0].ssidBytes == Array(#"Bob's "Shed" \ AP"#.utf8))
        #expect(entries[1].ssidBytes == [0x01, 0x41, 0x09, 0x42])
        #expect(entries[2].ssid == (try SSID("Café ☕ Zürich")))
        #expect(entries[3].ssidBytes.count == 32)
        #expect(entries[4].ssid == (try SSID("Café📶")))
        #expect(entries.map(\.isCurrent) == [false, false, false, false, true])
        #expect(entries.map(\.isDisabled) == [true, true, true, true, false])
        #expect(entries.allSatisfy { $0.bssid == "any" && !$0.isTemporarilyDisabled })
    }

    @Test("LIST_NETWORKS: empty flags, a temporarily disabled network, a pinned BSSID, junk rows")
    func listNetworksShapes() {
        let reply = [
            "network id / ssid / bssid / flags",
            "0\tHomeNet\tany\t",
            "1\tCafe\taa:bb:cc:00:00:01\t[CURRENT][TEMP-DISABLED]",
            "2\t\tany\t[DISABLED]",
            "x\tNotAnID\tany\t",
            "3",
            "4\tNoFlags\tany",
        ].joined(separator: "\r\n")
        let entries = SupplicantNetworkEntry.parse(reply)
        #expect(entries.map(\.id) == [0, 1, 2, 4])
        #expect(entries[0] == SupplicantNetworkEntry(id: 0, ssidBytes: Array("HomeNet".utf8)))
        #expect(entries[1].isCurrent && entries[1].isTemporarilyDisabled && !entries[1].isDisabled)
        #expect(entries[1].bssid == "aa:bb:cc:00:00:01")
        // A network just added has no SSID yet.
        #expect(entries[2].ssidBytes.isEmpty && entries[2].ssid == nil && entries[2].isDisabled)
        #expect(entries[3].ssidBytes == Array("NoFlags".utf8))
        #expect(SupplicantNetworkEntry.parse("network id / ssid / bssid / flags\n").isEmpty)
    }

    // MARK: - SCAN_RESULTS

    /// Rows in the format of ctrl_iface.c: two access points of one network, the kinds of security,
    /// hidden networks (empty, and zero bytes), ones uplink cannot join, and junk.
    static let scanReply =
        [
            "bssid / frequency / signal level / flags / ssid",
            "aa:bb:cc:00:00:01\t2412\t-45\t[WPA2-PSK-CCMP][ESS]\tHome",
            "aa:bb:cc:00:00:02\t5180\t-60\t[WPA2-PSK-CCMP][WPS][ESS]\tHome",
            "aa:bb:cc:00:00:03\t2437\t-70\t[WPA2-SAE-CCMP][ESS]\tCaf\\xc3\\xa9 \\xe2\\x98\\x95",
            "aa:bb:cc:00:00:04\t2462\t-50\t[WPA2-PSK+SAE-CCMP][ESS]\tTransition",
            "aa:bb:cc:00:00:05\t5200\t-55\t[WPA2-EAP-CCMP][ESS]\tCorp",
            "aa:bb:cc:00:00:06\t2412\t-80\t[ESS]\tCoffee Shop",
            "aa:bb:cc:00:00:07\t2412\t-40\t[WPA2-PSK-CCMP][ESS]\t",
            "aa:bb:cc:00:00:08\t2412\t-42\t[WPA2-PSK-CCMP][ESS]\t\\x00\\x00\\x00\\x00",
            "aa:bb:cc:00:00:09\t2412\t-65\t[WEP][ESS]\tOld",
            "aa:bb:cc:00:00:0a\t2412\t-66\t[WPA2-OWE-CCMP][ESS]\tOWE",
            "aa:bb:cc:00:00:0b\tnot-a-number\t-1\t[ESS]\tBad",
            "garbage",
            "aa:bb:cc:00:00:0c\t2412\t-80\t[ESS]\tAardvark",
        ].joined(separator: "\n") + "\n"

    @Test("SCAN_RESULTS rows read into BSSID, frequency, signal, flags and SSID bytes")
    func scanRows() {
        let results = SupplicantScanResult.parse(Self.scanReply)
        #expect(results.count == 11)
        #expect(
            results[1]
                == SupplicantScanResult(
                    bssid: "aa:bb:cc:00:00:02", frequency: 5180, signal: -60, flags: ["WPA2-PSK-CCMP", "WPS", "ESS"],
                    ssidBytes: Array("Home".utf8)))
        #expect(results[2].ssidBytes == Array("Café ☕".utf8))
        #expect(results[6].isHidden && results[6].ssid == nil)
        #expect(results[7].isHidden && results[7].ssidBytes == [0, 0, 0, 0])
        #expect(!results.contains { $0.bssid == "aa:bb:cc:00:00:0b" })
        #expect(SupplicantScanResult.parse("bssid / frequency / signal level / flags / ssid\n").isEmpty)
    }

    /// Flags and the security they mean, as wpa_supplicant prints WPA and RSN elements.
    static let securityCases: [(flags: String, security: WiFiSecurity?)] = [
        ("[WPA2-PSK-CCMP][ESS]", .wpa2Personal),
        ("[WPA-PSK-TKIP][WPA2-PSK-CCMP+TKIP][ESS]", .wpa2Personal),
        ("[WPA2-PSK-SHA256-CCMP][ESS]", .wpa2Personal),
        ("[WPA2-FT/PSK+PSK-CCMP][ESS]", .wpa2Personal),
        ("[WPA2-PSK+SAE-CCMP][ESS]", .wpa2Personal),
        ("[WPA2-SAE-CCMP][ESS]", .wpa3Personal),
        ("[WPA2-FT/SAE+SAE-CCMP][ESS]", .wpa3Personal),
        ("[RSN-SAE-CCMP][MESH]", .wpa3Personal),
        ("[WPA2-EAP-CCMP][ESS]", .enterprise),
        ("[WPA2-EAP+FT/EAP-CCMP][ESS]", .enterprise),
        ("[WPA2-EAP-SHA256-CCMP][ESS]", .enterprise),
        ("[WPA2-EAP-SUITE-B-192-GCMP-256][ESS]", .enterprise),
        ("[ESS]", .open),
        ("[WPS][ESS]", .open),
        ("[OWE-TRANS-OPEN][ESS]", .open),
        ("", .open),
        ("[WEP][ESS]", nil),
        ("[WPA2-OWE-CCMP][OWE-TRANS][ESS]", nil),
        ("[WPA2-?][ESS]", nil),
        ("[OSEN-OSEN-CCMP][ESS]", nil),
    ]

    @Test("a scan result's flags say its security", arguments: Self.securityCases)
    func security(_ flags: String, _ security: WiFiSecurity?) {
        let row = "aa:bb:cc:00:00:01\t2412\t-50\t\(flags)\tNet"
        #expect(SupplicantScanResult.parse(row).first?.security == security)
    }

    @Test("networks: one per SSID from its strongest BSS, strongest first, hidden and unjoinable left out")
    func networks() throws {
        // Given the scan with two access points for Home, hidden ones, WEP, OWE and junk
        let results = SupplicantScanResult.parse(Self.scanReply)
        // When they are merged into networks
        let networks = SupplicantScanResult.networks(results)
        // Then Home appears once with its strongest BSS, and ties are in SSID order
        #expect(
            networks.map(\.ssid.displayName) == ["Home", "Transition", "Corp", "Café ☕", "Aardvark", "Coffee Shop"])
        #expect(
            networks[0] == WiFiNetwork(ssid: try SSID("Home"), signal: -45, security: .wpa2Personal, frequency: 2412))
        #expect(networks.map(\.security) == [.wpa2Personal, .wpa2Personal, .enterprise, .wpa3Personal, .open, .open])
        #expect(networks.allSatisfy { !$0.isKnown && !$0.isCurrent })
    }

    @Test("networks: a weaker BSS seen first is replaced by a stronger one of the same SSID")
    func networksStrongestWins() throws {
        let weak = SupplicantScanResult(
            bssid: "aa:bb:cc:00:00:01", frequency: 2412, signal: -80, flags: ["ESS"], ssidBytes: Array("X".utf8))
        let strong = SupplicantScanResult(
            bssid: "aa:bb:cc:00:00:02", frequency: 5180, signal: -50, flags: ["WPA2-SAE-CCMP", "ESS"],
            ssidBytes: Array("X".utf8))
        let networks = SupplicantScanResult.networks([weak, strong])
        #expect(networks == [WiFiNetwork(ssid: try SSID("X"), signal: -50, security: .wpa3Personal, frequency: 5180)])
        #expect(SupplicantScanResult.networks([]).isEmpty)
    }

    // MARK: - SIGNAL_POLL

    @Test("SIGNAL_POLL reads RSSI, link speed and frequency; noise 9999 means unknown")
    func signalPoll() {
        let signal = SupplicantSignal(parsing: "RSSI=-60\nLINKSPEED=866\nNOISE=9999\nFREQUENCY=5180\n")
        #expect(signal == SupplicantSignal(rssi: -60, linkSpeed: 866, noise: nil, frequency: 5180))
        let newer = SupplicantSignal(
            parsing:
                "RSSI=-48\nLINKSPEED=144\nNOISE=-92\nFREQUENCY=2412\nWIDTH=20 MHz\nCENTER_FRQ1=2412\nAVG_RSSI=-50\n")
        #expect(newer == SupplicantSignal(rssi: -48, linkSpeed: 144, noise: -92, frequency: 2412))
    }

    @Test("SIGNAL_POLL's FAIL (every wired port's answer) is nil")
    func signalPollFails() {
        #expect(SupplicantSignal(parsing: "FAIL\n") == nil)
        #expect(SupplicantSignal(parsing: "FAIL") == nil)
        #expect(SupplicantSignal(parsing: "") == nil)
        #expect(SupplicantSignal(parsing: "UNKNOWN COMMAND\n") == nil)
    }
}

import Testing
import UplinkCore
import UplinkLinux

@Suite("wpa_supplicant events and 802.11 reasons")
struct SupplicantProtocolEventTests {
    static let accessPoint = "01:80:c2:00:00:03"

    @Test("the real events of an 802.1X login read in order, unknown ones kept whole")
    func loginEvents() {
        // Given the events an ATTACHed client received during a successful EAP-MD5 login
        // When each is parsed
        let events = SupplicantCapturedText.loginEvents.map(SupplicantEvent.parse)
        // Then the ones uplink acts on are typed and the rest are kept without their prefix
        #expect(
            events == [
                .networkAdded(4),
                .stateChanged(.associated),
                .other("CTRL-EVENT-SUBNET-STATUS-UPDATE status=0"),
                .eapStarted,
                .other("CTRL-EVENT-EAP-STATUS status='started' parameter=''"),
                .other("CTRL-EVENT-EAP-PROPOSED-METHOD vendor=0 method=4"),
                .other("CTRL-EVENT-EAP-METHOD EAP vendor 0 method 4 (MD5) selected"),
                .eapSuccess,
                .connected(bssid: Self.accessPoint, networkID: 4),
            ])
    }

    @Test("the real events of a wrong 802.1X password: failure, disconnect, the network rested")
    func wrongPasswordEvents() {
        let events = SupplicantCapturedText.wrongPasswordEvents.map(SupplicantEvent.parse)
        #expect(
            events == [
                .eapFailure("EAP authentication failed"),
                .disconnected(bssid: Self.accessPoint, reason: 3, locallyGenerated: true),
                .temporarilyDisabled(
                    networkID: 1, ssidBytes: Array("Café📶".utf8), reason: "AUTH_FAILED", failures: 1),
            ])
    }

    @Test("CTRL-EVENT-CONNECTED as the lab recipe gives it, and after a reauthentication")
    func connected() {
        #expect(
            SupplicantEvent.parse("<3>CTRL-EVENT-CONNECTED - Connection to 01:80:c2:00:00:03 completed [id=1 id_str=]")
                == .connected(bssid: Self.accessPoint, networkID: 1))
        #expect(
            SupplicantEvent.parse(
                "<3>CTRL-EVENT-CONNECTED - Connection to aa:bb:cc:00:00:01 completed (reauth) [id=12 id_str=home]")
                == .connected(bssid: "aa:bb:cc:00:00:01", networkID: 12))
        #expect(
            SupplicantEvent.parse("CTRL-EVENT-CONNECTED - Connection completed")
                == .connected(bssid: nil, networkID: nil))
    }

    @Test("the priority prefix, a line end, no prefix and a global socket's IFNAME= all read the same")
    func prefixesAndLineEnds() {
        let expected = SupplicantEvent.eapFailure("EAP authentication failed")
        for message in [
            "<3>CTRL-EVENT-EAP-FAILURE EAP authentication failed",
            "<3>CTRL-EVENT-EAP-FAILURE EAP authentication failed\n",
            "CTRL-EVENT-EAP-FAILURE EAP authentication failed",
            "CTRL-EVENT-EAP-FAILURE EAP authentication failed\r\n",
            "<4>IFNAME=wlan0 CTRL-EVENT-EAP-FAILURE EAP authentication failed",
        ] {
            #expect(SupplicantEvent.parse(message) == expected, "\(message.debugDescription)")
        }
    }

    @Test("the real TERMINATING, with its trailing space, is terminating")
    func terminating() {
        #expect(SupplicantEvent.parse(SupplicantCapturedText.terminating) == .terminating)
        #expect(SupplicantEvent.parse("<3>CTRL-EVENT-TERMINATING\n") == .terminating)
    }

    @Test("a disconnect by the access point, and one with no reason")
    func disconnected() {
        #expect(
            SupplicantEvent.parse("<3>CTRL-EVENT-DISCONNECTED bssid=aa:bb:cc:00:00:01 reason=15")
                == .disconnected(bssid: "aa:bb:cc:00:00:01", reason: 15, locallyGenerated: false))
        #expect(
            SupplicantEvent.parse("<3>CTRL-EVENT-DISCONNECTED bssid=00:00:00:00:00:00 reason=x")
                == .disconnected(bssid: nil, reason: nil, locallyGenerated: false))
    }

    @Test("SSID-TEMP-DISABLED: the brief's example, and an SSID that holds quotes and ' reason='")
    func temporarilyDisabled() {
        #expect(
            SupplicantEvent.parse(
                #"<3>CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid="Caf\xc3\xa9" auth_failures=1 duration=10 reason=WRONG_KEY"#
            )
                == .temporarilyDisabled(networkID: 0, ssidBytes: Array("Café".utf8), reason: "WRONG_KEY", failures: 1))
        // Given an SSID whose escaped form contains what looks like another field
        let ssid = Array(#"a" reason=FAKE \ b"#.utf8)
        let message =
            #"<3>CTRL-EVENT-SSID-TEMP-DISABLED id=7 ssid=""# + SupplicantText.escaped(ssid)
            + #"" auth_failures=3 duration=60 reason=CONN_FAILED"#
        // Then the quoted value is read whole and the real reason is found after it
        #expect(
            SupplicantEvent.parse(message)
                == .temporarilyDisabled(networkID: 7, ssidBytes: ssid, reason: "CONN_FAILED", failures: 3))
    }

    @Test("rejections, scans, network changes and state changes read into their cases")
    func otherKnownEvents() {
        let cases: [(String, SupplicantEvent)] = [
            (#"<3>CTRL-EVENT-SSID-REENABLED id=2 ssid="Home""#, .reenabled(networkID: 2)),
            (
                "<3>CTRL-EVENT-ASSOC-REJECT bssid=aa:bb:cc:00:00:01 status_code=17",
                .associationRejected(bssid: "aa:bb:cc:00:00:01", statusCode: 17)
            ),
            (
                "<3>CTRL-EVENT-ASSOC-REJECT bssid=00:00:00:00:00:00 status_code=1 timeout",
                .associationRejected(bssid: nil, statusCode: 1)
            ),
            (
                "<3>CTRL-EVENT-AUTH-REJECT aa:bb:cc:00:00:01 auth_type=3 auth_transaction=1 status_code=1",
                .authenticationRejected(bssid: "aa:bb:cc:00:00:01", statusCode: 1)
            ),
            ("<3>CTRL-EVENT-NETWORK-NOT-FOUND", .networkNotFound),
            ("<3>CTRL-EVENT-SCAN-STARTED ", .scanStarted),
            ("<3>CTRL-EVENT-SCAN-RESULTS ", .scanResults),
            ("<3>CTRL-EVENT-SCAN-FAILED ret=-16 retry=1", .scanFailed("ret=-16 retry=1")),
            ("<3>CTRL-EVENT-NETWORK-ADDED 0", .networkAdded(0)),
            ("<3>CTRL-EVENT-NETWORK-REMOVED 3", .networkRemoved(3)),
            (
                "<3>CTRL-EVENT-STATE-CHANGE id=0 state=9 BSSID=aa:bb:cc:00:00:01 SSID=Home",
                .stateChanged(.completed)
            ),
            ("<3>CTRL-EVENT-STATE-CHANGE id=-1 state=0 BSSID=00:00:00:00:00:00 SSID=", .stateChanged(.disconnected)),
            (
                "<3>Trying to associate with aa:bb:cc:00:00:01 (SSID='Home' freq=2412 MHz)",
                .stateChanged(.associating)
            ),
            ("<3>Associated with 01:80:c2:00:00:03", .stateChanged(.associated)),
        ]
        for (message, expected) in cases {
            #expect(SupplicantEvent.parse(message) == expected, "\(message)")
        }
    }

    @Test("events whose numbers do not read, and lookalike names, stay .other")
    func malformed() {
        #expect(SupplicantEvent.parse("<3>CTRL-EVENT-NETWORK-ADDED x") == .other("CTRL-EVENT-NETWORK-ADDED x"))
        #expect(SupplicantEvent.parse("<3>CTRL-EVENT-NETWORK-REMOVED") == .other("CTRL-EVENT-NETWORK-REMOVED"))
        #expect(SupplicantEvent.parse("<3>CTRL-EVENT-STATE-CHANGE id=0") == .other("CTRL-EVENT-STATE-CHANGE id=0"))
        #expect(
            SupplicantEvent.parse("<3>CTRL-EVENT-EAP-FAILURE2 reason=1") == .other("CTRL-EVENT-EAP-FAILURE2 reason=1"))
        #expect(SupplicantEvent.parse("<x>CTRL-EVENT-SCAN-STARTED") == .other("<x>CTRL-EVENT-SCAN-STARTED"))
        #expect(SupplicantEvent.parse("<3>") == .other(""))
        #expect(SupplicantEvent.parse("") == .other(""))
    }

    @Test("every prefix of every real event parses, never crashes")
    func prefixesNeverCrash() {
        let messages =
            SupplicantCapturedText.loginEvents + SupplicantCapturedText.wrongPasswordEvents
            + [SupplicantCapturedText.terminating]
        for message in messages {
            for length in 0...message.count {
                _ = SupplicantEvent.parse(String(message.prefix(length)))
            }
        }
    }

    @Test("802.11 reason codes are said in words; an unknown one by its number")
    func reasons() {
        #expect(IEEE80211Reason.describe(1) == "unspecified reason")
        #expect(IEEE80211Reason.describe(3).contains("leaving"))
        #expect(IEEE80211Reason.describe(4).contains("inactivity"))
        #expect(IEEE80211Reason.describe(15).contains("4-way handshake timeout"))
        #expect(IEEE80211Reason.describe(15).contains("wrong key"))
        #expect(IEEE80211Reason.describe(23) == "IEEE 802.1X authentication failed")
        #expect(IEEE80211Reason.describe(999) == "reason 999")
        #expect(IEEE80211Reason.describe(0) == "reason 0")
        // Every code in the table has its own words.
        let table = Array(1...24) + [34]
        #expect(Set(table.map(IEEE80211Reason.describe)).count == table.count)
        #expect(table.allSatisfy { !IEEE80211Reason.describe($0).hasPrefix("reason ") })
    }
}

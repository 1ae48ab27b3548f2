import Foundation
import Glibc
import Testing

/// The scripted supplicant answers as wpa_supplicant 2.10 does: the tests of the Wi-Fi adapter
/// and the dashboard's end-to-end test stand on it, so its replies and events are checked
/// against the real daemon's text here, byte for byte where it matters (escaped SSIDs).
@Suite("scripted supplicant", .enabled(if: ScriptedSupplicantBench.unavailableReason == nil))
struct ScriptedSupplicantTests {
    /// The `SCAN_RESULTS` row of each network, strongest first, SSIDs escaped by printf_encode.
    private static let scanRows = [
        ["02:00:00:00:00:01", "2437", "-48", "[WPA2-PSK-CCMP][ESS]", "Workshop"],
        ["02:00:00:00:00:02", "5180", "-61", "[RSN-SAE-CCMP][ESS]", "Office-5G"],
        ["02:00:00:00:00:04", "2462", "-67", "[ESS]", "Guest"],
        ["02:00:00:00:00:05", "2422", "-70", "[WPA2-PSK-CCMP][ESS]", ""],
        ["02:00:00:00:00:03", "2412", "-72", "[WPA2-PSK-CCMP][ESS]", #"Bob's \"Shed\" \\ AP"#],
        ["02:00:00:00:00:06", "2472", "-80", "[WPA2-PSK-CCMP][ESS]", #"Caf\xc3\xa9 \xe2\x98\x95 Z\xc3\xbcrich"#],
    ]

    @Test("PING answers PONG, an unknown command UNKNOWN COMMAND, SAVE_CONFIG without --config FAIL")
    func basics() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        let client = try bench.client()
        #expect(try await client.request("PING") == "PONG\n")
        #expect(try await client.request("NO_SUCH_COMMAND") == "UNKNOWN COMMAND\n")
        #expect(try await client.request("PING extra") == "UNKNOWN COMMAND\n")
        #expect(try await client.request("STATUS").hasPrefix("wpa_state=INACTIVE\naddress=02:00:00:00:01:00\n"))
        #expect(try await client.request("SAVE_CONFIG") == "FAIL\n")
        #expect(try await client.request("SIGNAL_POLL") == "FAIL\n")
        #expect(try await client.request("DETACH") == "FAIL\n")
    }

    @Test("a scan lists the six networks, SSIDs escaped as wpa_supplicant's printf_encode does")
    func scan() async throws {
        // A scan long enough that the second SCAN lands inside it however loaded the machine is.
        let bench = try await ScriptedSupplicantBench(scanDelay: .seconds(2))
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        let header = "bssid / frequency / signal level / flags / ssid\n"
        #expect(try await client.request("SCAN_RESULTS") == header)
        #expect(try await client.request("SCAN") == "OK\n")
        #expect(try await client.request("SCAN") == "FAIL-BUSY\n")
        #expect(try await monitor.nextEvent(containing: "SCAN-STARTED") == "<3>CTRL-EVENT-SCAN-STARTED ")
        #expect(try await monitor.nextEvent(containing: "BSS-ADDED") == "<3>CTRL-EVENT-BSS-ADDED 0 02:00:00:00:00:01")
        #expect(try await monitor.nextEvent(containing: "SCAN-RESULTS") == "<3>CTRL-EVENT-SCAN-RESULTS ")
        let rows = Self.scanRows.map { $0.joined(separator: "\t") + "\n" }.joined()
        #expect(try await client.request("SCAN_RESULTS") == header + rows)
        let hidden = try await client.request("BSS 02:00:00:00:00:05")
        #expect(hidden.hasPrefix("id=4\nbssid=02:00:00:00:00:05\nfreq=2422\n"))
        #expect(hidden.contains("\nflags=[WPA2-PSK-CCMP][ESS]\nssid=\n"))
        #expect(try await client.request("BSS 9") == "")
    }

    @Test("the right key connects, and an attached client hears CTRL-EVENT-CONNECTED")
    func rightKey() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        #expect(try await client.request("ADD_NETWORK") == "0\n")
        #expect(try await client.request(#"SET_NETWORK 0 ssid "Workshop""#) == "OK\n")
        #expect(try await client.request(#"SET_NETWORK 0 psk "short""#) == "FAIL\n")
        #expect(try await client.request(#"SET_NETWORK 0 psk "correct horse battery""#) == "OK\n")
        #expect(try await client.request("SET_NETWORK 0 key_mgmt WPA-BOGUS") == "FAIL\n")
        #expect(try await client.request("SET_NETWORK 0 key_mgmt WPA-PSK") == "OK\n")
        #expect(try await client.request("SET_NETWORK 7 priority 1") == "FAIL\n")
        #expect(
            try await client.request("LIST_NETWORKS")
                == "network id / ssid / bssid / flags\n0\tWorkshop\tany\t[DISABLED]\n")
        #expect(try await client.request("GET_NETWORK 0 ssid") == #""Workshop""#)
        #expect(try await client.request("GET_NETWORK 0 psk") == "*")
        #expect(try await client.request("SELECT_NETWORK 0") == "OK\n")
        #expect(try await monitor.nextEvent(containing: "NETWORK-ADDED") == "<3>CTRL-EVENT-NETWORK-ADDED 0")
        try await monitor.nextEvent(containing: "CTRL-EVENT-SCAN-STARTED")
        #expect(
            try await monitor.nextEvent(containing: "Trying to associate")
                == "<3>Trying to associate with 02:00:00:00:00:01 (SSID='Workshop' freq=2437 MHz)")
        #expect(try await monitor.nextEvent(containing: "Associated with") == "<3>Associated with 02:00:00:00:00:01")
        #expect(
            try await monitor.nextEvent(containing: "CTRL-EVENT-CONNECTED")
                == "<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:01 completed [id=0 id_str=]")
        let status = try await client.request("STATUS")
        #expect(status.hasPrefix("bssid=02:00:00:00:00:01\nfreq=2437\nssid=Workshop\nid=0\nmode=station\n"))
        #expect(status.contains("\nkey_mgmt=WPA2-PSK\nwpa_state=COMPLETED\n"))
        #expect(try await client.request("LIST_NETWORKS").hasSuffix("0\tWorkshop\tany\t[CURRENT]\n"))
        #expect(try await client.request("SIGNAL_POLL") == "RSSI=-48\nLINKSPEED=144\nNOISE=9999\nFREQUENCY=2437\n")
        #expect(try await client.request("DISCONNECT") == "OK\n")
        #expect(
            try await monitor.nextEvent(containing: "DISCONNECTED")
                == "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:01 reason=3 locally_generated=1")
        #expect(try await client.request("STATUS").hasPrefix("wpa_state=DISCONNECTED\n"))
        #expect(try await client.request("SIGNAL_POLL") == "FAIL\n")
    }

    @Test("a wrong key ends in CTRL-EVENT-SSID-TEMP-DISABLED with reason WRONG_KEY, the right one then connects")
    func wrongKey() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        let ssid = #"Bob's \"Shed\" \\ AP"#
        #expect(try await client.request("ADD_NETWORK") == "0\n")
        // A quoted value runs to the last quote, so the SSID's own quotes need no escaping.
        #expect(try await client.request(#"SET_NETWORK 0 ssid "Bob's "Shed" \ AP""#) == "OK\n")
        #expect(try await client.request(#"SET_NETWORK 0 psk "not-the-key""#) == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 0") == "OK\n")
        #expect(
            try await monitor.nextEvent(containing: "Trying to associate")
                == "<3>Trying to associate with 02:00:00:00:00:03 (SSID='\(ssid)' freq=2412 MHz)")
        #expect(
            try await monitor.nextEvent(containing: "DISCONNECTED")
                == "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:03 reason=15")
        #expect(
            try await monitor.nextEvent(containing: "TEMP-DISABLED")
                == "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid=\"\(ssid)\" auth_failures=1 duration=10 reason=WRONG_KEY"
        )
        #expect(try await client.request("LIST_NETWORKS").hasSuffix("0\t\(ssid)\tany\t[TEMP-DISABLED]\n"))
        #expect(try await client.request("STATUS").hasPrefix("wpa_state=DISCONNECTED\n"))
        #expect(try await client.request(#"SET_NETWORK 0 psk "shed-key-2024""#) == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 0") == "OK\n")
        #expect(
            try await monitor.nextEvent(containing: "REENABLED") == "<3>CTRL-EVENT-SSID-REENABLED id=0 ssid=\"\(ssid)\""
        )
        try await monitor.nextEvent(containing: "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:03")
    }

    @Test("the hidden Depot is found only by a network with scan_ssid=1")
    func hiddenNetwork() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        #expect(try await client.request("ADD_NETWORK") == "0\n")
        #expect(try await client.request(#"SET_NETWORK 0 ssid "Depot""#) == "OK\n")
        #expect(try await client.request(#"SET_NETWORK 0 psk "depot-key-2024""#) == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 0") == "OK\n")
        #expect(try await monitor.nextEvent(containing: "NOT-FOUND") == "<3>CTRL-EVENT-NETWORK-NOT-FOUND")
        #expect(!monitor.receivedEvents().contains { $0.contains("Trying to associate") })
        #expect(try await client.request("SET_NETWORK 0 scan_ssid 1") == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 0") == "OK\n")
        #expect(
            try await monitor.nextEvent(containing: "Trying to associate")
                == "<3>Trying to associate with 02:00:00:00:00:05 (SSID='Depot' freq=2422 MHz)")
        try await monitor.nextEvent(
            containing: "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:05 completed [id=0")
        #expect(try await client.request("STATUS").contains("\nssid=Depot\nid=0\n"))
    }

    @Test("WPA3 Office-5G joins with its SAE password, the open Guest with key_mgmt NONE")
    func saeAndOpen() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        #expect(try await client.request("ADD_NETWORK") == "0\n")
        #expect(try await client.request(#"SET_NETWORK 0 ssid "Office-5G""#) == "OK\n")
        #expect(try await client.request("SET_NETWORK 0 key_mgmt SAE") == "OK\n")
        #expect(try await client.request(#"SET_NETWORK 0 sae_password "office five gee""#) == "OK\n")
        #expect(try await client.request("SET_NETWORK 0 ieee80211w 2") == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 0") == "OK\n")
        try await monitor.nextEvent(containing: "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:02")
        #expect(try await client.request("STATUS").contains("\nkey_mgmt=SAE\n"))
        #expect(try await client.request("ADD_NETWORK") == "1\n")
        #expect(try await client.request(#"SET_NETWORK 1 ssid "Guest""#) == "OK\n")
        #expect(try await client.request("SET_NETWORK 1 key_mgmt NONE") == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 1") == "OK\n")
        #expect(
            try await monitor.nextEvent(containing: "DISCONNECTED")
                == "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:02 reason=3 locally_generated=1")
        try await monitor.nextEvent(
            containing: "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:04 completed [id=1")
        #expect(
            try await client.request("LIST_NETWORKS").hasSuffix(
                "0\tOffice-5G\tany\t[DISABLED]\n1\tGuest\tany\t[CURRENT]\n"))
    }

    @Test("SAVE_CONFIG writes the networks as wpa_supplicant does, and a restart reads them back")
    func saveAndRestart() async throws {
        let bench = try await ScriptedSupplicantBench(configured: true)
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        #expect(try await client.request("ADD_NETWORK") == "0\n")
        #expect(try await client.request(#"SET_NETWORK 0 ssid "Café ☕ Zürich""#) == "OK\n")
        #expect(try await client.request(#"SET_NETWORK 0 psk "cafe-zurich-24""#) == "OK\n")
        #expect(try await client.request("GET_NETWORK 0 ssid") == "436166c3a920e29895205ac3bc72696368")
        #expect(try await client.request("ADD_NETWORK") == "1\n")
        #expect(try await client.request(#"SET_NETWORK 1 ssid "Workshop""#) == "OK\n")
        #expect(try await client.request(#"SET_NETWORK 1 psk "correct horse battery""#) == "OK\n")
        #expect(try await client.request("SET_NETWORK 1 key_mgmt WPA-PSK") == "OK\n")
        #expect(try await client.request("SELECT_NETWORK 1") == "OK\n")
        try await monitor.nextEvent(containing: "CTRL-EVENT-CONNECTED")
        #expect(try await client.request("SAVE_CONFIG") == "OK\n")
        let expected = """
            ctrl_interface=\(bench.controlDirectory)
            update_config=1

            network={
            \tssid=436166c3a920e29895205ac3bc72696368
            \tpsk="cafe-zurich-24"
            \tdisabled=1
            }

            network={
            \tssid="Workshop"
            \tpsk="correct horse battery"
            \tkey_mgmt=WPA-PSK
            }

            """
        #expect(try String(contentsOfFile: bench.configurationPath, encoding: .utf8) == expected)
        #expect(try await client.request("TERMINATE") == "OK\n")
        #expect(try await bench.waitForExit() == 0)

        try await bench.start()
        let again = try bench.client()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !(try await again.request("STATUS")).contains("wpa_state=COMPLETED") {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await again.request("STATUS").contains("\nssid=Workshop\nid=1\n"))
        let list = try await again.request("LIST_NETWORKS")
        let cafe = Self.scanRows[5][4]
        #expect(list.hasSuffix("0\t\(cafe)\tany\t[DISABLED]\n1\tWorkshop\tany\t[CURRENT]\n"))
        #expect(try await again.request("ADD_NETWORK") == "2\n")
    }

    @Test("TERMINATE tells attached clients CTRL-EVENT-TERMINATING and removes the socket and the pid file")
    func terminate() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        #expect(try String(contentsOfFile: bench.pidFile, encoding: .utf8) == "\(bench.pid)\n")
        let monitor = try await bench.monitor()
        let client = try bench.client()
        #expect(try await client.request("TERMINATE") == "OK\n")
        #expect(try await monitor.nextEvent(containing: "TERMINATING") == "<3>CTRL-EVENT-TERMINATING ")
        #expect(try await bench.waitForExit() == 0)
        #expect(access(bench.socketPath, F_OK) != 0)
        #expect(access(bench.pidFile, F_OK) != 0)
    }

    @Test("SIGUSR1 takes the access point off the air, SIGUSR2 brings it back, SIGTERM ends the script")
    func faultSignals() async throws {
        let bench = try await ScriptedSupplicantBench()
        defer { bench.close() }
        let monitor = try await bench.monitor()
        let client = try bench.client()
        #expect(try await client.request("ADD_NETWORK") == "0\n")
        #expect(try await client.request(#"SET_NETWORK 0 ssid "Guest""#) == "OK\n")
        #expect(try await client.request("SET_NETWORK 0 key_mgmt NONE") == "OK\n")
        #expect(try await client.request("ENABLE_NETWORK 0") == "OK\n")
        try await monitor.nextEvent(containing: "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:04")
        kill(bench.pid, SIGUSR1)
        #expect(
            try await monitor.nextEvent(containing: "DISCONNECTED")
                == "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:04 reason=4")
        #expect(
            try await monitor.nextEvent(containing: "BSS-REMOVED") == "<3>CTRL-EVENT-BSS-REMOVED 3 02:00:00:00:00:04")
        try await monitor.nextEvent(containing: "CTRL-EVENT-NETWORK-NOT-FOUND")
        #expect(!(try await client.request("SCAN_RESULTS")).contains("\tGuest\n"))
        // wpa_supplicant keeps looking: another scan, and another not-found, about 2 s later.
        try await monitor.nextEvent(containing: "CTRL-EVENT-NETWORK-NOT-FOUND", timeout: .seconds(5))
        kill(bench.pid, SIGUSR2)
        try await monitor.nextEvent(containing: "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:04")
        kill(bench.pid, SIGTERM)
        #expect(try await monitor.nextEvent(containing: "TERMINATING") == "<3>CTRL-EVENT-TERMINATING ")
        #expect(try await bench.waitForExit() == 0)
        #expect(access(bench.socketPath, F_OK) != 0)
    }
}

import Foundation
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// `WiFiTechnology` against a real wpa_supplicant (`-D wired`) and, for connections, a real hostapd
/// 802.1X authenticator (EAP-MD5) with dnsmasq behind it: the control plane, real connect and
/// wrong-credential flows, and wpa_supplicant restarting under uplink.
@Suite(
    "Wi-Fi through a real wpa_supplicant",
    .serialized,
    .enabled(
        if: SupplicantLab.authenticatorUnavailableReason == nil, "\(SupplicantLab.authenticatorUnavailableReason ?? "")"
    )
)
@ManagerActor
struct WiFiSupplicantTests {
    /// 802.1X on a wired port: IEEE8021X key management, EAP-MD5, no EAPOL keys.
    static let wired = SupplicantNetworkSettings.EnterpriseOptions(
        keyManagement: "IEEE8021X", methods: "MD5", eapolFlags: 0)

    /// A rig whose wpa_supplicant faces hostapd authenticating alice (password secret123).
    static func authenticatedRig(flags: BindingFlags = [], connectTimeout: Duration? = .seconds(15)) async throws
        -> WiFiRig
    {
        let lab = try await SupplicantLab()
        try await lab.startAuthenticator(users: [("alice", "secret123")])
        return try WiFiRig(lab: lab, flags: flags, connectTimeout: connectTimeout, enterprise: Self.wired)
    }

    /// The rig joined as alice and connected.
    static func connected(_ rig: WiFiRig) async throws {
        try rig.join("Lab 802.1X", .enterprise, secret: "secret123", identity: "alice")
        try await rig.waitFor("connected") { rig.isConnected }
    }

    @Test("802.1X with the right password connects, takes a DHCP lease and saves the network")
    func connects() async throws {
        let rig = try await Self.authenticatedRig()
        let lab = rig.lab
        defer { rig.close() }

        try rig.join("Lab 802.1X", .enterprise, secret: "secret123", identity: "alice")
        try await rig.waitFor("connected") { rig.isConnected }

        #expect(rig.joinState == .joined(try SSID("Lab 802.1X")))
        #expect(try rig.addresses().contains { $0.hasPrefix("198.18.21.") })
        try await rig.waitFor("ready") { rig.recorder.events.contains(.interfaceReady(rig.interface)) }
        let saved = try lab.savedConfiguration()
        #expect(saved.contains("ssid=\"Lab 802.1X\"") || saved.contains("ssid=4c6162203830322e3158"), "\(saved)")
        #expect(saved.contains("identity=\"alice\""))
        #expect(saved.contains("key_mgmt=IEEE8021X"))
        let mode = try FileManager.default.attributesOfItem(atPath: lab.configurationPath)[.posixPermissions] as? Int
        #expect(mode == 0o600, "SAVE_CONFIG wrote it with the daemon's umask; uplink makes it owner-only")
        #expect(rig.networks.first { $0.isCurrent }?.ssid == (try SSID("Lab 802.1X")))
    }

    @Test("a wrong 802.1X password ends the attempt with 'authentication rejected' and leaves nothing configured")
    func wrongPassword() async throws {
        let rig = try await Self.authenticatedRig()
        let lab = rig.lab
        defer { rig.close() }

        try rig.join("Lab 802.1X", .enterprise, secret: "not-the-password", identity: "alice")
        try await rig.waitFor("the failure") {
            if case .failed = rig.activity { return true }
            return false
        }

        guard case .failed(let reason) = rig.activity else { return }
        #expect(reason.contains("authentication rejected"), "\(reason)")
        #expect(rig.recorder.controlEvents.contains { if case .fatalError = $0 { true } else { false } })
        #expect(!reason.contains("not-the-password"))
        guard case .failed(_, let joinReason) = rig.joinState else {
            Issue.record("join state \(rig.joinState)")
            return
        }
        #expect(joinReason.contains("authentication rejected"))
        let listed = try lab.controlSocket().request("LIST_NETWORKS")
        #expect(listed.split(separator: "\n").count == 1, "only the header is left: \(listed)")
        #expect(try rig.addresses().isEmpty)
        #expect(!(try lab.savedConfiguration()).contains("not-the-password"))
    }

    @Test("disconnect stops wpa_supplicant (DISCONNECTED), releases the lease and takes the address off")
    func disconnect() async throws {
        let rig = try await Self.authenticatedRig()
        let lab = rig.lab
        defer { rig.close() }
        try await Self.connected(rig)

        try rig.manager.disconnect(rig.interface.index)

        try await rig.waitFor("no address") { try rig.addresses().isEmpty }
        let status = SupplicantStatus(parsing: try lab.controlSocket().request("STATUS"))
        #expect(status.state == .disconnected)
        #expect(rig.activity == .idle)
    }

    @Test("a restart of wpa_supplicant is a loss and a gap in service; uplink reattaches and reconnects")
    func restart() async throws {
        let rig = try await Self.authenticatedRig(flags: .persistent, connectTimeout: .seconds(30))
        let lab = rig.lab
        defer { rig.close() }
        try await Self.connected(rig)

        try await lab.restartSupplicant()

        try await rig.waitFor("lost and back") { rig.serviceEvents == ["lost", "back"] }
        try await rig.waitFor("connected again from the saved network") { rig.isConnected }
        #expect(rig.wifi.problem(on: rig.interface) == nil)
    }

    @Test("a killed wpa_supplicant is noticed by the liveness check, named as the problem, and found again")
    func killed() async throws {
        let lab = try await SupplicantLab()
        var timings = WiFiTechnology.Timings()
        timings.liveness = .milliseconds(200)
        timings.reattach = .milliseconds(200)
        let rig = try WiFiRig(lab: lab, timings: timings)
        defer { rig.close() }
        #expect(rig.wifi.isSupplicantRunning(on: lab.interfaceName))

        lab.killSupplicant()

        try await rig.waitFor("the loss") { rig.serviceEvents == ["lost"] }
        let problem = try #require(rig.wifi.problem(on: rig.interface))
        #expect(problem.contains("wpa_supplicant not running"), "\(problem)")
        #expect(throws: ControlError.self) { try rig.wifi.startScan(on: rig.interface) }
        try await lab.startSupplicant()
        try await rig.waitFor("back") { rig.serviceEvents == ["lost", "back"] }
        #expect(rig.wifi.problem(on: rig.interface) == nil)
    }

    @Test("a wpa_supplicant killed and restarted between liveness checks is noticed at the next action")
    func restartedBetweenChecks() async throws {
        let rig = try await Self.authenticatedRig(connectTimeout: .seconds(30))
        let lab = rig.lab
        defer { rig.close() }

        lab.killSupplicant()
        try await lab.startSupplicant()
        try rig.join("Lab 802.1X", .enterprise, secret: "secret123", identity: "alice")

        #expect(rig.serviceEvents.prefix(1) == ["lost"])
        try await rig.waitFor("connected on the new supplicant") { rig.isConnected }
        #expect(rig.serviceEvents == ["lost", "back"])
    }

    @Test("a stopped (hung) wpa_supplicant is reported as not answering, and again when it answers")
    func hung() async throws {
        let lab = try await SupplicantLab()
        var timings = WiFiTechnology.Timings()
        timings.liveness = .milliseconds(200)
        let rig = try WiFiRig(lab: lab, timings: timings)
        defer { rig.close() }

        lab.pauseSupplicant()
        try await rig.waitFor("not answering") { rig.serviceEvents == ["lost"] }
        #expect(rig.wifi.problem(on: rig.interface)?.contains("not answering") == true)
        lab.resumeSupplicant()

        try await rig.waitFor("answering again") { rig.serviceEvents == ["lost", "back"] }
        #expect(rig.wifi.problem(on: rig.interface) == nil)
    }

    @Test("with no wpa_supplicant a connect retries, saying so, and the dashboard's problem names the socket")
    func notRunning() async throws {
        let lab = try await SupplicantLab(startingSupplicant: false)
        let rig = try WiFiRig(lab: lab, connectTimeout: .seconds(30))
        defer { rig.close() }

        try rig.manager.connect(rig.interface.index)

        try await rig.waitFor("a retry") {
            if case .retrying(_, _, let reason) = rig.activity { return reason.contains("wpa_supplicant not running") }
            return false
        }
        let problem = try #require(rig.wifi.problem(on: rig.interface))
        #expect(problem.contains(lab.controlPath), "\(problem)")
        #expect(rig.serviceEvents == ["lost"])
    }

    @Test("SSIDs with quotes, backslashes and emoji and a passphrase with quotes reach wpa_supplicant byte for byte")
    func bytesRoundTrip() async throws {
        let lab = try await SupplicantLab()
        let rig = try WiFiRig(lab: lab)
        defer { rig.close() }
        let names = ["Bob's \"Shed\" \\ AP", "Café ☕ Zürich", "📶 x"]

        let control = lab.controlSocket()
        for name in names {
            try rig.join(name, .wpa2Personal, secret: "a \"quoted\" \\ key")

            let entries = SupplicantNetworkEntry.parse(try control.request("LIST_NETWORKS"))
            let entry = try #require(entries.first { $0.ssidBytes == Array(name.utf8) }, "\(name) in \(entries)")
            // GET_NETWORK answers as wpa_supplicant saves: quoted when printable ASCII, else hex.
            let stored = try control.request("GET_NETWORK \(entry.id) ssid")
            let bytes =
                stored.hasPrefix("\"") ? Array(stored.utf8.dropFirst().dropLast()) : SupplicantText.bytes(hex: stored)
            #expect(bytes == Array(name.utf8), "stored as \(stored)")
            guard case .joining(let joining, _, _) = rig.joinState else {
                Issue.record("join state \(rig.joinState)")
                return
            }
            #expect(joining.bytes == Array(name.utf8))
        }
    }
}

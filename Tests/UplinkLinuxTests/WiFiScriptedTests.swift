import Foundation
import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// `WiFiTechnology` against the scripted supplicant, for what a wired port cannot produce: scans
/// with escaped and UTF-8 names and signal, WPA2/WPA3 keys right and wrong, hidden networks, a
/// network that is not there, an access point that vanishes — with dnsmasq behind the veth so that
/// every connection is also a real lease.
@Suite(
    "Wi-Fi through the scripted supplicant",
    .serialized,
    .enabled(if: SupplicantLab.scriptedUnavailableReason == nil, "\(SupplicantLab.scriptedUnavailableReason ?? "")")
)
@ManagerActor
struct WiFiScriptedTests {
    static func rig(
        flags: BindingFlags = [], connectTimeout: Duration? = .seconds(15),
        timings: WiFiTechnology.Timings = WiFiTechnology.Timings()
    ) async throws -> WiFiRig {
        let lab = try await SupplicantLab(.scripted)
        return try WiFiRig(lab: lab, flags: flags, connectTimeout: connectTimeout, timings: timings)
    }

    /// Connects to Workshop, as a technician's first join would.
    static func connectedToWorkshop(_ rig: WiFiRig) async throws {
        try rig.join("Workshop", .wpa2Personal, secret: "correct horse battery")
        try await rig.waitFor("connected to Workshop") { rig.isConnected }
    }

    @Test("a scan lists the networks on the air strongest first, names byte for byte, with signal and security")
    func scan() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }

        try rig.wifi.startScan(on: rig.interface)
        #expect({ if case .scanning = rig.wifi.scanState(on: rig.interface) { true } else { false } }())
        try await rig.waitFor("the results") {
            if case .finished = rig.wifi.scanState(on: rig.interface) { return true }
            return false
        }

        let networks = rig.networks
        #expect(
            networks.map(\.ssid.displayName) == [
                "Workshop", "Office-5G", "Guest", "Bob's \"Shed\" \\ AP", "Café ☕ Zürich",
            ])
        #expect(networks.first { $0.ssid.displayName == "Café ☕ Zürich" }?.ssid.bytes == Array("Café ☕ Zürich".utf8))
        #expect(networks.map(\.security) == [.wpa2Personal, .wpa3Personal, .open, .wpa2Personal, .wpa2Personal])
        #expect(networks.first?.signal == -48)
        #expect(networks.first?.frequency == 2437)
        #expect(networks.allSatisfy { !$0.isKnown && !$0.isCurrent })
    }

    @Test("joining with the right key connects, takes a lease, marks the network current and known, and saves it")
    func joins() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }

        try await Self.connectedToWorkshop(rig)

        #expect(rig.joinState == .joined(try SSID("Workshop")))
        #expect(try rig.addresses().contains { $0.hasPrefix("198.18.21.") })
        let workshop = try #require(rig.networks.first { $0.ssid.displayName == "Workshop" })
        #expect(workshop.isCurrent && workshop.isKnown)
        let saved = try rig.lab.savedConfiguration()
        #expect(saved.contains("ssid=\"Workshop\""))
        #expect(saved.contains("key_mgmt=WPA-PSK"))
    }

    @Test("the network in use shows the link's signal and frequency from SIGNAL_POLL, without a scan")
    func signal() async throws {
        var timings = WiFiTechnology.Timings()
        timings.liveness = .milliseconds(100)
        let rig = try await Self.rig(timings: timings)
        defer { rig.close() }

        try await Self.connectedToWorkshop(rig)

        try await rig.waitFor("the signal") { rig.networks.first(where: \.isCurrent)?.signal != nil }
        let networks = rig.networks
        let current = try #require(networks.first { $0.isCurrent })
        #expect(current.ssid.displayName == "Workshop")
        #expect((-50 ... -46).contains(current.signal ?? 0), "\(current)")
        #expect(current.frequency == 2437)
    }

    @Test("a first join with a wrong key fails with 'wrong password' and leaves nothing configured or saved")
    func wrongKeyFirst() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        let before = try rig.lab.savedConfiguration()

        try rig.join("Workshop", .wpa2Personal, secret: "incorrect horse")

        try await rig.waitFor("the failure") { if case .failed = rig.activity { true } else { false } }
        #expect(rig.activity == .failed(reason: "wrong password for \"Workshop\""))
        #expect(rig.joinState == .failed(try SSID("Workshop"), reason: "wrong password for \"Workshop\""))
        #expect(rig.recorder.controlEvents == [.fatalError(rig.interface, reason: "wrong password for \"Workshop\"")])
        #expect(rig.networks.allSatisfy { !$0.isKnown })
        #expect(try rig.lab.savedConfiguration() == before)
    }

    @Test("a wrong key for a new network while connected goes back to the old one, which stays configured")
    func wrongKeyFallsBack() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)

        try rig.join("Office-5G", .wpa3Personal, secret: "office four gee")

        try await rig.waitFor("the join's failure") { if case .failed = rig.joinState { true } else { false } }
        #expect(rig.joinState == .failed(try SSID("Office-5G"), reason: "wrong password for \"Office-5G\""))
        try await rig.waitFor("back on Workshop") {
            rig.isConnected && rig.networks.contains { $0.ssid.displayName == "Workshop" && $0.isCurrent }
        }
        #expect(rig.networks.filter(\.isKnown).map(\.ssid.displayName) == ["Workshop"])
        #expect(rig.recorder.controlEvents.isEmpty, "no timeout, no fatal error: the binding never gave up")
        #expect(!(try rig.lab.savedConfiguration()).contains("office four gee"))
    }

    @Test("a new network that connects replaces the old one in use, and both stay known and saved")
    func switches() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)

        try rig.join("Café ☕ Zürich", .wpa2Personal, secret: "cafe-zurich-24")

        try await rig.waitFor("on the café's network") {
            rig.isConnected && rig.networks.contains { $0.ssid.displayName == "Café ☕ Zürich" && $0.isCurrent }
        }
        #expect(rig.joinState == .joined(try SSID("Café ☕ Zürich")))
        #expect(Set(rig.networks.filter(\.isKnown).map(\.ssid.displayName)) == ["Workshop", "Café ☕ Zürich"])
        let saved = try rig.lab.savedConfiguration()
        #expect(saved.contains("ssid=\(SupplicantText.hex(Array("Café ☕ Zürich".utf8)))"), "\(saved)")
        #expect(saved.contains("ssid=\"Workshop\""))
        #expect(!saved.contains("disabled=1"), "the old network is enabled again: \(saved)")
    }

    @Test("joining the network in use by name is joined at once, with nothing torn down")
    func joinKnownInUse() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)
        let events = rig.recorder.events.count

        try rig.wifi.join(known: try SSID("Workshop"), on: rig.interface)

        #expect(rig.joinState == .joined(try SSID("Workshop")))
        #expect(rig.isConnected)
        #expect(
            !rig.recorder.events.dropFirst(events).contains { if case .interfaceUnready = $0 { true } else { false } })
    }

    @Test("a hidden network is 'not found' (retried, nothing to go back to) until joined as hidden, which connects")
    func hidden() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }

        try rig.join("Depot", .wpa2Personal, secret: "depot-key-2024")
        try await rig.waitFor("not found") {
            if case .retrying(_, _, let reason) = rig.activity { return reason == "network not found: \"Depot\"" }
            return false
        }
        #expect(rig.recorder.controlEvents.isEmpty, "not found is retried, not fatal")

        try rig.join("Depot", .wpa2Personal, secret: "depot-key-2024", hidden: true)
        try await rig.waitFor("connected to Depot") { rig.isConnected }
        #expect(rig.joinState == .joined(try SSID("Depot")))
        #expect(try rig.lab.savedConfiguration().contains("scan_ssid=1"))
    }

    @Test("a persistent binding whose access point vanishes reports the loss and reconnects when it is back")
    func persistentLoss() async throws {
        let rig = try await Self.rig(flags: .persistent, connectTimeout: .seconds(30))
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)

        rig.lab.signalSupplicant(SIGUSR1)
        try await rig.waitFor("connecting again") { if case .connecting = rig.activity { true } else { false } }
        rig.lab.signalSupplicant(SIGUSR2)

        try await rig.waitFor("connected again") { rig.isConnected }
        #expect(rig.recorder.controlEvents.isEmpty)
    }

    @Test("a binding that is not persistent fails with the access point's reason and stops wpa_supplicant")
    func nonPersistentLoss() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)

        rig.lab.signalSupplicant(SIGUSR1)

        try await rig.waitFor("the loss") { if case .failed = rig.activity { true } else { false } }
        guard case .failed(let reason) = rig.activity else { return }
        #expect(reason.hasPrefix("connection lost: the access point disconnected"), "\(reason)")
        #expect(reason.contains("\"Workshop\""))
        rig.lab.signalSupplicant(SIGUSR2)
        let status = SupplicantStatus(parsing: try rig.lab.controlSocket().request("STATUS"))
        #expect(status.state == .disconnected, "DISCONNECT keeps wpa_supplicant from reconnecting by itself")
    }

    @Test("the connect timeout stops wpa_supplicant looking for a network that is not there")
    func timeout() async throws {
        var timings = WiFiTechnology.Timings()
        timings.notFoundLimit = 1000
        let rig = try await Self.rig(connectTimeout: .seconds(2), timings: timings)
        defer { rig.close() }

        try rig.join("Depot", .wpa2Personal, secret: "depot-key-2024")

        try await rig.waitFor("the timeout") { rig.recorder.controlEvents == [.connectTimeout(rig.interface)] }
        #expect(rig.activity == .failed(reason: "timed out"))
        let status = SupplicantStatus(parsing: try rig.lab.controlSocket().request("STATUS"))
        #expect(status.state == .disconnected)
        guard case .failed(_, let reason) = rig.joinState else {
            Issue.record("join state \(rig.joinState)")
            return
        }
        #expect(reason == "timed out (network not found: \"Depot\")")
    }

    @Test("a forget during another network's trial saves only once the trial is over, never its half-done state")
    func forgetDuringTrial() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)
        try rig.join("Guest", .open)
        let guest = try SSID("Guest")
        try await rig.waitFor("on Guest") { rig.isConnected && rig.joinState == .joined(guest) }

        try rig.join("Nowhere", .wpa2Personal, secret: "not on the air")
        try rig.wifi.forget(try SSID("Workshop"), on: rig.interface)

        let during = try rig.lab.savedConfiguration()
        #expect(!during.contains("Nowhere") && !during.contains("disabled=1"), "\(during)")
        try await rig.waitFor("the trial's end") { if case .failed = rig.joinState { true } else { false } }
        try await rig.waitFor("back on Guest") { rig.isConnected }
        let after = try rig.lab.savedConfiguration()
        #expect(
            after.contains("ssid=\"Guest\"") && !after.contains("Workshop") && !after.contains("Nowhere"), "\(after)")
        #expect(!after.contains("disabled=1"), "\(after)")
    }

    @Test("forgetting the network in use removes it, saves, and disconnects")
    func forget() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try await Self.connectedToWorkshop(rig)

        try rig.wifi.forget(try SSID("Workshop"), on: rig.interface)

        try await rig.waitFor("disconnected") { !rig.isConnected }
        #expect(rig.networks.allSatisfy { !$0.isKnown })
        #expect(!(try rig.lab.savedConfiguration()).contains("Workshop"))
        #expect(throws: ControlError.self) { try rig.wifi.forget(try SSID("Workshop"), on: rig.interface) }
    }

    @Test("a key never appears in events, activity, join state or errors")
    func keysStayHidden() async throws {
        let rig = try await Self.rig()
        defer { rig.close() }
        try rig.join("Workshop", .wpa2Personal, secret: "incorrect horse")
        try await rig.waitFor("the failure") { if case .failed = rig.activity { true } else { false } }

        let texts =
            rig.recorder.events.map(\.description) + ["\(String(describing: rig.activity))", "\(rig.joinState)"]
        #expect(texts.allSatisfy { !$0.contains("incorrect horse") }, "\(texts)")
    }
}

import Foundation
import Testing
import UplinkLabSupport

/// The dashboard's Wi-Fi flow on a real interface as a technician runs it: the real `uplink` in
/// tmux inside a device namespace, a configuration binding the interface to `wifi`, the scripted
/// supplicant on its control socket (there is no radio here), and dnsmasq behind the veth, so that
/// a network that connects also gets its address.
@Suite(
    "Wi-Fi end to end",
    .serialized,
    .enabled(if: Lab.unavailableReason == nil && TmuxSession.unavailableReason == nil)
)
struct WiFiEndToEndTests {
    /// A device namespace with the Wi-Fi stand-in `NAMEw`, cabled to a server namespace with dnsmasq.
    private struct Bench {
        let lab: Lab
        let device: String
        let wifi: String
        let controlDirectory: String
        let supplicantConfiguration: String
        let configuration: String
        private(set) var supplicant: ChildProcess?

        init() throws {
            let lab = try Lab()
            self.lab = lab
            self.device = try lab.namespace("d")
            let server = try lab.namespace("s")
            self.wifi = lab.prefix + "w"
            try lab.ip(
                "-n", self.device, "link", "add", self.wifi, "type", "veth", "peer", "name", "ws", "netns", server)
            try lab.ip("-n", server, "addr", "add", "198.18.30.1/24", "dev", "ws")
            try lab.ip("-n", server, "link", "set", "ws", "up")
            try lab.startDHCPServer(
                in: server, interface: "ws", range: ("198.18.30.100", "198.18.30.150"), router: "198.18.30.1")
            self.controlDirectory = lab.folder + "/c"
            self.supplicantConfiguration = lab.folder + "/w.conf"
            try "ctrl_interface=\(self.controlDirectory)\nupdate_config=1\n".write(
                toFile: self.supplicantConfiguration, atomically: true, encoding: .utf8)
            self.configuration = lab.folder + "/uplink.toml"
            let toml = """
                [interfaces.\(self.wifi)]
                implementation = "wifi"
                ctrl_interface = "\(self.controlDirectory)"
                connect_timeout = 20
                persistent = true
                """
            try toml.write(toFile: self.configuration, atomically: true, encoding: .utf8)
            try lab.ip("-n", self.device, "link", "set", self.wifi, "up")
        }

        /// Starts the scripted supplicant for the interface and waits for its socket.
        mutating func startSupplicant() async throws {
            self.supplicant = try self.lab.start(
                [
                    Self.scriptedSupplicant, "--ctrl", self.controlDirectory, "--interface", self.wifi, "--config",
                    self.supplicantConfiguration, "--scan-delay", "300", "--associate-delay", "100",
                    "--wrong-key-delay", "300",
                ])
            for _ in 0..<500 where !FileManager.default.fileExists(atPath: self.controlDirectory + "/" + self.wifi) {
                try await Task.sleep(for: .milliseconds(10))
            }
        }

        func dashboard() throws -> TmuxSession {
            try TmuxSession(width: 100, height: 30) { _ in
                "ip netns exec \(self.device) \(TmuxSession.quote(TmuxSession.binary)) --config \(self.configuration)"
            }
        }

        func statusText() throws -> String {
            try self.lab.run([
                "ip", "netns", "exec", self.device, TmuxSession.binary, "status", "--config", self.configuration,
            ])
        }

        func status() throws -> [String: Any] {
            let output = try self.lab.run([
                "ip", "netns", "exec", self.device, TmuxSession.binary, "status", "--config", self.configuration,
                "--json",
            ])
            return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
        }

        /// The scripted supplicant built next to the uplink binary.
        static var scriptedSupplicant: String {
            URL(fileURLWithPath: TmuxSession.binary).deletingLastPathComponent()
                .appendingPathComponent("uplink-scripted-supplicant").path
        }
    }

    /// Moves the selection to the interface's row.
    private func select(_ name: String, in session: TmuxSession) async throws {
        try await session.waitFor("\(name) listed") { $0.contains { $0.contains(" \(name) ") } }
        for key in ["k", "k", "k", "k", "j", "j", "j", "j", "j", "j", "j", "j"] {
            if try session.screen().contains(where: { $0.contains("▶ \(name)") }) { return }
            try session.send(key)
            try await Task.sleep(for: .milliseconds(50))
        }
        try await session.waitFor("\(name) selected") { $0.contains { $0.contains("▶ \(name)") } }
    }

    @Test(
        "scan, pick, a wrong key and why, the right key pasted, connected with its address, saved, in status, forgotten"
    )
    func joinFlow() async throws {
        var bench = try Bench()
        defer { bench.lab.close() }
        try await bench.startSupplicant()
        let session = try bench.dashboard()
        defer { session.close() }
        try await self.select(bench.wifi, in: session)

        try session.send("w")
        let list = try await session.waitFor(text: "Café ☕ Zürich")
        #expect(list.contains { $0.contains("Bob's \"Shed\" \\ AP") }, "the name exactly as the access point sends it")
        let workshop = try #require(list.firstIndex { $0.contains("Workshop") })
        let guest = try #require(list.firstIndex { $0.contains("Guest") })
        #expect(workshop < guest, "strongest first")
        try session.send("Enter")
        try await session.waitFor(text: "Password for Workshop")
        try session.send("incorrect horse", literal: true)
        #expect(!(try session.screen()).contains { $0.contains("incorrect horse") }, "masked while typed")
        try session.send("Enter")
        try await session.waitFor(text: "wrong password")
        try session.send("e", "C-u")
        try session.paste("correct horse battery")
        try session.send("Enter")
        let joined = try await session.waitFor(text: "Address: 198.18.30.", timeout: .seconds(20))
        #expect(joined.contains { $0.contains("Connected to Workshop") })
        #expect(!joined.contains { $0.contains("correct horse battery") })

        let saved = try String(contentsOfFile: bench.supplicantConfiguration, encoding: .utf8)
        #expect(saved.contains("ssid=\"Workshop\""))
        let interfaces = try bench.status()["interfaces"] as? [[String: Any]] ?? []
        let wifi = try #require(interfaces.first { $0["name"] as? String == bench.wifi }?["wifi"] as? [String: Any])
        #expect((wifi["current"] as? [String: Any])?["ssid"] as? String == "Workshop")
        #expect(try bench.statusText().contains("Wi-Fi: on Workshop (WPA2"))

        // Forget: x on the network in use.
        try session.send("Escape")
        try session.send("w")
        try await session.waitFor("Workshop known") {
            $0.contains { $0.contains("Workshop") && $0.contains("connected, known") }
        }
        try session.send("x")
        try await session.waitFor(text: "forgot Workshop")
        try await session.waitFor("Workshop no longer known") {
            $0.contains { $0.contains("Workshop") } && !$0.contains { $0.contains("known") }
        }
        let forgotten = try String(contentsOfFile: bench.supplicantConfiguration, encoding: .utf8)
        #expect(!forgotten.contains("Workshop"), "\(forgotten)")
    }

    @Test("without wpa_supplicant the dashboard says so and the Wi-Fi flow names the socket; it notices the return")
    func supplicantMissing() async throws {
        var bench = try Bench()
        defer { bench.lab.close() }
        let session = try bench.dashboard()
        defer { session.close() }
        try await self.select(bench.wifi, in: session)

        try await session.waitFor(text: "wpa_supplicant not running")
        try session.send("w")
        try await session.waitFor(text: bench.controlDirectory)
        let interfaces = try bench.status()["interfaces"] as? [[String: Any]] ?? []
        let wifi = interfaces.first { $0["name"] as? String == bench.wifi }?["wifi"] as? [String: Any]
        #expect(
            (wifi?["problem"] as? String)?.contains("wpa_supplicant not running") == true, "\(String(describing: wifi))"
        )
        #expect(try bench.statusText().contains("Wi-Fi: wpa_supplicant not running"))

        try session.send("Escape")
        try await bench.startSupplicant()
        try await session.waitFor(text: "wpa_supplicant running again", timeout: .seconds(15))
    }
}

import Foundation
import Testing
import UplinkLabSupport

/// The real `uplink --sim` in a real terminal (tmux), driven with keys and read from the screen, as
/// a technician would use it.
@Suite("dashboard end to end", .serialized)
struct DashboardEndToEndTests {
    /// Starts `uplink --sim` (with extra arguments) in tmux, runs `body`, and always closes the session.
    private func withDashboard(
        arguments: String = "",
        width: Int = 80,
        height: Int = 24,
        environment: [String: String] = [:],
        _ body: (TmuxSession) async throws -> Void
    ) async throws {
        let session = try TmuxSession(
            "\(TmuxSession.quote(TmuxSession.binary)) --sim \(arguments)",
            width: width,
            height: height,
            environment: environment
        )
        defer { session.close() }
        try await body(session)
    }

    /// The row of the table for an interface.
    private func row(_ name: String, in lines: [String]) -> String? {
        lines.first { $0.dropFirst(2).hasPrefix(name + " ") }
    }

    @Test(
        "the main view lists every interface and the simulated device comes online by itself",
        .enabled(if: TmuxSession.unavailableReason == nil)
    )
    func mainView() async throws {
        try await self.withDashboard { session in
            let lines = try await session.waitFor("every interface connected") { lines in
                ["eth0", "wlan0", "wwan0"].allSatisfy { self.row($0, in: lines)?.contains("connected") == true }
            }
            #expect(lines[0].contains("ONLINE"))
            #expect(lines[0].contains("via eth0"))
            #expect(self.row("lo", in: lines)?.contains("ignored") == true)
            #expect(lines.contains { $0.contains("192.0.2.10/24") })
            #expect(lines.last?.contains("? help") == true)
        }
    }

    @Test(
        "d disconnects, c connects and i ignores the selected interface",
        .enabled(if: TmuxSession.unavailableReason == nil))
    func connectDisconnectIgnore() async throws {
        try await self.withDashboard { session in
            try await session.waitFor("eth0 connected") { self.row("eth0", in: $0)?.contains("connected") == true }
            try session.send("d")
            try await session.waitFor("eth0 idle") { self.row("eth0", in: $0)?.contains("idle") == true }
            try session.send("c")
            try await session.waitFor("eth0 connected again") {
                self.row("eth0", in: $0)?.contains("connected") == true
            }
            try session.send("i")
            let ignored = try await session.waitFor("eth0 ignored") {
                self.row("eth0", in: $0)?.contains("ignored") == true
            }
            #expect(ignored.contains { $0.contains("Not ready: ignored") })
            try session.send("i")
            try await session.waitFor("eth0 watched") { self.row("eth0", in: $0)?.contains("connected") == true }
        }
    }

    @Test(
        "Wi-Fi: a wrong key shows why; the right key, pasted, connects and shows the address",
        .enabled(if: TmuxSession.unavailableReason == nil)
    )
    func wifiFlow() async throws {
        try await self.withDashboard { session in
            try await session.waitFor("wlan0 connected") { self.row("wlan0", in: $0)?.contains("connected") == true }
            try session.send("j", "w")
            try await session.waitFor(text: "Office-5G")
            try session.send("Down", "Enter")
            try await session.waitFor(text: "Password for Office-5G")
            try session.send("wrong key 123", literal: true)
            let masked = try session.screen()
            #expect(!masked.contains { $0.contains("wrong key 123") }, "the key is masked while typed")
            try session.send("Enter")
            let failed = try await session.waitFor(text: "wrong password")
            #expect(failed.contains { $0.contains("Could not join Office-5G") })
            try session.send("e", "C-u")
            try session.paste("office five gee")
            try session.send("Tab")
            try await session.waitFor(text: "office five gee")
            try session.send("Enter")
            let joined = try await session.waitFor(text: "Connected to Office-5G")
            #expect(joined.contains { $0.contains("198.18.10.20") })
        }
    }

    @Test(
        "over SSH, disconnecting the interface that carries the session asks first",
        .enabled(if: TmuxSession.unavailableReason == nil)
    )
    func sshSessionGuard() async throws {
        try await self.withDashboard(environment: ["SSH_CONNECTION": "192.0.2.50 52144 192.0.2.10 22"]) { session in
            try await session.waitFor("eth0 connected") { self.row("eth0", in: $0)?.contains("connected") == true }
            try session.send("d")
            try await session.waitFor(text: "eth0 carries your SSH session from 192.0.2.50; do it anyway? y/N")
            try session.send("n")
            let declined = try await session.waitFor(text: "left eth0 as it was")
            #expect(self.row("eth0", in: declined)?.contains("connected") == true)
            try session.send("d", "y")
            try await session.waitFor("eth0 idle") { self.row("eth0", in: $0)?.contains("idle") == true }
        }
    }

    @Test("? shows every key and any key closes the help", .enabled(if: TmuxSession.unavailableReason == nil))
    func help() async throws {
        try await self.withDashboard { session in
            try await session.waitFor(text: "? help")
            try session.send("?")
            let help = try await session.waitFor(text: "Keys")
            for key in ["connect the selected interface", "set the idle timeout", "quit the dashboard", "Wi-Fi key"] {
                #expect(help.contains { $0.contains(key) }, "the help lists \(key)")
            }
            try session.send("Escape")
            try await session.waitFor("the help closed") { !$0.contains { $0.contains("any key closes") } }
        }
    }

    @Test(
        "a resize redraws at the new size; below 80×24 it says which size it needs",
        .enabled(if: TmuxSession.unavailableReason == nil))
    func resize() async throws {
        try await self.withDashboard { session in
            try await session.waitFor(text: "? help")
            try session.resize(width: 132, height: 30)
            let wide = try await session.waitFor(text: "BOUND")
            #expect(wide[1].contains("FLAGS"))
            try session.resize(width: 60, height: 20)
            let small = try await session.waitFor(text: "at least 80×24")
            #expect(small.joined(separator: " ").contains("60×20"))
            try session.resize(width: 80, height: 24)
            try await session.waitFor(text: "? help")
        }
    }

    @Test("q quits and leaves the terminal exactly as it was", .enabled(if: TmuxSession.unavailableReason == nil))
    func quitRestoresTerminal() async throws {
        let run = try TmuxSession { folder in
            """
            cd \(folder) && echo before-uplink && stty -g > before; \(TmuxSession.quote(TmuxSession.binary)) --sim; \
            echo "status=$?" > status; stty -g > after; echo after-uplink; sleep 30
            """
        }
        defer { run.close() }
        try await run.waitFor(text: "? help")
        try run.send("q")
        let after = try await run.waitFor(text: "after-uplink")
        #expect(
            after.contains { $0.contains("before-uplink") },
            "the alternate screen is gone and the shell's lines are back")
        #expect(try self.read("status", in: run) == "status=0")
        #expect(try self.read("before", in: run) == self.read("after", in: run), "stty settings are restored")
    }

    @Test("SIGTERM leaves the terminal restored and exits 143", .enabled(if: TmuxSession.unavailableReason == nil))
    func terminateRestoresTerminal() async throws {
        let run = try TmuxSession { folder in
            """
            cd \(folder) && stty -g > before; sh -c 'echo $$ > pid; exec "$0" --sim' \(TmuxSession.quote(TmuxSession.binary)); \
            echo "status=$?" > status; stty -g > after; echo done-waiting; sleep 30
            """
        }
        defer { run.close() }
        try await run.waitFor(text: "? help")
        let pid = try #require(Int32(try self.read("pid", in: run)))
        kill(pid, SIGTERM)
        try await run.waitFor(text: "done-waiting")
        #expect(try self.read("status", in: run) == "status=143")
        #expect(try self.read("before", in: run) == self.read("after", in: run), "stty settings are restored")
    }

    private func read(_ file: String, in session: TmuxSession) throws -> String {
        try String(contentsOfFile: session.folder + "/" + file, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    @Test(
        "without colour (TERM=vt100, NO_COLOR) states still look different: ok bold, in progress underlined, bad both",
        .enabled(if: TmuxSession.unavailableReason == nil),
        arguments: [["TERM": "vt100"], ["TERM": "xterm-256color", "NO_COLOR": "1"]]
    )
    func monochrome(environment: [String: String]) async throws {
        try await self.withDashboard(environment: environment) { session in
            try await session.waitFor("eth0 connected") { self.row("eth0", in: $0)?.contains("connected") == true }
            try session.send("j", "u")
            try await session.waitFor("wlan0 down") { self.row("wlan0", in: $0)?.contains(" down ") == true }
            let screen = AttributedScreen(try session.screenWithAttributes())
            #expect(!screen.hasColor, "no colour is used")
            let connected = try #require(screen.attributes(of: "connected", onRowContaining: "eth0"))
            #expect(connected.allSatisfy { $0.bold && !$0.underline }, "ok is bold")
            let notReady = try #require(screen.attributes(of: "no", onRowContaining: "wlan0"))
            #expect(notReady.allSatisfy { $0.bold && $0.underline }, "bad is bold and underlined")
            #expect(connected.first != notReady.first)
        }
    }

    @Test("a locale that is not UTF-8 gets ASCII only", .enabled(if: TmuxSession.unavailableReason == nil))
    func asciiLocale() async throws {
        try await self.withDashboard(environment: ["LANG": "C", "LC_ALL": "C"]) { session in
            let lines = try await session.waitFor(text: "? help")
            #expect(
                lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) },
                "only ASCII on screen:\n\(lines.joined(separator: "\n"))")
            #expect(lines.contains { $0.hasPrefix("-- eth0") })
        }
    }

    @Test(
        "a terminal that cannot address the cursor, or an unknown one, is an error, not a smeared screen",
        .enabled(if: TmuxSession.unavailableReason == nil),
        arguments: ["dumb", "no-such-terminal"]
    )
    func unusableTerminal(term: String) async throws {
        let run = try TmuxSession(environment: ["TERM": term]) { folder in
            "\(TmuxSession.quote(TmuxSession.binary)) --sim; echo \"status=$?\" > \(folder)/status; echo exited; sleep 30"
        }
        defer { run.close() }
        let lines = try await run.waitFor(text: "exited")
        #expect(try self.read("status", in: run) == "status=1")
        let text = lines.joined(separator: " ")
        #expect(text.contains("uplink: TERM=\(term)"), "the error names TERM: \(text)")
        #expect(!text.contains("IFACE") && !text.contains("uplink sim-gateway"), "only the error, no screen: \(text)")
    }

    @Test(
        "a bad theme file is named with its line and key, and the default theme is used",
        .enabled(if: TmuxSession.unavailableReason == nil))
    func badTheme() async throws {
        let path = NSTemporaryDirectory() + "uplink-bad-\(getpid()).theme"
        try "ok.fg = 46\nbogus.fg = red\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await self.withDashboard(arguments: "--theme \(path)") { session in
            let lines = try await session.waitFor(text: "unknown role")
            #expect(lines.contains { $0.contains(":2: 'bogus.fg'") })
        }
    }
}

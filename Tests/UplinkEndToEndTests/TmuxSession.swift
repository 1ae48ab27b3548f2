import Foundation
import Testing
import UplinkLabSupport

/// The real `uplink` binary running in a real terminal: a tmux session on a private tmux server,
/// driven with send-keys and read with capture-pane, as a technician's terminal would be.
///
/// Every session gets its own tmux server on a socket in the session's own folder (`tmux -S`), so
/// tests never see or touch anybody else's sessions, and `close()` kills exactly that server and
/// removes the folder, socket included.
final class TmuxSession: @unchecked Sendable {
    /// Why a session could not run.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let name = "uplink"
    /// A folder for this session's files (markers written by the command line around uplink).
    let folder: String

    /// Starts `command` (run by /bin/sh) in a new session of the given size.
    convenience init(_ command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        try self.init(width: width, height: height, environment: environment) { _ in command }
    }

    /// Starts the command `command(folder)` makes, given the session's folder for its files.
    init(
        width: Int = 80,
        height: Int = 24,
        environment: [String: String] = [:],
        command: (String) -> String
    ) throws {
        self.folder = NSTemporaryDirectory() + "uplink-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
        let command = command(self.folder)
        // tmux starts commands with the server's environment, so what the test wants is set explicitly.
        var settings = ["LANG": "C.UTF-8", "TERM": "tmux-256color"]
        settings.merge(environment) { $1 }
        let assignments = settings.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let line = "env " + assignments.joined(separator: " ") + " /bin/sh -c " + Self.quote(command)
        try self.tmux(
            ["new-session", "-d", "-s", self.name, "-x", "\(width)", "-y", "\(height)", line], detached: true)
        // Keep the pane after the command exits so its last screen and exit status can be read.
        try self.tmux(["set-option", "-t", self.name, "remain-on-exit", "on"])
    }

    /// The uplink binary built next to this test bundle, or `$UPLINK_BINARY`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["UPLINK_BINARY"], !path.isEmpty { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("uplink").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return bundle.appendingPathComponent("uplink").path
    }

    /// Whether tmux is installed; the tests skip with this reason when it is not.
    static var unavailableReason: String? {
        let found = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        return found ? nil : "tmux is not installed (scripts/test installs it)"
    }

    /// The screen as text, one line per row, trailing spaces removed.
    func screen() throws -> [String] {
        try self.tmux(["capture-pane", "-p", "-t", self.name]).components(separatedBy: "\n").dropLast().map {
            var line = $0
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The screen with its SGR escape sequences (colours, bold, reverse…).
    func screenWithAttributes() throws -> String {
        try self.tmux(["capture-pane", "-p", "-e", "-t", self.name])
    }

    /// Sends keys as tmux names them (`Up`, `Enter`, `Escape`, `C-c`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try self.tmux(["send-keys", "-t", self.name] + (literal ? ["-l"] : []) + keys)
    }

    /// Pastes text as a terminal does with bracketed paste on.
    func paste(_ text: String) throws {
        try self.tmux(["set-buffer", "-b", "test", text])
        try self.tmux(["paste-buffer", "-p", "-d", "-b", "test", "-t", self.name])
    }

    /// Changes the terminal's size.
    func resize(width: Int, height: Int) throws {
        try self.tmux(["resize-window", "-t", self.name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen satisfies `condition`, or fails after `timeout` with the last screen.
    @discardableResult
    func waitFor(
        _ what: String,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: ([String]) -> Bool
    ) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        var last: [String] = []
        while ContinuousClock.now < deadline {
            last = try self.screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(
            "timed out waiting for \(what); the screen was:\n\(last.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        throw Failure(description: "timed out waiting for \(what)")
    }

    /// Waits until some line contains `text`.
    @discardableResult
    func waitFor(
        text: String,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        try await self.waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { lines in
            lines.contains { $0.contains(text) }
        }
    }

    /// Kills this session's tmux server and removes its folder.
    func close() {
        _ = try? self.tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: self.folder)
    }

    /// Runs one tmux client command and returns what it printed (see `Spawn` for why not `Process`).
    @discardableResult
    private func tmux(_ arguments: [String], detached: Bool = false) throws -> String {
        let argv = ["tmux", "-S", self.folder + "/tmux.socket", "-f", "/dev/null"] + arguments
        // The server `new-session` starts inherits the client's output, so nothing may wait for it.
        return try Spawn.run(argv, check: true, discardingOutput: detached).output
    }

    /// Quotes a string for /bin/sh.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

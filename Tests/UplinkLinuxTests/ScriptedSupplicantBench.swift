import Foundation
import Glibc
import Synchronization
import UplinkLabSupport

/// One test's scripted supplicant: the `uplink-scripted-supplicant` binary built next to the test
/// bundle, started in a scratch folder of its own with short delays, and clients of its socket.
///
/// The folder is `/tmp/uss-XXXXXX` (short, as Unix socket paths must be); the script's standard
/// error goes to `supplicant.log` in it, which failure messages quote. `close()` stops the script
/// by its PID and removes the folder.
final class ScriptedSupplicantBench {
    /// Why the tests cannot run: the binary was not built (the test target depends on it, so
    /// only a build of the test bundle alone leaves it out).
    static var unavailableReason: String? {
        FileManager.default.isExecutableFile(atPath: self.binary)
            ? nil : "\(self.binary) is not built (swift build --product uplink-scripted-supplicant)"
    }

    /// The binary next to this test bundle.
    static var binary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("uplink-scripted-supplicant").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return bundle.appendingPathComponent("uplink-scripted-supplicant").path
    }

    /// Delays that keep the tests fast: 150 ms scans, 60 ms to an association, 150 ms to a failed
    /// handshake.
    static let fastDelays = ["--scan-delay", "150", "--associate-delay", "60", "--wrong-key-delay", "150"]

    private static let counter = Mutex(0)

    let folder: String
    /// The `--ctrl` folder.
    let controlDirectory: String
    /// The control socket.
    let socketPath: String
    /// The `--config` file (it need not exist).
    let configurationPath: String
    let pidFile: String
    private let logPath: String
    private let arguments: [String]
    private(set) var pid: pid_t = 0
    private var exited = false

    /// Starts the script, with `--config` when `configured`, and waits until it answers PING.
    /// `scanDelay` replaces the fast one where a test must act while a scan runs.
    init(configured: Bool = false, scanDelay: Duration? = nil) async throws {
        var template = Array("/tmp/uss-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SupplicantControlClient.Failure(description: "mkdtemp") }
        self.folder = String(cString: made)
        self.controlDirectory = self.folder + "/ctrl"
        self.socketPath = self.controlDirectory + "/wlan0"
        self.configurationPath = self.folder + "/wpa.conf"
        self.pidFile = self.folder + "/supplicant.pid"
        self.logPath = self.folder + "/supplicant.log"
        var arguments = [
            Self.binary, "--ctrl", self.controlDirectory, "--interface", "wlan0", "--pid-file", self.pidFile,
        ]
        if configured { arguments += ["--config", self.configurationPath] }
        self.arguments =
            arguments + Self.fastDelays + (scanDelay.map { ["--scan-delay", "\($0.components.seconds * 1000)"] } ?? [])
        try await self.start()
    }

    deinit {
        self.close()
    }

    /// Starts (or starts again) the script and waits until it answers PING.
    func start() async throws {
        let log = open(self.logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        defer { Glibc.close(log) }
        self.pid = try Spawn.start(self.arguments, output: -1, errors: log)
        self.exited = false
        // The socket appears once the script has bound it; a client can connect only then.
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if access(self.socketPath, F_OK) == 0, let client = try? self.client(),
                (try? await client.request("PING", timeout: .milliseconds(200))) == "PONG\n"
            {
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SupplicantControlClient.Failure(description: "the scripted supplicant did not answer PING:\n\(self.log)")
    }

    /// A new client with a path of its own in the folder.
    func client() throws -> SupplicantControlClient {
        let number = Self.counter.withLock { value -> Int in
            value += 1
            return value
        }
        return try SupplicantControlClient(server: self.socketPath, path: "\(self.folder)/client-\(number)")
    }

    /// A client that has sent ATTACH.
    func monitor() async throws -> SupplicantControlClient {
        let client = try self.client()
        try await client.attach()
        return client
    }

    /// Waits for the script to exit by itself and returns its exit status, nil if it does not.
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var raw: Int32 = 0
            if waitpid(self.pid, &raw, WNOHANG) == self.pid {
                self.exited = true
                return Spawn.exitStatus(raw)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// What the script logged so far.
    var log: String {
        (try? String(contentsOfFile: self.logPath, encoding: .utf8)) ?? "(no log)"
    }

    /// Stops the script by its PID (unless it has exited) and removes the folder.
    func close() {
        if !self.exited && self.pid > 0 { Spawn.stop(self.pid) }
        self.exited = true
        try? FileManager.default.removeItem(atPath: self.folder)
    }
}

import Foundation
import Glibc

/// Runs the lab's commands (`ip`, `dnsmasq`) with `posix_spawn`, without a shell, and with the
/// test process's signal mask cleared, so a daemon started here answers SIGTERM.
enum EthernetLabCommand {
    /// What a finished command printed, and how it ended.
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// A command that failed, with what it said.
    struct Failure: Error, CustomStringConvertible {
        var arguments: [String]
        var outcome: Outcome
        var description: String {
            "\(self.arguments.joined(separator: " ")) exited \(self.outcome.status): \(self.outcome.errors)\(self.outcome.output)"
        }
    }

    /// Runs a command to its end.
    /// - Throws: `Failure` when it exits non-zero and `check` is set.
    @discardableResult
    static func run(_ arguments: [String], check: Bool = true) throws -> Outcome {
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard pipe(&output) == 0, pipe(&errors) == 0 else { throw POSIXError(.EMFILE) }
        // Close-on-exec, so that a daemon started meanwhile cannot hold the pipes open (pipe2 is not
        // imported without _GNU_SOURCE).
        for descriptor in output + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let pid = try self.spawn(arguments, stdout: output[1], stderr: errors[1])
        close(output[1])
        close(errors[1])
        // Both pipes are read to their end before the wait; `ip` prints little, so reading one
        // after the other cannot deadlock on a full pipe in practice.
        let printed = self.readAll(output[0])
        let complained = self.readAll(errors[0])
        close(output[0])
        close(errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let outcome = Outcome(status: (status >> 8) & 0xFF, output: printed, errors: complained)
        if check && outcome.status != 0 { throw Failure(arguments: arguments, outcome: outcome) }
        return outcome
    }

    /// Starts a long-running command with its output discarded, and returns its PID.
    static func start(_ arguments: [String]) throws -> pid_t {
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(null) }
        return try self.spawn(arguments, stdout: null, stderr: null)
    }

    /// Stops a process started with `start`: SIGTERM by PID, then waits for it.
    static func stop(_ pid: pid_t) {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private static func spawn(_ arguments: [String], stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        return pid
    }

    private static func readAll(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a program is on PATH.
    static func exists(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }
}

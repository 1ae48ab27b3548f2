import Foundation
import Synchronization

/// Starting programs from tests, without Foundation's `Process`.
///
/// `Process` notices a child's exit only when every process holding the child's copy of its
/// internal socket has gone — and a tmux server or a daemonised helper keeps it for ever. The test
/// runner's threads also block most signals, which a child would inherit: a tmux server or an
/// uplink started so could not be stopped. These functions spawn with a clean signal mask and wait
/// with `waitpid` for the child alone.
public enum Spawn {
    /// What a finished program printed, and how it ended.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that killed it.
        public var status: Int32
        /// Its standard output.
        public var output: String
        /// Its standard error.
        public var errors: String
    }

    /// A program that could not be started, or that exited non-zero when it had to succeed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Held while pipes are made and while programs are spawned, so that no program is spawned
    /// between a pipe's creation and its ends being marked close-on-exec.
    static let spawning = Mutex(())

    /// Makes an output and an error pipe whose four ends close on exec. A program another thread
    /// spawns must not inherit a write end: reading to end of file would wait for that program's
    /// exit (a wpa_supplicant living for a whole test). The child's copies on 1 and 2 come from
    /// dup2, which clears the flag.
    static func makePipes(_ output: inout [Int32], _ errors: inout [Int32]) throws {
        try self.spawning.withLock { _ in
            guard pipe(&output) == 0, pipe(&errors) == 0 else { throw Failure(description: "pipe: \(errno)") }
            for descriptor in output + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        }
    }

    /// Starts a program found on PATH with the given standard output and error (-1 for /dev/null),
    /// standard input from /dev/null, and returns its PID.
    public static func start(
        _ arguments: [String],
        environment: [String: String]? = nil,
        output: Int32,
        errors: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (descriptor, target) in [(output, Int32(1)), (errors, Int32(2))] {
            if descriptor < 0 {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            } else {
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }
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
        var environmentStrings: [UnsafeMutablePointer<CChar>?] = (environment ?? [:]).map {
            strdup("\($0.key)=\($0.value)")
        }
        environmentStrings.append(nil)
        defer { for entry in environmentStrings { free(entry) } }
        var pid: pid_t = 0
        let spawned = self.spawning.withLock { _ in
            environment == nil
                ? posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, environ)
                : posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, &environmentStrings)
        }
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Runs a program to completion and returns what it printed.
    /// - Parameters:
    ///   - check: throw `Failure` (with what it wrote to standard error) when it exits non-zero.
    ///   - discardingOutput: send its output to /dev/null, for a program that leaves a daemon
    ///     holding its standard output (tmux's `new-session`).
    @discardableResult
    public static func run(_ arguments: [String], check: Bool = false, discardingOutput: Bool = false) throws -> Outcome
    {
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        try Spawn.makePipes(&output, &errors)
        let pid: pid_t
        do {
            pid = try self.start(
                arguments, output: discardingOutput ? -1 : output[1], errors: discardingOutput ? -1 : errors[1])
        } catch {
            for descriptor in output + errors { Glibc.close(descriptor) }
            throw error
        }
        Glibc.close(output[1])
        Glibc.close(errors[1])
        defer {
            Glibc.close(output[0])
            Glibc.close(errors[0])
        }
        // Output first, then errors: a program filling the error pipe while we wait on output would
        // block, which these small commands never do.
        let printed = discardingOutput ? "" : self.readAll(output[0])
        let complained = discardingOutput ? "" : self.readAll(errors[0])
        let outcome = Outcome(status: self.wait(for: pid), output: printed, errors: complained)
        if check && outcome.status != 0 {
            throw Failure(
                description:
                    "\(arguments.joined(separator: " ")) exited with \(outcome.status): \(complained)\(printed)")
        }
        return outcome
    }

    /// Starts a long-running program with its output discarded and returns its PID.
    public static func start(_ arguments: [String]) throws -> pid_t {
        try self.start(arguments, output: -1, errors: -1)
    }

    /// Stops a program by its PID with SIGTERM, and SIGKILL if it lingers, then reaps it.
    public static func stop(_ pid: pid_t) {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var raw: Int32 = 0
        for _ in 0..<300 {
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid || (result < 0 && errno == ECHILD) { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
    }

    /// Whether a program is on PATH.
    public static func exists(_ program: String) -> Bool {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    /// Waits for a child and returns its exit status.
    public static func wait(for pid: pid_t) -> Int32 {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        return self.exitStatus(raw)
    }

    /// The exit status in a `waitpid` status word, or 128 + the signal that killed the child.
    public static func exitStatus(_ raw: Int32) -> Int32 {
        (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    /// Reads a descriptor to its end.
    public static func readAll(_ descriptor: Int32) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                data += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}

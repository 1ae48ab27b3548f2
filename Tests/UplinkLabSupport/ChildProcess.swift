import Foundation
import Synchronization
import Testing

/// A program the test started, with its standard output read line by line as it arrives.
///
/// Spawned with `posix_spawn` and a clean signal mask (the test runner's threads block most signals,
/// and a child inherits the mask), stopped by its PID only.
public final class ChildProcess: @unchecked Sendable {
    /// Why a child could not be started or read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let pid: pid_t
    public let arguments: [String]
    private let outputDescriptor: Int32
    private let errorDescriptor: Int32
    private let collected = Collected()
    private let reader: Thread
    private var status: Int32?

    /// Starts `arguments` (a program found on PATH and its arguments).
    public init(_ arguments: [String], environment: [String: String]? = nil) throws {
        self.arguments = arguments
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        try Spawn.makePipes(&output, &errors)
        let pid: pid_t
        do {
            pid = try Spawn.start(arguments, environment: environment, output: output[1], errors: errors[1])
        } catch {
            for descriptor in output + errors { Glibc.close(descriptor) }
            throw error
        }
        Glibc.close(output[1])
        Glibc.close(errors[1])
        self.pid = pid
        self.outputDescriptor = output[0]
        self.errorDescriptor = errors[0]
        let collected = self.collected
        let outputDescriptor = output[0]
        let errorDescriptor = errors[0]
        self.reader = Thread {
            var pending = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(outputDescriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    collected.lines.withLock { $0.append(line) }
                }
            }
            while true {
                let count = read(errorDescriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                collected.errors.withLock { $0 += String(decoding: buffer[0..<count], as: UTF8.self) }
            }
        }
        self.reader.start()
    }

    deinit {
        self.stop()
        Glibc.close(self.outputDescriptor)
        Glibc.close(self.errorDescriptor)
    }

    /// Every line the child has written so far.
    public var output: [String] { self.collected.lines.withLock { $0 } }

    /// What the child wrote to standard error so far (complete once it has exited).
    public var errorOutput: String { self.collected.errors.withLock { $0 } }

    /// Waits until a line satisfies `condition` and returns it, or fails after `timeout`.
    @discardableResult
    public func waitForLine(
        _ what: String,
        after count: Int = 0,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = self.output.dropFirst(count).first(where: condition) { return line }
            try await Task.sleep(for: .milliseconds(10))
        }
        let written = self.output.joined(separator: "\n")
        let command = self.arguments.joined(separator: " ")
        Issue.record(
            "timed out waiting for \(what) from \(command); it wrote:\n\(written)\nstandard error:\n\(self.errorOutput)",
            sourceLocation: sourceLocation)
        throw Failure(description: "timed out waiting for \(what)")
    }

    /// Waits for the child to exit by itself and returns its exit status (128 + signal if killed).
    public func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = self.reap(blocking: false) { return status }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Failure(description: "\(self.arguments[0]) did not exit within \(timeout)")
    }

    /// Stops the child with SIGTERM (then SIGKILL if it lingers) and reaps it. Idempotent.
    public func stop() {
        guard self.status == nil else { return }
        kill(self.pid, SIGTERM)
        for _ in 0..<200 {
            if self.reap(blocking: false) != nil { return }
            usleep(10_000)
        }
        kill(self.pid, SIGKILL)
        _ = self.reap(blocking: true)
    }

    private func reap(blocking: Bool) -> Int32? {
        if let status = self.status { return status }
        var raw: Int32 = 0
        let result = waitpid(self.pid, &raw, blocking ? 0 : WNOHANG)
        guard result == self.pid else { return nil }
        let status = Spawn.exitStatus(raw)
        self.status = status
        return status
    }
}

/// What a child wrote, filled by the reading thread.
private final class Collected: Sendable {
    let lines = Mutex<[String]>([])
    let errors = Mutex<String>("")
}

import Foundation
import Glibc

/// A small client of wpa_supplicant's control socket, as `wpa_ctrl_open` makes one: a Unix
/// datagram socket bound at its own path and connected to `<ctrl_interface>/<ifname>`.
///
/// Replies and, once attached, events (`<N>…`) arrive on the same socket; events are kept in
/// arrival order so a test can wait for them one after another. Waiting sleeps between
/// non-blocking reads instead of blocking in `poll`, so tests running side by side do not hold
/// the few threads of the test runner's pool.
final class SupplicantControlClient {
    /// A reply or event that did not come in time.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    private let descriptor: Int32
    /// Every event received, with its `<N>` priority prefix.
    private(set) var events: [String] = []
    /// How many of `events` `nextEvent` has gone past.
    private var consumed = 0

    /// Binds `path` and connects to the server's socket.
    init(server: String, path: String) throws {
        self.path = path
        unlink(path)
        self.descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        _ = fcntl(self.descriptor, F_SETFL, fcntl(self.descriptor, F_GETFL) | O_NONBLOCK)
        var local = Self.address(path)
        var remote = Self.address(server)
        let bound = withUnsafePointer(to: &local) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        let connected = withUnsafePointer(to: &remote) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, connected == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(self.descriptor)
            unlink(path)
            throw Failure(description: "cannot bind \(path) and connect to \(server): \(reason)")
        }
    }

    deinit {
        Glibc.close(self.descriptor)
        unlink(self.path)
    }

    /// Sends a command and returns its reply, keeping any event that arrives first.
    func request(_ command: String, timeout: Duration = .seconds(5)) async throws -> String {
        let bytes = Array(command.utf8)
        let sent = bytes.withUnsafeBytes { send(self.descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw Failure(description: "send \(command): errno \(errno)") }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let message = self.receive() {
                if let event = Self.event(message) {
                    self.events.append(event)
                } else {
                    return message
                }
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        throw Failure(description: "no reply to \(command) within \(timeout)")
    }

    /// Sends `ATTACH`: events come to this client from now on.
    func attach() async throws {
        let reply = try await self.request("ATTACH")
        guard reply == "OK\n" else { throw Failure(description: "ATTACH answered \(reply.debugDescription)") }
    }

    /// The next event, after those already waited for, that contains `text`; the events before it
    /// are passed over.
    @discardableResult
    func nextEvent(containing text: String, timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            while let message = self.receive() {
                if let event = Self.event(message) { self.events.append(event) }
            }
            if let offset = self.events[self.consumed...].firstIndex(where: { $0.contains(text) }) {
                self.consumed = offset + 1
                return self.events[offset]
            }
            guard ContinuousClock.now < deadline else {
                let seen = self.events.map { "  \($0)" }.joined(separator: "\n")
                throw Failure(
                    description: "no event containing \(text.debugDescription) within \(timeout); events:\n\(seen)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Every event received so far, for a failure message.
    func receivedEvents() -> [String] {
        while let message = self.receive() {
            if let event = Self.event(message) { self.events.append(event) }
        }
        return self.events
    }

    private func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = recv(self.descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// An unsolicited message (`<3>CTRL-EVENT-…`) as it came, or nil for a reply.
    private static func event(_ message: String) -> String? {
        message.hasPrefix("<") && message.contains(">") ? message : nil
    }

    private static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        return address
    }
}

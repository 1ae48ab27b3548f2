import Synchronization

/// One request socket to one interface's wpa_supplicant: a command goes out as one datagram and its
/// reply comes back as one (wpa_supplicant's control interface, `ctrl_interface=DIR`).
///
/// The socket is opened at the first request and kept; a supplicant that restarted has a new socket
/// at the same path, which is reached by opening again. Requests are serialised: one caller waits
/// while another's request is out. The text of replies is not interpreted here, beyond telling
/// FAIL from an answer.
public final class SupplicantControlSocket: @unchecked Sendable {
    /// The control socket: the directory, a slash, the interface name.
    public let path: String
    private let clientDirectory: String
    private let connection = Mutex(Connection())

    /// The socket and its reply buffer, used under the lock.
    private struct Connection {
        var socket: SupplicantDatagramSocket?
        /// SCAN_RESULTS and BSS replies run to kilobytes; 64 KiB leaves room to spare for any reply.
        var buffer = [UInt8](repeating: 0, count: 65536)
        /// How many times a kept socket found its supplicant gone and a new one answered.
        var reopens = 0
    }

    /// How many times a request found the supplicant behind the kept socket gone and went on with
    /// a new one at the same path — a restarted wpa_supplicant, which the owner's event monitor,
    /// still on the old socket, has not heard of.
    public var restartsSeen: Int {
        self.connection.withLock { $0.reopens }
    }

    /// A socket to `<directory>/<interfaceName>`; nothing is opened until the first request.
    /// - Parameter clientDirectory: where the socket binds its own path (default `/tmp`, as wpa_cli).
    public init(directory: String, interfaceName: String, clientDirectory: String? = nil) {
        self.path = directory + "/" + interfaceName
        self.clientDirectory = clientDirectory ?? "/tmp"
    }

    deinit {
        self.close()
    }

    /// Sends a command and waits (poll) at most `timeout` for its reply, opening or reopening the
    /// socket as needed. Unsolicited `<N>` messages are skipped, and replies that arrived late for
    /// earlier requests are drained before sending. It blocks the calling thread for up to `timeout`,
    /// so it is not for the I/O loop's thread. A supplicant that dies while a request is out is
    /// noticed only at the deadline (a datagram socket hears nothing of its peer's death), as
    /// `timedOut`; the next request then finds it gone.
    /// - Returns: the reply, without its final newline.
    /// - Throws: `notRunning` when nothing answers at `path` (after one reopen, for a supplicant that
    ///   restarted); `timedOut` when no reply came in time; `failed` for FAIL, FAIL-… and UNKNOWN
    ///   COMMAND; `system` for anything else.
    public func request(_ command: String, timeout: Duration = .milliseconds(1500)) throws(SupplicantError)
        -> String
    {
        let deadline = ContinuousClock.now + timeout
        let summary = SupplicantError.summary(of: command)
        let reply = try self.connection.withLock { connection throws(SupplicantError) -> String in
            try self.exchange(command, summary: summary, deadline: deadline, timeout: timeout, &connection)
        }
        if reply == "FAIL" || reply.hasPrefix("FAIL-") || reply == "UNKNOWN COMMAND" {
            throw .failed(command: summary, reply: reply)
        }
        return reply
    }

    /// Sends a command and checks that the reply is OK.
    /// - Throws: as `request`, and `failed` with the reply when it is anything but OK.
    public func expectOK(_ command: String, timeout: Duration = .milliseconds(1500)) throws(SupplicantError) {
        let reply = try self.request(command, timeout: timeout)
        guard reply == "OK" else { throw .failed(command: SupplicantError.summary(of: command), reply: reply) }
    }

    /// Closes the socket and removes its path. A later request opens a new one.
    public func close() {
        self.connection.withLock { Self.drop(&$0) }
    }

    private func exchange(
        _ command: String,
        summary: String,
        deadline: ContinuousClock.Instant,
        timeout: Duration,
        _ connection: inout Connection
    ) throws(SupplicantError) -> String {
        let operation = "send \(summary) to \(self.path)"
        var isFresh = false
        if connection.socket == nil {
            connection.socket = try self.open()
            isFresh = true
        }
        var socket = connection.socket!
        var sent: Bool
        do throws(SystemCallError) {
            try socket.drain(into: &connection.buffer)
            sent = try socket.send(command, until: deadline, operation: operation)
        } catch {
            Self.drop(&connection)
            // The supplicant behind the socket we kept has gone; a restarted one listens on a new
            // socket at the same path. Once: if a fresh socket fails too, nothing is there.
            guard !isFresh && SupplicantError.meansGone(error) else { throw SupplicantError.reaching(self.path, error) }
            socket = try self.open()
            connection.socket = socket
            connection.reopens += 1
            do throws(SystemCallError) {
                sent = try socket.send(command, until: deadline, operation: operation)
            } catch {
                Self.drop(&connection)
                throw SupplicantError.reaching(self.path, error)
            }
        }
        let reply: ArraySlice<UInt8>?
        do throws(SystemCallError) {
            reply =
                sent ? try socket.receiveReply(into: &connection.buffer, until: deadline, operation: operation) : nil
        } catch {
            Self.drop(&connection)
            throw SupplicantError.reaching(self.path, error)
        }
        guard let reply else {
            // The reply may still come. Draining before the next request would not catch one that
            // is still on its way, so the next request gets a new socket and this one's path is gone.
            Self.drop(&connection)
            throw SupplicantError.timedOut(command: summary, after: timeout)
        }
        var text = String(decoding: reply, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Closes the kept socket, so that the next request opens a new one.
    private static func drop(_ connection: inout Connection) {
        connection.socket?.close()
        connection.socket = nil
    }

    private func open() throws(SupplicantError) -> SupplicantDatagramSocket {
        do {
            return try SupplicantDatagramSocket.open(serverPath: self.path, clientDirectory: self.clientDirectory)
        } catch {
            throw error.function == "connect" ? SupplicantError.reaching(self.path, error) : .system(error)
        }
    }
}

import Synchronization

/// The attached socket that receives wpa_supplicant's events for one interface, read on the I/O loop.
///
/// `attach()` opens a socket of its own and sends ATTACH; from the OK on, wpa_supplicant sends every
/// event to it as one `<N>TEXT` datagram (N is the level). The monitor hands each to `handler`, on the
/// loop's thread, and reports the end of the attachment once: wpa_supplicant saying
/// CTRL-EVENT-TERMINATING (which it does when stopped, before removing its socket), or the socket
/// failing. A supplicant killed with SIGKILL says nothing, and nothing reaches the socket; the owner
/// notices it with `checkAlive()` from its own timer. Re-attaching, and when, is the owner's decision.
public final class SupplicantEventMonitor: @unchecked Sendable {
    /// What the monitor reports to its handler.
    public enum Notice: Sendable, Hashable {
        /// An unsolicited message, exactly as wpa_supplicant sent it, with its `<N>` level prefix
        /// (`<3>CTRL-EVENT-CONNECTED - Connection to … completed [id=0 id_str=]`).
        case message(String)
        /// The attachment ended, and why (CTRL-EVENT-TERMINATING, a socket error, a hang-up). Reported
        /// at most once per attach; nothing follows it until the next `attach()`.
        case lost(String)
    }

    /// The control socket: the directory, a slash, the interface name.
    public let path: String
    private let clientDirectory: String
    private let loop: IOLoop
    private let handler: @Sendable (Notice) -> Void
    private let state = Mutex(State())

    /// The attachment, used under the lock by callers and by the loop's thread.
    private struct State {
        var socket: SupplicantDatagramSocket?
        var watch: IOLoop.Watch?
        /// Counts attachments, so that a loop callback for one that ended does nothing: the loop
        /// may call a handler once more after its watch stopped, and the descriptor may be reused.
        var generation: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
    }

    /// A monitor for `<directory>/<interfaceName>`; nothing is opened until `attach()`.
    /// - Parameters:
    ///   - clientDirectory: where the socket binds its own path (default `/tmp`, as wpa_cli).
    ///   - handler: called on `loop`'s thread, in the order wpa_supplicant sent.
    public init(
        directory: String,
        interfaceName: String,
        clientDirectory: String? = nil,
        loop: IOLoop = .shared,
        handler: @escaping @Sendable (Notice) -> Void
    ) {
        self.path = directory + "/" + interfaceName
        self.clientDirectory = clientDirectory ?? "/tmp"
        self.loop = loop
        self.handler = handler
    }

    deinit {
        self.detach()
    }

    /// Whether an attachment is live: attach succeeded and neither `lost`, a failed `checkAlive()`
    /// nor `detach()` has ended it.
    public var isAttached: Bool {
        self.state.withLock { $0.socket != nil }
    }

    /// Opens a socket of its own, sends ATTACH, waits at most `timeout` for OK and starts watching.
    /// An attachment that is still live is detached first.
    /// - Throws: `notRunning` when nothing answers at `path`, `timedOut`, `failed` when the reply is
    ///   not OK, `system` for anything else.
    public func attach(timeout: Duration = .milliseconds(1500)) throws(SupplicantError) {
        self.detach()
        let deadline = ContinuousClock.now + timeout
        let socket: SupplicantDatagramSocket
        do {
            socket = try SupplicantDatagramSocket.open(serverPath: self.path, clientDirectory: self.clientDirectory)
        } catch {
            throw error.function == "connect" ? SupplicantError.reaching(self.path, error) : .system(error)
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let reply: ArraySlice<UInt8>?
        do throws(SystemCallError) {
            let operation = "send ATTACH to \(self.path)"
            let sent = try socket.send("ATTACH", until: deadline, operation: operation)
            reply = sent ? try socket.receiveReply(into: &buffer, until: deadline, operation: operation) : nil
        } catch {
            socket.close()
            throw SupplicantError.reaching(self.path, error)
        }
        guard let reply else {
            socket.close()
            throw SupplicantError.timedOut(command: "ATTACH", after: timeout)
        }
        let text = String(decoding: reply, as: UTF8.self)
        guard text == "OK\n" else {
            socket.close()
            throw SupplicantError.failed(
                command: "ATTACH", reply: text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        self.state.withLock { state in
            // Another attach() may have finished while this one waited; the last one wins.
            self.end(&state, sayingDetach: true)
            state.generation += 1
            let generation = state.generation
            state.socket = socket
            // Events that came after the OK are queued on the socket; the level-triggered loop
            // reads them at once.
            state.watch = self.loop.watch(socket.descriptor) { [weak self] in
                self?.readEvents(generation: generation)
            }
        }
    }

    /// Checks that the supplicant this monitor is attached to still runs, by sending PING on the
    /// attached socket: a supplicant that died (even by SIGKILL, which sends nothing) leaves the
    /// socket's peer dead, and the send is refused at once. The PONG comes back on the socket and is
    /// swallowed. Cheap enough for a timer every few seconds.
    ///
    /// When it throws `notRunning`, the attachment is ended as by `detach()`, without a `lost`
    /// notice: the error is the report.
    /// - Throws: `notRunning` when the supplicant is gone or the monitor is not attached, `system`
    ///   for other failures of the send.
    public func checkAlive() throws(SupplicantError) {
        try self.state.withLock { state throws(SupplicantError) in
            guard let socket = state.socket else {
                throw SupplicantError.notRunning(path: self.path, detail: "the event monitor is not attached")
            }
            do throws(SystemCallError) {
                // A supplicant too busy to take the datagram now is alive; a deadline of now does
                // not wait for room.
                _ = try socket.send("PING", until: .now, operation: "send PING to \(self.path)")
            } catch {
                let failure = SupplicantError.reaching(self.path, error)
                if case .notRunning = failure { self.end(&state, sayingDetach: false) }
                throw failure
            }
        }
    }

    /// Sends DETACH (best effort: not waited for), stops watching, closes the socket and removes its
    /// path. Idempotent. The handler may still be running once when this returns on another thread.
    public func detach() {
        self.state.withLock { self.end(&$0, sayingDetach: true) }
    }

    /// Ends the attachment, if any.
    private func end(_ state: inout State, sayingDetach: Bool) {
        guard let socket = state.socket else { return }
        if sayingDetach {
            // wpa_supplicant's OK then finds no socket and is dropped; had DETACH not arrived, its
            // next event would find none and it would forget the monitor itself (ENOENT).
            _ = try? socket.send("DETACH", until: .now, operation: "send DETACH to \(self.path)")
        }
        if let watch = state.watch { self.loop.stopWatching(watch) }
        socket.close()
        state.socket = nil
        state.watch = nil
        state.generation += 1
    }

    /// On the loop's thread: reads every queued datagram, then hands the notices to the handler
    /// outside the lock, so that the handler may call `detach()` or `attach()`.
    private func readEvents(generation: UInt64) {
        let notices = self.state.withLock { state -> [Notice] in
            guard state.generation == generation, let socket = state.socket else { return [] }
            var notices: [Notice] = []
            var readAny = false
            while true {
                let count: Int
                do throws(SystemCallError) {
                    guard case .received(let received) = try socket.receive(into: &state.buffer) else { break }
                    count = received
                } catch {
                    notices.append(.lost("the event socket failed: \(error)"))
                    self.end(&state, sayingDetach: false)
                    return notices
                }
                readAny = true
                // Anything else is a reply to what this socket sent: PONG for checkAlive's PING.
                guard count > 0 && state.buffer[0] == UInt8(ascii: "<") else { continue }
                let message = String(decoding: state.buffer[0..<count], as: UTF8.self)
                notices.append(.message(message))
                if Self.isTermination(message) {
                    notices.append(.lost("wpa_supplicant is terminating (CTRL-EVENT-TERMINATING)"))
                    // Its socket goes with it; a DETACH would find nobody.
                    self.end(&state, sayingDetach: false)
                    return notices
                }
            }
            // Woken with nothing to read: poll reported a hang-up or an error, which would wake the
            // level-triggered loop for ever.
            if !readAny, let failure = socket.failure() {
                notices.append(.lost(failure))
                self.end(&state, sayingDetach: false)
            }
            return notices
        }
        for notice in notices { self.handler(notice) }
    }

    /// Whether `<N>CTRL-EVENT-TERMINATING` is the message, after its level prefix.
    private static func isTermination(_ message: String) -> Bool {
        guard let close = message.firstIndex(of: ">") else { return false }
        return message[message.index(after: close)...].hasPrefix("CTRL-EVENT-TERMINATING")
    }
}

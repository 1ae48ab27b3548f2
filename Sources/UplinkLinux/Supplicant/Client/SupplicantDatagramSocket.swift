import CNetlink
import Glibc
import Synchronization

/// An AF_UNIX datagram socket bound to a path of its own and connected to one of wpa_supplicant's
/// control sockets: the system-call layer under `SupplicantControlSocket` and
/// `SupplicantEventMonitor` (the protocol of wpa_ctrl.c, written anew).
///
/// wpa_supplicant answers with `sendto` to the address a request came from, so a client must be
/// bound to a path; an unbound socket would get no reply. The socket is non-blocking and
/// close-on-exec; waiting is done with `poll(2)` against a deadline. The owner closes it, once, which
/// also removes its path.
struct SupplicantDatagramSocket: Sendable {
    /// The file descriptor.
    let descriptor: Int32
    /// The path it is bound to, in the client directory.
    let clientPath: String
    /// The control socket it is connected to, for errors.
    let serverPath: String

    /// What one `receive` got.
    enum Reception: Equatable {
        /// This many bytes of one datagram are at the start of the buffer.
        case received(Int)
        /// Nothing is queued.
        case wouldBlock
    }

    /// The longest command wpa_supplicant 2.10 reads whole: it receives into 4096 bytes and keeps a
    /// byte for the terminating NUL, so a longer datagram would be cut silently.
    static let longestCommand = 4095
    /// Numbers client paths, so that two sockets of one process never share one.
    private static let counter = Atomic<Int>(0)
    /// The client directories already cleared of the sockets of ended processes.
    private static let sweptDirectories = Mutex<Set<String>>([])

    /// Opens a socket bound to `<clientDirectory>/uplink-<pid>-<n>` and connects it to `serverPath`.
    /// - Throws: `SystemCallError` naming `socket`, `fchmod` or `bind` for failures on our side, and
    ///   naming `connect` when the control socket cannot be reached (`SupplicantError.reaching`
    ///   tells a missing supplicant from other failures).
    static func open(serverPath: String, clientDirectory: String) throws(SystemCallError) -> SupplicantDatagramSocket {
        let number = self.counter.add(1, ordering: .relaxed).newValue
        // Short: sun_path holds 108 bytes, and the directory takes its share.
        let clientPath = "\(clientDirectory)/uplink-\(getpid())-\(number)"
        let serverAddress = try self.address(serverPath, function: "connect", operation: "reach \(serverPath)")
        let clientAddress = try self.address(clientPath, function: "bind", operation: "bind \(clientPath)")
        let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = try retryingInterrupts("socket", operation: "open a socket for \(serverPath)") {
            Glibc.socket(AF_UNIX, type, 0)
        }
        do throws(SystemCallError) {
            // bind creates the file with the socket inode's mode less the umask; owner-only before
            // bind leaves no moment in which another user could send us forged replies or events.
            // wpa_supplicant runs as root, which may send to it all the same.
            try retryingInterrupts("fchmod", operation: "restrict \(clientPath) to its owner") {
                fchmod(descriptor, S_IRUSR | S_IWUSR)
            }
            self.removeStaleSocket(at: clientPath)
            self.removeSocketsOfEndedProcesses(in: clientDirectory)
            try retryingInterrupts("bind", operation: "bind \(clientPath)") {
                withUnsafePointer(to: clientAddress) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
        } catch {
            _ = Glibc.close(descriptor)
            throw error
        }
        let opened = SupplicantDatagramSocket(descriptor: descriptor, clientPath: clientPath, serverPath: serverPath)
        do throws(SystemCallError) {
            try retryingInterrupts("connect", operation: "connect to \(serverPath)") {
                withUnsafePointer(to: serverAddress) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
        } catch {
            opened.close()
            throw error
        }
        return opened
    }

    /// Sends `text` as one datagram, waiting for room in wpa_supplicant's queue (a busy or hung
    /// supplicant) until `deadline`.
    /// - Returns: false when the deadline passed before it could be sent.
    /// - Throws: `SystemCallError` naming `send`; EMSGSIZE for a command longer than wpa_supplicant reads.
    func send(_ text: String, until deadline: ContinuousClock.Instant, operation: String) throws(SystemCallError)
        -> Bool
    {
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.longestCommand else {
            throw SystemCallError("send", errno: EMSGSIZE, operation: operation + " (over 4095 bytes)")
        }
        while true {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 { return true }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try self.wait(for: Int16(POLLOUT), until: deadline, operation: operation) else { return false }
            case let error: throw SystemCallError("send", errno: error, operation: operation)
            }
        }
    }

    /// Receives one datagram into `buffer`, if one is queued.
    /// - Throws: `SystemCallError` naming `recv`; EMSGSIZE when the datagram was longer than the buffer.
    func receive(into buffer: inout [UInt8]) throws(SystemCallError) -> Reception {
        while true {
            let capacity = buffer.count
            let count = buffer.withUnsafeMutableBytes {
                recv(self.descriptor, $0.baseAddress, capacity, Int32(MSG_TRUNC))
            }
            if count < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .wouldBlock
                case let error:
                    throw SystemCallError("recv", errno: error, operation: "receive from \(self.serverPath)")
                }
            }
            if count > capacity {
                throw SystemCallError(
                    "recv", errno: EMSGSIZE, operation: "receive \(count) bytes from \(self.serverPath)")
            }
            return .received(count)
        }
    }

    /// Receives the reply to a request: the next datagram that is not an unsolicited `<N>` message.
    /// - Returns: the reply's bytes, or nil when `deadline` passed first.
    func receiveReply(into buffer: inout [UInt8], until deadline: ContinuousClock.Instant, operation: String)
        throws(SystemCallError) -> ArraySlice<UInt8>?
    {
        while true {
            switch try self.receive(into: &buffer) {
            case .received(let count):
                // Events reach a socket only after ATTACH; a request socket never attaches, and an
                // attaching one gets OK before any event, so these are dropped, not lost.
                if count > 0 && buffer[0] == UInt8(ascii: "<") { continue }
                return buffer[0..<count]
            case .wouldBlock:
                guard try self.wait(for: Int16(POLLIN), until: deadline, operation: operation) else { return nil }
            }
        }
    }

    /// Throws away every datagram already queued: late replies to requests that timed out.
    func drain(into buffer: inout [UInt8]) throws(SystemCallError) {
        while try self.receive(into: &buffer) != .wouldBlock {}
    }

    /// Why the socket can no longer be read, if poll says so (hang-up, an error, a closed descriptor);
    /// nil while it is merely empty.
    func failure() -> String? {
        var descriptor = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return nil }
        if descriptor.revents & Int16(POLLERR) != 0 {
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(self.descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            return "the event socket failed: \(String(cString: strerror(error)))"
        }
        if descriptor.revents & Int16(POLLHUP) != 0 { return "the event socket hung up" }
        if descriptor.revents & Int16(POLLNVAL) != 0 { return "the event socket was closed" }
        return nil
    }

    /// Closes the descriptor and removes the client path. Not retried on EINTR: Linux has closed it anyway.
    func close() {
        _ = Glibc.close(self.descriptor)
        _ = unlink(self.clientPath)
    }

    /// Waits until the socket is ready for `events` or `deadline` passes.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, operation: String)
        throws(SystemCallError) -> Bool
    {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            // Rounded up, so that a remaining 0.4 ms waits 1 ms rather than spinning at 0.
            let (seconds, attoseconds) = remaining.components
            let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
            var descriptor = pollfd(fd: self.descriptor, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("poll", errno: errno, operation: operation)
            }
            if ready > 0 { return true }
        }
    }

    /// A socket address for `path`, or ENAMETOOLONG when it does not fit sun_path with its NUL.
    private static func address(_ path: String, function: String, operation: String) throws(SystemCallError)
        -> sockaddr_un
    {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemCallError(function, errno: ENAMETOOLONG, operation: operation)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return address
    }

    /// Removes, once per directory and process, the `uplink-<pid>-<n>` sockets of processes that
    /// have ended without closing them (killed, or stopped by a signal they did not catch), so
    /// that every run does not leave two more files in /tmp. Only sockets of this user are touched.
    private static func removeSocketsOfEndedProcesses(in directory: String) {
        guard self.sweptDirectories.withLock({ $0.insert(directory).inserted }) else { return }
        let me = getpid()
        for name in SystemFile.names(in: directory) {
            let parts = name.split(separator: "-")
            guard parts.count == 3, parts[0] == "uplink", let pid = pid_t(parts[1]), Int(parts[2]) != nil, pid != me,
                kill(pid, 0) == -1, errno == ESRCH
            else { continue }
            self.removeStaleSocket(at: directory + "/" + name, onlyOurs: true)
        }
    }

    /// Removes a socket file left at `path` by an earlier process of the same PID that did not close
    /// its sockets (a crash) — with `onlyOurs`, only one of this user. Anything else there is left
    /// alone, and bind then fails on it.
    private static func removeStaleSocket(at path: String, onlyOurs: Bool = false) {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK else { return }
        guard !onlyOurs || status.st_uid == geteuid() else { return }
        _ = unlink(path)
    }
}

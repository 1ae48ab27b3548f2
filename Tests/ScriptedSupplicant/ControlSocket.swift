import Glibc

/// wpa_supplicant's per-interface control socket (`ctrl_iface_unix.c`): a Unix datagram socket
/// bound at `<ctrl_interface>/<ifname>`, one request per datagram, the reply sent back to the
/// address the request came from.
final class ControlSocket {
    /// A client's address, as `recvfrom` gave it: replies and, once it has attached, events go there.
    struct Peer: Equatable {
        fileprivate var bytes: [UInt8]

        /// The socket path (or `@name` for an abstract address), for the log.
        var description: String {
            let path = self.bytes.dropFirst(MemoryLayout<sa_family_t>.size)
            guard let first = path.first else { return "(unnamed)" }
            if first == 0 { return "@" + String(decoding: path.dropFirst(), as: UTF8.self) }
            return String(decoding: path.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Why the socket could not be set up.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    let path: String

    /// Creates `directory` (mode 0770, parents as needed) and binds `directory/interface`,
    /// replacing a stale socket nobody answers on, as wpa_supplicant does; a socket that is still
    /// in use is an error.
    init(directory: String, interface: String) throws {
        self.path = directory + "/" + interface
        guard self.path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw Failure(description: "\(self.path): longer than a Unix socket path may be (107 bytes)")
        }
        try Self.makeDirectory(directory)
        self.descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.descriptor >= 0 else { throw Failure(description: "socket: \(Self.error())") }
        var address = Self.address(self.path)
        if self.bind(&address) != 0 {
            let bindError = errno
            guard bindError == EADDRINUSE, !Self.isAnswering(&address) else {
                Glibc.close(self.descriptor)
                let reason =
                    bindError == EADDRINUSE ? "in use by another process" : String(cString: strerror(bindError))
                throw Failure(description: "bind \(self.path): \(reason)")
            }
            unlink(self.path)
            guard self.bind(&address) == 0 else {
                let reason = Self.error()
                Glibc.close(self.descriptor)
                throw Failure(description: "bind \(self.path): \(reason)")
            }
        }
        // The group may use it too, as with wpa_supplicant's ctrl_interface_group.
        chmod(self.path, 0o770)
        _ = fcntl(self.descriptor, F_SETFL, fcntl(self.descriptor, F_GETFL) | O_NONBLOCK)
    }

    /// The next waiting request and who sent it, or nil when none is waiting.
    func receive() -> ([UInt8], Peer)? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var storage = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        while true {
            let count = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(self.descriptor, &buffer, buffer.count, 0, $0, &length)
                }
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            let peer = withUnsafeBytes(of: &storage) { Peer(bytes: Array($0.prefix(Int(length)))) }
            return (Array(buffer[0..<count]), peer)
        }
    }

    /// Sends one datagram without waiting; returns 0 or the errno (a client that went away gives
    /// ECONNREFUSED or ENOENT, one that does not read gives EAGAIN and the message is dropped,
    /// as the real daemon drops it).
    @discardableResult
    func send(_ bytes: [UInt8], to peer: Peer) -> Int32 {
        let sent = peer.bytes.withUnsafeBytes { address in
            bytes.withUnsafeBytes { payload in
                sendto(
                    self.descriptor, payload.baseAddress, payload.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL),
                    address.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(address.count))
            }
        }
        return sent < 0 ? errno : 0
    }

    /// Closes the socket and removes its path.
    func close() {
        Glibc.close(self.descriptor)
        unlink(self.path)
    }

    private func bind(_ address: inout sockaddr_un) -> Int32 {
        withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(self.descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// Whether a process is bound at the address: a connect that does not fail with
    /// ECONNREFUSED means someone owns the socket.
    private static func isAnswering(_ address: inout sockaddr_un) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { Glibc.close(probe) }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return connected == 0 || errno != ECONNREFUSED
    }

    private static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        return address
    }

    private static func makeDirectory(_ directory: String) throws {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o770) != 0 && errno != EEXIST {
                throw Failure(description: "mkdir \(prefix): \(self.error())")
            }
        }
    }

    private static func error() -> String {
        String(cString: strerror(errno))
    }
}

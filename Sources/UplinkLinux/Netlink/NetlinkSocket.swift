import CNetlink
import Glibc

/// A NETLINK_ROUTE socket: the thin system-call layer under the codec (netlink(7)).
///
/// Each call is one system call, retried when a signal interrupts it; failures are `SystemCallError`s
/// naming the call. Would-block and the kernel's "you lost messages" (ENOBUFS) are results, not errors.
/// The owner closes it, once.
struct NetlinkSocket {
    /// The file descriptor.
    let descriptor: Int32

    /// What one `receive` got.
    enum Reception: Equatable {
        /// This many bytes from the kernel are at the start of the buffer.
        case received(Int)
        /// Nothing is queued (a non-blocking socket), or a receive timeout ran out.
        case wouldBlock
        /// The socket's receive buffer overflowed and notifications were dropped (ENOBUFS). The
        /// socket stays usable; what was lost must be read again with a dump.
        case overrun
        /// A message from another process rather than the kernel; it is dropped. (Only the kernel,
        /// port 0, may speak for the kernel — any process can send to a netlink port.)
        case foreign
    }

    /// Opens a socket in `namespace`, bound to the given multicast groups (`RTMGRP_*`; 0 for none).
    /// - Parameter nonBlocking: for sockets read on the I/O loop.
    static func open(in namespace: NetworkNamespace, groups: UInt32, nonBlocking: Bool) throws -> NetlinkSocket {
        let type = Int32(SOCK_RAW.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0)
        // A socket belongs to the namespace of the thread that creates it, for its whole life.
        let descriptor = try namespace.socket(
            domain: AF_NETLINK, type: type, protocol: NETLINK_ROUTE, operation: "open a netlink socket")
        let opened = NetlinkSocket(descriptor: descriptor)
        do {
            var address = sockaddr_nl()
            address.nl_family = sa_family_t(AF_NETLINK)
            address.nl_groups = groups
            try retryingInterrupts("bind", operation: "subscribe to rtnetlink groups 0x\(String(groups, radix: 16))") {
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
                    }
                }
            }
        } catch {
            opened.close()
            throw error
        }
        return opened
    }

    /// Sets an integer socket option.
    func setOption(level: Int32, _ name: Int32, _ value: Int32, operation: String) throws(SystemCallError) {
        var value = value
        try retryingInterrupts("setsockopt", operation: operation) {
            setsockopt(self.descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Asks for a receive buffer of `bytes`: SO_RCVBUFFORCE first, which goes past net.core.rmem_max but
    /// needs CAP_NET_ADMIN, then SO_RCVBUF, which the kernel caps at rmem_max. (The kernel doubles either
    /// value for its bookkeeping; see socket(7).)
    func setReceiveBufferSize(_ bytes: Int) throws(SystemCallError) {
        let size = Int32(clamping: bytes)
        do {
            try self.setOption(level: SOL_SOCKET, SO_RCVBUFFORCE, size, operation: "set the receive buffer")
        } catch {
            try self.setOption(level: SOL_SOCKET, SO_RCVBUF, size, operation: "set the receive buffer")
        }
    }

    /// Makes `receive` on a blocking socket give up after this long, reporting `.wouldBlock`.
    func setReceiveTimeout(milliseconds: Int) throws(SystemCallError) {
        var timeout = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        try retryingInterrupts("setsockopt", operation: "set the receive timeout") {
            setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Sends a request to the kernel (port 0).
    func send(_ bytes: [UInt8], operation: String) throws(SystemCallError) {
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let sent = try retryingInterrupts("sendto", operation: operation) {
            bytes.withUnsafeBytes { buffer in
                withUnsafePointer(to: &kernel) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(
                            self.descriptor, buffer.baseAddress, buffer.count, 0, $0,
                            socklen_t(MemoryLayout<sockaddr_nl>.size))
                    }
                }
            }
        }
        guard sent == bytes.count else { throw SystemCallError("sendto", errno: EMSGSIZE, operation: operation) }
    }

    /// Receives one datagram (one or more messages) into `buffer`.
    /// - Throws: `SystemCallError` for failures other than would-block and ENOBUFS, and EMSGSIZE when the
    ///   datagram was larger than the buffer (MSG_TRUNC), which a 64 KiB buffer never meets from rtnetlink.
    func receive(into buffer: inout [UInt8], operation: String) throws(SystemCallError) -> Reception {
        var sender = sockaddr_nl()
        var senderLength = socklen_t(MemoryLayout<sockaddr_nl>.size)
        while true {
            let capacity = buffer.count
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &sender) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(self.descriptor, bytes.baseAddress, capacity, Int32(MSG_TRUNC), $0, &senderLength)
                    }
                }
            }
            if count < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .wouldBlock
                case ENOBUFS: return .overrun
                case let error: throw SystemCallError("recvfrom", errno: error, operation: operation)
                }
            }
            if count > capacity {
                throw SystemCallError("recvfrom", errno: EMSGSIZE, operation: operation + " (\(count) bytes)")
            }
            return sender.nl_pid == 0 ? .received(count) : .foreign
        }
    }

    /// Closes the descriptor. Not retried on EINTR: Linux has closed it anyway.
    func close() {
        _ = Glibc.close(self.descriptor)
    }
}

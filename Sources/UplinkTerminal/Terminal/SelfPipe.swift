import Glibc

/// A non-blocking pipe that wakes the terminal thread's poll(2): one for new frames and close, one
/// that the signal handlers write signal numbers into (the self-pipe trick, since a handler can do
/// nothing else safely).
struct SelfPipe: Sendable {
    /// The end the terminal thread polls and drains.
    let readEnd: Int32
    /// The end that wakes it.
    let writeEnd: Int32

    /// A new pipe, both ends non-blocking — a signal handler must never block on a full pipe — and
    /// close-on-exec. (pipe2(2) would do it in one call, but Swift's Glibc module does not declare it.)
    static func make() throws(TerminalError) -> SelfPipe {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw .systemCallFailed(call: "pipe", errno: errno)
        }
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0,
                fcntl(descriptor, F_SETFD, FD_CLOEXEC) == 0
            else {
                let error = errno
                _ = Glibc.close(descriptors[0])
                _ = Glibc.close(descriptors[1])
                throw .systemCallFailed(call: "fcntl", errno: error)
            }
        }
        return SelfPipe(readEnd: descriptors[0], writeEnd: descriptors[1])
    }

    /// Writes one byte. A full pipe already holds a wake-up, so EAGAIN loses nothing.
    func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(self.writeEnd, &byte, 1)
    }

    /// Reads everything waiting, without blocking.
    func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(self.readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
                continue
            }
            if count < 0, errno == EINTR {
                continue
            }
            return bytes
        }
    }

    /// Closes both ends.
    func close() {
        _ = Glibc.close(self.readEnd)
        _ = Glibc.close(self.writeEnd)
    }
}

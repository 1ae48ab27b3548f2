import Glibc

/// A pseudo-terminal pair for tests that need a real terminal without having one: the terminal layer
/// opens the slave as its input and output; the test reads what it draws from the master and types
/// into it.
///
/// Opened through /dev/ptmx with ioctls, since Swift's Glibc module leaves out posix_openpt, unlockpt
/// and ptsname (X/Open only).
final class PseudoTerminal {
    /// The end the test reads and writes; -1 once hung up.
    private(set) var master: Int32
    /// The end the terminal layer uses as its terminal.
    let slave: Int32
    /// The bytes read from the master so far.
    private(set) var output: [UInt8] = []

    /// `_IOW('T', 0x31, int)` and `_IOR('T', 0x30, unsigned int)` from <asm-generic/ioctls.h>, which Swift
    /// cannot import (function-like macros).
    private static let unlockRequest = UInt(0x4004_5431)
    private static let numberRequest = UInt(0x8004_5430)

    private init(master: Int32, slave: Int32) {
        self.master = master
        self.slave = slave
    }

    /// A new pair of the given size.
    /// - Returns: The pair, or why there is none (for the test's skip message).
    static func open(width: Int, height: Int) -> Result<PseudoTerminal, PseudoTerminalUnavailable> {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { return .failure(PseudoTerminalUnavailable("open /dev/ptmx: errno \(errno)")) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, Self.unlockRequest, &unlock) == 0, ioctl(master, Self.numberRequest, &number) == 0 else {
            _ = close(master)
            return .failure(PseudoTerminalUnavailable("unlock or number the pseudo-terminal: errno \(errno)"))
        }
        let slave = Glibc.open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            _ = close(master)
            return .failure(PseudoTerminalUnavailable("open /dev/pts/\(number): errno \(errno)"))
        }
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        let terminal = PseudoTerminal(master: master, slave: slave)
        terminal.resize(width: width, height: height)
        return .success(terminal)
    }

    /// Whether a pseudo-terminal can be opened here.
    static var isAvailable: Bool {
        switch self.open(width: 80, height: 24) {
        case .success: true
        case .failure: false
        }
    }

    deinit {
        if self.master >= 0 {
            _ = close(self.master)
        }
        _ = close(self.slave)
    }

    /// Closes the master, as a terminal emulator that quits or an SSH connection that drops: the slave
    /// hangs up.
    func hangUp() {
        _ = close(self.master)
        self.master = -1
    }

    /// Sets the size the slave reports (the kernel does not signal anyone: the slave has no session).
    func resize(width: Int, height: Int) {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(self.master, UInt(TIOCSWINSZ), &size)
    }

    /// Types bytes, as a terminal would send them.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(self.master, $0.baseAddress, $0.count) }
    }

    /// The slave's modes now.
    func modes() -> termios {
        var modes = termios()
        _ = tcgetattr(self.slave, &modes)
        return modes
    }

    /// Reads what arrives until `done` holds for the bytes read since the call began, or the deadline.
    /// - Returns: The bytes read during the call.
    @discardableResult
    func read(within timeout: Duration = .seconds(10), until done: ([UInt8]) -> Bool) -> [UInt8] {
        let start = self.output.count
        let deadline = ContinuousClock.now + timeout
        while !done(Array(self.output[start...])), ContinuousClock.now < deadline {
            self.readWaiting(milliseconds: 20)
        }
        return Array(self.output[start...])
    }

    /// Reads until something has arrived and then nothing more for `gap` (a frame is written in bursts).
    /// - Returns: The bytes read during the call.
    @discardableResult
    func readBurst(gap: Duration = .milliseconds(200), within timeout: Duration = .seconds(10)) -> [UInt8] {
        let start = self.output.count
        let deadline = ContinuousClock.now + timeout
        var lastArrival = ContinuousClock.now
        var seen = start
        while ContinuousClock.now < deadline {
            self.readWaiting(milliseconds: 20)
            if self.output.count > seen {
                seen = self.output.count
                lastArrival = ContinuousClock.now
            } else if seen > start, ContinuousClock.now - lastArrival >= gap {
                break
            }
        }
        return Array(self.output[start...])
    }

    /// Reads whatever arrives during a quiet period (to show that nothing does, or to drain).
    @discardableResult
    func readQuietly(for period: Duration) -> [UInt8] {
        let start = self.output.count
        let deadline = ContinuousClock.now + period
        while ContinuousClock.now < deadline {
            self.readWaiting(milliseconds: 20)
        }
        return Array(self.output[start...])
    }

    private func readWaiting(milliseconds: Int32) {
        guard self.master >= 0 else { return }
        var descriptor = pollfd(fd: self.master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(self.master, $0.baseAddress, $0.count) }
        if count > 0 {
            self.output.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Why no pseudo-terminal could be opened.
struct PseudoTerminalUnavailable: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes contain the UTF-8 of a string.
    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= self.count else { return needle.isEmpty }
        for start in 0...(self.count - needle.count) where self[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}

import Glibc

/// The write end the signal handler reports to; a global because a C signal handler can capture
/// nothing, and written once before any handler is installed.
private nonisolated(unsafe) var signalWriteEnd: Int32 = -1

/// Signals turned into bytes on a pipe the poll loop watches (the self-pipe trick), so that a
/// signal is handled between two commands like any other input and never in the middle of one.
/// Glibc's module has no `signalfd`, which would do the same.
enum SignalPipe {
    /// Installs handlers for `signals` and returns the read end to poll.
    static func install(_ signals: [Int32]) -> Int32 {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return -1 }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        signalWriteEnd = descriptors[1]
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                // Only async-signal-safe calls here: one write of the signal number.
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        return descriptors[0]
    }

    /// The signals that arrived since the last call, in order.
    static func drain(_ descriptor: Int32) -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return received }
            received += buffer[0..<count].map(Int32.init)
        }
    }
}

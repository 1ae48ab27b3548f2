import Glibc
import Synchronization

/// The adapter's one thread for reading sockets: it blocks in `poll(2)` on every watched
/// descriptor and calls the descriptor's handler when it becomes readable.
///
/// This is the Swift form of the single event loop of iwd and ConnMan for everything the kernel
/// and daemons send: netlink notifications, DHCP replies, wpa_supplicant events. Nothing here wakes
/// while nothing arrives — there is no timeout — and the core is not touched from this thread:
/// handlers read what is there (the descriptor is level-triggered, so a handler must read until the
/// socket would block) and hand it over, to an `AsyncStream` or to the manager's actor.
public final class IOLoop: @unchecked Sendable {
    /// Identifies one watch, for `stopWatching(_:)`.
    public struct Watch: Hashable, Sendable {
        fileprivate let rawValue: UInt64
    }

    private struct Entry {
        var descriptor: Int32
        var handler: @Sendable () -> Void
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextWatch: UInt64 = 0
        var isRunning = false
    }

    /// The loop the whole adapter shares.
    public static let shared = IOLoop()

    private let state = Mutex(State())
    /// Written to make `poll` return and pick up a changed set of descriptors.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    public init() {
        var descriptors: [Int32] = [-1, -1]
        let made = pipe(&descriptors)
        precondition(made == 0, "Internal inconsistency: no pipe for the I/O loop (errno \(errno))")
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        self.wakeRead = descriptors[0]
        self.wakeWrite = descriptors[1]
    }

    /// Calls `handler` on the loop's thread whenever `descriptor` is readable (or has hung up),
    /// until `stopWatching` is called. The descriptor should be non-blocking.
    @discardableResult
    public func watch(_ descriptor: Int32, _ handler: @escaping @Sendable () -> Void) -> Watch {
        let (watch, start) = self.state.withLock { state -> (Watch, Bool) in
            state.nextWatch += 1
            state.entries[state.nextWatch] = Entry(descriptor: descriptor, handler: handler)
            let start = !state.isRunning
            state.isRunning = true
            return (Watch(rawValue: state.nextWatch), start)
        }
        if start { self.startThread() } else { self.wake() }
        return watch
    }

    /// Stops calling the handler of a watch. When this returns on another thread, the handler may
    /// still be running once; close the descriptor only after it can no longer be used.
    public func stopWatching(_ watch: Watch) {
        _ = self.state.withLock { $0.entries.removeValue(forKey: watch.rawValue) }
        self.wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(self.wakeWrite, &byte, 1)
    }

    private func startThread() {
        var thread = pthread_t()
        let unmanaged = Unmanaged.passRetained(self)
        let created = pthread_create(
            &thread, nil,
            { raw in
                let loop = Unmanaged<IOLoop>.fromOpaque(raw!).takeRetainedValue()
                loop.run()
                return nil
            }, unmanaged.toOpaque())
        precondition(created == 0, "Internal inconsistency: no thread for the I/O loop (error \(created))")
        pthread_detach(thread)
    }

    private func run() {
        while true {
            let entries = self.state.withLock { $0.entries.sorted { $0.key < $1.key } }
            var descriptors = [pollfd(fd: self.wakeRead, events: Int16(POLLIN), revents: 0)]
            descriptors += entries.map { pollfd(fd: $0.value.descriptor, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                guard errno == EINTR else {
                    preconditionFailure("Internal inconsistency: poll failed (errno \(errno))")
                }
                continue
            }
            if descriptors[0].revents != 0 { self.drainWakes() }
            for (offset, entry) in entries.enumerated() where descriptors[offset + 1].revents != 0 {
                // A watch stopped while poll slept must not run any more.
                let isWatched = self.state.withLock { $0.entries[entry.key] != nil }
                if isWatched { entry.value.handler() }
            }
        }
    }

    private func drainWakes() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(self.wakeRead, &buffer, buffer.count) > 0 {}
    }
}

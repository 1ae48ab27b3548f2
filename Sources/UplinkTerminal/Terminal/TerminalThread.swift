import Glibc

/// The dedicated POSIX thread that owns curses.
///
/// A thread of its own rather than an actor or a task: it blocks in poll(2) with no timeout, which
/// must not hold one of the cooperative pool's few threads (two on this kind of machine).
enum TerminalThread {
    /// Carries the body through pthread_create's `void *` argument.
    private final class Body {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    /// Starts a joinable thread running `body`.
    static func start(_ body: @escaping @Sendable () -> Void) throws(TerminalError) -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let result = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw .systemCallFailed(call: "pthread_create", errno: result)
        }
        return thread
    }

    /// Waits for a thread to end.
    static func join(_ thread: pthread_t) {
        _ = pthread_join(thread, nil)
    }
}

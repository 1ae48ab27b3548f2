import Dispatch
import Synchronization
import UplinkDashboard

/// What the terminal thread shares with the rest of the program, behind one lock: the newest frame
/// to draw, the screen's size, the key stream, and how the session ends.
///
/// Other threads only hand things over and wake the terminal thread through ``wake``; every curses call
/// happens on the terminal thread (``CursesLoop``), since ncurses is not thread-safe.
final class TerminalSession: Sendable {
    /// A frame waiting to be drawn, with the theme of the screen that drew it.
    struct PendingFrame: Sendable {
        var frame: Frame
        var theme: Theme
    }

    /// What the terminal thread finds to do when woken.
    struct Work: Sendable {
        /// The newest undrawn frame, if any.
        var frame: PendingFrame?
        /// Whether close was asked for.
        var close: Bool
    }

    private struct State {
        var pending: PendingFrame?
        var size: (width: Int, height: Int) = (0, 0)
        var continuation: AsyncStream<Key>.Continuation?
        /// Keys read before anyone asked for the stream (typed ahead while the program started).
        var early: [Key] = []
        var keysEnded = false
        var terminatingSignal: Int32?
        var closeRequested = false
        /// Whether the pipes are still open; every wake and the closing happen under the lock, so that
        /// no byte is ever written to a descriptor number that has been closed and reused.
        var pipesOpen = true
        var startup: Result<TerminalCapabilities, TerminalError>?
    }

    /// The most keys kept for a stream nobody reads yet.
    private static let earlyLimit = 256

    /// The terminal's input descriptor.
    let input: Int32
    /// The terminal's output descriptor.
    let output: Int32
    /// Wakes the terminal thread for a frame or close.
    let wake: SelfPipe
    /// Carries signal numbers from the handlers to the terminal thread.
    let signals: SelfPipe
    private let state = Mutex(State())
    private let started = DispatchSemaphore(value: 0)

    init(input: Int32, output: Int32) throws(TerminalError) {
        self.input = input
        self.output = output
        self.wake = try SelfPipe.make()
        do {
            self.signals = try SelfPipe.make()
        } catch {
            self.wake.close()
            throw error
        }
    }

    // MARK: - Any thread

    /// Hands a frame over; a newer frame replaces one the thread has not drawn yet.
    func submit(_ frame: Frame, theme: Theme) {
        self.state.withLock { state in
            guard !state.closeRequested, state.pipesOpen else { return }
            let hadPending = state.pending != nil
            state.pending = PendingFrame(frame: frame, theme: theme)
            // A frame already waiting means a wake-up is already in the pipe.
            if !hadPending {
                self.wake.wake()
            }
        }
    }

    /// The screen's size as the terminal thread last read it.
    var size: (width: Int, height: Int) {
        self.state.withLock { $0.size }
    }

    /// The signal that ended the key stream, if one did.
    var terminatingSignal: Int32? {
        self.state.withLock { $0.terminatingSignal }
    }

    /// A stream of the keys from now on (and those typed ahead); a second call ends the first stream.
    func keys() -> AsyncStream<Key> {
        let (stream, continuation) = AsyncStream.makeStream(of: Key.self, bufferingPolicy: .unbounded)
        let previous = self.state.withLock { state -> AsyncStream<Key>.Continuation? in
            guard !state.keysEnded else {
                continuation.finish()
                return nil
            }
            let previous = state.continuation
            state.continuation = continuation
            // Yielded under the lock, so that keys the thread delivers meanwhile come after these.
            for key in state.early {
                continuation.yield(key)
            }
            state.early = []
            return previous
        }
        previous?.finish()
        return stream
    }

    /// Asks the thread to close and wakes it; true the first time only.
    @discardableResult
    func requestClose() -> Bool {
        self.state.withLock { state in
            guard !state.closeRequested else { return false }
            state.closeRequested = true
            state.pending = nil
            if state.pipesOpen {
                self.wake.wake()
            }
            return true
        }
    }

    /// Closes both pipes, once the terminal thread has ended (its signal relay is removed by then).
    func closePipes() {
        self.state.withLock { state in
            guard state.pipesOpen else { return }
            state.pipesOpen = false
            self.wake.close()
            self.signals.close()
        }
    }

    /// Waits until the terminal thread has started curses or failed to.
    func waitForStartup() -> Result<TerminalCapabilities, TerminalError> {
        self.started.wait()
        return self.state.withLock { $0.startup ?? .failure(.cursesFailed(term: "")) }
    }

    // MARK: - The terminal thread

    /// Reports how starting went, releasing ``waitForStartup()``.
    func reportStartup(_ result: Result<TerminalCapabilities, TerminalError>) {
        self.state.withLock { $0.startup = result }
        self.started.signal()
    }

    /// Takes what there is to do.
    func takeWork() -> Work {
        self.state.withLock { state in
            let work = Work(frame: state.pending, close: state.closeRequested)
            state.pending = nil
            return work
        }
    }

    /// Records the screen's size.
    func setSize(width: Int, height: Int) {
        self.state.withLock { $0.size = (width, height) }
    }

    /// Delivers keys to the stream (or keeps them until there is one).
    func deliver(_ keys: [Key]) {
        guard !keys.isEmpty else { return }
        self.state.withLock { state in
            guard !state.keysEnded else { return }
            if let continuation = state.continuation {
                for key in keys {
                    continuation.yield(key)
                }
            } else {
                state.early.append(contentsOf: keys.prefix(Self.earlyLimit - state.early.count))
            }
        }
    }

    /// Ends the key stream, recording the signal that ended it (nil: input hung up, or close).
    func endKeys(signal: Int32?) {
        let continuation = self.state.withLock { state -> AsyncStream<Key>.Continuation? in
            guard !state.keysEnded else { return nil }
            state.keysEnded = true
            state.terminatingSignal = signal
            state.early = []
            let continuation = state.continuation
            state.continuation = nil
            return continuation
        }
        continuation?.finish()
    }
}

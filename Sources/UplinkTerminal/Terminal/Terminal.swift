import Glibc
import Synchronization
import UplinkDashboard

/// The terminal the dashboard runs on: opened once, drawn on through ``screen(theme:)``, and closed,
/// which leaves it exactly as it was found.
///
/// ```swift
/// let terminal = try Terminal.open(environment: ProcessInfo.processInfo.environment)
/// let screen = terminal.screen(theme: theme)
/// let glyphs: GlyphSet = terminal.capabilities.isUTF8 ? .unicode : .ascii
/// // … DashboardRuntime(service: …, screen: screen, renderer: DashboardRenderer(glyphs: glyphs), …).run()
/// terminal.close()
/// if let signal = terminal.terminatingSignal { exit(128 + signal) }
/// ```
///
/// After a hang-up, writes to the terminal fail with EIO: print the closing message with write(2), not
/// with Foundation's `FileHandle.write`, which traps on that error.
///
/// A dedicated thread owns curses (which is not thread-safe) and sleeps in poll(2) until a key, a frame
/// or a signal arrives. SIGINT, SIGTERM and SIGHUP end the key stream (``terminatingSignal`` says which);
/// SIGWINCH becomes a `.resize` key; SIGTSTP suspends and resumes cleanly. A crash (SIGSEGV, SIGBUS,
/// SIGILL — a Swift trap on x86_64 —, SIGFPE, SIGABRT, SIGTRAP) or an exit without ``close()`` still
/// restores the terminal, from async-signal-safe C, before the previous handler (Swift's backtracer)
/// runs.
public final class Terminal: Sendable {
    /// What the terminal can show.
    public let capabilities: TerminalCapabilities
    private let session: TerminalSession
    private let thread: pthread_t
    private let closed = Mutex(false)

    /// Whether a terminal is open in this process: curses drives one screen, and the signal handlers
    /// are the process's.
    private static let isOpen = Mutex(false)

    private init(capabilities: TerminalCapabilities, session: TerminalSession, thread: pthread_t) {
        self.capabilities = capabilities
        self.session = session
        self.thread = thread
    }

    deinit {
        self.close()
    }

    /// Opens the terminal on standard input and output: sets the locale from the environment, checks that
    /// both are terminals and that TERM is one curses can drive, starts curses and the terminal thread.
    ///
    /// Nothing is written to the terminal when it throws.
    /// - Parameter environment: The process environment; TERM and NO_COLOR are read from it (the locale
    ///   comes from the process's own LANG and LC_*, as setlocale reads them).
    /// - Throws: ``TerminalError``, whose description is the message for the user.
    public static func open(environment: [String: String]) throws(TerminalError) -> Terminal {
        try self.open(environment: environment, input: STDIN_FILENO, output: STDOUT_FILENO)
    }

    /// Opens the terminal on the given descriptors (a pseudo-terminal in tests).
    static func open(environment: [String: String], input: Int32, output: Int32) throws(TerminalError) -> Terminal {
        let claimed = self.isOpen.withLock { isOpen -> Bool in
            guard !isOpen else { return false }
            isOpen = true
            return true
        }
        guard claimed else { throw .alreadyOpen }
        do throws(TerminalError) {
            let session = try TerminalSession(input: input, output: output)
            let thread: pthread_t
            do throws(TerminalError) {
                thread = try TerminalThread.start { CursesLoop.main(session: session, environment: environment) }
            } catch {
                session.closePipes()
                throw error
            }
            switch session.waitForStartup() {
            case .success(let capabilities):
                return Terminal(capabilities: capabilities, session: session, thread: thread)
            case .failure(let error):
                TerminalThread.join(thread)
                session.closePipes()
                throw error
            }
        } catch {
            self.isOpen.withLock { $0 = false }
            throw error
        }
    }

    /// The screen to draw the dashboard on, resolving roles in `theme` for ``capabilities``.
    ///
    /// Screens of one terminal share it; a frame drawn in another theme than the last one repaints the
    /// whole screen.
    public func screen(theme: Theme) -> TerminalScreen {
        TerminalScreen(session: self.session, theme: theme)
    }

    /// The signal that ended the key stream — SIGINT, SIGTERM or SIGHUP (also when the terminal hung up
    /// without one) — or nil. The executable closes the terminal first, then exits with 128 + signal.
    public var terminatingSignal: Int32? {
        self.session.terminatingSignal
    }

    /// Ends curses and puts everything back: the normal screen, a visible cursor, attributes and keypad
    /// off, bracketed paste off, the exact terminal modes found at open, the signal handlers there were.
    /// Ends the key stream. Safe to call more than once, from any thread.
    public func close() {
        let first = self.closed.withLock { closed -> Bool in
            guard !closed else { return false }
            closed = true
            return true
        }
        guard first else { return }
        self.session.requestClose()
        TerminalThread.join(self.thread)
        self.session.endKeys(signal: nil)
        self.session.closePipes()
        Self.isOpen.withLock { $0 = false }
    }
}

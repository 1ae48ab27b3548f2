import CNcurses
import Glibc
import UplinkDashboard

/// The terminal thread's work: start curses, then sleep in poll(2) on the terminal's input, the wake
/// pipe and the signal pipe — with no timeout, so nothing runs while nothing happens — and on each wake
/// read keys, handle signals, or draw the newest frame; end curses on close.
///
/// Every curses call in uplink is made here, on this one thread.
final class CursesLoop {
    private let session: TerminalSession
    private let environment: [String: String]
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var capabilities: TerminalCapabilities?
    private var backend: CursesBackend?
    private var painter: ScreenPainter?
    private var decoder = KeyDecoder()
    /// The last frame drawn, to draw again after a resume.
    private var lastFrame: TerminalSession.PendingFrame?
    /// Whether curses was ended for a SIGTSTP and the program is (or was just) stopped.
    private var suspended = false
    /// Until when a SIGCONT is taken for the one that ended our own stop, which was handled already.
    /// Bounded, because the kernel discards the stop (and no SIGCONT follows) in an orphaned process
    /// group, such as a shell without job control.
    private var continueHandledUntil: ContinuousClock.Instant?
    /// Whether the terminal has an alternate screen (rmcup), which endwin leaves, showing what was there.
    private var hasAlternateScreen = false
    /// Whether the input is still read; false once it hung up.
    private var inputOpen = true
    /// Wake-ups in a row with input readable that gave no key.
    private var emptyReads = 0
    private var alternateStack: UnsafeMutableRawPointer?

    /// xterm's bracketed paste mode (ctlseqs: "Bracketed Paste Mode"); terminals without it ignore it.
    private static let bracketedPasteOn = "\u{1B}[?2004h"
    private static let bracketedPasteOff = "\u{1B}[?2004l"
    /// How long curses waits after an Esc for the rest of a sequence (curs_variables(3X) ESCDELAY):
    /// long enough for a sequence sent in one go over SSH or a serial line, short enough that Esc feels
    /// immediate. The user's own ESCDELAY, if set, wins.
    private static let escapeDelay: Int32 = 25

    private init(session: TerminalSession, environment: [String: String]) {
        self.session = session
        self.environment = environment
    }

    /// The thread's body: starts curses, reports how that went, and runs until close.
    static func main(session: TerminalSession, environment: [String: String]) {
        let loop = CursesLoop(session: session, environment: environment)
        do throws(TerminalError) {
            let capabilities = try loop.start()
            session.reportStartup(.success(capabilities))
        } catch {
            session.reportStartup(.failure(error))
            return
        }
        loop.run()
        loop.stop()
    }

    // MARK: - Starting and stopping

    private func start() throws(TerminalError) -> TerminalCapabilities {
        let input = self.session.input
        let output = self.session.output
        let codeset = String(cString: cnc_set_locale_from_environment())
        var capabilities = try TerminalCapabilities.detect(
            environment: self.environment,
            inputIsTerminal: isatty(input) == 1,
            outputIsTerminal: isatty(output) == 1,
            codeset: codeset,
            terminfo: { TerminfoAnswer(cnc_probe_terminfo($0, output)) }
        )
        guard cnc_guard_save_modes(output) == 0 else {
            throw .systemCallFailed(call: "tcgetattr", errno: errno)
        }
        // Before newterm: curses installs its own SIGINT, SIGTERM, SIGTSTP and SIGWINCH handlers only
        // where it finds SIG_DFL, and those would run curses code on whichever thread got the signal.
        cnc_relay_install(self.session.signals.writeEnd)
        guard let screen = cnc_start(capabilities.termName, output, input), let window = cnc_stdscr() else {
            cnc_relay_remove()
            throw .cursesFailed(term: capabilities.termName)
        }
        self.screen = screen
        self.window = window
        self.hasAlternateScreen = cnc_has_capability("rmcup") != 0
        self.configureInput(window)
        capabilities = self.startColors(capabilities, window: window)
        cnc_guard_prepare_reset()
        cnc_guard_arm()
        self.writeOutput(Self.bracketedPasteOn)
        self.installAlternateStack()
        self.capabilities = capabilities
        self.readSize()
        return capabilities
    }

    private func configureInput(_ window: UnsafeMutablePointer<WINDOW>) {
        // raw(3X), not cbreak: Ctrl-C arrives as 0x03, the dashboard's quit key, rather than as SIGINT,
        // and Ctrl-S/Ctrl-Q as keys rather than flow control.
        _ = raw()
        _ = noecho()
        // nonl(3X): Enter arrives as CR, and curses may use LF to move down.
        _ = nonl()
        _ = intrflush(window, false)
        _ = keypad(window, true)
        // nodelay(3X): wget_wch returns ERR instead of waiting; poll(2) does the waiting.
        _ = nodelay(window, true)
        if self.environment["ESCDELAY"] == nil {
            _ = set_escdelay(Self.escapeDelay)
        }
        // define_key(3X): curses matches the paste markers like any key and returns these codes.
        _ = define_key("\u{1B}[200~", CursesKeyCode.pasteStart)
        _ = define_key("\u{1B}[201~", CursesKeyCode.pasteEnd)
        _ = curs_set(0)
        _ = leaveok(window, true)
    }

    /// Starts colours where the capabilities call for them and narrows the capability to what curses
    /// actually got.
    private func startColors(
        _ capabilities: TerminalCapabilities,
        window: UnsafeMutablePointer<WINDOW>
    ) -> TerminalCapabilities {
        var capabilities = capabilities
        var hasDefaultColors = false
        switch capabilities.colorCapability {
        case .monochrome:
            break
        case .basic8, .indexed256:
            if has_colors(), start_color() == OK {
                // default_colors(3X): -1 becomes the terminal's own foreground or background, so an
                // uncoloured cell looks like the user's terminal and not like white on black.
                hasDefaultColors = use_default_colors() == OK
                let colors = Int(cnc_colors())
                capabilities.colorCount = colors
                capabilities.colorCapability = min(
                    capabilities.colorCapability, TerminalCapabilities.colorCapability(colors: colors))
            } else {
                capabilities.colorCapability = .monochrome
            }
        }
        self.backend = CursesBackend(
            window: window,
            capability: capabilities.colorCapability,
            colorCount: Int(cnc_colors()),
            pairCount: Int(cnc_color_pairs()),
            hasDefaultColors: hasDefaultColors
        )
        return capabilities
    }

    /// Ends curses and leaves the terminal as it was found.
    private func stop() {
        if let screen = self.screen {
            if !self.hasAlternateScreen, let window = self.window {
                // Without an alternate screen (vt100, the Linux console) the last frame would stay up
                // and the shell would print over its footer: leave a blank screen instead.
                _ = werase(window)
                _ = wrefresh(window)
            }
            // endwin: attributes off, cursor visible, keypad off, out of the alternate screen, the
            // saved shell modes back.
            cnc_stop(screen)
            self.screen = nil
            self.window = nil
        }
        self.writeOutput(Self.bracketedPasteOff)
        // Exactly the modes found at open, whatever curses thought the shell's modes were.
        cnc_guard_restore_modes()
        cnc_guard_disarm()
        cnc_relay_remove()
        self.removeAlternateStack()
    }

    // MARK: - The loop

    private func run() {
        let input = self.session.input
        var descriptors = [
            pollfd(fd: input, events: Int16(POLLIN), revents: 0),
            pollfd(fd: self.session.wake.readEnd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: self.session.signals.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            // A negative descriptor is ignored by poll(2): a hung-up input would otherwise wake it forever.
            descriptors[0].fd = self.inputOpen ? input : -1
            for index in descriptors.indices {
                descriptors[index].revents = 0
            }
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR || errno == EAGAIN {
                    continue
                }
                self.session.endKeys(signal: nil)
                return
            }
            if descriptors[2].revents != 0 {
                for number in self.session.signals.drain() {
                    self.handle(signal: Int32(number))
                }
            }
            if descriptors[0].revents != 0 {
                self.readAvailableInput(events: descriptors[0].revents)
            }
            if descriptors[1].revents != 0 {
                _ = self.session.wake.drain()
                let work = self.session.takeWork()
                if work.close {
                    return
                }
                if let frame = work.frame {
                    self.paint(frame)
                }
            }
        }
    }

    private func paint(_ pending: TerminalSession.PendingFrame) {
        guard let backend = self.backend, let window = self.window, let capabilities = self.capabilities else {
            return
        }
        if self.painter?.theme != pending.theme {
            // A new painter knows nothing on screen, so a new theme repaints everything.
            self.painter = ScreenPainter(theme: pending.theme, capability: capabilities.colorCapability)
        }
        var rows: Int32 = 0
        var columns: Int32 = 0
        cnc_window_size(window, &rows, &columns)
        self.painter?.paint(pending.frame, width: Int(columns), height: Int(rows), on: backend)
        self.lastFrame = pending
    }

    // MARK: - Input

    /// Reads every code curses has, without blocking (nodelay), until ERR.
    private func readCodes() -> [InputCode] {
        guard let window = self.window else { return [] }
        var codes: [InputCode] = []
        var value: wint_t = 0
        while true {
            let result = wget_wch(window, &value)
            if result == OK {
                codes.append(.character(UInt32(value)))
            } else if result == KEY_CODE_YES {
                codes.append(.key(Int32(bitPattern: UInt32(value))))
            } else {
                return codes
            }
        }
    }

    /// Reads and delivers keys; `.resize` at most once, and always when `resized`.
    /// - Returns: Whether curses had any code.
    @discardableResult
    private func readInput(resized: Bool) -> Bool {
        let codes = self.readCodes()
        var keys = self.decoder.decode(codes)
        // resizeterm queues a KEY_RESIZE of its own; one resize is enough for the dashboard.
        let cursesResized = keys.contains(.resize)
        keys.removeAll { $0 == .resize }
        if resized || cursesResized {
            keys.append(.resize)
        }
        self.session.deliver(keys)
        return !codes.isEmpty
    }

    private func readAvailableInput(events: Int16) {
        if self.readInput(resized: false) {
            self.emptyReads = 0
            return
        }
        // A terminal that went away (the SSH connection, the serial adapter) shows as POLLHUP, or as
        // readable with nothing to read. Bytes curses swallowed (an invalid UTF-8 byte) also give no code,
        // but do not repeat.
        self.emptyReads += 1
        let hungUp = events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
        if hungUp || (self.emptyReads >= 3 && cnc_bytes_available(self.session.input) <= 0) {
            self.inputOpen = false
            self.session.endKeys(signal: SIGHUP)
        }
    }

    // MARK: - Signals

    private func handle(signal: Int32) {
        switch signal {
        case SIGWINCH:
            self.resize()
        case SIGINT, SIGTERM, SIGHUP:
            self.session.endKeys(signal: signal)
        case SIGTSTP:
            self.suspend()
        case SIGCONT:
            if let until = self.continueHandledUntil, ContinuousClock.now < until {
                self.continueHandledUntil = nil
            } else {
                // Stopped by someone else (SIGSTOP) and continued: the shell may have changed the modes.
                self.resume()
            }
        default:
            break
        }
    }

    /// Re-reads the size from the kernel, since SIGWINCH only says it changed.
    /// - Returns: Whether curses' size changed.
    @discardableResult
    private func updateSize() -> Bool {
        var rows: Int32 = 0
        var columns: Int32 = 0
        var changed = false
        if cnc_terminal_size(self.session.output, &rows, &columns) == 0, rows > 0, columns > 0,
            is_term_resized(rows, columns)
        {
            // resizeterm(3X) resizes stdscr and curscr and marks the screen for a full repaint.
            changed = resizeterm(rows, columns) == OK
        }
        self.readSize()
        return changed
    }

    private func resize() {
        self.updateSize()
        self.painter?.forget()
        self.readInput(resized: true)
    }

    private func readSize() {
        guard let window = self.window else { return }
        var rows: Int32 = 0
        var columns: Int32 = 0
        cnc_window_size(window, &rows, &columns)
        self.session.setSize(width: Int(columns), height: Int(rows))
    }

    /// SIGTSTP (`kill -TSTP`; Ctrl-Z is a key in raw mode): hand the terminal back, stop, and take it
    /// again when continued.
    private func suspend() {
        guard !self.suspended else { return }
        _ = endwin()
        self.writeOutput(Self.bracketedPasteOff)
        self.suspended = true
        cnc_relay_stop_process()
        self.resume()
        self.continueHandledUntil = ContinuousClock.now + .seconds(1)
    }

    private func resume() {
        guard let window = self.window else { return }
        if !self.suspended {
            _ = endwin()
        }
        self.suspended = false
        self.writeOutput(Self.bracketedPasteOn)
        self.updateSize()
        self.painter?.forget()
        if let frame = self.lastFrame {
            self.paint(frame)
        } else {
            // curs_initscr(3X): a refresh after endwin puts the terminal back in program mode.
            _ = wrefresh(window)
        }
        self.session.deliver([.resize])
    }

    // MARK: - Output and stacks

    private func writeOutput(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(self.session.output, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR {
                    continue
                }
                return
            }
            offset += written
        }
    }

    /// An alternate signal stack for this thread, so that the crash handlers can still restore the
    /// terminal after a stack overflow here (sigaltstack(2); the handlers use SA_ONSTACK).
    private func installAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        guard let memory = malloc(size) else { return }
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        if sigaltstack(&stack, nil) == 0 {
            self.alternateStack = memory
        } else {
            free(memory)
        }
    }

    private func removeAlternateStack() {
        guard let memory = self.alternateStack else { return }
        var disabled = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
        _ = sigaltstack(&disabled, nil)
        free(memory)
        self.alternateStack = nil
    }
}

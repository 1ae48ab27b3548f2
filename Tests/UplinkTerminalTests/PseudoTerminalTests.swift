import Glibc
import Testing
import UplinkDashboard

@testable import UplinkTerminal

/// Whether this process's handler for a signal is one a program installed (not SIG_DFL or SIG_IGN).
private func isCaught(_ signal: Int32) -> Bool {
    var action = sigaction()
    _ = sigaction(signal, nil, &action)
    let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    return handler != 0 && handler != 1
}

/// Every byte of a termios, to compare modes exactly.
private func bytes(of modes: termios) -> [UInt8] {
    withUnsafeBytes(of: modes) { Array($0) }
}

@Suite(
    "The terminal on a pseudo-terminal",
    .serialized,
    .enabled("needs a pseudo-terminal (/dev/ptmx and /dev/pts)") {
        if case .failure(let reason) = PseudoTerminal.open(width: 80, height: 24) {
            print("UplinkTerminalTests: skipping the pseudo-terminal tests: \(reason)")
            return false
        }
        return true
    }
)
struct PseudoTerminalTests {
    static let environment = ["TERM": "xterm-256color"]

    @Test("draws diffs, decodes keys and pastes, resizes, ends on SIGTERM and restores the modes on close")
    func session() async throws {
        // Given a 40×10 pseudo-terminal in its default (cooked) modes, and the terminal opened on it,
        let pty = try PseudoTerminal.open(width: 40, height: 10).get()
        let before = pty.modes()
        let terminal = try Terminal.open(environment: Self.environment, input: pty.slave, output: pty.slave)
        #expect(terminal.capabilities.termName == "xterm-256color")
        #expect(terminal.capabilities.colorCapability == .indexed256)
        #expect(throws: TerminalError.alreadyOpen) {
            try Terminal.open(environment: Self.environment, input: pty.slave, output: pty.slave)
        }
        let screen = terminal.screen(theme: ScreenPainterTests.theme)
        #expect(screen.size == (40, 10))
        let collector = KeyCollector()
        let reading = collector.start(screen.keys())

        // when a frame is drawn, it arrives on the alternate screen with bracketed paste on;
        var grid = CellGrid(width: 40, height: 10)
        grid.write("uplink", row: 0, column: 0, role: .header)
        grid.write("eth0  down  no carrier", row: 2, column: 0, role: .error)
        screen.draw(Frame(grid: grid))
        let first = pty.read { $0.contains("no carrier") }
        #expect(first.contains("\u{1B}[?1049h"))
        #expect(first.contains("\u{1B}[?2004h"))
        pty.readQuietly(for: .milliseconds(200))

        // an identical frame sends nothing at all;
        screen.draw(Frame(grid: grid))
        #expect(pty.readQuietly(for: .milliseconds(300)).isEmpty)

        // one interface changing state costs well under 300 bytes;
        grid.write("eth0  up    ready     ", row: 2, column: 0, role: .ok)
        screen.draw(Frame(grid: grid))
        let change = pty.readBurst()
        print("UplinkTerminalTests: one interface-state change wrote \(change.count) bytes")
        #expect(change.count > 0)
        #expect(change.count < 300)
        #expect(change.contains("ready"))

        // keys, a bracketed paste, Ctrl-C and arrows (terminfo's and raw) are decoded;
        pty.type("a\u{1B}[200~pa\rste\u{1B}[201~\u{03}\u{1B}OA\u{1B}[B")
        #expect(await eventually { collector.keys.count >= 5 })
        #expect(collector.keys == [.character("a"), .paste("pa\nste"), .control("c"), .up, .down])

        // a SIGWINCH after the size changed is a resize, with the new size;
        pty.resize(width: 50, height: 12)
        #expect(isCaught(SIGWINCH))
        _ = kill(getpid(), SIGWINCH)
        #expect(await eventually { collector.keys.last == .resize && screen.size == (50, 12) })

        // SIGTERM ends the key stream and is recorded;
        try #require(isCaught(SIGTERM), "the relay's SIGTERM handler is not installed; sending it would kill the test")
        _ = kill(getpid(), SIGTERM)
        #expect(await eventually { collector.ended })
        #expect(terminal.terminatingSignal == SIGTERM)
        await reading.value

        // then close leaves the alternate screen, turns paste off and restores the exact modes, once.
        terminal.close()
        let closing = pty.readBurst()
        #expect(closing.contains("\u{1B}[?1049l"))
        #expect(closing.contains("\u{1B}[?2004l"))
        #expect(bytes(of: pty.modes()) == bytes(of: before))
        #expect(!isCaught(SIGTERM))
        terminal.close()
    }

    @Test("a terminal that hangs up ends the key stream as SIGHUP, and close still returns")
    func hangUp() async throws {
        let pty = try PseudoTerminal.open(width: 80, height: 24).get()
        let terminal = try Terminal.open(environment: Self.environment, input: pty.slave, output: pty.slave)
        let collector = KeyCollector()
        let reading = collector.start(terminal.screen(theme: ScreenPainterTests.theme).keys())
        pty.hangUp()
        #expect(await eventually { collector.ended })
        #expect(terminal.terminatingSignal == SIGHUP)
        await reading.value
        terminal.close()
    }

    @Test("TERM=dumb on a real terminal is refused before anything is written")
    func dumbRefused() throws {
        let pty = try PseudoTerminal.open(width: 80, height: 24).get()
        #expect(throws: TerminalError.cannotAddressCursor(term: "dumb")) {
            try Terminal.open(environment: ["TERM": "dumb"], input: pty.slave, output: pty.slave)
        }
        #expect(pty.readQuietly(for: .milliseconds(100)).isEmpty)
        // The refusal released the terminal: it opens now.
        let terminal = try Terminal.open(environment: Self.environment, input: pty.slave, output: pty.slave)
        terminal.close()
    }
}

import Testing
import UplinkDashboard

@testable import UplinkTerminal

@Suite("Key decoder: Esc and raw escape sequences")
struct EscapeSequenceTests {
    private func decode(_ codes: [InputCode]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(codes)
    }

    private static let escape = byte(0x1B)

    @Test("a lone ESC is Esc")
    func loneEscape() {
        #expect(self.decode([Self.escape]) == [.escape])
    }

    @Test("ESC then a letter (Alt-x) is Esc followed by the letter")
    func escapeThenLetter() {
        #expect(self.decode([Self.escape] + characters("x")) == [.escape, .character("x")])
    }

    @Test("ESC [ with nothing after it in the read is Esc and [")
    func unfinishedSequence() {
        #expect(self.decode([Self.escape] + characters("[")) == [.escape, .character("[")])
    }

    @Test("CSI and SS3 arrows that curses did not know (TERM mismatch) are arrows, modifiers ignored")
    func rawArrows() {
        let codes =
            [Self.escape] + characters("[A") + [Self.escape] + characters("OB") + [Self.escape]
            + characters("[1;5C") + [Self.escape] + characters("[D")
        #expect(self.decode(codes) == [.up, .down, .right, .left])
    }

    @Test("raw Home, End, Delete, PgUp and PgDn in their xterm, VT220 and rxvt forms")
    func rawNavigation() {
        let sequences = ["[H", "[F", "[1~", "[7~", "[4~", "[8~", "[3~", "[5~", "[6~", "OH", "OF", "[Z"]
        let codes = sequences.flatMap { [Self.escape] + characters($0) }
        #expect(
            self.decode(codes) == [
                .home, .end, .home, .home, .end, .end, .delete, .pageUp, .pageDown, .home, .end, .backTab,
            ]
        )
    }

    @Test("raw F1–F12: SS3 P–S, CSI 11–24 ~, and the Linux console's ESC [ [ A–E")
    func rawFunctionKeys() {
        let sequences = [
            "OP", "OQ", "OR", "OS", "[15~", "[17~", "[18~", "[19~", "[20~", "[21~", "[23~", "[24~", "[[A", "[[E",
        ]
        let codes = sequences.flatMap { [Self.escape] + characters($0) }
        #expect(self.decode(codes) == (1...12).map { Key.function($0) } + [.function(1), .function(5)])
    }

    @Test("a well-formed sequence without a key (Insert, a private mode report) is swallowed whole")
    func unknownSequence() {
        let codes =
            characters("a") + [Self.escape] + characters("[2~") + [Self.escape] + characters("[?1;2c")
            + characters("b")
        #expect(self.decode(codes) == [.character("a"), .character("b")])
    }
}

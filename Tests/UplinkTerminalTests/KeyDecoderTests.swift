import Testing
import UplinkDashboard

@testable import UplinkTerminal

@Suite("Key decoder: characters, control keys and function keys")
struct KeyDecoderTests {
    private func decode(_ codes: [InputCode]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(codes)
    }

    @Test("printable ASCII comes out one character per key")
    func ascii() {
        #expect(
            self.decode(characters("ok 1")) == [.character("o"), .character("k"), .character(" "), .character("1")])
    }

    @Test("é, precomposed or as e plus a combining accent, is one character")
    func accentedLetter() {
        // Given curses' answers for a precomposed é (U+00E9) and for e + U+0301,
        // when each is decoded, then each is the single character é.
        #expect(self.decode(characters("\u{E9}")) == [.character("é")])
        let decomposed = self.decode(characters("e\u{301}"))
        #expect(decomposed == [.character("e\u{301}")])
        #expect(decomposed.count == 1)
    }

    @Test("an emoji, a ZWJ sequence and a flag are one character each")
    func emoji() {
        let keys = self.decode(characters("😀👩‍👩‍👧🇩🇪"))
        #expect(keys == [.character("😀"), .character("👩‍👩‍👧"), .character("🇩🇪")])
    }

    @Test("Ctrl-letters are control keys: 0x03 is Ctrl-C, 0x01 Ctrl-A, 0x1A Ctrl-Z")
    func controlLetters() {
        #expect(self.decode([byte(0x03), byte(0x01), byte(0x1A)]) == [.control("c"), .control("a"), .control("z")])
    }

    @Test("Enter is CR, LF or KEY_ENTER; Tab is 0x09 and Shift-Tab KEY_BTAB")
    func enterAndTab() {
        let keys = self.decode([
            byte(0x0D), byte(0x0A), .key(CursesKeyCode.enter), byte(0x09), .key(CursesKeyCode.backTab),
        ])
        #expect(keys == [.enter, .enter, .enter, .tab, .backTab])
    }

    @Test("Backspace is DEL (0x7F), BS (0x08) or KEY_BACKSPACE")
    func backspace() {
        let keys = self.decode([byte(0x7F), byte(0x08), .key(CursesKeyCode.backspace)])
        #expect(keys == [.backspace, .backspace, .backspace])
    }

    @Test("arrows, Home, End, PgUp, PgDn and Delete come from their key codes")
    func navigation() {
        let codes: [InputCode] = [
            .key(CursesKeyCode.up), .key(CursesKeyCode.down), .key(CursesKeyCode.left), .key(CursesKeyCode.right),
            .key(CursesKeyCode.home), .key(CursesKeyCode.end), .key(CursesKeyCode.pageUp),
            .key(CursesKeyCode.pageDown), .key(CursesKeyCode.delete),
        ]
        #expect(self.decode(codes) == [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete])
    }

    @Test("the keypad's corners and vt220's Find and Select are Home, PgUp, End and PgDn")
    func keypadAndVT220() {
        let codes: [InputCode] = [
            .key(CursesKeyCode.keypadUpperLeft), .key(CursesKeyCode.keypadUpperRight),
            .key(CursesKeyCode.keypadLowerLeft), .key(CursesKeyCode.keypadLowerRight),
            .key(CursesKeyCode.find), .key(CursesKeyCode.select),
        ]
        #expect(self.decode(codes) == [.home, .pageUp, .end, .pageDown, .home, .end])
    }

    @Test("F1 to F12 are function keys; F13 and other codes are dropped")
    func functionKeys() {
        let codes = (1...13).map { InputCode.key(CursesKeyCode.function(Int32($0))) } + [.key(0x3FFF)]
        #expect(self.decode(codes) == (1...12).map { Key.function($0) })
    }

    @Test("KEY_RESIZE is a resize")
    func resize() {
        #expect(self.decode([.key(CursesKeyCode.resize)]) == [.resize])
    }

    @Test("controls without a key (NUL, 0x1C–0x1F, C1) are dropped; text around them is kept")
    func droppedControls() {
        let codes = characters("a") + [byte(0x00), byte(0x1C), byte(0x1F), byte(0x85)] + characters("b")
        #expect(self.decode(codes) == [.character("a"), .character("b")])
    }

    @Test("text, keys and text keep their order")
    func order() {
        let codes = characters("ab") + [.key(CursesKeyCode.up)] + characters("c")
        #expect(self.decode(codes) == [.character("a"), .character("b"), .up, .character("c")])
    }
}

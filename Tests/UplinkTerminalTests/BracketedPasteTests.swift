import Testing
import UplinkDashboard

@testable import UplinkTerminal

@Suite("Key decoder: bracketed paste")
struct BracketedPasteTests {
    private static let start = InputCode.key(CursesKeyCode.pasteStart)
    private static let end = InputCode.key(CursesKeyCode.pasteEnd)
    private static let escape = byte(0x1B)

    private func decode(_ codes: [InputCode]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(codes)
    }

    @Test("text between the paste markers is one paste, with the keys around it in order")
    func onePaste() {
        let codes = characters("a") + [Self.start] + characters("Office-5G") + [Self.end] + [.key(CursesKeyCode.up)]
        #expect(self.decode(codes) == [.character("a"), .paste("Office-5G"), .up])
    }

    @Test("UTF-8 in a paste (é, emoji, CJK) is kept as typed")
    func unicodePaste() {
        let codes = [Self.start] + characters("Café ☕ 📶 中文") + [Self.end]
        #expect(self.decode(codes) == [.paste("Café ☕ 📶 中文")])
    }

    @Test("pasted newlines — CR, LF, CR LF, KEY_ENTER — each become one \\n; tabs stay")
    func newlines() {
        let codes =
            [Self.start] + characters("one\rtwo\nthree\r\nfour\tfive") + [.key(CursesKeyCode.enter)]
            + characters("six") + [Self.end]
        #expect(self.decode(codes) == [.paste("one\ntwo\nthree\nfour\tfive\nsix")])
    }

    @Test("control characters in a paste are dropped, so a pasted 0x03 is no Ctrl-C and ESC no command")
    func controlsInPaste() {
        let codes =
            [Self.start] + characters("a") + [byte(0x03), byte(0x7F), byte(0x1B)] + characters("b") + [Self.end]
        #expect(self.decode(codes) == [.paste("ab")])
    }

    @Test("a key code curses matched inside pasted text stands for nothing")
    func keyCodeInPaste() {
        let codes = [Self.start] + characters("a") + [.key(CursesKeyCode.up)] + characters("b") + [Self.end]
        #expect(self.decode(codes) == [.paste("ab")])
    }

    @Test("a paste split across reads comes out whole once its end is read")
    func splitAcrossReads() {
        // Given a decoder that has read the start of a paste and part of its text,
        var decoder = KeyDecoder()
        #expect(decoder.decode(characters("x") + [Self.start] + characters("pass")) == [.character("x")])
        #expect(decoder.isInPaste)
        // when the rest arrives, possibly over several reads,
        #expect(decoder.decode(characters("wörd\r")) == [])
        let keys = decoder.decode(characters("\n2") + [Self.end] + characters("y"))
        // then the paste is delivered once, whole, and keys after it are keys again.
        #expect(keys == [.paste("passwörd\n2"), .character("y")])
        #expect(!decoder.isInPaste)
    }

    @Test("the markers as raw bytes (curses did not match them) work the same")
    func rawMarkers() {
        let codes = [Self.escape] + characters("[200~hello") + [Self.escape] + characters("[201~z")
        #expect(self.decode(codes) == [.paste("hello"), .character("z")])
    }

    @Test("a raw end marker split across reads still ends the paste")
    func rawEndSplit() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([Self.start] + characters("abc") + [Self.escape] + characters("[2")) == [])
        #expect(decoder.decode(characters("01~d")) == [.paste("abc"), .character("d")])
    }

    @Test("something that starts like the end marker but is not one is text")
    func falseMarker() {
        let codes =
            [Self.start] + characters("a") + [Self.escape] + characters("[2x") + [Self.escape, Self.escape]
            + characters("[201~")
        #expect(self.decode(codes) == [.paste("a[2x")])
    }

    @Test("an empty paste delivers nothing")
    func emptyPaste() {
        #expect(self.decode([Self.start, Self.end]) == [])
    }
}

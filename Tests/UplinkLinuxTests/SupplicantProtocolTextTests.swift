import Testing
import UplinkCore
import UplinkLinux

@Suite("wpa_supplicant text: escaped, hex and string values")
struct SupplicantProtocolTextTests {
    /// Names that break naive handling: UTF-8, quotes and a backslash, spaces, control bytes, the
    /// longest allowed, and bytes that are not UTF-8 at all.
    static let awkwardNames: [[UInt8]] = [
        Array("Café ☕ Zürich".utf8),
        Array(#"Bob's "Shed" \ AP"#.utf8),
        Array("  spaces  around  ".utf8),
        [0x01, 0x41, 0x09, 0x42],
        Array("tab\tnew\nline\rescape\u{1B}".utf8),
        Array("12345678901234567890123456789012".utf8),
        Array(0xE0...0xFF),
        [0x00, 0x7F, 0x80, 0xFF],
    ]

    @Test("the escaped SSIDs of a real LIST_NETWORKS decode to the bytes that were set")
    func decodesRealEscapes() {
        // Given the escaped forms wpa_supplicant printed for SSIDs set by hex
        // When they are decoded
        // Then each gives back the bytes that were set
        #expect(SupplicantText.decodeEscaped(#"Bob's \"Shed\" \\ AP"#) == Array(#"Bob's "Shed" \ AP"#.utf8))
        #expect(SupplicantText.decodeEscaped(#"\x01A\tB"#) == [0x01, 0x41, 0x09, 0x42])
        #expect(SupplicantText.decodeEscaped(#"Caf\xc3\xa9 \xe2\x98\x95 Z\xc3\xbcrich"#) == Array("Café ☕ Zürich".utf8))
        #expect(SupplicantText.decodeEscaped(#"Caf\xc3\xa9\xf0\x9f\x93\xb6"#) == Array("Café📶".utf8))
    }

    @Test("every escape printf_decode knows is read: \\\\ \\\" \\n \\r \\t \\e")
    func namedEscapes() {
        #expect(SupplicantText.decodeEscaped(#"a\\b\"c\nd\re\tf\eg"#) == Array("a\\b\"c\nd\re\tf\u{1B}g".utf8))
    }

    @Test("octal escapes take up to three digits, as printf_decode reads them")
    func octalEscapes() {
        // Given octal escapes of one, two and three digits, and digits after a full one
        // Then each takes at most three digits and leaves the rest as text
        #expect(SupplicantText.decodeEscaped(#"\101\12\0"#) == [0x41, 0x0A, 0x00])
        #expect(SupplicantText.decodeEscaped(#"\0001\09"#) == [0x00, 0x31, 0x00, 0x39])
        // C keeps the low byte of \777 (511).
        #expect(SupplicantText.decodeEscaped(#"\777"#) == [0xFF])
    }

    @Test("short and broken escapes decode as printf_decode does, never crash")
    func brokenEscapes() {
        // One hex digit is a byte; none is nothing; an unknown letter loses its backslash.
        #expect(SupplicantText.decodeEscaped(#"\x4Z"#) == [0x04, UInt8(ascii: "Z")])
        #expect(SupplicantText.decodeEscaped(#"\xgh"#) == Array("gh".utf8))
        #expect(SupplicantText.decodeEscaped(#"\q"#) == Array("q".utf8))
        #expect(SupplicantText.decodeEscaped(#"end\"#) == Array("end".utf8))
        #expect(SupplicantText.decodeEscaped(#"\x"#).isEmpty)
        #expect(SupplicantText.decodeEscaped("").isEmpty)
    }

    @Test("unescaped UTF-8 passes through as its bytes")
    func utf8PassesThrough() {
        #expect(SupplicantText.decodeEscaped("Zürich ☕") == Array("Zürich ☕".utf8))
        // A Substring works as well as a String (rows are read as slices of the reply).
        #expect(SupplicantText.decodeEscaped("\tZ\\xc3\\xbc".dropFirst()) == Array("Zü".utf8))
    }

    @Test("escaping gives the text wpa_supplicant printed")
    func escapesAsSupplicant() {
        #expect(SupplicantText.escaped(Array(#"Bob's "Shed" \ AP"#.utf8)) == #"Bob's \"Shed\" \\ AP"#)
        #expect(SupplicantText.escaped([0x01, 0x41, 0x09, 0x42]) == #"\x01A\tB"#)
        #expect(SupplicantText.escaped(Array("Café ☕ Zürich".utf8)) == #"Caf\xc3\xa9 \xe2\x98\x95 Z\xc3\xbcrich"#)
    }

    @Test("awkward names round-trip through the escaped form", arguments: Self.awkwardNames)
    func escapedRoundTrip(_ bytes: [UInt8]) {
        // Given a name's bytes
        // When they are escaped and decoded again
        let escaped = SupplicantText.escaped(bytes)
        // Then the bytes come back, and the text is printable ASCII only (a reply never holds more)
        #expect(SupplicantText.decodeEscaped(escaped) == bytes)
        #expect(escaped.utf8.allSatisfy { (0x20...0x7E).contains($0) })
    }

    @Test("awkward names round-trip through hex", arguments: Self.awkwardNames)
    func hexRoundTrip(_ bytes: [UInt8]) {
        let hex = SupplicantText.hex(bytes)
        #expect(hex.count == bytes.count * 2)
        #expect(SupplicantText.bytes(hex: hex) == bytes)
    }

    @Test("hex is lowercase and matches what GET_NETWORK returned")
    func hexMatchesSupplicant() {
        #expect(SupplicantText.hex(Array("Café📶".utf8)) == "436166c3a9f09f93b6")
        #expect(SupplicantText.hex(Array(#"Bob's "Shed" \ AP"#.utf8)) == "426f62277320225368656422205c204150")
        #expect(SupplicantText.hex([]) == "")
    }

    @Test("hex is read in either case; odd lengths and non-hex digits are refused")
    func hexParsing() {
        #expect(SupplicantText.bytes(hex: "436166C3A9") == Array("Café".utf8))
        #expect(SupplicantText.bytes(hex: "") == [])
        #expect(SupplicantText.bytes(hex: "abc") == nil)
        #expect(SupplicantText.bytes(hex: "zz") == nil)
        #expect(SupplicantText.bytes(hex: "\"Home\"") == nil)
        #expect(SupplicantText.bytes(hex: "0x12") == nil)
    }

    @Test("a printable ASCII string value is quoted, quotes inside and all")
    func quotedStringValue() {
        #expect(SupplicantText.stringValue(Array("alice".utf8)) == #""alice""#)
        #expect(SupplicantText.stringValue(Array(#"pa ss"word"#.utf8)) == #""pa ss"word""#)
        #expect(SupplicantText.stringValue(Array(#"back\slash"#.utf8)) == #""back\slash""#)
        #expect(SupplicantText.stringValue(Array(" ~".utf8)) == #"" ~""#)
    }

    @Test("a string value with UTF-8 or control bytes goes as hex")
    func hexStringValue() {
        // Given values wpa_supplicant accepted as hex in the lab (jør, päss)
        #expect(SupplicantText.stringValue(Array("jør".utf8)) == "6ac3b872")
        #expect(SupplicantText.stringValue(Array("päss".utf8)) == "70c3a47373")
        #expect(SupplicantText.stringValue([0x41, 0x01]) == "4101")
        #expect(SupplicantText.stringValue([0x41, 0x7F]) == "417f")
    }
}

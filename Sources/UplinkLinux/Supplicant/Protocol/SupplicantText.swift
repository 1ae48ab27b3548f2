/// The text forms wpa_supplicant's control interface uses for bytes: its escaped form (for SSIDs in
/// replies and events), hex, and the two forms a string field of SET_NETWORK accepts.
///
/// SSIDs and passwords are bytes, not text, so nothing here goes through `String` on the way from
/// the wire to the bytes: a name that is not UTF-8, or holds a quote or a control byte, comes back
/// byte for byte.
public enum SupplicantText {
    private static let backslash = UInt8(ascii: "\\")
    private static let quote = UInt8(ascii: "\"")
    private static let hexDigits = Array("0123456789abcdef".utf8)

    // MARK: - Escaped form (wpa_supplicant's printf_encode / printf_decode)

    /// The bytes behind wpa_supplicant's escaped text, as its `printf_decode` reads it.
    ///
    /// STATUS, SCAN_RESULTS, LIST_NETWORKS and events print SSIDs with `printf_encode`: printable
    /// ASCII as is, `\\`, `\"`, `\n`, `\r`, `\t`, `\e`, and every other byte as `\xNN`. This also
    /// reads octal `\NNN` and one-digit `\xN`, and drops a backslash before an unknown letter, as
    /// `printf_decode` does, so any text wpa_supplicant would accept decodes the same here. Bytes that
    /// are not escaped (UTF-8 from a version that passes it through) are taken as they are.
    public static func decodeEscaped<S: StringProtocol>(_ text: S) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            guard byte == Self.backslash else {
                output.append(byte)
                continue
            }
            // A lone backslash at the end stands for nothing, as in printf_decode.
            guard index < input.count else { break }
            let escape = input[index]
            switch escape {
            case Self.backslash, Self.quote:
                output.append(escape)
                index += 1
            case UInt8(ascii: "n"):
                output.append(0x0A)
                index += 1
            case UInt8(ascii: "r"):
                output.append(0x0D)
                index += 1
            case UInt8(ascii: "t"):
                output.append(0x09)
                index += 1
            case UInt8(ascii: "e"):
                output.append(0x1B)
                index += 1
            case UInt8(ascii: "x"):
                index += 1
                // Two hex digits make a byte; printf_decode also takes one, and nothing for none.
                guard index < input.count, let high = Self.hexValue(input[index]) else { continue }
                index += 1
                if index < input.count, let low = Self.hexValue(input[index]) {
                    output.append(high << 4 | low)
                    index += 1
                } else {
                    output.append(high)
                }
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                // Up to three octal digits; C stores the value in a byte, so \777 wraps the same way.
                var value = 0
                var digits = 0
                while digits < 3, index < input.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(input[index]) {
                    value = value * 8 + Int(input[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                output.append(UInt8(truncatingIfNeeded: value))
            default:
                // An unknown escape: the backslash goes and the character after it stays.
                continue
            }
        }
        return output
    }

    /// The escaped text wpa_supplicant prints for these bytes (its `printf_encode`): the inverse of
    /// `decodeEscaped(_:)`, for building expected replies in tests and for showing raw names.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case Self.quote, Self.backslash: output += [Self.backslash, byte]
            case 0x1B: output += [Self.backslash, UInt8(ascii: "e")]
            case 0x0A: output += [Self.backslash, UInt8(ascii: "n")]
            case 0x0D: output += [Self.backslash, UInt8(ascii: "r")]
            case 0x09: output += [Self.backslash, UInt8(ascii: "t")]
            case 0x20...0x7E: output.append(byte)
            default:
                output += [
                    Self.backslash, UInt8(ascii: "x"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)],
                ]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Hex

    /// The bytes as lowercase hex, two digits each: the form wpa_supplicant accepts for any string
    /// field, whatever bytes it holds.
    public static func hex(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(Self.hexDigits[Int(byte >> 4)])
            output.append(Self.hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of hex text (either case), as GET_NETWORK returns an SSID; nil when the length is
    /// odd or a character is not a hex digit, so a quoted or garbled value is never half-read.
    public static func bytes(hex: some StringProtocol) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
                return nil
            }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    // MARK: - String fields of SET_NETWORK

    /// How to send a string field (identity, password, sae_password) in SET_NETWORK.
    ///
    /// wpa_supplicant's `wpa_config_parse_string` takes `"text"` or hex. The quoted form is used
    /// when every byte is printable ASCII, so the configuration it saves stays readable; quotes inside
    /// are fine, because it reads up to the last quote. Anything else (UTF-8, control bytes) goes as
    /// hex, which carries any byte and cannot be cut short by the command line.
    public static func stringValue(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        }
        return Self.hex(bytes)
    }

    // MARK: - Shared by the reply parsers

    /// The non-empty lines of a reply, without their line ends; a reply may end with a newline or
    /// not. A Swift `Character` holds `\r\n` as one, so both ends are looked for.
    static func lines(_ reply: some StringProtocol) -> [Substring] {
        Substring(reply).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
    }

    /// The flags of a SCAN_RESULTS or LIST_NETWORKS row: `[WPA2-PSK-CCMP][ESS]` is `WPA2-PSK-CCMP`
    /// and `ESS`. Text outside brackets is not a flag and is skipped.
    static func bracketedFlags(_ text: some StringProtocol) -> [String] {
        var flags: [String] = []
        var current: String?
        for character in text {
            switch character {
            case "[": current = ""
            case "]":
                if let flag = current, !flag.isEmpty { flags.append(flag) }
                current = nil
            default: current?.append(character)
            }
        }
        return flags
    }

    /// True for a MAC address as wpa_supplicant prints one: six two-digit hex groups and colons.
    static func isMACAddress(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 17 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index % 3 == 2 {
                guard byte == UInt8(ascii: ":") else { return false }
            } else {
                guard Self.hexValue(byte) != nil else { return false }
            }
        }
        return true
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

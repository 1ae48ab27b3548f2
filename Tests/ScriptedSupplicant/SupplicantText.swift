/// The ways wpa_supplicant turns bytes into text and back: `printf_encode` for what it prints
/// (SSIDs in scan results, network lists, status and events), the quoted-or-hex form of its
/// configuration values, and the value syntax `SET_NETWORK` and the configuration file accept.
///
/// SSIDs are bytes, not strings: an SSID may hold any byte, and a client that matches replies
/// against its own text has to see exactly the escaping the real daemon produces.
enum SupplicantText {
    /// `printf_encode`: `"` and `\` escaped with a backslash, ESC, newline, carriage return and
    /// tab as `\e \n \r \t`, other bytes below 0x20 or above 0x7e as lowercase `\xNN`.
    static func encode(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x1B: text += "\\e"
            case UInt8(ascii: "\n"): text += "\\n"
            case UInt8(ascii: "\r"): text += "\\r"
            case UInt8(ascii: "\t"): text += "\\t"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + self.hexByte(byte)
            }
        }
        return text
    }

    /// Lowercase hex of every byte, the form wpa_supplicant writes non-ASCII SSIDs and hex PSKs in.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map(self.hexByte).joined()
    }

    /// A string value as `GET_NETWORK` and the configuration file show it (`wpa_config_write_string`):
    /// quoted when every byte is printable ASCII, hex otherwise.
    static func configuration(_ bytes: [UInt8]) -> String {
        let printable = bytes.allSatisfy { (0x20...0x7E).contains($0) }
        return printable ? "\"" + String(decoding: bytes, as: UTF8.self) + "\"" : self.hex(bytes)
    }

    /// A string value as `SET_NETWORK` and the configuration file accept it
    /// (`wpa_config_parse_string`): `"text"` up to the last quote (so inner quotes are kept),
    /// `P"text"` with printf escapes, or an even number of hex digits. Nil when it is none of these.
    static func parse(_ value: String) -> [UInt8]? {
        let bytes = Array(value.utf8)
        if bytes.first == UInt8(ascii: "\"") {
            guard let last = bytes.lastIndex(of: UInt8(ascii: "\"")), last > 0 else { return nil }
            return Array(bytes[1..<last])
        }
        if bytes.count >= 3, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "\"") {
            guard let last = bytes.lastIndex(of: UInt8(ascii: "\"")), last > 1 else { return nil }
            return self.decode(Array(bytes[2..<last]))
        }
        return self.bytes(fromHex: value)
    }

    /// The bytes of an even-length hex string, or nil if it is not one.
    static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = self.nibble(digits[index]), let low = self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// `printf_decode`: the inverse of `encode`, for `P"…"` values.
    static func decode(_ text: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < text.count else {
                bytes.append(byte)
                index += 1
                continue
            }
            let escaped = text[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "r"): bytes.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "t"): bytes.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "e"): bytes.append(0x1B)
            case UInt8(ascii: "x"):
                if index + 1 < text.count, let high = self.nibble(text[index]), let low = self.nibble(text[index + 1]) {
                    bytes.append(high << 4 | low)
                    index += 2
                }
            default: bytes.append(escaped)
            }
        }
        return bytes
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

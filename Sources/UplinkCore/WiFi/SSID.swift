/// A Wi-Fi network name: 1 to 32 arbitrary bytes, exactly as the access point sends them.
///
/// SSIDs are bytes, not text: most are UTF-8, some are not, and some contain quotes, backslashes or
/// control bytes. uplink keeps the bytes and renders them for people with `displayName`, so a name
/// round-trips byte for byte through scan results, the saved configuration and the screen.
public struct SSID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name's bytes.
    public let bytes: [UInt8]

    /// The accepted length, in bytes (IEEE 802.11).
    public static let lengthRange = 1...32

    /// Makes an SSID from bytes.
    /// - Throws: `WiFiCredentialError.ssidLength` when there are not 1 to 32 bytes.
    public init(bytes: [UInt8]) throws(WiFiCredentialError) {
        guard Self.lengthRange.contains(bytes.count) else { throw .ssidLength(bytes.count) }
        self.bytes = bytes
    }

    /// Makes an SSID from text as a person typed it (its UTF-8 bytes).
    /// - Throws: `WiFiCredentialError` when it is not 1 to 32 bytes or contains control characters.
    public init(_ text: String) throws(WiFiCredentialError) {
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .controlCharacter(field: "SSID", codePoint: control.value)
        }
        try self.init(bytes: Array(text.utf8))
    }

    /// The name for a person: the UTF-8 text when the bytes are valid UTF-8 without control
    /// characters; otherwise each byte that is not printable text as `\xNN`.
    public var displayName: String {
        if let text = String(validating: self.bytes, as: UTF8.self),
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            return text
        }
        var result = ""
        for byte in self.bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16)
                result += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    public var description: String { self.displayName }

    public static func < (lhs: SSID, rhs: SSID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

/// An IPv4 address, held as one 32-bit number so that comparing and hashing cost nothing.
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address in host byte order: 192.0.2.1 is `0xC000_0201`.
    public var value: UInt32

    /// Makes an address from its 32-bit value in host byte order.
    public init(value: UInt32) {
        self.value = value
    }

    /// Makes an address from its four dotted-quad parts, most significant first.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Makes an address from exactly four bytes in network order, as the kernel hands them over;
    /// nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        var value: UInt32 = 0
        var count = 0
        for byte in bytes {
            count += 1
            guard count <= 4 else { return nil }
            value = value << 8 | UInt32(byte)
        }
        guard count == 4 else { return nil }
        self.value = value
    }

    /// Parses a strict dotted quad such as `192.0.2.1`; nil for anything else.
    ///
    /// Shorthand that `inet_aton` tolerates (`192.1`, `0xC0.0.2.1`) and leading zeros are rejected:
    /// `010` means 8 to some tools and 10 to others, and an address must not depend on who reads it.
    public init?(_ text: some StringProtocol) {
        // Parsing the contiguous bytes directly lets the compiler specialize the parser; the generic
        // fallback only runs for strings that are not stored contiguously.
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parse($0) } ?? Self.parse(text.utf8)
        guard let value = parsed else { return nil }
        self.value = value
    }

    /// The four bytes in network order.
    public var bytes: [UInt8] {
        [
            UInt8(truncatingIfNeeded: self.value >> 24), UInt8(truncatingIfNeeded: self.value >> 16),
            UInt8(truncatingIfNeeded: self.value >> 8), UInt8(truncatingIfNeeded: self.value),
        ]
    }

    /// The dotted-quad form, such as `192.0.2.1`.
    public var description: String {
        var text = ""
        text.reserveCapacity(15)
        Self.appendDottedQuad(self.value, to: &text)
        return text
    }

    /// True for 169.254.0.0/16, the addresses a host picks for itself when nothing configures it.
    public var isLinkLocal: Bool { self.value >> 16 == 0xA9FE }

    /// True for 127.0.0.0/8, which never leaves the host.
    public var isLoopback: Bool { self.value >> 24 == 127 }

    /// True for 0.0.0.0, which names no host at all.
    public var isUnspecified: Bool { self.value == 0 }

    /// Orders numerically, so 192.0.2.9 sorts before 192.0.2.10.
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }

    /// Parses a strict dotted quad from UTF-8; shared with `IPv6Address` for its embedded IPv4 tail.
    static func parse(_ utf8: some Collection<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digitsInPart = 0
        var completedParts = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // A digit after a lone zero is a leading zero.
                if digitsInPart == 1 && part == 0 { return nil }
                part = part * 10 + UInt32(byte &- UInt8(ascii: "0"))
                // Checked per digit, so the part cannot overflow however long the input is.
                guard part <= 255 else { return nil }
                digitsInPart += 1
            case UInt8(ascii: "."):
                guard digitsInPart > 0, completedParts < 3 else { return nil }
                value = value << 8 | part
                completedParts += 1
                part = 0
                digitsInPart = 0
            default:
                return nil
            }
        }
        guard digitsInPart > 0, completedParts == 3 else { return nil }
        return value << 8 | part
    }

    /// Appends the dotted-quad form; shared with `IPv6Address` for IPv4-mapped addresses.
    static func appendDottedQuad(_ value: UInt32, to text: inout String) {
        text += String(value >> 24)
        text += "."
        text += String(value >> 16 & 0xFF)
        text += "."
        text += String(value >> 8 & 0xFF)
        text += "."
        text += String(value & 0xFF)
    }
}

/// An IPv6 address, held as two 64-bit halves so that comparing and hashing cost nothing.
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first eight bytes, in host byte order: `2001:db8::` has `high == 0x2001_0DB8_0000_0000`.
    public var high: UInt64
    /// The last eight bytes, in host byte order: `::1` has `low == 1`.
    public var low: UInt64

    /// Makes an address from its two halves in host byte order.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Makes an address from exactly sixteen bytes in network order, as the kernel hands them over;
    /// nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0
        for byte in bytes {
            count += 1
            guard count <= 16 else { return nil }
            // Bytes shift through `low` into `high`, so the first eight end up in `high`.
            high = high << 8 | low >> 56
            low = low << 8 | UInt64(byte)
        }
        guard count == 16 else { return nil }
        self.high = high
        self.low = low
    }

    /// Parses any RFC 4291 text form: eight groups of one to four hexadecimal digits in either case,
    /// at most one `::` standing for one or more zero groups, and an optional dotted-quad tail such as
    /// `::ffff:192.0.2.1`; nil for anything else.
    ///
    /// Zone identifiers (`fe80::1%eth0`) and brackets (`[2001:db8::1]`) are rejected: the zone names an
    /// interface rather than being part of the address, and brackets belong to URLs.
    public init?(_ text: some StringProtocol) {
        // Parsing the contiguous bytes directly lets the compiler specialize the parser; the generic
        // fallback only runs for strings that are not stored contiguously.
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parse($0) } ?? Self.parse(text.utf8)
        guard let (high, low) = parsed else { return nil }
        self.high = high
        self.low = low
    }

    /// The sixteen bytes in network order.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? self.high : self.low
            return UInt8(truncatingIfNeeded: half >> (56 - 8 * (index % 8)))
        }
    }

    /// The RFC 5952 canonical form: lowercase, no leading zeros, the longest run of two or more zero
    /// groups (the first on ties) written `::`, and IPv4-mapped addresses as `::ffff:192.0.2.1`.
    public var description: String {
        var text = ""
        text.reserveCapacity(39)
        if self.high == 0 && self.low >> 32 == 0xFFFF {
            text += "::ffff:"
            IPv4Address.appendDottedQuad(UInt32(truncatingIfNeeded: self.low), to: &text)
            return text
        }
        let run = self.longestZeroRun()
        var index = 0
        while index < 8 {
            if index == run.start {
                text += "::"
                index += run.length
                continue
            }
            // A separator is owed unless the previous thing written was the `::`.
            if index > 0 && index != run.start + run.length {
                text += ":"
            }
            text += String(self.group(index), radix: 16)
            index += 1
        }
        return text
    }

    /// True for fe80::/10, addresses valid on one link only.
    public var isLinkLocal: Bool { self.high >> 54 == 0x3FA }

    /// True for ::1, which never leaves the host.
    public var isLoopback: Bool { self.high == 0 && self.low == 1 }

    /// True for ::, which names no host at all.
    public var isUnspecified: Bool { self.high == 0 && self.low == 0 }

    /// True for ff00::/8, which names a group of hosts rather than one.
    public var isMulticast: Bool { self.high >> 56 == 0xFF }

    /// Orders numerically, the same order as comparing the bytes one by one.
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// The sixteen-bit group at `index` (0 to 7), most significant first.
    private func group(_ index: Int) -> UInt16 {
        let half = index < 4 ? self.high : self.low
        return UInt16(truncatingIfNeeded: half >> (48 - 16 * (index % 4)))
    }

    /// Where the `::` goes: the longest run of at least two zero groups, the first on ties; a start of
    /// -1 when there is none, because RFC 5952 forbids compressing a single group.
    private func longestZeroRun() -> (start: Int, length: Int) {
        var best = (start: -1, length: 1)
        var runStart = 0
        var runLength = 0
        for index in 0..<8 {
            if self.group(index) == 0 {
                if runLength == 0 { runStart = index }
                runLength += 1
                // Strictly longer, so an equal run later on does not displace the first.
                if runLength > best.length { best = (runStart, runLength) }
            } else {
                runLength = 0
            }
        }
        return best
    }

    /// Parses the RFC 4291 text forms from UTF-8 in one pass without allocating.
    ///
    /// Groups before the `::` accumulate in `head` and those after it in `tail`; the gap between them
    /// is whatever is left of the eight groups once both are counted.
    private static func parse(_ utf8: some Collection<UInt8>) -> (high: UInt64, low: UInt64)? {
        let colon = UInt8(ascii: ":")
        var head: (high: UInt64, low: UInt64) = (0, 0)
        var tail: (high: UInt64, low: UInt64) = (0, 0)
        var headGroups = 0
        var tailGroups = 0
        var sawDoubleColon = false
        var index = utf8.startIndex
        let end = utf8.endIndex
        guard index != end else { return nil }

        // A leading colon is only valid as the start of `::`, which the loop below cannot see because it
        // expects a group first.
        if utf8[index] == colon {
            index = utf8.index(after: index)
            guard index != end, utf8[index] == colon else { return nil }
            sawDoubleColon = true
            index = utf8.index(after: index)
            if index == end { return (0, 0) }
        }

        while true {
            let groupStart = index
            var group: UInt64 = 0
            var digits = 0
            while index != end, let digit = hexadecimalValue(utf8[index]) {
                digits += 1
                guard digits <= 4 else { return nil }
                group = group << 4 | digit
                index = utf8.index(after: index)
            }

            if index != end && utf8[index] == UInt8(ascii: ".") {
                // A dotted quad must run to the end of the text and fill the last two groups.
                guard let ipv4 = IPv4Address.parse(utf8[groupStart..<end]) else { return nil }
                guard headGroups + tailGroups <= 6 else { return nil }
                if sawDoubleColon {
                    Self.shiftIn(UInt64(ipv4), bits: 32, into: &tail)
                    tailGroups += 2
                } else {
                    Self.shiftIn(UInt64(ipv4), bits: 32, into: &head)
                    headGroups += 2
                }
                break
            }

            guard digits > 0, headGroups + tailGroups < 8 else { return nil }
            if sawDoubleColon {
                Self.shiftIn(group, bits: 16, into: &tail)
                tailGroups += 1
            } else {
                Self.shiftIn(group, bits: 16, into: &head)
                headGroups += 1
            }

            if index == end { break }
            guard utf8[index] == colon else { return nil }
            index = utf8.index(after: index)
            guard index != end else { return nil }
            if utf8[index] == colon {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                index = utf8.index(after: index)
                if index == end { break }
            }
        }

        if sawDoubleColon {
            // `::` stands for at least one zero group.
            guard headGroups + tailGroups <= 7 else { return nil }
        } else {
            guard headGroups == 8 else { return nil }
        }
        // The head groups belong at the top: move them up past the gap and the tail.
        Self.shiftIn(0, bits: 16 * (8 - headGroups), into: &head)
        return (head.high | tail.high, head.low | tail.low)
    }

    /// Shifts a 128-bit value held as two halves left by `bits` (0 to 128) and puts `value` in the
    /// vacated low bits.
    private static func shiftIn(_ value: UInt64, bits: Int, into halves: inout (high: UInt64, low: UInt64)) {
        // Swift's shifts are smart: 64 or more yields zero and a negative amount shifts the other way, so
        // for `bits` above 64 the second term becomes `low << (bits - 64)`, exactly what a 128-bit shift needs.
        halves.high = halves.high << bits | halves.low >> (64 - bits)
        halves.low = halves.low << bits | value
    }

    /// The value of one hexadecimal digit in either case, or nil for any other byte.
    private static func hexadecimalValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte &- UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte &- UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

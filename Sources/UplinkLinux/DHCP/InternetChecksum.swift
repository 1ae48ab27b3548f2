/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
/// words, as IPv4 headers and UDP use it.
struct InternetChecksum {
    private var sum: UInt32 = 0
    /// A byte left over from an odd-length chunk, to pair with the next chunk's first byte.
    private var pendingHighByte: UInt8?

    init() {}

    /// Adds bytes, in order; chunks may have any length.
    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            if let high = self.pendingHighByte {
                self.sum &+= UInt32(high) << 8 | UInt32(byte)
                self.pendingHighByte = nil
                // Folding as we go keeps the 32-bit sum from overflowing on any packet size.
                if self.sum > 0xFFFF { self.sum = (self.sum & 0xFFFF) + (self.sum >> 16) }
            } else {
                self.pendingHighByte = byte
            }
        }
    }

    /// Adds a 16-bit word.
    mutating func add(_ word: UInt16) {
        self.add([UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)])
    }

    /// The checksum: an odd final byte is padded with zero, carries are folded and the sum inverted.
    var value: UInt16 {
        var sum = self.sum
        if let high = self.pendingHighByte { sum &+= UInt32(high) << 8 }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(truncatingIfNeeded: sum)
    }

    /// The checksum of one buffer.
    static func of(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var checksum = InternetChecksum()
        checksum.add(bytes)
        return checksum.value
    }
}

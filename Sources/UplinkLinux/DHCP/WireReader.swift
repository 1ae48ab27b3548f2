import UplinkCore

/// Reads big-endian fields from a byte buffer, checking every access against the end, so that a
/// short or lying packet becomes a `DHCPCodecError` rather than a crash.
struct WireReader {
    private let bytes: [UInt8]
    /// Where the next read starts.
    private(set) var offset: Int
    /// Where the readable region ends (a length field may end it before the buffer does).
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
    }

    /// How many bytes are left before the end.
    var remaining: Int { max(self.end - self.offset, 0) }

    mutating func byte(_ field: String) throws(DHCPCodecError) -> UInt8 {
        try self.require(1, field)
        defer { self.offset += 1 }
        return self.bytes[self.offset]
    }

    mutating func uint16(_ field: String) throws(DHCPCodecError) -> UInt16 {
        try self.require(2, field)
        defer { self.offset += 2 }
        return UInt16(self.bytes[self.offset]) << 8 | UInt16(self.bytes[self.offset + 1])
    }

    mutating func uint32(_ field: String) throws(DHCPCodecError) -> UInt32 {
        try self.require(4, field)
        var value: UInt32 = 0
        for index in self.offset..<self.offset + 4 { value = value << 8 | UInt32(self.bytes[index]) }
        self.offset += 4
        return value
    }

    mutating func address(_ field: String) throws(DHCPCodecError) -> IPv4Address {
        IPv4Address(value: try self.uint32(field))
    }

    mutating func bytes(_ count: Int, _ field: String) throws(DHCPCodecError) -> ArraySlice<UInt8> {
        try self.require(count, field)
        defer { self.offset += count }
        return self.bytes[self.offset..<self.offset + count]
    }

    private func require(_ count: Int, _ field: String) throws(DHCPCodecError) {
        guard count >= 0, self.remaining >= count else {
            throw DHCPCodecError(
                .truncated, "\(field): needs \(count) bytes at offset \(self.offset), \(self.remaining) left")
        }
    }
}

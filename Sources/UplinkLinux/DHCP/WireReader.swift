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

/// Appends big-endian fields to a byte buffer: the writing half of `WireReader`.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        self.bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ value: UInt8) {
        self.bytes.append(value)
    }

    mutating func uint16(_ value: UInt16) {
        self.bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        self.bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            self.bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    mutating func address(_ address: IPv4Address) {
        self.uint32(address.value)
    }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        self.bytes.append(contentsOf: bytes)
    }

    /// Appends `count` zero bytes.
    mutating func zeros(_ count: Int) {
        self.bytes.append(contentsOf: repeatElement(0, count: max(count, 0)))
    }
}

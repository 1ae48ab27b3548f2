import UplinkCore

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

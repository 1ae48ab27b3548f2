/// Reading and writing the host-order integers and C structures of netlink messages in byte arrays.
///
/// Netlink is in host byte order (netlink(7)), except where an attribute says otherwise (addresses are
/// in network order), so these load and store the machine's own representation, unaligned.
enum NetlinkBytes {
    /// The value of type `T` stored at `offset`; the caller has checked that it fits.
    static func load<T>(_ type: T.Type, from bytes: [UInt8], at offset: Int) -> T {
        precondition(
            offset >= 0 && offset + MemoryLayout<T>.size <= bytes.count, "Internal inconsistency: read past end")
        return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// Appends the bytes of a value, as the machine stores it.
    static func append<T>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// Overwrites the bytes at `offset` with a value, as the machine stores it.
    static func store<T>(_ value: T, into bytes: inout [UInt8], at offset: Int) {
        precondition(
            offset >= 0 && offset + MemoryLayout<T>.size <= bytes.count, "Internal inconsistency: write past end")
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: offset, as: T.self) }
    }

    /// Appends zero bytes up to the next multiple of four, where the next message or attribute starts.
    static func pad(_ bytes: inout [UInt8]) {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    /// Rounds a length up to a multiple of four (NLMSG_ALIGN and RTA_ALIGN are the same rule).
    static func aligned(_ length: Int) -> Int {
        (length + 3) & ~3
    }
}

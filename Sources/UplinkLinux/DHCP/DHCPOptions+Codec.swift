import UplinkCore

/// Reading and writing the options area: code, length, value, with pad and end (RFC 2132 §2).
extension DHCPOptions {
    // MARK: - Parsing

    /// Reads the options in `bytes[start..<end]` into `raw`, concatenating repeated codes (RFC 3396).
    /// Stops at the end option, or at the end of the region when a server left it out; an option
    /// whose length runs past the region is an error.
    static func collect(
        _ bytes: [UInt8],
        from start: Int,
        to end: Int,
        field: String,
        into raw: inout [UInt8: [UInt8]]
    ) throws(DHCPCodecError) {
        var reader = WireReader(bytes, from: start, end: end)
        while reader.remaining > 0 {
            let code = try reader.byte("\(field) option code")
            if code == Code.pad { continue }
            if code == Code.end { return }
            let length = try reader.byte("length of option \(code) in \(field)")
            guard reader.remaining >= Int(length) else {
                throw DHCPCodecError(
                    .malformedOption(code: code),
                    "option \(code) in \(field) says \(length) bytes, only \(reader.remaining) left"
                )
            }
            raw[code, default: []] += try reader.bytes(Int(length), "option \(code)")
        }
    }

    /// The typed options from raw values; every other code stays in `other`.
    /// - Throws: `.malformedOption` naming an option whose length or value RFC 2132 does not allow.
    init(raw: [UInt8: [UInt8]]) throws(DHCPCodecError) {
        var other = raw
        func take(_ code: UInt8) -> [UInt8]? { other.removeValue(forKey: code) }
        self.init()
        if let value = take(Code.messageType) {
            let byte = try Self.exactly(1, value, code: Code.messageType, "message type")[0]
            guard let type = DHCPMessageType(rawValue: byte) else {
                throw DHCPCodecError(
                    .malformedOption(code: Code.messageType), "message type \(byte) is not one of 1–8 (RFC 2132 §9.6)")
            }
            self.messageType = type
        }
        self.subnetMask = try take(Code.subnetMask).map { value throws(DHCPCodecError) in
            try Self.address(value, code: Code.subnetMask, "subnet mask")
        }
        self.routers =
            try take(Code.routers).map { value throws(DHCPCodecError) in
                try Self.addresses(value, code: Code.routers, "routers")
            } ?? []
        self.domainNameServers =
            try take(Code.domainNameServers).map { value throws(DHCPCodecError) in
                try Self.addresses(value, code: Code.domainNameServers, "domain name servers")
            } ?? []
        self.hostName = try take(Code.hostName).map { value throws(DHCPCodecError) in
            try Self.text(value, code: Code.hostName, "host name")
        }
        self.domainName = try take(Code.domainName).map { value throws(DHCPCodecError) in
            try Self.text(value, code: Code.domainName, "domain name")
        }
        if let value = take(Code.interfaceMTU) {
            let mtu = try Self.uint16(value, code: Code.interfaceMTU, "interface MTU")
            // RFC 2132 §5.1: the minimum legal value is 68.
            guard mtu >= 68 else {
                throw DHCPCodecError(.malformedOption(code: Code.interfaceMTU), "interface MTU \(mtu) is below 68")
            }
            self.interfaceMTU = mtu
        }
        self.requestedAddress = try take(Code.requestedAddress).map { value throws(DHCPCodecError) in
            try Self.address(value, code: Code.requestedAddress, "requested address")
        }
        self.leaseTime = try take(Code.leaseTime).map { value throws(DHCPCodecError) in
            try Self.uint32(value, code: Code.leaseTime, "lease time")
        }
        self.serverIdentifier = try take(Code.serverIdentifier).map { value throws(DHCPCodecError) in
            try Self.address(value, code: Code.serverIdentifier, "server identifier")
        }
        if let value = take(Code.parameterRequestList) {
            guard !value.isEmpty else {
                throw DHCPCodecError(
                    .malformedOption(code: Code.parameterRequestList), "parameter request list is empty")
            }
            self.parameterRequestList = value
        }
        self.message = try take(Code.message).map { value throws(DHCPCodecError) in
            try Self.text(value, code: Code.message, "message")
        }
        if let value = take(Code.maximumMessageSize) {
            let size = try Self.uint16(value, code: Code.maximumMessageSize, "maximum message size")
            // RFC 2132 §9.10: the minimum legal value is 576.
            guard size >= 576 else {
                throw DHCPCodecError(
                    .malformedOption(code: Code.maximumMessageSize), "maximum message size \(size) is below 576")
            }
            self.maximumMessageSize = size
        }
        self.renewalTime = try take(Code.renewalTime).map { value throws(DHCPCodecError) in
            try Self.uint32(value, code: Code.renewalTime, "renewal (T1) time")
        }
        self.rebindingTime = try take(Code.rebindingTime).map { value throws(DHCPCodecError) in
            try Self.uint32(value, code: Code.rebindingTime, "rebinding (T2) time")
        }
        if let value = take(Code.clientIdentifier) {
            // RFC 2132 §9.14: the minimum length is 2 (a type and at least one byte).
            guard value.count >= 2 else {
                throw DHCPCodecError(
                    .malformedOption(code: Code.clientIdentifier),
                    "client identifier has \(value.count) bytes, needs at least 2")
            }
            self.clientIdentifier = value
        }
        // Overload was acted on by the message parser; it says nothing about the lease.
        other[Code.overload] = nil
        self.other = other
    }

    private static func exactly(
        _ count: Int,
        _ value: [UInt8],
        code: UInt8,
        _ name: String
    ) throws(DHCPCodecError) -> [UInt8] {
        guard value.count == count else {
            throw DHCPCodecError(
                .malformedOption(code: code), "\(name) (option \(code)) has \(value.count) bytes, needs \(count)")
        }
        return value
    }

    private static func address(_ value: [UInt8], code: UInt8, _ name: String) throws(DHCPCodecError) -> IPv4Address {
        IPv4Address(bytes: try Self.exactly(4, value, code: code, name))!
    }

    private static func addresses(
        _ value: [UInt8],
        code: UInt8,
        _ name: String
    ) throws(DHCPCodecError) -> [IPv4Address] {
        guard !value.isEmpty, value.count % 4 == 0 else {
            throw DHCPCodecError(
                .malformedOption(code: code),
                "\(name) (option \(code)) has \(value.count) bytes, needs a non-zero multiple of 4")
        }
        return stride(from: 0, to: value.count, by: 4).map { IPv4Address(bytes: value[$0..<$0 + 4])! }
    }

    private static func uint16(_ value: [UInt8], code: UInt8, _ name: String) throws(DHCPCodecError) -> UInt16 {
        let bytes = try Self.exactly(2, value, code: code, name)
        return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
    }

    private static func uint32(_ value: [UInt8], code: UInt8, _ name: String) throws(DHCPCodecError) -> UInt32 {
        let bytes = try Self.exactly(4, value, code: code, name)
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// NVT ASCII in the RFC; taken as UTF-8, without the trailing NULs some servers add.
    private static func text(_ value: [UInt8], code: UInt8, _ name: String) throws(DHCPCodecError) -> String {
        var bytes = value[...]
        while bytes.last == 0 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else {
            throw DHCPCodecError(.malformedOption(code: code), "\(name) (option \(code)) is empty")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Encoding

    /// The options as code-length-value triples: the message type first (servers and relays look
    /// for it there), then every other option in code order, then the end option. A value longer than
    /// 255 bytes is split into several instances of its code (RFC 3396).
    func encoded() -> [UInt8] {
        var values = self.other
        values[Code.overload] = nil
        func put(_ code: UInt8, _ value: [UInt8]?) {
            if let value { values[code] = value }
        }
        put(Code.subnetMask, self.subnetMask?.bytes)
        put(Code.routers, self.routers.isEmpty ? nil : self.routers.flatMap(\.bytes))
        put(Code.domainNameServers, self.domainNameServers.isEmpty ? nil : self.domainNameServers.flatMap(\.bytes))
        put(Code.hostName, self.hostName.map { Array($0.utf8) })
        put(Code.domainName, self.domainName.map { Array($0.utf8) })
        put(Code.interfaceMTU, self.interfaceMTU.map(Self.bigEndian))
        put(Code.requestedAddress, self.requestedAddress?.bytes)
        put(Code.leaseTime, self.leaseTime.map(Self.bigEndian))
        put(Code.serverIdentifier, self.serverIdentifier?.bytes)
        put(Code.parameterRequestList, self.parameterRequestList.isEmpty ? nil : self.parameterRequestList)
        put(Code.message, self.message.map { Array($0.utf8) })
        put(Code.maximumMessageSize, self.maximumMessageSize.map(Self.bigEndian))
        put(Code.renewalTime, self.renewalTime.map(Self.bigEndian))
        put(Code.rebindingTime, self.rebindingTime.map(Self.bigEndian))
        put(Code.clientIdentifier, self.clientIdentifier)
        values[Code.messageType] = nil
        values[Code.pad] = nil
        values[Code.end] = nil

        var writer = WireWriter(capacity: 64)
        if let type = self.messageType { writer.append([Code.messageType, 1, type.rawValue]) }
        for code in values.keys.sorted() {
            var value = values[code]![...]
            repeat {
                let chunk = value.prefix(255)
                writer.append([code, UInt8(chunk.count)])
                writer.append(chunk)
                value = value.dropFirst(chunk.count)
            } while !value.isEmpty
        }
        writer.byte(Code.end)
        return writer.bytes
    }

    private static func bigEndian(_ value: UInt16) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }
}

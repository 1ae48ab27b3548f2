import UplinkCore

/// One BOOTP/DHCP message (RFC 2131 §2, figure 1): the fixed fields, then the magic cookie and the
/// options.
///
/// `parse` checks every length against the bytes it was given, so a short or malformed packet is a
/// `DHCPCodecError`, never a crash; `encoded()` builds the bytes a client sends.
public struct DHCPMessage: Hashable, Sendable {
    /// `op`: whether a client or a server sent the message.
    public enum Operation: UInt8, Hashable, Sendable {
        /// BOOTREQUEST, from a client.
        case request = 1
        /// BOOTREPLY, from a server.
        case reply = 2
    }

    /// The `flags` field (RFC 2131 §2, figure 2).
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Asks servers to broadcast their replies, for a client that cannot receive unicast IP
        /// before it has an address (RFC 2131 §4.1).
        public static let broadcast = Flags(rawValue: 0x8000)
    }

    /// The magic cookie 99.130.83.99 that starts the options (RFC 2131 §3, RFC 2132 §2).
    public static let magicCookie: [UInt8] = [99, 130, 83, 99]
    /// The size of the fixed part: op through file, before the cookie.
    public static let fixedSize = 236
    /// The smallest message a BOOTP relay must accept (RFC 1542 §2.1); shorter ones are padded.
    public static let minimumSize = 300
    /// The hardware type of Ethernet (`htype`, from ARP's numbers).
    public static let ethernetHardwareType: UInt8 = 1

    /// `op`.
    public var operation: Operation
    /// `htype`: the hardware address type.
    public var hardwareType: UInt8
    /// `hops`: relay agents set it; clients send zero.
    public var hops: UInt8
    /// `xid`: the transaction id the client chose, which replies echo.
    public var xid: UInt32
    /// `secs`: seconds since the client began acquiring or renewing.
    public var secondsElapsed: UInt16
    /// `flags`.
    public var flags: Flags
    /// `ciaddr`: the client's address, when it has one (BOUND, RENEWING, REBINDING).
    public var clientAddress: IPv4Address
    /// `yiaddr`: the address a server offers or grants.
    public var yourAddress: IPv4Address
    /// `siaddr`: the next server to use in bootstrap.
    public var nextServerAddress: IPv4Address
    /// `giaddr`: the relay agent's address.
    public var relayAgentAddress: IPv4Address
    /// `chaddr`, up to `hlen` bytes: the client's hardware (MAC) address.
    public var clientHardwareAddress: [UInt8]
    /// `sname`, without trailing zeros (empty when it carried options instead).
    public var serverName: [UInt8]
    /// `file`, without trailing zeros (empty when it carried options instead).
    public var bootFileName: [UInt8]
    /// The options.
    public var options: DHCPOptions

    public init(
        operation: Operation,
        hardwareType: UInt8 = DHCPMessage.ethernetHardwareType,
        hops: UInt8 = 0,
        xid: UInt32,
        secondsElapsed: UInt16 = 0,
        flags: Flags = [],
        clientAddress: IPv4Address = IPv4Address(value: 0),
        yourAddress: IPv4Address = IPv4Address(value: 0),
        nextServerAddress: IPv4Address = IPv4Address(value: 0),
        relayAgentAddress: IPv4Address = IPv4Address(value: 0),
        clientHardwareAddress: [UInt8],
        serverName: [UInt8] = [],
        bootFileName: [UInt8] = [],
        options: DHCPOptions
    ) {
        self.operation = operation
        self.hardwareType = hardwareType
        self.hops = hops
        self.xid = xid
        self.secondsElapsed = secondsElapsed
        self.flags = flags
        self.clientAddress = clientAddress
        self.yourAddress = yourAddress
        self.nextServerAddress = nextServerAddress
        self.relayAgentAddress = relayAgentAddress
        self.clientHardwareAddress = clientHardwareAddress
        self.serverName = serverName
        self.bootFileName = bootFileName
        self.options = options
    }

    /// The message type (option 53); nil for a plain BOOTP message.
    public var messageType: DHCPMessageType? { self.options.messageType }

    // MARK: - Parsing

    /// Parses a message from the UDP payload.
    ///
    /// Options in `file` and `sname` are read when option 52 says so, in the order RFC 2131 §4.1
    /// gives (options field, then `file`, then `sname`); unknown options are kept raw in
    /// `options.other`; pad options and bytes after the end option are skipped.
    /// - Throws: `DHCPCodecError` for a message shorter than its fixed part, a wrong cookie, a
    ///   hardware address length over 16, an option that runs past its field, or a known option
    ///   whose length or value RFC 2132 does not allow.
    public init(parsing bytes: [UInt8]) throws(DHCPCodecError) {
        guard bytes.count >= Self.fixedSize + Self.magicCookie.count else {
            throw DHCPCodecError(
                .truncated,
                "DHCP message has \(bytes.count) bytes, needs at least \(Self.fixedSize + Self.magicCookie.count)")
        }
        var reader = WireReader(bytes)
        let op = try reader.byte("op")
        guard let operation = Operation(rawValue: op) else {
            throw DHCPCodecError(.invalidField, "op is \(op), expected 1 (BOOTREQUEST) or 2 (BOOTREPLY)")
        }
        self.operation = operation
        self.hardwareType = try reader.byte("htype")
        let hardwareLength = try reader.byte("hlen")
        guard hardwareLength <= 16 else {
            throw DHCPCodecError(.invalidField, "hlen is \(hardwareLength), chaddr holds at most 16")
        }
        self.hops = try reader.byte("hops")
        self.xid = try reader.uint32("xid")
        self.secondsElapsed = try reader.uint16("secs")
        self.flags = Flags(rawValue: try reader.uint16("flags"))
        self.clientAddress = try reader.address("ciaddr")
        self.yourAddress = try reader.address("yiaddr")
        self.nextServerAddress = try reader.address("siaddr")
        self.relayAgentAddress = try reader.address("giaddr")
        self.clientHardwareAddress = Array(try reader.bytes(16, "chaddr").prefix(Int(hardwareLength)))
        let serverNameStart = reader.offset
        let serverName = try reader.bytes(64, "sname")
        let fileStart = reader.offset
        let file = try reader.bytes(128, "file")
        let cookie = try reader.bytes(4, "magic cookie")
        guard cookie.elementsEqual(Self.magicCookie) else {
            throw DHCPCodecError(
                .invalidField,
                "magic cookie is \(cookie.map(String.init).joined(separator: ".")), expected 99.130.83.99")
        }

        var raw: [UInt8: [UInt8]] = [:]
        try DHCPOptions.collect(bytes, from: reader.offset, to: bytes.count, field: "options", into: &raw)
        var overload: UInt8 = 0
        if let value = raw[DHCPOptions.Code.overload] {
            guard value.count == 1, (1...3).contains(value[0]) else {
                throw DHCPCodecError(
                    .malformedOption(code: DHCPOptions.Code.overload),
                    "option overload must be one byte of 1, 2 or 3 (RFC 2132 §9.3), got \(value)")
            }
            overload = value[0]
        }
        if overload & 1 != 0 {
            try DHCPOptions.collect(bytes, from: fileStart, to: fileStart + 128, field: "file", into: &raw)
        }
        if overload & 2 != 0 {
            try DHCPOptions.collect(bytes, from: serverNameStart, to: serverNameStart + 64, field: "sname", into: &raw)
        }
        self.serverName = overload & 2 != 0 ? [] : Self.trimmingZeros(serverName)
        self.bootFileName = overload & 1 != 0 ? [] : Self.trimmingZeros(file)
        self.options = try DHCPOptions(raw: raw)
    }

    private static func trimmingZeros(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var bytes = bytes
        while bytes.last == 0 { bytes = bytes.dropLast() }
        return Array(bytes)
    }

    // MARK: - Encoding

    /// The message's bytes, padded with zeros to the 300 bytes BOOTP relays expect (RFC 1542 §2.1).
    /// `sname` and `file` are cut to their 64 and 128 bytes, `chaddr` to 16; options never overload.
    public func encoded() -> [UInt8] {
        var writer = WireWriter(capacity: Self.minimumSize)
        writer.byte(self.operation.rawValue)
        writer.byte(self.hardwareType)
        let hardwareAddress = self.clientHardwareAddress.prefix(16)
        writer.byte(UInt8(hardwareAddress.count))
        writer.byte(self.hops)
        writer.uint32(self.xid)
        writer.uint16(self.secondsElapsed)
        writer.uint16(self.flags.rawValue)
        writer.address(self.clientAddress)
        writer.address(self.yourAddress)
        writer.address(self.nextServerAddress)
        writer.address(self.relayAgentAddress)
        writer.append(hardwareAddress)
        writer.zeros(16 - hardwareAddress.count)
        let serverName = self.serverName.prefix(64)
        writer.append(serverName)
        writer.zeros(64 - serverName.count)
        let file = self.bootFileName.prefix(128)
        writer.append(file)
        writer.zeros(128 - file.count)
        writer.append(Self.magicCookie)
        writer.append(self.options.encoded())
        writer.zeros(Self.minimumSize - writer.bytes.count)
        return writer.bytes
    }
}

import UplinkCore

/// A UDP datagram in an IPv4 packet without options, as a packet socket sends and receives it
/// (RFC 791 §3.1, RFC 768): the DHCP client writes its own headers because it has no address yet.
public struct IPv4UDPDatagram: Hashable, Sendable {
    /// The IPv4 protocol number of UDP.
    public static let udpProtocol: UInt8 = 17
    /// The size of an IPv4 header without options plus a UDP header.
    public static let headerSize = 28
    /// Type of service of the packets the client sends: CS6, network control, as dnsmasq and
    /// systemd-networkd mark DHCP.
    public static let typeOfService: UInt8 = 0xC0
    /// Time to live of the packets the client sends (the broadcast never leaves the link anyway).
    public static let timeToLive: UInt8 = 64

    /// The IPv4 source address.
    public var source: IPv4Address
    /// The IPv4 destination address.
    public var destination: IPv4Address
    /// The UDP source port.
    public var sourcePort: UInt16
    /// The UDP destination port.
    public var destinationPort: UInt16
    /// The UDP payload.
    public var payload: [UInt8]

    public init(
        source: IPv4Address,
        destination: IPv4Address,
        sourcePort: UInt16,
        destinationPort: UInt16,
        payload: [UInt8]
    ) {
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.payload = payload
    }

    // MARK: - Encoding

    /// The packet: a 20-byte IPv4 header with its checksum, then UDP with its checksum computed
    /// over the pseudo-header (RFC 768), or zero ("not computed", allowed for IPv4) if asked.
    public func encoded(computingUDPChecksum: Bool = true) -> [UInt8] {
        let udpLength = 8 + self.payload.count
        var header = WireWriter(capacity: 20)
        header.byte(0x45)  // version 4, header length 5 words
        header.byte(Self.typeOfService)
        header.uint16(UInt16(truncatingIfNeeded: 20 + udpLength))
        header.uint16(0)  // identification: never fragmented
        header.uint16(0)  // flags and fragment offset
        header.byte(Self.timeToLive)
        header.byte(Self.udpProtocol)
        header.uint16(0)  // checksum, filled in below
        header.address(self.source)
        header.address(self.destination)
        var bytes = header.bytes
        let headerChecksum = InternetChecksum.of(bytes)
        bytes[10] = UInt8(truncatingIfNeeded: headerChecksum >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: headerChecksum)

        var udp = WireWriter(capacity: udpLength)
        udp.uint16(self.sourcePort)
        udp.uint16(self.destinationPort)
        udp.uint16(UInt16(truncatingIfNeeded: udpLength))
        udp.uint16(0)
        udp.append(self.payload)
        var segment = udp.bytes
        if computingUDPChecksum {
            var checksum = self.pseudoHeaderSum(udpLength: udpLength)
            checksum.add(segment)
            // A computed zero is sent as all ones: zero means "no checksum" (RFC 768).
            let value = checksum.value == 0 ? 0xFFFF : checksum.value
            segment[6] = UInt8(truncatingIfNeeded: value >> 8)
            segment[7] = UInt8(truncatingIfNeeded: value)
        }
        return bytes + segment
    }

    private func pseudoHeaderSum(udpLength: Int) -> InternetChecksum {
        var checksum = InternetChecksum()
        checksum.add(self.source.bytes)
        checksum.add(self.destination.bytes)
        checksum.add(UInt16(Self.udpProtocol))
        checksum.add(UInt16(truncatingIfNeeded: udpLength))
        return checksum
    }

    // MARK: - Parsing

    /// Parses an IPv4 packet carrying UDP, as a packet socket of type SOCK_DGRAM returns it (from the
    /// IP header on); bytes past the IP total length (Ethernet padding) are ignored.
    /// - Parameter checksumStatus: what the kernel said; the UDP checksum is checked only when it is
    ///   `.unverified` and the sender computed one. The IP header checksum is always checked.
    /// - Throws: `.truncated` for fewer bytes than the headers say, `.invalidField` for a header
    ///   that is not IPv4 or lengths that disagree, `.badChecksum`, and `.notForClient` for another
    ///   protocol or a fragment.
    public init(parsing bytes: [UInt8], checksumStatus: PacketChecksumStatus) throws(DHCPCodecError) {
        var reader = WireReader(bytes)
        let versionAndLength = try reader.byte("IPv4 version and header length")
        guard versionAndLength >> 4 == 4 else {
            throw DHCPCodecError(.invalidField, "IP version is \(versionAndLength >> 4), expected 4")
        }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20 else {
            throw DHCPCodecError(.invalidField, "IPv4 header length is \(headerLength) bytes, at least 20 expected")
        }
        _ = try reader.byte("type of service")
        let totalLength = Int(try reader.uint16("IPv4 total length"))
        guard totalLength >= headerLength + 8 else {
            throw DHCPCodecError(
                .invalidField, "IPv4 total length \(totalLength) leaves no room for a UDP header after \(headerLength)")
        }
        guard bytes.count >= totalLength else {
            throw DHCPCodecError(.truncated, "IPv4 total length is \(totalLength), only \(bytes.count) bytes received")
        }
        _ = try reader.uint16("identification")
        let fragment = try reader.uint16("flags and fragment offset")
        // More fragments (0x2000) or a non-zero offset: DHCP messages are never fragmented in practice,
        // and a piece is not a message.
        guard fragment & 0x3FFF == 0 else { throw DHCPCodecError(.notForClient, "IPv4 fragment") }
        _ = try reader.byte("time to live")
        let protocolNumber = try reader.byte("protocol")
        guard protocolNumber == Self.udpProtocol else {
            throw DHCPCodecError(.notForClient, "IP protocol \(protocolNumber), not UDP")
        }
        _ = try reader.uint16("header checksum")
        self.source = try reader.address("source address")
        self.destination = try reader.address("destination address")
        guard InternetChecksum.of(bytes[0..<headerLength]) == 0 else {
            throw DHCPCodecError(.badChecksum, "IPv4 header checksum does not match")
        }

        var udp = WireReader(bytes, from: headerLength, end: totalLength)
        self.sourcePort = try udp.uint16("UDP source port")
        self.destinationPort = try udp.uint16("UDP destination port")
        let udpLength = Int(try udp.uint16("UDP length"))
        let checksum = try udp.uint16("UDP checksum")
        guard udpLength >= 8, udpLength <= totalLength - headerLength else {
            throw DHCPCodecError(
                .invalidField,
                "UDP length \(udpLength) does not fit the \(totalLength - headerLength) bytes after the IP header")
        }
        self.payload = Array(try udp.bytes(udpLength - 8, "UDP payload"))
        if checksumStatus == .unverified && checksum != 0 {
            var sum = self.pseudoHeaderSum(udpLength: udpLength)
            sum.add(bytes[headerLength..<headerLength + udpLength])
            guard sum.value == 0 else { throw DHCPCodecError(.badChecksum, "UDP checksum does not match") }
        }
    }
}

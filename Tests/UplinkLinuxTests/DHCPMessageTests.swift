import Testing
import UplinkCore
import UplinkLinux

@Suite("DHCP message codec")
struct DHCPMessageTests {
    static let mac: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01]

    /// The DHCP payload of a captured packet (after its 28 bytes of IPv4 and UDP headers).
    static func payload(_ packet: [UInt8]) throws -> [UInt8] {
        try IPv4UDPDatagram(parsing: packet, checksumStatus: .partial).payload
    }

    @Test("dnsmasq's OFFER parses into its fields and options")
    func parsesOffer() throws {
        let message = try DHCPMessage(parsing: Self.payload(DHCPCapturedPackets.offer))
        #expect(message.operation == .reply)
        #expect(message.hardwareType == 1)
        #expect(message.xid == 0x5eed_0001)
        #expect(message.flags == .broadcast)
        #expect(message.clientAddress == IPv4Address(value: 0))
        #expect(message.yourAddress == IPv4Address(198, 18, 10, 145))
        #expect(message.nextServerAddress == IPv4Address(198, 18, 10, 1))
        #expect(message.clientHardwareAddress == Self.mac)
        #expect(message.messageType == .offer)
        let options = message.options
        #expect(options.serverIdentifier == IPv4Address(198, 18, 10, 1))
        #expect(options.leaseTime == 3600)
        #expect(options.renewalTime == 1800)
        #expect(options.rebindingTime == 3150)
        #expect(options.subnetMask == IPv4Address(255, 255, 255, 0))
        #expect(options.routers == [IPv4Address(198, 18, 10, 1)])
        #expect(options.domainNameServers == [IPv4Address(198, 18, 10, 1)])
        #expect(options.domainName == "lab.test")
        // Option 28 (broadcast address) is not one uplink reads: it is kept raw.
        #expect(options.other == [28: [198, 18, 10, 255]])
    }

    @Test("dnsmasq's ACK becomes a lease with its times")
    func ackBecomesLease() throws {
        let message = try DHCPMessage(parsing: Self.payload(DHCPCapturedPackets.ack))
        #expect(message.messageType == .ack)
        let lease = try #require(DHCPLease(ack: message, start: .seconds(10)))
        #expect(lease.address == IPv4Address(198, 18, 10, 145))
        #expect(lease.prefixLength == 24)
        #expect(lease.router == IPv4Address(198, 18, 10, 1))
        #expect(lease.dnsServers == [IPv4Address(198, 18, 10, 1)])
        #expect(lease.domainName == "lab.test")
        #expect(lease.serverIdentifier == IPv4Address(198, 18, 10, 1))
        #expect(lease.leaseTime == .seconds(3600))
        #expect(lease.renewAt == .seconds(1810))
        #expect(lease.rebindAt == .seconds(3160))
        #expect(lease.expiresAt == .seconds(3610))
        #expect(lease.broadcast == IPv4Address(198, 18, 10, 255))
    }

    @Test("dnsmasq's NAK carries its reason in option 56")
    func parsesNak() throws {
        let message = try DHCPMessage(parsing: Self.payload(DHCPCapturedPackets.nak))
        #expect(message.messageType == .nak)
        #expect(message.xid == 0x5eed_0002)
        #expect(message.options.message == "wrong address")
        #expect(message.options.serverIdentifier == IPv4Address(198, 18, 10, 1))
    }

    @Test("a DISCOVER is built byte for byte as RFC 2131 lays it out")
    func buildsDiscover() {
        var machine = DHCPClientStateMachine(hardwareAddress: Self.mac)
        var random = FixedXIDGenerator(xids: [0x5eed_0001])
        let actions = machine.start(now: .zero, random: &random)
        guard case .send(let message, .broadcast) = actions.first else {
            Issue.record("expected a broadcast, got \(actions)")
            return
        }
        let packet = IPv4UDPDatagram(
            source: IPv4Address(value: 0), destination: IPv4Address(value: .max), sourcePort: 68,
            destinationPort: 67, payload: message.encoded()
        ).encoded()
        #expect(packet == DHCPCapturedPackets.discover)
    }

    @Test("a REQUEST for dnsmasq's offer is built byte for byte")
    func buildsSelectingRequest() throws {
        var machine = DHCPClientStateMachine(hardwareAddress: Self.mac)
        var random = FixedXIDGenerator(xids: [0x5eed_0001])
        _ = machine.start(now: .zero, random: &random)
        let offer = try DHCPMessage(parsing: Self.payload(DHCPCapturedPackets.offer))
        let actions = machine.received(offer, now: .milliseconds(1), random: &random)
        guard case .send(let request, .broadcast) = actions.first else {
            Issue.record("expected a broadcast, got \(actions)")
            return
        }
        let packet = IPv4UDPDatagram(
            source: IPv4Address(value: 0), destination: IPv4Address(value: .max), sourcePort: 68,
            destinationPort: 67, payload: request.encoded()
        ).encoded()
        #expect(packet == DHCPCapturedPackets.selectingRequest)
    }

    @Test("encoding and parsing a message gives it back")
    func roundTrip() throws {
        let message = DHCPMessage(
            operation: .reply,
            xid: 0xDEAD_BEEF,
            secondsElapsed: 3,
            flags: .broadcast,
            yourAddress: IPv4Address(192, 0, 2, 7),
            clientHardwareAddress: Self.mac,
            serverName: Array("boot".utf8),
            options: DHCPOptions(
                messageType: .ack, subnetMask: IPv4Address(255, 255, 255, 128),
                routers: [IPv4Address(192, 0, 2, 1), IPv4Address(192, 0, 2, 2)],
                domainNameServers: [IPv4Address(192, 0, 2, 53)], hostName: "gateway", domainName: "example.test",
                interfaceMTU: 1400, leaseTime: 600, serverIdentifier: IPv4Address(192, 0, 2, 1),
                message: "fine", renewalTime: 300, rebindingTime: 525, other: [200: [1, 2, 3]]
            )
        )
        let bytes = message.encoded()
        #expect(bytes.count >= DHCPMessage.minimumSize)
        #expect(try DHCPMessage(parsing: bytes) == message)
    }

    @Test("an option longer than 255 bytes is split on encoding and joined on parsing (RFC 3396)")
    func longOptionsSplitAndJoin() throws {
        let long = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let message = DHCPMessage(
            operation: .request, xid: 1, clientHardwareAddress: Self.mac,
            options: DHCPOptions(messageType: .inform, other: [224: long]))
        let bytes = message.encoded()
        let options = Array(bytes[240...])
        #expect(Array(options[0..<3]) == [53, 1, 8])
        #expect(Array(options[3..<5]) == [224, 255])
        #expect(Array(options[260..<262]) == [224, 45])
        #expect(try DHCPMessage(parsing: bytes).options.other[224] == long)
    }

    @Test("options continue in file and sname when option 52 says so")
    func overload() throws {
        // Option 52 is never encoded (uplink's messages fit), so the options are written by hand:
        // file (offset 108) carries the server identifier, sname (offset 44) the lease time.
        var bytes = MalformedCase.withOptions([53, 1, 2, 52, 1, 3, 255])
        bytes.replaceSubrange(108..<115, with: [54, 4, 192, 0, 2, 1, 255])
        bytes.replaceSubrange(44..<51, with: [51, 4, 0, 0, 0x0E, 0x10, 255])
        let message = try DHCPMessage(parsing: bytes)
        #expect(message.options.serverIdentifier == IPv4Address(192, 0, 2, 1))
        #expect(message.options.leaseTime == 3600)
        #expect(message.bootFileName.isEmpty && message.serverName.isEmpty)
        #expect(message.options.other.isEmpty)
    }

    @Test("pad options are skipped and a missing end option is tolerated")
    func padAndMissingEnd() throws {
        var bytes = Array(
            DHCPMessage(operation: .reply, xid: 1, clientHardwareAddress: Self.mac, options: DHCPOptions())
                .encoded()[0..<240])
        bytes += [0, 0, 53, 1, 2, 0, 54, 4, 192, 0, 2, 1]
        let message = try DHCPMessage(parsing: bytes)
        #expect(message.messageType == .offer)
        #expect(message.options.serverIdentifier == IPv4Address(192, 0, 2, 1))
    }

    @Test("every truncation of a real offer is an error, never a crash")
    func everyTruncationFails() throws {
        let payload = try Self.payload(DHCPCapturedPackets.offer)
        // The options end at the end option; everything shorter must be refused.
        let endOfOptions = payload.lastIndex(of: 255)! + 1
        for length in 0..<endOfOptions {
            let prefix = Array(payload[0..<length])
            let outcome = Result { () throws(DHCPCodecError) in try DHCPMessage(parsing: prefix) }
            // A cut between two options leaves a shorter, valid message; a cut inside one must fail.
            if case .success(let message) = outcome {
                #expect(length >= 240, "a message without its cookie parsed at \(length) bytes")
                #expect(message.xid == 0x5eed_0001)
            }
        }
        #expect(throws: DHCPCodecError.self) { try DHCPMessage(parsing: Array(payload[0..<242])) }
    }

    @Test("malformed messages are refused with the field named", arguments: MalformedCase.all)
    func malformed(_ malformed: MalformedCase) {
        #expect {
            try DHCPMessage(parsing: malformed.bytes)
        } throws: { error in
            "\(error)".contains(malformed.mentions)
        }
    }

    @Test("every byte value at every offset of a real ACK parses or fails cleanly")
    func mutationsNeverCrash() throws {
        let payload = try Self.payload(DHCPCapturedPackets.ack)
        for offset in stride(from: 0, to: payload.count, by: 3) {
            for value in [0x00, 0x01, 0x04, 0x35, 0x7F, 0xFF] as [UInt8] {
                var mutated = payload
                mutated[offset] = value
                _ = try? DHCPMessage(parsing: mutated)
            }
        }
    }

    struct MalformedCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var mentions: String
        var testDescription: String { self.name }

        static var valid: [UInt8] {
            DHCPMessage(
                operation: .reply, xid: 1, clientHardwareAddress: mac, options: DHCPOptions(messageType: .offer)
            ).encoded()
        }

        static func withOptions(_ options: [UInt8]) -> [UInt8] {
            Array(Self.valid[0..<240]) + options
        }

        static let all: [MalformedCase] = [
            MalformedCase(name: "empty", bytes: [], mentions: "needs at least 240"),
            MalformedCase(name: "only the fixed part", bytes: Array(valid[0..<236]), mentions: "needs at least 240"),
            MalformedCase(
                name: "bad op",
                bytes: {
                    var bytes = valid; bytes[0] = 3; return bytes
                }(), mentions: "op is 3"),
            MalformedCase(
                name: "hlen over 16",
                bytes: {
                    var bytes = valid; bytes[2] = 17; return bytes
                }(), mentions: "hlen"),
            MalformedCase(
                name: "bad cookie",
                bytes: {
                    var bytes = valid; bytes[236] = 98; return bytes
                }(),
                mentions: "magic cookie"),
            MalformedCase(
                name: "option past the end", bytes: withOptions([53, 1, 2, 54, 4, 192, 0]), mentions: "option 54"),
            MalformedCase(
                name: "length byte missing", bytes: withOptions([53, 1, 2, 54]), mentions: "length of option 54"),
            MalformedCase(
                name: "short server identifier", bytes: withOptions([53, 1, 2, 54, 3, 1, 2, 3, 255]),
                mentions: "server identifier"),
            MalformedCase(
                name: "routers not a multiple of 4", bytes: withOptions([53, 1, 2, 3, 6, 1, 2, 3, 4, 5, 6, 255]),
                mentions: "routers"),
            MalformedCase(
                name: "unknown message type", bytes: withOptions([53, 1, 9, 255]), mentions: "message type 9"),
            MalformedCase(name: "MTU below 68", bytes: withOptions([53, 1, 2, 26, 2, 0, 67, 255]), mentions: "MTU"),
            MalformedCase(
                name: "overload out of range", bytes: withOptions([53, 1, 2, 52, 1, 4, 255]), mentions: "overload"),
            MalformedCase(
                name: "client identifier too short", bytes: withOptions([53, 1, 2, 61, 1, 1, 255]),
                mentions: "client identifier"),
        ]
    }
}

/// Hands out given xids for `random.next()` (as the state machine draws them), then `filler`: the
/// state machine takes a jitter fraction from the top 53 bits, so the default filler means a
/// fraction of exactly 0.5, no jitter at all, whichever draw is which.
struct FixedXIDGenerator: RandomNumberGenerator {
    var xids: [UInt32]
    /// What `next()` returns once the xids are used up: 2^63, a jitter fraction of exactly 0.5.
    var filler: UInt64 = 1 << 63

    mutating func next() -> UInt64 {
        guard !self.xids.isEmpty else { return self.filler }
        // The xid in the low 32 bits, the filler's top bits above: drawn for jitter instead, it
        // still means the filler's fraction.
        return self.filler & ~0xFFFF_FFFF | UInt64(self.xids.removeFirst())
    }
}

import Testing
import UplinkCore
import UplinkLinux

@Suite("DHCP over IPv4 and UDP")
struct DHCPPacketTests {
    static func datagram(payload: [UInt8] = [1, 2, 3, 4, 5]) -> IPv4UDPDatagram {
        IPv4UDPDatagram(
            source: IPv4Address(192, 0, 2, 1), destination: IPv4Address(value: .max), sourcePort: 67,
            destinationPort: 68, payload: payload)
    }

    @Test("a veth's partial checksum is accepted when the kernel says so, and refused otherwise")
    func partialChecksum() throws {
        let packet = DHCPCapturedPackets.offer
        let parsed = try IPv4UDPDatagram(parsing: packet, checksumStatus: .partial)
        #expect(parsed.source == IPv4Address(198, 18, 10, 1))
        #expect(parsed.destination == IPv4Address(255, 255, 255, 255))
        #expect(parsed.sourcePort == 67 && parsed.destinationPort == 68)
        #expect(try IPv4UDPDatagram(parsing: packet, checksumStatus: .verified) == parsed)
        // Without the kernel's word, the partial sum is what ConnMan's client rejects.
        #expect {
            try IPv4UDPDatagram(parsing: packet, checksumStatus: .unverified)
        } throws: { error in
            (error as? DHCPCodecError)?.kind == .badChecksum
        }
    }

    @Test("built packets carry valid IPv4 and UDP checksums")
    func builtChecksums() throws {
        for count in [0, 1, 2, 3, 300, 301] {
            let datagram = Self.datagram(payload: (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let bytes = datagram.encoded()
            #expect(bytes.count == 28 + count)
            #expect(try IPv4UDPDatagram(parsing: bytes, checksumStatus: .unverified) == datagram)
        }
        // The independent script's DISCOVER checks out too.
        #expect(throws: Never.self) {
            try IPv4UDPDatagram(parsing: DHCPCapturedPackets.discover, checksumStatus: .unverified)
        }
    }

    @Test("a zero UDP checksum means none was computed")
    func zeroChecksum() throws {
        let bytes = Self.datagram().encoded(computingUDPChecksum: false)
        #expect(bytes[26] == 0 && bytes[27] == 0)
        #expect(try IPv4UDPDatagram(parsing: bytes, checksumStatus: .unverified).payload == [1, 2, 3, 4, 5])
    }

    @Test("Ethernet padding after the IP total length is ignored")
    func trailingPadding() throws {
        let bytes = Self.datagram().encoded() + [0, 0, 0, 0]
        #expect(try IPv4UDPDatagram(parsing: bytes, checksumStatus: .unverified).payload == [1, 2, 3, 4, 5])
    }

    @Test("bad packets are refused, never a crash", arguments: BadPacket.all)
    func badPackets(_ bad: BadPacket) {
        #expect {
            try IPv4UDPDatagram(parsing: bad.bytes, checksumStatus: .partial)
        } throws: { error in
            (error as? DHCPCodecError)?.kind == bad.kind
        }
    }

    @Test("every truncation of a real ACK is an error")
    func truncations() {
        let packet = DHCPCapturedPackets.ack
        for length in 0..<packet.count {
            #expect(throws: DHCPCodecError.self) {
                try IPv4UDPDatagram(parsing: Array(packet[0..<length]), checksumStatus: .partial)
            }
        }
    }

    struct BadPacket: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var kind: DHCPCodecError.Kind
        var testDescription: String { self.name }

        static func patched(_ offset: Int, _ value: UInt8) -> [UInt8] {
            var bytes = DHCPPacketTests.datagram().encoded()
            bytes[offset] = value
            return bytes
        }

        static func flipped(_ offset: Int) -> [UInt8] {
            var bytes = DHCPPacketTests.datagram().encoded()
            bytes[offset] ^= 0xFF
            return bytes
        }

        static let all: [BadPacket] = [
            BadPacket(name: "IPv6", bytes: patched(0, 0x65), kind: .invalidField),
            BadPacket(name: "header length 16", bytes: patched(0, 0x44), kind: .invalidField),
            BadPacket(name: "TCP", bytes: patched(9, 6), kind: .notForClient),
            BadPacket(name: "more fragments", bytes: patched(6, 0x20), kind: .notForClient),
            BadPacket(name: "fragment offset", bytes: patched(7, 0x01), kind: .notForClient),
            BadPacket(name: "header checksum", bytes: flipped(10), kind: .badChecksum),
            BadPacket(name: "total length too big", bytes: patched(3, 0xFF), kind: .truncated),
            BadPacket(name: "UDP length past the packet", bytes: patched(25, 0xFF), kind: .invalidField),
            BadPacket(name: "UDP length below 8", bytes: patched(25, 0x04), kind: .invalidField),
        ]
    }
}

@Suite("the DHCP socket filter")
struct DHCPSocketFilterTests {
    /// Runs a classic BPF program over a packet, as the kernel's interpreter would: the return value
    /// is how many bytes to accept, and a load past the end rejects the packet.
    static func run(_ program: [DHCPSocketFilter.Instruction], on packet: [UInt8]) -> UInt32 {
        var accumulator: UInt32 = 0
        var index: UInt32 = 0
        var counter = 0
        func load(_ offset: Int, _ size: Int) -> UInt32? {
            guard offset >= 0, offset + size <= packet.count else { return nil }
            return packet[offset..<offset + size].reduce(0) { $0 << 8 | UInt32($1) }
        }
        while counter < program.count {
            let instruction = program[counter]
            counter += 1
            switch instruction.code {
            case DHCPSocketFilter.Opcode.loadByteAbsolute:
                guard let value = load(Int(instruction.k), 1) else { return 0 }
                accumulator = value
            case DHCPSocketFilter.Opcode.loadHalfAbsolute:
                guard let value = load(Int(instruction.k), 2) else { return 0 }
                accumulator = value
            case DHCPSocketFilter.Opcode.loadHalfIndirect:
                guard let value = load(Int(index) + Int(instruction.k), 2) else { return 0 }
                accumulator = value
            case DHCPSocketFilter.Opcode.loadHeaderLength:
                guard let value = load(Int(instruction.k), 1) else { return 0 }
                index = 4 * (value & 0x0F)
            case DHCPSocketFilter.Opcode.jumpIfEqual:
                counter += Int(accumulator == instruction.k ? instruction.jumpIfTrue : instruction.jumpIfFalse)
            case DHCPSocketFilter.Opcode.jumpIfAnySet:
                counter += Int(accumulator & instruction.k != 0 ? instruction.jumpIfTrue : instruction.jumpIfFalse)
            case DHCPSocketFilter.Opcode.returnConstant:
                return instruction.k
            default:
                Issue.record("unexpected opcode \(instruction.code)")
                return 0
            }
        }
        Issue.record("the program fell off its end")
        return 0
    }

    static func udp(to port: UInt16) -> [UInt8] {
        IPv4UDPDatagram(
            source: IPv4Address(192, 0, 2, 1), destination: IPv4Address(value: .max), sourcePort: 67,
            destinationPort: port, payload: [0]
        ).encoded()
    }

    @Test("DHCP replies pass whole")
    func acceptsReplies() {
        #expect(Self.run(DHCPSocketFilter.program, on: DHCPCapturedPackets.offer) == .max)
        #expect(Self.run(DHCPSocketFilter.program, on: Self.udp(to: 68)) == .max)
    }

    @Test("other ports, other protocols, fragments and runts are dropped")
    func dropsTheRest() {
        #expect(Self.run(DHCPSocketFilter.program, on: Self.udp(to: 67)) == 0)
        #expect(Self.run(DHCPSocketFilter.program, on: Self.udp(to: 53)) == 0)
        var tcp = Self.udp(to: 68)
        tcp[9] = 6
        #expect(Self.run(DHCPSocketFilter.program, on: tcp) == 0)
        var fragment = Self.udp(to: 68)
        fragment[6] = 0x20
        #expect(Self.run(DHCPSocketFilter.program, on: fragment) == 0)
        #expect(Self.run(DHCPSocketFilter.program, on: Array(Self.udp(to: 68)[0..<21])) == 0)
    }

    @Test("the port is found after IP options")
    func ipOptions() {
        var packet = Self.udp(to: 68)
        packet[0] = 0x46
        packet.insert(contentsOf: [1, 1, 1, 0], at: 20)
        #expect(Self.run(DHCPSocketFilter.program, on: packet) == .max)
    }
}

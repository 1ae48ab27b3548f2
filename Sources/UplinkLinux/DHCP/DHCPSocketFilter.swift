/// The classic BPF program attached to the DHCP client's packet socket (SO_ATTACH_FILTER,
/// Documentation/networking/filter.rst): it lets through only unfragmented IPv4 UDP to port 68, so
/// the socket is woken for DHCP replies and nothing else on a busy link.
///
/// The socket is SOCK_DGRAM, so offsets count from the IP header, not the Ethernet header. The
/// program is kept as values so that a test can run it over sample packets.
public enum DHCPSocketFilter {
    /// One classic BPF instruction (`struct sock_filter`).
    public struct Instruction: Hashable, Sendable {
        /// The opcode: class, size, mode and operation bits.
        public var code: UInt16
        /// Instructions to skip when a jump's condition holds.
        public var jumpIfTrue: UInt8
        /// Instructions to skip when it does not.
        public var jumpIfFalse: UInt8
        /// The constant operand.
        public var k: UInt32

        /// A non-jump instruction (`BPF_STMT`).
        public static func statement(_ code: UInt16, _ k: UInt32) -> Instruction {
            Instruction(code: code, jumpIfTrue: 0, jumpIfFalse: 0, k: k)
        }

        /// A conditional jump (`BPF_JUMP`).
        public static func jump(_ code: UInt16, _ k: UInt32, _ jumpIfTrue: UInt8, _ jumpIfFalse: UInt8) -> Instruction {
            Instruction(code: code, jumpIfTrue: jumpIfTrue, jumpIfFalse: jumpIfFalse, k: k)
        }
    }

    /// The opcodes the program uses (the BPF_* macros of <linux/bpf_common.h>, pinned against the
    /// kernel's by `_Static_assert` in CPacket).
    public enum Opcode {
        /// `BPF_LD | BPF_B | BPF_ABS`: A = byte at k.
        public static let loadByteAbsolute: UInt16 = 0x00 | 0x10 | 0x20
        /// `BPF_LD | BPF_H | BPF_ABS`: A = 16-bit word at k.
        public static let loadHalfAbsolute: UInt16 = 0x00 | 0x08 | 0x20
        /// `BPF_LD | BPF_H | BPF_IND`: A = 16-bit word at X + k.
        public static let loadHalfIndirect: UInt16 = 0x00 | 0x08 | 0x40
        /// `BPF_LDX | BPF_B | BPF_MSH`: X = 4 × (byte at k & 0xf), the IP header length.
        public static let loadHeaderLength: UInt16 = 0x01 | 0x10 | 0xA0
        /// `BPF_JMP | BPF_JEQ | BPF_K`: jump on A == k.
        public static let jumpIfEqual: UInt16 = 0x05 | 0x10 | 0x00
        /// `BPF_JMP | BPF_JSET | BPF_K`: jump on A & k != 0.
        public static let jumpIfAnySet: UInt16 = 0x05 | 0x40 | 0x00
        /// `BPF_RET | BPF_K`: accept k bytes of the packet (0 drops it).
        public static let returnConstant: UInt16 = 0x06 | 0x00
    }

    /// The DHCP client's UDP port.
    public static let clientPort: UInt16 = 68

    /// The program.
    public static let program: [Instruction] = [
        // The protocol byte of the IPv4 header must be UDP…
        .statement(Opcode.loadByteAbsolute, 9),
        .jump(Opcode.jumpIfEqual, UInt32(IPv4UDPDatagram.udpProtocol), 0, 6),
        // …the packet must not be a fragment (more-fragments flag or an offset)…
        .statement(Opcode.loadHalfAbsolute, 6),
        .jump(Opcode.jumpIfAnySet, 0x3FFF, 4, 0),
        // …and the UDP destination port, after an IP header of any length, must be 68.
        .statement(Opcode.loadHeaderLength, 0),
        .statement(Opcode.loadHalfIndirect, 2),
        .jump(Opcode.jumpIfEqual, UInt32(clientPort), 0, 1),
        // Accept the whole packet (the kernel caps it at its length).
        .statement(Opcode.returnConstant, 0xFFFF_FFFF),
        .statement(Opcode.returnConstant, 0),
    ]
}

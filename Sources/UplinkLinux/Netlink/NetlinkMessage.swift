import CNetlink
import Glibc

/// One netlink message: the header's fields and the payload its type implies (netlink(7), rtnetlink(7)).
///
/// The codec is pure: `parse(_:)` turns the bytes of one `recv` into messages and `bytes` turns a message
/// back into what goes to `send`; neither touches a socket. Parsing a message and emitting it again gives
/// the same bytes, unknown attributes and all.
public struct NetlinkMessage: Hashable, Sendable, CustomStringConvertible {
    /// `nlmsg_type`.
    public var type: UInt16
    /// `nlmsg_flags`: `NLM_F_*`.
    public var flags: UInt16
    /// `nlmsg_seq`.
    public var sequence: UInt32
    /// `nlmsg_pid`.
    public var portID: UInt32
    /// What the message carries.
    public var payload: Payload

    /// What a message carries, decided by its type.
    public enum Payload: Hashable, Sendable {
        /// `NLMSG_DONE`: the end of a dump, with its error (0, or a negative errno if the dump failed).
        case done(error: Int32, attributes: [NetlinkAttribute])
        /// `NLMSG_ERROR`: an acknowledgement or an error.
        case error(NetlinkErrorMessage)
        /// `NLMSG_OVERRUN`: data was lost. The kernel reports a lost notification as ENOBUFS from
        /// `recv` instead, but the type exists and is handled the same way.
        case overrun([UInt8])
        /// `RTM_NEWLINK`, `RTM_DELLINK`, `RTM_GETLINK`, `RTM_SETLINK`.
        case link(LinkMessage)
        /// `RTM_NEWADDR`, `RTM_DELADDR`, `RTM_GETADDR`.
        case address(AddressMessage)
        /// `RTM_NEWROUTE`, `RTM_DELROUTE`, `RTM_GETROUTE`.
        case route(RouteMessage)
        /// Any other type (`NLMSG_NOOP`, neighbours, rules…), kept as bytes.
        case other([UInt8])
    }

    public init(type: UInt16, flags: UInt16 = 0, sequence: UInt32 = 0, portID: UInt32 = 0, payload: Payload) {
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
        self.payload = payload
    }

    /// The message's name, as in the kernel's headers, for errors and logs: "RTM_NEWLINK".
    public var typeName: String { Self.name(ofType: self.type) }

    public var description: String { "\(self.typeName) seq=\(self.sequence) flags=0x\(String(self.flags, radix: 16))" }

    /// The name of a message type: "RTM_NEWADDR", or "type 42" for one the adapter does not know.
    public static func name(ofType type: UInt16) -> String {
        switch Int(type) {
        case Int(NLMSG_NOOP): "NLMSG_NOOP"
        case Int(NLMSG_ERROR): "NLMSG_ERROR"
        case Int(NLMSG_DONE): "NLMSG_DONE"
        case Int(NLMSG_OVERRUN): "NLMSG_OVERRUN"
        case Int(RTM_NEWLINK): "RTM_NEWLINK"
        case Int(RTM_DELLINK): "RTM_DELLINK"
        case Int(RTM_GETLINK): "RTM_GETLINK"
        case Int(RTM_SETLINK): "RTM_SETLINK"
        case Int(RTM_NEWADDR): "RTM_NEWADDR"
        case Int(RTM_DELADDR): "RTM_DELADDR"
        case Int(RTM_GETADDR): "RTM_GETADDR"
        case Int(RTM_NEWROUTE): "RTM_NEWROUTE"
        case Int(RTM_DELROUTE): "RTM_DELROUTE"
        case Int(RTM_GETROUTE): "RTM_GETROUTE"
        default: "type \(type)"
        }
    }

    // MARK: - Parsing

    /// Parses every message in a buffer as one `recv` returned it.
    /// - Throws: `NetlinkCodecError` naming the offset and what is wrong, when a length runs past the
    ///   buffer or a payload is shorter than its structure.
    public static func parse(_ buffer: [UInt8]) throws(NetlinkCodecError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while offset < buffer.count {
            let remaining = buffer.count - offset
            guard remaining >= NetlinkHeader.size else {
                throw NetlinkCodecError(
                    "\(remaining) bytes at offset \(offset) are too few for a netlink header (\(NetlinkHeader.size))")
            }
            let header = NetlinkHeader(buffer, at: offset)
            let length = Int(header.length)
            guard length >= NetlinkHeader.size, length <= remaining else {
                throw NetlinkCodecError(
                    "the \(Self.name(ofType: header.type)) at offset \(offset) claims \(length) bytes, "
                        + "but \(remaining) remain")
            }
            let context = "\(Self.name(ofType: header.type)) at offset \(offset)"
            let payload = try Self.parsePayload(
                buffer, from: offset + NetlinkHeader.size, to: offset + length, header: header, context: context)
            messages.append(
                NetlinkMessage(
                    type: header.type, flags: header.flags, sequence: header.sequence, portID: header.portID,
                    payload: payload))
            offset += NetlinkBytes.aligned(length)
        }
        return messages
    }

    private static func parsePayload(
        _ bytes: [UInt8],
        from start: Int,
        to end: Int,
        header: NetlinkHeader,
        context: String
    ) throws(NetlinkCodecError) -> Payload {
        switch Int32(header.type) {
        case NLMSG_DONE:
            guard end - start >= MemoryLayout<Int32>.size else { return .done(error: 0, attributes: []) }
            let error = NetlinkBytes.load(Int32.self, from: bytes, at: start)
            let attributes =
                header.flags & UInt16(NLM_F_ACK_TLVS) != 0
                ? try NetlinkAttribute.parse(bytes, from: start + 4, to: end, context: context) : []
            return .done(error: error, attributes: attributes)
        case NLMSG_ERROR:
            return .error(
                try NetlinkErrorMessage(parsing: bytes, from: start, to: end, flags: header.flags, context: context))
        case NLMSG_OVERRUN:
            return .overrun(Array(bytes[start..<end]))
        case Int32(RTM_NEWLINK), Int32(RTM_DELLINK), Int32(RTM_GETLINK), Int32(RTM_SETLINK):
            return .link(try LinkMessage(parsing: bytes, from: start, to: end, context: context))
        case Int32(RTM_NEWADDR), Int32(RTM_DELADDR), Int32(RTM_GETADDR):
            return .address(try AddressMessage(parsing: bytes, from: start, to: end, context: context))
        case Int32(RTM_NEWROUTE), Int32(RTM_DELROUTE), Int32(RTM_GETROUTE):
            return .route(try RouteMessage(parsing: bytes, from: start, to: end, context: context))
        default:
            return .other(Array(bytes[start..<end]))
        }
    }

    // MARK: - Emitting

    /// The message as it goes on the wire, its length filled in.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        NetlinkHeader(length: 0, type: self.type, flags: self.flags, sequence: self.sequence, portID: self.portID)
            .encode(into: &bytes)
        switch self.payload {
        case .done(let error, let attributes):
            NetlinkBytes.append(error, to: &bytes)
            for attribute in attributes { attribute.encode(into: &bytes) }
        case .error(let error): error.encode(into: &bytes)
        case .overrun(let raw), .other(let raw): bytes += raw
        case .link(let link): link.encode(into: &bytes)
        case .address(let address): address.encode(into: &bytes)
        case .route(let route): route.encode(into: &bytes)
        }
        NetlinkBytes.store(UInt32(bytes.count), into: &bytes, at: 0)
        return bytes
    }

    /// Several messages in one buffer, each starting on a four-byte boundary.
    public static func bytes(of messages: [NetlinkMessage]) -> [UInt8] {
        var bytes: [UInt8] = []
        for message in messages {
            bytes += message.bytes
            NetlinkBytes.pad(&bytes)
        }
        return bytes
    }
}

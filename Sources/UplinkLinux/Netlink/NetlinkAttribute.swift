import CNetlink
import UplinkCore

/// One netlink attribute (`struct rtattr` / `struct nlattr`): a 16-bit type and a value, padded to four
/// bytes on the wire (rtnetlink(7), "Attributes").
///
/// Messages keep their attributes in the order the kernel sent them, unknown ones included, so that a
/// parsed message emits the same bytes again; the typed views (`uint32`, `string`, `nested`…) read the
/// value on demand.
public struct NetlinkAttribute: Hashable, Sendable, CustomStringConvertible {
    /// The type as sent, including the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits.
    public var rawType: UInt16
    /// The value, without the four-byte header and without the padding.
    public var value: [UInt8]

    /// Makes an attribute from its type and value bytes.
    public init(type: some BinaryInteger, value: [UInt8]) {
        self.rawType = UInt16(type)
        self.value = value
    }

    /// The type without the flag bits: what `IFLA_IFNAME`, `IFA_LOCAL`… are compared with.
    public var type: UInt16 { self.rawType & cnl_nla_type_mask }

    /// A one-byte value (IFLA_OPERSTATE, IFLA_LINKMODE, IFA_PROTO).
    public var uint8: UInt8? { self.value.count == 1 ? self.value[0] : nil }

    /// A host-order 32-bit value (IFLA_MTU, IFLA_MASTER, IFA_FLAGS, RTA_OIF, RTA_PRIORITY).
    public var uint32: UInt32? {
        self.value.count == 4 ? NetlinkBytes.load(UInt32.self, from: self.value, at: 0) : nil
    }

    /// A NUL-terminated string (IFLA_IFNAME, IFA_LABEL, IFLA_INFO_KIND), without its terminator.
    public var string: String? {
        let text = self.value.prefix { $0 != 0 }
        return String(validating: text, as: UTF8.self)
    }

    /// An IPv4 (four bytes) or IPv6 (sixteen bytes) address in network order (IFA_ADDRESS, RTA_GATEWAY).
    public var ipAddress: IPAddress? {
        switch self.value.count {
        case 4: IPv4Address(bytes: self.value).map(IPAddress.v4)
        case 16: IPv6Address(bytes: self.value).map(IPAddress.v6)
        default: nil
        }
    }

    /// The attributes nested in this one (IFLA_LINKINFO); nil when the value is not a valid list.
    public var nested: [NetlinkAttribute]? {
        try? Self.parse(self.value, from: 0, to: self.value.count, context: "nested attribute \(self.type)")
    }

    /// An attribute holding one byte.
    public static func uint8(_ type: some BinaryInteger, _ value: UInt8) -> NetlinkAttribute {
        NetlinkAttribute(type: type, value: [value])
    }

    /// An attribute holding a host-order 32-bit value.
    public static func uint32(_ type: some BinaryInteger, _ value: UInt32) -> NetlinkAttribute {
        var bytes: [UInt8] = []
        NetlinkBytes.append(value, to: &bytes)
        return NetlinkAttribute(type: type, value: bytes)
    }

    /// An attribute holding a string with its NUL terminator, as the kernel sends and expects them.
    public static func string(_ type: some BinaryInteger, _ text: String) -> NetlinkAttribute {
        NetlinkAttribute(type: type, value: Array(text.utf8) + [0])
    }

    /// An attribute holding an address in network order.
    public static func ipAddress(_ type: some BinaryInteger, _ address: IPAddress) -> NetlinkAttribute {
        switch address {
        case .v4(let address): NetlinkAttribute(type: type, value: address.bytes)
        case .v6(let address): NetlinkAttribute(type: type, value: address.bytes)
        }
    }

    /// An attribute holding other attributes.
    public static func nested(_ type: some BinaryInteger, _ attributes: [NetlinkAttribute]) -> NetlinkAttribute {
        var bytes: [UInt8] = []
        for attribute in attributes { attribute.encode(into: &bytes) }
        return NetlinkAttribute(type: type, value: bytes)
    }

    public var description: String { "attribute \(self.type) (\(self.value.count) bytes)" }

    /// Appends the attribute as it goes on the wire: length, type, value, padding.
    func encode(into bytes: inout [UInt8]) {
        let header = rtattr(rta_len: UInt16(Int(cnl_rta_header_length()) + self.value.count), rta_type: self.rawType)
        NetlinkBytes.append(header, to: &bytes)
        bytes += self.value
        NetlinkBytes.pad(&bytes)
    }

    /// Parses the attributes in `bytes[start..<end]`, which must be exactly a list of them.
    /// - Parameter context: names the message, for errors ("RTM_NEWLINK at offset 0").
    static func parse(_ bytes: [UInt8], from start: Int, to end: Int, context: String) throws(NetlinkCodecError)
        -> [NetlinkAttribute]
    {
        let headerLength = Int(cnl_rta_header_length())
        var attributes: [NetlinkAttribute] = []
        var offset = start
        while offset < end {
            guard end - offset >= headerLength else {
                throw NetlinkCodecError(
                    "\(context): \(end - offset) bytes at offset \(offset) are too few for an attribute header")
            }
            let header = NetlinkBytes.load(rtattr.self, from: bytes, at: offset)
            let length = Int(header.rta_len)
            guard length >= headerLength, length <= end - offset else {
                throw NetlinkCodecError(
                    "\(context): attribute \(header.rta_type) at offset \(offset) claims \(length) bytes, "
                        + "but \(end - offset) remain")
            }
            let value = Array(bytes[(offset + headerLength)..<(offset + length)])
            attributes.append(NetlinkAttribute(type: header.rta_type, value: value))
            offset += NetlinkBytes.aligned(length)
        }
        return attributes
    }
}

extension [NetlinkAttribute] {
    /// The first attribute of a type (flag bits ignored), as the kernel never repeats the ones we read.
    func first(_ type: some BinaryInteger) -> NetlinkAttribute? {
        self.first { $0.type == UInt16(type) }
    }

    /// Replaces the first attribute of the same type in place, or appends it; nil removes every one.
    mutating func set(_ type: some BinaryInteger, _ attribute: NetlinkAttribute?) {
        if let attribute, let index = self.firstIndex(where: { $0.type == UInt16(type) }) {
            self[index] = attribute
        } else if let attribute {
            self.append(attribute)
        } else {
            self.removeAll { $0.type == UInt16(type) }
        }
    }
}

import CNetlink
import Glibc

/// The payload of `RTM_NEWLINK`, `RTM_DELLINK` and `RTM_GETLINK`: `struct ifinfomsg` followed by `IFLA_*`
/// attributes (rtnetlink(7), <linux/if_link.h>).
///
/// The attributes stay as the kernel sent them; the properties below read and write the ones the adapter
/// uses, so a parsed message emits the bytes it was parsed from.
public struct LinkMessage: Hashable, Sendable {
    /// `ifi_family`: `AF_UNSPEC` for a link itself. The bridge also sends `AF_BRIDGE` messages about its
    /// ports to the same group, including an `RTM_DELLINK` when a port leaves it; those are not links.
    public var family: UInt8
    /// `ifi_type`: the link-layer type, an `ARPHRD_*` value (`ARPHRD_ETHER`, `ARPHRD_LOOPBACK`…).
    public var type: UInt16
    /// `ifi_index`: the interface index.
    public var index: Int32
    /// `ifi_flags`: the `IFF_*` flags (`IFF_UP`, `IFF_RUNNING`, `IFF_LOWER_UP`…).
    public var flags: UInt32
    /// `ifi_change`: in a request, which of `flags` to change; the kernel's messages carry 0 or all ones.
    public var change: UInt32
    /// The attributes, in order.
    public var attributes: [NetlinkAttribute]

    /// Makes a message from its fixed part and attributes.
    public init(
        family: UInt8 = UInt8(AF_UNSPEC),
        type: UInt16 = 0,
        index: Int32,
        flags: UInt32 = 0,
        change: UInt32 = 0,
        attributes: [NetlinkAttribute] = []
    ) {
        self.family = family
        self.type = type
        self.index = index
        self.flags = flags
        self.change = change
        self.attributes = attributes
    }

    /// `IFLA_IFNAME`: the interface's name.
    public var name: String? {
        get { self.attributes.first(IFLA_IFNAME)?.string }
        set { self.attributes.set(IFLA_IFNAME, newValue.map { .string(IFLA_IFNAME, $0) }) }
    }

    /// `IFLA_MTU`.
    public var mtu: UInt32? {
        get { self.attributes.first(IFLA_MTU)?.uint32 }
        set { self.attributes.set(IFLA_MTU, newValue.map { .uint32(IFLA_MTU, $0) }) }
    }

    /// `IFLA_OPERSTATE`, or nil when absent or a value RFC 2863 does not define.
    public var operationalState: OperationalState? {
        get { self.attributes.first(IFLA_OPERSTATE)?.uint8.flatMap(OperationalState.init(rawValue:)) }
        set { self.attributes.set(IFLA_OPERSTATE, newValue.map { .uint8(IFLA_OPERSTATE, $0.rawValue) }) }
    }

    /// `IFLA_LINKMODE`, or nil when absent or unknown.
    public var linkMode: LinkMode? {
        get { self.attributes.first(IFLA_LINKMODE)?.uint8.flatMap(LinkMode.init(rawValue:)) }
        set { self.attributes.set(IFLA_LINKMODE, newValue.map { .uint8(IFLA_LINKMODE, $0.rawValue) }) }
    }

    /// `IFLA_ADDRESS`: the link-layer (MAC) address.
    public var hardwareAddress: [UInt8]? {
        get { self.attributes.first(IFLA_ADDRESS)?.value }
        set { self.attributes.set(IFLA_ADDRESS, newValue.map { NetlinkAttribute(type: IFLA_ADDRESS, value: $0) }) }
    }

    /// `IFLA_MASTER`: the index of the bridge or bond this link is a port of.
    public var master: Int32? {
        get { self.attributes.first(IFLA_MASTER)?.uint32.map { Int32(bitPattern: $0) } }
        set { self.attributes.set(IFLA_MASTER, newValue.map { .uint32(IFLA_MASTER, UInt32(bitPattern: $0)) }) }
    }

    /// `IFLA_INFO_KIND` inside `IFLA_LINKINFO`: the driver that made the link through rtnetlink ("veth",
    /// "bridge", "macvlan", "vxlan", "tun"…). Physical interfaces have none.
    public var kind: String? {
        get { self.attributes.first(IFLA_LINKINFO)?.nested?.first(IFLA_INFO_KIND)?.string }
        set {
            let kind = IFLA_INFO_KIND
            self.attributes.set(IFLA_LINKINFO, newValue.map { .nested(IFLA_LINKINFO, [.string(kind, $0)]) })
        }
    }

    /// `IFLA_EXT_MASK`: in a dump request, the `RTEXT_FILTER_*` bits that select what the kernel includes.
    public var extendedMask: UInt32? {
        get { self.attributes.first(IFLA_EXT_MASK)?.uint32 }
        set { self.attributes.set(IFLA_EXT_MASK, newValue.map { .uint32(IFLA_EXT_MASK, $0) }) }
    }

    /// The size of `struct ifinfomsg`, where the attributes start.
    static let headerSize = MemoryLayout<ifinfomsg>.size

    /// Parses `bytes[start..<end]`, the payload of a link message.
    init(parsing bytes: [UInt8], from start: Int, to end: Int, context: String) throws(NetlinkCodecError) {
        guard end - start >= Self.headerSize else {
            throw NetlinkCodecError(
                "\(context): \(end - start) bytes of payload are too few for struct ifinfomsg (\(Self.headerSize))")
        }
        let header = NetlinkBytes.load(ifinfomsg.self, from: bytes, at: start)
        self.family = header.ifi_family
        self.type = header.ifi_type
        self.index = header.ifi_index
        self.flags = header.ifi_flags
        self.change = header.ifi_change
        self.attributes = try NetlinkAttribute.parse(bytes, from: start + Self.headerSize, to: end, context: context)
    }

    /// Appends the payload as it goes on the wire.
    func encode(into bytes: inout [UInt8]) {
        var header = ifinfomsg()
        header.ifi_family = self.family
        header.ifi_type = self.type
        header.ifi_index = self.index
        header.ifi_flags = self.flags
        header.ifi_change = self.change
        NetlinkBytes.append(header, to: &bytes)
        for attribute in self.attributes { attribute.encode(into: &bytes) }
    }
}

import CNetlink
import UplinkCore

/// The payload of `RTM_NEWADDR`, `RTM_DELADDR` and `RTM_GETADDR`: `struct ifaddrmsg` followed by `IFA_*`
/// attributes (rtnetlink(7), <linux/if_addr.h>).
///
/// As with links, the attributes stay as sent and the properties read and write the ones in use.
public struct AddressMessage: Hashable, Sendable {
    /// `ifa_family`: `AF_INET` or `AF_INET6` (`AF_UNSPEC` in a dump request for both).
    public var family: UInt8
    /// `ifa_prefixlen`.
    public var prefixLength: UInt8
    /// `ifa_flags`: the low eight `IFA_F_*` flags; `IFA_FLAGS` carries all 32 (see `allFlags`).
    public var flags: UInt8
    /// `ifa_scope`: an `RT_SCOPE_*` value (universe 0, site 200, link 253, host 254).
    public var scope: UInt8
    /// `ifa_index`: the interface the address is on.
    public var index: UInt32
    /// The attributes, in order.
    public var attributes: [NetlinkAttribute]

    /// Makes a message from its fixed part and attributes.
    public init(
        family: UInt8,
        prefixLength: UInt8 = 0,
        flags: UInt8 = 0,
        scope: UInt8 = 0,
        index: UInt32 = 0,
        attributes: [NetlinkAttribute] = []
    ) {
        self.family = family
        self.prefixLength = prefixLength
        self.flags = flags
        self.scope = scope
        self.index = index
        self.attributes = attributes
    }

    /// `IFA_ADDRESS`: the prefix address. It is the local address except on point-to-point links,
    /// where it is the peer's; there `IFA_LOCAL` is ours.
    public var address: IPAddress? {
        get { self.attributes.first(IFA_ADDRESS)?.ipAddress }
        set { self.attributes.set(IFA_ADDRESS, newValue.map { .ipAddress(IFA_ADDRESS, $0) }) }
    }

    /// `IFA_LOCAL`: the local address. The kernel always sends it for IPv4, and for IPv6 only with a peer.
    public var local: IPAddress? {
        get { self.attributes.first(IFA_LOCAL)?.ipAddress }
        set { self.attributes.set(IFA_LOCAL, newValue.map { .ipAddress(IFA_LOCAL, $0) }) }
    }

    /// `IFA_BROADCAST`: the IPv4 broadcast address.
    public var broadcast: IPAddress? {
        get { self.attributes.first(IFA_BROADCAST)?.ipAddress }
        set { self.attributes.set(IFA_BROADCAST, newValue.map { .ipAddress(IFA_BROADCAST, $0) }) }
    }

    /// `IFA_LABEL`: the IPv4 label (the interface name, or `eth0:1` for an alias).
    public var label: String? {
        get { self.attributes.first(IFA_LABEL)?.string }
        set { self.attributes.set(IFA_LABEL, newValue.map { .string(IFA_LABEL, $0) }) }
    }

    /// `IFA_FLAGS`: all 32 `IFA_F_*` flags; flags above the eighth (`IFA_F_NOPREFIXROUTE`…) live only here.
    public var extendedFlags: UInt32? {
        get { self.attributes.first(IFA_FLAGS)?.uint32 }
        set { self.attributes.set(IFA_FLAGS, newValue.map { .uint32(IFA_FLAGS, $0) }) }
    }

    /// `IFA_CACHEINFO`: the lifetimes.
    public var cacheInfo: AddressCacheInfo? {
        get { self.attributes.first(IFA_CACHEINFO).flatMap(AddressCacheInfo.init) }
        set { self.attributes.set(IFA_CACHEINFO, newValue?.attribute) }
    }

    /// The flags: `IFA_FLAGS` when present, which supersedes `ifa_flags`, else `ifa_flags`.
    public var allFlags: UInt32 { self.extendedFlags ?? UInt32(self.flags) }

    /// The address of this host: `IFA_LOCAL` when present, else `IFA_ADDRESS` (see `address`).
    public var localAddress: IPAddress? { self.local ?? self.address }

    /// The size of `struct ifaddrmsg`, where the attributes start.
    static let headerSize = MemoryLayout<ifaddrmsg>.size

    /// Parses `bytes[start..<end]`, the payload of an address message.
    init(parsing bytes: [UInt8], from start: Int, to end: Int, context: String) throws(NetlinkCodecError) {
        guard end - start >= Self.headerSize else {
            throw NetlinkCodecError(
                "\(context): \(end - start) bytes of payload are too few for struct ifaddrmsg (\(Self.headerSize))")
        }
        let header = NetlinkBytes.load(ifaddrmsg.self, from: bytes, at: start)
        self.family = header.ifa_family
        self.prefixLength = header.ifa_prefixlen
        self.flags = header.ifa_flags
        self.scope = header.ifa_scope
        self.index = header.ifa_index
        self.attributes = try NetlinkAttribute.parse(bytes, from: start + Self.headerSize, to: end, context: context)
    }

    /// Appends the payload as it goes on the wire.
    func encode(into bytes: inout [UInt8]) {
        let header = ifaddrmsg(
            ifa_family: self.family,
            ifa_prefixlen: self.prefixLength,
            ifa_flags: self.flags,
            ifa_scope: self.scope,
            ifa_index: self.index
        )
        NetlinkBytes.append(header, to: &bytes)
        for attribute in self.attributes { attribute.encode(into: &bytes) }
    }
}

import CNetlink
import UplinkCore

/// The payload of `RTM_NEWROUTE`, `RTM_DELROUTE` and `RTM_GETROUTE`: `struct rtmsg` followed by `RTA_*`
/// attributes (rtnetlink(7)).
public struct RouteMessage: Hashable, Sendable {
    /// `rtm_family`: `AF_INET` or `AF_INET6`.
    public var family: UInt8
    /// `rtm_dst_len`: the destination's prefix length; 0 for a default route.
    public var destinationLength: UInt8
    /// `rtm_src_len`.
    public var sourceLength: UInt8
    /// `rtm_tos`.
    public var typeOfService: UInt8
    /// `rtm_table`: `RT_TABLE_MAIN` (254) for the table `ip route` shows.
    public var table: UInt8
    /// `rtm_protocol`: who installed the route (`RTPROT_BOOT`, `RTPROT_KERNEL`, `RTPROT_DHCP`…).
    public var routingProtocol: UInt8
    /// `rtm_scope`: `RT_SCOPE_UNIVERSE` for a route through a gateway.
    public var scope: UInt8
    /// `rtm_type`: `RTN_UNICAST` for an ordinary route.
    public var type: UInt8
    /// `rtm_flags`: `RTM_F_*`.
    public var flags: UInt32
    /// The attributes, in order.
    public var attributes: [NetlinkAttribute]

    /// Makes a message from its fixed part and attributes.
    public init(
        family: UInt8,
        destinationLength: UInt8 = 0,
        sourceLength: UInt8 = 0,
        typeOfService: UInt8 = 0,
        table: UInt8 = 0,
        routingProtocol: UInt8 = 0,
        scope: UInt8 = 0,
        type: UInt8 = 0,
        flags: UInt32 = 0,
        attributes: [NetlinkAttribute] = []
    ) {
        self.family = family
        self.destinationLength = destinationLength
        self.sourceLength = sourceLength
        self.typeOfService = typeOfService
        self.table = table
        self.routingProtocol = routingProtocol
        self.scope = scope
        self.type = type
        self.flags = flags
        self.attributes = attributes
    }

    /// `RTA_DST`: the destination; absent for a default route.
    public var destination: IPAddress? {
        get { self.attributes.first(RTA_DST.rawValue)?.ipAddress }
        set { self.attributes.set(RTA_DST.rawValue, newValue.map { .ipAddress(RTA_DST.rawValue, $0) }) }
    }

    /// `RTA_GATEWAY`: the next hop.
    public var gateway: IPAddress? {
        get { self.attributes.first(RTA_GATEWAY.rawValue)?.ipAddress }
        set {
            self.attributes.set(RTA_GATEWAY.rawValue, newValue.map { .ipAddress(RTA_GATEWAY.rawValue, $0) })
        }
    }

    /// `RTA_OIF`: the index of the interface the route leaves through.
    public var outputInterface: UInt32? {
        get { self.attributes.first(RTA_OIF.rawValue)?.uint32 }
        set { self.attributes.set(RTA_OIF.rawValue, newValue.map { .uint32(RTA_OIF.rawValue, $0) }) }
    }

    /// `RTA_PRIORITY`: the metric; lower is preferred.
    public var priority: UInt32? {
        get { self.attributes.first(RTA_PRIORITY.rawValue)?.uint32 }
        set {
            self.attributes.set(RTA_PRIORITY.rawValue, newValue.map { .uint32(RTA_PRIORITY.rawValue, $0) })
        }
    }

    /// The size of `struct rtmsg`, where the attributes start.
    static let headerSize = MemoryLayout<rtmsg>.size

    /// Parses `bytes[start..<end]`, the payload of a route message.
    init(parsing bytes: [UInt8], from start: Int, to end: Int, context: String) throws(NetlinkCodecError) {
        guard end - start >= Self.headerSize else {
            throw NetlinkCodecError(
                "\(context): \(end - start) bytes of payload are too few for struct rtmsg (\(Self.headerSize))")
        }
        let header = NetlinkBytes.load(rtmsg.self, from: bytes, at: start)
        self.family = header.rtm_family
        self.destinationLength = header.rtm_dst_len
        self.sourceLength = header.rtm_src_len
        self.typeOfService = header.rtm_tos
        self.table = header.rtm_table
        self.routingProtocol = header.rtm_protocol
        self.scope = header.rtm_scope
        self.type = header.rtm_type
        self.flags = header.rtm_flags
        self.attributes = try NetlinkAttribute.parse(bytes, from: start + Self.headerSize, to: end, context: context)
    }

    /// Appends the payload as it goes on the wire.
    func encode(into bytes: inout [UInt8]) {
        let header = rtmsg(
            rtm_family: self.family,
            rtm_dst_len: self.destinationLength,
            rtm_src_len: self.sourceLength,
            rtm_tos: self.typeOfService,
            rtm_table: self.table,
            rtm_protocol: self.routingProtocol,
            rtm_scope: self.scope,
            rtm_type: self.type,
            rtm_flags: self.flags
        )
        NetlinkBytes.append(header, to: &bytes)
        for attribute in self.attributes { attribute.encode(into: &bytes) }
    }
}

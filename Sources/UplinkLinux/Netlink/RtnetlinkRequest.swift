import CNetlink
import Glibc
import UplinkCore

/// The requests the adapter sends, as messages ready for `bytes` (rtnetlink(7)).
///
/// Pure builders: the caller picks the sequence number and sends the result. Every change asks for an
/// acknowledgement (`NLM_F_ACK`), so success and failure come back the same way, as `NLMSG_ERROR`.
public enum RtnetlinkRequest {
    /// The routing protocol our routes carry (`rtm_protocol`): `RTPROT_DHCP` (16), the value iproute2
    /// shows as "proto dhcp", so `ip route` tells them apart from static (`boot`) and kernel routes.
    public static let routingProtocol = UInt8(RTPROT_DHCP)

    /// Flags of a change that is to be acknowledged.
    private static let acknowledged = UInt16(NLM_F_REQUEST | NLM_F_ACK)

    /// `RTM_GETLINK` with `NLM_F_DUMP`: every link. Asks the kernel to leave out the statistics
    /// (`RTEXT_FILTER_SKIP_STATS`), about half of each reply, which the adapter never reads.
    public static func dumpLinks(sequence: UInt32) -> NetlinkMessage {
        var link = LinkMessage(index: 0)
        link.extendedMask = UInt32(RTEXT_FILTER_SKIP_STATS)
        return NetlinkMessage(
            type: UInt16(RTM_GETLINK), flags: UInt16(NLM_F_REQUEST | NLM_F_DUMP), sequence: sequence,
            payload: .link(link))
    }

    /// `RTM_GETADDR` with `NLM_F_DUMP`: every address of both families (`AF_UNSPEC`).
    public static func dumpAddresses(sequence: UInt32) -> NetlinkMessage {
        NetlinkMessage(
            type: UInt16(RTM_GETADDR), flags: UInt16(NLM_F_REQUEST | NLM_F_DUMP), sequence: sequence,
            payload: .address(AddressMessage(family: UInt8(AF_UNSPEC))))
    }

    /// `RTM_NEWLINK` that sets or clears `IFF_UP` and nothing else: `ifi_change` names the one flag.
    public static func setAdminState(up: Bool, index: InterfaceIndex, sequence: UInt32) -> NetlinkMessage {
        let flag = UInt32(IFF_UP)
        let link = LinkMessage(index: Int32(index.rawValue), flags: up ? flag : 0, change: flag)
        return NetlinkMessage(
            type: UInt16(RTM_NEWLINK), flags: Self.acknowledged, sequence: sequence, payload: .link(link))
    }

    /// `RTM_NEWADDR` with `NLM_F_CREATE | NLM_F_REPLACE` (what `ip address replace` sends): adds the
    /// address, or updates the lifetimes and broadcast of the same address and prefix length.
    ///
    /// `IFA_LOCAL` and `IFA_ADDRESS` are both the address, as for a link that is not point-to-point;
    /// `IFA_CACHEINFO` always carries the lifetimes, "forever" (`AddressCacheInfo.infinite`) included, so
    /// that replacing an address with a finite lifetime by one without also resets it. The scope is what
    /// the address implies (host for 127/8, link for 169.254/16); the kernel decides it for IPv6 anyway.
    public static func addAddress(
        _ address: IPAddress,
        prefixLength: UInt8,
        broadcast: IPv4Address?,
        lifetimes: AddressCacheInfo,
        index: InterfaceIndex,
        sequence: UInt32
    ) -> NetlinkMessage {
        var message = AddressMessage(
            family: Self.family(of: address), prefixLength: prefixLength, scope: Self.scope(of: address),
            index: UInt32(index.rawValue))
        message.local = address
        message.address = address
        if let broadcast { message.broadcast = .v4(broadcast) }
        message.cacheInfo = lifetimes
        return NetlinkMessage(
            type: UInt16(RTM_NEWADDR), flags: Self.acknowledged | UInt16(NLM_F_CREATE | NLM_F_REPLACE),
            sequence: sequence, payload: .address(message))
    }

    /// `RTM_DELADDR` for an address and prefix length, named by `IFA_LOCAL` and `IFA_ADDRESS` as added (the
    /// kernel only compares IPv4 prefix lengths when `IFA_ADDRESS` is there).
    public static func removeAddress(
        _ address: IPAddress,
        prefixLength: UInt8,
        index: InterfaceIndex,
        sequence: UInt32
    ) -> NetlinkMessage {
        var message = AddressMessage(
            family: Self.family(of: address), prefixLength: prefixLength, index: UInt32(index.rawValue))
        message.local = address
        message.address = address
        return NetlinkMessage(
            type: UInt16(RTM_DELADDR), flags: Self.acknowledged, sequence: sequence, payload: .address(message))
    }

    /// `RTM_NEWROUTE` with `NLM_F_CREATE` for the default route (`rtm_dst_len` 0) of the gateway's family
    /// in the main table: `RTA_GATEWAY`, `RTA_OIF` and `RTA_PRIORITY` (the metric).
    ///
    /// Without `NLM_F_REPLACE` the kernel keeps other default routes with the same metric (through another
    /// interface or gateway) and answers EEXIST only for an identical route, which the caller can take as
    /// success; with it, IPv4 would replace whichever default route had that metric.
    public static func addDefaultRoute(
        via gateway: IPAddress,
        index: InterfaceIndex,
        metric: UInt32,
        sequence: UInt32
    ) -> NetlinkMessage {
        var route = RouteMessage(
            family: Self.family(of: gateway), table: UInt8(RT_TABLE_MAIN.rawValue),
            routingProtocol: Self.routingProtocol,
            scope: UInt8(RT_SCOPE_UNIVERSE.rawValue), type: UInt8(RTN_UNICAST))
        route.gateway = gateway
        route.outputInterface = UInt32(index.rawValue)
        route.priority = metric
        return NetlinkMessage(
            type: UInt16(RTM_NEWROUTE), flags: Self.acknowledged | UInt16(NLM_F_CREATE), sequence: sequence,
            payload: .route(route))
    }

    /// `RTM_DELROUTE` for that default route. As `ip route del` does, the scope is `RT_SCOPE_NOWHERE` and
    /// protocol and type are 0, which the kernel reads as "any"; gateway, interface and metric pick the route.
    public static func removeDefaultRoute(
        via gateway: IPAddress,
        index: InterfaceIndex,
        metric: UInt32,
        sequence: UInt32
    ) -> NetlinkMessage {
        var route = RouteMessage(
            family: Self.family(of: gateway), table: UInt8(RT_TABLE_MAIN.rawValue),
            scope: UInt8(RT_SCOPE_NOWHERE.rawValue))
        route.gateway = gateway
        route.outputInterface = UInt32(index.rawValue)
        route.priority = metric
        return NetlinkMessage(
            type: UInt16(RTM_DELROUTE), flags: Self.acknowledged, sequence: sequence, payload: .route(route))
    }

    /// `AF_INET` or `AF_INET6`.
    static func family(of address: IPAddress) -> UInt8 {
        switch address {
        case .v4: UInt8(AF_INET)
        case .v6: UInt8(AF_INET6)
        }
    }

    private static func scope(of address: IPAddress) -> UInt8 {
        if address.isLoopback { return UInt8(RT_SCOPE_HOST.rawValue) }
        if address.isLinkLocal { return UInt8(RT_SCOPE_LINK.rawValue) }
        return UInt8(RT_SCOPE_UNIVERSE.rawValue)
    }
}

import CNetlink
import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// The requests the adapter sends, byte for byte (annotated against rtnetlink(7) and the kernel's
/// structures; x86_64, little-endian), and each parsed back into the message it was built from.
@Suite("netlink codec: requests")
struct NetlinkRequestTests {
    @Test("RTM_GETLINK dump without statistics")
    func dumpLinks() throws {
        try self.check(
            RtnetlinkRequest.dumpLinks(sequence: 1),
            [
                0x28, 0x00, 0x00, 0x00,  // nlmsg_len 40
                0x12, 0x00,  // nlmsg_type RTM_GETLINK (18)
                0x01, 0x03,  // nlmsg_flags NLM_F_REQUEST | NLM_F_DUMP (0x301)
                0x01, 0x00, 0x00, 0x00,  // nlmsg_seq 1
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid 0: the kernel fills in ours
                0x00, 0x00, 0x00, 0x00,  // ifi_family AF_UNSPEC, pad, ifi_type 0
                0x00, 0x00, 0x00, 0x00,  // ifi_index 0: every link
                0x00, 0x00, 0x00, 0x00,  // ifi_flags
                0x00, 0x00, 0x00, 0x00,  // ifi_change
                0x08, 0x00, 0x1D, 0x00,  // rta_len 8, IFLA_EXT_MASK (29)
                0x08, 0x00, 0x00, 0x00,  // RTEXT_FILTER_SKIP_STATS
            ])
    }

    @Test("RTM_GETADDR dump of both families")
    func dumpAddresses() throws {
        try self.check(
            RtnetlinkRequest.dumpAddresses(sequence: 2),
            [
                0x18, 0x00, 0x00, 0x00,  // nlmsg_len 24
                0x16, 0x00,  // nlmsg_type RTM_GETADDR (22)
                0x01, 0x03,  // NLM_F_REQUEST | NLM_F_DUMP
                0x02, 0x00, 0x00, 0x00,  // nlmsg_seq 2
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                0x00, 0x00, 0x00, 0x00,  // ifa_family AF_UNSPEC, ifa_prefixlen, ifa_flags, ifa_scope
                0x00, 0x00, 0x00, 0x00,  // ifa_index 0: every interface
            ])
    }

    @Test("RTM_NEWLINK setting and clearing IFF_UP, acknowledged")
    func adminState() throws {
        let header: [UInt8] = [
            0x20, 0x00, 0x00, 0x00,  // nlmsg_len 32
            0x10, 0x00,  // nlmsg_type RTM_NEWLINK (16)
            0x05, 0x00,  // NLM_F_REQUEST | NLM_F_ACK
            0x03, 0x00, 0x00, 0x00,  // nlmsg_seq 3
            0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
            0x00, 0x00, 0x00, 0x00,  // ifi_family AF_UNSPEC, pad, ifi_type
            0x07, 0x00, 0x00, 0x00,  // ifi_index 7
        ]
        try self.check(
            RtnetlinkRequest.setAdminState(up: true, index: 7, sequence: 3),
            header + [
                0x01, 0x00, 0x00, 0x00,  // ifi_flags IFF_UP
                0x01, 0x00, 0x00, 0x00,  // ifi_change IFF_UP: only this flag changes
            ])
        try self.check(
            RtnetlinkRequest.setAdminState(up: false, index: 7, sequence: 3),
            header + [
                0x00, 0x00, 0x00, 0x00,  // ifi_flags: IFF_UP clear
                0x01, 0x00, 0x00, 0x00,  // ifi_change IFF_UP
            ])
    }

    @Test("RTM_NEWADDR for IPv4 with broadcast and lifetimes, create-or-replace")
    func addIPv4Address() throws {
        try self.check(
            RtnetlinkRequest.addAddress(
                IPAddress("198.18.0.1"), prefixLength: 24, broadcast: IPv4Address("198.18.0.255"),
                lifetimes: AddressCacheInfo(preferredLifetime: 120, validLifetime: 300), index: 7, sequence: 4),
            [
                0x44, 0x00, 0x00, 0x00,  // nlmsg_len 68
                0x14, 0x00,  // nlmsg_type RTM_NEWADDR (20)
                0x05, 0x05,  // NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE (0x100) | NLM_F_CREATE (0x400)
                0x04, 0x00, 0x00, 0x00,  // nlmsg_seq 4
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                0x02, 0x18, 0x00, 0x00,  // ifa_family AF_INET, ifa_prefixlen 24, ifa_flags 0, ifa_scope universe
                0x07, 0x00, 0x00, 0x00,  // ifa_index 7
                0x08, 0x00, 0x02, 0x00,  // IFA_LOCAL (2)
                0xC6, 0x12, 0x00, 0x01,  // 198.18.0.1
                0x08, 0x00, 0x01, 0x00,  // IFA_ADDRESS (1)
                0xC6, 0x12, 0x00, 0x01,  // 198.18.0.1 (no peer)
                0x08, 0x00, 0x04, 0x00,  // IFA_BROADCAST (4)
                0xC6, 0x12, 0x00, 0xFF,  // 198.18.0.255
                0x14, 0x00, 0x06, 0x00,  // IFA_CACHEINFO (6), 20 bytes
                0x78, 0x00, 0x00, 0x00,  // ifa_prefered 120 s
                0x2C, 0x01, 0x00, 0x00,  // ifa_valid 300 s
                0x00, 0x00, 0x00, 0x00,  // cstamp
                0x00, 0x00, 0x00, 0x00,  // tstamp
            ])
    }

    @Test("RTM_NEWADDR for IPv6 without lifetimes: forever")
    func addIPv6Address() throws {
        let address: [UInt8] = [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]  // 2001:db8::1
        try self.check(
            RtnetlinkRequest.addAddress(
                IPAddress("2001:db8::1"), prefixLength: 64, broadcast: nil,
                lifetimes: AddressCacheInfo(
                    preferredLifetime: AddressCacheInfo.infinite, validLifetime: AddressCacheInfo.infinite),
                index: 7, sequence: 5),
            [
                0x54, 0x00, 0x00, 0x00,  // nlmsg_len 84
                0x14, 0x00,  // RTM_NEWADDR
                0x05, 0x05,  // NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE
                0x05, 0x00, 0x00, 0x00,  // nlmsg_seq 5
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                0x0A, 0x40, 0x00, 0x00,  // AF_INET6, prefix 64, flags 0, scope universe
                0x07, 0x00, 0x00, 0x00,  // ifa_index 7
                0x14, 0x00, 0x02, 0x00,  // IFA_LOCAL, 20 bytes
            ] + address + [
                0x14, 0x00, 0x01, 0x00,  // IFA_ADDRESS, 20 bytes
            ] + address + [
                0x14, 0x00, 0x06, 0x00,  // IFA_CACHEINFO
                0xFF, 0xFF, 0xFF, 0xFF,  // ifa_prefered: INFINITY_LIFE_TIME
                0xFF, 0xFF, 0xFF, 0xFF,  // ifa_valid: INFINITY_LIFE_TIME
                0x00, 0x00, 0x00, 0x00,  // cstamp
                0x00, 0x00, 0x00, 0x00,  // tstamp
            ])
    }

    @Test("the scope follows the address: link for fe80::/10 and 169.254/16, host for 127/8")
    func addressScopes() throws {
        let forever = AddressCacheInfo(preferredLifetime: 0, validLifetime: 1)
        for (text, scope) in [("fe80::1", RT_SCOPE_LINK), ("169.254.3.4", RT_SCOPE_LINK), ("127.0.0.2", RT_SCOPE_HOST)]
        {
            let request = RtnetlinkRequest.addAddress(
                IPAddress(stringLiteral: text), prefixLength: 16, broadcast: nil, lifetimes: forever, index: 1,
                sequence: 1)
            guard case .address(let message) = request.payload else {
                Issue.record("not an address request")
                continue
            }
            #expect(message.scope == UInt8(scope.rawValue), "\(text)")
        }
    }

    @Test("RTM_DELADDR names the address by IFA_LOCAL and IFA_ADDRESS")
    func removeAddress() throws {
        try self.check(
            RtnetlinkRequest.removeAddress(IPAddress("198.18.0.1"), prefixLength: 24, index: 7, sequence: 6),
            [
                0x28, 0x00, 0x00, 0x00,  // nlmsg_len 40
                0x15, 0x00,  // nlmsg_type RTM_DELADDR (21)
                0x05, 0x00,  // NLM_F_REQUEST | NLM_F_ACK
                0x06, 0x00, 0x00, 0x00,  // nlmsg_seq 6
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                0x02, 0x18, 0x00, 0x00,  // AF_INET, prefix 24, flags 0, scope 0
                0x07, 0x00, 0x00, 0x00,  // ifa_index 7
                0x08, 0x00, 0x02, 0x00,  // IFA_LOCAL
                0xC6, 0x12, 0x00, 0x01,  // 198.18.0.1
                0x08, 0x00, 0x01, 0x00,  // IFA_ADDRESS
                0xC6, 0x12, 0x00, 0x01,  // 198.18.0.1
            ])
    }

    @Test("RTM_NEWROUTE: the IPv4 default route via a gateway, main table, protocol dhcp, with a metric")
    func addDefaultRoute() throws {
        try self.check(
            RtnetlinkRequest.addDefaultRoute(via: IPAddress("198.18.0.254"), index: 7, metric: 100, sequence: 7),
            [
                0x34, 0x00, 0x00, 0x00,  // nlmsg_len 52
                0x18, 0x00,  // nlmsg_type RTM_NEWROUTE (24)
                0x05, 0x04,  // NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE (no NLM_F_REPLACE)
                0x07, 0x00, 0x00, 0x00,  // nlmsg_seq 7
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                0x02, 0x00, 0x00, 0x00,  // rtm_family AF_INET, rtm_dst_len 0 (default), rtm_src_len 0, rtm_tos 0
                0xFE, 0x10, 0x00, 0x01,  // RT_TABLE_MAIN (254), RTPROT_DHCP (16), RT_SCOPE_UNIVERSE, RTN_UNICAST
                0x00, 0x00, 0x00, 0x00,  // rtm_flags
                0x08, 0x00, 0x05, 0x00,  // RTA_GATEWAY (5)
                0xC6, 0x12, 0x00, 0xFE,  // 198.18.0.254
                0x08, 0x00, 0x04, 0x00,  // RTA_OIF (4)
                0x07, 0x00, 0x00, 0x00,  // index 7
                0x08, 0x00, 0x06, 0x00,  // RTA_PRIORITY (6)
                0x64, 0x00, 0x00, 0x00,  // metric 100
            ])
    }

    @Test("RTM_DELROUTE: any scope, protocol and type; gateway, interface and metric pick the route")
    func removeDefaultRoute() throws {
        let gateway: [UInt8] = [0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]  // fe80::1
        try self.check(
            RtnetlinkRequest.removeDefaultRoute(via: IPAddress("fe80::1"), index: 7, metric: 1024, sequence: 8),
            [
                0x40, 0x00, 0x00, 0x00,  // nlmsg_len 64
                0x19, 0x00,  // nlmsg_type RTM_DELROUTE (25)
                0x05, 0x00,  // NLM_F_REQUEST | NLM_F_ACK
                0x08, 0x00, 0x00, 0x00,  // nlmsg_seq 8
                0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                0x0A, 0x00, 0x00, 0x00,  // AF_INET6, default, no source, tos 0
                0xFE, 0x00, 0xFF, 0x00,  // RT_TABLE_MAIN, protocol 0 (any), RT_SCOPE_NOWHERE (any), type 0 (any)
                0x00, 0x00, 0x00, 0x00,  // rtm_flags
                0x14, 0x00, 0x05, 0x00,  // RTA_GATEWAY, 20 bytes
            ] + gateway + [
                0x08, 0x00, 0x04, 0x00,  // RTA_OIF
                0x07, 0x00, 0x00, 0x00,  // index 7
                0x08, 0x00, 0x06, 0x00,  // RTA_PRIORITY
                0x00, 0x04, 0x00, 0x00,  // metric 1024
            ])
    }

    /// The request emits `expected`, and `expected` parses back into the request.
    private func check(
        _ request: NetlinkMessage, _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        #expect(request.bytes == expected, sourceLocation: sourceLocation)
        #expect(try NetlinkMessage.parse(expected) == [request], sourceLocation: sourceLocation)
    }
}

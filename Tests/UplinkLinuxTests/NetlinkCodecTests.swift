import CNetlink
import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// The codec on real kernel messages (Linux 6.18.44, see `NetlinkFixture`): parse → the expected value,
/// and every captured message emitted again → the same bytes. No root needed.
@Suite("netlink codec: captured kernel messages")
struct NetlinkCodecTests {
    let fixture = NetlinkFixture.shared

    @Test(
        "every captured message emits the bytes it was parsed from", arguments: NetlinkFixture.shared.blocks.map(\.name)
    )
    func roundTrip(name: String) throws {
        let bytes = self.fixture.bytes(name)
        let messages = try NetlinkMessage.parse(bytes)
        #expect(NetlinkMessage.bytes(of: messages) == bytes)
    }

    @Test("a whole dump in one buffer: two addresses and NLMSG_DONE, in order")
    func addressDump() throws {
        let buffer =
            self.fixture.bytes("dump-addresses/1") + self.fixture.bytes("dump-addresses/2")
            + self.fixture.bytes("dump-addresses/3")
        let messages = try NetlinkMessage.parse(buffer)
        #expect(messages.map(\.typeName) == ["RTM_NEWADDR", "RTM_NEWADDR", "NLMSG_DONE"])
        #expect(messages.allSatisfy { $0.sequence == 2 && $0.flags == UInt16(NLM_F_MULTI) })
        #expect(messages[2].payload == .done(error: 0, attributes: []))
    }

    @Test("lo from the link dump: loopback, up, running, lower up, operstate unknown")
    func loopbackLink() throws {
        let message = try self.fixture.message("dump-links/1")
        #expect(message.type == UInt16(RTM_NEWLINK))
        #expect(message.flags == UInt16(NLM_F_MULTI))
        #expect(message.sequence == 1)
        guard case .link(let link) = message.payload else {
            Issue.record("not a link: \(message)")
            return
        }
        #expect(link.family == UInt8(AF_UNSPEC))
        #expect(Int32(link.type) == ARPHRD_LOOPBACK)
        #expect(link.index == 1)
        #expect(link.flags == UInt32(IFF_UP | IFF_LOOPBACK | IFF_RUNNING) | cnl_iff_lower_up)
        #expect(link.name == "lo")
        #expect(link.mtu == 65536)
        #expect(link.operationalState == .unknown)
        #expect(link.linkMode == .default)
        #expect(link.hardwareAddress == [0, 0, 0, 0, 0, 0])
        #expect(link.kind == nil)
        #expect(link.master == nil)
    }

    @Test("a new veth: kind veth, Ethernet, down, no carrier, MTU 1500, a MAC address")
    func vethCreated() throws {
        let link = try self.link("veth-created/1")
        #expect(Int32(link.type) == ARPHRD_ETHER)
        #expect(link.index == 2)
        #expect(link.name == "vA")
        #expect(link.kind == "veth")
        #expect(link.flags == UInt32(IFF_BROADCAST | IFF_MULTICAST))
        #expect(link.operationalState == .down)
        #expect(link.mtu == 1500)
        #expect(link.hardwareAddress?.count == 6)
    }

    @Test("admin up without a peer, then the carrier, then dormant and back")
    func linkStates() throws {
        let noCarrier = try self.link("vA-up-no-carrier/1")
        #expect(noCarrier.flags & UInt32(IFF_UP) != 0)
        #expect(noCarrier.flags & cnl_iff_lower_up == 0)
        #expect(noCarrier.operationalState == .down)

        let carrier = try self.link("vA-carrier/1")
        #expect(
            carrier.flags & (UInt32(IFF_UP | IFF_RUNNING) | cnl_iff_lower_up) == UInt32(IFF_UP | IFF_RUNNING)
                | cnl_iff_lower_up)
        #expect(carrier.operationalState == .up)

        let dormant = try self.link("vA-dormant/2")
        #expect(dormant.operationalState == .dormant)
        #expect(dormant.linkMode == .dormant)
        #expect(dormant.flags & cnl_iff_lower_up != 0)
        #expect(dormant.flags & UInt32(IFF_RUNNING) == 0)

        let awake = try self.link("vA-not-dormant/1")
        #expect(awake.operationalState == .up)
        #expect(awake.linkMode == .dormant)
        #expect(try self.link("vA-not-dormant/2").linkMode == .default)
    }

    @Test("a rename keeps the index and carries the new name")
    func rename() throws {
        let link = try self.link("vA-renamed/1")
        #expect(link.index == 2)
        #expect(link.name == "vRenamed")
    }

    @Test("the bridge's own messages about its port are AF_BRIDGE, the port leaving it an RTM_DELLINK")
    func bridgePortMessages() throws {
        let added = try self.link("bridge-port-added/4")
        #expect(added.family == UInt8(AF_BRIDGE))
        #expect(added.master == 3)
        let left = try self.fixture.message("bridge-port-removed/3")
        #expect(left.type == UInt16(RTM_DELLINK))
        guard case .link(let link) = left.payload else {
            Issue.record("not a link: \(left)")
            return
        }
        #expect(link.family == UInt8(AF_BRIDGE))
        #expect(link.index == 2)
        #expect(try self.link("bridge-port-added/1").master == 3)
    }

    @Test(
        "link kinds from IFLA_LINKINFO",
        arguments: [
            ("bridge-created/1", "br0", "bridge", ARPHRD_ETHER),
            ("macvlan-created/2", "mv0", "macvlan", ARPHRD_ETHER),
            ("vxlan-created/1", "vx0", "vxlan", ARPHRD_ETHER),
            ("tap-created/1", "tap0", "tun", ARPHRD_ETHER),
            ("tun-created/1", "tun0", "tun", ARPHRD_NONE),
            ("ifb-created/1", "ifb0", "ifb", ARPHRD_ETHER),
        ])
    func kinds(fixture: String, name: String, kind: String, type: Int32) throws {
        let link = try self.link(fixture)
        #expect(link.name == name)
        #expect(link.kind == kind)
        #expect(Int32(link.type) == type)
    }

    @Test("deleting the veth: its IPv4 addresses, the macvlan on it, then itself")
    func deletion() throws {
        let messages = try self.fixture.messages(startingWith: "veth-deleted/")
        #expect(messages.map(\.typeName) == ["RTM_DELADDR", "RTM_DELADDR", "RTM_DELLINK", "RTM_DELLINK"])
        #expect(try self.link("veth-deleted/4").name == "vRenamed")
    }

    @Test("IPv4: IFA_LOCAL, IFA_ADDRESS, IFA_BROADCAST, IFA_LABEL, IFA_FLAGS and lifetimes")
    func ipv4Address() throws {
        let address = try self.address("ipv4-added/1")
        #expect(address.family == UInt8(AF_INET))
        #expect(address.prefixLength == 24)
        #expect(address.scope == UInt8(RT_SCOPE_UNIVERSE.rawValue))
        #expect(address.index == 2)
        #expect(address.local == IPAddress("198.18.0.1"))
        #expect(address.address == IPAddress("198.18.0.1"))
        #expect(address.broadcast == IPAddress("198.18.0.255"))
        #expect(address.label == "vA")
        #expect(address.allFlags == UInt32(IFA_F_PERMANENT))
        #expect(address.cacheInfo?.validLifetime == AddressCacheInfo.infinite)

        let timed = try self.address("ipv4-lifetimes/1")
        #expect(timed.cacheInfo?.preferredLifetime == 120)
        #expect(timed.cacheInfo?.validLifetime == 300)
        #expect(timed.allFlags == UInt32(IFA_F_SECONDARY), "a second address in the same subnet, not permanent")
    }

    @Test("point-to-point: IFA_LOCAL is ours, IFA_ADDRESS the peer's, in both families")
    func peerAddresses() throws {
        let ipv4 = try self.address("ipv4-peer/1")
        #expect(ipv4.local == IPAddress("198.18.1.1"))
        #expect(ipv4.address == IPAddress("198.18.1.2"))
        #expect(ipv4.localAddress == IPAddress("198.18.1.1"))
        let ipv6 = try self.address("ipv6-peer/1")
        #expect(ipv6.local == IPAddress("2001:db8:1::1"))
        #expect(ipv6.address == IPAddress("2001:db8:1::2"))
        #expect(ipv6.localAddress == IPAddress("2001:db8:1::1"))
    }

    @Test(
        "IPv6 flags through DAD: tentative, preferred, nodad, deprecated, optimistic, failed",
        arguments: [
            ("ipv6-dad/1", "2001:db8::1", IFA_F_PERMANENT | IFA_F_TENTATIVE),
            ("ipv6-dad/2", "2001:db8::1", IFA_F_PERMANENT),
            ("ipv6-nodad/1", "2001:db8::2", IFA_F_PERMANENT | IFA_F_NODAD),
            ("ipv6-deprecated/1", "2001:db8::3", IFA_F_DEPRECATED | IFA_F_NODAD),
            ("ipv6-optimistic/1", "2001:db8::5", IFA_F_PERMANENT | IFA_F_TENTATIVE | IFA_F_OPTIMISTIC),
            ("ipv6-dadfailed/2", "2001:db8::9", IFA_F_PERMANENT | IFA_F_TENTATIVE | IFA_F_DADFAILED),
        ])
    func ipv6Flags(fixture: String, text: String, flags: Int32) throws {
        let address = try self.address(fixture)
        #expect(address.family == UInt8(AF_INET6))
        #expect(address.address == IPAddress(text))
        #expect(address.local == nil, "the kernel sends IFA_LOCAL for IPv6 only with a peer")
        #expect(address.allFlags == UInt32(flags))
        #expect(address.flags == UInt8(truncatingIfNeeded: flags))
    }

    @Test("the link-local address arrives with the carrier, link scope")
    func linkLocal() throws {
        let address = try self.address("vA-carrier/2")
        #expect(address.scope == UInt8(RT_SCOPE_LINK.rawValue))
        #expect(address.address?.isLinkLocal == true)
        #expect(address.prefixLength == 64)
    }

    @Test("an acknowledgement: error 0, capped to the request's header")
    func acknowledgement() throws {
        let message = try self.fixture.message("ack-link-up/1")
        #expect(message.flags == UInt16(NLM_F_CAPPED))
        guard case .error(let answer) = message.payload else {
            Issue.record("not an answer: \(message)")
            return
        }
        #expect(answer.isAcknowledgement)
        #expect(answer.echoedRequest.count == 16)
        #expect(answer.requestHeader?.type == UInt16(RTM_NEWLINK))
        #expect(answer.requestHeader?.sequence == 10)
        #expect(answer.requestHeader?.length == 32)
    }

    @Test("ENODEV with the whole request echoed, which parses as the request")
    func errorWithRequest() throws {
        let message = try self.fixture.message("error-no-device/1")
        guard case .error(let answer) = message.payload else {
            Issue.record("not an answer: \(message)")
            return
        }
        #expect(answer.error == -ENODEV)
        #expect(answer.errorNumber == ENODEV)
        #expect(answer.kernelMessage == nil)
        let request = try NetlinkMessage.parse(answer.echoedRequest)
        #expect(request.count == 1)
        #expect(request.first?.payload == .link(LinkMessage(index: 9999, flags: 1, change: 1)))
    }

    @Test("EINVAL with the kernel's explanation in NLMSGERR_ATTR_MSG")
    func extendedAcknowledgement() throws {
        let message = try self.fixture.message("error-extended-ack/1")
        #expect(message.flags == UInt16(NLM_F_ACK_TLVS))
        guard case .error(let answer) = message.payload else {
            Issue.record("not an answer: \(message)")
            return
        }
        #expect(answer.errorNumber == EINVAL)
        #expect(answer.kernelMessage == "ipv4: Invalid prefix length")
        #expect(answer.requestHeader?.type == UInt16(RTM_NEWADDR))
    }

    @Test("truncated and inconsistent buffers are errors that say where")
    func malformed() throws {
        let address = self.fixture.bytes("ipv4-added/1")
        #expect(throws: NetlinkCodecError("the RTM_NEWADDR at offset 0 claims 84 bytes, but 80 remain")) {
            try NetlinkMessage.parse(Array(address.dropLast(4)))
        }
        #expect(throws: NetlinkCodecError("8 bytes at offset 0 are too few for a netlink header (16)")) {
            try NetlinkMessage.parse(Array(address.prefix(8)))
        }
        // An attribute that claims more than its message holds: IFA_ADDRESS's length, at offset 24, set to 200.
        var overlong = address
        overlong[24] = 200
        #expect(
            throws: NetlinkCodecError(
                "RTM_NEWADDR at offset 0: attribute 1 at offset 24 claims 200 bytes, but 60 remain")
        ) {
            try NetlinkMessage.parse(overlong)
        }
        // A link message whose payload is shorter than struct ifinfomsg.
        let short = NetlinkMessage(type: UInt16(RTM_NEWLINK), payload: .other([0, 0, 0, 0])).bytes
        #expect(
            throws: NetlinkCodecError(
                "RTM_NEWLINK at offset 0: 4 bytes of payload are too few for struct ifinfomsg (16)")
        ) {
            try NetlinkMessage.parse(short)
        }
    }

    @Test("NLMSG_OVERRUN parses as an overrun")
    func overrunMessage() throws {
        let bytes: [UInt8] = [
            0x14, 0, 0, 0,  // nlmsg_len 20
            UInt8(NLMSG_OVERRUN), 0,  // nlmsg_type NLMSG_OVERRUN (4)
            0, 0,  // nlmsg_flags
            0, 0, 0, 0,  // nlmsg_seq
            0, 0, 0, 0,  // nlmsg_pid
            0, 0, 0, 0,  // four bytes of payload
        ]
        let messages = try NetlinkMessage.parse(bytes)
        #expect(messages == [NetlinkMessage(type: UInt16(NLMSG_OVERRUN), payload: .overrun([0, 0, 0, 0]))])
        #expect(messages[0].bytes == bytes)
    }

    private func link(_ name: String) throws -> LinkMessage {
        let message = try self.fixture.message(name)
        guard case .link(let link) = message.payload else { throw NetlinkCodecError("\(name) is not a link message") }
        return link
    }

    private func address(_ name: String) throws -> AddressMessage {
        let message = try self.fixture.message(name)
        guard case .address(let address) = message.payload else {
            throw NetlinkCodecError("\(name) is not an address message")
        }
        return address
    }
}

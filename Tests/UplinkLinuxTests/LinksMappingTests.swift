import CNetlink
import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting

@testable import UplinkLinux

/// From captured kernel messages to the core's model: links, addresses, technologies, and the whole
/// captured session replayed into a connection manager. No root needed.
@Suite("links: mapping kernel messages to the core model")
struct LinksMappingTests {
    let fixture = NetlinkFixture.shared
    /// Netlink facts only: the test machine's sysfs describes other interfaces.
    let classifier = TechnologyClassifier(sysfs: nil)

    @Test("lo is a loopback with carrier; admin and carrier come from IFF_UP and IFF_LOWER_UP")
    func linkSnapshots() throws {
        #expect(
            try self.snapshot("dump-links/1")
                == LinkSnapshot(index: 1, name: "lo", technology: .loopback, isAdminUp: true, hasCarrier: true))
        #expect(
            try self.snapshot("veth-created/1")
                == LinkSnapshot(index: 2, name: "vA", technology: .virtual, isAdminUp: false, hasCarrier: false))
        #expect(
            try self.snapshot("vA-up-no-carrier/1")
                == LinkSnapshot(index: 2, name: "vA", technology: .virtual, isAdminUp: true, hasCarrier: false))
        #expect(
            try self.snapshot("vA-carrier/1")
                == LinkSnapshot(index: 2, name: "vA", technology: .virtual, isAdminUp: true, hasCarrier: true))
        #expect(
            try self.snapshot("vA-dormant/2")
                == LinkSnapshot(
                    index: 2, name: "vA", technology: .virtual, isAdminUp: true, hasCarrier: true, isDormant: true))
        #expect(try self.snapshot("vA-carrier-lost/1").hasCarrier == false)
        #expect(try self.snapshot("vA-down/1").isAdminUp == false)
        #expect(try self.snapshot("vA-renamed/1").name == "vRenamed")
    }

    @Test("operstate unknown with IFF_UP and IFF_RUNNING counts as a carrier; without IFF_RUNNING it does not")
    func unknownOperationalState() {
        var link = LinkMessage(type: UInt16(ARPHRD_NONE), index: 9, flags: UInt32(IFF_UP | IFF_RUNNING))
        link.name = "tun0"
        link.operationalState = .unknown
        #expect(LinkSnapshot(link, technology: .virtual).hasCarrier)
        link.flags = UInt32(IFF_UP)
        #expect(!LinkSnapshot(link, technology: .virtual).hasCarrier)
        link.flags = UInt32(IFF_UP | IFF_RUNNING)
        link.operationalState = .down
        #expect(!LinkSnapshot(link, technology: .virtual).hasCarrier, "a tracked state needs IFF_LOWER_UP")
    }

    @Test(
        "captured addresses map to the core's address, scope and state",
        arguments: [
            ("dump-addresses/1", InterfaceAddress("127.0.0.1", prefixLength: 8, scope: .host, state: .preferred)),
            ("dump-addresses/2", InterfaceAddress("::1", prefixLength: 128, scope: .host, state: .preferred)),
            ("ipv4-added/1", InterfaceAddress("198.18.0.1", prefixLength: 24, scope: .global, state: .preferred)),
            ("ipv6-dad/1", InterfaceAddress("2001:db8::1", prefixLength: 64, scope: .global, state: .tentative)),
            ("ipv6-dad/2", InterfaceAddress("2001:db8::1", prefixLength: 64, scope: .global, state: .preferred)),
            ("ipv6-nodad/1", InterfaceAddress("2001:db8::2", prefixLength: 64, scope: .global, state: .preferred)),
            (
                "ipv6-deprecated/1",
                InterfaceAddress("2001:db8::3", prefixLength: 64, scope: .global, state: .deprecated)
            ),
            ("ipv6-optimistic/1", InterfaceAddress("2001:db8::5", prefixLength: 64, scope: .global, state: .preferred)),
            ("ipv6-dadfailed/1", InterfaceAddress("2001:db8::9", prefixLength: 64, scope: .global, state: .tentative)),
            ("ipv6-dadfailed/2", InterfaceAddress("2001:db8::9", prefixLength: 64, scope: .global, state: .duplicate)),
            ("ipv4-peer/1", InterfaceAddress("198.18.1.1", prefixLength: 32, scope: .global, state: .preferred)),
            ("ipv6-peer/1", InterfaceAddress("2001:db8:1::1", prefixLength: 128, scope: .global, state: .preferred)),
        ])
    func addresses(fixture: String, expected: InterfaceAddress) throws {
        guard case .address(let message) = try self.fixture.message(fixture).payload else {
            Issue.record("\(fixture) is not an address")
            return
        }
        #expect(InterfaceAddress(message) == expected)
    }

    @Test("the link-local address has link scope")
    func linkLocal() throws {
        guard case .address(let message) = try self.fixture.message("vA-carrier/2").payload else {
            Issue.record("not an address")
            return
        }
        let address = try #require(InterfaceAddress(message))
        #expect(address.scope == .link)
        #expect(address.address.isLinkLocal)
        #expect(address.state == .preferred)
    }

    @Test(
        "flags to states: DADFAILED over TENTATIVE, OPTIMISTIC over TENTATIVE, TENTATIVE over DEPRECATED",
        arguments: Self.flagStates)
    func states(flags: Int32, state: AddressState) {
        #expect(AddressState(kernelFlags: UInt32(flags)) == state)
    }

    static let flagStates: [(Int32, AddressState)] = [
        (0, .preferred),
        (IFA_F_PERMANENT, .preferred),
        (IFA_F_TENTATIVE, .tentative),
        (IFA_F_TENTATIVE | IFA_F_DEPRECATED, .tentative),
        (IFA_F_TENTATIVE | IFA_F_OPTIMISTIC, .preferred),
        (IFA_F_TENTATIVE | IFA_F_DADFAILED, .duplicate),
        (IFA_F_TENTATIVE | IFA_F_OPTIMISTIC | IFA_F_DADFAILED, .duplicate),
        (IFA_F_DEPRECATED, .deprecated),
        (IFA_F_DEPRECATED | IFA_F_OPTIMISTIC, .deprecated),
    ]

    @Test(
        "kernel scopes to the core's",
        arguments: [
            (UInt8(0), AddressScope.global), (100, .global), (200, .site), (252, .site), (253, .link), (254, .host),
            (255, .host),
        ])
    func scopes(kernel: UInt8, scope: AddressScope) {
        #expect(AddressScope(kernelScope: kernel) == scope)
    }

    @Test("IFA_FLAGS supersedes ifa_flags, which holds only the low eight bits")
    func extendedFlags() {
        var message = AddressMessage(family: UInt8(AF_INET6), prefixLength: 64, flags: UInt8(IFA_F_TENTATIVE), index: 2)
        message.address = "2001:db8::7"
        message.extendedFlags = UInt32(IFA_F_NOPREFIXROUTE)
        #expect(InterfaceAddress(message)?.state == .preferred)
    }

    @Test("the captured session, replayed, is one change per kernel message about a link or address")
    func translation() throws {
        var translator = LinkChangeTranslator(classifier: self.classifier)
        let changes = translator.changes(for: try self.fixture.messages(startingWith: "vA-renamed/"))
        #expect(
            changes == [
                .link(LinkSnapshot(index: 2, name: "vRenamed", technology: .virtual, hasCarrier: false)),
                .address(2, InterfaceAddress("198.18.0.1", prefixLength: 24)),
                .address(2, InterfaceAddress("198.18.1.1", prefixLength: 32)),
            ])
        let deleted = translator.changes(for: try self.fixture.messages(startingWith: "veth-deleted/"))
        #expect(
            deleted == [
                .addressRemoved(2, "198.18.0.1", prefixLength: 24),
                .addressRemoved(2, "198.18.1.1", prefixLength: 32),
                .linkRemoved(4),
                .linkRemoved(2),
            ])
    }

    @Test("the bridge's AF_BRIDGE messages are not links: a port leaving the bridge is no removal")
    func bridgeMessagesDropped() throws {
        var translator = LinkChangeTranslator(classifier: self.classifier)
        let changes = translator.changes(for: try self.fixture.messages(startingWith: "bridge-port-removed/"))
        #expect(!changes.contains(.linkRemoved(2)))
        #expect(changes.count == 4, "the four AF_UNSPEC link messages, the AF_BRIDGE pair dropped")
    }

    @Test("the capture replayed into a manager ends as the kernel did: lo, br0, vx0, tap0, tun0, ifb0")
    @ManagerActor
    func replayIntoManager() throws {
        let manager = ConnectionManager(clock: ManualClock(), linkControl: RefusingLinkControl())
        var translator = LinkChangeTranslator(classifier: self.classifier)
        var links: [LinkMessage] = []
        var addresses: [AddressMessage] = []
        for message in try self.fixture.messages(startingWith: "dump-") {
            switch message.payload {
            case .link(let link): links.append(link)
            case .address(let address): addresses.append(address)
            case .done, .error, .overrun, .route, .other: break
            }
        }
        manager.apply(translator.replaceAll(links: links, addresses: addresses))
        let recorder = EventRecorder(manager)
        for message in try self.fixture.notifications() {
            manager.apply(translator.changes(for: [message]))
        }
        let snapshot = manager.snapshot
        #expect(snapshot.interfaces.map(\.link.name) == ["lo", "br0", "vx0", "tap0", "tun0", "ifb0"])
        #expect(
            snapshot.interfaces.map(\.link.technology) == [.loopback, .virtual, .virtual, .virtual, .virtual, .virtual])
        #expect(snapshot.interface(named: "lo")?.addresses.count == 2)
        // vA was ready over IPv4 (198.18.0.1) from the address until the peer went down.
        #expect(recorder.events.contains(.interfaceReady(InterfaceID(index: 2, name: "vA"))))
        #expect(
            recorder.events.contains(.interfaceUnready(InterfaceID(index: 2, name: "vA"), reason: .dormant)))
        #expect(
            recorder.events.contains(.interfaceUnready(InterfaceID(index: 2, name: "vA"), reason: .noCarrier)))
    }

    private func snapshot(_ name: String) throws -> LinkSnapshot {
        guard case .link(let link) = try self.fixture.message(name).payload else {
            throw NetlinkCodecError("\(name) is not a link")
        }
        return LinkSnapshot(link, technology: self.classifier.technology(of: link))
    }
}

/// Link control for tests that never change a link.
@ManagerActor
final class RefusingLinkControl: LinkControl {
    nonisolated init() {}

    func setAdminState(up: Bool, of interface: InterfaceID) throws {
        throw SystemCallError("RTM_NEWLINK", errno: EPERM, operation: "set \(interface.name) \(up ? "up" : "down")")
    }
}

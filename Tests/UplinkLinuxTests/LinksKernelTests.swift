import CNetlink
import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting

@testable import UplinkLinux

/// The real `RtnetlinkLinkSource` followed into the real `ConnectionManager`, in namespaces the tests
/// make, changed with `ip -n` from the test: links, carriers, addresses, renames, removals and the L4
/// events they cause. Needs root; skipped (with a line saying so) without it.
@Suite("links: the real kernel", .serialized, .enabled(if: LinksLab.isRoot, LinksLab.skipReason))
struct LinksKernelTests {
    @Test("links: appear, go admin up, gain and lose carrier through the peer, get renamed, go away")
    @ManagerActor
    func links() async throws {
        try await LinksLab.with(namespaces: 2) { lab in
            let followed = FollowedSource(
                RtnetlinkLinkSource(namespace: lab.namespace(0)), linkControl: RefusingLinkControl())
            defer { Task { await followed.stop() } }
            await followed.wait(for: "lo from the first dump") {
                $0.interface(named: "lo")?.link.technology == .loopback
            }
            #expect(followed.changes.first.map(Self.isReplaceAll) == true, "the first batch is a .replaceAll")

            try lab.ip(0, "link", "add", "vA", "type", "veth", "peer", "name", "vB", "netns", lab.names[1])
            await followed.wait(for: "vA, down") { $0.interface(named: "vA")?.link.isAdminUp == false }
            let vA = try #require(followed.interface("vA")).link
            #expect(vA.technology == .virtual)
            #expect(!vA.hasCarrier)

            try lab.ip(0, "link", "set", "vA", "up")
            await followed.wait(for: "vA admin up without carrier") {
                $0.interface(named: "vA")?.link.isAdminUp == true
            }
            #expect(followed.interface("vA")?.link.hasCarrier == false, "the peer is still down")
            #expect(followed.interface("vA")?.readiness.overall.reason == .noCarrier)

            try lab.ip(1, "link", "set", "vB", "up")
            await followed.wait(for: "vA's carrier") { $0.interface(named: "vA")?.link.hasCarrier == true }

            try lab.ip(1, "link", "set", "vB", "down")
            await followed.wait(for: "vA losing its carrier") { $0.interface(named: "vA")?.link.hasCarrier == false }

            try lab.ip(0, "link", "set", "vA", "down")
            try lab.ip(0, "link", "set", "vA", "name", "vRenamed")
            await followed.wait(for: "the rename") { $0.interface(named: "vRenamed") != nil }
            #expect(followed.interface("vRenamed")?.link.index == vA.index, "same index, new name")
            #expect(followed.interface("vA") == nil)

            try lab.ip(0, "link", "del", "vRenamed")
            await followed.wait(for: "the removal") { !$0.interfaces.contains { $0.link.index == vA.index } }
            #expect(followed.changes.contains(.linkRemoved(vA.index)))
            await followed.stop()
        }
    }

    @Test("addresses: IPv4, IPv6 through DAD (tentative, then preferred), nodad, link-local, removal; L4 events")
    @ManagerActor
    func addresses() async throws {
        try await LinksLab.with(namespaces: 2) { lab in
            try lab.ip(0, "link", "add", "vA", "type", "veth", "peer", "name", "vB", "netns", lab.names[1])
            try lab.fastDAD(0, interface: "vA")
            try lab.ip(0, "link", "set", "vA", "up")
            try lab.ip(1, "link", "set", "vB", "up")
            let followed = FollowedSource(
                RtnetlinkLinkSource(namespace: lab.namespace(0)), linkControl: RefusingLinkControl())
            defer { Task { await followed.stop() } }
            await followed.wait(for: "vA with carrier") { $0.interface(named: "vA")?.link.hasCarrier == true }
            let index = try #require(followed.interface("vA")).link.index
            let vA = InterfaceID(index: index, name: "vA")
            await followed.wait(for: "the link-local address, preferred") { snapshot in
                snapshot.interface(named: "vA")?.addresses.contains { $0.scope == .link && $0.state == .preferred }
                    == true
            }
            #expect(followed.interface("vA")?.readiness.overall.reason == .onlyLinkLocal)
            followed.recorder.reset()

            try lab.ip(0, "address", "add", "198.18.0.1/24", "dev", "vA")
            await followed.wait(for: "198.18.0.1/24") { $0.interface(named: "vA")?.readiness.ipv4.isReady == true }
            #expect(followed.recorder.connectivity(on: .ipv4) == [.connected("vA")])
            #expect(followed.recorder.connectivity(on: .any) == [.connected("vA")])
            #expect(followed.recorder.events.contains(.interfaceReady(vA)))

            try lab.ip(0, "address", "add", "2001:db8::1/64", "dev", "vA")
            await followed.wait(for: "2001:db8::1 preferred after DAD") {
                $0.interface(named: "vA")?.readiness.ipv6.isReady == true
            }
            let reports = followed.changes.compactMap { change -> AddressState? in
                guard case .address(index, let address) = change, address.address == "2001:db8::1" else { return nil }
                return address.state
            }
            #expect(reports == [.tentative, .preferred], "DAD: tentative first, then preferred")
            #expect(followed.recorder.connectivity(on: .ipv6) == [.connected("vA")])

            try lab.ip(0, "address", "add", "2001:db8::2/64", "dev", "vA", "nodad")
            await followed.wait(for: "2001:db8::2") {
                $0.interface(named: "vA")?.addresses.contains(InterfaceAddress("2001:db8::2", prefixLength: 64)) == true
            }
            let noDAD = followed.changes.compactMap { change -> AddressState? in
                guard case .address(index, let address) = change, address.address == "2001:db8::2" else { return nil }
                return address.state
            }
            #expect(noDAD == [.preferred], "nodad: preferred at once")

            followed.recorder.reset()
            try lab.ip(0, "address", "del", "198.18.0.1/24", "dev", "vA")
            await followed.wait(for: "198.18.0.1 removed") {
                $0.interface(named: "vA")?.readiness.ipv4.isReady == false
            }
            #expect(followed.recorder.connectivity(on: .ipv4) == [.disconnected("vA")])
            #expect(followed.recorder.connectivity(on: .any).isEmpty, "IPv6 keeps vA connected")

            followed.recorder.reset()
            try lab.ip(1, "link", "set", "vB", "down")
            await followed.wait(for: "vA unready without carrier") {
                $0.interface(named: "vA")?.readiness.overall.isReady == false
            }
            #expect(followed.recorder.events.contains(.interfaceUnready(vA, reason: .noCarrier)))
            #expect(followed.recorder.connectivity(on: .any) == [.disconnected("vA")])
            // Losing the carrier keeps the addresses; going administratively down takes the IPv6 ones.
            #expect(KernelView(followed.manager.snapshot) == (try KernelView(lab: lab, namespace: 0)))
            try lab.ip(0, "address", "add", "198.18.0.1/24", "dev", "vA")
            try lab.ip(0, "link", "set", "vA", "down")
            await followed.wait(for: "only the IPv4 address left") { snapshot in
                snapshot.interface(named: "vA")?.addresses == [InterfaceAddress("198.18.0.1", prefixLength: 24)]
            }
            #expect(KernelView(followed.manager.snapshot) == (try KernelView(lab: lab, namespace: 0)))
            await followed.stop()
        }
    }

    @Test("dump() describes the namespace as ip -j does")
    func dump() async throws {
        try await LinksLab.with(namespaces: 2) { lab in
            try lab.ip(0, "link", "set", "lo", "up")
            try lab.ip(0, "link", "add", "vA", "type", "veth", "peer", "name", "vB", "netns", lab.names[1])
            try lab.ip(0, "link", "add", "br0", "type", "bridge")
            try lab.ip(0, "address", "add", "198.18.0.1/24", "dev", "vA")
            try lab.ip(0, "address", "add", "2001:db8::1/64", "dev", "vA", "nodad")
            let change = try await RtnetlinkLinkSource(namespace: lab.namespace(0)).dump()
            guard case .replaceAll(let links, let addresses) = change else {
                Issue.record("not a .replaceAll: \(change)")
                return
            }
            #expect(links.map(\.name) == ["lo", "vA", "br0"])
            #expect(links.map(\.technology) == [.loopback, .virtual, .virtual])
            let kernel = try KernelView(lab: lab, namespace: 0)
            for link in links {
                #expect(kernel.interfaces[link.index.rawValue]?.name == link.name)
                #expect(kernel.interfaces[link.index.rawValue]?.isAdminUp == link.isAdminUp)
                #expect(
                    kernel.interfaces[link.index.rawValue]?.addresses
                        == Set((addresses[link.index] ?? []).map(\.description)))
            }
        }
    }

    @Test("ending the stream closes its sockets: cancelling the consumer, dropping the iterator, after dump()")
    func streamEnds() async throws {
        try await LinksLab.with(namespaces: 1) { lab in
            let source = RtnetlinkLinkSource(namespace: lab.namespace(0))
            let consumer = Task {
                for try await _ in source.follow() {}
            }
            while source.statistics.current.dumps == 0 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(source.statistics.current.openStreams == 1)
            consumer.cancel()
            _ = await consumer.result
            for _ in 0..<200 where source.statistics.current.openStreams != 0 {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(source.statistics.current.openStreams == 0)

            do {
                var iterator = source.follow().makeAsyncIterator()
                _ = try await iterator.next()
                #expect(source.statistics.current.openStreams == 1)
            }
            // The stream ends when its iterator goes; its sockets close on the way out, which
            // may finish just after the scope does.
            for _ in 0..<200 where source.statistics.current.openStreams != 0 {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(source.statistics.current.openStreams == 0, "the iterator is gone")

            _ = try await source.dump()
            #expect(source.statistics.current.openStreams == 0)
        }
    }

    @Test("a source in a namespace that does not exist fails its stream with the namespace's file")
    func missingNamespace() async {
        let source = RtnetlinkLinkSource(namespace: NetworkNamespace(named: "ulnl-no-such-namespace"))
        await #expect {
            for try await _ in source.follow() {}
        } throws: { error in
            "\(error)".hasPrefix("open /run/netns/ulnl-no-such-namespace")
        }
    }

    private static func isReplaceAll(_ change: LinkChange) -> Bool {
        if case .replaceAll = change { return true }
        return false
    }
}

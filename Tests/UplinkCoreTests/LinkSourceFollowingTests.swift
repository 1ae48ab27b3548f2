import Testing
import UplinkCore
import UplinkCoreTesting

@Suite("Following a link source")
@ManagerActor
struct LinkSourceFollowingTests {
    let clock = ManualClock()
    let kernel = FakeKernel()

    private func link(_ index: Int, _ name: String, up: Bool) -> LinkSnapshot {
        LinkSnapshot(index: InterfaceIndex(index), name: name, technology: .ethernet, isAdminUp: up)
    }

    @Test("the dump comes first, then each batch as one pass, until the source ends")
    func followsDumpThenChanges() async throws {
        // Given a source whose dump has eth0 up with an address
        let source = ScriptedLinkSource(
            table: .replaceAll(
                [link(2, "eth0", up: true)],
                addresses: [2: [InterfaceAddress("192.0.2.10", prefixLength: 24)]]
            )
        )
        let manager = ConnectionManager(clock: clock, linkControl: kernel)
        var events = manager.events().makeAsyncIterator()
        let following = Task { try await manager.follow(source) }

        // Then the dump alone makes the device connected, blamed on eth0
        #expect(await events.next() == .interfaceReady(InterfaceID(index: 2, name: "eth0")))
        #expect(
            await events.next() == .connectivity(.any, connected: true, interface: InterfaceID(index: 2, name: "eth0")))
        #expect(
            await events.next() == .connectivity(.ipv4, connected: true, interface: InterfaceID(index: 2, name: "eth0"))
        )

        // When the cable is pulled
        source.send([
            .link(LinkSnapshot(index: 2, name: "eth0", technology: .ethernet, isAdminUp: true, hasCarrier: false))
        ])

        // Then the unready event names the reason, and the device is disconnected
        #expect(await events.next() == .interfaceUnready(InterfaceID(index: 2, name: "eth0"), reason: .noCarrier))
        #expect(
            await events.next() == .connectivity(.any, connected: false, interface: InterfaceID(index: 2, name: "eth0"))
        )

        // When the source ends with an error, following ends with it
        struct SocketClosed: Error {}
        source.finish(throwing: SocketClosed())
        await #expect(throws: SocketClosed.self) { try await following.value }
    }

    @Test("a re-dump after an overrun leaves the manager in the dumped state")
    func redumpReconciles() async throws {
        // Given eth0 down and eth1 ready
        let source = ScriptedLinkSource(
            table: .replaceAll(
                [link(2, "eth0", up: false), link(3, "eth1", up: true)],
                addresses: [3: [InterfaceAddress("192.0.2.11", prefixLength: 24)]]
            )
        )
        let manager = ConnectionManager(clock: clock, linkControl: kernel)
        var events = manager.events().makeAsyncIterator()
        let following = Task { try await manager.follow(source) }
        let eth0 = InterfaceID(index: 2, name: "eth0")
        let eth1 = InterfaceID(index: 3, name: "eth1")
        #expect(await events.next() == .interfaceReady(eth1))
        #expect(await events.next() == .connectivity(.any, connected: true, interface: eth1))
        #expect(await events.next() == .connectivity(.ipv4, connected: true, interface: eth1))

        // When the source missed eth1's removal and eth0 coming up with an IPv6 address, and re-dumps
        source.send([
            .replaceAll(
                [link(2, "eth0", up: true)],
                addresses: [2: [InterfaceAddress("2001:db8::10", prefixLength: 64)]]
            )
        ])

        // Then the events are those of the net change, and the state is the dump's
        #expect(await events.next() == .interfaceReady(eth0))
        #expect(await events.next() == .interfaceUnready(eth1, reason: .removed))
        #expect(await events.next() == .connectivity(.ipv6, connected: true, interface: eth0))
        #expect(await events.next() == .connectivity(.ipv4, connected: false, interface: eth1))
        #expect(manager.snapshot.interfaces.map(\.link.name) == ["eth0"])
        #expect(manager.snapshot.connectivity == ChannelValues(any: true, ipv4: false, ipv6: true))
        source.finish()
        try await following.value
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// The device as a `LinkSource`: what `manager.follow(device)` reads in `uplink --sim`.
@Suite("Link source")
@ManagerActor
struct LinkSourceTests {
    @Test("the stream starts with the whole table as one replaceAll, then brings each change as a batch")
    func dumpThenChanges() async throws {
        // Given a device at boot, followed
        let device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: 1))
        var batches = device.follow().makeAsyncIterator()

        // Then the first batch is the complete table
        let first = try #require(try await batches.next())
        guard first.count == 1, case .replaceAll(let links, let addresses) = first[0] else {
            Issue.record("the first batch is not one replaceAll: \(first)")
            return
        }
        #expect(links.map(\.name) == ["lo", "eth0", "wlan0", "wwan0"])
        #expect(links.allSatisfy { $0.isAdminUp })
        #expect(addresses[eth0.index]?.map(\.description) == ["fe80::200:5eff:fe00:5301/64"])
        #expect(try await device.dump() == first[0])

        // When the cable is pulled
        device.setFault(.ethernetCableUnplugged, active: true)

        // Then one batch says so: the link, then the IPv6 address that went with it
        let unplugged = try #require(try await batches.next())
        let eth0Down = LinkSnapshot(index: 2, name: "eth0", technology: .ethernet, isAdminUp: true, hasCarrier: false)
        #expect(
            unplugged == [
                .link(eth0Down),
                .addressRemoved(eth0.index, .v6(IPv6Address("fe80::200:5eff:fe00:5301")!), prefixLength: 64),
            ]
        )

        // When it is taken down through LinkControl
        try device.setAdminState(up: false, of: eth0)
        let down = try #require(try await batches.next())
        var adminDown = eth0Down
        adminDown.isAdminUp = false
        #expect(down == [.link(adminDown)])
    }

    @Test("a late subscriber's first batch is the table as it is then")
    func lateSubscriber() async throws {
        let device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: 1))
        try device.setAdminState(up: false, of: wlan0)

        var batches = device.follow().makeAsyncIterator()
        let first = try #require(try await batches.next())
        guard case .replaceAll(let links, _)? = first.first else {
            Issue.record("not a replaceAll: \(first)")
            return
        }
        #expect(links.first { $0.name == "wlan0" }?.isAdminUp == false)
    }

    @Test("wired as uplink --sim wires it, the manager follows the device and boots it on its clock")
    func documentedWiring() async throws {
        // Given the documented wiring, on a manual clock
        let clock = ManualClock()
        let device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: 3))
        let manager = ConnectionManager(clock: clock, linkControl: device, ignoredTechnologies: [.loopback])
        try device.install(on: manager)
        let service = EmbeddedManagerService(manager: manager, wifi: device.wifi, faults: device)
        var events = manager.events().makeAsyncIterator()
        let following = Task { try await manager.follow(device) }
        defer { following.cancel() }

        // Then the dump reaches the manager through the stream, and the bindings attach
        await Self.waitUntil { manager.snapshot.interfaces.count == 4 }
        #expect(
            service.snapshot.interface(named: "eth0")?.binding?.activity
                == .connecting(since: .zero, deadline: .seconds(30)))

        // When DHCP's 1.2 s pass
        clock.advance(by: .milliseconds(1200))
        manager.fireDueTimers()

        // Then the lease arrives through the stream, and eth0 is ready
        #expect(await events.next() == .interfaceReady(eth0))
        #expect(await events.next() == .connectivity(.any, connected: true, interface: eth0))
        #expect(await events.next() == .connectivity(.ipv4, connected: true, interface: eth0))
        #expect(service.snapshot.interface(named: "eth0")?.readiness.overall == .ready)
        #expect(service.faults?.count == SimulatedFault.allCases.count)
    }

    @Test("the documented wiring type-checks with the system's clock and generator")
    func productionTypes() throws {
        let device = SimulatedDevice(random: SystemRandomNumberGenerator())
        let manager = ConnectionManager(clock: ContinuousClock(), linkControl: device, ignoredTechnologies: [.loopback])
        try device.install(on: manager)
        let service = EmbeddedManagerService(manager: manager, wifi: device.wifi, faults: device)
        #expect(service.faults?.isEmpty == false)

        // Installing twice is refused
        #expect(throws: ControlError.self) { try device.install(on: manager) }
    }

    @Test("installing over names the manager has already bound leaves nothing half-installed")
    func installRefusedWhole() throws {
        let device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: 1))
        let manager = ConnectionManager(clock: ManualClock(), linkControl: device)
        try manager.bind("wwan0", to: nil)

        #expect(throws: ControlError.self) { try device.install(on: manager) }

        // eth0 and wlan0 were unbound again, so a later install (after unbinding wwan0) works
        manager.unbind("wwan0")
        try device.install(on: manager)
    }

    /// Yields to the stream's consumer until `condition` holds; the stream is in-process, so this
    /// takes a few turns of the actor, never a wait on time.
    private static func waitUntil(_ condition: @ManagerActor () -> Bool) async {
        for _ in 0..<1_000 where !condition() { await Task.yield() }
        #expect(condition())
    }
}

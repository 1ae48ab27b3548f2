import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// The fault switches, as the dashboard's fault menu and `ManagerCommand.setFault` use them.
@Suite("Fault control")
@ManagerActor
struct FaultControlTests {
    @Test("the faults are listed in menu order with stable ids and titles that fit the menu")
    func list() {
        let device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: 1))
        #expect(
            device.faults.map(\.id) == [
                "ethernet-cable-unplugged", "ethernet-upstream-silent", "ethernet-dhcp-server-stopped",
                "wifi-access-point-off", "wifi-upstream-silent", "cellular-coverage-lost", "cellular-upstream-silent",
            ]
        )
        #expect(device.faults.allSatisfy { !$0.isActive })
        #expect(device.faults.allSatisfy { !$0.title.isEmpty && $0.title.count <= 52 })
        #expect(device.faults.first?.title == "Unplug the Ethernet cable")
    }

    @Test("a fault switches on and off, and repeating a setting does nothing")
    func switching() throws {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        harness.recorder.reset()

        try harness.device.setFault("ethernet-cable-unplugged", active: true)
        let afterFirst = harness.recorder.events.count
        try harness.device.setFault("ethernet-cable-unplugged", active: true)
        #expect(harness.recorder.events.count == afterFirst)
        #expect(harness.device.faults.filter(\.isActive).map(\.id) == ["ethernet-cable-unplugged"])

        try harness.device.setFault("ethernet-cable-unplugged", active: false)
        #expect(harness.device.faults.allSatisfy { !$0.isActive })
        #expect(harness.status(eth0).link.hasCarrier)
    }

    @Test("an unknown fault id is refused, naming it and listing the accepted ones; nothing changes")
    func unknownId() throws {
        let harness = try SimulationHarness()
        let error = #expect(throws: ControlError.self) { try harness.device.setFault("cable", active: true) }
        #expect(error?.code == .invalidArgument)
        #expect(
            error?.description
                == "no simulated fault \"cable\"; accepted: ethernet-cable-unplugged, ethernet-upstream-silent, "
                + "ethernet-dhcp-server-stopped, wifi-access-point-off, wifi-upstream-silent, cellular-coverage-lost, "
                + "cellular-upstream-silent"
        )
        #expect(harness.device.faults.allSatisfy { !$0.isActive })
    }

    @Test("faults travel through the service as the dashboard sends them")
    func throughTheService() async throws {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        let service = EmbeddedManagerService(
            manager: harness.manager, wifi: harness.device.wifi, faults: harness.device)

        try await service.execute(.setFault("cellular-coverage-lost", active: true))

        #expect(service.faults?.first { $0.id == "cellular-coverage-lost" }?.isActive == true)
        #expect(service.snapshot.interface(named: "wwan0")?.readiness.overall == .notReady(.noCarrier))
        await #expect(throws: ControlError.self) { try await service.execute(.setFault("nope", active: true)) }
    }
}

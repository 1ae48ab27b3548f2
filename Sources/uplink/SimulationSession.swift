import UplinkCore
import UplinkSimulation

/// The manager running in this process over the simulated device.
@ManagerActor
final class SimulationSession: ManagerSession {
    let device: SimulatedDevice
    let manager: ConnectionManager
    let service: EmbeddedManagerService
    let deviceName = "sim-gateway"
    private var following: Task<Void, Never>?

    init(
        automation: AutomationSettings = AutomationSettings(), ignoredInterfaces: Set<String> = [],
        ignoredTechnologies: Set<Technology> = [.loopback]
    ) throws {
        self.device = SimulatedDevice(random: SystemRandomNumberGenerator())
        self.manager = ConnectionManager(
            clock: ContinuousClock(), linkControl: self.device, automation: automation,
            ignoredTechnologies: ignoredTechnologies, ignoredInterfaces: ignoredInterfaces)
        try self.device.install(on: self.manager)
        self.service = EmbeddedManagerService(manager: self.manager, wifi: self.device.wifi, faults: self.device)
    }

    func start() async throws {
        self.manager.startTimers()
        self.following = try await follow(self.device, into: self.manager)
    }

    func stop() {
        self.following?.cancel()
        self.manager.stopTimers()
    }
}

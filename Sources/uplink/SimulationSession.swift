import UplinkCore
import UplinkSimulation

/// The manager running in this process over the simulated device, with the service a face uses.
@ManagerActor
final class SimulationSession {
    let device: SimulatedDevice
    let manager: ConnectionManager
    let service: EmbeddedManagerService
    private var following: Task<Void, Never>?

    init() throws {
        self.device = SimulatedDevice(random: SystemRandomNumberGenerator())
        self.manager = ConnectionManager(
            clock: ContinuousClock(), linkControl: self.device, ignoredTechnologies: [.loopback])
        try self.device.install(on: self.manager)
        self.service = EmbeddedManagerService(manager: self.manager, wifi: self.device.wifi, faults: self.device)
        self.manager.startTimers()
        let manager = self.manager
        let device = self.device
        self.following = Task { @ManagerActor in try? await manager.follow(device) }
    }

    func stop() {
        self.following?.cancel()
        self.manager.stopTimers()
    }
}

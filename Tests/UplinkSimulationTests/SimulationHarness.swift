import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// The simulated device under a manager on a manual clock, wired as `uplink --sim` wires it, with
/// an event recorder: the fixture every simulation test starts from.
///
/// Changes reach the manager through `attach(to:)`, synchronously, so a test reads the outcome of
/// each step at once; `LinkSourceTests` covers the asynchronous `follow()` path.
@ManagerActor
final class SimulationHarness {
    let clock = ManualClock()
    let device: SimulatedDevice
    let manager: ConnectionManager
    let recorder: EventRecorder

    /// Boots the device at time zero.
    /// - Parameters:
    ///   - seed: the seed of the injected generator.
    ///   - automation: the manager's automation switches.
    ///   - beforeBoot: changes to the device before the manager first sees it (faults, links down).
    init(
        seed: UInt64 = 7,
        automation: AutomationSettings = AutomationSettings(),
        beforeBoot: (SimulatedDevice) throws -> Void = { _ in }
    ) throws {
        self.device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: seed))
        try beforeBoot(self.device)
        self.manager = ConnectionManager(
            clock: self.clock,
            linkControl: self.device,
            automation: automation,
            ignoredTechnologies: [.loopback]
        )
        self.recorder = EventRecorder(self.manager)
        try self.device.install(on: self.manager)
        self.device.attach(to: self.manager)
    }

    /// Moves the clock forward, stopping at every timer deadline on the way to fire the timers due
    /// then, so each runs at its own instant as it would on a real clock.
    func advance(by duration: Duration) {
        self.advance(to: self.manager.now + duration)
    }

    /// Moves the clock to a manager time, firing every timer due on the way.
    func advance(to target: Duration) {
        while let next = self.manager.nextDeadline, next <= target {
            self.clock.advance(by: max(next - self.manager.now, .zero))
            self.manager.fireDueTimers()
        }
        self.clock.advance(by: max(target - self.manager.now, .zero))
        self.manager.fireDueTimers()
    }

    /// Moves the clock to `seconds` after boot.
    func advance(toSeconds seconds: Double) {
        self.advance(to: .milliseconds(Int64((seconds * 1000).rounded())))
    }

    /// The manager's view of an interface.
    func status(_ interface: InterfaceID) -> InterfaceStatus {
        guard let status = self.manager.snapshot.interfaces.first(where: { $0.link.index == interface.index }) else {
            preconditionFailure("the manager does not know \(interface)")
        }
        return status
    }

    /// The manager's readiness verdict on an interface.
    func readiness(_ interface: InterfaceID) -> Readiness {
        self.status(interface).readiness.overall
    }

    /// The binding's activity on an interface.
    func activity(_ interface: InterfaceID) -> BindingActivity? {
        self.status(interface).binding?.activity
    }

    /// The addresses the manager sees on an interface, as text, sorted.
    func addresses(_ interface: InterfaceID) -> [String] {
        self.status(interface).addresses.map(\.description).sorted()
    }

    /// The state the manager sees an address in.
    func state(of address: String, on interface: InterfaceID) -> AddressState? {
        self.status(interface).addresses.first { $0.address.description == address }?.state
    }

    /// The events recorded so far about one interface, by name and reason, in order.
    func events(about interface: InterfaceID) -> [String] {
        self.recorder.events.filter { $0.interface?.index == interface.index }.map(\.description)
    }

    /// Every event recorded so far, as text.
    var allEventText: String {
        self.recorder.events.map { "\($0)" }.joined(separator: "\n")
    }
}

/// Short names for the device's interfaces.
let loopback = SimulatedDevice.Interfaces.loopback
let eth0 = SimulatedDevice.Interfaces.ethernet
let wlan0 = SimulatedDevice.Interfaces.wifi
let wwan0 = SimulatedDevice.Interfaces.cellular

/// A duration in seconds, for readable expectations.
func seconds(_ value: Double) -> Duration {
    .milliseconds(Int64((value * 1000).rounded()))
}

extension SimulationHarness {
    /// The deadline and last failure of a binding waiting to retry; nil when it is not.
    func retrying(_ interface: InterfaceID) -> (deadline: Duration?, lastFailure: String)? {
        guard case .retrying(_, let deadline, let lastFailure)? = self.activity(interface) else { return nil }
        return (deadline, lastFailure)
    }
}

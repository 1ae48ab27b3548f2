import UplinkCore

/// A manager over a fake kernel on a manual clock, with an event recorder: the fixture every core
/// test starts from.
@ManagerActor
public final class ManagerHarness {
    public let clock: ManualClock
    public let kernel: FakeKernel
    public let manager: ConnectionManager
    public let recorder: EventRecorder

    public init(
        duplicateAddressDetection: Bool = false,
        automation: AutomationSettings = AutomationSettings(),
        ignoredTechnologies: Set<Technology> = []
    ) {
        self.clock = ManualClock()
        self.kernel = FakeKernel(duplicateAddressDetection: duplicateAddressDetection)
        self.manager = ConnectionManager(
            clock: self.clock,
            linkControl: self.kernel,
            automation: automation,
            ignoredTechnologies: ignoredTechnologies
        )
        self.recorder = EventRecorder(self.manager)
        self.kernel.attach(to: self.manager)
    }

    /// Moves the clock forward, stopping at every timer deadline on the way to fire the timers due
    /// then — including timers that earlier ones schedule within the span — so each runs at its own
    /// instant, as it would on a real clock.
    public func advance(by duration: Duration) {
        let target = self.manager.now + duration
        while let next = self.manager.nextDeadline, next <= target {
            self.clock.advance(by: max(next - self.manager.now, .zero))
            self.manager.fireDueTimers()
        }
        self.clock.advance(by: target - self.manager.now)
        self.manager.fireDueTimers()
    }

    /// The manager's view of an interface.
    public func status(_ interface: InterfaceID) -> InterfaceStatus? {
        self.manager.snapshot.interfaces.first { $0.link.index == interface.index }
    }

    /// True when the kernel has the interface administratively up.
    public func isAdminUp(_ interface: InterfaceID) -> Bool {
        self.kernel.link(interface.index)?.isAdminUp ?? false
    }

    /// True when the kernel has the interface operationally up.
    public func isOperationallyUp(_ interface: InterfaceID) -> Bool {
        self.kernel.link(interface.index)?.isOperationallyUp ?? false
    }
}

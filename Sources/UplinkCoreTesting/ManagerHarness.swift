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

    /// Moves the clock forward and fires the timers that came due, in deadline order.
    public func advance(by duration: Duration) {
        self.clock.advance(by: duration)
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

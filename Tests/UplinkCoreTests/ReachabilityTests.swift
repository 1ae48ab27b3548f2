import Testing
import UplinkCore
import UplinkCoreTesting

/// The manager records reachability probes' verdicts on ready interfaces, reports changes as events
/// and forgets a verdict once the interface stops being ready.
@Suite("reachability")
@ManagerActor
struct ReachabilityTests {
    let harness = ManagerHarness()
    let eth0: InterfaceID

    init() {
        self.eth0 = self.harness.kernel.addLink("eth0", technology: .ethernet, adminUp: true)
        self.harness.kernel.addAddress("192.0.2.10", prefixLength: 24, to: self.eth0.index)
    }

    private var reachability: Reachability? { self.harness.status(self.eth0)?.reachability }

    private var reachabilityEvents: [ManagerEvent] {
        self.harness.recorder.events.filter {
            if case .reachabilityChanged = $0 { return true }
            return false
        }
    }

    @Test("a ready interface starts unknown; a verdict shows in the snapshot and as one event")
    func verdictIsRecorded() {
        #expect(self.reachability == .unknown)

        self.harness.manager.reportReachability(.reachable(since: .seconds(1)), index: self.eth0.index)

        #expect(self.reachability == .reachable(since: .seconds(1)))
        #expect(self.reachabilityEvents == [.reachabilityChanged(self.eth0, .reachable(since: .seconds(1)))])
        #expect(self.reachabilityEvents.map(\.name) == ["iface-reachable"])
    }

    @Test("a probe that confirms the current verdict changes nothing, not even its time")
    func confirmationIsQuiet() {
        self.harness.manager.reportReachability(.reachable(since: .seconds(1)), index: self.eth0.index)
        self.harness.manager.reportReachability(.reachable(since: .seconds(9)), index: self.eth0.index)

        #expect(self.reachability == .reachable(since: .seconds(1)))
        #expect(self.reachabilityEvents.count == 1)
    }

    @Test("an upstream that goes silent is reported with the reason, and its return again")
    func silenceAndReturn() {
        let manager = self.harness.manager
        manager.reportReachability(.reachable(since: .seconds(1)), index: self.eth0.index)
        manager.reportReachability(
            .unreachable(since: .seconds(5), reason: "3 probes unanswered"), index: self.eth0.index)
        manager.reportReachability(.reachable(since: .seconds(8)), index: self.eth0.index)

        #expect(self.reachabilityEvents.map(\.name) == ["iface-reachable", "iface-unreachable", "iface-reachable"])
        #expect(self.reachabilityEvents[1].reason == "3 probes unanswered")
    }

    @Test("losing readiness forgets the verdict without an event of its own")
    func unreadyForgets() {
        self.harness.manager.reportReachability(.reachable(since: .seconds(1)), index: self.eth0.index)

        self.harness.kernel.setCarrier(false, self.eth0.index)

        #expect(self.reachability == .unknown)
        #expect(self.reachabilityEvents.count == 1)
        #expect(self.harness.recorder.events.contains(.interfaceUnready(self.eth0, reason: .noCarrier)))
    }

    @Test("a late verdict about an interface that is not ready is dropped")
    func lateVerdictIsDropped() {
        self.harness.kernel.setCarrier(false, self.eth0.index)

        self.harness.manager.reportReachability(.reachable(since: .seconds(2)), index: self.eth0.index)

        #expect(self.reachability == .unknown)
        #expect(self.reachabilityEvents.isEmpty)
    }
}

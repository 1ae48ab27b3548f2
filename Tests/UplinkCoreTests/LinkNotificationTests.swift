import Testing
import UplinkCore
import UplinkCoreTesting

/// A technology that records every link report it is given.
@ManagerActor
private final class RecordingTechnology: ConnectivityTechnology {
    let name = "recording"
    var reports: [LinkSnapshot] = []
    var linkAtStart: LinkSnapshot?

    func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        self.linkAtStart = link.snapshot
    }

    func stop(_ link: ContractedLink) {}

    func linkChanged(_ snapshot: LinkSnapshot, on link: ContractedLink) {
        self.reports.append(snapshot)
    }
}

@Suite("link reports to implementations")
@ManagerActor
struct LinkNotificationTests {
    let harness = ManagerHarness()
    fileprivate let technology = RecordingTechnology()
    let eth0: InterfaceID

    init() throws {
        self.eth0 = self.harness.kernel.addLink("eth0", technology: .ethernet, adminUp: true, carrier: false)
        let contract = ConnectionContract(self.technology, random: SeededRandomNumberGenerator(seed: 1))
        try self.harness.manager.bind("eth0", to: contract, configuration: BindingConfiguration(flags: .persistent))
    }

    @Test("a bound technology hears of every change to its interface's link, after the automations")
    func carrierChangesAreReported() {
        self.harness.kernel.setCarrier(true, self.eth0.index)
        self.harness.kernel.setCarrier(false, self.eth0.index)

        #expect(self.technology.reports.map(\.hasCarrier) == [true, false])
    }

    @Test("a try sees the link as the kernel last reported it")
    func tryReadsTheLink() throws {
        try self.harness.manager.connect(self.eth0.index)

        #expect(self.technology.linkAtStart?.hasCarrier == false)
        #expect(self.technology.linkAtStart?.isAdminUp == true)
    }

    @Test("changes to other interfaces are not reported")
    func otherInterfacesAreQuiet() {
        let eth1 = self.harness.kernel.addLink("eth1", technology: .ethernet)
        self.harness.kernel.setAdmin(true, eth1.index)

        #expect(self.technology.reports.isEmpty)
    }
}

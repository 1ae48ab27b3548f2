import Testing
import UplinkCore
import UplinkCoreTesting

/// The two build variants of the reference's `tests/net/conn_mgr_monitor` suite.
enum DuplicateAddressDetection: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case off
    case on

    var isOn: Bool { self == .on }

    var testDescription: String { "DAD \(self.rawValue)" }
}

/// Connectivity events per channel, as the reference's listeners count them.
typealias ChannelEvents = ChannelValues<[EventRecorder.Connectivity]>

/// The fixture of the reference's section 4.1: five interfaces, none started, every one watched.
///
/// - `simp_a`, `simp_b`: dummy links (`.virtual`) with no binding.
/// - `conn_a`, `conn_b`: dummy links bound to one trivial implementation whose initialize makes the
///   interface dormant and whose connect makes it non-dormant; default flags, so auto-connect is on
///   and admin-up leads to connect and then oper-up.
/// - `dummy_eth`: an Ethernet link, only there to show that ignoring a technology is per technology.
///
/// Every step records the events of its action and then "waits": after about 1 ms everything has
/// settled (the core is synchronous), and with duplicate address detection on the wait lets DAD
/// finish, as the reference waits 110 ms for IPv6 steps in its DAD build.
@ManagerActor
final class MonitorFixture {
    static let ipv4A: IPAddress = "192.0.2.1"
    static let ipv4B: IPAddress = "192.0.2.2"
    static let ipv6A: IPAddress = "2001:db8:1::1"
    static let ipv6B: IPAddress = "2001:db8:1::2"

    let dad: DuplicateAddressDetection
    let harness: ManagerHarness
    let implementation: ScriptedImplementation
    let simpA: InterfaceID
    let simpB: InterfaceID
    let connA: InterfaceID
    let connB: InterfaceID
    let dummyEth: InterfaceID

    var kernel: FakeKernel { self.harness.kernel }
    var manager: ConnectionManager { self.harness.manager }

    init(_ dad: DuplicateAddressDetection) throws {
        self.dad = dad
        self.harness = ManagerHarness(duplicateAddressDetection: dad.isOn)
        let kernel = self.harness.kernel
        self.implementation = ScriptedImplementation("conn", kernel: kernel)
        self.simpA = kernel.addLink("simp_a", technology: .virtual)
        self.simpB = kernel.addLink("simp_b", technology: .virtual)
        self.connA = kernel.addLink("conn_a", technology: .virtual)
        self.connB = kernel.addLink("conn_b", technology: .virtual)
        self.dummyEth = kernel.addLink("dummy_eth", technology: .ethernet)
        try self.harness.manager.bind("conn_a", to: self.implementation)
        try self.harness.manager.bind("conn_b", to: self.implementation)
        // The bound interfaces were initialized, which left them dormant: up, they wait for connect.
        #expect(self.implementation.initializeCalls == 2)
        #expect(kernel.link(self.connA.index)?.isDormant == true && kernel.link(self.connB.index)?.isDormant == true)
        self.harness.recorder.reset()
    }

    /// The four dummy interfaces, in index order.
    var dummies: [InterfaceID] { [self.simpA, self.simpB, self.connA, self.connB] }

    /// Every interface, in index order.
    var all: [InterfaceID] { self.dummies + [self.dummyEth] }

    /// Runs one step of a scenario, waits for it to settle and returns the connectivity events it
    /// produced on every channel. Events other than connectivity are ignored, except that an
    /// automation failing is a failure of the fixture.
    func step(sourceLocation: SourceLocation = #_sourceLocation, _ action: () throws -> Void) rethrows -> ChannelEvents
    {
        self.harness.recorder.reset()
        try action()
        self.waitForDuplicateAddressDetection()
        let failures = self.harness.recorder.events.filter {
            if case .automationFailed = $0 { return true }
            return false
        }
        #expect(failures.isEmpty, "an automation failed", sourceLocation: sourceLocation)
        return self.harness.recorder.connectivityByChannel
    }

    /// The reference's 110 ms wait in its DAD build: every tentative address becomes preferred.
    func waitForDuplicateAddressDetection() {
        if self.dad.isOn { self.kernel.completeDuplicateAddressDetection() }
    }

    // MARK: - Actions, in the reference's words

    /// `net_if_up`, as a user would call it.
    func up(_ interface: InterfaceID) {
        self.kernel.setAdmin(true, interface.index)
    }

    /// `net_if_down`, as a user would call it.
    func down(_ interface: InterfaceID) {
        self.kernel.setAdmin(false, interface.index)
    }

    func add(_ address: IPAddress, to interface: InterfaceID) {
        self.kernel.addAddress(address, to: interface.index)
    }

    func remove(_ address: IPAddress, from interface: InterfaceID) {
        self.kernel.removeAddress(address, from: interface.index)
    }

    func ignore(_ interface: InterfaceID) throws {
        try self.manager.setIgnored(true, index: interface.index)
    }

    func watch(_ interface: InterfaceID) throws {
        try self.manager.setIgnored(false, index: interface.index)
    }

    func isIgnored(_ interface: InterfaceID) -> Bool? {
        self.manager.isIgnored(interface.index)
    }
}

extension ChannelValues where Value == [EventRecorder.Connectivity] {
    /// No event on any channel.
    static var nothing: ChannelEvents { ChannelEvents(repeating: []) }

    /// The same events on all three channels.
    static func everywhere(_ events: EventRecorder.Connectivity...) -> ChannelEvents {
        ChannelEvents(repeating: events)
    }

    /// These events on the channels named, none on the others.
    static func only(_ events: [ConnectivityChannel: [EventRecorder.Connectivity]]) -> ChannelEvents {
        var values = ChannelEvents.nothing
        for (channel, list) in events { values[channel] = list }
        return values
    }
}

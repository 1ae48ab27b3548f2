import Testing
import UplinkCore
import UplinkCoreTesting

/// The fixture of the reference's `tests/net/conn_mgr_conn` suite, shared by the control suites.
///
/// Six `.virtual` interfaces, created in this order so their indices follow it:
/// - `ifa1`, `ifa2`: bound to impl A (connect, disconnect, initialize, options);
/// - `ifb`: bound to impl B (connect, disconnect, initialize);
/// - `ifni`: bound to impl NI (connect, disconnect, no initialize);
/// - `ifnull`: bound to no implementation (the reference's NULL API: counts as unbound);
/// - `ifnone`: not bound.
///
/// Then the reference's per-test preparation: every interface admin-down and dormant, all watched,
/// flags cleared and timeouts none, then NO_AUTO_CONNECT and NO_AUTO_DOWN on the bound ones, and the
/// events forgotten. Swift-testing makes a fresh suite instance per test, so each test gets a fresh
/// fixture and the implementations' counters start from what initialization left (C1 checks it).
@ManagerActor
final class ControlFixture {
    let harness: ManagerHarness
    /// Impl A, bound to `ifa1` and `ifa2`.
    let implA: ScriptedImplementation
    /// Impl B, bound to `ifb`.
    let implB: ScriptedImplementation
    /// Impl NI (no initialize), bound to `ifni`.
    let implNI: ScriptedImplementation
    let ifa1: InterfaceID
    let ifa2: InterfaceID
    let ifb: InterfaceID
    let ifni: InterfaceID
    let ifnull: InterfaceID
    let ifnone: InterfaceID
    /// The interfaces that were dormant right after binding, before the preparation: what the
    /// implementations' initialize did.
    let dormantAfterBinding: [String]

    init() throws {
        let harness = ManagerHarness()
        let kernel = harness.kernel
        self.harness = harness
        self.implA = ScriptedImplementation("A", kernel: kernel, supportsOptions: true)
        self.implB = ScriptedImplementation("B", kernel: kernel)
        self.implNI = ScriptedImplementation("NI", kernel: kernel, hasInitialize: false)
        self.ifa1 = kernel.addLink("ifa1", technology: .virtual)
        self.ifa2 = kernel.addLink("ifa2", technology: .virtual)
        self.ifb = kernel.addLink("ifb", technology: .virtual)
        self.ifni = kernel.addLink("ifni", technology: .virtual)
        self.ifnull = kernel.addLink("ifnull", technology: .virtual)
        self.ifnone = kernel.addLink("ifnone", technology: .virtual)
        try harness.manager.bind("ifa1", to: self.implA)
        try harness.manager.bind("ifa2", to: self.implA)
        try harness.manager.bind("ifb", to: self.implB)
        try harness.manager.bind("ifni", to: self.implNI)
        try harness.manager.bind("ifnull", to: nil)
        let interfaces = [self.ifa1, self.ifa2, self.ifb, self.ifni, self.ifnull, self.ifnone]
        self.dormantAfterBinding = interfaces.filter { kernel.link($0.index)?.isDormant == true }.map(\.name)
        try self.prepare()
    }

    /// The reference's before-each step.
    private func prepare() throws {
        let manager = self.harness.manager
        for interface in self.all {
            self.harness.kernel.setAdmin(false, interface.index)
            self.harness.kernel.setDormant(true, interface.index)
            try manager.setIgnored(false, index: interface.index)
        }
        for interface in self.bound {
            try manager.setFlags([.persistent, .noAutoConnect, .noAutoDown], false, index: interface.index)
            try manager.setConnectTimeout(nil, index: interface.index)
            try manager.setIdleTimeout(nil, index: interface.index)
            try manager.setFlags([.noAutoConnect, .noAutoDown], true, index: interface.index)
        }
        self.harness.advance(by: .milliseconds(110))
        self.harness.recorder.reset()
    }

    /// Every interface, in index order.
    var all: [InterfaceID] { [self.ifa1, self.ifa2, self.ifb, self.ifni, self.ifnull, self.ifnone] }

    /// The interfaces with a usable binding.
    var bound: [InterfaceID] { [self.ifa1, self.ifa2, self.ifb, self.ifni] }

    /// The implementation bound to an interface.
    func implementation(of interface: InterfaceID) -> ScriptedImplementation? {
        switch interface.name {
        case "ifa1", "ifa2": self.implA
        case "ifb": self.implB
        case "ifni": self.implNI
        default: nil
        }
    }
}

/// What a suite built on `ControlFixture` reads: the fixture's parts under the reference's names.
@ManagerActor
protocol ControlFixtureSuite {
    var fixture: ControlFixture { get }
}

extension ControlFixtureSuite {
    var harness: ManagerHarness { self.fixture.harness }
    var manager: ConnectionManager { self.fixture.harness.manager }
    var kernel: FakeKernel { self.fixture.harness.kernel }
    var recorder: EventRecorder { self.fixture.harness.recorder }
    var implA: ScriptedImplementation { self.fixture.implA }
    var implB: ScriptedImplementation { self.fixture.implB }
    var implNI: ScriptedImplementation { self.fixture.implNI }
    var ifa1: InterfaceID { self.fixture.ifa1 }
    var ifa2: InterfaceID { self.fixture.ifa2 }
    var ifb: InterfaceID { self.fixture.ifb }
    var ifni: InterfaceID { self.fixture.ifni }
    var ifnull: InterfaceID { self.fixture.ifnull }
    var ifnone: InterfaceID { self.fixture.ifnone }

    /// The script of an interface's binding (its `api_err`, `timeout`, `fatal_error`, balance…).
    func script(_ interface: InterfaceID) -> ScriptedImplementation.Script {
        self.fixture.implementation(of: interface)!.script(interface.name)
    }

    /// The names of the interfaces that are administratively up, in index order.
    var adminUp: [String] { self.fixture.all.filter { self.harness.isAdminUp($0) }.map(\.name) }

    /// The names of the interfaces that are operationally up (connected), in index order.
    var operUp: [String] { self.fixture.all.filter { self.harness.isOperationallyUp($0) }.map(\.name) }

    func isAdminUp(_ interface: InterfaceID) -> Bool { self.harness.isAdminUp(interface) }

    func isOperUp(_ interface: InterfaceID) -> Bool { self.harness.isOperationallyUp(interface) }

    /// Brings an interface administratively up directly, as a user would (`net_if_up` in the tests).
    func up(_ interface: InterfaceID) { self.kernel.setAdmin(true, interface.index) }

    /// Takes an interface administratively down directly (`net_if_down` in the tests).
    func down(_ interface: InterfaceID) { self.kernel.setAdmin(false, interface.index) }

    /// Sets flags on a binding, or clears them.
    func setFlags(_ flags: BindingFlags, _ on: Bool, _ interface: InterfaceID) throws {
        try self.manager.setFlags(flags, on, index: interface.index)
    }

    /// Expects `body` to fail with a `ControlError` of `code`, and returns the error.
    @discardableResult
    func expectFailure(
        _ code: ControlError.Code,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) -> ControlError? {
        let error = #expect(throws: ControlError.self, sourceLocation: sourceLocation) { try body() }
        #expect(error?.code == code, sourceLocation: sourceLocation)
        return error
    }
}

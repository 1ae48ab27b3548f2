import Testing
import UplinkCore
import UplinkCoreTesting

/// The reference's configuration check (section 4.4, PR #107232, `has_connection_config`): a
/// non-persistent binding whose implementation has nothing to connect with is neither brought up nor
/// connected; the manager emits `noConfiguration` instead. A persistent binding bypasses the check.
@Suite("configuration check (has_connection_config)")
@ManagerActor
struct ConfigurationCheckTests: ControlFixtureSuite {
    let fixture: ControlFixture

    init() throws {
        self.fixture = try ControlFixture()
        // Given ifa1's implementation reports missing configuration.
        self.fixture.implA.script("ifa1").missingConfiguration = true
    }

    @Test("explicit connect is refused with no configuration, one event, no admin-up and no implementation call")
    func explicitConnectIsRefused() {
        #expect(!isAdminUp(ifa1))

        let error = expectFailure(.noConfiguration) { try manager.connect(ifa1.index) }

        #expect(error?.interface == "ifa1")
        #expect(recorder.controlEvents == [.noConfiguration(ifa1)])
        #expect(!isAdminUp(ifa1))
        #expect(kernel.adminRequests.isEmpty)
        #expect(implA.calls == 0)
        #expect(script(ifa1).balance == 0)
    }

    @Test("explicit connect on an admin-up interface is refused the same way and leaves it as it was")
    func explicitConnectWhileUpIsRefused() {
        up(ifa1)

        expectFailure(.noConfiguration) { try manager.connect(ifa1.index) }

        #expect(recorder.controlEvents == [.noConfiguration(ifa1)])
        #expect(isAdminUp(ifa1))
        #expect(!isOperUp(ifa1))
        #expect(implA.calls == 0)
    }

    @Test("auto-connect on admin-up emits no configuration and does not call connect")
    func autoConnectIsRefused() throws {
        try setFlags(.noAutoConnect, false, ifa1)

        up(ifa1)

        #expect(recorder.controlEvents == [.noConfiguration(ifa1)])
        #expect(implA.calls == 0)
        #expect(!isOperUp(ifa1))
        // The refusal is reported as its own event, not as a failed automation.
        #expect(!recorder.events.contains { if case .automationFailed = $0 { true } else { false } })
    }

    @Test("a persistent binding bypasses the check and connects")
    func persistentBypassesCheck() throws {
        try setFlags(.persistent, true, ifa1)

        try manager.connect(ifa1.index)

        #expect(recorder.controlEvents == [])
        #expect(isAdminUp(ifa1))
        #expect(isOperUp(ifa1))
        #expect(implA.calls == 1)
    }

    @Test("a persistent binding auto-connects on admin-up despite missing configuration")
    func persistentAutoConnects() throws {
        try setFlags(.persistent, true, ifa1)
        try setFlags(.noAutoConnect, false, ifa1)

        up(ifa1)

        #expect(recorder.controlEvents == [])
        #expect(isOperUp(ifa1))
        #expect(implA.calls == 1)
    }

    @Test("the check is per binding: another interface of the same implementation connects")
    func checkIsPerBinding() throws {
        try manager.connect(ifa2.index)

        #expect(recorder.controlEvents == [])
        #expect(isOperUp(ifa2))
        #expect(implA.calls == 1)
    }

    @Test("once configured, the same binding connects")
    func connectsOnceConfigured() throws {
        expectFailure(.noConfiguration) { try manager.connect(ifa1.index) }
        recorder.reset()

        script(ifa1).missingConfiguration = false
        try manager.connect(ifa1.index)

        #expect(recorder.controlEvents == [])
        #expect(isOperUp(ifa1))
        #expect(implA.calls == 1)
    }

    @Test("connect all leaves an unconfigured interface down, reports it, and connects the others")
    func connectAllSkipsUnconfigured() {
        let error = expectFailure(.noConfiguration) { try manager.connectAll() }

        #expect(error?.interface == "ifa1")
        #expect(recorder.controlEvents == [.noConfiguration(ifa1)])
        #expect(operUp == ["ifa2", "ifb", "ifni"])
        // Pass 1 leaves the unconfigured, non-persistent interface down: the configuration check is
        // there so that such an interface is not powered up.
        #expect(!isAdminUp(ifa1))
        #expect(implA.calls == 1)
    }
}

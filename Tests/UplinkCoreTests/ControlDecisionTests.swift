import Testing
import UplinkCore
import UplinkCoreTesting

/// An error a kernel or an implementation throws.
private struct TestError: Error, Equatable {
    let name: String
}

/// The control layer's deliberate departures from the reference, each pinned so that a change to one
/// is a decision rather than an accident.
@Suite("control: documented departures from the reference")
@ManagerActor
struct ControlDecisionTests: ControlFixtureSuite {
    let fixture: ControlFixture

    init() throws {
        self.fixture = try ControlFixture()
    }

    // MARK: - Connect on an interface the kernel will not bring up

    @Test("connect throws shut down, naming the interface and the cause, when the kernel refuses admin-up")
    func connectShutDownWhenAdminUpRefused() {
        // The reference documents -ESHUTDOWN but returns net_if_up's error instead.
        kernel.adminFailures[ifa1.index] = TestError(name: "EPERM")

        let error = expectFailure(.shutDown) { try manager.connect(ifa1.index) }

        #expect(error?.interface == "ifa1")
        #expect(error?.message.contains("EPERM") == true)
        #expect(implA.calls == 0)
        #expect(!isAdminUp(ifa1))
    }

    // MARK: - Idle timer

    @Test("the idle timeout works for a binding whose implementation has no initialize")
    func idleTimeoutWithoutInitialize() throws {
        // The reference sets the idle timer up only inside init, so impl NI never gets one.
        try manager.setIdleTimeout(.seconds(5), index: ifni.index)
        try manager.connect(ifni.index)
        #expect(isOperUp(ifni))
        #expect(implNI.calls == 1)

        harness.advance(by: .milliseconds(4_900))
        #expect(recorder.controlEvents == [])
        #expect(isOperUp(ifni))

        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.idleTimeout(ifni)])
        #expect(implNI.calls == 2)
        #expect(script(ifni).balance == 0)
        #expect(!isOperUp(ifni))
    }

    @Test("markUsed on a down interface starts no timer that later disconnects a new connection")
    func markUsedWhileDownStartsNoTimer() throws {
        try manager.setIdleTimeout(.seconds(5), index: ifa1.index)

        // Given ifa1 down, traffic is reported at t = 0.
        manager.markUsed(ifa1.index)
        #expect(manager.binding(for: ifa1.index)?.idleDeadline == nil)
        #expect(manager.nextDeadline == nil)

        // When ifa1 connects at t = 3 s,
        harness.advance(by: .seconds(3))
        try manager.connect(ifa1.index)
        #expect(isOperUp(ifa1))

        // then nothing happens at t = 5 s, where a timer started by markUsed would have run out,
        harness.advance(by: .milliseconds(2_100))
        #expect(recorder.controlEvents == [])
        #expect(isOperUp(ifa1))
        #expect(implA.calls == 1)

        // and the idle timeout counts from the connection (t = 8 s).
        harness.advance(by: .seconds(3))
        #expect(recorder.controlEvents == [.idleTimeout(ifa1)])
        #expect(!isOperUp(ifa1))
    }

    // MARK: - Validation

    @Test("a negative connect or idle timeout is an invalid argument and changes nothing")
    func negativeTimeoutIsRejected() throws {
        try manager.setConnectTimeout(.seconds(99), index: ifa1.index)
        try manager.setIdleTimeout(.seconds(30), index: ifa1.index)

        let connect = expectFailure(.invalidArgument) {
            try manager.setConnectTimeout(.seconds(-1), index: ifa1.index)
        }
        let idle = expectFailure(.invalidArgument) { try manager.setIdleTimeout(.seconds(-1), index: ifa1.index) }

        #expect(connect?.interface == "ifa1")
        #expect(idle?.interface == "ifa1")
        #expect(manager.connectTimeout(ifa1.index) == .seconds(99))
        #expect(manager.idleTimeout(ifa1.index) == .seconds(30))
    }

    @Test("binding with a negative timeout in the configuration is rejected and binds nothing")
    func negativeTimeoutInConfigurationIsRejected() {
        kernel.addLink("ifextra", technology: .virtual)

        expectFailure(.invalidArgument) {
            try manager.bind("ifextra", to: implB, configuration: BindingConfiguration(connectTimeout: .seconds(-1)))
        }
        expectFailure(.invalidArgument) {
            try manager.bind("ifextra", to: implB, configuration: BindingConfiguration(idleTimeout: .seconds(-1)))
        }

        #expect(!manager.isBound(manager.index(named: "ifextra")!))
        #expect(implB.initializeCalls == 1)
    }

    @Test("binding a name that is already bound is rejected and keeps the first binding")
    func bindingTwiceIsRejected() throws {
        let error = expectFailure(.invalidArgument) { try manager.bind("ifa1", to: implB) }
        expectFailure(.invalidArgument) { try manager.bind("ifnull", to: implA) }
        expectFailure(.invalidArgument) { try manager.bind("ifa2", to: nil) }

        #expect(error?.interface == "ifa1")
        #expect(manager.binding(for: ifa1.index)?.implementation === implA)
        #expect(manager.binding(for: ifnull.index)?.implementation == nil)
        #expect(implB.initializeCalls == 1)
        #expect(implA.initializeCalls == 2)
    }

    // MARK: - Errors

    @Test(
        "every error code carries the reference's errno name and Linux value",
        arguments: [
            (ControlError.Code.notSupported, "ENOTSUP", Int32(95)),
            (.invalidArgument, "EINVAL", 22),
            (.noSuchOption, "ENOPROTOOPT", 92),
            (.bufferTooSmall, "ENOBUFS", 105),
            (.shutDown, "ESHUTDOWN", 108),
            (.noConfiguration, "ENODATA", 61),
        ]
    )
    func errnoMapping(code: ControlError.Code, name: String, value: Int32) {
        #expect(code.errnoName == name)
        #expect(code.errnoValue == value)
    }

    @Test("the errno table above covers every error code")
    func errnoMappingIsComplete() {
        let covered: Set<ControlError.Code> = [
            .notSupported, .invalidArgument, .noSuchOption, .bufferTooSmall, .shutDown, .noConfiguration,
        ]
        #expect(Set(ControlError.Code.allCases) == covered)
    }

    @Test("errors about an interface name it, and their description starts with it")
    func errorsNameTheInterface() throws {
        script(ifa1).missingConfiguration = true
        var errors: [ControlError] = []
        func collect(_ body: () throws -> Void) {
            do { try body() } catch let error as ControlError { errors.append(error) } catch {}
        }

        collect { try manager.connect(ifa1.index) }
        collect { try manager.setConnectTimeout(.seconds(-1), index: ifa1.index) }
        collect { try manager.setIdleTimeout(.seconds(-1), index: ifa1.index) }
        collect { try manager.bind("ifa1", to: implB) }
        script(ifa1).missingConfiguration = false
        kernel.adminFailures[ifa1.index] = TestError(name: "EPERM")
        collect { try manager.connect(ifa1.index) }
        collect { _ = try manager.getOption(ScriptedImplementation.optionX, capacity: 0, index: ifa1.index) }

        #expect(
            errors.map(\.code) == [
                .noConfiguration, .invalidArgument, .invalidArgument, .invalidArgument, .shutDown, .invalidArgument,
            ])
        for error in errors {
            #expect(error.interface == "ifa1")
            #expect(error.description.hasPrefix("ifa1: "))
        }

        // Unbound interfaces too.
        let unbound = expectFailure(.notSupported) { try manager.connect(ifnone.index) }
        #expect(unbound?.interface == "ifnone")
        #expect(unbound?.description.hasPrefix("ifnone: ") == true)
        let unavailable = expectFailure(.notSupported) { try manager.disconnect(ifnull.index) }
        #expect(unavailable?.interface == "ifnull")
        #expect(unavailable?.description.hasPrefix("ifnull: ") == true)
    }

    // MARK: - Disconnect while connecting (C-4 edge case)

    @Test("a disconnect while still connecting leaves the interface up, and the next connect clears disconnecting")
    func disconnectWhileConnecting() throws {
        // Given a persistent ifa1 that may be auto-downed, and no carrier, so a connect cannot complete.
        try setFlags(.noAutoDown, false, ifa1)
        try setFlags(.persistent, true, ifa1)
        kernel.setCarrier(false, ifa1.index)
        let binding = try #require(manager.binding(for: ifa1.index))

        try manager.connect(ifa1.index)
        #expect(isAdminUp(ifa1))
        #expect(!isOperUp(ifa1))

        // When it is disconnected before it connected, no oper-down follows:
        try manager.disconnect(ifa1.index)
        #expect(isAdminUp(ifa1))
        #expect(binding.isDisconnecting)

        // the next connect clears the disconnecting state,
        try manager.connect(ifa1.index)
        #expect(!binding.isDisconnecting)
        kernel.setCarrier(true, ifa1.index)
        #expect(isOperUp(ifa1))

        // so a later loss counts as unintended: persistent, it stays up instead of being taken down.
        kernel.setDormant(true, ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(isAdminUp(ifa1))
        #expect(implA.calls == 3)
    }

    // MARK: - Interfaces that come and go

    @Test("removing a bound interface detaches its binding; re-creating the name attaches and initializes again")
    func removeAndRecreate() throws {
        let binding = try #require(manager.binding(for: ifa1.index))
        #expect(implA.initializeCalls == 2)

        kernel.removeLink(ifa1.index)
        #expect(implA.detachCalls == 1)
        #expect(binding.interface == nil)
        #expect(!binding.isBound)

        let again = kernel.addLink("ifa1", technology: .virtual)
        #expect(again.index != ifa1.index)
        #expect(implA.initializeCalls == 3)
        #expect(binding.interface == again)
        #expect(manager.binding(for: again.index) === binding)
        #expect(manager.isBound(again.index))
        // Initialize made it dormant; the flags belong to the binding and survived.
        #expect(kernel.link(again.index)?.isDormant == true)
        #expect(manager.flags(again.index) == [.noAutoConnect, .noAutoDown])

        try manager.connect(again.index)
        #expect(harness.isOperationallyUp(again))
        #expect(implA.calls == 1)
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting

/// An error an implementation throws (the reference's -ECHILD, -EDOM); it must reach the caller unchanged.
private struct TestError: Error, Equatable {
    let name: String
}

/// A C string as the reference's option calls pass it: the bytes and the NUL terminator.
private func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

/// The text of a NUL-terminated option value.
private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }

/// The reference's `tests/net/conn_mgr_conn` suite, C1–C25 (the bulk cases C26–C35 are in
/// `BulkConformanceTests`). Where the reference waits 1 ms for a synchronous effect the check comes
/// right after the call; where it waits 110 ms for a scripted report the clock advances 110 ms.
@Suite("conn_mgr_conn conformance (C1–C25)")
@ManagerActor
struct ControlConformanceTests: ControlFixtureSuite {
    let fixture: ControlFixture

    init() throws {
        self.fixture = try ControlFixture()
    }

    // MARK: - Initialization and connect/disconnect

    @Test("C1: inspect_init — initialize ran once per binding of A and B, never for NI")
    func c1InspectInit() {
        #expect(implA.initializeCalls == 2)
        #expect(implB.initializeCalls == 1)
        #expect(implNI.initializeCalls == 0)
        // Initialize makes its interface dormant: only the interfaces of A and B were.
        #expect(fixture.dormantAfterBinding == ["ifa1", "ifa2", "ifb"])
    }

    @Test("C2: connect_disconnect — each call reaches only its own interface and implementation")
    func c2ConnectDisconnect() throws {
        // Given ifa1, ifa2 and ifb admin-up but dormant.
        for interface in [ifa1, ifa2, ifb] { up(interface) }
        #expect(operUp == [])

        try manager.connect(ifa1.index)
        #expect(operUp == ["ifa1"])
        #expect(implA.calls == 1)
        #expect(script(ifa1).balance == 1)
        #expect(script(ifa2).balance == 0)
        #expect(implB.calls == 0)

        try manager.connect(ifb.index)
        #expect(operUp == ["ifa1", "ifb"])
        #expect(implB.calls == 1)
        #expect(script(ifb).balance == 1)
        #expect(implA.calls == 1)

        try manager.connect(ifa2.index)
        #expect(operUp == ["ifa1", "ifa2", "ifb"])
        #expect(implA.calls == 2)
        #expect(script(ifa2).balance == 1)

        try manager.disconnect(ifa1.index)
        #expect(operUp == ["ifa2", "ifb"])
        #expect(implA.calls == 3)
        #expect(script(ifa1).balance == 0)
        #expect(script(ifa2).balance == 1)

        try manager.disconnect(ifb.index)
        #expect(operUp == ["ifa2"])
        #expect(implB.calls == 2)
        #expect(script(ifb).balance == 0)

        try manager.disconnect(ifa2.index)
        #expect(operUp == [])
        #expect(implA.calls == 4)
        #expect(script(ifa2).balance == 0)
        #expect(adminUp == ["ifa1", "ifa2", "ifb"])
    }

    @Test("C3: connect_disconnect_double_delayed — repeated calls 1 ms apart all reach the implementation")
    func c3ConnectDisconnectDoubleDelayed() throws {
        up(ifa1)

        try manager.connect(ifa1.index)
        #expect(isOperUp(ifa1))
        #expect(script(ifa1).balance == 1)
        #expect(implA.calls == 1)

        harness.advance(by: .milliseconds(1))
        try manager.connect(ifa1.index)
        #expect(isOperUp(ifa1))
        #expect(script(ifa1).balance == 2)
        #expect(implA.calls == 2)

        harness.advance(by: .milliseconds(1))
        try manager.disconnect(ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(script(ifa1).balance == 1)
        #expect(implA.calls == 3)

        harness.advance(by: .milliseconds(1))
        try manager.disconnect(ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(script(ifa1).balance == 0)
        #expect(implA.calls == 4)
    }

    @Test("C4: connect_disconnect_double_instant — back-to-back calls all reach the implementation")
    func c4ConnectDisconnectDoubleInstant() throws {
        up(ifa1)

        try manager.connect(ifa1.index)
        try manager.connect(ifa1.index)
        #expect(isOperUp(ifa1))
        #expect(script(ifa1).balance == 2)
        #expect(implA.calls == 2)

        try manager.disconnect(ifa1.index)
        try manager.disconnect(ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(script(ifa1).balance == 0)
        #expect(implA.calls == 4)
    }

    @Test("C5: connect_autoup — connect brings an admin-down interface up and connects it once")
    func c5ConnectAutoUp() throws {
        #expect(!isAdminUp(ifa1))

        try manager.connect(ifa1.index)

        #expect(isAdminUp(ifa1))
        #expect(isOperUp(ifa1))
        // Auto-connect is off (NO_AUTO_CONNECT), so the admin-up does not connect a second time.
        #expect(implA.calls == 1)
    }

    @Test("C6: disconnect_down — disconnect on an admin-down interface succeeds without calling the implementation")
    func c6DisconnectDown() throws {
        try manager.disconnect(ifa1.index)

        #expect(!isAdminUp(ifa1))
        #expect(implA.calls == 0)
    }

    @Test("C7: invalid_ignored — a binding without implementation and no binding are both unbound")
    func c7InvalidIgnored() {
        // The reference's lookup skips a binding whose API is NULL; here the binding exists but has no
        // implementation, so it is not usable.
        #expect(manager.binding(for: ifnull.index)?.implementation == nil)
        #expect(manager.binding(for: ifnone.index) == nil)
        #expect(!manager.isBound(ifnull.index))
        #expect(!manager.isBound(ifnone.index))
    }

    @Test("C8: connect_invalid — connect on unbound interfaces is not supported")
    func c8ConnectInvalid() {
        up(ifnull)
        up(ifnone)

        expectFailure(.notSupported) { try manager.connect(ifnull.index) }
        expectFailure(.notSupported) { try manager.connect(ifnone.index) }
    }

    @Test("C9: disconnect_invalid — disconnect on unbound interfaces is not supported")
    func c9DisconnectInvalid() {
        up(ifnull)
        up(ifnone)

        expectFailure(.notSupported) { try manager.disconnect(ifnull.index) }
        expectFailure(.notSupported) { try manager.disconnect(ifnone.index) }
    }

    @Test("C10: connect_fail — the implementation's connect error reaches the caller unchanged")
    func c10ConnectFail() {
        script(ifa1).apiError = TestError(name: "ECHILD")
        up(ifa1)

        #expect(throws: TestError(name: "ECHILD")) { try manager.connect(ifa1.index) }
    }

    @Test("C11: disconnect_fail — the implementation's disconnect error reaches the caller unchanged")
    func c11DisconnectFail() throws {
        up(ifa1)
        try manager.connect(ifa1.index)
        #expect(isOperUp(ifa1))

        script(ifa1).apiError = TestError(name: "EDOM")

        #expect(throws: TestError(name: "EDOM")) { try manager.disconnect(ifa1.index) }
    }

    @Test("C12: connect_timeout — a scripted timeout arrives 100 ms later as exactly one event")
    func c12ConnectTimeout() throws {
        script(ifa1).timesOut = true
        up(ifa1)

        try manager.connect(ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(recorder.controlEvents == [])

        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.connectTimeout(ifa1)])
    }

    @Test("C13: connect_fatal_error — a scripted fatal error arrives 100 ms later with its reason")
    func c13ConnectFatalError() throws {
        script(ifa1).fatalError = "EADDRINUSE"
        up(ifa1)

        try manager.connect(ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(recorder.controlEvents == [])

        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.fatalError(ifa1, reason: "EADDRINUSE")])
    }

    @Test("C14: supports_connectivity — bound interfaces report bound, the others do not")
    func c14SupportsConnectivity() {
        #expect(manager.isBound(ifa1.index))
        #expect(manager.isBound(ifa2.index))
        #expect(manager.isBound(ifb.index))
        #expect(manager.isBound(ifni.index))
        #expect(!manager.isBound(ifnull.index))
        #expect(!manager.isBound(ifnone.index))
    }

    // MARK: - Options

    @Test("C15: conn_opt — options are stored per interface, truncated to their room and read back NUL-terminated")
    func c15ConnOpt() throws {
        let x = ScriptedImplementation.optionX
        let y = ScriptedImplementation.optionY

        try manager.setOption(x, value: cString("A"), index: ifa1.index)
        // "optlen" is the number of bytes returned, including the terminator.
        #expect(try manager.getOption(x, capacity: 100, index: ifa1.index) == cString("A"))
        #expect(try manager.getOption(y, capacity: 100, index: ifa1.index) == [0])
        // Storage is per interface.
        #expect(try manager.getOption(x, capacity: 100, index: ifa2.index) == [0])

        try manager.setOption(y, value: cString("ABC"), index: ifa1.index)
        let readY = try manager.getOption(y, capacity: 100, index: ifa1.index)
        #expect(readY == cString("ABC"))
        #expect(readY.count == 4)
        #expect(try manager.getOption(x, capacity: 100, index: ifa1.index) == cString("A"))

        // A 60-character value is truncated to the option's room.
        let long = String(repeating: "0123456789", count: 6)
        try manager.setOption(x, value: cString(long), index: ifa1.index)
        let readLong = try manager.getOption(x, capacity: 100, index: ifa1.index)
        #expect(text(readLong).count < long.count)
        #expect(long.hasPrefix(text(readLong)))
        #expect(readLong.count == text(readLong).utf8.count + 1)

        // Read into 10 bytes: 9 characters and the terminator.
        let readShort = try manager.getOption(x, capacity: 10, index: ifa1.index)
        #expect(readShort.count == 10)
        #expect(readShort == cString(String(long.prefix(9))))
    }

    @Test("C16: conn_opt_invalid — unknown options, missing room and unsupported interfaces are refused")
    func c16ConnOptInvalid() {
        let x = ScriptedImplementation.optionX

        expectFailure(.noSuchOption) { try manager.setOption(-1, value: cString("A"), index: ifa1.index) }
        // A thrown error returns no bytes: the reference's optlen 0.
        expectFailure(.noSuchOption) { _ = try manager.getOption(-1, capacity: 100, index: ifa1.index) }

        // The reference's set with a NULL value cannot be expressed: `value` is a non-optional array.

        // A NULL buffer and a NULL optlen both leave no room: capacity 0.
        expectFailure(.invalidArgument) { _ = try manager.getOption(x, capacity: 0, index: ifa1.index) }
        // The room is checked before the binding, as the reference checks the buffer first.
        expectFailure(.invalidArgument) { _ = try manager.getOption(x, capacity: 0, index: ifnone.index) }

        for interface in [ifnull, ifnone, ifb] {
            expectFailure(.notSupported) { try manager.setOption(x, value: cString("A"), index: interface.index) }
            expectFailure(.notSupported) { _ = try manager.getOption(x, capacity: 100, index: interface.index) }
        }
    }

    // MARK: - Flags and timeouts

    @Test("C17: flags — each flag sets and clears its own bit of the raw word")
    func c17Flags() throws {
        // Clear what the preparation set, to start from no flags.
        try setFlags([.noAutoConnect, .noAutoDown], false, ifa1)
        #expect(manager.flags(ifa1.index).rawValue == 0)

        try setFlags(.persistent, true, ifa1)
        #expect(manager.flags(ifa1.index).contains(.persistent))
        #expect(manager.flags(ifa1.index).rawValue == 0b01)

        try setFlags(.noAutoConnect, true, ifa1)
        #expect(manager.flags(ifa1.index).contains(.noAutoConnect))
        #expect(manager.flags(ifa1.index).rawValue == 0b11)

        try setFlags(.persistent, false, ifa1)
        #expect(!manager.flags(ifa1.index).contains(.persistent))
        #expect(manager.flags(ifa1.index).rawValue == 0b10)

        try setFlags(.noAutoConnect, false, ifa1)
        #expect(!manager.flags(ifa1.index).contains(.noAutoConnect))
        #expect(manager.flags(ifa1.index).rawValue == 0)
    }

    @Test("C18: flags_invalid — unbound interfaces refuse flags and read none")
    func c18FlagsInvalid() {
        expectFailure(.notSupported) { try setFlags(.persistent, true, ifnull) }
        expectFailure(.notSupported) { try setFlags(.persistent, true, ifnone) }
        #expect(!manager.flags(ifnull.index).contains(.persistent))
        #expect(manager.flags(ifnull.index) == [])
        #expect(manager.flags(ifnone.index) == [])
    }

    @Test(
        "C18: flags_invalid — a flag number or name out of range is an invalid argument",
        arguments: ["3", "4", "-1", "disconnecting", "bogus"]
    )
    func c18InvalidFlagNumber(text: String) {
        // The reference's CONN_MGR_NUM_IF_FLAGS fails before any binding is looked up; here it fails
        // while parsing, before the manager is asked anything.
        expectFailure(.invalidArgument) { _ = try BindingFlags(parsing: text) }
    }

    @Test(
        "C18: flags_invalid — flag numbers and names in range are accepted",
        arguments: [("persistent", BindingFlags.persistent), ("0", .persistent), ("no-auto-down", .noAutoDown)]
    )
    func c18ValidFlagNumber(text: String, flag: BindingFlags) throws {
        #expect(try BindingFlags(parsing: text) == flag)
    }

    @Test("C19: timeout — the connect timeout is stored on the binding and cleared by no timeout")
    func c19Timeout() throws {
        try manager.setConnectTimeout(.seconds(99), index: ifa1.index)
        #expect(manager.connectTimeout(ifa1.index) == .seconds(99))
        #expect(manager.binding(for: ifa1.index)?.connectTimeout == .seconds(99))

        try manager.setConnectTimeout(nil, index: ifa1.index)
        #expect(manager.connectTimeout(ifa1.index) == nil)

        // The reference's NO_TIMEOUT is 0: zero means none too.
        try manager.setConnectTimeout(.seconds(99), index: ifa1.index)
        try manager.setConnectTimeout(.zero, index: ifa1.index)
        #expect(manager.connectTimeout(ifa1.index) == nil)
    }

    @Test("C20: timeout_invalid — unbound interfaces refuse a timeout and read none")
    func c20TimeoutInvalid() {
        for interface in [ifnull, ifnone] {
            expectFailure(.notSupported) { try manager.setConnectTimeout(.seconds(99), index: interface.index) }
            #expect(manager.connectTimeout(interface.index) == nil)
        }
    }

    // MARK: - Automations

    @Test("C21: auto_connect — admin-up connects a bound interface only without NO_AUTO_CONNECT")
    func c21AutoConnect() throws {
        up(ifa1)
        #expect(!isOperUp(ifa1))
        #expect(implA.calls == 0)

        down(ifa1)
        try setFlags(.noAutoConnect, false, ifa1)
        up(ifa1)
        #expect(isOperUp(ifa1))
        #expect(implA.calls == 1)
    }

    @Test("C22: auto_down_disconnect — a deliberate disconnect takes the interface down, even when persistent")
    func c22AutoDownDisconnect() throws {
        try setFlags([.noAutoConnect, .noAutoDown], false, ifa1)

        // (a) Not persistent.
        up(ifa1)
        #expect(isOperUp(ifa1))
        try manager.disconnect(ifa1.index)
        #expect(!isAdminUp(ifa1))

        // (b) Persistent: an intentional disconnect overrides persistence.
        try setFlags(.persistent, true, ifa1)
        up(ifa1)
        #expect(isOperUp(ifa1))
        try manager.disconnect(ifa1.index)
        #expect(!isAdminUp(ifa1))

        // (c) NO_AUTO_DOWN.
        try setFlags(.noAutoDown, true, ifa1)
        up(ifa1)
        #expect(isOperUp(ifa1))
        try manager.disconnect(ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(isAdminUp(ifa1))
    }

    @Test("C23: auto_down_conn_loss — a loss takes a non-persistent interface down, a persistent one stays up")
    func c23AutoDownConnLoss() throws {
        try setFlags([.noAutoConnect, .noAutoDown], false, ifa1)

        // (a) Not persistent.
        up(ifa1)
        #expect(isOperUp(ifa1))
        kernel.setDormant(true, ifa1.index)
        #expect(!isAdminUp(ifa1))

        // (b) Persistent.
        try setFlags(.persistent, true, ifa1)
        up(ifa1)
        #expect(isOperUp(ifa1))
        kernel.setDormant(true, ifa1.index)
        #expect(isAdminUp(ifa1))

        // (c) Not persistent, NO_AUTO_DOWN, connected explicitly.
        down(ifa1)
        try setFlags(.persistent, false, ifa1)
        try setFlags(.noAutoDown, true, ifa1)
        try manager.connect(ifa1.index)
        #expect(isOperUp(ifa1))
        kernel.setDormant(true, ifa1.index)
        #expect(!isOperUp(ifa1))
        #expect(isAdminUp(ifa1))
    }

    @Test("C24: auto_down_timeout — a timeout takes even a persistent interface down, unless NO_AUTO_DOWN")
    func c24AutoDownTimeout() throws {
        try setFlags([.noAutoConnect, .noAutoDown], false, ifa1)
        try setFlags(.persistent, true, ifa1)
        script(ifa1).timesOut = true

        // Admin-up auto-connects; the attempt times out.
        up(ifa1)
        #expect(implA.calls == 1)
        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.connectTimeout(ifa1)])
        #expect(!isAdminUp(ifa1))

        // With NO_AUTO_DOWN the interface stays up.
        recorder.reset()
        try setFlags(.noAutoDown, true, ifa1)
        up(ifa1)
        #expect(implA.calls == 2)
        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.connectTimeout(ifa1)])
        #expect(isAdminUp(ifa1))
    }

    @Test("C25: auto_down_fatal — a fatal error takes even a persistent interface down, unless NO_AUTO_DOWN")
    func c25AutoDownFatal() throws {
        try setFlags([.noAutoConnect, .noAutoDown], false, ifa1)
        try setFlags(.persistent, true, ifa1)
        let binding = try #require(manager.binding(for: ifa1.index))

        up(ifa1)
        #expect(isOperUp(ifa1))
        binding.raiseFatalError("EAGAIN")
        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.fatalError(ifa1, reason: "EAGAIN")])
        #expect(!isAdminUp(ifa1))

        recorder.reset()
        try setFlags(.noAutoDown, true, ifa1)
        up(ifa1)
        #expect(isOperUp(ifa1))
        binding.raiseFatalError("EAGAIN")
        harness.advance(by: .milliseconds(110))
        #expect(recorder.controlEvents == [.fatalError(ifa1, reason: "EAGAIN")])
        #expect(isAdminUp(ifa1))
    }
}

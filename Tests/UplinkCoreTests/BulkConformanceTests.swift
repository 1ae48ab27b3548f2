import Testing
import UplinkCore
import UplinkCoreTesting

/// An error an implementation throws (the reference's -ECHILD); it must reach the caller unchanged.
private struct TestError: Error, Equatable {
    let name: String
}

/// The reference's `tests/net/conn_mgr_conn` suite, bulk cases C26–C35: every interface in index
/// order, skipping ignored ones when asked, the first error wins and processing continues.
@Suite("conn_mgr_conn conformance, bulk API (C26–C35)")
@ManagerActor
struct BulkConformanceTests: ControlFixtureSuite {
    let fixture: ControlFixture

    init() throws {
        self.fixture = try ControlFixture()
    }

    private let everyInterface = ["ifa1", "ifa2", "ifb", "ifni", "ifnull", "ifnone"]
    private let boundInterfaces = ["ifa1", "ifa2", "ifb", "ifni"]

    /// Every interface up and the four bound ones connected, as several cases start.
    private func connectEverything() throws {
        try manager.bringAllUp()
        for interface in fixture.bound { try manager.connect(interface.index) }
        #expect(adminUp == everyInterface)
        #expect(operUp == boundInterfaces)
    }

    @Test("C26: all_if_up — brings every interface up, bound or not, skipping ignored ones when asked")
    func c26AllIfUp() throws {
        try manager.setIgnored(true, index: ifa1.index)

        try manager.bringAllUp(skippingIgnored: false)
        #expect(adminUp == everyInterface)

        try manager.takeAllDown()
        #expect(adminUp == [])

        try manager.bringAllUp(skippingIgnored: true)
        #expect(adminUp == ["ifa2", "ifb", "ifni", "ifnull", "ifnone"])
    }

    @Test("C27: all_if_connect — brings every interface up and connects every bound one, skipping ignored ones")
    func c27AllIfConnect() throws {
        try manager.setIgnored(true, index: ifa1.index)
        try manager.setIgnored(true, index: ifnone.index)

        try manager.connectAll(skippingIgnored: false)
        #expect(adminUp == everyInterface)
        #expect(operUp == boundInterfaces)

        for interface in fixture.bound { try manager.disconnect(interface.index) }
        try manager.takeAllDown()
        #expect(adminUp == [])
        #expect(operUp == [])

        try manager.connectAll(skippingIgnored: true)
        #expect(adminUp == ["ifa2", "ifb", "ifni", "ifnull"])
        #expect(operUp == ["ifa2", "ifb", "ifni"])
        #expect(!isOperUp(ifa1))
    }

    @Test("C28: all_if_down — takes every interface down, skipping ignored ones when asked")
    func c28AllIfDown() throws {
        try manager.setIgnored(true, index: ifa1.index)
        try manager.bringAllUp()
        #expect(adminUp == everyInterface)

        try manager.takeAllDown(skippingIgnored: false)
        #expect(adminUp == [])

        try manager.bringAllUp()
        #expect(adminUp == everyInterface)

        try manager.takeAllDown(skippingIgnored: true)
        #expect(adminUp == ["ifa1"])
    }

    @Test("C29: all_if_disconnect — disconnects every bound interface without taking any down")
    func c29AllIfDisconnect() throws {
        try manager.setIgnored(true, index: ifa1.index)
        try connectEverything()

        try manager.disconnectAll(skippingIgnored: false)
        #expect(operUp == [])
        // Auto-down is off (NO_AUTO_DOWN), and the bulk call never takes interfaces down itself.
        #expect(adminUp == everyInterface)

        for interface in fixture.bound { try manager.connect(interface.index) }
        #expect(operUp == boundInterfaces)

        try manager.disconnectAll(skippingIgnored: true)
        #expect(operUp == ["ifa1"])
        #expect(adminUp == everyInterface)
    }

    @Test("C30: all_if_up_double — repeating all_if_up succeeds and leaves everything up")
    func c30AllIfUpDouble() throws {
        try manager.bringAllUp()
        try manager.bringAllUp()
        harness.advance(by: .milliseconds(1))
        try manager.bringAllUp()

        #expect(adminUp == everyInterface)
    }

    @Test("C31: all_if_down_double — repeating all_if_down succeeds and leaves everything down")
    func c31AllIfDownDouble() throws {
        try manager.bringAllUp()
        #expect(adminUp == everyInterface)

        try manager.takeAllDown()
        try manager.takeAllDown()
        harness.advance(by: .milliseconds(1))
        try manager.takeAllDown()

        #expect(adminUp == [])
    }

    @Test("C32: all_if_connect_double — repeating all_if_connect succeeds and leaves everything up")
    func c32AllIfConnectDouble() throws {
        try manager.connectAll()
        try manager.connectAll()
        harness.advance(by: .milliseconds(1))
        try manager.connectAll()

        #expect(adminUp == everyInterface)
    }

    @Test("C33: all_if_disconnect_double — repeating all_if_disconnect succeeds and leaves everything admin-up")
    func c33AllIfDisconnectDouble() throws {
        try connectEverything()

        try manager.disconnectAll()
        try manager.disconnectAll()
        harness.advance(by: .milliseconds(1))
        try manager.disconnectAll()

        #expect(operUp == [])
        #expect(adminUp == everyInterface)
    }

    @Test("C34: all_if_connect_err — the first error is thrown after every other interface was connected")
    func c34AllIfConnectErr() throws {
        script(ifa1).apiError = TestError(name: "ECHILD")

        #expect(throws: TestError(name: "ECHILD")) { try manager.connectAll() }

        #expect(adminUp == everyInterface)
        #expect(operUp == ["ifa2", "ifb", "ifni"])
        #expect(!isOperUp(ifa1))
    }

    @Test("C35: all_if_disconnect_err — the first error is thrown after every other interface was disconnected")
    func c35AllIfDisconnectErr() throws {
        try connectEverything()
        script(ifa1).apiError = TestError(name: "ECHILD")

        #expect(throws: TestError(name: "ECHILD")) { try manager.disconnectAll() }

        #expect(adminUp == everyInterface)
        #expect(operUp == ["ifa1"])
    }

    @Test("bulk: with several failures the error of the lowest index wins and the rest still run")
    func bulkFirstErrorWins() throws {
        script(ifa1).apiError = TestError(name: "ECHILD")
        script(ifb).apiError = TestError(name: "EDOM")

        #expect(throws: TestError(name: "ECHILD")) { try manager.connectAll() }
        #expect(operUp == ["ifa2", "ifni"])

        #expect(throws: TestError(name: "ECHILD")) { try manager.disconnectAll() }
        #expect(operUp == [])
        #expect(implNI.calls == 2)
    }
}

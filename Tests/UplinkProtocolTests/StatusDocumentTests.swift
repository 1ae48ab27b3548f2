import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkProtocol

/// A device: eth0 bound and connected with IPv4 and IPv6, wlan0 bound but without carrier, lo ignored.
@ManagerActor
struct ProtocolFixture {
    let harness = ManagerHarness(ignoredTechnologies: [.loopback])

    init() throws {
        let kernel = self.harness.kernel
        let lo = kernel.addLink("lo", technology: .loopback, adminUp: true)
        kernel.addAddress("127.0.0.1", prefixLength: 8, to: lo.index)
        let eth0 = kernel.addLink("eth0", technology: .ethernet, adminUp: true)
        let wlan0 = kernel.addLink("wlan0", technology: .wifi, adminUp: true, carrier: false)
        let ethernet = ScriptedImplementation("ethernet", kernel: kernel, hasInitialize: false)
        try self.harness.manager.bind(
            "eth0", to: ethernet, configuration: BindingConfiguration(flags: .persistent, connectTimeout: .seconds(30)))
        try self.harness.manager.bind(
            "wlan0", to: ScriptedImplementation("wifi", kernel: kernel, hasInitialize: false),
            configuration: BindingConfiguration(flags: .noAutoConnect, idleTimeout: .milliseconds(1500)))
        kernel.addAddress("192.0.2.10", prefixLength: 24, to: eth0.index)
        kernel.addAddress("2001:db8:1::10", prefixLength: 64, to: eth0.index)
        kernel.addAddress("fe80::10", prefixLength: 64, to: eth0.index)
        _ = wlan0
    }
}

@Suite("status --json and monitor --json")
@ManagerActor
struct StatusDocumentTests {
    let fixture: ProtocolFixture

    init() throws {
        self.fixture = try ProtocolFixture()
    }

    @Test("the status document follows the schema, interfaces in index order, addresses by family")
    func statusDocument() {
        let document = StatusDocument.make(self.fixture.harness.manager.snapshot).serialized
        let expected = #"""
            {"connected":true,"ipv4":true,"ipv6":true,"interfaces":[\#
            {"name":"lo","index":1,"technology":"loopback","admin_up":true,"oper_up":true,"carrier":true,"dormant":false,\#
            "ready":false,"ready_ipv4":false,"ready_ipv6":false,"ignored":true,"not_ready_reason":"ignored",\#
            "not_ready_text":"ignored","reachability":"unknown","addresses":[{"address":"127.0.0.1","prefix":8,\#
            "family":"ipv4","scope":"host","state":"preferred"}],"binding":null},\#
            {"name":"eth0","index":2,"technology":"ethernet","admin_up":true,"oper_up":true,"carrier":true,\#
            "dormant":false,"ready":true,"ready_ipv4":true,"ready_ipv6":true,"ignored":false,"not_ready_reason":null,\#
            "not_ready_text":null,"reachability":"unknown","addresses":[{"address":"192.0.2.10","prefix":24,\#
            "family":"ipv4","scope":"global","state":"preferred"},{"address":"2001:db8:1::10","prefix":64,\#
            "family":"ipv6","scope":"global","state":"preferred"},{"address":"fe80::10","prefix":64,"family":"ipv6",\#
            "scope":"link","state":"preferred"}],"binding":{"implementation":"ethernet","persistent":true,\#
            "auto_connect":true,"auto_down":true,"connect_timeout_s":30,"idle_timeout_s":null,"state":"connected",\#
            "state_text":"connected"}},\#
            {"name":"wlan0","index":3,"technology":"wifi","admin_up":true,"oper_up":false,"carrier":false,\#
            "dormant":false,"ready":false,"ready_ipv4":false,"ready_ipv6":false,"ignored":false,\#
            "not_ready_reason":"no-carrier","not_ready_text":"not associated with an access point",\#
            "reachability":"unknown","addresses":[],"binding":{"implementation":"wifi","persistent":false,\#
            "auto_connect":false,"auto_down":true,"connect_timeout_s":null,"idle_timeout_s":1.5,"state":"idle",\#
            "state_text":"idle"}}]}
            """#
        #expect(document == expected)
    }

    @Test("events carry time, name, interface and, where there is one, the reason in words and as a code")
    func eventDocuments() {
        let eth0 = InterfaceID(index: 2, name: "eth0")
        let time = "2026-12-01T12:00:00.250Z"
        #expect(
            EventDocument.make(.connectivity(.any, connected: true, interface: eth0), time: time).serialized
                == #"{"time":"2026-12-01T12:00:00.250Z","event":"l4-connected","iface":"eth0"}"#)
        #expect(
            EventDocument.make(.connectivity(.ipv6, connected: false, interface: nil), time: time).serialized
                == #"{"time":"2026-12-01T12:00:00.250Z","event":"ipv6-disconnected","iface":null}"#)
        #expect(
            EventDocument.make(.interfaceUnready(eth0, reason: .noCarrier), time: time).serialized
                == #"{"time":"2026-12-01T12:00:00.250Z","event":"iface-unready","iface":"eth0","reason":"no carrier","reason_code":"no-carrier"}"#
        )
        #expect(
            EventDocument.make(.fatalError(eth0, reason: "needs root or CAP_NET_RAW"), time: time).serialized
                == #"{"time":"2026-12-01T12:00:00.250Z","event":"fatal-error","iface":"eth0","reason":"needs root or CAP_NET_RAW"}"#
        )
        #expect(
            EventDocument.text(.connectTimeout(eth0), time: "12:00:00.250") == "12:00:00.250  connect-timeout  eth0")
    }

    @Test("the plain status reads at a glance and says why an interface is not ready")
    func statusText() {
        let text = StatusText.render(self.fixture.harness.manager.snapshot)
        let expected = """
            connected: IPv4 and IPv6, ready: eth0

            IFACE  TECH      ADMIN  OPER        READY    ADDRESSES                                      BINDING
            eth0   ethernet  up     up          4+6      192.0.2.10/24, 2001:db8:1::10/64, fe80::10/64  ethernet: connected (persistent)
            wlan0  wifi      up     no carrier  no       -                                              wifi: idle (no auto-connect)
                   not ready: not associated with an access point
            lo     loopback  up     up          ignored  127.0.0.1/8                                    -

            """
        #expect(text == expected)
    }
}

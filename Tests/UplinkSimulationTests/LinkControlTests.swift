import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// Admin up and down through `LinkControl`, as the manager, the dashboard and auto-down use it.
@Suite("Link control")
@ManagerActor
struct LinkControlTests {
    let harness: SimulationHarness

    init() throws {
        self.harness = try SimulationHarness()
        self.harness.advance(toSeconds: 10)
        self.harness.recorder.reset()
    }

    @Test("eth0 down: administratively down, IPv6 gone with the link, IPv4 kept; up again reconnects")
    func ethernetDownAndUp() throws {
        // When eth0 is taken down at 10 s
        try self.harness.manager.setAdminState(up: false, index: eth0.index)

        // Then the manager sees why, and the kernel's rules
        #expect(self.harness.readiness(eth0) == .notReady(.adminDown))
        #expect(!self.harness.status(eth0).link.hasCarrier)
        #expect(self.harness.addresses(eth0) == ["192.0.2.10/24"])
        #expect(self.harness.events(about: eth0) == ["iface-unready eth0 (administratively down)"])
        #expect(self.harness.activity(eth0) == .connecting(since: seconds(10), deadline: seconds(40)))

        // When it is brought up again at 12 s
        self.harness.advance(toSeconds: 12)
        try self.harness.manager.setAdminState(up: true, index: eth0.index)

        // Then the link and the kept IPv4 address are back at once, and the lease is renewed
        #expect(self.harness.readiness(eth0) == .ready)
        #expect(self.harness.addresses(eth0) == ["192.0.2.10/24", "fe80::200:5eff:fe00:5301/64"])
        self.harness.advance(toSeconds: 14.2)
        #expect(self.harness.activity(eth0) == .connected(since: seconds(13.2)))
        #expect(self.harness.status(eth0).readiness.ipv6 == .ready)
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("wlan0 down switches the radio off; up again rejoins Workshop")
    func wifiDownAndUp() throws {
        try self.harness.manager.setAdminState(up: false, index: wlan0.index)
        #expect(self.harness.readiness(wlan0) == .notReady(.adminDown))
        #expect(self.harness.device.wifi.currentNetwork == nil)

        self.harness.advance(toSeconds: 20)
        // The radio is off: the waiting try cannot even search
        #expect(self.harness.readiness(wlan0) == .notReady(.adminDown))

        try self.harness.manager.setAdminState(up: true, index: wlan0.index)
        self.harness.advance(toSeconds: 22.7)
        #expect(self.harness.readiness(wlan0) == .ready)
        #expect(self.harness.device.wifi.currentNetwork?.displayName == "Workshop")
        #expect(self.harness.activity(wlan0) == .connected(since: seconds(22.7)))
    }

    @Test("wwan0 down switches the modem off; up again registers anew")
    func cellularDownAndUp() throws {
        try self.harness.manager.setAdminState(up: false, index: wwan0.index)
        #expect(self.harness.readiness(wwan0) == .notReady(.adminDown))
        #expect(self.harness.device.signal(of: wwan0) == nil)

        self.harness.advance(toSeconds: 12)
        try self.harness.manager.setAdminState(up: true, index: wwan0.index)
        #expect(self.harness.readiness(wwan0) == .notReady(.dormant))
        self.harness.advance(toSeconds: 16.5)
        #expect(self.harness.readiness(wwan0) == .ready)
    }

    @Test("disconnect and connect: a deliberate disconnect is not reconnected, connect brings it back")
    func disconnectAndConnect() throws {
        try self.harness.manager.disconnect(wlan0.index)
        #expect(self.harness.activity(wlan0) == .idle)
        #expect(self.harness.readiness(wlan0) == .notReady(.adminDown))
        self.harness.advance(toSeconds: 60)
        #expect(self.harness.readiness(wlan0) == .notReady(.adminDown))

        try self.harness.manager.connect(wlan0.index)
        self.harness.advance(toSeconds: 62.7)
        #expect(self.harness.readiness(wlan0) == .ready)
    }

    @Test("an interface the device does not have is refused, naming the ones it has")
    func unknownInterface() throws {
        let error = #expect(throws: ControlError.self) {
            try self.harness.device.setAdminState(up: true, of: InterfaceID(index: 9, name: "eth9"))
        }
        #expect(
            error?.description
                == "eth9: the simulated device has no interface with index 9; it has lo (1), eth0 (2), wlan0 (3), wwan0 (4)"
        )
    }
}

extension LinkControlTests {
    @Test("left down by hand, a persistent binding's reconnect times out: the core counts admin down as a loss")
    func leftDownTimesOut() throws {
        try self.harness.manager.setAdminState(up: false, index: eth0.index)

        self.harness.advance(toSeconds: 40)

        #expect(self.harness.recorder.controlEvents == [.connectTimeout(eth0)])
        #expect(self.harness.addresses(eth0) == [])
        // Bringing it up later connects afresh (auto-connect on admin up)
        try self.harness.manager.setAdminState(up: true, index: eth0.index)
        self.harness.advance(toSeconds: 41.2)
        #expect(self.harness.readiness(eth0) == .ready)
    }
}

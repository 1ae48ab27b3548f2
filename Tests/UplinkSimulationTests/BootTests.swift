import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// `uplink --sim` from power-on: the first impression.
@Suite("Boot")
@ManagerActor
struct BootTests {
    let harness: SimulationHarness

    init() throws {
        self.harness = try SimulationHarness()
    }

    @Test("at boot the manager sees lo, eth0, wlan0 and wwan0 at their fixed indices, lo ignored")
    func interfacesAtBoot() {
        // Given the device just booted
        let snapshot = self.harness.manager.snapshot

        // Then the four interfaces are there with their technologies
        #expect(snapshot.interfaces.map(\.link.name) == ["lo", "eth0", "wlan0", "wwan0"])
        #expect(snapshot.interfaces.map(\.link.index) == [1, 2, 3, 4])
        #expect(snapshot.interfaces.map(\.link.technology) == [.loopback, .ethernet, .wifi, .cellular])

        // And lo is up with its loopback addresses but ignored, and has no binding
        let lo = self.harness.status(loopback)
        #expect(lo.isIgnored)
        #expect(lo.link.isAdminUp && lo.link.hasCarrier)
        #expect(self.harness.addresses(loopback) == ["127.0.0.1/8", "::1/128"])
        #expect(lo.addresses.allSatisfy { $0.scope == .host })
        #expect(lo.readiness.overall == .notReady(.ignored))
        #expect(lo.binding == nil)
        #expect(!self.harness.recorder.events.contains { $0.interface?.name == "lo" })
    }

    @Test("eth0, wlan0 and wwan0 are bound persistent, with connect timeouts of 30 s, 30 s and 60 s")
    func bindings() throws {
        let expected: [(InterfaceID, String, Duration)] = [
            (eth0, "ethernet", .seconds(30)), (wlan0, "wifi", .seconds(30)), (wwan0, "cellular", .seconds(60)),
        ]
        for (interface, implementation, timeout) in expected {
            let binding = try #require(self.harness.status(interface).binding)
            #expect(binding.implementation == implementation)
            #expect(binding.flags == [.persistent])
            #expect(binding.connectTimeout == timeout)
            #expect(binding.activity == .connecting(since: .zero, deadline: timeout))
        }
    }

    @Test("eth0 has its link-local address at once and is ready with DHCP's address at 1.2 s")
    func ethernetBoots() {
        // Given the link is up with its cable: only the link-local address, which never counts
        #expect(self.harness.addresses(eth0) == ["fe80::200:5eff:fe00:5301/64"])
        #expect(self.harness.readiness(eth0) == .notReady(.onlyLinkLocal))

        // When DHCP has not answered yet
        self.harness.advance(toSeconds: 1.199)
        #expect(!self.harness.readiness(eth0).isReady)

        // Then at 1.2 s it holds the lease, and the router's IPv6 address is tentative for a second
        self.harness.advance(toSeconds: 1.2)
        #expect(self.harness.readiness(eth0) == .ready)
        #expect(self.harness.addresses(eth0) == ["192.0.2.10/24", "2001:db8:1::10/64", "fe80::200:5eff:fe00:5301/64"])
        #expect(self.harness.state(of: "2001:db8:1::10", on: eth0) == .tentative)
        #expect(self.harness.status(eth0).readiness.ipv4 == .ready)
        #expect(self.harness.status(eth0).readiness.ipv6 == .notReady(.tentativeAddress("2001:db8:1::10")))
        #expect(self.harness.activity(eth0) == .connected(since: seconds(1.2)))

        self.harness.advance(toSeconds: 2.2)
        #expect(self.harness.state(of: "2001:db8:1::10", on: eth0) == .preferred)
        #expect(self.harness.status(eth0).readiness.ipv6 == .ready)
    }

    @Test("wlan0 joins the remembered Workshop: dormant at 0.5 s, up at 1.5 s, ready at 2.7 s")
    func wifiBoots() {
        #expect(self.harness.readiness(wlan0) == .notReady(.noCarrier))

        self.harness.advance(toSeconds: 0.5)
        #expect(self.harness.readiness(wlan0) == .notReady(.dormant))

        self.harness.advance(toSeconds: 1.5)
        #expect(self.harness.readiness(wlan0) == .notReady(.onlyLinkLocal))

        self.harness.advance(toSeconds: 2.699)
        #expect(!self.harness.readiness(wlan0).isReady)
        self.harness.advance(toSeconds: 2.7)
        #expect(self.harness.readiness(wlan0) == .ready)
        #expect(
            self.harness.addresses(wlan0) == ["198.18.7.20/24", "2001:db8:7::20/64", "fe80::200:5eff:fe00:5302/64"])
        #expect(self.harness.device.wifi.currentNetwork == (try? SSID("Workshop")))
        #expect(self.harness.activity(wlan0) == .connected(since: seconds(2.7)))
        #expect(self.harness.device.signal(of: wlan0) == -52)
    }

    @Test("wwan0 registers for 4 s, dormant, and is ready with 198.18.9.2/30 at 4.5 s")
    func cellularBoots() {
        #expect(self.harness.readiness(wwan0) == .notReady(.dormant))

        self.harness.advance(toSeconds: 4)
        #expect(self.harness.readiness(wwan0) == .notReady(.noAddress))

        self.harness.advance(toSeconds: 4.499)
        #expect(!self.harness.readiness(wwan0).isReady)
        self.harness.advance(toSeconds: 4.5)
        #expect(self.harness.readiness(wwan0) == .ready)
        #expect(self.harness.addresses(wwan0) == ["198.18.9.2/30"])
        #expect(self.harness.status(wwan0).readiness.ipv6 == .notReady(.noAddress))
        #expect(self.harness.activity(wwan0) == .connected(since: seconds(4.5)))
    }

    @Test("the events of a boot: eth0 first brings the device online, every upstream answers 0.3 s after")
    func bootEvents() {
        // When the device has been running for five seconds
        self.harness.advance(toSeconds: 5)

        // Then each interface became ready once, and reachable 0.3 s later
        let ready = self.harness.recorder.events.compactMap { event -> String? in
            guard case .interfaceReady(let interface) = event else { return nil }
            return interface.name
        }
        #expect(ready == ["eth0", "wlan0", "wwan0"])
        #expect(self.harness.recorder.connectivity(on: .any) == [.connected("eth0")])
        #expect(self.harness.recorder.connectivity(on: .ipv4) == [.connected("eth0")])
        #expect(self.harness.recorder.connectivity(on: .ipv6) == [.connected("eth0")])
        #expect(self.harness.status(eth0).reachability == .reachable(since: seconds(1.5)))
        #expect(self.harness.status(wlan0).reachability == .reachable(since: seconds(3)))
        #expect(self.harness.status(wwan0).reachability == .reachable(since: seconds(4.8)))
        #expect(self.harness.recorder.controlEvents == [])
        #expect(self.harness.manager.snapshot.connectivity == ChannelValues(any: true, ipv4: true, ipv6: true))
    }

    @Test("the manager's view and the device's kernel agree")
    func viewsAgree() {
        self.harness.advance(toSeconds: 10)
        for interface in SimulatedDevice.Interfaces.all {
            #expect(self.harness.status(interface).link == self.harness.device.link(interface.index))
            #expect(
                Set(self.harness.status(interface).addresses)
                    == Set(self.harness.device.addresses(of: interface.index))
            )
        }
    }

    @Test("once up, only the cellular signal's walk is scheduled; nothing at all without the modem")
    func nothingWakesWhenNothingChanges() throws {
        // Given a settled device
        self.harness.advance(toSeconds: 10)

        // Then the next timer is the signal's next step, within 5 s
        let next = try #require(self.harness.manager.nextDeadline)
        #expect(next > seconds(10) && next <= seconds(15))

        // Given a device whose modem is down from boot
        let quiet = try SimulationHarness { try $0.setAdminState(up: false, of: wwan0) }
        quiet.advance(toSeconds: 10)

        // Then nothing is scheduled at all
        #expect(quiet.manager.nextDeadline == nil)
        #expect(quiet.device.signal(of: wwan0) == nil)
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// eth0 and its faults, as a technician sees them through the manager.
@Suite("Ethernet")
@ManagerActor
struct EthernetTests {
    /// A device with only eth0 connecting, so the L4 events are eth0's alone.
    static func ethernetOnly() throws -> SimulationHarness {
        try SimulationHarness { device in
            try device.setAdminState(up: false, of: wlan0)
            try device.setAdminState(up: false, of: wwan0)
        }
    }

    @Test("unplugging the cable: eth0 not ready for no carrier, the device goes offline, IPv4 kept")
    func cableUnplugged() throws {
        // Given eth0 connected and alone
        let harness = try Self.ethernetOnly()
        harness.advance(toSeconds: 10)
        harness.recorder.reset()

        // When the cable is pulled
        try harness.device.setFault(SimulatedFault.ethernetCableUnplugged.id, active: true)

        // Then eth0 has no carrier, and the device is disconnected on every channel, blamed on eth0
        #expect(harness.readiness(eth0) == .notReady(.noCarrier))
        #expect(harness.recorder.events.first == .interfaceUnready(eth0, reason: .noCarrier))
        #expect(harness.recorder.connectivity(on: .any) == [.disconnected("eth0")])
        #expect(harness.recorder.connectivity(on: .ipv4) == [.disconnected("eth0")])
        #expect(harness.recorder.connectivity(on: .ipv6) == [.disconnected("eth0")])
        // And the kernel dropped the IPv6 addresses with the link; the DHCP client keeps IPv4
        #expect(harness.addresses(eth0) == ["192.0.2.10/24"])
        // And the persistent binding is trying again, with a fresh deadline
        #expect(harness.activity(eth0) == .connecting(since: seconds(10), deadline: seconds(40)))
        #expect(harness.device.faults.first { $0.id == "ethernet-cable-unplugged" }?.isActive == true)
    }

    @Test("plugging the cable back in within the timeout re-acquires the lease 1.2 s later")
    func cableReplugged() throws {
        // Given the cable pulled at 10 s
        let harness = try Self.ethernetOnly()
        harness.advance(toSeconds: 10)
        harness.device.setFault(.ethernetCableUnplugged, active: true)
        harness.advance(toSeconds: 15)
        harness.recorder.reset()

        // When it is plugged back in at 15 s
        harness.device.setFault(.ethernetCableUnplugged, active: false)

        // Then the link is back with its link-local address, and the lease comes at 16.2 s
        #expect(harness.readiness(eth0) == .ready)
        #expect(harness.addresses(eth0) == ["192.0.2.10/24", "fe80::200:5eff:fe00:5301/64"])
        harness.advance(toSeconds: 16.2)
        #expect(harness.activity(eth0) == .connected(since: seconds(16.2)))
        #expect(harness.state(of: "2001:db8:1::10", on: eth0) == .tentative)
        harness.advance(toSeconds: 17.2)
        #expect(harness.status(eth0).readiness.ipv6 == .ready)
        #expect(harness.recorder.connectivity(on: .any) == [.connected("eth0")])
        #expect(harness.recorder.connectivity(on: .ipv6) == [.connected("eth0")])

        // And nothing times out later
        harness.advance(toSeconds: 60)
        #expect(harness.recorder.controlEvents == [])
        #expect(!harness.device.isActive(.ethernetCableUnplugged))
    }

    @Test("left unplugged, eth0's reconnect times out at its 30 s and auto-down takes it down")
    func cableUnpluggedTimesOut() throws {
        let harness = try Self.ethernetOnly()
        harness.advance(toSeconds: 10)
        harness.device.setFault(.ethernetCableUnplugged, active: true)
        harness.recorder.reset()

        harness.advance(toSeconds: 39.999)
        #expect(harness.recorder.controlEvents == [])

        harness.advance(toSeconds: 40)
        #expect(harness.recorder.controlEvents == [.connectTimeout(eth0)])
        #expect(harness.readiness(eth0) == .notReady(.adminDown))
        #expect(harness.addresses(eth0) == [])
        #expect(harness.activity(eth0) == .failed(reason: "timed out"))
    }

    @Test("a silent router: eth0 stays ready, unreachable 3 s later, reachable 0.3 s after it answers again")
    func silentUpstream() throws {
        // Given eth0 reachable
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        #expect(harness.status(eth0).reachability.isReachable)
        harness.recorder.reset()

        // When its router stops answering at 10 s
        harness.device.setFault(.ethernetUpstreamSilent, active: true)

        // Then nothing is said for 3 s, then it is unreachable since 10 s, still ready
        harness.advance(toSeconds: 12.999)
        #expect(harness.recorder.events == [])
        harness.advance(toSeconds: 13)
        let unreachable = Reachability.unreachable(since: seconds(10), reason: "no answer from 192.0.2.1 for 3 s")
        #expect(harness.recorder.events == [.reachabilityChanged(eth0, unreachable)])
        #expect(harness.status(eth0).reachability == unreachable)
        #expect(harness.readiness(eth0) == .ready)
        #expect(harness.addresses(eth0).contains("192.0.2.10/24"))

        // When it answers again at 20 s
        harness.advance(toSeconds: 20)
        harness.device.setFault(.ethernetUpstreamSilent, active: false)

        // Then it is reachable again at 20.3 s, and nothing else happens
        harness.advance(toSeconds: 20.3)
        #expect(harness.status(eth0).reachability == .reachable(since: seconds(20.3)))
        harness.advance(toSeconds: 60)
        #expect(harness.recorder.events.count == 2)
    }

    @Test("a router silent for less than 3 s is never reported")
    func shortSilence() throws {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        harness.recorder.reset()

        harness.device.setFault(.ethernetUpstreamSilent, active: true)
        harness.advance(toSeconds: 12)
        harness.device.setFault(.ethernetUpstreamSilent, active: false)
        harness.advance(toSeconds: 30)

        #expect(harness.recorder.events == [])
        #expect(harness.status(eth0).reachability == .reachable(since: seconds(1.5)))
    }

    @Test("with the DHCP server stopped a new connect retries, then times out at exactly 30 s")
    func dhcpServerStopped() throws {
        // Given eth0 connected, then disconnected by hand
        let harness = try Self.ethernetOnly()
        harness.advance(toSeconds: 10)
        try harness.manager.disconnect(eth0.index)
        harness.advance(toSeconds: 11)
        // (the lease is released; the link, with its cable, stays up)
        #expect(harness.addresses(eth0) == ["fe80::200:5eff:fe00:5301/64"])
        #expect(harness.readiness(eth0) == .notReady(.onlyLinkLocal))
        #expect(harness.activity(eth0) == .idle)

        // When the DHCP server stops and eth0 is connected again at 11 s
        harness.device.setFault(.ethernetDHCPServerStopped, active: true)
        harness.recorder.reset()
        try harness.manager.connect(eth0.index)

        // Then each try waits 5 s for an offer and the contract retries
        harness.advance(toSeconds: 16)
        let retrying = try #require(harness.retrying(eth0))
        #expect(retrying.deadline == seconds(41))
        #expect(retrying.lastFailure == "no DHCP offer in 5 s")
        #expect(harness.readiness(eth0) == .notReady(.onlyLinkLocal))

        // And the attempt ends on time, with the timeout event
        harness.advance(toSeconds: 40.999)
        #expect(harness.recorder.controlEvents == [])
        harness.advance(toSeconds: 41)
        #expect(harness.recorder.controlEvents == [.connectTimeout(eth0)])
        #expect(harness.activity(eth0) == .failed(reason: "timed out"))
    }

    @Test("stopping the DHCP server leaves a lease already held alone")
    func dhcpServerStoppedKeepsLease() throws {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        harness.recorder.reset()

        harness.device.setFault(.ethernetDHCPServerStopped, active: true)
        harness.advance(toSeconds: 120)

        #expect(harness.readiness(eth0) == .ready)
        #expect(harness.addresses(eth0).contains("192.0.2.10/24"))
        #expect(harness.events(about: eth0) == [])
    }

    @Test("the DHCP server starting again while a try waits gives the lease at once")
    func dhcpServerRestarted() throws {
        let harness = try SimulationHarness { device in
            try device.setAdminState(up: false, of: wlan0)
            device.setFault(.ethernetDHCPServerStopped, active: true)
        }
        harness.advance(toSeconds: 2)
        #expect(!harness.readiness(eth0).isReady)

        harness.device.setFault(.ethernetDHCPServerStopped, active: false)

        // The client asks again before it gives up, at 5 s
        harness.advance(toSeconds: 5)
        #expect(harness.readiness(eth0) == .ready)
        #expect(harness.activity(eth0) == .connected(since: seconds(5)))
    }
}

extension EthernetTests {
    @Test("ignoring eth0 forgets its verdict; watching it again probes it again")
    func ignoreAndWatch() throws {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)

        try harness.manager.setIgnored(true, index: eth0.index)
        #expect(harness.status(eth0).reachability == .unknown)

        harness.advance(toSeconds: 11)
        try harness.manager.setIgnored(false, index: eth0.index)
        harness.advance(toSeconds: 11.3)
        #expect(harness.status(eth0).reachability == .reachable(since: seconds(11.3)))
    }

    @Test("an idle timeout on a persistent binding drops the lease and reconnects at once")
    func idleTimeout() throws {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        try harness.manager.setIdleTimeout(.seconds(5), index: eth0.index)
        harness.recorder.reset()

        harness.advance(toSeconds: 15)
        #expect(harness.recorder.controlEvents == [.idleTimeout(eth0)])
        #expect(harness.readiness(eth0) == .notReady(.onlyLinkLocal))

        harness.advance(toSeconds: 16.2)
        #expect(harness.readiness(eth0) == .ready)
        #expect(harness.activity(eth0) == .connected(since: seconds(16.2)))
    }
}

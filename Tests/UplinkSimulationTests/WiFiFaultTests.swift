import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// The Wi-Fi faults: the access point switched off, the router silenced.
@Suite("Wi-Fi faults")
@ManagerActor
struct WiFiFaultTests {
    let harness: SimulationHarness
    var wifi: SimulatedWiFi { self.harness.device.wifi }

    /// The device connected at 10 s, events cleared.
    init() throws {
        self.harness = try SimulationHarness()
        self.harness.advance(toSeconds: 10)
        self.harness.recorder.reset()
    }

    @Test("switching off the Workshop access point drops the association; the binding retries")
    func accessPointOff() throws {
        // When the access point goes at 10 s
        try self.harness.device.setFault("wifi-access-point-off", active: true)

        // Then wlan0 loses its carrier, keeps IPv4 until the attempt ends, and tries again at once
        #expect(self.harness.readiness(wlan0) == .notReady(.noCarrier))
        #expect(self.harness.recorder.events.first == .interfaceUnready(wlan0, reason: .noCarrier))
        #expect(self.harness.addresses(wlan0) == ["198.18.7.20/24"])
        #expect(self.harness.activity(wlan0) == .connecting(since: seconds(10), deadline: seconds(40)))
        #expect(self.wifi.currentNetwork == nil)
        #expect(self.harness.device.signal(of: wlan0) == nil)

        // And each try looks for 2 s and finds nothing
        self.harness.advance(toSeconds: 12)
        let retrying = try #require(self.harness.retrying(wlan0))
        #expect(retrying.deadline == seconds(40))
        #expect(retrying.lastFailure == "network not found")
    }

    @Test("with the access point gone for good, the reconnect times out at its 30 s")
    func accessPointOffTimesOut() throws {
        self.harness.device.setFault(.wifiAccessPointOff, active: true)

        self.harness.advance(toSeconds: 39.999)
        #expect(self.harness.recorder.controlEvents == [])
        self.harness.advance(toSeconds: 40)
        #expect(self.harness.recorder.controlEvents == [.connectTimeout(wlan0)])
        #expect(self.harness.activity(wlan0) == .failed(reason: "timed out"))
        #expect(self.harness.readiness(wlan0) == .notReady(.adminDown))
        #expect(self.harness.addresses(wlan0) == [])
        // The network stays remembered for when it comes back
        #expect(self.wifi.rememberedNetworks.map(\.displayName) == ["Workshop"])
    }

    @Test("the access point coming back in time reconnects at the next try")
    func accessPointBack() throws {
        self.harness.device.setFault(.wifiAccessPointOff, active: true)
        self.harness.advance(toSeconds: 15)

        self.harness.device.setFault(.wifiAccessPointOff, active: false)

        self.harness.advance(toSeconds: 30)
        #expect(self.harness.readiness(wlan0) == .ready)
        #expect(self.wifi.currentNetwork?.displayName == "Workshop")
        guard case .connected? = self.harness.activity(wlan0) else {
            Issue.record("not connected: \(String(describing: self.harness.activity(wlan0)))")
            return
        }
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("a switched-off access point leaves the scans, and comes back to them")
    func accessPointLeavesScans() throws {
        self.harness.device.setFault(.wifiAccessPointOff, active: true)
        try self.wifi.startScan(on: wlan0)
        self.harness.advance(toSeconds: 12)
        let names = self.wifi.networks(on: wlan0).filter { $0.signal != nil }.map(\.ssid.displayName)
        #expect(!names.contains("Workshop"))
        // Still listed as remembered, unseen
        #expect(self.wifi.networks(on: wlan0).last?.ssid.displayName == "Workshop")
        #expect(self.wifi.networks(on: wlan0).last?.signal == nil)

        self.harness.device.setFault(.wifiAccessPointOff, active: false)
        try self.wifi.startScan(on: wlan0)
        self.harness.advance(toSeconds: 14)
        #expect(self.wifi.networks(on: wlan0).first?.ssid.displayName == "Workshop")
        #expect(self.wifi.networks(on: wlan0).first?.signal != nil)
    }

    @Test("a silent Wi-Fi router makes wlan0 unreachable, naming the network's gateway")
    func silentUpstream() throws {
        self.harness.device.setFault(.wifiUpstreamSilent, active: true)
        self.harness.advance(toSeconds: 13)

        let reason = "no answer from 198.18.7.1 for 3 s"
        #expect(
            self.harness.recorder.events == [
                .reachabilityChanged(wlan0, .unreachable(since: seconds(10), reason: reason))
            ])
        #expect(self.harness.readiness(wlan0) == .ready)

        self.harness.device.setFault(.wifiUpstreamSilent, active: false)
        self.harness.advance(toSeconds: 13.3)
        #expect(self.harness.status(wlan0).reachability == .reachable(since: seconds(13.3)))
    }
}

extension WiFiFaultTests {
    @Test("joining another network after the loss drops the old lease: its address never shows on the new one")
    func joinAfterLossDropsStaleLease() throws {
        // Given Workshop gone at 10 s: wlan0 keeps its IPv4 address while it retries
        self.harness.device.setFault(.wifiAccessPointOff, active: true)
        self.harness.advance(toSeconds: 20)
        #expect(self.harness.addresses(wlan0) == ["198.18.7.20/24"])

        // When the open Guest network is joined at 20 s
        let guest = try WiFiCredentials(ssid: SSID("Guest"), security: .open)
        try self.wifi.join(guest, on: wlan0)

        // Then on association the stale address is gone, and wlan0 is ready only with Guest's lease
        self.harness.advance(toSeconds: 20.5)
        #expect(self.harness.readiness(wlan0) == .notReady(.onlyLinkLocal))
        #expect(!self.harness.addresses(wlan0).contains("198.18.7.20/24"))
        self.harness.advance(toSeconds: 22.7)
        #expect(self.harness.readiness(wlan0) == .ready)
        #expect(self.harness.addresses(wlan0) == ["198.18.12.20/24", "fe80::200:5eff:fe00:5302/64"])
        #expect(self.harness.status(wlan0).readiness.ipv6 == .notReady(.onlyLinkLocal))
        #expect(self.wifi.joinState(on: wlan0) == .joined(guest.ssid))
        #expect(self.harness.recorder.controlEvents == [])
    }
}

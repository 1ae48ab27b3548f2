import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// Scanning and the network list, as the dashboard's Wi-Fi flow shows them.
@Suite("Wi-Fi scan")
@ManagerActor
struct WiFiScanTests {
    let harness: SimulationHarness
    var wifi: SimulatedWiFi { self.harness.device.wifi }

    init() throws {
        self.harness = try SimulationHarness()
        self.harness.advance(toSeconds: 5)
    }

    @Test("a scan reports progress every 0.5 s and finishes after 2 s")
    func progress() throws {
        #expect(self.wifi.scanState(on: wlan0) == .idle)

        try self.wifi.startScan(on: wlan0)
        #expect(self.wifi.scanState(on: wlan0) == .scanning(since: seconds(5), progress: 0))

        for (time, progress) in [(5.5, 0.25), (6.0, 0.5), (6.5, 0.75)] {
            self.harness.advance(toSeconds: time)
            #expect(self.wifi.scanState(on: wlan0) == .scanning(since: seconds(5), progress: progress))
        }
        self.harness.advance(toSeconds: 6.999)
        #expect(self.wifi.scanState(on: wlan0) == .scanning(since: seconds(5), progress: 0.75))
        self.harness.advance(toSeconds: 7)
        #expect(self.wifi.scanState(on: wlan0) == .finished(at: seconds(7)))
    }

    @Test("the results come strongest first, the hidden Depot left out, names byte for byte")
    func results() throws {
        // Before any scan only the remembered network is listed, unseen
        let before = self.wifi.networks(on: wlan0)
        #expect(before.map(\.ssid.displayName) == ["Workshop"])
        #expect(before.first?.signal == nil)
        #expect(before.first?.isKnown == true && before.first?.isCurrent == true)

        try self.wifi.startScan(on: wlan0)
        self.harness.advance(toSeconds: 7)

        let networks = self.wifi.networks(on: wlan0)
        #expect(
            networks.map(\.ssid.displayName) == [
                "Workshop", "Office-5G", #"Bob's "Shed" \ AP"#, "Guest", "Café ☕ Zürich",
            ]
        )
        #expect(networks.map(\.security) == [.wpa2Personal, .wpa3Personal, .wpa2Personal, .open, .wpa2Personal])
        for (network, typical) in zip(networks, [-52, -61, -66, -70, -78]) {
            let signal = try #require(network.signal)
            #expect(abs(signal - typical) <= 1)
        }
        #expect(networks.map(\.isKnown) == [true, false, false, false, false])
        #expect(networks.map(\.isCurrent) == [true, false, false, false, false])
        #expect(networks.allSatisfy { $0.frequency != nil })
        #expect(networks[4].ssid.bytes == Array("Café ☕ Zürich".utf8))
        #expect(networks[2].ssid.bytes == Array(#"Bob's "Shed" \ AP"#.utf8))
    }

    @Test("a scan through the service is what the dashboard gets")
    func throughTheService() async throws {
        let service = EmbeddedManagerService(
            manager: self.harness.manager,
            wifi: self.harness.device.wifi,
            faults: self.harness.device
        )
        try await service.execute(.scan("wlan0"))
        self.harness.advance(toSeconds: 7)

        let status = try #require(service.wifiStatus(of: "wlan0"))
        #expect(status.scan == .finished(at: seconds(7)))
        #expect(status.networks.count == 5)
        #expect(status.join == .idle)
        #expect(service.wifiStatus(of: "eth0") == nil)
    }

    @Test("scanning needs wlan0 up, and only wlan0 scans")
    func refusals() throws {
        try self.harness.manager.setAdminState(up: false, index: wlan0.index)

        let down = #expect(throws: ControlError.self) { try self.wifi.startScan(on: wlan0) }
        #expect(down?.description == "wlan0: administratively down; bring it up to scan")
        let wired = #expect(throws: ControlError.self) { try self.wifi.startScan(on: eth0) }
        #expect(wired?.description == "eth0: not a Wi-Fi interface; the simulated device's Wi-Fi interface is wlan0")
        #expect(self.wifi.scanState(on: eth0) == .idle)
        #expect(self.wifi.networks(on: eth0) == [])
    }

    @Test("taking wlan0 down during a scan fails it")
    func downDuringScan() throws {
        try self.wifi.startScan(on: wlan0)
        self.harness.advance(toSeconds: 6)

        try self.harness.manager.setAdminState(up: false, index: wlan0.index)

        #expect(self.wifi.scanState(on: wlan0) == .failed(reason: "wlan0 went down during the scan"))
        self.harness.advance(toSeconds: 10)
        #expect(self.wifi.scanState(on: wlan0) == .failed(reason: "wlan0 went down during the scan"))
    }
}

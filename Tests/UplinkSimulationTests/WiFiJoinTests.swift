import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// Joining and forgetting networks, as a technician does from the dashboard.
@Suite("Wi-Fi join and forget")
@ManagerActor
struct WiFiJoinTests {
    static let workshop = try! SSID("Workshop")
    static let office = try! SSID("Office-5G")
    static let cafe = try! SSID("Café ☕ Zürich")
    static let depot = try! SSID("Depot")

    static func credentials(
        _ ssid: SSID,
        _ security: WiFiSecurity,
        _ key: String,
        hidden: Bool = false
    ) throws -> WiFiCredentials {
        try WiFiCredentials(ssid: ssid, security: security, secret: Secret(key), isHidden: hidden)
    }

    /// A device connected on Workshop since 2.7 s, at 10 s, with its events cleared.
    static func connected() throws -> SimulationHarness {
        let harness = try SimulationHarness()
        harness.advance(toSeconds: 10)
        harness.recorder.reset()
        return harness
    }

    @Test("a wrong key fails after 3 s with \"wrong password\"; Workshop stays in use, the key is not saved")
    func wrongKeyWhileConnected() throws {
        // Given wlan0 on Workshop
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        let addresses = harness.addresses(wlan0)

        // When a technician joins Office-5G with a wrong key
        try wifi.join(try Self.credentials(Self.office, .wpa3Personal, "not the office key"), on: wlan0)
        #expect(wifi.joinState(on: wlan0) == .joining(Self.office, since: seconds(10), deadline: nil))

        // Then it is still joining just before 3 s, and has failed at 3 s
        harness.advance(toSeconds: 12.999)
        #expect(wifi.joinState(on: wlan0) == .joining(Self.office, since: seconds(10), deadline: nil))
        harness.advance(toSeconds: 13)
        #expect(wifi.joinState(on: wlan0) == .failed(Self.office, reason: "wrong password"))

        // And wlan0 never stopped carrying traffic on Workshop, which stays saved
        #expect(harness.events(about: wlan0) == [])
        #expect(harness.addresses(wlan0) == addresses)
        #expect(wifi.currentNetwork == Self.workshop)
        #expect(wifi.rememberedNetworks == [Self.workshop])
        #expect(harness.recorder.controlEvents == [])

        // And the key shows nowhere
        let shown = [harness.allEventText, "\(wifi.joinState(on: wlan0))", "\(wifi.networks(on: wlan0))"]
        #expect(!shown.contains { $0.contains("not the office key") || $0.contains("correct horse") })
    }

    @Test("joining while connected keeps the old network until the new one has connected")
    func joinWhileConnected() throws {
        // Given wlan0 on Workshop
        let harness = try Self.connected()
        let wifi = harness.device.wifi

        // When it joins Office-5G with the right key
        try wifi.join(try Self.credentials(Self.office, .wpa3Personal, "office five gee"), on: wlan0)

        // Then Workshop carries traffic until the new lease, at 2.7 s
        harness.advance(toSeconds: 12.699)
        #expect(wifi.currentNetwork == Self.workshop)
        #expect(harness.addresses(wlan0).contains("198.18.7.20/24"))
        #expect(harness.readiness(wlan0) == .ready)
        #expect(wifi.rememberedNetworks == [Self.workshop])

        harness.advance(toSeconds: 12.7)
        #expect(wifi.joinState(on: wlan0) == .joined(Self.office))
        #expect(wifi.currentNetwork == Self.office)
        #expect(harness.addresses(wlan0) == ["198.18.10.20/24", "2001:db8:10::20/64", "fe80::200:5eff:fe00:5302/64"])
        #expect(wifi.rememberedNetworks == [Self.office, Self.workshop])
        #expect(harness.device.signal(of: wlan0) == -61)

        // And wlan0 never stopped being ready; its upstream was never in doubt
        harness.advance(toSeconds: 14)
        #expect(harness.events(about: wlan0) == [])
        #expect(harness.state(of: "2001:db8:10::20", on: wlan0) == .preferred)
        #expect(harness.activity(wlan0) == .connected(since: seconds(2.7)))
    }

    @Test("the right key with no network in use connects wlan0 and remembers the network")
    func rightKeyFromDown() throws {
        // Given wlan0 down from boot (not connecting)
        let harness = try SimulationHarness { try $0.setAdminState(up: false, of: wlan0) }
        harness.advance(toSeconds: 1)
        let wifi = harness.device.wifi

        // When it joins the café's network
        try wifi.join(try Self.credentials(Self.cafe, .wpa2Personal, "cafe-zurich-24"), on: wlan0)

        // Then wlan0 comes up and connects within the binding's attempt
        #expect(harness.status(wlan0).link.isAdminUp)
        #expect(wifi.joinState(on: wlan0) == .joining(Self.cafe, since: seconds(1), deadline: seconds(31)))
        harness.advance(toSeconds: 1.5)
        #expect(harness.readiness(wlan0) == .notReady(.dormant))
        harness.advance(toSeconds: 3.7)
        #expect(wifi.joinState(on: wlan0) == .joined(Self.cafe))
        #expect(harness.readiness(wlan0) == .ready)
        #expect(harness.addresses(wlan0).contains("198.18.13.20/24"))
        #expect(harness.activity(wlan0) == .connected(since: seconds(3.7)))
        #expect(wifi.rememberedNetworks == [Self.cafe, Self.workshop])
    }

    @Test("a wrong key with no network in use fails the join and goes back to the remembered network")
    func wrongKeyFromDownFallsBack() throws {
        let harness = try SimulationHarness { try $0.setAdminState(up: false, of: wlan0) }
        harness.advance(toSeconds: 1)
        let wifi = harness.device.wifi

        try wifi.join(try Self.credentials(Self.cafe, .wpa2Personal, "not-the-cafe-key"), on: wlan0)

        harness.advance(toSeconds: 4)
        #expect(wifi.joinState(on: wlan0) == .failed(Self.cafe, reason: "wrong password"))
        // The same attempt carries on with Workshop: found 0.5 s later, connected 2.7 s later
        harness.advance(toSeconds: 6.7)
        #expect(wifi.currentNetwork == Self.workshop)
        #expect(harness.readiness(wlan0) == .ready)
        #expect(wifi.rememberedNetworks == [Self.workshop])
        #expect(harness.recorder.controlEvents == [])
    }

    @Test("a wrong key with nothing to go back to is a fatal error: retrying will not fix it")
    func wrongKeyWithNothingRemembered() throws {
        let harness = try SimulationHarness { try $0.setAdminState(up: false, of: wlan0) }
        let wifi = harness.device.wifi
        try wifi.forget(Self.workshop, on: wlan0)

        try wifi.join(try Self.credentials(Self.cafe, .wpa2Personal, "not-the-cafe-key"), on: wlan0)
        harness.advance(toSeconds: 3)

        #expect(wifi.joinState(on: wlan0) == .failed(Self.cafe, reason: "wrong password"))
        #expect(harness.recorder.controlEvents == [.fatalError(wlan0, reason: "wrong password")])
        #expect(harness.activity(wlan0) == .failed(reason: "wrong password"))
        #expect(harness.readiness(wlan0) == .notReady(.adminDown))
        #expect(wifi.rememberedNetworks == [])
    }

    @Test("the hidden Depot is not in scans but joins by name when marked hidden")
    func hiddenNetwork() throws {
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        try wifi.startScan(on: wlan0)
        harness.advance(toSeconds: 12)
        #expect(!wifi.networks(on: wlan0).contains { $0.ssid == Self.depot })

        // Unmarked, the radio does not probe for it
        try wifi.join(try Self.credentials(Self.depot, .wpa2Personal, "depot-key-2024"), on: wlan0)
        harness.advance(toSeconds: 14)
        #expect(wifi.joinState(on: wlan0) == .failed(Self.depot, reason: "network not found"))

        // Marked hidden, it joins
        try wifi.join(try Self.credentials(Self.depot, .wpa2Personal, "depot-key-2024", hidden: true), on: wlan0)
        harness.advance(toSeconds: 16.7)
        #expect(wifi.joinState(on: wlan0) == .joined(Self.depot))
        #expect(harness.addresses(wlan0).contains("198.18.14.20/24"))
        let depot = try #require(wifi.networks(on: wlan0).first { $0.ssid == Self.depot })
        #expect(depot.isKnown && depot.isCurrent && depot.signal == nil)
    }

    @Test("a remembered network joins by name with its saved key; an unknown name is refused")
    func joinKnown() throws {
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        try wifi.join(try Self.credentials(Self.office, .wpa3Personal, "office five gee"), on: wlan0)
        harness.advance(toSeconds: 13)
        #expect(wifi.currentNetwork == Self.office)

        try wifi.join(known: Self.workshop, on: wlan0)
        harness.advance(toSeconds: 15.7)
        #expect(wifi.joinState(on: wlan0) == .joined(Self.workshop))
        #expect(wifi.currentNetwork == Self.workshop)

        let error = #expect(throws: ControlError.self) { try wifi.join(known: Self.cafe, on: wlan0) }
        #expect(
            error?.description
                == #"wlan0: "Café ☕ Zürich" is not remembered; remembered: "Workshop", "Office-5G""#
        )
    }

    @Test("joining the network in use with its saved key changes nothing")
    func joinCurrent() throws {
        let harness = try Self.connected()
        try harness.device.wifi.join(known: Self.workshop, on: wlan0)
        harness.advance(toSeconds: 20)
        #expect(harness.device.wifi.joinState(on: wlan0) == .joined(Self.workshop))
        #expect(harness.recorder.events == [])
    }

    @Test("a key for the wrong security is refused by name, and nothing is saved")
    func securityMismatch() throws {
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        try wifi.join(try Self.credentials(Self.office, .wpa2Personal, "office five gee"), on: wlan0)
        harness.advance(toSeconds: 11)
        #expect(
            wifi.joinState(on: wlan0)
                == .failed(Self.office, reason: "security mismatch: \"Office-5G\" uses WPA3, not WPA2")
        )
        #expect(wifi.rememberedNetworks == [Self.workshop])
    }

    @Test("forgetting the network in use disconnects wlan0; with nothing remembered it has no configuration")
    func forgetCurrent() throws {
        // Given wlan0 on Workshop
        let harness = try Self.connected()
        let wifi = harness.device.wifi

        // When Workshop is forgotten
        try wifi.forget(Self.workshop, on: wlan0)

        // Then wlan0 is disconnected on purpose, and auto-down takes it down
        #expect(wifi.rememberedNetworks == [])
        #expect(wifi.currentNetwork == nil)
        #expect(harness.activity(wlan0) == .idle)
        #expect(harness.readiness(wlan0) == .notReady(.adminDown))
        #expect(harness.addresses(wlan0) == [])
        #expect(harness.recorder.controlEvents == [])

        // And a non-persistent binding now has nothing to connect with
        try harness.manager.setFlags(.persistent, false, index: wlan0.index)
        #expect(throws: ControlError.self) { try harness.manager.connect(wlan0.index) }
        #expect(harness.recorder.controlEvents == [.noConfiguration(wlan0)])

        // And forgetting it again is refused by name
        let error = #expect(throws: ControlError.self) { try wifi.forget(Self.workshop, on: wlan0) }
        #expect(error?.description == #"wlan0: "Workshop" is not remembered; no network is remembered"#)
    }

    @Test("forgetting a network not in use leaves the connection alone")
    func forgetOther() throws {
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        try wifi.join(try Self.credentials(Self.office, .wpa3Personal, "office five gee"), on: wlan0)
        harness.advance(toSeconds: 13)
        harness.recorder.reset()

        try wifi.forget(Self.workshop, on: wlan0)

        harness.advance(toSeconds: 20)
        #expect(wifi.rememberedNetworks == [Self.office])
        #expect(wifi.currentNetwork == Self.office)
        #expect(harness.recorder.events == [])
    }

    @Test("joining before the device is installed is refused with the reason")
    func joinNotInstalled() throws {
        let device = SimulatedDevice(random: SeededRandomNumberGenerator(seed: 1))
        let error = #expect(throws: ControlError.self) {
            try device.wifi.join(try Self.credentials(Self.cafe, .wpa2Personal, "cafe-zurich-24"), on: wlan0)
        }
        #expect(error?.code == .notSupported)
        #expect(error?.description.contains("not installed") == true)
    }
}

extension WiFiJoinTests {
    @Test("disconnecting during a join cancels it, and the loss reads as no carrier")
    func disconnectDuringJoin() throws {
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        try wifi.join(try Self.credentials(Self.office, .wpa3Personal, "office five gee"), on: wlan0)
        harness.advance(toSeconds: 11)

        try harness.manager.disconnect(wlan0.index)

        #expect(wifi.joinState(on: wlan0) == .failed(Self.office, reason: "cancelled"))
        #expect(harness.recorder.events.first == .interfaceUnready(wlan0, reason: .noCarrier))
        harness.advance(toSeconds: 20)
        #expect(wifi.currentNetwork == nil)
        #expect(wifi.rememberedNetworks == [Self.workshop])
        #expect(harness.activity(wlan0) == .idle)
    }

    @Test("a join between two retries starts at once, and the next try takes it over")
    func joinBetweenRetries() throws {
        // Given Workshop gone at 10 s and the first retry's search failed at 12 s
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        harness.device.setFault(.wifiAccessPointOff, active: true)
        harness.advance(toSeconds: 12.1)
        #expect(harness.retrying(wlan0) != nil)

        // When Office-5G is joined, with the retry still pending
        try wifi.join(try Self.credentials(Self.office, .wpa3Personal, "office five gee"), on: wlan0)
        #expect(wifi.joinState(on: wlan0) == .joining(Self.office, since: seconds(12.1), deadline: seconds(40)))

        // Then the radio is associated 0.5 s later, without waiting for the retry
        harness.advance(toSeconds: 12.6)
        #expect(harness.readiness(wlan0) == .notReady(.dormant))

        // And the attempt ends connected on Office-5G 2.7 s after the join
        harness.advance(toSeconds: 14.8)
        #expect(wifi.joinState(on: wlan0) == .joined(Self.office))
        #expect(harness.readiness(wlan0) == .ready)
        harness.advance(toSeconds: 20)
        guard case .connected? = harness.activity(wlan0) else {
            Issue.record("not connected: \(String(describing: harness.activity(wlan0)))")
            return
        }
        #expect(harness.recorder.controlEvents == [])
    }
}

extension WiFiJoinTests {
    @Test("no key shows in the descriptions of the access points, credentials or errors")
    func keysNeverShown() throws {
        let harness = try Self.connected()
        let wifi = harness.device.wifi
        let keys = ["correct horse battery", "office five gee", "shed-key-2024", "depot-key-2024", "cafe-zurich-24"]
        let wrong = try Self.credentials(Self.office, .wpa3Personal, "a secret typo")
        try wifi.join(wrong, on: wlan0)
        harness.advance(toSeconds: 20)
        let forgetError = #expect(throws: ControlError.self) { try wifi.forget(Self.office, on: wlan0) }

        let shown = [
            String(describing: wifi.accessPoints), String(reflecting: wifi.accessPoints), "\(wrong)",
            String(reflecting: wrong), harness.allEventText, "\(wifi.networks(on: wlan0))",
            "\(String(describing: forgetError))",
        ]
        for text in shown {
            #expect(!(keys + ["a secret typo"]).contains { text.contains($0) }, "\(text)")
        }
    }
}

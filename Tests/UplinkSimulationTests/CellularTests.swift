import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkSimulation

/// wwan0: coverage, its loss, and a signal that wanders.
@Suite("Cellular")
@ManagerActor
struct CellularTests {
    let harness: SimulationHarness

    init() throws {
        self.harness = try SimulationHarness()
        self.harness.advance(toSeconds: 10)
        self.harness.recorder.reset()
    }

    @Test("losing coverage drops wwan0; the persistent binding keeps trying without it")
    func coverageLost() throws {
        try self.harness.device.setFault("cellular-coverage-lost", active: true)

        #expect(self.harness.readiness(wwan0) == .notReady(.noCarrier))
        #expect(self.harness.recorder.events.first == .interfaceUnready(wwan0, reason: .noCarrier))
        #expect(self.harness.activity(wwan0) == .connecting(since: seconds(10), deadline: seconds(70)))
        #expect(self.harness.device.signal(of: wwan0) == nil)

        // Each try searches 4 s and finds no network
        self.harness.advance(toSeconds: 14)
        let retrying = try #require(self.harness.retrying(wwan0))
        #expect(retrying.deadline == seconds(70))
        #expect(retrying.lastFailure == "no cellular coverage")
        #expect(self.harness.readiness(wwan0) == .notReady(.noCarrier))
    }

    @Test("without coverage for the whole 60 s, the reconnect times out and wwan0 is taken down")
    func coverageLostTimesOut() throws {
        self.harness.device.setFault(.cellularCoverageLost, active: true)

        self.harness.advance(toSeconds: 69.999)
        #expect(self.harness.recorder.controlEvents == [])
        self.harness.advance(toSeconds: 70)
        #expect(self.harness.recorder.controlEvents == [.connectTimeout(wwan0)])
        #expect(self.harness.readiness(wwan0) == .notReady(.adminDown))
        #expect(self.harness.addresses(wwan0) == [])
    }

    @Test("coverage coming back registers the modem again and wwan0 is ready")
    func coverageBack() throws {
        self.harness.device.setFault(.cellularCoverageLost, active: true)
        self.harness.advance(toSeconds: 20)

        self.harness.device.setFault(.cellularCoverageLost, active: false)
        #expect(self.harness.device.signal(of: wwan0) != nil)

        self.harness.advance(toSeconds: 30)
        #expect(self.harness.readiness(wwan0) == .ready)
        #expect(self.harness.addresses(wwan0) == ["198.18.9.2/30"])
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("coverage returning while the modem searches starts registration at once")
    func coverageBackWhileSearching() throws {
        self.harness.device.setFault(.cellularCoverageLost, active: true)
        self.harness.advance(toSeconds: 11)

        self.harness.device.setFault(.cellularCoverageLost, active: false)

        #expect(self.harness.readiness(wwan0) == .notReady(.dormant))
        self.harness.advance(toSeconds: 15.5)
        #expect(self.harness.readiness(wwan0) == .ready)
    }

    @Test("the signal wanders every 5 s on the injected generator, within a modem's range")
    func signalWanders() throws {
        var readings: [Int] = []
        for step in 0..<40 {
            self.harness.advance(toSeconds: 10 + 5 * Double(step))
            readings.append(try #require(self.harness.device.signal(of: wwan0)))
        }
        #expect(Set(readings).count > 1)
        #expect(readings.allSatisfy { (-113)...(-51) ~= $0 })
        #expect(zip(readings, readings.dropFirst()).allSatisfy { abs($0 - $1) <= 3 })
        #expect(self.harness.device.signal(of: eth0) == nil)

        // The same seed walks the same way
        let again = try SimulationHarness()
        var replay: [Int] = []
        for step in 0..<40 {
            again.advance(toSeconds: 10 + 5 * Double(step))
            replay.append(try #require(again.device.signal(of: wwan0)))
        }
        #expect(replay == readings)
    }

    @Test("a silent cellular network makes wwan0 unreachable while it stays registered")
    func silentUpstream() throws {
        self.harness.device.setFault(.cellularUpstreamSilent, active: true)
        self.harness.advance(toSeconds: 13)

        let reason = "no answer from 198.18.9.1 for 3 s"
        #expect(
            self.harness.recorder.events == [
                .reachabilityChanged(wwan0, .unreachable(since: seconds(10), reason: reason))
            ])
        #expect(self.harness.readiness(wwan0) == .ready)
    }
}

import Testing
import UplinkCore

@testable import UplinkSimulation

/// The reachability probe's state machine on its own: events in, actions out.
@Suite("Upstream probe state machine")
struct UpstreamProbeStateMachineTests {
    var probe = UpstreamProbeStateMachine(answerDelay: .milliseconds(300), silenceDelay: .seconds(3))

    @Test("ready with an answering upstream: reachable after the answer delay, reported once")
    mutating func answering() {
        let ready = self.probe.interfaceBecameReady(upstreamAnswers: true, now: .seconds(1))
        #expect(ready == [.schedule(after: .milliseconds(300))])
        #expect(
            self.probe.timerFired(gateway: "192.0.2.1", now: .milliseconds(1300)) == [
                .report(.reachable(since: .milliseconds(1300)))
            ]
        )
        #expect(self.probe.upstreamChanged(answers: true, now: .seconds(2)) == [])
        #expect(self.probe.verdict == .reachable)
    }

    @Test("ready with a silent upstream: unreachable since becoming ready, after the silence delay")
    mutating func silentFromTheStart() {
        #expect(
            self.probe.interfaceBecameReady(upstreamAnswers: false, now: .seconds(5)) == [.schedule(after: .seconds(3))]
        )
        #expect(
            self.probe.timerFired(gateway: "192.0.2.1", now: .seconds(8))
                == [.report(.unreachable(since: .seconds(5), reason: "no answer from 192.0.2.1 for 3 s"))]
        )
    }

    @Test("silence shorter than the delay reports nothing and leaves no timer")
    mutating func shortSilence() {
        _ = self.probe.interfaceBecameReady(upstreamAnswers: true, now: .zero)
        _ = self.probe.timerFired(gateway: "g", now: .milliseconds(300))

        #expect(self.probe.upstreamChanged(answers: false, now: .seconds(10)) == [.schedule(after: .seconds(3))])
        #expect(self.probe.upstreamChanged(answers: true, now: .seconds(11)) == [.cancelTimer])
        #expect(self.probe.state == .answering)
        #expect(self.probe.verdict == .reachable)
    }

    @Test("after an unreachable verdict, answers coming back are reported after the answer delay")
    mutating func comesBack() {
        _ = self.probe.interfaceBecameReady(upstreamAnswers: false, now: .zero)
        _ = self.probe.timerFired(gateway: "g", now: .seconds(3))

        #expect(self.probe.upstreamChanged(answers: true, now: .seconds(7)) == [.schedule(after: .milliseconds(300))])
        #expect(
            self.probe.timerFired(gateway: "g", now: .milliseconds(7300)) == [
                .report(.reachable(since: .milliseconds(7300)))
            ])
    }

    @Test("becoming unready stops the probe and forgets the verdict; nothing is probed meanwhile")
    mutating func unready() {
        _ = self.probe.interfaceBecameReady(upstreamAnswers: true, now: .zero)
        #expect(self.probe.interfaceBecameUnready() == [.cancelTimer])
        #expect(self.probe.state == .stopped)
        #expect(self.probe.verdict == .none)
        #expect(self.probe.upstreamChanged(answers: false, now: .seconds(1)) == [])
        #expect(self.probe.timerFired(gateway: "g", now: .seconds(1)) == [])
        #expect(self.probe.interfaceBecameUnready() == [])
    }

    @Test("delays read as people say them")
    func delays() {
        #expect(UpstreamProbeStateMachine.seconds(.seconds(3)) == "3 s")
        #expect(UpstreamProbeStateMachine.seconds(.milliseconds(2500)) == "2.5 s")
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting

/// The pure timeout-and-persistence contract: each event's exact actions and the state it leaves.
///
/// Back-off is `RetryBackoff(jitter: 0)` throughout, so waits are exact: 1 s, 2 s, 4 s … capped at 30 s.
@Suite("ConnectionAttemptStateMachine")
struct ConnectionAttemptStateMachineTests {
    typealias Machine = ConnectionAttemptStateMachine
    typealias TryID = ConnectionAttemptStateMachine.TryID

    /// The try an action list starts; tries are only made by the machine, so tests read them back.
    static func startedTry(_ actions: [Machine.Action]) -> TryID? {
        for case .startTry(let id) in actions { return id }
        return nil
    }

    /// A machine that has started one attempt at t=0 with a 10 s timeout, and the try it started.
    static func trying(timeout: Duration? = .seconds(10)) throws -> (Machine, TryID) {
        var machine = Machine(backoff: RetryBackoff(jitter: 0))
        let id = try #require(startedTry(machine.connectRequested(now: .zero, timeout: timeout)))
        return (machine, id)
    }

    /// A machine connected at t=1 s.
    static func connected(timeout: Duration? = .seconds(10)) throws -> Machine {
        var (machine, id) = try trying(timeout: timeout)
        _ = machine.trySucceeded(id, now: s(1))
        return machine
    }

    // MARK: - Connect

    @Test("connect starts one try with a deadline and reports connecting")
    func connectStartsTry() throws {
        var machine = Machine(backoff: RetryBackoff(jitter: 0))

        let actions = machine.connectRequested(now: s(5), timeout: s(10))

        let id = try #require(Self.startedTry(actions))
        #expect(
            actions == [
                .cancelRetry, .scheduleDeadline(at: s(15)), .startTry(id),
                .report(.connecting(since: s(5), deadline: s(15))),
            ]
        )
        #expect(machine.state == .trying(id, failures: 0, deadline: s(15)))
    }

    @Test("connect without a timeout arms no deadline")
    func connectWithoutTimeout() throws {
        var machine = Machine(backoff: RetryBackoff(jitter: 0))

        let actions = machine.connectRequested(now: s(5), timeout: nil)

        let id = try #require(Self.startedTry(actions))
        #expect(actions == [.cancelRetry, .startTry(id), .report(.connecting(since: s(5), deadline: nil))])
        #expect(machine.state == .trying(id, failures: 0, deadline: nil))
    }

    @Test("a duplicate connect while trying, waiting to retry or connected is a no-op")
    func duplicateConnects() throws {
        var (machine, id) = try Self.trying()
        #expect(machine.connectRequested(now: s(1), timeout: s(10)) == [])
        #expect(machine.state == .trying(id, failures: 0, deadline: s(10)))

        _ = machine.tryFailed(id, reason: "no carrier", retryable: true, now: s(1), randomFraction: 0.5)
        let waiting = machine.state
        #expect(machine.connectRequested(now: s(1), timeout: s(10)) == [])
        #expect(machine.state == waiting)

        var connected = try Self.connected()
        #expect(connected.connectRequested(now: s(2), timeout: s(10)) == [])
        #expect(connected.state == .connected(since: s(1)))
    }

    @Test("connect after a failed attempt starts a new one with a new try")
    func connectAfterFailure() throws {
        var (machine, first) = try Self.trying()
        _ = machine.tryFailed(first, reason: "denied", retryable: false, now: s(1), randomFraction: 0.5)

        let second = try #require(Self.startedTry(machine.connectRequested(now: s(2), timeout: s(10))))

        #expect(second != first)
        #expect(machine.state == .trying(second, failures: 0, deadline: s(12)))
    }

    // MARK: - Outcome of a try

    @Test("success cancels the deadline and reports connected")
    func success() throws {
        var (machine, id) = try Self.trying()

        #expect(machine.trySucceeded(id, now: s(3)) == [.cancelDeadline, .report(.connected(since: s(3)))])
        #expect(machine.state == .connected(since: s(3)))
    }

    @Test("a retryable failure schedules the next try after the back-off and reports retrying")
    func retryableFailure() throws {
        var (machine, id) = try Self.trying()

        let actions = machine.tryFailed(id, reason: "no carrier", retryable: true, now: .zero, randomFraction: 0.5)

        #expect(
            actions == [
                .scheduleRetry(at: s(1)), .report(.retrying(at: s(1), deadline: s(10), lastFailure: "no carrier")),
            ]
        )
        #expect(
            machine.state == .waitingToRetry(failures: 1, retryAt: s(1), deadline: s(10), lastFailure: "no carrier")
        )
    }

    @Test("retries back off 1 s, 2 s, 4 s, 8 s … within one attempt, each a new try")
    func backOffWithinAttempt() throws {
        var (machine, id) = try Self.trying(timeout: nil)
        var now = Duration.zero
        var tries: [TryID] = [id]
        var retryTimes: [Duration] = []

        for _ in 0..<7 {
            let failed = machine.tryFailed(id, reason: "no carrier", retryable: true, now: now, randomFraction: 0.5)
            guard case .scheduleRetry(let at) = failed.first else {
                Issue.record("no retry scheduled after \(failed)")
                return
            }
            retryTimes.append(at)
            now = at
            let retried = machine.retryTimerFired(now: now)
            id = try #require(Self.startedTry(retried))
            #expect(retried == [.startTry(id), .report(.connecting(since: now, deadline: nil))])
            tries.append(id)
        }

        // Waits 1, 2, 4, 8, 16, 30 (capped), 30 s, so the tries start at these times.
        #expect(retryTimes == [1, 3, 7, 15, 31, 61, 91].map(s))
        #expect(Set(tries).count == tries.count)
    }

    @Test("no retry is scheduled when it would land at or after the deadline")
    func retryAfterDeadlineNotScheduled() throws {
        // Given a 4 s timeout: tries at 0 and 1 s fail, the next would start at 1 + 2 = 3 s: fine;
        // a failure at 3 s would retry at 3 + 4 = 7 s, past the deadline.
        var (machine, id) = try Self.trying(timeout: .seconds(4))
        _ = machine.tryFailed(id, reason: "a", retryable: true, now: .zero, randomFraction: 0.5)
        id = try #require(Self.startedTry(machine.retryTimerFired(now: s(1))))
        #expect(
            machine.tryFailed(id, reason: "b", retryable: true, now: s(1), randomFraction: 0.5).first
                == .scheduleRetry(at: s(3)))
        id = try #require(Self.startedTry(machine.retryTimerFired(now: s(3))))

        let actions = machine.tryFailed(id, reason: "c", retryable: true, now: s(3), randomFraction: 0.5)

        #expect(actions == [.report(.retrying(at: s(7), deadline: s(4), lastFailure: "c"))])
        #expect(machine.state == .waitingToRetry(failures: 3, retryAt: s(7), deadline: s(4), lastFailure: "c"))
    }

    @Test("a retry landing exactly on the deadline is not scheduled either")
    func retryOnDeadlineNotScheduled() throws {
        var (machine, id) = try Self.trying(timeout: .seconds(1))

        let actions = machine.tryFailed(id, reason: "a", retryable: true, now: .zero, randomFraction: 0.5)

        #expect(actions == [.report(.retrying(at: s(1), deadline: s(1), lastFailure: "a"))])
    }

    @Test("a non-retryable failure stops and raises a fatal error")
    func fatalFailure() throws {
        var (machine, id) = try Self.trying()

        let actions = machine.tryFailed(id, reason: "no DHCP client", retryable: false, now: s(2), randomFraction: 0.5)

        #expect(
            actions == [
                .cancelDeadline, .stop, .raiseFatalError("no DHCP client"),
                .report(.failed(reason: "no DHCP client")),
            ]
        )
        #expect(machine.state == .failed(reason: "no DHCP client"))
    }

    // MARK: - Deadline

    @Test("the deadline stops a running try and raises a timeout")
    func deadlineWhileTrying() throws {
        var (machine, _) = try Self.trying()

        let actions = machine.deadlineFired(now: s(10))

        #expect(actions == [.cancelRetry, .stop, .raiseTimeout, .report(.failed(reason: "timed out"))])
        #expect(machine.state == .failed(reason: "timed out"))
    }

    @Test("the deadline while waiting to retry stops and raises a timeout")
    func deadlineWhileWaiting() throws {
        var (machine, id) = try Self.trying()
        _ = machine.tryFailed(id, reason: "a", retryable: true, now: s(9), randomFraction: 0.5)

        #expect(
            machine.deadlineFired(now: s(10)) == [
                .cancelRetry, .stop, .raiseTimeout, .report(.failed(reason: "timed out")),
            ])
        #expect(machine.state == .failed(reason: "timed out"))
    }

    @Test("a late deadline when idle, connected or failed does nothing")
    func lateDeadline() throws {
        var idle = Machine()
        #expect(idle.deadlineFired(now: s(10)) == [])
        var connected = try Self.connected()
        #expect(connected.deadlineFired(now: s(10)) == [])
        #expect(connected.state == .connected(since: s(1)))
        var failed = try Self.trying().0
        _ = failed.deadlineFired(now: s(10))
        #expect(failed.deadlineFired(now: s(10)) == [])
    }

    // MARK: - Stale reports

    @Test("reports of a try stopped by a disconnect are ignored")
    func staleAfterDisconnect() throws {
        var (machine, id) = try Self.trying()
        _ = machine.disconnectRequested()

        #expect(machine.trySucceeded(id, now: s(1)) == [])
        #expect(machine.tryFailed(id, reason: "late", retryable: false, now: s(1), randomFraction: 0.5) == [])
        #expect(machine.state == .idle)
    }

    @Test("reports of an earlier try are ignored once a new try or attempt runs")
    func staleAfterNewTry() throws {
        // A retry started a new try: the first one's late success counts for nothing.
        var (machine, first) = try Self.trying()
        _ = machine.tryFailed(first, reason: "a", retryable: true, now: .zero, randomFraction: 0.5)
        let second = try #require(Self.startedTry(machine.retryTimerFired(now: s(1))))
        #expect(machine.trySucceeded(first, now: s(1)) == [])
        #expect(machine.state == .trying(second, failures: 1, deadline: s(10)))

        // Disconnect and connect again: the second try's report is stale in the new attempt.
        _ = machine.disconnectRequested()
        let third = try #require(Self.startedTry(machine.connectRequested(now: s(2), timeout: s(10))))
        #expect(machine.tryFailed(second, reason: "late", retryable: false, now: s(2), randomFraction: 0.5) == [])
        #expect(machine.state == .trying(third, failures: 0, deadline: s(12)))
    }

    @Test("a stale retry timer when not waiting to retry does nothing")
    func staleRetryTimer() throws {
        var (machine, id) = try Self.trying()
        #expect(machine.retryTimerFired(now: s(1)) == [])
        #expect(machine.state == .trying(id, failures: 0, deadline: s(10)))
    }

    // MARK: - Loss

    @Test("loss while connected, persistent and not disconnecting: a new attempt with a fresh deadline")
    func persistentLoss() throws {
        var machine = try Self.connected()

        let actions = machine.connectionLost(
            reason: "carrier lost", isPersistent: true, isDisconnecting: false, now: s(20), timeout: s(10))

        let id = try #require(Self.startedTry(actions))
        #expect(
            actions == [
                .cancelRetry, .scheduleDeadline(at: s(30)), .startTry(id),
                .report(.connecting(since: s(20), deadline: s(30))),
            ]
        )
        #expect(machine.state == .trying(id, failures: 0, deadline: s(30)))
    }

    @Test("loss while connected and not persistent: stop and fail with the reason")
    func nonPersistentLoss() throws {
        var machine = try Self.connected()

        let actions = machine.connectionLost(
            reason: "carrier lost", isPersistent: false, isDisconnecting: false, now: s(20), timeout: s(10))

        #expect(actions == [.stop, .report(.failed(reason: "connection lost: carrier lost"))])
        #expect(machine.state == .failed(reason: "connection lost: carrier lost"))
    }

    @Test("loss while disconnecting: stop and go idle, persistent or not", arguments: [true, false])
    func lossWhileDisconnecting(persistent: Bool) throws {
        var machine = try Self.connected()

        let actions = machine.connectionLost(
            reason: "carrier lost", isPersistent: persistent, isDisconnecting: true, now: s(20), timeout: s(10))

        #expect(actions == [.stop, .report(.idle)])
        #expect(machine.state == .idle)
    }

    @Test("a loss reported when not connected is ignored")
    func lossWhenNotConnected() throws {
        var (machine, id) = try Self.trying()
        #expect(
            machine.connectionLost(reason: "x", isPersistent: true, isDisconnecting: false, now: s(1), timeout: nil)
                == [])
        #expect(machine.state == .trying(id, failures: 0, deadline: s(10)))
        var idle = Machine()
        #expect(
            idle.connectionLost(reason: "x", isPersistent: false, isDisconnecting: false, now: s(1), timeout: nil)
                == [])
    }

    // MARK: - Disconnect

    /// The states a disconnect can come from.
    enum From: String, CaseIterable, CustomTestStringConvertible {
        case idle, trying, waitingToRetry, connected, failed
        var testDescription: String { self.rawValue }
    }

    static func machine(in from: From) throws -> Machine {
        switch from {
        case .idle:
            return Machine()
        case .trying:
            return try trying().0
        case .waitingToRetry:
            var (machine, id) = try trying()
            _ = machine.tryFailed(id, reason: "a", retryable: true, now: .zero, randomFraction: 0.5)
            return machine
        case .connected:
            return try connected()
        case .failed:
            var (machine, _) = try trying()
            _ = machine.deadlineFired(now: s(10))
            return machine
        }
    }

    @Test("disconnect from any state stops everything and goes idle", arguments: From.allCases)
    func disconnectFromAnyState(from: From) throws {
        var machine = try Self.machine(in: from)

        #expect(machine.disconnectRequested() == [.cancelDeadline, .cancelRetry, .stop, .report(.idle)])
        #expect(machine.state == .idle)
    }

    // MARK: - Switch

    @Test("a switch while connected starts a new attempt with its own deadline and no stop")
    func switchWhileConnected() throws {
        var machine = try Self.connected()

        let actions = machine.switchRequested(now: s(20), timeout: s(10))

        let id = try #require(Self.startedTry(actions))
        #expect(!actions.contains(.stop))
        #expect(actions.contains(.scheduleDeadline(at: s(30))))
        #expect(machine.state == .trying(id, failures: 0, deadline: s(30)))
    }

    @Test("a switch while waiting to retry tries at once, within the attempt's deadline")
    func switchWhileWaiting() throws {
        var machine = try Self.machine(in: .waitingToRetry)

        let actions = machine.switchRequested(now: s(1), timeout: s(10))

        let id = try #require(Self.startedTry(actions))
        #expect(actions == [.cancelRetry, .startTry(id), .report(.connecting(since: s(1), deadline: s(10)))])
        #expect(machine.state == .trying(id, failures: 1, deadline: s(10)))
    }

    @Test("a switch in any other state changes nothing", arguments: [From.idle, .trying, .failed])
    func switchElsewhere(from: From) throws {
        var machine = try Self.machine(in: from)
        let before = machine.state

        #expect(machine.switchRequested(now: s(20), timeout: s(10)) == [])
        #expect(machine.state == before)
    }

    // MARK: - RetryBackoff

    @Test(
        "the back-off doubles from 1 s and caps at 30 s (no jitter at randomFraction 0.5)",
        arguments: [(0, 1), (1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 30), (7, 30), (100, 30)]
    )
    func backoffTable(failures: Int, seconds: Int) {
        #expect(RetryBackoff().delay(afterFailures: failures, randomFraction: 0.5) == .seconds(seconds))
        #expect(RetryBackoff(jitter: 0).delay(afterFailures: failures, randomFraction: 0.9) == .seconds(seconds))
    }

    @Test(
        "a custom back-off: 500 ms × 3, capped at 10 s",
        arguments: [(1, 500), (2, 1500), (3, 4500), (4, 10_000), (5, 10_000)]
    )
    func customBackoff(failures: Int, milliseconds: Int) {
        let backoff = RetryBackoff(initial: .milliseconds(500), multiplier: 3, maximum: .seconds(10), jitter: 0)
        #expect(backoff.delay(afterFailures: failures, randomFraction: 0.3) == .milliseconds(milliseconds))
    }

    @Test("jitter keeps the wait within ±20 % of the nominal one", arguments: [1, 2, 3, 6, 10])
    func jitterBounds(failures: Int) {
        let backoff = RetryBackoff()
        let nominal = backoff.delay(afterFailures: failures, randomFraction: 0.5)
        var random = SeededRandomNumberGenerator(seed: UInt64(failures))
        for _ in 0..<1000 {
            let delay = backoff.delay(afterFailures: failures, randomFraction: Double.random(in: 0..<1, using: &random))
            #expect(delay >= nominal * 0.8 && delay < nominal * 1.2)
        }
        // The extremes: randomFraction 0 is the shortest wait, just under 1 the longest.
        #expect(backoff.delay(afterFailures: failures, randomFraction: 0) == nominal * 0.8)
        #expect(backoff.delay(afterFailures: failures, randomFraction: 0.25) == nominal * 0.9)
        #expect(backoff.delay(afterFailures: failures, randomFraction: 0.75) == nominal * 1.1)
    }
}

/// Whole seconds, to keep the action lists short.
private func s(_ seconds: Int) -> Duration { .seconds(seconds) }

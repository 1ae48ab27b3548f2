/// The timeout-and-persistence contract of the reference's implementation guidelines, as a value:
/// every technology's implementation runs one per binding through `ConnectionContract`, so none of
/// them re-implements it.
///
/// - One connect is one attempt. Inside it, failed tries are retried with back-off until the connect
///   timeout; then the try is stopped and a timeout raised.
/// - A failure that retrying cannot fix ends the attempt at once with a fatal error.
/// - After a loss, a new attempt starts only when the binding is persistent and not disconnecting.
/// - Persistence never affects an attempt in progress.
/// - Disconnect stops everything, and late reports from a stopped try are ignored.
///
/// Every method is one event and returns the actions to perform, in order; the machine itself never
/// schedules, sleeps or calls anything.
public struct ConnectionAttemptStateMachine: Sendable {
    /// Identifies one try, so that the report of a try that was since stopped is recognised as stale.
    public struct TryID: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: UInt64
        public var description: String { "try \(self.rawValue)" }
    }

    /// Where the binding is in its contract.
    public enum State: Hashable, Sendable {
        /// Nothing requested, or disconnected on purpose.
        case idle
        /// A try is running; the attempt gives up at `deadline`, if it has one.
        case trying(TryID, failures: Int, deadline: Duration?)
        /// A try failed; the next one starts at `retryAt`, unless the deadline comes first.
        case waitingToRetry(failures: Int, retryAt: Duration, deadline: Duration?, lastFailure: String)
        /// Connected since the given time.
        case connected(since: Duration)
        /// The attempt ended without a connection: timed out, failed fatally, or lost without persistence.
        case failed(reason: String)
    }

    /// What the driver must do.
    public enum Action: Hashable, Sendable {
        /// Begin one try: an association, a DHCP exchange, a modem attach.
        case startTry(TryID)
        /// Stop trying and undo what the technology set up; idempotent.
        case stop
        /// Arm the attempt's deadline timer (replacing any armed one).
        case scheduleDeadline(at: Duration)
        /// Disarm the deadline timer.
        case cancelDeadline
        /// Arm the timer for the next try (replacing any armed one).
        case scheduleRetry(at: Duration)
        /// Disarm the retry timer.
        case cancelRetry
        /// Tell the manager the attempt timed out.
        case raiseTimeout
        /// Tell the manager the attempt failed for good.
        case raiseFatalError(String)
        /// Publish what the binding is doing now.
        case report(BindingActivity)
    }

    /// The current state.
    public private(set) var state: State = .idle
    /// The back-off between tries of one attempt.
    public let backoff: RetryBackoff
    private var lastTry: UInt64 = 0

    public init(backoff: RetryBackoff = RetryBackoff()) {
        self.backoff = backoff
    }

    // MARK: - Events

    /// The manager asked to connect. While an attempt runs or the binding is connected, this is a
    /// no-op: the reference forwards duplicate connects, and the contract makes them idempotent.
    public mutating func connectRequested(now: Duration, timeout: Duration?) -> [Action] {
        switch self.state {
        case .idle, .failed:
            return self.startAttempt(now: now, timeout: timeout)
        case .trying, .waitingToRetry, .connected:
            return []
        }
    }

    /// The try succeeded: the link is up.
    public mutating func trySucceeded(_ id: TryID, now: Duration) -> [Action] {
        guard case .trying(id, _, _) = self.state else { return [] }
        self.state = .connected(since: now)
        return [.cancelDeadline, .report(.connected(since: now))]
    }

    /// The try failed. A retryable failure waits out the back-off and tries again, unless the
    /// deadline comes first (then the deadline ends the attempt); a final one ends it at once.
    /// - Parameter randomFraction: a number in 0..<1 from the injected generator, for jitter.
    public mutating func tryFailed(
        _ id: TryID,
        reason: String,
        retryable: Bool,
        now: Duration,
        randomFraction: Double
    ) -> [Action] {
        guard case .trying(id, let failures, let deadline) = self.state else { return [] }
        guard retryable else {
            self.state = .failed(reason: reason)
            return [.cancelDeadline, .stop, .raiseFatalError(reason), .report(.failed(reason: reason))]
        }
        let retryAt = now + self.backoff.delay(afterFailures: failures + 1, randomFraction: randomFraction)
        self.state = .waitingToRetry(
            failures: failures + 1,
            retryAt: retryAt,
            deadline: deadline,
            lastFailure: reason
        )
        var actions: [Action] = [.report(.retrying(at: retryAt, deadline: deadline, lastFailure: reason))]
        if deadline.map({ retryAt < $0 }) ?? true { actions.insert(.scheduleRetry(at: retryAt), at: 0) }
        return actions
    }

    /// The back-off is over: start the next try of the same attempt.
    public mutating func retryTimerFired(now: Duration) -> [Action] {
        guard case .waitingToRetry(let failures, _, let deadline, _) = self.state else { return [] }
        let id = self.nextTry()
        self.state = .trying(id, failures: failures, deadline: deadline)
        return [.startTry(id), .report(.connecting(since: now, deadline: deadline))]
    }

    /// The connect timeout ran out before a connection: stop trying and say so.
    public mutating func deadlineFired(now: Duration) -> [Action] {
        switch self.state {
        case .trying, .waitingToRetry:
            self.state = .failed(reason: "timed out")
            return [.cancelRetry, .stop, .raiseTimeout, .report(.failed(reason: "timed out"))]
        case .idle, .connected, .failed:
            return []
        }
    }

    /// The technology lost the connection. Only a persistent binding that is not disconnecting
    /// starts a new attempt, with a fresh deadline; otherwise the loss is left to the manager's
    /// auto-down.
    public mutating func connectionLost(
        reason: String,
        isPersistent: Bool,
        isDisconnecting: Bool,
        now: Duration,
        timeout: Duration?
    ) -> [Action] {
        guard case .connected = self.state else { return [] }
        if isPersistent && !isDisconnecting {
            return self.startAttempt(now: now, timeout: timeout)
        }
        if isDisconnecting {
            self.state = .idle
            return [.stop, .report(.idle)]
        }
        let why = "connection lost: \(reason)"
        self.state = .failed(reason: why)
        return [.stop, .report(.failed(reason: why))]
    }

    /// The technology is about to connect to something else on the same interface (another Wi-Fi
    /// network): a connected binding starts a new attempt, with its own deadline, without a stop —
    /// the technology keeps what it has until the new target works or it falls back. An attempt
    /// waiting out its back-off tries at once, within its deadline, as the new target is worth a try
    /// now; a try in progress carries on (it now aims at the new target); an idle or failed binding
    /// is left to `connectRequested`, which the manager's connect sends after bringing it up.
    public mutating func switchRequested(now: Duration, timeout: Duration?) -> [Action] {
        switch self.state {
        case .connected:
            return self.startAttempt(now: now, timeout: timeout)
        case .waitingToRetry(let failures, _, let deadline, _):
            let id = self.nextTry()
            self.state = .trying(id, failures: failures, deadline: deadline)
            return [.cancelRetry, .startTry(id), .report(.connecting(since: now, deadline: deadline))]
        case .idle, .failed, .trying:
            return []
        }
    }

    /// The manager asked to disconnect, or the interface went away: stop everything.
    public mutating func disconnectRequested() -> [Action] {
        self.state = .idle
        return [.cancelDeadline, .cancelRetry, .stop, .report(.idle)]
    }

    // MARK: - Helpers

    private mutating func startAttempt(now: Duration, timeout: Duration?) -> [Action] {
        let deadline = timeout.map { now + $0 }
        let id = self.nextTry()
        self.state = .trying(id, failures: 0, deadline: deadline)
        var actions: [Action] = [.cancelRetry]
        if let deadline { actions.append(.scheduleDeadline(at: deadline)) }
        actions += [.startTry(id), .report(.connecting(since: now, deadline: deadline))]
        return actions
    }

    private mutating func nextTry() -> TryID {
        self.lastTry += 1
        return TryID(rawValue: self.lastTry)
    }
}

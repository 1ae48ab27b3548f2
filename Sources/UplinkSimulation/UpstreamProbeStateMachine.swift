import UplinkCore

/// The reachability probe of one interface's upstream, as a value: whether the gateway behind a
/// ready interface answers, reported the way a ping-based probe would find it.
///
/// - An answer comes `answerDelay` after the interface becomes ready (or the upstream comes back),
///   and the interface is reported reachable then.
/// - Answers must be missing for `silenceDelay` before the upstream is reported unreachable, since
///   when they stopped; if they come back sooner, nothing is reported.
/// - A verdict is reported once: a probe that confirms it reports nothing (the manager would drop
///   it anyway), and no timer runs while nothing changes.
/// - While the interface is not ready nothing is probed; the manager forgets its verdict itself.
///
/// Every method is one event and returns the actions to perform, in order.
struct UpstreamProbeStateMachine: Sendable {
    /// Where the probe is.
    enum State: Hashable, Sendable {
        /// The interface is not ready; nothing is probed.
        case stopped
        /// The interface is ready and the upstream answers.
        case answering
        /// The interface is ready and the upstream has not answered since `since`.
        case silent(since: Duration)
    }

    /// What the last report said, since the interface became ready.
    enum Verdict: Hashable, Sendable {
        /// Nothing reported yet.
        case none
        /// Reported reachable.
        case reachable
        /// Reported unreachable.
        case unreachable
    }

    /// What the driver must do.
    enum Action: Hashable, Sendable {
        /// Arm the probe's one timer to fire after the delay (replacing an armed one).
        case schedule(after: Duration)
        /// Disarm the timer.
        case cancelTimer
        /// Tell the manager.
        case report(Reachability)
    }

    /// The current state.
    private(set) var state: State = .stopped
    /// The last verdict reported.
    private(set) var verdict: Verdict = .none
    /// How long the first answer takes.
    let answerDelay: Duration
    /// How long answers must be missing for an unreachable verdict.
    let silenceDelay: Duration

    init(answerDelay: Duration, silenceDelay: Duration) {
        self.answerDelay = answerDelay
        self.silenceDelay = silenceDelay
    }

    // MARK: - Events

    /// The interface became ready.
    mutating func interfaceBecameReady(upstreamAnswers: Bool, now: Duration) -> [Action] {
        guard case .stopped = self.state else { return [] }
        self.verdict = .none
        return self.enter(upstreamAnswers ? .answering : .silent(since: now))
    }

    /// The interface stopped being ready.
    mutating func interfaceBecameUnready() -> [Action] {
        guard self.state != .stopped else { return [] }
        self.state = .stopped
        self.verdict = .none
        return [.cancelTimer]
    }

    /// The upstream started or stopped answering.
    mutating func upstreamChanged(answers: Bool, now: Duration) -> [Action] {
        switch (self.state, answers) {
        case (.stopped, _), (.answering, true), (.silent, false):
            return []
        case (.answering, false):
            return self.enter(.silent(since: now))
        case (.silent, true):
            return self.enter(.answering)
        }
    }

    /// The timer fired: the answer came, or the silence lasted long enough.
    /// - Parameter gateway: what was asked, for the unreachable reason.
    mutating func timerFired(gateway: String, now: Duration) -> [Action] {
        switch self.state {
        case .stopped:
            return []
        case .answering:
            self.verdict = .reachable
            return [.report(.reachable(since: now))]
        case .silent(let since):
            self.verdict = .unreachable
            let reason = "no answer from \(gateway) for \(Self.seconds(self.silenceDelay))"
            return [.report(.unreachable(since: since, reason: reason))]
        }
    }

    // MARK: - Helpers

    /// Enters a ready state and arms the timer for the verdict it leads to, unless that verdict
    /// is the one already reported.
    private mutating func enter(_ state: State) -> [Action] {
        self.state = state
        switch state {
        case .stopped:
            return [.cancelTimer]
        case .answering:
            return self.verdict == .reachable ? [.cancelTimer] : [.schedule(after: self.answerDelay)]
        case .silent:
            return self.verdict == .unreachable ? [.cancelTimer] : [.schedule(after: self.silenceDelay)]
        }
    }

    /// "3 s", "2.5 s": a delay as people read it.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = attoseconds / 100_000_000_000_000_000
        return tenths == 0 ? "\(seconds) s" : "\(seconds).\(tenths) s"
    }
}

/// How long to wait between failed tries of one connect attempt: exponential, capped, with jitter so
/// that a fleet of devices that lost the same access point does not retry in lock step.
public struct RetryBackoff: Hashable, Sendable {
    /// The wait after the first failed try.
    public var initial: Duration
    /// What each further failure multiplies the wait by.
    public var multiplier: Int
    /// The longest wait.
    public var maximum: Duration
    /// How far the wait may stray either way, as a fraction of it (0.2 means ±20 %).
    public var jitter: Double

    public init(
        initial: Duration = .seconds(1),
        multiplier: Int = 2,
        maximum: Duration = .seconds(30),
        jitter: Double = 0.2
    ) {
        self.initial = initial
        self.multiplier = multiplier
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The wait after `failures` failed tries (1 for the first).
    /// - Parameter randomFraction: a number in 0..<1 from the injected generator; 0.5 means no jitter.
    public func delay(afterFailures failures: Int, randomFraction: Double) -> Duration {
        var delay = self.initial
        for _ in 1..<max(failures, 1) {
            delay *= self.multiplier
            if delay >= self.maximum { break }
        }
        delay = min(delay, self.maximum)
        let factor = 1 + self.jitter * (2 * randomFraction - 1)
        return delay * factor
    }
}

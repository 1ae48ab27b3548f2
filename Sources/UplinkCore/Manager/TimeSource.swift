/// The manager's view of an injected clock: time as a duration since the manager started.
///
/// Erasing the clock's `Instant` type here keeps the manager, its bindings and its snapshots free of
/// a generic clock parameter, while any `Clock` — the system's continuous clock in production, a
/// manual clock in tests — can drive it.
struct TimeSource: Sendable {
    let now: @Sendable () -> Duration
    let sleep: @Sendable (_ until: Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        self.now = { origin.duration(to: clock.now) }
        self.sleep = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }
}

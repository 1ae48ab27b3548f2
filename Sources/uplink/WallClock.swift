import Glibc

/// The time of day for the dashboard's header and log, and the once-a-second tick that keeps the
/// header clock and countdowns current — the only wake-up when nothing happens.
enum WallClock {
    /// The local time as HH:MM:SS.
    @Sendable static func now() -> String {
        self.format(SystemInterface.timeOfDay(utc: false).parts)
    }

    /// Sleeps until just after the next whole second of wall-clock time, so the header's seconds
    /// change together with the clock on the wall rather than drifting.
    @Sendable static func tick() async {
        try? await Task.sleep(for: .nanoseconds(SystemInterface.nanosecondsToNextSecond + 2_000_000))
    }

    /// HH:MM:SS of broken-down time.
    static func format(_ parts: tm) -> String {
        let pad = SystemInterface.padded
        return "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
    }
}

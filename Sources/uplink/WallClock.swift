import Foundation

/// The time of day for the dashboard's header and log, and the once-a-second tick that keeps the
/// header clock and countdowns current — the only wake-up when nothing happens.
enum WallClock {
    /// The local time as HH:MM:SS.
    @Sendable static func now() -> String {
        var time = time_t(Date().timeIntervalSince1970)
        var parts = tm()
        localtime_r(&time, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Sleeps until just after the next whole second of wall-clock time, so the header's seconds
    /// change together with the clock on the wall rather than drifting.
    @Sendable static func tick() async {
        let now = Date().timeIntervalSince1970
        let untilNextSecond = (now.rounded(.down) + 1 - now) + 0.002
        try? await Task.sleep(for: .milliseconds(Int(untilNextSecond * 1000)))
    }
}

import Foundation

/// The wall-clock time events are stamped with when they are printed.
enum EventTime {
    /// RFC 3339 in UTC with milliseconds: 2026-12-01T21:30:00.120Z.
    static func rfc3339() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Local time of day with milliseconds, for people: 21:30:00.120.
    static func local() -> String {
        let now = Date().timeIntervalSince1970
        var time = time_t(now)
        var parts = tm()
        localtime_r(&time, &parts)
        let milliseconds = Int((now - now.rounded(.down)) * 1000)
        return String(format: "%02d:%02d:%02d.%03d", parts.tm_hour, parts.tm_min, parts.tm_sec, milliseconds)
    }
}

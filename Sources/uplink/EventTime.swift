/// The wall-clock time events are stamped with when they are printed.
enum EventTime {
    /// RFC 3339 in UTC with milliseconds: 2026-12-01T21:30:00.120Z.
    static func rfc3339() -> String {
        let (parts, milliseconds) = SystemInterface.timeOfDay(utc: true)
        let pad = SystemInterface.padded
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
    }

    /// Local time of day with milliseconds, for people: 21:30:00.120.
    static func local() -> String {
        let (parts, milliseconds) = SystemInterface.timeOfDay(utc: false)
        return WallClock.format(parts) + "." + SystemInterface.padded(milliseconds, 3)
    }
}

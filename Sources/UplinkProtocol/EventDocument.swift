import UplinkCore

/// One line of `monitor --json`: an event in uplink's stable schema (docs/JSON.md).
public enum EventDocument {
    /// The event as a JSON object: `time` (RFC 3339 with milliseconds, as given), `event` (a stable
    /// name such as `l4-connected` or `iface-unready`), `iface` (the interface's name, or null), and
    /// `reason` in words where the event has one — with `reason_code` beside it for `iface-unready`.
    public static func make(_ event: ManagerEvent, time: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("time", .string(time)),
            ("event", .string(event.name)),
            ("iface", .string(event.interface?.name)),
        ]
        if let reason = event.reason { members.append(("reason", .string(reason))) }
        if case .interfaceUnready(_, let reason) = event { members.append(("reason_code", .string(reason.code))) }
        return .object(members)
    }

    /// The event as a line for people: time, name, interface, reason.
    public static func text(_ event: ManagerEvent, time: String) -> String {
        var line = "\(time)  \(event.name)"
        if let interface = event.interface { line += "  \(interface.name)" }
        if let reason = event.reason { line += "  (\(reason))" }
        return line
    }
}

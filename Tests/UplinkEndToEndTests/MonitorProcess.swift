import Foundation
import Testing
import UplinkLabSupport

/// `uplink monitor --json` running in a lab namespace, its lines read as events.
final class MonitorProcess: @unchecked Sendable {
    /// One line of `monitor --json`.
    struct Event: Hashable, CustomStringConvertible {
        var event: String
        var iface: String?
        var reason: String?

        init(_ event: String, _ iface: String?, reason: String? = nil) {
            self.event = event
            self.iface = iface
            self.reason = reason
        }

        init?(line: String) {
            guard let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let event = object["event"] as? String, object["time"] is String
            else { return nil }
            self.event = event
            self.iface = object["iface"] as? String
            self.reason = object["reason"] as? String
        }

        var description: String { "\(self.event) \(self.iface ?? "-")" + (self.reason.map { " (\($0))" } ?? "") }
    }

    let child: ChildProcess

    /// Starts `uplink monitor --json` with `arguments` in `namespace`, and waits for the restated
    /// status (its first three lines).
    init(in namespace: String, lab: Lab, arguments: [String] = [], user: String? = nil) async throws {
        var command = ["ip", "netns", "exec", namespace]
        if let user {
            command += ["setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups", "--inh-caps=-all"]
        }
        command += [TmuxSession.binary, "monitor", "--json"] + arguments
        self.child = try lab.start(command)
        try await self.child.waitForLine("the restated status") { _ in self.child.output.count >= 3 }
    }

    /// Every event so far, the restated status included.
    var events: [Event] { self.child.output.compactMap(Event.init(line:)) }

    /// Every event so far except reachability reports, which depend on probes.
    var connectivityEvents: [Event] {
        self.events.filter { !$0.event.hasPrefix("iface-reachab") && !$0.event.hasPrefix("iface-unreachab") }
    }

    /// Waits until an event matching `condition` arrives after the first `count` events.
    @discardableResult
    func waitFor(
        _ what: String,
        after count: Int = 0,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: @escaping (Event) -> Bool
    ) async throws -> Event {
        let line = try await self.child.waitForLine(
            what, after: count, timeout: timeout, sourceLocation: sourceLocation
        ) { line in
            guard let event = Event(line: line) else { return false }
            return condition(event)
        }
        return Event(line: line)!
    }

    /// Waits for one event by name and interface.
    @discardableResult
    func waitFor(
        _ event: String,
        _ iface: String?,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Event {
        try await self.waitFor("\(event) \(iface ?? "-")", timeout: timeout, sourceLocation: sourceLocation) {
            $0.event == event && $0.iface == iface
        }
    }
}

import UplinkCore

/// `uplink status` for people: one screenful, the device's state first, then a line per interface
/// and, for each that is not ready, why — in the same words the dashboard uses.
public enum StatusText {
    /// The text, ending with a newline; `wifi` adds a line under each Wi-Fi interface: the
    /// network in use or what stands in the way.
    public static func render(_ snapshot: ManagerSnapshot, wifi: [String: WiFiStatus] = [:]) -> String {
        var lines = [self.headline(snapshot), ""]
        let rows = snapshot.interfaces.sorted {
            ($0.link.technology, $0.link.index) < ($1.link.technology, $1.link.index)
        }
        var table = [["IFACE", "TECH", "ADMIN", "OPER", "READY", "ADDRESSES", "BINDING"]]
        var notes: [Int: [String]] = [:]
        for status in rows {
            table.append(self.row(status, now: snapshot.now))
            if !status.isIgnored, let reason = status.readiness.overall.reason {
                notes[table.count - 1, default: []].append(
                    "not ready: " + reason.explanation(on: status.link.technology))
            }
            if let line = wifi[status.link.name].flatMap(self.wifiLine) {
                notes[table.count - 1, default: []].append(line)
            }
        }
        let widths = (0..<table[0].count).map { column in table.map { $0[column].count }.max() ?? 0 }
        for (position, row) in table.enumerated() {
            let cells = row.enumerated().map { column, text in
                column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }
            lines.append(cells.joined(separator: "  "))
            for note in notes[position] ?? [] {
                lines.append(String(repeating: " ", count: widths[0] + 2) + note)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func wifiLine(_ status: WiFiStatus) -> String? {
        if let problem = status.problem { return "Wi-Fi: \(problem)" }
        if let current = status.networks.first(where: \.isCurrent) {
            let signal = current.signal.map { ", \($0) dBm" } ?? ""
            return "Wi-Fi: on \(current.ssid.displayName) (\(current.security)\(signal))"
        }
        if case .failed(let ssid, let reason) = status.join {
            return "Wi-Fi: could not join \(ssid.displayName): \(reason)"
        }
        let known = status.networks.filter(\.isKnown).map(\.ssid.displayName)
        return known.isEmpty
            ? "Wi-Fi: no network configured" : "Wi-Fi: not associated; known: \(known.joined(separator: ", "))"
    }

    private static func headline(_ snapshot: ManagerSnapshot) -> String {
        let connectivity = snapshot.connectivity
        guard connectivity.any else { return "offline: no interface is ready" }
        let families: String
        switch (connectivity.ipv4, connectivity.ipv6) {
        case (true, true): families = "IPv4 and IPv6"
        case (true, false): families = "IPv4 only"
        case (false, true): families = "IPv6 only"
        case (false, false): families = "no family"
        }
        let ready = snapshot.interfaces.filter { $0.readiness.overall.isReady }
        let via = ready.map(\.link.name).joined(separator: ", ")
        let reachable = ready.filter { $0.reachability.isReachable }.map(\.link.name)
        let silent = ready.filter {
            if case .unreachable = $0.reachability { return true }
            return false
        }.map(\.link.name)
        var line = "connected: \(families), ready: \(via)"
        if !reachable.isEmpty {
            line = "online: \(families), upstream answers via \(reachable.joined(separator: ", "))"
        }
        if !silent.isEmpty { line += "; upstream silent on \(silent.joined(separator: ", "))" }
        return line
    }

    private static func row(_ status: InterfaceStatus, now: Duration) -> [String] {
        let link = status.link
        let readiness = status.readiness
        let ready: String
        switch (status.isIgnored, readiness.ipv4.isReady, readiness.ipv6.isReady) {
        case (true, _, _): ready = "ignored"
        case (false, true, true): ready = "4+6"
        case (false, true, false): ready = "4"
        case (false, false, true): ready = "6"
        case (false, false, false): ready = "no"
        }
        let operational: String
        if !link.isAdminUp {
            operational = "down"
        } else if !link.hasCarrier {
            operational = "no carrier"
        } else if link.isDormant {
            operational = "dormant"
        } else {
            operational = "up"
        }
        let addresses = status.addresses.sorted { ($0.family, $0.address) < ($1.family, $1.address) }
            .map(\.description).joined(separator: ", ")
        return [
            link.name, link.technology.rawValue, link.isAdminUp ? "up" : "down", operational, ready,
            addresses.isEmpty ? "-" : addresses, status.binding.map { self.binding($0, now: now) } ?? "-",
        ]
    }

    private static func binding(_ binding: BindingStatus, now: Duration) -> String {
        guard let implementation = binding.implementation else { return "unavailable implementation" }
        var flags: [String] = []
        if binding.flags.contains(.persistent) { flags.append("persistent") }
        if binding.flags.contains(.noAutoConnect) { flags.append("no auto-connect") }
        if binding.flags.contains(.noAutoDown) { flags.append("no auto-down") }
        let state: String
        switch binding.activity {
        case .connecting(_, let deadline?):
            state = "connecting, gives up in \(self.seconds(deadline - now))"
        case .retrying(let at, _, let lastFailure):
            state = "retry in \(self.seconds(at - now)) after: \(lastFailure)"
        case .idle, .connecting, .connected, .failed:
            state = binding.activity.description
        }
        return "\(implementation): \(state)" + (flags.isEmpty ? "" : " (\(flags.joined(separator: ", ")))")
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = max(duration, .zero).components
        return "\(seconds + (attoseconds > 0 ? 1 : 0))s"
    }
}

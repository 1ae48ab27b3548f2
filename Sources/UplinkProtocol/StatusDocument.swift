import UplinkCore

/// The `status --json` document: the manager's snapshot in uplink's stable, documented schema
/// (docs/JSON.md). Keys and codes are never translated; new keys may be added, none is removed or
/// changes meaning.
public enum StatusDocument {
    /// The whole document; `wifi` holds the Wi-Fi state of the interfaces a Wi-Fi control drives.
    public static func make(_ snapshot: ManagerSnapshot, wifi: [String: WiFiStatus] = [:]) -> JSONValue {
        .object([
            ("connected", .bool(snapshot.connectivity.any)),
            ("ipv4", .bool(snapshot.connectivity.ipv4)),
            ("ipv6", .bool(snapshot.connectivity.ipv6)),
            (
                "interfaces",
                .array(snapshot.interfaces.map { self.interface($0, now: snapshot.now, wifi: wifi[$0.link.name]) })
            ),
        ])
    }

    /// One interface.
    public static func interface(_ status: InterfaceStatus, now: Duration, wifi: WiFiStatus? = nil) -> JSONValue {
        let link = status.link
        let readiness = status.readiness
        var members: [(String, JSONValue)] = [
            ("name", .string(link.name)),
            ("index", .integer(link.index.rawValue)),
            ("technology", .string(link.technology.rawValue)),
            ("admin_up", .bool(link.isAdminUp)),
            ("oper_up", .bool(link.isOperationallyUp)),
            ("carrier", .bool(link.hasCarrier)),
            ("dormant", .bool(link.isDormant)),
            ("ready", .bool(readiness.overall.isReady)),
            ("ready_ipv4", .bool(readiness.ipv4.isReady)),
            ("ready_ipv6", .bool(readiness.ipv6.isReady)),
            ("ignored", .bool(status.isIgnored)),
            ("not_ready_reason", .string(readiness.overall.reason?.code)),
            ("not_ready_text", .string(readiness.overall.reason?.explanation(on: link.technology))),
            ("reachability", .string(status.reachability.code)),
            (
                "addresses",
                .array(status.addresses.sorted { ($0.family, $0.address) < ($1.family, $1.address) }.map(self.address))
            ),
            ("binding", status.binding.map { self.binding($0, now: now) } ?? .null),
        ]
        if let wifi { members.append(("wifi", self.wifi(wifi))) }
        return .object(members)
    }

    private static func address(_ address: InterfaceAddress) -> JSONValue {
        .object([
            ("address", .string(address.address.description)),
            ("prefix", .integer(address.prefixLength)),
            ("family", .string(address.family.rawValue)),
            ("scope", .string(address.scope.rawValue)),
            ("state", .string(address.state.rawValue)),
        ])
    }

    private static func binding(_ binding: BindingStatus, now: Duration) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("implementation", .string(binding.implementation)),
            ("persistent", .bool(binding.flags.contains(.persistent))),
            ("auto_connect", .bool(!binding.flags.contains(.noAutoConnect))),
            ("auto_down", .bool(!binding.flags.contains(.noAutoDown))),
            ("connect_timeout_s", .seconds(binding.connectTimeout)),
            ("idle_timeout_s", .seconds(binding.idleTimeout)),
            ("state", .string(binding.implementation == nil ? "unavailable" : binding.activity.code)),
            ("state_text", .string(binding.activity.description)),
        ]
        switch binding.activity {
        case .connecting(_, let deadline):
            members.append(("gives_up_in_s", .seconds(deadline.map { max($0 - now, .zero) })))
        case .retrying(let at, let deadline, _):
            members.append(("retry_in_s", .seconds(max(at - now, .zero))))
            members.append(("gives_up_in_s", .seconds(deadline.map { max($0 - now, .zero) })))
        case .failed(let reason):
            members.append(("failure", .string(reason)))
        case .idle, .connected:
            break
        }
        return .object(members)
    }
}

import Foundation
import Synchronization
import Testing
import UplinkCore
import UplinkLabSupport
import UplinkLinux

/// The lab's stand-in for the rtnetlink link source and link control (written in parallel
/// elsewhere): it feeds the manager `.replaceAll` snapshots read with `ip -j link` and
/// `ip -j addr` in the client namespace, whenever a test refreshes it, and sets links up and down
/// with `ip link set`.
@ManagerActor
final class EthernetLabLinks: LinkControl {
    let namespace: String
    weak var manager: ConnectionManager?

    init(namespace: String) {
        self.namespace = namespace
    }

    /// Reads the namespace's links and addresses and hands them to the manager as one snapshot.
    func refresh() throws {
        let output = try Spawn.run(["ip", "-n", self.namespace, "-j", "addr", "show"], check: true).output
        let entries = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        var links: [LinkSnapshot] = []
        var addresses: [InterfaceIndex: [InterfaceAddress]] = [:]
        for entry in entries {
            guard let number = entry["ifindex"] as? Int, let name = entry["ifname"] as? String else { continue }
            let index = InterfaceIndex(number)
            let flags = Set(entry["flags"] as? [String] ?? [])
            links.append(
                LinkSnapshot(
                    index: index,
                    name: name,
                    technology: entry["link_type"] as? String == "loopback" ? .loopback : .ethernet,
                    isAdminUp: flags.contains("UP"),
                    hasCarrier: flags.contains("LOWER_UP"),
                    isDormant: entry["operstate"] as? String == "DORMANT"
                ))
            addresses[index] = (entry["addr_info"] as? [[String: Any]] ?? []).compactMap(Self.address)
        }
        self.manager?.apply(.replaceAll(links, addresses: addresses))
    }

    private static func address(_ info: [String: Any]) -> InterfaceAddress? {
        guard let local = info["local"] as? String, let address = IPAddress(local),
            let prefix = info["prefixlen"] as? Int
        else { return nil }
        var state = AddressState.preferred
        if info["tentative"] as? Bool == true { state = .tentative }
        if info["dadfailed"] as? Bool == true { state = .duplicate }
        if info["preferred_life_time"] as? Int == 0 { state = .deprecated }
        return InterfaceAddress(address, prefixLength: prefix, state: state)
    }

    func setAdminState(up: Bool, of interface: InterfaceID) throws {
        try Spawn.run(["ip", "-n", self.namespace, "link", "set", interface.name, up ? "up" : "down"], check: true)
        // As the kernel would notify: queued behind whatever the manager is doing.
        try self.refresh()
    }
}

/// The lab's `InterfaceConfigurator`: `ip addr replace … valid_lft … preferred_lft …` and
/// `ip route replace default via … metric …` in the client namespace. The production one speaks
/// rtnetlink; this one costs a fork and exec per call, which the latency figures show separately.
final class EthernetLabConfigurator: InterfaceConfigurator {
    let namespace: String
    private let names = Mutex<[InterfaceIndex: String]>([:])
    /// When each address and route was asked for and was in place, for the latency figures.
    let timeline = Mutex<[(String, ContinuousClock.Instant)]>([])

    init(namespace: String) {
        self.namespace = namespace
    }

    func addAddress(
        _ address: IPAddress,
        prefixLength: Int,
        broadcast: IPv4Address?,
        validLifetime: Duration?,
        preferredLifetime: Duration?,
        on index: InterfaceIndex
    ) throws {
        self.note("address asked")
        var arguments = ["ip", "-n", self.namespace, "addr", "replace", "\(address)/\(prefixLength)"]
        if let broadcast { arguments += ["broadcast", "\(broadcast)"] }
        arguments += ["dev", try self.name(of: index)]
        arguments += ["valid_lft", Self.lifetime(validLifetime), "preferred_lft", Self.lifetime(preferredLifetime)]
        try Spawn.run(arguments, check: true)
        self.note("address added")
    }

    func removeAddress(_ address: IPAddress, prefixLength: Int, on index: InterfaceIndex) throws {
        let outcome = try Spawn.run(
            ["ip", "-n", self.namespace, "addr", "del", "\(address)/\(prefixLength)", "dev", try self.name(of: index)])
        // Removing an address that is not there succeeds, as the protocol asks.
        guard outcome.status == 0 || outcome.errors.contains("Cannot assign requested address") else {
            throw Spawn.Failure(
                description:
                    "\(["ip", "addr", "del"].joined(separator: " ")) exited with \(outcome.status): \(outcome.errors)")
        }
    }

    func addDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws {
        try Spawn.run(
            [
                "ip", "-n", self.namespace, "route", "replace", "default", "via", "\(gateway)", "dev",
                try self.name(of: index), "metric", "\(metric)",
            ], check: true)
        self.note("route added")
    }

    func removeDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws {
        let outcome = try Spawn.run(
            [
                "ip", "-n", self.namespace, "route", "del", "default", "via", "\(gateway)", "dev",
                try self.name(of: index), "metric", "\(metric)",
            ])
        guard outcome.status == 0 || outcome.errors.contains("No such process") else {
            throw Spawn.Failure(
                description:
                    "\(["ip", "route", "del"].joined(separator: " ")) exited with \(outcome.status): \(outcome.errors)")
        }
    }

    /// When the named step last happened.
    func last(_ step: String) -> ContinuousClock.Instant? {
        self.timeline.withLock { $0.last { $0.0 == step }?.1 }
    }

    private func note(_ step: String) {
        let now = ContinuousClock.now
        self.timeline.withLock { $0.append((step, now)) }
    }

    private func name(of index: InterfaceIndex) throws -> String {
        if let name = self.names.withLock({ $0[index] }) { return name }
        let output = try Spawn.run(["ip", "-n", self.namespace, "-j", "link", "show"], check: true).output
        let links = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        guard let name = links.first(where: { $0["ifindex"] as? Int == index.rawValue })?["ifname"] as? String else {
            throw POSIXError(.ENODEV)
        }
        self.names.withLock { $0[index] = name }
        return name
    }

    private static func lifetime(_ lifetime: Duration?) -> String {
        guard let lifetime else { return "forever" }
        let (seconds, attoseconds) = lifetime.components
        return String(max(seconds + (attoseconds > 0 ? 1 : 0), 1))
    }
}

extension EthernetLabLinks {
    /// Waits for a condition, refreshing the manager's view of the links first each time (unless
    /// told not to), and fails the test when it does not come within `timeout`, saying `detail`.
    /// Never asserts on how long it took.
    func waitFor(
        _ what: String,
        timeout: Duration,
        pollEvery interval: Duration = .milliseconds(20),
        refreshing: Bool = true,
        detail: @autoclosure () -> String = "",
        _ condition: () throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if refreshing { try self.refresh() }
            if try condition() { return }
            try await Task.sleep(for: interval)
        }
        let more = detail()
        Issue.record("\(what) did not happen within \(timeout)\(more.isEmpty ? "" : "; \(more)")")
        throw CancellationError()
    }
}

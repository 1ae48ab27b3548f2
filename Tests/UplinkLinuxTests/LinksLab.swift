import CNetlink
import Foundation
import Glibc
import Synchronization
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLabSupport
import UplinkLinux

/// Throw-away network namespaces for the tests that use the real kernel, and the `ip` commands that
/// change them. Every namespace is named `ulnl-PID-N`, made with `ip netns add` and deleted by `remove`,
/// which `withLab` runs however the test ends. Addresses come from 198.18.0.0/15 and 2001:db8::/32, and
/// no default route leaves a namespace.
final class LinksLab: Sendable {
    /// Whether the real-kernel tests can run: they need root (CAP_SYS_ADMIN for namespaces,
    /// CAP_NET_ADMIN for links). Without it they are skipped, and say so.
    static let isRoot: Bool = {
        let isRoot = geteuid() == 0
        if !isRoot {
            print("UplinkLinuxTests: skipping the real-kernel tests, which need root to make network namespaces")
        }
        return isRoot
    }()

    /// Why they are skipped without root, as the test run shows it.
    static let skipReason: Comment = "needs root to make network namespaces and veth pairs"

    private static let counter = Atomic<Int>(0)

    /// The namespaces' names, in the order asked for.
    let names: [String]

    private init(count: Int) throws {
        var names: [String] = []
        do {
            for _ in 0..<count {
                let number = Self.counter.add(1, ordering: .relaxed).newValue
                let name = "ulnl-\(getpid())-\(number)"
                try Self.run(["ip", "netns", "add", name])
                names.append(name)
            }
        } catch {
            for name in names { _ = try? Self.run(["ip", "netns", "del", name]) }
            throw error
        }
        self.names = names
    }

    /// Runs `body` with `count` new namespaces and deletes them afterwards, also when it throws.
    static func with<T>(
        namespaces count: Int,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (LinksLab) async throws -> T
    ) async throws -> T {
        let lab = try LinksLab(count: count)
        defer { lab.remove() }
        return try await body(lab)
    }

    /// The namespace for the adapter's sockets.
    func namespace(_ position: Int) -> NetworkNamespace {
        NetworkNamespace(named: self.names[position])
    }

    /// Runs `ip -n NAMESPACE arguments…` and returns what it printed.
    @discardableResult
    func ip(_ position: Int, _ arguments: String...) throws -> String {
        try Self.run(["ip", "-n", self.names[position]] + arguments)
    }

    /// Sets sysctls inside a namespace (`net.ipv6.conf.default.accept_dad=0`…).
    func sysctl(_ position: Int, _ settings: String...) throws {
        try Self.run(["ip", "netns", "exec", self.names[position], "sysctl", "-q", "-w"] + settings)
    }

    /// Runs `ip -n NAMESPACE -batch FILE` over these lines, one command each.
    func batch(_ position: Int, _ lines: [String]) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ulnl-batch-\(UUID().uuidString)").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.run(["ip", "-n", self.names[position], "-batch", path])
    }

    /// Makes DAD take a tenth of a second on an interface instead of one to two: no random delay before
    /// the first probe, 100 ms between probes (a namespace other than the first has no neigh/default).
    func fastDAD(_ position: Int, interface: String) throws {
        try self.sysctl(
            position, "net.ipv6.conf.\(interface).router_solicitation_delay=0",
            "net.ipv6.neigh.\(interface).retrans_time_ms=100")
    }

    /// Deletes the namespaces; the kernel takes their interfaces with them.
    func remove() {
        for name in self.names { _ = try? Self.run(["ip", "netns", "del", name]) }
    }

    /// Runs a program found on PATH and returns its standard output; a non-zero exit is an error carrying
    /// its standard error.
    @discardableResult
    static func run(_ argv: [String]) throws -> String {
        try Spawn.run(argv, check: true).output
    }
}

/// What `ip -j link` and `ip -j address` say about a namespace, in the shape the manager's snapshot can
/// be compared with: per index, the name, admin state, carrier and addresses.
struct KernelView: Equatable, CustomStringConvertible {
    struct Interface: Equatable {
        var name: String
        var isAdminUp: Bool
        var hasCarrier: Bool
        var addresses: Set<String>
    }

    var interfaces: [Int: Interface]

    /// Reads the namespace with `ip -j`.
    init(lab: LinksLab, namespace position: Int) throws {
        let links = try Self.objects(lab.ip(position, "-j", "link", "show"))
        let addresses = try Self.objects(lab.ip(position, "-j", "address", "show"))
        var interfaces: [Int: Interface] = [:]
        for link in links {
            guard let index = link["ifindex"] as? Int, let name = link["ifname"] as? String else { continue }
            let flags = link["flags"] as? [String] ?? []
            // ip hides IFF_RUNNING, so a link without a tracked state is told by operstate UNKNOWN.
            interfaces[index] = Interface(
                name: name, isAdminUp: flags.contains("UP"), hasCarrier: flags.contains("LOWER_UP"), addresses: [])
        }
        for entry in addresses {
            guard let index = entry["ifindex"] as? Int else { continue }
            for info in entry["addr_info"] as? [[String: Any]] ?? [] {
                guard let local = info["local"] as? String, let prefix = info["prefixlen"] as? Int else { continue }
                interfaces[index]?.addresses.insert("\(local)/\(prefix)")
            }
        }
        self.interfaces = interfaces
    }

    /// The same view of a manager's snapshot.
    init(_ snapshot: ManagerSnapshot) {
        var interfaces: [Int: Interface] = [:]
        for status in snapshot.interfaces {
            interfaces[status.link.index.rawValue] = Interface(
                name: status.link.name, isAdminUp: status.link.isAdminUp, hasCarrier: status.link.hasCarrier,
                addresses: Set(status.addresses.map(\.description)))
        }
        self.interfaces = interfaces
    }

    var description: String {
        self.interfaces.keys.sorted().map { index in
            let interface = self.interfaces[index]!
            return "\(index) \(interface.name) up=\(interface.isAdminUp) carrier=\(interface.hasCarrier) "
                + interface.addresses.sorted().joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// The interfaces that differ, one line for this view and one for the other, for failure messages.
    func differences(from other: KernelView) -> String {
        let indices = Set(self.interfaces.keys).union(other.interfaces.keys).sorted()
        return indices.filter { self.interfaces[$0] != other.interfaces[$0] }.map { index in
            "\(index): \(self.line(index))\n   vs \(other.line(index))"
        }.joined(separator: "\n")
    }

    private func line(_ index: Int) -> String {
        guard let interface = self.interfaces[index] else { return "absent" }
        return "\(interface.name) up=\(interface.isAdminUp) carrier=\(interface.hasCarrier) "
            + interface.addresses.sorted().joined(separator: " ")
    }

    private static func objects(_ json: String) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return parsed as? [[String: Any]] ?? []
    }
}

/// A real link source followed into a real manager, with every change kept for the test to look at.
@ManagerActor
final class FollowedSource {
    let manager: ConnectionManager
    let recorder: EventRecorder
    private(set) var changes: [LinkChange] = []
    private(set) var failure: (any Error)?
    private var task: Task<Void, Never>?

    init(_ source: RtnetlinkLinkSource, linkControl: any LinkControl) {
        let manager = ConnectionManager(clock: ManualClock(), linkControl: linkControl)
        self.manager = manager
        self.recorder = EventRecorder(manager)
        let stream = source.follow()
        self.task = Task { @ManagerActor [weak self] in
            do {
                for try await batch in stream {
                    self?.changes += batch
                    manager.apply(batch)
                }
            } catch {
                self?.failure = error
            }
        }
    }

    /// Ends the stream, as cancelling the manager's `follow` would, and waits until the loop is over.
    func stop() async {
        self.task?.cancel()
        await self.task?.value
    }

    /// Waits until `condition` holds, checking whenever the manager may have changed; records an issue
    /// naming `what` and the last snapshot when ten seconds pass first.
    @discardableResult
    func wait(
        for what: String,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: @ManagerActor (ManagerSnapshot) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self.manager.snapshot) { return true }
            if let failure = self.failure {
                Issue.record("the link source failed: \(failure)", sourceLocation: sourceLocation)
                return false
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        Issue.record(
            "timed out waiting for \(what); the manager has:\n\(KernelView(self.manager.snapshot))",
            sourceLocation: sourceLocation)
        return false
    }

    /// The interface with this name in the manager's snapshot.
    func interface(_ name: String) -> InterfaceStatus? {
        self.manager.snapshot.interface(named: name)
    }
}

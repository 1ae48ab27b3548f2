import Foundation
import Synchronization
import Testing

/// Network namespaces, veth pairs and daemons a test makes for itself, and removes when it closes.
///
/// The rules of the lab (shared/reference/lab-recipes.md): only namespaces the test created, only
/// addresses from 198.18.0.0/15, 192.0.2.0/24 and 2001:db8::/32, no route out, every namespace and
/// process removed at the end, processes stopped by PID. Each namespace gets its own
/// `/etc/netns/NAME/resolv.conf`, so a DHCP client's script could never touch the host's.
public final class Lab: @unchecked Sendable {
    /// Why a lab command failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Why tests that need a lab cannot run here; nil when they can.
    public static var unavailableReason: String? {
        if geteuid() != 0 { return "needs root for network namespaces (CI runs as root)" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
            && !FileManager.default.isExecutableFile(atPath: "/sbin/ip")
        {
            return "needs iproute2 (scripts/test installs it)"
        }
        return nil
    }

    /// A prefix unique to this lab, for namespace and interface names.
    public let prefix: String
    /// A scratch folder for lease files, logs, pid files and configuration.
    public let folder: String
    public private(set) var namespaces: [String] = []
    private var children: [ChildProcess] = []
    private var daemons: [String] = []
    private static let counter = Counter()

    public init() throws {
        self.prefix = "ul\(getpid() % 100_000)x\(Self.counter.next())"
        self.folder = NSTemporaryDirectory() + self.prefix
        try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
    }

    deinit {
        self.close()
    }

    /// Creates a namespace named PREFIX-SUFFIX with its loopback up.
    @discardableResult
    public func namespace(_ suffix: String) throws -> String {
        let name = "\(self.prefix)-\(suffix)"
        try FileManager.default.createDirectory(atPath: "/etc/netns/\(name)", withIntermediateDirectories: true)
        try "# uplink test lab \(name)\n".write(
            toFile: "/etc/netns/\(name)/resolv.conf", atomically: true, encoding: .utf8)
        try self.ip("netns", "add", name)
        self.namespaces.append(name)
        try self.ip("-n", name, "link", "set", "lo", "up")
        return name
    }

    /// Runs `ip` with these arguments and returns what it printed; fails with its error text.
    @discardableResult
    public func ip(_ arguments: String...) throws -> String {
        try self.run(["ip"] + arguments)
    }

    /// Runs a command to completion; fails with its error text when it exits non-zero.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        try Spawn.run(arguments, check: true).output
    }

    /// Starts a long-running command; it is stopped when the lab closes.
    public func start(_ arguments: [String], environment: [String: String]? = nil) throws -> ChildProcess {
        let child = try ChildProcess(arguments, environment: environment)
        self.children.append(child)
        return child
    }

    /// Starts dnsmasq in `namespace` on `interface`, serving DHCPv4 from `range` (first,last) with
    /// `router` as gateway, and router advertisements for `ipv6Prefix` when given. Returns the path
    /// of its log.
    @discardableResult
    public func startDHCPServer(
        in namespace: String,
        interface: String,
        range: (String, String),
        router: String,
        ipv6Prefix: String? = nil,
        leaseTime: String = "1h"
    ) throws -> String {
        let log = "\(self.folder)/dnsmasq-\(interface).log"
        let pidFile = "\(self.folder)/dnsmasq-\(interface).pid"
        var arguments = [
            "ip", "netns", "exec", namespace, "dnsmasq", "--conf-file=/dev/null", "--interface=\(interface)",
            "--bind-interfaces", "--port=0", "--no-ping", "--dhcp-authoritative",
            "--dhcp-range=\(range.0),\(range.1),255.255.255.0,\(leaseTime)", "--dhcp-option=option:router,\(router)",
            "--dhcp-option=option:dns-server,\(router)", "--dhcp-leasefile=\(self.folder)/leases-\(interface)",
            "--pid-file=\(pidFile)", "--log-dhcp", "--log-facility=\(log)",
        ]
        if let ipv6Prefix {
            arguments += ["--enable-ra", "--dhcp-range=\(ipv6Prefix),ra-only,64,1h", "--ra-param=\(interface),10,600"]
        }
        try self.run(arguments)
        self.daemons.append(pidFile)
        return log
    }

    /// Stops a DHCP server started with `startDHCPServer`, by the PID in its pid file.
    public func stopDHCPServer(interface: String) throws {
        let pidFile = "\(self.folder)/dnsmasq-\(interface).pid"
        try Self.kill(pidFile: pidFile)
        self.daemons.removeAll { $0 == pidFile }
    }

    /// Stops everything the lab started and removes its namespaces, files and folder. Idempotent.
    public func close() {
        for child in self.children { child.stop() }
        self.children.removeAll()
        for pidFile in self.daemons { try? Self.kill(pidFile: pidFile) }
        self.daemons.removeAll()
        for name in self.namespaces.reversed() {
            _ = try? Spawn.run(["ip", "netns", "del", name], discardingOutput: true)
            try? FileManager.default.removeItem(atPath: "/etc/netns/\(name)")
        }
        self.namespaces.removeAll()
        try? FileManager.default.removeItem(atPath: self.folder)
    }

    private static func kill(pidFile: String) throws {
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text), pid > 1 else { throw Failure(description: "\(pidFile) holds no PID") }
        Glibc.kill(pid, SIGTERM)
        for _ in 0..<200 where Glibc.kill(pid, 0) == 0 && !Self.isZombie(pid) { usleep(10_000) }
    }

    /// True when the process has exited and only waits to be reaped. A daemon's parent is the
    /// machine's init, which may take seconds to reap it; it is gone for every purpose of a test.
    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}

/// Numbers labs made by this process, so two in one run never share names.
private final class Counter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        self.value.withLock {
            $0 += 1
            return $0
        }
    }
}

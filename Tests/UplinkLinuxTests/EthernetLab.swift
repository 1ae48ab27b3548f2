import Foundation
import Glibc
import Synchronization
import UplinkCore
import UplinkLabSupport
import UplinkLinux

/// One test's lab (lab-recipes §4): a server namespace running dnsmasq and a client namespace,
/// joined by a veth pair whose checksum offload is left as veth makes it (on, so the server's
/// packets reach the client with partial UDP checksums).
///
/// Names are `uldh-<pid>-<n>s` and `uldh-<pid>-<n>c`; addresses are 198.18.10.0/24, the default route
/// the lease brings points at the server namespace, which has no route further out. The client
/// namespace's resolv.conf is protected (`/etc/netns/<client>/resolv.conf` exists before anything
/// runs). `close()` kills dnsmasq by PID and removes both namespaces, that folder and the scratch
/// folder.
final class EthernetLab: Sendable {
    /// Root, `ip` and `dnsmasq`: what the real tests need.
    static let isAvailable = geteuid() == 0 && Spawn.exists("ip") && Spawn.exists("dnsmasq")

    private static let counter = Mutex(0)

    /// The server's namespace.
    let server: String
    /// The client's namespace.
    let client: String
    /// The server's end of the veth pair.
    let serverInterface = "dsv"
    /// The client's end.
    let clientInterface = "dcv"
    /// The server's address, which dnsmasq also hands out as router and DNS server.
    let serverAddress = IPv4Address(198, 18, 10, 1)
    /// The lab's scratch folder: dnsmasq's lease file, pid file and log.
    let folder: String
    private let dnsmasq = Mutex<pid_t?>(nil)

    init() throws {
        let number = Self.counter.withLock { value -> Int in
            value += 1
            return value
        }
        self.server = "uldh-\(getpid())-\(number)s"
        self.client = "uldh-\(getpid())-\(number)c"
        var template = Array("/tmp/uldh-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EACCES) }
        self.folder = String(cString: made)
        do {
            try FileManager.default.createDirectory(
                atPath: "/etc/netns/\(self.client)", withIntermediateDirectories: true)
            try "# uplink DHCP test lab\n".write(
                toFile: "/etc/netns/\(self.client)/resolv.conf", atomically: true, encoding: .utf8)
            for namespace in [self.server, self.client] {
                try Spawn.run(["ip", "netns", "add", namespace], check: true)
                try Spawn.run(["ip", "-n", namespace, "link", "set", "lo", "up"], check: true)
            }
            try Spawn.run(
                [
                    "ip", "-n", self.server, "link", "add", self.serverInterface, "type", "veth", "peer", "name",
                    self.clientInterface, "netns", self.client,
                ], check: true)
            try Spawn.run(
                [
                    "ip", "-n", self.server, "addr", "add", "\(self.serverAddress)/24", "dev", self.serverInterface,
                ], check: true)
            try Spawn.run(["ip", "-n", self.server, "link", "set", self.serverInterface, "up"], check: true)
            try Spawn.run(["ip", "-n", self.client, "link", "set", self.clientInterface, "up"], check: true)
        } catch {
            self.close()
            throw error
        }
    }

    /// The client's namespace, for the adapter's sockets.
    var clientNamespace: NetworkNamespace { NetworkNamespace(named: self.client) }

    // MARK: - dnsmasq

    /// Starts dnsmasq in the server namespace (DNS off, no ping check) and waits until it serves.
    func startDHCPServer(extraArguments: [String] = []) throws {
        let pid = try Spawn.start(
            [
                "ip", "netns", "exec", self.server, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--interface=\(self.serverInterface)", "--bind-interfaces", "--port=0", "--no-ping",
                "--dhcp-range=198.18.10.100,198.18.10.150,255.255.255.0,1h",
                "--dhcp-option=option:router,\(self.serverAddress)",
                "--dhcp-option=option:dns-server,\(self.serverAddress)",
                "--dhcp-option=option:domain-name,lab.test",
                "--dhcp-leasefile=\(self.folder)/leases", "--pid-file=\(self.folder)/dnsmasq.pid", "--log-dhcp",
                "--log-facility=\(self.folder)/dnsmasq.log",
            ] + extraArguments)
        self.dnsmasq.withLock { $0 = pid }
        // `ip netns exec` execs dnsmasq in place, so the PID is dnsmasq's; it is serving once it has
        // logged its range.
        for _ in 0..<500 {
            if self.log.contains("DHCP, IP range") { return }
            usleep(10_000)
        }
        throw POSIXError(.ETIMEDOUT)
    }

    /// Stops dnsmasq by its PID.
    func stopDHCPServer() {
        guard
            let pid = self.dnsmasq.withLock({ value -> pid_t? in
                defer { value = nil }
                return value
            })
        else { return }
        Spawn.stop(pid)
    }

    /// dnsmasq's log so far.
    var log: String {
        (try? String(contentsOfFile: "\(self.folder)/dnsmasq.log", encoding: .utf8)) ?? ""
    }

    // MARK: - Looking at the client

    /// The client interface's global IPv4 addresses with their valid lifetimes in seconds.
    func clientAddresses() throws -> [(address: String, validLifetime: Int)] {
        let output = try Spawn.run(
            [
                "ip", "-n", self.client, "-j", "-4", "addr", "show", "dev", self.clientInterface,
            ], check: true
        ).output
        let links = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        return links.flatMap { link in
            (link["addr_info"] as? [[String: Any]] ?? []).compactMap { info in
                guard info["scope"] as? String == "global", let local = info["local"] as? String,
                    let prefix = info["prefixlen"] as? Int
                else { return nil }
                return ("\(local)/\(prefix)", info["valid_life_time"] as? Int ?? -1)
            }
        }
    }

    /// The client interface's index in its namespace.
    func clientIndex() throws -> InterfaceIndex {
        let output = try Spawn.run(["ip", "-n", self.client, "-j", "link", "show", self.clientInterface], check: true)
            .output
        let links = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        guard let index = links.first?["ifindex"] as? Int else { throw POSIXError(.ENODEV) }
        return InterfaceIndex(index)
    }

    /// The client namespace's IPv4 default routes, as `via metric`.
    func clientDefaultRoutes() throws -> [String] {
        let output = try Spawn.run(["ip", "-n", self.client, "-j", "-4", "route", "show", "default"], check: true)
            .output
        let routes = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        return routes.map { "\($0["gateway"] as? String ?? "?") \($0["metric"] as? Int ?? 0)" }
    }

    /// Sets the server's end of the veth up or down: the client's "cable".
    func setServerLink(up: Bool) throws {
        try Spawn.run(
            [
                "ip", "-n", self.server, "link", "set", self.serverInterface, up ? "up" : "down",
            ], check: true)
    }

    // MARK: - Cleaning up

    /// Stops dnsmasq and removes both namespaces and every file the lab made. Idempotent.
    func close() {
        self.stopDHCPServer()
        for namespace in [self.server, self.client] {
            _ = try? Spawn.run(["ip", "netns", "del", namespace])
        }
        try? FileManager.default.removeItem(atPath: "/etc/netns/\(self.client)")
        try? FileManager.default.removeItem(atPath: self.folder)
    }
}

import Foundation
import Testing
import UplinkLabSupport

/// Ethernet with DHCP as a user runs it: a configuration file binding an interface, the real
/// `uplink monitor --json` (or the dashboard) in a device namespace, and a real dnsmasq serving
/// DHCPv4 and router advertisements in a peer namespace.
@Suite("Ethernet with DHCP end to end", .serialized, .enabled(if: Lab.unavailableReason == nil))
struct EthernetEndToEndTests {
    /// A device namespace with `NAMEe` (and `NAMEf`), each cabled to a server namespace running dnsmasq.
    private struct Bench {
        let lab: Lab
        let device: String
        let server: String
        let eth: String
        let second: String
        let configuration: String

        init(configuration body: (String, String) -> String) throws {
            let lab = try Lab()
            self.lab = lab
            self.device = try lab.namespace("d")
            self.server = try lab.namespace("s")
            self.eth = lab.prefix + "e"
            self.second = lab.prefix + "f"
            for (name, subnet) in [(self.eth, 10), (self.second, 11)] {
                try lab.ip(
                    "-n", self.device, "link", "add", name, "type", "veth", "peer", "name", name + "s", "netns",
                    self.server)
                try lab.ip("-n", self.server, "addr", "add", "198.18.\(subnet).1/24", "dev", name + "s")
                try lab.ip("-n", self.server, "addr", "add", "2001:db8:\(subnet)::1/64", "dev", name + "s", "nodad")
                try lab.ip("-n", self.server, "link", "set", name + "s", "up")
                try lab.startDHCPServer(
                    in: self.server, interface: name + "s", range: ("198.18.\(subnet).100", "198.18.\(subnet).150"),
                    router: "198.18.\(subnet).1", ipv6Prefix: "2001:db8:\(subnet)::")
            }
            self.configuration = lab.folder + "/uplink.toml"
            try body(self.eth, self.second).write(toFile: self.configuration, atomically: true, encoding: .utf8)
        }

        func monitor() async throws -> MonitorProcess {
            try await MonitorProcess(in: self.device, lab: self.lab, arguments: ["--config", self.configuration])
        }

        func addresses(_ name: String) throws -> String {
            try self.lab.ip("-n", self.device, "-4", "-o", "addr", "show", "dev", name)
        }

        func isAdminUp(_ name: String) throws -> Bool {
            let line = try self.lab.ip("-n", self.device, "-o", "link", "show", "dev", name)
            guard let flags = line.split(separator: "<").dropFirst().first?.split(separator: ">").first else {
                return false
            }
            return flags.split(separator: ",").contains("UP")
        }

        func dnsmasqLog(_ name: String) -> String {
            (try? String(contentsOfFile: "\(self.lab.folder)/dnsmasq-\(name)s.log", encoding: .utf8)) ?? ""
        }
    }

    @Test("a bound interface that comes up gets a lease and becomes ready for IPv4, then IPv6 by SLAAC")
    func connectGetsLease() async throws {
        let bench = try Bench { eth, _ in
            "[interfaces.\(eth)]\nimplementation = \"ethernet\"\npersistent = true\nconnect_timeout = 10\n"
        }
        defer { bench.lab.close() }
        let monitor = try await bench.monitor()
        try bench.lab.ip("-n", bench.device, "link", "set", bench.eth, "up")
        try await monitor.waitFor("ipv4-connected", bench.eth)
        #expect(try bench.addresses(bench.eth).contains("198.18.10."))
        #expect(try bench.lab.ip("-n", bench.device, "route", "show", "default").contains("via 198.18.10.1"))
        try await monitor.waitFor("ipv6-connected", bench.eth, timeout: .seconds(15))
        #expect(bench.dnsmasqLog(bench.eth).contains("DHCPACK"))
    }

    @Test("with the DHCP server stopped a connect times out at the binding's connect timeout")
    func connectTimesOut() async throws {
        let bench = try Bench { eth, _ in
            "[interfaces.\(eth)]\nimplementation = \"ethernet\"\nconnect_timeout = 2\nauto_down = false\n"
        }
        defer { bench.lab.close() }
        try bench.lab.stopDHCPServer(interface: bench.eth + "s")
        let monitor = try await bench.monitor()
        let started = ContinuousClock.now
        try bench.lab.ip("-n", bench.device, "link", "set", bench.eth, "up")
        try await monitor.waitFor("connect-timeout", bench.eth)
        print("connect-timeout after \(ContinuousClock.now - started) for a 2 s connect timeout")
        #expect(try !bench.addresses(bench.eth).contains("198.18.10."))
    }

    @Test("the peer's link down and up: a persistent binding re-acquires, a non-persistent one is taken down")
    func carrierLoss() async throws {
        let bench = try Bench { eth, second in
            """
            [interfaces.\(eth)]
            implementation = "ethernet"
            persistent = true
            connect_timeout = 10

            [interfaces.\(second)]
            implementation = "ethernet"
            connect_timeout = 10
            """
        }
        defer { bench.lab.close() }
        let monitor = try await bench.monitor()
        try bench.lab.ip("-n", bench.device, "link", "set", bench.eth, "up")
        try bench.lab.ip("-n", bench.device, "link", "set", bench.second, "up")
        try await monitor.waitFor("iface-ready", bench.eth)
        try await monitor.waitFor("iface-ready", bench.second)
        let before = monitor.events.count

        for name in [bench.eth, bench.second] {
            try bench.lab.ip("-n", bench.server, "link", "set", name + "s", "down")
        }
        try await monitor.waitFor("\(bench.second) without carrier", after: before) {
            $0.event == "iface-unready" && $0.iface == bench.second && $0.reason == "no carrier"
        }
        // Auto-down follows the loss of a non-persistent binding; readiness was lost already, so
        // the kernel's link state says it.
        for _ in 0..<200 where try bench.isAdminUp(bench.second) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try !bench.isAdminUp(bench.second), "the non-persistent interface was taken down")
        for name in [bench.eth, bench.second] { try bench.lab.ip("-n", bench.server, "link", "set", name + "s", "up") }
        try await monitor.waitFor("\(bench.eth) ready again", after: before) {
            $0.event == "iface-ready" && $0.iface == bench.eth
        }
        #expect(try bench.addresses(bench.eth).contains("198.18.10."))
        #expect(try !bench.isAdminUp(bench.second), "the non-persistent interface stays down")
    }

    @Test(
        "the dashboard's d disconnects: the lease is released and its address removed",
        .enabled(if: TmuxSession.unavailableReason == nil)
    )
    func disconnectReleases() async throws {
        let bench = try Bench { eth, _ in
            "[interfaces.\(eth)]\nimplementation = \"ethernet\"\nauto_down = false\nconnect_timeout = 10\n"
        }
        defer { bench.lab.close() }
        try bench.lab.ip("-n", bench.device, "link", "set", bench.eth, "up")
        let session = try TmuxSession(width: 100, height: 30) { _ in
            "ip netns exec \(bench.device) \(TmuxSession.quote(TmuxSession.binary)) --config \(bench.configuration)"
        }
        defer { session.close() }
        try await session.waitFor("\(bench.eth) connected") { lines in
            lines.contains { $0.contains(bench.eth) && $0.contains("connected") }
        }
        #expect(try bench.addresses(bench.eth).contains("198.18.10."))
        try session.send("d")
        try await session.waitFor("\(bench.eth) idle") { lines in
            lines.contains { $0.contains(bench.eth) && $0.contains("idle") }
        }
        #expect(bench.dnsmasqLog(bench.eth).contains("DHCPRELEASE"))
        #expect(try !bench.addresses(bench.eth).contains("198.18.10."))
    }

    @Test("without CAP_NET_RAW the connect fails for good and says what it needs")
    func withoutPrivilege() async throws {
        let bench = try Bench { eth, _ in
            "[interfaces.\(eth)]\nimplementation = \"ethernet\"\nconnect_timeout = 10\nauto_down = false\n"
        }
        defer { bench.lab.close() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bench.lab.folder)
        try bench.lab.ip("-n", bench.device, "link", "set", bench.eth, "up")
        let monitor = try await MonitorProcess(
            in: bench.device, lab: bench.lab, arguments: ["--config", bench.configuration], user: "65534")
        let failure = try await monitor.waitFor("fatal-error", bench.eth)
        #expect(failure.reason?.contains("needs root or CAP_NET_RAW") == true, "\(failure)")
    }

    @Test(
        "without CAP_NET_ADMIN the dashboard's u says what it needs and changes nothing",
        .enabled(if: TmuxSession.unavailableReason == nil)
    )
    func adminStateWithoutPrivilege() async throws {
        let bench = try Bench { _, _ in "" }
        defer { bench.lab.close() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bench.lab.folder)
        let session = try TmuxSession(width: 100, height: 30) { _ in
            "ip netns exec \(bench.device) setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "
                + "\(TmuxSession.quote(TmuxSession.binary)) --config \(bench.configuration)"
        }
        defer { session.close() }
        try await session.waitFor("\(bench.eth) listed") { lines in lines.contains { $0.hasPrefix("▶ \(bench.eth)") } }
        try session.send("u")
        let lines = try await session.waitFor(text: "needs root or CAP_NET_ADMIN")
        #expect(lines.last?.contains("\(bench.eth) admin up failed") == true, "\(lines.last ?? "")")
        #expect(try !bench.isAdminUp(bench.eth), "the interface is still down")
    }
}

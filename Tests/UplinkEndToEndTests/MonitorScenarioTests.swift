import Foundation
import Testing
import UplinkLabSupport

/// The reference's monitor scenarios (M1–M15 in spirit) re-run on real kernel interfaces — veth
/// pairs in namespaces made for the test — through the real `uplink monitor --json`.
@Suite("monitor scenarios on real interfaces", .serialized, .enabled(if: Lab.unavailableReason == nil))
struct MonitorScenarioTests {
    typealias Event = MonitorProcess.Event

    /// A device namespace with veth pairs `NAMEa`…, whose peers are up in a peer namespace, and a
    /// monitor running in the device namespace.
    private struct Bench {
        let lab: Lab
        let device: String
        let monitor: MonitorProcess
        let names: [String]

        init(interfaces count: Int, monitorArguments: [String] = [], dad: Bool) async throws {
            let lab = try Lab()
            let device = try lab.namespace("d")
            let peer = try lab.namespace("p")
            let names = (0..<count).map { "\(lab.prefix)\(["a", "b", "c", "d"][$0])" }
            for name in names {
                try lab.ip("-n", device, "link", "add", name, "type", "veth", "peer", "name", name + "p", "netns", peer)
                try lab.ip("-n", peer, "link", "set", name + "p", "up")
                // Duplicate address detection in a tenth of a second instead of a second.
                try lab.run([
                    "ip", "netns", "exec", device, "sysctl", "-q", "-w",
                    "net.ipv6.conf.\(name).accept_dad=\(dad ? 1 : 0)", "net.ipv6.conf.\(name).dad_transmits=1",
                    "net.ipv6.neigh.\(name).retrans_time_ms=100",
                ])
            }
            self.lab = lab
            self.device = device
            self.names = names
            self.monitor = try await MonitorProcess(in: device, lab: lab, arguments: monitorArguments)
        }

        func ip(_ arguments: String...) throws {
            try self.lab.run(["ip", "-n", self.device] + arguments)
        }
    }

    private func connectivity(_ events: [Event], after count: Int) -> [Event] {
        Array(events.dropFirst(count))
    }

    @Test("at start the status is restated: overall, IPv6, IPv4, all disconnected with nobody to blame")
    func restatedStatus() async throws {
        let bench = try await Bench(interfaces: 1, dad: false)
        defer { bench.lab.close() }
        #expect(
            Array(bench.monitor.events.prefix(3)) == [
                Event("l4-disconnected", nil), Event("ipv6-disconnected", nil), Event("ipv4-disconnected", nil),
            ])
    }

    @Test("two interfaces, IPv4: the first ready connects, the last unready disconnects, each blamed (M1, M4)")
    func cycleReady() async throws {
        let bench = try await Bench(interfaces: 2, dad: false)
        defer { bench.lab.close() }
        let (a, b) = (bench.names[0], bench.names[1])
        try bench.ip("addr", "add", "198.18.1.1/24", "dev", a)
        try bench.ip("addr", "add", "198.18.2.1/24", "dev", b)
        try bench.ip("link", "set", a, "up")
        try await bench.monitor.waitFor("ipv4-connected", a)
        try bench.ip("link", "set", b, "up")
        try await bench.monitor.waitFor("iface-ready", b)
        try bench.ip("link", "set", a, "down")
        try await bench.monitor.waitFor("iface-unready", a)
        try bench.ip("link", "set", b, "down")
        try await bench.monitor.waitFor("ipv4-disconnected", b)
        #expect(
            self.connectivity(bench.monitor.connectivityEvents, after: 3) == [
                Event("iface-ready", a), Event("l4-connected", a), Event("ipv4-connected", a),
                Event("iface-ready", b),
                Event("iface-unready", a, reason: "administratively down"),
                Event("iface-unready", b, reason: "administratively down"), Event("l4-disconnected", b),
                Event("ipv4-disconnected", b),
            ])
    }

    @Test("an ignored interface never fires, whatever it does (M5–M8)")
    func ignoredInterface() async throws {
        let bench = try await Bench(interfaces: 2, dad: false)
        defer { bench.lab.close() }
        // A second monitor in the same namespace that ignores the second interface.
        let ignoring = try await MonitorProcess(
            in: bench.device, lab: bench.lab, arguments: ["--ignore", bench.names[1]])
        let (a, b) = (bench.names[0], bench.names[1])
        try bench.ip("addr", "add", "198.18.2.1/24", "dev", b)
        try bench.ip("link", "set", b, "up")
        try await bench.monitor.waitFor("ipv4-connected", b)
        try bench.ip("addr", "add", "198.18.1.1/24", "dev", a)
        try bench.ip("link", "set", a, "up")
        try await ignoring.waitFor("ipv4-connected", a)
        try bench.ip("link", "set", b, "down")
        try bench.ip("link", "set", a, "down")
        try await ignoring.waitFor("ipv4-disconnected", a)
        #expect(!ignoring.events.contains { $0.iface == b }, "the ignored interface fired: \(ignoring.events)")
    }

    @Test("IPv6 with duplicate address detection: tentative fires nothing, DAD done connects IPv6 (M9, M13)")
    func ipv6WithDAD() async throws {
        let bench = try await Bench(interfaces: 1, dad: true)
        defer { bench.lab.close() }
        let a = bench.names[0]
        try bench.ip("link", "set", a, "up")
        try bench.ip("addr", "add", "2001:db8:1::1/64", "dev", a)
        try await bench.monitor.waitFor("ipv6-connected", a)
        let events = self.connectivity(bench.monitor.connectivityEvents, after: 3)
        #expect(events == [Event("iface-ready", a), Event("l4-connected", a), Event("ipv6-connected", a)])
        let status = try bench.lab.run(["ip", "netns", "exec", bench.device, TmuxSession.binary, "status", "--json"])
        #expect(
            status.contains(
                "\"address\":\"2001:db8:1::1\",\"prefix\":64,\"family\":\"ipv6\",\"scope\":\"global\",\"state\":\"preferred\""
            ))
    }

    @Test("IPv4 first, then IPv6, then each removed: each family's channel follows its address (M12, M14)")
    func familiesFollowAddresses() async throws {
        let bench = try await Bench(interfaces: 1, dad: false)
        defer { bench.lab.close() }
        let a = bench.names[0]
        try bench.ip("link", "set", a, "up")
        try bench.ip("addr", "add", "198.18.1.1/24", "dev", a)
        try await bench.monitor.waitFor("ipv4-connected", a)
        try bench.ip("addr", "add", "2001:db8:1::1/64", "dev", a, "nodad")
        try await bench.monitor.waitFor("ipv6-connected", a)
        try bench.ip("addr", "del", "198.18.1.1/24", "dev", a)
        try await bench.monitor.waitFor("ipv4-disconnected", a)
        try bench.ip("addr", "del", "2001:db8:1::1/64", "dev", a)
        try await bench.monitor.waitFor("ipv6-disconnected", a)
        #expect(
            self.connectivity(bench.monitor.connectivityEvents, after: 3) == [
                Event("iface-ready", a), Event("l4-connected", a), Event("ipv4-connected", a),
                Event("ipv6-connected", a), Event("ipv4-disconnected", a),
                Event("iface-unready", a, reason: "only a link-local address"), Event("l4-disconnected", a),
                Event("ipv6-disconnected", a),
            ])
    }

    @Test("carrier through the peer: the peer going down is no carrier, its return is ready again")
    func carrierFromPeer() async throws {
        let bench = try await Bench(interfaces: 1, dad: false)
        defer { bench.lab.close() }
        let a = bench.names[0]
        try bench.ip("addr", "add", "198.18.1.1/24", "dev", a)
        try bench.ip("link", "set", a, "up")
        try await bench.monitor.waitFor("ipv4-connected", a)
        try bench.lab.ip("-n", "\(bench.lab.prefix)-p", "link", "set", a + "p", "down")
        let lost = try await bench.monitor.waitFor("iface-unready", a)
        #expect(lost.reason == "no carrier")
        try bench.lab.ip("-n", "\(bench.lab.prefix)-p", "link", "set", a + "p", "up")
        try await bench.monitor.waitFor("ipv4-connected", a)
    }
}

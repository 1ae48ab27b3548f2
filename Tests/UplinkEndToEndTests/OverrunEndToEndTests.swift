import Foundation
import Testing
import UplinkLabSupport

/// A storm of link changes on hundreds of real interfaces, as fast as `ip -batch` makes them: at the
/// end what uplink says equals what the kernel says, through the real binaries.
@Suite("a storm of changes end to end", .serialized, .enabled(if: Lab.unavailableReason == nil))
struct OverrunEndToEndTests {
    static let pairs = 150

    @Test("after hundreds of veths flapped, the monitor's readiness and status --json equal ip -j link and ip -j addr")
    func stormEndsEqual() async throws {
        let lab = try Lab()
        defer { lab.close() }
        let device = try lab.namespace("d")
        let names = (0..<Self.pairs).map { "\(lab.prefix)v\($0)" }
        var setup = ""
        for (number, name) in names.enumerated() {
            setup += "link add \(name) type veth peer name \(name)p\n"
            setup += "link set \(name)p up\n"
            setup += "addr add 198.18.\(number / 200).\(number % 200 + 1)/16 dev \(name)\n"
        }
        try self.batch(lab, device, setup)
        let monitor = try await MonitorProcess(in: device, lab: lab)

        // Three rounds of every interface up and down, then every odd one left up.
        var storm = ""
        for _ in 0..<3 {
            for name in names { storm += "link set \(name) up\n" }
            for name in names { storm += "link set \(name) down\n" }
        }
        for (number, name) in names.enumerated() where number % 2 == 1 { storm += "link set \(name) up\n" }
        try self.batch(lab, device, storm)

        let expected = Set(names.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        try await self.waitForQuiet(monitor)
        #expect(self.readyFromEvents(monitor) == expected, "the monitor's last word on each interface")

        let status = try lab.run(["ip", "netns", "exec", device, TmuxSession.binary, "status", "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        let interfaces = try #require(document["interfaces"] as? [[String: Any]])
        let kernelLinks = try self.json(lab.ip("-n", device, "-j", "link", "show"))
        let kernelAddresses = try self.json(lab.ip("-n", device, "-j", "addr", "show"))
        #expect(interfaces.count == kernelLinks.count)
        for link in kernelLinks {
            let name = link["ifname"] as! String
            let flags = link["flags"] as? [String] ?? []
            let ours = try #require(interfaces.first { $0["name"] as? String == name }, "\(name) missing")
            #expect(ours["index"] as? Int == link["ifindex"] as? Int)
            #expect(ours["admin_up"] as? Bool == flags.contains("UP"), "\(name) admin")
            #expect(ours["carrier"] as? Bool == flags.contains("LOWER_UP") || name == "lo", "\(name) carrier")
            let kernelSet = Set(
                (kernelAddresses.first { $0["ifname"] as? String == name }?["addr_info"] as? [[String: Any]] ?? []).map
                {
                    "\($0["local"] as! String)/\($0["prefixlen"] as! Int)"
                })
            let ourSet = Set(
                (ours["addresses"] as? [[String: Any]] ?? []).map {
                    "\($0["address"] as! String)/\($0["prefix"] as! Int)"
                })
            #expect(ourSet == kernelSet, "\(name) addresses")
            if name.hasPrefix(lab.prefix + "v") && !name.hasSuffix("p") {
                #expect(ours["ready"] as? Bool == expected.contains(name), "\(name) ready")
            }
        }
    }

    private func batch(_ lab: Lab, _ namespace: String, _ commands: String) throws {
        let path = lab.folder + "/batch-\(UInt32.random(in: 0...UInt32.max))"
        try commands.write(toFile: path, atomically: true, encoding: .utf8)
        try lab.ip("-n", namespace, "-batch", path)
    }

    /// Waits until the monitor has written nothing for a second.
    private func waitForQuiet(_ monitor: MonitorProcess) async throws {
        var count = -1
        while monitor.events.count != count {
            count = monitor.events.count
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// The interfaces whose last readiness event was iface-ready.
    private func readyFromEvents(_ monitor: MonitorProcess) -> Set<String> {
        var ready = Set<String>()
        for event in monitor.events {
            guard let iface = event.iface else { continue }
            switch event.event {
            case "iface-ready": ready.insert(iface)
            case "iface-unready": ready.remove(iface)
            default: break
            }
        }
        return ready
    }

    private func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting

@testable import UplinkLinux

/// ENOBUFS for real: hundreds of veth interfaces flapped by `ip -batch` while the source listens with a
/// deliberately small receive buffer. The kernel drops notifications; the source dumps again; the
/// manager must end equal to what `ip -j link` and `ip -j address` say. Needs root.
@Suite("links: notification overrun on the real kernel", .enabled(if: LinksLab.isRoot, LinksLab.skipReason))
struct LinksOverrunTests {
    /// veth pairs, so twice as many interfaces.
    static let pairs = 150

    @Test("after an overrun the manager's interfaces equal the kernel's, and a re-dump happened")
    @ManagerActor
    func overrun() async throws {
        try await LinksLab.with(namespaces: 1) { lab in
            // No DAD, so the storm's IPv6 link-local addresses are final when the batch ends.
            try lab.sysctl(0, "net.ipv6.conf.default.accept_dad=0")
            try lab.batch(0, (0..<Self.pairs).map { "link add a\($0) type veth peer name b\($0)" })

            // The kernel's smallest receive buffer: a few notifications fit, a storm does not.
            let source = RtnetlinkLinkSource(namespace: lab.namespace(0), receiveBufferSize: 4096)
            let followed = FollowedSource(source, linkControl: RefusingLinkControl())
            defer { Task { await followed.stop() } }
            await followed.wait(for: "the first dump") { $0.interfaces.count == 2 * Self.pairs + 1 }

            var storm: [String] = []
            for round in 0..<3 {
                for pair in 0..<Self.pairs {
                    storm += ["link set a\(pair) up", "link set b\(pair) up"]
                    if round == 0 { storm.append("address add 198.18.\(pair / 200).\(pair % 200 + 1)/24 dev a\(pair)") }
                    if round == 1 && pair % 3 == 0 { storm.append("address add 2001:db8::\(pair + 1)/64 dev b\(pair)") }
                    // Leave a third down, a third without a peer (no carrier) and a third up.
                    if round < 2 || pair % 3 == 0 { storm.append("link set a\(pair) down") }
                    if round < 2 || pair % 3 == 1 { storm.append("link set b\(pair) down") }
                }
            }
            try lab.batch(0, storm)

            // The kernel reports some carrier changes up to a second late (linkwatch), so the picture to
            // match is read afresh until the two agree.
            var kernel = try KernelView(lab: lab, namespace: 0)
            var converged = false
            let deadline = ContinuousClock.now + .seconds(20)
            while !converged && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                kernel = try KernelView(lab: lab, namespace: 0)
                converged = KernelView(followed.manager.snapshot) == kernel
            }
            #expect(converged, "they differ:\n\(KernelView(followed.manager.snapshot).differences(from: kernel))")
            let counts = source.statistics.current
            print(
                "overrun test: \(2 * Self.pairs) veths, \(storm.count) ip commands, \(counts.overruns) overruns, "
                    + "\(counts.dumps) dumps (\(counts.inconsistentDumps) inconsistent), "
                    + "\(counts.notificationBatches) notification batches")
            #expect(counts.overruns > 0, "the small buffer overran")
            #expect(counts.dumps > 1, "the source dumped again after the overrun")
            if converged {
                #expect(kernel.interfaces.values.contains { $0.isAdminUp && $0.hasCarrier })
                #expect(kernel.interfaces.values.contains { $0.isAdminUp && !$0.hasCarrier })
                #expect(kernel.interfaces.values.contains { !$0.isAdminUp })
            }

            // Once the storm is over, single changes arrive as notifications again.
            let batches = source.statistics.current.notificationBatches
            try lab.ip(0, "link", "set", "lo", "up")
            await followed.wait(for: "lo up") { $0.interface(named: "lo")?.link.isAdminUp == true }
            #expect(source.statistics.current.notificationBatches > batches)
            await followed.stop()
        }
    }
}

import CNetlink
import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting

@testable import UplinkLinux

/// Link control and the interface configurator against the real kernel, in namespaces the tests make.
/// Needs root; skipped (with a line saying so) without it.
@Suite(
    "links: control and configuration on the real kernel", .serialized,
    .enabled(if: LinksLab.isRoot, LinksLab.skipReason))
struct LinksControlKernelTests {
    @Test("admin up and down through RtnetlinkLinkControl show up through the source; repeating is harmless")
    @ManagerActor
    func adminState() async throws {
        try await LinksLab.with(namespaces: 2) { lab in
            try lab.ip(0, "link", "add", "vA", "type", "veth", "peer", "name", "vB", "netns", lab.names[1])
            try lab.ip(1, "link", "set", "vB", "up")
            let control = try RtnetlinkLinkControl(namespace: lab.namespace(0))
            let followed = FollowedSource(RtnetlinkLinkSource(namespace: lab.namespace(0)), linkControl: control)
            defer { Task { await followed.stop() } }
            await followed.wait(for: "vA") { $0.interface(named: "vA") != nil }
            let index = try #require(followed.manager.index(named: "vA"))

            try followed.manager.setAdminState(up: true, index: index)
            await followed.wait(for: "vA up with carrier") { $0.interface(named: "vA")?.link.isOperationallyUp == true }
            try control.setAdminState(up: true, of: InterfaceID(index: index, name: "vA"))

            try control.setAdminState(up: false, of: InterfaceID(index: index, name: "vA"))
            await followed.wait(for: "vA down") { $0.interface(named: "vA")?.link.isAdminUp == false }
            #expect(try KernelView(lab: lab, namespace: 0).interfaces[index.rawValue]?.isAdminUp == false)
            await followed.stop()
        }
    }

    @Test("an interface that is not there: ENODEV, named")
    @ManagerActor
    func missingInterface() async throws {
        try await LinksLab.with(namespaces: 1) { lab in
            let control = try RtnetlinkLinkControl(namespace: lab.namespace(0))
            #expect {
                try control.setAdminState(up: true, of: InterfaceID(index: 999, name: "ghost"))
            } throws: { error in
                "\(error)" == "set ghost up: RTM_NEWLINK failed: No such device"
            }
        }
    }

    @Test("addresses with lifetimes and a default route via the peer; removing what is gone succeeds")
    func configurator() async throws {
        try await LinksLab.with(namespaces: 2) { lab in
            try lab.ip(0, "link", "add", "vA", "type", "veth", "peer", "name", "vB", "netns", lab.names[1])
            try lab.ip(0, "link", "set", "vA", "up")
            try lab.ip(1, "link", "set", "vB", "up")
            let index = InterfaceIndex(try #require(try Self.index(of: "vA", lab: lab)))
            let configurator = try RtnetlinkConfigurator(namespace: lab.namespace(0))

            try configurator.addAddress(
                "198.18.0.1", prefixLength: 24, broadcast: IPv4Address("198.18.0.255"), validLifetime: .seconds(300),
                preferredLifetime: .seconds(120), on: index)
            var shown = try lab.ip(0, "address", "show", "dev", "vA")
            #expect(shown.contains("inet 198.18.0.1/24 brd 198.18.0.255 scope global dynamic vA"))
            #expect(shown.contains("valid_lft 300sec preferred_lft 120sec") || shown.contains("valid_lft 299sec"))

            // The same address again renews its lifetimes, here to forever.
            try configurator.addAddress(
                "198.18.0.1", prefixLength: 24, broadcast: nil, validLifetime: nil, preferredLifetime: nil, on: index)
            shown = try lab.ip(0, "address", "show", "dev", "vA")
            #expect(shown.contains("valid_lft forever preferred_lft forever"))

            try configurator.addAddress(
                "2001:db8::1", prefixLength: 64, broadcast: nil, validLifetime: .seconds(600), preferredLifetime: nil,
                on: index)
            #expect(try lab.ip(0, "-6", "address", "show", "dev", "vA").contains("inet6 2001:db8::1/64"))

            // A default route, allowed here because it points at the peer namespace this test made.
            try configurator.addDefaultRoute(via: "198.18.0.2", on: index, metric: 100)
            try configurator.addDefaultRoute(via: "198.18.0.2", on: index, metric: 100)
            #expect(
                try lab.ip(0, "route", "show", "default")
                    == "default via 198.18.0.2 dev vA proto dhcp metric 100 \n")
            try configurator.removeDefaultRoute(via: "198.18.0.2", on: index, metric: 100)
            #expect(try lab.ip(0, "route", "show", "default").isEmpty)
            try configurator.removeDefaultRoute(via: "198.18.0.2", on: index, metric: 100)

            try configurator.removeAddress("198.18.0.1", prefixLength: 24, on: index)
            try configurator.removeAddress("198.18.0.1", prefixLength: 24, on: index)
            try configurator.removeAddress("2001:db8::1", prefixLength: 64, on: index)
            try configurator.removeAddress("2001:db8::1", prefixLength: 64, on: index)
            try configurator.removeAddress("2001:db8::1", prefixLength: 64, on: 999)
            #expect(!(try lab.ip(0, "address", "show", "dev", "vA")).contains("198.18.0.1"))
            #expect(!(try lab.ip(0, "address", "show", "dev", "vA")).contains("2001:db8::1/64"))

            #expect {
                try configurator.addAddress(
                    "198.18.0.9", prefixLength: 24, broadcast: nil, validLifetime: .zero, preferredLifetime: nil,
                    on: index)
            } throws: { error in
                (error as? SystemCallError)?.errno == EINVAL
            }
        }
    }

    @Test("without CAP_NET_ADMIN the kernel refuses, the error says so, and nothing changes")
    func withoutPrivilege() async throws {
        try await LinksLab.with(namespaces: 1) { lab in
            try lab.ip(0, "link", "add", "vA", "type", "veth", "peer", "name", "vB")
            let index = InterfaceIndex(try #require(try Self.index(of: "vA", lab: lab)))
            let connection = try RtnetlinkConnection(namespace: lab.namespace(0))
            let configurator = RtnetlinkConfigurator(connection: connection)
            let errors = Self.onThreadWithoutNetAdmin { () -> [String] in
                var errors: [String] = []
                do {
                    try connection.setAdminState(up: true, of: InterfaceID(index: index, name: "vA"))
                } catch {
                    errors.append("\(error)")
                }
                do {
                    try configurator.addAddress(
                        "198.18.0.1", prefixLength: 24, broadcast: nil, validLifetime: nil, preferredLifetime: nil,
                        on: index)
                } catch {
                    errors.append("\(error)")
                }
                return errors
            }
            #expect(
                errors == [
                    "needs root or CAP_NET_ADMIN to set vA up (RTM_NEWLINK not permitted)",
                    "needs root or CAP_NET_ADMIN to add 198.18.0.1/24 to interface \(index) (RTM_NEWADDR not permitted)",
                ])
            let kernel = try KernelView(lab: lab, namespace: 0).interfaces[index.rawValue]
            #expect(kernel?.isAdminUp == false)
            #expect(kernel?.addresses.isEmpty == true)
            // The same connection on a thread with the capability still works.
            try connection.setAdminState(up: true, of: InterfaceID(index: index, name: "vA"))
            #expect(try KernelView(lab: lab, namespace: 0).interfaces[index.rawValue]?.isAdminUp == true)
        }
    }

    /// The index `ip` reports for an interface.
    static func index(of name: String, lab: LinksLab, namespace: Int = 0) throws -> Int? {
        try KernelView(lab: lab, namespace: namespace).interfaces.first { $0.value.name == name }?.key
    }

    /// Runs `body` on a thread of its own that has dropped CAP_NET_ADMIN from its effective set and
    /// returns what it returned. Capabilities are per thread, so the rest of the test process keeps it;
    /// the thread ends after.
    static func onThreadWithoutNetAdmin(_ body: @escaping @Sendable () -> [String]) -> [String] {
        let work = ThreadWork {
            let capNetAdmin: Int32 = 12
            precondition(cnl_drop_effective_capability(capNetAdmin) == 0, "capset failed: errno \(errno)")
            return body()
        }
        var thread = pthread_t()
        let unmanaged = Unmanaged.passRetained(work)
        let created = pthread_create(
            &thread, nil,
            { raw in
                let work = Unmanaged<ThreadWork>.fromOpaque(raw!).takeRetainedValue()
                work.result = work.body()
                return nil
            }, unmanaged.toOpaque())
        precondition(created == 0, "pthread_create failed: \(created)")
        pthread_join(thread, nil)
        return work.result
    }
}

/// What a raw thread runs and what it got; written by that thread before the join that reads it.
private final class ThreadWork: @unchecked Sendable {
    let body: () -> [String]
    var result: [String] = []

    init(_ body: @escaping () -> [String]) {
        self.body = body
    }
}

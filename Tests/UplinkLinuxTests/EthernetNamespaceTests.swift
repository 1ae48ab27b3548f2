import Foundation
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// The real `EthernetTechnology` — packet sockets, the DHCP client, a real dnsmasq — driven through
/// the real core (`ConnectionManager` and `ConnectionContract` on the continuous clock), in network
/// namespaces the tests make. Links reach the manager from `ip -j` snapshots until the rtnetlink
/// link source is merged; addresses go on with `ip addr replace`.
///
/// The veth's checksum offload is left on, as veth makes it: every offer and ACK these tests take
/// arrives with a partial UDP checksum (TP_STATUS_CSUMNOTREADY), so every lease here is also the
/// test that such packets are accepted.
@Suite(
    "Ethernet in network namespaces",
    .serialized,
    .enabled(if: EthernetLab.isAvailable, "needs root, ip and dnsmasq (apt-get install dnsmasq)")
)
@ManagerActor
struct EthernetNamespaceTests {
    @Test("connect takes a lease from dnsmasq and puts it on the interface, and writes no resolv.conf")
    func leases() async throws {
        let hostResolver = try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)
        let rig = try EthernetRig()
        defer { rig.close() }
        try rig.lab.startDHCPServer()
        try rig.connect()
        try await rig.waitFor("connected") { rig.isConnected }

        let lease = try #require(rig.ethernet.lease(for: rig.lab.clientInterface))
        #expect((IPv4Address(198, 18, 10, 100)...IPv4Address(198, 18, 10, 150)).contains(lease.address))
        #expect(lease.prefixLength == 24)
        #expect(lease.router == rig.lab.serverAddress)
        #expect(lease.dnsServers == [rig.lab.serverAddress])
        #expect(lease.domainName == "lab.test")
        #expect(lease.leaseTime == .seconds(3600))
        #expect(lease.serverIdentifier == rig.lab.serverAddress)

        let addresses = try rig.lab.clientAddresses()
        #expect(addresses.map(\.address) == ["\(lease.address)/24"])
        #expect(addresses.allSatisfy { (3500...3600).contains($0.validLifetime) }, "the lease's lifetime: \(addresses)")
        #expect(try rig.lab.clientDefaultRoutes() == ["198.18.10.1 100"])
        #expect(rig.lab.log.contains("DHCPACK(dsv) \(lease.address)"))
        try await rig.waitFor("ready") { rig.recorder.events.contains(.interfaceReady(rig.interface)) }

        let labResolver = try String(contentsOfFile: "/etc/netns/\(rig.lab.client)/resolv.conf", encoding: .utf8)
        #expect(labResolver == "# uplink DHCP test lab\n")
        #expect((try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)) == hostResolver)
    }

    @Test("with dnsmasq stopped a connect times out at the binding's connect timeout")
    func timesOut() async throws {
        let rig = try EthernetRig(connectTimeout: .seconds(2))
        defer { rig.close() }
        try rig.lab.startDHCPServer()
        rig.lab.stopDHCPServer()
        let started = ContinuousClock.now
        try rig.connect()
        try await rig.waitFor("the timeout") { rig.recorder.controlEvents == [.connectTimeout(rig.interface)] }
        print("connect timeout raised after \(ContinuousClock.now - started) (timeout 2 s)")
        #expect(rig.activity == .failed(reason: "timed out"))
        #expect(try rig.lab.clientAddresses().isEmpty)
    }

    @Test("a persistent binding reports the carrier loss and re-acquires with INIT-REBOOT when it is back")
    func persistentCarrierLoss() async throws {
        let rig = try EthernetRig(flags: .persistent)
        defer { rig.close() }
        try rig.lab.startDHCPServer()
        try rig.connect()
        try await rig.waitFor("connected") { rig.isConnected }
        let address = try #require(rig.ethernet.lease(for: rig.lab.clientInterface)?.address)

        try rig.lab.setServerLink(up: false)
        try await rig.waitFor("the loss") {
            if case .connecting = rig.activity { return true }
            return false
        }
        #expect(try rig.lab.clientAddresses().map(\.address) == ["\(address)/24"], "the address stays")
        try rig.lab.setServerLink(up: true)
        try await rig.waitFor("connected again") { rig.isConnected }
        #expect(rig.ethernet.lease(for: rig.lab.clientInterface)?.address == address)
        let log = rig.lab.log
        #expect(log.components(separatedBy: "DHCPDISCOVER(dsv)").count == 2, "one DISCOVER only")
        #expect(log.components(separatedBy: "DHCPACK(dsv) \(address)").count == 3, "the INIT-REBOOT was acknowledged")
    }

    @Test("a non-persistent binding that loses carrier is released and left to auto-down")
    func nonPersistentCarrierLoss() async throws {
        let rig = try EthernetRig()
        defer { rig.close() }
        try rig.lab.startDHCPServer()
        try rig.connect()
        try await rig.waitFor("connected") { rig.isConnected }

        try rig.lab.setServerLink(up: false)
        try await rig.waitFor("the loss") { rig.activity == .failed(reason: "connection lost: carrier lost") }
        try await rig.waitFor("auto-down") {
            rig.manager.snapshot.interfaces.first { $0.link.index == rig.interface.index }?.link.isAdminUp == false
        }
        #expect(try rig.lab.clientAddresses().isEmpty)
        #expect(try rig.lab.clientDefaultRoutes().isEmpty)
    }

    @Test("disconnect sends a DHCPRELEASE that dnsmasq logs, and takes the address and route off")
    func releases() async throws {
        let rig = try EthernetRig()
        defer { rig.close() }
        try rig.lab.startDHCPServer()
        try rig.connect()
        try await rig.waitFor("connected") { rig.isConnected }
        let address = try #require(rig.ethernet.lease(for: rig.lab.clientInterface)?.address)

        try rig.manager.disconnect(rig.interface.index)
        try await rig.waitFor("the release in dnsmasq's log") { rig.lab.log.contains("DHCPRELEASE(dsv) \(address)") }
        #expect(try rig.lab.clientAddresses().isEmpty)
        #expect(try rig.lab.clientDefaultRoutes().isEmpty)
        #expect(rig.activity == .idle)
    }

    @Test("at T1 the lease is renewed by unicast UDP to the server")
    func renews() async throws {
        let rig = try EthernetRig()
        defer { rig.close() }
        // dnsmasq 2.90 keeps T1 a little below T2 whatever it is told: these come out as 4 s and 5 s.
        try rig.lab.startDHCPServer(extraArguments: ["--dhcp-option=option:T1,2", "--dhcp-option=option:T2,5"])
        try rig.connect()
        try await rig.waitFor("connected") { rig.isConnected }
        let lease = try #require(rig.ethernet.lease(for: rig.lab.clientInterface))
        let renewal = try #require(lease.renewalTime)
        let rebinding = try #require(lease.rebindingTime)
        #expect(renewal < rebinding && rebinding <= .seconds(5))
        try await rig.waitFor("the renewal", timeout: .seconds(10)) {
            rig.ethernet.lease(for: rig.lab.clientInterface).map { $0.start > lease.start } ?? false
        }
        let renewed = try #require(rig.ethernet.lease(for: rig.lab.clientInterface))
        // Renewed before T2, so by the RENEWING state's unicast, not by a rebinding broadcast.
        #expect(renewed.start - lease.start >= renewal && renewed.start - lease.start < rebinding)
        #expect(renewed.address == lease.address)
        #expect(rig.ethernet.status(for: rig.lab.clientInterface)?.dhcpState == "bound")
        #expect(rig.lab.log.components(separatedBy: "DHCPACK(dsv) \(lease.address)").count >= 3)
        #expect(rig.isConnected)
    }

    @Test("a static address and gateway go on at once and come off on disconnect")
    func staticAddress() async throws {
        let rig = try EthernetRig(
            configuration: .fixed(IPv4Address(198, 18, 10, 50), prefixLength: 24, gateway: IPv4Address(198, 18, 10, 1)))
        defer { rig.close() }
        try rig.connect()
        try await rig.waitFor("connected") { rig.isConnected }
        let addresses = try rig.lab.clientAddresses()
        #expect(addresses.map(\.address) == ["198.18.10.50/24"])
        #expect(addresses.first?.validLifetime == Int(UInt32.max), "forever")
        #expect(try rig.lab.clientDefaultRoutes() == ["198.18.10.1 100"])
        try rig.manager.disconnect(rig.interface.index)
        #expect(try rig.lab.clientAddresses().isEmpty)
        #expect(try rig.lab.clientDefaultRoutes().isEmpty)
    }

    @Test("connect to lease configured, 20 runs (printed, not asserted)")
    func latency() async throws {
        let rig = try EthernetRig()
        defer { rig.close() }
        try rig.lab.startDHCPServer()
        var steps: [String: [Duration]] = [:]
        for _ in 0..<20 {
            let started = ContinuousClock.now
            try rig.connect()
            try await rig.waitFor("connected", pollEvery: .microseconds(200), refreshing: false) { rig.isConnected }
            let connected = ContinuousClock.now
            let marks: [(String, ContinuousClock.Instant?)] = [
                ("socket open", rig.transports.last("opened")),
                ("DISCOVER sent", rig.transports.last("sent DHCPDISCOVER")),
                ("OFFER in", rig.transports.last("received DHCPOFFER")),
                ("REQUEST sent", rig.transports.last("sent DHCPREQUEST")),
                ("ACK in (lease)", rig.transports.last("received DHCPACK")),
                ("address on", rig.configurator.last("address added")),
                ("route on", rig.configurator.last("route added")),
                ("connected", connected),
            ]
            for (name, mark) in marks {
                guard let mark else { continue }
                steps[name, default: []].append(mark - started)
            }
            try rig.manager.disconnect(rig.interface.index)
            try await rig.waitFor("released") { try rig.lab.clientAddresses().isEmpty }
            // dnsmasq records the release (its lease file) after the client has moved on; a connect
            // right behind it would measure that, not the exchange.
            try await Task.sleep(for: .milliseconds(50))
        }
        func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.2f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        let order = [
            "socket open", "DISCOVER sent", "OFFER in", "REQUEST sent", "ACK in (lease)", "address on", "route on",
            "connected",
        ]
        let lines = order.compactMap { name in
            steps[name].map { "  \(name): \(milliseconds(median($0))) (\($0.count) runs)" }
        }
        print("DHCP latency from connect, medians over 20 runs:\n" + lines.joined(separator: "\n"))
        let toLease = steps["ACK in (lease)"] ?? []
        #expect(toLease.count == 20)
    }
}

/// A manager, a contract and the technology over an `EthernetLab`.
@ManagerActor
final class EthernetRig {
    let lab: EthernetLab
    let links: EthernetLabLinks
    let configurator: EthernetLabConfigurator
    let manager: ConnectionManager
    let ethernet: EthernetTechnology
    let recorder: EventRecorder
    let interface: InterfaceID
    let transports: EthernetTimingTransports

    init(
        flags: BindingFlags = [],
        connectTimeout: Duration? = .seconds(10),
        configuration: EthernetConfiguration = EthernetConfiguration()
    ) throws {
        self.lab = try EthernetLab()
        do {
            self.links = EthernetLabLinks(namespace: self.lab.client)
            self.configurator = EthernetLabConfigurator(namespace: self.lab.client)
            self.manager = ConnectionManager(clock: ContinuousClock(), linkControl: self.links)
            self.links.manager = self.manager
            self.recorder = EventRecorder(self.manager)
            self.transports = EthernetTimingTransports(DHCPPacketSocketFactory(namespace: self.lab.clientNamespace))
            self.ethernet = EthernetTechnology(
                configurator: self.configurator,
                transports: self.transports,
                configurations: [self.lab.clientInterface: configuration]
            )
            try self.links.refresh()
            try self.manager.bind(
                self.lab.clientInterface,
                to: ConnectionContract(self.ethernet, random: SystemRandomNumberGenerator()),
                configuration: BindingConfiguration(flags: flags.union(.noAutoConnect), connectTimeout: connectTimeout)
            )
            guard let index = self.manager.index(named: self.lab.clientInterface) else { throw POSIXError(.ENODEV) }
            self.interface = InterfaceID(index: index, name: self.lab.clientInterface)
            self.manager.startTimers()
        } catch {
            self.lab.close()
            throw error
        }
    }

    var activity: BindingActivity? { self.manager.binding(for: self.interface.index)?.activity }

    var isConnected: Bool {
        if case .connected = self.activity { return true }
        return false
    }

    func connect() throws {
        try self.manager.connect(self.interface.index)
    }

    /// Waits for a condition, refreshing the manager's view of the links first each time, and fails
    /// the test when it does not come within `timeout`. Never asserts on how long it took.
    func waitFor(
        _ what: String,
        timeout: Duration = .seconds(10),
        pollEvery interval: Duration = .milliseconds(20),
        refreshing: Bool = true,
        _ condition: () throws -> Bool
    ) async throws {
        try await self.links.waitFor(what, timeout: timeout, pollEvery: interval, refreshing: refreshing, condition)
    }

    /// Unbinds (which stops the technology: release, removal), stops the timers and takes the lab down.
    func close() {
        self.manager.unbind(self.lab.clientInterface)
        self.manager.stopTimers()
        self.lab.close()
    }
}

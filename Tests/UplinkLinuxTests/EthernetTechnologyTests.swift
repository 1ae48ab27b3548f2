import Glibc
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

/// `EthernetTechnology` under the real core (manager, contract) on a manual clock, with a fake
/// transport playing the DHCP server and a recording configurator: no root, no sleeping.
@ManagerActor
struct EthernetFixture {
    let harness: ManagerHarness
    let transports = DHCPFakeTransportFactory()
    let configurator = EthernetRecordingConfigurator()
    let ethernet: EthernetTechnology
    let eth0: InterfaceID
    var server = DHCPServerScript()

    init(
        flags: BindingFlags = [],
        connectTimeout: Duration? = .seconds(30),
        carrier: Bool = true,
        configuration: EthernetConfiguration? = nil
    ) throws {
        self.harness = ManagerHarness()
        self.ethernet = EthernetTechnology(
            configurator: self.configurator,
            transports: self.transports,
            configurations: configuration.map { ["eth0": $0] } ?? [:],
            random: SeededRandomNumberGenerator(seed: 7)
        )
        self.eth0 = self.harness.kernel.addLink("eth0", technology: .ethernet, adminUp: true, carrier: carrier)
        try self.harness.manager.bind(
            "eth0",
            to: ConnectionContract(self.ethernet, random: SeededRandomNumberGenerator(seed: 3)),
            configuration: BindingConfiguration(flags: flags.union(.noAutoConnect), connectTimeout: connectTimeout)
        )
    }

    var transport: DHCPFakeTransport? { self.transports.current }

    var activity: BindingActivity? { self.harness.manager.binding(for: self.eth0.index)?.activity }

    func connect() throws {
        try self.harness.manager.connect(self.eth0.index)
    }

    /// The server answers the client's last message: an OFFER to a DISCOVER, an ACK to a REQUEST.
    func answer() {
        guard let transport = self.transport, let last = transport.last else {
            Issue.record("the client sent nothing to answer")
            return
        }
        switch last.messageType {
        case .discover: transport.deliver(self.server.reply(.offer, to: last))
        case .request: transport.deliver(self.server.reply(.ack, to: last))
        case .offer, .decline, .ack, .nak, .release, .inform, nil:
            Issue.record("nothing to answer to \(String(describing: last.messageType))")
        }
    }

    /// Connects and lets the server answer DISCOVER and REQUEST.
    func acquire() throws {
        try self.connect()
        self.answer()
        self.answer()
    }
}

@Suite("Ethernet technology")
@ManagerActor
struct EthernetTechnologyTests {
    static let address = "192.0.2.100/24"
    static let router = IPAddress.v4(IPv4Address(192, 0, 2, 1))

    @Test("connect sends a DISCOVER at once; OFFER and ACK put the lease on and connect")
    func acquires() throws {
        let fixture = try EthernetFixture()
        try fixture.connect()
        let transport = try #require(fixture.transport)
        #expect(transport.sent.map(\.message.messageType) == [.discover])
        #expect(transport.interface == fixture.eth0)
        #expect(fixture.activity == .connecting(since: .zero, deadline: .seconds(30)))
        fixture.answer()
        #expect(transport.sent.map(\.message.messageType) == [.discover, .request])
        fixture.answer()

        #expect(fixture.activity == .connected(since: .zero))
        #expect(
            fixture.configurator.calls == [
                .addAddress(Self.address, lifetime: .seconds(3600), index: fixture.eth0.index),
                .addRoute(Self.router, metric: 100, index: fixture.eth0.index),
            ])
        let lease = try #require(fixture.ethernet.lease(for: "eth0"))
        #expect(lease.address == IPv4Address(192, 0, 2, 100) && lease.router == IPv4Address(192, 0, 2, 1))
        #expect(lease.dnsServers == [IPv4Address(192, 0, 2, 53)])
        #expect(lease.leaseTime == .seconds(3600) && lease.serverIdentifier == IPv4Address(192, 0, 2, 1))
        #expect(
            fixture.ethernet.status(for: "eth0") == EthernetStatus(phase: .connected, dhcpState: "bound", lease: lease))
    }

    @Test("a try waits for carrier, and starts the moment it comes")
    func waitsForCarrier() throws {
        let fixture = try EthernetFixture(carrier: false)
        try fixture.connect()
        #expect(fixture.transports.opened.isEmpty)
        #expect(fixture.ethernet.status(for: "eth0")?.phase == .waitingForCarrier)
        fixture.harness.advance(by: .seconds(3))
        fixture.harness.kernel.setCarrier(true, fixture.eth0.index)
        #expect(fixture.transport?.sent.map(\.message.messageType) == [.discover])
        #expect(fixture.transport?.last?.secondsElapsed == 0)
    }

    @Test("a persistent binding that loses carrier keeps its address and confirms it with INIT-REBOOT")
    func persistentCarrierLoss() throws {
        let fixture = try EthernetFixture(flags: .persistent)
        try fixture.acquire()
        fixture.configurator.reset()
        fixture.harness.advance(by: .seconds(10))

        fixture.harness.kernel.setCarrier(false, fixture.eth0.index)
        #expect(fixture.activity == .connecting(since: .seconds(10), deadline: .seconds(40)))
        #expect(fixture.configurator.calls == [], "the address stays through the carrier loss")
        #expect(fixture.transport?.sent.count == 2, "nothing is sent without carrier")

        fixture.harness.advance(by: .seconds(2))
        fixture.harness.kernel.setCarrier(true, fixture.eth0.index)
        let request = try #require(fixture.transport?.last)
        #expect(request.messageType == .request && request.options.requestedAddress == IPv4Address(192, 0, 2, 100))
        #expect(request.options.serverIdentifier == nil, "INIT-REBOOT names no server")
        fixture.answer()
        #expect(fixture.activity == .connected(since: .seconds(12)))
        #expect(fixture.transports.opened.count == 1, "the socket stays open through the loss")
    }

    @Test("a non-persistent binding that loses carrier releases and removes its lease, then goes down")
    func nonPersistentCarrierLoss() throws {
        let fixture = try EthernetFixture()
        try fixture.acquire()
        fixture.configurator.reset()

        fixture.harness.kernel.setCarrier(false, fixture.eth0.index)
        #expect(fixture.activity == .failed(reason: "connection lost: carrier lost"))
        let release = try #require(fixture.transport?.sent.last)
        #expect(release.message.messageType == .release)
        #expect(release.destination == .unicast(IPv4Address(192, 0, 2, 1)))
        #expect(
            fixture.configurator.calls == [
                .removeRoute(Self.router, metric: 100, index: fixture.eth0.index),
                .removeAddress(Self.address, index: fixture.eth0.index),
            ])
        #expect(fixture.transport?.isClosed == true)
        #expect(!fixture.harness.isAdminUp(fixture.eth0), "auto-down")
    }

    @Test("disconnect releases the lease, removes address and route, closes the socket; again does nothing")
    func disconnect() throws {
        let fixture = try EthernetFixture()
        try fixture.acquire()
        fixture.configurator.reset()
        try fixture.harness.manager.disconnect(fixture.eth0.index)
        #expect(fixture.transport?.sent.last?.message.messageType == .release)
        #expect(fixture.configurator.addresses.isEmpty && fixture.configurator.routes.isEmpty)
        #expect(fixture.configurator.calls.count == 2)
        #expect(fixture.transport?.isClosed == true)
        #expect(fixture.ethernet.lease(for: "eth0") == nil)
        #expect(fixture.activity == .idle)
        try? fixture.harness.manager.disconnect(fixture.eth0.index)
        #expect(fixture.configurator.calls.count == 2)
    }

    @Test("with no server the contract's connect timeout stops the client and raises the timeout")
    func timesOut() throws {
        let fixture = try EthernetFixture(connectTimeout: .seconds(5))
        try fixture.connect()
        fixture.harness.advance(by: .milliseconds(4999))
        #expect(fixture.harness.recorder.controlEvents == [])
        #expect(fixture.transport?.sent.count == 4, "DISCOVERs at about 0, 0.5, 1.5 and 3.5 s")
        fixture.harness.advance(by: .milliseconds(1))
        #expect(fixture.harness.recorder.controlEvents == [.connectTimeout(fixture.eth0)])
        #expect(fixture.transport?.isClosed == true)
        #expect(fixture.harness.manager.nextDeadline == nil, "no timer is left running")
    }

    @Test("without a connect timeout, the client's own give-up is a retryable failure")
    func givesUp() throws {
        let fixture = try EthernetFixture(connectTimeout: nil)
        try fixture.connect()
        // The give-up comes about 11.5 s in, give or take the seeded jitter.
        for _ in 0..<2000 {
            if case .retrying = fixture.activity { break }
            fixture.harness.advance(by: .milliseconds(10))
        }
        guard case .retrying(_, nil, let lastFailure) = fixture.activity else {
            Issue.record("not retrying: \(String(describing: fixture.activity))")
            return
        }
        #expect(lastFailure.hasPrefix("no DHCP offer in"))
        fixture.harness.advance(by: .seconds(3))
        #expect(fixture.transport?.last?.messageType == .discover, "the contract's next try discovers again")
    }

    @Test("without CAP_NET_RAW the try fails for good and says what it needs")
    func permissionDenied() throws {
        let fixture = try EthernetFixture()
        fixture.transports.failOpens(
            with: DHCPTransportError(SystemCallError("socket", errno: EPERM, operation: "open a packet socket on eth0"))
        )
        try fixture.connect()
        guard case .fatalError(_, let reason) = fixture.harness.recorder.controlEvents.first else {
            Issue.record("no fatal error: \(fixture.harness.recorder.events)")
            return
        }
        #expect(reason == "DHCP needs root or CAP_NET_RAW to open a packet socket on eth0 (socket not permitted)")
    }

    @Test("a lease that cannot be put on the interface fails the try and is released")
    func configuratorFails() throws {
        let fixture = try EthernetFixture()
        fixture.configurator.failAdditions(with: SystemCallError("sendmsg", errno: EPERM, operation: "add address"))
        try fixture.acquire()
        guard case .fatalError(_, let reason) = fixture.harness.recorder.controlEvents.first else {
            Issue.record("no fatal error: \(fixture.harness.recorder.events)")
            return
        }
        #expect(reason.hasPrefix("could not put 192.0.2.100/24 on eth0"))
        #expect(reason.contains("needs root or CAP_NET_ADMIN"))
        #expect(fixture.transport?.sent.last?.message.messageType == .release)
        #expect(fixture.harness.manager.nextDeadline == nil, "no renewal timer is left behind")
    }

    @Test("at T1 the lease is renewed by unicast and its lifetimes refreshed")
    func renews() throws {
        let fixture = try EthernetFixture()
        try fixture.acquire()
        fixture.configurator.reset()
        fixture.harness.advance(by: .seconds(1800))
        let renewal = try #require(fixture.transport?.sent.last)
        #expect(renewal.destination == .unicast(IPv4Address(192, 0, 2, 1)))
        #expect(renewal.message.clientAddress == IPv4Address(192, 0, 2, 100))
        fixture.harness.advance(by: .milliseconds(2))
        fixture.answer()
        // The lease counts from the renewal's REQUEST; the kernel gets what is left of it.
        let lifetime = Duration.seconds(3600) - .milliseconds(2)
        #expect(
            fixture.configurator.calls.first == .addAddress(Self.address, lifetime: lifetime, index: fixture.eth0.index)
        )
        #expect(fixture.ethernet.lease(for: "eth0")?.start == .seconds(1800))
        #expect(fixture.activity == .connected(since: .zero), "a renewal is not a new connection")
    }

    @Test("a static address goes on with carrier, with its gateway, and comes off on disconnect")
    func staticAddress() throws {
        let fixture = try EthernetFixture(
            configuration: .fixed(
                IPv4Address(192, 0, 2, 50), prefixLength: 24, gateway: IPv4Address(192, 0, 2, 1), routeMetric: 50))
        try fixture.connect()
        #expect(fixture.activity == .connected(since: .zero))
        #expect(fixture.transports.opened.isEmpty, "no DHCP")
        #expect(
            fixture.configurator.calls == [
                .addAddress("192.0.2.50/24", lifetime: nil, index: fixture.eth0.index),
                .addRoute(Self.router, metric: 50, index: fixture.eth0.index),
            ])
        #expect(fixture.ethernet.status(for: "eth0")?.fixed?.address == IPv4Address(192, 0, 2, 50))
        try fixture.harness.manager.disconnect(fixture.eth0.index)
        #expect(fixture.configurator.addresses.isEmpty && fixture.configurator.routes.isEmpty)
    }

    @Test("the route metric and host name are options; bad values change nothing")
    func options() throws {
        let fixture = try EthernetFixture()
        let index = fixture.eth0.index
        try fixture.harness.manager.setOption(
            EthernetTechnology.Option.routeMetric, value: [200, 0, 0, 0], index: index)
        #expect(
            try fixture.harness.manager.getOption(EthernetTechnology.Option.routeMetric, capacity: 4, index: index) == [
                200, 0, 0, 0,
            ])
        try fixture.harness.manager.setOption(
            EthernetTechnology.Option.hostName, value: Array("kiosk".utf8), index: index)
        #expect(fixture.ethernet.configuration(for: "eth0") == .dhcp(hostName: "kiosk", routeMetric: 200))
        #expect(throws: ControlError.self) {
            try fixture.harness.manager.setOption(EthernetTechnology.Option.routeMetric, value: [1], index: index)
        }
        #expect(throws: ControlError.self) {
            try fixture.harness.manager.getOption(EthernetTechnology.Option.routeMetric, capacity: 2, index: index)
        }
        #expect(throws: ControlError.self) { try fixture.harness.manager.setOption(99, value: [], index: index) }
        try fixture.acquire()
        #expect(fixture.transport?.sent.first?.message.options.hostName == "kiosk")
        #expect(fixture.configurator.routes == ["192.0.2.1 200"])
    }

    @Test("configurations that cannot work are refused with the interface and value named")
    func validation() {
        let ethernet = EthernetTechnology(configurator: EthernetRecordingConfigurator())
        #expect {
            try ethernet.setConfiguration(.fixed(IPv4Address(192, 0, 2, 5), prefixLength: 33), for: "eth1")
        } throws: { error in
            "\(error)".contains("eth1") && "\(error)".contains("prefix length 33")
        }
        #expect(throws: ControlError.self) {
            try ethernet.setConfiguration(.dhcp(clientIdentifier: [1]), for: "eth1")
        }
        #expect(throws: ControlError.self) { try ethernet.setConfiguration(.dhcp(routeMetric: -1), for: "eth1") }
        #expect(ethernet.configuration(for: "eth1") == EthernetConfiguration())
    }

    @Test("an invalid configuration given at creation fails the try for good, saying why")
    func invalidConfigurationAtCreation() throws {
        let fixture = try EthernetFixture(configuration: .fixed(IPv4Address(192, 0, 2, 5), prefixLength: 0))
        try fixture.connect()
        #expect(
            fixture.harness.recorder.controlEvents == [
                .fatalError(fixture.eth0, reason: "prefix length 0 of 192.0.2.5 is not between 1 and 32")
            ])
        #expect(fixture.configurator.calls.isEmpty)
    }
}

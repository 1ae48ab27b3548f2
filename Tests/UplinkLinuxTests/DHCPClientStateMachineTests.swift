import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkLinux

@Suite("the DHCP client state machine")
struct DHCPClientStateMachineTests {
    typealias Machine = DHCPClientStateMachine
    typealias Action = DHCPClientStateMachine.Action

    static let mac: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01]
    let server = DHCPServerScript()

    /// A machine with a generator that hands out xids 1, 2, 3… and no jitter.
    struct Fixture {
        var machine = Machine(hardwareAddress: DHCPClientStateMachineTests.mac)
        var random = FixedXIDGenerator(xids: Array(1...20))

        mutating func start(at now: Duration = .zero) -> [Action] {
            self.machine.start(now: now, random: &self.random)
        }

        mutating func receive(_ message: DHCPMessage, at now: Duration) -> [Action] {
            self.machine.received(message, now: now, random: &self.random)
        }

        mutating func fire(at now: Duration) -> [Action] {
            self.machine.timerFired(now: now, random: &self.random)
        }

        mutating func stop(at now: Duration) -> [Action] {
            self.machine.stop(now: now, random: &self.random)
        }

        /// Runs DISCOVER, OFFER, REQUEST, ACK with the server, the ACK arriving at `now`.
        mutating func bind(_ server: DHCPServerScript, at now: Duration = .milliseconds(2)) -> DHCPLease? {
            guard case .send(let discover, _) = self.start().first,
                case .send(let request, _) = self.receive(server.reply(.offer, to: discover), at: .milliseconds(1))
                    .first
            else { return nil }
            _ = self.receive(server.reply(.ack, to: request), at: now)
            return self.machine.lease
        }
    }

    /// `#require` for values from mutating calls, which the macro cannot take.
    static func unwrap<T>(_ value: T?, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        try #require(value, sourceLocation: sourceLocation)
    }

    static func sent(_ actions: [Action]) -> (DHCPMessage, Machine.Destination)? {
        for action in actions { if case .send(let message, let destination) = action { return (message, destination) } }
        return nil
    }

    // MARK: - Acquiring

    @Test("start sends a DISCOVER at once, broadcast, and arms the first retransmission")
    func startDiscovers() throws {
        var fixture = Fixture()
        let actions = fixture.start()
        let (discover, destination) = try #require(Self.sent(actions))
        #expect(destination == .broadcast)
        #expect(discover.messageType == .discover && discover.xid == 1 && discover.flags == .broadcast)
        #expect(discover.clientHardwareAddress == Self.mac)
        #expect(discover.options.clientIdentifier == [1] + Self.mac)
        #expect(discover.options.parameterRequestList == DHCPClientConfiguration.defaultParameterRequestList)
        #expect(actions.last == .setTimer(at: .milliseconds(500)))
        #expect(fixture.start() == [], "a second start while running does nothing")
    }

    @Test("DISCOVERs are retransmitted after 0.5, 1, 2 and 4 s, then the try fails")
    func discoverSchedule() throws {
        var fixture = Fixture()
        _ = fixture.start()
        var times: [Duration] = []
        var now = Duration.milliseconds(500)
        while true {
            let actions = fixture.fire(at: now)
            guard let (message, _) = Self.sent(actions) else {
                #expect(actions == [.cancelTimer, .failed(reason: "no DHCP offer in 12 s")])
                break
            }
            #expect(message.xid == 1, "retransmissions keep the xid")
            #expect(message.secondsElapsed == UInt16(now.components.seconds))
            times.append(now)
            guard case .setTimer(let next) = actions.last else { break }
            now = next
        }
        #expect(times == [.milliseconds(500), .milliseconds(1500), .milliseconds(3500), .milliseconds(7500)])
        #expect(now == .milliseconds(11_500))
        #expect(fixture.machine.state == .stopped(previousLease: nil))
    }

    @Test("jitter comes from the injected generator, within ±10 %")
    func jitter() {
        var low = Machine(hardwareAddress: Self.mac)
        var lowRandom = FixedXIDGenerator(xids: [7], filler: 0)
        #expect(low.start(now: .zero, random: &lowRandom).last == .setTimer(at: .milliseconds(450)))
        var high = Machine(hardwareAddress: Self.mac)
        var highRandom = FixedXIDGenerator(xids: [7], filler: .max)
        guard case .setTimer(let at) = high.start(now: .zero, random: &highRandom).last else {
            Issue.record("no timer")
            return
        }
        #expect(at > .milliseconds(549) && at < .milliseconds(551))
        var seeded = SeededRandomNumberGenerator(seed: 42)
        var first = Machine(hardwareAddress: Self.mac)
        var again = Machine(hardwareAddress: Self.mac)
        var seededAgain = SeededRandomNumberGenerator(seed: 42)
        #expect(first.start(now: .zero, random: &seeded) == again.start(now: .zero, random: &seededAgain))
    }

    @Test("the first offer is requested with its server and address, under the same xid")
    func offerIsRequested() throws {
        var fixture = Fixture()
        let (discover, _) = try Self.unwrap(Self.sent(fixture.start()))
        let actions = fixture.receive(self.server.reply(.offer, to: discover), at: .milliseconds(1))
        let (request, destination) = try #require(Self.sent(actions))
        #expect(destination == .broadcast)
        #expect(request.messageType == .request && request.xid == discover.xid)
        #expect(request.options.requestedAddress == self.server.offered)
        #expect(request.options.serverIdentifier == self.server.server)
        #expect(request.clientAddress.isUnspecified)
        #expect(actions.last == .setTimer(at: .milliseconds(501)))
        guard case .requesting(_, let offered, let from) = fixture.machine.state else {
            Issue.record("not requesting: \(fixture.machine.state)")
            return
        }
        #expect(offered == self.server.offered && from == self.server.server)
    }

    @Test("replies that are not for the transaction are ignored")
    func foreignReplies() throws {
        var fixture = Fixture()
        let (discover, _) = try Self.unwrap(Self.sent(fixture.start()))
        let offer = self.server.reply(.offer, to: discover)
        var otherXID = offer
        otherXID.xid += 1
        var otherMAC = offer
        otherMAC.clientHardwareAddress = [2, 0, 0, 0, 0, 2]
        var fromClient = offer
        fromClient.operation = .request
        var noServer = offer
        noServer.options.serverIdentifier = nil
        var noAddress = offer
        noAddress.yourAddress = IPv4Address(value: 0)
        let ack = self.server.reply(.ack, to: discover)
        for message in [otherXID, otherMAC, fromClient, noServer, noAddress, ack] {
            #expect(fixture.receive(message, at: .milliseconds(1)) == [])
        }
        guard case .selecting = fixture.machine.state else {
            Issue.record("left SELECTING: \(fixture.machine.state)")
            return
        }
    }

    @Test("the ACK configures the lease, reports it bound and arms T1 from when the REQUEST went")
    func ackBinds() throws {
        var fixture = Fixture()
        let (discover, _) = try Self.unwrap(Self.sent(fixture.start()))
        let (request, _) = try Self.unwrap(
            Self.sent(fixture.receive(self.server.reply(.offer, to: discover), at: .milliseconds(1))))
        let actions = fixture.receive(self.server.reply(.ack, to: request), at: .milliseconds(2))
        let lease = try Self.unwrap(fixture.machine.lease)
        #expect(actions == [.configure(lease), .bound(lease), .setTimer(at: .milliseconds(1) + .seconds(1800))])
        #expect(lease.start == .milliseconds(1))
        #expect(lease.address == self.server.offered && lease.prefixLength == 24)
        #expect(lease.router == self.server.server && lease.dnsServers == [IPv4Address(192, 0, 2, 53)])
        #expect(fixture.machine.state == .bound(lease))
    }

    @Test("an ACK from another server or for another address is ignored while requesting")
    func wrongAck() throws {
        var fixture = Fixture()
        let (discover, _) = try Self.unwrap(Self.sent(fixture.start()))
        let (request, _) = try Self.unwrap(
            Self.sent(fixture.receive(self.server.reply(.offer, to: discover), at: .milliseconds(1))))
        var otherServer = self.server.reply(.ack, to: request)
        otherServer.options.serverIdentifier = IPv4Address(192, 0, 2, 9)
        var otherAddress = self.server.reply(.ack, to: request)
        otherAddress.yourAddress = IPv4Address(192, 0, 2, 101)
        #expect(fixture.receive(otherServer, at: .milliseconds(2)) == [])
        #expect(fixture.receive(otherAddress, at: .milliseconds(2)) == [])
    }

    @Test("a NAK while requesting starts over with a new xid; the third fails the try")
    func nakWhileRequesting() throws {
        var fixture = Fixture()
        var (message, _) = try Self.unwrap(Self.sent(fixture.start()))
        for round in 1...3 {
            let (request, _) = try Self.unwrap(
                Self.sent(fixture.receive(self.server.reply(.offer, to: message), at: .milliseconds(1))))
            let actions = fixture.receive(
                self.server.reply(.nak, to: request, message: "wrong address"), at: .milliseconds(2))
            if round < 3 {
                let (discover, _) = try #require(Self.sent(actions))
                #expect(discover.messageType == .discover && discover.xid != request.xid)
                message = discover
            } else {
                #expect(actions == [.cancelTimer, .failed(reason: "DHCPNAK from 192.0.2.1: wrong address")])
            }
        }
    }

    @Test("a server silent after its offer sends the client back to DISCOVER after 4 REQUESTs")
    func silentAfterOffer() throws {
        var fixture = Fixture()
        let (discover, _) = try Self.unwrap(Self.sent(fixture.start()))
        _ = fixture.receive(self.server.reply(.offer, to: discover), at: .zero)
        var kinds: [DHCPMessageType?] = []
        var now = Duration.milliseconds(500)
        for _ in 0..<4 {
            let actions = fixture.fire(at: now)
            kinds.append(Self.sent(actions)?.0.messageType)
            guard case .setTimer(let next) = actions.last else { break }
            now = next
        }
        #expect(kinds == [.request, .request, .request, .discover])
    }

    // MARK: - Renewing and rebinding

    @Test("at T1 the client renews by unicast from its address, with neither option 50 nor 54")
    func renews() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        let t1 = try #require(lease.renewAt)
        #expect(fixture.fire(at: t1 - .seconds(1)) == [.setTimer(at: t1)], "an early timer only re-arms")
        let actions = fixture.fire(at: t1)
        let (renewal, destination) = try #require(Self.sent(actions))
        #expect(destination == .unicast(self.server.server))
        #expect(renewal.messageType == .request && renewal.clientAddress == lease.address)
        #expect(renewal.flags.isEmpty)
        #expect(renewal.options.requestedAddress == nil && renewal.options.serverIdentifier == nil)
        // Half the time to T2 (3150 s after the start), at least 60 s.
        #expect(actions.last == .setTimer(at: t1 + .milliseconds(675_000)))

        let actionsAfterAck = fixture.receive(self.server.reply(.ack, to: renewal), at: t1 + .milliseconds(3))
        let renewed = try Self.unwrap(fixture.machine.lease)
        #expect(renewed.start == t1)
        #expect(actionsAfterAck == [.configure(renewed), .setTimer(at: t1 + .seconds(1800))], "no second bound report")
    }

    @Test("renewals back off to T2, then the client rebinds by broadcast until the lease ends")
    func rebindsAndExpires() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        let start = lease.start
        var sends: [(Duration, Machine.Destination)] = []
        var now = try #require(lease.renewAt)
        var last: [Action] = []
        while sends.count < 40 {
            last = fixture.fire(at: now)
            if let (message, destination) = Self.sent(last) {
                #expect(message.clientAddress == lease.address)
                sends.append((now, destination))
            }
            guard case .setTimer(let next) = last.last else { break }
            now = next
        }
        let renewals = sends.filter { $0.1 == .unicast(self.server.server) }.map { $0.0 - start }
        let rebinds = sends.filter { $0.1 == .broadcast }.map { $0.0 - start }
        #expect(
            renewals == [
                .seconds(1800), .seconds(2475), .milliseconds(2_812_500), .milliseconds(2_981_250),
                .milliseconds(3_065_625), .milliseconds(3_125_625),
            ])
        #expect(rebinds.first == .seconds(3150))
        #expect(rebinds.allSatisfy { $0 < .seconds(3600) })
        #expect(last == [.cancelTimer, .deconfigure(lease), .lost(reason: "DHCP lease expired")])
        #expect(now - start == .seconds(3600))
        #expect(fixture.machine.state == .stopped(previousLease: nil))
    }

    @Test("a NAK to a renewal takes the lease off and reports it lost")
    func nakWhileRenewing() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        let (renewal, _) = try Self.unwrap(Self.sent(fixture.fire(at: lease.renewAt!)))
        let actions = fixture.receive(self.server.reply(.nak, to: renewal), at: lease.renewAt! + .milliseconds(1))
        #expect(actions == [.cancelTimer, .deconfigure(lease), .lost(reason: "DHCPNAK from 192.0.2.1")])
    }

    @Test("an infinite lease arms no timer")
    func infiniteLease() throws {
        var fixture = Fixture()
        var server = self.server
        server.leaseSeconds = .max
        let lease = try Self.unwrap(fixture.bind(server))
        #expect(lease.leaseTime == nil && lease.renewAt == nil && lease.expiresAt == nil)
        #expect(fixture.fire(at: .seconds(1_000_000)) == [.cancelTimer])
    }

    // MARK: - Carrier loss and INIT-REBOOT

    @Test("a carrier loss keeps the lease; the next start confirms it with INIT-REBOOT")
    func initReboot() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        #expect(fixture.machine.carrierLost(now: .seconds(10)) == [.cancelTimer])
        #expect(fixture.machine.state == .stopped(previousLease: lease))
        let actions = fixture.start(at: .seconds(20))
        let (request, destination) = try #require(Self.sent(actions))
        #expect(destination == .broadcast && request.messageType == .request)
        #expect(request.options.requestedAddress == lease.address)
        #expect(request.options.serverIdentifier == nil && request.clientAddress.isUnspecified)
        let ack = fixture.receive(self.server.reply(.ack, to: request), at: .seconds(20) + .milliseconds(1))
        let confirmed = try Self.unwrap(fixture.machine.lease)
        #expect(ack == [.configure(confirmed), .bound(confirmed), .setTimer(at: .seconds(1820))])
    }

    @Test("a NAK to INIT-REBOOT takes the old address off and discovers")
    func initRebootRefused() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        _ = fixture.machine.carrierLost(now: .seconds(10))
        let (request, _) = try Self.unwrap(Self.sent(fixture.start(at: .seconds(20))))
        let actions = fixture.receive(self.server.reply(.nak, to: request), at: .seconds(20))
        #expect(actions.first == .deconfigure(lease))
        #expect(Self.sent(actions)?.0.messageType == .discover)
    }

    @Test("an unanswered INIT-REBOOT falls back to DISCOVER after two tries")
    func initRebootUnanswered() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        _ = fixture.machine.carrierLost(now: .seconds(10))
        _ = fixture.start(at: .seconds(20))
        let second = fixture.fire(at: .seconds(20) + .milliseconds(500))
        #expect(Self.sent(second)?.0.messageType == .request)
        let third = fixture.fire(at: .seconds(20) + .milliseconds(1500))
        #expect(third.first == .deconfigure(lease))
        #expect(Self.sent(third)?.0.messageType == .discover)
    }

    @Test("a kept lease that expired meanwhile is taken off and the client discovers")
    func expiredWhileSuspended() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        _ = fixture.machine.carrierLost(now: .seconds(10))
        let actions = fixture.start(at: .seconds(4000))
        #expect(actions.first == .deconfigure(lease))
        #expect(Self.sent(actions)?.0.messageType == .discover)
    }

    @Test("a carrier loss while selecting stops sending; the next start discovers afresh")
    func carrierLostWhileSelecting() throws {
        var fixture = Fixture()
        _ = fixture.start()
        #expect(fixture.machine.carrierLost(now: .milliseconds(100)) == [.cancelTimer])
        #expect(fixture.machine.state == .stopped(previousLease: nil))
        #expect(fixture.fire(at: .milliseconds(500)) == [])
        #expect(Self.sent(fixture.start(at: .seconds(1)))?.0.messageType == .discover)
    }

    // MARK: - Stopping

    @Test("stop releases a bound lease by unicast and takes it off; a second stop does nothing")
    func stopReleases() throws {
        var fixture = Fixture()
        let lease = try Self.unwrap(fixture.bind(self.server))
        let actions = fixture.stop(at: .seconds(5))
        #expect(actions.count == 3)
        #expect(actions.first == .cancelTimer && actions.last == .deconfigure(lease))
        let (release, destination) = try #require(Self.sent(actions))
        #expect(destination == .unicast(self.server.server))
        #expect(release.messageType == .release && release.clientAddress == lease.address)
        #expect(release.options.serverIdentifier == self.server.server)
        #expect(release.options.clientIdentifier == [1] + Self.mac)
        #expect(release.options.parameterRequestList.isEmpty && release.options.requestedAddress == nil)
        #expect(fixture.stop(at: .seconds(6)) == [])
        #expect(fixture.machine.lease == nil)
    }

    @Test("stop while acquiring only cancels the timer")
    func stopWhileSelecting() {
        var fixture = Fixture()
        _ = fixture.start()
        #expect(fixture.stop(at: .milliseconds(10)) == [.cancelTimer])
        #expect(fixture.stop(at: .milliseconds(20)) == [])
    }

    @Test("a configured client identifier and host name go into every request")
    func configuredIdentity() throws {
        var machine = Machine(
            hardwareAddress: Self.mac,
            configuration: DHCPClientConfiguration(clientIdentifier: [0, 65, 66], hostName: "gateway-7"))
        var random = FixedXIDGenerator(xids: [1])
        let (discover, _) = try Self.unwrap(Self.sent(machine.start(now: .zero, random: &random)))
        #expect(discover.options.clientIdentifier == [0, 65, 66])
        #expect(discover.options.hostName == "gateway-7")
    }
}

@Suite("DHCP leases")
struct DHCPLeaseTests {
    static func ack(_ options: DHCPOptions, address: IPv4Address = IPv4Address(10, 1, 2, 3)) -> DHCPMessage {
        var options = options
        options.messageType = .ack
        options.serverIdentifier = options.serverIdentifier ?? IPv4Address(10, 1, 2, 1)
        return DHCPMessage(
            operation: .reply, xid: 1, yourAddress: address, clientHardwareAddress: [2, 0, 0, 0, 0, 1],
            options: options)
    }

    @Test("T1 and T2 default to 1/2 and 7/8 of the lease, and inconsistent ones are replaced")
    func times() throws {
        let plain = try #require(DHCPLease(ack: Self.ack(DHCPOptions(leaseTime: 800)), start: .zero))
        #expect(plain.renewalTime == .seconds(400) && plain.rebindingTime == .seconds(700))
        let backwards = try #require(
            DHCPLease(ack: Self.ack(DHCPOptions(leaseTime: 800, renewalTime: 750, rebindingTime: 900)), start: .zero))
        #expect(backwards.rebindingTime == .seconds(700) && backwards.renewalTime == .seconds(400))
        #expect(DHCPLease(ack: Self.ack(DHCPOptions(leaseTime: 0)), start: .zero) == nil)
    }

    @Test("the prefix comes from the mask, or the address's class without a usable one")
    func prefixLength() throws {
        func prefix(_ mask: IPv4Address?, _ address: IPv4Address) -> Int? {
            DHCPLease(ack: Self.ack(DHCPOptions(subnetMask: mask, leaseTime: 60), address: address), start: .zero)?
                .prefixLength
        }
        #expect(prefix(IPv4Address(255, 255, 254, 0), IPv4Address(10, 0, 0, 5)) == 23)
        #expect(prefix(IPv4Address(255, 255, 255, 255), IPv4Address(10, 0, 0, 5)) == 32)
        #expect(prefix(nil, IPv4Address(10, 0, 0, 5)) == 8)
        #expect(prefix(nil, IPv4Address(172, 16, 0, 5)) == 16)
        #expect(prefix(nil, IPv4Address(198, 18, 0, 5)) == 24)
        #expect(prefix(IPv4Address(255, 0, 255, 0), IPv4Address(192, 0, 2, 5)) == 24, "non-contiguous mask")
    }

    @Test("an ACK without an address or server identifier is no lease")
    func incomplete() {
        #expect(
            DHCPLease(ack: Self.ack(DHCPOptions(leaseTime: 60), address: IPv4Address(value: 0)), start: .zero) == nil)
        var noServer = Self.ack(DHCPOptions(leaseTime: 60))
        noServer.options.serverIdentifier = nil
        #expect(DHCPLease(ack: noServer, start: .zero) == nil)
        #expect(DHCPLease(ack: noServer, start: .zero, serverIdentifier: IPv4Address(10, 1, 2, 1)) != nil)
    }
}

import UplinkCore

/// uplink's DHCPv4 client (RFC 2131 §4.4, figure 5) as a value: one method per event, each
/// returning the actions its driver performs in order. It never reads a clock, draws a random
/// number of its own, touches a socket or sleeps: time is manager time handed to every event, and
/// transaction ids and jitter come from the generator handed to it, so every path is unit-tested
/// without waiting.
///
/// Why a client inside uplink at all: the goal is a median of 15 ms from "connect" to the interface
/// reported ready. ConnMan needs 16.7 ms, NetworkManager 34.9 ms, a bare `dhclient -1` 36.7 ms just
/// to the lease, udhcpc 120 ms and a tuned dhcpcd 40 ms: forking them and running their scripts
/// costs more than the exchange, which takes about a millisecond against dnsmasq on a veth. So the
/// client lives in the process, sends its first message at once and never writes resolv.conf.
///
/// The RFC's INIT and INIT-REBOOT states last no time here: `start` sends the DISCOVER (or the
/// INIT-REBOOT REQUEST) at once, so the machine is found in SELECTING or REBOOTING. It takes the
/// first offer, as RFC 2131 §4.4.1 allows, and does not ARP-probe the address it is given (no
/// DHCPDECLINE): dnsmasq and most servers check before they offer, and a probe would cost at
/// least a second.
///
/// One timer serves every state: a retransmission, T1, T2 or the lease's end. Every event that
/// moves it says so with `.setTimer` or `.cancelTimer`.
public struct DHCPClientStateMachine: Hashable, Sendable {
    /// Where the client is.
    public enum State: Hashable, Sendable {
        /// Not running. `previousLease` is a lease whose carrier went away: it is still on the
        /// interface, and the next `start` confirms it with INIT-REBOOT instead of discovering.
        case stopped(previousLease: DHCPLease?)
        /// SELECTING: DISCOVERs sent, waiting for an offer.
        case selecting(Transaction)
        /// REQUESTING: a REQUEST for `offered` from `server` sent, waiting for its ACK.
        case requesting(Transaction, offered: IPv4Address, server: IPv4Address)
        /// REBOOTING: the INIT-REBOOT REQUEST for `previous` sent, waiting for the ACK that
        /// confirms it (or a NAK that sends the client back to discovering).
        case rebooting(Transaction, previous: DHCPLease)
        /// BOUND: the lease is on the interface; the timer is at T1.
        case bound(DHCPLease)
        /// RENEWING: after T1, REQUESTs go to the server that granted the lease.
        case renewing(DHCPLease, Transaction)
        /// REBINDING: after T2, REQUESTs are broadcast to any server.
        case rebinding(DHCPLease, Transaction)
    }

    /// One message being sent until it is answered: what to resend, and when.
    public struct Transaction: Hashable, Sendable {
        /// The message as last sent; a retransmission changes only `secs`.
        public var message: DHCPMessage
        /// Where it goes.
        public var destination: Destination
        /// When the client began this acquisition or renewal, for `secs`.
        public var processStart: Duration
        /// When this message was first sent: the start of the lease it asks for.
        public var firstSent: Duration
        /// How many times it has been sent.
        public var transmissions: Int
        /// When to send it again, or give up on it.
        public var nextTransmission: Duration
    }

    /// How a message leaves the client.
    public enum Destination: Hashable, Sendable {
        /// A link-layer broadcast to 255.255.255.255 from the client's own IP headers: the client has
        /// no address yet, or (REBINDING) wants any server.
        case broadcast
        /// An ordinary UDP datagram to this server's port 67, routed by the kernel from the leased
        /// address (RENEWING, RELEASE).
        case unicast(IPv4Address)
    }

    /// What the driver must do.
    public enum Action: Hashable, Sendable {
        /// Send this message.
        case send(DHCPMessage, Destination)
        /// Arm the timer for this manager time, replacing any armed one; then call `timerFired`.
        case setTimer(at: Duration)
        /// Disarm the timer.
        case cancelTimer
        /// Put the lease on the interface: address with its lifetimes, default route; also to
        /// refresh the lifetimes after a renewal.
        case configure(DHCPLease)
        /// Take the lease's address and route off the interface.
        case deconfigure(DHCPLease)
        /// The client is bound for the first time since `start`: the try has succeeded.
        case bound(DHCPLease)
        /// The client gave up before it got a lease; a later try may fare better.
        case failed(reason: String)
        /// A lease that was bound has ended (refused by the server, or expired); it is off the
        /// interface already.
        case lost(reason: String)
    }

    /// The DHCP client port.
    public static let clientPort: UInt16 = 68
    /// The DHCP server port.
    public static let serverPort: UInt16 = 67

    /// The current state.
    public private(set) var state: State = .stopped(previousLease: nil)
    /// The interface's MAC, for `chaddr` and the default client identifier.
    public let hardwareAddress: [UInt8]
    /// How the client asks and retries.
    public let configuration: DHCPClientConfiguration
    /// DHCPNAKs received since `start`.
    private var refusals = 0

    /// - Parameters:
    ///   - hardwareAddress: the interface's MAC (6 bytes for Ethernet).
    ///   - configuration: how to ask and retry.
    ///   - previousLease: a lease still on the interface from before, to confirm at `start`.
    public init(
        hardwareAddress: [UInt8],
        configuration: DHCPClientConfiguration = DHCPClientConfiguration(),
        previousLease: DHCPLease? = nil
    ) {
        self.hardwareAddress = hardwareAddress
        self.configuration = configuration
        self.state = .stopped(previousLease: previousLease)
    }

    /// The lease the client holds (bound, renewing, rebinding, or kept through a carrier loss).
    public var lease: DHCPLease? {
        switch self.state {
        case .stopped(let previous): previous
        case .rebooting(_, let previous): previous
        case .bound(let lease), .renewing(let lease, _), .rebinding(let lease, _): lease
        case .selecting, .requesting: nil
        }
    }

    // MARK: - Events

    /// The interface has carrier and the try begins: INIT-REBOOT with a kept lease that has time
    /// left, otherwise INIT. A no-op while the client is already running.
    public mutating func start(now: Duration, random: inout some RandomNumberGenerator) -> [Action] {
        guard case .stopped(let previous) = self.state else { return [] }
        self.refusals = 0
        if let previous, previous.expiresAt.map({ now < $0 }) ?? true {
            let request = self.rebootRequest(for: previous, xid: random.next(), now: now, processStart: now)
            let transaction = self.transaction(request, .broadcast, now: now, processStart: now, random: &random)
            self.state = .rebooting(transaction, previous: previous)
            return [.send(request, .broadcast), .setTimer(at: transaction.nextTransmission)]
        }
        var actions: [Action] = previous.map { [.deconfigure($0)] } ?? []
        actions += self.discover(now: now, processStart: now, random: &random)
        return actions
    }

    /// A DHCP message arrived on the interface. Anything that is not a reply to the client's current
    /// transaction (another xid, another MAC, a type the state does not expect) is ignored.
    public mutating func received(
        _ message: DHCPMessage,
        now: Duration,
        random: inout some RandomNumberGenerator
    ) -> [Action] {
        guard message.operation == .reply, let type = message.messageType else { return [] }
        switch self.state {
        case .stopped, .bound:
            return []
        case .selecting(let transaction):
            guard self.answers(transaction, message), type == .offer, !message.yourAddress.isUnspecified,
                let server = message.options.serverIdentifier
            else { return [] }
            let request = self.selectingRequest(
                offered: message.yourAddress, server: server, transaction: transaction, now: now)
            let next = self.transaction(
                request, .broadcast, now: now, processStart: transaction.processStart, random: &random)
            self.state = .requesting(next, offered: message.yourAddress, server: server)
            return [.send(request, .broadcast), .setTimer(at: next.nextTransmission)]
        case .requesting(let transaction, let offered, let server):
            guard self.answers(transaction, message), message.options.serverIdentifier.map({ $0 == server }) ?? true
            else { return [] }
            switch type {
            case .ack:
                guard message.yourAddress == offered,
                    let lease = DHCPLease(ack: message, start: transaction.firstSent, serverIdentifier: server)
                else { return [] }
                return self.bind(lease, now: now, announce: true)
            case .nak:
                return self.refused(message, now: now, processStart: transaction.processStart, random: &random)
            case .discover, .offer, .request, .decline, .release, .inform:
                return []
            }
        case .rebooting(let transaction, let previous):
            guard self.answers(transaction, message) else { return [] }
            switch type {
            case .ack:
                guard let lease = DHCPLease(ack: message, start: transaction.firstSent) else { return [] }
                let replaced: [Action] = lease.address == previous.address ? [] : [.deconfigure(previous)]
                return replaced + self.bind(lease, now: now, announce: true)
            case .nak:
                // The old network's address is wrong here (RFC 2131 §3.2): off it goes, then INIT.
                return [.deconfigure(previous)]
                    + self.refused(message, now: now, processStart: transaction.processStart, random: &random)
            case .discover, .offer, .request, .decline, .release, .inform:
                return []
            }
        case .renewing(let lease, let transaction), .rebinding(let lease, let transaction):
            guard self.answers(transaction, message) else { return [] }
            switch type {
            case .ack:
                guard
                    let renewed = DHCPLease(
                        ack: message, start: transaction.firstSent, serverIdentifier: lease.serverIdentifier)
                else { return [] }
                let replaced: [Action] = renewed.address == lease.address ? [] : [.deconfigure(lease)]
                return replaced + self.bind(renewed, now: now, announce: false)
            case .nak:
                self.state = .stopped(previousLease: nil)
                return [.cancelTimer, .deconfigure(lease), .lost(reason: Self.refusal(message))]
            case .discover, .offer, .request, .decline, .release, .inform:
                return []
            }
        }
    }

    /// The timer armed by the last `.setTimer` went off: retransmit, give up, renew, rebind or let
    /// the lease go, whichever is due. A timer that fires early (or late, for a stale one) does only
    /// what is due at `now`.
    public mutating func timerFired(now: Duration, random: inout some RandomNumberGenerator) -> [Action] {
        switch self.state {
        case .stopped:
            return []
        case .selecting(let transaction):
            guard now >= transaction.nextTransmission else { return [.setTimer(at: transaction.nextTransmission)] }
            guard transaction.transmissions < self.configuration.discoverTransmissions else {
                self.state = .stopped(previousLease: nil)
                let waited = Self.seconds(now - transaction.processStart)
                return [.cancelTimer, .failed(reason: "no DHCP offer in \(waited)")]
            }
            return self.retransmit(transaction, now: now, random: &random) { .selecting($0) }
        case .requesting(let transaction, let offered, let server):
            guard now >= transaction.nextTransmission else { return [.setTimer(at: transaction.nextTransmission)] }
            guard transaction.transmissions < self.configuration.requestTransmissions else {
                // The server went quiet after its offer: start over (RFC 2131 §3.1, step 4).
                return self.discover(now: now, processStart: transaction.processStart, random: &random)
            }
            return self.retransmit(transaction, now: now, random: &random) {
                .requesting($0, offered: offered, server: server)
            }
        case .rebooting(let transaction, let previous):
            guard now >= transaction.nextTransmission else { return [.setTimer(at: transaction.nextTransmission)] }
            guard transaction.transmissions < self.configuration.rebootTransmissions else {
                // No server vouches for the old lease; it may belong to another network.
                return [.deconfigure(previous)]
                    + self.discover(now: now, processStart: transaction.processStart, random: &random)
            }
            return self.retransmit(transaction, now: now, random: &random) { .rebooting($0, previous: previous) }
        case .bound(let lease):
            guard let renewAt = lease.renewAt else { return [.cancelTimer] }
            guard now >= renewAt else { return [.setTimer(at: renewAt)] }
            return self.renew(lease, now: now, random: &random)
        case .renewing(let lease, let transaction):
            if let rebindAt = lease.rebindAt, now >= rebindAt { return self.rebind(lease, now: now, random: &random) }
            guard now >= transaction.nextTransmission else { return [.setTimer(at: transaction.nextTransmission)] }
            return self.retransmitRenewal(transaction, until: lease.rebindAt, now: now) { .renewing(lease, $0) }
        case .rebinding(let lease, let transaction):
            if let expiresAt = lease.expiresAt, now >= expiresAt {
                self.state = .stopped(previousLease: nil)
                return [.cancelTimer, .deconfigure(lease), .lost(reason: "DHCP lease expired")]
            }
            guard now >= transaction.nextTransmission else { return [.setTimer(at: transaction.nextTransmission)] }
            return self.retransmitRenewal(transaction, until: lease.expiresAt, now: now) { .rebinding(lease, $0) }
        }
    }

    /// The interface lost its carrier. A client that was acquiring stops sending; one that held a
    /// lease keeps it on the interface (the kernel keeps IPv4 addresses through a carrier loss) for
    /// the INIT-REBOOT of the next `start`, which is the fast way back on the same network.
    public mutating func carrierLost(now: Duration) -> [Action] {
        switch self.state {
        case .stopped:
            return []
        case .selecting, .requesting:
            self.state = .stopped(previousLease: nil)
        case .rebooting(_, let previous):
            self.state = .stopped(previousLease: previous)
        case .bound(let lease), .renewing(let lease, _), .rebinding(let lease, _):
            self.state = .stopped(previousLease: lease)
        }
        return [.cancelTimer]
    }

    /// The try is over or the binding disconnects: a held lease is released (RFC 2131 §4.4.6) and
    /// taken off the interface, and the client forgets it. Idempotent.
    public mutating func stop(now: Duration, random: inout some RandomNumberGenerator) -> [Action] {
        let held = self.lease
        let wasRunning: Bool
        if case .stopped = self.state { wasRunning = false } else { wasRunning = true }
        self.state = .stopped(previousLease: nil)
        guard let held else { return wasRunning ? [.cancelTimer] : [] }
        return [
            .cancelTimer, .send(self.release(held, xid: random.next()), .unicast(held.serverIdentifier)),
            .deconfigure(held),
        ]
    }

    // MARK: - Transitions

    private mutating func discover(
        now: Duration,
        processStart: Duration,
        random: inout some RandomNumberGenerator
    ) -> [Action] {
        let message = self.discoverMessage(xid: random.next(), now: now, processStart: processStart)
        let transaction = self.transaction(message, .broadcast, now: now, processStart: processStart, random: &random)
        self.state = .selecting(transaction)
        return [.send(message, .broadcast), .setTimer(at: transaction.nextTransmission)]
    }

    private mutating func bind(_ lease: DHCPLease, now: Duration, announce: Bool) -> [Action] {
        self.state = .bound(lease)
        var actions: [Action] = [.configure(lease)]
        if announce { actions.append(.bound(lease)) }
        if let renewAt = lease.renewAt {
            actions.append(.setTimer(at: max(renewAt, now)))
        } else {
            actions.append(.cancelTimer)
        }
        return actions
    }

    private mutating func refused(
        _ message: DHCPMessage,
        now: Duration,
        processStart: Duration,
        random: inout some RandomNumberGenerator
    ) -> [Action] {
        self.refusals += 1
        guard self.refusals < self.configuration.refusalsBeforeFailure else {
            self.state = .stopped(previousLease: nil)
            return [.cancelTimer, .failed(reason: Self.refusal(message))]
        }
        return self.discover(now: now, processStart: processStart, random: &random)
    }

    private mutating func renew(_ lease: DHCPLease, now: Duration, random: inout some RandomNumberGenerator) -> [Action]
    {
        let message = self.renewalRequest(for: lease, xid: random.next(), now: now, processStart: now)
        let destination = Destination.unicast(lease.serverIdentifier)
        let transaction = Transaction(
            message: message,
            destination: destination,
            processStart: now,
            firstSent: now,
            transmissions: 1,
            nextTransmission: self.renewalRetransmission(now: now, until: lease.rebindAt)
        )
        self.state = .renewing(lease, transaction)
        return [.send(message, destination), .setTimer(at: transaction.nextTransmission)]
    }

    private mutating func rebind(_ lease: DHCPLease, now: Duration, random: inout some RandomNumberGenerator)
        -> [Action]
    {
        let message = self.renewalRequest(for: lease, xid: random.next(), now: now, processStart: now)
        let transaction = Transaction(
            message: message,
            destination: .broadcast,
            processStart: now,
            firstSent: now,
            transmissions: 1,
            nextTransmission: self.renewalRetransmission(now: now, until: lease.expiresAt)
        )
        self.state = .rebinding(lease, transaction)
        return [.send(message, .broadcast), .setTimer(at: transaction.nextTransmission)]
    }

    private mutating func retransmit(
        _ transaction: Transaction,
        now: Duration,
        random: inout some RandomNumberGenerator,
        into state: (Transaction) -> State
    ) -> [Action] {
        var next = transaction
        next.message.secondsElapsed = Self.secondsElapsed(since: transaction.processStart, now: now)
        next.transmissions += 1
        next.nextTransmission =
            now + self.jittered(self.configuration.retransmissionDelay(after: next.transmissions), &random)
        self.state = state(next)
        return [.send(next.message, next.destination), .setTimer(at: next.nextTransmission)]
    }

    private mutating func retransmitRenewal(
        _ transaction: Transaction,
        until boundary: Duration?,
        now: Duration,
        into state: (Transaction) -> State
    ) -> [Action] {
        var next = transaction
        next.message.secondsElapsed = Self.secondsElapsed(since: transaction.processStart, now: now)
        next.transmissions += 1
        next.nextTransmission = self.renewalRetransmission(now: now, until: boundary)
        self.state = state(next)
        return [.send(next.message, next.destination), .setTimer(at: next.nextTransmission)]
    }

    // MARK: - Helpers

    /// A transaction for a message sent now, with the wait before its retransmission.
    private func transaction(
        _ message: DHCPMessage,
        _ destination: Destination,
        now: Duration,
        processStart: Duration,
        random: inout some RandomNumberGenerator
    ) -> Transaction {
        Transaction(
            message: message,
            destination: destination,
            processStart: processStart,
            firstSent: now,
            transmissions: 1,
            nextTransmission: now + self.jittered(self.configuration.retransmissionDelay(after: 1), &random)
        )
    }

    /// RFC 2131 §4.4.5: in RENEWING and REBINDING, wait half the time left until T2 (or the lease's
    /// end), but at least the minimum; and never past that boundary, where the next state begins.
    private func renewalRetransmission(now: Duration, until boundary: Duration?) -> Duration {
        guard let boundary else { return now + self.configuration.minimumRenewalRetransmission }
        let half = (boundary - now) / 2
        return min(now + max(half, self.configuration.minimumRenewalRetransmission), boundary)
    }

    /// The delay scaled by up to ±`jitter`. The fraction is the generator's top 53 bits, spelled out
    /// rather than left to `Double.random`, so that a test's generator decides it exactly.
    private func jittered(_ delay: Duration, _ random: inout some RandomNumberGenerator) -> Duration {
        let fraction = Double(random.next() >> 11) * 0x1p-53
        return delay * (1 + self.configuration.jitter * (2 * fraction - 1))
    }

    /// Whether a reply answers the transaction: its xid, and the client's MAC in `chaddr`.
    private func answers(_ transaction: Transaction, _ message: DHCPMessage) -> Bool {
        message.xid == transaction.message.xid && message.clientHardwareAddress == self.hardwareAddress
    }

    private static func refusal(_ message: DHCPMessage) -> String {
        let server = message.options.serverIdentifier.map { " from \($0)" } ?? ""
        let why = message.options.message.map { ": \($0)" } ?? ""
        return "DHCPNAK\(server)\(why)"
    }

    static func secondsElapsed(since start: Duration, now: Duration) -> UInt16 {
        let seconds = max(now - start, .zero).components.seconds
        return UInt16(clamping: seconds)
    }

    /// Whole seconds, rounded up, as a reason shows a wait: "12 s".
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds + (attoseconds > 0 ? 1 : 0)) s"
    }
}

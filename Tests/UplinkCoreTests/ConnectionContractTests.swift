import Testing
import UplinkCore
import UplinkCoreTesting

/// `ConnectionContract` end to end: a scripted technology under a real `ConnectionManager`, so the
/// contract's timers run on the manager's clock and its reports go through the manager's queue.
@Suite("ConnectionContract")
@ManagerActor
struct ConnectionContractTests {
    let harness = ManagerHarness()
    private let technology: ScriptedTechnology
    let interface: InterfaceID

    /// eth0, admin-down with 192.0.2.10, not yet bound.
    init() {
        self.technology = ScriptedTechnology(kernel: self.harness.kernel)
        self.interface = self.harness.kernel.addLink("eth0", technology: .ethernet)
        self.harness.kernel.addAddress("192.0.2.10", to: self.interface.index)
    }

    var manager: ConnectionManager { self.harness.manager }
    var index: InterfaceIndex { self.interface.index }
    var activity: BindingActivity? { self.harness.status(self.interface)?.binding?.activity }
    var l4: [EventRecorder.Connectivity] { self.harness.recorder.connectivity(on: .any) }

    /// Binds eth0 through a contract with exact back-off (no jitter) unless told otherwise.
    func bind(
        flags: BindingFlags = [],
        connectTimeout: Duration? = .seconds(10),
        idleTimeout: Duration? = nil,
        backoff: RetryBackoff = RetryBackoff(jitter: 0)
    ) throws {
        let contract = ConnectionContract(
            self.technology,
            backoff: backoff,
            random: SeededRandomNumberGenerator(seed: 1)
        )
        try self.manager.bind(
            "eth0",
            to: contract,
            configuration: BindingConfiguration(flags: flags, connectTimeout: connectTimeout, idleTimeout: idleTimeout)
        )
        self.harness.recorder.reset()
    }

    /// Connects at the current time and lets the first try succeed.
    func connectAndSucceed() throws {
        try self.manager.connect(self.index)
        self.technology.succeed(try #require(self.technology.tries.last?.id))
        try #require(self.harness.isOperationallyUp(self.interface))
    }

    // MARK: - One attempt

    @Test("connect starts exactly one try, even with auto-connect forwarding a second connect")
    func connectStartsOneTry() throws {
        try self.bind()

        try self.manager.connect(self.index)

        #expect(self.technology.tries.map(\.at) == [.zero])
        #expect(self.harness.isAdminUp(self.interface))
        #expect(!self.harness.isOperationallyUp(self.interface))
        #expect(self.activity == .connecting(since: .zero, deadline: .seconds(10)))
    }

    @Test("failed tries are retried with back-off inside one attempt: at 0, 1 s, 3 s, 7 s")
    func subAttemptsWithBackoff() throws {
        try self.bind()
        try self.manager.connect(self.index)

        // Each try fails at once; the next starts after 1 s, then 2 s, then 4 s, not a moment sooner.
        for (count, wait) in [1, 2, 4].enumerated() {
            self.technology.failLast("no carrier")
            self.harness.advance(by: .seconds(wait) - .milliseconds(1))
            #expect(self.technology.tries.count == count + 1)
            self.harness.advance(by: .milliseconds(1))
            #expect(self.technology.tries.count == count + 2)
        }

        #expect(self.technology.tries.map(\.at) == [0, 1, 3, 7].map { .seconds($0) })
        #expect(self.technology.stops == [])
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("the activity goes connecting → retrying(at:) → connecting → connected")
    func activityThroughAnAttempt() throws {
        try self.bind()
        try self.manager.connect(self.index)
        #expect(self.activity == .connecting(since: .zero, deadline: .seconds(10)))

        self.technology.failLast("no carrier")
        #expect(self.activity == .retrying(at: .seconds(1), deadline: .seconds(10), lastFailure: "no carrier"))

        self.harness.advance(by: .seconds(1))
        #expect(self.activity == .connecting(since: .seconds(1), deadline: .seconds(10)))

        self.harness.advance(by: .milliseconds(500))
        self.technology.succeedLast()
        #expect(self.activity == .connected(since: .milliseconds(1500)))
        #expect(self.harness.isOperationallyUp(self.interface))
        #expect(self.l4 == [.connected("eth0")])

        // The deadline was cancelled by the success: nothing happens at 10 s.
        self.harness.advance(by: .seconds(20))
        #expect(self.harness.recorder.controlEvents == [])
        #expect(self.technology.stops == [])
    }

    @Test("with jitter the retries stay within ±20 % of the back-off")
    func retriesWithJitter() throws {
        try self.bind(connectTimeout: nil, backoff: RetryBackoff())
        try self.manager.connect(self.index)

        self.technology.failLast("no carrier")
        guard case .retrying(let at, nil, "no carrier") = self.activity else {
            Issue.record("not retrying: \(String(describing: self.activity))")
            return
        }
        #expect(at >= .milliseconds(800) && at < .milliseconds(1200))
        self.harness.advance(by: at - .nanoseconds(1))
        #expect(self.technology.tries.count == 1)
        self.harness.advance(by: .nanoseconds(1))
        #expect(self.technology.tries.map(\.at) == [.zero, at])
    }

    // MARK: - Timeout and fatal error

    @Test("the connect timeout stops the technology, emits one connectTimeout and auto-downs")
    func connectTimeout() throws {
        try self.bind(connectTimeout: .seconds(5))
        try self.manager.connect(self.index)

        // Tries at 0, 1 s and 3 s all fail; the next (at 7 s) would be past the 5 s deadline.
        for wait in [1, 2] {
            self.technology.failLast("no carrier")
            self.harness.advance(by: .seconds(wait))
        }
        self.technology.failLast("no carrier")
        self.harness.advance(by: .seconds(2) - .nanoseconds(1))
        #expect(self.technology.stops == [])
        #expect(self.harness.recorder.controlEvents == [])

        self.harness.advance(by: .nanoseconds(1))

        #expect(self.technology.stops == [.seconds(5)])
        #expect(self.harness.recorder.controlEvents == [.connectTimeout(self.interface)])
        #expect(!self.harness.isAdminUp(self.interface))
        #expect(self.activity == .failed(reason: "timed out"))

        // Nothing tries again afterwards.
        self.harness.advance(by: .seconds(60))
        #expect(self.technology.tries.map(\.at) == [0, 1, 3].map { .seconds($0) })
        #expect(self.harness.recorder.controlEvents == [.connectTimeout(self.interface)])
    }

    @Test("a try that never answers is stopped by the timeout too")
    func silentTryTimesOut() throws {
        try self.bind(connectTimeout: .seconds(3))
        try self.manager.connect(self.index)

        self.harness.advance(by: .seconds(3))

        #expect(self.technology.tries.count == 1)
        #expect(self.technology.stops == [.seconds(3)])
        #expect(self.harness.recorder.controlEvents == [.connectTimeout(self.interface)])
        #expect(!self.harness.isAdminUp(self.interface))
    }

    @Test("a non-retryable failure emits fatalError(reason), stops the technology and auto-downs")
    func fatalFailure() throws {
        try self.bind(flags: .persistent)
        try self.manager.connect(self.index)

        self.technology.failLast("no DHCP client installed", retryable: false)

        #expect(
            self.harness.recorder.controlEvents == [.fatalError(self.interface, reason: "no DHCP client installed")])
        #expect(self.technology.stops == [.zero])
        #expect(!self.harness.isAdminUp(self.interface))
        #expect(self.activity == .failed(reason: "no DHCP client installed"))
        self.harness.advance(by: .seconds(30))
        #expect(self.technology.tries.count == 1)
    }

    // MARK: - Loss and persistence

    @Test("a loss reconnects a persistent binding with a fresh attempt")
    func persistentLossReconnects() throws {
        try self.bind(flags: .persistent)
        try self.connectAndSucceed()
        self.harness.advance(by: .seconds(20))

        self.technology.loseConnection("carrier lost")

        #expect(self.technology.tries.map(\.at) == [.zero, .seconds(20)])
        #expect(self.technology.stops == [])
        #expect(self.activity == .connecting(since: .seconds(20), deadline: .seconds(30)))
        #expect(self.harness.isAdminUp(self.interface))

        self.technology.succeedLast()
        #expect(self.l4 == [.connected("eth0"), .disconnected("eth0"), .connected("eth0")])
        #expect(self.activity == .connected(since: .seconds(20)))
    }

    @Test("a loss of a non-persistent binding stops the technology, fails and auto-downs")
    func nonPersistentLossStops() throws {
        try self.bind()
        try self.connectAndSucceed()

        self.technology.loseConnection("carrier lost")

        #expect(self.technology.tries.count == 1)
        #expect(self.technology.stops == [.zero])
        #expect(self.activity == .failed(reason: "connection lost: carrier lost"))
        #expect(!self.harness.isAdminUp(self.interface))
        self.harness.advance(by: .seconds(30))
        #expect(self.technology.tries.count == 1)
    }

    @Test("a switch to another target is not a loss: the link going down meanwhile does not auto-down")
    func switchIsNotALoss() throws {
        try self.bind()
        try self.connectAndSucceed()

        self.technology.link?.switchTarget()
        self.technology.dropLink()

        #expect(self.technology.tries.count == 2)
        #expect(self.technology.stops.isEmpty)
        #expect(self.harness.isAdminUp(self.interface))
        #expect(self.activity == .connecting(since: .zero, deadline: .seconds(10)))
        self.technology.succeedLast()
        #expect(self.activity == .connected(since: .zero))
    }

    @Test("no reconnect while disconnecting: a disconnect followed by the loss stays down, even persistent")
    func noReconnectWhileDisconnecting() throws {
        try self.bind(flags: .persistent)
        try self.connectAndSucceed()

        try self.manager.disconnect(self.index)
        self.technology.loseConnection("disassociated")

        #expect(self.technology.tries.count == 1)
        #expect(self.technology.stops == [.zero])
        #expect(self.activity == .idle)
        #expect(!self.harness.isAdminUp(self.interface))
        #expect(self.l4 == [.connected("eth0"), .disconnected("eth0")])
        self.harness.advance(by: .seconds(30))
        #expect(self.technology.tries.count == 1)
    }

    @Test("disconnect during the back-off cancels the pending retry and the deadline")
    func disconnectDuringBackoff() throws {
        try self.bind()
        try self.manager.connect(self.index)
        self.technology.failLast("no carrier")

        try self.manager.disconnect(self.index)
        self.harness.advance(by: .seconds(30))

        #expect(self.technology.tries.count == 1)
        #expect(self.technology.stops == [.zero])
        #expect(self.harness.recorder.controlEvents == [])
        #expect(self.activity == .idle)
    }

    @Test("an idle timeout on a persistent binding counts as a loss: the contract reconnects")
    func persistentIdleTimeoutReconnects() throws {
        try self.bind(flags: .persistent, idleTimeout: .seconds(2))
        try self.connectAndSucceed()

        self.harness.advance(by: .seconds(2))

        #expect(self.harness.recorder.controlEvents == [.idleTimeout(self.interface)])
        #expect(self.harness.isAdminUp(self.interface))
        // The reference: an idle disconnect does not set DISCONNECTING, so a persistent binding
        // reconnects; the contract should start a new attempt.
        #expect(self.technology.tries.map(\.at) == [.zero, .seconds(2)])
        #expect(self.activity == .connecting(since: .seconds(2), deadline: .seconds(12)))
    }

    @Test("an idle timeout on a non-persistent binding stops the technology and auto-downs")
    func nonPersistentIdleTimeoutStops() throws {
        try self.bind(idleTimeout: .seconds(2))
        try self.connectAndSucceed()

        self.harness.advance(by: .seconds(2))

        #expect(self.harness.recorder.controlEvents == [.idleTimeout(self.interface)])
        #expect(self.technology.stops == [.seconds(2)])
        #expect(self.technology.tries.count == 1)
        #expect(!self.harness.isAdminUp(self.interface))
    }

    // MARK: - Reports and lifecycle

    @Test("a technology reporting success from inside startTry still connects (reports are queued)")
    func synchronousSuccess() throws {
        self.technology.succeedsAtOnce = true
        try self.bind()

        try self.manager.connect(self.index)

        #expect(self.technology.tries.count == 1)
        #expect(self.activity == .connected(since: .zero))
        #expect(self.harness.isOperationallyUp(self.interface))
        #expect(self.l4 == [.connected("eth0")])
        self.harness.advance(by: .seconds(20))
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("a late report from a stopped try is ignored")
    func lateReportIgnored() throws {
        try self.bind()
        try self.manager.connect(self.index)
        let first = try #require(self.technology.tries.last?.id)
        try self.manager.disconnect(self.index)

        self.technology.link?.trySucceeded(first)

        #expect(self.activity == .idle)
        self.harness.advance(by: .seconds(30))
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("removing the interface stops the technology and cancels its timers")
    func detachStops() throws {
        try self.bind()
        try self.manager.connect(self.index)
        self.technology.failLast("no carrier")

        self.harness.kernel.removeLink(self.index)

        #expect(self.technology.stops == [.zero])
        self.harness.advance(by: .seconds(30))
        #expect(self.technology.tries.count == 1)
        #expect(self.harness.recorder.controlEvents == [])
    }

    @Test("an interface that reappears starts afresh and connects again")
    func reattach() throws {
        try self.bind(flags: .noAutoConnect)
        try self.connectAndSucceed()
        self.harness.kernel.removeLink(self.index)

        let again = self.harness.kernel.addLink("eth0", technology: .ethernet)
        try self.manager.connect(again.index)
        self.technology.succeedLast()

        #expect(self.technology.tries.count == 2)
        #expect(self.harness.isOperationallyUp(again))
        #expect(self.harness.status(again)?.binding?.activity == .connected(since: .zero))
    }
}

/// A technology driven by the test: it records every try and stop, and reports outcomes only
/// when the test says so. Like a well-behaved technology it keeps the interface dormant until a
/// try succeeds, and makes it dormant again on stop or loss.
@ManagerActor
private final class ScriptedTechnology: ConnectivityTechnology {
    typealias TryID = ConnectionAttemptStateMachine.TryID

    let name = "scripted"
    /// Every try started, with the manager time it started at.
    private(set) var tries: [(id: TryID, at: Duration)] = []
    /// The manager time of every stop.
    private(set) var stops: [Duration] = []
    /// The link of the binding, once initialized.
    private(set) var link: ContractedLink?
    /// Succeed every try from inside `startTry`.
    var succeedsAtOnce = false

    private let kernel: FakeKernel

    init(kernel: FakeKernel) {
        self.kernel = kernel
    }

    func initialize(_ link: ContractedLink) {
        self.link = link
        self.setDormant(true)
    }

    func startTry(_ id: TryID, on link: ContractedLink) {
        self.link = link
        self.tries.append((id, link.binding?.now ?? .zero))
        if self.succeedsAtOnce { self.succeed(id) }
    }

    func stop(_ link: ContractedLink) {
        self.stops.append(link.binding?.now ?? .zero)
        self.setDormant(true)
    }

    /// The try associated: the interface comes out of dormancy and the contract hears of it.
    func succeed(_ id: TryID) {
        self.setDormant(false)
        self.link?.trySucceeded(id)
    }

    func succeedLast() {
        guard let id = self.tries.last?.id else {
            Issue.record("no try to succeed")
            return
        }
        self.succeed(id)
    }

    func failLast(_ reason: String, retryable: Bool = true) {
        guard let id = self.tries.last?.id else {
            Issue.record("no try to fail")
            return
        }
        self.link?.tryFailed(id, reason: reason, retryable: retryable)
    }

    /// The link goes dormant without a report, as a radio does when it leaves a network.
    func dropLink() {
        self.setDormant(true)
    }

    /// The connection dropped: the interface goes dormant and the contract hears of it.
    func loseConnection(_ reason: String) {
        self.setDormant(true)
        self.link?.connectionLost(reason: reason)
    }

    private func setDormant(_ dormant: Bool) {
        guard let interface = self.link?.interface else { return }
        self.kernel.setDormant(dormant, interface.index)
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting

/// The manager's own timer task (`startTimers()`), its event stream (`events()`), and the harness's
/// stepping of time.
///
/// These are the only tests that let the manager run work in a task of its own. They never sleep:
/// they wait for an event on `manager.events()` or for a stream of their own, or let other tasks run
/// with a bounded number of `Task.yield()`s. The time limit only guards against a hang.
@Suite("ConnectionManager timers and event stream", .timeLimit(.minutes(1)))
@ManagerActor
struct ManagerTimerTests {
    let harness = ManagerHarness()
    let implementation: ScriptedImplementation
    let interface: InterfaceID

    /// eth0 with 192.0.2.20, bound to impl A with auto-connect off; nothing recorded yet.
    init() throws {
        self.implementation = ScriptedImplementation("A", kernel: self.harness.kernel)
        self.interface = self.harness.kernel.addLink("eth0", technology: .ethernet)
        self.harness.kernel.addAddress("192.0.2.20", to: self.interface.index)
        try self.harness.manager.bind(
            "eth0",
            to: self.implementation,
            configuration: BindingConfiguration(flags: .noAutoConnect)
        )
        self.harness.recorder.reset()
    }

    var manager: ConnectionManager { self.harness.manager }
    var clock: ManualClock { self.harness.clock }
    var index: InterfaceIndex { self.interface.index }

    /// Lets every other task that is ready run; bounded, never a sleep.
    func settle() async {
        for _ in 0..<100 { await Task.yield() }
    }

    /// Connects eth0 with a 5 s idle timeout, so one timer is scheduled for t = 5 s.
    func connectWithIdleTimer() throws {
        try self.manager.setIdleTimeout(.seconds(5), index: self.index)
        try self.manager.connect(self.index)
        try #require(self.harness.isOperationallyUp(self.interface))
        try #require(self.manager.nextDeadline == .seconds(5))
    }

    // MARK: - startTimers

    @Test("after startTimers the manager fires a due idle timer by itself")
    func firesByItself() async throws {
        self.manager.startTimers()
        defer { self.manager.stopTimers() }
        let events = self.manager.events()
        try self.connectWithIdleTimer()
        await self.settle()
        #expect(self.clock.sleeperCount == 1)

        // When only the clock moves (no fireDueTimers from the test)…
        self.clock.advance(by: .seconds(5))

        // …the idle timeout arrives on the event stream.
        var idleTimeouts: [InterfaceID] = []
        for await event in events {
            if case .idleTimeout(let interface) = event {
                idleTimeouts.append(interface)
                break
            }
        }
        #expect(idleTimeouts == [self.interface])
        #expect(self.harness.recorder.controlEvents == [.idleTimeout(self.interface)])
        #expect(!self.harness.isAdminUp(self.interface))

        // And with no timer left, nothing sleeps on the clock.
        await self.settle()
        #expect(self.manager.nextDeadline == nil)
        #expect(self.clock.sleeperCount == 0)
    }

    @Test("after stopTimers nothing fires by itself, and the timer is still due for fireDueTimers")
    func stopTimersStopsFiring() async throws {
        self.manager.startTimers()
        try self.connectWithIdleTimer()
        await self.settle()
        #expect(self.clock.sleeperCount == 1)

        self.manager.stopTimers()
        await self.settle()
        #expect(self.clock.sleeperCount == 0)

        self.clock.advance(by: .seconds(10))
        await self.settle()
        #expect(self.harness.recorder.controlEvents == [])
        #expect(self.manager.nextDeadline == .seconds(5))

        self.manager.fireDueTimers()
        #expect(self.harness.recorder.controlEvents == [.idleTimeout(self.interface)])
    }

    @Test("no task sleeps on the clock while no timer is scheduled")
    func noSleeperWithoutTimers() async throws {
        self.manager.startTimers()
        defer { self.manager.stopTimers() }
        await self.settle()
        #expect(self.clock.sleeperCount == 0)

        try self.connectWithIdleTimer()
        await self.settle()
        #expect(self.clock.sleeperCount == 1)

        // Turning the idle timeout off cancels the only timer: the sleeper goes too.
        try self.manager.setIdleTimeout(nil, index: self.index)
        await self.settle()
        #expect(self.manager.nextDeadline == nil)
        #expect(self.clock.sleeperCount == 0)
    }

    @Test("an implementation cancelling the only timer outside a command releases the sleeper")
    func cancelOutsideCommandReleasesSleeper() async throws {
        let binding = try #require(self.manager.binding(for: self.index))
        self.manager.startTimers()
        defer { self.manager.stopTimers() }
        let timer = binding.schedule(after: .seconds(5)) {}
        await self.settle()
        #expect(self.clock.sleeperCount == 1)

        binding.cancel(timer)
        await self.settle()

        #expect(self.manager.nextDeadline == nil)
        #expect(self.clock.sleeperCount == 0)
    }

    @Test("a timer scheduled earlier than the one slept on is fired first, at its own deadline")
    func rearmsForEarlierTimer() async throws {
        let binding = try #require(self.manager.binding(for: self.index))
        let (fired, firing) = AsyncStream.makeStream(of: String.self)
        self.manager.startTimers()
        defer { self.manager.stopTimers() }
        binding.schedule(after: .seconds(10)) { firing.yield("late") }
        await self.settle()
        binding.schedule(after: .seconds(2)) { firing.yield("early") }
        await self.settle()
        #expect(self.clock.sleeperCount == 1)

        self.clock.advance(by: .seconds(2))
        var iterator = fired.makeAsyncIterator()
        #expect(await iterator.next() == "early")
        #expect(self.manager.nextDeadline == .seconds(10))

        self.clock.advance(by: .seconds(8))
        #expect(await iterator.next() == "late")
    }

    // MARK: - ManagerHarness.advance

    @Test("harness.advance fires a timer scheduled by a due timer at its own instant, not at the end")
    func advanceStepsThroughDeadlines() throws {
        let binding = try #require(self.manager.binding(for: self.index))
        let fired = TimeLog()
        binding.schedule(after: .seconds(1)) { [weak binding] in
            guard let binding else { return }
            fired.times.append(binding.now)
            binding.schedule(after: .seconds(1)) { fired.times.append(binding.now) }
        }

        self.harness.advance(by: .seconds(3))

        #expect(fired.times == [.seconds(1), .seconds(2)])
        #expect(self.manager.now == .seconds(3))
    }

    // MARK: - events()

    @Test("events() delivers every event, in the order the manager emitted them")
    func eventsInOrder() async throws {
        let events = self.manager.events()

        // Connect, lose the address, get it back, disconnect: several kinds of events.
        try self.manager.connect(self.index)
        self.harness.kernel.removeAddress("192.0.2.20", from: self.index)
        self.harness.kernel.addAddress("192.0.2.20", to: self.index)
        try self.manager.disconnect(self.index)
        let emitted = self.harness.recorder.events
        try #require(emitted.count >= 6)

        var received: [ManagerEvent] = []
        for await event in events {
            received.append(event)
            if received.count == emitted.count { break }
        }
        #expect(received == emitted)
    }

    @Test("events() stops delivering once its consumer is cancelled")
    func eventsStopAfterCancel() async throws {
        let events = self.manager.events()
        let consumer = Task { @ManagerActor in
            var received: [ManagerEvent] = []
            for await event in events { received.append(event) }
            return received
        }
        try self.manager.connect(self.index)
        let before = self.harness.recorder.take()
        await self.settle()

        consumer.cancel()
        let received = await consumer.value
        await self.settle()
        try self.manager.disconnect(self.index)

        #expect(received == before)
        #expect(!self.harness.recorder.events.isEmpty)
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }

    @Test("two event streams each get every event")
    func twoStreams() async throws {
        let first = self.manager.events()
        let second = self.manager.events()

        try self.manager.connect(self.index)
        let emitted = self.harness.recorder.events

        for stream in [first, second] {
            var received: [ManagerEvent] = []
            for await event in stream {
                received.append(event)
                if received.count == emitted.count { break }
            }
            #expect(received == emitted)
        }
    }
}

/// Times at which scheduled work ran.
@ManagerActor
private final class TimeLog {
    var times: [Duration] = []
}

import Glibc

/// Pending timed events of the single-threaded loop: the loop polls with the time to the
/// earliest deadline as its timeout and fires whatever is due when it wakes.
///
/// Times are monotonic milliseconds, so a wall-clock step cannot fire or hold back a scripted event.
struct TimerQueue<Event> {
    /// Identifies one scheduled event, to cancel it.
    typealias Identifier = Int

    private struct Entry {
        var identifier: Identifier
        var deadline: Int64
        var event: Event
    }

    private var entries: [Entry] = []
    private var lastIdentifier: Identifier = 0

    /// Monotonic milliseconds.
    static var now: Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }

    /// Schedules `event` `milliseconds` from now.
    mutating func schedule(after milliseconds: Int, _ event: Event) -> Identifier {
        self.schedule(at: Self.now + Int64(milliseconds), event)
    }

    /// Schedules `event` at a monotonic time.
    mutating func schedule(at deadline: Int64, _ event: Event) -> Identifier {
        self.lastIdentifier += 1
        self.entries.append(Entry(identifier: self.lastIdentifier, deadline: deadline, event: event))
        return self.lastIdentifier
    }

    /// Forgets a scheduled event; nothing happens if it already fired.
    mutating func cancel(_ identifier: Identifier?) {
        guard let identifier else { return }
        self.entries.removeAll { $0.identifier == identifier }
    }

    /// Milliseconds until the earliest deadline (0 if one has passed), or -1 (wait for ever) if
    /// nothing is scheduled: the timeout `poll` takes.
    var pollTimeout: Int32 {
        guard let earliest = self.entries.map(\.deadline).min() else { return -1 }
        return Int32(clamping: max(0, earliest - Self.now))
    }

    /// Removes and returns the earliest event that is due, so that an event scheduled while
    /// another fires is seen in deadline order.
    mutating func popDue() -> (Identifier, Event)? {
        let now = Self.now
        guard
            let index = self.entries.indices.filter({ self.entries[$0].deadline <= now })
                .min(by: { self.entries[$0].deadline < self.entries[$1].deadline })
        else { return nil }
        let entry = self.entries.remove(at: index)
        return (entry.identifier, entry.event)
    }
}

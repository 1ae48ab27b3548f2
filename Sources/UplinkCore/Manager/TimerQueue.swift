/// Deadlines on the manager's clock, earliest first.
///
/// A binary heap with lazy cancellation: scheduling and cancelling are O(log n) and O(1), so a
/// thousand bindings with idle timers cost no more per event than ten.
struct TimerQueue {
    private struct Entry {
        var deadline: Duration
        var id: TimerID
    }

    private var heap: [Entry] = []
    private var live: Set<TimerID> = []
    private var nextID: UInt64 = 0

    /// The earliest live deadline.
    var nextDeadline: Duration? {
        mutating get {
            self.dropCancelledTop()
            return self.heap.first?.deadline
        }
    }

    mutating func schedule(at deadline: Duration) -> TimerID {
        self.nextID += 1
        let id = TimerID(rawValue: self.nextID)
        self.live.insert(id)
        self.heap.append(Entry(deadline: deadline, id: id))
        self.siftUp(self.heap.count - 1)
        return id
    }

    mutating func cancel(_ id: TimerID) {
        self.live.remove(id)
    }

    /// Removes and returns the earliest timer due at `now`, if any. Timers with equal deadlines come
    /// out in the order they were scheduled.
    mutating func popDue(at now: Duration) -> TimerID? {
        self.dropCancelledTop()
        guard let top = self.heap.first, top.deadline <= now else { return nil }
        self.removeTop()
        self.live.remove(top.id)
        return top.id
    }

    private mutating func dropCancelledTop() {
        while let top = self.heap.first, !self.live.contains(top.id) {
            self.removeTop()
        }
    }

    private mutating func removeTop() {
        let last = self.heap.removeLast()
        guard !self.heap.isEmpty else { return }
        self.heap[0] = last
        self.siftDown(0)
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.deadline < b.deadline || (a.deadline == b.deadline && a.id.rawValue < b.id.rawValue)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(self.heap[child], self.heap[parent]) else { return }
            self.heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < self.heap.count && Self.precedes(self.heap[left], self.heap[first]) { first = left }
            if right < self.heap.count && Self.precedes(self.heap[right], self.heap[first]) { first = right }
            guard first != parent else { return }
            self.heap.swapAt(parent, first)
            parent = first
        }
    }
}

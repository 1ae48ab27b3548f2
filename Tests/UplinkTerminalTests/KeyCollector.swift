import Synchronization
import UplinkDashboard

/// Collects a screen's keys from a task, for a test to look at while it drives the terminal.
final class KeyCollector: Sendable {
    private let state = Mutex<(keys: [Key], ended: Bool)>(([], false))

    /// Starts reading the stream.
    func start(_ stream: AsyncStream<Key>) -> Task<Void, Never> {
        Task {
            for await key in stream {
                self.state.withLock { $0.keys.append(key) }
            }
            self.state.withLock { $0.ended = true }
        }
    }

    var keys: [Key] { self.state.withLock { $0.keys } }
    var ended: Bool { self.state.withLock { $0.ended } }
}

/// Waits until a condition holds, checking every 10 ms; false if it still does not after `timeout`.
/// A deadline for something to happen at all, not a measurement.
func eventually(within timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}

import Synchronization
import Testing
import UplinkLinux

/// Collects what a `SupplicantEventMonitor` reports, from the I/O loop's thread, for a test to wait on.
final class SupplicantNoticeRecorder: Sendable {
    private let recorded = Mutex<[SupplicantEventMonitor.Notice]>([])

    /// The handler to give the monitor.
    var handler: @Sendable (SupplicantEventMonitor.Notice) -> Void {
        { notice in self.recorded.withLock { $0.append(notice) } }
    }

    /// Everything reported so far, in order.
    var notices: [SupplicantEventMonitor.Notice] { self.recorded.withLock { $0 } }

    /// The messages reported so far, raw.
    var messages: [String] {
        self.notices.compactMap { notice in
            if case .message(let text) = notice { return text }
            return nil
        }
    }

    /// The reasons of the losses reported so far.
    var losses: [String] {
        self.notices.compactMap { notice in
            if case .lost(let why) = notice { return why }
            return nil
        }
    }

    /// Waits until a message contains `text` and returns it; records an issue and throws after `timeout`.
    @discardableResult
    func waitForMessage(
        containing text: String,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let message = self.messages.first(where: { $0.contains(text) }) { return message }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no message with \(text) within \(timeout); got \(self.notices)", sourceLocation: sourceLocation)
        throw SupplicantLab.Failure(description: "no message with \(text)")
    }

    /// Waits until a loss is reported and returns its reason; records an issue and throws after `timeout`.
    @discardableResult
    func waitForLoss(timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> String
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let why = self.losses.first { return why }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no loss within \(timeout); got \(self.notices)", sourceLocation: sourceLocation)
        throw SupplicantLab.Failure(description: "no loss reported")
    }
}

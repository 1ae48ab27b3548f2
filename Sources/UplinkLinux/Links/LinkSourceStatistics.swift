import Synchronization

/// Counts of what a link source's sessions went through, for diagnostics and for tests that must know
/// an overrun really happened. Shared by every stream a source makes; safe from any thread.
public final class LinkSourceStatistics: Sendable {
    /// The counts at one moment.
    public struct Counts: Hashable, Sendable {
        /// Dumps delivered as `.replaceAll`, the first of each stream included.
        public var dumps = 0
        /// Dumps delivered although the kernel marked them interrupted or notifications were lost while
        /// they ran; each was followed by another.
        public var inconsistentDumps = 0
        /// Times the notification socket overran (ENOBUFS) and notifications were lost.
        public var overruns = 0
        /// Batches of notifications delivered.
        public var notificationBatches = 0
        /// Streams whose sockets are open now: 0 once every stream has ended.
        public var openStreams = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    /// The counts now.
    public var current: Counts { self.counts.withLock { $0 } }

    func record(_ update: (inout Counts) -> Void) {
        self.counts.withLock { update(&$0) }
    }
}

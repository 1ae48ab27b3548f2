import Synchronization
import UplinkCore

/// A `LinkSource` whose dump and changes the test supplies: `send(_:)` delivers a batch to whoever
/// follows it, `finish(throwing:)` ends the stream as a closed netlink socket would.
public final class ScriptedLinkSource: LinkSource {
    private struct State {
        var table: LinkChange = .replaceAll([], addresses: [:])
        var continuations: [AsyncThrowingStream<[LinkChange], any Error>.Continuation] = []
    }

    private let state = Mutex(State())

    /// Makes a source whose dump is `table` (a `.replaceAll`).
    public init(table: LinkChange = .replaceAll([], addresses: [:])) {
        self.state.withLock { $0.table = table }
    }

    public func dump() async throws -> LinkChange {
        self.state.withLock { $0.table }
    }

    public func follow() -> AsyncThrowingStream<[LinkChange], any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [LinkChange].self)
        let table = self.state.withLock { state in
            state.continuations.append(continuation)
            return state.table
        }
        continuation.yield([table])
        return stream
    }

    /// Delivers a batch of changes to every follower.
    public func send(_ changes: [LinkChange]) {
        for continuation in self.state.withLock({ $0.continuations }) { continuation.yield(changes) }
    }

    /// Ends every follower's stream, with an error if given.
    public func finish(throwing error: (any Error)? = nil) {
        let continuations = self.state.withLock { state in
            defer { state.continuations.removeAll() }
            return state.continuations
        }
        for continuation in continuations { continuation.finish(throwing: error) }
    }
}

import UplinkCore

/// The device as a `LinkSource`: its kernel's table, then its changes, one batch per thing that
/// happened (a cable pulled, a lease configured), as one netlink read would bring them.
extension SimulatedDevice: LinkSource {
    /// Every link and its addresses as they are now, as one `.replaceAll`.
    public func dump() async throws -> LinkChange {
        self.kernel.dump()
    }

    /// The changes as they happen. The first batch is a complete `.replaceAll`, taken on the
    /// manager's actor at the moment of subscribing, so no change falls between it and the next
    /// batch. The stream never ends by itself (a simulated kernel loses no messages); cancelling
    /// its consumer unsubscribes.
    public nonisolated func follow() -> AsyncThrowingStream<[LinkChange], any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [LinkChange].self)
        Task { @ManagerActor [weak self] in
            guard let self else {
                continuation.finish()
                return
            }
            self.addFollower(continuation)
        }
        return stream
    }

    private func addFollower(_ continuation: AsyncThrowingStream<[LinkChange], any Error>.Continuation) {
        self.nextFollower += 1
        let token = self.nextFollower
        self.followers[token] = continuation
        continuation.onTermination = { _ in
            Task { @ManagerActor [weak self] in self?.followers[token] = nil }
        }
        continuation.yield([self.kernel.dump()])
    }

    /// Hands one batch of changes to every subscriber, synchronous sinks first.
    func publish(_ changes: [LinkChange]) {
        guard !changes.isEmpty else { return }
        for sink in self.sinks { sink(changes) }
        for continuation in self.followers.values { continuation.yield(changes) }
    }
}

import UplinkCore

/// A manager running in this process — over the simulated device or this machine's interfaces —
/// with the service a face uses.
@ManagerActor
protocol ManagerSession: AnyObject {
    /// The service faces use.
    var service: EmbeddedManagerService { get }
    /// The name of the device for headers.
    var deviceName: String { get }

    /// Starts following the link source; returns once the first complete picture (the dump) has
    /// been applied, so a snapshot taken then shows every interface.
    /// - Throws: the link source's error when the dump fails (no permission for netlink, say).
    func start() async throws

    /// Stops following and firing timers.
    func stop()
}

/// Feeds a link source into a manager from a task of its own, returning once the first batch — the
/// dump — has been applied, or throwing the source's error if it fails before that.
@ManagerActor
func follow(_ source: some LinkSource, into manager: ConnectionManager) async throws -> Task<Void, Never> {
    let stream = source.follow()
    var task: Task<Void, Never>?
    try await withCheckedThrowingContinuation { (firstBatch: CheckedContinuation<Void, any Error>) in
        task = Task { @ManagerActor in
            var isFirst = true
            do {
                for try await batch in stream {
                    manager.apply(batch)
                    if isFirst {
                        isFirst = false
                        firstBatch.resume()
                    }
                }
                if isFirst { firstBatch.resume() }
            } catch {
                if isFirst { firstBatch.resume(throwing: error) }
            }
        }
    }
    return task!
}

import UplinkCore

/// A technology whose tries succeed or fail when the test says so, for fixtures that need the
/// contract's real activity states: connecting with a deadline, retrying with a countdown.
@ManagerActor
final class ScriptedTechnology: ConnectivityTechnology {
    let name: String
    private var pending: [String: (ConnectionAttemptStateMachine.TryID, ContractedLink)] = [:]

    init(_ name: String) {
        self.name = name
    }

    func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        guard let interface = link.interface else { return }
        self.pending[interface.name] = (id, link)
    }

    func stop(_ link: ContractedLink) {
        guard let interface = link.interface else { return }
        self.pending[interface.name] = nil
    }

    /// Ends the running try of an interface successfully.
    func succeed(_ interface: String) {
        guard let (id, link) = self.pending.removeValue(forKey: interface) else { return }
        link.trySucceeded(id)
    }

    /// Ends the running try of an interface with a failure.
    func fail(_ interface: String, reason: String, retryable: Bool = true) {
        guard let (id, link) = self.pending.removeValue(forKey: interface) else { return }
        link.tryFailed(id, reason: reason, retryable: retryable)
    }
}

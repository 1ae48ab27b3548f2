/// One binding as its technology sees it under `ConnectionContract`: where the technology reports
/// the outcome of its tries and the loss of a connection, and keeps its own per-binding state.
///
/// Reports are queued behind whatever the manager is doing, so a technology may report from inside
/// `startTry` (a try that succeeds at once) as safely as from a task that finished later.
@ManagerActor
public final class ContractedLink {
    /// The binding; nil once the binding is gone.
    public private(set) weak var binding: Binding?
    /// Storage for the technology's per-binding state.
    public var technologyState: AnyObject?

    var machine: ConnectionAttemptStateMachine
    var deadlineTimer: TimerID?
    var retryTimer: TimerID?
    weak var contract: ConnectionContract?

    init(binding: Binding, contract: ConnectionContract, backoff: RetryBackoff) {
        self.binding = binding
        self.contract = contract
        self.machine = ConnectionAttemptStateMachine(backoff: backoff)
    }

    /// The interface the binding is attached to, if any.
    public var interface: InterfaceID? { self.binding?.interface }

    /// The interface's link as the kernel last reported it; nil while detached.
    public var snapshot: LinkSnapshot? { self.binding?.link }

    /// Where the binding is in its contract.
    public var state: ConnectionAttemptStateMachine.State { self.machine.state }

    /// The try succeeded: the link is connected.
    public func trySucceeded(_ id: ConnectionAttemptStateMachine.TryID) {
        self.deliver { link, now, _ in link.machine.trySucceeded(id, now: now) }
    }

    /// The try failed. Retryable failures are retried until the connect timeout; others end the
    /// attempt with a fatal error carrying `reason`.
    public func tryFailed(_ id: ConnectionAttemptStateMachine.TryID, reason: String, retryable: Bool = true) {
        self.deliver { link, now, randomFraction in
            link.machine.tryFailed(id, reason: reason, retryable: retryable, now: now, randomFraction: randomFraction)
        }
    }

    /// The connection was lost; the contract reconnects only a persistent, not disconnecting binding.
    public func connectionLost(reason: String) {
        self.deliver { link, now, _ in
            guard let binding = link.binding else { return [] }
            return link.machine.connectionLost(
                reason: reason,
                isPersistent: binding.flags.contains(.persistent),
                isDisconnecting: binding.isDisconnecting,
                now: now,
                timeout: binding.connectTimeout
            )
        }
    }

    /// The technology switches a connected binding to another target (another Wi-Fi network): a new
    /// attempt with the binding's connect timeout starts, without stopping the technology; see
    /// `ConnectionAttemptStateMachine.switchRequested`.
    public func switchTarget() {
        self.deliver { link, now, _ in
            link.machine.switchRequested(now: now, timeout: link.binding?.connectTimeout)
        }
    }

    /// The connection carried traffic (restarts the binding's idle timer).
    public func markUsed() {
        self.binding?.markUsed()
    }

    private func deliver(
        _ event: @escaping @ManagerActor (ContractedLink, Duration, Double) -> [ConnectionAttemptStateMachine.Action]
    ) {
        guard let binding = self.binding else { return }
        binding.enqueue { [weak self] in
            guard let self, let contract = self.contract, let binding = self.binding else { return }
            contract.execute(event(self, binding.now, contract.randomFraction()), on: self)
        }
    }
}

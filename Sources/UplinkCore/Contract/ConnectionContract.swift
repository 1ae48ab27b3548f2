/// Makes a `ConnectivityTechnology` into a `ConnectivityImplementation` that keeps the reference's
/// timeout and persistence contract, through one `ConnectionAttemptStateMachine` per binding.
///
/// Ethernet, Wi-Fi, cellular and the simulated technologies all go through it, so "one connect is
/// one attempt", "the timeout stops the technology retrying", "reconnect after a loss only when
/// persistent" and "never while disconnecting" are implemented and tested once.
@ManagerActor
public final class ConnectionContract: ConnectivityImplementation {
    /// The technology this contract drives.
    public let technology: any ConnectivityTechnology
    /// The back-off between tries of one attempt.
    public let backoff: RetryBackoff
    private var random: any RandomNumberGenerator

    /// - Parameters:
    ///   - technology: what makes the tries.
    ///   - backoff: the waits between tries.
    ///   - random: the injected source of jitter.
    public init(
        _ technology: any ConnectivityTechnology,
        backoff: RetryBackoff = RetryBackoff(),
        random: some RandomNumberGenerator
    ) {
        self.technology = technology
        self.backoff = backoff
        self.random = random
    }

    public var name: String { self.technology.name }

    public var reportsActivity: Bool { true }

    /// The contracted link of a binding, once it has been initialized.
    public func link(for binding: Binding) -> ContractedLink? {
        binding.context as? ContractedLink
    }

    public func initialize(_ binding: Binding) {
        let link = ContractedLink(binding: binding, contract: self, backoff: self.backoff)
        binding.context = link
        self.technology.initialize(link)
    }

    public func connect(_ binding: Binding) throws {
        let link = self.contractedLink(binding)
        self.execute(link.machine.connectRequested(now: binding.now, timeout: binding.connectTimeout), on: link)
    }

    /// Stops the binding. The manager disconnects without marking the binding as disconnecting only
    /// when its idle timeout ran out; that loss is unintended, as in the reference, so a persistent
    /// binding drops the connection and reconnects at once.
    public func disconnect(_ binding: Binding) throws {
        let link = self.contractedLink(binding)
        guard !binding.isDisconnecting, case .connected = link.machine.state else {
            self.execute(link.machine.disconnectRequested(), on: link)
            return
        }
        let isPersistent = binding.flags.contains(.persistent)
        let loss = link.machine.connectionLost(
            reason: "idle timeout",
            isPersistent: isPersistent,
            isDisconnecting: false,
            now: binding.now,
            timeout: binding.connectTimeout
        )
        // A persistent loss only starts a new attempt; the connection must be dropped first.
        self.execute(isPersistent ? [.stop] + loss : loss, on: link)
    }

    public func detach(_ binding: Binding) {
        guard let link = self.link(for: binding) else { return }
        self.execute(link.machine.disconnectRequested(), on: link)
    }

    public func linkChanged(_ binding: Binding, to link: LinkSnapshot) {
        guard let contracted = self.link(for: binding) else { return }
        self.technology.linkChanged(link, on: contracted)
    }

    public func hasConfiguration(_ binding: Binding) -> Bool {
        self.technology.hasConfiguration(self.contractedLink(binding))
    }

    public func setOption(_ option: Int, value: [UInt8], for binding: Binding) throws {
        try self.technology.setOption(option, value: value, for: self.contractedLink(binding))
    }

    public func getOption(_ option: Int, capacity: Int, for binding: Binding) throws -> [UInt8] {
        try self.technology.getOption(option, capacity: capacity, for: self.contractedLink(binding))
    }

    /// A link for a binding that was never initialized (it attached before an implementation
    /// replaced its context); made on first use so that no call is lost.
    private func contractedLink(_ binding: Binding) -> ContractedLink {
        if let link = self.link(for: binding) { return link }
        self.initialize(binding)
        return self.link(for: binding)!
    }

    func randomFraction() -> Double {
        Double.random(in: 0..<1, using: &self.random)
    }

    func execute(_ actions: [ConnectionAttemptStateMachine.Action], on link: ContractedLink) {
        guard let binding = link.binding else { return }
        for action in actions {
            switch action {
            case .startTry(let id):
                self.technology.startTry(id, on: link)
            case .stop:
                self.technology.stop(link)
            case .scheduleDeadline(let deadline):
                binding.cancel(link.deadlineTimer)
                link.deadlineTimer = binding.schedule(after: deadline - binding.now) { [weak self, weak link] in
                    guard let self, let link, let binding = link.binding else { return }
                    link.deadlineTimer = nil
                    self.execute(link.machine.deadlineFired(now: binding.now), on: link)
                }
            case .cancelDeadline:
                binding.cancel(link.deadlineTimer)
                link.deadlineTimer = nil
            case .scheduleRetry(let retryAt):
                binding.cancel(link.retryTimer)
                link.retryTimer = binding.schedule(after: retryAt - binding.now) { [weak self, weak link] in
                    guard let self, let link, let binding = link.binding else { return }
                    link.retryTimer = nil
                    self.execute(link.machine.retryTimerFired(now: binding.now), on: link)
                }
            case .cancelRetry:
                binding.cancel(link.retryTimer)
                link.retryTimer = nil
            case .raiseTimeout:
                binding.raiseTimeout()
            case .raiseFatalError(let reason):
                binding.raiseFatalError(reason)
            case .report(let activity):
                binding.report(activity)
            }
        }
    }
}

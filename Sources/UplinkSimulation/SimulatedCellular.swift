import UplinkCore

/// wwan0's connectivity technology: a simulated cellular modem, driven by the core's
/// `ConnectionContract`.
///
/// A try registers with the network (4 s, the link dormant meanwhile), then sets up the data
/// bearer (0.5 s) and gets 198.18.9.2/30. Without coverage the modem searches for 4 s and gives
/// the try up ("no cellular coverage"); coverage that comes back while it searches starts the
/// registration at once. Losing coverage drops the link, a lost connection. While the interface is
/// down the modem is off and a try waits for it to come up.
///
/// The received signal wanders while the modem is on and in coverage: every 5 s a step of up to
/// ±2 dB on the injected generator, pulled back towards -79 dBm when it strays beyond ±8 dB. It is
/// the one timer of the device that runs while nothing else changes, because it is part of the
/// world being modelled.
@ManagerActor
public final class SimulatedCellular: ConnectivityTechnology {
    /// Where the modem is.
    enum Phase {
        /// No try is running.
        case idle
        /// A try waits for the interface to come up (the modem is off while it is down).
        case waitingForPower(ConnectionAttemptStateMachine.TryID)
        /// A try searches for a network without coverage; gives up at the timer.
        case searching(ConnectionAttemptStateMachine.TryID, timer: TimerID?)
        /// A try registers with the network (the link is dormant); done at the timer.
        case registering(ConnectionAttemptStateMachine.TryID, timer: TimerID?)
        /// Registered; the data bearer comes up at the timer.
        case activatingBearer(ConnectionAttemptStateMachine.TryID, timer: TimerID?)
        /// The try succeeded: the bearer is up with its address.
        case connected
    }

    /// What the cellular network hands out: IPv4 only, as many operators do.
    public static let lease = SimulatedLease.make(
        ipv4: "198.18.9.2",
        prefixLength: 30,
        ipv6: nil,
        gateway: "198.18.9.1"
    )
    /// Where the signal's walk starts and what it is pulled back towards, in dBm.
    static let typicalSignal = -79

    public let name = "cellular"
    weak var device: SimulatedDevice?
    private(set) var phase: Phase = .idle
    /// The received signal in dBm; nil while the modem is off or out of coverage.
    public private(set) var signal: Int?
    private weak var link: ContractedLink?
    private var walkTimer: TimerID?

    init() {}

    public func initialize(_ link: ContractedLink) {
        self.link = link
    }

    public func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        self.link = link
        self.cancelTimer()
        self.begin(id)
    }

    public func stop(_ link: ContractedLink) {
        self.cancelTimer()
        self.phase = .idle
        guard let device = self.device else { return }
        device.setLowerLayer(of: SimulatedDevice.Interfaces.cellular, up: false)
        device.releaseLease(on: SimulatedDevice.Interfaces.cellular)
    }

    // MARK: - The modem

    /// The interface went up or down: the modem is switched on or off.
    func powerChanged() {
        guard let device = self.device else { return }
        self.updateSignalWalk()
        let isPowered = device.isAdminUp(SimulatedDevice.Interfaces.cellular)
        switch self.phase {
        case .waitingForPower(let id) where isPowered:
            self.begin(id)
        case .searching(let id, _) where !isPowered, .registering(let id, _) where !isPowered,
            .activatingBearer(let id, _) where !isPowered:
            self.cancelTimer()
            device.setLowerLayer(of: SimulatedDevice.Interfaces.cellular, up: false)
            self.phase = .waitingForPower(id)
        case .connected where !isPowered:
            self.lose("administratively down")
        case .idle, .waitingForPower, .searching, .registering, .activatingBearer, .connected:
            break
        }
    }

    /// Coverage was lost or came back.
    func coverageChanged() {
        guard let device = self.device else { return }
        self.updateSignalWalk()
        let hasCoverage = !device.isActive(.cellularCoverageLost)
        switch self.phase {
        case .searching(let id, _) where hasCoverage:
            self.cancelTimer()
            self.register(id)
        case .registering(let id, _) where !hasCoverage, .activatingBearer(let id, _) where !hasCoverage:
            self.cancelTimer()
            self.phase = .idle
            device.setLowerLayer(of: SimulatedDevice.Interfaces.cellular, up: false)
            self.link?.tryFailed(id, reason: "lost cellular coverage", retryable: true)
        case .connected where !hasCoverage:
            self.lose("lost cellular coverage")
        case .idle, .waitingForPower, .searching, .registering, .activatingBearer, .connected:
            break
        }
    }

    // MARK: - A try

    private func begin(_ id: ConnectionAttemptStateMachine.TryID) {
        guard let device = self.device else { return }
        guard device.isAdminUp(SimulatedDevice.Interfaces.cellular) else {
            self.phase = .waitingForPower(id)
            return
        }
        guard !device.isActive(.cellularCoverageLost) else {
            let timer = self.schedule(after: device.timings.cellularRegistration) { [weak self] in
                guard let self, case .searching(id, _) = self.phase else { return }
                self.phase = .idle
                self.link?.tryFailed(id, reason: "no cellular coverage", retryable: true)
            }
            self.phase = .searching(id, timer: timer)
            return
        }
        self.register(id)
    }

    private func register(_ id: ConnectionAttemptStateMachine.TryID) {
        guard let device = self.device else { return }
        device.setLowerLayer(of: SimulatedDevice.Interfaces.cellular, up: true, dormant: true)
        let timer = self.schedule(after: device.timings.cellularRegistration) { [weak self] in
            guard let self, let device = self.device, case .registering(id, _) = self.phase else { return }
            device.setLowerLayer(of: SimulatedDevice.Interfaces.cellular, up: true, dormant: false)
            let timer = self.schedule(after: device.timings.cellularBearer) { [weak self] in
                guard let self, let device = self.device, case .activatingBearer(id, _) = self.phase else { return }
                self.phase = .connected
                device.configureLease(Self.lease, on: SimulatedDevice.Interfaces.cellular)
                self.link?.trySucceeded(id)
            }
            self.phase = .activatingBearer(id, timer: timer)
        }
        self.phase = .registering(id, timer: timer)
    }

    /// The link dropped under a connection; the contract decides whether to reconnect.
    private func lose(_ reason: String) {
        self.phase = .idle
        self.device?.setLowerLayer(of: SimulatedDevice.Interfaces.cellular, up: false)
        self.link?.connectionLost(reason: reason)
    }

    // MARK: - The signal

    /// Runs the walk exactly while the modem is on and in coverage.
    private func updateSignalWalk() {
        guard let device = self.device else { return }
        let hears =
            device.isAdminUp(SimulatedDevice.Interfaces.cellular) && !device.isActive(.cellularCoverageLost)
        if hears, self.walkTimer == nil {
            self.signal = Self.typicalSignal + device.randomInteger(in: -3...3)
            self.scheduleSignalStep()
        } else if !hears {
            device.cancel(self.walkTimer)
            self.walkTimer = nil
            self.signal = nil
        }
    }

    private func scheduleSignalStep() {
        guard let device = self.device else { return }
        self.walkTimer = device.schedule(after: device.timings.cellularSignalStep) { [weak self] in
            guard let self, let device = self.device, let signal = self.signal else { return }
            var step = device.randomInteger(in: -2...2)
            if signal < Self.typicalSignal - 8 { step += 1 }
            if signal > Self.typicalSignal + 8 { step -= 1 }
            self.signal = min(max(signal + step, -113), -51)
            self.scheduleSignalStep()
        }
    }

    private func schedule(after delay: Duration, _ work: @escaping @ManagerActor () -> Void) -> TimerID? {
        self.link?.binding?.schedule(after: delay, work)
    }

    private func cancelTimer() {
        switch self.phase {
        case .searching(_, let timer), .registering(_, let timer), .activatingBearer(_, let timer):
            self.link?.binding?.cancel(timer)
        case .idle, .waitingForPower, .connected:
            break
        }
    }
}

import UplinkCore
import UplinkCoreTesting

/// A stand-in for Zephyr's NSOS connectivity implementation (native_sim offloaded sockets), the one
/// the reference's `tests/net/conn_mgr_nsos` suite drives, over a `FakeKernel`:
/// - `initialize` makes the interface dormant (not connected);
/// - `connect` makes it non-dormant after the connect delay, scheduled on the manager's clock;
///   a connect while one is pending or connected changes nothing (duplicates are idempotent);
/// - `disconnect` makes it dormant at once. A disconnect the manager did not mark as deliberate
///   (`Binding.isDisconnecting` clear: the idle timeout's) is an unintended loss, so a persistent
///   binding connects again after the delay, as the reference's NSOS reconnects by itself.
///
/// One option, `connectDelayOption` (0): the connect delay, as exactly 8 bytes holding the number of
/// milliseconds as a little-endian `Int64` (the reference stores a `k_timeout_t`). Default 1 s.
/// Any other option, a value that is not 8 bytes, room for fewer than 8 bytes or a negative delay
/// throws `ControlError(.invalidArgument)` — the reference's NSOS answers `-EINVAL` to all of them.
@ManagerActor
final class NSOSImplementation: ConnectivityImplementation {
    /// The connect delay option.
    nonisolated static let connectDelayOption = 0
    /// The size of the connect delay option's value, in bytes.
    nonisolated static let optionSize = 8
    /// The connect delay of a new binding.
    nonisolated static let defaultConnectDelay: Duration = .seconds(1)

    /// Per-binding state, kept in `Binding.context`.
    private final class State {
        var connectDelay = NSOSImplementation.defaultConnectDelay
        var pendingConnect: TimerID?
        var isConnected = false
    }

    let name = "nsos"
    private let kernel: FakeKernel

    init(kernel: FakeKernel) {
        self.kernel = kernel
    }

    /// Encodes a delay as the option's value: milliseconds, little-endian `Int64`.
    nonisolated static func encode(_ delay: Duration) -> [UInt8] {
        let milliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
        return withUnsafeBytes(of: milliseconds.littleEndian) { Array($0) }
    }

    /// Decodes the option's value; nil when it is not exactly 8 bytes.
    nonisolated static func decode(_ bytes: [UInt8]) -> Duration? {
        guard bytes.count == self.optionSize else { return nil }
        let raw = bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
        return .milliseconds(Int64(littleEndian: raw))
    }

    func initialize(_ binding: Binding) {
        binding.context = State()
        if let interface = binding.interface { self.kernel.setDormant(true, interface.index) }
    }

    func connect(_ binding: Binding) throws {
        let state = self.state(binding)
        guard state.pendingConnect == nil, !state.isConnected else { return }
        self.scheduleConnect(binding, state)
    }

    func disconnect(_ binding: Binding) throws {
        let state = self.state(binding)
        binding.cancel(state.pendingConnect)
        state.pendingConnect = nil
        state.isConnected = false
        if let interface = binding.interface { self.kernel.setDormant(true, interface.index) }
        if !binding.isDisconnecting && binding.flags.contains(.persistent) {
            self.scheduleConnect(binding, state)
        }
    }

    func detach(_ binding: Binding) {
        guard let state = binding.context as? State else { return }
        binding.cancel(state.pendingConnect)
        state.pendingConnect = nil
    }

    func setOption(_ option: Int, value: [UInt8], for binding: Binding) throws {
        try self.checkOption(option, binding)
        guard let delay = Self.decode(value), delay >= .zero else {
            throw ControlError(
                .invalidArgument,
                interface: binding.interfaceName,
                "the connect delay takes \(Self.optionSize) bytes of non-negative milliseconds, got \(value.count)"
            )
        }
        self.state(binding).connectDelay = delay
    }

    func getOption(_ option: Int, capacity: Int, for binding: Binding) throws -> [UInt8] {
        try self.checkOption(option, binding)
        guard capacity >= Self.optionSize else {
            throw ControlError(
                .invalidArgument,
                interface: binding.interfaceName,
                "the connect delay needs \(Self.optionSize) bytes, room was \(capacity)"
            )
        }
        return Self.encode(self.state(binding).connectDelay)
    }

    private func checkOption(_ option: Int, _ binding: Binding) throws(ControlError) {
        guard option == Self.connectDelayOption else {
            throw ControlError(.invalidArgument, interface: binding.interfaceName, "nsos has no option \(option)")
        }
    }

    private func scheduleConnect(_ binding: Binding, _ state: State) {
        state.pendingConnect = binding.schedule(after: state.connectDelay) { [weak self, weak binding, weak state] in
            guard let self, let binding, let state else { return }
            state.pendingConnect = nil
            state.isConnected = true
            if let interface = binding.interface { self.kernel.setDormant(false, interface.index) }
        }
    }

    private func state(_ binding: Binding) -> State {
        if let state = binding.context as? State { return state }
        let state = State()
        binding.context = state
        return state
    }
}

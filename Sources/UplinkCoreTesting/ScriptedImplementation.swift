import UplinkCore

/// The reference's test implementations (`conn_mgr_conn` impl A, B and NI, and the trivial one of
/// `conn_mgr_monitor`), driving a `FakeKernel`:
/// - `initialize` counts the call and makes the interface dormant (unless `hasInitialize` is false,
///   as impl NI has no init);
/// - `connect` counts, then throws the scripted error, schedules a fatal error or a timeout 100 ms
///   later, or makes the interface non-dormant (connected);
/// - `disconnect` counts, then throws the scripted error or makes the interface dormant;
/// - with `supportsOptions`, two string options X (0) and Y (1) of 50 bytes each.
@ManagerActor
public final class ScriptedImplementation: ConnectivityImplementation {
    /// What one binding is told to do, and what it did.
    public final class Script {
        /// Thrown by `connect` and `disconnect` when set.
        public var apiError: (any Error)?
        /// When set, `connect` raises a fatal error with this reason 100 ms later.
        public var fatalError: String?
        /// When set, `connect` raises a timeout 100 ms later.
        public var timesOut = false
        /// When set, `hasConfiguration` answers false.
        public var missingConfiguration = false
        /// Successful connects minus successful disconnects.
        public internal(set) var balance = 0
        var options: [Int: [UInt8]] = [:]

        init() {}
    }

    /// Option X.
    public static let optionX = 0
    /// Option Y.
    public static let optionY = 1
    /// The room each option has, in bytes.
    public static let optionCapacity = 50
    /// How long after `connect` a scripted timeout or fatal error is raised.
    public static let reportDelay: Duration = .milliseconds(100)

    public let name: String
    /// Whether this implementation has an `initialize` (impl NI does not).
    public let hasInitialize: Bool
    /// Whether this implementation takes options (only impl A does).
    public let supportsOptions: Bool
    /// Calls to `connect` and `disconnect`, over every binding.
    public private(set) var calls = 0
    /// Calls to `initialize`, over every binding.
    public private(set) var initializeCalls = 0
    /// Calls to `detach`, over every binding.
    public private(set) var detachCalls = 0

    private let kernel: FakeKernel
    private var scripts: [String: Script] = [:]

    public init(_ name: String, kernel: FakeKernel, hasInitialize: Bool = true, supportsOptions: Bool = false) {
        self.name = name
        self.kernel = kernel
        self.hasInitialize = hasInitialize
        self.supportsOptions = supportsOptions
    }

    /// The script for the binding of an interface name; it survives detaching.
    public func script(_ interfaceName: String) -> Script {
        if let script = self.scripts[interfaceName] { return script }
        let script = Script()
        self.scripts[interfaceName] = script
        return script
    }

    /// Forgets every counter and script (the reference's per-test reset).
    public func reset() {
        self.calls = 0
        self.initializeCalls = 0
        self.detachCalls = 0
        self.scripts.removeAll()
    }

    public func initialize(_ binding: Binding) {
        guard self.hasInitialize, let interface = binding.interface else { return }
        self.initializeCalls += 1
        self.kernel.setDormant(true, interface.index)
    }

    public func connect(_ binding: Binding) throws {
        self.calls += 1
        let script = self.script(binding.interfaceName)
        if let apiError = script.apiError { throw apiError }
        if let reason = script.fatalError {
            binding.schedule(after: Self.reportDelay) { [weak binding] in binding?.raiseFatalError(reason) }
            return
        }
        if script.timesOut {
            binding.schedule(after: Self.reportDelay) { [weak binding] in binding?.raiseTimeout() }
            return
        }
        script.balance += 1
        if let interface = binding.interface { self.kernel.setDormant(false, interface.index) }
    }

    public func disconnect(_ binding: Binding) throws {
        self.calls += 1
        let script = self.script(binding.interfaceName)
        if let apiError = script.apiError { throw apiError }
        script.balance -= 1
        if let interface = binding.interface { self.kernel.setDormant(true, interface.index) }
    }

    public func detach(_ binding: Binding) {
        self.detachCalls += 1
    }

    public func hasConfiguration(_ binding: Binding) -> Bool {
        !self.script(binding.interfaceName).missingConfiguration
    }

    /// Stores a value, truncated to the option's 50 bytes.
    public func setOption(_ option: Int, value: [UInt8], for binding: Binding) throws {
        try self.checkOption(option, binding)
        self.script(binding.interfaceName).options[option] = Array(value.prefix(Self.optionCapacity))
    }

    /// Reads a value as a NUL-terminated string cut to the room given: at most `capacity` bytes, the
    /// last of them the terminator. An option never set reads as the empty string.
    public func getOption(_ option: Int, capacity: Int, for binding: Binding) throws -> [UInt8] {
        try self.checkOption(option, binding)
        let stored = self.script(binding.interfaceName).options[option] ?? []
        let text = stored.prefix { $0 != 0 }
        return Array(text.prefix(max(capacity - 1, 0))) + [0]
    }

    private func checkOption(_ option: Int, _ binding: Binding) throws(ControlError) {
        guard self.supportsOptions else {
            throw ControlError(.notSupported, interface: binding.interfaceName, "\(self.name) has no options")
        }
        guard option == Self.optionX || option == Self.optionY else {
            throw ControlError(.noSuchOption, interface: binding.interfaceName, "\(self.name) has no option \(option)")
        }
    }
}

/// Bindings and the per-interface control API: connect, disconnect, flags, timeouts, options.
///
/// Error rules follow the reference (`conn_mgr_connectivity.c`) so its conformance scenarios port
/// one to one; where uplink departs from it the doc comment says so and why.
extension ConnectionManager {
    // MARK: - Bindings

    /// Binds the interface with this name — now or whenever it appears — to an implementation.
    ///
    /// A nil implementation records a binding whose configured implementation is not available: it
    /// counts as unbound everywhere, as the reference treats a binding with a NULL API.
    /// - Throws: `.invalidArgument` when the name is already bound or a timeout is negative.
    @discardableResult
    public func bind(
        _ interfaceName: String,
        to implementation: (any ConnectivityImplementation)?,
        configuration: BindingConfiguration = BindingConfiguration()
    ) throws(ControlError) -> Binding {
        if let existing = self.bindings[interfaceName] {
            let current = existing.implementation?.name ?? "an unavailable implementation"
            throw ControlError(.invalidArgument, interface: interfaceName, "already bound to \(current)")
        }
        try Self.validate(configuration.connectTimeout, "connect timeout", interfaceName)
        try Self.validate(configuration.idleTimeout, "idle timeout", interfaceName)
        let binding = Binding(
            interfaceName: interfaceName, implementation: implementation, configuration: configuration)
        binding.manager = self
        self.bindings[interfaceName] = binding
        self.perform {
            if let interface = self.monitor.interfaces.values.first(where: { $0.link.name == interfaceName }) {
                self.attach(binding, to: interface.id, catchingUp: true)
            }
        }
        return binding
    }

    /// Removes the binding for an interface name; a no-op when there is none.
    public func unbind(_ interfaceName: String) {
        guard let binding = self.bindings.removeValue(forKey: interfaceName) else { return }
        self.perform { self.detach(binding) }
    }

    /// The binding attached to an interface, usable or not.
    public func binding(for index: InterfaceIndex) -> Binding? {
        guard let name = self.monitor.interfaces[index]?.link.name, let binding = self.bindings[name],
            binding.interface?.index == index
        else { return nil }
        return binding
    }

    /// True when the interface has a binding with an available implementation.
    public func isBound(_ index: InterfaceIndex) -> Bool {
        self.binding(for: index)?.isBound ?? false
    }

    // MARK: - Connect and disconnect

    /// Connects an interface: brings it administratively up if needed, then asks its implementation
    /// to connect. Every call reaches the implementation, even while a connect is in progress.
    ///
    /// A non-persistent binding whose implementation has no configuration is not brought up and not
    /// connected: the manager emits `noConfiguration` and throws `.noConfiguration`.
    /// - Throws: `ControlError` (`.notSupported` when unbound, `.shutDown` when the interface cannot
    ///   be brought up, `.noConfiguration`), or the implementation's own error unchanged.
    public func connect(_ index: InterfaceIndex) throws {
        try self.perform { () throws in
            let (binding, interface) = try self.usableBinding(index, "connect")
            try self.connect(binding, interface)
        }
    }

    /// Disconnects an interface. On an administratively down interface this does nothing and
    /// succeeds; otherwise the binding is marked as disconnecting, so the loss that follows is
    /// expected: it is not reconnected, and auto-down takes the interface down even if persistent.
    /// - Throws: `.notSupported` when unbound, or the implementation's own error unchanged.
    public func disconnect(_ index: InterfaceIndex) throws {
        try self.perform { () throws in
            let (binding, interface) = try self.usableBinding(index, "disconnect")
            try self.disconnect(binding, interface)
        }
    }

    func connect(_ binding: Binding, _ interface: MonitoredInterface) throws {
        guard let implementation = binding.implementation else { return }
        if !binding.flags.contains(.persistent) && !implementation.hasConfiguration(binding) {
            self.emit(.noConfiguration(interface.id))
            if !implementation.reportsActivity { binding.activity = .failed(reason: "no configuration") }
            throw ControlError(
                .noConfiguration,
                interface: interface.link.name,
                "\(implementation.name) has no configuration to connect with"
            )
        }
        if !interface.link.isAdminUp {
            do {
                try self.linkControl.setAdminState(up: true, of: interface.id)
            } catch {
                throw ControlError(
                    .shutDown,
                    interface: interface.link.name,
                    "administratively down and could not be brought up: \(error)"
                )
            }
        }
        binding.isDisconnecting = false
        try implementation.connect(binding)
        guard !implementation.reportsActivity else { return }
        // Without reports, "connected" means the link is operationally up; a link that already is
        // will bring no edge to say so.
        if interface.link.isOperationallyUp {
            if case .connected = binding.activity { return }
            binding.activity = .connected(since: self.now)
            return
        }
        binding.activity = .connecting(since: self.now, deadline: binding.connectTimeout.map { self.now + $0 })
    }

    func disconnect(_ binding: Binding, _ interface: MonitoredInterface) throws {
        guard let implementation = binding.implementation, interface.link.isAdminUp else { return }
        binding.isDisconnecting = true
        try implementation.disconnect(binding)
        if !implementation.reportsActivity { binding.activity = .idle }
    }

    // MARK: - Admin state

    /// Brings an interface administratively up or down, bound or not. The change shows when the link
    /// source reports it, as the kernel's notification would.
    /// - Throws: `.invalidArgument` for an unknown interface, or the link control's error (for
    ///   example, a missing privilege) unchanged.
    public func setAdminState(up: Bool, index: InterfaceIndex) throws {
        try self.perform { () throws in
            guard let interface = self.monitor.interfaces[index] else {
                throw ControlError(.invalidArgument, "cannot set admin state: no interface with index \(index)")
            }
            try self.linkControl.setAdminState(up: up, of: interface.id)
        }
    }

    // MARK: - Flags

    /// Sets or clears binding flags.
    /// - Throws: `.notSupported` when the interface is not bound.
    public func setFlags(_ flags: BindingFlags, _ on: Bool, index: InterfaceIndex) throws(ControlError) {
        let (binding, _) = try self.usableBinding(index, "set flags")
        if on { binding.flags.formUnion(flags) } else { binding.flags.subtract(flags) }
    }

    /// The binding's flags; empty when the interface is not bound, as the reference answers false.
    public func flags(_ index: InterfaceIndex) -> BindingFlags {
        guard let binding = self.binding(for: index), binding.isBound else { return [] }
        return binding.flags
    }

    // MARK: - Timeouts

    /// Sets the connect timeout; nil or zero for none. Unlike the reference, negative values are
    /// refused rather than stored.
    /// - Throws: `.notSupported` when unbound, `.invalidArgument` for a negative timeout.
    public func setConnectTimeout(_ timeout: Duration?, index: InterfaceIndex) throws(ControlError) {
        let (binding, _) = try self.usableBinding(index, "set the connect timeout")
        try Self.validate(timeout, "connect timeout", binding.interfaceName)
        binding.connectTimeout = timeout == .zero ? nil : timeout
    }

    /// The connect timeout; nil when none is set or the interface is not bound.
    public func connectTimeout(_ index: InterfaceIndex) -> Duration? {
        guard let binding = self.binding(for: index), binding.isBound else { return nil }
        return binding.connectTimeout
    }

    /// Sets the idle timeout; nil or zero for none. Takes effect at once on a connected interface
    /// (the reference waits for the next connection).
    /// - Throws: `.notSupported` when unbound, `.invalidArgument` for a negative timeout.
    public func setIdleTimeout(_ timeout: Duration?, index: InterfaceIndex) throws(ControlError) {
        let (binding, interface) = try self.usableBinding(index, "set the idle timeout")
        try Self.validate(timeout, "idle timeout", binding.interfaceName)
        binding.idleTimeout = timeout == .zero ? nil : timeout
        self.perform {
            if interface.link.isOperationallyUp { self.startIdleTimer(binding) } else { self.stopIdleTimer(binding) }
        }
    }

    /// The idle timeout; nil when none is set or the interface is not bound.
    public func idleTimeout(_ index: InterfaceIndex) -> Duration? {
        guard let binding = self.binding(for: index), binding.isBound else { return nil }
        return binding.idleTimeout
    }

    /// Records that the interface carried traffic, restarting its idle timer if one runs.
    public func markUsed(_ index: InterfaceIndex) {
        guard let binding = self.binding(for: index) else { return }
        self.restartIdleTimer(of: binding)
    }

    // MARK: - Options

    /// Sets an implementation option.
    /// - Throws: `.notSupported` when unbound or the implementation has no options; otherwise what
    ///   the implementation throws (`.noSuchOption`, `.bufferTooSmall`, …).
    public func setOption(_ option: Int, value: [UInt8], index: InterfaceIndex) throws {
        let (binding, _) = try self.usableBinding(index, "set option \(option)")
        try binding.implementation!.setOption(option, value: value, for: binding)
    }

    /// Reads an implementation option into at most `capacity` bytes.
    ///
    /// The checks come in the reference's order: the room first (`.invalidArgument` for less than
    /// one byte — a C caller's NULL buffer), then the binding, then the implementation.
    public func getOption(_ option: Int, capacity: Int, index: InterfaceIndex) throws -> [UInt8] {
        guard capacity > 0 else {
            throw ControlError(
                .invalidArgument,
                interface: self.monitor.interfaces[index]?.link.name,
                "room for option \(option) must be at least 1 byte, got \(capacity)"
            )
        }
        let (binding, _) = try self.usableBinding(index, "get option \(option)")
        let value = try binding.implementation!.getOption(option, capacity: capacity, for: binding)
        guard value.count <= capacity else {
            throw ControlError(
                .bufferTooSmall,
                interface: binding.interfaceName,
                "\(binding.implementation!.name) returned \(value.count) bytes for option \(option), room was \(capacity)"
            )
        }
        return value
    }

    // MARK: - Lookup

    /// The binding and interface for a control call, or the reason the call cannot be made.
    func usableBinding(_ index: InterfaceIndex, _ action: String) throws(ControlError) -> (Binding, MonitoredInterface)
    {
        guard let interface = self.monitor.interfaces[index] else {
            throw ControlError(.invalidArgument, "cannot \(action): no interface with index \(index)")
        }
        guard let binding = self.binding(for: index) else {
            throw ControlError(
                .notSupported,
                interface: interface.link.name,
                "cannot \(action): not bound to a connectivity implementation"
            )
        }
        guard binding.implementation != nil else {
            throw ControlError(
                .notSupported,
                interface: interface.link.name,
                "cannot \(action): the configured implementation is not available"
            )
        }
        return (binding, interface)
    }

    static func validate(_ timeout: Duration?, _ what: String, _ interfaceName: String) throws(ControlError) {
        guard let timeout, timeout < .zero else { return }
        throw ControlError(
            .invalidArgument,
            interface: interfaceName,
            "\(what) must be zero (none) or positive, got \(timeout)"
        )
    }
}

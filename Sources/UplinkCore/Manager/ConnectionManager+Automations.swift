/// The automations: attach and detach bindings as interfaces come and go, auto-connect, auto-down,
/// the idle timer, and the reactions to an implementation's timeout and fatal-error reports.
extension ConnectionManager {
    /// A report from an implementation, queued behind the current work.
    enum BindingEvent {
        case timeout
        case fatalError(String)
    }

    func enqueueBindingEvent(_ event: BindingEvent, for binding: Binding) {
        self.enqueue { self.handle(event, for: binding) }
    }

    func handle(_ edge: LinkEdge) {
        switch edge {
        case .appeared(let interface):
            // The pass that reported the interface also reports its admin and operational edges,
            // which connect it and start its idle timer: attaching need not catch up.
            if let binding = self.bindings[interface.name] { self.attach(binding, to: interface, catchingUp: false) }
        case .renamed(let old, let new):
            if let binding = self.bindings[old.name], binding.interface?.index == old.index { self.detach(binding) }
            if let binding = self.bindings[new.name] { self.attach(binding, to: new, catchingUp: true) }
        case .adminUp(let interface):
            self.autoConnect(interface)
        case .operationallyUp(let interface):
            guard let binding = self.attachedBinding(interface) else { return }
            self.startIdleTimer(binding)
            if !(binding.implementation?.reportsActivity ?? true) { binding.activity = .connected(since: self.now) }
        case .operationallyDown(let interface):
            guard let binding = self.attachedBinding(interface) else { return }
            self.connectionLost(binding)
        case .adminDown:
            break
        case .removed(let interface):
            if let binding = self.attachedBinding(interface) { self.detach(binding) }
        }
    }

    /// Attaches a binding to the interface that now carries its name and initializes it.
    func attach(_ binding: Binding, to interface: InterfaceID, catchingUp: Bool) {
        binding.interface = interface
        binding.activity = .idle
        guard let implementation = binding.implementation else { return }
        implementation.initialize(binding)
        guard catchingUp, let state = self.monitor.interfaces[interface.index] else { return }
        if state.link.isOperationallyUp { self.startIdleTimer(binding) }
        if state.link.isAdminUp { self.autoConnect(interface) }
    }

    func detach(_ binding: Binding) {
        guard binding.interface != nil else { return }
        self.stopIdleTimer(binding)
        binding.implementation?.detach(binding)
        binding.context = nil
        binding.interface = nil
        binding.isDisconnecting = false
        binding.activity = .idle
    }

    /// The usable binding attached to this very interface (same index), if any.
    private func attachedBinding(_ interface: InterfaceID) -> Binding? {
        guard let binding = self.bindings[interface.name], binding.interface?.index == interface.index,
            binding.implementation != nil
        else { return nil }
        return binding
    }

    // MARK: - Auto-connect

    /// Connects a bound interface that came up, unless the binding or the manager says not to.
    /// Failures cannot be returned to anyone, so they become `automationFailed` events.
    private func autoConnect(_ interface: InterfaceID) {
        guard self.automation.autoConnect, let binding = self.attachedBinding(interface),
            !binding.flags.contains(.noAutoConnect), let state = self.monitor.interfaces[interface.index]
        else { return }
        do {
            try self.connect(binding, state)
        } catch let error as ControlError where error.code == .noConfiguration {
            // Already reported as a `noConfiguration` event.
        } catch {
            self.emit(.automationFailed(interface, automation: .autoConnect, reason: "\(error)"))
        }
    }

    // MARK: - Loss, timeout, fatal error and auto-down

    /// The interface stopped being operationally up. A deliberate disconnect or a non-persistent
    /// binding ends here and auto-downs; a persistent binding is left to its implementation, which
    /// reconnects. An implementation that reports its activity and is still connecting has lost
    /// nothing yet: the link going down is part of its attempt (a Wi-Fi radio leaving one network
    /// for another), and the attempt's own end — its timeout or a fatal error — auto-downs.
    private func connectionLost(_ binding: Binding) {
        self.stopIdleTimer(binding)
        let reportsActivity = binding.implementation?.reportsActivity ?? true
        if reportsActivity && !binding.isDisconnecting {
            switch binding.activity {
            case .connecting, .retrying: return
            case .idle, .connected, .failed: break
            }
        }
        if binding.flags.contains(.persistent) && !binding.isDisconnecting {
            if !reportsActivity {
                binding.activity = .connecting(since: self.now, deadline: binding.connectTimeout.map { self.now + $0 })
            }
            return
        }
        let wasDeliberate = binding.isDisconnecting
        binding.isDisconnecting = false
        if !reportsActivity { binding.activity = wasDeliberate ? .idle : .failed(reason: "connection lost") }
        self.autoDown(binding)
    }

    private func handle(_ event: BindingEvent, for binding: Binding) {
        guard let interface = binding.interface, let implementation = binding.implementation else { return }
        switch event {
        case .timeout:
            self.emit(.connectTimeout(interface))
            if !implementation.reportsActivity { binding.activity = .failed(reason: "timed out") }
        case .fatalError(let reason):
            self.emit(.fatalError(interface, reason: reason))
            if !implementation.reportsActivity { binding.activity = .failed(reason: reason) }
        }
        // A timeout or a fatal error takes the interface down even when the binding is persistent:
        // nothing is retrying any more, so leaving it up would only hide the failure.
        self.autoDown(binding)
    }

    /// Takes a bound interface administratively down, when both the manager and the binding allow
    /// it. The idle timer stops either way.
    func autoDown(_ binding: Binding) {
        self.stopIdleTimer(binding)
        guard self.automation.autoDown, !binding.flags.contains(.noAutoDown), let interface = binding.interface else {
            return
        }
        do {
            try self.linkControl.setAdminState(up: false, of: interface)
        } catch {
            self.emit(.automationFailed(interface, automation: .autoDown, reason: "\(error)"))
        }
    }

    // MARK: - Idle timer

    /// (Re)starts the idle timer when the binding has an idle timeout.
    ///
    /// The timer runs only while the interface is operationally up. The reference also lets
    /// `conn_mgr_if_used` start it on a down interface, where it later disconnects a connection made
    /// after it; and it never sets the timer up for implementations without `init` (a latent bug
    /// noted in its issues). Here every binding gets it, whatever its implementation provides.
    func startIdleTimer(_ binding: Binding) {
        self.stopIdleTimer(binding)
        guard let timeout = binding.idleTimeout, binding.isBound else { return }
        binding.idleTimer = self.scheduleTimer(after: timeout) { [weak binding] in
            guard let binding else { return }
            self.idleTimerFired(binding)
        }
        binding.idleDeadline = self.now + timeout
    }

    func restartIdleTimer(of binding: Binding) {
        guard binding.idleTimer != nil else { return }
        self.startIdleTimer(binding)
    }

    func stopIdleTimer(_ binding: Binding) {
        guard let timer = binding.idleTimer else { return }
        self.cancelTimer(timer)
        binding.idleTimer = nil
        binding.idleDeadline = nil
    }

    /// The connection sat unused for the idle timeout: report it, then disconnect without marking
    /// the binding as disconnecting, so the loss counts as unintended — a persistent binding
    /// reconnects, a non-persistent one is taken down.
    private func idleTimerFired(_ binding: Binding) {
        binding.idleTimer = nil
        binding.idleDeadline = nil
        guard let interface = binding.interface, let implementation = binding.implementation else { return }
        self.emit(.idleTimeout(interface))
        guard self.monitor.interfaces[interface.index]?.link.isAdminUp == true else { return }
        do {
            try implementation.disconnect(binding)
        } catch {
            self.emit(.automationFailed(interface, automation: .idleDisconnect, reason: "\(error)"))
        }
    }
}

import UplinkCore

extension DashboardState {
    /// Handles a key in whatever screen is open.
    /// - Returns: the effects for the runtime to carry out, in order.
    public mutating func handle(_ key: Key, in context: DashboardContext) -> [DashboardEffect] {
        if key == .resize { return [] }
        if key == .control("c") { return [.quit] }
        self.message = nil
        switch self.mode {
        case .main:
            return self.handleMain(key, in: context)
        case .help:
            self.mode = .main
            return []
        case .prompt(var prompt):
            return self.handlePrompt(key, prompt: &prompt)
        case .wifi(var flow):
            let (effects, close) = flow.handle(key, status: context.wifi[flow.interface])
            self.mode = close ? .main : .wifi(flow)
            return effects
        case .faults(let selection):
            return self.handleFaults(key, selection: selection, faults: context.faults ?? [])
        case .confirm(let confirmation):
            self.mode = .main
            guard key == .character("y") || key == .character("Y") else {
                self.message = Message(text: confirmation.declined, role: .muted)
                return []
            }
            return confirmation.effects
        }
    }

    /// Moves the selection through the interfaces, stopping at either end.
    public mutating func moveSelection(by offset: Int, in context: DashboardContext) {
        let names = context.interfaces.map(\.link.name)
        guard !names.isEmpty else { return }
        let current = self.selection.flatMap { names.firstIndex(of: $0) } ?? 0
        self.selection = names[min(max(current + offset, 0), names.count - 1)]
    }

    private mutating func handleMain(_ key: Key, in context: DashboardContext) -> [DashboardEffect] {
        let interface = self.selected(in: context)
        if self.selection == nil { self.selection = interface?.link.name }
        guard let binding = MainKeyMap.binding(for: key) else {
            if case .character(let character) = key {
                self.message = Message(text: "\(character) does nothing here; press ? for the keys", role: .muted)
            }
            return []
        }
        if let reason = binding.disabledReason(context, interface) {
            self.message = Message(text: reason, role: .warning)
            return []
        }
        let effects = binding.action(&self, context, interface)
        // Taking down or disconnecting the interface the operator's SSH session runs over would
        // leave them locked out of the device; ask first.
        if let interface, let session = context.operatorSession,
            context.sessionInterface?.link.name == interface.link.name,
            effects.contains(where: { Self.cutsConnectivity($0, of: interface.link.name) })
        {
            let name = interface.link.name
            self.mode = .confirm(
                Confirmation(
                    question: "\(name) carries your SSH session from \(session.clientAddress); do it anyway? y/N",
                    effects: effects,
                    declined: "left \(name) as it was"
                ))
            return []
        }
        return effects
    }

    private mutating func handlePrompt(_ key: Key, prompt: inout TimeoutPrompt) -> [DashboardEffect] {
        switch key {
        case .escape:
            self.mode = .main
            return []
        case .enter:
            switch prompt.parse() {
            case .failure(let error):
                prompt.error = error.message
                self.mode = .prompt(prompt)
                return []
            case .success(let timeout):
                self.mode = .main
                switch prompt.kind {
                case .connect: return [.execute(.setConnectTimeout(prompt.interface, timeout))]
                case .idle: return [.execute(.setIdleTimeout(prompt.interface, timeout))]
                }
            }
        case .character, .control, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .backspace, .delete,
            .tab, .backTab, .function, .paste, .resize:
            _ = prompt.field.handle(key)
            prompt.error = nil
            self.mode = .prompt(prompt)
            return []
        }
    }

    private mutating func handleFaults(_ key: Key, selection: Int, faults: [FaultStatus]) -> [DashboardEffect] {
        switch key {
        case .escape, .character("f"), .character("q"):
            self.mode = .main
        case .up, .character("k"):
            self.mode = .faults(selection: max(selection - 1, 0))
        case .down, .character("j"):
            self.mode = .faults(selection: min(selection + 1, max(faults.count - 1, 0)))
        case .enter, .character(" "):
            guard faults.indices.contains(selection) else { return [] }
            let fault = faults[selection]
            return [.execute(.setFault(fault.id, active: !fault.isActive))]
        case .character, .control, .left, .right, .home, .end, .pageUp, .pageDown, .backspace, .delete, .tab,
            .backTab, .function, .paste, .resize:
            break
        }
        return []
    }

    /// True for a command that stops traffic through the interface: a disconnect or taking it down.
    private static func cutsConnectivity(_ effect: DashboardEffect, of interface: String) -> Bool {
        switch effect {
        case .execute(.disconnect(let name)): name == interface
        case .execute(.setAdminState(let name, let up)): name == interface && !up
        case .execute, .quit: false
        }
    }
}

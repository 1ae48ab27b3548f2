import UplinkCore

/// The device as the reachability probe of its upstreams: it follows the manager's own readiness
/// events, so an interface is probed exactly while the manager counts it ready (ignoring and
/// watching included), and it reports through `ConnectionManager.reportReachability`.
extension SimulatedDevice {
    /// Reacts to the manager's readiness events.
    func observe(_ event: ManagerEvent) {
        switch event {
        case .interfaceReady(let interface):
            guard let answers = self.upstreamAnswers(interface) else { return }
            let now = self.now
            self.runProbe(of: interface) { $0.interfaceBecameReady(upstreamAnswers: answers, now: now) }
        case .interfaceUnready(let interface, _):
            self.runProbe(of: interface) { $0.interfaceBecameUnready() }
        case .connectivity, .connectTimeout, .fatalError, .idleTimeout, .noConfiguration, .automationFailed,
            .reachabilityChanged, .serviceChanged, .technologyChanged:
            break
        }
    }

    /// An upstream started or stopped answering.
    func upstreamChanged(_ interface: InterfaceID) {
        guard let answers = self.upstreamAnswers(interface) else { return }
        let now = self.now
        self.runProbe(of: interface) { $0.upstreamChanged(answers: answers, now: now) }
    }

    /// Whether the upstream behind an interface answers; nil for an interface without one.
    private func upstreamAnswers(_ interface: InterfaceID) -> Bool? {
        switch interface.index {
        case Interfaces.ethernet.index: !self.isActive(.ethernetUpstreamSilent)
        case Interfaces.wifi.index: !self.isActive(.wifiUpstreamSilent)
        case Interfaces.cellular.index: !self.isActive(.cellularUpstreamSilent)
        default: nil
        }
    }

    /// The router the probe of an interface asks.
    private func gateway(of interface: InterfaceID) -> String {
        switch interface.index {
        case Interfaces.ethernet.index: "\(SimulatedEthernet.lease.gateway)"
        case Interfaces.wifi.index: self.wifi.currentGateway.map { "\($0)" } ?? "the Wi-Fi router"
        case Interfaces.cellular.index: "\(SimulatedCellular.lease.gateway)"
        default: "the gateway"
        }
    }

    private func runProbe(
        of interface: InterfaceID,
        _ event: (inout UpstreamProbeStateMachine) -> [UpstreamProbeStateMachine.Action]
    ) {
        let index = interface.index
        var probe =
            self.probes[index]
            ?? UpstreamProbeStateMachine(
                answerDelay: self.timings.probeAnswer,
                silenceDelay: self.timings.probeSilence
            )
        let actions = event(&probe)
        self.probes[index] = probe
        for action in actions {
            switch action {
            case .schedule(let delay):
                self.cancel(self.probeTimers[index])
                self.probeTimers[index] = self.schedule(after: delay) { [weak self] in
                    guard let self else { return }
                    self.probeTimers[index] = nil
                    let gateway = self.gateway(of: interface)
                    let now = self.now
                    self.runProbe(of: interface) { $0.timerFired(gateway: gateway, now: now) }
                }
            case .cancelTimer:
                self.cancel(self.probeTimers[index])
                self.probeTimers[index] = nil
            case .report(let reachability):
                self.manager?.reportReachability(reachability, index: index)
            }
        }
    }
}

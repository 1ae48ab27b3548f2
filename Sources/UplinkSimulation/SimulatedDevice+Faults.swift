import UplinkCore

/// The device's fault switches.
extension SimulatedDevice: FaultControl {
    /// Every fault and whether it is in effect, in menu order.
    public var faults: [FaultStatus] {
        SimulatedFault.allCases.map { fault in
            FaultStatus(id: fault.id, title: fault.title, isActive: self.activeFaults.contains(fault))
        }
    }

    /// Switches a fault on or off by its identifier; repeating the current setting does nothing.
    /// - Throws: `ControlError.invalidArgument` naming the identifier and listing the accepted ones.
    public func setFault(_ id: String, active: Bool) throws {
        guard let fault = SimulatedFault(rawValue: id) else {
            let accepted = SimulatedFault.allCases.map(\.id).joined(separator: ", ")
            throw ControlError(.invalidArgument, "no simulated fault \"\(id)\"; accepted: \(accepted)")
        }
        self.setFault(fault, active: active)
    }

    /// Whether a fault is in effect.
    public func isActive(_ fault: SimulatedFault) -> Bool {
        self.activeFaults.contains(fault)
    }

    /// Switches a fault on or off; the links and upstreams change as they would for real.
    public func setFault(_ fault: SimulatedFault, active: Bool) {
        guard self.activeFaults.contains(fault) != active else { return }
        if active { self.activeFaults.insert(fault) } else { self.activeFaults.remove(fault) }
        switch fault {
        case .ethernetCableUnplugged:
            self.setLowerLayer(of: Interfaces.ethernet, up: !active)
            self.ethernet.carrierChanged()
        case .ethernetDHCPServerStopped:
            // A lease already held stays; the next request finds out.
            break
        case .wifiAccessPointOff:
            self.wifi.airChanged()
        case .cellularCoverageLost:
            self.cellular.coverageChanged()
        case .ethernetUpstreamSilent:
            self.upstreamChanged(Interfaces.ethernet)
        case .wifiUpstreamSilent:
            self.upstreamChanged(Interfaces.wifi)
        case .cellularUpstreamSilent:
            self.upstreamChanged(Interfaces.cellular)
        }
    }
}

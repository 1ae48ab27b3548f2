/// `ManagerService` over a manager in this process.
@ManagerActor
public final class EmbeddedManagerService: ManagerService {
    /// The manager.
    public let manager: ConnectionManager
    /// Wi-Fi control, per technology adapter; nil when no Wi-Fi adapter is present.
    public let wifi: (any WiFiControl)?
    /// The simulated device's fault switches; nil over real interfaces.
    public let faultControl: (any FaultControl)?

    public init(manager: ConnectionManager, wifi: (any WiFiControl)? = nil, faults: (any FaultControl)? = nil) {
        self.manager = manager
        self.wifi = wifi
        self.faultControl = faults
    }

    public var faults: [FaultStatus]? { self.faultControl?.faults }

    public var snapshot: ManagerSnapshot { self.manager.snapshot }

    public var isEmbedded: Bool { true }

    public func events() -> AsyncStream<ManagerEvent> {
        self.manager.events()
    }

    public func execute(_ command: ManagerCommand) async throws {
        switch command {
        case .connect(let name):
            try self.manager.connect(self.index(name))
        case .disconnect(let name):
            try self.manager.disconnect(self.index(name))
        case .setAdminState(let name, let up):
            try self.manager.setAdminState(up: up, index: self.index(name))
        case .setIgnored(let name, let ignored):
            try self.manager.setIgnored(ignored, index: self.index(name))
        case .setTechnologyIgnored(let technology, let ignored):
            self.manager.setIgnored(ignored, technology: technology)
        case .setFlags(let name, let flags, let on):
            try self.manager.setFlags(flags, on, index: self.index(name))
        case .setConnectTimeout(let name, let timeout):
            try self.manager.setConnectTimeout(timeout, index: self.index(name))
        case .setIdleTimeout(let name, let timeout):
            try self.manager.setIdleTimeout(timeout, index: self.index(name))
        case .resendStatus:
            self.manager.resendStatus()
        case .scan(let name):
            try self.wifiControl(for: name).startScan(on: self.interface(name))
        case .join(let name, let credentials):
            try self.wifiControl(for: name).join(credentials, on: self.interface(name))
        case .joinKnown(let name, let ssid):
            try self.wifiControl(for: name).join(known: ssid, on: self.interface(name))
        case .forget(let name, let ssid):
            try self.wifiControl(for: name).forget(ssid, on: self.interface(name))
        case .setFault(let id, let active):
            guard let faults = self.faultControl else {
                throw ControlError(.notSupported, "faults exist only on the simulated device (uplink --sim)")
            }
            try faults.setFault(id, active: active)
        }
    }

    public func wifiStatus(of interface: String) -> WiFiStatus? {
        guard let wifi = self.wifi, wifi.controls(interface), let index = self.manager.index(named: interface),
            let state = self.manager.monitor.interfaces[index]
        else { return nil }
        let id = state.id
        return WiFiStatus(
            scan: wifi.scanState(on: id),
            networks: wifi.networks(on: id),
            join: wifi.joinState(on: id),
            problem: wifi.problem(on: id)
        )
    }

    private func index(_ name: String) throws(ControlError) -> InterfaceIndex {
        guard let index = self.manager.index(named: name) else {
            throw ControlError(.invalidArgument, interface: name, "no such interface")
        }
        return index
    }

    private func interface(_ name: String) throws(ControlError) -> InterfaceID {
        InterfaceID(index: try self.index(name), name: name)
    }

    private func wifiControl(for name: String) throws(ControlError) -> any WiFiControl {
        guard let wifi = self.wifi, wifi.controls(name), self.manager.index(named: name) != nil else {
            throw ControlError(.notSupported, interface: name, "not a Wi-Fi interface uplink can drive")
        }
        return wifi
    }
}

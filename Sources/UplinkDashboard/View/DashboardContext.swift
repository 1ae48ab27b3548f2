import UplinkCore

/// Everything one frame is drawn from, gathered by the runtime from the manager service.
public struct DashboardContext: Sendable {
    /// The manager's state.
    public var snapshot: ManagerSnapshot
    /// The Wi-Fi state of each Wi-Fi interface the service can drive, by interface name.
    public var wifi: [String: WiFiStatus]
    /// The simulation's faults; nil when not running on the simulated device.
    public var faults: [FaultStatus]?
    /// The device's name for the header.
    public var deviceName: String
    /// True when the manager runs in this process, false over a daemon.
    public var isEmbedded: Bool
    /// The wall-clock time for the header, already formatted ("14:02:11").
    public var clock: String
    /// The operator's SSH session, when the dashboard runs in one.
    public var operatorSession: OperatorSession?

    public init(
        snapshot: ManagerSnapshot,
        wifi: [String: WiFiStatus] = [:],
        faults: [FaultStatus]? = nil,
        deviceName: String,
        isEmbedded: Bool = true,
        clock: String,
        operatorSession: OperatorSession? = nil
    ) {
        self.snapshot = snapshot
        self.wifi = wifi
        self.faults = faults
        self.deviceName = deviceName
        self.isEmbedded = isEmbedded
        self.clock = clock
        self.operatorSession = operatorSession
    }

    /// The interface that carries the operator's SSH session: the one holding the address the
    /// session arrived on.
    public var sessionInterface: InterfaceStatus? {
        guard let session = self.operatorSession else { return nil }
        return self.snapshot.interfaces.first { $0.addresses.contains { $0.address == session.localAddress } }
    }

    /// The interface with this name.
    public func interface(named name: String?) -> InterfaceStatus? {
        guard let name else { return nil }
        return self.snapshot.interface(named: name)
    }

    /// The interfaces in the order the dashboard lists them: by technology as the device prefers
    /// them (Ethernet, Wi-Fi, cellular, virtual, the rest, loopback last), then by index.
    public var interfaces: [InterfaceStatus] {
        self.snapshot.interfaces.sorted { ($0.link.technology, $0.link.index) < ($1.link.technology, $1.link.index) }
    }
}

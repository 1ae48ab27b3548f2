/// The one interface through which a face reads and drives the manager: a snapshot, an event
/// stream and commands. The dashboard runs unchanged over an embedded manager
/// (`EmbeddedManagerService`) and, later, over the daemon's control socket.
@ManagerActor
public protocol ManagerService: AnyObject {
    /// Everything there is to draw, now.
    var snapshot: ManagerSnapshot { get }

    /// Events from now on.
    func events() -> AsyncStream<ManagerEvent>

    /// Carries out a command.
    /// - Throws: `ControlError`, `WiFiCredentialError` or an adapter's error, each saying what was wrong.
    func execute(_ command: ManagerCommand) async throws

    /// The Wi-Fi state of an interface, when it is a Wi-Fi interface the service can drive.
    func wifiStatus(of interface: String) -> WiFiStatus?

    /// True when the manager runs inside this process; false over a daemon's socket.
    var isEmbedded: Bool { get }

    /// The simulated device's faults; nil when the manager runs over real interfaces.
    var faults: [FaultStatus]? { get }
}

/// A Wi-Fi interface's scan, networks and last join, for a face.
public struct WiFiStatus: Hashable, Sendable {
    /// Where the last scan is.
    public var scan: WiFiScanState
    /// The networks seen and remembered, strongest first.
    public var networks: [WiFiNetwork]
    /// Where the last join is.
    public var join: WiFiJoinState
    /// What stands in the way of Wi-Fi now (the supplicant not running), in words; nil when nothing.
    public var problem: String?

    public init(scan: WiFiScanState, networks: [WiFiNetwork], join: WiFiJoinState, problem: String? = nil) {
        self.scan = scan
        self.networks = networks
        self.join = join
        self.problem = problem
    }
}

/// How long things take on the simulated device, on the manager's clock.
///
/// The defaults are those of a small gateway on a good day: quick enough that `uplink --sim` is up
/// within five seconds, slow enough that a technician sees every step (dormant while a key is
/// checked, an IPv6 address tentative for a moment, a modem that takes its time registering).
public struct SimulationTimings: Hashable, Sendable {
    /// From asking for a lease to having one (DISCOVER to ACK), when a DHCP server answers.
    public var dhcpLease: Duration
    /// How long a DHCP client waits for an offer before it gives that try up.
    public var dhcpGiveUp: Duration
    /// How long a new global IPv6 address stays tentative (duplicate address detection).
    public var duplicateAddressDetection: Duration
    /// A Wi-Fi scan, start to results.
    public var wifiScan: Duration
    /// How often a running scan reports its progress.
    public var wifiScanProgressStep: Duration
    /// From starting a join to being associated with an access point that is there.
    public var wifiAssociation: Duration
    /// From starting a join to having the key accepted (the link is dormant in between).
    public var wifiAuthentication: Duration
    /// From starting a join to the access point refusing a wrong key.
    public var wifiWrongPassword: Duration
    /// From starting a join to giving up on a network that is not there.
    public var wifiNotFound: Duration
    /// A modem's registration with the cellular network (the link is dormant meanwhile), or how
    /// long it searches before saying there is no coverage.
    public var cellularRegistration: Duration
    /// From registration to the data bearer's address.
    public var cellularBearer: Duration
    /// How often the cellular signal wanders.
    public var cellularSignalStep: Duration
    /// From an interface becoming ready to the upstream's first answer.
    public var probeAnswer: Duration
    /// How long answers must be missing before the upstream counts as unreachable.
    public var probeSilence: Duration

    /// The defaults (see each property).
    public init(
        dhcpLease: Duration = .milliseconds(1200),
        dhcpGiveUp: Duration = .seconds(5),
        duplicateAddressDetection: Duration = .seconds(1),
        wifiScan: Duration = .seconds(2),
        wifiScanProgressStep: Duration = .milliseconds(500),
        wifiAssociation: Duration = .milliseconds(500),
        wifiAuthentication: Duration = .milliseconds(1500),
        wifiWrongPassword: Duration = .seconds(3),
        wifiNotFound: Duration = .seconds(2),
        cellularRegistration: Duration = .seconds(4),
        cellularBearer: Duration = .milliseconds(500),
        cellularSignalStep: Duration = .seconds(5),
        probeAnswer: Duration = .milliseconds(300),
        probeSilence: Duration = .seconds(3)
    ) {
        self.dhcpLease = dhcpLease
        self.dhcpGiveUp = dhcpGiveUp
        self.duplicateAddressDetection = duplicateAddressDetection
        self.wifiScan = wifiScan
        self.wifiScanProgressStep = wifiScanProgressStep
        self.wifiAssociation = wifiAssociation
        self.wifiAuthentication = wifiAuthentication
        self.wifiWrongPassword = wifiWrongPassword
        self.wifiNotFound = wifiNotFound
        self.cellularRegistration = cellularRegistration
        self.cellularBearer = cellularBearer
        self.cellularSignalStep = cellularSignalStep
        self.probeAnswer = probeAnswer
        self.probeSilence = probeSilence
    }
}

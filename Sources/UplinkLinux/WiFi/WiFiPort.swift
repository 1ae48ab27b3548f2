import UplinkCore

/// One interface as `WiFiTechnology` drives it: its wpa_supplicant sockets, what the supplicant
/// last said, the join in progress and the scan.
@ManagerActor
final class WiFiPort {
    /// A network wpa_supplicant has configured (LIST_NETWORKS), with its security (GET_NETWORK key_mgmt).
    struct KnownNetwork: Hashable {
        var id: Int
        var ssid: SSID
        var security: WiFiSecurity
        var isDisabled: Bool
    }

    /// A join on trial: the new network is selected, and what was there before is remembered so
    /// that it can be restored if the new one does not connect.
    struct JoinTrial {
        /// The network being joined.
        var candidate: Int
        var ssid: SSID
        /// True when uplink added the network for this join (it is removed again on failure).
        var isNew: Bool
        /// The networks that were enabled before SELECT_NETWORK disabled them.
        var previouslyEnabled: [Int]
        /// Older entries for the same SSID, replaced once the new one works.
        var superseded: [Int]
        /// NETWORK-NOT-FOUND reports seen for the candidate.
        var notFound = 0
        /// The candidate's last retryable failure, for the reason when the trial runs out of time.
        var lastFailure: String?
        /// Ends the trial.
        var timer: TimerID?
    }

    /// The interface name.
    let interfaceName: String
    /// The binding's contracted link while attached.
    weak var link: ContractedLink?
    /// Where requests go.
    var control: SupplicantControlSocket
    /// Where events come from; nil until the first attach.
    var monitor: SupplicantEventMonitor?
    /// True while the monitor is attached; false after a loss; nil before the first attempt.
    var isRunning: Bool?
    /// When the supplicant was found gone, for the "back after" report.
    var lostAt: Duration?
    /// Why the supplicant cannot be reached, in words, while it cannot.
    var notRunningReason: String?
    /// True while the supplicant is there but does not answer the liveness check's PING.
    var isHung = false
    /// `SupplicantControlSocket.restartsSeen` when the monitor last attached.
    var restartsSeen = 0
    /// Reattach attempts while the supplicant is gone, or the liveness check while it is there.
    var watchdog: TimerID?

    /// True between CTRL-EVENT-CONNECTED and the next disconnection.
    var isAssociated = false
    /// The network associated with, by id.
    var currentNetworkID: Int?
    /// The link's signal as SIGNAL_POLL last read it while associated; nil when the driver has none.
    var signal: SupplicantSignal?
    /// The try the addressing technology (DHCP) was started for.
    var addressingTry: ConnectionAttemptStateMachine.TryID?

    /// The networks wpa_supplicant has configured.
    var known: [KnownNetwork] = []
    var trial: JoinTrial?
    /// A SAVE_CONFIG held back while a trial has networks disabled, done when the trial ends.
    var needsSave = false
    var joinState: WiFiJoinState = .idle

    var scanState: WiFiScanState = .idle
    var scanNetworks: [WiFiNetwork] = []
    var scanTimer: TimerID?

    init(interfaceName: String, control: SupplicantControlSocket) {
        self.interfaceName = interfaceName
        self.control = control
    }

    /// The name of a configured network, for reasons.
    func ssid(of networkID: Int?) -> SSID? {
        guard let networkID else { return nil }
        if let trial = self.trial, trial.candidate == networkID { return trial.ssid }
        return self.known.first { $0.id == networkID }?.ssid
    }
}

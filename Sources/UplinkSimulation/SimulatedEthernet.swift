import UplinkCore

/// eth0's connectivity technology: a DHCP client on a simulated Ethernet port, driven by the
/// core's `ConnectionContract`.
///
/// A try waits for carrier (cable in, link up), then asks for a lease: when the DHCP server
/// answers, 1.2 s later it holds 192.0.2.10/24, and the router's advertisements add
/// 2001:db8:1::10/64, tentative for a second. When the server is stopped the try gives up after
/// 5 s ("no DHCP offer"), and the contract retries until the connect timeout. Losing carrier while
/// holding the lease is a lost connection; the IPv4 address stays until `stop` releases the lease,
/// as a DHCP client on Linux keeps it, while the kernel drops the IPv6 addresses with the link.
@ManagerActor
public final class SimulatedEthernet: ConnectivityTechnology {
    /// Where the DHCP client is.
    enum Phase {
        /// No try is running; a lease may still be held after a lost connection.
        case idle
        /// A try waits for carrier before it asks for a lease.
        case waitingForCarrier(ConnectionAttemptStateMachine.TryID)
        /// A try asked for a lease at `since`; the timer brings the answer or the end of waiting.
        case requestingLease(ConnectionAttemptStateMachine.TryID, since: Duration, timer: TimerID?)
        /// The try succeeded: the lease is held and the link is up.
        case bound
    }

    /// What eth0's upstream hands out.
    public static let lease = SimulatedLease.make(
        ipv4: "192.0.2.10",
        prefixLength: 24,
        ipv6: "2001:db8:1::10",
        gateway: "192.0.2.1"
    )

    public let name = "ethernet"
    weak var device: SimulatedDevice?
    private(set) var phase: Phase = .idle
    private weak var link: ContractedLink?

    init() {}

    public func initialize(_ link: ContractedLink) {
        self.link = link
    }

    public func startTry(_ id: ConnectionAttemptStateMachine.TryID, on link: ContractedLink) {
        self.link = link
        self.cancelTimer()
        guard let device = self.device, device.hasCarrier(SimulatedDevice.Interfaces.ethernet) else {
            self.phase = .waitingForCarrier(id)
            return
        }
        self.requestLease(id, since: device.now)
    }

    public func stop(_ link: ContractedLink) {
        self.cancelTimer()
        self.phase = .idle
        self.device?.releaseLease(on: SimulatedDevice.Interfaces.ethernet)
    }

    // MARK: - The port

    /// The cable or the admin state changed; the device has already published the link change.
    func carrierChanged() {
        guard let device = self.device else { return }
        let hasCarrier = device.hasCarrier(SimulatedDevice.Interfaces.ethernet)
        switch self.phase {
        case .waitingForCarrier(let id) where hasCarrier:
            self.requestLease(id, since: device.now)
        case .requestingLease(let id, _, _) where !hasCarrier:
            self.cancelTimer()
            self.phase = .waitingForCarrier(id)
        case .bound where !hasCarrier:
            self.phase = .idle
            let why = device.isAdminUp(SimulatedDevice.Interfaces.ethernet) ? "no carrier" : "administratively down"
            self.link?.connectionLost(reason: why)
        case .idle, .waitingForCarrier, .requestingLease, .bound:
            break
        }
    }

    // MARK: - DHCP

    /// Sends the request; the answer comes after `dhcpLease` when the server answers. Otherwise the
    /// client keeps asking until `dhcpGiveUp`, and takes a lease that comes meanwhile.
    private func requestLease(_ id: ConnectionAttemptStateMachine.TryID, since: Duration) {
        guard let device = self.device, let binding = self.link?.binding else { return }
        let timings = device.timings
        let elapsed = device.now - since
        let wait = elapsed < timings.dhcpLease ? timings.dhcpLease - elapsed : timings.dhcpGiveUp - elapsed
        let timer = binding.schedule(after: max(wait, .zero)) { [weak self] in self?.leaseTimerFired(id) }
        self.phase = .requestingLease(id, since: since, timer: timer)
    }

    private func leaseTimerFired(_ id: ConnectionAttemptStateMachine.TryID) {
        guard let device = self.device, case .requestingLease(id, let since, _) = self.phase else { return }
        if !device.isActive(.ethernetDHCPServerStopped) {
            self.phase = .bound
            device.configureLease(Self.lease, on: SimulatedDevice.Interfaces.ethernet)
            self.link?.trySucceeded(id)
        } else if device.now - since < device.timings.dhcpGiveUp {
            self.requestLease(id, since: since)
        } else {
            self.phase = .idle
            let waited = UpstreamProbeStateMachine.seconds(device.timings.dhcpGiveUp)
            self.link?.tryFailed(id, reason: "no DHCP offer in \(waited)", retryable: true)
        }
    }

    private func cancelTimer() {
        guard case .requestingLease(_, _, let timer) = self.phase else { return }
        self.link?.binding?.cancel(timer)
    }
}

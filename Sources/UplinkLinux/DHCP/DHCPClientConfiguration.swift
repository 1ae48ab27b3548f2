/// How uplink's DHCP client asks for a lease and how hard it tries.
///
/// The retransmission schedule departs from RFC 2131 §4.1 on purpose: the RFC starts at 4 s
/// (±1 s) and suggests a random 1–10 s wait before the first DISCOVER (§4.4.1), which would make
/// the connect-to-ready goal (a median of 15 ms) impossible. The client sends at once and retries
/// after 0.5 s, 1 s, 2 s, then every 4 s, each with jitter from the injected generator so that a
/// fleet that lost power together does not retry in lock step; the connect timeout belongs to the
/// binding's contract, not to the client.
public struct DHCPClientConfiguration: Hashable, Sendable {
    /// The client identifier (option 61); nil sends type 1 and the interface's MAC, as dhclient
    /// and dnsmasq's own client do, so that a server keeps the same lease for the same port.
    public var clientIdentifier: [UInt8]?
    /// The host name to send (option 12), if any; a server may register it in its DNS.
    public var hostName: String?
    /// The options asked for (option 55).
    public var parameterRequestList: [UInt8]
    /// The largest message the client accepts (option 57).
    public var maximumMessageSize: UInt16
    /// The wait after the first transmission of a message.
    public var firstRetransmission: Duration
    /// The longest wait between two transmissions.
    public var maximumRetransmission: Duration
    /// How far each wait may stray either way, as a fraction of it (0.1 means ±10 %).
    public var jitter: Double
    /// How many DISCOVERs go out before the try fails for want of an offer; the try fails one more
    /// wait after the last.
    public var discoverTransmissions: Int
    /// How many REQUESTs for an offer go out before the client starts again with a DISCOVER.
    public var requestTransmissions: Int
    /// How many INIT-REBOOT REQUESTs go out before the client gives the old lease up and discovers.
    public var rebootTransmissions: Int
    /// How many DHCPNAKs one try takes before it fails (a server that refuses every request
    /// would otherwise keep the client in a tight loop).
    public var refusalsBeforeFailure: Int
    /// The shortest wait between renewal or rebinding requests (RFC 2131 §4.4.5: 60 s).
    public var minimumRenewalRetransmission: Duration

    public init(
        clientIdentifier: [UInt8]? = nil,
        hostName: String? = nil,
        parameterRequestList: [UInt8] = DHCPClientConfiguration.defaultParameterRequestList,
        maximumMessageSize: UInt16 = 1500,
        firstRetransmission: Duration = .milliseconds(500),
        maximumRetransmission: Duration = .seconds(4),
        jitter: Double = 0.1,
        discoverTransmissions: Int = 5,
        requestTransmissions: Int = 4,
        rebootTransmissions: Int = 2,
        refusalsBeforeFailure: Int = 3,
        minimumRenewalRetransmission: Duration = .seconds(60)
    ) {
        self.clientIdentifier = clientIdentifier
        self.hostName = hostName
        self.parameterRequestList = parameterRequestList
        self.maximumMessageSize = maximumMessageSize
        self.firstRetransmission = firstRetransmission
        self.maximumRetransmission = maximumRetransmission
        self.jitter = jitter
        self.discoverTransmissions = discoverTransmissions
        self.requestTransmissions = requestTransmissions
        self.rebootTransmissions = rebootTransmissions
        self.refusalsBeforeFailure = refusalsBeforeFailure
        self.minimumRenewalRetransmission = minimumRenewalRetransmission
    }

    /// Subnet mask, routers, DNS servers, domain name, MTU, lease time, T1 and T2.
    public static let defaultParameterRequestList: [UInt8] = [1, 3, 6, 15, 26, 51, 58, 59]

    /// The wait after the `transmissions`-th transmission of a message (1 for the first), before
    /// jitter: doubling from `firstRetransmission`, capped at `maximumRetransmission`.
    public func retransmissionDelay(after transmissions: Int) -> Duration {
        var delay = self.firstRetransmission
        for _ in 1..<max(transmissions, 1) {
            delay *= 2
            if delay >= self.maximumRetransmission { break }
        }
        return min(delay, self.maximumRetransmission)
    }
}

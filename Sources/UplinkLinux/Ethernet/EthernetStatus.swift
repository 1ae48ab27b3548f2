import UplinkCore

/// What `EthernetTechnology` is doing on one interface, for `status --json` and the dashboard.
public struct EthernetStatus: Hashable, Sendable {
    /// Where the interface's try is.
    public enum Phase: String, Hashable, Sendable {
        /// No try, nothing connected.
        case idle
        /// A try waits for carrier.
        case waitingForCarrier = "waiting-for-carrier"
        /// The DHCP client is asking for a lease.
        case acquiring
        /// The lease or the static address is on the interface.
        case connected
    }

    /// Where the interface's try is.
    public var phase: Phase
    /// The DHCP client's state in RFC 2131's words (`selecting`, `bound`, `renewing`…); nil when the
    /// interface is static or the client never ran.
    public var dhcpState: String?
    /// The DHCP lease held, with its DNS servers.
    public var lease: DHCPLease?
    /// The static configuration applied, when the interface is static.
    public var fixed: StaticIPv4Configuration?

    public init(phase: Phase, dhcpState: String? = nil, lease: DHCPLease? = nil, fixed: StaticIPv4Configuration? = nil)
    {
        self.phase = phase
        self.dhcpState = dhcpState
        self.lease = lease
        self.fixed = fixed
    }

    /// A stable name of a client state, for scripts.
    static func name(of state: DHCPClientStateMachine.State) -> String {
        switch state {
        case .stopped(let previous): previous == nil ? "stopped" : "suspended"
        case .selecting: "selecting"
        case .requesting: "requesting"
        case .rebooting: "rebooting"
        case .bound: "bound"
        case .renewing: "renewing"
        case .rebinding: "rebinding"
        }
    }
}

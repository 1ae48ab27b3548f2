import UplinkCore

/// What a DHCP server granted: the address and the parameters that came with it, with its times in
/// manager time, for the interface configurator, `status --json` and the dashboard.
///
/// The DNS servers and the domain are recorded, never written anywhere: uplink leaves resolv.conf to
/// whatever manages it on the device.
public struct DHCPLease: Hashable, Sendable {
    /// The leased address (`yiaddr` of the DHCPACK).
    public var address: IPv4Address
    /// The prefix length, from the subnet mask (option 1), or the address's class when the server
    /// sent none (RFC 2131 §3.5 leaves it to the client).
    public var prefixLength: Int
    /// The routers (option 3), preferred first; the default route goes via the first.
    public var routers: [IPv4Address]
    /// The DNS servers (option 6), preferred first.
    public var dnsServers: [IPv4Address]
    /// The domain name (option 15).
    public var domainName: String?
    /// The interface MTU the server suggests (option 26); recorded, not applied.
    public var mtu: Int?
    /// The server that granted the lease (option 54), where renewals and the release go.
    public var serverIdentifier: IPv4Address
    /// How long the lease lasts; nil for an infinite lease (`0xffffffff`).
    public var leaseTime: Duration?
    /// T1: when renewing starts, after `start` (option 58, or half the lease).
    public var renewalTime: Duration?
    /// T2: when rebinding starts, after `start` (option 59, or 7/8 of the lease).
    public var rebindingTime: Duration?
    /// When the lease began, in manager time: when the client sent the request that the DHCPACK
    /// answered (RFC 2131 §4.4.1), so that every time counts from the earliest moment it could.
    public var start: Duration

    public init(
        address: IPv4Address,
        prefixLength: Int,
        routers: [IPv4Address] = [],
        dnsServers: [IPv4Address] = [],
        domainName: String? = nil,
        mtu: Int? = nil,
        serverIdentifier: IPv4Address,
        leaseTime: Duration?,
        renewalTime: Duration? = nil,
        rebindingTime: Duration? = nil,
        start: Duration
    ) {
        self.address = address
        self.prefixLength = prefixLength
        self.routers = routers
        self.dnsServers = dnsServers
        self.domainName = domainName
        self.mtu = mtu
        self.serverIdentifier = serverIdentifier
        self.leaseTime = leaseTime
        self.renewalTime = renewalTime
        self.rebindingTime = rebindingTime
        self.start = start
    }

    /// The lease a DHCPACK grants, or nil when the ACK lacks what a lease needs (an address and a
    /// server identifier) or grants no time at all.
    /// - Parameters:
    ///   - ack: the DHCPACK.
    ///   - start: when the request it answers was sent.
    ///   - serverIdentifier: the server asked, for an ACK without option 54 (RFC 2131 §4.3.1 makes
    ///     it a must, a few servers leave it out in renewals).
    public init?(ack: DHCPMessage, start: Duration, serverIdentifier: IPv4Address? = nil) {
        let options = ack.options
        guard !ack.yourAddress.isUnspecified, let server = options.serverIdentifier ?? serverIdentifier else {
            return nil
        }
        self.address = ack.yourAddress
        self.prefixLength =
            options.subnetMask.flatMap(Self.prefixLength(ofMask:)) ?? Self.classfulPrefixLength(ack.yourAddress)
        self.routers = options.routers
        self.dnsServers = options.domainNameServers
        self.domainName = options.domainName
        self.mtu = options.interfaceMTU.map(Int.init)
        self.serverIdentifier = server
        self.start = start
        guard let seconds = options.leaseTime, seconds != UInt32.max else {
            // No option 51 in an ACK is a server's mistake; treated as infinite, like option 51 of
            // all ones, rather than refusing an address the server did grant.
            self.leaseTime = nil
            return
        }
        guard seconds > 0 else { return nil }
        let lease = Duration.seconds(seconds)
        self.leaseTime = lease
        var renewal = options.renewalTime.map { Duration.seconds($0) } ?? lease / 2
        var rebinding = options.rebindingTime.map { Duration.seconds($0) } ?? lease * 7 / 8
        // RFC 2131 §4.4.5: T1 < T2 < lease. Times that break it are replaced by the defaults.
        if !(rebinding < lease) { rebinding = lease * 7 / 8 }
        if !(renewal < rebinding) { renewal = min(lease / 2, rebinding) }
        self.renewalTime = renewal
        self.rebindingTime = rebinding
    }

    /// The default router, if the server named one.
    public var router: IPv4Address? { self.routers.first }

    /// When renewing starts (T1), in manager time; nil for an infinite lease.
    public var renewAt: Duration? { self.renewalTime.map { self.start + $0 } }

    /// When rebinding starts (T2), in manager time; nil for an infinite lease.
    public var rebindAt: Duration? { self.rebindingTime.map { self.start + $0 } }

    /// When the lease ends, in manager time; nil for an infinite lease.
    public var expiresAt: Duration? { self.leaseTime.map { self.start + $0 } }

    /// How long the lease has left at `now` (zero once expired); nil for an infinite lease.
    public func remaining(at now: Duration) -> Duration? {
        self.expiresAt.map { max($0 - now, .zero) }
    }

    /// The directed broadcast address of the leased subnet, for the interface configurator.
    public var broadcast: IPv4Address? {
        guard self.prefixLength < 31 else { return nil }
        let hostBits: UInt32 = self.prefixLength == 0 ? .max : (1 << (32 - UInt32(self.prefixLength))) - 1
        return IPv4Address(value: self.address.value | hostBits)
    }

    /// The prefix length of a contiguous mask such as 255.255.255.0; nil for a non-contiguous one.
    static func prefixLength(ofMask mask: IPv4Address) -> Int? {
        let ones = mask.value.leadingZeroBitCount == 0 ? (~mask.value).leadingZeroBitCount : 0
        let expected: UInt32 = ones == 0 ? 0 : ~((1 << (32 - UInt32(ones))) &- 1)
        return mask.value == expected ? ones : nil
    }

    /// The prefix length of the address's class, for a lease without a subnet mask.
    static func classfulPrefixLength(_ address: IPv4Address) -> Int {
        switch address.value >> 29 {
        case 0b000...0b011: 8  // class A
        case 0b100, 0b101: 16  // class B
        default: 24  // class C (and D/E, which a server must not lease)
        }
    }
}

import UplinkCore

/// What an upstream hands out to the simulated device: an IPv4 lease from its DHCP server, and an
/// IPv6 prefix from its router advertisements, with the gateway that the reachability probe asks.
public struct SimulatedLease: Hashable, Sendable {
    /// The leased IPv4 address and its prefix length.
    public var ipv4: InterfaceAddress
    /// The SLAAC address from router advertisements, if the upstream advertises a prefix.
    public var ipv6: InterfaceAddress?
    /// The router the probe asks; named in the unreachable reason.
    public var gateway: IPv4Address

    public init(ipv4: InterfaceAddress, ipv6: InterfaceAddress?, gateway: IPv4Address) {
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        self.gateway = gateway
    }

    /// The addresses as the kernel first holds them: IPv4 usable at once, IPv6 tentative until
    /// duplicate address detection is over.
    var addresses: [InterfaceAddress] {
        var tentative = self.ipv6
        tentative?.state = .tentative
        return [self.ipv4] + (tentative.map { [$0] } ?? [])
    }

    /// A lease in 198.18.0.0/15 or 192.0.2.0/24 with an optional prefix in 2001:db8::/32; the
    /// texts are the simulation's own constants, so a typo is a programming error.
    static func make(ipv4: String, prefixLength: Int, ipv6: String?, gateway: String) -> SimulatedLease {
        guard let address = IPv4Address(ipv4), let router = IPv4Address(gateway) else {
            preconditionFailure("the simulation's IPv4 constants must parse: \(ipv4), \(gateway)")
        }
        let slaac = ipv6.map { text -> InterfaceAddress in
            guard let address = IPv6Address(text) else {
                preconditionFailure("the simulation's IPv6 constants must parse: \(text)")
            }
            return InterfaceAddress(.v6(address), prefixLength: 64)
        }
        return SimulatedLease(
            ipv4: InterfaceAddress(.v4(address), prefixLength: prefixLength),
            ipv6: slaac,
            gateway: router
        )
    }
}

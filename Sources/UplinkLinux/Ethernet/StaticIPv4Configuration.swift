import UplinkCore

/// A static IPv4 configuration: what a DHCP lease would otherwise provide.
public struct StaticIPv4Configuration: Hashable, Sendable {
    /// The address.
    public var address: IPv4Address
    /// Its prefix length (1–32).
    public var prefixLength: Int
    /// The default gateway, if the interface should carry the default route.
    public var gateway: IPv4Address?
    /// DNS servers to report alongside, recorded and never written anywhere.
    public var dnsServers: [IPv4Address]

    public init(address: IPv4Address, prefixLength: Int, gateway: IPv4Address? = nil, dnsServers: [IPv4Address] = []) {
        self.address = address
        self.prefixLength = prefixLength
        self.gateway = gateway
        self.dnsServers = dnsServers
    }

    /// The subnet's directed broadcast address, for prefixes that have one.
    public var broadcast: IPv4Address? {
        guard self.prefixLength < 31 else { return nil }
        return IPv4Address(value: self.address.value | ((1 << (32 - UInt32(max(self.prefixLength, 0)))) &- 1))
    }
}

import UplinkCore

/// How `EthernetTechnology` addresses one interface: by DHCP or statically, and the metric of the
/// default route it adds.
///
/// IPv6 is not configured here: the kernel's SLAAC handles router advertisements on its own, and
/// the technology never touches `accept_ra`.
public struct EthernetConfiguration: Hashable, Sendable {
    /// Where the IPv4 address comes from.
    public enum Addressing: Hashable, Sendable {
        /// A DHCPv4 lease, asked for with these settings.
        case dhcp(DHCPClientConfiguration)
        /// A fixed address, applied as soon as the interface has carrier.
        case fixed(StaticIPv4Configuration)
    }

    /// The metric of Ethernet's default route: NetworkManager's, below Wi-Fi (600) and cellular
    /// (700), so a plugged cable is preferred.
    public static let defaultRouteMetric = 100

    /// Where the IPv4 address comes from.
    public var addressing: Addressing
    /// The metric of the default route (lower is preferred).
    public var routeMetric: Int

    public init(addressing: Addressing = .dhcp(DHCPClientConfiguration()), routeMetric: Int = Self.defaultRouteMetric) {
        self.addressing = addressing
        self.routeMetric = routeMetric
    }

    /// DHCP, optionally with a host name (option 12) and a client identifier (option 61).
    public static func dhcp(
        hostName: String? = nil,
        clientIdentifier: [UInt8]? = nil,
        routeMetric: Int = Self.defaultRouteMetric
    ) -> EthernetConfiguration {
        EthernetConfiguration(
            addressing: .dhcp(DHCPClientConfiguration(clientIdentifier: clientIdentifier, hostName: hostName)),
            routeMetric: routeMetric
        )
    }

    /// A fixed address and prefix, with an optional default gateway.
    public static func fixed(
        _ address: IPv4Address,
        prefixLength: Int,
        gateway: IPv4Address? = nil,
        dnsServers: [IPv4Address] = [],
        routeMetric: Int = Self.defaultRouteMetric
    ) -> EthernetConfiguration {
        EthernetConfiguration(
            addressing: .fixed(
                StaticIPv4Configuration(
                    address: address, prefixLength: prefixLength, gateway: gateway, dnsServers: dnsServers)),
            routeMetric: routeMetric
        )
    }

    /// Checks what a configuration file or command could get wrong.
    /// - Throws: `ControlError.invalidArgument` naming the interface, the value and what is accepted.
    public func validate(for interfaceName: String) throws(ControlError) {
        guard self.routeMetric >= 0, self.routeMetric <= Int(UInt32.max) else {
            throw ControlError(
                .invalidArgument, interface: interfaceName,
                "route metric \(self.routeMetric) is not between 0 and \(UInt32.max)")
        }
        switch self.addressing {
        case .dhcp(let client):
            if let identifier = client.clientIdentifier, identifier.count < 2 || identifier.count > 255 {
                throw ControlError(
                    .invalidArgument, interface: interfaceName,
                    "DHCP client identifier has \(identifier.count) bytes; 2 to 255 are accepted (RFC 2132 §9.14)")
            }
            if let name = client.hostName, name.utf8.isEmpty || name.utf8.count > 255 {
                throw ControlError(
                    .invalidArgument, interface: interfaceName,
                    "DHCP host name has \(name.utf8.count) bytes; 1 to 255 are accepted")
            }
        case .fixed(let fixed):
            guard (1...32).contains(fixed.prefixLength) else {
                throw ControlError(
                    .invalidArgument, interface: interfaceName,
                    "prefix length \(fixed.prefixLength) of \(fixed.address) is not between 1 and 32")
            }
            guard !fixed.address.isUnspecified, !fixed.address.isLoopback else {
                throw ControlError(
                    .invalidArgument, interface: interfaceName,
                    "\(fixed.address) cannot be an interface's address; give a unicast address")
            }
        }
    }
}

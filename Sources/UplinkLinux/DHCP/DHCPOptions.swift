import UplinkCore

/// The options of a DHCP message (RFC 2132) that uplink's client sends or reads, typed, with every
/// other option kept as raw bytes.
///
/// Times are whole seconds as on the wire (`UInt32.max` is "infinity", RFC 2132 §9.2); lists are
/// empty when the option is absent. Parsing and encoding are in `DHCPOptions+Codec.swift`.
public struct DHCPOptions: Hashable, Sendable {
    /// The option codes uplink knows by name (RFC 2132).
    public enum Code {
        /// Pad: one zero byte with no length, for alignment (§3.1).
        public static let pad: UInt8 = 0
        /// The subnet mask (§3.3).
        public static let subnetMask: UInt8 = 1
        /// Routers on the client's subnet, in order of preference (§3.5).
        public static let routers: UInt8 = 3
        /// Domain name servers, in order of preference (§3.8).
        public static let domainNameServers: UInt8 = 6
        /// The client's host name (§3.14).
        public static let hostName: UInt8 = 12
        /// The domain name the client should use (§3.17).
        public static let domainName: UInt8 = 15
        /// The MTU for the interface (§5.1).
        public static let interfaceMTU: UInt8 = 26
        /// The address a client asks for (§9.1).
        public static let requestedAddress: UInt8 = 50
        /// The lease time in seconds (§9.2).
        public static let leaseTime: UInt8 = 51
        /// Options continue in the `file` and/or `sname` fields (§9.3).
        public static let overload: UInt8 = 52
        /// The message type (§9.6).
        public static let messageType: UInt8 = 53
        /// The server's identifier, its address (§9.7).
        public static let serverIdentifier: UInt8 = 54
        /// The options a client asks for (§9.8).
        public static let parameterRequestList: UInt8 = 55
        /// A text message, such as why a server sent a DHCPNAK (§9.9).
        public static let message: UInt8 = 56
        /// The largest DHCP message the sender accepts (§9.10).
        public static let maximumMessageSize: UInt8 = 57
        /// T1, when to start renewing, in seconds from the lease's start (§9.11).
        public static let renewalTime: UInt8 = 58
        /// T2, when to start rebinding (§9.12).
        public static let rebindingTime: UInt8 = 59
        /// The client identifier (§9.14).
        public static let clientIdentifier: UInt8 = 61
        /// End: the last option (§3.2).
        public static let end: UInt8 = 255
    }

    /// Option 53.
    public var messageType: DHCPMessageType?
    /// Option 1.
    public var subnetMask: IPv4Address?
    /// Option 3.
    public var routers: [IPv4Address] = []
    /// Option 6.
    public var domainNameServers: [IPv4Address] = []
    /// Option 12.
    public var hostName: String?
    /// Option 15.
    public var domainName: String?
    /// Option 26.
    public var interfaceMTU: UInt16?
    /// Option 50.
    public var requestedAddress: IPv4Address?
    /// Option 51, in seconds.
    public var leaseTime: UInt32?
    /// Option 54.
    public var serverIdentifier: IPv4Address?
    /// Option 55: the codes asked for, in the client's order of preference.
    public var parameterRequestList: [UInt8] = []
    /// Option 56.
    public var message: String?
    /// Option 57.
    public var maximumMessageSize: UInt16?
    /// Option 58, in seconds.
    public var renewalTime: UInt32?
    /// Option 59, in seconds.
    public var rebindingTime: UInt32?
    /// Option 61: a type byte, then the identifier (type 1 and a MAC for Ethernet, RFC 2132 §9.14).
    public var clientIdentifier: [UInt8]?
    /// Every other option, by code, its value as received (instances of a code concatenated, as
    /// RFC 3396 says long options are split). Encoded in code order after the typed ones.
    public var other: [UInt8: [UInt8]] = [:]

    public init(
        messageType: DHCPMessageType? = nil,
        subnetMask: IPv4Address? = nil,
        routers: [IPv4Address] = [],
        domainNameServers: [IPv4Address] = [],
        hostName: String? = nil,
        domainName: String? = nil,
        interfaceMTU: UInt16? = nil,
        requestedAddress: IPv4Address? = nil,
        leaseTime: UInt32? = nil,
        serverIdentifier: IPv4Address? = nil,
        parameterRequestList: [UInt8] = [],
        message: String? = nil,
        maximumMessageSize: UInt16? = nil,
        renewalTime: UInt32? = nil,
        rebindingTime: UInt32? = nil,
        clientIdentifier: [UInt8]? = nil,
        other: [UInt8: [UInt8]] = [:]
    ) {
        self.messageType = messageType
        self.subnetMask = subnetMask
        self.routers = routers
        self.domainNameServers = domainNameServers
        self.hostName = hostName
        self.domainName = domainName
        self.interfaceMTU = interfaceMTU
        self.requestedAddress = requestedAddress
        self.leaseTime = leaseTime
        self.serverIdentifier = serverIdentifier
        self.parameterRequestList = parameterRequestList
        self.message = message
        self.maximumMessageSize = maximumMessageSize
        self.renewalTime = renewalTime
        self.rebindingTime = rebindingTime
        self.clientIdentifier = clientIdentifier
        self.other = other
    }
}

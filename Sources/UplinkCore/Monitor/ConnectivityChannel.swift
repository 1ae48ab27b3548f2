/// One of the three things the monitor counts ready interfaces for, each with its own L4 events.
public enum ConnectivityChannel: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Ready in either family: the global L4 connected/disconnected events.
    case any
    /// Ready for IPv4: the IPv4 connected/disconnected events.
    case ipv4
    /// Ready for IPv6: the IPv6 connected/disconnected events.
    case ipv6

    /// The order in which events of one evaluation are emitted, and in which `resendStatus` emits
    /// them: global first, then IPv6, then IPv4, as the reference's resend does.
    public static let emissionOrder: [ConnectivityChannel] = [.any, .ipv6, .ipv4]

    public var description: String {
        switch self {
        case .any: "l4"
        case .ipv4: "ipv4"
        case .ipv6: "ipv6"
        }
    }
}

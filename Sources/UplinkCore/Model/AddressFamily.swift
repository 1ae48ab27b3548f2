/// An internet protocol version; readiness is judged separately for each.
public enum AddressFamily: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Internet Protocol version 4.
    case ipv4
    /// Internet Protocol version 6.
    case ipv6

    /// Orders IPv4 before IPv6, so listings group addresses the way `ip address` shows them.
    public static func < (lhs: AddressFamily, rhs: AddressFamily) -> Bool {
        lhs.rank < rhs.rank
    }

    /// Explicit rather than derived from declaration order, so reordering the cases cannot change sorting.
    private var rank: Int {
        switch self {
        case .ipv4: 0
        case .ipv6: 1
        }
    }
}

/// One address configured on an interface, with what the readiness rule needs to judge it.
public struct InterfaceAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address itself.
    public var address: IPAddress
    /// The prefix length (0–32 for IPv4, 0–128 for IPv6).
    public var prefixLength: Int
    /// How far the address reaches.
    public var scope: AddressScope
    /// Whether it can be used yet, or any more.
    public var state: AddressState

    /// Makes an address record; the scope defaults to the one the kernel would assign to such an address.
    public init(
        _ address: IPAddress,
        prefixLength: Int,
        scope: AddressScope? = nil,
        state: AddressState = .preferred
    ) {
        self.address = address
        self.prefixLength = prefixLength
        self.scope = scope ?? Self.naturalScope(of: address)
        self.state = state
    }

    /// The address family.
    public var family: AddressFamily { self.address.family }

    /// True when this address, on an interface that is up, gives that interface connectivity in its family.
    ///
    /// Link-local and loopback addresses never count, whatever scope a driver reports for them, and
    /// neither do tentative, duplicate or deprecated ones.
    public var isUsable: Bool {
        self.state == .preferred && self.isRoutable
    }

    /// True when the address could reach beyond this link and host once it is usable.
    var isRoutable: Bool {
        switch self.scope {
        case .global, .site:
            !self.address.isLinkLocal && !self.address.isLoopback && !self.address.isUnspecified
        case .link, .host:
            false
        }
    }

    public var description: String { "\(self.address)/\(self.prefixLength)" }

    /// The scope Linux gives an address it configures itself.
    private static func naturalScope(of address: IPAddress) -> AddressScope {
        if address.isLoopback { return .host }
        if address.isLinkLocal { return .link }
        return .global
    }
}

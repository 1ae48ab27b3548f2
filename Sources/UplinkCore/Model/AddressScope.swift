/// How far an address reaches, as the kernel reports it (`IFA_SCOPE` / `rtm_scope`).
public enum AddressScope: String, Sendable, Hashable, CaseIterable {
    /// Routable beyond this link (the kernel's `RT_SCOPE_UNIVERSE`).
    case global
    /// Valid within a site; deprecated for IPv6 but still reported by some stacks.
    case site
    /// Valid on this link only (169.254/16, fe80::/10).
    case link
    /// Valid on this host only (127/8, ::1).
    case host
}

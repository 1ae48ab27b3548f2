/// Where an address is in its life: whether the stack may use it as a source yet, or any more.
public enum AddressState: String, Sendable, Hashable, CaseIterable {
    /// Duplicate address detection (IPv6 DAD, IPv4 ACD) is still running; the address must not be used.
    case tentative
    /// Usable: detection passed (or is off) and the preferred lifetime has not run out.
    case preferred
    /// Still valid for existing connections, but its preferred lifetime ran out; new ones avoid it.
    case deprecated
    /// Detection found another host using it (`IFA_F_DADFAILED`); it will never become usable.
    case duplicate
}

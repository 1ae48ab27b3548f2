import CNetlink
import Glibc
import UplinkCore

extension InterfaceAddress {
    /// The core's view of an address from its `RTM_NEWADDR`; nil when the message names no address.
    ///
    /// The address is `IFA_LOCAL` when present, else `IFA_ADDRESS`: on a point-to-point link
    /// `IFA_ADDRESS` is the peer's address, and the kernel sends `IFA_LOCAL` for every IPv4 address.
    public init?(_ message: AddressMessage) {
        guard let address = message.localAddress else { return nil }
        self.init(
            address,
            prefixLength: Int(message.prefixLength),
            scope: AddressScope(kernelScope: message.scope),
            state: AddressState(kernelFlags: message.allFlags)
        )
    }
}

extension AddressState {
    /// The state the `IFA_F_*` flags describe, checked in this order:
    /// - `IFA_F_DADFAILED` → duplicate (the kernel leaves `IFA_F_TENTATIVE` set on a failed address);
    /// - `IFA_F_TENTATIVE` without `IFA_F_OPTIMISTIC` → tentative;
    /// - `IFA_F_DEPRECATED` → deprecated;
    /// - otherwise, `IFA_F_OPTIMISTIC` included, → preferred. An optimistic address (RFC 4429) is still
    ///   under DAD, but the kernel already uses it as a source (with `optimistic_dad` and `use_optimistic`
    ///   on), so it gives connectivity now; should DAD fail, it becomes `IFA_F_DADFAILED` and duplicate.
    public init(kernelFlags flags: UInt32) {
        if flags & UInt32(IFA_F_DADFAILED) != 0 {
            self = .duplicate
        } else if flags & UInt32(IFA_F_TENTATIVE) != 0 && flags & UInt32(IFA_F_OPTIMISTIC) == 0 {
            self = .tentative
        } else if flags & UInt32(IFA_F_DEPRECATED) != 0 {
            self = .deprecated
        } else {
            self = .preferred
        }
    }
}

extension AddressScope {
    /// The scope an `RT_SCOPE_*` value names. Values between the named ones (user-defined scopes in
    /// /etc/iproute2/rt_scopes) are read as the nearest wider named scope, and `RT_SCOPE_NOWHERE` as host.
    public init(kernelScope scope: UInt8) {
        switch UInt32(scope) {
        case ..<RT_SCOPE_SITE.rawValue: self = .global
        case ..<RT_SCOPE_LINK.rawValue: self = .site
        case RT_SCOPE_LINK.rawValue: self = .link
        default: self = .host
        }
    }
}

import CNetlink
import Glibc
import UplinkCore

extension LinkSnapshot {
    /// The core's view of a link from its `RTM_NEWLINK`.
    ///
    /// - Admin state is `IFF_UP`.
    /// - Carrier is `IFF_LOWER_UP`. Loopback and links whose driver does not track an operational state
    ///   (`IF_OPER_UNKNOWN`: tun devices, some virtual drivers) may never set it, so for them `IFF_UP` with
    ///   `IFF_RUNNING` counts as a carrier too, as `ip link` shows such links as "state UNKNOWN" and usable.
    /// - Dormant is `IF_OPER_DORMANT` (a supplicant holding the link until it has authenticated).
    public init(_ link: LinkMessage, technology: Technology) {
        let flags = link.flags
        let isUp = flags & UInt32(IFF_UP) != 0
        let isRunning = flags & UInt32(IFF_RUNNING) != 0
        let tracksNoState = Int32(link.type) == ARPHRD_LOOPBACK || link.operationalState == .unknown
        self.init(
            index: InterfaceIndex(Int(link.index)),
            name: link.name ?? "if\(link.index)",
            technology: technology,
            isAdminUp: isUp,
            hasCarrier: flags & cnl_iff_lower_up != 0 || (tracksNoState && isUp && isRunning),
            isDormant: link.operationalState == .dormant
        )
    }
}

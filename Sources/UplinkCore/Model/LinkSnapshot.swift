/// What the kernel says about an interface's link, without its addresses.
///
/// This is the unit a link source reports (one `RTM_NEWLINK`'s worth). Addresses arrive separately,
/// as they do from the kernel.
public struct LinkSnapshot: Hashable, Sendable {
    /// The kernel's index.
    public var index: InterfaceIndex
    /// The current name (it can change under a rename; the index cannot).
    public var name: String
    /// The kind of link.
    public var technology: Technology
    /// Administratively up (`IFF_UP`): someone asked for the interface to be up.
    public var isAdminUp: Bool
    /// The lower layer has a carrier (`IFF_LOWER_UP`): cable plugged in, radio associated, modem attached.
    public var hasCarrier: Bool
    /// The link is up but waits for something outside it, such as 802.1X authentication (`IF_OPER_DORMANT`).
    public var isDormant: Bool

    public init(
        index: InterfaceIndex,
        name: String,
        technology: Technology,
        isAdminUp: Bool = false,
        hasCarrier: Bool = true,
        isDormant: Bool = false
    ) {
        self.index = index
        self.name = name
        self.technology = technology
        self.isAdminUp = isAdminUp
        self.hasCarrier = hasCarrier
        self.isDormant = isDormant
    }

    /// The interface's identity as events carry it.
    public var id: InterfaceID { InterfaceID(index: self.index, name: self.name) }

    /// Operationally up: admin-up with a carrier and not dormant, so it can pass traffic.
    public var isOperationallyUp: Bool {
        self.isAdminUp && self.hasCarrier && !self.isDormant
    }
}

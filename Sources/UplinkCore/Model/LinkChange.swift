/// One change a link source reports, in the shape the kernel reports it.
public enum LinkChange: Hashable, Sendable {
    /// A link appeared or any of its attributes changed (`RTM_NEWLINK`).
    case link(LinkSnapshot)
    /// A link went away (`RTM_DELLINK`); its addresses go with it.
    case linkRemoved(InterfaceIndex)
    /// An address was added to a link, or an existing one changed state (`RTM_NEWADDR`).
    ///
    /// An address is identified by its value and prefix length, as the kernel identifies it.
    case address(InterfaceIndex, InterfaceAddress)
    /// An address was removed (`RTM_DELADDR`).
    case addressRemoved(InterfaceIndex, IPAddress, prefixLength: Int)
    /// A complete picture of every link and its addresses, replacing all that was known.
    ///
    /// Sent at start-up and after the source lost messages (a netlink overrun): whatever the source
    /// missed, the monitor ends in the kernel's state and emits the events the net change implies.
    case replaceAll([LinkSnapshot], addresses: [InterfaceIndex: [InterfaceAddress]])
}

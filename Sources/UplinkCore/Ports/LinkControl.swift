/// How the core changes links: the port that the Linux adapter implements over rtnetlink and the
/// simulation over its simulated device.
@ManagerActor
public protocol LinkControl: AnyObject {
    /// Sets an interface administratively up or down (`IFF_UP`). Idempotent.
    ///
    /// The change reaches the manager as a link change from the link source, as the kernel's
    /// notification would, not as a side effect of this call. Must not block for longer than a
    /// kernel round trip.
    /// - Throws: an error whose description says why, e.g. "needs root or CAP_NET_ADMIN".
    func setAdminState(up: Bool, of interface: InterfaceID) throws
}

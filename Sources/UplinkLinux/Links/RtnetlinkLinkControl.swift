import Glibc
import UplinkCore

/// Link control over rtnetlink: sets interfaces administratively up and down with `RTM_NEWLINK`, one
/// acknowledged round trip per call on an `RtnetlinkConnection`.
///
/// The change reaches the manager through the link source, as the kernel's notification, not from here.
/// Without CAP_NET_ADMIN the kernel refuses with EPERM, nothing changes, and the error says
/// "…needs root or CAP_NET_ADMIN".
@ManagerActor
public final class RtnetlinkLinkControl: LinkControl {
    /// The request socket, which an `RtnetlinkConfigurator` may share.
    public nonisolated let connection: RtnetlinkConnection

    /// Controls links through an existing connection.
    public nonisolated init(connection: RtnetlinkConnection) {
        self.connection = connection
    }

    /// Controls the links of `namespace` through a connection of its own.
    /// - Throws: `SystemCallError` when the socket cannot be made.
    public nonisolated convenience init(namespace: NetworkNamespace = .current) throws {
        self.init(connection: try RtnetlinkConnection(namespace: namespace))
    }

    /// Sets `IFF_UP` on or off. Idempotent: the kernel acknowledges a flag that is already so.
    /// - Throws: `SystemCallError` — ENODEV for an interface that is gone, EPERM ("needs root or
    ///   CAP_NET_ADMIN") without the privilege.
    public func setAdminState(up: Bool, of interface: InterfaceID) throws {
        try self.connection.setAdminState(up: up, of: interface)
    }
}

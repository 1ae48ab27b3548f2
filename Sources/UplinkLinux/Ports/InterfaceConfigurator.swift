import UplinkCore

/// How a technology puts on an interface what it obtained (a DHCP lease, a static configuration)
/// and takes it off again: addresses with their lifetimes and the default route.
///
/// Implemented over rtnetlink for the real kernel, and by a recording fake in tests. Every call is
/// one kernel round trip and does not block longer than that.
public protocol InterfaceConfigurator: Sendable {
    /// Adds an address, or updates the lifetimes of the same address and prefix already there.
    /// - Parameters:
    ///   - broadcast: the IPv4 broadcast address, if any.
    ///   - validLifetime: how long the kernel keeps the address; nil for as long as it is not removed.
    ///   - preferredLifetime: how long new connections may use it; nil for as long as it is valid.
    /// - Throws: `SystemCallError` (a missing privilege says "needs root or CAP_NET_ADMIN").
    func addAddress(
        _ address: IPAddress,
        prefixLength: Int,
        broadcast: IPv4Address?,
        validLifetime: Duration?,
        preferredLifetime: Duration?,
        on index: InterfaceIndex
    ) throws

    /// Removes an address; removing one that is not there succeeds.
    func removeAddress(_ address: IPAddress, prefixLength: Int, on index: InterfaceIndex) throws

    /// Adds (or replaces) the default route of the family of `gateway` through it, on this
    /// interface with this metric (lower is preferred).
    func addDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws

    /// Removes that default route; removing one that is not there succeeds.
    func removeDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws
}

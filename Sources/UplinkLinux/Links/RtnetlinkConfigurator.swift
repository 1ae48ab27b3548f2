import Glibc
import UplinkCore

/// The interface configurator over rtnetlink: addresses with lifetimes (`RTM_NEWADDR`/`RTM_DELADDR`)
/// and default routes (`RTM_NEWROUTE`/`RTM_DELROUTE`), one acknowledged round trip per call on an
/// `RtnetlinkConnection`. Removing what is already gone succeeds.
public struct RtnetlinkConfigurator: InterfaceConfigurator {
    /// The request socket, which an `RtnetlinkLinkControl` may share.
    public let connection: RtnetlinkConnection

    /// Configures through an existing connection.
    public init(connection: RtnetlinkConnection) {
        self.connection = connection
    }

    /// Configures the interfaces of `namespace` through a connection of its own.
    /// - Throws: `SystemCallError` when the socket cannot be made.
    public init(namespace: NetworkNamespace = .current) throws {
        self.init(connection: try RtnetlinkConnection(namespace: namespace))
    }

    /// Adds the address, or replaces the lifetimes and broadcast of the same address and prefix length.
    ///
    /// Lifetimes go to the kernel in whole seconds, rounded down; nil is "forever". A preferred lifetime
    /// longer than the valid one is cut to it, since an address cannot be preferred once it is gone. The
    /// kernel refuses a valid lifetime of zero (EINVAL).
    public func addAddress(
        _ address: IPAddress,
        prefixLength: Int,
        broadcast: IPv4Address?,
        validLifetime: Duration?,
        preferredLifetime: Duration?,
        on index: InterfaceIndex
    ) throws {
        let operation = "add \(address)/\(prefixLength) to interface \(index)"
        let prefix = try Self.checkedPrefixLength(
            prefixLength, of: address, request: "RTM_NEWADDR", operation: operation)
        let valid = Self.seconds(validLifetime)
        let lifetimes = AddressCacheInfo(
            preferredLifetime: min(Self.seconds(preferredLifetime ?? validLifetime), valid), validLifetime: valid)
        try self.connection.perform(operation: operation) { sequence in
            RtnetlinkRequest.addAddress(
                address, prefixLength: prefix, broadcast: broadcast, lifetimes: lifetimes, index: index,
                sequence: sequence)
        }
    }

    /// Removes the address; one that is not there (EADDRNOTAVAIL), or on an interface that is gone
    /// (ENODEV), counts as removed.
    public func removeAddress(_ address: IPAddress, prefixLength: Int, on index: InterfaceIndex) throws {
        let operation = "remove \(address)/\(prefixLength) from interface \(index)"
        let prefix = try Self.checkedPrefixLength(
            prefixLength, of: address, request: "RTM_DELADDR", operation: operation)
        try self.connection.perform(operation: operation, accepting: [EADDRNOTAVAIL, ENOENT, ESRCH, ENODEV]) {
            sequence in
            RtnetlinkRequest.removeAddress(address, prefixLength: prefix, index: index, sequence: sequence)
        }
    }

    /// Adds the default route through `gateway` on the interface with this metric, in the main table with
    /// protocol "dhcp". The same route already there counts as added (EEXIST); a default route through
    /// another gateway or interface stays, and the metrics decide between them.
    public func addDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws {
        let operation = "add default route via \(gateway) on interface \(index) with metric \(metric)"
        let checked = try Self.checkedMetric(metric, request: "RTM_NEWROUTE", operation: operation)
        try self.connection.perform(operation: operation, accepting: [EEXIST]) { sequence in
            RtnetlinkRequest.addDefaultRoute(via: gateway, index: index, metric: checked, sequence: sequence)
        }
    }

    /// Removes that default route; one that is not there (ESRCH), or on an interface that is gone
    /// (ENODEV), counts as removed.
    public func removeDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws {
        let operation = "remove default route via \(gateway) on interface \(index) with metric \(metric)"
        let checked = try Self.checkedMetric(metric, request: "RTM_DELROUTE", operation: operation)
        try self.connection.perform(operation: operation, accepting: [ESRCH, ENOENT, ENODEV]) { sequence in
            RtnetlinkRequest.removeDefaultRoute(via: gateway, index: index, metric: checked, sequence: sequence)
        }
    }

    /// Whole seconds for the kernel; nil is "forever", and no finite lifetime reaches its value.
    static func seconds(_ duration: Duration?) -> UInt32 {
        guard let duration else { return AddressCacheInfo.infinite }
        let seconds = max(duration.components.seconds, 0)
        return UInt32(min(seconds, Int64(AddressCacheInfo.infinite - 1)))
    }

    private static func checkedPrefixLength(
        _ prefixLength: Int,
        of address: IPAddress,
        request: String,
        operation: String
    ) throws(SystemCallError) -> UInt8 {
        let maximum = address.family == .ipv4 ? 32 : 128
        guard (0...maximum).contains(prefixLength) else {
            throw SystemCallError(
                request, errno: EINVAL, operation: operation + " (a prefix length is 0 to \(maximum))")
        }
        return UInt8(prefixLength)
    }

    private static func checkedMetric(_ metric: Int, request: String, operation: String) throws(SystemCallError)
        -> UInt32
    {
        guard let checked = UInt32(exactly: metric) else {
            throw SystemCallError(request, errno: EINVAL, operation: operation + " (a metric is 0 to \(UInt32.max))")
        }
        return checked
    }
}

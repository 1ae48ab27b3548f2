/// Why a transport could not open or send.
public struct DHCPTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The system call that failed.
    public var underlying: SystemCallError

    public init(_ underlying: SystemCallError) {
        self.underlying = underlying
    }

    /// True when the process lacks the privilege: retrying will not help.
    public var isPermissionDenied: Bool { self.underlying.isPermissionDenied }

    /// Says what failed; a refused privilege names the one a packet socket needs.
    public var description: String {
        guard self.isPermissionDenied else { return self.underlying.description }
        let what = self.underlying.operation.map { " to \($0)" } ?? ""
        return "DHCP needs root or CAP_NET_RAW\(what) (\(self.underlying.function) not permitted)"
    }
}

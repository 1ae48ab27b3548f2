/// Why bytes are not a DHCP message, or not an IPv4/UDP datagram carrying one.
///
/// A receive path drops such packets (a server on the link may speak a dialect, anyone may send
/// junk to port 68); the description names the field and what was expected, for the debug log.
public struct DHCPCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Hashable, Sendable {
        /// Fewer bytes than the structure needs.
        case truncated
        /// A field holds a value the format does not allow.
        case invalidField
        /// An option's length or content does not fit its definition in RFC 2132.
        case malformedOption(code: UInt8)
        /// A checksum does not match the bytes.
        case badChecksum
        /// A well-formed packet that is not for the DHCP client (another protocol, port or fragment).
        case notForClient
    }

    /// What was wrong.
    public var kind: Kind
    /// Says which field, what it held and what was expected.
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { self.detail }
}

/// Why the manager refused or failed a control request.
///
/// Each code maps one to one onto an error code of the reference (`errnoName`, `errnoValue`), so
/// the reference's conformance tests translate directly. Errors that an implementation throws from
/// `connect`, `disconnect` or the option calls reach the caller unchanged, as the reference returns
/// an implementation's status verbatim.
public struct ControlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The interface is not bound, or its implementation cannot do this (`-ENOTSUP`).
        case notSupported = "not-supported"
        /// An argument was out of range or unusable (`-EINVAL`).
        case invalidArgument = "invalid-argument"
        /// The implementation has no option with that number (`-ENOPROTOOPT`).
        case noSuchOption = "no-such-option"
        /// The value does not fit the room given for it (`-ENOBUFS`).
        case bufferTooSmall = "buffer-too-small"
        /// The interface is down and could not be brought up for a connect (`-ESHUTDOWN`). The
        /// reference documents this code but never returns it; uplink returns it, with the cause.
        case shutDown = "shut-down"
        /// The binding has no configuration to connect with, such as an SSID (`-ENODATA`). New in
        /// uplink, after the reference's `has_connection_config`, which names no code.
        case noConfiguration = "no-configuration"

        /// The reference's errno name for this code.
        public var errnoName: String {
            switch self {
            case .notSupported: "ENOTSUP"
            case .invalidArgument: "EINVAL"
            case .noSuchOption: "ENOPROTOOPT"
            case .bufferTooSmall: "ENOBUFS"
            case .shutDown: "ESHUTDOWN"
            case .noConfiguration: "ENODATA"
            }
        }

        /// The errno value on Linux (positive; the reference returns its negation).
        public var errnoValue: Int32 {
            switch self {
            case .notSupported: 95
            case .invalidArgument: 22
            case .noSuchOption: 92
            case .bufferTooSmall: 105
            case .shutDown: 108
            case .noConfiguration: 61
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// The interface concerned, when there is one.
    public var interface: String?
    /// What was wrong, and where it helps what would be accepted.
    public var message: String

    public init(_ code: Code, interface: String? = nil, _ message: String) {
        self.code = code
        self.interface = interface
        self.message = message
    }

    public var description: String {
        if let interface = self.interface { return "\(interface): \(self.message)" }
        return self.message
    }
}

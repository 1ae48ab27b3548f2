/// The flags of a binding that applications and operators may set.
///
/// The raw values are the reference's bit positions (`CONN_MGR_IF_PERSISTENT` = bit 0, …). The
/// reference's fourth, internal flag (`CONN_MGR_IF_DISCONNECTING`) is not here: uplink keeps it as
/// `Binding.isDisconnecting`, out of reach of the public setter, where the reference's range check
/// lets any caller set it (a defect: it would silently turn the next loss into an auto-down).
public struct BindingFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Reconnect after an unintended loss instead of being taken down.
    public static let persistent = BindingFlags(rawValue: 1 << 0)
    /// Do not connect by itself when the interface comes up.
    public static let noAutoConnect = BindingFlags(rawValue: 1 << 1)
    /// Never take the interface down by itself after a disconnect, loss, timeout or fatal error.
    public static let noAutoDown = BindingFlags(rawValue: 1 << 2)

    /// Every public flag with its stable name, in bit order.
    public static let named: [(name: String, flag: BindingFlags)] = [
        ("persistent", .persistent), ("no-auto-connect", .noAutoConnect), ("no-auto-down", .noAutoDown),
    ]

    /// Parses one flag from its name (`persistent`, `no-auto-connect`, `no-auto-down`) or its bit
    /// number (0–2), as the command line and the control protocol receive it.
    /// - Throws: `ControlError.invalidArgument` naming what was given and what is accepted.
    public init(parsing text: String) throws(ControlError) {
        let trimmed = text.lowercased()
        if let match = Self.named.first(where: { $0.name == trimmed }) {
            self = match.flag
            return
        }
        if let bit = Int(trimmed), bit >= 0, bit < Self.named.count {
            self = Self.named[bit].flag
            return
        }
        let accepted = Self.named.enumerated().map { "\($0.element.name) (\($0.offset))" }.joined(separator: ", ")
        throw ControlError(.invalidArgument, "unknown binding flag \"\(text)\"; accepted: \(accepted)")
    }

    public var description: String {
        let names = Self.named.filter { self.contains($0.flag) }.map(\.name)
        return names.isEmpty ? "none" : names.joined(separator: ",")
    }
}

/// A secret — a WPA passphrase, a password — that never shows itself.
///
/// Its `description` and `debugDescription` are a mask, so interpolating it into a log line, an
/// event or an error message cannot leak it; the value is read only through `revealed`, on purpose.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself, for the one place that must hand it to a supplicant.
    public var revealed: String { self.value }

    /// How many characters it has, for a masked field.
    public var count: Int { self.value.count }

    public var isEmpty: Bool { self.value.isEmpty }

    public var description: String { "••••••" }

    public var debugDescription: String { "Secret(••••••)" }
}

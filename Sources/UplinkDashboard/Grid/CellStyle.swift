/// Emphasis a cell carries on top of its role's colours; the only styling a monochrome terminal has.
public struct CellStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold (or bright) text.
    public static let bold = CellStyle(rawValue: 1 << 0)
    /// Underlined text.
    public static let underline = CellStyle(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = CellStyle(rawValue: 1 << 2)
    /// Dim text.
    public static let dim = CellStyle(rawValue: 1 << 3)
}

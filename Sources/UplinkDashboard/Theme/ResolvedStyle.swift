/// A role's look on one terminal: palette indices and emphasis, ready for the terminal layer.
public struct ResolvedStyle: Hashable, Sendable {
    /// The foreground's palette index (0–255), or -1 for the terminal's default.
    public var foreground: Int
    /// The background's palette index (0–255), or -1 for the terminal's default.
    public var background: Int
    /// Emphasis.
    public var style: CellStyle

    public init(foreground: Int = -1, background: Int = -1, style: CellStyle = []) {
        self.foreground = foreground
        self.background = background
        self.style = style
    }
}

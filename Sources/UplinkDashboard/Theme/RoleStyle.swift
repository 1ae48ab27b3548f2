/// What a theme gives one role: colours and emphasis for colour terminals, and the emphasis alone that
/// stands in for them on a monochrome one.
public struct RoleStyle: Hashable, Sendable {
    /// The text colour.
    public var foreground: ThemeColor
    /// The cell colour behind the text.
    public var background: ThemeColor
    /// Emphasis on 256- and 8-colour terminals.
    public var emphasis: CellStyle
    /// Emphasis on a monochrome terminal, which must carry the role's meaning on its own.
    public var monochrome: CellStyle

    /// A role's style; everything left out is the terminal's default look.
    /// - Parameters:
    ///   - foreground: The text colour.
    ///   - background: The colour behind the text.
    ///   - emphasis: Emphasis where colours are shown.
    ///   - monochrome: Emphasis where they are not.
    public init(
        foreground: ThemeColor = .terminalDefault,
        background: ThemeColor = .terminalDefault,
        emphasis: CellStyle = [],
        monochrome: CellStyle = []
    ) {
        self.foreground = foreground
        self.background = background
        self.emphasis = emphasis
        self.monochrome = monochrome
    }

    /// The style on a terminal with the given colours.
    ///
    /// On 8 colours a bright foreground becomes bold, the only way those terminals show it; a bright
    /// background cannot be shown and stays the plain colour.
    public func resolve(for capability: ColorCapability) -> ResolvedStyle {
        switch capability {
        case .indexed256:
            return ResolvedStyle(
                foreground: self.foreground.palette ?? -1,
                background: self.background.palette ?? -1,
                style: self.emphasis
            )
        case .basic8:
            let brightening: CellStyle = self.foreground.bright ? .bold : []
            return ResolvedStyle(
                foreground: self.foreground.basic?.rawValue ?? -1,
                background: self.background.basic?.rawValue ?? -1,
                style: self.emphasis.union(brightening)
            )
        case .monochrome:
            return ResolvedStyle(style: self.monochrome)
        }
    }
}

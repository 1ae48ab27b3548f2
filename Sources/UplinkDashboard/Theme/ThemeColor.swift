/// A colour as a theme gives it: a choice for 256-colour terminals and a fallback for 8-colour ones.
///
/// Both halves are stored rather than derived at draw time because the nearest basic colour is often
/// a poor choice (a light grey becomes white, an orange becomes yellow or red); a theme author says
/// what the 8-colour terminal should show.
public struct ThemeColor: Hashable, Sendable {
    /// The 256-colour palette index (0–255), nil for the terminal's own colour.
    public var palette: Int?
    /// The colour on an 8-colour terminal, nil for the terminal's own colour.
    public var basic: BasicColor?
    /// Whether the 8-colour fallback is the bright variant, which 8-colour terminals can only show as
    /// bold text; always false without a basic colour.
    public var bright: Bool

    /// A colour from its two halves.
    /// - Parameters:
    ///   - palette: The 256-colour palette index, 0–255, or nil for the terminal's own colour.
    ///   - basic: The 8-colour fallback, or nil for the terminal's own colour.
    ///   - bright: Whether the fallback is the bright variant (drawn bold on 8 colours).
    public init(palette: Int?, basic: BasicColor?, bright: Bool = false) {
        precondition(palette.map { (0...255).contains($0) } ?? true, "palette index \(palette ?? 0) is not 0–255")
        self.palette = palette
        self.basic = basic
        self.bright = basic == nil ? false : bright
    }

    /// The terminal's own foreground or background, whatever the number of colours.
    public static let terminalDefault = ThemeColor(palette: nil, basic: nil)

    /// A palette colour with its 8-colour fallback (nil: the terminal's own colour on 8 colours).
    public static func palette(_ index: Int, _ basic: BasicColor?, bright: Bool = false) -> ThemeColor {
        ThemeColor(palette: index, basic: basic, bright: bright)
    }

    /// A basic colour on every terminal: palette 0–7, or 8–15 for the bright variants.
    public static func basic(_ color: BasicColor, bright: Bool = false) -> ThemeColor {
        ThemeColor(palette: color.rawValue + (bright ? 8 : 0), basic: color, bright: bright)
    }
}

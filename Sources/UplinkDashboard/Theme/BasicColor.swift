/// One of the eight ANSI colours every colour terminal has; the raw value is its palette index.
public enum BasicColor: Int, Hashable, Sendable, CaseIterable {
    /// Palette index 0.
    case black
    /// Palette index 1.
    case red
    /// Palette index 2.
    case green
    /// Palette index 3.
    case yellow
    /// Palette index 4.
    case blue
    /// Palette index 5.
    case magenta
    /// Palette index 6.
    case cyan
    /// Palette index 7.
    case white

    /// The name a theme file uses for the colour.
    public var name: String {
        switch self {
        case .black: "black"
        case .red: "red"
        case .green: "green"
        case .yellow: "yellow"
        case .blue: "blue"
        case .magenta: "magenta"
        case .cyan: "cyan"
        case .white: "white"
        }
    }

    /// The colour a theme file names, nil for any other word.
    public init?(name: String) {
        guard let color = BasicColor.allCases.first(where: { $0.name == name }) else {
            return nil
        }
        self = color
    }
}

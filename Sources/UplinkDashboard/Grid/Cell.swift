/// One character cell of the terminal: what it shows and how.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown; nil for the right half of a double-width character drawn in the cell
    /// to its left.
    public var character: Character?
    /// The semantic role, which the theme turns into colours and emphasis.
    public var role: ThemeRole
    /// Emphasis on top of the role.
    public var style: CellStyle

    public init(_ character: Character? = " ", role: ThemeRole = .text, style: CellStyle = []) {
        self.character = character
        self.role = role
        self.style = style
    }

    /// A blank cell.
    public static let blank = Cell()
}

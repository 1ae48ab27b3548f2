/// A screenful of cells: what the dashboard renders, without a terminal.
///
/// The view model draws into a grid; the terminal layer compares it with the grid on screen and
/// writes only the cells that differ. Tests compare grids as text.
public struct CellGrid: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { self.cells[row * self.width + column] }
        set { self.cells[row * self.width + column] = newValue }
    }

    /// Writes text from (row, column), one grapheme per cell and two for wide ones, stopping at
    /// `limit` columns or the grid's edge; a wide character that would straddle the edge is
    /// replaced by a space.
    /// - Returns: the columns written.
    @discardableResult
    public mutating func write(
        _ text: some StringProtocol,
        row: Int,
        column: Int,
        role: ThemeRole = .text,
        style: CellStyle = [],
        limit: Int? = nil
    ) -> Int {
        guard row >= 0, row < self.height, column < self.width else { return 0 }
        let end = min(self.width, column + (limit ?? self.width))
        var position = column
        for character in text {
            let characterWidth = TextWidth.of(character)
            guard characterWidth > 0 else { continue }
            if position + characterWidth > end {
                if position < end { self[row, position] = Cell(" ", role: role, style: style) }
                position = end
                break
            }
            if position >= 0 {
                self[row, position] = Cell(character, role: role, style: style)
                if characterWidth == 2 { self[row, position + 1] = Cell(nil, role: role, style: style) }
            }
            position += characterWidth
        }
        return position - column
    }

    /// Paints a rectangle with blanks of a role (a background), clipped to the grid.
    public mutating func fill(row: Int, column: Int, width: Int, height: Int, role: ThemeRole, style: CellStyle = []) {
        for y in max(row, 0)..<min(row + height, self.height) {
            for x in max(column, 0)..<min(column + width, self.width) {
                self[y, x] = Cell(" ", role: role, style: style)
            }
        }
    }

    /// Changes the role and style of existing cells in a row span, keeping their characters.
    public mutating func restyle(row: Int, column: Int, width: Int, role: ThemeRole, style: CellStyle = []) {
        guard row >= 0, row < self.height else { return }
        for x in max(column, 0)..<min(column + width, self.width) {
            self[row, x].role = role
            self[row, x].style = style
        }
    }

    /// One row as text; the right halves of wide characters add nothing.
    public func text(row: Int) -> String {
        var line = ""
        for column in 0..<self.width {
            if let character = self[row, column].character { line.append(character) }
        }
        return line
    }

    /// Every row as text, trailing spaces removed: the form golden tests compare.
    public var lines: [String] {
        (0..<self.height).map { row in
            var line = self.text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The rows as one string, for golden tests.
    public var rendered: String { self.lines.joined(separator: "\n") }
}

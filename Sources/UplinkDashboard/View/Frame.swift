/// One rendered frame: the grid and where the terminal should show its cursor (for text entry),
/// or nil to hide it.
public struct Frame: Hashable, Sendable {
    public var grid: CellGrid
    public var cursor: (row: Int, column: Int)?

    public init(grid: CellGrid, cursor: (row: Int, column: Int)? = nil) {
        self.grid = grid
        self.cursor = cursor
    }

    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.grid == rhs.grid && lhs.cursor?.row == rhs.cursor?.row && lhs.cursor?.column == rhs.cursor?.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.grid)
        hasher.combine(self.cursor?.row)
        hasher.combine(self.cursor?.column)
    }
}

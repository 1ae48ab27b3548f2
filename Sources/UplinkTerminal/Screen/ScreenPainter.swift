import UplinkDashboard

/// Keeps the grid that is on screen and, for each new frame, writes only the cells that changed.
///
/// The dashboard renders a whole ``CellGrid`` on every wake (a key, an event, the clock); nearly all of
/// it is what the terminal already shows. The painter compares cell by cell, gathers neighbouring
/// changed cells of a row that look the same into one ``TextRun``, and sends nothing at all — not even a
/// refresh — when nothing changed. That keeps an idle minute down to the clock's cells and a slow
/// serial console or SSH link responsive (peers.md §3.7: diffs, not repaints).
///
/// A cell's look is its role's style from the theme, for the terminal's colours, with the cell's own
/// emphasis added. The right half of a double-width character (a nil character) is covered by the
/// character to its left and never written on its own.
struct ScreenPainter {
    /// What the painter knows about the cursor.
    private enum CursorState: Equatable {
        /// Unknown: before the first frame and after ``forget()``; the next frame places or hides it.
        case unknown
        /// Shown at a position, or hidden (nil), as the last frame asked.
        case known(CursorPosition?)
    }

    /// The theme the roles are resolved in.
    let theme: Theme
    /// The terminal's colours.
    let capability: ColorCapability
    /// Every role's resolved style, computed once.
    private let styles: [ThemeRole: ResolvedStyle]
    /// The grid on screen; nil when unknown.
    private var onScreen: CellGrid?
    private var cursor = CursorState.unknown

    /// A painter for a theme on a terminal with the given colours, with nothing known on screen.
    init(theme: Theme, capability: ColorCapability) {
        self.theme = theme
        self.capability = capability
        var styles: [ThemeRole: ResolvedStyle] = [:]
        for role in ThemeRole.allCases {
            styles[role] = theme.resolve(role, for: capability)
        }
        self.styles = styles
    }

    /// Forgets what is on screen, so that the next frame clears and writes everything: after a resize,
    /// a resume, or anything else that left the terminal's contents unknown.
    mutating func forget() {
        self.onScreen = nil
        self.cursor = .unknown
    }

    /// Brings the screen from the last frame to this one.
    /// - Parameters:
    ///   - frame: The frame to show.
    ///   - width: The screen's columns now; cells beyond it are not written.
    ///   - height: The screen's rows now; rows beyond it are not written.
    ///   - backend: Where the operations go.
    /// - Returns: Whether anything was sent (false: nothing changed, nothing was called).
    @discardableResult
    mutating func paint(_ frame: Frame, width: Int, height: Int, on backend: some ScreenBackend) -> Bool {
        let grid = frame.grid
        var wrote = false
        var previous: CellGrid?
        if let onScreen = self.onScreen, onScreen.width == grid.width, onScreen.height == grid.height {
            previous = onScreen
        } else {
            backend.clear()
            wrote = true
        }
        if previous != grid {
            let columns = min(grid.width, width)
            for row in 0..<min(grid.height, height) {
                for run in self.runs(row: row, of: grid, against: previous, columns: columns) {
                    backend.write(run)
                    wrote = true
                }
            }
        }
        self.onScreen = grid

        var position: CursorPosition?
        if let cursor = frame.cursor, (0..<min(grid.height, height)).contains(cursor.row),
            (0..<min(grid.width, width)).contains(cursor.column)
        {
            position = CursorPosition(row: cursor.row, column: cursor.column)
        }
        // Writing moves curses' cursor, so a visible cursor is placed again after any write.
        let cursorChanged = self.cursor != .known(position)
        if cursorChanged || (wrote && position != nil) {
            backend.placeCursor(position)
            self.cursor = .known(position)
        }
        guard wrote || cursorChanged else { return false }
        backend.flush()
        return true
    }

    /// The look of a cell: its role's resolved style with the cell's own emphasis added.
    func style(of cell: Cell) -> ResolvedStyle {
        var style = self.styles[cell.role] ?? ResolvedStyle()
        style.style.formUnion(cell.style)
        return style
    }

    /// The runs of one row that differ from the previous grid (every cell when there is none).
    private func runs(row: Int, of grid: CellGrid, against previous: CellGrid?, columns: Int) -> [TextRun] {
        var runs: [TextRun] = []
        var current: TextRun?
        var column = 0
        while column < columns {
            let cell = grid[row, column]
            var span = 1
            // A nil character with no double-width character to its left is shown as a blank.
            var character = cell.character ?? " "
            if let wide = cell.character, TextWidth.of(wide) == 2 {
                if column + 1 < columns, grid[row, column + 1].character == nil {
                    span = 2
                } else {
                    // No room for its right half (the screen's edge, or a grid that put a character
                    // there): a blank keeps every later cell where the grid has it.
                    character = " "
                }
            }
            let changed =
                previous.map { previous in
                    (column..<column + span).contains { previous[row, $0] != grid[row, $0] }
                } ?? true
            if changed {
                let style = self.style(of: cell)
                if var run = current, run.column + run.width == column, run.style == style {
                    run.text.append(character)
                    run.width += span
                    current = run
                } else {
                    if let run = current {
                        runs.append(run)
                    }
                    current = TextRun(row: row, column: column, text: String(character), width: span, style: style)
                }
            } else if let run = current {
                runs.append(run)
                current = nil
            }
            column += span
        }
        if let run = current {
            runs.append(run)
        }
        return runs
    }
}

import UplinkDashboard

/// The drawing operations ``ScreenPainter`` needs, so that the diffing is tested without a terminal:
/// ``CursesBackend`` carries them out with ncurses on the terminal thread, tests record them.
protocol ScreenBackend: AnyObject {
    /// Blanks the whole screen and makes the next ``flush()`` repaint it from scratch, for the first frame
    /// and after a resize or a resume, when what the terminal shows is unknown (`werase`, `clearok`).
    func clear()
    /// Writes one run of cells with one look, from its position (`wmove`, `wattr_set`, `waddnwstr`).
    func write(_ run: TextRun)
    /// Shows the cursor at a position, or hides it when nil (`curs_set`, `leaveok`, `wmove`).
    func placeCursor(_ position: CursorPosition?)
    /// Sends what changed to the terminal (`wrefresh`); curses compares with what it last sent, so
    /// rewriting a cell with what it already shows costs nothing on the wire.
    func flush()
}

/// Neighbouring cells of one row that changed and look the same, written in one call.
struct TextRun: Hashable, Sendable {
    /// The row, from 0 at the top.
    var row: Int
    /// The first column, from 0 at the left.
    var column: Int
    /// The characters, one per cell; a double-width character stands for its two cells.
    var text: String
    /// The columns the run covers.
    var width: Int
    /// The colours and emphasis of every cell of the run.
    var style: ResolvedStyle
}

/// A cell position, for the cursor.
struct CursorPosition: Hashable, Sendable {
    /// The row, from 0 at the top.
    var row: Int
    /// The column, from 0 at the left.
    var column: Int
}

import Testing
import UplinkDashboard

@testable import UplinkTerminal

@Suite("Screen painter: writes only what changed")
struct ScreenPainterTests {
    static let theme = Theme(name: "test") { role in
        switch role {
        case .ok: RoleStyle(foreground: .basic(.green), monochrome: .bold)
        case .header:
            RoleStyle(
                foreground: .palette(231, .white), background: .basic(.blue), emphasis: .bold, monochrome: .reverse)
        case .error: RoleStyle(foreground: .basic(.red), monochrome: .underline)
        case .text, .muted, .border, .title, .selection, .warning, .key, .input, .overlay: RoleStyle()
        }
    }

    static let plain = ResolvedStyle()
    static let green = ResolvedStyle(foreground: 2)

    let backend = RecordingBackend()

    private func run(_ row: Int, _ column: Int, _ text: String, _ width: Int? = nil, _ style: ResolvedStyle = plain)
        -> RecordingBackend.Operation
    {
        .write(TextRun(row: row, column: column, text: text, width: width ?? text.count, style: style))
    }

    /// A 6×2 grid: "hi" on the first row, "ok" in the ok role from column 2 of the second.
    private func sample() -> CellGrid {
        var grid = CellGrid(width: 6, height: 2)
        grid.write("hi", row: 0, column: 0)
        grid.write("ok", row: 1, column: 2, role: .ok)
        return grid
    }

    /// A painter that has already put `grid` on the screen (6×2 unless told).
    private func painter(showing grid: CellGrid, cursor: (row: Int, column: Int)? = nil) -> ScreenPainter {
        var painter = ScreenPainter(theme: Self.theme, capability: .indexed256)
        painter.paint(Frame(grid: grid, cursor: cursor), width: grid.width, height: grid.height, on: self.backend)
        _ = self.backend.take()
        return painter
    }

    @Test("the first frame clears and writes every cell, one run per look, then hides the cursor and flushes")
    func firstFrame() {
        var painter = ScreenPainter(theme: Self.theme, capability: .indexed256)
        let sent = painter.paint(Frame(grid: self.sample()), width: 6, height: 2, on: self.backend)
        #expect(sent)
        #expect(
            self.backend.take() == [
                .clear, self.run(0, 0, "hi    "), self.run(1, 0, "  "), self.run(1, 2, "ok", 2, Self.green),
                self.run(1, 4, "  "), .cursor(nil), .flush,
            ])
    }

    @Test("an identical frame calls nothing at all, not even a flush")
    func identicalFrame() {
        var painter = self.painter(showing: self.sample())
        let sent = painter.paint(Frame(grid: self.sample()), width: 6, height: 2, on: self.backend)
        #expect(!sent)
        #expect(self.backend.take() == [])
    }

    @Test("one changed cell is one run of one cell")
    func oneCell() {
        var painter = self.painter(showing: self.sample())
        var grid = self.sample()
        grid[0, 1] = Cell("o")
        painter.paint(Frame(grid: grid), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [self.run(0, 1, "o"), .flush])
    }

    @Test("neighbouring changed cells that look the same are one run; another look starts another")
    func runsByLook() {
        var painter = self.painter(showing: self.sample())
        var grid = self.sample()
        grid.write("ab", row: 0, column: 2)
        grid.write("c", row: 0, column: 4, role: .ok)
        grid.write("z", row: 1, column: 0)
        painter.paint(Frame(grid: grid), width: 6, height: 2, on: self.backend)
        #expect(
            self.backend.take() == [
                self.run(0, 2, "ab"), self.run(0, 4, "c", 1, Self.green), self.run(1, 0, "z"), .flush,
            ])
    }

    @Test("a changed look without a changed character rewrites the cells with the new look")
    func styleChange() {
        var painter = self.painter(showing: self.sample())
        var grid = self.sample()
        grid.restyle(row: 0, column: 0, width: 2, role: .text, style: .bold)
        painter.paint(Frame(grid: grid), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [self.run(0, 0, "hi", 2, ResolvedStyle(style: .bold)), .flush])
    }

    @Test("a cell's look is its role resolved for the terminal's colours plus the cell's own emphasis")
    func resolution() {
        let cell = Cell("x", role: .header, style: .underline)
        let indexed = ScreenPainter(theme: Self.theme, capability: .indexed256)
        let basic = ScreenPainter(theme: Self.theme, capability: .basic8)
        let monochrome = ScreenPainter(theme: Self.theme, capability: .monochrome)
        #expect(indexed.style(of: cell) == ResolvedStyle(foreground: 231, background: 4, style: [.bold, .underline]))
        #expect(basic.style(of: cell) == ResolvedStyle(foreground: 7, background: 4, style: [.bold, .underline]))
        #expect(monochrome.style(of: cell) == ResolvedStyle(style: [.reverse, .underline]))
    }

    @Test("a double-width character is written once, covering its cell and the right half after it")
    func wideCharacter() {
        // Given "a🔒b" on screen, the lock taking columns 1 and 2,
        var grid = CellGrid(width: 6, height: 1)
        grid.write("a🔒b", row: 0, column: 0)
        var painter = ScreenPainter(theme: Self.theme, capability: .indexed256)
        painter.paint(Frame(grid: grid), width: 6, height: 1, on: self.backend)
        #expect(self.backend.takeRuns() == [TextRun(row: 0, column: 0, text: "a🔒b  ", width: 6, style: Self.plain)])
        // when only the right half's cell changes, the character is written again from its left cell;
        grid[0, 2].role = .ok
        painter.paint(Frame(grid: grid), width: 6, height: 1, on: self.backend)
        #expect(self.backend.takeRuns() == [TextRun(row: 0, column: 1, text: "🔒", width: 2, style: Self.plain)])
        // and when two narrow characters replace it, both are written.
        grid.write("xy", row: 0, column: 1)
        painter.paint(Frame(grid: grid), width: 6, height: 1, on: self.backend)
        #expect(self.backend.takeRuns() == [TextRun(row: 0, column: 1, text: "xy", width: 2, style: Self.plain)])
    }

    @Test("a double-width character with no room for its right half is a blank")
    func wideCharacterAtEdge() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("ab🔒", row: 0, column: 0)
        var painter = ScreenPainter(theme: Self.theme, capability: .indexed256)
        painter.paint(Frame(grid: grid), width: 3, height: 1, on: self.backend)
        #expect(self.backend.takeRuns() == [TextRun(row: 0, column: 0, text: "ab ", width: 3, style: Self.plain)])
    }

    @Test("cells beyond the screen (a frame rendered before a resize) are not written")
    func clipping() {
        var grid = CellGrid(width: 6, height: 3)
        grid.write("abcdef", row: 0, column: 0)
        var painter = ScreenPainter(theme: Self.theme, capability: .indexed256)
        painter.paint(Frame(grid: grid), width: 4, height: 2, on: self.backend)
        #expect(
            self.backend.takeRuns() == [
                TextRun(row: 0, column: 0, text: "abcd", width: 4, style: Self.plain),
                TextRun(row: 1, column: 0, text: "    ", width: 4, style: Self.plain),
            ])
    }

    @Test("the cursor is shown where the frame asks, moved alone when only it moves, and hidden again")
    func cursor() {
        var painter = self.painter(showing: self.sample())
        // Given the cursor asked for at (1, 3): it is placed and flushed, nothing else written.
        painter.paint(Frame(grid: self.sample(), cursor: (1, 3)), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [.cursor(CursorPosition(row: 1, column: 3)), .flush])
        // The same frame again: nothing.
        painter.paint(Frame(grid: self.sample(), cursor: (1, 3)), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [])
        // Only the cursor moves: only it is placed.
        painter.paint(Frame(grid: self.sample(), cursor: (1, 4)), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [.cursor(CursorPosition(row: 1, column: 4)), .flush])
        // A write moves curses' cursor, so a visible cursor is placed again after it.
        var grid = self.sample()
        grid[0, 5] = Cell("!")
        painter.paint(Frame(grid: grid, cursor: (1, 4)), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [self.run(0, 5, "!"), .cursor(CursorPosition(row: 1, column: 4)), .flush])
        // No cursor asked for: it is hidden.
        painter.paint(Frame(grid: grid), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [.cursor(nil), .flush])
    }

    @Test("a cursor outside the screen is hidden")
    func cursorOutside() {
        var painter = self.painter(showing: self.sample(), cursor: (0, 0))
        painter.paint(Frame(grid: self.sample(), cursor: (5, 9)), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [.cursor(nil), .flush])
    }

    @Test("after forget (a resize, a resume) the next frame clears and writes everything again")
    func forget() {
        var painter = self.painter(showing: self.sample())
        painter.forget()
        painter.paint(Frame(grid: self.sample()), width: 6, height: 2, on: self.backend)
        let operations = self.backend.take()
        #expect(operations.first == .clear)
        #expect(operations.filter { if case .write = $0 { true } else { false } }.count == 4)
        #expect(operations.suffix(2) == [.cursor(nil), .flush])
    }

    @Test("a frame of another size clears and writes everything")
    func otherSize() {
        var painter = self.painter(showing: self.sample())
        let grid = CellGrid(width: 3, height: 1)
        painter.paint(Frame(grid: grid), width: 6, height: 2, on: self.backend)
        #expect(self.backend.take() == [.clear, self.run(0, 0, "   "), .flush])
    }
}

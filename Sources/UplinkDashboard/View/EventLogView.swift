/// The event log below the detail pane, newest at the bottom, with its scroll position.
enum EventLogView {
    static func draw(_ grid: inout CellGrid, layout: Layout, log: EventLog, glyphs: GlyphSet) {
        let title = log.scrollBack > 0 ? "Events (scrolled back \(log.scrollBack), PgDn for newer)" : "Events"
        Box.rule(&grid, row: layout.logRow, column: 0, width: grid.width, title: title, glyphs: glyphs)
        let entries = log.visible(rows: layout.logLines)
        for (offset, entry) in entries.enumerated() {
            let row = layout.logRow + 1 + offset
            let column = 1 + grid.write(entry.time + "  ", row: row, column: 1, role: .muted)
            grid.write(
                TextWidth.truncate(entry.text, to: grid.width - column - 1, ellipsis: glyphs.ellipsis),
                row: row,
                column: column,
                role: entry.role
            )
        }
    }
}

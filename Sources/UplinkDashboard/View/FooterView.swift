/// The bottom line: the keys of the main screen, or the message of the last key, or the prompt.
enum FooterView {
    /// Draws the footer.
    /// - Returns: where the cursor goes, when the prompt is open.
    static func draw(_ grid: inout CellGrid, row: Int, state: DashboardState, glyphs: GlyphSet) -> (row: Int, column: Int)? {
        if case .prompt(let prompt) = state.mode {
            var column = grid.write(prompt.question + " ", row: row, column: 0, role: .title, style: .bold)
            let fieldColumn = column
            column += grid.write(prompt.field.display(mask: glyphs.mask), row: row, column: column, role: .input, style: .underline)
            let hint = prompt.error.map { "  \($0)" } ?? "  Enter set · Esc cancel"
            grid.write(hint, row: row, column: max(column, fieldColumn + 8), role: prompt.error == nil ? .muted : .error)
            return (row, fieldColumn + prompt.field.cursorColumn(mask: glyphs.mask))
        }
        if let message = state.message {
            grid.write(TextWidth.truncate(message.text, to: grid.width - 1, ellipsis: glyphs.ellipsis), row: row, column: 0,
                role: message.role, style: .bold)
            return nil
        }
        var column = 0
        for binding in MainKeyMap.bindings where binding.inFooter || grid.width >= DashboardRenderer.wideWidth {
            guard !binding.label.isEmpty else { continue }
            let width = TextWidth.of(binding.label) + 1 + TextWidth.of(binding.summary) + 2
            guard column + width <= grid.width else { break }
            column += grid.write(binding.label, row: row, column: column, role: .key, style: .bold)
            column += grid.write(" " + binding.summary + "  ", row: row, column: column, role: .muted)
        }
        return nil
    }
}

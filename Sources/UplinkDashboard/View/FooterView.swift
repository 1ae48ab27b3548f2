/// The bottom line: the keys of the main screen, or the message of the last key, or the prompt.
enum FooterView {
    /// Draws the footer.
    /// - Returns: where the cursor goes, when the prompt is open.
    static func draw(
        _ grid: inout CellGrid,
        row: Int,
        state: DashboardState,
        context: DashboardContext,
        glyphs: GlyphSet
    ) -> (row: Int, column: Int)? {
        if case .prompt(let prompt) = state.mode {
            var column = grid.write(prompt.question + " ", row: row, column: 0, role: .title, style: .bold)
            let fieldColumn = column
            column += grid.write(
                prompt.field.display(mask: glyphs.mask), row: row, column: column, role: .input, style: .underline)
            let hint = prompt.error.map { "  \($0)" } ?? "  " + KeyHints.prompt
            grid.write(
                hint, row: row, column: max(column, fieldColumn + 8), role: prompt.error == nil ? .muted : .error)
            return (row, fieldColumn + prompt.field.cursorColumn(mask: glyphs.mask))
        }
        if case .confirm(let confirmation) = state.mode {
            grid.write(
                TextWidth.truncate(confirmation.question, to: grid.width - 1, ellipsis: glyphs.ellipsis), row: row,
                column: 0, role: .warning, style: .bold)
            return (row, min(TextWidth.of(confirmation.question), grid.width - 1))
        }
        if let message = state.message {
            grid.write(
                TextWidth.truncate(message.text, to: grid.width - 1, ellipsis: glyphs.ellipsis), row: row, column: 0,
                role: message.role, style: .bold)
            return nil
        }
        // Help and quit always show, at the right end; the other keys fill what is left, in the
        // table's order.
        let isWide = grid.width >= DashboardRenderer.wideWidth
        let shown = MainKeyMap.bindings.filter { binding in
            // Only the simulation has faults; elsewhere the key would only say so.
            if binding.keys.contains(.character("f")) && context.faults == nil { return false }
            switch binding.footer {
            case .always: return true
            case .wide: return isWide
            case .never: return false
            }
        }
        let pinned = shown.filter { $0.isPinnedInFooter }
        // The last entry needs no trailing gap.
        let pinnedWidth = pinned.reduce(0) { $0 + Self.width(of: $1) } - 2
        var column = 0
        for binding in shown where !binding.isPinnedInFooter {
            guard column + Self.width(of: binding) <= grid.width - pinnedWidth else { break }
            column += Self.write(binding, &grid, row: row, column: column)
        }
        column = max(column, grid.width - pinnedWidth)
        for binding in pinned {
            column += Self.write(binding, &grid, row: row, column: column)
        }
        return nil
    }

    private static func width(of binding: KeyBinding) -> Int {
        TextWidth.of(binding.label) + 1 + TextWidth.of(binding.summary) + 2
    }

    private static func write(_ binding: KeyBinding, _ grid: inout CellGrid, row: Int, column: Int) -> Int {
        var written = grid.write(binding.label, row: row, column: column, role: .key, style: .bold)
        written += grid.write(" " + binding.summary + "  ", row: row, column: column + written, role: .muted)
        return written
    }
}

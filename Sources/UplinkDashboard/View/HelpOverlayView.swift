/// Every key, from the same table the footer uses, in a box over the main screen.
enum HelpOverlayView {
    static func draw(_ grid: inout CellGrid, glyphs: GlyphSet) {
        let keys = MainKeyMap.bindings.filter { !$0.label.isEmpty }
        let height = min(keys.count + KeyHints.screens.count + 3, grid.height - 1)
        let width = min(76, grid.width - 4)
        let top = max((grid.height - 1 - height) / 2, 0)
        let left = (grid.width - width) / 2
        Box.frame(
            &grid, row: top, column: left, width: width, height: height, title: "Keys — any key closes", glyphs: glyphs)
        var row = top + 1
        for binding in keys where row < top + height - 1 {
            grid.write(binding.label, row: row, column: left + 2, role: .key, style: .bold, limit: 13)
            grid.write(binding.help, row: row, column: left + 16, role: .overlay, limit: width - 18)
            row += 1
        }
        for (context, keys) in KeyHints.screens where row < top + height - 1 {
            grid.write(context, row: row, column: left + 2, role: .title, limit: 13)
            grid.write(keys, row: row, column: left + 16, role: .overlay, limit: width - 18)
            row += 1
        }
    }
}

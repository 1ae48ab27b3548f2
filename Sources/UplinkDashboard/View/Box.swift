/// Frames and rules drawn with the glyph set.
enum Box {
    /// A horizontal rule across `width` columns with an optional title near its left end.
    static func rule(_ grid: inout CellGrid, row: Int, column: Int, width: Int, title: String?, glyphs: GlyphSet) {
        grid.write(String(repeating: glyphs.horizontal, count: max(width, 0)), row: row, column: column, role: .border)
        guard let title, width > 6 else { return }
        grid.write(" \(title) ", row: row, column: column + 2, role: .title, style: .bold, limit: width - 4)
    }

    /// A framed rectangle filled with the overlay role, with a title in its top edge.
    static func frame(
        _ grid: inout CellGrid,
        row: Int,
        column: Int,
        width: Int,
        height: Int,
        title: String,
        glyphs: GlyphSet
    ) {
        grid.fill(row: row, column: column, width: width, height: height, role: .overlay)
        let inner = String(repeating: glyphs.horizontal, count: max(width - 2, 0))
        grid.write(glyphs.topLeft + inner + glyphs.topRight, row: row, column: column, role: .border)
        for y in (row + 1)..<(row + height - 1) {
            grid.write(glyphs.vertical, row: y, column: column, role: .border)
            grid.write(glyphs.vertical, row: y, column: column + width - 1, role: .border)
        }
        grid.write(glyphs.bottomLeft + inner + glyphs.bottomRight, row: row + height - 1, column: column, role: .border)
        grid.write(" \(title) ", row: row, column: column + 2, role: .title, style: .bold, limit: width - 4)
    }
}

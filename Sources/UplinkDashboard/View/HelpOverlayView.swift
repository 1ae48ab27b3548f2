/// Every key, from the same table the footer uses, in a box over the main screen.
enum HelpOverlayView {
    /// The keys of the Wi-Fi setup, the fault menu and prompts, which have no table of their own.
    static let otherKeys: [(String, String)] = [
        ("Wi-Fi list", "↑/↓ choose · Enter join · r rescan · x forget · Esc close"),
        ("Wi-Fi key", "type or paste · Tab show/hide · Enter join · Esc back"),
        ("Wi-Fi result", "r retry · e edit the key · Esc back to the list"),
        ("faults", "↑/↓ choose · Enter switch on/off · Esc close"),
        ("prompts", "digits · Enter set · Esc cancel"),
    ]

    static func draw(_ grid: inout CellGrid, glyphs: GlyphSet) {
        let keys = MainKeyMap.bindings.filter { !$0.label.isEmpty }
        let height = min(keys.count + otherKeys.count + 4, grid.height - 2)
        let width = min(76, grid.width - 4)
        let top = max((grid.height - height) / 2, 0)
        let left = (grid.width - width) / 2
        Box.frame(&grid, row: top, column: left, width: width, height: height, title: "Keys — any key closes", glyphs: glyphs)
        var row = top + 1
        for binding in keys where row < top + height - 1 {
            grid.write(binding.label, row: row, column: left + 2, role: .key, style: .bold, limit: 12)
            grid.write(binding.help, row: row, column: left + 14, role: .overlay, limit: width - 16)
            row += 1
        }
        row += 1
        for (context, keys) in otherKeys where row < top + height - 1 {
            grid.write(context, row: row, column: left + 2, role: .title, limit: 12)
            grid.write(keys, row: row, column: left + 14, role: .overlay, limit: width - 16)
            row += 1
        }
    }
}

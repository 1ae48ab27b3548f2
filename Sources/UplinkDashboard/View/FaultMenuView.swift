import UplinkCore

/// The simulation's faults, each switchable, in a box over the main screen.
enum FaultMenuView {
    static func draw(_ grid: inout CellGrid, faults: [FaultStatus], selection: Int, glyphs: GlyphSet) {
        let width = min(60, grid.width - 4)
        let height = faults.count + 4
        let top = max((grid.height - height) / 2, 0)
        let left = (grid.width - width) / 2
        Box.frame(
            &grid, row: top, column: left, width: width, height: height, title: "Simulated faults", glyphs: glyphs)
        for (position, fault) in faults.enumerated() {
            let row = top + 1 + position
            let mark = fault.isActive ? "[x]" : "[ ]"
            let role: ThemeRole = position == selection ? .selection : (fault.isActive ? .error : .overlay)
            grid.fill(row: row, column: left + 1, width: width - 2, height: 1, role: role)
            grid.write(
                "\(mark) \(fault.title)", row: row, column: left + 2, role: role, style: fault.isActive ? .bold : [],
                limit: width - 4)
        }
        grid.write(KeyHints.faults, row: top + height - 2, column: left + 2, role: .muted, limit: width - 4)
    }
}

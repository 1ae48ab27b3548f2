import UplinkCore

/// The interface table: one row per interface, the selected one marked; from 120 columns on, the
/// binding's implementation, flags and timeouts too.
struct InterfaceTableView {
    let glyphs: GlyphSet
    let columns: TableColumns

    init(glyphs: GlyphSet, width: Int) {
        self.glyphs = glyphs
        self.columns = TableColumns(width: width)
    }

    func draw(_ grid: inout CellGrid, layout: Layout, context: DashboardContext, selected: String?) {
        var x = 0
        for (column, width) in self.columns.columns {
            grid.write(column.title, row: layout.tableTitleRow, column: x, role: .title, style: .bold, limit: width - 1)
            x += width
        }
        let interfaces = context.interfaces
        let selectedPosition = interfaces.firstIndex { $0.link.name == selected } ?? 0
        // Keep the selected row in view when there are more interfaces than rows.
        let first = min(max(selectedPosition - layout.tableRows + 1, 0), max(interfaces.count - layout.tableRows, 0))
        for (offset, interface) in interfaces.dropFirst(first).prefix(layout.tableRows).enumerated() {
            let row = layout.tableTitleRow + 1 + offset
            self.drawRow(&grid, row: row, interface: interface, context: context)
            if interface.link.name == selected {
                grid.write(self.glyphs.pointer, row: row, column: 0, role: .selection, style: .bold)
                grid.markSelected(row: row, from: 1, width: grid.width - 1)
            }
        }
        if interfaces.count > layout.tableRows {
            let more = "\(first + 1)–\(first + layout.tableRows) of \(interfaces.count)"
            grid.write(more, row: layout.tableTitleRow, column: grid.width - TextWidth.of(more), role: .muted)
        }
    }

    private func drawRow(_ grid: inout CellGrid, row: Int, interface: InterfaceStatus, context: DashboardContext) {
        var x = 0
        for (column, width) in self.columns.columns {
            defer { x += width }
            let (text, role, style) = self.cell(column, interface: interface, width: width - 1, context: context)
            guard !text.isEmpty else { continue }
            grid.write(
                TextWidth.truncate(text, to: width - 1, ellipsis: self.glyphs.ellipsis),
                row: row,
                column: x,
                role: interface.isIgnored ? .muted : role,
                style: style,
                limit: width - 1
            )
        }
    }

    private func cell(
        _ column: TableColumns.Column,
        interface: InterfaceStatus,
        width: Int,
        context: DashboardContext
    ) -> (String, ThemeRole, CellStyle) {
        let link = interface.link
        let binding = interface.binding
        switch column {
        case .pointer:
            return ("", .text, [])
        case .name:
            return (link.name, .text, .bold)
        case .technology:
            return (Words.technology(link.technology), .text, [])
        case .link, .operational:
            let role: ThemeRole = link.isOperationallyUp ? .ok : (link.isAdminUp ? .warning : .muted)
            return (Words.link(link), role, [])
        case .admin:
            return (link.isAdminUp ? "up" : "down", link.isAdminUp ? .text : .muted, [])
        case .ipv4:
            return (Words.address(interface, family: .ipv4, width: width), .text, [])
        case .ipv6:
            return (Words.address(interface, family: .ipv6, width: width), .text, [])
        case .ready:
            let (text, role) = Words.readiness(interface)
            return (text, role, role == .ok ? .bold : [])
        case .state:
            let (text, role) = Words.state(interface, now: context.snapshot.now, width: width)
            return (text, role, role == .error ? .bold : [])
        case .implementation:
            return (binding.map { $0.implementation ?? "missing" } ?? "-", .text, [])
        case .flags:
            return (binding.map { Words.flagLetters($0.flags) } ?? "-", .text, [])
        case .connectTimeout:
            return (binding.map { Words.timeout($0.connectTimeout) } ?? "-", .text, [])
        case .idleTimeout:
            return (binding.map { Words.timeout($0.idleTimeout) } ?? "-", .text, [])
        }
    }
}

extension CellGrid {
    /// Marks a row as selected: every cell takes the selection role, so a monochrome terminal shows
    /// it in reverse video; good and bad marks keep their own colour, reversed, so they still read.
    mutating func markSelected(row: Int, from column: Int, width: Int) {
        for x in column..<min(column + width, self.width) {
            switch self[row, x].role {
            case .ok, .error, .warning:
                self[row, x].style.insert(.reverse)
            case .text, .muted, .header, .border, .title, .selection, .key, .input, .overlay:
                self[row, x].role = .selection
            }
        }
    }
}

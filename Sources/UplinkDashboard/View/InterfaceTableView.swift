import UplinkCore

/// The interface table: one row per interface; at 120 columns and more, the binding's columns too.
struct InterfaceTableView {
    let glyphs: GlyphSet
    let wide: Bool

    private struct Column {
        let title: String
        let width: Int
    }

    private var columns: [Column] {
        var columns = [
            Column(title: "", width: 2), Column(title: "IFACE", width: 7), Column(title: "TECH", width: 6),
            Column(title: "ADMIN", width: 6), Column(title: "OPER", width: 8), Column(title: "IPv4", width: 17),
            Column(title: "IPv6", width: 21), Column(title: "R 4 6", width: 6),
        ]
        if self.wide {
            columns += [
                Column(title: "STATE", width: 30), Column(title: "BOUND", width: 10), Column(title: "FLAGS", width: 6),
                Column(title: "CONN", width: 6), Column(title: "IDLE", width: 6),
            ]
        } else {
            columns.append(Column(title: "STATE", width: 7))
        }
        return columns
    }

    func draw(_ grid: inout CellGrid, layout: Layout, context: DashboardContext, selected: String?) {
        let columns = self.columns
        var x = 0
        for column in columns {
            grid.write(column.title, row: layout.tableTitleRow, column: x, role: .title, style: .bold, limit: column.width)
            x += column.width
        }
        let interfaces = context.snapshot.interfaces
        let selectedPosition = interfaces.firstIndex { $0.link.name == selected } ?? 0
        // Keep the selected row in view when there are more interfaces than rows.
        let first = min(max(selectedPosition - layout.tableRows + 1, 0), max(interfaces.count - layout.tableRows, 0))
        for (offset, interface) in interfaces.dropFirst(first).prefix(layout.tableRows).enumerated() {
            let row = layout.tableTitleRow + 1 + offset
            self.drawRow(&grid, row: row, interface: interface, columns: columns, now: context.snapshot.now)
            if interface.link.name == selected {
                grid.write(self.glyphs.pointer, row: row, column: 0, role: .selection, style: .bold)
                grid.restyleKeepingMarks(row: row, from: 1, width: grid.width - 1)
            }
        }
    }

    private func drawRow(_ grid: inout CellGrid, row: Int, interface: InterfaceStatus, columns: [Column], now: Duration) {
        let muted = interface.isIgnored
        let baseRole: ThemeRole = muted ? .muted : .text
        let link = interface.link
        var x = columns[0].width
        func cell(_ text: String, _ width: Int, _ role: ThemeRole, _ style: CellStyle = []) {
            grid.write(
                TextWidth.truncate(text, to: width - 1, ellipsis: self.glyphs.ellipsis),
                row: row,
                column: x,
                role: muted ? .muted : role,
                style: style,
                limit: width - 1
            )
            x += width
        }
        cell(link.name, columns[1].width, baseRole, .bold)
        cell(Words.technology(link.technology), columns[2].width, baseRole)
        cell(link.isAdminUp ? "up" : "down", columns[3].width, link.isAdminUp ? baseRole : .warning)
        let operational = Words.operational(link)
        cell(operational, columns[4].width, link.isOperationallyUp ? .ok : (link.isAdminUp ? .warning : baseRole))
        cell(Words.address(interface, family: .ipv4), columns[5].width, baseRole)
        cell(Words.address(interface, family: .ipv6), columns[6].width, baseRole)
        for (offset, readiness) in [interface.readiness.overall, interface.readiness.ipv4, interface.readiness.ipv6].enumerated() {
            let mark = muted ? "-" : (readiness.isReady ? self.glyphs.yes : self.glyphs.no)
            grid.write(mark, row: row, column: x + offset * 2, role: muted ? .muted : (readiness.isReady ? .ok : .error))
        }
        x += columns[7].width
        let (activity, role) = Words.activity(interface, now: now, wide: self.wide)
        cell(activity, columns[8].width, role)
        guard self.wide else { return }
        let binding = interface.binding
        cell(binding.map { $0.implementation ?? "missing" } ?? "-", columns[9].width, baseRole)
        cell(binding.map { Self.flagLetters($0.flags) } ?? "-", columns[10].width, baseRole)
        cell(binding.map { Words.timeout($0.connectTimeout) } ?? "-", columns[11].width, baseRole)
        cell(binding.map { Words.timeout($0.idleTimeout) } ?? "-", columns[12].width, baseRole)
    }

    /// P (persistent), A (auto-connect), D (auto-down), or a dot where a flag is off.
    private static func flagLetters(_ flags: BindingFlags) -> String {
        (flags.contains(.persistent) ? "P" : ".") + (flags.contains(.noAutoConnect) ? "." : "A")
            + (flags.contains(.noAutoDown) ? "." : "D")
    }
}

extension CellGrid {
    /// Marks a row as selected: every cell takes the selection role, so a monochrome terminal shows
    /// it in reverse video; good and bad marks keep their own role so they still read.
    mutating func restyleKeepingMarks(row: Int, from column: Int, width: Int) {
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

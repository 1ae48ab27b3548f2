import UplinkCore

/// Turns the dashboard's state and a frame's context into a grid. Pure: the same inputs give the
/// same grid, which is what the golden tests pin.
public struct DashboardRenderer: Sendable {
    /// The smallest terminal the dashboard draws in.
    public static let minimumSize = (width: 80, height: 24)
    /// From this width on, the table shows the binding's columns too.
    public static let wideWidth = 120

    /// The characters for lines, marks and bars.
    public var glyphs: GlyphSet

    public init(glyphs: GlyphSet) {
        self.glyphs = glyphs
    }

    /// Renders one frame.
    public func render(_ state: DashboardState, _ context: DashboardContext, width: Int, height: Int) -> Frame {
        var grid = CellGrid(width: width, height: height)
        guard width >= Self.minimumSize.width, height >= Self.minimumSize.height else {
            self.drawTooSmall(&grid)
            return Frame(grid: grid)
        }
        let layout = Layout(width: width, height: height, interfaceCount: context.interfaces.count)
        let selected = state.selected(in: context)
        HeaderView.draw(&grid, context: context)
        InterfaceTableView(glyphs: self.glyphs, width: width)
            .draw(&grid, layout: layout, context: context, selected: selected?.link.name)
        DetailPaneView(glyphs: self.glyphs).draw(&grid, layout: layout, interface: selected, context: context)
        EventLogView.draw(&grid, layout: layout, log: state.log, glyphs: self.glyphs)
        var cursor = FooterView.draw(&grid, row: height - 1, state: state, context: context, glyphs: self.glyphs)
        switch state.mode {
        case .main, .prompt, .confirm:
            break
        case .help:
            HelpOverlayView.draw(&grid, glyphs: self.glyphs)
        case .faults(let selection):
            FaultMenuView.draw(&grid, faults: context.faults ?? [], selection: selection, glyphs: self.glyphs)
        case .wifi(let flow):
            cursor = WiFiFlowView(glyphs: self.glyphs).draw(&grid, flow: flow, context: context)
        }
        if self.glyphs.isASCII { grid.foldToASCII() }
        return Frame(grid: grid, cursor: cursor)
    }

    private func drawTooSmall(_ grid: inout CellGrid) {
        let needed = "\(Self.minimumSize.width)×\(Self.minimumSize.height)"
        let text =
            "uplink needs a terminal of at least \(needed); this one is \(grid.width)×\(grid.height). "
            + "Enlarge the window, or press q to quit."
        let lines = TextWidth.wrap(text, width: max(grid.width - 2, 1))
        let top = max((grid.height - lines.count) / 2, 0)
        for (offset, line) in lines.enumerated() {
            let cut = TextWidth.truncate(line, to: grid.width, ellipsis: self.glyphs.ellipsis)
            let column = max((grid.width - TextWidth.of(cut)) / 2, 0)
            grid.write(cut, row: top + offset, column: column, role: .warning, style: .bold)
        }
        if self.glyphs.isASCII { grid.foldToASCII() }
    }
}

/// Where each part of the main screen goes: header, table, detail pane, event log and footer,
/// top to bottom. The table takes a row per interface (up to half of what is left), the detail pane
/// a fixed height, and the log the rest.
struct Layout {
    /// The row of the table's column titles; interface rows follow.
    let tableTitleRow = 1
    /// How many interface rows are visible.
    let tableRows: Int
    /// The rule above the detail pane.
    let detailRow: Int
    /// Lines in the detail pane, below its rule.
    let detailLines: Int
    /// The rule above the event log.
    let logRow: Int
    /// Lines of log below its rule.
    let logLines: Int

    init(width: Int, height: Int, interfaceCount: Int) {
        self.detailLines = height >= 40 ? 7 : 5
        // Header, column titles, the detail pane's rule, the log's rule and the footer.
        let fixed = 5 + self.detailLines
        let available = height - fixed
        self.tableRows = max(min(interfaceCount, max(available / 2, 3)), 1)
        self.detailRow = self.tableTitleRow + 1 + self.tableRows
        self.logRow = self.detailRow + 1 + self.detailLines
        self.logLines = max(height - 1 - (self.logRow + 1), 0)
    }
}

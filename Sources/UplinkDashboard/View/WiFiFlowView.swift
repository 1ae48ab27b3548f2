import UplinkCore

/// The Wi-Fi setup flow, in a box over the main screen.
struct WiFiFlowView {
    let glyphs: GlyphSet

    private struct Box {
        let top: Int
        let left: Int
        let width: Int
        let height: Int
        var inner: Int { self.width - 4 }
        var column: Int { self.left + 2 }
    }

    /// Draws the flow.
    /// - Returns: where the cursor goes while a field is being edited.
    func draw(_ grid: inout CellGrid, flow: WiFiFlow, context: DashboardContext) -> (row: Int, column: Int)? {
        let width = min(76, grid.width - 4)
        let height = min(Self.height(of: flow.step, status: context.wifi[flow.interface]), grid.height - 4)
        let box = Box(top: (grid.height - height) / 2, left: (grid.width - width) / 2, width: width, height: height)
        UplinkDashboard.Box.frame(
            &grid, row: box.top, column: box.left, width: width, height: height,
            title: "Wi-Fi on \(flow.interface)", glyphs: self.glyphs)
        let status = context.wifi[flow.interface]
        switch flow.step {
        case .list(let selection):
            self.drawList(
                &grid, box, status: status, selection: selection, notice: flow.notice, now: context.snapshot.now)
            return nil
        case .hiddenName(let field, let security, let error):
            return self.drawHiddenName(&grid, box, field: field, security: security, error: error)
        case .secret(let target, let field, let error):
            return self.drawSecret(&grid, box, target: target, field: field, error: error)
        case .joining(let target):
            self.drawJoining(
                &grid, box, target: target, outcome: flow.outcome(for: target, status: status), context: context,
                interface: flow.interface)
            return nil
        }
    }

    /// As tall as the step needs: the list grows with the networks (up to the screen), the other
    /// steps have a few lines each.
    private static func height(of step: WiFiFlow.Step, status: WiFiStatus?) -> Int {
        switch step {
        case .list: max(WiFiFlow.rows(status).count + 7, 10)
        case .hiddenName: 11
        case .secret: 12
        case .joining: 10
        }
    }

    private func drawList(
        _ grid: inout CellGrid,
        _ box: Box,
        status: WiFiStatus?,
        selection: WiFiFlow.ListRow?,
        notice: String?,
        now: Duration
    ) {
        var row = box.top + 1
        if let problem = status?.problem {
            grid.write(problem, row: row, column: box.column, role: .error, style: .bold, limit: box.inner)
        } else {
            grid.write(
                self.scanLine(status?.scan, now: now), row: row, column: box.column, role: .muted, limit: box.inner)
        }
        row += 1
        grid.write(
            "SIGNAL  SECURITY  BAND  NETWORK", row: row, column: box.column + 2, role: .title, style: .bold,
            limit: box.inner)
        row += 1
        let rows = WiFiFlow.rows(status)
        let visible = box.height - 6
        let position = WiFiFlow.position(of: selection, in: rows)
        let first = min(max(position - visible + 1, 0), max(rows.count - visible, 0))
        for (offset, listRow) in rows.dropFirst(first).prefix(visible).enumerated() {
            let isSelected = first + offset == position
            let role: ThemeRole = isSelected ? .selection : .overlay
            grid.fill(row: row, column: box.left + 1, width: box.width - 2, height: 1, role: role)
            if isSelected {
                grid.write(self.glyphs.pointer, row: row, column: box.column, role: .selection, style: .bold)
            }
            if case .network(let ssid) = listRow, let network = status?.networks.first(where: { $0.ssid == ssid }) {
                let bars = self.glyphs.signal(bars: network.bars)
                grid.write(
                    bars, row: row, column: box.column + 2, role: isSelected ? role : self.signalRole(network.bars))
                grid.write(network.security.description, row: row, column: box.column + 10, role: role)
                grid.write(network.band ?? "", row: row, column: box.column + 20, role: role)
                var marks: [String] = []
                if network.isCurrent { marks.append("connected") }
                if network.isKnown { marks.append("known") }
                let name = network.ssid.displayName
                let nameWidth = box.inner - 26 - (marks.isEmpty ? 0 : TextWidth.of(marks.joined(separator: ", ")) + 3)
                grid.write(
                    TextWidth.truncate(name, to: max(nameWidth, 8), ellipsis: self.glyphs.ellipsis), row: row,
                    column: box.column + 26, role: role, style: network.isCurrent ? .bold : [])
                if !marks.isEmpty {
                    let text = "\(self.glyphs.yes) " + marks.joined(separator: ", ")
                    grid.write(
                        text, row: row, column: box.left + box.width - 2 - TextWidth.of(text),
                        role: isSelected ? role : .ok)
                }
            } else {
                grid.write("Hidden network…", row: row, column: box.column + 26, role: role, style: .underline)
            }
            row += 1
        }
        if let notice {
            grid.write(notice, row: box.top + box.height - 3, column: box.column, role: .warning, limit: box.inner)
        }
        grid.write(
            KeyHints.wifiList, row: box.top + box.height - 2, column: box.column,
            role: .muted, limit: box.inner)
    }

    private func scanLine(_ scan: WiFiScanState?, now: Duration) -> String {
        switch scan {
        case .scanning(_, let progress):
            guard let progress else { return "Scanning…" }
            let filled = Int((progress * 10).rounded(.down))
            return "Scanning " + String(repeating: self.glyphs.barFull, count: filled)
                + String(repeating: self.glyphs.barEmpty, count: 10 - filled)
        case .finished(let at):
            let ago = Words.secondsLeft(until: now, now: at)
            return ago < 2 ? "Scan finished just now" : "Scan finished \(ago)s ago · r rescans"
        case .failed(let reason):
            return "Scan failed: \(reason)"
        case .idle, nil:
            return "Not scanned yet · r scans"
        }
    }

    private func signalRole(_ bars: Int) -> ThemeRole {
        bars >= 3 ? .ok : (bars == 2 ? .warning : .error)
    }

    private func drawHiddenName(
        _ grid: inout CellGrid,
        _ box: Box,
        field: TextField,
        security: WiFiSecurity,
        error: String?
    ) -> (row: Int, column: Int) {
        grid.write("Name of the hidden network (1–32 bytes):", row: box.top + 2, column: box.column, role: .overlay)
        let fieldRow = box.top + 3
        grid.fill(row: fieldRow, column: box.column, width: box.inner, height: 1, role: .input, style: .underline)
        grid.write(
            field.display(mask: self.glyphs.mask), row: fieldRow, column: box.column, role: .input, style: .underline,
            limit: box.inner)
        grid.write("Security: \(security)", row: box.top + 5, column: box.column, role: .overlay)
        if let error {
            grid.write(error, row: box.top + 7, column: box.column, role: .error, style: .bold, limit: box.inner)
        }
        grid.write(KeyHints.wifiHiddenName, row: box.top + box.height - 2, column: box.column, role: .muted)
        return (fieldRow, box.column + min(field.cursorColumn(mask: self.glyphs.mask), box.inner - 1))
    }

    private func drawSecret(
        _ grid: inout CellGrid,
        _ box: Box,
        target: WiFiFlow.Target,
        field: TextField,
        error: String?
    ) -> (row: Int, column: Int) {
        let title = "Password for \(target.ssid.displayName) (\(target.security))"
        grid.write(
            TextWidth.truncate(title, to: box.inner, ellipsis: self.glyphs.ellipsis), row: box.top + 2,
            column: box.column, role: .overlay, style: .bold)
        let fieldRow = box.top + 3
        grid.fill(row: fieldRow, column: box.column, width: box.inner, height: 1, role: .input, style: .underline)
        let shown = field.display(mask: self.glyphs.mask)
        let cursor = field.cursorColumn(mask: self.glyphs.mask)
        // A long key scrolls so the cursor stays in the field.
        let skip = max(cursor - (box.inner - 1), 0)
        grid.write(
            String(shown.dropFirst(skip)), row: fieldRow, column: box.column, role: .input, style: .underline,
            limit: box.inner)
        let reveal = field.isRevealed ? "Tab hides the password" : "Tab shows the password"
        grid.write("\(field.text.count) characters · \(reveal)", row: box.top + 4, column: box.column, role: .muted)
        let live =
            field.text.isEmpty ? nil : WiFiCredentials.problem(with: field.text, for: target.security)?.description
        if let message = error ?? live {
            for (offset, line) in TextWidth.wrap(message, width: box.inner).prefix(3).enumerated() {
                grid.write(
                    line, row: box.top + 6 + offset, column: box.column, role: error == nil ? .warning : .error,
                    style: error == nil ? [] : .bold)
            }
        } else if !field.text.isEmpty {
            grid.write("\(self.glyphs.yes) looks valid", row: box.top + 6, column: box.column, role: .ok)
        }
        grid.write(KeyHints.wifiSecret, row: box.top + box.height - 2, column: box.column, role: .muted)
        return (fieldRow, box.column + cursor - skip)
    }

    private func drawJoining(
        _ grid: inout CellGrid,
        _ box: Box,
        target: WiFiFlow.Target,
        outcome: WiFiFlow.Outcome,
        context: DashboardContext,
        interface: String
    ) {
        let name = target.ssid.displayName
        switch outcome {
        case .pending(let deadline):
            var line = "Connecting to \(name)…"
            if let deadline { line += " \(Words.secondsLeft(until: deadline, now: context.snapshot.now))s left" }
            grid.write(line, row: box.top + 3, column: box.column, role: .warning, style: .bold, limit: box.inner)
            grid.write(
                "The network in use stays configured and comes back if this one fails.", row: box.top + 5,
                column: box.column, role: .muted, limit: box.inner)
            grid.write(KeyHints.wifiJoining, row: box.top + box.height - 2, column: box.column, role: .muted)
        case .joined:
            grid.write(
                "\(self.glyphs.yes) Connected to \(name)", row: box.top + 3, column: box.column, role: .ok,
                style: .bold, limit: box.inner)
            let addresses = context.interface(named: interface)?.addresses.filter(\.isUsable).map(\.description) ?? []
            let line = addresses.isEmpty ? "Waiting for an address…" : "Address: " + addresses.joined(separator: ", ")
            grid.write(line, row: box.top + 5, column: box.column, role: .overlay, limit: box.inner)
            grid.write(KeyHints.wifiJoined, row: box.top + box.height - 2, column: box.column, role: .muted)
        case .failed(let reason):
            grid.write(
                "\(self.glyphs.no) Could not join \(name)", row: box.top + 3, column: box.column, role: .error,
                style: .bold, limit: box.inner)
            for (offset, line) in TextWidth.wrap("Reason: \(reason)", width: box.inner).prefix(2).enumerated() {
                grid.write(line, row: box.top + 5 + offset, column: box.column, role: .error)
            }
            if let current = context.wifi[interface]?.networks.first(where: \.isCurrent) {
                grid.write(
                    "\(interface) stays on \(current.ssid.displayName).", row: box.top + 7, column: box.column,
                    role: .muted, limit: box.inner)
            }
            grid.write(
                KeyHints.wifiFailed, row: box.top + box.height - 2,
                column: box.column, role: .muted)
        }
    }
}

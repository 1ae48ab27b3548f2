import UplinkCore

/// The selected interface in full: readiness and why not, the binding and its state, every address.
struct DetailPaneView {
    let glyphs: GlyphSet

    func draw(_ grid: inout CellGrid, layout: Layout, interface: InterfaceStatus?, context: DashboardContext) {
        guard let interface else {
            Box.rule(&grid, row: layout.detailRow, column: 0, width: grid.width, title: "no interfaces", glyphs: self.glyphs)
            return
        }
        let link = interface.link
        let bound = interface.binding.map { " · bound to \($0.implementation ?? "an unavailable implementation")" }
        Box.rule(
            &grid,
            row: layout.detailRow,
            column: 0,
            width: grid.width,
            title: "\(link.name) · \(link.technology) · index \(link.index)\(bound ?? " · not bound")",
            glyphs: self.glyphs
        )
        var row = layout.detailRow + 1
        let width = grid.width - 2
        grid.write(TextWidth.truncate(self.readinessLine(interface), to: width), row: row, column: 1,
            role: interface.readiness.overall.isReady ? .ok : (interface.isIgnored ? .muted : .warning))
        row += 1
        if let binding = interface.binding {
            let line = "State: \(Words.activitySentence(binding, now: context.snapshot.now)) · \(Words.flags(binding.flags))"
                + " · connect timeout \(Words.timeout(binding.connectTimeout)) · idle timeout \(Words.timeout(binding.idleTimeout))"
            grid.write(TextWidth.truncate(line, to: width, ellipsis: self.glyphs.ellipsis), row: row, column: 1)
        } else {
            grid.write("No binding: uplink watches this interface but does not connect it.", row: row, column: 1, role: .muted)
        }
        row += 1
        self.drawAddresses(&grid, interface.addresses, from: row, lines: layout.detailLines - 2)
    }

    private func readinessLine(_ interface: InterfaceStatus) -> String {
        let readiness = interface.readiness
        guard readiness.overall.isReady else {
            let reason = readiness.overall.reason.map { Words.reason($0, technology: interface.link.technology) } ?? ""
            return "Not ready: \(reason)"
        }
        let families = [readiness.ipv4.isReady ? "IPv4" : nil, readiness.ipv6.isReady ? "IPv6" : nil].compactMap { $0 }
        var line = "Ready: \(families.joined(separator: " and "))"
        for (family, state) in [("IPv4", readiness.ipv4), ("IPv6", readiness.ipv6)] {
            if let reason = state.reason { line += " · \(family) not ready: \(Words.reason(reason, technology: interface.link.technology))" }
        }
        return line
    }

    /// Addresses in two columns, usable ones first; what does not fit is counted.
    private func drawAddresses(_ grid: inout CellGrid, _ addresses: [InterfaceAddress], from row: Int, lines: Int) {
        guard !addresses.isEmpty else {
            grid.write("No addresses.", row: row, column: 1, role: .muted)
            return
        }
        let sorted = addresses.sorted { ($0.family, $0.address) < ($1.family, $1.address) }
        let columnWidth = (grid.width - 2) / 2
        let capacity = lines * 2
        for (position, address) in sorted.prefix(capacity).enumerated() {
            if position == capacity - 1 && sorted.count > capacity {
                grid.write("+\(sorted.count - capacity + 1) more", row: row + position / 2, column: 1 + columnWidth, role: .muted)
                break
            }
            let role: ThemeRole = address.isUsable ? .text : (address.state == .duplicate ? .error : .warning)
            let column = 1 + (position % 2) * columnWidth
            var x = column
            x += grid.write(TextWidth.truncate(address.description, to: 24, ellipsis: self.glyphs.ellipsis) + " ",
                row: row + position / 2, column: x, role: role, style: .bold)
            grid.write("\(address.scope.rawValue) \(address.state.rawValue)", row: row + position / 2, column: max(x, column + 25),
                role: address.isUsable ? .muted : role, limit: columnWidth - 26)
        }
    }
}

import UplinkCore

/// The selected interface in full: readiness and why not, the upstream, the binding's state and
/// settings, and every address with its state.
struct DetailPaneView {
    let glyphs: GlyphSet

    func draw(_ grid: inout CellGrid, layout: Layout, interface: InterfaceStatus?, context: DashboardContext) {
        guard let interface else {
            Box.rule(
                &grid, row: layout.detailRow, column: 0, width: grid.width, title: "no interfaces", glyphs: self.glyphs)
            return
        }
        let link = interface.link
        let bound = interface.binding.map { " · bound to \($0.implementation ?? "an unavailable implementation")" }
        let title =
            "\(link.name) · \(Words.technologyName(link.technology)) · index \(link.index)\(bound ?? " · not bound")"
        Box.rule(&grid, row: layout.detailRow, column: 0, width: grid.width, title: title, glyphs: self.glyphs)
        let now = context.snapshot.now
        var lines: [(String, ThemeRole)] = [self.readinessLine(interface, now: now)]
        if let binding = interface.binding {
            var state = "State: " + Words.activitySentence(binding, now: now)
            if let network = context.wifi[link.name]?.networks.first(where: \.isCurrent) {
                let signal = network.signal.map { ", \($0) dBm" } ?? ""
                state += " · on \(network.ssid.displayName) (\(network.security)\(signal))"
            }
            lines.append((state, Self.role(of: binding.activity)))
            if let problem = context.wifi[link.name]?.problem { lines.append((problem, .error)) }
            var settings = Words.flags(binding.flags) + " · timeouts: connect \(Words.timeout(binding.connectTimeout))"
            settings += ", idle \(Words.timeout(binding.idleTimeout))"
            if let deadline = binding.idleDeadline {
                settings += " (drops in \(Words.span(.seconds(Words.secondsLeft(until: deadline, now: now)))))"
            }
            lines.append((settings, .muted))
        } else {
            lines.append(("Not bound: uplink watches \(link.name) but does not connect it.", .muted))
        }
        let width = grid.width - 2
        for (offset, (text, role)) in lines.enumerated() {
            grid.write(
                TextWidth.truncate(text, to: width, ellipsis: self.glyphs.ellipsis), row: layout.detailRow + 1 + offset,
                column: 1, role: role)
        }
        self.drawAddresses(
            &grid, interface.addresses, from: layout.detailRow + 1 + lines.count,
            lines: layout.detailLines - lines.count)
    }

    private func readinessLine(_ interface: InterfaceStatus, now: Duration) -> (String, ThemeRole) {
        let readiness = interface.readiness
        let technology = interface.link.technology
        guard readiness.overall.isReady else {
            let reason = readiness.overall.reason.map { Words.reason($0, technology: technology) } ?? ""
            return ("Not ready: \(reason)", interface.isIgnored ? .muted : .warning)
        }
        var line = "Ready for "
        switch (readiness.ipv4.reason, readiness.ipv6.reason) {
        case (nil, nil):
            line += "IPv4 and IPv6"
        case (nil, let reason?):
            line += "IPv4 · IPv6 not ready: \(Words.reason(reason, technology: technology))"
        case (let reason?, nil):
            line += "IPv6 · IPv4 not ready: \(Words.reason(reason, technology: technology))"
        case (.some, .some):
            preconditionFailure("Internal inconsistency: ready overall but in neither family")
        }
        if let upstream = Words.upstreamSentence(interface.reachability, now: now) {
            line = "\(line) · \(upstream)"
        }
        let role: ThemeRole =
            switch interface.reachability {
            case .unreachable: .error
            case .reachable, .unknown: .ok
            }
        return (line, role)
    }

    private static func role(of activity: BindingActivity) -> ThemeRole {
        switch activity {
        case .idle: .text
        case .connecting, .retrying: .warning
        case .connected: .ok
        case .failed: .error
        }
    }

    /// Addresses, usable ones first, two to a line when both fit in half the width; when they do
    /// not all fit, the last slot says how many more there are.
    private func drawAddresses(_ grid: inout CellGrid, _ addresses: [InterfaceAddress], from row: Int, lines: Int) {
        guard lines > 0 else { return }
        guard !addresses.isEmpty else {
            grid.write("No addresses.", row: row, column: 1, role: .muted)
            return
        }
        let labels = addresses.sorted {
            ($0.isUsable ? 0 : 1, $0.family, $0.address) < ($1.isUsable ? 0 : 1, $1.family, $1.address)
        }.map(Self.label)
        let half = (grid.width - 2) / 2
        let fitsHalf = { (label: (String, ThemeRole)) in TextWidth.of(label.0) < half - 1 }
        var rows: [[(String, ThemeRole)]] = []
        for label in labels {
            if let last = rows.last, last.count == 1, fitsHalf(last[0]), fitsHalf(label) {
                rows[rows.count - 1].append(label)
            } else {
                rows.append([label])
            }
        }
        if rows.count > lines {
            rows = Array(rows.prefix(lines))
            var last = rows[lines - 1]
            if last.count == 2 || !fitsHalf(last[0]) { last.removeLast() }
            let shown = rows.dropLast().reduce(0) { $0 + $1.count } + last.count
            last.append(("+\(labels.count - shown) more", .muted))
            rows[lines - 1] = last
        }
        for (offset, slots) in rows.enumerated() {
            for (slot, (text, role)) in slots.enumerated() {
                let column = 1 + slot * half
                let room = slots.count == 1 ? grid.width - 2 : half - 1
                grid.write(
                    TextWidth.truncate(text, to: room, ellipsis: self.glyphs.ellipsis), row: row + offset,
                    column: column, role: role)
            }
        }
    }

    /// An address with what is unusual about it; a global preferred address needs no words.
    private static func label(_ address: InterfaceAddress) -> (String, ThemeRole) {
        var notes: [String] = []
        switch address.scope {
        case .link: notes.append("link-local")
        case .host: notes.append("host")
        case .site: notes.append("site")
        case .global: break
        }
        let role: ThemeRole
        switch address.state {
        case .preferred:
            role = address.isUsable ? .text : .muted
        case .tentative:
            notes.append("tentative")
            role = .warning
        case .deprecated:
            notes.append("deprecated")
            role = .warning
        case .duplicate:
            notes.append("duplicate")
            role = .error
        }
        let text = notes.isEmpty ? address.description : "\(address.description) (\(notes.joined(separator: ", ")))"
        return (text, role)
    }
}

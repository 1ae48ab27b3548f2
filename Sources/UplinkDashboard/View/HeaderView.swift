import UplinkCore

/// The top bar: device, overall state and through which interface, embedded or daemon, clock.
enum HeaderView {
    static func draw(_ grid: inout CellGrid, context: DashboardContext, glyphs: GlyphSet) {
        grid.fill(row: 0, column: 0, width: grid.width, height: 1, role: .header)
        var column = grid.write(" uplink ", row: 0, column: 0, role: .header, style: .bold)
        column += grid.write(context.deviceName + "  ", row: 0, column: column, role: .header)
        let connectivity = context.snapshot.connectivity
        if connectivity.any {
            let families = [connectivity.ipv4 ? "IPv4" : nil, connectivity.ipv6 ? "IPv6" : nil].compactMap { $0 }
            column += grid.write(" CONNECTED ", row: 0, column: column, role: .ok, style: [.bold, .reverse])
            var detail = " " + families.joined(separator: " + ")
            if let primary = context.primaryInterface { detail += " via \(primary.link.name)" }
            column += grid.write(detail, row: 0, column: column, role: .header)
        } else {
            column += grid.write(" OFFLINE ", row: 0, column: column, role: .error, style: [.bold, .reverse])
            column += grid.write(" no interface is ready", row: 0, column: column, role: .header)
        }
        let right = "\(context.isEmbedded ? "embedded" : "daemon")  \(context.clock) "
        grid.write(right, row: 0, column: max(grid.width - TextWidth.of(right), column + 1), role: .header)
    }
}

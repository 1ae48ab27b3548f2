import UplinkCore

/// The top bar: device, overall state and through which interface and families, embedded or
/// daemon, clock.
enum HeaderView {
    static func draw(_ grid: inout CellGrid, context: DashboardContext) {
        grid.fill(row: 0, column: 0, width: grid.width, height: 1, role: .header)
        var column = grid.write(" uplink ", row: 0, column: 0, role: .header, style: .bold)
        column += grid.write(context.deviceName + "  ", row: 0, column: column, role: .header)
        let state = DeviceState(context.snapshot)
        let (badge, role): (String, ThemeRole) =
            switch state {
            case .online: (" ONLINE ", .ok)
            case .connected: (" CONNECTED ", .ok)
            case .noUpstream: (" NO UPSTREAM ", .error)
            case .offline: (" OFFLINE ", .error)
            }
        column += grid.write(badge, row: 0, column: column, role: role, style: [.bold, .reverse])
        let right = "\(context.isEmbedded ? "embedded" : "daemon")  \(context.clock) "
        let room = grid.width - TextWidth.of(right) - column - 1
        let detail = self.detail(state, connectivity: context.snapshot.connectivity)
        grid.write(" " + detail, row: 0, column: column, role: .header, limit: max(room, 0))
        grid.write(right, row: 0, column: max(grid.width - TextWidth.of(right), column + 1), role: .header)
    }

    private static func detail(_ state: DeviceState, connectivity: ChannelValues<Bool>) -> String {
        let families: String
        switch (connectivity.ipv4, connectivity.ipv6) {
        case (true, true): families = "IPv4 and IPv6"
        case (true, false): families = "IPv4 only"
        case (false, true): families = "IPv6 only"
        case (false, false): families = ""
        }
        switch state {
        case .online(let via), .connected(let via):
            return "via \(via.link.name) · \(families)"
        case .noUpstream(let via):
            return "\(via.link.name) is connected but its upstream is silent"
        case .offline:
            return "no interface is ready"
        }
    }
}

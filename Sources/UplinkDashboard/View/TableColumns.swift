/// The interface table's columns and their widths for one terminal width.
///
/// Designed for 80 columns first: the essential columns fit there, with the addresses and the state
/// cut short. Wider terminals first widen the state and address columns, then, from 120 columns,
/// add the binding's implementation, flags and timeouts.
struct TableColumns {
    /// One column of the table.
    enum Column: Hashable, CaseIterable {
        /// The selection pointer.
        case pointer
        /// The interface's name.
        case name
        /// Its technology.
        case technology
        /// Admin and operational state merged: up, down, no carrier, dormant (narrow only).
        case link
        /// The admin state alone: up or down (wide only).
        case admin
        /// The operational state alone: up, no carrier, dormant, down (wide only).
        case operational
        /// The first IPv4 address.
        case ipv4
        /// The first IPv6 address.
        case ipv6
        /// Readiness per family.
        case ready
        /// The binding's state, or the upstream's.
        case state
        /// The bound implementation (wide only).
        case implementation
        /// The binding's flags as letters (wide only).
        case flags
        /// The connect timeout (wide only).
        case connectTimeout
        /// The idle timeout (wide only).
        case idleTimeout

        /// The title over the column.
        var title: String {
            switch self {
            case .pointer: ""
            case .name: "IFACE"
            case .technology: "TECH"
            case .link: "LINK"
            case .admin: "ADMIN"
            case .operational: "OPER"
            case .ipv4: "IPv4"
            case .ipv6: "IPv6"
            case .ready: "READY"
            case .state: "STATE"
            case .implementation: "BOUND"
            case .flags: "FLAGS"
            case .connectTimeout: "CONN"
            case .idleTimeout: "IDLE"
            }
        }

        /// The width at 80 columns, separating space included.
        var minimumWidth: Int {
            switch self {
            case .pointer: 2
            case .name: 8
            case .technology: 6
            case .link: 11
            case .admin: 6
            case .operational: 11
            case .ipv4: 15
            case .ipv6: 17
            case .ready: 6
            case .state: 15
            case .implementation: 10
            case .flags: 6
            case .connectTimeout: 6
            case .idleTimeout: 6
            }
        }

        /// How wide the column may grow when the terminal is wider.
        var maximumWidth: Int {
            switch self {
            case .name: 16
            case .ipv4: 19
            case .ipv6: 30
            case .state: 36
            case .pointer, .technology, .link, .admin, .operational, .ready, .implementation, .flags,
                .connectTimeout, .idleTimeout:
                self.minimumWidth
            }
        }

        /// Where the column shows.
        var width: Visibility {
            switch self {
            case .link: .narrowOnly
            case .admin, .operational, .implementation, .flags, .connectTimeout, .idleTimeout: .wideOnly
            case .pointer, .name, .technology, .ipv4, .ipv6, .ready, .state: .always
            }
        }
    }

    /// Which terminals show a column.
    enum Visibility {
        /// Every width.
        case always
        /// Below `DashboardRenderer.wideWidth`.
        case narrowOnly
        /// From `DashboardRenderer.wideWidth` on.
        case wideOnly
    }

    /// The columns shown, left to right, with their widths.
    let columns: [(column: Column, width: Int)]

    /// The order extra width goes to: the state first (it carries the reason), then the addresses.
    private static let growth: [Column] = [.state, .ipv6, .state, .ipv4, .name, .ipv6]

    init(width: Int) {
        let isWide = width >= DashboardRenderer.wideWidth
        let shown = Column.allCases.filter { column in
            switch column.width {
            case .always: true
            case .narrowOnly: !isWide
            case .wideOnly: isWide
            }
        }
        var widths = Dictionary(uniqueKeysWithValues: shown.map { ($0, $0.minimumWidth) })
        var spare = width - widths.values.reduce(0, +)
        // Grow a few columns at a time, in turn, so no single column swallows the space.
        while spare > 0 {
            var grew = false
            for column in Self.growth where spare > 0 {
                guard let current = widths[column], current < column.maximumWidth else { continue }
                let step = min(4, spare, column.maximumWidth - current)
                widths[column] = current + step
                spare -= step
                grew = true
            }
            if !grew { break }
        }
        self.columns = shown.map { ($0, widths[$0]!) }
    }

    /// The starting column of each column.
    var offsets: [Column: Int] {
        var offsets: [Column: Int] = [:]
        var x = 0
        for (column, width) in self.columns {
            offsets[column] = x
            x += width
        }
        return offsets
    }
}

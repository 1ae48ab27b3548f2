import UplinkCore

/// The dashboard's event log: the newest entries, scrollable.
public struct EventLog: Hashable, Sendable {
    /// One line of the log.
    public struct Entry: Hashable, Sendable {
        /// The wall-clock time it happened, formatted ("14:02:11").
        public var time: String
        /// What happened, in words.
        public var text: String
        /// How it reads: good news, bad news, or neither.
        public var role: ThemeRole
    }

    /// How many entries are kept.
    public static let capacity = 500

    /// The entries, oldest first.
    public private(set) var entries: [Entry] = []
    /// How many entries the view is scrolled back from the newest (0 = following the newest).
    public private(set) var scrollBack = 0

    public init() {}

    /// Adds a line. A view that is scrolled back stays on the lines it shows.
    public mutating func append(_ text: String, role: ThemeRole, time: String) {
        self.entries.append(Entry(time: time, text: text, role: role))
        if self.scrollBack > 0 { self.scrollBack += 1 }
        if self.entries.count > Self.capacity {
            self.entries.removeFirst(self.entries.count - Self.capacity)
            self.scrollBack = min(self.scrollBack, self.entries.count)
        }
    }

    /// Adds a manager event, in words; a `technologyChanged` only asks for a redraw and is not logged.
    public mutating func append(_ event: ManagerEvent, time: String) {
        if case .technologyChanged = event { return }
        let (text, role) = Self.describe(event)
        self.append(text, role: role, time: time)
    }

    /// Scrolls back (positive) or forward (negative) by `lines`, within the entries.
    public mutating func scroll(by lines: Int, visibleRows: Int) {
        let limit = max(self.entries.count - visibleRows, 0)
        self.scrollBack = min(max(self.scrollBack + lines, 0), limit)
    }

    /// The entries a view of `rows` lines shows.
    public func visible(rows: Int) -> ArraySlice<Entry> {
        let end = self.entries.count - self.scrollBack
        return self.entries[max(end - rows, 0)..<max(end, 0)]
    }

    /// A manager event in words, and how it reads.
    public static func describe(_ event: ManagerEvent) -> (String, ThemeRole) {
        switch event {
        case .connectivity(let channel, let connected, let interface):
            let what: String
            switch channel {
            case .any: what = "L4"
            case .ipv4: what = "IPv4"
            case .ipv6: what = "IPv6"
            }
            let blame = interface.map { " (\($0.name))" } ?? ""
            return ("\(what) \(connected ? "connected" : "disconnected")\(blame)", connected ? .ok : .error)
        case .interfaceReady(let interface):
            return ("\(interface.name) ready", .ok)
        case .interfaceUnready(let interface, let reason):
            return ("\(interface.name) not ready: \(reason)", reason == .ignored ? .muted : .warning)
        case .connectTimeout(let interface):
            return ("\(interface.name) connect timed out", .error)
        case .fatalError(let interface, let reason):
            return ("\(interface.name) failed: \(reason)", .error)
        case .idleTimeout(let interface):
            return ("\(interface.name) idle timeout", .warning)
        case .noConfiguration(let interface):
            return ("\(interface.name) has no configuration to connect with", .warning)
        case .automationFailed(let interface, let automation, let reason):
            return ("\(interface.name) \(automation.rawValue) failed: \(reason)", .error)
        case .reachabilityChanged(let interface, let reachability):
            switch reachability {
            case .reachable: return ("\(interface.name) upstream answers", .ok)
            case .unreachable(_, let reason): return ("\(interface.name) upstream silent: \(reason)", .error)
            case .unknown: return ("\(interface.name) upstream not probed", .muted)
            }
        case .technologyChanged(let interface):
            return ("\(interface.name) changed", .muted)
        case .serviceChanged(let interface, let service, let isRunning, let detail):
            return ("\(interface.name) \(service) \(detail)", isRunning ? .ok : .error)
        }
    }
}

import UplinkCore

/// Runs the dashboard: wakes on a key, a manager event or the once-a-second clock, updates the
/// state, carries out the effects, and draws a frame (which the screen diffs, so an unchanged
/// screen costs nothing but the clock).
@ManagerActor
public final class DashboardRuntime {
    /// Why the loop woke.
    private enum Wake: Sendable {
        case key(Key)
        case event(ManagerEvent)
        case tick
        case keysEnded
    }

    public private(set) var state = DashboardState()
    private let service: any ManagerService
    private let screen: any DashboardScreen
    private let renderer: DashboardRenderer
    private let deviceName: String
    private let wallClock: @Sendable () -> String
    private let tick: @Sendable () async -> Void
    private let operatorSession: OperatorSession?
    /// The last Wi-Fi join state seen per interface, to log each outcome once.
    private var lastJoins: [String: WiFiJoinState] = [:]

    /// - Parameters:
    ///   - service: the manager, embedded or over a socket.
    ///   - screen: where to draw and read keys.
    ///   - renderer: the renderer, with the glyphs the terminal can show.
    ///   - deviceName: the name in the header.
    ///   - wallClock: the time of day for the header and the log, formatted.
    ///   - tick: waits until the next second; the only wake-up when nothing happens.
    ///   - operatorSession: the operator's SSH session, so that cutting it asks first.
    public init(
        service: any ManagerService,
        screen: any DashboardScreen,
        renderer: DashboardRenderer,
        deviceName: String,
        wallClock: @escaping @Sendable () -> String,
        tick: @escaping @Sendable () async -> Void,
        operatorSession: OperatorSession? = nil
    ) {
        self.service = service
        self.screen = screen
        self.renderer = renderer
        self.deviceName = deviceName
        self.wallClock = wallClock
        self.tick = tick
        self.operatorSession = operatorSession
    }

    /// The context of the current frame.
    public var context: DashboardContext {
        let snapshot = self.service.snapshot
        var wifi: [String: WiFiStatus] = [:]
        for interface in snapshot.interfaces {
            wifi[interface.link.name] = self.service.wifiStatus(of: interface.link.name)
        }
        return DashboardContext(
            snapshot: snapshot,
            wifi: wifi,
            faults: self.service.faults,
            deviceName: self.deviceName,
            isEmbedded: self.service.isEmbedded,
            clock: self.wallClock(),
            operatorSession: self.operatorSession
        )
    }

    /// Puts a line in the log and the footer before (or while) the dashboard runs: a theme that
    /// could not be loaded, a warning from start-up.
    public func note(_ text: String, role: ThemeRole) {
        self.state.log.append(text, role: role, time: self.wallClock())
        self.state.message = DashboardState.Message(text: text, role: role)
    }

    /// Runs until the user quits or the screen's keys end.
    public func run() async {
        let (wakes, continuation) = AsyncStream.makeStream(of: Wake.self, bufferingPolicy: .unbounded)
        let events = self.service.events()
        let keys = self.screen.keys()
        let tick = self.tick
        let sources = [
            Task { for await event in events { continuation.yield(.event(event)) } },
            Task {
                for await key in keys { continuation.yield(.key(key)) }
                continuation.yield(.keysEnded)
            },
            Task {
                while !Task.isCancelled {
                    await tick()
                    continuation.yield(.tick)
                }
            },
        ]
        defer { for source in sources { source.cancel() } }
        // A late subscriber misses what already happened; restating it fills the log at once.
        try? await self.service.execute(.resendStatus)
        self.redraw()
        for await wake in wakes {
            switch wake {
            case .event(let event):
                self.state.record(event, time: self.wallClock())
            case .key(let key):
                if await self.handle(key) == .quit { return }
            case .tick:
                break
            case .keysEnded:
                return
            }
            self.redraw()
        }
    }

    private enum Outcome { case carryOn, quit }

    private func handle(_ key: Key) async -> Outcome {
        for effect in self.state.handle(key, in: self.context) {
            switch effect {
            case .quit:
                return .quit
            case .execute(let command):
                do {
                    try await self.service.execute(command)
                } catch {
                    self.state.commandFailed(command, error: error, time: self.wallClock())
                }
            }
        }
        return .carryOn
    }

    private func redraw() {
        let size = self.screen.size
        let context = self.context
        self.logWiFiJoins(context.wifi)
        self.screen.draw(self.renderer.render(self.state, context, width: size.width, height: size.height))
    }

    /// Logs each Wi-Fi join's outcome once: joins are not manager events (a join on a connected
    /// interface changes no readiness), but a technician reading the log later needs them.
    private func logWiFiJoins(_ statuses: [String: WiFiStatus]) {
        for (interface, status) in statuses.sorted(by: { $0.key < $1.key }) {
            guard self.lastJoins[interface] != status.join else { continue }
            let isFirstLook = self.lastJoins[interface] == nil
            self.lastJoins[interface] = status.join
            guard !isFirstLook else { continue }
            switch status.join {
            case .idle:
                break
            case .joining(let ssid, _, _):
                self.state.log.append(
                    "\(interface) joining \(ssid.displayName)", role: .warning, time: self.wallClock())
            case .joined(let ssid):
                self.state.log.append("\(interface) joined \(ssid.displayName)", role: .ok, time: self.wallClock())
            case .failed(let ssid, let reason):
                self.state.log.append(
                    "\(interface) could not join \(ssid.displayName): \(reason)", role: .error, time: self.wallClock())
            }
        }
    }
}

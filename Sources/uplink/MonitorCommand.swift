import ArgumentParser
import UplinkCore
import UplinkProtocol

/// `uplink monitor [--json]`: the current status as events, then every event as it happens.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Print the connectivity status, then one line per event as it happens (until interrupted).",
        discussion: """
            Without a daemon, the manager runs in this process: interfaces bound in the configuration \
            are connected and kept connected as the dashboard would. With --json, each line is one JSON \
            object (docs/JSON.md). Output is line-buffered.
            """
    )

    @OptionGroup var session: SessionOptions

    @Flag(name: .long, help: "Print JSON lines instead of text.")
    var json = false

    func run() async throws {
        try await Self.monitor(self.session, json: self.json)
    }

    @ManagerActor
    private static func monitor(_ options: SessionOptions, json: Bool) async throws {
        let session = try options.makeSession(automation: AutomationSettings())
        let manager = session.service.manager
        // What happens while the first dump is applied — a bound interface's connect failing for
        // good, say — must not be lost; its readiness changes are not news, the restated status
        // that comes first says where things stand.
        let early = EventBuffer()
        let token = manager.addObserver { early.events.append($0) }
        try await session.start()
        manager.removeObserver(token)
        let events = session.service.events()
        try await session.service.execute(.resendStatus)
        let print = { (event: ManagerEvent) in
            let time = json ? EventTime.rfc3339() : EventTime.local()
            Output.standard(
                json ? EventDocument.make(event, time: time).serialized : EventDocument.text(event, time: time))
        }
        var iterator = events.makeAsyncIterator()
        for _ in ConnectivityChannel.allCases {
            guard let event = await iterator.next() else { break }
            print(event)
        }
        for event in early.events where !Self.isReadinessChange(event) { print(event) }
        while let event = await iterator.next() { print(event) }
        session.stop()
    }

    /// Connectivity and per-interface readiness events, which the restated status subsumes.
    private static func isReadinessChange(_ event: ManagerEvent) -> Bool {
        switch event {
        case .connectivity, .interfaceReady, .interfaceUnready, .reachabilityChanged: true
        case .connectTimeout, .fatalError, .idleTimeout, .noConfiguration, .automationFailed, .serviceChanged,
            .technologyChanged:
            false
        }
    }
}

/// Events collected by an observer before anything prints them.
@ManagerActor
private final class EventBuffer {
    var events: [ManagerEvent] = []
}

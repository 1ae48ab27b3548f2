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
        // The first dump's events are not printed: the restated status that follows says where
        // things stand, as the schema promises (first the current status, then every change).
        try await session.start()
        let events = session.service.events()
        try await session.service.execute(.resendStatus)
        for await event in events {
            let time = json ? EventTime.rfc3339() : EventTime.local()
            Output.standard(
                json ? EventDocument.make(event, time: time).serialized : EventDocument.text(event, time: time))
        }
        session.stop()
    }
}

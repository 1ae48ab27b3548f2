import ArgumentParser
import UplinkCore
import UplinkProtocol

/// `uplink status [--json]`: every interface and why it is or is not ready, once.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every interface, its readiness and why not, and the device's connectivity.",
        discussion: "The JSON schema is documented in docs/JSON.md; keys and codes are stable and never translated."
    )

    @OptionGroup var session: SessionOptions

    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false

    func run() async throws {
        let text = try await Self.status(self.session, json: self.json)
        Output.standard(text)
    }

    /// Takes the status without changing anything: the manager starts with its automations off, so
    /// reading the status never connects or takes down an interface.
    @ManagerActor
    private static func status(_ options: SessionOptions, json: Bool) async throws -> String {
        let session = try options.makeSession(automation: AutomationSettings(autoConnect: false, autoDown: false))
        try await session.start()
        defer { session.stop() }
        let snapshot = session.service.snapshot
        var wifi: [String: WiFiStatus] = [:]
        for interface in snapshot.interfaces {
            wifi[interface.link.name] = session.service.wifiStatus(of: interface.link.name)
        }
        return json
            ? StatusDocument.make(snapshot, wifi: wifi).serialized + "\n" : StatusText.render(snapshot, wifi: wifi)
    }
}

import ArgumentParser
import UplinkCore

/// The `uplink` command. The dashboard, the daemon and the scriptable subcommands arrive with their
/// issues; until then the executable only says what it is.
@main
struct Uplink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplink",
        abstract: "Keeps a Linux device online across Ethernet, Wi-Fi and cellular, and shows why it is or is not.",
        discussion: """
            The connection manager core is in place (see docs/Architecture.md); the dashboard \
            (`uplink --sim`), the daemon and the command line follow.
            """,
        version: "0.1.0"
    )

    func run() throws {
        print(Self.helpMessage())
    }
}

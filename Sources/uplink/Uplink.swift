import ArgumentParser

/// The `uplink` command: the dashboard by default, and the scriptable subcommands.
@main
struct Uplink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uplink",
        abstract: "Keeps a Linux device online across Ethernet, Wi-Fi and cellular, and shows why it is or is not.",
        discussion: """
            Without a subcommand, uplink shows its dashboard. `uplink --sim` runs it on a simulated \
            device (Ethernet, Wi-Fi, cellular) whose faults you can trigger from the keyboard; it needs \
            no privileges. Press ? in the dashboard for its keys.
            """,
        version: "0.1.0",
        subcommands: [DashboardCommand.self, StatusCommand.self, MonitorCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

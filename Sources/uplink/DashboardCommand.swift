import ArgumentParser
import UplinkCore
import UplinkDashboard
import UplinkTerminal

/// `uplink [dashboard] [--sim] [--theme NAME|PATH]`: the live dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Show the live dashboard (the default when no subcommand is given)."
    )

    @OptionGroup var session: SessionOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A theme: default, light, high-contrast, monochrome, a NAME.theme in ~/.config/uplink/themes, or a path.",
            valueName: "name|path"
        )
    )
    var theme = "default"

    func run() async throws {
        let environment = SystemInterface.environment
        let (theme, themeProblem) = Self.loadTheme(self.theme, environment: environment)
        if let themeProblem { Output.error("uplink: \(themeProblem); using the default theme") }

        let terminal: Terminal
        do {
            terminal = try Terminal.open(environment: environment)
        } catch {
            Output.error("uplink: \(error)")
            throw ExitCode.failure
        }
        let signal = await Self.runDashboard(self.session, on: terminal, theme: theme, themeProblem: themeProblem)
        terminal.close()
        if let signal { throw ExitCode(128 + signal) }
    }

    /// Runs the dashboard until the user quits or a signal ends it; returns that signal.
    @ManagerActor
    private static func runDashboard(
        _ options: SessionOptions,
        on terminal: Terminal,
        theme: Theme,
        themeProblem: String?
    ) async -> Int32? {
        let session: any ManagerSession
        do {
            session = try options.makeSession(automation: AutomationSettings())
            try await session.start()
        } catch {
            terminal.close()
            Output.error("uplink: \(error)")
            return nil
        }
        let runtime = DashboardRuntime(
            service: session.service,
            screen: terminal.screen(theme: theme),
            renderer: DashboardRenderer(glyphs: terminal.capabilities.isUTF8 ? .unicode : .ascii),
            deviceName: session.deviceName,
            wallClock: WallClock.now,
            tick: WallClock.tick,
            operatorSession: OperatorSession(sshConnection: SystemInterface.environment["SSH_CONNECTION"])
        )
        if let themeProblem { runtime.note("\(themeProblem); using the default theme", role: .error) }
        await runtime.run()
        session.stop()
        return terminal.terminatingSignal
    }

    /// The theme asked for, or the default with the reason it could not be loaded.
    static func loadTheme(_ nameOrPath: String, environment: [String: String]) -> (Theme, String?) {
        let locator = ThemeLocator(searchDirectories: ThemeLocator.standardDirectories(environment: environment)) {
            path in
            try SystemInterface.readFile(path)
        }
        do {
            return (try locator.load(nameOrPath), nil)
        } catch {
            return (.default, error.description)
        }
    }
}

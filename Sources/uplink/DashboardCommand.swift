import ArgumentParser
import Foundation
import UplinkCore
import UplinkDashboard
import UplinkTerminal

/// `uplink [dashboard] [--sim] [--theme NAME|PATH]`: the live dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Show the live dashboard (the default when no subcommand is given)."
    )

    @Flag(name: .long, help: "Run on the built-in simulated device instead of this machine's interfaces.")
    var sim = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A theme: default, light, high-contrast, monochrome, a NAME.theme in ~/.config/uplink/themes, or a path.",
            valueName: "name|path"
        )
    )
    var theme = "default"

    func run() async throws {
        guard self.sim else {
            throw ValidationError(
                "the dashboard over this machine's real interfaces is not available yet; "
                    + "`uplink --sim` runs it on a simulated device"
            )
        }
        let environment = ProcessInfo.processInfo.environment
        let (theme, themeProblem) = Self.loadTheme(self.theme, environment: environment)
        if let themeProblem { StandardError.write("uplink: \(themeProblem); using the default theme") }

        let terminal: Terminal
        do {
            terminal = try Terminal.open(environment: environment)
        } catch {
            StandardError.write("uplink: \(error)")
            throw ExitCode.failure
        }
        let signal = await Self.runDashboard(on: terminal, theme: theme, themeProblem: themeProblem)
        terminal.close()
        if let signal { throw ExitCode(128 + signal) }
    }

    /// Runs the dashboard until the user quits or a signal ends it; returns that signal.
    @ManagerActor
    private static func runDashboard(on terminal: Terminal, theme: Theme, themeProblem: String?) async -> Int32? {
        let simulation: SimulationSession
        do {
            simulation = try SimulationSession()
        } catch {
            terminal.close()
            StandardError.write("uplink: the simulated device did not start: \(error)")
            return nil
        }
        let runtime = DashboardRuntime(
            service: simulation.service,
            screen: terminal.screen(theme: theme),
            renderer: DashboardRenderer(glyphs: terminal.capabilities.isUTF8 ? .unicode : .ascii),
            deviceName: "sim-gateway",
            wallClock: WallClock.now,
            tick: WallClock.tick,
            operatorSession: OperatorSession(sshConnection: ProcessInfo.processInfo.environment["SSH_CONNECTION"])
        )
        if let themeProblem { runtime.note("\(themeProblem); using the default theme", role: .error) }
        await runtime.run()
        simulation.stop()
        return terminal.terminatingSignal
    }

    /// The theme asked for, or the default with the reason it could not be loaded.
    static func loadTheme(_ nameOrPath: String, environment: [String: String]) -> (Theme, String?) {
        let locator = ThemeLocator(searchDirectories: ThemeLocator.standardDirectories(environment: environment)) {
            path in
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        do {
            return (try locator.load(nameOrPath), nil)
        } catch {
            return (.default, error.description)
        }
    }
}

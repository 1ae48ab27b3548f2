import ArgumentParser
import UplinkConfiguration
import UplinkCore

/// The options every command that runs a manager takes: where, with which configuration, and what
/// to ignore.
struct SessionOptions: ParsableArguments {
    @Flag(name: .long, help: "Run on the built-in simulated device instead of this machine's interfaces.")
    var sim = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (bindings, flags, timeouts, what to ignore); default \(Configuration.defaultPath) if it exists.",
            valueName: "path"))
    var config: String?

    @Option(name: .customLong("ignore"), help: ArgumentHelp("Ignore this interface (repeatable).", valueName: "iface"))
    var ignoredInterfaces: [String] = []

    @Option(
        name: .customLong("ignore-technology"),
        help: ArgumentHelp(
            "Ignore every interface of a technology (repeatable): \(Technology.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "tech"))
    var ignoredTechnologies: [String] = []

    /// The implementations this build provides, for the configuration's `implementation` key.
    static let implementations = ["ethernet", "wifi"]

    func validate() throws {
        for name in self.ignoredTechnologies where Technology(rawValue: name) == nil {
            throw ValidationError(
                "unknown technology '\(name)'; accepted: \(Technology.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if self.sim && self.config != nil {
            throw ValidationError("--config applies to this machine's interfaces, not to --sim")
        }
    }

    /// The configuration: the file given, the default file if it exists, or none; with the command
    /// line's ignores added.
    func configuration() throws -> Configuration {
        var configuration = Configuration()
        let path =
            self.config ?? (SystemInterface.fileExists(Configuration.defaultPath) ? Configuration.defaultPath : nil)
        if let path {
            guard let text = try SystemInterface.readFile(path) else {
                throw ValidationError("\(path): no such configuration file")
            }
            configuration = try Configuration.parse(text, file: path, implementations: Self.implementations)
        }
        configuration.ignoredInterfaces += self.ignoredInterfaces
        configuration.ignoredTechnologies.formUnion(self.ignoredTechnologies.compactMap(Technology.init(rawValue:)))
        return configuration
    }

    /// A session, not started yet.
    @ManagerActor
    func makeSession(automation: AutomationSettings) throws -> any ManagerSession {
        if self.sim {
            return try SimulationSession(
                automation: automation, ignoredInterfaces: Set(self.ignoredInterfaces),
                ignoredTechnologies: Set(self.ignoredTechnologies.compactMap(Technology.init(rawValue:))).union([
                    .loopback
                ]))
        }
        return try LinuxSession(configuration: try self.configuration(), automation: automation)
    }
}

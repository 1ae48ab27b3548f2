import TOMLKit
import UplinkCore

/// uplink's configuration file (TOML, `/etc/uplink/uplink.toml` by default): which interfaces are
/// bound to which implementation with which flags and timeouts, and what to ignore. Interfaces not
/// named here are still monitored.
///
/// ```toml
/// [interfaces.eth0]
/// implementation = "ethernet"   # DHCP for IPv4; the kernel does IPv6 SLAAC
/// persistent = true             # reconnect after a loss (default false)
/// auto_connect = true           # connect when the interface comes up (default true)
/// auto_down = true              # take it down after a disconnect, loss, timeout or failure (default true)
/// connect_timeout = 30          # seconds; 0 for none (default 0)
/// idle_timeout = 0              # seconds; 0 for none (default 0)
/// route_metric = 100            # the default route's metric (default: the technology's)
///
/// [interfaces.eth1]
/// implementation = "ethernet"
/// ipv4 = { address = "192.0.2.5/24", gateway = "192.0.2.1" }   # instead of DHCP
///
/// [ignore]
/// interfaces = ["docker0"]
/// technologies = ["virtual"]    # ethernet, wifi, cellular, loopback, virtual, other
/// ```
///
/// The parser is strict: an unknown key or a value of the wrong kind is an error naming the file,
/// the key and what is accepted, because a silently ignored typo ("persistant") is worse on a device
/// in the field than a refusal at start.
public struct Configuration: Hashable, Sendable {
    /// The bound interfaces, by name.
    public var interfaces: [InterfaceConfiguration]
    /// Interfaces to ignore from the start.
    public var ignoredInterfaces: [String]
    /// Technologies whose interfaces start ignored.
    public var ignoredTechnologies: Set<Technology>

    public init(
        interfaces: [InterfaceConfiguration] = [],
        ignoredInterfaces: [String] = [],
        ignoredTechnologies: Set<Technology> = []
    ) {
        self.interfaces = interfaces
        self.ignoredInterfaces = ignoredInterfaces
        self.ignoredTechnologies = ignoredTechnologies
    }

    /// The default file.
    public static let defaultPath = "/etc/uplink/uplink.toml"

    private static let topLevelKeys = ["interfaces", "ignore"]
    private static let interfaceKeys = [
        "implementation", "persistent", "auto_connect", "auto_down", "connect_timeout", "idle_timeout",
        "route_metric", "ipv4",
    ]

    /// Parses a configuration.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the file's path, for error messages.
    ///   - implementations: the implementation names this build provides.
    /// - Throws: `ConfigurationError`.
    public static func parse(_ text: String, file: String?, implementations: [String]) throws(ConfigurationError)
        -> Configuration
    {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw ConfigurationError(file: file, message: "\(error)")
        }
        let reader = Reader(file: file)
        try reader.onlyKeys(Self.topLevelKeys, in: table, at: nil)
        var configuration = Configuration()
        if let interfaces = table["interfaces"] {
            let interfacesTable = try reader.table(interfaces, at: "interfaces")
            for name in interfacesTable.keys.sorted() {
                configuration.interfaces.append(
                    try Self.interface(
                        name, try reader.table(interfacesTable[name]!, at: "interfaces.\(name)"), reader: reader,
                        implementations: implementations))
            }
        }
        if let ignore = table["ignore"] {
            let ignoreTable = try reader.table(ignore, at: "ignore")
            try reader.onlyKeys(["interfaces", "technologies"], in: ignoreTable, at: "ignore")
            configuration.ignoredInterfaces = try reader.strings(ignoreTable["interfaces"], at: "ignore.interfaces")
            for name in try reader.strings(ignoreTable["technologies"], at: "ignore.technologies") {
                guard let technology = Technology(rawValue: name) else {
                    let accepted = Technology.allCases.map(\.rawValue).joined(separator: ", ")
                    throw reader.error(
                        at: "ignore.technologies", "unknown technology \"\(name)\"; accepted: \(accepted)")
                }
                configuration.ignoredTechnologies.insert(technology)
            }
        }
        return configuration
    }

    private static func interface(
        _ name: String,
        _ table: TOMLTable,
        reader: Reader,
        implementations: [String]
    ) throws(ConfigurationError) -> InterfaceConfiguration {
        let key = "interfaces.\(name)"
        guard (1...15).contains(name.utf8.count), !name.contains("/"), !name.contains(where: \.isWhitespace) else {
            throw reader.error(at: key, "\"\(name)\" is not an interface name (1 to 15 bytes, no spaces or slashes)")
        }
        try reader.onlyKeys(Self.interfaceKeys, in: table, at: key)
        guard let implementation = try reader.string(table["implementation"], at: "\(key).implementation") else {
            throw reader.error(
                at: "\(key).implementation", "missing; accepted: \(implementations.joined(separator: ", "))")
        }
        guard implementations.contains(implementation) else {
            throw reader.error(
                at: "\(key).implementation",
                "unknown implementation \"\(implementation)\"; accepted: \(implementations.joined(separator: ", "))")
        }
        var flags: BindingFlags = []
        if try reader.bool(table["persistent"], at: "\(key).persistent") ?? false { flags.insert(.persistent) }
        if !(try reader.bool(table["auto_connect"], at: "\(key).auto_connect") ?? true) { flags.insert(.noAutoConnect) }
        if !(try reader.bool(table["auto_down"], at: "\(key).auto_down") ?? true) { flags.insert(.noAutoDown) }
        let binding = BindingConfiguration(
            flags: flags,
            connectTimeout: try reader.seconds(table["connect_timeout"], at: "\(key).connect_timeout"),
            idleTimeout: try reader.seconds(table["idle_timeout"], at: "\(key).idle_timeout")
        )
        var routeMetric: Int?
        if let metric = table["route_metric"] {
            guard let value = metric.int, (0...0xFFFF_FFFF).contains(value) else {
                throw reader.error(at: "\(key).route_metric", "must be a whole number from 0 to 4294967295")
            }
            routeMetric = value
        }
        var ipv4 = InterfaceConfiguration.IPv4.dhcp
        if let value = table["ipv4"] {
            ipv4 = try Self.ipv4(value, at: "\(key).ipv4", reader: reader)
        }
        return InterfaceConfiguration(
            name: name, implementation: implementation, binding: binding, ipv4: ipv4, routeMetric: routeMetric)
    }

    private static func ipv4(_ value: any TOMLValueConvertible, at key: String, reader: Reader)
        throws(ConfigurationError)
        -> InterfaceConfiguration.IPv4
    {
        if let text = value.string {
            guard text == "dhcp" else {
                throw reader.error(at: key, "\"\(text)\" is not accepted; use \"dhcp\" or { address = \"A.B.C.D/N\" }")
            }
            return .dhcp
        }
        let table = try reader.table(value, at: key)
        try reader.onlyKeys(["address", "gateway"], in: table, at: key)
        guard let address = try reader.string(table["address"], at: "\(key).address") else {
            throw reader.error(
                at: "\(key).address", "missing; give the address with its prefix, such as \"192.0.2.5/24\"")
        }
        let parts = address.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let parsed = IPv4Address(parts[0]), let prefix = Int(parts[1]),
            (0...32).contains(prefix)
        else {
            throw reader.error(
                at: "\(key).address", "\"\(address)\" is not an IPv4 address with a prefix, such as \"192.0.2.5/24\"")
        }
        var gateway: IPv4Address?
        if let text = try reader.string(table["gateway"], at: "\(key).gateway") {
            guard let parsedGateway = IPv4Address(text) else {
                throw reader.error(at: "\(key).gateway", "\"\(text)\" is not an IPv4 address, such as \"192.0.2.1\"")
            }
            gateway = parsedGateway
        }
        return .fixed(address: parsed, prefixLength: prefix, gateway: gateway)
    }
}

/// Reads typed values out of TOMLKit's tables, turning every mismatch into a `ConfigurationError`.
private struct Reader {
    let file: String?

    func error(at key: String, _ message: String) -> ConfigurationError {
        ConfigurationError(file: self.file, key: key, message: message)
    }

    func onlyKeys(_ accepted: [String], in table: TOMLTable, at key: String?) throws(ConfigurationError) {
        for name in table.keys.sorted() where !accepted.contains(name) {
            let path = key.map { "\($0).\(name)" } ?? name
            throw ConfigurationError(
                file: self.file, key: path, message: "unknown key; accepted here: \(accepted.joined(separator: ", "))")
        }
    }

    func table(_ value: any TOMLValueConvertible, at key: String) throws(ConfigurationError) -> TOMLTable {
        guard let table = value.table else { throw self.error(at: key, "must be a table") }
        return table
    }

    func string(_ value: (any TOMLValueConvertible)?, at key: String) throws(ConfigurationError) -> String? {
        guard let value else { return nil }
        guard let text = value.string else { throw self.error(at: key, "must be a string") }
        return text
    }

    func bool(_ value: (any TOMLValueConvertible)?, at key: String) throws(ConfigurationError) -> Bool? {
        guard let value else { return nil }
        guard let flag = value.bool else { throw self.error(at: key, "must be true or false") }
        return flag
    }

    func strings(_ value: (any TOMLValueConvertible)?, at key: String) throws(ConfigurationError) -> [String] {
        guard let value else { return [] }
        guard let array = value.array else { throw self.error(at: key, "must be a list of strings") }
        var strings: [String] = []
        for element in array {
            guard let text = element.string else { throw self.error(at: key, "must be a list of strings") }
            strings.append(text)
        }
        return strings
    }

    /// Whole seconds, 0 for none.
    func seconds(_ value: (any TOMLValueConvertible)?, at key: String) throws(ConfigurationError) -> Duration? {
        guard let value else { return nil }
        guard let seconds = value.int, (0...86_400 * 365).contains(seconds) else {
            throw self.error(at: key, "must be a whole number of seconds from 0 (none) to 31536000")
        }
        return seconds == 0 ? nil : .seconds(seconds)
    }
}

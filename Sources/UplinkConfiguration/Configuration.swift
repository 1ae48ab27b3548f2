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
/// [interfaces.wlan0]
/// implementation = "wifi"       # through wpa_supplicant; then DHCP as for Ethernet
/// ctrl_interface = "/run/wpa_supplicant"   # wpa_supplicant's control sockets (the default)
/// eap_methods = ["PEAP", "TTLS"]   # for 802.1X networks (the default)
/// wired_8021x = false           # true: 802.1X on a wired port (key_mgmt IEEE8021X)
/// supplicant_config = "/etc/wpa_supplicant/wpa_supplicant-wlan0.conf"   # made 0600 after each save
///                               # (found from the running wpa_supplicant when not given)
///
/// [ignore]
/// interfaces = ["docker0"]
/// technologies = ["virtual"]    # ethernet, wifi, cellular, loopback, virtual, other
/// ```
///
/// The parser is strict: an unknown key or a value of the wrong kind is an error naming the file,
/// the line, the key and what is accepted, because a silently ignored typo ("persistant") is worse
/// on a device in the field than a refusal at start.
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
        "route_metric", "ipv4", "ctrl_interface", "eap_methods", "wired_8021x",
        "supplicant_config",
    ]
    /// The EAP methods wpa_supplicant 2.10 knows by these names, for `eap_methods`.
    static let eapMethods = ["PEAP", "TTLS", "TLS", "PWD", "FAST", "MSCHAPV2", "GTC", "MD5", "SIM", "AKA", "LEAP"]

    /// Parses a configuration.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the file's path, for error messages.
    ///   - implementations: the implementation names this build provides.
    /// - Throws: `ConfigurationError`.
    public static func parse(_ text: String, file: String?, implementations: [String]) throws(ConfigurationError)
        -> Configuration
    {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw ConfigurationError(file: file, line: error.line, message: error.message)
        }
        let root = Reader.Node(table: document.root, path: nil, line: nil)
        let reader = Reader(file: file)
        try reader.onlyKeys(Self.topLevelKeys, in: root)
        var configuration = Configuration()
        if let interfaces = try reader.table(root, "interfaces") {
            for name in interfaces.table.keys.sorted() {
                let node = try reader.table(interfaces, name)!
                configuration.interfaces.append(
                    try Self.interface(name, node, reader: reader, implementations: implementations))
            }
        }
        if let ignore = try reader.table(root, "ignore") {
            try reader.onlyKeys(["interfaces", "technologies"], in: ignore)
            configuration.ignoredInterfaces = try reader.strings(ignore, "interfaces")
            for name in try reader.strings(ignore, "technologies") {
                guard let technology = Technology(rawValue: name) else {
                    let accepted = Technology.allCases.map(\.rawValue).joined(separator: ", ")
                    throw reader.error(ignore, "technologies", "unknown technology \"\(name)\"; accepted: \(accepted)")
                }
                configuration.ignoredTechnologies.insert(technology)
            }
        }
        return configuration
    }

    private static func interface(
        _ name: String,
        _ node: Reader.Node,
        reader: Reader,
        implementations: [String]
    ) throws(ConfigurationError) -> InterfaceConfiguration {
        guard (1...15).contains(name.utf8.count), !name.contains("/"), !name.contains(where: \.isWhitespace) else {
            throw reader.error(node, nil, "\"\(name)\" is not an interface name (1 to 15 bytes, no spaces or slashes)")
        }
        try reader.onlyKeys(Self.interfaceKeys, in: node)
        let accepted = implementations.joined(separator: ", ")
        guard let implementation = try reader.string(node, "implementation") else {
            throw reader.error(node, "implementation", "missing; accepted: \(accepted)")
        }
        guard implementations.contains(implementation) else {
            throw reader.error(
                node, "implementation", "unknown implementation \"\(implementation)\"; accepted: \(accepted)")
        }
        var flags: BindingFlags = []
        if try reader.bool(node, "persistent") ?? false { flags.insert(.persistent) }
        if !(try reader.bool(node, "auto_connect") ?? true) { flags.insert(.noAutoConnect) }
        if !(try reader.bool(node, "auto_down") ?? true) { flags.insert(.noAutoDown) }
        let binding = BindingConfiguration(
            flags: flags,
            connectTimeout: try reader.seconds(node, "connect_timeout"),
            idleTimeout: try reader.seconds(node, "idle_timeout")
        )
        var routeMetric: Int?
        if let metric = node.table["route_metric"] {
            guard case .integer(let value) = metric, (0...0xFFFF_FFFF).contains(value) else {
                throw reader.error(node, "route_metric", "must be a whole number from 0 to 4294967295")
            }
            routeMetric = value
        }
        var ipv4 = InterfaceConfiguration.IPv4.dhcp
        if node.table["ipv4"] != nil {
            ipv4 = try Self.ipv4(node, reader: reader)
        }
        var configuration = InterfaceConfiguration(
            name: name, implementation: implementation, binding: binding, ipv4: ipv4, routeMetric: routeMetric)
        try Self.wifi(node, reader: reader, into: &configuration)
        return configuration
    }

    /// The keys that apply to Wi-Fi only: `ctrl_interface`, `eap_methods`, `wired_8021x`.
    private static func wifi(_ node: Reader.Node, reader: Reader, into configuration: inout InterfaceConfiguration)
        throws(ConfigurationError)
    {
        for key in ["ctrl_interface", "eap_methods", "wired_8021x", "supplicant_config"]
        where node.table[key] != nil && configuration.implementation != "wifi" {
            throw reader.error(node, key, "applies to implementation = \"wifi\" only")
        }
        if let directory = try reader.string(node, "ctrl_interface") {
            guard directory.hasPrefix("/"), directory.utf8.count < 80 else {
                throw reader.error(
                    node, "ctrl_interface", "must be an absolute path of under 80 bytes (a Unix socket's path is short)"
                )
            }
            configuration.supplicantDirectory = directory
        }
        if node.table["eap_methods"] != nil {
            let methods = try reader.strings(node, "eap_methods")
            if let unknown = methods.first(where: { !Self.eapMethods.contains($0) }) {
                throw reader.error(
                    node, "eap_methods",
                    "\"\(unknown)\" is not an EAP method; accepted: \(Self.eapMethods.joined(separator: ", "))")
            }
            guard !methods.isEmpty else { throw reader.error(node, "eap_methods", "names no method") }
            configuration.eapMethods = methods
        }
        configuration.isWired8021X = try reader.bool(node, "wired_8021x") ?? false
        if let file = try reader.string(node, "supplicant_config") {
            guard file.hasPrefix("/") else {
                throw reader.error(node, "supplicant_config", "must be an absolute path, as wpa_supplicant's -c")
            }
            configuration.supplicantFile = file
        }
    }

    private static func ipv4(_ node: Reader.Node, reader: Reader) throws(ConfigurationError)
        -> InterfaceConfiguration.IPv4
    {
        if case .string(let text) = node.table["ipv4"] {
            guard text == "dhcp" else {
                throw reader.error(
                    node, "ipv4", "\"\(text)\" is not accepted; use \"dhcp\" or { address = \"A.B.C.D/N\" }")
            }
            return .dhcp
        }
        guard let table = try reader.table(node, "ipv4") else { return .dhcp }
        try reader.onlyKeys(["address", "gateway"], in: table)
        guard let address = try reader.string(table, "address") else {
            throw reader.error(table, "address", "missing; give the address with its prefix, such as \"192.0.2.5/24\"")
        }
        let parts = address.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let parsed = IPv4Address(parts[0]), let prefix = Int(parts[1]),
            (0...32).contains(prefix)
        else {
            throw reader.error(
                table, "address", "\"\(address)\" is not an IPv4 address with a prefix, such as \"192.0.2.5/24\"")
        }
        var gateway: IPv4Address?
        if let text = try reader.string(table, "gateway") {
            guard let parsedGateway = IPv4Address(text) else {
                throw reader.error(table, "gateway", "\"\(text)\" is not an IPv4 address, such as \"192.0.2.1\"")
            }
            gateway = parsedGateway
        }
        return .fixed(address: parsed, prefixLength: prefix, gateway: gateway)
    }
}

/// Reads typed values out of a parsed document, turning every mismatch into a `ConfigurationError`
/// that names the line and the dotted key.
private struct Reader {
    /// A table with where it is: its dotted path and the line it starts on.
    struct Node {
        let table: TOMLDocument.Table
        let path: String?
        let line: Int?
    }

    let file: String?

    func error(_ node: Node, _ key: String?, _ message: String) -> ConfigurationError {
        let path = [node.path, key].compactMap { $0 }.joined(separator: ".")
        let line = key.flatMap { node.table.line(of: $0) } ?? node.line
        return ConfigurationError(file: self.file, line: line, key: path.isEmpty ? nil : path, message: message)
    }

    func onlyKeys(_ accepted: [String], in node: Node) throws(ConfigurationError) {
        for name in node.table.keys where !accepted.contains(name) {
            throw self.error(node, name, "unknown key; accepted here: \(accepted.joined(separator: ", "))")
        }
    }

    func table(_ node: Node, _ key: String) throws(ConfigurationError) -> Node? {
        guard let value = node.table[key] else { return nil }
        guard case .table(let table) = value else { throw self.error(node, key, "must be a table, not \(value.kind)") }
        let path = [node.path, key].compactMap { $0 }.joined(separator: ".")
        return Node(table: table, path: path, line: node.table.line(of: key))
    }

    func string(_ node: Node, _ key: String) throws(ConfigurationError) -> String? {
        guard let value = node.table[key] else { return nil }
        guard case .string(let text) = value else { throw self.error(node, key, "must be a string, not \(value.kind)") }
        return text
    }

    func bool(_ node: Node, _ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = node.table[key] else { return nil }
        guard case .bool(let flag) = value else {
            throw self.error(node, key, "must be true or false, not \(value.kind)")
        }
        return flag
    }

    func strings(_ node: Node, _ key: String) throws(ConfigurationError) -> [String] {
        guard let value = node.table[key] else { return [] }
        guard case .array(let elements) = value else { throw self.error(node, key, "must be a list of strings") }
        var strings: [String] = []
        for element in elements {
            guard case .string(let text) = element else { throw self.error(node, key, "must be a list of strings") }
            strings.append(text)
        }
        return strings
    }

    /// Whole seconds, 0 for none.
    func seconds(_ node: Node, _ key: String) throws(ConfigurationError) -> Duration? {
        guard let value = node.table[key] else { return nil }
        guard case .integer(let seconds) = value, (0...86_400 * 365).contains(seconds) else {
            throw self.error(node, key, "must be a whole number of seconds from 0 (none) to 31536000")
        }
        return seconds == 0 ? nil : .seconds(seconds)
    }
}

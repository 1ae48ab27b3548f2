/// Finds the theme `--theme NAME|PATH` asks for.
///
/// A value with a `/` or ending in `.theme` is a path. A name is looked up as `NAME.theme` in each
/// search directory in turn (the user's first), then among the built-in themes, so a user can
/// shadow a built-in one by copying its file. Reading files is injected, which keeps this pure.
public struct ThemeLocator: Sendable {
    /// The directories searched for `NAME.theme`, in order.
    public var searchDirectories: [String]
    /// Reads a file; nil when it does not exist. Throws with a reason when it exists but cannot be read.
    public var readFile: @Sendable (String) throws -> String?

    public init(searchDirectories: [String], readFile: @escaping @Sendable (String) throws -> String?) {
        self.searchDirectories = searchDirectories
        self.readFile = readFile
    }

    /// The directories uplink searches, given the environment: `$UPLINK_THEME_DIR`, then
    /// `$XDG_CONFIG_HOME/uplink/themes` (or `~/.config/uplink/themes`), then `/etc/uplink/themes`
    /// and `/usr/share/uplink/themes`.
    public static func standardDirectories(environment: [String: String]) -> [String] {
        var directories: [String] = []
        if let override = environment["UPLINK_THEME_DIR"], !override.isEmpty { directories.append(override) }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(config + "/uplink/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/uplink/themes")
        }
        return directories + ["/etc/uplink/themes", "/usr/share/uplink/themes"]
    }

    /// Loads a theme by name or path.
    /// - Throws: `ThemeError` naming the file (and line and key) for a bad file, or listing what was
    ///   searched and what is available when nothing has the name.
    public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            guard let text = try self.read(nameOrPath) else {
                throw ThemeError(file: nameOrPath, message: "no such theme file")
            }
            return try Theme.parse(text, name: Self.name(ofPath: nameOrPath), file: nameOrPath)
        }
        guard !nameOrPath.isEmpty else {
            throw ThemeError(file: nil, message: "the theme name is empty; available: \(self.available())")
        }
        for directory in self.searchDirectories {
            let path = directory + "/" + nameOrPath + ".theme"
            if let text = try self.read(path) { return try Theme.parse(text, name: nameOrPath, file: path) }
        }
        if let builtin = Theme.builtin(named: nameOrPath) { return builtin }
        let searched = self.searchDirectories.joined(separator: ", ")
        throw ThemeError(
            file: nil,
            message: "theme '\(nameOrPath)' not found; looked in: \(searched); available: \(self.available())"
        )
    }

    private func read(_ path: String) throws(ThemeError) -> String? {
        do {
            return try self.readFile(path)
        } catch {
            throw ThemeError(file: path, message: "cannot be read: \(error)")
        }
    }

    /// The built-in names; files in the search directories are not listed, since listing them
    /// would need directory access this type does not have.
    private func available() -> String {
        Theme.builtins.map(\.name).joined(separator: ", ") + " (built in), or a path to a .theme file"
    }

    private static func name(ofPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".theme") ? String(file.dropLast(".theme".count)) : file
    }
}

/// Why a theme could not be loaded, naming the file, line and key where there is one.
///
/// The description is what the user reads before the dashboard falls back to the default theme:
/// `themes/bad.theme:12: 'okk': unknown role; known roles: text, muted, …`, or
/// `theme 'solarized' not found; looked in: …; available: default, …`.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The theme file, nil when no file was found for a name.
    public var file: String?
    /// The 1-based line in the file, nil when the error is not about one line (not found, unreadable).
    public var line: Int?
    /// The key on that line (`ok`, `ok.mono`), nil when the line has none or no line is concerned.
    public var key: String?
    /// What is wrong and what would be accepted.
    public var message: String

    /// An error; see the properties.
    public init(file: String?, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = ""
        if let file = self.file {
            location = file
            if let line = self.line {
                location += ":\(line)"
            }
            location += ": "
        }
        let subject = self.key.map { "'\($0)': " } ?? ""
        return location + subject + self.message
    }
}

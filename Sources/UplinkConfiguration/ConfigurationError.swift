/// Why a configuration file was refused, naming the file, the line (for syntax) or the key, what was
/// wrong and what is accepted. Nothing from a refused file is used.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, nil for text that came from elsewhere.
    public var file: String?
    /// The line, for a syntax error.
    public var line: Int?
    /// The dotted key (`interfaces.eth0.connect_timeout`), for an error about a value.
    public var key: String?
    /// What was wrong and what is accepted.
    public var message: String

    public init(file: String?, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = self.file ?? "configuration"
        if let line = self.line { location += ":\(line)" }
        let subject = self.key.map { " \($0):" } ?? ""
        return "\(location):\(subject) \(self.message)"
    }
}

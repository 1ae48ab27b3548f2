extension Theme {
    /// The properties a theme file may set for a role, as `ROLE.PROPERTY = VALUE`.
    public enum Property: String, CaseIterable, Sendable {
        /// The text colour: `default`, a palette index 0–255, `#RRGGBB`, or a basic colour name
        /// (`red`, `bright-red`, …).
        case foreground = "fg"
        /// The background colour, as `fg`.
        case background = "bg"
        /// The text colour on an 8-colour terminal: `default` or a basic colour name; derived from
        /// `fg` when left out.
        case foreground8 = "fg8"
        /// The background colour on an 8-colour terminal, as `fg8`.
        case background8 = "bg8"
        /// Emphasis where colours show: `bold`, `underline`, `reverse`, `dim`, comma-separated, or `none`.
        case style
        /// Emphasis on a monochrome terminal, which must carry the role's meaning alone; as `style`.
        case mono
    }

    /// Parses a theme file laid over `base`: every role the file leaves out, and every property of a
    /// role it leaves out, keeps the base's.
    ///
    /// The format is one `ROLE.PROPERTY = VALUE` per line; `#` starts a comment (a `#` directly
    /// followed by six hex digits is a colour, not a comment); blank lines are ignored.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - name: the theme's name.
    ///   - file: the file's path, for error messages.
    ///   - base: the theme the file is laid over.
    /// - Throws: `ThemeError` naming the file, the line and the key, what was wrong and what is accepted.
    public static func parse(_ text: String, name: String, file: String?, base: Theme = .default) throws(ThemeError)
        -> Theme
    {
        var theme = base
        theme.name = name
        var seen: [String: Int] = [:]
        var settings: [ThemeRole: [Property: (value: String, line: Int)]] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let content = Self.stripComment(rawLine).trimmedOfSpaces
            guard !content.isEmpty else { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: line, message: "expected ROLE.PROPERTY = VALUE, got \"\(content)\"")
            }
            let key = String(content[..<equals]).trimmedOfSpaces
            let value = String(content[content.index(after: equals)...]).trimmedOfSpaces
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw ThemeError(file: file, line: line, key: key, message: "a key is ROLE.PROPERTY, such as ok.fg")
            }
            guard let role = ThemeRole(rawValue: String(parts[0])) else {
                let known = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(file: file, line: line, key: key, message: "unknown role; known roles: \(known)")
            }
            guard let property = Property(rawValue: String(parts[1])) else {
                let known = Property.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(file: file, line: line, key: key, message: "unknown property; known: \(known)")
            }
            if let first = seen[key] {
                throw ThemeError(file: file, line: line, key: key, message: "set twice (first on line \(first))")
            }
            seen[key] = line
            settings[role, default: [:]][property] = (value, line)
        }
        for role in ThemeRole.allCases {
            guard let properties = settings[role] else { continue }
            theme[role] = try Self.apply(properties, to: base[role], role: role, file: file)
        }
        return theme
    }

    private static func apply(
        _ properties: [Property: (value: String, line: Int)],
        to base: RoleStyle,
        role: ThemeRole,
        file: String?
    ) throws(ThemeError) -> RoleStyle {
        var style = base
        func fail(_ property: Property, _ message: String) -> ThemeError {
            ThemeError(
                file: file, line: properties[property]?.line, key: "\(role.rawValue).\(property.rawValue)",
                message: message)
        }
        // The full colours first, so that an explicit 8-colour fallback given on any line wins.
        if let (value, _) = properties[.foreground] {
            guard let color = Self.color(value) else { throw fail(.foreground, Self.colorHelp(value)) }
            style.foreground = color
        }
        if let (value, _) = properties[.background] {
            guard let color = Self.color(value) else { throw fail(.background, Self.colorHelp(value)) }
            style.background = color
        }
        if let (value, _) = properties[.foreground8] {
            guard let basic = Self.basicColor(value) else { throw fail(.foreground8, Self.basicHelp(value)) }
            style.foreground = ThemeColor(palette: style.foreground.palette, basic: basic.color, bright: basic.bright)
        }
        if let (value, _) = properties[.background8] {
            guard let basic = Self.basicColor(value) else { throw fail(.background8, Self.basicHelp(value)) }
            style.background = ThemeColor(palette: style.background.palette, basic: basic.color, bright: basic.bright)
        }
        if let (value, _) = properties[.style] {
            guard let emphasis = Self.emphasis(value) else { throw fail(.style, Self.emphasisHelp(value)) }
            style.emphasis = emphasis
        }
        if let (value, _) = properties[.mono] {
            guard let emphasis = Self.emphasis(value) else { throw fail(.mono, Self.emphasisHelp(value)) }
            style.monochrome = emphasis
        }
        return style
    }

    // MARK: - Values

    /// A full colour: `default`, 0–255, `#RRGGBB` (to the nearest palette entry), or a basic name.
    static func color(_ value: String) -> ThemeColor? {
        if value == "default" { return .terminalDefault }
        if let index = Int(value), (0...255).contains(index), value.allSatisfy(\.isASCIIDigit) {
            let basic = XtermPalette.basic(forIndex: index)
            return ThemeColor(palette: index, basic: basic.color, bright: basic.bright)
        }
        if let rgb = Self.hexColor(value) {
            let index = XtermPalette.nearestIndex(to: rgb)
            return ThemeColor(palette: index, basic: XtermPalette.nearestBasic(to: rgb))
        }
        if let basic = Self.basicColor(value), let color = basic.color {
            return .basic(color, bright: basic.bright)
        }
        return nil
    }

    /// An 8-colour value: `default`, or a basic name with an optional `bright-`.
    static func basicColor(_ value: String) -> (color: BasicColor?, bright: Bool)? {
        if value == "default" { return (nil, false) }
        let isBright = value.hasPrefix("bright-")
        guard let color = BasicColor(name: isBright ? String(value.dropFirst("bright-".count)) : value) else {
            return nil
        }
        return (color, isBright)
    }

    private static func hexColor(_ value: String) -> XtermPalette.RGB? {
        guard value.count == 7, value.first == "#", let number = Int(value.dropFirst(), radix: 16) else { return nil }
        return XtermPalette.RGB(red: number >> 16 & 0xFF, green: number >> 8 & 0xFF, blue: number & 0xFF)
    }

    /// Emphasis: `none`, or names separated by commas or spaces.
    static func emphasis(_ value: String) -> CellStyle? {
        if value == "none" { return [] }
        var style: CellStyle = []
        for word in value.split(whereSeparator: { $0 == "," || $0 == " " }) {
            switch word {
            case "bold": style.insert(.bold)
            case "underline": style.insert(.underline)
            case "reverse": style.insert(.reverse)
            case "dim": style.insert(.dim)
            default: return nil
            }
        }
        return style
    }

    private static func colorHelp(_ value: String) -> String {
        "\"\(value)\" is not a colour; accepted: default, 0–255, #RRGGBB, or \(Self.basicNames)"
    }

    private static func basicHelp(_ value: String) -> String {
        "\"\(value)\" is not an 8-colour value; accepted: default or \(Self.basicNames)"
    }

    private static func emphasisHelp(_ value: String) -> String {
        "\"\(value)\" is not an emphasis; accepted: none, or bold, underline, reverse, dim separated by commas"
    }

    private static var basicNames: String {
        BasicColor.allCases.map(\.name).joined(separator: ", ") + " (each also as bright-NAME)"
    }

    /// The line without its comment. A `#` that starts a `#RRGGBB` colour is not a comment.
    private static func stripComment(_ line: Substring) -> Substring {
        var index = line.startIndex
        while let hash = line[index...].firstIndex(of: "#") {
            let rest = line[line.index(after: hash)...]
            let hex = rest.prefix(6)
            let isColor =
                hex.count == 6 && hex.allSatisfy(\.isHexDigit)
                && (rest.dropFirst(6).first.map { !$0.isHexDigit } ?? true)
            guard isColor else { return line[..<hash] }
            index = line.index(after: hash)
        }
        return line
    }
}

import UplinkDashboard

/// What the terminal can show, as found when it was opened: the executable picks the glyphs
/// (`isUTF8 ? .unicode : .ascii`) and the screen resolves the theme (`colorCapability`) from it.
public struct TerminalCapabilities: Hashable, Sendable, CustomStringConvertible {
    /// TERM's value.
    public var termName: String
    /// The locale's codeset (`nl_langinfo(CODESET)` after `setlocale(LC_ALL, "")`): "UTF-8", or e.g.
    /// "ANSI_X3.4-1968" when LANG and LC_* are unset or name a locale that is not installed.
    public var codeset: String
    /// Whether the locale's codeset is UTF-8. Otherwise the dashboard draws ASCII glyphs and the screen
    /// shows characters beyond ASCII as `?`, since neither the C library nor, most likely, the terminal
    /// can show them.
    public var isUTF8: Bool
    /// The colours the theme is resolved for.
    public var colorCapability: ColorCapability
    /// The number of colours the terminal has (terminfo's `colors`, then curses' `COLORS`); -1 for none.
    public var colorCount: Int
    /// Whether `NO_COLOR` (https://no-color.org) turned colours off on a terminal that has them.
    public var colorsTurnedOff: Bool

    /// Capabilities as found; see the properties.
    public init(
        termName: String,
        codeset: String,
        colorCapability: ColorCapability,
        colorCount: Int,
        colorsTurnedOff: Bool = false
    ) {
        self.termName = termName
        self.codeset = codeset
        self.isUTF8 = Self.isUTF8(codeset: codeset)
        self.colorCapability = colorCapability
        self.colorCount = colorCount
        self.colorsTurnedOff = colorsTurnedOff
    }

    /// One line for a log or `--version`-style report: `TERM=xterm-256color, UTF-8, 256 colours`.
    public var description: String {
        let text = self.isUTF8 ? "UTF-8" : "\(self.codeset) (ASCII glyphs)"
        let colors: String
        switch self.colorCapability {
        case .indexed256: colors = "256 colours"
        case .basic8: colors = "8 colours"
        case .monochrome: colors = self.colorsTurnedOff ? "monochrome (NO_COLOR)" : "monochrome"
        }
        return "TERM=\(self.termName), \(text), \(colors)"
    }

    /// Whether a codeset name is UTF-8 under any of its spellings.
    static func isUTF8(codeset: String) -> Bool {
        let folded = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return folded == "utf8"
    }

    /// The colours a terminal with `colors` colours gets: 256 or more the palette, 8 to 255 the basic
    /// eight (16 and 88-colour terminals do not have the 256-colour palette's indices), fewer none.
    static func colorCapability(colors: Int) -> ColorCapability {
        if colors >= 256 {
            return .indexed256
        }
        if colors >= 8 {
            return .basic8
        }
        return .monochrome
    }

    /// Decides whether the dashboard can run on the terminal, and with what. Pure: the terminal layer
    /// hands in what it found; tests hand in environments and terminfo answers.
    /// - Parameters:
    ///   - environment: The process environment (TERM, NO_COLOR).
    ///   - inputIsTerminal: `isatty` of standard input.
    ///   - outputIsTerminal: `isatty` of standard output.
    ///   - codeset: The locale's codeset.
    ///   - terminfo: Looks a terminal type up in the terminfo database; not called when TERM is unset.
    /// - Throws: ``TerminalError`` naming what is missing.
    static func detect(
        environment: [String: String],
        inputIsTerminal: Bool,
        outputIsTerminal: Bool,
        codeset: String,
        terminfo: (String) -> TerminfoAnswer
    ) throws(TerminalError) -> TerminalCapabilities {
        guard inputIsTerminal else { throw .inputNotATerminal }
        guard outputIsTerminal else { throw .outputNotATerminal }
        guard let term = environment["TERM"], !term.isEmpty else { throw .termNotSet }
        switch terminfo(term) {
        case .noDatabase:
            throw .noTerminfoDatabase(term: term)
        case .unknownType:
            throw .unknownTerminal(term: term)
        case .hardcopy:
            throw .cannotAddressCursor(term: term)
        case .entry(let canAddressCursor, let colors):
            guard canAddressCursor else { throw .cannotAddressCursor(term: term) }
            let turnedOff = !(environment["NO_COLOR"] ?? "").isEmpty
            let capability = turnedOff ? .monochrome : self.colorCapability(colors: colors)
            return TerminalCapabilities(
                termName: term,
                codeset: codeset,
                colorCapability: capability,
                colorCount: colors,
                colorsTurnedOff: turnedOff && colors >= 8
            )
        }
    }
}

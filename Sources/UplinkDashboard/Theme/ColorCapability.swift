/// How many colours the terminal can show, which decides how a theme is resolved.
public enum ColorCapability: Hashable, Sendable, Comparable {
    /// None (vt100, vt220, xterm-mono) or switched off (`NO_COLOR`, the monochrome theme): emphasis only.
    case monochrome
    /// The eight basic ANSI colours (linux console, screen).
    case basic8
    /// The 256-colour palette.
    case indexed256
}

/// The characters used for lines, marks and bars: Unicode where the terminal's locale is UTF-8,
/// plain ASCII otherwise (a serial console with TERM=vt100 shows `qqqq` for line drawing it cannot
/// do, and garbage for UTF-8).
public struct GlyphSet: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// A mark for "yes" (ready, known).
    public var yes: String
    /// A mark for "no".
    public var no: String
    /// A filled and an empty segment of a progress bar.
    public var barFull: String
    public var barEmpty: String
    /// The four bars of a signal meter, weakest first, and what stands for a bar not lit.
    public var signalBars: [String]
    public var signalBarOff: String
    /// A mark for a protected network.
    public var lock: String
    /// The ellipsis used when text is cut.
    public var ellipsis: String
    /// The character a masked secret shows per character.
    public var mask: String
    /// The selection pointer.
    public var pointer: String

    /// A signal meter of 0 to 4 bars.
    public func signal(bars: Int) -> String {
        (0..<4).map { $0 < bars ? self.signalBars[$0] : self.signalBarOff }.joined()
    }

    /// True for the set that shows only seven-bit ASCII; the renderer then folds every other
    /// character on screen (SSIDs, dashes in sentences) to ASCII too.
    public var isASCII: Bool { self == .ascii }

    /// Box drawing, check marks and block bars.
    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        yes: "✓", no: "✗", barFull: "█", barEmpty: "░", signalBars: ["▂", "▄", "▆", "█"], signalBarOff: "·",
        lock: "🔒", ellipsis: "…", mask: "•", pointer: "▶"
    )

    /// Seven-bit ASCII only.
    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        yes: "y", no: "-", barFull: "#", barEmpty: ".", signalBars: ["#", "#", "#", "#"], signalBarOff: ".",
        lock: "[+]", ellipsis: "~", mask: "*", pointer: ">"
    )
}

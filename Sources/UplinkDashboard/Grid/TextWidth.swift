/// How many terminal columns text takes, without asking the C library (whose answer depends on the
/// process locale): East Asian wide and fullwidth characters and emoji take two, combining marks
/// and other zero-width scalars none, everything else one.
public enum TextWidth {
    /// The columns one grapheme takes.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return self.of(first)
    }

    /// The columns a string takes.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += self.of(character) }
        return total
    }

    /// The columns one scalar takes when it starts a grapheme.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        for range in Self.wideRanges where range.contains(value) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, after Unicode's EastAsianWidth.txt, coarsely.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Cuts text to at most `columns` columns, ending with `ellipsis` when it had to cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard self.of(text) > columns else { return text }
        let room = columns - self.of(ellipsis)
        guard room > 0 else { return String(repeating: ".", count: max(columns, 0)) }
        var result = ""
        var used = 0
        for character in text {
            let width = self.of(character)
            if used + width > room { break }
            result.append(character)
            used += width
        }
        return result + ellipsis
    }

    /// Pads text with spaces to exactly `columns` columns (truncating first if longer).
    public static func pad(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        let cut = self.truncate(text, to: columns, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(columns - self.of(cut), 0))
    }

    /// Breaks text into lines of at most `width` columns at spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && TextWidth.of(line) + 1 + TextWidth.of(word) > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

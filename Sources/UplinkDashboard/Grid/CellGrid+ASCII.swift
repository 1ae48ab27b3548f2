extension CellGrid {
    /// Replaces every character that is not seven-bit ASCII with its nearest ASCII form, for a
    /// terminal whose locale is not UTF-8 (a serial console with TERM=vt100): letters lose their
    /// accents (é → e), dashes and quotes become their plain forms, and anything else becomes `?`.
    /// A double-width character becomes two cells of ASCII.
    public mutating func foldToASCII() {
        for row in 0..<self.height {
            var column = 0
            while column < self.width {
                defer { column += 1 }
                guard let character = self[row, column].character, !character.isASCII else { continue }
                let isWide = column + 1 < self.width && self[row, column + 1].character == nil
                let folded = Self.ascii(for: character)
                self[row, column].character = folded
                if isWide {
                    self[row, column + 1] = Cell(" ", role: self[row, column].role, style: self[row, column].style)
                }
            }
        }
    }

    /// The ASCII stand-in for one character.
    static func ascii(for character: Character) -> Character {
        switch character {
        case "—", "–", "−", "‐": return "-"
        case "‘", "’", "′": return "'"
        case "“", "”", "″": return "\""
        case "…": return "~"
        case "•", "·": return "*"
        case "×": return "x"
        case "↑": return "^"
        case "↓": return "v"
        case "←": return "<"
        case "→", "▶": return ">"
        default: break
        }
        // A Latin letter with marks keeps its base letter: Unicode names é "LATIN SMALL LETTER E
        // WITH ACUTE". The names come with the standard library, where decomposition would need
        // Foundation.
        if let scalar = character.unicodeScalars.first, let name = scalar.properties.name {
            for (prefix, isCapital) in [("LATIN SMALL LETTER ", false), ("LATIN CAPITAL LETTER ", true)]
            where name.hasPrefix(prefix) {
                let letter = name.dropFirst(prefix.count).prefix { $0 != " " }
                if letter.count == 1, let first = letter.first, first.isASCII, first.isLetter {
                    return isCapital ? first : Character(first.lowercased())
                }
            }
        }
        return "?"
    }
}

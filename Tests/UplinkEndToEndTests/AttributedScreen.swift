/// A terminal capture with its attributes (`tmux capture-pane -e`), cell by cell, so tests can ask
/// how a piece of text is drawn: bold, underlined, reversed, in colour or not.
struct AttributedScreen {
    /// How one cell is drawn.
    struct Attributes: Hashable {
        var bold = false
        var dim = false
        var underline = false
        var reverse = false
        /// The SGR colour parameters in effect ("38;5;78", "31"), nil for the terminal's default.
        var foreground: String?
        var background: String?

        var hasColor: Bool { self.foreground != nil || self.background != nil }
    }

    /// Rows of (character, attributes).
    private(set) var rows: [[(Character, Attributes)]] = []

    init(_ capture: String) {
        var attributes = Attributes()
        var row: [(Character, Attributes)] = []
        var scalars = capture.unicodeScalars.makeIterator()
        var pending: Character?
        func flush() {
            if let character = pending { row.append((character, attributes)) }
            pending = nil
        }
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                flush()
                var parameters = ""
                guard scalars.next() == "[" else { continue }
                while let next = scalars.next() {
                    if next == "m" { break }
                    parameters.unicodeScalars.append(next)
                }
                Self.apply(parameters, to: &attributes)
                continue
            }
            if scalar == "\n" {
                flush()
                self.rows.append(row)
                row = []
                continue
            }
            // Combining marks join the character before them.
            if let character = pending, scalar.properties.generalCategory == .nonspacingMark {
                var text = String(character)
                text.unicodeScalars.append(scalar)
                pending = Character(text)
                continue
            }
            flush()
            pending = Character(scalar)
        }
        flush()
        if !row.isEmpty { self.rows.append(row) }
    }

    /// The attributes of every character of the first occurrence of `text` on a row that contains
    /// `rowText` (any row when nil); nil when it is not on screen.
    func attributes(of text: String, onRowContaining rowText: String? = nil) -> [Attributes]? {
        for row in self.rows {
            let line = String(row.map(\.0))
            if let rowText, !line.contains(rowText) { continue }
            guard let range = line.range(of: text) else { continue }
            let start = line.distance(from: line.startIndex, to: range.lowerBound)
            return row[start..<(start + text.count)].map(\.1)
        }
        return nil
    }

    /// True when any cell on screen has a colour.
    var hasColor: Bool { self.rows.contains { $0.contains { $0.1.hasColor } } }

    private static func apply(_ parameters: String, to attributes: inout Attributes) {
        let codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var index = 0
        while index < codes.count {
            let code = codes.isEmpty ? 0 : codes[index]
            switch code {
            case 0: attributes = Attributes()
            case 1: attributes.bold = true
            case 2: attributes.dim = true
            case 4: attributes.underline = true
            case 7: attributes.reverse = true
            case 22: (attributes.bold, attributes.dim) = (false, false)
            case 24: attributes.underline = false
            case 27: attributes.reverse = false
            case 30...37, 90...97: attributes.foreground = String(code)
            case 39: attributes.foreground = nil
            case 40...47, 100...107: attributes.background = String(code)
            case 49: attributes.background = nil
            case 38, 48:
                let isForeground = code == 38
                let take = index + 1 < codes.count && codes[index + 1] == 2 ? 5 : 3
                let value = codes[index..<min(index + take, codes.count)].map(String.init).joined(separator: ";")
                if isForeground { attributes.foreground = value } else { attributes.background = value }
                index += take - 1
            default: break
            }
            index += 1
        }
        if parameters.isEmpty { attributes = Attributes() }
    }
}

/// A one-line text entry: UTF-8 typing and paste, a cursor, and masking for secrets.
public struct TextField: Hashable, Sendable {
    /// The text entered.
    public private(set) var text: String
    /// The cursor, as a count of characters from the start.
    public private(set) var cursor: Int
    /// True for a secret: shown masked unless revealed.
    public let isSecret: Bool
    /// True while a secret is shown in clear (the reveal toggle).
    public private(set) var isRevealed = false

    public init(_ text: String = "", isSecret: Bool = false) {
        self.text = text
        self.cursor = text.count
        self.isSecret = isSecret
    }

    /// Applies an editing key. Returns false for keys that are not editing keys, so the caller can
    /// act on them (Enter, Escape, Tab…).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            self.insert(String(character))
        case .paste(let pasted):
            // A paste usually ends with the newline the user copied; the rest is kept as it is, so
            // validation can name a control character instead of it vanishing silently.
            var cleaned = pasted
            while cleaned.last == "\n" || cleaned.last == "\r" { cleaned.removeLast() }
            self.insert(cleaned)
        case .backspace:
            guard self.cursor > 0 else { return true }
            let index = self.text.index(self.text.startIndex, offsetBy: self.cursor - 1)
            self.text.remove(at: index)
            self.cursor -= 1
        case .delete:
            guard self.cursor < self.text.count else { return true }
            self.text.remove(at: self.text.index(self.text.startIndex, offsetBy: self.cursor))
        case .left:
            self.cursor = max(self.cursor - 1, 0)
        case .right:
            self.cursor = min(self.cursor + 1, self.text.count)
        case .home, .control("a"):
            self.cursor = 0
        case .end, .control("e"):
            self.cursor = self.text.count
        case .control("u"):
            self.text = ""
            self.cursor = 0
        case .control, .up, .down, .pageUp, .pageDown, .enter, .escape, .tab, .backTab, .function, .resize:
            return false
        }
        return true
    }

    /// Shows or hides a secret.
    public mutating func toggleReveal() {
        self.isRevealed.toggle()
    }

    /// The text as it should appear on screen.
    public func display(mask: String) -> String {
        guard self.isSecret, !self.isRevealed else { return self.text }
        return String(repeating: mask, count: self.text.count)
    }

    /// The cursor's column within `display(mask:)`.
    public func cursorColumn(mask: String) -> Int {
        TextWidth.of(String(self.display(mask: mask).prefix(self.cursor)))
    }

    private mutating func insert(_ inserted: String) {
        let index = self.text.index(self.text.startIndex, offsetBy: self.cursor)
        self.text.insert(contentsOf: inserted, at: index)
        self.cursor += inserted.count
    }
}

/// A key press (or paste, or resize) as the dashboard sees it, decoded by the terminal layer.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including any UTF-8 one.
    case character(Character)
    /// Ctrl with a letter (`.control("c")` is Ctrl-C).
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, backspace, delete, tab, backTab
    /// F1…F12.
    case function(Int)
    /// Text pasted in one go (bracketed paste), delivered whole.
    case paste(String)
    /// The terminal changed size.
    case resize

    public var description: String {
        switch self {
        case .character(let character): String(character)
        case .control(let character): "Ctrl-\(character.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .function(let number): "F\(number)"
        case .paste: "paste"
        case .resize: "resize"
        }
    }
}

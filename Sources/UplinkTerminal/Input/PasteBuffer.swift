/// The text of a bracketed paste being read, possibly over several reads.
///
/// xterm's bracketed paste mode (`ESC [ ? 2004 h`) wraps pasted text in `ESC [ 200 ~` … `ESC [ 201 ~`.
/// The terminal layer binds both markers with `define_key(3X)`, so curses normally returns the end as
/// ``CursesKeyCode/pasteEnd``; the raw bytes are recognised too, even split across reads.
///
/// Terminals send a pasted newline as CR (tmux's `paste-buffer` turns LF into CR, xterm sends what the
/// selection holds): CR, LF and CR LF all become one `"\n"`. Tabs are kept; other control characters
/// are dropped, so pasted text can never carry an escape sequence to the screen.
struct PasteBuffer {
    /// The text so far.
    private(set) var text = ""
    /// The codes of what may be a raw end marker, cut off at the end of a read.
    private var marker: [UInt32] = []
    /// Whether the last code was CR, so that the LF of a CR LF adds nothing.
    private var afterCarriageReturn = false

    /// `ESC [ 2 0 1 ~`.
    private static let rawEnd: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    /// Reads codes until the paste ends or the codes run out.
    /// - Returns: The index after the last code read, and whether that code ended the paste.
    mutating func consume(_ codes: [InputCode], from start: Int) -> (next: Int, finished: Bool) {
        var index = start
        while index < codes.count {
            let code = codes[index]
            index += 1
            if case .character(let value) = code, !self.marker.isEmpty || value == Self.rawEnd[0] {
                if self.extendMarker(with: value) {
                    if self.marker.count == Self.rawEnd.count {
                        self.marker = []
                        return (index, true)
                    }
                    continue
                }
            } else if !self.marker.isEmpty {
                self.abandonMarker()
            }
            switch code {
            case .key(let key) where key == CursesKeyCode.pasteEnd:
                return (index, true)
            case .key(let key) where key == CursesKeyCode.enter:
                self.text.append("\n")
                self.afterCarriageReturn = false
            case .key:
                // A key sequence inside the pasted bytes (curses matched part of the text against
                // terminfo); it stands for no text.
                break
            case .character(let value):
                self.append(value)
            }
        }
        return (index, false)
    }

    /// Adds a character to a possible raw end marker.
    /// - Returns: Whether the marker took it; false when the character belongs to the text.
    private mutating func extendMarker(with value: UInt32) -> Bool {
        if !self.marker.isEmpty {
            if value == Self.rawEnd[self.marker.count] {
                self.marker.append(value)
                return true
            }
            self.abandonMarker()
        }
        if value == Self.rawEnd[0] {
            self.marker = [value]
            return true
        }
        return false
    }

    /// Gives up on a possible marker: its ESC is a control character and is dropped, the rest is text.
    private mutating func abandonMarker() {
        let codes = self.marker.dropFirst()
        self.marker = []
        for value in codes {
            self.append(value)
        }
    }

    private mutating func append(_ value: UInt32) {
        switch value {
        case 0x0D:
            self.text.append("\n")
            self.afterCarriageReturn = true
            return
        case 0x0A:
            if !self.afterCarriageReturn {
                self.text.append("\n")
            }
        case 0x09:
            self.text.append("\t")
        default:
            if let scalar = KeyDecoder.printable(value) {
                self.text.unicodeScalars.append(scalar)
            }
        }
        self.afterCarriageReturn = false
    }
}

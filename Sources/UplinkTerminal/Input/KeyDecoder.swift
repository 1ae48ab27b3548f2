import UplinkDashboard

/// Turns what `wget_wch(3X)` returns into the dashboard's keys.
///
/// Pure: the terminal thread reads every code curses has (until `ERR`) and hands them over in one call;
/// tests hand over codes directly. Between calls it remembers only an unfinished bracketed paste, since
/// a long paste arrives over several reads.
///
/// Beside the codes curses decodes from terminfo (`KEY_UP`, `KEY_F0 + n`…) it reads the common xterm
/// and VT sequences that arrive as raw characters when TERM does not match the terminal — a serial
/// console left at `TERM=vt100` while the emulator sends `ESC [ 1 ~` for Home — so that such a key is
/// not taken for Esc followed by letters that happen to be commands. Unknown sequences are swallowed.
struct KeyDecoder {
    /// Where the decoder is between calls.
    private enum Mode {
        /// Ordinary keys.
        case keys
        /// Inside a bracketed paste, between `ESC [ 200 ~` and `ESC [ 201 ~`.
        case paste(PasteBuffer)
    }

    private var mode: Mode = .keys

    /// Whether a bracketed paste has started and not yet ended.
    var isInPaste: Bool {
        switch self.mode {
        case .keys: false
        case .paste: true
        }
    }

    /// Decodes one read's codes.
    /// - Parameter codes: What `wget_wch` returned, in order, up to its `ERR`.
    /// - Returns: The keys, in order; a paste comes out whole once its end marker has been read.
    mutating func decode(_ codes: [InputCode]) -> [Key] {
        var output = Output()
        var index = 0
        while index < codes.count {
            if case .paste(var buffer) = self.mode {
                let (next, finished) = buffer.consume(codes, from: index)
                index = next
                if finished {
                    self.mode = .keys
                    if !buffer.text.isEmpty {
                        output.append(.paste(buffer.text))
                    }
                } else {
                    self.mode = .paste(buffer)
                }
                continue
            }
            switch codes[index] {
            case .key(let value):
                index += 1
                if value == CursesKeyCode.pasteStart {
                    self.mode = .paste(PasteBuffer())
                } else if let key = Self.key(forCode: value) {
                    output.append(key)
                }
            case .character(let value):
                if value == Self.escape {
                    if let (sequence, next) = Self.sequence(in: codes, at: index) {
                        index = next
                        switch sequence {
                        case .key(let key): output.append(key)
                        case .pasteStart: self.mode = .paste(PasteBuffer())
                        case .ignored: break
                        }
                    } else {
                        index += 1
                        output.append(.escape)
                    }
                    continue
                }
                index += 1
                if let key = Self.controlKey(value) {
                    output.append(key)
                } else if let scalar = Self.printable(value) {
                    output.text.append(scalar)
                }
            }
        }
        return output.finish()
    }

    // MARK: - Codes and characters

    private static let escape: UInt32 = 0x1B

    /// The key for a curses key code; nil for codes the dashboard has no key for (Insert, Shift-F13,
    /// the extended codes terminfo assigns to Ctrl-arrows…).
    private static func key(forCode code: Int32) -> Key? {
        switch code {
        case CursesKeyCode.up: return .up
        case CursesKeyCode.down: return .down
        case CursesKeyCode.left: return .left
        case CursesKeyCode.right: return .right
        case CursesKeyCode.home, CursesKeyCode.keypadUpperLeft, CursesKeyCode.find: return .home
        case CursesKeyCode.end, CursesKeyCode.keypadLowerLeft, CursesKeyCode.select: return .end
        case CursesKeyCode.pageUp, CursesKeyCode.keypadUpperRight: return .pageUp
        case CursesKeyCode.pageDown, CursesKeyCode.keypadLowerRight: return .pageDown
        case CursesKeyCode.delete: return .delete
        case CursesKeyCode.backspace: return .backspace
        case CursesKeyCode.enter: return .enter
        case CursesKeyCode.backTab: return .backTab
        case CursesKeyCode.resize: return .resize
        case CursesKeyCode.function(1)...CursesKeyCode.function(12):
            return .function(Int(code - CursesKeyCode.function(0)))
        default: return nil
        }
    }

    /// The key for a control character; nil for printable ones and for controls without a key.
    private static func controlKey(_ value: UInt32) -> Key? {
        switch value {
        // Raw mode with nonl(3X): Enter arrives as CR; LF is Ctrl-J, which terminals also send for Enter.
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        // Backspace is DEL (0x7F) on xterm and the Linux console, BS (Ctrl-H) on vt100 and some serial setups.
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return Unicode.Scalar(value + 0x60).map { .control(Character($0)) }
        default: return nil
        }
    }

    /// The scalar of a printable character; nil for C0 and C1 controls, DEL and values that are no scalar.
    static func printable(_ value: UInt32) -> Unicode.Scalar? {
        guard value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value) else { return nil }
        return Unicode.Scalar(value)
    }

    // MARK: - Raw escape sequences

    /// What a raw escape sequence stands for.
    private enum Sequence {
        /// A key.
        case key(Key)
        /// The start of a bracketed paste that curses did not turn into `pasteStart`.
        case pasteStart
        /// A well-formed sequence the dashboard has no key for.
        case ignored
    }

    /// Reads the sequence starting at an ESC: CSI (`ESC [` parameters, intermediates, a final byte —
    /// ECMA-48 5.4) or SS3 (`ESC O` and one byte), complete within this read.
    /// - Returns: The sequence and the index after it; nil when the ESC is a key of its own.
    private static func sequence(in codes: [InputCode], at start: Int) -> (Sequence, Int)? {
        func character(_ index: Int) -> UInt32? {
            guard index < codes.count, case .character(let value) = codes[index] else { return nil }
            return value
        }
        switch character(start + 1) {
        case UInt32(UInt8(ascii: "[")):
            // The Linux console sends F1–F5 as ESC [ [ A … ESC [ [ E.
            if character(start + 2) == UInt32(UInt8(ascii: "[")), let letter = character(start + 3),
                (0x41...0x45).contains(letter)
            {
                return (.key(.function(Int(letter) - 0x40)), start + 4)
            }
            var parameters = ""
            var index = start + 2
            while let value = character(index), (0x20...0x3F).contains(value) {
                if let scalar = Unicode.Scalar(value) {
                    parameters.unicodeScalars.append(scalar)
                }
                index += 1
            }
            guard let final = character(index), (0x40...0x7E).contains(final) else { return nil }
            return (self.controlSequence(parameters: parameters, final: final), index + 1)
        case UInt32(UInt8(ascii: "O")):
            guard let final = character(start + 2), (0x40...0x7E).contains(final) else { return nil }
            return (self.singleShift(final), start + 3)
        default:
            return nil
        }
    }

    /// The key of `ESC [ parameters final`, as xterm, the Linux console and VT220s send them (xterm's
    /// ctlseqs "PC-Style Function Keys"); modifiers (`1;5A`) are ignored.
    private static func controlSequence(parameters: String, final: UInt32) -> Sequence {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.flatMap { Int($0) }
        switch Unicode.Scalar(final).map(Character.init) {
        case "A": return .key(.up)
        case "B": return .key(.down)
        case "C": return .key(.right)
        case "D": return .key(.left)
        case "H": return .key(.home)
        case "F": return .key(.end)
        case "Z": return .key(.backTab)
        case "P": return .key(.function(1))
        case "Q": return .key(.function(2))
        case "R": return .key(.function(3))
        case "S": return .key(.function(4))
        case "~":
            guard let first else { return .ignored }
            switch first {
            case 1, 7: return .key(.home)
            case 4, 8: return .key(.end)
            case 3: return .key(.delete)
            case 5: return .key(.pageUp)
            case 6: return .key(.pageDown)
            case 11...15: return .key(.function(first - 10))
            case 17...21: return .key(.function(first - 11))
            case 23: return .key(.function(11))
            case 24: return .key(.function(12))
            case 200: return .pasteStart
            default: return .ignored
            }
        default:
            return .ignored
        }
    }

    /// The key of `ESC O final` (application cursor and keypad mode, vt100 F1–F4).
    private static func singleShift(_ final: UInt32) -> Sequence {
        switch Unicode.Scalar(final).map(Character.init) {
        case "A": .key(.up)
        case "B": .key(.down)
        case "C": .key(.right)
        case "D": .key(.left)
        case "H": .key(.home)
        case "F": .key(.end)
        case "M": .key(.enter)
        case "P": .key(.function(1))
        case "Q": .key(.function(2))
        case "R": .key(.function(3))
        case "S": .key(.function(4))
        default: .ignored
        }
    }
}

extension KeyDecoder {
    /// The keys of one call, with printable characters gathered first so that a character typed as several
    /// scalars (e + U+0301, a flag, an emoji with a skin tone or ZWJ) comes out as one `Character`.
    private struct Output {
        var keys: [Key] = []
        var text = String.UnicodeScalarView()

        mutating func append(_ key: Key) {
            self.flushText()
            self.keys.append(key)
        }

        mutating func finish() -> [Key] {
            self.flushText()
            return self.keys
        }

        private mutating func flushText() {
            guard !self.text.isEmpty else { return }
            for character in String(self.text) {
                self.keys.append(.character(character))
            }
            self.text = String.UnicodeScalarView()
        }
    }
}

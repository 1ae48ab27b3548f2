import CNcurses
import Glibc
import UplinkDashboard

/// ``ScreenBackend`` over ncurses' standard screen. Used on the terminal thread only, like every
/// curses call.
///
/// Colour pairs are allocated as (foreground, background) combinations first appear; with
/// `use_default_colors(3X)` in effect, -1 is the terminal's own colour and the all-default pair is 0.
///
/// Characters are checked against `wcwidth(3)`, which is what curses uses to place them: the grid's
/// idea of a character's width (``TextWidth``) and the C library's can differ (emoji with a variation
/// selector, newer emoji), and in a locale that is not UTF-8 the C library cannot encode anything
/// beyond ASCII at all. Where they differ the cell still takes the grid's columns — the character and a
/// padding space, or `?` — so that every later cell stays where the grid put it. Control characters,
/// which would reach the terminal as commands, become `?` too.
final class CursesBackend: ScreenBackend {
    /// A colour pair's two halves.
    private struct ColorKey: Hashable {
        var foreground: Int
        var background: Int
    }

    private let window: UnsafeMutablePointer<WINDOW>
    private let capability: ColorCapability
    /// `COLORS`: palette indices at or above it are shown in the terminal's own colour.
    private let colorCount: Int
    /// Whether -1 (the terminal's own colour) is allowed in pairs (`use_default_colors` succeeded).
    private let hasDefaultColors: Bool
    /// One more than the highest pair number curses accepts (`COLOR_PAIRS`, at most 32767 for init_pair).
    private let pairLimit: Int
    private var pairs: [ColorKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// Whether the cursor is visible; nil until the first placeCursor.
    private var cursorVisible: Bool?
    private var buffer: [wchar_t] = []

    private let bold = cnc_attribute_bold()
    private let underline = cnc_attribute_underline()
    private let reverse = cnc_attribute_reverse()
    private let dim = cnc_attribute_dim()

    /// - Parameters:
    ///   - window: The standard screen.
    ///   - capability: The colours the theme is resolved for; monochrome never touches colour pairs.
    ///   - colorCount: `COLORS` after `start_color`.
    ///   - pairCount: `COLOR_PAIRS` after `start_color`.
    ///   - hasDefaultColors: Whether `use_default_colors` succeeded.
    init(
        window: UnsafeMutablePointer<WINDOW>,
        capability: ColorCapability,
        colorCount: Int,
        pairCount: Int,
        hasDefaultColors: Bool
    ) {
        self.window = window
        self.capability = capability
        self.colorCount = colorCount
        self.pairLimit = min(pairCount, Int(Int16.max))
        self.hasDefaultColors = hasDefaultColors
    }

    func clear() {
        _ = werase(self.window)
        // clearok(3X): the next refresh clears the terminal and repaints every cell.
        _ = clearok(self.window, true)
    }

    func write(_ run: TextRun) {
        _ = cnc_set_attributes(self.window, self.attributes(of: run.style.style), self.pair(for: run.style))
        self.buffer.removeAll(keepingCapacity: true)
        for character in run.text {
            self.append(character)
        }
        _ = wmove(self.window, Int32(run.row), Int32(run.column))
        // At the bottom-right cell curses cannot advance the cursor and reports ERR, having written it.
        _ = waddnwstr(self.window, self.buffer, Int32(self.buffer.count))
    }

    func placeCursor(_ position: CursorPosition?) {
        if let position {
            if self.cursorVisible != true {
                _ = curs_set(1)
                self.cursorVisible = true
            }
            _ = leaveok(self.window, false)
            _ = wmove(self.window, Int32(position.row), Int32(position.column))
        } else {
            if self.cursorVisible != false {
                // ERR on terminals without civis (vt100): the cursor then stays where the last write ended.
                _ = curs_set(0)
                self.cursorVisible = false
            }
            // leaveok(3X): a hidden cursor need not be moved back after the writes, which saves bytes.
            _ = leaveok(self.window, true)
        }
    }

    func flush() {
        _ = wrefresh(self.window)
    }

    // MARK: - Characters

    private static let space = wchar_t(0x20)
    private static let question = wchar_t(0x3F)

    /// Appends one cell's character (two cells for a wide one) as curses will place it.
    private func append(_ character: Character) {
        let cells = TextWidth.of(character) == 2 ? 2 : 1
        let scalars = character.unicodeScalars
        guard let first = scalars.first else {
            self.appendPadding(Self.question, count: cells)
            return
        }
        let firstWidth = Int(cnc_character_width(wchar_t(bitPattern: first.value)))
        guard firstWidth >= 1, firstWidth <= cells else {
            self.appendPadding(Self.question, count: cells)
            return
        }
        self.buffer.append(wchar_t(bitPattern: first.value))
        var used = firstWidth
        for scalar in scalars.dropFirst() {
            let width = Int(cnc_character_width(wchar_t(bitPattern: scalar.value)))
            // Zero-width scalars (combining marks, ZWJ, variation selectors) join the cell; a second
            // spacing scalar (a flag's other half) only if the grid gave the character the room.
            if width == 0 || (width > 0 && used + width <= cells) {
                self.buffer.append(wchar_t(bitPattern: scalar.value))
                used += max(width, 0)
            }
        }
        self.appendPadding(Self.space, count: cells - used)
    }

    private func appendPadding(_ character: wchar_t, count: Int) {
        for _ in 0..<max(count, 0) {
            self.buffer.append(character)
        }
    }

    // MARK: - Attributes and colours

    private func attributes(of style: CellStyle) -> attr_t {
        var attributes = cnc_attribute_normal()
        if style.contains(.bold) {
            attributes |= self.bold
        }
        if style.contains(.underline) {
            attributes |= self.underline
        }
        if style.contains(.reverse) {
            attributes |= self.reverse
        }
        if style.contains(.dim) {
            attributes |= self.dim
        }
        return attributes
    }

    /// The pair for a style's colours, initialised the first time the combination is used; pair 0 (the
    /// terminal's own colours) when colours are off or every pair is taken.
    private func pair(for style: ResolvedStyle) -> Int32 {
        switch self.capability {
        case .monochrome:
            return 0
        case .basic8, .indexed256:
            break
        }
        var foreground = style.foreground < self.colorCount ? style.foreground : -1
        var background = style.background < self.colorCount ? style.background : -1
        if !self.hasDefaultColors {
            // Without use_default_colors pair 0 is white on black and -1 is not a colour.
            foreground = foreground < 0 ? Int(COLOR_WHITE) : foreground
            background = background < 0 ? Int(COLOR_BLACK) : background
            if foreground == Int(COLOR_WHITE), background == Int(COLOR_BLACK) {
                return 0
            }
        } else if foreground < 0, background < 0 {
            return 0
        }
        let key = ColorKey(foreground: foreground, background: background)
        if let pair = self.pairs[key] {
            return pair
        }
        guard Int(self.nextPair) < self.pairLimit,
            init_pair(Int16(self.nextPair), Int16(foreground), Int16(background)) == OK
        else {
            return 0
        }
        let pair = self.nextPair
        self.pairs[key] = pair
        self.nextPair += 1
        return pair
    }
}

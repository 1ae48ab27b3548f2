import CNcurses

/// The ncurses key codes the decoder knows, by name, so that tests and the decoder share them without
/// importing curses.
enum CursesKeyCode {
    static let up = KEY_UP
    static let down = KEY_DOWN
    static let left = KEY_LEFT
    static let right = KEY_RIGHT
    static let home = KEY_HOME
    static let end = KEY_END
    static let pageUp = KEY_PPAGE
    static let pageDown = KEY_NPAGE
    static let delete = KEY_DC
    static let backspace = KEY_BACKSPACE
    static let enter = KEY_ENTER
    static let backTab = KEY_BTAB
    static let resize = KEY_RESIZE
    /// Keypad keys some terminals send for Home, End, PgUp and PgDn (curs_getch(3X): "upper left of keypad"…).
    static let keypadUpperLeft = KEY_A1
    static let keypadUpperRight = KEY_A3
    static let keypadLowerLeft = KEY_C1
    static let keypadLowerRight = KEY_C3
    /// vt220 keyboards label the keys above the arrows Find and Select where PCs have Home and End; the
    /// vt220 terminfo entry names them kfnd and kslt.
    static let find = KEY_FIND
    static let select = KEY_SELECT

    /// `KEY_F(n)`, a function-like macro Swift cannot import.
    static func function(_ number: Int32) -> Int32 {
        KEY_F0 + number
    }

    /// The code `define_key` binds to `ESC [ 200 ~`, the start of a bracketed paste. Far above `KEY_MAX`
    /// (0777) and the codes ncurses hands out to terminfo's extended keys from `KEY_MAX + 1` upwards.
    static let pasteStart: Int32 = 0x4000
    /// The code bound to `ESC [ 201 ~`, the end of a bracketed paste.
    static let pasteEnd: Int32 = 0x4001
}

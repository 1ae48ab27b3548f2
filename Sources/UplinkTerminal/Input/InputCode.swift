/// One answer of `wget_wch(3X)`: what the key decoder reads.
enum InputCode: Hashable, Sendable {
    /// `wget_wch` returned `OK`: a character, printable or a control byte (0x03 for Ctrl-C, 0x1B for a lone
    /// Esc or the start of a sequence curses did not recognise).
    case character(UInt32)
    /// `wget_wch` returned `KEY_CODE_YES`: a key code (`KEY_UP`, `KEY_F0 + n`, `KEY_RESIZE`, or a code
    /// bound with `define_key`, such as the bracketed-paste markers).
    case key(Int32)
}

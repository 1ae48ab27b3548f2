/// Why the dashboard's terminal could not be opened.
///
/// The description is the message for the user, naming TERM's value and what would work:
/// `TERM=dumb cannot address the cursor; uplink needs a terminal such as xterm, vt100 or linux`.
/// The executable prints it and exits non-zero; curses has not touched the screen.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input is not a terminal (a pipe, a file, /dev/null).
    case inputNotATerminal
    /// Standard output is not a terminal (redirected to a file or a pipe).
    case outputNotATerminal
    /// TERM is not set, or empty.
    case termNotSet
    /// No terminfo database was found at all, so no TERM can be looked up.
    case noTerminfoDatabase(term: String)
    /// The terminfo database has no usable entry for TERM (unknown, or only a generic type).
    case unknownTerminal(term: String)
    /// The terminal cannot move the cursor (`dumb`, a printing terminal): curses would smear every
    /// frame over one line.
    case cannotAddressCursor(term: String)
    /// A terminal is already open in this process; curses drives one screen at a time.
    case alreadyOpen
    /// A system call failed while setting the terminal up.
    case systemCallFailed(call: String, errno: Int32)
    /// curses could not start on the terminal (`newterm` returned NULL).
    case cursesFailed(term: String)

    /// What works, for the messages.
    private static let examples = "a terminal such as xterm, vt100 or linux"

    public var description: String {
        switch self {
        case .inputNotATerminal:
            "standard input is not a terminal; uplink's dashboard needs an interactive terminal to read keys from"
        case .outputNotATerminal:
            "standard output is not a terminal; uplink's dashboard needs an interactive terminal to draw on"
        case .termNotSet:
            "TERM is not set; uplink needs \(Self.examples) (set TERM to the terminal's type, e.g. TERM=xterm)"
        case .noTerminfoDatabase(let term):
            "TERM=\(term) cannot be looked up: no terminfo database was found (install ncurses-base, or set TERMINFO)"
        case .unknownTerminal(let term):
            "TERM=\(term) is not a terminal the terminfo database describes; uplink needs \(Self.examples)"
                + " (set TERM to one of those, or install the entry, e.g. from ncurses-term)"
        case .cannotAddressCursor(let term):
            "TERM=\(term) cannot address the cursor; uplink needs \(Self.examples)"
        case .alreadyOpen:
            "the terminal is already open in this process; close it before opening it again"
        case .systemCallFailed(let call, let errno):
            "\(call) failed (errno \(errno)) while setting up the terminal"
        case .cursesFailed(let term):
            "curses could not start on TERM=\(term); uplink needs \(Self.examples)"
        }
    }
}

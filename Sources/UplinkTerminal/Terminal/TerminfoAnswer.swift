import CNcurses

/// What the terminfo database says about a terminal type, read with setupterm(3X) before curses starts.
enum TerminfoAnswer: Hashable, Sendable {
    /// No terminfo database was found at all.
    case noDatabase
    /// The database has no entry for the type, or only a generic one (`unknown`, `network`).
    case unknownType
    /// A hardcopy (printing) terminal.
    case hardcopy
    /// A usable entry.
    /// - canAddressCursor: whether it has `cup`; `dumb` has not.
    /// - colors: its `colors`, -1 when it has none (vt100, vt220, xterm-mono).
    case entry(canAddressCursor: Bool, colors: Int)

    /// The answer the shim's probe gave.
    init(_ answers: cnc_terminfo_answers) {
        switch answers.status {
        case cnc_terminfo_found:
            self = .entry(canAddressCursor: answers.can_address_cursor != 0, colors: Int(answers.colors))
        case cnc_terminfo_hardcopy:
            self = .hardcopy
        case cnc_terminfo_no_database:
            self = .noDatabase
        default:
            self = .unknownType
        }
    }
}

import Glibc

/// Why a request to wpa_supplicant failed.
///
/// Commands travel in these errors only as their summary (`SupplicantError.summary(of:)`): the verb,
/// and for the network and credential commands the id and field they address — never a value, since
/// `SET_NETWORK 3 psk "…"` carries a key and an error ends up in logs and on the dashboard's footer.
public enum SupplicantError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing answers at the control socket `path`: no socket file (ENOENT), a file nobody listens on
    /// (ECONNREFUSED, what a killed wpa_supplicant leaves), or a peer that went away (ENOTCONN).
    /// `detail` is the failed call and its error.
    case notRunning(path: String, detail: String)
    /// No reply came within `after`: a hung (or stopped) wpa_supplicant. `command` is the summary.
    case timedOut(command: String, after: Duration)
    /// wpa_supplicant answered `reply` (FAIL, FAIL-BUSY, UNKNOWN COMMAND, or anything but OK where OK
    /// was expected). `command` is the summary.
    case failed(command: String, reply: String)
    /// Any other failure of a system call on the socket.
    case system(SystemCallError)

    public var description: String {
        switch self {
        case .notRunning(let path, let detail):
            return "wpa_supplicant not running: nothing answers at \(path) (\(detail))"
        case .timedOut(let command, let after):
            return "wpa_supplicant did not answer \(command) within \(after)"
        case .failed(let command, let reply):
            return "wpa_supplicant refused \(command): \(reply)"
        case .system(let error):
            // SystemCallError's own advice (CAP_NET_ADMIN) is for netlink; a control socket is
            // guarded by file permissions, which its ctrl_interface GROUP= opens to a group.
            if error.isPermissionDenied {
                let what = error.operation ?? "use wpa_supplicant's control socket"
                return
                    "needs root or wpa_supplicant's ctrl_interface group to \(what) (\(error.function) not permitted)"
            }
            return error.description
        }
    }

    /// What may be said of `command` in an error or a log: its verb (cut at a colon, since
    /// `CTRL-RSP-PASSWORD-1:secret` answers a prompt in one word), followed for `SET_NETWORK`,
    /// `GET_NETWORK`, `SET_CRED` and `GET_CRED` by the id and field, for `SET` and `GET` by the
    /// field — never a value.
    static func summary(of command: String) -> String {
        let words = command.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return "(empty command)" }
        let verb = first.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let addressing: Int
        switch verb {
        case "SET_NETWORK", "GET_NETWORK", "SET_CRED", "GET_CRED": addressing = 2
        case "SET", "GET": addressing = 1
        default: addressing = 0
        }
        return ([verb] + words.dropFirst().prefix(addressing)).joined(separator: " ")
    }

    /// A failure of `connect` or `send` to the control socket at `path`: `notRunning` for the errors
    /// that mean nothing is there any more, `system` for the rest.
    static func reaching(_ path: String, _ error: SystemCallError) -> SupplicantError {
        guard self.meansGone(error) else { return .system(error) }
        return .notRunning(path: path, detail: "\(error.function): \(String(cString: strerror(error.errno)))")
    }

    /// Whether a failed `connect` or `send` says the supplicant's socket is gone (so that a
    /// restarted supplicant is reached by connecting again).
    static func meansGone(_ error: SystemCallError) -> Bool {
        [ENOENT, ECONNREFUSED, ENOTCONN, ECONNRESET].contains(error.errno)
    }
}

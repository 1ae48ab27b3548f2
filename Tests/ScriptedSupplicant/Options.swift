/// The command line of `uplink-scripted-supplicant`.
///
/// The delays exist so tests can run the script fast and a demonstration can run it at the pace
/// of a real radio (a scan of all channels takes well over a second).
struct Options {
    /// The usage text, printed for `--help` and after a mistake.
    static let usage = """
        usage: uplink-scripted-supplicant --ctrl DIR --interface NAME [--config FILE]
               [--scan-delay MS] [--associate-delay MS] [--wrong-key-delay MS] [--pid-file FILE]

        Speaks wpa_supplicant 2.10's control-socket protocol on the datagram socket DIR/NAME and
        replays scans, associations and failures for six scripted networks. SIGUSR1 makes the
        current access point vanish, SIGUSR2 brings it back; SIGTERM, SIGINT or TERMINATE end it.

          --ctrl DIR             the control socket folder (ctrl_interface), created with mode 0770
          --interface NAME       the interface name, the socket's file name
          --config FILE          networks read at start and written by SAVE_CONFIG
          --scan-delay MS        from SCAN to CTRL-EVENT-SCAN-RESULTS (default 1500)
          --associate-delay MS   from a connection scan to its outcome (default 400)
          --wrong-key-delay MS   from association to the failed handshake (default 1500)
          --pid-file FILE        written at start, removed at exit
        """

    /// A command line that cannot be run: the message says why.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var controlDirectory = ""
    var interface = ""
    var configurationPath: String?
    var scanDelay = 1500
    var associateDelay = 400
    var wrongKeyDelay = 1500
    var pidFile: String?
    /// `--help` was given: print the usage and exit.
    var wantsHelp = false

    /// Parses the arguments after the program name.
    init(arguments: [String]) throws {
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            if option == "--help" || option == "-h" {
                self.wantsHelp = true
                return
            }
            guard let value = remaining.popFirst() else { throw Failure(description: "\(option) needs a value") }
            switch option {
            case "--ctrl": self.controlDirectory = value
            case "--interface": self.interface = value
            case "--config": self.configurationPath = value
            case "--pid-file": self.pidFile = value
            case "--scan-delay": self.scanDelay = try Self.milliseconds(option, value)
            case "--associate-delay": self.associateDelay = try Self.milliseconds(option, value)
            case "--wrong-key-delay": self.wrongKeyDelay = try Self.milliseconds(option, value)
            default: throw Failure(description: "unknown option \(option)")
            }
        }
        guard !self.controlDirectory.isEmpty else { throw Failure(description: "--ctrl DIR is required") }
        guard !self.interface.isEmpty, !self.interface.contains("/") else {
            throw Failure(description: "--interface NAME is required (a name, no slash)")
        }
    }

    private static func milliseconds(_ option: String, _ value: String) throws -> Int {
        guard let number = Int(value), (0...3_600_000).contains(number) else {
            throw Failure(description: "\(option) takes milliseconds from 0 to 3600000, not '\(value)'")
        }
        return number
    }
}

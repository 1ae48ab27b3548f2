// uplink-scripted-supplicant: a stand-in for wpa_supplicant's control interface on a machine
// without a Wi-Fi radio. It binds the control socket a wpa_supplicant would, answers the commands
// a connection manager sends with the real daemon's replies, and plays scans, associations, wrong
// keys and vanishing access points for six scripted networks. See `Options.usage`.

import Glibc

/// Writes to standard error; `stderr` itself is a global Swift 6 will not touch.
func complain(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
}

do {
    let options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
    if options.wantsHelp {
        print(Options.usage)
        exit(0)
    }
    let supplicant = try Supplicant(options: options)
    exit(supplicant.run())
} catch let failure as Options.Failure {
    complain("uplink-scripted-supplicant: \(failure)\n\n\(Options.usage)\n")
    exit(2)
} catch {
    complain("uplink-scripted-supplicant: \(error)\n")
    exit(1)
}

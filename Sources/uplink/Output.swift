import Glibc

/// What the command line writes: lines for scripts on standard output, messages for people on
/// standard error. Both go straight out with write(2):
/// - a line is never held in a buffer, so `uplink monitor | consumer` sees each event as it happens;
/// - after a hang-up the terminal answers EIO, and `FileHandle.write` traps on that where a lost
///   message is the right outcome.
enum Output {
    /// Writes text to standard output, adding a newline unless it ends with one.
    static func standard(_ text: String) {
        self.write(text.hasSuffix("\n") ? text : text + "\n", to: 1)
    }

    /// Writes one line to standard error.
    static func error(_ line: String) {
        self.write(line + "\n", to: 2)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

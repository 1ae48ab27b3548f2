import Foundation

/// Messages for the person at the terminal, on standard error.
enum StandardError {
    /// Writes one line. Uses write(2) directly: after a hang-up the terminal answers EIO, and
    /// `FileHandle.write` traps on that where a lost message is the right outcome.
    static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
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

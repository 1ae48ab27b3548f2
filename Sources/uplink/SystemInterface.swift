import Glibc

/// The few things the executable asks of the system — the environment, files, the time of day,
/// the host's name — through the C library rather than Foundation, so that the headless commands
/// (`status`, `monitor`) never touch Foundation's ICU-backed machinery: that alone would add more
/// resident memory than the whole manager needs.
enum SystemInterface {
    /// The process environment.
    static var environment: [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }

    /// True when something exists at the path.
    static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// A file's contents as UTF-8 text; nil when there is no such file.
    /// - Throws: a `FileError` naming the file and the reason when it exists but cannot be read.
    static func readFile(_ path: String) throws(FileError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                bytes += buffer[0..<count]
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw FileError(path: path, reason: String(cString: strerror(errno)))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The time of day now, broken down in UTC or local time, with milliseconds.
    static func timeOfDay(utc: Bool) -> (parts: tm, milliseconds: Int) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
        return (parts, Int(now.tv_nsec / 1_000_000))
    }

    /// Nanoseconds until the next whole second of wall-clock time.
    static var nanosecondsToNextSecond: Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return 1_000_000_000 - Int(now.tv_nsec)
    }

    /// The host's name without its domain.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "linux" }
        let name = String(cString: buffer)
        return name.split(separator: ".").first.map(String.init) ?? name
    }

    /// A number with at least `digits` digits, zero-padded.
    static func padded(_ value: Int, _ digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(digits - text.count, 0)) + text
    }
}

/// A file that exists but could not be read.
struct FileError: Error, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "\(self.path): cannot be read (\(self.reason))" }
}

import Glibc

/// Reading small files and folders without Foundation: sysfs attributes, /proc entries,
/// wpa_supplicant's configuration file.
enum SystemFile {
    /// The start of a file, at most `limit` bytes, as UTF-8 (invalid bytes replaced); nil when it
    /// cannot be opened.
    static func contents(of path: String, limit: Int = 4096) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < buffer.count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// The names in a folder, "." and ".." left out; empty when it cannot be read.
    static func names(in directory: String) -> [String] {
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

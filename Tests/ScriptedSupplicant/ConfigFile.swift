import Glibc

/// The `--config` file in wpa_supplicant.conf's format: global `name=value` lines, then one
/// `network={ … }` block per network. Read at start, so a restart keeps the networks
/// `SAVE_CONFIG` wrote, and written by `SAVE_CONFIG` as `wpa_config_write` does.
struct ConfigFile {
    /// A file that cannot be read back; the script refuses to start, as wpa_supplicant does.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Global lines other than `ctrl_interface` and `update_config`, kept as they were so that
    /// saving does not lose them.
    var globals: [String] = []
    /// `update_config=1`: without it `SAVE_CONFIG` fails, as in the real daemon. A file that does
    /// not exist yet is created with it.
    var updateConfig = true
    var networks: [NetworkBlock] = []

    /// Reads `path`; nil when there is no such file.
    static func read(_ path: String) throws -> ConfigFile? {
        guard let bytes = self.contents(of: path) else { return nil }
        var file = ConfigFile()
        file.updateConfig = false
        var block: NetworkBlock?
        for (index, rawLine) in String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let line = rawLine.trimmingSpaces
            let location = "\(path):\(index + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line == "}" {
                guard let finished = block else {
                    throw Failure(description: "\(location): '}' outside a network block")
                }
                file.networks.append(finished)
                block = nil
                continue
            }
            if line == "network={" {
                guard block == nil else {
                    throw Failure(description: "\(location): network block inside a network block")
                }
                block = NetworkBlock(id: file.networks.count, disabled: 0)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw Failure(description: "\(location): not name=value")
            }
            let name = String(line[..<equals])
            let value = String(line[line.index(after: equals)...])
            if var current = block {
                guard current.set(name, value) else {
                    throw Failure(description: "\(location): invalid or unknown network field '\(name)'")
                }
                block = current
            } else if name == "update_config" {
                file.updateConfig = value == "1"
            } else if name != "ctrl_interface" {
                file.globals.append(String(line))
            }
        }
        guard block == nil else { throw Failure(description: "\(path): network block not closed") }
        return file
    }

    /// The file's text, with `ctrl_interface` naming the folder the script serves.
    func text(controlDirectory: String) -> String {
        var text = "ctrl_interface=\(controlDirectory)\nupdate_config=1\n"
        for line in self.globals { text += line + "\n" }
        for network in self.networks {
            text += "\nnetwork={\n"
            for line in network.configurationLines { text += "\t" + line + "\n" }
            text += "}\n"
        }
        return text
    }

    /// Writes `text` to `path` through a temporary file and a rename, as `wpa_config_write` does,
    /// so a crash never leaves half a file; mode 0600, the file holds keys.
    static func write(_ text: String, to path: String) -> Bool {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            written += count
        }
        let complete = written == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        guard complete, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// A whole file's bytes, or nil if it cannot be opened.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += buffer[0..<count]
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (the file indents with tabs).
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = self.firstIndex(where: { !isSpace($0) }), let last = self.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return self[first...last]
    }
}

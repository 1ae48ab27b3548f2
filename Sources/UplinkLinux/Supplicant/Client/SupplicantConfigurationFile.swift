import Glibc

/// wpa_supplicant's configuration file, which SAVE_CONFIG rewrites — with the daemon's umask, so a
/// file that was 0600 comes back 0644 under the usual 022 and every local user can read the keys.
/// uplink finds the file and makes it owner-only again after each save.
public enum SupplicantConfigurationFile {
    /// How much of a configuration file is read for its `ctrl_interface`, which comes first.
    static let largestFile = 1 << 20

    /// The file of the wpa_supplicant serving `interfaceName` on the control directory
    /// `controlDirectory`: from the `-i`/`-c` arguments of a running `wpa_supplicant` (read from
    /// /proc, a relative path taken from its working directory) whose file names that directory in
    /// its `ctrl_interface`, which tells apart supplicants of the same interface name in other
    /// network namespaces. Nil when none is found.
    public static func find(interfaceName: String, controlDirectory: String) -> String? {
        for name in SystemFile.names(in: "/proc") {
            guard let pid = Int32(name), let arguments = self.arguments(of: pid),
                arguments.first.map({ $0.hasSuffix("wpa_supplicant") }) == true,
                var path = self.configuration(in: arguments, for: interfaceName)
            else { continue }
            if !path.hasPrefix("/"), let directory = self.link("/proc/\(pid)/cwd") { path = directory + "/" + path }
            if self.controlDirectory(of: path) == controlDirectory { return path }
        }
        return nil
    }

    /// Makes the file readable and writable by its owner only, unless it is already.
    /// - Returns: true when its mode was changed.
    /// - Throws: `SystemCallError` when it cannot be read or changed.
    @discardableResult
    public static func restrict(_ path: String) throws(SystemCallError) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { throw SystemCallError("stat", errno: errno, operation: "read \(path)") }
        guard status.st_mode & 0o077 != 0 else { return false }
        guard chmod(path, 0o600) == 0 else {
            throw SystemCallError("chmod", errno: errno, operation: "make \(path) owner-only")
        }
        return true
    }

    /// The `-c` path of the interface's `-i` block; wpa_supplicant separates interfaces with `-N`.
    public static func configuration(in arguments: [String], for interfaceName: String) -> String? {
        var interface: String?
        var configuration: String?
        var index = 1
        func value(_ flag: String) -> String? {
            let argument = arguments[index]
            if argument == flag, index + 1 < arguments.count {
                index += 1
                return arguments[index]
            }
            return argument.hasPrefix(flag) && argument.count > flag.count
                ? String(argument.dropFirst(flag.count)) : nil
        }
        while index < arguments.count {
            if arguments[index] == "-N" {
                if interface == interfaceName, let configuration { return configuration }
                interface = nil
                configuration = nil
            } else if let name = value("-i") {
                interface = name
            } else if let path = value("-c") {
                configuration = path
            }
            index += 1
        }
        return interface == interfaceName ? configuration : nil
    }

    /// The directory of `ctrl_interface=DIR` or `ctrl_interface=DIR=DIR GROUP=…` in the file.
    static func controlDirectory(of path: String) -> String? {
        guard let text = SystemFile.contents(of: path, limit: Self.largestFile) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("ctrl_interface=") {
            var value = line.dropFirst("ctrl_interface=".count)
            if value.hasPrefix("DIR=") { value = value.dropFirst(4) }
            return String(value.prefix { $0 != " " })
        }
        return nil
    }

    private static func arguments(of pid: Int32) -> [String]? {
        guard let text = SystemFile.contents(of: "/proc/\(pid)/cmdline", limit: 65536) else { return nil }
        return text.split(separator: "\0").map(String.init)
    }

    private static func link(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation
import Glibc
import Testing
import UplinkLabSupport
import UplinkLinux

/// Client sockets that a killed uplink left behind are removed by the next one.
@Suite("wpa_supplicant client sockets left behind")
struct SupplicantClientSweepTests {
    /// Leaves a socket file at `path`, as a process killed before closing its socket does.
    static func leaveSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind \(path): errno \(errno)")
    }

    @Test("the sockets of ended processes go at the first request; a live process's stay", .supplicantInstalled)
    func sweep() async throws {
        // Given a client directory with a socket of a process that has ended and one of a live one
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let directory = lab.lab.folder + "/clients"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ended = try Spawn.run(["sh", "-c", "echo $$"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let stale = "\(directory)/uplink-\(ended)-1"
        let live = "\(directory)/uplink-\(getppid())-1"
        try Self.leaveSocket(at: stale)
        try Self.leaveSocket(at: live)

        // When a control socket opens there
        let control = SupplicantControlSocket(
            directory: lab.controlDirectory, interfaceName: lab.interfaceName, clientDirectory: directory)
        defer { control.close() }
        #expect(try control.request("PING") == "PONG")

        // Then
        #expect(!FileManager.default.fileExists(atPath: stale), "the ended process's socket is gone")
        #expect(FileManager.default.fileExists(atPath: live), "a live process's socket stays")
    }
}

import Foundation
import Glibc
import Testing
import UplinkLinux

/// The client of wpa_supplicant's control interface against a real wpa_supplicant 2.10 (`-D wired` on
/// a veth in a namespace, `SupplicantLab`), and hostapd as an 802.1X authenticator for the events of
/// a real authentication.
@Suite("wpa_supplicant's control interface, against a real wpa_supplicant")
struct SupplicantClientTests {
    // MARK: - Requests

    @Test("PING is answered PONG", .supplicantInstalled)
    func ping() async throws {
        // Given a running wpa_supplicant
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        // When
        let reply = try control.request("PING")
        // Then
        #expect(reply == "PONG")
    }

    @Test("STATUS reports a wpa_state", .supplicantInstalled)
    func status() async throws {
        // Given
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        // When
        let reply = try control.request("STATUS")
        // Then
        let lines = reply.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("wpa_state=") }, "STATUS said: \(reply)")
    }

    @Test(
        "a network's SSID set as hex of a UTF-8 name is listed escaped and read back as the same hex",
        .supplicantInstalled)
    func networkSSID() async throws {
        // Given a network added, and a name with quotes, a backslash and an emoji
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        let id = try control.request("ADD_NETWORK")
        #expect(Int(id) != nil, "ADD_NETWORK answers the new network's id, not \(id)")
        let name = "Café \"Q\" \\ 📶"
        let hex = Self.hex(name)
        // When
        try control.expectOK("SET_NETWORK \(id) ssid \(hex)")
        // Then LIST_NETWORKS shows it escaped as wpa_supplicant's printf_encode does
        let list = try control.request("LIST_NETWORKS")
        let escaped = #"Caf\xc3\xa9 \"Q\" \\ \xf0\x9f\x93\xb6"#
        #expect(Self.escape(name) == escaped)
        #expect(list.split(separator: "\n").contains { $0.hasPrefix("\(id)\t\(escaped)\t") }, "listed: \(list)")
        // and GET_NETWORK gives the same hex back
        #expect(try control.request("GET_NETWORK \(id) ssid") == hex)
    }

    @Test("SAVE_CONFIG writes the network into the configuration file", .supplicantInstalled)
    func saveConfiguration() async throws {
        // Given a WPA-PSK network
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        let id = try control.request("ADD_NETWORK")
        let hex = Self.hex("Café📶")
        try control.expectOK("SET_NETWORK \(id) ssid \(hex)")
        try control.expectOK("SET_NETWORK \(id) key_mgmt WPA-PSK")
        try control.expectOK("SET_NETWORK \(id) psk \"correct horse battery\"")
        // When
        try control.expectOK("SAVE_CONFIG")
        // Then
        let saved = try lab.savedConfiguration()
        #expect(saved.contains("ssid=\(hex)"), "saved: \(saved)")
        #expect(saved.contains("key_mgmt=WPA-PSK"), "saved: \(saved)")
    }

    @Test("REMOVE_NETWORK removes the network from the list, and removing it again is refused", .supplicantInstalled)
    func removeNetwork() async throws {
        // Given
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        let id = try control.request("ADD_NETWORK")
        #expect(try control.request("LIST_NETWORKS").split(separator: "\n").contains { $0.hasPrefix("\(id)\t") })
        // When
        try control.expectOK("REMOVE_NETWORK \(id)")
        // Then
        #expect(!(try control.request("LIST_NETWORKS").split(separator: "\n").contains { $0.hasPrefix("\(id)\t") }))
        let error = #expect(throws: SupplicantError.self) { try control.expectOK("REMOVE_NETWORK \(id)") }
        #expect(error == .failed(command: "REMOVE_NETWORK", reply: "FAIL"))
    }

    @Test("a FAIL reply becomes failed, naming the command without its value", .supplicantInstalled)
    func failReply() async throws {
        // Given no network 99
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        // When a key is set on it
        let error = #expect(throws: SupplicantError.self) {
            try control.expectOK("SET_NETWORK 99 psk \"hunter2-very-secret\"")
        }
        // Then
        #expect(error == .failed(command: "SET_NETWORK 99 psk", reply: "FAIL"))
        let description = try #require(error).description
        #expect(description.contains("SET_NETWORK 99 psk"))
        #expect(!description.contains("hunter2"), "the key stays out of the error: \(description)")
        // and an unknown command is refused too
        let unknown = #expect(throws: SupplicantError.self) { try control.request("NO_SUCH_COMMAND now") }
        #expect(unknown == .failed(command: "NO_SUCH_COMMAND", reply: "UNKNOWN COMMAND"))
    }

    @Test(
        "a hung wpa_supplicant times the request out, and its late reply is not taken for the next",
        .supplicantInstalled)
    func hungSupplicant() async throws {
        // Given a wpa_supplicant that stops answering (SIGSTOP)
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        defer { control.close() }
        #expect(try control.request("PING") == "PONG")
        lab.pauseSupplicant()
        // When
        let error = #expect(throws: SupplicantError.self) {
            try control.request("STATUS", timeout: .milliseconds(300))
        }
        // Then
        #expect(error == .timedOut(command: "STATUS", after: .milliseconds(300)))
        // and once it runs again (and answers the STATUS late), the next request gets its own reply
        lab.resumeSupplicant()
        #expect(try control.request("PING") == "PONG")
        #expect(try control.request("LIST_NETWORKS").hasPrefix("network id"))
    }

    // MARK: - Sockets and paths

    @Test("a socket path with nothing behind it is notRunning, naming the path")
    func nothingThere() throws {
        // Given a folder with no socket, and one with a socket file nobody listens on (what SIGKILL leaves)
        var template = Array("/tmp/ulsn-XXXXXX".utf8CString)
        let folder = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.leaveSocketFile(at: folder + "/wv8")
        for interface in ["wv9", "wv8"] {
            let control = SupplicantControlSocket(directory: folder, interfaceName: interface, clientDirectory: folder)
            defer { control.close() }
            // When
            let error = #expect(throws: SupplicantError.self) { try control.request("PING") }
            // Then
            guard case .notRunning(let path, _) = error else {
                Issue.record("expected notRunning, got \(String(describing: error))")
                continue
            }
            #expect(path == folder + "/" + interface)
            #expect(error?.description.contains(folder + "/" + interface) == true)
            #expect(error?.description.contains("wpa_supplicant not running") == true)
            // and the monitor says the same
            let monitor = SupplicantEventMonitor(
                directory: folder, interfaceName: interface, clientDirectory: folder, handler: { _ in })
            let attachError = #expect(throws: SupplicantError.self) { try monitor.attach() }
            #expect(attachError.map { if case .notRunning = $0 { true } else { false } } == true)
            #expect(!monitor.isAttached)
        }
        // and no client socket is left behind
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("uplink-") }
        #expect(left.isEmpty)
    }

    @Test("each client socket is bound to a path of its own, owner-only, and removed on close", .supplicantInstalled)
    func clientPaths() async throws {
        // Given
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let control = lab.controlSocket()
        let monitor = lab.eventMonitor { _ in }
        // When both are open
        _ = try control.request("PING")
        try monitor.attach()
        // Then each has its own socket file, uplink-<pid>-<n>, readable and writable by its owner only
        let files = lab.clientSocketFiles()
        #expect(files.count == 2, "client sockets: \(files)")
        for file in files {
            #expect(file.hasPrefix("uplink-\(getpid())-"))
            var status = stat()
            #expect(lstat(lab.lab.folder + "/" + file, &status) == 0)
            #expect(status.st_mode & S_IFMT == S_IFSOCK)
            #expect(status.st_mode & 0o777 == 0o600, "mode \(String(status.st_mode & 0o777, radix: 8))")
        }
        // and closing removes them
        control.close()
        monitor.detach()
        monitor.detach()
        #expect(lab.clientSocketFiles().isEmpty)
        // and by default they go to /tmp
        let defaultControl = SupplicantControlSocket(directory: lab.controlDirectory, interfaceName: lab.interfaceName)
        _ = try defaultControl.request("PING")
        #expect(Self.ownFiles(in: "/tmp").count == 1)
        defaultControl.close()
        #expect(Self.ownFiles(in: "/tmp").isEmpty)
    }

    // MARK: - Events

    @Test("the monitor receives CTRL-EVENT-NETWORK-ADDED after ADD_NETWORK", .supplicantInstalled)
    func networkAddedEvent() async throws {
        // Given an attached monitor
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let recorder = SupplicantNoticeRecorder()
        let monitor = lab.eventMonitor(handler: recorder.handler)
        defer { monitor.detach() }
        try monitor.attach()
        #expect(monitor.isAttached)
        let control = lab.controlSocket()
        defer { control.close() }
        // When
        let id = try control.request("ADD_NETWORK")
        // Then
        let message = try await recorder.waitForMessage(containing: "CTRL-EVENT-NETWORK-ADDED")
        #expect(message == "<3>CTRL-EVENT-NETWORK-ADDED \(id)")
        // and checkAlive's PONG is swallowed
        try monitor.checkAlive()
        try monitor.checkAlive()
        _ = try control.request("REMOVE_NETWORK \(id)")
        try await recorder.waitForMessage(containing: "CTRL-EVENT-NETWORK-REMOVED")
        #expect(recorder.messages.allSatisfy { $0.hasPrefix("<") }, "only events: \(recorder.notices)")
        #expect(recorder.losses.isEmpty)
    }

    @Test(
        "a restarted wpa_supplicant is reported lost, and attach and requests work again once it is back",
        .supplicantInstalled)
    func restart() async throws {
        // Given an attached monitor and a request socket in use
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let recorder = SupplicantNoticeRecorder()
        let monitor = lab.eventMonitor(handler: recorder.handler)
        defer { monitor.detach() }
        try monitor.attach()
        let control = lab.controlSocket()
        defer { control.close() }
        #expect(try control.request("PING") == "PONG")
        // When wpa_supplicant is stopped and started again
        try await lab.restartSupplicant()
        // Then the loss was reported, once, with the reason
        let why = try await recorder.waitForLoss()
        #expect(why.contains("CTRL-EVENT-TERMINATING"))
        // wpa_supplicant 2.10 ends this one with a space.
        #expect(recorder.messages.last == "<3>CTRL-EVENT-TERMINATING ")
        #expect(recorder.losses.count == 1)
        #expect(!monitor.isAttached)
        print("events up to the restart: \(recorder.notices)")
        // and attach works again, on the new socket
        try monitor.attach()
        #expect(monitor.isAttached)
        // and the request socket reopens by itself
        #expect(try control.request("PING") == "PONG")
        let id = try control.request("ADD_NETWORK")
        #expect(
            try await recorder.waitForMessage(containing: "CTRL-EVENT-NETWORK-ADDED")
                == "<3>CTRL-EVENT-NETWORK-ADDED \(id)")
        #expect(recorder.losses.count == 1)
    }

    @Test("a killed wpa_supplicant makes checkAlive and request throw notRunning", .supplicantInstalled)
    func killed() async throws {
        // Given an attached monitor and a request socket in use
        let lab = try await SupplicantLab()
        defer { lab.close() }
        let recorder = SupplicantNoticeRecorder()
        let monitor = lab.eventMonitor(handler: recorder.handler)
        defer { monitor.detach() }
        try monitor.attach()
        let control = lab.controlSocket()
        defer { control.close() }
        #expect(try control.request("PING") == "PONG")
        try monitor.checkAlive()
        // When wpa_supplicant is killed with SIGKILL, which sends nothing
        lab.killSupplicant()
        // Then checkAlive notices, and ends the attachment
        let alive = #expect(throws: SupplicantError.self) { try monitor.checkAlive() }
        #expect(
            alive.map { if case .notRunning(lab.controlPath, _) = $0 { true } else { false } } == true,
            "\(String(describing: alive))")
        #expect(!monitor.isAttached)
        // and a request fails at once rather than waiting
        let request = #expect(throws: SupplicantError.self) { try control.request("PING", timeout: .seconds(30)) }
        #expect(
            request.map { if case .notRunning(lab.controlPath, _) = $0 { true } else { false } } == true,
            "\(String(describing: request))")
        print(
            "after SIGKILL: checkAlive: \(alive.map(String.init(describing:)) ?? "-"); request: \(request.map(String.init(describing:)) ?? "-")"
        )
        // and nothing was reported: the supplicant said nothing
        #expect(recorder.losses.isEmpty)
        // and once a new wpa_supplicant has replaced the leftover socket, both work again
        try await lab.startSupplicant()
        try monitor.attach()
        #expect(try control.request("PING") == "PONG")
        try monitor.checkAlive()
    }

    // MARK: - 802.1X against hostapd

    @Test(
        "802.1X EAP-MD5 with the right password: the monitor sees EAP-SUCCESS and CONNECTED",
        .authenticatorInstalled)
    func eapSuccess() async throws {
        // Given hostapd authenticating alice, and an attached monitor
        let lab = try await SupplicantLab()
        defer { lab.close() }
        try await lab.startAuthenticator(users: [("alice", "secret123")])
        let recorder = SupplicantNoticeRecorder()
        let monitor = lab.eventMonitor(handler: recorder.handler)
        defer { monitor.detach() }
        try monitor.attach()
        let control = lab.controlSocket()
        defer { control.close() }
        // When a network with her identity and password is selected
        let id = try Self.addEAPNetwork(control, identity: "alice", password: "secret123")
        try control.expectOK("SELECT_NETWORK \(id)")
        // Then
        try await recorder.waitForMessage(containing: "CTRL-EVENT-EAP-SUCCESS")
        let connected = try await recorder.waitForMessage(containing: "CTRL-EVENT-CONNECTED")
        #expect(connected.contains("[id=\(id) "))
        #expect(try control.request("STATUS").split(separator: "\n").contains("wpa_state=COMPLETED"))
        print("events of an 802.1X connect:\n" + recorder.messages.joined(separator: "\n"))
    }

    @Test("802.1X EAP-MD5 with a wrong password: the monitor sees EAP-FAILURE", .authenticatorInstalled)
    func eapFailure() async throws {
        // Given hostapd authenticating alice, and an attached monitor
        let lab = try await SupplicantLab()
        defer { lab.close() }
        try await lab.startAuthenticator(users: [("alice", "secret123")])
        let recorder = SupplicantNoticeRecorder()
        let monitor = lab.eventMonitor(handler: recorder.handler)
        defer { monitor.detach() }
        try monitor.attach()
        let control = lab.controlSocket()
        defer { control.close() }
        // When a network with a wrong password is selected
        let id = try Self.addEAPNetwork(control, identity: "alice", password: "wrong")
        try control.expectOK("SELECT_NETWORK \(id)")
        // Then
        let failure = try await recorder.waitForMessage(containing: "CTRL-EVENT-EAP-FAILURE")
        #expect(failure.hasPrefix("<"))
        #expect(!recorder.messages.contains { $0.contains("CTRL-EVENT-EAP-SUCCESS") })
        print("events of a wrong password:\n" + recorder.messages.joined(separator: "\n"))
    }

    // MARK: - Helpers

    /// Adds an 802.1X network (EAP-MD5, no dynamic WEP keys) and returns its id.
    private static func addEAPNetwork(_ control: SupplicantControlSocket, identity: String, password: String) throws
        -> String
    {
        let id = try control.request("ADD_NETWORK")
        for setting in [
            "key_mgmt IEEE8021X", "eap MD5", "identity \"\(identity)\"", "password \"\(password)\"", "eapol_flags 0",
        ] {
            try control.expectOK("SET_NETWORK \(id) \(setting)")
        }
        return id
    }

    /// The lowercase hex of a name's UTF-8, as SET_NETWORK ssid takes it unquoted.
    private static func hex(_ name: String) -> String {
        name.utf8.map { String(format: "%02x", $0) }.joined()
    }

    /// A name as wpa_supplicant's printf_encode writes it into LIST_NETWORKS and events.
    private static func escape(_ name: String) -> String {
        name.utf8.map { byte -> String in
            switch byte {
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\\"): return "\\\\"
            case 0x1B: return "\\e"
            case UInt8(ascii: "\n"): return "\\n"
            case UInt8(ascii: "\r"): return "\\r"
            case UInt8(ascii: "\t"): return "\\t"
            case 32...126: return String(UnicodeScalar(byte))
            default: return String(format: "\\x%02x", byte)
            }
        }.joined()
    }

    /// Binds a datagram socket at `path` and closes it, leaving the file with nobody behind it.
    private static func leaveSocketFile(at path: String) throws {
        let descriptor = socket(AF_UNIX, 2, 0)  // SOCK_DGRAM
        try #require(descriptor >= 0)
        defer { Glibc.close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
    }

    /// This process's client sockets in `folder`.
    private static func ownFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("uplink-\(getpid())-") }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where a real wpa_supplicant can run in a lab, saying why not otherwise.
    static var supplicantInstalled: Self {
        .enabled(
            if: SupplicantLab.unavailableReason == nil, Comment(rawValue: SupplicantLab.unavailableReason ?? ""))
    }

    /// Runs the test only where hostapd can run opposite wpa_supplicant, saying why not otherwise.
    fileprivate static var authenticatorInstalled: Self {
        .enabled(
            if: SupplicantLab.authenticatorUnavailableReason == nil,
            Comment(rawValue: SupplicantLab.authenticatorUnavailableReason ?? ""))
    }
}

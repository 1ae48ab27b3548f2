import Foundation
import Glibc
import UplinkLabSupport
import UplinkLinux

/// A real wpa_supplicant for tests (lab-recipes §3): `-D wired` on the veth `wv0` in a namespace of
/// its own, `wv1` opposite it in a peer namespace, where `startAuthenticator` runs hostapd as an
/// 802.1X authenticator (`driver=wired`, EAP-MD5 from its own user file).
///
/// Built on `Lab`: namespaces `<prefix>-s` and `<prefix>-p`, every file under the lab's short folder
/// (`/tmp/ul<pid>x<n>`: control sockets `c/wv0` and `h/wv1` stay far below sun_path's 108 bytes),
/// both daemons run in the foreground as the lab's children, so their PIDs are ours; `close()` stops
/// them by PID and removes the namespaces and the folder. No addresses are configured: 802.1X runs
/// on Ethernet frames.
final class SupplicantLab: @unchecked Sendable {
    /// Why these tests cannot run here; nil when they can.
    static var unavailableReason: String? {
        if let reason = Lab.unavailableReason { return reason }
        if !Spawn.exists("wpa_supplicant") { return "needs wpa_supplicant (scripts/test installs it)" }
        return nil
    }

    /// Why the tests of the scripted supplicant cannot run here; nil when they can.
    static var scriptedUnavailableReason: String? {
        Lab.unavailableReason ?? ScriptedSupplicantBench.unavailableReason
    }

    /// Why the 802.1X tests cannot run here; nil when they can.
    static var authenticatorUnavailableReason: String? {
        if let reason = self.unavailableReason { return reason }
        if !Spawn.exists("hostapd") { return "needs hostapd (scripts/test installs it)" }
        return nil
    }

    /// Why a lab helper failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let lab: Lab
    /// The namespace wpa_supplicant runs in.
    let supplicantNamespace: String
    /// The namespace of the veth's other end, where hostapd runs.
    let peerNamespace: String
    /// wpa_supplicant's interface.
    let interfaceName = "wv0"
    /// The authenticator's interface.
    let peerInterfaceName = "wv1"
    /// wpa_supplicant's `ctrl_interface`.
    let controlDirectory: String
    /// wpa_supplicant's configuration file, which SAVE_CONFIG rewrites.
    let configurationPath: String
    /// wpa_supplicant's debug log (`-dd -f`).
    let logPath: String
    private var supplicant: ChildProcess?
    private var authenticator: ChildProcess?

    /// Makes the namespaces and the veth, writes the configuration and starts wpa_supplicant, waiting
    /// until its control socket answers.
    /// What answers on the control socket.
    enum Supplicant {
        /// wpa_supplicant 2.10, `-D wired`.
        case real
        /// `uplink-scripted-supplicant` with its six networks, for what a wire cannot show (scans,
        /// WRONG_KEY, network not found); it reads and saves the same configuration file.
        case scripted
    }

    /// Which supplicant `startSupplicant()` starts.
    let kind: Supplicant

    /// With `startingSupplicant` false nothing answers on the socket until `startSupplicant()`.
    init(_ kind: Supplicant = .real, startingSupplicant: Bool = true) async throws {
        self.kind = kind
        let lab = try Lab()
        self.lab = lab
        self.controlDirectory = lab.folder + "/c"
        self.configurationPath = lab.folder + "/w.conf"
        self.logPath = lab.folder + "/w.log"
        do {
            self.supplicantNamespace = try lab.namespace("s")
            self.peerNamespace = try lab.namespace("p")
        } catch {
            lab.close()
            throw error
        }
        do {
            try lab.ip(
                "-n", self.supplicantNamespace, "link", "add", self.interfaceName, "type", "veth", "peer", "name",
                self.peerInterfaceName, "netns", self.peerNamespace)
            try lab.ip("-n", self.supplicantNamespace, "link", "set", self.interfaceName, "up")
            try lab.ip("-n", self.peerNamespace, "link", "set", self.peerInterfaceName, "up")
            // ap_scan=0: the wired driver does no scanning; the supplicant "associates" at once.
            let configuration = "ctrl_interface=\(self.controlDirectory)\nupdate_config=1\nap_scan=0\n"
            try configuration.write(toFile: self.configurationPath, atomically: true, encoding: .utf8)
            if startingSupplicant { try await self.startSupplicant() }
        } catch {
            self.close()
            throw error
        }
    }

    deinit {
        self.close()
    }

    /// wpa_supplicant's control socket.
    var controlPath: String { self.controlDirectory + "/" + self.interfaceName }

    /// The running wpa_supplicant's PID, if one runs.
    var supplicantPID: pid_t? { self.supplicant?.pid }

    /// A request socket to the lab's wpa_supplicant, its client path in the lab's folder.
    func controlSocket() -> SupplicantControlSocket {
        SupplicantControlSocket(
            directory: self.controlDirectory, interfaceName: self.interfaceName, clientDirectory: self.lab.folder)
    }

    /// An event monitor for the lab's wpa_supplicant, its client path in the lab's folder.
    func eventMonitor(handler: @escaping @Sendable (SupplicantEventMonitor.Notice) -> Void) -> SupplicantEventMonitor {
        SupplicantEventMonitor(
            directory: self.controlDirectory, interfaceName: self.interfaceName, clientDirectory: self.lab.folder,
            handler: handler)
    }

    /// Starts wpa_supplicant in the foreground (`ip netns exec` execs it in place, so the child's PID
    /// is the supplicant's) and waits until its control socket answers PING.
    func startSupplicant() async throws {
        switch self.kind {
        case .real:
            self.supplicant = try self.lab.start([
                "ip", "netns", "exec", self.supplicantNamespace, "wpa_supplicant", "-D", "wired", "-i",
                self.interfaceName, "-c", self.configurationPath, "-P", self.lab.folder + "/w.pid", "-f",
                self.logPath, "-dd",
            ])
        case .scripted:
            self.supplicant = try self.lab.start(
                [
                    ScriptedSupplicantBench.binary, "--ctrl", self.controlDirectory, "--interface", self.interfaceName,
                    "--config", self.configurationPath,
                ] + ScriptedSupplicantBench.fastDelays)
        }
        try await self.waitUntilAnswering()
    }

    /// Stops wpa_supplicant with SIGTERM by its PID (it tells attached monitors CTRL-EVENT-TERMINATING
    /// and removes its socket) and reaps it.
    func stopSupplicant() {
        guard let supplicant = self.supplicant else { return }
        kill(supplicant.pid, SIGCONT)
        supplicant.stop()
        self.supplicant = nil
    }

    /// Stops wpa_supplicant and starts it again, waiting until the new one answers.
    func restartSupplicant() async throws {
        self.stopSupplicant()
        try await self.startSupplicant()
    }

    /// Kills wpa_supplicant with SIGKILL by its PID and reaps it: it says nothing, and its socket file
    /// stays behind with nobody listening.
    func killSupplicant() {
        guard let supplicant = self.supplicant else { return }
        kill(supplicant.pid, SIGKILL)
        supplicant.stop()
        self.supplicant = nil
    }

    /// Stops wpa_supplicant with SIGSTOP: a hung supplicant, whose socket takes requests and answers none.
    func pauseSupplicant() {
        if let supplicant = self.supplicant { kill(supplicant.pid, SIGSTOP) }
    }

    /// Sends a signal to the supplicant: the scripted one takes SIGUSR1 as "the access point
    /// vanishes" and SIGUSR2 as "it is back".
    func signalSupplicant(_ signal: Int32) {
        if let supplicant = self.supplicant { kill(supplicant.pid, signal) }
    }

    /// Lets a paused wpa_supplicant run again (SIGCONT); it then answers what was queued.
    func resumeSupplicant() {
        if let supplicant = self.supplicant { kill(supplicant.pid, SIGCONT) }
    }

    /// Starts hostapd in the peer namespace as an 802.1X authenticator on `wv1` that knows `users`
    /// (EAP-MD5), and waits until it is enabled.
    func startAuthenticator(users: [(identity: String, password: String)]) async throws {
        self.stopAuthenticator()
        let userFile = self.lab.folder + "/h.users"
        let log = self.lab.folder + "/h.log"
        try users.map { "\"\($0.identity)\" MD5 \"\($0.password)\"\n" }.joined()
            .write(toFile: userFile, atomically: true, encoding: .utf8)
        let configuration = """
            interface=\(self.peerInterfaceName)
            driver=wired
            ctrl_interface=\(self.lab.folder)/h
            ieee8021x=1
            eap_server=1
            eap_user_file=\(userFile)
            eapol_version=2
            use_pae_group_addr=1

            """
        try configuration.write(toFile: self.lab.folder + "/h.conf", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: log)
        let authenticator = try self.lab.start([
            "ip", "netns", "exec", self.peerNamespace, "hostapd", "-dd", "-f", log, self.lab.folder + "/h.conf",
        ])
        self.authenticator = authenticator
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if text.contains("AP-ENABLED") { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw Failure(description: "hostapd did not start: \(authenticator.errorOutput)\n\(text.suffix(2000))")
    }

    /// Stops hostapd by its PID.
    func stopAuthenticator() {
        self.authenticator?.stop()
        self.authenticator = nil
    }

    /// The configuration file as wpa_supplicant last wrote it (SAVE_CONFIG).
    func savedConfiguration() throws -> String {
        try String(contentsOfFile: self.configurationPath, encoding: .utf8)
    }

    /// wpa_supplicant's debug log so far.
    var log: String {
        (try? String(contentsOfFile: self.logPath, encoding: .utf8)) ?? ""
    }

    /// The files in the lab's folder whose names are client sockets' (`uplink-…`).
    func clientSocketFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: self.lab.folder)) ?? []
        return names.filter { $0.hasPrefix("uplink-") }.sorted()
    }

    /// Stops both daemons by PID and removes the namespaces, the veth with them, and the folder. Idempotent.
    func close() {
        self.stopAuthenticator()
        self.stopSupplicant()
        self.lab.close()
    }

    private func waitUntilAnswering() async throws {
        let probe = self.controlSocket()
        defer { probe.close() }
        let deadline = ContinuousClock.now + .seconds(10)
        var last = "nothing tried"
        while ContinuousClock.now < deadline {
            do {
                if try probe.request("PING", timeout: .milliseconds(250)) == "PONG" { return }
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(
            description:
                "wpa_supplicant did not answer at \(self.controlPath) (\(last)): "
                + "\(self.supplicant?.errorOutput ?? "")\n\(self.log.suffix(2000))")
    }
}

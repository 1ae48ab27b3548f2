import ArgumentParser
import UplinkConfiguration
import UplinkCore

/// The manager running in this process over this machine's interfaces (rtnetlink, DHCP).
@ManagerActor
final class LinuxSession: ManagerSession {
    let service: EmbeddedManagerService
    let deviceName = "linux"

    init(configuration: Configuration, automation: AutomationSettings) throws {
        throw ValidationError("the Linux adapter is not wired yet; use --sim")
    }

    func start() async throws {}

    func stop() {}
}

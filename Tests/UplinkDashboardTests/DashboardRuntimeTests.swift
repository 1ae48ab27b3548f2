import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkDashboard

/// A screen that keeps every frame and takes its keys from the test.
final class RecordingScreen: DashboardScreen, @unchecked Sendable {
    let size: (width: Int, height: Int) = (80, 24)
    private(set) var frames: [Frame] = []
    private let stream: AsyncStream<Key>
    let typist: AsyncStream<Key>.Continuation

    init() {
        (self.stream, self.typist) = AsyncStream.makeStream(of: Key.self)
    }

    func draw(_ frame: Frame) { self.frames.append(frame) }

    func keys() -> AsyncStream<Key> { self.stream }

    /// The last frame's text.
    var screen: [String] { self.frames.last?.grid.lines ?? [] }
}

/// A Wi-Fi interface whose join state the test sets.
@ManagerActor
final class FakeWiFiControl: WiFiControl {
    var join: WiFiJoinState = .idle
    func controls(_ interfaceName: String) -> Bool { interfaceName == "wlan0" }
    func startScan(on interface: InterfaceID) throws {}
    func scanState(on interface: InterfaceID) -> WiFiScanState { .idle }
    func networks(on interface: InterfaceID) -> [WiFiNetwork] { [] }
    func join(_ credentials: WiFiCredentials, on interface: InterfaceID) throws {}
    func join(known ssid: SSID, on interface: InterfaceID) throws {}
    func joinState(on interface: InterfaceID) -> WiFiJoinState { self.join }
    func forget(_ ssid: SSID, on interface: InterfaceID) throws {}
}

@Suite("dashboard runtime")
@ManagerActor
struct DashboardRuntimeTests {
    let fixture: DashboardFixture
    let screen = RecordingScreen()
    let wifi = FakeWiFiControl()
    let runtime: DashboardRuntime
    let running: Task<Void, Never>

    init() throws {
        self.fixture = try DashboardFixture()
        let service = EmbeddedManagerService(manager: self.fixture.harness.manager, wifi: self.wifi)
        let runtime = DashboardRuntime(
            service: service,
            screen: self.screen,
            renderer: DashboardRenderer(glyphs: .unicode),
            deviceName: "gateway-7",
            wallClock: { "12:00:00" },
            tick: { try? await Task.sleep(for: .seconds(3600)) }
        )
        self.runtime = runtime
        self.running = Task { @ManagerActor in await runtime.run() }
    }

    /// Lets the runtime run until the screen shows what `condition` looks for, or gives up.
    @discardableResult
    private func waitUntil(_ what: String, _ condition: ([String]) -> Bool) async -> Bool {
        for _ in 0..<20_000 {
            if condition(self.screen.screen) { return true }
            await Task.yield()
        }
        Issue.record("the screen never showed \(what):\n\(self.screen.screen.joined(separator: "\n"))")
        return false
    }

    /// Ctrl-C quits from any screen, where q only closes an overlay.
    private func quit() async {
        self.screen.typist.yield(.control("c"))
        await self.running.value
    }

    @Test("the first frame comes at once, the status is restated in the log, and q quits")
    func firstFrameAndQuit() async {
        await self.waitUntil("a first frame") { $0.first?.contains("ONLINE") == true }
        await self.waitUntil("the restated status") { $0.contains { $0.contains("L4 connected (eth0)") } }
        self.screen.typist.yield(.character("q"))
        await self.running.value
    }

    @Test("d disconnects the selected interface and the table shows it idle")
    func disconnect() async {
        await self.waitUntil("eth0 connected") { $0.contains { $0.hasPrefix("▶ eth0") && $0.contains("connected") } }
        self.screen.typist.yield(.character("d"))
        await self.waitUntil("eth0 idle") { $0.contains { $0.hasPrefix("▶ eth0") && $0.contains("idle") } }
        await self.quit()
    }

    @Test("a key that does not apply says why in the footer")
    func keyThatDoesNotApply() async {
        await self.waitUntil("a first frame") { !$0.isEmpty }
        self.screen.typist.yield(.down)
        self.screen.typist.yield(.character("c"))
        await self.waitUntil("why c does not apply to eth1") {
            $0.last?.contains("eth1 is not bound to a connectivity implementation") == true
        }
        await self.quit()
    }

    @Test("each Wi-Fi join outcome is logged once")
    func joinOutcomeLoggedOnce() async throws {
        await self.waitUntil("a first frame") { !$0.isEmpty }
        self.wifi.join = .failed(try SSID("Office-5G"), reason: "wrong password")
        self.screen.typist.yield(.character("x"))
        await self.waitUntil("the failed join in the log") { $0.contains { $0.contains("could not join") } }
        self.screen.typist.yield(.character("x"))
        self.screen.typist.yield(.character("?"))
        await self.waitUntil("the help") { $0.contains { $0.contains("any key closes") } }
        let lines = self.runtime.state.log.entries.map(\.text).filter { $0.contains("could not join") }
        #expect(lines == ["wlan0 could not join Office-5G: wrong password"])
        await self.quit()
    }

    @Test("a start-up note shows in the footer and the log")
    func note() async {
        self.runtime.note("themes/x.theme:2: 'okk.fg': unknown role; using the default theme", role: .error)
        await self.waitUntil("the note") { $0.last?.contains("unknown role") == true }
        #expect(self.runtime.state.log.entries.contains { $0.text.contains("unknown role") })
        await self.quit()
    }
}

import Foundation
import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkDashboard

@Suite("Dashboard goldens")
@ManagerActor
struct DashboardGoldenTests {
    let fixture: DashboardFixture
    let renderer = DashboardRenderer(glyphs: .unicode)

    init() throws {
        self.fixture = try DashboardFixture()
    }

    static let networks = WiFiStatus(
        scan: .finished(at: .seconds(4)),
        networks: [
            WiFiNetwork(
                ssid: try! SSID("Office"), signal: -48, security: .wpa2Personal, frequency: 5180, isKnown: true),
            WiFiNetwork(ssid: try! SSID("Lab-WPA3"), signal: -58, security: .wpa3Personal),
            WiFiNetwork(ssid: try! SSID("Guest"), signal: -67, security: .open),
            WiFiNetwork(ssid: try! SSID("Café ☕ Ünïcode"), signal: -76, security: .wpa2Personal),
        ],
        join: .idle
    )

    private func frame(_ state: DashboardState, width: Int = 80, height: Int = 24, wifi: WiFiStatus? = nil) -> Frame {
        let context = self.fixture.context(wifi: wifi.map { ["wlan0": $0] } ?? [:])
        return self.renderer.render(state, context, width: width, height: height)
    }

    private func state(after keys: [Key], wifi: WiFiStatus? = nil) -> DashboardState {
        var state = self.fixture.state()
        let context = self.fixture.context(wifi: wifi.map { ["wlan0": $0] } ?? [:])
        for key in keys { _ = state.handle(key, in: context) }
        return state
    }

    @Test("the main view at 80×24: header, table, detail of the first interface, log, footer")
    func mainView() throws {
        try expectGolden(self.frame(self.fixture.state()).grid, "main-80x24")
    }

    @Test("a wide terminal shows the binding columns and more log")
    func wideView() throws {
        try expectGolden(self.frame(self.fixture.state(), width: 132, height: 30).grid, "main-132x30")
    }

    @Test("the detail pane of a failed cellular interface says why, with flags and timeouts")
    func detailPane() throws {
        try expectGolden(self.frame(self.state(after: [.down, .down, .down])).grid, "detail-wwan0")
    }

    @Test("a key that does not apply says why in the footer")
    func disabledKeyMessage() throws {
        let grid = self.frame(self.state(after: [.character("w")])).grid
        try expectGolden(grid, "message-wifi-on-ethernet")
        #expect(grid.lines.last == "eth0 is an Ethernet interface; select a Wi-Fi interface")
    }

    @Test("the help overlay lists every key")
    func help() throws {
        try expectGolden(self.frame(self.state(after: [.character("?")])).grid, "help")
    }

    @Test("the timeout prompt sits in the footer with its cursor")
    func prompt() throws {
        let frame = self.frame(
            self.state(after: [.character("t"), .backspace, .backspace, .character("4"), .character("5")]))
        try expectGolden(frame.grid, "prompt-connect-timeout")
        #expect(frame.cursor?.row == 23)
    }

    @Test("the Wi-Fi list: signal bars, security, known and current marks, hidden network row")
    func wifiList() throws {
        let state = self.state(after: [.down, .down, .character("w")], wifi: Self.networks)
        try expectGolden(self.frame(state, wifi: Self.networks).grid, "wifi-list")
    }

    @Test("the Wi-Fi key entry masks the key and says what is accepted")
    func wifiSecret() throws {
        let keys: [Key] = [.down, .down, .character("w"), .down, .down, .down, .enter] + "short".map { .character($0) }
        let state = self.state(after: keys, wifi: Self.networks)
        let frame = self.frame(state, wifi: Self.networks)
        try expectGolden(frame.grid, "wifi-secret-masked")
        #expect(!frame.grid.rendered.contains("short"), "the key is masked")
        #expect(frame.cursor != nil)
    }

    @Test("the Wi-Fi key entry shows the key after Tab")
    func wifiSecretRevealed() throws {
        let keys: [Key] = [.down, .down, .character("w"), .down, .enter, .paste("correct horse\n"), .tab]
        let state = self.state(after: keys, wifi: Self.networks)
        try expectGolden(self.frame(state, wifi: Self.networks).grid, "wifi-secret-revealed")
    }

    @Test("a failed join says why and offers retry and edit")
    func wifiFailed() throws {
        let keys: [Key] = [.down, .down, .character("w"), .down, .enter, .paste("not the key"), .enter]
        let state = self.state(after: keys, wifi: Self.networks)
        var failed = Self.networks
        failed.join = .failed(try SSID("Lab-WPA3"), reason: "wrong password")
        try expectGolden(self.frame(state, wifi: failed).grid, "wifi-failed")
    }

    @Test("a join in progress counts down")
    func wifiJoining() throws {
        let keys: [Key] = [.down, .down, .character("w"), .down, .enter, .paste("the right key"), .enter]
        let state = self.state(after: keys, wifi: Self.networks)
        var joining = Self.networks
        joining.join = .joining(try SSID("Lab-WPA3"), since: .seconds(5), deadline: .seconds(17))
        try expectGolden(self.frame(state, wifi: joining).grid, "wifi-joining")
    }

    @Test("the fault menu of the simulation")
    func faults() throws {
        var state = self.fixture.state()
        let faults = [
            FaultStatus(id: "cableUnplugged", title: "Unplug the Ethernet cable", isActive: true),
            FaultStatus(id: "accessPointDown", title: "Kill the Wi-Fi access point", isActive: false),
        ]
        _ = state.handle(.character("f"), in: self.fixture.context(faults: faults))
        let frame = self.renderer.render(state, self.fixture.context(faults: faults), width: 80, height: 24)
        try expectGolden(frame.grid, "faults")
    }

    @Test("below 80×24 the dashboard says which size it needs", arguments: [(79, 24), (80, 23), (40, 10)])
    func tooSmall(width: Int, height: Int) throws {
        let grid = self.frame(self.fixture.state(), width: width, height: height).grid
        let text = grid.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(
            separator: " ")
        #expect(text.contains("at least 80×24"))
        #expect(text.contains("this one is \(width)×\(height)"))
        #expect(text.contains("press q to quit"))
        if width == 79 { try expectGolden(grid, "too-small-79x24") }
    }

    @Test(
        "on a monochrome terminal ok is bold, in progress underlined, bad bold and underlined, the selection reversed")
    func monochrome() throws {
        let text = monochromeText(self.frame(self.fixture.state()).grid)
        try expectGolden(text, "main-monochrome")
        #expect(text.contains("[br:connected]"), "the selected row is reversed and its ok state bold")
        #expect(text.contains("[u:connecting 23s]"))
        #expect(text.contains("[bu:no]"))
    }

    @Test("without a UTF-8 locale every glyph is ASCII")
    func asciiGlyphs() throws {
        let grid = DashboardRenderer(glyphs: .ascii).render(
            self.fixture.state(), self.fixture.context(), width: 80, height: 24
        ).grid
        try expectGolden(grid, "main-ascii")
        let nonASCII = grid.rendered.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "non-ASCII characters: \(String(String.UnicodeScalarView(nonASCII)))")
    }
}

@Suite("the operator's own session")
@ManagerActor
struct OperatorSessionTests {
    let fixture: DashboardFixture
    let session = OperatorSession(sshConnection: "192.0.2.50 52144 192.0.2.10 22")

    init() throws {
        self.fixture = try DashboardFixture()
    }

    private var context: DashboardContext {
        var context = self.fixture.context()
        context.operatorSession = self.session
        return context
    }

    @Test("SSH_CONNECTION names the client and the local address; anything else is no session")
    func parsing() {
        #expect(self.session == OperatorSession(clientAddress: "192.0.2.50", localAddress: "192.0.2.10"))
        #expect(OperatorSession(sshConnection: "2001:db8::9 40000 2001:db8:1::10 22")?.localAddress == "2001:db8:1::10")
        #expect(OperatorSession(sshConnection: nil) == nil)
        #expect(OperatorSession(sshConnection: "garbage") == nil)
    }

    @Test("the interface holding the session's local address carries it")
    func sessionInterface() {
        #expect(self.context.sessionInterface?.link.name == "eth0")
    }

    @Test("disconnecting or taking down the session's interface asks first; n leaves it alone")
    func asksBeforeCutting() throws {
        var state = self.fixture.state()
        #expect(state.handle(.character("d"), in: self.context).isEmpty)
        let frame = DashboardRenderer(glyphs: .unicode).render(state, self.context, width: 80, height: 24)
        try expectGolden(frame.grid, "confirm-ssh-session")
        #expect(frame.grid.lines.last == "eth0 carries your SSH session from 192.0.2.50; do it anyway? y/N")

        #expect(state.handle(.character("n"), in: self.context).isEmpty)
        #expect(state.message?.text == "left eth0 as it was")
        #expect(state.handle(.character("u"), in: self.context).isEmpty, "taking it down asks too")
        #expect(state.handle(.character("y"), in: self.context) == [.execute(.setAdminState("eth0", up: false))])
    }

    @Test("other interfaces, and other keys on this one, do not ask")
    func othersDoNotAsk() {
        var state = self.fixture.state()
        #expect(state.handle(.character("i"), in: self.context) == [.execute(.setIgnored("eth0", true))])
        _ = state.handle(.down, in: self.context)
        _ = state.handle(.down, in: self.context)
        #expect(state.handle(.character("d"), in: self.context) == [.execute(.disconnect("wlan0"))])
    }
}

import Testing
import UplinkCore
import UplinkCoreTesting
import UplinkDashboard

/// A device in a known state, built through the real manager and connection contract over the fake
/// kernel: lo ignored; eth0 connected with three addresses and an answering upstream; wlan0
/// connecting; wwan0 waiting to retry after "no network"; eth1 unbound without carrier.
@ManagerActor
final class DashboardFixture {
    let harness = ManagerHarness(ignoredTechnologies: [.loopback])
    let technology = ScriptedTechnology("scripted")
    let lo: InterfaceID
    let eth0: InterfaceID
    let wlan0: InterfaceID
    let wwan0: InterfaceID
    let eth1: InterfaceID

    init() throws {
        let kernel = self.harness.kernel
        let manager = self.harness.manager
        self.lo = kernel.addLink("lo", technology: .loopback, adminUp: true)
        kernel.addAddress("127.0.0.1", prefixLength: 8, to: self.lo.index)
        kernel.addAddress("::1", prefixLength: 128, to: self.lo.index)
        self.eth0 = kernel.addLink("eth0", technology: .ethernet)
        self.wlan0 = kernel.addLink("wlan0", technology: .wifi, carrier: false)
        self.wwan0 = kernel.addLink("wwan0", technology: .cellular, dormant: true)
        self.eth1 = kernel.addLink("eth1", technology: .ethernet, adminUp: true, carrier: false)
        let random = SeededRandomNumberGenerator(seed: 7)
        let contract = ConnectionContract(
            self.technology, backoff: RetryBackoff(initial: .seconds(8), jitter: 0), random: random)
        try manager.bind(
            "eth0", to: contract, configuration: BindingConfiguration(flags: .persistent, connectTimeout: .seconds(30)))
        try manager.bind(
            "wlan0", to: contract, configuration: BindingConfiguration(flags: .persistent, connectTimeout: .seconds(30))
        )
        try manager.bind(
            "wwan0", to: contract,
            configuration: BindingConfiguration(
                flags: [.persistent, .noAutoDown], connectTimeout: .seconds(90), idleTimeout: .seconds(600)))

        try manager.connect(self.eth0.index)
        kernel.addAddress("fe80::10", prefixLength: 64, to: self.eth0.index)
        self.harness.advance(by: .milliseconds(1200))
        self.technology.succeed("eth0")
        kernel.addAddress("192.0.2.10", prefixLength: 24, to: self.eth0.index)
        kernel.addAddress("2001:db8:1::10", prefixLength: 64, to: self.eth0.index)
        self.harness.advance(by: .milliseconds(300))
        manager.reportReachability(.reachable(since: manager.now), index: self.eth0.index)

        try manager.connect(self.wlan0.index)
        self.harness.advance(by: .seconds(1))
        try manager.connect(self.wwan0.index)
        self.harness.advance(by: .seconds(4))
        self.technology.fail("wwan0", reason: "no network")
        self.harness.advance(by: .seconds(2))
    }

    /// A frame's context at a fixed time of day.
    func context(wifi: [String: WiFiStatus] = [:], faults: [FaultStatus]? = nil) -> DashboardContext {
        DashboardContext(
            snapshot: self.harness.manager.snapshot,
            wifi: wifi,
            faults: faults,
            deviceName: "gateway-7",
            isEmbedded: true,
            clock: "12:00:00"
        )
    }

    /// A state whose log holds the events so far, stamped with a fixed time.
    func state() -> DashboardState {
        var state = DashboardState()
        for event in self.harness.recorder.events { state.record(event, time: "11:59:58") }
        return state
    }
}

/// Compares a rendered grid with a golden file in Goldens/, or writes the file when the
/// environment variable UPLINK_UPDATE_GOLDENS is set (then review the diff before committing).
func expectGolden(_ grid: CellGrid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectGolden(grid.rendered, name, sourceLocation: sourceLocation)
}

/// Compares text with a golden file in Goldens/, or writes it under UPLINK_UPDATE_GOLDENS.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = String(#filePath.dropLast("DashboardFixture.swift".count)) + "Goldens/"
    let path = directory + name + ".txt"
    let rendered = text + "\n"
    if let update = getEnvironmentValue("UPLINK_UPDATE_GOLDENS"), !update.isEmpty {
        try writeFile(path, rendered)
        return
    }
    let expected = try readFile(path)
    #expect(rendered == expected, "golden \(name) differs; rendered:\n\(rendered)", sourceLocation: sourceLocation)
}

/// The grid as a monochrome terminal shows it: each run of emphasised cells is written
/// `[flags:text]`, the flags b (bold), u (underline), r (reverse), d (dim) — so a golden file pins
/// which states look different without colour.
func monochromeText(_ grid: CellGrid, theme: Theme = .default) -> String {
    func flags(_ cell: Cell) -> String {
        let style = theme.resolve(cell.role, for: .monochrome).style.union(cell.style)
        return [(CellStyle.bold, "b"), (.underline, "u"), (.reverse, "r"), (.dim, "d")]
            .filter { style.contains($0.0) }.map(\.1).joined()
    }
    var lines: [String] = []
    for row in 0..<grid.height {
        var line = ""
        var current = ""
        for column in 0..<grid.width {
            let cell = grid[row, column]
            guard let character = cell.character else { continue }
            let next = flags(cell)
            if next != current {
                if !current.isEmpty { line += "]" }
                if !next.isEmpty { line += "[\(next):" }
                current = next
            }
            line.append(character)
        }
        if !current.isEmpty { line += "]" }
        while line.last == " " { line.removeLast() }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

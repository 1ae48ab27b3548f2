import Testing
import UplinkCore
import UplinkCoreTesting

/// The reference's `tests/net/conn_mgr_monitor` suite (section 4.1), M1–M15, each run with
/// duplicate address detection off and on as its `nodad` and `dad` builds are.
@Suite("Monitor conformance (conn_mgr_monitor)")
@ManagerActor
struct MonitorConformanceTests {
    // MARK: - Routine A: cycle_ready

    /// Two interfaces with IPv4 come up and go down in turn: only the first up and the last down
    /// fire, each blamed on the interface that moved. Only the global channel is checked.
    private func cycleReady(
        _ fixture: MonitorFixture,
        _ ifa: InterfaceID,
        _ ifb: InterfaceID,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        // Given both down, when IPv4 addresses are added to both, then nothing fires.
        let added = fixture.step {
            fixture.add(MonitorFixture.ipv4A, to: ifa)
            fixture.add(MonitorFixture.ipv4B, to: ifb)
        }
        #expect(added.any == [], "addresses on down interfaces", sourceLocation: sourceLocation)
        // When ifa goes up, then exactly one CONNECTED fires, blamed on ifa.
        let aUp = fixture.step { fixture.up(ifa) }
        #expect(aUp.any == [.connected(ifa.name)], "\(ifa) up", sourceLocation: sourceLocation)
        // When ifb goes up as well, then nothing fires.
        let bUp = fixture.step { fixture.up(ifb) }
        #expect(bUp.any == [], "\(ifb) up", sourceLocation: sourceLocation)
        // When ifa goes down, then nothing fires: ifb is still ready.
        let aDown = fixture.step { fixture.down(ifa) }
        #expect(aDown.any == [], "\(ifa) down", sourceLocation: sourceLocation)
        // When ifb goes down, then exactly one DISCONNECTED fires, blamed on ifb.
        let bDown = fixture.step { fixture.down(ifb) }
        #expect(bDown.any == [.disconnected(ifb.name)], "\(ifb) down", sourceLocation: sourceLocation)
    }

    // MARK: - Routine B: cycle_ignored

    /// ifb is ignored; both have an IPv4 and an IPv6 address. Whatever ifb does fires nothing; ifa
    /// alone decides every channel. All three channels are checked.
    private func cycleIgnored(
        _ fixture: MonitorFixture,
        _ ifa: InterfaceID,
        _ ifb: InterfaceID,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let setup = try fixture.step {
            try fixture.ignore(ifb)
            fixture.add(MonitorFixture.ipv4A, to: ifa)
            fixture.add(MonitorFixture.ipv6A, to: ifa)
            fixture.add(MonitorFixture.ipv4B, to: ifb)
            fixture.add(MonitorFixture.ipv6B, to: ifb)
        }
        #expect(setup == .nothing, "setup", sourceLocation: sourceLocation)

        typealias Step = (label: String, action: () -> Void, expected: ChannelEvents)
        let up = ChannelEvents.everywhere(.connected(ifa.name))
        let down = ChannelEvents.everywhere(.disconnected(ifa.name))
        let set1: [Step] = [
            ("set 1: \(ifb) up", { fixture.up(ifb) }, .nothing),
            ("set 1: \(ifb) down", { fixture.down(ifb) }, .nothing),
            ("set 1: \(ifa) up", { fixture.up(ifa) }, up),
            ("set 1: \(ifb) up", { fixture.up(ifb) }, .nothing),
            ("set 1: \(ifb) down", { fixture.down(ifb) }, .nothing),
            ("set 1: \(ifa) down", { fixture.down(ifa) }, down),
        ]
        let set2: [Step] = [
            ("set 2: \(ifb) up", { fixture.up(ifb) }, .nothing),
            ("set 2: \(ifa) up", { fixture.up(ifa) }, up),
            ("set 2: \(ifb) down", { fixture.down(ifb) }, .nothing),
            ("set 2: \(ifb) up", { fixture.up(ifb) }, .nothing),
            ("set 2: \(ifa) down", { fixture.down(ifa) }, down),
            ("set 2: \(ifb) down", { fixture.down(ifb) }, .nothing),
        ]
        for step in set1 + set2 {
            let events = fixture.step(step.action)
            #expect(events == step.expected, "\(step.label)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Routine C: cycle_states

    enum Order: String, Sendable {
        case ipv4First = "IPv4 first"
        case ipv6First = "IPv6 first"

        var families: (first: AddressFamily, second: AddressFamily) {
            switch self {
            case .ipv4First: (.ipv4, .ipv6)
            case .ipv6First: (.ipv6, .ipv4)
            }
        }
    }

    /// One interface goes through every combination of up/down and with/without addresses; each
    /// family's channel moves with its address, the global channel with the first gained and the
    /// last lost. All three channels are checked.
    private func cycleStates(
        _ fixture: MonitorFixture,
        _ iface: InterfaceID,
        _ order: Order,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let name = iface.name
        let (first, second) = order.families
        func address(_ family: AddressFamily) -> IPAddress {
            family == .ipv4 ? MonitorFixture.ipv4A : MonitorFixture.ipv6A
        }
        func check(_ label: String, _ events: ChannelEvents, _ expected: ChannelEvents) {
            #expect(events == expected, "\(order): \(label)", sourceLocation: sourceLocation)
        }

        // (down, no IP) → up: nothing.
        check("up without addresses", fixture.step { fixture.up(iface) }, .nothing)

        // Gaining addresses while up: the first gives global and its family, the second its family.
        // With DAD on, an IPv6 address fires nothing while it is tentative, only once DAD is done.
        func gain(_ family: AddressFamily) -> ChannelEvents {
            fixture.step {
                fixture.add(address(family), to: iface)
                if family == .ipv6 && fixture.dad.isOn {
                    check("tentative \(family) address", fixture.harness.recorder.connectivityByChannel, .nothing)
                }
            }
        }
        check("gain \(first)", gain(first), .only([.any: [.connected(name)], first.channel: [.connected(name)]]))
        check("gain \(second)", gain(second), .only([second.channel: [.connected(name)]]))

        // Losing them while up: the first loses its family only, the second global and its family.
        check(
            "lose \(first)",
            fixture.step { fixture.remove(address(first), from: iface) },
            .only([first.channel: [.disconnected(name)]])
        )
        check(
            "lose \(second)",
            fixture.step { fixture.remove(address(second), from: iface) },
            .only([.any: [.disconnected(name)], second.channel: [.disconnected(name)]])
        )

        // (up, no IP) → down: nothing.
        check("down without addresses", fixture.step { fixture.down(iface) }, .nothing)
        // While down, adding both addresses: nothing.
        check(
            "addresses while down",
            fixture.step {
                fixture.add(address(first), to: iface)
                fixture.add(address(second), to: iface)
            },
            .nothing
        )
        // (down, IPs) → up: connected on every channel; (up, IPs) → down: disconnected on every one.
        check("up with addresses", fixture.step { fixture.up(iface) }, .everywhere(.connected(name)))
        check("down with addresses", fixture.step { fixture.down(iface) }, .everywhere(.disconnected(name)))
        // While down, removing both addresses: nothing.
        check(
            "remove addresses while down",
            fixture.step {
                fixture.remove(address(first), from: iface)
                fixture.remove(address(second), from: iface)
            },
            .nothing
        )
    }

    // MARK: - M1–M4: routine A

    @Test(
        "M1: cycle_ready(conn_a, conn_b) — first up connects, last down disconnects",
        arguments: DuplicateAddressDetection.allCases
    )
    func m1CycleReadyCC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleReady(fixture, fixture.connA, fixture.connB)
    }

    @Test(
        "M2: cycle_ready(conn_a, simp_a) — bound then unbound interface",
        arguments: DuplicateAddressDetection.allCases
    )
    func m2CycleReadyCNC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleReady(fixture, fixture.connA, fixture.simpA)
    }

    @Test(
        "M3: cycle_ready(simp_a, conn_a) — unbound then bound interface",
        arguments: DuplicateAddressDetection.allCases
    )
    func m3CycleReadyNCC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleReady(fixture, fixture.simpA, fixture.connA)
    }

    @Test("M4: cycle_ready(simp_a, simp_b) — two unbound interfaces", arguments: DuplicateAddressDetection.allCases)
    func m4CycleReadyNCNC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleReady(fixture, fixture.simpA, fixture.simpB)
    }

    // MARK: - M5–M8: routine B

    @Test(
        "M5: cycle_ignored(simp_a, ignored simp_b) — the ignored interface never fires",
        arguments: DuplicateAddressDetection.allCases
    )
    func m5CycleReadyNCINC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        try self.cycleIgnored(fixture, fixture.simpA, fixture.simpB)
    }

    @Test(
        "M6: cycle_ignored(conn_a, ignored conn_b) — the ignored interface never fires",
        arguments: DuplicateAddressDetection.allCases
    )
    func m6CycleReadyCIC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        try self.cycleIgnored(fixture, fixture.connA, fixture.connB)
    }

    @Test(
        "M7: cycle_ignored(conn_a, ignored simp_a) — the ignored interface never fires",
        arguments: DuplicateAddressDetection.allCases
    )
    func m7CycleReadyCINC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        try self.cycleIgnored(fixture, fixture.connA, fixture.simpA)
    }

    @Test(
        "M8: cycle_ignored(simp_a, ignored conn_a) — the ignored interface never fires",
        arguments: DuplicateAddressDetection.allCases
    )
    func m8CycleReadyNCIC(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        try self.cycleIgnored(fixture, fixture.simpA, fixture.connA)
    }

    // MARK: - M9–M11

    @Test("M9: test_DAD — a tentative IPv6 address fires nothing; DAD completing fires exactly one CONNECTED")
    func m9DuplicateAddressDetection() throws {
        // Given simp_a is up, in the build with DAD on.
        let fixture = try MonitorFixture(.on)
        #expect(fixture.step { fixture.up(fixture.simpA) } == .nothing)
        // When a global IPv6 address is added, then after 1 ms nothing has fired: it is tentative.
        fixture.harness.recorder.reset()
        fixture.add(MonitorFixture.ipv6A, to: fixture.simpA)
        #expect(fixture.harness.recorder.connectivityByChannel == .nothing)
        // When DAD completes, then exactly one CONNECTED has fired, blamed on simp_a.
        fixture.kernel.completeDuplicateAddressDetection()
        let events = fixture.harness.recorder.connectivityByChannel
        #expect(events.any == [.connected("simp_a")])
        #expect(events == .only([.any: [.connected("simp_a")], .ipv6: [.connected("simp_a")]]))
    }

    @Test(
        "M10: test_ignore_while_ready — watching a ready ignored interface connects it, ignoring it again disconnects",
        arguments: DuplicateAddressDetection.allCases
    )
    func m10IgnoreWhileReady(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        let simpA = fixture.simpA
        // Given simp_a is ignored, when it gets both addresses and comes up, then nothing fires.
        let ignoredUp = try fixture.step {
            try fixture.ignore(simpA)
            fixture.add(MonitorFixture.ipv4A, to: simpA)
            fixture.add(MonitorFixture.ipv6A, to: simpA)
            fixture.up(simpA)
        }
        #expect(ignoredUp == .nothing)
        // When it is watched, then exactly one CONNECTED fires on each channel, blamed on it.
        #expect(try fixture.step { try fixture.watch(simpA) } == .everywhere(.connected("simp_a")))
        // When it is ignored again, then exactly one DISCONNECTED fires on each channel.
        #expect(try fixture.step { try fixture.ignore(simpA) } == .everywhere(.disconnected("simp_a")))
        // When it is then taken down, then nothing fires.
        #expect(fixture.step { fixture.down(simpA) } == .nothing)
    }

    @Test(
        "M11: test_ignores — ignore and watch per interface and per technology",
        arguments: DuplicateAddressDetection.allCases
    )
    func m11Ignores(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        func ignored() -> [String] {
            fixture.all.filter { fixture.isIgnored($0) == true }.map(\.name)
        }
        #expect(ignored() == [])
        try fixture.ignore(fixture.simpA)
        #expect(ignored() == ["simp_a"])
        try fixture.ignore(fixture.simpB)
        #expect(ignored() == ["simp_a", "simp_b"])
        try fixture.watch(fixture.simpA)
        #expect(ignored() == ["simp_b"])
        try fixture.watch(fixture.simpB)
        #expect(ignored() == [])
        // Ignoring the dummy technology ignores all four dummies but not the Ethernet interface.
        fixture.manager.setIgnored(true, technology: .virtual)
        #expect(ignored() == ["simp_a", "simp_b", "conn_a", "conn_b"])
        #expect(fixture.isIgnored(fixture.dummyEth) == false)
        // Watching it watches them all again; the Ethernet interface stays watched.
        fixture.manager.setIgnored(false, technology: .virtual)
        #expect(ignored() == [])
        #expect(fixture.harness.recorder.connectivityByChannel == .nothing)
    }

    // MARK: - M12–M15: routine C

    @Test(
        "M12: cycle_states(conn_a, IPv4 first) — each family's channel follows its address",
        arguments: DuplicateAddressDetection.allCases
    )
    func m12CycleStatesConnectedIPv46(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleStates(fixture, fixture.connA, .ipv4First)
    }

    @Test(
        "M13: cycle_states(conn_a, IPv6 first) — each family's channel follows its address",
        arguments: DuplicateAddressDetection.allCases
    )
    func m13CycleStatesConnectedIPv64(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleStates(fixture, fixture.connA, .ipv6First)
    }

    @Test(
        "M14: cycle_states(simp_a, IPv4 first) — each family's channel follows its address",
        arguments: DuplicateAddressDetection.allCases
    )
    func m14CycleStatesSimpleIPv46(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleStates(fixture, fixture.simpA, .ipv4First)
    }

    @Test(
        "M15: cycle_states(simp_a, IPv6 first) — each family's channel follows its address",
        arguments: DuplicateAddressDetection.allCases
    )
    func m15CycleStatesSimpleIPv64(dad: DuplicateAddressDetection) throws {
        let fixture = try MonitorFixture(dad)
        self.cycleStates(fixture, fixture.simpA, .ipv6First)
    }
}

extension AddressFamily {
    /// The monitor channel that counts interfaces ready in this family.
    fileprivate var channel: ConnectivityChannel {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }
}

import Testing
import UplinkCore

// Three interfaces, in index order, and the name the first takes after a rename.
private let eth0 = InterfaceID(index: 1, name: "eth0")
private let eth1 = InterfaceID(index: 2, name: "eth1")
private let wlan0 = InterfaceID(index: 3, name: "wlan0")
private let uplink0 = InterfaceID(index: 1, name: "uplink0")

private let v4: IPAddress = "192.0.2.1"
private let v4b: IPAddress = "192.0.2.2"
private let v6: IPAddress = "2001:db8:1::1"
private let v6b: IPAddress = "2001:db8:1::2"

private func link(
    _ id: InterfaceID,
    _ technology: Technology = .ethernet,
    up: Bool = true,
    carrier: Bool = true,
    dormant: Bool = false
) -> LinkSnapshot {
    LinkSnapshot(
        index: id.index,
        name: id.name,
        technology: technology,
        isAdminUp: up,
        hasCarrier: carrier,
        isDormant: dormant
    )
}

private func address(_ address: IPAddress, _ state: AddressState = .preferred) -> InterfaceAddress {
    InterfaceAddress(address, prefixLength: address.family == .ipv4 ? 24 : 64, state: state)
}

/// The changes that make an interface appear up with these (preferred) addresses.
private func ready(_ id: InterfaceID, _ technology: Technology = .ethernet, _ addresses: IPAddress...) -> [LinkChange] {
    [.link(link(id, technology))] + addresses.map { .address(id.index, address($0)) }
}

private func connected(_ channel: ConnectivityChannel, _ id: InterfaceID?) -> ManagerEvent {
    .connectivity(channel, connected: true, interface: id)
}

private func disconnected(_ channel: ConnectivityChannel, _ id: InterfaceID?) -> ManagerEvent {
    .connectivity(channel, connected: false, interface: id)
}

@Suite("ConnectivityMonitor")
struct ConnectivityMonitorTests {
    // MARK: - Per-interface events

    @Test("per-interface events come before the aggregate events of the same pass")
    func interfaceEventsFirst() {
        var monitor = ConnectivityMonitor()
        let up = monitor.apply(ready(eth0, .ethernet, v4, v6))
        #expect(
            up.events == [
                .interfaceReady(eth0), connected(.any, eth0), connected(.ipv6, eth0), connected(.ipv4, eth0),
            ]
        )
        let down = monitor.apply([.link(link(eth0, up: false))])
        #expect(
            down.events == [
                .interfaceUnready(eth0, reason: .adminDown), disconnected(.any, eth0), disconnected(.ipv6, eth0),
                disconnected(.ipv4, eth0),
            ]
        )
    }

    static let unreadyTable: [UnreadyCase] = [
        UnreadyCase(testDescription: "admin down", change: .link(link(eth0, up: false)), reason: .adminDown),
        UnreadyCase(testDescription: "carrier lost", change: .link(link(eth0, carrier: false)), reason: .noCarrier),
        UnreadyCase(testDescription: "dormant", change: .link(link(eth0, dormant: true)), reason: .dormant),
        UnreadyCase(
            testDescription: "address removed",
            change: .addressRemoved(eth0.index, v4, prefixLength: 24),
            reason: .noAddress
        ),
        UnreadyCase(
            testDescription: "address conflict",
            change: .address(eth0.index, address(v4, .duplicate)),
            reason: .duplicateAddress(v4)
        ),
        UnreadyCase(
            testDescription: "address deprecated",
            change: .address(eth0.index, address(v4, .deprecated)),
            reason: .deprecatedAddress(v4)
        ),
    ]

    @Test("the unready event says why the interface stopped being ready", arguments: unreadyTable)
    func unreadyReason(_ row: UnreadyCase) {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4))
        let outcome = monitor.apply([row.change])
        #expect(
            outcome.events == [
                .interfaceUnready(eth0, reason: row.reason), disconnected(.any, eth0), disconnected(.ipv4, eth0),
            ]
        )
    }

    // MARK: - Duplicate state (M-4)

    @Test("a change that changes nothing emits no event and no edge")
    func duplicateStateIsSilent() {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4))
        // The same link again, the same address again, a second usable address, and its removal.
        #expect(monitor.apply([.link(link(eth0))]) == .nothing)
        #expect(monitor.apply([.address(eth0.index, address(v4))]) == .nothing)
        #expect(monitor.apply([.address(eth0.index, address(v4b))]) == .nothing)
        #expect(monitor.apply([.addressRemoved(eth0.index, v4b, prefixLength: 24)]) == .nothing)
        // Removing an address that is not there, and an address for a link never seen.
        #expect(monitor.apply([.addressRemoved(eth0.index, v6, prefixLength: 64)]) == .nothing)
        #expect(monitor.apply([.address(eth1.index, address(v4b))]) == .nothing)
        #expect(monitor.interfaces[eth1.index] == nil)
        #expect(monitor.isConnected(.any))
    }

    @Test("ignoring an ignored interface or watching a watched one does nothing at all")
    func repeatedIgnoreIsSilent() {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4))
        #expect(monitor.setIgnored(false, index: eth0.index) == .nothing)
        let ignored = monitor.setIgnored(true, index: eth0.index)
        #expect(
            ignored?.events == [
                .interfaceUnready(eth0, reason: .ignored), disconnected(.any, eth0), disconnected(.ipv4, eth0),
            ]
        )
        #expect(monitor.setIgnored(true, index: eth0.index) == .nothing)
        #expect(monitor.setIgnored(true, index: eth1.index) == nil, "no such interface")
    }

    // MARK: - Blame

    @Test("when two interfaces flip in one pass, the higher index is blamed, per channel")
    func blameHigherIndex() {
        var monitor = ConnectivityMonitor()
        // eth1's changes are listed first: order within the pass does not matter, index order does.
        let up = monitor.apply(ready(eth1, .ethernet, v4b) + ready(eth0, .ethernet, v4))
        #expect(
            up.events == [.interfaceReady(eth0), .interfaceReady(eth1), connected(.any, eth1), connected(.ipv4, eth1)]
        )
        let down = monitor.apply([.link(link(eth1, up: false)), .link(link(eth0, up: false))])
        #expect(
            down.events == [
                .interfaceUnready(eth0, reason: .adminDown), .interfaceUnready(eth1, reason: .adminDown),
                disconnected(.any, eth1), disconnected(.ipv4, eth1),
            ]
        )
        // Each channel blames the highest index that flipped on it: eth0 alone gains IPv6.
        let families = monitor.apply([.link(link(eth0)), .address(eth0.index, address(v6)), .link(link(eth1))])
        #expect(
            families.events == [
                .interfaceReady(eth0), .interfaceReady(eth1), connected(.any, eth1), connected(.ipv6, eth0),
                connected(.ipv4, eth1),
            ]
        )
    }

    // MARK: - resendStatus

    @Test("resendStatus emits global, IPv6, IPv4 in that order, blaming nobody before anything happened")
    func resendBeforeAnything() {
        var monitor = ConnectivityMonitor()
        let expected = [disconnected(.any, nil), disconnected(.ipv6, nil), disconnected(.ipv4, nil)]
        #expect(monitor.resendStatus() == expected)
        // Interfaces that never were ready give nobody to blame either.
        _ = monitor.apply([.link(link(eth0)), .link(link(eth1, up: false))])
        #expect(monitor.resendStatus() == expected)
        // A channel that never connected keeps nil while the others name their interface.
        _ = monitor.apply([.address(eth0.index, address(v4))])
        #expect(monitor.resendStatus() == [connected(.any, eth0), disconnected(.ipv6, nil), connected(.ipv4, eth0)])
        #expect(monitor.resendStatus() == monitor.resendStatus(), "resending changes nothing")
    }

    @Test("resendStatus blames a still-ready interface for CONNECTED and the last one to go for DISCONNECTED")
    func resendBlame() {
        var monitor = ConnectivityMonitor()
        // A up, B up, B down: the reference would blame B, which is down; uplink blames A.
        _ = monitor.apply(ready(eth0, .ethernet, v4, v6))
        _ = monitor.apply(ready(eth1, .ethernet, v4b, v6b))
        _ = monitor.apply([.link(link(eth1, up: false))])
        #expect(monitor.resendStatus() == [connected(.any, eth0), connected(.ipv6, eth0), connected(.ipv4, eth0)])
        // The last interface goes: DISCONNECTED blames it, although eth1 has the higher index.
        _ = monitor.apply([.link(link(eth0, up: false))])
        #expect(
            monitor.resendStatus() == [disconnected(.any, eth0), disconnected(.ipv6, eth0), disconnected(.ipv4, eth0)]
        )
        // B back up alone: it is the one connected.
        _ = monitor.apply([.link(link(eth1))])
        #expect(monitor.resendStatus() == [connected(.any, eth1), connected(.ipv6, eth1), connected(.ipv4, eth1)])
    }

    // MARK: - Ignoring by name

    @Test("an interface named in the ignored names starts ignored when it appears and fires nothing; watching it works")
    func ignoredNames() {
        var monitor = ConnectivityMonitor(ignoredNames: ["eth1"])
        let appeared = monitor.apply(ready(eth0, .ethernet, v4) + ready(eth1, .ethernet, v4b))
        #expect(appeared.events == [.interfaceReady(eth0), connected(.any, eth0), connected(.ipv4, eth0)])
        #expect(monitor.interfaces[eth1.index]?.readiness.overall == .notReady(.ignored))

        let watched = monitor.setIgnored(false, index: eth1.index)
        #expect(watched?.events == [.interfaceReady(eth1)])
    }

    // MARK: - Ignoring a technology

    @Test("ignoring a technology ignores its interfaces in one pass and those that appear later; watching forgets it")
    func ignoreTechnology() {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4) + ready(eth1, .ethernet, v4b) + [.link(link(wlan0, .wifi))])
        let ignored = monitor.setIgnored(true, technology: .ethernet)
        #expect(
            ignored.events == [
                .interfaceUnready(eth0, reason: .ignored), .interfaceUnready(eth1, reason: .ignored),
                disconnected(.any, eth1), disconnected(.ipv4, eth1),
            ]
        )
        #expect(ignored.edges == [])
        #expect(monitor.ignoredTechnologies == [.ethernet])
        #expect(monitor.interfaces[wlan0.index]?.isIgnored == false)

        // An Ethernet interface that appears ready later starts ignored and fires nothing.
        let eth2 = InterfaceID(index: 4, name: "eth2")
        let appeared = monitor.apply(ready(eth2, .ethernet, "198.18.0.1"))
        #expect(appeared.events == [])
        #expect(monitor.interfaces[eth2.index]?.isIgnored == true)
        #expect(monitor.interfaces[eth2.index]?.readiness.overall == .notReady(.ignored))

        // Watching the technology brings all three back in one pass, and forgets the choice.
        let watched = monitor.setIgnored(false, technology: .ethernet)
        #expect(
            watched.events == [
                .interfaceReady(eth0), .interfaceReady(eth1), .interfaceReady(eth2), connected(.any, eth2),
                connected(.ipv4, eth2),
            ]
        )
        #expect(monitor.ignoredTechnologies == [])
        let eth3 = InterfaceID(index: 5, name: "eth3")
        _ = monitor.apply([.link(link(eth3))])
        #expect(monitor.interfaces[eth3.index]?.isIgnored == false)
    }

    @Test("technologies ignored from the start ignore their interfaces as they appear")
    func ignoredFromStart() {
        var monitor = ConnectivityMonitor(ignoredTechnologies: [.loopback])
        let lo = InterfaceID(index: 1, name: "lo")
        let outcome = monitor.apply(ready(lo, .loopback, "198.18.0.1"))
        #expect(outcome.events == [])
        #expect(monitor.interfaces[lo.index]?.isIgnored == true)
    }

    // MARK: - Removal and rename

    @Test("removing a ready interface makes it unready for .removed and blames it for DISCONNECTED")
    func removal() {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4, v6) + [.link(link(eth1, up: false))])
        let removed = monitor.apply([.linkRemoved(eth0.index)])
        #expect(
            removed.events == [
                .interfaceUnready(eth0, reason: .removed), disconnected(.any, eth0), disconnected(.ipv6, eth0),
                disconnected(.ipv4, eth0),
            ]
        )
        #expect(removed.edges == [.operationallyDown(eth0), .removed(eth0)])
        #expect(monitor.interfaces[eth0.index] == nil)
        #expect(monitor.readyCounts == ChannelValues(repeating: 0))
        // An interface that was down goes without events and with one edge.
        let gone = monitor.apply([.linkRemoved(eth1.index)])
        #expect(gone.events == [])
        #expect(gone.edges == [.removed(eth1)])
        #expect(monitor.interfaces.isEmpty)
    }

    @Test("a rename keeps readiness, fires nothing and yields a .renamed edge; later events use the new name")
    func rename() {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4))
        let renamed = monitor.apply([.link(link(uplink0))])
        #expect(renamed.events == [])
        #expect(renamed.edges == [.renamed(from: eth0, to: uplink0)])
        #expect(monitor.interfaces[eth0.index]?.readiness.overall == .ready)
        #expect(monitor.interfaces[eth0.index]?.id == uplink0)
        #expect(
            monitor.resendStatus() == [connected(.any, uplink0), disconnected(.ipv6, nil), connected(.ipv4, uplink0)])
        let down = monitor.apply([.link(link(uplink0, up: false))])
        #expect(
            down.events == [
                .interfaceUnready(uplink0, reason: .adminDown), disconnected(.any, uplink0),
                disconnected(.ipv4, uplink0),
            ]
        )
    }

    // MARK: - replaceAll

    @Test("after an overrun, .replaceAll ends in the dumped state and emits only what the net change implies")
    func replaceAllAfterOverrun() {
        // Given eth0 ready on IPv4, eth1 down, wlan0 ready on IPv6.
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(
            ready(eth0, .ethernet, v4) + [.link(link(eth1, up: false)), .address(eth1.index, address(v4b))]
                + ready(wlan0, .wifi, v6)
        )
        // The monitor missed: eth1 going up and down again and gaining an IPv6 address; wlan0 going away.
        let links = [link(eth0), link(eth1, up: false)]
        let addresses: [InterfaceIndex: [InterfaceAddress]] = [
            eth0.index: [address(v4)],
            eth1.index: [address(v4b), address(v6b)],
        ]
        let outcome = monitor.apply([.replaceAll(links, addresses: addresses)])

        // The flap ended where it started and emits nothing; wlan0 took IPv6 connectivity with it.
        #expect(outcome.events == [.interfaceUnready(wlan0, reason: .removed), disconnected(.ipv6, wlan0)])
        #expect(outcome.edges == [.operationallyDown(wlan0), .removed(wlan0)])
        // The monitor holds exactly the dump.
        #expect(Set(monitor.interfaces.keys) == [eth0.index, eth1.index])
        for snapshot in links {
            #expect(monitor.interfaces[snapshot.index]?.link == snapshot)
            #expect(monitor.interfaces[snapshot.index]?.addresses == addresses[snapshot.index])
        }
        #expect(monitor.readyCounts == ChannelValues(any: 1, ipv4: 1, ipv6: 0))
        // The same dump again changes nothing.
        #expect(monitor.apply([.replaceAll(links, addresses: addresses)]) == .nothing)
    }

    @Test(".replaceAll reports interfaces that went and came as one pass: a silent hand-over on the global channel")
    func replaceAllNetChange() {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(ready(eth0, .ethernet, v4))
        // Missed: eth0 went down; wlan0 appeared up with IPv6.
        let outcome = monitor.apply([
            .replaceAll(
                [link(eth0, up: false), link(wlan0, .wifi)],
                addresses: [eth0.index: [address(v4)], wlan0.index: [address(v6)]]
            )
        ])
        #expect(
            outcome.events == [
                .interfaceUnready(eth0, reason: .adminDown), .interfaceReady(wlan0), connected(.ipv6, wlan0),
                disconnected(.ipv4, eth0),
            ]
        )
        #expect(
            outcome.edges == [
                .operationallyDown(eth0), .adminDown(eth0), .appeared(wlan0), .adminUp(wlan0),
                .operationallyUp(wlan0),
            ]
        )
        #expect(monitor.readyCounts == ChannelValues(any: 1, ipv4: 0, ipv6: 1))
    }

    // MARK: - Edges

    static let edgeTable: [EdgeCase] = [
        EdgeCase(
            "appears up",
            given: [],
            pass: [.link(link(eth0))],
            then: [.appeared(eth0), .adminUp(eth0), .operationallyUp(eth0)]
        ),
        EdgeCase(
            "appears down",
            given: [],
            pass: [.link(link(eth0, up: false))],
            then: [.appeared(eth0)]
        ),
        EdgeCase(
            "appears up but dormant",
            given: [],
            pass: [.link(link(eth0, dormant: true))],
            then: [.appeared(eth0), .adminUp(eth0)]
        ),
        EdgeCase(
            "admin up with carrier",
            given: [link(eth0, up: false)],
            pass: [.link(link(eth0))],
            then: [.adminUp(eth0), .operationallyUp(eth0)]
        ),
        EdgeCase(
            "admin up without carrier",
            given: [link(eth0, up: false, carrier: false)],
            pass: [.link(link(eth0, carrier: false))],
            then: [.adminUp(eth0)]
        ),
        EdgeCase(
            "carrier arrives",
            given: [link(eth0, carrier: false)],
            pass: [.link(link(eth0))],
            then: [.operationallyUp(eth0)]
        ),
        EdgeCase(
            "dormancy ends",
            given: [link(eth0, dormant: true)],
            pass: [.link(link(eth0))],
            then: [.operationallyUp(eth0)]
        ),
        EdgeCase(
            "admin down while up",
            given: [link(eth0)],
            pass: [.link(link(eth0, up: false))],
            then: [.operationallyDown(eth0), .adminDown(eth0)]
        ),
        EdgeCase(
            "admin down while dormant",
            given: [link(eth0, dormant: true)],
            pass: [.link(link(eth0, up: false, dormant: true))],
            then: [.adminDown(eth0)]
        ),
        EdgeCase(
            "carrier lost",
            given: [link(eth0)],
            pass: [.link(link(eth0, carrier: false))],
            then: [.operationallyDown(eth0)]
        ),
        EdgeCase(
            "becomes dormant",
            given: [link(eth0)],
            pass: [.link(link(eth0, dormant: true))],
            then: [.operationallyDown(eth0)]
        ),
        EdgeCase(
            "removed while up",
            given: [link(eth0)],
            pass: [.linkRemoved(eth0.index)],
            then: [.operationallyDown(eth0), .removed(eth0)]
        ),
        EdgeCase(
            "removed while down",
            given: [link(eth0, up: false)],
            pass: [.linkRemoved(eth0.index)],
            then: [.removed(eth0)]
        ),
        EdgeCase(
            "renamed",
            given: [link(eth0)],
            pass: [.link(link(uplink0))],
            then: [.renamed(from: eth0, to: uplink0)]
        ),
        EdgeCase(
            "renamed and brought up in one pass",
            given: [link(eth0, up: false)],
            pass: [.link(link(uplink0))],
            then: [.renamed(from: eth0, to: uplink0), .adminUp(uplink0), .operationallyUp(uplink0)]
        ),
        EdgeCase(
            "down and up again within one pass",
            given: [link(eth0)],
            pass: [.link(link(eth0, up: false)), .link(link(eth0))],
            then: []
        ),
        EdgeCase(
            "an address change",
            given: [link(eth0)],
            pass: [.address(eth0.index, address(v4))],
            then: []
        ),
        EdgeCase(
            "two interfaces in one pass, in index order",
            given: [link(eth0, up: false), link(eth1)],
            pass: [.link(link(eth1, up: false)), .link(link(eth0))],
            then: [.adminUp(eth0), .operationallyUp(eth0), .operationallyDown(eth1), .adminDown(eth1)]
        ),
    ]

    @Test(
        "edges come on the way up admin before operational, on the way down operational before admin",
        arguments: edgeTable
    )
    func edges(_ row: EdgeCase) {
        var monitor = ConnectivityMonitor()
        _ = monitor.apply(row.given.map { LinkChange.link($0) })
        #expect(monitor.apply(row.pass).edges == row.expected)
    }
}

extension ConnectivityMonitorTests {
    /// One way a ready IPv4-only eth0 can stop being ready, and the reason its unready event gives.
    struct UnreadyCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var change: LinkChange
        var reason: NotReadyReason
    }

    /// A pass applied to links in a given state, and the edges it must yield.
    struct EdgeCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var given: [LinkSnapshot]
        var pass: [LinkChange]
        var expected: [LinkEdge]

        init(_ name: String, given: [LinkSnapshot], pass: [LinkChange], then expected: [LinkEdge]) {
            self.testDescription = name
            self.given = given
            self.pass = pass
            self.expected = expected
        }
    }
}

import Testing
import UplinkCore

@testable import UplinkSimulation

/// The simulated kernel's table and its Linux rules, on their own.
@Suite("Simulated kernel")
struct SimulatedKernelTests {
    static let eth0 = InterfaceID(index: 2, name: "eth0")
    static let linkLocal = InterfaceAddress(.v6(IPv6Address("fe80::1")!), prefixLength: 64)
    static let ipv4 = InterfaceAddress(.v4(IPv4Address(192, 0, 2, 10)), prefixLength: 24)
    static let ipv6 = InterfaceAddress(.v6(IPv6Address("2001:db8:1::10")!), prefixLength: 64)

    var kernel = SimulatedKernel()

    init() {
        self.kernel.addInterface(
            Self.eth0,
            technology: .ethernet,
            isAdminUp: true,
            isLowerUp: true,
            automaticAddresses: [Self.linkLocal]
        )
        _ = self.kernel.setAddress(Self.ipv4, on: 2)
        _ = self.kernel.setAddress(Self.ipv6, on: 2)
    }

    @Test("an interface that starts up has its automatic addresses")
    func automaticAtStart() {
        #expect(self.kernel.addresses(2) == [Self.linkLocal, Self.ipv4, Self.ipv6])
        #expect(self.kernel.link(2)?.isOperationallyUp == true)
    }

    @Test("losing carrier reports the link, then removes every IPv6 address; IPv4 stays")
    mutating func carrierLost() {
        let changes = self.kernel.setLowerLayer(up: false, dormant: false, of: 2)

        #expect(
            changes == [
                .link(LinkSnapshot(index: 2, name: "eth0", technology: .ethernet, isAdminUp: true, hasCarrier: false)),
                .addressRemoved(2, Self.linkLocal.address, prefixLength: 64),
                .addressRemoved(2, Self.ipv6.address, prefixLength: 64),
            ]
        )
        #expect(self.kernel.addresses(2) == [Self.ipv4])
    }

    @Test("admin down clears carrier too; coming back up restores the link-local address only")
    mutating func adminCycle() {
        _ = self.kernel.setAdminState(false, of: 2)
        #expect(self.kernel.link(2)?.hasCarrier == false)

        let changes = self.kernel.setAdminState(true, of: 2)

        #expect(
            changes == [
                .link(LinkSnapshot(index: 2, name: "eth0", technology: .ethernet, isAdminUp: true, hasCarrier: true)),
                .address(2, Self.linkLocal),
            ]
        )
        #expect(self.kernel.addresses(2) == [Self.ipv4, Self.linkLocal])
    }

    @Test("dormancy shows only while there is carrier")
    mutating func dormancy() {
        _ = self.kernel.setLowerLayer(up: true, dormant: true, of: 2)
        #expect(self.kernel.link(2)?.isDormant == true)
        _ = self.kernel.setAdminState(false, of: 2)
        #expect(self.kernel.link(2)?.isDormant == false)
    }

    @Test("setting an address already there as given reports nothing; a state change is reported")
    mutating func addressUpdates() {
        #expect(self.kernel.setAddress(Self.ipv4, on: 2) == [])
        var tentative = Self.ipv6
        tentative.state = .tentative
        #expect(self.kernel.setAddress(tentative, on: 2) == [.address(2, tentative)])
        #expect(self.kernel.addresses(2).count == 3)
    }

    @Test("the dump is the whole table, links in index order")
    func dump() {
        guard case .replaceAll(let links, let addresses) = self.kernel.dump() else {
            Issue.record("not a replaceAll")
            return
        }
        #expect(links.map(\.name) == ["eth0"])
        #expect(addresses[2] == [Self.linkLocal, Self.ipv4, Self.ipv6])
    }
}

import Testing
import UplinkCore

/// One row of a readiness table: an interface's state and the verdict the rule must reach.
struct ReadinessCase: Sendable, CustomTestStringConvertible {
    var name: String
    var link: LinkSnapshot
    var addresses: [InterfaceAddress]
    var ignored = false
    var expected: InterfaceReadiness

    var testDescription: String { self.name }

    init(
        _ name: String,
        link: LinkSnapshot = ReadinessCase.link(),
        addresses: [InterfaceAddress],
        ignored: Bool = false,
        expected: InterfaceReadiness
    ) {
        self.name = name
        self.link = link
        self.addresses = addresses
        self.ignored = ignored
        self.expected = expected
    }

    /// An Ethernet link, by default up with carrier and not dormant.
    static func link(adminUp: Bool = true, carrier: Bool = true, dormant: Bool = false) -> LinkSnapshot {
        LinkSnapshot(
            index: 1,
            name: "eth0",
            technology: .ethernet,
            isAdminUp: adminUp,
            hasCarrier: carrier,
            isDormant: dormant
        )
    }
}

/// An address with the prefix length of its family; the scope defaults to the kernel's natural one.
private func address(
    _ address: IPAddress,
    _ state: AddressState = .preferred,
    scope: AddressScope? = nil
) -> InterfaceAddress {
    InterfaceAddress(address, prefixLength: address.family == .ipv4 ? 24 : 64, scope: scope, state: state)
}

/// The same verdict overall and in both families, as every link-level reason gives.
private func everywhere(_ reason: NotReadyReason) -> InterfaceReadiness {
    InterfaceReadiness(overall: .notReady(reason), ipv4: .notReady(reason), ipv6: .notReady(reason))
}

/// Neither family ready: the overall reason is given explicitly.
private func notReady(_ overall: NotReadyReason, ipv4: NotReadyReason, ipv6: NotReadyReason) -> InterfaceReadiness {
    InterfaceReadiness(overall: .notReady(overall), ipv4: .notReady(ipv4), ipv6: .notReady(ipv6))
}

/// At least one family ready, so the interface is.
private func ready(ipv4: Readiness, ipv6: Readiness) -> InterfaceReadiness {
    InterfaceReadiness(overall: .ready, ipv4: ipv4, ipv6: ipv6)
}

private let v4: IPAddress = "192.0.2.1"
private let v4b: IPAddress = "192.0.2.2"
private let v6: IPAddress = "2001:db8:1::1"
private let v6b: IPAddress = "2001:db8:1::2"
private let usable = [address(v4), address(v6)]

@Suite("Readiness rule")
struct ReadinessTests {
    static let linkReasonsTable: [ReadinessCase] = [
        ReadinessCase("ignored beats a ready link", addresses: usable, ignored: true, expected: everywhere(.ignored)),
        ReadinessCase(
            "ignored before admin-down",
            link: ReadinessCase.link(adminUp: false, carrier: false, dormant: true),
            addresses: usable,
            ignored: true,
            expected: everywhere(.ignored)
        ),
        ReadinessCase(
            "admin-down with usable addresses",
            link: ReadinessCase.link(adminUp: false),
            addresses: usable,
            expected: everywhere(.adminDown)
        ),
        ReadinessCase(
            "admin-down before no-carrier and dormant",
            link: ReadinessCase.link(adminUp: false, carrier: false, dormant: true),
            addresses: [],
            expected: everywhere(.adminDown)
        ),
        ReadinessCase(
            "no carrier with usable addresses",
            link: ReadinessCase.link(carrier: false),
            addresses: usable,
            expected: everywhere(.noCarrier)
        ),
        ReadinessCase(
            "no-carrier before dormant",
            link: ReadinessCase.link(carrier: false, dormant: true),
            addresses: usable,
            expected: everywhere(.noCarrier)
        ),
        ReadinessCase(
            "dormant with usable addresses",
            link: ReadinessCase.link(dormant: true),
            addresses: usable,
            expected: everywhere(.dormant)
        ),
        ReadinessCase(
            "dormant before address reasons",
            link: ReadinessCase.link(dormant: true),
            addresses: [address(v6, .duplicate), address(v4, .tentative)],
            expected: everywhere(.dormant)
        ),
    ]

    @Test(
        "link state decides first: ignored, then admin-down, then no carrier, then dormant",
        arguments: linkReasonsTable
    )
    func linkReasons(_ row: ReadinessCase) {
        self.check(row)
    }

    static let addressReasonsTable: [ReadinessCase] = [
        ReadinessCase(
            "no address at all",
            addresses: [],
            expected: notReady(.noAddress, ipv4: .noAddress, ipv6: .noAddress)
        ),
        ReadinessCase(
            "an unspecified address is no address",
            addresses: [address("0.0.0.0")],
            expected: notReady(.noAddress, ipv4: .noAddress, ipv6: .noAddress)
        ),
        ReadinessCase(
            "duplicate IPv6 address",
            addresses: [address(v6, .duplicate)],
            expected: notReady(.duplicateAddress(v6), ipv4: .noAddress, ipv6: .duplicateAddress(v6))
        ),
        ReadinessCase(
            "tentative IPv6 address (DAD running)",
            addresses: [address(v6, .tentative)],
            expected: notReady(.tentativeAddress(v6), ipv4: .noAddress, ipv6: .tentativeAddress(v6))
        ),
        ReadinessCase(
            "deprecated IPv6 address",
            addresses: [address(v6, .deprecated)],
            expected: notReady(.deprecatedAddress(v6), ipv4: .noAddress, ipv6: .deprecatedAddress(v6))
        ),
        ReadinessCase(
            "duplicate IPv4 address (ACD conflict)",
            addresses: [address(v4, .duplicate)],
            expected: notReady(.duplicateAddress(v4), ipv4: .duplicateAddress(v4), ipv6: .noAddress)
        ),
        ReadinessCase(
            "tentative IPv4 address (ACD running)",
            addresses: [address(v4, .tentative)],
            expected: notReady(.tentativeAddress(v4), ipv4: .tentativeAddress(v4), ipv6: .noAddress)
        ),
        ReadinessCase(
            "only an IPv6 link-local address",
            addresses: [address("fe80::1")],
            expected: notReady(.onlyLinkLocal, ipv4: .noAddress, ipv6: .onlyLinkLocal)
        ),
        ReadinessCase(
            "only an IPv4 link-local address",
            addresses: [address("169.254.1.1")],
            expected: notReady(.onlyLinkLocal, ipv4: .onlyLinkLocal, ipv6: .noAddress)
        ),
        ReadinessCase(
            "only loopback addresses",
            addresses: [address("127.0.0.1"), address("::1")],
            expected: notReady(.onlyLoopback, ipv4: .onlyLoopback, ipv6: .onlyLoopback)
        ),
    ]

    @Test("with the link up, an address family without a usable address says why", arguments: addressReasonsTable)
    func addressReasons(_ row: ReadinessCase) {
        self.check(row)
    }

    static let addressPrecedenceTable: [ReadinessCase] = [
        // The more telling reason sits on the higher address, so rank, not address order, decides.
        ReadinessCase(
            "duplicate before tentative",
            addresses: [address(v6, .tentative), address(v6b, .duplicate)],
            expected: notReady(.duplicateAddress(v6b), ipv4: .noAddress, ipv6: .duplicateAddress(v6b))
        ),
        ReadinessCase(
            "tentative before deprecated",
            addresses: [address(v6, .deprecated), address(v6b, .tentative)],
            expected: notReady(.tentativeAddress(v6b), ipv4: .noAddress, ipv6: .tentativeAddress(v6b))
        ),
        ReadinessCase(
            "deprecated before link-local",
            addresses: [address("fe80::1"), address(v6b, .deprecated)],
            expected: notReady(.deprecatedAddress(v6b), ipv4: .noAddress, ipv6: .deprecatedAddress(v6b))
        ),
        ReadinessCase(
            "link-local before loopback",
            addresses: [address("::1"), address("fe80::1")],
            expected: notReady(.onlyLinkLocal, ipv4: .noAddress, ipv6: .onlyLinkLocal)
        ),
        ReadinessCase(
            "loopback before no address",
            addresses: [address("0.0.0.0"), address("127.0.0.1")],
            expected: notReady(.onlyLoopback, ipv4: .onlyLoopback, ipv6: .noAddress)
        ),
        ReadinessCase(
            "IPv4: tentative before link-local",
            addresses: [address("169.254.1.1"), address(v4b, .tentative)],
            expected: notReady(.tentativeAddress(v4b), ipv4: .tentativeAddress(v4b), ipv6: .noAddress)
        ),
    ]

    @Test(
        "within a family the most telling reason wins: duplicate, tentative, deprecated, link-local, loopback, none",
        arguments: addressPrecedenceTable
    )
    func addressPrecedence(_ row: ReadinessCase) {
        self.check(row)
    }

    static let overallReasonTable: [ReadinessCase] = [
        ReadinessCase(
            "tentative IPv6 says more than no IPv4",
            addresses: [address(v6, .tentative)],
            expected: notReady(.tentativeAddress(v6), ipv4: .noAddress, ipv6: .tentativeAddress(v6))
        ),
        ReadinessCase(
            "tentative IPv4 says more than link-local IPv6",
            addresses: [address("fe80::1"), address(v4, .tentative)],
            expected: notReady(.tentativeAddress(v4), ipv4: .tentativeAddress(v4), ipv6: .onlyLinkLocal)
        ),
        ReadinessCase(
            "link-local IPv4 says more than loopback IPv6",
            addresses: [address("::1"), address("169.254.1.1")],
            expected: notReady(.onlyLinkLocal, ipv4: .onlyLinkLocal, ipv6: .onlyLoopback)
        ),
        ReadinessCase(
            "duplicate IPv6 says more than loopback IPv4",
            addresses: [address("127.0.0.1"), address(v6, .duplicate)],
            expected: notReady(.duplicateAddress(v6), ipv4: .onlyLoopback, ipv6: .duplicateAddress(v6))
        ),
        ReadinessCase(
            "an equal reason in both families names the IPv4 address, the lower one",
            addresses: [address(v6, .tentative), address(v4, .tentative)],
            expected: notReady(.tentativeAddress(v4), ipv4: .tentativeAddress(v4), ipv6: .tentativeAddress(v6))
        ),
    ]

    @Test("with neither family ready, the overall reason is the more telling of the two", arguments: overallReasonTable)
    func overallReason(_ row: ReadinessCase) {
        self.check(row)
    }

    static let perFamilyTable: [ReadinessCase] = [
        ReadinessCase(
            "IPv4 only",
            addresses: [address(v4)],
            expected: ready(ipv4: .ready, ipv6: .notReady(.noAddress))
        ),
        ReadinessCase(
            "IPv6 only",
            addresses: [address(v6)],
            expected: ready(ipv4: .notReady(.noAddress), ipv6: .ready)
        ),
        ReadinessCase("both families", addresses: usable, expected: ready(ipv4: .ready, ipv6: .ready)),
        ReadinessCase(
            "IPv4 ready while IPv6 is tentative",
            addresses: [address(v6, .tentative), address(v4)],
            expected: ready(ipv4: .ready, ipv6: .notReady(.tentativeAddress(v6)))
        ),
        ReadinessCase(
            "a preferred global address beside a tentative one",
            addresses: [address(v6, .tentative), address(v6b)],
            expected: ready(ipv4: .notReady(.noAddress), ipv6: .ready)
        ),
        ReadinessCase(
            "a tentative address beside a preferred global one",
            addresses: [address(v6b), address(v6, .tentative)],
            expected: ready(ipv4: .notReady(.noAddress), ipv6: .ready)
        ),
        ReadinessCase(
            "a preferred global address beside a duplicate and a link-local one",
            addresses: [address(v4, .duplicate), address("169.254.1.1"), address(v4b)],
            expected: ready(ipv4: .ready, ipv6: .notReady(.noAddress))
        ),
        ReadinessCase(
            "a site-scope address counts",
            addresses: [address(v6, scope: .site)],
            expected: ready(ipv4: .notReady(.noAddress), ipv6: .ready)
        ),
    ]

    @Test("each family is judged on its own; one ready family makes the interface ready", arguments: perFamilyTable)
    func perFamily(_ row: ReadinessCase) {
        self.check(row)
    }

    static let neverCountingTable: [ReadinessCase] = [
        ReadinessCase(
            "IPv4 link-local claimed global",
            addresses: [address("169.254.7.8", scope: .global)],
            expected: notReady(.onlyLinkLocal, ipv4: .onlyLinkLocal, ipv6: .noAddress)
        ),
        ReadinessCase(
            "IPv6 link-local claimed global",
            addresses: [address("fe80::1", scope: .global)],
            expected: notReady(.onlyLinkLocal, ipv4: .noAddress, ipv6: .onlyLinkLocal)
        ),
        ReadinessCase(
            "IPv4 loopback claimed global",
            addresses: [address("127.0.0.1", scope: .global)],
            expected: notReady(.onlyLoopback, ipv4: .onlyLoopback, ipv6: .noAddress)
        ),
        ReadinessCase(
            "IPv6 loopback claimed global",
            addresses: [address("::1", scope: .global)],
            expected: notReady(.onlyLoopback, ipv4: .noAddress, ipv6: .onlyLoopback)
        ),
        ReadinessCase(
            "a global address reported with host scope",
            addresses: [address(v4, scope: .host)],
            expected: notReady(.onlyLoopback, ipv4: .onlyLoopback, ipv6: .noAddress)
        ),
        ReadinessCase(
            "a global address reported with link scope",
            addresses: [address(v6, scope: .link)],
            expected: notReady(.onlyLinkLocal, ipv4: .noAddress, ipv6: .onlyLinkLocal)
        ),
    ]

    @Test(
        "link-local and loopback addresses never count, whatever scope is claimed for them",
        arguments: neverCountingTable
    )
    func neverCounting(_ row: ReadinessCase) {
        self.check(row)
    }

    static let tiesTable: [ReadinessCase] = [
        ReadinessCase(
            "two tentative IPv6 addresses, higher first",
            addresses: [address(v6b, .tentative), address(v6, .tentative)],
            expected: notReady(.tentativeAddress(v6), ipv4: .noAddress, ipv6: .tentativeAddress(v6))
        ),
        ReadinessCase(
            "two tentative IPv6 addresses, lower first",
            addresses: [address(v6, .tentative), address(v6b, .tentative)],
            expected: notReady(.tentativeAddress(v6), ipv4: .noAddress, ipv6: .tentativeAddress(v6))
        ),
        ReadinessCase(
            "duplicate IPv4 addresses compare numerically, not as text",
            addresses: [address("192.0.2.10", .duplicate), address("192.0.2.9", .duplicate)],
            expected: notReady(
                .duplicateAddress("192.0.2.9"),
                ipv4: .duplicateAddress("192.0.2.9"),
                ipv6: .noAddress
            )
        ),
        ReadinessCase(
            "three deprecated addresses, lowest in the middle",
            addresses: [address("198.18.0.3", .deprecated), address(v4, .deprecated), address(v4b, .deprecated)],
            expected: notReady(.deprecatedAddress(v4), ipv4: .deprecatedAddress(v4), ipv6: .noAddress)
        ),
    ]

    @Test("on ties the lowest address is named, whatever order the kernel reported them in", arguments: tiesTable)
    func ties(_ row: ReadinessCase) {
        self.check(row)
    }

    static var allCases: [ReadinessCase] {
        linkReasonsTable + addressReasonsTable + addressPrecedenceTable + overallReasonTable + perFamilyTable
            + neverCountingTable + tiesTable
    }

    @Test("the verdict does not depend on the order addresses were reported in", arguments: allCases)
    func orderIndependent(_ row: ReadinessCase) {
        let forward = InterfaceReadiness.evaluate(link: row.link, addresses: row.addresses, isIgnored: row.ignored)
        let backward = InterfaceReadiness.evaluate(
            link: row.link,
            addresses: Array(row.addresses.reversed()),
            isIgnored: row.ignored
        )
        #expect(forward == backward)
    }

    @Test("the tables cover every reason the rule can return")
    func coverage() {
        let returnable: Set<String> = [
            "ignored", "admin-down", "no-carrier", "dormant", "duplicate-address", "tentative-address",
            "deprecated-address", "only-link-local", "only-loopback", "no-address",
        ]
        var seen = Set<String>()
        for row in Self.allCases {
            for readiness in [row.expected.overall, row.expected.ipv4, row.expected.ipv6] {
                if let reason = readiness.reason { seen.insert(reason.code) }
            }
        }
        #expect(seen == returnable)
        #expect(!seen.contains(NotReadyReason.removed.code))
    }

    private func check(_ row: ReadinessCase, sourceLocation: SourceLocation = #_sourceLocation) {
        let verdict = InterfaceReadiness.evaluate(link: row.link, addresses: row.addresses, isIgnored: row.ignored)
        #expect(verdict.overall == row.expected.overall, "overall", sourceLocation: sourceLocation)
        #expect(verdict.ipv4 == row.expected.ipv4, "IPv4", sourceLocation: sourceLocation)
        #expect(verdict.ipv6 == row.expected.ipv6, "IPv6", sourceLocation: sourceLocation)
        for channel in ConnectivityChannel.allCases {
            #expect(
                verdict.readiness(on: channel) == row.expected.readiness(on: channel), sourceLocation: sourceLocation)
        }
    }
}

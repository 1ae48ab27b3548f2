import Testing
import UplinkCore
import UplinkCoreTesting

struct IPAddressTests {
    // MARK: IPv4 parsing

    @Test(
        "valid dotted quads parse to the expected value and print back unchanged",
        arguments: [
            ("192.0.2.1", UInt32(0xC000_0201)),
            ("0.0.0.0", 0),
            ("255.255.255.255", 0xFFFF_FFFF),
            ("198.18.0.0", 0xC612_0000),
            ("198.19.255.254", 0xC613_FFFE),
            ("127.0.0.1", 0x7F00_0001),
            ("169.254.10.20", 0xA9FE_0A14),
            ("192.0.2.100", 0xC000_0264),
        ]
    )
    func validIPv4(text: String, value: UInt32) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.value == value)
        #expect(address.description == text)
        #expect(IPAddress(text) == .v4(address))
    }

    @Test(
        "malformed dotted quads are rejected",
        arguments: [
            "", "192.0.2", "192.0.2.1.5", "192.0.2.256", "192.0.2.", ".192.0.2.1", "192..2.1", "192.0.02.1",
            "01.0.2.1", "192.0.2.00", "+192.0.2.1", "192.0.+2.1", "-1.0.2.1", " 192.0.2.1", "192.0.2.1 ",
            "192.0. 2.1", "192.0.2.1\n", "0xC0.0.2.1", "192.0.2.a", "3221225985", "192.0.2.99999999999999",
            "１９２.0.2.1",
        ]
    )
    func invalidIPv4(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test("a substring parses like the string it came from")
    func ipv4FromSubstring() {
        let line = "via 192.0.2.7 dev eth0"
        let word = line.split(separator: " ")[1]
        #expect(IPv4Address(word) == IPv4Address(192, 0, 2, 7))
    }

    // MARK: IPv6 parsing and canonical form

    @Test(
        "valid IPv6 text forms parse and print in RFC 5952 canonical form",
        arguments: [
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8::1", "2001:db8::1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8::0:1", "2001:db8::1"),
            ("2001:db8:1:2:3:4:5::", "2001:db8:1:2:3:4:5:0"),
            ("2001:db8:1:2:3:4::5", "2001:db8:1:2:3:4:0:5"),
            ("::", "::"),
            ("0:0:0:0:0:0:0:0", "::"),
            ("::1", "::1"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("1::", "1::"),
            ("fe80::1", "fe80::1"),
            ("FE80::AbCd", "fe80::abcd"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("::FFFF:c000:0201", "::ffff:192.0.2.1"),
            ("0:0:0:0:0:ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
            ("2001:db8:1:2:3:4:198.18.0.1", "2001:db8:1:2:3:4:c612:1"),
            ("2001:db8::198.18.0.1", "2001:db8::c612:1"),
            ("ff02::1", "ff02::1"),
            ("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff"),
        ]
    )
    func validIPv6(text: String, canonical: String) throws {
        let address = try #require(IPv6Address(text))
        #expect(address.description == canonical)
        #expect(IPv6Address(canonical) == address)
        #expect(IPAddress(text) == .v6(address))
        #expect(IPAddress(text)?.description == canonical)
    }

    @Test("parsed IPv6 values land in the right halves")
    func ipv6Halves() throws {
        let address = try #require(IPv6Address("2001:db8::1"))
        #expect(address.high == 0x2001_0DB8_0000_0000)
        #expect(address.low == 1)
        let mapped = try #require(IPv6Address("::ffff:192.0.2.1"))
        #expect(mapped.high == 0)
        #expect(mapped.low == 0x0000_FFFF_C000_0201)
        let full = try #require(IPv6Address("2001:db8:1:2:3:4:5:6"))
        #expect(full == IPv6Address(high: 0x2001_0DB8_0001_0002, low: 0x0003_0004_0005_0006))
    }

    @Test(
        "malformed IPv6 text is rejected",
        arguments: [
            "",
            ":",
            ":::",
            "fe80::1%eth0",
            "fe80::1%1",
            "[2001:db8::1]",
            "[2001:db8::1",
            "2001:db8::1::2",
            "::1::",
            "2001:db8:::1",
            "2001:db8:12345::1",
            "2001:db8:00001::1",
            "2001:db8:1:2:3:4:5:6:7",
            "2001:db8:1:2:3:4:5:6::",
            "::2001:db8:1:2:3:4:5:6",
            "2001:db8:1:2:3:4:5",
            "2001:db8:1:2:3:4:5:",
            ":2001:db8:1:2:3:4:5:6",
            "2001:db8::1:",
            ":2001:db8::1",
            "2001:db8::g",
            "2001:db8:: 1",
            " ::1",
            "::1 ",
            "2001:db8:1:2:3:4:5:192.0.2.1",
            "::ffff:192.0.2",
            "::ffff:192.0.2.256",
            "::ffff:192.0.02.1",
            "::192.0.2.1:1",
            "::ffff:1.2.3.4.5",
            "192.0.2.1::",
            "2001:db8::-1",
            "2001:db8::+1",
        ]
    )
    func invalidIPv6(text: String) {
        #expect(IPv6Address(text) == nil)
        #expect(IPAddress(text) == nil)
    }

    @Test("a bare dotted quad is not an IPv6 address")
    func dottedQuadIsNotIPv6() {
        #expect(IPv6Address("192.0.2.1") == nil)
    }

    // MARK: The enum

    @Test(
        "IPAddress parses each family and reports it",
        arguments: [("192.0.2.1", AddressFamily?.some(.ipv4)), ("2001:db8::1", .ipv6), ("not an address", nil)]
    )
    func families(text: String, family: AddressFamily?) {
        #expect(IPAddress(text)?.family == family)
    }

    @Test("the testing library's string literals make addresses")
    func literals() {
        let literal: IPAddress = "198.18.0.1"
        #expect(literal == .v4(IPv4Address(198, 18, 0, 1)))
        let literal6: IPAddress = "2001:DB8::1"
        #expect(literal6.description == "2001:db8::1")
    }

    @Test("address families order IPv4 first")
    func familyOrder() {
        #expect(AddressFamily.ipv4 < .ipv6)
        #expect(!(AddressFamily.ipv6 < .ipv4))
        #expect(AddressFamily.allCases.sorted() == [.ipv4, .ipv6])
    }

    // MARK: Predicates

    @Test(
        "link-local, loopback and unspecified predicates",
        arguments: [
            ("169.254.0.1", true, false, false),
            ("169.254.255.255", true, false, false),
            ("169.253.255.255", false, false, false),
            ("169.255.0.0", false, false, false),
            ("127.0.0.1", false, true, false),
            ("127.255.255.254", false, true, false),
            ("128.0.0.0", false, false, false),
            ("0.0.0.0", false, false, true),
            ("192.0.2.1", false, false, false),
            ("fe80::1", true, false, false),
            ("fe80::", true, false, false),
            ("febf:ffff::1", true, false, false),
            ("fec0::1", false, false, false),
            ("fe7f::1", false, false, false),
            ("::1", false, true, false),
            ("::2", false, false, false),
            ("1::1", false, false, false),
            ("::", false, false, true),
            ("2001:db8::1", false, false, false),
            ("::ffff:127.0.0.1", false, false, false),
        ]
    )
    func predicates(text: String, isLinkLocal: Bool, isLoopback: Bool, isUnspecified: Bool) throws {
        let address = try #require(IPAddress(text))
        #expect(address.isLinkLocal == isLinkLocal)
        #expect(address.isLoopback == isLoopback)
        #expect(address.isUnspecified == isUnspecified)
    }

    @Test("multicast is ff00::/8", arguments: [("ff02::1", true), ("ff00::", true), ("fe80::1", false), ("::", false)])
    func multicast(text: String, isMulticast: Bool) throws {
        #expect(try #require(IPv6Address(text)).isMulticast == isMulticast)
    }

    // MARK: Bytes

    @Test("IPv4 bytes are in network order and round trip")
    func ipv4Bytes() throws {
        let address = IPv4Address(192, 0, 2, 1)
        #expect(address.value == 0xC000_0201)
        #expect(address.bytes == [192, 0, 2, 1])
        #expect(IPv4Address(bytes: address.bytes) == address)
        #expect(IPv4Address(bytes: [198, 18, 0, 1][...]) == IPv4Address(198, 18, 0, 1))
        #expect(IPv4Address(bytes: [192, 0, 2]) == nil)
        #expect(IPv4Address(bytes: [192, 0, 2, 1, 0]) == nil)
        #expect(IPv4Address(bytes: []) == nil)
    }

    @Test("IPv6 bytes are in network order and round trip")
    func ipv6Bytes() throws {
        let address = try #require(IPv6Address("2001:db8:102:304:506:708:90a:b0c"))
        let expected: [UInt8] = [0x20, 0x01, 0x0D, 0xB8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        #expect(address.bytes == expected)
        #expect(IPv6Address(bytes: expected) == address)
        #expect(IPv6Address(bytes: expected.dropLast()) == nil)
        #expect(IPv6Address(bytes: expected + [0]) == nil)
        #expect(IPv6Address(bytes: [UInt8]()) == nil)
        #expect(IPv6Address(bytes: [UInt8](repeating: 0, count: 15) + [1]) == IPv6Address("::1"))
    }

    // MARK: Ordering

    @Test("addresses sort IPv4 first, then numerically")
    func ordering() {
        let sorted = [
            "0.0.0.0", "192.0.2.9", "192.0.2.10", "198.18.0.1", "255.255.255.255",
            "::", "::1", "2001:db8::1", "2001:db8::2", "2001:db8:0:1::", "fe80::1",
        ].map { IPAddress($0)! }
        #expect(sorted.reversed().sorted() == sorted)
        let rotated = Array(sorted[5...] + sorted[..<5])
        #expect(rotated.sorted() == sorted)
        #expect(IPAddress.v4(IPv4Address(255, 255, 255, 255)) < IPAddress.v6(IPv6Address(high: 0, low: 0)))
        #expect(IPv6Address(high: 1, low: 0) > IPv6Address(high: 0, low: .max))
        #expect(IPv4Address(192, 0, 2, 9) < IPv4Address(192, 0, 2, 10))
    }

    @Test("equal text forms make equal, equally hashed addresses")
    func hashing() {
        let forms: Set<IPAddress> = ["2001:DB8::1", "2001:db8:0:0:0:0:0:1", "2001:0db8::0001", "192.0.2.1"]
        #expect(forms.count == 2)
    }
}

import CNetlink
import Foundation
import Testing
import UplinkCore

@testable import UplinkLinux

/// Technology classification and the sysfs reader, on fixture trees in temporary directories.
@Suite("links: technology and sysfs")
struct LinksTechnologyTests {
    @Test("netlink facts alone: loopback, kinds, PPP, Ethernet, other")
    func fromNetlink() throws {
        let classifier = TechnologyClassifier(sysfs: nil)
        let fixture = NetlinkFixture.shared
        for (name, technology) in [
            ("dump-links/1", Technology.loopback), ("veth-created/1", .virtual), ("bridge-created/1", .virtual),
            ("macvlan-created/2", .virtual), ("vxlan-created/1", .virtual), ("tap-created/1", .virtual),
            ("tun-created/1", .virtual), ("ifb-created/1", .virtual),
        ] {
            guard case .link(let link) = try fixture.message(name).payload else {
                Issue.record("\(name) is not a link")
                continue
            }
            #expect(classifier.technology(of: link) == technology, "\(name)")
        }
        #expect(classifier.technology(of: Self.link(type: ARPHRD_PPP, name: "ppp0")) == .cellular)
        #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "eth0")) == .ethernet)
        #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "wwan0", kind: "wwan")) == .cellular)
        #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "rmnet0", kind: "rmnet")) == .cellular)
        #expect(classifier.technology(of: Self.link(type: ARPHRD_IEEE80211_RADIOTAP, name: "mon0")) == .other)
        #expect(classifier.technology(of: Self.link(type: ARPHRD_NONE, name: "wwan1")) == .other)
    }

    @Test("sysfs: a wireless folder, a phy80211 link or DEVTYPE=wlan is Wi-Fi; DEVTYPE=wwan is cellular")
    func fromSysfs() throws {
        try Self.withTree([
            "wlan0": ["ifindex": "3\n", "uevent": "DEVTYPE=wlan\nINTERFACE=wlan0\nIFINDEX=3\n", "wireless/": ""],
            "wlp2s0": ["ifindex": "4\n", "uevent": "INTERFACE=wlp2s0\n", "phy80211": ""],
            "wwan0": ["ifindex": "5\n", "uevent": "DEVTYPE=wwan\nINTERFACE=wwan0\n"],
            "wwan1": ["ifindex": "6\n", "uevent": "DEVTYPE=wwan\n"],
            "eth0": ["ifindex": "7\n", "uevent": "INTERFACE=eth0\nIFINDEX=7\n"],
        ]) { root in
            let classifier = TechnologyClassifier(sysfs: SysfsNetReader(root: root))
            #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "wlan0", index: 3)) == .wifi)
            #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "wlp2s0", index: 4)) == .wifi)
            #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "wwan0", index: 5)) == .cellular)
            #expect(classifier.technology(of: Self.link(type: ARPHRD_NONE, name: "wwan1", index: 6)) == .cellular)
            #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "eth0", index: 7)) == .ethernet)
            // A kind wins over sysfs: a veth someone named wlan0 is still virtual.
            #expect(
                classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "wlan0", index: 3, kind: "veth"))
                    == .virtual)
        }
    }

    @Test("an entry with another ifindex (another namespace's interface) or none at all is ignored")
    func foreignOrMissingEntries() throws {
        try Self.withTree(["wlan0": ["ifindex": "3\n", "wireless/": ""]]) { root in
            let reader = SysfsNetReader(root: root)
            #expect(reader.entry(named: "wlan0", index: 3) == SysfsNetReader.Entry(isWireless: true, deviceType: nil))
            #expect(reader.entry(named: "wlan0", index: 12) == nil)
            #expect(reader.entry(named: "eth9", index: 3) == nil)
            #expect(reader.entry(named: "../wlan0", index: 3) == nil)
            let classifier = TechnologyClassifier(sysfs: reader)
            #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "wlan0", index: 12)) == .ethernet)
            #expect(classifier.technology(of: Self.link(type: ARPHRD_ETHER, name: "eth9", index: 3)) == .ethernet)
        }
        let nowhere = TechnologyClassifier(sysfs: SysfsNetReader(root: "/nonexistent/uplink-sysfs"))
        #expect(nowhere.technology(of: Self.link(type: ARPHRD_ETHER, name: "eth0")) == .ethernet)
    }

    @Test("the real /sys/class/net/lo reads, with its index")
    func realLoopback() {
        #expect(
            SysfsNetReader().entry(named: "lo", index: 1) == SysfsNetReader.Entry(isWireless: false, deviceType: nil))
    }

    @Test("the translator reads sysfs once per interface and forgets it when the link goes")
    func technologyIsRemembered() throws {
        try Self.withTree(["eth0": ["ifindex": "7\n", "wireless/": ""]]) { root in
            var translator = LinkChangeTranslator(classifier: TechnologyClassifier(sysfs: SysfsNetReader(root: root)))
            let message = NetlinkMessage(
                type: UInt16(RTM_NEWLINK), payload: .link(Self.link(type: ARPHRD_ETHER, name: "eth0", index: 7)))
            #expect(translator.changes(for: [message]).first.map(Self.technology) == .wifi)
            try FileManager.default.removeItem(atPath: root + "/eth0/wireless")
            #expect(translator.changes(for: [message]).first.map(Self.technology) == .wifi, "remembered")
            let removal = NetlinkMessage(
                type: UInt16(RTM_DELLINK), payload: .link(Self.link(type: ARPHRD_ETHER, name: "eth0", index: 7)))
            #expect(translator.changes(for: [removal]) == [.linkRemoved(7)])
            #expect(translator.changes(for: [message]).first.map(Self.technology) == .ethernet, "read again")
        }
    }

    private static func technology(of change: LinkChange) -> Technology? {
        guard case .link(let link) = change else { return nil }
        return link.technology
    }

    static func link(type: Int32, name: String, index: Int32 = 40, kind: String? = nil) -> LinkMessage {
        var link = LinkMessage(type: UInt16(type), index: index)
        link.name = name
        link.kind = kind
        return link
    }

    /// Builds a sysfs-like tree: a folder per interface, a file per name (a folder for names ending in
    /// "/"), runs `body` with its root and removes it.
    static func withTree(_ tree: [String: [String: String]], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("uplink-sysfs-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (interface, files) in tree {
            let folder = root + "/" + interface
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, contents) in files {
                if name.hasSuffix("/") {
                    try FileManager.default.createDirectory(
                        atPath: folder + "/" + name, withIntermediateDirectories: true)
                } else {
                    try contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
                }
            }
        }
        try body(root)
    }
}

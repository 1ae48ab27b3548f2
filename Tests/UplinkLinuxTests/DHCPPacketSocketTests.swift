import Glibc
import Testing
import UplinkCore
import UplinkLabSupport
import UplinkLinux

@Suite("the DHCP packet socket")
struct DHCPPacketSocketTests {
    @Test(
        "without CAP_NET_RAW opening fails and says what it needs",
        .enabled(if: geteuid() != 0, "runs only without root, where the kernel refuses packet sockets")
    )
    func permissionDenied() {
        #expect {
            try DHCPPacketSocket(interface: InterfaceID(index: 1, name: "lo")) { _ in }
        } throws: { error in
            guard let error = error as? DHCPTransportError else { return false }
            return error.isPermissionDenied && "\(error)".hasPrefix("DHCP needs root or CAP_NET_RAW")
        }
    }

    @Test(
        "an interface that is not Ethernet is refused by name",
        .enabled(if: EthernetLab.isAvailable, "needs root, ip and dnsmasq (apt-get install dnsmasq)")
    )
    func notEthernet() throws {
        let lab = try EthernetLab()
        defer { lab.close() }
        #expect {
            try DHCPPacketSocket(interface: InterfaceID(index: 1, name: "lo"), namespace: lab.clientNamespace) { _ in }
        } throws: { error in
            "\(error)".contains("lo is not Ethernet")
        }
    }

    @Test(
        "the socket reads its interface's MAC",
        .enabled(if: EthernetLab.isAvailable, "needs root, ip and dnsmasq (apt-get install dnsmasq)")
    )
    func readsMAC() throws {
        let lab = try EthernetLab()
        defer { lab.close() }
        try Spawn.run(
            [
                "ip", "-n", lab.client, "link", "set", lab.clientInterface, "address", "02:00:5e:00:53:07",
            ], check: true)
        let index = try lab.clientIndex()
        let socket = try DHCPPacketSocket(
            interface: InterfaceID(index: index, name: lab.clientInterface), namespace: lab.clientNamespace
        ) { _ in }
        defer { socket.close() }
        #expect(socket.hardwareAddress == [0x02, 0x00, 0x5E, 0x00, 0x53, 0x07])
    }
}

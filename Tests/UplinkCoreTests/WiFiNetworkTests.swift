import Testing
import UplinkCore

/// How a network reads in a list: its band from the frequency, its signal as bars.
@Suite("Wi-Fi networks")
struct WiFiNetworkTests {
    static func network(frequency: Int? = nil, signal: Int? = nil) throws -> WiFiNetwork {
        WiFiNetwork(ssid: try SSID("Workshop"), signal: signal, security: .wpa2Personal, frequency: frequency)
    }

    @Test(
        "the band follows the channel's frequency, and is unknown without one",
        arguments: [(2412, "2.4G"), (2484, "2.4G"), (5180, "5G"), (5825, "5G"), (5955, "6G"), (60480, nil)]
            as [(Int, String?)]
    )
    func band(frequency: Int, band: String?) throws {
        #expect(try Self.network(frequency: frequency).band == band)
        #expect(try Self.network().band == nil)
    }

    @Test("signal reads as 4 bars at -50 dBm or better down to none at -81 and below, and none unseen")
    func bars() throws {
        #expect(try [-40, -50, -55, -65, -75, -85].map { try Self.network(signal: $0).bars } == [4, 4, 3, 2, 1, 0])
        #expect(try Self.network().bars == 0)
    }

    @Test("a list is the scan strongest first, marked known and current, then unseen remembered networks by name, once")
    func list() throws {
        let (office, guest, depot, shed) = (try SSID("Office"), try SSID("Guest"), try SSID("Depot"), try SSID("Shed"))
        let seen = [
            WiFiNetwork(ssid: guest, signal: -70, security: .open),
            WiFiNetwork(ssid: office, signal: -50, security: .wpa2Personal),
        ]
        let remembered: [(ssid: SSID, security: WiFiSecurity)] = [
            (office, .wpa2Personal), (shed, .wpa2Personal), (depot, .wpa3Personal), (shed, .wpa2Personal),
        ]

        let list = WiFiNetwork.list(seen: seen, remembered: remembered, current: depot)

        #expect(list.map(\.ssid) == [office, guest, depot, shed])
        #expect(list.map(\.isKnown) == [true, false, true, true])
        #expect(list.map(\.isCurrent) == [false, false, true, false])
        #expect(list.map(\.signal) == [-50, -70, nil, nil])
        #expect(list[2].security == .wpa3Personal)
    }
}

import Testing
import UplinkLinux

/// Finding wpa_supplicant's configuration file from its command line.
@Suite("wpa_supplicant's configuration file")
struct SupplicantConfigurationFileTests {
    @Test(
        "the -c of the interface's -i block, in either spelling, across -N blocks",
        arguments: [
            (["wpa_supplicant", "-B", "-i", "wlan0", "-c", "/etc/w.conf"], "wlan0", "/etc/w.conf"),
            (["wpa_supplicant", "-iwlan0", "-c/etc/w.conf", "-D", "nl80211"], "wlan0", "/etc/w.conf"),
            (
                ["wpa_supplicant", "-i", "wlan0", "-c", "a.conf", "-N", "-i", "wlan1", "-c", "b.conf"], "wlan1",
                "b.conf"
            ),
            (
                ["wpa_supplicant", "-i", "wlan0", "-c", "a.conf", "-N", "-i", "wlan1", "-c", "b.conf"], "wlan0",
                "a.conf"
            ),
            (["wpa_supplicant", "-i", "wlan0"], "wlan0", nil),
            (["wpa_supplicant", "-i", "wlan1", "-c", "/etc/w.conf"], "wlan0", nil),
        ] as [([String], String, String?)]
    )
    func configurationArgument(arguments: [String], interface: String, expected: String?) {
        #expect(SupplicantConfigurationFile.configuration(in: arguments, for: interface) == expected)
    }
}

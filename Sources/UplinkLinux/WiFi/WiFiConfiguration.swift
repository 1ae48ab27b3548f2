/// How uplink reaches one interface's wpa_supplicant and what it asks of enterprise networks.
public struct WiFiConfiguration: Hashable, Sendable {
    /// Debian's and most distributions' `ctrl_interface` directory.
    public static let defaultSupplicantDirectory = "/run/wpa_supplicant"

    /// The directory holding wpa_supplicant's control sockets (its `ctrl_interface`); the
    /// interface's socket is `DIRECTORY/IFNAME`.
    public var supplicantDirectory: String
    /// How enterprise (802.1X) networks are configured: key management and EAP methods. Wi-Fi uses
    /// `WPA-EAP` with PEAP or TTLS; a wired 802.1X port uses `IEEE8021X`.
    public var enterprise: SupplicantNetworkSettings.EnterpriseOptions

    public init(
        supplicantDirectory: String = WiFiConfiguration.defaultSupplicantDirectory,
        enterprise: SupplicantNetworkSettings.EnterpriseOptions = SupplicantNetworkSettings.EnterpriseOptions()
    ) {
        self.supplicantDirectory = supplicantDirectory
        self.enterprise = enterprise
    }
}

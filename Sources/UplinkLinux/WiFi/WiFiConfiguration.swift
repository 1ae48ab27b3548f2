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
    /// wpa_supplicant's configuration file, made owner-only after each SAVE_CONFIG; nil to find it
    /// from the running supplicant's command line (`SupplicantConfigurationFile.find`).
    public var supplicantFile: String?

    public init(
        supplicantDirectory: String = WiFiConfiguration.defaultSupplicantDirectory,
        enterprise: SupplicantNetworkSettings.EnterpriseOptions = SupplicantNetworkSettings.EnterpriseOptions(),
        supplicantFile: String? = nil
    ) {
        self.supplicantDirectory = supplicantDirectory
        self.enterprise = enterprise
        self.supplicantFile = supplicantFile
    }
}

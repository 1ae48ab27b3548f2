import UplinkCore

/// One `[interfaces.NAME]` table: which implementation connects the interface, the binding's flags
/// and timeouts, and how it gets its IPv4 address.
public struct InterfaceConfiguration: Hashable, Sendable {
    /// How the interface gets its IPv4 address.
    public enum IPv4: Hashable, Sendable {
        /// By DHCP (the default).
        case dhcp
        /// A fixed address and prefix, with a default route through `gateway` when there is one.
        case fixed(address: IPv4Address, prefixLength: Int, gateway: IPv4Address?)
    }

    /// The interface's name.
    public var name: String
    /// The implementation's name: `ethernet`.
    public var implementation: String
    /// The binding's flags and timeouts.
    public var binding: BindingConfiguration
    /// How the interface gets its IPv4 address.
    public var ipv4: IPv4
    /// The metric of its default route (lower wins); nil for the technology's default.
    public var routeMetric: Int?
    /// For Wi-Fi: the folder of wpa_supplicant's control sockets (its `ctrl_interface`); nil for
    /// the default, `/run/wpa_supplicant`.
    public var supplicantDirectory: String?
    /// For Wi-Fi: the EAP methods an 802.1X network may use, in wpa_supplicant's names; nil for
    /// its default, PEAP and TTLS.
    public var eapMethods: [String]?
    /// For Wi-Fi: 802.1X on a wired port (key management IEEE8021X, no EAPOL keys) rather than
    /// WPA-Enterprise on a radio.
    public var isWired8021X = false
    /// For Wi-Fi: wpa_supplicant's configuration file (its `-c`), made owner-only after each save;
    /// nil to find it from the running supplicant.
    public var supplicantFile: String?

    public init(
        name: String,
        implementation: String,
        binding: BindingConfiguration = BindingConfiguration(),
        ipv4: IPv4 = .dhcp,
        routeMetric: Int? = nil,
        supplicantDirectory: String? = nil
    ) {
        self.name = name
        self.implementation = implementation
        self.binding = binding
        self.ipv4 = ipv4
        self.routeMetric = routeMetric
        self.supplicantDirectory = supplicantDirectory
    }
}

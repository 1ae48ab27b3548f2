import UplinkCore

/// A Wi-Fi network in the simulated device's air: what a scan shows of it, the key it accepts and
/// what its upstream hands out.
public struct SimulatedAccessPoint: Hashable, Sendable {
    /// The network's name.
    public let ssid: SSID
    /// Its security.
    public let security: WiFiSecurity
    /// Its signal at the device, in dBm; scans read it within ±1 dBm.
    public let signal: Int
    /// The channel's centre frequency, in MHz.
    public let frequency: Int
    /// True when it does not broadcast its name: it is left out of scans and joined by name only,
    /// with credentials marked hidden (so the radio probes for it).
    public let isHidden: Bool
    /// What the network's DHCP server and router hand out.
    public let lease: SimulatedLease
    /// The key it accepts; nil for an open network. Compared, never shown.
    let key: Secret?

    init(
        _ name: String,
        security: WiFiSecurity,
        signal: Int,
        frequency: Int,
        isHidden: Bool = false,
        key: String?,
        lease: SimulatedLease
    ) {
        do {
            self.ssid = try SSID(name)
        } catch {
            preconditionFailure("the simulation's network names must be valid SSIDs: \(error)")
        }
        self.security = security
        self.signal = signal
        self.frequency = frequency
        self.isHidden = isHidden
        self.key = key.map(Secret.init)
        self.lease = lease
    }

    /// Whether these credentials get past this access point's authentication.
    func accepts(_ credentials: WiFiCredentials) -> Bool {
        guard self.security.needsSecret else { return true }
        return credentials.secret == self.key
    }

    /// The access point of the "Workshop" network, the one the device knows at boot and the one the
    /// access-point fault switches off.
    static let workshop = SimulatedAccessPoint(
        "Workshop",
        security: .wpa2Personal,
        signal: -52,
        frequency: 2437,
        key: "correct horse battery",
        lease: .make(ipv4: "198.18.7.20", prefixLength: 24, ipv6: "2001:db8:7::20", gateway: "198.18.7.1")
    )

    /// Every network around the simulated device, strongest first; see `SimulatedDevice` for the
    /// keys a trainer hands out.
    static let standard: [SimulatedAccessPoint] = [
        .workshop,
        SimulatedAccessPoint(
            "Office-5G",
            security: .wpa3Personal,
            signal: -61,
            frequency: 5180,
            key: "office five gee",
            lease: .make(ipv4: "198.18.10.20", prefixLength: 24, ipv6: "2001:db8:10::20", gateway: "198.18.10.1")
        ),
        // A name with a quote, an apostrophe and a backslash: every layer must carry it unmangled.
        SimulatedAccessPoint(
            #"Bob's "Shed" \ AP"#,
            security: .wpa2Personal,
            signal: -66,
            frequency: 2462,
            key: "shed-key-2024",
            lease: .make(ipv4: "198.18.11.20", prefixLength: 24, ipv6: "2001:db8:11::20", gateway: "198.18.11.1")
        ),
        // Guest networks often hand out IPv4 only; a technician sees the IPv6 column say why.
        SimulatedAccessPoint(
            "Guest",
            security: .open,
            signal: -70,
            frequency: 2412,
            key: nil,
            lease: .make(ipv4: "198.18.12.20", prefixLength: 24, ipv6: nil, gateway: "198.18.12.1")
        ),
        SimulatedAccessPoint(
            "Depot",
            security: .wpa2Personal,
            signal: -74,
            frequency: 2437,
            isHidden: true,
            key: "depot-key-2024",
            lease: .make(ipv4: "198.18.14.20", prefixLength: 24, ipv6: "2001:db8:14::20", gateway: "198.18.14.1")
        ),
        SimulatedAccessPoint(
            "Café ☕ Zürich",
            security: .wpa2Personal,
            signal: -78,
            frequency: 5745,
            key: "cafe-zurich-24",
            lease: .make(ipv4: "198.18.13.20", prefixLength: 24, ipv6: "2001:db8:13::20", gateway: "198.18.13.1")
        ),
    ]
}

/// A network seen in a scan, or remembered.
public struct WiFiNetwork: Hashable, Sendable, Identifiable {
    /// The network's name.
    public var ssid: SSID
    /// Signal strength in dBm (about -30 excellent to -90 unusable); nil for a remembered network
    /// not seen in the last scan.
    public var signal: Int?
    /// Its security.
    public var security: WiFiSecurity
    /// The channel's centre frequency in MHz, if seen.
    public var frequency: Int?
    /// True when uplink has credentials for it.
    public var isKnown: Bool
    /// True when the device is associated with it now.
    public var isCurrent: Bool

    public init(
        ssid: SSID,
        signal: Int?,
        security: WiFiSecurity,
        frequency: Int? = nil,
        isKnown: Bool = false,
        isCurrent: Bool = false
    ) {
        self.ssid = ssid
        self.signal = signal
        self.security = security
        self.frequency = frequency
        self.isKnown = isKnown
        self.isCurrent = isCurrent
    }

    public var id: SSID { self.ssid }

    /// The band for lists ("2.4G", "5G", "6G"), from the frequency; nil when it is not known.
    public var band: String? {
        guard let frequency else { return nil }
        switch frequency {
        case 2400..<2500: return "2.4G"
        case 4900..<5925: return "5G"
        case 5925...7125: return "6G"
        default: return nil
        }
    }

    /// Signal as 0 to 4 bars, for lists: -50 dBm or better is 4, -80 or worse is 0.
    public var bars: Int {
        guard let signal else { return 0 }
        switch signal {
        case (-50)...: return 4
        case (-60)...: return 3
        case (-70)...: return 2
        case (-80)...: return 1
        default: return 0
        }
    }
}

import UplinkCore

/// One access point (BSS) in wpa_supplicant's SCAN_RESULTS.
///
/// The reply is a header, `bssid / frequency / signal level / flags / ssid`, then a row per BSS:
/// `bssid\tfrequency\tsignal\tflags\tssid`, the SSID escaped (empty for a hidden network), the
/// flags bracketed (`[WPA2-PSK-CCMP][ESS]`). One network with several access points has a row for
/// each; `networks(_:)` merges them.
public struct SupplicantScanResult: Hashable, Sendable {
    /// The access point's MAC address.
    public let bssid: String
    /// The channel's centre frequency in MHz.
    public let frequency: Int
    /// The signal level in dBm (nl80211 drivers report dBm).
    public let signal: Int
    /// The flags without brackets: `WPA2-PSK-CCMP`, `ESS`, `WPS`.
    public let flags: [String]
    /// The SSID's bytes; empty (or all zero bytes) for a network that hides its name.
    public let ssidBytes: [UInt8]

    /// Makes a result, for tests and fakes that build scan results without a reply.
    public init(bssid: String, frequency: Int, signal: Int, flags: [String], ssidBytes: [UInt8]) {
        self.bssid = bssid
        self.frequency = frequency
        self.signal = signal
        self.flags = flags
        self.ssidBytes = ssidBytes
    }

    /// Reads one row; nil for the header or a row that is not five tab-separated columns with a MAC
    /// address and two numbers, so one odd row never hides the others.
    init?(row: Substring) {
        let columns = row.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
        guard columns.count >= 4, SupplicantText.isMACAddress(columns[0]),
            let frequency = Int(columns[1]), let signal = Int(columns[2])
        else { return nil }
        self.init(
            bssid: String(columns[0]), frequency: frequency, signal: signal,
            flags: SupplicantText.bracketedFlags(columns[3]),
            ssidBytes: columns.count > 4 ? SupplicantText.decodeEscaped(columns[4]) : [])
    }

    /// The rows of a SCAN_RESULTS reply, in the reply's order; the header and malformed rows skipped.
    public static func parse(_ reply: String) -> [SupplicantScanResult] {
        SupplicantText.lines(reply).compactMap { SupplicantScanResult(row: $0) }
    }

    /// True when the access point hides its name: no SSID, or one of zero bytes standing in for it.
    public var isHidden: Bool { self.ssidBytes.allSatisfy { $0 == 0 } }

    /// The SSID; nil for a hidden network or a name that is not 1 to 32 bytes.
    public var ssid: SSID? {
        guard !self.isHidden else { return nil }
        return try? SSID(bytes: self.ssidBytes)
    }

    /// How the network protects itself, as far as uplink can join it; nil when it cannot (WEP, OWE,
    /// OSEN, FILS-only, or a security element wpa_supplicant could not parse).
    ///
    /// A WPA/RSN flag is `[PROTO-AKMS-CIPHERS]`, its AKMs joined by `+` (`WPA2-PSK+SAE-CCMP`), some
    /// with a prefix or suffix (`FT/PSK`, `EAP-SHA256`). Any PSK AKM means a WPA2 passphrase joins
    /// (a WPA3 transition network takes one too); SAE without PSK means WPA3; EAP means 802.1X.
    public var security: WiFiSecurity? {
        var akms: Set<Substring> = []
        var hasSecurityElement = false
        for flag in self.flags {
            if flag == "WEP" {
                hasSecurityElement = true
                continue
            }
            guard let proto = Self.securityProtocols.first(where: { flag.hasPrefix($0) }) else { continue }
            hasSecurityElement = true
            let body = flag.dropFirst(proto.count)
            akms.formUnion(body.split(whereSeparator: { $0 == "-" || $0 == "+" || $0 == "/" }))
        }
        if akms.contains("PSK") { return .wpa2Personal }
        if akms.contains("SAE") { return .wpa3Personal }
        if akms.contains("EAP") { return .enterprise }
        return hasSecurityElement ? nil : .open
    }

    /// The prefixes of the flags that describe a WPA or RSN element (`RSN` is printed for mesh).
    private static let securityProtocols = ["WPA-", "WPA2-", "RSN-", "OSEN-"]

    /// The networks in scan results, one per SSID, strongest first.
    ///
    /// Several access points of one network are merged into the strongest of them (its signal,
    /// security and frequency), since that is the one wpa_supplicant will pick. Hidden networks are
    /// left out (they have no name to show), and so are the ones uplink cannot join (`security` nil).
    /// Equal signals are ordered by SSID, so a redraw does not shuffle them.
    public static func networks(_ results: [SupplicantScanResult]) -> [WiFiNetwork] {
        var strongest: [SSID: (result: SupplicantScanResult, security: WiFiSecurity)] = [:]
        for result in results {
            guard let ssid = result.ssid, let security = result.security else { continue }
            if let best = strongest[ssid], best.result.signal >= result.signal { continue }
            strongest[ssid] = (result, security)
        }
        return
            strongest
            .map { ssid, best in
                WiFiNetwork(
                    ssid: ssid, signal: best.result.signal, security: best.security,
                    frequency: best.result.frequency > 0 ? best.result.frequency : nil)
            }
            .sorted { left, right in
                let leftSignal = left.signal ?? Int.min
                let rightSignal = right.signal ?? Int.min
                return leftSignal != rightSignal ? leftSignal > rightSignal : left.ssid < right.ssid
            }
    }
}

/// wpa_supplicant's answer to SIGNAL_POLL: the link's signal now, for the bars of the current network.
///
/// The reply is `RSSI=-60\nLINKSPEED=866\nNOISE=9999\nFREQUENCY=5180`, with more lines in newer
/// versions (`WIDTH`, `CENTER_FRQ1`, `AVG_RSSI`); they stay unread. A driver without signal
/// information (and every wired port) answers `FAIL`.
public struct SupplicantSignal: Hashable, Sendable {
    /// `RSSI`: the signal in dBm.
    public let rssi: Int?
    /// `LINKSPEED`: the transmit rate in Mbit/s.
    public let linkSpeed: Int?
    /// `NOISE`: the noise floor in dBm; nil when the driver does not know it (wpa_supplicant prints
    /// 9999 then).
    public let noise: Int?
    /// `FREQUENCY`: the channel's centre frequency in MHz.
    public let frequency: Int?

    /// Makes a signal, for tests and fakes.
    public init(rssi: Int?, linkSpeed: Int? = nil, noise: Int? = nil, frequency: Int? = nil) {
        self.rssi = rssi
        self.linkSpeed = linkSpeed
        self.noise = noise
        self.frequency = frequency
    }

    /// Reads a SIGNAL_POLL reply; nil for `FAIL` or a reply with none of the values, so "no signal
    /// information" is one case for the caller, not a signal of all nils.
    public init?(parsing reply: String) {
        var values: [Substring: Int] = [:]
        for line in SupplicantText.lines(reply) {
            guard let equals = line.firstIndex(of: "="), let value = Int(line[line.index(after: equals)...]) else {
                continue
            }
            values[line[..<equals]] = value
        }
        guard values["RSSI"] != nil || values["LINKSPEED"] != nil || values["FREQUENCY"] != nil else { return nil }
        self.init(
            rssi: values["RSSI"], linkSpeed: values["LINKSPEED"],
            noise: values["NOISE"].flatMap { $0 == 9999 ? nil : $0 },
            frequency: values["FREQUENCY"])
    }
}

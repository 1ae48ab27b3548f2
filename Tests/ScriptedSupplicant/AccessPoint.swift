/// One access point on the scripted air: what a scan shows of it and what joining it takes.
///
/// The air is fixed so that tests and the dashboard's end-to-end test can name what they expect:
/// six networks covering WPA2, WPA3, open, hidden, and SSIDs that need escaping (quotes and a
/// backslash; UTF-8).
struct AccessPoint {
    /// How a station proves it may join.
    enum Security {
        /// No key: joined with `key_mgmt=NONE`.
        case open
        /// WPA2-Personal: a passphrase (or the PSK derived from it) with a WPA-PSK key management.
        case wpa2Personal
        /// WPA3-Personal: an SAE password (or the psk passphrase, as wpa_supplicant falls back to).
        case wpa3Personal
    }

    /// The SSID, bytes exactly.
    let ssid: [UInt8]
    /// `02:00:00:00:00:0N`, a locally administered address so it can be no real device.
    let bssid: String
    /// MHz.
    let frequency: Int
    /// dBm.
    let signal: Int
    /// Mb/s, what `SIGNAL_POLL` reports once connected.
    let linkSpeed: Int
    let security: Security
    /// The passphrase or SAE password; nil for the open network.
    let key: String?
    /// Beacons carry an empty SSID: a scan shows an empty SSID field, and only a network with
    /// `scan_ssid=1` (a directed probe) finds it.
    let hidden: Bool

    /// The six networks, in the order their BSSIDs number them.
    static let air: [AccessPoint] = [
        AccessPoint(
            ssid: Array("Workshop".utf8), bssid: "02:00:00:00:00:01", frequency: 2437, signal: -48,
            linkSpeed: 144, security: .wpa2Personal, key: "correct horse battery", hidden: false),
        AccessPoint(
            ssid: Array("Office-5G".utf8), bssid: "02:00:00:00:00:02", frequency: 5180, signal: -61,
            linkSpeed: 433, security: .wpa3Personal, key: "office five gee", hidden: false),
        AccessPoint(
            ssid: Array("Bob's \"Shed\" \\ AP".utf8), bssid: "02:00:00:00:00:03", frequency: 2412,
            signal: -72, linkSpeed: 65, security: .wpa2Personal, key: "shed-key-2024", hidden: false),
        AccessPoint(
            ssid: Array("Guest".utf8), bssid: "02:00:00:00:00:04", frequency: 2462, signal: -67,
            linkSpeed: 72, security: .open, key: nil, hidden: false),
        AccessPoint(
            ssid: Array("Depot".utf8), bssid: "02:00:00:00:00:05", frequency: 2422, signal: -70,
            linkSpeed: 58, security: .wpa2Personal, key: "depot-key-2024", hidden: true),
        AccessPoint(
            ssid: Array("Café ☕ Zürich".utf8), bssid: "02:00:00:00:00:06", frequency: 2472,
            signal: -80, linkSpeed: 24, security: .wpa2Personal, key: "cafe-zurich-24", hidden: false),
    ]

    /// The flags column of `SCAN_RESULTS` and the `flags=` line of `BSS`.
    var flags: String {
        switch self.security {
        case .open: "[ESS]"
        case .wpa2Personal: "[WPA2-PSK-CCMP][ESS]"
        case .wpa3Personal: "[RSN-SAE-CCMP][ESS]"
        }
    }

    /// The SSID as a scan sees it: empty for the hidden network.
    var broadcastSSID: [UInt8] {
        self.hidden ? [] : self.ssid
    }

    /// The 802.11 channel of the frequency, for the DS parameter element.
    var channel: Int {
        self.frequency >= 5000 ? (self.frequency - 5000) / 5 : (self.frequency - 2407) / 5
    }

    /// The capability field of the beacon: ESS, privacy when keyed, short slot time on 2.4 GHz.
    var capabilities: Int {
        (self.security == .open ? 0x0001 : 0x0011) | (self.frequency < 5000 ? 0x0400 : 0)
    }

    /// `key_mgmt=` of `STATUS` once associated, as `wpa_key_mgmt_txt` names it.
    var keyManagementText: String {
        switch self.security {
        case .open: "NONE"
        case .wpa2Personal: "WPA2-PSK"
        case .wpa3Personal: "SAE"
        }
    }

    /// Whether a network block names this access point: the same SSID, and a directed probe for
    /// the hidden one.
    func isNamed(by network: NetworkBlock) -> Bool {
        network.ssid == self.ssid && (!self.hidden || network.scanSSID)
    }

    /// Whether the network block's key management and key get it through authentication; a
    /// network that names the access point but fails here ends in a 4-way handshake that fails.
    func accepts(_ network: NetworkBlock) -> Bool {
        switch self.security {
        case .open:
            return network.keyManagement.contains("NONE")
        case .wpa2Personal:
            guard !network.keyManagement.isDisjoint(with: ["WPA-PSK", "WPA-PSK-SHA256", "FT-PSK"]),
                let key = self.key
            else { return false }
            if let passphrase = network.passphrase { return passphrase == Array(key.utf8) }
            if let psk = network.psk { return psk == PassphraseHash.psk(passphrase: key, ssid: self.ssid) }
            return false
        case .wpa3Personal:
            guard !network.keyManagement.isDisjoint(with: ["SAE", "FT-SAE"]), let key = self.key else { return false }
            // wpa_supplicant uses sae_password when it is set, the psk passphrase otherwise.
            let password = network.saePassword ?? network.passphrase
            return password == Array(key.utf8)
        }
    }

    /// The information elements of the beacon as `BSS` shows them in `ie=`: SSID, rates, DS
    /// parameter and, for the keyed networks, an RSN element with the AKM suite.
    var informationElements: [UInt8] {
        var elements: [UInt8] = [0x00, UInt8(self.broadcastSSID.count)] + self.broadcastSSID
        elements += self.frequency < 5000 ? [0x01, 0x04, 0x82, 0x84, 0x8B, 0x96] : [0x01, 0x03, 0x8C, 0x98, 0xB0]
        elements += [0x03, 0x01, UInt8(self.channel)]
        switch self.security {
        case .open:
            break
        case .wpa2Personal:
            // Version 1, group CCMP, one pairwise CCMP, one AKM PSK (00-0f-ac:2), no capabilities.
            elements += [0x30, 0x14, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04]
            elements += [0x01, 0x00, 0x00, 0x0F, 0xAC, 0x02, 0x00, 0x00]
        case .wpa3Personal:
            // The same with AKM SAE (00-0f-ac:8) and management frame protection required and capable.
            elements += [0x30, 0x14, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04, 0x01, 0x00, 0x00, 0x0F, 0xAC, 0x04]
            elements += [0x01, 0x00, 0x00, 0x0F, 0xAC, 0x08, 0xC0, 0x00]
        }
        return elements
    }
}

/// The replies with a body: `STATUS`, `SCAN_RESULTS`, `BSS`, `LIST_NETWORKS` and `SIGNAL_POLL`,
/// laid out line for line as wpa_supplicant 2.10's `ctrl_iface.c` prints them.
extension Supplicant {
    /// What `noise=` of `BSS` says: a quiet channel.
    private static let noiseFloor = -92

    /// `STATUS`: the BSS, SSID, network and keys from ASSOCIATED on, then the state and the
    /// station's address.
    var statusText: String {
        var text = ""
        if self.state.hasAssociation, let association = self.association,
            let index = self.networkIndex(association.network)
        {
            let accessPoint = AccessPoint.air[association.accessPoint]
            let network = self.networks[index]
            text += "bssid=\(accessPoint.bssid)\nfreq=\(accessPoint.frequency)\n"
            text += "ssid=\(SupplicantText.encode(network.ssid ?? accessPoint.ssid))\nid=\(network.id)\n"
            if let idString = network.idString { text += "id_str=\(String(decoding: idString, as: UTF8.self))\n" }
            text += "mode=station\n"
            switch accessPoint.security {
            case .open:
                text += "pairwise_cipher=NONE\ngroup_cipher=NONE\nkey_mgmt=NONE\n"
            case .wpa2Personal:
                text += "pairwise_cipher=CCMP\ngroup_cipher=CCMP\nkey_mgmt=WPA2-PSK\n"
            case .wpa3Personal:
                // SAE requires management frame protection, which the real status then reports.
                text += "pairwise_cipher=CCMP\ngroup_cipher=CCMP\nkey_mgmt=SAE\npmf=1\nmgmt_group_cipher=BIP\n"
                text += "sae_group=19\nsae_h2e=0\nsae_pk=0\n"
            }
        }
        text += "wpa_state=\(self.state.rawValue)\naddress=\(Self.ownAddress)\n"
        text += "uuid=6b0a1e9c-3f2d-5a47-9c1e-8d2f4b6a0c13\n"
        return text
    }

    /// `SCAN_RESULTS`: the header, then the BSS table strongest first, one tab-separated row
    /// each; the hidden network's SSID column is empty. Only the header before the first scan.
    var scanResultsText: String {
        var text = "bssid / frequency / signal level / flags / ssid\n"
        let entries = self.bssTable.map { AccessPoint.air[$0.accessPoint] }.sorted { $0.signal > $1.signal }
        for accessPoint in entries {
            text += "\(accessPoint.bssid)\t\(accessPoint.frequency)\t\(accessPoint.signal)\t\(accessPoint.flags)\t"
            text += SupplicantText.encode(accessPoint.broadcastSSID) + "\n"
        }
        return text
    }

    /// `BSS <which>`: one entry of the BSS table, chosen by index, `ID-n`, `FIRST`, `LAST`,
    /// `NEXT-n`, `CURRENT` or BSSID; an empty reply when there is none, as the real one is.
    func bssText(_ which: String) -> String {
        let ordered = self.bssTable.sorted { $0.id < $1.id }
        let entry: SeenBSS?
        switch which {
        case "FIRST": entry = ordered.first
        case "LAST": entry = ordered.last
        case "CURRENT": entry = ordered.first { $0.accessPoint == self.association?.accessPoint }
        case _ where which.hasPrefix("ID-"):
            entry = Int(which.dropFirst(3)).flatMap { id in ordered.first { $0.id == id } }
        case _ where which.hasPrefix("NEXT-"):
            entry = Int(which.dropFirst(5)).flatMap { id in ordered.first { $0.id > id } }
        case _ where which.contains(":"):
            entry = ordered.first { AccessPoint.air[$0.accessPoint].bssid == which.lowercased() }
        default:
            entry = Int(which).flatMap { ordered.indices.contains($0) ? ordered[$0] : nil }
        }
        guard let entry else { return "" }
        let accessPoint = AccessPoint.air[entry.accessPoint]
        let age = max(0, (TimerQueue<Event>.now - entry.lastSeen) / 1000)
        var text = "id=\(entry.id)\nbssid=\(accessPoint.bssid)\nfreq=\(accessPoint.frequency)\nbeacon_int=100\n"
        text += "capabilities=0x" + Self.fourHexDigits(accessPoint.capabilities) + "\n"
        text += "qual=0\nnoise=\(Self.noiseFloor)\nlevel=\(accessPoint.signal)\ntsf=0000000000000000\nage=\(age)\n"
        text += "ie=\(SupplicantText.hex(accessPoint.informationElements))\nflags=\(accessPoint.flags)\n"
        text += "ssid=\(SupplicantText.encode(accessPoint.broadcastSSID))\n"
        text += "snr=\(accessPoint.signal - Self.noiseFloor)\nest_throughput=\(accessPoint.linkSpeed * 1000)\n"
        text += "update_idx=\(entry.updateIndex)\n"
        return text
    }

    /// `LIST_NETWORKS [LAST_ID=n]`: the header, then one row per network: id, SSID, `any` (no
    /// BSSID is pinned) and the flags.
    func listNetworksText(after argument: String?) -> String {
        let lastID = argument.flatMap { $0.hasPrefix("LAST_ID=") ? Int($0.dropFirst(8)) : nil } ?? -1
        var text = "network id / ssid / bssid / flags\n"
        for network in self.networks where network.id > lastID {
            var flags = ""
            if self.association?.network == network.id { flags += "[CURRENT]" }
            if network.disabled != 0 { flags += "[DISABLED]" }
            if network.disabledUntil != nil { flags += "[TEMP-DISABLED]" }
            if network.disabled == 2 { flags += "[P2P-PERSISTENT]" }
            text += "\(network.id)\t\(SupplicantText.encode(network.ssid ?? []))\tany\t\(flags)\n"
        }
        return text
    }

    /// `SIGNAL_POLL`: the link while connected (NOISE=9999 is what drivers without a noise
    /// figure give), FAIL otherwise.
    var signalPollText: String {
        guard self.state == .completed, let association = self.association else { return "FAIL\n" }
        let accessPoint = AccessPoint.air[association.accessPoint]
        return
            "RSSI=\(accessPoint.signal)\nLINKSPEED=\(accessPoint.linkSpeed)\nNOISE=9999\nFREQUENCY=\(accessPoint.frequency)\n"
    }

    private static func fourHexDigits(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

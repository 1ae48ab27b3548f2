extension WiFiNetwork {
    /// The list a Wi-Fi face shows: the networks a scan saw, strongest first, each marked known
    /// and current; then the remembered networks the scan did not see (signal nil), by name, once
    /// each — so a remembered network out of range can still be chosen or forgotten.
    public static func list(
        seen: [WiFiNetwork],
        remembered: [(ssid: SSID, security: WiFiSecurity)],
        current: SSID?
    ) -> [WiFiNetwork] {
        let known = Set(remembered.map(\.ssid))
        var networks = seen.sorted { ($0.signal ?? .min) > ($1.signal ?? .min) }.map { seen in
            var network = seen
            network.isKnown = known.contains(seen.ssid)
            network.isCurrent = seen.ssid == current
            return network
        }
        var listed = Set(networks.map(\.ssid))
        for network in remembered.sorted(by: { $0.ssid < $1.ssid }) where listed.insert(network.ssid).inserted {
            networks.append(
                WiFiNetwork(
                    ssid: network.ssid, signal: nil, security: network.security, isKnown: true,
                    isCurrent: network.ssid == current))
        }
        return networks
    }
}

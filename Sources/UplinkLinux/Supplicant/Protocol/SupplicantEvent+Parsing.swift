/// Reading an event from the text wpa_supplicant sends an ATTACHed client.
extension SupplicantEvent {
    /// The event in a message as received: `<3>CTRL-EVENT-…`, with or without the `<N>` priority,
    /// with or without a line end, and with the `IFNAME=wlan0 ` a global control socket puts first.
    ///
    /// Anything unknown, or an event whose numbers do not read, is `.other` with the text: a
    /// message is never dropped, and never guessed at.
    public static func parse(_ message: String) -> SupplicantEvent {
        let text = Self.body(of: message)
        let name = text.prefix(while: { $0 != " " })
        let rest = text.dropFirst(name.count).drop(while: { $0 == " " })
        let fields = SupplicantEventFields(rest)
        switch name {
        case "CTRL-EVENT-CONNECTED":
            return Self.connected(rest)
        case "CTRL-EVENT-DISCONNECTED":
            return .disconnected(
                bssid: fields.macAddress("bssid"), reason: fields.int("reason"),
                locallyGenerated: fields["locally_generated"] == "1")
        case "CTRL-EVENT-SSID-TEMP-DISABLED":
            return .temporarilyDisabled(
                networkID: fields.int("id"), ssidBytes: fields["ssid"].map(SupplicantText.decodeEscaped) ?? [],
                reason: fields["reason"].map(String.init) ?? "", failures: fields.int("auth_failures"))
        case "CTRL-EVENT-SSID-REENABLED":
            return .reenabled(networkID: fields.int("id"))
        case "CTRL-EVENT-EAP-STARTED":
            return .eapStarted
        case "CTRL-EVENT-EAP-SUCCESS":
            return .eapSuccess
        case "CTRL-EVENT-EAP-FAILURE":
            return .eapFailure(String(rest))
        case "CTRL-EVENT-ASSOC-REJECT":
            return .associationRejected(bssid: fields.macAddress("bssid"), statusCode: fields.int("status_code"))
        case "CTRL-EVENT-AUTH-REJECT":
            // The access point comes first, bare, not as bssid=.
            let bssid = fields.words.first.flatMap(SupplicantEventFields.knownMAC)
            return .authenticationRejected(bssid: bssid, statusCode: fields.int("status_code"))
        case "CTRL-EVENT-NETWORK-NOT-FOUND":
            return .networkNotFound
        case "CTRL-EVENT-SCAN-STARTED":
            return .scanStarted
        case "CTRL-EVENT-SCAN-RESULTS":
            return .scanResults
        case "CTRL-EVENT-SCAN-FAILED":
            return .scanFailed(String(rest))
        case "CTRL-EVENT-NETWORK-ADDED":
            guard let id = fields.words.first.flatMap({ Int($0) }) else { break }
            return .networkAdded(id)
        case "CTRL-EVENT-NETWORK-REMOVED":
            guard let id = fields.words.first.flatMap({ Int($0) }) else { break }
            return .networkRemoved(id)
        case "CTRL-EVENT-STATE-CHANGE":
            guard let state = fields["state"] else { break }
            return .stateChanged(SupplicantState(state))
        case "CTRL-EVENT-TERMINATING":
            return .terminating
        default:
            // These two carry no CTRL-EVENT name, but say where a join is in every build.
            if text.hasPrefix("Trying to associate with ") { return .stateChanged(.associating) }
            if text.hasPrefix("Associated with ") { return .stateChanged(.associated) }
        }
        return .other(String(text))
    }

    /// The message without its line end, its `<N>` priority and an `IFNAME=… ` prefix.
    private static func body(of message: String) -> Substring {
        var text = Substring(message)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" || last == "\0" {
            text = text.dropLast()
        }
        if text.first == "<", let close = text.firstIndex(of: ">") {
            let priority = text[text.index(after: text.startIndex)..<close]
            // Only digits make a priority; `<x>` is text that happens to start with a bracket.
            if !priority.isEmpty, priority.allSatisfy({ ("0"..."9").contains($0) }) {
                text = text[text.index(after: close)...]
            }
        }
        if text.hasPrefix("IFNAME="), let space = text.firstIndex(of: " ") {
            text = text[text.index(after: space)...]
        }
        return text
    }

    /// CTRL-EVENT-CONNECTED's text: `- Connection to 01:80:c2:00:00:03 completed [id=1 id_str=]`,
    /// with `(reauth) ` before the bracket after a reauthentication.
    private static func connected(_ rest: Substring) -> SupplicantEvent {
        let bracket = rest.firstIndex(of: "[")
        let words = SupplicantEventFields(rest[..<(bracket ?? rest.endIndex)]).words
        // The access point follows "to"; failing that, the first address in the text.
        let afterTo = words.firstIndex(of: "to").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        let bssid =
            afterTo.flatMap(SupplicantEventFields.knownMAC)
            ?? words.lazy.compactMap(SupplicantEventFields.knownMAC).first
        var networkID: Int?
        if let bracket {
            let inside = rest[rest.index(after: bracket)...].prefix(while: { $0 != "]" })
            networkID = SupplicantEventFields(inside).int("id")
        }
        return .connected(bssid: bssid, networkID: networkID)
    }
}

/// IEEE 802.11 reason codes (802.11-2020 table 9-49), in words, for CTRL-EVENT-DISCONNECTED.
///
/// A disconnect's reason is the one thing that tells "wrong password" from "walked out of range",
/// so the dashboard and the log say it in plain words rather than as a number.
public enum IEEE80211Reason {
    /// The reason in plain words; `reason N` for a code not in the table.
    public static func describe(_ code: Int) -> String {
        switch code {
        case 1: "unspecified reason"
        case 2: "previous authentication no longer valid"
        case 3: "deauthenticated because the sender is leaving (the access point left, or this side did)"
        case 4: "disassociated because of inactivity"
        case 5: "disassociated because the access point cannot handle all associated stations"
        case 6: "class 2 frame received from a nonauthenticated station"
        case 7: "class 3 frame received from a nonassociated station"
        case 8: "disassociated because the sender is leaving"
        case 9: "station asked to associate before it authenticated"
        case 10: "disassociated because the power capability is unacceptable"
        case 11: "disassociated because the supported channels are unacceptable"
        case 12: "disassociated by BSS transition management"
        case 13: "invalid element"
        case 14: "message integrity code (MIC) failure"
        case 15: "4-way handshake timeout (often a wrong key)"
        case 16: "group key handshake timeout"
        case 17: "the 4-way handshake's security element differs from the association's"
        case 18: "invalid group cipher"
        case 19: "invalid pairwise cipher"
        case 20: "invalid key management (AKMP)"
        case 21: "unsupported RSN element version"
        case 22: "invalid RSN element capabilities"
        case 23: "IEEE 802.1X authentication failed"
        case 24: "cipher suite rejected because of the security policy"
        case 34: "disassociated because of excessive frame losses (poor signal)"
        default: "reason \(code)"
        }
    }
}

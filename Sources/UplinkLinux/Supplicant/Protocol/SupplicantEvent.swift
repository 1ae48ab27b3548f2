/// An unsolicited message from wpa_supplicant to an ATTACHed control client, read into what uplink
/// acts on: a join that worked or failed, and why; scans; networks coming and going.
///
/// Messages arrive as `<3>CTRL-EVENT-CONNECTED - Connection to … completed [id=1 id_str=]`: a
/// priority, the event's name (`common/wpa_ctrl.h`), its text. A message this type does not name
/// is kept whole in `other`, so nothing wpa_supplicant says is lost to a log.
public enum SupplicantEvent: Hashable, Sendable {
    /// CTRL-EVENT-CONNECTED: the join is complete (keys agreed, or 802.1X done) and traffic may flow.
    /// `networkID` is the network's id (`[id=1 …]`).
    case connected(bssid: String?, networkID: Int?)
    /// CTRL-EVENT-DISCONNECTED: the link is gone. `reason` is the IEEE 802.11 reason code
    /// (`IEEE80211Reason.describe`); `locallyGenerated` is true when this side ended it (a
    /// DISCONNECT, a roam, a failed handshake), false when the access point did.
    case disconnected(bssid: String?, reason: Int?, locallyGenerated: Bool)
    /// CTRL-EVENT-SSID-TEMP-DISABLED: wpa_supplicant rests a network after failures. `reason` is its
    /// word for why (`WRONG_KEY` is a wrong passphrase, `AUTH_FAILED` a refused 802.1X login,
    /// `CONN_FAILED` anything else); `failures` counts them.
    case temporarilyDisabled(networkID: Int?, ssidBytes: [UInt8], reason: String, failures: Int?)
    /// CTRL-EVENT-SSID-REENABLED: the rest is over and the network may be tried again.
    case reenabled(networkID: Int?)
    /// CTRL-EVENT-EAP-STARTED: 802.1X has begun, so a join that stalls now stalls at the login.
    case eapStarted
    /// CTRL-EVENT-EAP-SUCCESS: the 802.1X login was accepted.
    case eapSuccess
    /// CTRL-EVENT-EAP-FAILURE: the 802.1X login was refused (usually a wrong identity or password);
    /// the text is wpa_supplicant's (`EAP authentication failed`).
    case eapFailure(String)
    /// CTRL-EVENT-ASSOC-REJECT: the access point refused the association; `statusCode` is the
    /// IEEE 802.11 status code.
    case associationRejected(bssid: String?, statusCode: Int?)
    /// CTRL-EVENT-AUTH-REJECT: the access point refused the authentication (a wrong WPA3 password
    /// shows up here, as SAE is part of authentication); `statusCode` is the IEEE 802.11 status code.
    case authenticationRejected(bssid: String?, statusCode: Int?)
    /// CTRL-EVENT-NETWORK-NOT-FOUND: a scan found none of the enabled networks.
    case networkNotFound
    /// CTRL-EVENT-SCAN-STARTED: a scan has begun.
    case scanStarted
    /// CTRL-EVENT-SCAN-RESULTS: a scan has finished; SCAN_RESULTS has the new list.
    case scanResults
    /// CTRL-EVENT-SCAN-FAILED: the scan did not run; the text is wpa_supplicant's (`ret=-16 retry=1`).
    case scanFailed(String)
    /// CTRL-EVENT-NETWORK-ADDED: a network was added, with its id.
    case networkAdded(Int)
    /// CTRL-EVENT-NETWORK-REMOVED: a network was removed, with its id.
    case networkRemoved(Int)
    /// The supplicant's state moved: CTRL-EVENT-STATE-CHANGE (`state=N`, in builds that send it),
    /// or the plain `Trying to associate with …` (associating) and `Associated with …` (associated)
    /// that every build sends.
    case stateChanged(SupplicantState)
    /// CTRL-EVENT-TERMINATING: wpa_supplicant is stopping; the control socket is about to go.
    case terminating
    /// Any other message, as received without its priority prefix and line end.
    case other(String)
}

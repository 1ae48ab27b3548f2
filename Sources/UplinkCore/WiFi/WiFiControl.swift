/// What a face can ask of a Wi-Fi interface beyond connect and disconnect: scan, join, forget.
///
/// The simulation implements it over its simulated radio, the Linux adapter over wpa_supplicant.
/// Everything is non-blocking: calls start the work, and the face reads its progress from
/// `scanState(on:)` and `joinState(on:)` when it redraws.
@ManagerActor
public protocol WiFiControl: AnyObject {
    /// Whether this control drives the interface with this name. The kernel's idea of a link's
    /// technology is not asked: a supplicant can run on any port the configuration says.
    func controls(_ interfaceName: String) -> Bool

    /// Starts a scan on the interface.
    /// - Throws: an error saying why a scan cannot start (interface down, supplicant not running).
    func startScan(on interface: InterfaceID) throws

    /// Where the last scan is.
    func scanState(on interface: InterfaceID) -> WiFiScanState

    /// The networks from the last scan, strongest first, merged with the remembered ones.
    func networks(on interface: InterfaceID) -> [WiFiNetwork]

    /// Saves the credentials and joins the network. The network in use now stays in use, and stays
    /// saved, until the new one has connected; if the new one fails, the device goes back to it.
    /// - Throws: an error when the interface cannot join now.
    func join(_ credentials: WiFiCredentials, on interface: InterfaceID) throws

    /// Joins a remembered network with its saved credentials, on the same terms as `join(_:on:)`.
    /// - Throws: an error when the network is not remembered or the interface cannot join now.
    func join(known ssid: SSID, on interface: InterfaceID) throws

    /// Where the last join is.
    func joinState(on interface: InterfaceID) -> WiFiJoinState

    /// Forgets a remembered network (and disconnects from it if it is in use).
    func forget(_ ssid: SSID, on interface: InterfaceID) throws

    /// What stands in the way of Wi-Fi on the interface right now, in words ("wpa_supplicant not
    /// running: no socket at /run/wpa_supplicant/wlan0"); nil when nothing does.
    func problem(on interface: InterfaceID) -> String?
}

extension WiFiControl {
    public func problem(on interface: InterfaceID) -> String? { nil }
}

/// Where a scan is.
public enum WiFiScanState: Hashable, Sendable {
    /// No scan since start-up.
    case idle
    /// Scanning since `since` (manager time); `progress` from 0 to 1 when the radio reports it.
    case scanning(since: Duration, progress: Double?)
    /// The last scan finished at `at` (manager time).
    case finished(at: Duration)
    /// The last scan failed.
    case failed(reason: String)
}

/// Where a join is.
public enum WiFiJoinState: Hashable, Sendable {
    /// No join since start-up.
    case idle
    /// Joining `ssid`; gives up at `deadline` (manager time) if there is one.
    case joining(SSID, since: Duration, deadline: Duration?)
    /// Joined `ssid`.
    case joined(SSID)
    /// Joining `ssid` failed; `reason` in words: "wrong password", "network not found", "timed out".
    case failed(SSID, reason: String)
}

/// A request a face makes of the manager, naming interfaces as people and scripts do: by name.
///
/// The same commands travel from the dashboard to an embedded manager and, later, over the daemon's
/// control socket, so a face behaves the same over both.
public enum ManagerCommand: Hashable, Sendable, CustomStringConvertible {
    /// Connect a bound interface.
    case connect(String)
    /// Disconnect a bound interface.
    case disconnect(String)
    /// Bring an interface administratively up or down.
    case setAdminState(String, up: Bool)
    /// Ignore or watch an interface.
    case setIgnored(String, Bool)
    /// Ignore or watch every interface of a technology.
    case setTechnologyIgnored(Technology, Bool)
    /// Set or clear binding flags.
    case setFlags(String, BindingFlags, Bool)
    /// Set the connect timeout (nil for none).
    case setConnectTimeout(String, Duration?)
    /// Set the idle timeout (nil for none).
    case setIdleTimeout(String, Duration?)
    /// Restate the connectivity events.
    case resendStatus
    /// Scan for Wi-Fi networks.
    case scan(String)
    /// Join a Wi-Fi network.
    case join(String, WiFiCredentials)
    /// Join a remembered Wi-Fi network with its saved credentials.
    case joinKnown(String, SSID)
    /// Forget a remembered Wi-Fi network.
    case forget(String, SSID)
    /// Switch a fault of the simulated device on or off, by its identifier.
    case setFault(String, active: Bool)

    /// The command in words, for the event log; never shows a secret.
    public var description: String {
        switch self {
        case .connect(let name): "connect \(name)"
        case .disconnect(let name): "disconnect \(name)"
        case .setAdminState(let name, let up): "\(name) admin \(up ? "up" : "down")"
        case .setIgnored(let name, let ignored): "\(ignored ? "ignore" : "watch") \(name)"
        case .setTechnologyIgnored(let technology, let ignored): "\(ignored ? "ignore" : "watch") all \(technology)"
        case .setFlags(let name, let flags, let on): "\(name) \(on ? "set" : "clear") \(flags)"
        case .setConnectTimeout(let name, let timeout): "\(name) connect timeout \(timeout.map { "\($0)" } ?? "none")"
        case .setIdleTimeout(let name, let timeout): "\(name) idle timeout \(timeout.map { "\($0)" } ?? "none")"
        case .resendStatus: "resend status"
        case .scan(let name): "scan on \(name)"
        case .join(let name, let credentials): "join \(credentials.ssid.displayName) on \(name)"
        case .joinKnown(let name, let ssid): "join \(ssid.displayName) on \(name)"
        case .forget(let name, let ssid): "forget \(ssid.displayName) on \(name)"
        case .setFault(let id, let active): "\(active ? "inject" : "clear") fault \(id)"
        }
    }
}

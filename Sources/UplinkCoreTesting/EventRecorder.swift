import UplinkCore

/// Records every event a manager emits, for tests to inspect and clear.
@ManagerActor
public final class EventRecorder {
    /// The events since the last `take()` or `reset()`, in order.
    public private(set) var events: [ManagerEvent] = []

    /// Starts recording a manager's events.
    public init(_ manager: ConnectionManager) {
        manager.addObserver { [weak self] event in self?.events.append(event) }
    }

    /// Returns the events recorded so far and forgets them.
    public func take() -> [ManagerEvent] {
        defer { self.events.removeAll() }
        return self.events
    }

    /// Forgets the events recorded so far.
    public func reset() {
        self.events.removeAll()
    }

    /// The connectivity events on one channel, as (connected, blamed interface name).
    public func connectivity(on channel: ConnectivityChannel) -> [Connectivity] {
        self.events.compactMap { event in
            guard case .connectivity(channel, let connected, let interface) = event else { return nil }
            return Connectivity(connected: connected, interface: interface?.name)
        }
    }

    /// The connectivity events on every channel.
    public var connectivityByChannel: ChannelValues<[Connectivity]> {
        ChannelValues(
            any: self.connectivity(on: .any),
            ipv4: self.connectivity(on: .ipv4),
            ipv6: self.connectivity(on: .ipv6)
        )
    }

    /// The control events (timeout, fatal error, idle timeout, no configuration) in order.
    public var controlEvents: [ManagerEvent] {
        self.events.filter { event in
            switch event {
            case .connectTimeout, .fatalError, .idleTimeout, .noConfiguration: true
            case .connectivity, .interfaceReady, .interfaceUnready, .automationFailed, .reachabilityChanged,
                .serviceChanged, .technologyChanged:
                false
            }
        }
    }

    /// One connectivity event, reduced to what tests compare.
    public struct Connectivity: Hashable, Sendable, CustomStringConvertible {
        public var connected: Bool
        public var interface: String?

        public init(connected: Bool, interface: String?) {
            self.connected = connected
            self.interface = interface
        }

        /// A connected event blamed on `interface`.
        public static func connected(_ interface: String?) -> Connectivity {
            Connectivity(connected: true, interface: interface)
        }

        /// A disconnected event blamed on `interface`.
        public static func disconnected(_ interface: String?) -> Connectivity {
            Connectivity(connected: false, interface: interface)
        }

        public var description: String {
            "\(self.connected ? "connected" : "disconnected")(\(self.interface ?? "nil"))"
        }
    }
}

import Synchronization
import UplinkCore
import UplinkLinux

/// An `InterfaceConfigurator` that keeps a table of what is on each interface and records every call.
final class EthernetRecordingConfigurator: InterfaceConfigurator {
    /// One call, as the tests compare it.
    enum Call: Hashable, Sendable, CustomStringConvertible {
        case addAddress(String, lifetime: Duration?, index: InterfaceIndex)
        case removeAddress(String, index: InterfaceIndex)
        case addRoute(IPAddress, metric: Int, index: InterfaceIndex)
        case removeRoute(IPAddress, metric: Int, index: InterfaceIndex)

        var description: String {
            switch self {
            case .addAddress(let address, let lifetime, let index):
                "add \(address) \(lifetime.map { "\($0)" } ?? "forever") on \(index)"
            case .removeAddress(let address, let index): "remove \(address) on \(index)"
            case .addRoute(let gateway, let metric, let index):
                "add default via \(gateway) metric \(metric) on \(index)"
            case .removeRoute(let gateway, let metric, let index):
                "remove default via \(gateway) metric \(metric) on \(index)"
            }
        }
    }

    private struct State {
        var calls: [Call] = []
        var addresses: Set<String> = []
        var routes: Set<String> = []
        var failure: SystemCallError?
    }

    private let state = Mutex(State())

    var calls: [Call] { self.state.withLock { $0.calls } }
    /// The addresses on interfaces now, as `address/prefix`.
    var addresses: Set<String> { self.state.withLock { $0.addresses } }
    /// The default routes now, as `gateway metric`.
    var routes: Set<String> { self.state.withLock { $0.routes } }

    /// Makes additions fail with this error; nil lets them succeed.
    func failAdditions(with error: SystemCallError?) {
        self.state.withLock { $0.failure = error }
    }

    func reset() {
        self.state.withLock { $0.calls.removeAll() }
    }

    func addAddress(
        _ address: IPAddress,
        prefixLength: Int,
        broadcast: IPv4Address?,
        validLifetime: Duration?,
        preferredLifetime: Duration?,
        on index: InterfaceIndex
    ) throws {
        try self.state.withLock { state in
            if let failure = state.failure { throw failure }
            state.calls.append(.addAddress("\(address)/\(prefixLength)", lifetime: validLifetime, index: index))
            state.addresses.insert("\(address)/\(prefixLength)")
        }
    }

    func removeAddress(_ address: IPAddress, prefixLength: Int, on index: InterfaceIndex) throws {
        self.state.withLock { state in
            state.calls.append(.removeAddress("\(address)/\(prefixLength)", index: index))
            state.addresses.remove("\(address)/\(prefixLength)")
        }
    }

    func addDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws {
        try self.state.withLock { state in
            if let failure = state.failure { throw failure }
            state.calls.append(.addRoute(gateway, metric: metric, index: index))
            state.routes.insert("\(gateway) \(metric)")
        }
    }

    func removeDefaultRoute(via gateway: IPAddress, on index: InterfaceIndex, metric: Int) throws {
        self.state.withLock { state in
            state.calls.append(.removeRoute(gateway, metric: metric, index: index))
            state.routes.remove("\(gateway) \(metric)")
        }
    }
}

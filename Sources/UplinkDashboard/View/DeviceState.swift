import UplinkCore

/// The device's overall connectivity, as the header states it: the one line a technician reads
/// first.
enum DeviceState: Hashable {
    /// A ready interface's upstream answers probes.
    case online(via: InterfaceStatus)
    /// At least one interface is ready (L4 connected) and no probe has said otherwise.
    case connected(via: InterfaceStatus)
    /// Interfaces are ready, but every probed upstream is silent.
    case noUpstream(via: InterfaceStatus)
    /// No watched interface is ready.
    case offline

    /// Ready interfaces are ranked by technology preference (Ethernet, Wi-Fi, cellular, the rest),
    /// then index, as the routing policy prefers them.
    init(_ snapshot: ManagerSnapshot) {
        let ready = snapshot.interfaces
            .filter { $0.readiness.overall.isReady }
            .sorted { ($0.link.technology, $0.link.index) < ($1.link.technology, $1.link.index) }
        if let reachable = ready.first(where: { $0.reachability.isReachable }) {
            self = .online(via: reachable)
        } else if let unprobed = ready.first(where: { $0.reachability == .unknown }) {
            self = .connected(via: unprobed)
        } else if let silent = ready.first {
            self = .noUpstream(via: silent)
        } else {
            self = .offline
        }
    }

    /// The interface traffic goes through, if any.
    var interface: InterfaceStatus? {
        switch self {
        case .online(let via), .connected(let via), .noUpstream(let via): via
        case .offline: nil
        }
    }
}

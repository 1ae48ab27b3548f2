/// Tracks every interface's readiness and turns changes into connectivity events.
///
/// It follows the reference's monitor (Zephyr `conn_mgr_monitor`) in what it reports — three counters
/// of ready interfaces (any family, IPv4, IPv6) whose 0↔≥1 edges are the L4 connected/disconnected
/// events, ignore/watch per interface and per technology, and `resendStatus` — and departs from it in
/// how it works: it re-evaluates only the interfaces a change touched, so a storm of changes on a
/// device with a thousand interfaces costs the same per change as on one with ten. The reference
/// re-evaluates every interface on each wake-up.
///
/// A value type: every method returns what happened (`Outcome`) and performs no effects, so the
/// monitor is tested without a clock, a kernel or a manager.
///
/// Blame. The interface carried by a transition event is the highest-index interface whose readiness
/// on that channel flipped in that pass, as in the reference. For `resendStatus` the reference
/// repeats the last interface that flipped, which after "A up, B up, B down" blames B for being
/// connected although B is down (a known defect). uplink instead blames, for a connected channel, the
/// ready interface that became ready most recently, and for a disconnected channel the interface that
/// went unready last — nil only when nothing ever did, which keeps the reference's "nil means no
/// blame" for a device that never had connectivity.
public struct ConnectivityMonitor: Sendable {
    /// What one call changed: the events to emit and the link edges the automations act on.
    public struct Outcome: Sendable, Equatable {
        /// Per-interface events (in index order), then connectivity events (global, IPv6, IPv4).
        public var events: [ManagerEvent] = []
        /// Link edges, in index order, each interface's in the order they matter to the automations.
        public var edges: [LinkEdge] = []

        /// Nothing happened.
        public static let nothing = Outcome()
    }

    /// Every interface the monitor tracks, by index.
    public private(set) var interfaces: [InterfaceIndex: MonitoredInterface] = [:]
    /// The number of ready interfaces on each channel.
    public private(set) var readyCounts = ChannelValues(repeating: 0)
    /// Technologies whose interfaces start ignored when they appear.
    public private(set) var ignoredTechnologies: Set<Technology>
    /// Names of interfaces that start ignored when they appear (from a configuration file).
    public let ignoredNames: Set<String>
    private var lastUnready = ChannelValues<InterfaceID?>(repeating: nil)
    private var sequence: UInt64 = 0

    /// Makes an empty monitor.
    /// - Parameters:
    ///   - ignoredTechnologies: technologies whose interfaces start ignored (loopback, say).
    ///   - ignoredNames: names of interfaces that start ignored.
    public init(ignoredTechnologies: Set<Technology> = [], ignoredNames: Set<String> = []) {
        self.ignoredTechnologies = ignoredTechnologies
        self.ignoredNames = ignoredNames
    }

    /// Whether a link that appears now starts ignored: by its technology or by its name.
    private func startsIgnored(_ link: LinkSnapshot) -> Bool {
        self.ignoredTechnologies.contains(link.technology) || self.ignoredNames.contains(link.name)
    }

    /// True when at least one watched interface is ready on `channel`.
    public func isConnected(_ channel: ConnectivityChannel) -> Bool {
        self.readyCounts[channel] > 0
    }

    // MARK: - Events

    /// Applies changes from a link source as one evaluation pass.
    public mutating func apply(_ changes: some Sequence<LinkChange>) -> Outcome {
        var pass = Pass()
        for change in changes {
            switch change {
            case .link(let link):
                pass.touch(link.index, in: self.interfaces)
                if self.interfaces[link.index] != nil {
                    self.interfaces[link.index]!.link = link
                } else {
                    self.interfaces[link.index] = MonitoredInterface(
                        link: link,
                        isIgnored: self.startsIgnored(link)
                    )
                }
            case .linkRemoved(let index):
                pass.touch(index, in: self.interfaces)
                self.interfaces[index] = nil
            case .address(let index, let address):
                // The kernel reports a link before its addresses; an address for an unknown link can
                // only come from a reordered or overrun stream, and the re-dump that follows fixes it.
                guard self.interfaces[index] != nil else { continue }
                pass.touch(index, in: self.interfaces)
                self.interfaces[index]!.upsert(address)
            case .addressRemoved(let index, let address, let prefixLength):
                guard self.interfaces[index] != nil else { continue }
                pass.touch(index, in: self.interfaces)
                self.interfaces[index]!.remove(address, prefixLength: prefixLength)
            case .replaceAll(let links, let addresses):
                self.replaceAll(links, addresses: addresses, in: &pass)
            }
        }
        return self.settle(pass)
    }

    /// Ignores or watches one interface. Repeating the current setting does nothing at all.
    /// - Returns: nil when there is no such interface.
    public mutating func setIgnored(_ ignored: Bool, index: InterfaceIndex) -> Outcome? {
        guard let interface = self.interfaces[index] else { return nil }
        guard interface.isIgnored != ignored else { return .nothing }
        var pass = Pass()
        pass.touch(index, in: self.interfaces)
        self.interfaces[index]!.isIgnored = ignored
        return self.settle(pass)
    }

    /// Ignores or watches every interface of a technology, as one pass, and remembers the choice for
    /// interfaces of that technology that appear later (the reference forgets it, which surprises
    /// anyone who ignores cellular and then plugs in a modem).
    public mutating func setIgnored(_ ignored: Bool, technology: Technology) -> Outcome {
        if ignored {
            self.ignoredTechnologies.insert(technology)
        } else {
            self.ignoredTechnologies.remove(technology)
        }
        var pass = Pass()
        for (index, interface) in self.interfaces
        where interface.link.technology == technology && interface.isIgnored != ignored {
            pass.touch(index, in: self.interfaces)
            self.interfaces[index]!.isIgnored = ignored
        }
        return self.settle(pass)
    }

    /// The three current connectivity events — global, IPv6, IPv4 — whether or not anything changed.
    public func resendStatus() -> [ManagerEvent] {
        ConnectivityChannel.emissionOrder.map { channel in
            let connected = self.readyCounts[channel] > 0
            let blame = connected ? self.mostRecentlyReady(on: channel) : self.lastUnready[channel]
            return .connectivity(channel, connected: connected, interface: blame)
        }
    }

    // MARK: - Evaluation

    private mutating func replaceAll(
        _ links: [LinkSnapshot],
        addresses: [InterfaceIndex: [InterfaceAddress]],
        in pass: inout Pass
    ) {
        var present = Set<InterfaceIndex>(minimumCapacity: links.count)
        for link in links {
            present.insert(link.index)
            pass.touch(link.index, in: self.interfaces)
            var interface =
                self.interfaces[link.index]
                ?? MonitoredInterface(link: link, isIgnored: self.startsIgnored(link))
            interface.link = link
            interface.addresses = addresses[link.index] ?? []
            self.interfaces[link.index] = interface
        }
        for index in Array(self.interfaces.keys) where !present.contains(index) {
            pass.touch(index, in: self.interfaces)
            self.interfaces[index] = nil
        }
    }

    /// Re-evaluates the interfaces a pass touched and derives its events and edges.
    private mutating func settle(_ pass: Pass) -> Outcome {
        guard !pass.isEmpty else { return .nothing }
        var outcome = Outcome()
        let countsBefore = self.readyCounts
        var blame = ChannelValues<InterfaceID?>(repeating: nil)
        for (index, before) in pass.sortedPriors() {
            let after = self.reevaluate(index)
            let identity = after?.id ?? before?.id
            guard let identity else { continue }
            for channel in ConnectivityChannel.allCases {
                let wasReady = before?.readiness.readiness(on: channel).isReady ?? false
                let isReady = after?.readiness.readiness(on: channel).isReady ?? false
                guard wasReady != isReady else { continue }
                self.readyCounts[channel] += isReady ? 1 : -1
                blame[channel] = identity
                if isReady {
                    self.sequence += 1
                    self.interfaces[index]!.readySince[channel] = self.sequence
                } else {
                    self.lastUnready[channel] = identity
                    if after != nil { self.interfaces[index]!.readySince[channel] = 0 }
                }
            }
            switch (before?.readiness.overall.isReady ?? false, after?.readiness.overall) {
            case (false, .ready?):
                outcome.events.append(.interfaceReady(identity))
            case (true, .notReady(let reason)?):
                outcome.events.append(.interfaceUnready(identity, reason: reason))
            case (true, nil):
                outcome.events.append(.interfaceUnready(identity, reason: .removed))
            case (false, .notReady?), (false, nil), (true, .ready?):
                break
            }
            Self.appendEdges(from: before?.link, to: after?.link, into: &outcome.edges)
        }
        for channel in ConnectivityChannel.emissionOrder {
            let was = countsBefore[channel] > 0
            let now = self.readyCounts[channel] > 0
            if was != now {
                outcome.events.append(.connectivity(channel, connected: now, interface: blame[channel]))
            }
        }
        return outcome
    }

    private mutating func reevaluate(_ index: InterfaceIndex) -> MonitoredInterface? {
        guard let interface = self.interfaces[index] else { return nil }
        let readiness = InterfaceReadiness.evaluate(
            link: interface.link,
            addresses: interface.addresses,
            isIgnored: interface.isIgnored
        )
        self.interfaces[index]!.readiness = readiness
        return self.interfaces[index]
    }

    /// Edges in the order the automations need them: on the way up admin before operational, on the
    /// way down operational before admin, so auto-down sees the loss before the admin change.
    private static func appendEdges(from before: LinkSnapshot?, to after: LinkSnapshot?, into edges: inout [LinkEdge]) {
        switch (before, after) {
        case (nil, nil):
            return
        case (let before?, nil):
            if before.isOperationallyUp { edges.append(.operationallyDown(before.id)) }
            edges.append(.removed(before.id))
        case (nil, let after?):
            edges.append(.appeared(after.id))
            if after.isAdminUp { edges.append(.adminUp(after.id)) }
            if after.isOperationallyUp { edges.append(.operationallyUp(after.id)) }
        case (let before?, let after?):
            if before.name != after.name { edges.append(.renamed(from: before.id, to: after.id)) }
            if !before.isAdminUp && after.isAdminUp { edges.append(.adminUp(after.id)) }
            if !before.isOperationallyUp && after.isOperationallyUp { edges.append(.operationallyUp(after.id)) }
            if before.isOperationallyUp && !after.isOperationallyUp { edges.append(.operationallyDown(after.id)) }
            if before.isAdminUp && !after.isAdminUp { edges.append(.adminDown(after.id)) }
        }
    }

    private func mostRecentlyReady(on channel: ConnectivityChannel) -> InterfaceID? {
        var best: MonitoredInterface?
        for interface in self.interfaces.values where interface.readySince[channel] > 0 {
            if interface.readySince[channel] > best?.readySince[channel] ?? 0 { best = interface }
        }
        return best?.id
    }
}

extension ConnectivityMonitor {
    /// The interfaces one pass touched, each with its state before the pass (nil if it did not exist).
    ///
    /// Passes are almost always one or two changes long, so a short array beats a dictionary; a
    /// dictionary index is built only for large passes such as a full re-dump.
    fileprivate struct Prior {
        var index: InterfaceIndex
        var interface: MonitoredInterface?
    }

    fileprivate struct Pass {
        private var priors: [Prior] = []
        private var positions: [InterfaceIndex: Int]?

        var isEmpty: Bool { self.priors.isEmpty }

        mutating func touch(_ index: InterfaceIndex, in interfaces: [InterfaceIndex: MonitoredInterface]) {
            if let positions = self.positions {
                guard positions[index] == nil else { return }
            } else if self.priors.contains(where: { $0.index == index }) {
                return
            }
            self.priors.append(Prior(index: index, interface: interfaces[index]))
            if self.positions != nil {
                self.positions![index] = self.priors.count - 1
            } else if self.priors.count > 16 {
                var positions: [InterfaceIndex: Int] = [:]
                for (position, prior) in self.priors.enumerated() { positions[prior.index] = position }
                self.positions = positions
            }
        }

        func sortedPriors() -> [(InterfaceIndex, MonitoredInterface?)] {
            let sorted = self.priors.count == 1 ? self.priors : self.priors.sorted { $0.index < $1.index }
            return sorted.map { ($0.index, $0.interface) }
        }
    }
}

/// The readiness of one interface, overall and per address family.
///
/// `evaluate` is the one readiness rule in uplink: the monitor's counters, the per-interface events,
/// the dashboard's "why not" column and `status --json` all come from it.
public struct InterfaceReadiness: Hashable, Sendable {
    /// Ready in at least one family.
    public var overall: Readiness
    /// Ready for IPv4.
    public var ipv4: Readiness
    /// Ready for IPv6.
    public var ipv6: Readiness

    public init(overall: Readiness, ipv4: Readiness, ipv6: Readiness) {
        self.overall = overall
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    /// The readiness on one of the monitor's channels.
    public func readiness(on channel: ConnectivityChannel) -> Readiness {
        switch channel {
        case .any: self.overall
        case .ipv4: self.ipv4
        case .ipv6: self.ipv6
        }
    }

    /// Judges an interface.
    ///
    /// Ready means: watched, administratively up, with carrier, not dormant, and with at least one
    /// usable address of the family — one that is preferred (not tentative, duplicate or deprecated)
    /// and neither link-local (169.254/16, fe80::/10) nor loopback. Admin state is checked on its own,
    /// unlike the reference, so that "administratively down" and "no carrier" are told apart.
    ///
    /// The cost is linear in the interface's own addresses and independent of every other interface.
    public static func evaluate(
        link: LinkSnapshot,
        addresses: some Collection<InterfaceAddress>,
        isIgnored: Bool
    ) -> InterfaceReadiness {
        if let reason = linkReason(link, isIgnored: isIgnored) {
            let notReady = Readiness.notReady(reason)
            return InterfaceReadiness(overall: notReady, ipv4: notReady, ipv6: notReady)
        }
        let ipv4 = addressReadiness(addresses, family: .ipv4)
        let ipv6 = addressReadiness(addresses, family: .ipv6)
        let overall: Readiness
        switch (ipv4, ipv6) {
        case (.ready, _), (_, .ready):
            overall = .ready
        case (.notReady(let reason4), .notReady(let reason6)):
            overall = .notReady(reason6.addressRank > reason4.addressRank ? reason6 : reason4)
        }
        return InterfaceReadiness(overall: overall, ipv4: ipv4, ipv6: ipv6)
    }

    private static func linkReason(_ link: LinkSnapshot, isIgnored: Bool) -> NotReadyReason? {
        if isIgnored { return .ignored }
        if !link.isAdminUp { return .adminDown }
        if !link.hasCarrier { return .noCarrier }
        if link.isDormant { return .dormant }
        return nil
    }

    /// The readiness of one family from the addresses alone; on ties the lowest address is named,
    /// so the reason does not depend on the order the kernel reported them in.
    private static func addressReadiness(
        _ addresses: some Collection<InterfaceAddress>,
        family: AddressFamily
    ) -> Readiness {
        var best: NotReadyReason = .noAddress
        var bestAddress: IPAddress?
        for candidate in addresses where candidate.family == family {
            if candidate.isUsable { return .ready }
            let reason = unusableReason(candidate)
            let isBetter =
                reason.addressRank > best.addressRank
                || (reason.addressRank == best.addressRank && bestAddress.map { candidate.address < $0 } ?? true)
            if isBetter {
                best = reason
                bestAddress = candidate.address
            }
        }
        return .notReady(best)
    }

    private static func unusableReason(_ candidate: InterfaceAddress) -> NotReadyReason {
        if candidate.isRoutable {
            switch candidate.state {
            case .duplicate: return .duplicateAddress(candidate.address)
            case .tentative: return .tentativeAddress(candidate.address)
            case .deprecated: return .deprecatedAddress(candidate.address)
            case .preferred: preconditionFailure("Internal inconsistency: a preferred routable address is usable")
            }
        }
        if candidate.address.isLoopback || candidate.scope == .host { return .onlyLoopback }
        if candidate.address.isLinkLocal || candidate.scope == .link { return .onlyLinkLocal }
        return .noAddress
    }
}

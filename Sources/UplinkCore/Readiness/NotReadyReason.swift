/// Why an interface, or one of its address families, is not ready.
///
/// The cases are listed in the order the readiness rule checks them: the first that applies wins,
/// so the reason given is always the one a technician has to fix first.
public enum NotReadyReason: Hashable, Sendable, CustomStringConvertible {
    /// Someone asked the manager to ignore this interface; it never counts, whatever its state.
    case ignored
    /// The interface is administratively down.
    case adminDown
    /// The interface is up but has no carrier: no cable, no association, no modem attach.
    case noCarrier
    /// The link has carrier but is waiting for something outside it, such as authentication.
    case dormant
    /// Detection found another host using this address, and no other address is usable.
    case duplicateAddress(IPAddress)
    /// Duplicate address detection is still running on this address, and no other address is usable.
    case tentativeAddress(IPAddress)
    /// This address's preferred lifetime ran out, and no other address is usable.
    case deprecatedAddress(IPAddress)
    /// The interface has only link-local addresses, which never reach beyond the link.
    case onlyLinkLocal
    /// The interface has only loopback addresses, which never leave the host.
    case onlyLoopback
    /// The interface has no address of the family at all.
    case noAddress
    /// The interface went away. Never returned by the readiness rule; carried by the unready event.
    case removed

    /// A short stable identifier for scripts and JSON; never translated.
    public var code: String {
        switch self {
        case .ignored: "ignored"
        case .adminDown: "admin-down"
        case .noCarrier: "no-carrier"
        case .dormant: "dormant"
        case .duplicateAddress: "duplicate-address"
        case .tentativeAddress: "tentative-address"
        case .deprecatedAddress: "deprecated-address"
        case .onlyLinkLocal: "only-link-local"
        case .onlyLoopback: "only-loopback"
        case .noAddress: "no-address"
        case .removed: "removed"
        }
    }

    /// The reason in words, for a person.
    public var description: String {
        switch self {
        case .ignored: "ignored"
        case .adminDown: "administratively down"
        case .noCarrier: "no carrier"
        case .dormant: "dormant, waiting for association or authentication"
        case .duplicateAddress(let address): "address \(address) is in use by another host"
        case .tentativeAddress(let address): "address \(address) still tentative"
        case .deprecatedAddress(let address): "address \(address) is deprecated"
        case .onlyLinkLocal: "only a link-local address"
        case .onlyLoopback: "only a loopback address"
        case .noAddress: "no address"
        case .removed: "interface removed"
        }
    }

    /// The reason in words that say what to check, for an interface of this technology: "no carrier —
    /// is the cable plugged in?" for Ethernet, "not associated with an access point" for Wi-Fi. The
    /// one wording every face uses.
    public func explanation(on technology: Technology) -> String {
        switch self {
        case .noCarrier:
            switch technology {
            case .ethernet: "no carrier — is the cable plugged in?"
            case .wifi: "not associated with an access point"
            case .cellular: "no carrier — the modem is not attached to a network"
            case .loopback, .virtual, .other: "no carrier — is the other end up?"
            }
        case .dormant:
            switch technology {
            case .wifi: "dormant — associating or authenticating"
            case .cellular: "dormant — the modem is registering"
            case .ethernet: "dormant — waiting for 802.1X authentication"
            case .loopback, .virtual, .other: self.description
            }
        case .tentativeAddress(let address): "address \(address) still tentative (duplicate address detection)"
        case .noAddress: "no address yet — waiting for DHCP or a router advertisement"
        case .onlyLinkLocal: "only a link-local address — no DHCP lease or router advertisement yet"
        case .ignored, .adminDown, .duplicateAddress, .deprecatedAddress, .onlyLoopback, .removed: self.description
        }
    }

    /// How much a reason about addresses says: when neither family is ready, the overall reason is
    /// the more telling of the two (a tentative IPv6 address says more than "no IPv4 address").
    var addressRank: Int {
        switch self {
        case .duplicateAddress: 5
        case .tentativeAddress: 4
        case .deprecatedAddress: 3
        case .onlyLinkLocal: 2
        case .onlyLoopback: 1
        case .noAddress: 0
        case .ignored, .adminDown, .noCarrier, .dormant, .removed: -1
        }
    }
}

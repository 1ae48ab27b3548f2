import UplinkCore

/// States in words, for the table, the detail pane and the header. One place, so that the same
/// state reads the same everywhere.
enum Words {
    /// The operational state, short: up, down, no carrier, dormant.
    static func operational(_ link: LinkSnapshot) -> String {
        if !link.isAdminUp { return "down" }
        if !link.hasCarrier { return "no-carr" }
        if link.isDormant { return "dormant" }
        return "up"
    }

    /// A technology, short.
    static func technology(_ technology: Technology) -> String {
        switch technology {
        case .ethernet: "ether"
        case .wifi: "wifi"
        case .cellular: "cell"
        case .loopback: "loop"
        case .virtual: "virt"
        case .other: "other"
        }
    }

    /// Why an interface is not ready, in words that say what to check, for its technology.
    static func reason(_ reason: NotReadyReason, technology: Technology) -> String {
        switch reason {
        case .noCarrier:
            switch technology {
            case .ethernet: return "no carrier — is the cable plugged in?"
            case .wifi: return "not associated with an access point"
            case .cellular: return "no carrier — the modem is not attached"
            case .loopback, .virtual, .other: return reason.description
            }
        case .dormant:
            switch technology {
            case .wifi: return "dormant — associating or authenticating"
            case .cellular: return "dormant — the modem is registering"
            case .ethernet, .loopback, .virtual, .other: return reason.description
            }
        case .adminDown: return "administratively down — press u to bring it up"
        case .ignored: return "ignored — press i to watch it"
        case .tentativeAddress(let address): return "address \(address) still tentative (duplicate address detection)"
        case .noAddress: return "no address yet — waiting for DHCP or router advertisements"
        case .duplicateAddress, .deprecatedAddress, .onlyLinkLocal, .onlyLoopback, .removed: return reason.description
        }
    }

    /// A whole number of seconds left until `deadline`, rounded up, never negative.
    static func secondsLeft(until deadline: Duration, now: Duration) -> Int {
        let left = deadline - now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    /// A timeout setting: "30s" or "none".
    static func timeout(_ timeout: Duration?) -> String {
        guard let timeout else { return "none" }
        return "\(timeout.components.seconds)s"
    }

    /// The binding's state for the table: short at 80 columns, with the reason when wide.
    static func activity(_ status: InterfaceStatus, now: Duration, wide: Bool) -> (String, ThemeRole) {
        if status.isIgnored { return ("ignored", .muted) }
        guard let binding = status.binding else { return ("-", .muted) }
        guard binding.implementation != nil else { return ("unavailable", .error) }
        switch binding.activity {
        case .idle:
            return ("idle", .muted)
        case .connecting(_, let deadline):
            guard let deadline else { return ("connecting", .warning) }
            let left = self.secondsLeft(until: deadline, now: now)
            return (wide ? "connecting, \(left)s left" : "conn \(left)s", .warning)
        case .connected:
            return ("connected", .ok)
        case .retrying(let at, _, let lastFailure):
            let left = self.secondsLeft(until: at, now: now)
            return (wide ? "retry in \(left)s: \(lastFailure)" : "retry \(left)s", .warning)
        case .failed(let reason):
            return (wide ? "failed: \(reason)" : "failed", .error)
        }
    }

    /// The binding's state as a sentence, for the detail pane.
    static func activitySentence(_ binding: BindingStatus, now: Duration) -> String {
        switch binding.activity {
        case .idle:
            return "idle"
        case .connecting(_, let deadline):
            return deadline.map { "connecting, gives up in \(self.secondsLeft(until: $0, now: now))s" } ?? "connecting"
        case .connected:
            return "connected"
        case .retrying(let at, _, let lastFailure):
            return "retry in \(self.secondsLeft(until: at, now: now))s after: \(lastFailure)"
        case .failed(let reason):
            return "failed: \(reason)"
        }
    }

    /// The binding's flags as words.
    static func flags(_ flags: BindingFlags) -> String {
        [
            flags.contains(.persistent) ? "persistent" : "not persistent",
            flags.contains(.noAutoConnect) ? "no auto-connect" : "auto-connect",
            flags.contains(.noAutoDown) ? "no auto-down" : "auto-down",
        ].joined(separator: " · ")
    }

    /// The first address of a family, with a "+N" when there are more.
    static func address(_ status: InterfaceStatus, family: AddressFamily) -> String {
        let addresses = status.addresses.filter { $0.family == family }
            .sorted { ($0.isUsable ? 0 : 1, $0.address) < ($1.isUsable ? 0 : 1, $1.address) }
        guard let first = addresses.first else { return "-" }
        return addresses.count > 1 ? "\(first) +\(addresses.count - 1)" : first.description
    }
}

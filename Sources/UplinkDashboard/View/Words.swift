import UplinkCore

/// States in words, for the table, the detail pane and the header. One place, so that the same
/// state reads the same everywhere.
enum Words {
    /// Admin and operational state in one word or two: down, no carrier, dormant, up. It is also
    /// the operational state alone, which an administratively down link always has as "down".
    static func link(_ link: LinkSnapshot) -> String {
        if !link.isAdminUp { return "down" }
        if !link.hasCarrier { return "no carrier" }
        if link.isDormant { return "dormant" }
        return "up"
    }

    /// A technology, short, for the table.
    static func technology(_ technology: Technology) -> String {
        switch technology {
        case .ethernet: "eth"
        case .wifi: "wifi"
        case .cellular: "cell"
        case .loopback: "lo"
        case .virtual: "virt"
        case .other: "other"
        }
    }

    /// A technology in full, for titles.
    static func technologyName(_ technology: Technology) -> String {
        switch technology {
        case .ethernet: "Ethernet"
        case .wifi: "Wi-Fi"
        case .cellular: "cellular"
        case .loopback: "loopback"
        case .virtual: "virtual"
        case .other: "unknown kind"
        }
    }

    /// Readiness per family, for the table: 4+6, 4, 6, no, or - when ignored.
    static func readiness(_ status: InterfaceStatus) -> (String, ThemeRole) {
        if status.isIgnored { return ("-", .muted) }
        let readiness = status.readiness
        switch (readiness.ipv4.isReady, readiness.ipv6.isReady) {
        case (true, true): return ("4+6", .ok)
        case (true, false): return ("4", .ok)
        case (false, true): return ("6", .ok)
        case (false, false): return ("no", .error)
        }
    }

    /// Why an interface is not ready, in the core's words for its technology, with the key that
    /// fixes it where there is one.
    static func reason(_ reason: NotReadyReason, technology: Technology) -> String {
        switch reason {
        case .adminDown: "administratively down — press u to bring it up"
        case .ignored: "ignored — press i to watch it"
        case .noCarrier, .dormant, .tentativeAddress, .noAddress, .onlyLinkLocal, .duplicateAddress,
            .deprecatedAddress, .onlyLoopback, .removed:
            reason.explanation(on: technology)
        }
    }

    /// A whole number of seconds left until `deadline`, rounded up, never negative.
    static func secondsLeft(until deadline: Duration, now: Duration) -> Int {
        let left = deadline - now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    /// A span for people: 45s, 12m05s, 3h02m, 2d04h.
    static func span(_ duration: Duration) -> String {
        let seconds = max(Int(duration.components.seconds), 0)
        if seconds < 60 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" + Self.twoDigits(seconds % 60) + "s" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours)h" + Self.twoDigits(minutes % 60) + "m" }
        return "\(hours / 24)d" + Self.twoDigits(hours % 24) + "h"
    }

    /// How long a steady state has lasted, coarsely: "under a minute", then 3m, 1h05m, 2d04h. A
    /// steady screen must not change every second (on a serial console every byte counts), so only
    /// countdowns of something in progress tick by the second.
    static func age(_ duration: Duration) -> String {
        let minutes = max(Int(duration.components.seconds), 0) / 60
        if minutes == 0 { return "under a minute" }
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours)h" + Self.twoDigits(minutes % 60) + "m" }
        return "\(hours / 24)d" + Self.twoDigits(hours % 24) + "h"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// A timeout setting: "30s" or "none".
    static func timeout(_ timeout: Duration?) -> String {
        guard let timeout else { return "none" }
        return "\(timeout.components.seconds)s"
    }

    /// The state column: the binding's activity (with its countdown), the upstream when it is
    /// silent, and the reason when there is room.
    static func state(_ status: InterfaceStatus, now: Duration, width: Int) -> (String, ThemeRole) {
        if status.isIgnored { return ("ignored", .muted) }
        if case .unreachable = status.reachability { return ("no upstream", .error) }
        guard let binding = status.binding else { return ("unbound", .muted) }
        guard binding.implementation != nil else { return ("unavailable", .error) }
        switch binding.activity {
        case .idle:
            return ("idle", .muted)
        case .connecting(_, let deadline):
            guard let deadline else { return ("connecting", .warning) }
            return ("connecting \(self.secondsLeft(until: deadline, now: now))s", .warning)
        case .connected:
            return ("connected", .ok)
        case .retrying(let at, _, let lastFailure):
            let short = "retry in \(self.secondsLeft(until: at, now: now))s"
            return (self.longest([short + ": " + lastFailure, short], fitting: width), .warning)
        case .failed(let reason):
            return ("failed: \(reason)", .error)
        }
    }

    /// The binding's state as a sentence, for the detail pane.
    static func activitySentence(_ binding: BindingStatus, now: Duration) -> String {
        switch binding.activity {
        case .idle:
            return "idle — press c to connect"
        case .connecting(let since, let deadline):
            let elapsed = "connecting for \(self.span(now - since))"
            return deadline.map { elapsed + ", gives up in \(self.secondsLeft(until: $0, now: now))s" } ?? elapsed
        case .connected(let since):
            return "connected for \(self.age(now - since))"
        case .retrying(let at, let deadline, let lastFailure):
            var sentence = "retry in \(self.secondsLeft(until: at, now: now))s after: \(lastFailure)"
            if let deadline { sentence += "; gives up in \(self.secondsLeft(until: deadline, now: now))s" }
            return sentence
        case .failed(let reason):
            return "failed: \(reason) — press c to try again"
        }
    }

    /// What the upstream probe found, as a sentence; nil when nothing was probed.
    static func upstreamSentence(_ reachability: Reachability, now: Duration) -> String? {
        switch reachability {
        case .unknown: nil
        case .reachable(let since): "upstream answers (for \(self.age(now - since)))"
        case .unreachable(let since, let reason): "upstream silent for \(self.age(now - since)): \(reason)"
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

    /// P (persistent), A (auto-connect), D (auto-down), or a dot where a flag is off.
    static func flagLetters(_ flags: BindingFlags) -> String {
        (flags.contains(.persistent) ? "P" : ".") + (flags.contains(.noAutoConnect) ? "." : "A")
            + (flags.contains(.noAutoDown) ? "." : "D")
    }

    /// The first address of a family (usable ones first), with "+N" when there are more; the prefix
    /// is left out when it does not fit.
    static func address(_ status: InterfaceStatus, family: AddressFamily, width: Int) -> String {
        let addresses = status.addresses.filter { $0.family == family }
            .sorted { ($0.isUsable ? 0 : 1, $0.address) < ($1.isUsable ? 0 : 1, $1.address) }
        guard let first = addresses.first else { return "-" }
        guard addresses.count > 1 else {
            return self.longest([first.description, first.address.description], fitting: width)
        }
        let more = "+\(addresses.count - 1)"
        return self.longest(
            [first.description + " " + more, first.address.description + " " + more, first.address.description + more],
            fitting: width
        )
    }

    /// The first of `candidates` that fits in `width` columns, or the last one (to be cut).
    static func longest(_ candidates: [String], fitting width: Int) -> String {
        candidates.first { TextWidth.of($0) <= width } ?? candidates.last ?? ""
    }
}

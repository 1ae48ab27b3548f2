import UplinkCore

/// The Wi-Fi setup flow on one interface: scan, pick a network (or name a hidden one), enter the
/// key masked with a reveal toggle, join with a countdown, and see the result or why it failed.
///
/// A value: `handle(_:status:)` takes a key and the interface's current Wi-Fi status and returns
/// the commands to send. Progress after a join (joined, failed and why) is read from the status at
/// each frame rather than stored, so the flow cannot disagree with the device.
public struct WiFiFlow: Hashable, Sendable {
    /// Where the flow is.
    public enum Step: Hashable, Sendable {
        /// The network list; `selection` is the highlighted row, nil for the first one.
        case list(selection: ListRow?)
        /// Typing the name of a hidden network and choosing its security.
        case hiddenName(TextField, security: WiFiSecurity, error: String?)
        /// Typing the key for a network.
        case secret(Target, TextField, error: String?)
        /// A join was sent for `target`; its outcome is read from the status.
        case joining(Target)
    }

    /// A row of the network list.
    public enum ListRow: Hashable, Sendable {
        /// A network from the scan or a remembered one.
        case network(SSID)
        /// The "hidden network…" row, to join a network by name.
        case hiddenNetwork
    }

    /// The network being joined.
    public struct Target: Hashable, Sendable {
        public var ssid: SSID
        public var security: WiFiSecurity
        public var isHidden: Bool
        /// The credentials sent last, kept to retry; nil when joining with saved credentials.
        public var credentials: WiFiCredentials?
    }

    /// What a join came to, read from the status.
    public enum Outcome: Hashable, Sendable {
        /// Still joining; gives up at the deadline (manager time) if there is one.
        case pending(deadline: Duration?)
        /// Joined.
        case joined
        /// Failed, with the reason in words.
        case failed(String)
    }

    /// The securities offered for a hidden network, in the order ↑/↓ cycle through them.
    public static let hiddenSecurities: [WiFiSecurity] = [.wpa2Personal, .wpa3Personal, .open]

    /// The interface.
    public let interface: String
    /// Where the flow is.
    public private(set) var step: Step = .list(selection: nil)
    /// A one-line notice for the list ("Forgot Office").
    public private(set) var notice: String?

    public init(interface: String) {
        self.interface = interface
    }

    /// The commands that open the flow: a fresh scan.
    public var openingEffects: [DashboardEffect] { [.execute(.scan(self.interface))] }

    /// The rows of the list: the networks, strongest first, then the hidden-network row.
    public static func rows(_ status: WiFiStatus?) -> [ListRow] {
        (status?.networks ?? []).map { ListRow.network($0.ssid) } + [.hiddenNetwork]
    }

    /// The position of the highlighted row; the first row when nothing (or a network that has gone)
    /// is highlighted.
    public static func position(of selection: ListRow?, in rows: [ListRow]) -> Int {
        selection.flatMap { rows.firstIndex(of: $0) } ?? 0
    }

    /// What the join in progress has come to.
    public func outcome(for target: Target, status: WiFiStatus?) -> Outcome {
        switch status?.join {
        case .joining(let ssid, _, let deadline) where ssid == target.ssid: .pending(deadline: deadline)
        case .joined(let ssid) where ssid == target.ssid: .joined
        case .failed(let ssid, let reason) where ssid == target.ssid: .failed(reason)
        case .joining, .joined, .failed, .idle, nil: .pending(deadline: nil)
        }
    }

    // MARK: - Keys

    /// Handles a key. Returns the effects to run and whether the flow should close.
    public mutating func handle(_ key: Key, status: WiFiStatus?) -> (effects: [DashboardEffect], close: Bool) {
        switch self.step {
        case .list(let selection):
            return self.handleList(key, selection: selection, status: status)
        case .hiddenName(var field, let security, _):
            return self.handleHiddenName(key, field: &field, security: security)
        case .secret(let target, var field, _):
            return self.handleSecret(key, target: target, field: &field)
        case .joining(let target):
            return self.handleJoining(key, target: target, status: status)
        }
    }

    private mutating func handleList(
        _ key: Key,
        selection: ListRow?,
        status: WiFiStatus?
    ) -> (effects: [DashboardEffect], close: Bool) {
        let rows = Self.rows(status)
        let position = Self.position(of: selection, in: rows)
        switch key {
        case .escape, .character("q"):
            return ([], true)
        case .up, .character("k"):
            self.step = .list(selection: rows[max(position - 1, 0)])
        case .down, .character("j"):
            self.step = .list(selection: rows[min(position + 1, rows.count - 1)])
        case .character("r"):
            self.notice = nil
            return ([.execute(.scan(self.interface))], false)
        case .character("x"):
            guard case .network(let ssid) = rows[position],
                let network = status?.networks.first(where: { $0.ssid == ssid }), network.isKnown
            else {
                self.notice = "only a remembered network can be forgotten"
                return ([], false)
            }
            self.notice = "forgot \(ssid.displayName)"
            return ([.execute(.forget(self.interface, ssid))], false)
        case .enter:
            guard case .network(let ssid) = rows[position] else {
                self.step = .hiddenName(TextField(), security: .wpa2Personal, error: nil)
                return ([], false)
            }
            guard let network = status?.networks.first(where: { $0.ssid == ssid }) else { return ([], false) }
            return self.choose(network)
        case .character, .control, .left, .right, .home, .end, .pageUp, .pageDown, .backspace, .delete, .tab,
            .backTab, .function, .paste, .resize:
            break
        }
        return ([], false)
    }

    private mutating func choose(_ network: WiFiNetwork) -> (effects: [DashboardEffect], close: Bool) {
        self.notice = nil
        if network.isCurrent {
            self.notice = "already connected to \(network.ssid.displayName)"
            return ([], false)
        }
        var target = Target(ssid: network.ssid, security: network.security, isHidden: false, credentials: nil)
        if network.isKnown {
            self.step = .joining(target)
            return ([.execute(.joinKnown(self.interface, network.ssid))], false)
        }
        guard network.security.needsSecret else {
            guard let credentials = try? WiFiCredentials(ssid: network.ssid, security: .open) else {
                return ([], false)
            }
            target.credentials = credentials
            self.step = .joining(target)
            return ([.execute(.join(self.interface, credentials))], false)
        }
        self.step = .secret(target, TextField(isSecret: true), error: nil)
        return ([], false)
    }

    private mutating func handleHiddenName(
        _ key: Key,
        field: inout TextField,
        security: WiFiSecurity
    ) -> (effects: [DashboardEffect], close: Bool) {
        // Every key that is not one of the flow's own goes to the text field.
        if key == .escape {
            self.step = .list(selection: .hiddenNetwork)
        } else if key == .up || key == .down {
            let options = Self.hiddenSecurities
            let position = options.firstIndex(of: security) ?? 0
            let next = (position + (key == .down ? 1 : options.count - 1)) % options.count
            self.step = .hiddenName(field, security: options[next], error: nil)
        } else if key == .enter {
            let ssid: SSID
            do {
                ssid = try SSID(field.text)
            } catch {
                self.step = .hiddenName(field, security: security, error: error.description)
                return ([], false)
            }
            let target = Target(ssid: ssid, security: security, isHidden: true, credentials: nil)
            guard security.needsSecret else { return self.join(target, secret: nil) }
            self.step = .secret(target, TextField(isSecret: true), error: nil)
        } else {
            _ = field.handle(key)
            self.step = .hiddenName(field, security: security, error: nil)
        }
        return ([], false)
    }

    private mutating func handleSecret(
        _ key: Key,
        target: Target,
        field: inout TextField
    ) -> (effects: [DashboardEffect], close: Bool) {
        if key == .escape {
            self.step =
                target.isHidden
                ? .hiddenName(TextField(target.ssid.displayName), security: target.security, error: nil)
                : .list(selection: .network(target.ssid))
        } else if key == .tab {
            field.toggleReveal()
            self.step = .secret(target, field, error: nil)
        } else if key == .enter {
            if let problem = WiFiCredentials.problem(with: field.text, for: target.security) {
                self.step = .secret(target, field, error: problem.description)
                return ([], false)
            }
            return self.join(target, secret: Secret(field.text))
        } else {
            _ = field.handle(key)
            self.step = .secret(target, field, error: nil)
        }
        return ([], false)
    }

    private mutating func join(_ target: Target, secret: Secret?) -> (effects: [DashboardEffect], close: Bool) {
        do {
            let credentials = try WiFiCredentials(
                ssid: target.ssid,
                security: target.security,
                secret: secret,
                isHidden: target.isHidden
            )
            var joining = target
            joining.credentials = credentials
            self.step = .joining(joining)
            return ([.execute(.join(self.interface, credentials))], false)
        } catch {
            self.step = .secret(target, TextField(secret?.revealed ?? "", isSecret: true), error: error.description)
            return ([], false)
        }
    }

    private mutating func handleJoining(
        _ key: Key,
        target: Target,
        status: WiFiStatus?
    ) -> (effects: [DashboardEffect], close: Bool) {
        switch (self.outcome(for: target, status: status), key) {
        case (.failed, .character("r")):
            if let credentials = target.credentials {
                return ([.execute(.join(self.interface, credentials))], false)
            }
            return ([.execute(.joinKnown(self.interface, target.ssid))], false)
        case (.failed, .character("e")):
            let secret = target.credentials?.secret?.revealed ?? ""
            self.step = .secret(target, TextField(secret, isSecret: true), error: nil)
        case (.failed, .escape), (.failed, .character("l")):
            self.step = .list(selection: target.isHidden ? .hiddenNetwork : .network(target.ssid))
        case (.joined, .enter), (.joined, .escape), (.pending, .escape):
            return ([], true)
        case (.pending, _), (.joined, _), (.failed, _):
            break
        }
        return ([], false)
    }
}

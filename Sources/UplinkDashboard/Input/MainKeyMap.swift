import UplinkCore

/// The main screen's keys: the one table the footer, the help overlay and key handling share.
public enum MainKeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(
            [.up, .character("k")], label: "↑↓ k j", summary: "select", help: "select the interface above or below",
            footer: .never
        ) { state, context, _ in
            state.moveSelection(by: -1, in: context)
            return []
        },
        KeyBinding([.down, .character("j")], label: "", summary: "", help: "", footer: .never) { state, context, _ in
            state.moveSelection(by: 1, in: context)
            return []
        },
        KeyBinding(
            [.character("c")], label: "c", summary: "connect", help: "connect the selected interface",
            disabledReason: { _, interface in unboundReason(interface, "connect") }
        ) { _, _, interface in
            [.execute(.connect(interface!.link.name))]
        },
        KeyBinding(
            [.character("d")], label: "d", summary: "disconnect", help: "disconnect the selected interface",
            disabledReason: { _, interface in
                unboundReason(interface, "disconnect")
                    ?? (interface!.link.isAdminUp
                        ? nil : "\(interface!.link.name) is down; there is nothing to disconnect")
            }
        ) { _, _, interface in
            [.execute(.disconnect(interface!.link.name))]
        },
        KeyBinding(
            [.character("i")], label: "i", summary: "ignore", help: "ignore or watch the selected interface",
            disabledReason: { _, interface in interface == nil ? "there is no interface" : nil }
        ) { _, _, interface in
            [.execute(.setIgnored(interface!.link.name, !interface!.isIgnored))]
        },
        KeyBinding(
            [.character("u")], label: "u", summary: "up/down", help: "bring the selected interface up or down",
            disabledReason: { _, interface in interface == nil ? "there is no interface" : nil }
        ) { _, _, interface in
            [.execute(.setAdminState(interface!.link.name, up: !interface!.link.isAdminUp))]
        },
        KeyBinding(
            [.character("p")], label: "p", summary: "persist", help: "switch persistence (reconnect after a loss)",
            footer: .wide, disabledReason: { _, interface in unboundReason(interface, "persistence") }
        ) { _, _, interface in
            let isOn = interface!.binding!.flags.contains(.persistent)
            return [.execute(.setFlags(interface!.link.name, .persistent, !isOn))]
        },
        KeyBinding(
            [.character("a")], label: "a", summary: "auto-connect",
            help: "switch auto-connect when the interface comes up",
            footer: .wide, disabledReason: { _, interface in unboundReason(interface, "auto-connect") }
        ) { _, _, interface in
            let isOff = interface!.binding!.flags.contains(.noAutoConnect)
            return [.execute(.setFlags(interface!.link.name, .noAutoConnect, !isOff))]
        },
        KeyBinding(
            [.character("t")], label: "t", summary: "timeout", help: "set the connect timeout (seconds)",
            footer: .wide, disabledReason: { _, interface in unboundReason(interface, "a timeout") }
        ) { state, _, interface in
            state.mode = .prompt(
                TimeoutPrompt(
                    kind: .connect, interface: interface!.link.name, current: interface!.binding!.connectTimeout)
            )
            return []
        },
        KeyBinding(
            [.character("T")], label: "T", summary: "idle", help: "set the idle timeout (seconds)",
            footer: .wide, disabledReason: { _, interface in unboundReason(interface, "a timeout") }
        ) { state, _, interface in
            state.mode = .prompt(
                TimeoutPrompt(kind: .idle, interface: interface!.link.name, current: interface!.binding!.idleTimeout)
            )
            return []
        },
        KeyBinding(
            [.character("w")], label: "w", summary: "Wi-Fi", help: "set up Wi-Fi: scan, pick a network, enter the key",
            disabledReason: { context, interface in
                guard let interface else { return "there is no interface" }
                // Whatever the kernel says the link is, an interface bound to a Wi-Fi
                // implementation is driven as Wi-Fi (a supplicant on a wired port, too).
                if context.wifi[interface.link.name] != nil { return nil }
                guard interface.link.technology == .wifi else {
                    return "\(interface.link.name) is \(interface.link.technology.article); select a Wi-Fi interface"
                }
                return "\(interface.link.name) is not bound to a Wi-Fi implementation uplink can drive"
            }
        ) { state, _, interface in
            let flow = WiFiFlow(interface: interface!.link.name)
            state.mode = .wifi(flow)
            return flow.openingEffects
        },
        KeyBinding(
            [.character("f")], label: "f", summary: "faults",
            help: "simulate faults (cable, access point, upstream, modem)",
            disabledReason: { context, _ in
                context.faults == nil ? "faults exist only on the simulated device (uplink --sim)" : nil
            }
        ) { state, _, _ in
            state.mode = .faults(selection: 0)
            return []
        },
        KeyBinding(
            [.character("r")], label: "r", summary: "resend", help: "restate the connectivity events in the log",
            footer: .wide
        ) { _, _, _ in
            [.execute(.resendStatus)]
        },
        KeyBinding(
            [.pageUp], label: "PgUp PgDn", summary: "log", help: "scroll the event log", footer: .never
        ) { state, _, _ in
            state.log.scroll(by: 5, visibleRows: 1)
            return []
        },
        KeyBinding([.pageDown], label: "", summary: "", help: "", footer: .never) { state, _, _ in
            state.log.scroll(by: -5, visibleRows: 1)
            return []
        },
        KeyBinding([.character("?"), .function(1)], label: "?", summary: "help", help: "show this help") {
            state,
            _,
            _ in
            state.mode = .help
            return []
        },
        KeyBinding([.character("q"), .function(10)], label: "q", summary: "quit", help: "quit the dashboard") {
            _,
            _,
            _ in
            [.quit]
        },
    ]

    /// The binding for a key, if any.
    public static func binding(for key: Key) -> KeyBinding? {
        self.bindings.first { $0.keys.contains(key) }
    }

    private static func unboundReason(_ interface: InterfaceStatus?, _ action: String) -> String? {
        guard let interface else { return "there is no interface" }
        guard let binding = interface.binding else {
            return "\(interface.link.name) is not bound to a connectivity implementation; \(action) needs one"
        }
        guard binding.implementation != nil else {
            return "\(interface.link.name)'s connectivity implementation is not available"
        }
        return nil
    }
}

extension Technology {
    /// "an Ethernet interface", for messages.
    var article: String {
        switch self {
        case .ethernet: "an Ethernet interface"
        case .wifi: "a Wi-Fi interface"
        case .cellular: "a cellular interface"
        case .loopback: "the loopback interface"
        case .virtual: "a virtual interface"
        case .other: "an interface of unknown kind"
        }
    }
}

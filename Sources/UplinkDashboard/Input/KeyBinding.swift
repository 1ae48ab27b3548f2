import UplinkCore

/// When the footer shows a key.
public enum FooterPlacement: Hashable, Sendable {
    /// At every width, 80 columns included.
    case always
    /// From `DashboardRenderer.wideWidth` columns on.
    case wide
    /// Never; the help overlay still lists it.
    case never
}

/// One entry of the main screen's key table. The footer, the help overlay and the "why not" message
/// of a key that does not apply all come from the same entry (lazygit's keybinding records).
public struct KeyBinding: Sendable {
    /// The keys that trigger it.
    public let keys: [Key]
    /// How the footer and help name the keys ("c", "↑/k").
    public let label: String
    /// What it does, in two or three words, for the footer.
    public let summary: String
    /// What it does, in a sentence, for the help overlay.
    public let help: String
    /// Where the footer shows it; the help overlay lists every binding with a label.
    public let footer: FooterPlacement
    /// True for the keys the footer always shows, at its right end: help and quit.
    public var isPinnedInFooter: Bool {
        self.keys.contains(.character("?")) || self.keys.contains(.character("q"))
    }
    /// Why it does not apply to the selected interface now; nil when it does.
    public let disabledReason: @Sendable (DashboardContext, InterfaceStatus?) -> String?
    /// What it does: changes the state and returns the effects for the runtime.
    public let action: @Sendable (inout DashboardState, DashboardContext, InterfaceStatus?) -> [DashboardEffect]

    public init(
        _ keys: [Key],
        label: String,
        summary: String,
        help: String,
        footer: FooterPlacement = .always,
        disabledReason: @escaping @Sendable (DashboardContext, InterfaceStatus?) -> String? = { _, _ in nil },
        action: @escaping @Sendable (inout DashboardState, DashboardContext, InterfaceStatus?) -> [DashboardEffect]
    ) {
        self.keys = keys
        self.label = label
        self.summary = summary
        self.help = help
        self.footer = footer
        self.disabledReason = disabledReason
        self.action = action
    }
}

import UplinkCore

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
    /// Whether the footer shows it at 80 columns (the help always does).
    public let inFooter: Bool
    /// Why it does not apply to the selected interface now; nil when it does.
    public let disabledReason: @Sendable (DashboardContext, InterfaceStatus?) -> String?
    /// What it does: changes the state and returns the effects for the runtime.
    public let action: @Sendable (inout DashboardState, DashboardContext, InterfaceStatus?) -> [DashboardEffect]

    public init(
        _ keys: [Key],
        label: String,
        summary: String,
        help: String,
        inFooter: Bool = true,
        disabledReason: @escaping @Sendable (DashboardContext, InterfaceStatus?) -> String? = { _, _ in nil },
        action: @escaping @Sendable (inout DashboardState, DashboardContext, InterfaceStatus?) -> [DashboardEffect]
    ) {
        self.keys = keys
        self.label = label
        self.summary = summary
        self.help = help
        self.inFooter = inFooter
        self.disabledReason = disabledReason
        self.action = action
    }
}

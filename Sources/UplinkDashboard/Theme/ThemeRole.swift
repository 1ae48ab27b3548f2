/// The meaning of what a cell shows; a theme maps each to colours and emphasis.
///
/// The view model speaks only in roles, never in colours, so the same grid renders in any theme,
/// in eight colours, and on a monochrome serial console.
public enum ThemeRole: String, Hashable, Sendable, CaseIterable {
    /// Ordinary text.
    case text
    /// Secondary information: labels, timestamps, unbound or ignored interfaces.
    case muted
    /// The top bar.
    case header
    /// Frames and rules.
    case border
    /// Section and dialog titles.
    case title
    /// The selected row.
    case selection
    /// Good news: ready, connected, online.
    case ok
    /// In progress or degraded: connecting, retrying, tentative, weak signal.
    case warning
    /// Bad news: failed, not ready, errors.
    case error
    /// Key names in the footer and the help.
    case key
    /// A text field being edited.
    case input
    /// The background of overlays: help, dialogs, the Wi-Fi flow.
    case overlay
}

import UplinkDashboard

/// The dashboard's screen on a real terminal: ``draw(_:)`` hands the frame to the terminal thread,
/// which writes only the cells that changed since the frame before; ``keys()`` are the decoded keys,
/// pastes and resizes.
///
/// `draw` never blocks on the terminal: a frame that arrives while an older one is still waiting replaces
/// it, so a slow link shows the newest state instead of falling behind.
public final class TerminalScreen: DashboardScreen {
    private let session: TerminalSession
    private let theme: Theme

    init(session: TerminalSession, theme: Theme) {
        self.session = session
        self.theme = theme
    }

    /// The terminal's columns and rows as of the last resize.
    public var size: (width: Int, height: Int) {
        self.session.size
    }

    /// Shows a frame; returns at once.
    public func draw(_ frame: Frame) {
        self.session.submit(frame, theme: self.theme)
    }

    /// The keys from now on, including those typed before the first call. The stream ends on SIGINT,
    /// SIGTERM, SIGHUP, a hang-up or close; a later call ends the stream an earlier call returned.
    public func keys() -> AsyncStream<Key> {
        self.session.keys()
    }
}

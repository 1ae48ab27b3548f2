import UplinkCore

/// Where the dashboard draws and where its keys come from: the terminal layer implements it over
/// ncurses, tests with a recording screen.
public protocol DashboardScreen: AnyObject, Sendable {
    /// The screen's size now, in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows a frame; an implementation writes only what changed since the last one.
    func draw(_ frame: Frame)
    /// The keys as they are pressed (including `.resize`).
    func keys() -> AsyncStream<Key>
}

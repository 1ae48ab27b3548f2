import UplinkCore

/// The dashboard's own state: what is selected, which screen is open, the log and the last message.
/// Everything else it shows comes from the `DashboardContext` of the frame.
public struct DashboardState: Hashable, Sendable {
    /// Which screen has the keyboard.
    public enum Mode: Hashable, Sendable {
        /// The interface table, detail pane and log.
        case main
        /// The help overlay listing every key.
        case help
        /// The inline timeout prompt in the footer.
        case prompt(TimeoutPrompt)
        /// The Wi-Fi setup flow.
        case wifi(WiFiFlow)
        /// The simulation's fault menu; `selection` is the highlighted fault's position.
        case faults(selection: Int)
        /// A question in the footer before something hard to undo, such as cutting the operator's
        /// own SSH session; y confirms, anything else declines.
        case confirm(Confirmation)
    }

    /// A one-line message in the footer, until the next key.
    public struct Message: Hashable, Sendable {
        public var text: String
        public var role: ThemeRole

        public init(text: String, role: ThemeRole) {
            self.text = text
            self.role = role
        }
    }

    /// The selected interface's name; kept by name so the selection survives interfaces coming and going.
    public var selection: String?
    /// The open screen.
    public var mode: Mode = .main
    /// The event log.
    public var log = EventLog()
    /// The footer message.
    public var message: Message?

    public init() {}

    /// The selected interface, falling back to the first one when nothing (or something gone) is selected.
    public func selected(in context: DashboardContext) -> InterfaceStatus? {
        context.interface(named: self.selection) ?? context.interfaces.first
    }

    /// Records a command's failure, in the footer and the log.
    public mutating func commandFailed(_ command: ManagerCommand, error: any Error, time: String) {
        let text = "\(command) failed: \(error)"
        self.message = Message(text: text, role: .error)
        self.log.append(text, role: .error, time: time)
    }

    /// Records a manager event in the log.
    public mutating func record(_ event: ManagerEvent, time: String) {
        self.log.append(event, time: time)
    }
}

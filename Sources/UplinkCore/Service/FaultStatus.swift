/// One fault a simulated device can suffer (a cable unplugged, an access point gone), as a face
/// shows it in its fault menu.
public struct FaultStatus: Hashable, Sendable, Identifiable {
    /// A stable identifier, used in `ManagerCommand.setFault`.
    public var id: String
    /// What the fault does, for a menu: "Unplug the Ethernet cable".
    public var title: String
    /// Whether it is in effect.
    public var isActive: Bool

    public init(id: String, title: String, isActive: Bool) {
        self.id = id
        self.title = title
        self.isActive = isActive
    }
}

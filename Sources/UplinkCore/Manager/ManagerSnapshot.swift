/// Everything a face needs to draw the manager's state at one moment.
public struct ManagerSnapshot: Hashable, Sendable {
    /// Manager time when the snapshot was taken; deadlines in it are on the same scale.
    public var now: Duration
    /// Whether at least one watched interface is ready, per channel.
    public var connectivity: ChannelValues<Bool>
    /// Every interface, in index order.
    public var interfaces: [InterfaceStatus]
    /// Technologies whose new interfaces start ignored.
    public var ignoredTechnologies: Set<Technology>
    /// The manager-wide automation switches.
    public var automation: AutomationSettings

    /// The interface with this name, if there is one.
    public func interface(named name: String) -> InterfaceStatus? {
        self.interfaces.first { $0.link.name == name }
    }
}

/// A transition in an interface's link state that the manager's automations act on.
///
/// The monitor derives these by comparing an interface before and after one evaluation pass, so a
/// change that is undone within the same pass produces no edge.
public enum LinkEdge: Hashable, Sendable {
    /// The interface appeared (first report, or back after removal).
    case appeared(InterfaceID)
    /// The interface was renamed; bindings follow names, so this detaches and attaches.
    case renamed(from: InterfaceID, to: InterfaceID)
    /// The interface became administratively up.
    case adminUp(InterfaceID)
    /// The interface became operationally up.
    case operationallyUp(InterfaceID)
    /// The interface stopped being operationally up.
    case operationallyDown(InterfaceID)
    /// The interface became administratively down.
    case adminDown(InterfaceID)
    /// The interface went away.
    case removed(InterfaceID)
}

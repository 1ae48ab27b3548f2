/// An interface as events and snapshots name it: its index and the name it had at that moment.
///
/// Events carry the name as well as the index because an event about a removed or renamed interface
/// must still say which interface it was when a person reads it later in a log.
public struct InterfaceID: Hashable, Sendable, CustomStringConvertible {
    /// The kernel's index; the identity that matters for comparisons.
    public var index: InterfaceIndex
    /// The interface's name when the event or snapshot was made.
    public var name: String

    public init(index: InterfaceIndex, name: String) {
        self.index = index
        self.name = name
    }

    public var description: String { self.name }
}

/// The kernel's index of a network interface (`ifindex`).
///
/// Indices are stable for the life of an interface and are what the monitor keys its state on; names
/// can change under a rename, indices cannot. Index order is also the order in which the bulk
/// operations visit interfaces and in which the monitor picks the interface to blame.
public struct InterfaceIndex: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }

    public init(integerLiteral value: Int) {
        self.rawValue = value
    }

    public static func < (lhs: InterfaceIndex, rhs: InterfaceIndex) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public var description: String { String(self.rawValue) }
}

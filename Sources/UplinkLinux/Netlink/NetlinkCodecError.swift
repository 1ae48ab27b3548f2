/// A netlink buffer that does not hold what rtnetlink(7) says it must, named by what is wrong and where.
public struct NetlinkCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in words, with the offset into the buffer where it is.
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

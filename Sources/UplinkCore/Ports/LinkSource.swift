/// Where the core learns about links and addresses: the port that the Linux adapter implements
/// over rtnetlink and the simulation over its simulated device.
public protocol LinkSource: Sendable {
    /// Every link and its addresses as they are now, as one `.replaceAll`.
    func dump() async throws -> LinkChange

    /// The changes as they happen, in batches. The first batch is a complete `.replaceAll` taken after
    /// subscribing, so nothing falls between the dump and the first change; a later `.replaceAll`
    /// follows whenever the source lost messages (a netlink overrun).
    func follow() -> AsyncThrowingStream<[LinkChange], any Error>
}

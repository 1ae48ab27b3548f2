import UplinkCore

/// The link source over rtnetlink: the kernel's links and addresses as the core's `LinkChange`s.
///
/// `follow()` opens one NETLINK_ROUTE socket subscribed to `RTMGRP_LINK`, `RTMGRP_IPV4_IFADDR` and
/// `RTMGRP_IPV6_IFADDR`, and a second one for dumps, so dump replies never mix with notifications. It
/// dumps links and addresses, yields them as one `.replaceAll`, then yields a batch of changes per read
/// of the notification socket, on the shared I/O loop: nothing runs while nothing changes. When the
/// socket overruns (ENOBUFS), it dumps again and yields another `.replaceAll`, from which the core works
/// out what changed (see `LinkFollowMachine`). A rename arrives as `.link` with the same index and the
/// new name; a removal as `.linkRemoved`. Ending the stream — its consumer cancelled, or the iterator
/// dropped — stops the watches and closes both sockets.
///
/// Every socket is made in `namespace`, so the source can watch a namespace other than the process's own.
public struct RtnetlinkLinkSource: LinkSource {
    /// The receive buffer asked for when none is given: 1 MiB, room for thousands of notifications.
    public static let defaultReceiveBufferSize = 1 << 20

    /// Where the links are.
    public let namespace: NetworkNamespace
    /// The notification socket's receive buffer, in bytes.
    public let receiveBufferSize: Int
    /// How links get their technology.
    public let classifier: TechnologyClassifier
    /// What the source's streams went through: dumps, overruns.
    public let statistics = LinkSourceStatistics()
    let loop: IOLoop

    /// Makes a source.
    /// - Parameters:
    ///   - namespace: the network namespace whose links to follow.
    ///   - receiveBufferSize: the notification socket's receive buffer (SO_RCVBUFFORCE as root, else
    ///     SO_RCVBUF up to net.core.rmem_max). Tests make it small to provoke overruns.
    ///   - classifier: how links get their technology; reads `/sys/class/net` by default.
    ///   - loop: the I/O loop that reads the sockets.
    public init(
        namespace: NetworkNamespace = .current,
        receiveBufferSize: Int = RtnetlinkLinkSource.defaultReceiveBufferSize,
        classifier: TechnologyClassifier = TechnologyClassifier(),
        loop: IOLoop = .shared
    ) {
        self.namespace = namespace
        self.receiveBufferSize = receiveBufferSize
        self.classifier = classifier
        self.loop = loop
    }

    /// Every link and its addresses as they are now, as one `.replaceAll`, from a dump on a socket of its
    /// own. A dump the kernel marks inconsistent is taken again, up to three times in all.
    public func dump() async throws -> LinkChange {
        for try await batch in self.stream(mode: .dumpOnce(attempts: 3)) {
            if let change = batch.first { return change }
        }
        // The stream only ends without a result when the task awaiting it was cancelled.
        throw CancellationError()
    }

    /// The `.replaceAll` of a dump taken after subscribing, then the changes as they happen.
    public func follow() -> AsyncThrowingStream<[LinkChange], any Error> {
        self.stream(mode: .follow)
    }

    private func stream(mode: LinkFollowMachine.Mode) -> AsyncThrowingStream<[LinkChange], any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [LinkChange].self)
        do {
            let session = try LinkFollowSession(source: self, mode: mode, continuation: continuation)
            continuation.onTermination = { _ in session.close() }
            session.start()
        } catch {
            continuation.finish(throwing: error)
        }
        return stream
    }
}

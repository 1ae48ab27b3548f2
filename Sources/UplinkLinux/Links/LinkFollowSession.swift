import CNetlink
import Glibc
import Synchronization
import UplinkCore

/// One stream of a `RtnetlinkLinkSource`: its sockets, their watches on the I/O loop, and the machine that
/// orders the work. Everything after `start` runs on the I/O loop's thread; the lock is there for `close`,
/// which comes from whatever thread ends the stream.
final class LinkFollowSession: Sendable {
    typealias Continuation = AsyncThrowingStream<[LinkChange], any Error>.Continuation

    /// The most datagrams read from one socket per wake-up, so that a storm on one socket cannot keep
    /// the loop from the others; the loop calls again while data is left (it is level-triggered).
    private static let readsPerWake = 64

    private struct State: ~Copyable {
        var machine: LinkFollowMachine
        var translator: LinkChangeTranslator
        var notifications: NetlinkSocket?
        var dumps: NetlinkSocket
        var watches: [IOLoop.Watch] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var isClosed = false
    }

    /// What the locked part decided, for the unlocked part to do: the continuation's calls can run
    /// `onTermination`, which takes the lock.
    private enum Delivery {
        case batch([LinkChange])
        case finish
        case fail(any Error)
    }

    private let state: Mutex<State>
    private let continuation: Continuation
    private let statistics: LinkSourceStatistics
    private let loop: IOLoop

    /// Opens the sockets — the subscribed one first, so no change falls between it and the dump.
    init(
        source: RtnetlinkLinkSource,
        mode: LinkFollowMachine.Mode,
        continuation: Continuation
    ) throws {
        var notifications: NetlinkSocket?
        if mode == .follow {
            let groups = UInt32(RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR)
            let socket = try NetlinkSocket.open(in: source.namespace, groups: groups, nonBlocking: true)
            do {
                try socket.setReceiveBufferSize(source.receiveBufferSize)
            } catch {
                socket.close()
                throw error
            }
            notifications = socket
        }
        let dumps: NetlinkSocket
        do {
            dumps = try NetlinkSocket.open(in: source.namespace, groups: 0, nonBlocking: true)
        } catch {
            notifications?.close()
            throw error
        }
        self.state = Mutex(
            State(
                machine: LinkFollowMachine(mode: mode),
                translator: LinkChangeTranslator(classifier: source.classifier),
                notifications: notifications,
                dumps: dumps
            ))
        self.continuation = continuation
        self.statistics = source.statistics
        self.loop = source.loop
        self.statistics.record { $0.openStreams += 1 }
    }

    /// Watches the sockets and sends the first dump request.
    func start() {
        let deliveries = self.state.withLock { state -> [Delivery] in
            let dumpDescriptor = state.dumps.descriptor
            state.watches.append(self.loop.watch(dumpDescriptor) { [weak self] in self?.readable(dump: true) })
            if let notifications = state.notifications {
                state.watches.append(
                    self.loop.watch(notifications.descriptor) { [weak self] in self?.readable(dump: false) })
            }
            let actions = state.machine.start()
            return self.perform(actions, in: &state)
        }
        self.deliver(deliveries)
    }

    /// Stops the watches and closes the sockets; later calls do nothing.
    func close() {
        let taken = self.state.withLock { state -> (watches: [IOLoop.Watch], sockets: [NetlinkSocket])? in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            defer { state.watches = [] }
            return (state.watches, [state.dumps] + (state.notifications.map { [$0] } ?? []))
        }
        guard let taken else { return }
        for watch in taken.watches { self.loop.stopWatching(watch) }
        // The loop only calls a handler whose watch is still there, and a handler that starts after
        // `isClosed` returns at once; so nothing reads a descriptor once it is closed here.
        for socket in taken.sockets { socket.close() }
        self.statistics.record { $0.openStreams -= 1 }
    }

    /// Reads one socket until it would block (or for `readsPerWake` datagrams), feeding the machine.
    /// Notifications go to the machine as one batch per wake-up (the core evaluates a batch in one pass),
    /// cut where the socket reports an overrun or runs empty, so the machine sees each in its place.
    private func readable(dump: Bool) {
        let deliveries = self.state.withLock { state -> [Delivery] in
            guard !state.isClosed else { return [] }
            guard let socket = dump ? state.dumps : state.notifications else { return [] }
            var deliveries: [Delivery] = []
            var notifications: [NetlinkMessage] = []
            reading: for _ in 0..<Self.readsPerWake {
                let reception: NetlinkSocket.Reception
                do {
                    reception = try socket.receive(
                        into: &state.buffer, operation: dump ? "read a link dump" : "read link notifications")
                } catch {
                    return deliveries + [.fail(error)]
                }
                switch reception {
                case .foreign:
                    continue
                case .wouldBlock:
                    if !dump {
                        deliveries += self.perform(state.machine.notificationsReceived(notifications), in: &state)
                        notifications = []
                        deliveries += self.perform(state.machine.drained(), in: &state)
                    }
                    break reading
                case .overrun:
                    self.statistics.record { $0.overruns += 1 }
                    // What was read before the loss is as old as what was lost.
                    notifications = []
                    deliveries += self.perform(state.machine.overrun(), in: &state)
                case .received(let count):
                    let messages: [NetlinkMessage]
                    do {
                        messages = try NetlinkMessage.parse(Array(state.buffer[0..<count]))
                    } catch {
                        return deliveries + [.fail(error)]
                    }
                    if dump {
                        deliveries += self.perform(state.machine.dumpRepliesReceived(messages), in: &state)
                    } else {
                        notifications += messages
                    }
                }
            }
            deliveries += self.perform(state.machine.notificationsReceived(notifications), in: &state)
            return deliveries
        }
        self.deliver(deliveries)
    }

    /// Carries out the machine's actions that touch the sockets and the translator; returns the ones for
    /// the continuation.
    private func perform(_ actions: [LinkFollowMachine.Action], in state: inout State) -> [Delivery] {
        var deliveries: [Delivery] = []
        for action in actions {
            switch action {
            case .send(let request):
                do {
                    try state.dumps.send(request.bytes, operation: "request a \(request.typeName) dump")
                } catch {
                    deliveries.append(.fail(error))
                }
            case .deliverDump(let links, let addresses, let isConsistent):
                self.statistics.record {
                    $0.dumps += 1
                    if !isConsistent { $0.inconsistentDumps += 1 }
                }
                deliveries.append(.batch([state.translator.replaceAll(links: links, addresses: addresses)]))
            case .deliverNotifications(let messages):
                let changes = state.translator.changes(for: messages)
                if !changes.isEmpty {
                    self.statistics.record { $0.notificationBatches += 1 }
                    deliveries.append(.batch(changes))
                }
            case .finish:
                deliveries.append(.finish)
            case .fail(let error):
                deliveries.append(.fail(error))
            }
        }
        return deliveries
    }

    private func deliver(_ deliveries: [Delivery]) {
        for delivery in deliveries {
            switch delivery {
            case .batch(let changes):
                self.continuation.yield(changes)
            case .finish:
                self.continuation.finish()
                return
            case .fail(let error):
                self.continuation.finish(throwing: error)
                return
            }
        }
    }
}

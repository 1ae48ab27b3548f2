import CNetlink
import Glibc

/// The order of a link source's work, as a value: when to dump, what to hold back while a dump runs, and
/// when to dump again. It does no I/O; `LinkFollowSession` sends what it asks for and delivers what it
/// returns.
///
/// Following goes: subscribe (the session's notification socket exists before `start`), dump links,
/// then addresses, deliver the dump, then deliver the notifications that arrived meanwhile and every
/// one after. Replaying what arrived during the dump is safe: each notification states an object's whole
/// new state and they arrive in order, so once the last one for an object is applied the object is as
/// the kernel has it, whichever came first.
///
/// That argument needs an unbroken stream. When the kernel drops notifications it reports ENOBUFS once
/// and marks the socket congested; until a read empties the socket's queue it drops every further
/// notification without saying so again (`netlink_overrun` in net/netlink/af_netlink.c). So after
/// ENOBUFS the machine discards what is queued — it is all older than what was lost — until the socket
/// would block, which means the queue was empty and the congestion cleared; only then does it request
/// the new dump, and it holds what arrives from then on. Any loss after that is reported afresh. A dump
/// the kernel marks inconsistent (`NLM_F_DUMP_INTR`: the table changed while it was read, so an unchanged
/// object may have been skipped), or one during which notifications were lost, is still delivered, being
/// closer to the truth than what came before, and followed at once by another dump, until one completes
/// clean. Under a storm of changes that never ends the source keeps dumping; when it ends, the last dump
/// and the notifications after it are the kernel's state.
struct LinkFollowMachine {
    /// What the machine asks its owner to do, in order.
    enum Action: Equatable {
        /// Send this dump request on the dump socket.
        case send(NetlinkMessage)
        /// Deliver a complete dump as a `.replaceAll`. `isConsistent` is false for one the kernel marked
        /// interrupted or during which notifications were lost (another dump follows).
        case deliverDump(links: [LinkMessage], addresses: [AddressMessage], isConsistent: Bool)
        /// Deliver these notifications as changes.
        case deliverNotifications([NetlinkMessage])
        /// Stop: the dump-only source has its result.
        case finish
        /// Stop with an error: the kernel refused a dump.
        case fail(SystemCallError)
    }

    /// Whether the machine follows notifications or only answers one dump.
    enum Mode: Equatable {
        /// Dump, then follow notifications until stopped.
        case follow
        /// Dump once and finish; an inconsistent dump is repeated up to `attempts` times before it is
        /// delivered anyway.
        case dumpOnce(attempts: Int)
    }

    /// Where the machine is.
    private enum Phase: Equatable {
        /// `start` has not been called.
        case idle
        /// Waiting for the replies to the `RTM_GETLINK` dump with this sequence number.
        case dumpingLinks(sequence: UInt32)
        /// Waiting for the replies to the `RTM_GETADDR` dump with this sequence number.
        case dumpingAddresses(sequence: UInt32)
        /// Passing notifications through.
        case following
        /// Finished or failed; every input is ignored.
        case stopped
    }

    let mode: Mode
    private var phase = Phase.idle
    private var nextSequence: UInt32
    private var links: [LinkMessage] = []
    private var addresses: [AddressMessage] = []
    /// Notifications that arrived while a dump ran, since the last loss.
    private var held: [NetlinkMessage] = []
    /// The dump in progress was marked interrupted, or notifications were lost while it ran.
    private var isTainted = false
    /// ENOBUFS was reported and the socket has not yet been read empty: notifications are discarded.
    private var isDraining = false
    /// A dump is owed once draining ends.
    private var isDumpOwed = false
    private var dumpOnceAttempts = 0

    init(mode: Mode, firstSequence: UInt32 = 1) {
        self.mode = mode
        self.nextSequence = firstSequence
    }

    /// Begins with a dump of the links.
    mutating func start() -> [Action] {
        guard self.phase == .idle else { return [] }
        return self.beginDump()
    }

    /// Notifications from the subscribed socket, parsed, in the order read.
    mutating func notificationsReceived(_ messages: [NetlinkMessage]) -> [Action] {
        guard !self.isDraining else { return [] }
        switch self.phase {
        case .following:
            return messages.isEmpty ? [] : [.deliverNotifications(messages)]
        case .dumpingLinks, .dumpingAddresses, .idle:
            self.held += messages
            return []
        case .stopped:
            return []
        }
    }

    /// The notification socket overran (ENOBUFS): some notifications are gone. What is queued behind the
    /// error is discarded until `drained`.
    mutating func overrun() -> [Action] {
        // Whatever came before the loss could be older than what was lost; only a new dump is right.
        self.held = []
        switch self.phase {
        case .following:
            self.isDraining = true
            self.isDumpOwed = true
        case .dumpingLinks, .dumpingAddresses:
            self.isDraining = true
            self.isTainted = true
        case .idle, .stopped:
            break
        }
        return []
    }

    /// The notification socket would block: its queue was read empty, so after an overrun the kernel has
    /// cleared the congestion and reports the next loss. Starts the dump an overrun owes.
    mutating func drained() -> [Action] {
        guard self.isDraining else { return [] }
        self.isDraining = false
        guard self.isDumpOwed, self.phase == .following else { return [] }
        self.isDumpOwed = false
        return self.beginDump()
    }

    /// Replies from the dump socket, parsed.
    mutating func dumpRepliesReceived(_ messages: [NetlinkMessage]) -> [Action] {
        var actions: [Action] = []
        for message in messages {
            actions += self.dumpReplyReceived(message)
        }
        return actions
    }

    private mutating func dumpReplyReceived(_ message: NetlinkMessage) -> [Action] {
        let expected: UInt32
        switch self.phase {
        case .dumpingLinks(let sequence), .dumpingAddresses(let sequence): expected = sequence
        case .idle, .following, .stopped: return []
        }
        // A reply to an earlier request (none is ever abandoned, but the kernel is not ours to trust).
        guard message.sequence == expected else { return [] }
        if message.flags & UInt16(NLM_F_DUMP_INTR) != 0 { self.isTainted = true }
        switch message.payload {
        case .link(let link) where message.type == UInt16(RTM_NEWLINK):
            if case .dumpingLinks = self.phase { self.links.append(link) }
            return []
        case .address(let address) where message.type == UInt16(RTM_NEWADDR):
            if case .dumpingAddresses = self.phase { self.addresses.append(address) }
            return []
        case .done(let error, _):
            guard error == 0 else { return self.fail(errno: -error) }
            return self.dumpPartDone()
        case .error(let error):
            // A dump answers with NLMSG_DONE; an NLMSG_ERROR means the request itself was refused.
            return error.isAcknowledgement ? [] : self.fail(errno: error.errorNumber)
        case .link, .address, .overrun, .route, .other:
            return []
        }
    }

    private mutating func dumpPartDone() -> [Action] {
        if case .dumpingLinks = self.phase {
            let sequence = self.takeSequence()
            self.phase = .dumpingAddresses(sequence: sequence)
            return [.send(RtnetlinkRequest.dumpAddresses(sequence: sequence))]
        }
        let isConsistent = !self.isTainted
        switch self.mode {
        case .dumpOnce(let attempts):
            self.dumpOnceAttempts += 1
            if !isConsistent && self.dumpOnceAttempts < attempts { return self.beginDump() }
            self.phase = .stopped
            return [.deliverDump(links: self.links, addresses: self.addresses, isConsistent: isConsistent), .finish]
        case .follow:
            var actions: [Action] = [
                .deliverDump(links: self.links, addresses: self.addresses, isConsistent: isConsistent)
            ]
            if !self.held.isEmpty { actions.append(.deliverNotifications(self.held)) }
            self.held = []
            if isConsistent {
                self.links = []
                self.addresses = []
                self.phase = .following
            } else if self.isDraining {
                // The next dump must wait until the congestion has cleared.
                self.links = []
                self.addresses = []
                self.phase = .following
                self.isDumpOwed = true
            } else {
                actions += self.beginDump()
            }
            return actions
        }
    }

    private mutating func beginDump() -> [Action] {
        self.links = []
        self.addresses = []
        self.isTainted = false
        let sequence = self.takeSequence()
        self.phase = .dumpingLinks(sequence: sequence)
        return [.send(RtnetlinkRequest.dumpLinks(sequence: sequence))]
    }

    private mutating func fail(errno: Int32) -> [Action] {
        let function: String
        switch self.phase {
        case .dumpingLinks: function = "RTM_GETLINK"
        case .dumpingAddresses, .idle, .following, .stopped: function = "RTM_GETADDR"
        }
        self.phase = .stopped
        return [.fail(SystemCallError(function, errno: errno, operation: "dump links and addresses"))]
    }

    private mutating func takeSequence() -> UInt32 {
        defer { self.nextSequence &+= 1 }
        return self.nextSequence
    }
}

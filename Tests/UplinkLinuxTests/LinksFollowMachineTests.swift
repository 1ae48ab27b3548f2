import CNetlink
import Glibc
import Testing
import UplinkCore

@testable import UplinkLinux

/// The order of a link source's work, without sockets: what is held back during a dump, what an
/// overrun discards, and when another dump follows.
@Suite("links: the follow machine")
struct LinksFollowMachineTests {
    /// A link notification, told apart by its index.
    static func link(_ index: Int32, sequence: UInt32 = 0, flags: UInt16 = 0) -> NetlinkMessage {
        NetlinkMessage(
            type: UInt16(RTM_NEWLINK), flags: flags, sequence: sequence, payload: .link(LinkMessage(index: index)))
    }

    static func address(_ index: UInt32, sequence: UInt32) -> NetlinkMessage {
        NetlinkMessage(
            type: UInt16(RTM_NEWADDR), flags: UInt16(NLM_F_MULTI), sequence: sequence,
            payload: .address(AddressMessage(family: UInt8(AF_INET), prefixLength: 24, index: index)))
    }

    static func done(_ sequence: UInt32, error: Int32 = 0) -> NetlinkMessage {
        NetlinkMessage(
            type: UInt16(NLMSG_DONE), flags: UInt16(NLM_F_MULTI), sequence: sequence,
            payload: .done(error: error, attributes: []))
    }

    @Test("dump links, then addresses, deliver, then what arrived meanwhile, then pass notifications through")
    func startAndFollow() {
        var machine = Self.machine()
        #expect(machine.start() == [.send(RtnetlinkRequest.dumpLinks(sequence: 1))])
        #expect(machine.notificationsReceived([Self.link(7)]).isEmpty, "held while the dump runs")
        #expect(
            machine.dumpRepliesReceived([Self.link(1, sequence: 1, flags: UInt16(NLM_F_MULTI)), Self.done(1)])
                == [.send(RtnetlinkRequest.dumpAddresses(sequence: 2))])
        #expect(machine.notificationsReceived([Self.link(8)]).isEmpty)
        let actions = machine.dumpRepliesReceived([Self.address(1, sequence: 2), Self.done(2)])
        let address = AddressMessage(family: UInt8(AF_INET), prefixLength: 24, index: 1)
        #expect(
            actions == [
                .deliverDump(links: [LinkMessage(index: 1)], addresses: [address], isConsistent: true),
                .deliverNotifications([Self.link(7), Self.link(8)]),
            ])
        #expect(machine.notificationsReceived([Self.link(9)]) == [.deliverNotifications([Self.link(9)])])
        #expect(machine.notificationsReceived([]).isEmpty)
    }

    @Test("after an overrun while following, what is queued is discarded until the socket runs empty; then a dump")
    func overrunWhileFollowing() {
        var machine = Self.following()
        #expect(machine.overrun().isEmpty, "no dump while the socket is still congested")
        #expect(machine.notificationsReceived([Self.link(4)]).isEmpty, "queued before the loss: discarded")
        #expect(machine.drained() == [.send(RtnetlinkRequest.dumpLinks(sequence: 3))])
        #expect(machine.drained().isEmpty, "once")
        #expect(machine.notificationsReceived([Self.link(5)]).isEmpty, "held behind the dump")
        #expect(machine.dumpRepliesReceived([Self.done(3)]) == [.send(RtnetlinkRequest.dumpAddresses(sequence: 4))])
        #expect(
            machine.dumpRepliesReceived([Self.done(4)]) == [
                .deliverDump(links: [], addresses: [], isConsistent: true), .deliverNotifications([Self.link(5)]),
            ])
        #expect(machine.notificationsReceived([Self.link(6)]) == [.deliverNotifications([Self.link(6)])])
    }

    @Test(
        "an overrun during a dump drops what was held, delivers the dump as inconsistent, and dumps again once drained")
    func overrunDuringDump() {
        var machine = Self.machine()
        _ = machine.start()
        _ = machine.notificationsReceived([Self.link(7)])
        #expect(machine.overrun().isEmpty)
        #expect(machine.notificationsReceived([Self.link(8)]).isEmpty, "discarded while draining")
        _ = machine.dumpRepliesReceived([Self.done(1)])
        #expect(
            machine.dumpRepliesReceived([Self.done(2)]) == [.deliverDump(links: [], addresses: [], isConsistent: false)]
        )
        #expect(machine.drained() == [.send(RtnetlinkRequest.dumpLinks(sequence: 3))])
    }

    @Test("drained before the dump ends: the tainted dump is followed at once by another")
    func overrunDrainedDuringDump() {
        var machine = Self.machine()
        _ = machine.start()
        _ = machine.overrun()
        #expect(machine.drained().isEmpty, "the dump in progress finishes first")
        #expect(machine.notificationsReceived([Self.link(9)]).isEmpty)
        _ = machine.dumpRepliesReceived([Self.done(1)])
        #expect(
            machine.dumpRepliesReceived([Self.done(2)]) == [
                .deliverDump(links: [], addresses: [], isConsistent: false),
                .deliverNotifications([Self.link(9)]),
                .send(RtnetlinkRequest.dumpLinks(sequence: 3)),
            ])
    }

    @Test("a dump marked NLM_F_DUMP_INTR is delivered and followed by another")
    func interruptedDump() {
        var machine = Self.machine()
        _ = machine.start()
        _ = machine.dumpRepliesReceived([Self.link(1, sequence: 1, flags: UInt16(NLM_F_MULTI | NLM_F_DUMP_INTR))])
        _ = machine.dumpRepliesReceived([Self.done(1)])
        #expect(
            machine.dumpRepliesReceived([Self.done(2)]) == [
                .deliverDump(links: [LinkMessage(index: 1)], addresses: [], isConsistent: false),
                .send(RtnetlinkRequest.dumpLinks(sequence: 3)),
            ])
        _ = machine.dumpRepliesReceived([Self.done(3)])
        #expect(
            machine.dumpRepliesReceived([Self.done(4)]) == [.deliverDump(links: [], addresses: [], isConsistent: true)])
    }

    @Test("replies to another sequence number are not this dump's")
    func otherSequence() {
        var machine = Self.machine()
        _ = machine.start()
        #expect(machine.dumpRepliesReceived([Self.link(1, sequence: 99), Self.done(99)]).isEmpty)
        #expect(machine.dumpRepliesReceived([Self.done(1)]) == [.send(RtnetlinkRequest.dumpAddresses(sequence: 2))])
    }

    @Test("a refused dump fails the stream, named after the request")
    func refusedDump() {
        var machine = Self.machine()
        _ = machine.start()
        let refusal = NetlinkMessage(
            type: UInt16(NLMSG_ERROR), sequence: 1,
            payload: .error(
                NetlinkErrorMessage(error: -EPERM, echoedRequest: RtnetlinkRequest.dumpLinks(sequence: 1).bytes)))
        #expect(
            machine.dumpRepliesReceived([refusal]) == [
                .fail(SystemCallError("RTM_GETLINK", errno: EPERM, operation: "dump links and addresses"))
            ])
        #expect(machine.notificationsReceived([Self.link(1)]).isEmpty, "stopped")
        var failing = Self.machine()
        _ = failing.start()
        _ = failing.dumpRepliesReceived([Self.done(1)])
        #expect(
            failing.dumpRepliesReceived([Self.done(2, error: -EINTR)]) == [
                .fail(SystemCallError("RTM_GETADDR", errno: EINTR, operation: "dump links and addresses"))
            ])
    }

    @Test("dump once: an inconsistent dump is taken again, up to the attempts, then delivered and finished")
    func dumpOnce() {
        var machine = LinkFollowMachine(mode: .dumpOnce(attempts: 2))
        _ = machine.start()
        _ = machine.dumpRepliesReceived([Self.done(1)])
        let interrupted = NetlinkMessage(
            type: UInt16(NLMSG_DONE), flags: UInt16(NLM_F_MULTI | NLM_F_DUMP_INTR), sequence: 2,
            payload: .done(error: 0, attributes: []))
        #expect(machine.dumpRepliesReceived([interrupted]) == [.send(RtnetlinkRequest.dumpLinks(sequence: 3))])
        _ = machine.dumpRepliesReceived([Self.done(3)])
        let again = NetlinkMessage(
            type: UInt16(NLMSG_DONE), flags: UInt16(NLM_F_MULTI | NLM_F_DUMP_INTR), sequence: 4,
            payload: .done(error: 0, attributes: []))
        #expect(
            machine.dumpRepliesReceived([again]) == [
                .deliverDump(links: [], addresses: [], isConsistent: false), .finish,
            ])
    }

    private static func machine() -> LinkFollowMachine {
        LinkFollowMachine(mode: .follow)
    }

    /// A machine past its first dump (sequence numbers 1 and 2).
    private static func following() -> LinkFollowMachine {
        var machine = Self.machine()
        _ = machine.start()
        _ = machine.dumpRepliesReceived([Self.done(1)])
        _ = machine.dumpRepliesReceived([Self.done(2)])
        return machine
    }
}

import CNetlink
import Glibc
import Synchronization
import UplinkCore

/// A NETLINK_ROUTE socket for requests that change something, each sent with `NLM_F_ACK` and answered
/// before the call returns: the one request/acknowledgement path that link control and the interface
/// configurator share.
///
/// The kernel handles an rtnetlink request inside the `sendto` that carries it and queues the answer
/// before `sendto` returns, so the `recvfrom` that follows finds it at once: a call costs one round trip.
/// A receive timeout (two seconds) is only a guard against a kernel that never answers. Calls from
/// several threads take turns; each waits only for the answer with its own sequence number.
///
/// The socket asks for extended acknowledgements (`NETLINK_EXT_ACK`), so an error carries the kernel's
/// explanation when it has one, and for capped ones (`NETLINK_CAP_ACK`), so an answer does not echo the
/// whole request back.
public final class RtnetlinkConnection: Sendable {
    /// The namespace the socket was made in, whose links it changes.
    public let namespace: NetworkNamespace

    /// How long to wait for an answer before giving up; the kernel answers within the `sendto`.
    static let answerTimeoutMilliseconds = 2000

    private struct State {
        let socket: NetlinkSocket
        var nextSequence: UInt32 = 1
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    }

    private let state: Mutex<State>

    /// Opens the request socket in `namespace`.
    /// - Throws: `SystemCallError` when the socket cannot be made (entering another namespace needs
    ///   CAP_SYS_ADMIN; opening one in the process's own needs no privilege — changing links does).
    public init(namespace: NetworkNamespace = .current) throws {
        self.namespace = namespace
        let socket = try NetlinkSocket.open(in: namespace, groups: 0, nonBlocking: false)
        // Both are refinements, present since Linux 4.2 and 4.3; without them errors are just errnos.
        try? socket.setOption(level: SOL_NETLINK, NETLINK_EXT_ACK, 1, operation: "ask for extended acknowledgements")
        try? socket.setOption(level: SOL_NETLINK, NETLINK_CAP_ACK, 1, operation: "ask for capped acknowledgements")
        do {
            try socket.setReceiveTimeout(milliseconds: Self.answerTimeoutMilliseconds)
        } catch {
            socket.close()
            throw error
        }
        self.state = Mutex(State(socket: socket))
    }

    /// Sets `IFF_UP` on or off with one acknowledged `RTM_NEWLINK`; what `RtnetlinkLinkControl` calls,
    /// available here for callers off the manager's actor.
    /// - Throws: `SystemCallError` — ENODEV for an interface that is gone, EPERM ("needs root or
    ///   CAP_NET_ADMIN") without the privilege.
    public func setAdminState(up: Bool, of interface: InterfaceID) throws(SystemCallError) {
        try self.perform(operation: "set \(interface.name) \(up ? "up" : "down")") { sequence in
            RtnetlinkRequest.setAdminState(up: up, index: interface.index, sequence: sequence)
        }
    }

    deinit {
        self.state.withLock { $0.socket.close() }
    }

    /// Sends the request `build` makes with the sequence number it is given, and waits for its answer.
    /// - Parameters:
    ///   - operation: what the request is for, in words ("set vA up"), for the error.
    ///   - accepting: errnos that count as success, such as ESRCH when removing what is already gone.
    /// - Throws: `SystemCallError` named after the request (`RTM_NEWLINK`…) with the kernel's errno;
    ///   EPERM says "needs root or CAP_NET_ADMIN".
    func perform(
        operation: String,
        accepting: Set<Int32> = [],
        _ build: (UInt32) -> NetlinkMessage
    ) throws(SystemCallError) {
        try self.state.withLock { state throws(SystemCallError) in
            let sequence = state.nextSequence
            state.nextSequence &+= 1
            let request = build(sequence)
            try state.socket.send(request.bytes, operation: operation)
            while true {
                let reception = try state.socket.receive(into: &state.buffer, operation: operation)
                switch reception {
                case .wouldBlock:
                    throw SystemCallError(
                        "recvfrom", errno: ETIMEDOUT,
                        operation: operation + ": the kernel did not answer \(request.typeName)")
                case .foreign, .overrun:
                    continue
                case .received(let count):
                    let replies: [NetlinkMessage]
                    do {
                        replies = try NetlinkMessage.parse(Array(state.buffer[0..<count]))
                    } catch {
                        throw SystemCallError(
                            "recvfrom", errno: EBADMSG, operation: operation + ": unreadable answer (\(error))")
                    }
                    let outcome = Self.outcome(
                        of: replies, sequence: sequence, request: request.typeName, operation: operation,
                        accepting: accepting)
                    switch outcome {
                    case .none: continue
                    case .some(.success): return
                    case .some(.failure(let error)): throw error
                    }
                }
            }
        }
    }

    /// What the answers in one datagram say about the request with `sequence`: nil when none of them is
    /// its answer (a late answer to an earlier request that timed out), success for an acknowledgement
    /// or an accepted errno, else the error, named after the request and with the kernel's explanation.
    static func outcome(
        of replies: [NetlinkMessage],
        sequence: UInt32,
        request: String,
        operation: String,
        accepting: Set<Int32>
    ) -> Result<Void, SystemCallError>? {
        for reply in replies where reply.sequence == sequence {
            guard case .error(let answer) = reply.payload else { continue }
            if answer.isAcknowledgement || accepting.contains(answer.errorNumber) { return .success(()) }
            let explained = answer.kernelMessage.map { operation + " (\($0))" } ?? operation
            return .failure(SystemCallError(request, errno: answer.errorNumber, operation: explained))
        }
        return nil
    }
}

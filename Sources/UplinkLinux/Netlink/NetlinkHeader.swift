import CNetlink

/// `struct nlmsghdr`: the sixteen bytes in front of every netlink message (netlink(7)).
public struct NetlinkHeader: Hashable, Sendable {
    /// `nlmsg_len`: the message's length, header included, before padding.
    public var length: UInt32
    /// `nlmsg_type`: `NLMSG_DONE`, `NLMSG_ERROR`, `RTM_NEWLINK`…
    public var type: UInt16
    /// `nlmsg_flags`: `NLM_F_*`.
    public var flags: UInt16
    /// `nlmsg_seq`: the request's sequence number, echoed in its replies; 0 in most notifications.
    public var sequence: UInt32
    /// `nlmsg_pid`: the port of the socket that sent the request; 0 from the kernel.
    public var portID: UInt32

    public init(length: UInt32, type: UInt16, flags: UInt16, sequence: UInt32, portID: UInt32) {
        self.length = length
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
    }

    /// The size of the header on the wire (`NLMSG_HDRLEN`).
    static var size: Int { Int(cnl_nlmsg_header_length()) }

    /// Reads a header at `offset`; the caller has checked that sixteen bytes are there.
    init(_ bytes: [UInt8], at offset: Int) {
        let header = NetlinkBytes.load(nlmsghdr.self, from: bytes, at: offset)
        self.init(
            length: header.nlmsg_len,
            type: header.nlmsg_type,
            flags: header.nlmsg_flags,
            sequence: header.nlmsg_seq,
            portID: header.nlmsg_pid
        )
    }

    /// Appends the header as it goes on the wire.
    func encode(into bytes: inout [UInt8]) {
        let header = nlmsghdr(
            nlmsg_len: self.length,
            nlmsg_type: self.type,
            nlmsg_flags: self.flags,
            nlmsg_seq: self.sequence,
            nlmsg_pid: self.portID
        )
        NetlinkBytes.append(header, to: &bytes)
    }
}

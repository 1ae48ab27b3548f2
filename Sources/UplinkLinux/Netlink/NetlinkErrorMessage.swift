import CNetlink
import Glibc

/// The payload of `NLMSG_ERROR` (`struct nlmsgerr`): the kernel's answer to a request with `NLM_F_ACK`,
/// or to one that failed (netlink(7)).
///
/// The error is 0 for an acknowledgement and a negative errno for a failure. The request's header
/// follows, and its payload unless the reply is capped (`NLM_F_CAPPED`, set when the socket asked for
/// `NETLINK_CAP_ACK` and for every acknowledgement on a socket with `NETLINK_EXT_ACK`). With
/// `NLM_F_ACK_TLVS`, extended-acknowledgement attributes close the message (`NLMSGERR_ATTR_MSG`: the
/// kernel's explanation in words, such as "ipv4: Invalid prefix length").
public struct NetlinkErrorMessage: Hashable, Sendable {
    /// `error`: 0, or a negative errno.
    public var error: Int32
    /// The request as echoed: its header, and its payload unless capped.
    public var echoedRequest: [UInt8]
    /// The extended-acknowledgement attributes (`NLMSGERR_ATTR_*`), if any.
    public var attributes: [NetlinkAttribute]

    public init(error: Int32, echoedRequest: [UInt8], attributes: [NetlinkAttribute] = []) {
        self.error = error
        self.echoedRequest = echoedRequest
        self.attributes = attributes
    }

    /// True for an acknowledgement (error 0).
    public var isAcknowledgement: Bool { self.error == 0 }

    /// The errno, positive (`ENODEV`…); 0 for an acknowledgement.
    public var errorNumber: Int32 { -self.error }

    /// The header of the request this answers.
    public var requestHeader: NetlinkHeader? {
        guard self.echoedRequest.count >= NetlinkHeader.size else { return nil }
        return NetlinkHeader(self.echoedRequest, at: 0)
    }

    /// `NLMSGERR_ATTR_MSG`: what the kernel says was wrong, when it says.
    public var kernelMessage: String? {
        self.attributes.first(NLMSGERR_ATTR_MSG.rawValue)?.string
    }

    /// Parses `bytes[start..<end]`, the payload of an `NLMSG_ERROR` whose header carried `flags`.
    init(parsing bytes: [UInt8], from start: Int, to end: Int, flags: UInt16, context: String)
        throws(NetlinkCodecError)
    {
        let minimum = MemoryLayout<Int32>.size + NetlinkHeader.size
        guard end - start >= minimum else {
            throw NetlinkCodecError(
                "\(context): \(end - start) bytes of payload are too few for struct nlmsgerr (\(minimum))")
        }
        self.error = NetlinkBytes.load(Int32.self, from: bytes, at: start)
        let requestStart = start + MemoryLayout<Int32>.size
        let request = NetlinkHeader(bytes, at: requestStart)
        var echoedLength = NetlinkHeader.size
        if flags & UInt16(NLM_F_CAPPED) == 0 {
            echoedLength = Int(request.length)
            guard echoedLength >= NetlinkHeader.size, echoedLength <= end - requestStart else {
                throw NetlinkCodecError(
                    "\(context): the echoed request claims \(request.length) bytes, but \(end - requestStart) remain")
            }
        }
        self.echoedRequest = Array(bytes[requestStart..<(requestStart + echoedLength)])
        let attributesStart = requestStart + NetlinkBytes.aligned(echoedLength)
        if flags & UInt16(NLM_F_ACK_TLVS) != 0 && attributesStart < end {
            self.attributes = try NetlinkAttribute.parse(bytes, from: attributesStart, to: end, context: context)
        } else {
            self.attributes = []
        }
    }

    /// Appends the payload as it goes on the wire.
    func encode(into bytes: inout [UInt8]) {
        NetlinkBytes.append(self.error, to: &bytes)
        bytes += self.echoedRequest
        NetlinkBytes.pad(&bytes)
        for attribute in self.attributes { attribute.encode(into: &bytes) }
    }
}

/// What the kernel said about a received packet's checksum (`tp_status` in PACKET_AUXDATA,
/// packet(7)), which decides whether the client checks the UDP checksum itself.
public enum PacketChecksumStatus: Hashable, Sendable {
    /// The kernel said nothing: check the UDP checksum, unless the sender left it zero.
    case unverified
    /// `TP_STATUS_CSUMNOTREADY`: the packet was made on this host (a DHCP server behind a veth or a
    /// bridge) and its checksum was left to an offload that never ran, so the field holds only the
    /// partial pseudo-header sum. Checking it would reject every such offer, as ConnMan's client
    /// does on a veth; the packet never crossed a wire that could corrupt it.
    case partial
    /// `TP_STATUS_CSUM_VALID`: the driver or the stack verified the checksum already.
    case verified

}

#include "CPacket.h"

#ifdef __linux__

#include <linux/filter.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/socket.h>

// The mirrored structures must be the kernel's, byte for byte.
_Static_assert(sizeof(cpk_sockaddr_ll) == sizeof(struct sockaddr_ll), "sockaddr_ll size");
_Static_assert(offsetof(cpk_sockaddr_ll, sll_protocol) == offsetof(struct sockaddr_ll, sll_protocol), "sll_protocol");
_Static_assert(offsetof(cpk_sockaddr_ll, sll_ifindex) == offsetof(struct sockaddr_ll, sll_ifindex), "sll_ifindex");
_Static_assert(offsetof(cpk_sockaddr_ll, sll_hatype) == offsetof(struct sockaddr_ll, sll_hatype), "sll_hatype");
_Static_assert(offsetof(cpk_sockaddr_ll, sll_pkttype) == offsetof(struct sockaddr_ll, sll_pkttype), "sll_pkttype");
_Static_assert(offsetof(cpk_sockaddr_ll, sll_halen) == offsetof(struct sockaddr_ll, sll_halen), "sll_halen");
_Static_assert(offsetof(cpk_sockaddr_ll, sll_addr) == offsetof(struct sockaddr_ll, sll_addr), "sll_addr");
_Static_assert(sizeof(cpk_sock_filter) == sizeof(struct sock_filter), "sock_filter size");
_Static_assert(offsetof(cpk_sock_filter, jt) == offsetof(struct sock_filter, jt), "sock_filter jt");
_Static_assert(offsetof(cpk_sock_filter, k) == offsetof(struct sock_filter, k), "sock_filter k");

// And so must the constants.
_Static_assert(CPK_ETH_P_IP == ETH_P_IP, "ETH_P_IP");
_Static_assert(CPK_ETH_ALEN == ETH_ALEN, "ETH_ALEN");
_Static_assert(CPK_ARPHRD_ETHER == ARPHRD_ETHER, "ARPHRD_ETHER");
_Static_assert(CPK_SOL_PACKET == SOL_PACKET, "SOL_PACKET");
_Static_assert(CPK_PACKET_AUXDATA == PACKET_AUXDATA, "PACKET_AUXDATA");
_Static_assert(CPK_TP_STATUS_CSUMNOTREADY == TP_STATUS_CSUMNOTREADY, "TP_STATUS_CSUMNOTREADY");
_Static_assert(CPK_TP_STATUS_CSUM_VALID == TP_STATUS_CSUM_VALID, "TP_STATUS_CSUM_VALID");
_Static_assert(CPK_PACKET_HOST == PACKET_HOST, "PACKET_HOST");
_Static_assert(CPK_PACKET_BROADCAST == PACKET_BROADCAST, "PACKET_BROADCAST");
_Static_assert(CPK_PACKET_OUTGOING == PACKET_OUTGOING, "PACKET_OUTGOING");
_Static_assert(CPK_BPF_LD == BPF_LD && CPK_BPF_LDX == BPF_LDX && CPK_BPF_JMP == BPF_JMP && CPK_BPF_RET == BPF_RET,
               "BPF classes");
_Static_assert(CPK_BPF_W == BPF_W && CPK_BPF_H == BPF_H && CPK_BPF_B == BPF_B, "BPF sizes");
_Static_assert(CPK_BPF_ABS == BPF_ABS && CPK_BPF_IND == BPF_IND && CPK_BPF_MSH == BPF_MSH, "BPF modes");
_Static_assert(CPK_BPF_JEQ == BPF_JEQ && CPK_BPF_JSET == BPF_JSET && CPK_BPF_K == BPF_K, "BPF jumps");

int cpk_attach_filter(int fd, const cpk_sock_filter *program, uint16_t count) {
    struct sock_fprog fprog = {.len = count, .filter = (struct sock_filter *)program};
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog));
}

ssize_t cpk_receive(int fd, void *buffer, size_t capacity, cpk_packet_info *info) {
    // Room for exactly one control message: the auxiliary data is the only one a packet socket sends.
    union {
        struct cmsghdr header;
        char bytes[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
    } control;
    struct sockaddr_ll source;
    struct iovec vector = {.iov_base = buffer, .iov_len = capacity};
    struct msghdr message = {
        .msg_name = &source,
        .msg_namelen = sizeof(source),
        .msg_iov = &vector,
        .msg_iovlen = 1,
        .msg_control = control.bytes,
        .msg_controllen = sizeof(control.bytes),
    };
    memset(info, 0, sizeof(*info));
    memset(&source, 0, sizeof(source));
    // MSG_TRUNC makes a packet socket return the length on the wire (packet(7)), so a packet longer
    // than the buffer is recognised rather than parsed short.
    ssize_t length = recvmsg(fd, &message, MSG_TRUNC);
    if (length < 0) return -1;
    info->original_length = (uint32_t)length;
    memcpy(&info->source, &source, sizeof(info->source));
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header != NULL; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level != SOL_PACKET || header->cmsg_type != PACKET_AUXDATA) continue;
        if (header->cmsg_len < CMSG_LEN(sizeof(struct tpacket_auxdata))) continue;
        struct tpacket_auxdata auxdata;
        memcpy(&auxdata, CMSG_DATA(header), sizeof(auxdata));
        info->status = auxdata.tp_status;
        info->has_auxdata = 1;
    }
    return (size_t)length > capacity ? (ssize_t)capacity : length;
}

#endif // __linux__

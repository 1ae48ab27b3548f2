#ifndef CPACKET_H
#define CPACKET_H

// The C side of uplink's DHCP client: packet sockets (AF_PACKET), their auxiliary data and classic
// socket filters, whose structures and macros Swift cannot import from the kernel's headers. Every
// symbol is prefixed cpk_. Only UplinkLinux imports this module.
//
// The structures are mirrored rather than taken from <linux/if_packet.h> and <linux/filter.h>: glibc's
// <netpacket/packet.h>, which Swift's Glibc module may already have imported, defines the same
// struct sockaddr_ll, and a second definition from the kernel's header would clash. shim.c includes
// the kernel's headers and pins every mirrored layout and constant with _Static_assert, so a header
// that ever disagreed would fail the build, not the packets.

#ifdef __linux__

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// The link-layer address of a packet socket (struct sockaddr_ll, packet(7)): what bind(2) takes to
/// tie the socket to one interface and protocol, what sendto(2) takes to address a frame, and what
/// recvmsg(2) and getsockname(2) return (sll_addr is the sender's, or the interface's own, MAC).
typedef struct cpk_sockaddr_ll {
    /// AF_PACKET.
    uint16_t sll_family;
    /// The EtherType in network byte order (htons(ETH_P_IP)).
    uint16_t sll_protocol;
    /// The interface index.
    int32_t sll_ifindex;
    /// The ARP hardware type (ARPHRD_ETHER is 1).
    uint16_t sll_hatype;
    /// What kind of packet this was on receipt: PACKET_HOST, PACKET_BROADCAST, …
    uint8_t sll_pkttype;
    /// How many bytes of sll_addr are used (6 for Ethernet).
    uint8_t sll_halen;
    /// The hardware address.
    uint8_t sll_addr[8];
} cpk_sockaddr_ll;

/// One instruction of a classic BPF program (struct sock_filter, filter.txt in the kernel's docs).
typedef struct cpk_sock_filter {
    uint16_t code;
    uint8_t jt;
    uint8_t jf;
    uint32_t k;
} cpk_sock_filter;

/// What cpk_receive learned about one received packet beside its bytes.
typedef struct cpk_packet_info {
    /// tp_status from PACKET_AUXDATA: TP_STATUS_CSUMNOTREADY, TP_STATUS_CSUM_VALID, …
    uint32_t status;
    /// 1 when the kernel sent PACKET_AUXDATA (it does once the option is on), 0 otherwise.
    uint32_t has_auxdata;
    /// The packet's length on the wire, which exceeds what was returned when it was truncated.
    uint32_t original_length;
    /// Where the packet came from: the sender's MAC in sll_addr, the packet type in sll_pkttype.
    cpk_sockaddr_ll source;
} cpk_packet_info;

// Constants from <linux/if_ether.h>, <linux/if_packet.h>, <linux/if_arp.h> and <linux/filter.h>.

/// The EtherType of IPv4.
#define CPK_ETH_P_IP 0x0800
/// The length of an Ethernet (and any IEEE 802) MAC address.
#define CPK_ETH_ALEN 6
/// The ARP hardware type of Ethernet.
#define CPK_ARPHRD_ETHER 1
/// The socket level of packet socket options.
#define CPK_SOL_PACKET 263
/// The option that makes recvmsg(2) return a struct tpacket_auxdata with every packet.
#define CPK_PACKET_AUXDATA 8
/// The packet's checksum is not computed yet: it was made on this host (a veth peer, a bridge),
/// which left the checksum to an offload that never ran, so the field holds only a partial sum.
#define CPK_TP_STATUS_CSUMNOTREADY (1u << 3)
/// The driver or the stack has verified the packet's checksum.
#define CPK_TP_STATUS_CSUM_VALID (1u << 7)
/// sll_pkttype of a frame addressed to this host.
#define CPK_PACKET_HOST 0
/// sll_pkttype of a broadcast frame.
#define CPK_PACKET_BROADCAST 1
/// sll_pkttype of a frame this host sent (not delivered to input sockets, listed for completeness).
#define CPK_PACKET_OUTGOING 4

// Classic BPF opcodes (the BPF_* macros of <linux/bpf_common.h>).
#define CPK_BPF_LD 0x00
#define CPK_BPF_LDX 0x01
#define CPK_BPF_JMP 0x05
#define CPK_BPF_RET 0x06
#define CPK_BPF_W 0x00
#define CPK_BPF_H 0x08
#define CPK_BPF_B 0x10
#define CPK_BPF_ABS 0x20
#define CPK_BPF_IND 0x40
#define CPK_BPF_MSH 0xa0
#define CPK_BPF_JEQ 0x10
#define CPK_BPF_JSET 0x40
#define CPK_BPF_K 0x00

/// Attaches a classic BPF program to a socket (setsockopt SO_ATTACH_FILTER with a struct sock_fprog
/// over `count` instructions). Returns 0, or -1 with errno set.
int cpk_attach_filter(int fd, const cpk_sock_filter *_Nonnull program, uint16_t count);

/// Receives one packet with recvmsg(2) and MSG_TRUNC, and reads its PACKET_AUXDATA control message
/// into `info`. Returns the number of bytes stored in `buffer` (at most `capacity`), or -1 with errno
/// set (EAGAIN when nothing is queued on a non-blocking socket).
ssize_t cpk_receive(int fd, void *_Nonnull buffer, size_t capacity, cpk_packet_info *_Nonnull info);

#endif // __linux__

#endif // CPACKET_H

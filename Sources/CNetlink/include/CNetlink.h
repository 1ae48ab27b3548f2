#ifndef CNETLINK_H
#define CNETLINK_H

// The C side of uplink's Linux adapter: what Swift cannot import from the kernel's headers (function-
// like macros, a few constants glibc's headers lack) and calls glibc only declares with _GNU_SOURCE.
// Every symbol is prefixed cnl_. Only UplinkLinux (and its tests) import this module.
//
// The kernel's structures (struct nlmsghdr, ifinfomsg, ifaddrmsg, rtmsg, rtattr, nlmsgerr,
// ifa_cacheinfo, sockaddr_nl) and its object-like macros (RTM_NEWLINK, IFLA_IFNAME, NLM_F_DUMP…)
// import into Swift as they are; see rtnetlink(7) and netlink(7) for what they mean.

#ifdef __linux__

#include <stdint.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
// The ARPHRD_* link types. <linux/if_arp.h> would bring <linux/if.h> with it, whose struct ifreq and
// IFF_* enumeration clash with glibc's <net/if.h> inside the Glibc module; glibc's own copy of the
// ARPHRD_* list is the same numbers without the clash.
#include <net/if_arp.h>

/// IFF_LOWER_UP from <linux/if.h>: the driver reports the lower layer (L1) up, i.e. a carrier.
/// glibc's <net/if.h> lacks it and <linux/if.h> cannot be included next to glibc's (see above), so it is
/// mirrored here; shim.c checks it against the kernel's value.
static const uint32_t cnl_iff_lower_up = 1u << 16;

/// IFF_DORMANT from <linux/if.h>: the driver reports the link dormant (waiting for an external event).
/// Mirrored for the same reason as cnl_iff_lower_up and checked the same way.
static const uint32_t cnl_iff_dormant = 1u << 17;

// The operational states of RFC 2863 (IF_OPER_* in <linux/if.h>), as IFLA_OPERSTATE carries them, and the
// link modes (IF_LINK_MODE_*) of IFLA_LINKMODE; mirrored for the reason above and checked in shim.c.
// See Documentation/networking/operstates.rst in the kernel for how drivers and supplicants set them.

/// IF_OPER_UNKNOWN: the driver does not track the state (loopback, tun, many virtual links).
static const uint8_t cnl_if_oper_unknown = 0;
/// IF_OPER_NOTPRESENT: a component of the interface is missing (unused by most drivers).
static const uint8_t cnl_if_oper_notpresent = 1;
/// IF_OPER_DOWN: the interface cannot pass packets (admin down, or no carrier).
static const uint8_t cnl_if_oper_down = 2;
/// IF_OPER_LOWERLAYERDOWN: an interface it stacks on is down (a VLAN over a link without carrier).
static const uint8_t cnl_if_oper_lowerlayerdown = 3;
/// IF_OPER_TESTING: in a test mode.
static const uint8_t cnl_if_oper_testing = 4;
/// IF_OPER_DORMANT: the link is up but waits for an external event, such as 802.1X authentication.
static const uint8_t cnl_if_oper_dormant = 5;
/// IF_OPER_UP: it can pass packets.
static const uint8_t cnl_if_oper_up = 6;

/// IF_LINK_MODE_DEFAULT: the kernel decides the operational state from the carrier alone.
static const uint8_t cnl_if_link_mode_default = 0;
/// IF_LINK_MODE_DORMANT: user space (a supplicant) moves the link from dormant to up.
static const uint8_t cnl_if_link_mode_dormant = 1;
/// IF_LINK_MODE_TESTING: user space moves the link from testing to up.
static const uint8_t cnl_if_link_mode_testing = 2;

/// NLA_TYPE_MASK: the bits of an attribute's type that are the type, without NLA_F_NESTED and
/// NLA_F_NET_BYTEORDER (the macro is an expression Swift does not import).
static const uint16_t cnl_nla_type_mask = (uint16_t)NLA_TYPE_MASK;

/// NLMSG_ALIGN: rounds a netlink message length up to the boundary every message starts on (4 bytes).
static inline uint32_t cnl_nlmsg_align(uint32_t length) { return NLMSG_ALIGN(length); }

/// NLMSG_HDRLEN: the aligned size of struct nlmsghdr, where a message's payload starts.
static inline uint32_t cnl_nlmsg_header_length(void) { return NLMSG_HDRLEN; }

/// RTA_ALIGN: rounds a route attribute length up to the boundary every attribute starts on (4 bytes).
static inline uint32_t cnl_rta_align(uint32_t length) { return RTA_ALIGN(length); }

/// RTA_LENGTH(0): the aligned size of struct rtattr, where an attribute's value starts.
static inline uint32_t cnl_rta_header_length(void) { return RTA_LENGTH(0); }

/// Moves the calling thread into the network namespace open on `fd` (setns(2) with CLONE_NEWNET).
/// Sockets the thread creates afterwards belong to that namespace for their whole life, whichever
/// thread uses them later. Returns 0, or -1 with errno set.
int cnl_enter_network_namespace(int fd);

/// Removes one capability (a CAP_* number from <linux/capability.h>, e.g. 12 for CAP_NET_ADMIN) from
/// the calling thread's effective set with capset(2), which glibc does not wrap. Capabilities are per
/// thread in Linux, so the process's other threads keep theirs; the thread can take it back only while
/// it stays in its permitted set. Used to exercise the unprivileged error paths as root. Returns 0, or
/// -1 with errno set.
int cnl_drop_effective_capability(int capability);

#endif // __linux__

#endif // CNETLINK_H

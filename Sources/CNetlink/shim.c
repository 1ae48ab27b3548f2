#define _GNU_SOURCE
#include "CNetlink.h"

#ifdef __linux__

#include <errno.h>
#include <linux/capability.h>
#include <linux/if.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

// The constants mirrored in CNetlink.h must be the kernel's. This file can include <linux/if.h> because
// it does not also include glibc's <net/if.h>.
_Static_assert(cnl_iff_lower_up == IFF_LOWER_UP, "cnl_iff_lower_up must equal the kernel's IFF_LOWER_UP");
_Static_assert(cnl_iff_dormant == IFF_DORMANT, "cnl_iff_dormant must equal the kernel's IFF_DORMANT");
_Static_assert(cnl_if_oper_unknown == IF_OPER_UNKNOWN && cnl_if_oper_notpresent == IF_OPER_NOTPRESENT &&
                   cnl_if_oper_down == IF_OPER_DOWN && cnl_if_oper_lowerlayerdown == IF_OPER_LOWERLAYERDOWN &&
                   cnl_if_oper_testing == IF_OPER_TESTING && cnl_if_oper_dormant == IF_OPER_DORMANT &&
                   cnl_if_oper_up == IF_OPER_UP,
               "the cnl_if_oper_* values must equal the kernel's IF_OPER_*");
_Static_assert(cnl_if_link_mode_default == IF_LINK_MODE_DEFAULT && cnl_if_link_mode_dormant == IF_LINK_MODE_DORMANT &&
                   cnl_if_link_mode_testing == IF_LINK_MODE_TESTING,
               "the cnl_if_link_mode_* values must equal the kernel's IF_LINK_MODE_*");

// The Swift codec reads and writes these structures at the offsets and sizes rtnetlink(7) gives.
_Static_assert(sizeof(struct nlmsghdr) == 16, "struct nlmsghdr is 16 bytes");
_Static_assert(sizeof(struct ifinfomsg) == 16, "struct ifinfomsg is 16 bytes");
_Static_assert(sizeof(struct ifaddrmsg) == 8, "struct ifaddrmsg is 8 bytes");
_Static_assert(sizeof(struct rtmsg) == 12, "struct rtmsg is 12 bytes");
_Static_assert(sizeof(struct rtattr) == 4, "struct rtattr is 4 bytes");
_Static_assert(sizeof(struct nlmsgerr) == 20, "struct nlmsgerr is 20 bytes");
_Static_assert(sizeof(struct ifa_cacheinfo) == 16, "struct ifa_cacheinfo is 16 bytes");
_Static_assert(NLMSG_ALIGNTO == 4 && RTA_ALIGNTO == 4, "netlink aligns messages and attributes to 4 bytes");

int cnl_enter_network_namespace(int fd) { return setns(fd, CLONE_NEWNET); }

int cnl_drop_effective_capability(int capability) {
    if (capability < 0 || capability >= 64) {
        errno = EINVAL;
        return -1;
    }
    // Version 3 headers carry two 32-bit words per set; pid 0 means the calling thread.
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    if (syscall(SYS_capget, &header, data) != 0) return -1;
    data[capability / 32].effective &= ~(1u << (capability % 32));
    return (int)syscall(SYS_capset, &header, data);
}

#endif // __linux__

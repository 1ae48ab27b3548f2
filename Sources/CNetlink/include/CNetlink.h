#ifndef CNETLINK_H
#define CNETLINK_H

// The C side of uplink's Linux adapter: what Swift cannot import from the kernel's headers (function-
// like macros, a few constants glibc's headers lack) and calls glibc only declares with _GNU_SOURCE.
// Every symbol is prefixed cnl_. Only UplinkLinux imports this module.

#ifdef __linux__

#include <stdint.h>

/// Moves the calling thread into the network namespace open on `fd` (setns(2) with CLONE_NEWNET).
/// Sockets the thread creates afterwards belong to that namespace for their whole life, whichever
/// thread uses them later. Returns 0, or -1 with errno set.
int cnl_enter_network_namespace(int fd);

#endif // __linux__

#endif // CNETLINK_H

#define _GNU_SOURCE
#include "CNetlink.h"

#ifdef __linux__

#include <sched.h>

int cnl_enter_network_namespace(int fd) { return setns(fd, CLONE_NEWNET); }

#endif // __linux__

#ifndef CPACKET_H
#define CPACKET_H

// The C side of uplink's DHCP client: packet sockets (AF_PACKET), their auxiliary data and classic
// socket filters, whose structures and macros Swift cannot import from the kernel's headers. Every
// symbol is prefixed cpk_. Only UplinkLinux imports this module.

#ifdef __linux__
#include <stdint.h>
#endif

#endif // CPACKET_H

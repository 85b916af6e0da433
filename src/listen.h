/* listen — TCP listening sockets from /proc/net/tcp and /proc/net/tcp6. */
#ifndef OD_LISTEN_H
#define OD_LISTEN_H

#include <stddef.h>
#include "util.h"

enum od_listen_scope { OD_SCOPE_LOOPBACK, OD_SCOPE_ALL, OD_SCOPE_SPECIFIC };

struct od_listener {
    int family;            /* AF_INET or AF_INET6 (the file it came from) */
    char addr[OD_ADDRLEN]; /* "127.0.0.1", "::", "::ffff:127.0.0.1" */
    int port;
    unsigned long inode;
    enum od_listen_scope scope;
};

/* Append the rows in state 0A (LISTEN) whose local port is port (0 = any).
 * family says which file the text came from. Malformed rows are skipped.
 * Returns how many rows were added (never more than max - *n). */
int od_listen_parse(const char *text, int family, int port, struct od_listener *out, size_t max, size_t *n);
const char *od_listen_scope_name(enum od_listen_scope s); /* "loopback", "all", "specific" */

#endif

/* hosts — /etc/hosts entries and lookups (file order, case-insensitive). */
#ifndef OD_HOSTS_H
#define OD_HOSTS_H

#include <stddef.h>
#include "util.h"

struct od_hosts_entry {
    char addr[OD_ADDRLEN];
    struct od_strv names;
};

struct od_hosts {
    struct od_hosts_entry *v;
    size_t n;
};

/* Parse hosts(5) text: comments, blank lines, invalid addresses are skipped.
 * Returns 0 or -1 (ENOMEM). */
int od_hosts_parse(const char *text, struct od_hosts *out);
void od_hosts_free(struct od_hosts *h);
/* Copies up to max addresses for name into addrs, file order, no duplicates;
 * returns how many. */
size_t od_hosts_lookup(const struct od_hosts *h, const char *name, char (*addrs)[OD_ADDRLEN], size_t max);

#endif

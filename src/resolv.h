/* resolv — resolv.conf(5): nameservers, search domains, options. */
#ifndef OD_RESOLV_H
#define OD_RESOLV_H

#include "util.h"

/* Every nameserver line whose address parses is kept, in file order, although
 * glibc's resolver only uses the first three (MAXNS); callers that mimic
 * glibc should look at v[0..2]. Keywords count only at column 0 followed by
 * a blank, as in glibc; a field starting with '#' or ';' ends the line. */
struct od_resolv {
    struct od_strv nameservers; /* as written (IPv4 or IPv6) */
    struct od_strv search;      /* "search" and "domain" lines, last one wins as in glibc */
    struct od_strv options;     /* "ndots:5", "timeout:2" ... */
};

int od_resolv_parse(const char *text, struct od_resolv *out); /* 0 or -1 */
void od_resolv_free(struct od_resolv *r);

#endif

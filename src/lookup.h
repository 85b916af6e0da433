/* lookup — name resolution as the app's resolver would do it: literal, then
 * the hosts file, then DNS through c-ares (non-blocking; its sockets are
 * polled by the probe loop). Records source, status, addresses and time. */
#ifndef OD_LOOKUP_H
#define OD_LOOKUP_H

#include <ares.h>
#include <stddef.h>

#include "facts.h"
#include "probe.h"

typedef void (*od_lookup_cb)(void *arg, struct od_dns *dns);

struct od_resolver {
    ares_channel ch;
    int have_servers;
    int pending;        /* lookups not yet answered */
    const struct od_facts *f;
};

int od_resolver_init(struct od_resolver *r, const struct od_facts *f, int timeout_ms, char *why, size_t whylen);
/* Resolve name into *dns and call cb(arg, dns) — maybe before returning. */
void od_resolver_start(struct od_resolver *r, const char *name, struct od_dns *dns, od_lookup_cb cb, void *arg);
/* The sockets to poll: fills fds/events (POLLIN/POLLOUT), returns the count. */
int od_resolver_socks(struct od_resolver *r, int *fds, short *events, int max);
void od_resolver_process(struct od_resolver *r, int fd, int readable, int writable);
/* Milliseconds until c-ares needs a call for its timeouts (capped at max). */
long od_resolver_timeout_ms(struct od_resolver *r, long max);
/* Fail every pending lookup as a timeout (their callbacks run). */
void od_resolver_cancel(struct od_resolver *r);
void od_resolver_free(struct od_resolver *r);

#endif

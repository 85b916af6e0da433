/* dial — the TCP connect of every attempt, all at once: one non-blocking
 * socket each, watched by one epoll descriptor that the event loop polls
 * beside curl's and c-ares' sockets. A connect costs a socket and a few
 * bytes, so a thousand black holes still end in one timeout; only connected
 * sockets go on to libcurl (xfer.c), whose transfers are bounded. */
#ifndef OD_DIAL_H
#define OD_DIAL_H

#include <stddef.h>

struct od_dial;

/* Done: fd >= 0 is connected (the callee owns it); else err is the errno
 * (ETIMEDOUT when the deadline came first). ms: from start to the end. */
typedef void (*od_dial_cb)(void *ctx, int fd, int err, double ms);

struct od_dialer {
    int ep;                       /* epoll over the sockets still connecting */
    struct od_dial *head, *tail;  /* in start order, so by deadline */
    struct od_dial *wait_head, *wait_tail; /* not started: no descriptor free */
    size_t live, limit;           /* sockets connecting now, and at most */
    double timeout_ms;
    od_dial_cb cb;
};

int od_dialer_init(struct od_dialer *d, double timeout_ms, od_dial_cb cb);
/* Connect to addr (numeric, with an IPv6 scope if any) port by deadline
 * (od_now_ms clock; the earlier of it and now + timeout). The callback may
 * run before this returns (an immediate refusal). -1 only on ENOMEM. */
int od_dial_start(struct od_dialer *d, const char *addr, int port, double deadline, void *ctx);
/* The descriptor to poll for reading (the epoll one), or -1 when idle. */
int od_dialer_fd(const struct od_dialer *d);
/* Milliseconds until the next deadline (at most max_ms). */
long od_dialer_timeout_ms(const struct od_dialer *d, long max_ms);
/* Finish what connected, failed or ran out of time; start the waiting. */
void od_dialer_process(struct od_dialer *d);
/* 1 while anything is connecting or waiting. */
int od_dialer_pending(const struct od_dialer *d);
/* End everything still connecting: callbacks with err = ETIMEDOUT. */
void od_dialer_cancel(struct od_dialer *d);
void od_dialer_free(struct od_dialer *d);

#endif

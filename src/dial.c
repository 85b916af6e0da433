/* dial — every attempt's TCP connect, concurrently (see dial.h). */
#include "dial.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

struct od_dial {
    struct od_dial *next, *prev;
    int fd;
    double started, deadline;
    void *ctx;
    struct sockaddr_storage sa;
    socklen_t salen;
};

/* Descriptors kept free for libcurl's own connections, c-ares and files. */
#define OD_DIAL_RESERVE 384

int od_dialer_init(struct od_dialer *d, double timeout_ms, od_dial_cb cb)
{
    struct rlimit rl;
    memset(d, 0, sizeof *d);
    d->timeout_ms = timeout_ms;
    d->cb = cb;
    d->limit = 64; /* the least, whatever the descriptor limit says */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
        d->limit = rl.rlim_cur == RLIM_INFINITY            ? 65536
                   : rl.rlim_cur > OD_DIAL_RESERVE + 64 ? (size_t)rl.rlim_cur - OD_DIAL_RESERVE
                                                        : 64;
    d->ep = epoll_create1(EPOLL_CLOEXEC);
    return d->ep < 0 ? -1 : 0;
}

static void append(struct od_dial **head, struct od_dial **tail, struct od_dial *x)
{
    x->next = NULL;
    x->prev = *tail;
    if (*tail)
        (*tail)->next = x;
    else
        *head = x;
    *tail = x;
}

static void unlink_dial(struct od_dial **head, struct od_dial **tail, struct od_dial *x)
{
    if (x->prev)
        x->prev->next = x->next;
    else
        *head = x->next;
    if (x->next)
        x->next->prev = x->prev;
    else
        *tail = x->prev;
}

/* Report and free x (already unlinked). */
static void done(struct od_dialer *d, struct od_dial *x, int fd, int err)
{
    void *ctx = x->ctx;
    double ms = od_now_ms() - x->started;
    free(x);
    d->cb(ctx, fd, err, ms);
}

/* Open and connect x's socket; 1 when it is connecting now (in the live
 * list), 0 when it ended (reported), -1 when no descriptor is free. */
static int launch(struct od_dialer *d, struct od_dial *x)
{
    struct epoll_event ev = {.events = EPOLLOUT};
    int fd = socket(x->sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE))
        return -1;
    if (fd < 0) {
        done(d, x, -1, errno);
        return 0;
    }
    if (connect(fd, (struct sockaddr *)&x->sa, x->salen) == 0) {
        done(d, x, fd, 0);
        return 0;
    }
    if (errno != EINPROGRESS) {
        int e = errno;
        close(fd);
        done(d, x, -1, e);
        return 0;
    }
    ev.data.ptr = x;
    if (epoll_ctl(d->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
        int e = errno;
        close(fd);
        done(d, x, -1, e);
        return 0;
    }
    x->fd = fd;
    append(&d->head, &d->tail, x);
    d->live++;
    return 1;
}

int od_dial_start(struct od_dialer *d, const char *addr, int port, double deadline, void *ctx)
{
    struct addrinfo hints, *ai = NULL;
    char service[8];
    struct od_dial *x = calloc(1, sizeof *x);
    if (!x)
        return -1;
    x->ctx = ctx;
    x->fd = -1;
    x->started = od_now_ms();
    x->deadline = x->started + d->timeout_ms < deadline ? x->started + d->timeout_ms : deadline;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_STREAM;
    snprintf(service, sizeof service, "%d", port);
    if (getaddrinfo(addr, service, &hints, &ai) != 0 || !ai || ai->ai_addrlen > sizeof x->sa) {
        if (ai)
            freeaddrinfo(ai);
        done(d, x, -1, EADDRNOTAVAIL);
        return 0;
    }
    memcpy(&x->sa, ai->ai_addr, ai->ai_addrlen);
    x->salen = ai->ai_addrlen;
    freeaddrinfo(ai);
    if (d->live >= d->limit || d->wait_head || launch(d, x) < 0)
        append(&d->wait_head, &d->wait_tail, x);
    return 0;
}

int od_dialer_fd(const struct od_dialer *d)
{
    return d->head ? d->ep : -1;
}

long od_dialer_timeout_ms(const struct od_dialer *d, long max_ms)
{
    double left;
    if (!d->head)
        return max_ms;
    left = d->head->deadline - od_now_ms();
    if (left < 0)
        return 0;
    return left + 1 < max_ms ? (long)left + 1 : max_ms;
}

/* A socket whose connect ended: remove it and report. */
static void settle(struct od_dialer *d, struct od_dial *x, int err)
{
    int fd = x->fd;
    epoll_ctl(d->ep, EPOLL_CTL_DEL, fd, NULL);
    unlink_dial(&d->head, &d->tail, x);
    d->live--;
    if (err) {
        close(fd);
        fd = -1;
    }
    done(d, x, fd, err);
}

void od_dialer_process(struct od_dialer *d)
{
    struct epoll_event evs[256];
    int n;
    double now;
    do {
        n = epoll_wait(d->ep, evs, (int)(sizeof evs / sizeof evs[0]), 0);
        for (int i = 0; i < n; i++) {
            struct od_dial *x = evs[i].data.ptr;
            int err = 0;
            socklen_t len = sizeof err;
            if (getsockopt(x->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                err = errno;
            settle(d, x, err);
        }
    } while (n == (int)(sizeof evs / sizeof evs[0]));
    now = od_now_ms();
    while (d->head && d->head->deadline <= now) /* in start order: the earliest deadline first */
        settle(d, d->head, ETIMEDOUT);
    while (d->wait_head && d->live < d->limit) {
        struct od_dial *x = d->wait_head;
        unlink_dial(&d->wait_head, &d->wait_tail, x);
        if (x->deadline <= now) {
            done(d, x, -1, ETIMEDOUT);
        } else if (launch(d, x) < 0) { /* still none free: wait for one */
            x->next = d->wait_head, x->prev = NULL;
            if (d->wait_head)
                d->wait_head->prev = x;
            else
                d->wait_tail = x;
            d->wait_head = x;
            break;
        }
    }
}

int od_dialer_pending(const struct od_dialer *d)
{
    return d->head || d->wait_head;
}

void od_dialer_cancel(struct od_dialer *d)
{
    while (d->head)
        settle(d, d->head, ETIMEDOUT);
    while (d->wait_head) {
        struct od_dial *x = d->wait_head;
        unlink_dial(&d->wait_head, &d->wait_tail, x);
        done(d, x, -1, ETIMEDOUT);
    }
}

void od_dialer_free(struct od_dialer *d)
{
    od_dialer_cancel(d);
    if (d->ep >= 0)
        close(d->ep);
    d->ep = -1;
}

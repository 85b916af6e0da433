/* probe — the event loop: c-ares lookups, connects (dial.c) and libcurl
 * transfers for every candidate, address and step, all concurrent, under one
 * deadline. */
#include "probe.h"

#include <curl/curl.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app.h"
#include "dial.h"
#include "lookup.h"
#include "proxy.h"
#include "xfer.h"

struct engine {
    struct od_xfers xs;
    struct od_resolver res;
    struct od_dialer dial;
    const struct od_facts *f;
    const struct od_opts *o;
    double deadline;      /* absolute, od_now_ms() clock */
    int closing;          /* past the deadline: start nothing new */
};

/* One probe: the context a lookup carries (port: where to connect after). */
struct target {
    struct engine *e;
    struct od_probe *p;
    int port;
};

/* One attempt: the context its connect carries. */
struct dialing {
    struct engine *e;
    struct od_probe *p;
    struct od_attempt *a;
    int via_proxy, port;
};

static const char *const tcp_names[] = {"none", "connected", "refused", "timeout", "unreachable", "reset", "error"};

const char *od_tcp_name(enum od_tcp t)
{
    return tcp_names[t];
}

/* errno values that mean "no way there" rather than "nobody home". */
static const int unreachable_errnos[] = {EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, EHOSTDOWN, ENETDOWN, EAFNOSUPPORT};

enum od_tcp od_tcp_from_errno(int e)
{
    if (e == ECONNREFUSED)
        return OD_TCP_REFUSED;
    if (e == ETIMEDOUT)
        return OD_TCP_TIMEOUT;
    if (e == ECONNRESET)
        return OD_TCP_RESET;
    for (size_t i = 0; i < sizeof unreachable_errnos / sizeof unreachable_errnos[0]; i++)
        if (unreachable_errnos[i] == e)
            return OD_TCP_UNREACHABLE;
    return OD_TCP_ERROR;
}

/* The connect ended: on to HTTP, or what stopped it. */
static void on_dialed(void *arg, int fd, int err, double ms)
{
    struct dialing *d = arg;
    struct od_attempt *a = d->a;
    struct engine *e = d->e;

    a->total_ms = ms;
    if (fd >= 0 && !e->closing) {
        a->connect_ms = ms;
        if (od_xfer_start(&e->xs, d->p, a, d->via_proxy, fd) != 0) {
            a->tcp = OD_TCP_ERROR;
            if (!a->error[0])
                od_strlcpy(a->error, "could not start the transfer", sizeof a->error);
        }
    } else {
        if (fd >= 0)
            close(fd);
        a->err = fd >= 0 ? ETIMEDOUT : err;
        a->tcp = od_tcp_from_errno(a->err);
        a->deadline_hit = e->closing;
        if (e->closing)
            od_strlcpy(a->error, "run deadline reached", sizeof a->error);
        else if (a->err == ETIMEDOUT)
            snprintf(a->error, sizeof a->error, "Connection timed out after %.0f ms", ms);
        else
            snprintf(a->error, sizeof a->error, "Failed to connect to %s port %d after %.0f ms: %s", a->addr, d->port,
                     ms, strerror(a->err));
    }
    free(d);
}

static void start_attempt(struct engine *e, struct od_probe *p, struct od_attempt *a, int via_proxy, int port)
{
    struct dialing *d = e->closing ? NULL : malloc(sizeof *d);
    a->connect_ms = -1;
    a->started_ms = od_now_ms();
    if (!d) {
        a->tcp = OD_TCP_ERROR;
        od_strlcpy(a->error, e->closing ? "run deadline reached" : "out of memory", sizeof a->error);
        return;
    }
    *d = (struct dialing){e, p, a, via_proxy, port};
    if (od_dial_start(&e->dial, a->addr, port, e->deadline, d) != 0) {
        free(d);
        a->tcp = OD_TCP_ERROR;
        od_strlcpy(a->error, "out of memory", sizeof a->error);
    }
}

/* Names resolved: one attempt per address, all started now. */
static void on_resolved(void *arg, struct od_dns *dns)
{
    struct target *t = arg;
    struct od_probe *p = t->p;
    struct engine *e = t->e;
    int port = t->port;

    free(t);
    if (dns->addrs.n == 0)
        return;
    p->att = calloc(dns->addrs.n, sizeof *p->att);
    if (!p->att)
        return;
    p->natt = dns->addrs.n;
    for (size_t i = 0; i < p->natt; i++) {
        struct od_attempt *a = &p->att[i];
        od_strlcpy(a->addr, dns->addrs.v[i], sizeof a->addr);
        a->family = od_ip_family(a->addr);
        a->connect_ms = -1;
        /* On the host, built-in candidates only ever go to this machine. */
        if (!e->f->in_container && p->cand->builtin && !od_facts_is_local_addr(e->f, a->addr)) {
            a->skipped = 1;
            od_strlcpy(a->skip_reason, "not an address of this machine", sizeof a->skip_reason);
            continue;
        }
        start_attempt(e, p, a, 0, port);
    }
}

static void on_proxy_resolved(void *arg, struct od_dns *dns)
{
    struct target *t = arg;
    struct od_probe *p = t->p;
    struct engine *e = t->e;
    int port = t->port;

    free(t);
    p->proxy_att->connect_ms = -1;
    if (dns->addrs.n == 0) {
        p->proxy_att->tcp = OD_TCP_ERROR;
        snprintf(p->proxy_att->error, sizeof p->proxy_att->error, "proxy host does not resolve (%s)", dns->status);
        return;
    }
    od_strlcpy(p->proxy_att->addr, dns->addrs.v[0], sizeof p->proxy_att->addr);
    p->proxy_att->family = od_ip_family(p->proxy_att->addr);
    start_attempt(e, p, p->proxy_att, 1, port);
}

static void resolve(struct engine *e, struct od_probe *p, const char *name, int port, struct od_dns *dns,
                    od_lookup_cb cb)
{
    struct target *t = malloc(sizeof *t);
    if (!t) {
        dns->status = "servfail";
        od_strlcpy(dns->detail, "out of memory", sizeof dns->detail);
        return;
    }
    *t = (struct target){e, p, port};
    od_resolver_start(&e->res, name, dns, cb, t);
}

/* As the app would: does its client send this URL through a proxy? */
static void plan_proxy(struct engine *e, struct od_probe *p)
{
    const struct od_url *u = &p->cand->url;
    char host[300];
    struct od_url pu;
    char why[128];

    if (!od_proxy_for(&e->f->env, u->scheme, u->host, u->port_explicit ? u->port : -1, p->proxy_raw,
                      sizeof p->proxy_raw))
        return;
    if (!(p->proxy_att = calloc(1, sizeof *p->proxy_att)))
        return; /* out of memory: probed as if direct */
    p->proxied = 1;
    if (strlen(p->proxy_raw) + 1 >= sizeof p->proxy_raw) { /* cut: the '@' ending a password may be gone */
        od_strlcpy(p->proxy_shown, "(a value too long to show)", sizeof p->proxy_shown);
        p->proxy_att->tcp = OD_TCP_ERROR;
        p->proxy_att->connect_ms = -1;
        snprintf(p->proxy_att->error, sizeof p->proxy_att->error, "proxy value longer than %zu bytes",
                 sizeof p->proxy_raw - 2);
        return;
    }
    od_proxy_redact(p->proxy_raw, p->proxy_shown, sizeof p->proxy_shown);
    if (od_url_parse(p->proxy_raw, 1080, &pu, why, sizeof why) != 0) {
        if (od_url_at_beyond_authority(p->proxy_raw)) /* the reason would quote part of a password */
            od_strlcpy(why, "an '@' after the host (a user name or password with an unencoded '#', '?', '/' or "
                       "blank)", sizeof why);
        p->proxy_att->tcp = OD_TCP_ERROR;
        p->proxy_att->connect_ms = -1;
        snprintf(p->proxy_att->error, sizeof p->proxy_att->error, "proxy URL is invalid: %s", why);
        return;
    }
    od_strlcpy(host, pu.host, sizeof host);
    resolve(e, p, host, pu.port, &p->proxy_dns, on_proxy_resolved);
}

/* One poll over curl's sockets, c-ares' and the connects' (one epoll
 * descriptor) together. */
static int loop_once(struct engine *e, long wait_ms)
{
    struct curl_waitfd extra[ARES_GETSOCK_MAXNUM + 1];
    int fds[ARES_GETSOCK_MAXNUM];
    short ev[ARES_GETSOCK_MAXNUM];
    int n = od_resolver_socks(&e->res, fds, ev, ARES_GETSOCK_MAXNUM), numfds = 0, running = 0;
    int dfd = od_dialer_fd(&e->dial), nx = n;

    for (int i = 0; i < n; i++)
        extra[i] = (struct curl_waitfd){(curl_socket_t)fds[i],
                                        (short)(((ev[i] & POLLIN) ? CURL_WAIT_POLLIN : 0) |
                                                ((ev[i] & POLLOUT) ? CURL_WAIT_POLLOUT : 0)),
                                        0};
    if (dfd >= 0)
        extra[nx++] = (struct curl_waitfd){(curl_socket_t)dfd, CURL_WAIT_POLLIN, 0};
    wait_ms = od_dialer_timeout_ms(&e->dial, od_resolver_timeout_ms(&e->res, wait_ms));
    if (curl_multi_wait(e->xs.multi, extra, (unsigned)nx, (int)wait_ms, &numfds) != CURLM_OK)
        return -1;
    for (int i = 0; i < n; i++)
        od_resolver_process(&e->res, fds[i], extra[i].revents & CURL_WAIT_POLLIN,
                            extra[i].revents & CURL_WAIT_POLLOUT);
    od_resolver_process(&e->res, -1, 0, 0); /* timeouts */
    od_dialer_process(&e->dial);
    curl_multi_perform(e->xs.multi, &running);
    od_xfers_collect(&e->xs);
    return running;
}

static int busy(const struct engine *e)
{
    return e->xs.active > 0 || e->xs.queue || e->res.pending > 0 || od_dialer_pending(&e->dial);
}

static void run_loop(struct engine *e, struct od_run *r)
{
    int running = 1;
    od_dialer_process(&e->dial);
    curl_multi_perform(e->xs.multi, &running);
    od_xfers_collect(&e->xs);
    for (;;) {
        double now = od_now_ms();
        if (!busy(e))
            break;
        if (now >= e->deadline) {
            r->deadline_hit = 1;
            break;
        }
        long wait = (long)(e->deadline - now) + 1;
        if (loop_once(e, wait > 1000 ? 1000 : wait) < 0)
            break;
    }
    e->closing = 1;
    od_resolver_cancel(&e->res);
    od_dialer_cancel(&e->dial);
    od_xfers_abort(&e->xs, "run deadline reached");
}

int od_probe_run(const struct od_cands *c, const struct od_facts *f, const struct od_opts *o, double deadline,
                 struct od_run *r, char *why, size_t whylen)
{
    struct engine e;
    double t0 = od_now_ms();
    struct rusage ru;
    int rc = -1;

    memset(r, 0, sizeof *r);
    memset(&e, 0, sizeof e);
    e.dial.ep = -1;
    e.f = f;
    e.o = o;
    r->timeout_ms = o->timeout_ms;
    r->deadline_ms = o->timeout_ms * 1.1;
    e.deadline = deadline;
    e.xs.deadline = e.deadline;
    e.xs.timeout_ms = o->timeout_ms;
    e.xs.openai = strcmp(od_app_or_default(o->app)->joins, "openai") == 0;

    r->probes = calloc(c->n ? c->n : 1, sizeof *r->probes);
    if (!r->probes) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    r->n = c->n;
    if (!(e.xs.multi = curl_multi_init())) {
        snprintf(why, whylen, "libcurl: cannot create a multi handle");
        goto out;
    }
    if (od_resolver_init(&e.res, f, o->timeout_ms, why, whylen) != 0)
        goto out;
    if (od_dialer_init(&e.dial, o->timeout_ms, on_dialed) != 0) {
        snprintf(why, whylen, "cannot create an epoll descriptor: %s", strerror(errno));
        goto out;
    }

    for (size_t i = 0; i < c->n; i++) {
        struct od_probe *p = &r->probes[i];
        p->cand = &c->v[i];
        resolve(&e, p, p->cand->url.host, p->cand->url.port, &p->dns, on_resolved);
        plan_proxy(&e, p);
    }
    run_loop(&e, r);
    rc = 0;
out:
    od_dialer_free(&e.dial);
    od_resolver_free(&e.res);
    if (e.xs.multi)
        curl_multi_cleanup(e.xs.multi);
    r->elapsed_ms = od_now_ms() - t0;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        r->max_rss_kb = ru.ru_maxrss;
    return rc;
}

void od_run_free(struct od_run *r)
{
    for (size_t i = 0; r->probes && i < r->n; i++) {
        od_strv_free(&r->probes[i].dns.addrs);
        od_strv_free(&r->probes[i].proxy_dns.addrs);
        free(r->probes[i].att);
        free(r->probes[i].proxy_att);
    }
    free(r->probes);
    memset(r, 0, sizeof *r);
}

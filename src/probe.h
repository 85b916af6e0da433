/* probe — DNS, TCP and HTTP for every candidate and address, concurrently,
 * in one event loop (libcurl multi + c-ares sockets in the same poll) with
 * one hard deadline. */
#ifndef OD_PROBE_H
#define OD_PROBE_H

#include <stddef.h>

#include "cand.h"
#include "facts.h"
#include "opts.h"

#define OD_BODY_CAP 16384   /* bytes kept of any response body */
#define OD_EXCERPT 160      /* bytes of a body shown in reports */

enum od_tcp { OD_TCP_NONE, OD_TCP_CONNECTED, OD_TCP_REFUSED, OD_TCP_TIMEOUT, OD_TCP_UNREACHABLE, OD_TCP_RESET, OD_TCP_ERROR };

struct od_http {
    int got;                 /* a status line was received for GET / */
    long status;             /* of GET / */
    double ms;               /* GET / from start to last byte */
    int ollama;              /* fingerprint: "Ollama is running" or /api/version JSON */
    int root_ollama;         /* GET / said "Ollama is running" */
    long version_status;     /* of GET /api/version, 0 when not asked */
    char version[64];
    char server[128], via[128], content_type[128], location[256];
    char body[OD_EXCERPT];   /* printable excerpt of GET / */
    size_t body_bytes;
    int truncated;           /* the body was longer than OD_BODY_CAP */
    char app_path[512];      /* the app's URL joined onto a Base URL path */
    long app_status;         /* its status, 0 when not asked */
    int app_ollama;          /* it answered {"version": ...} */
};

struct od_attempt {
    char addr[OD_ADDRLEN];
    int family;
    int skipped;
    char skip_reason[96];
    enum od_tcp tcp;
    int err;                 /* errno, 0 when none */
    double connect_ms;       /* < 0 when not connected */
    double started_ms;       /* od_now_ms() when step 0 started */
    double total_ms;         /* from then to the last step's end */
    int tls_failed;
    int http_failed;         /* connected, but no usable HTTP answer */
    int not_http;            /* ... because the peer does not speak HTTP */
    int deadline_hit;
    char error[256];         /* the transport's message for the failing step */
    struct od_http http;
    const char *klass;       /* set by classify */
};

struct od_dns {
    const char *status;      /* ok, nxdomain, servfail, timeout, no-server */
    const char *source;      /* literal, hosts, dns */
    struct od_strv addrs;
    double ms;
    char detail[96];
};

struct od_probe {
    const struct od_cand *cand;
    struct od_dns dns;
    struct od_attempt *att;
    size_t natt;
    /* as the app would: the proxy its client would use for this URL */
    int proxied;
    char proxy_var[32];       /* which variable decided ("http_proxy") */
    char proxy_shown[256];    /* redacted */
    char proxy_raw[512];      /* never printed */
    struct od_dns proxy_dns;
    struct od_attempt *proxy_att; /* when proxied */
    const char *klass;        /* set by classify */
};

struct od_run {
    struct od_probe *probes;
    size_t n;
    double timeout_ms, deadline_ms, elapsed_ms;
    long max_rss_kb;
    int deadline_hit;
};

/* Probe every candidate, ending by deadline (od_now_ms clock; the caller's
 * run deadline, 1.1 x timeout from its start). Returns 0, or -1 when the
 * libraries fail to start (why says which). */
int od_probe_run(const struct od_cands *c, const struct od_facts *f, const struct od_opts *o, double deadline,
                 struct od_run *r, char *why, size_t whylen);
void od_run_free(struct od_run *r);
const char *od_tcp_name(enum od_tcp t);
/* What a connect's errno says at the TCP level (refused, unreachable, ...). */
enum od_tcp od_tcp_from_errno(int e);

#endif

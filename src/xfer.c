/* xfer — libcurl transfers for one attempt: GET /, GET /api/version and the
 * app's own joined path, each on a fresh easy handle, capped and pinned. The
 * follow-ups start as soon as GET / has a connection (libcurl's pre-request
 * callback), side by side with it: an attempt costs about one connect and one
 * request, not three requests in a row. */
#include "xfer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "answer.h"
#include "proxy.h"
#include "url.h"

struct od_xfer {
    struct od_xfer *next, **pprev; /* the live list: unlinked in O(1) */
    struct od_xfer *ready_next;     /* connected, follow-ups not started yet */
    int followed;                  /* step 0: its follow-ups were started */
    int fd;                        /* step 0: the socket dial.c connected, until libcurl takes it */
    int dialed;                    /* it came with one: the attempt is connected */
    struct od_xfers *xs;
    struct od_probe *p;
    struct od_attempt *a;
    int via_proxy;
    enum od_step step;
    CURL *easy;
    struct curl_slist *pin;
    double started;
    char errbuf[CURL_ERROR_SIZE];
    struct od_answer ans; /* what came back: read by answer.c */
};

/* How a libcurl result code reads at the TCP/HTTP level. */
enum kind { K_OK, K_CONNECT, K_TIMEOUT, K_IO, K_EMPTY, K_TLS, K_NOTHTTP, K_OTHER };

static const struct { CURLcode code; enum kind kind; } kinds[] = {
    {CURLE_OK, K_OK},
    {CURLE_COULDNT_CONNECT, K_CONNECT},
    {CURLE_OPERATION_TIMEDOUT, K_TIMEOUT},
    {CURLE_RECV_ERROR, K_IO},
    {CURLE_SEND_ERROR, K_IO},
    {CURLE_GOT_NOTHING, K_EMPTY},
    {CURLE_SSL_CONNECT_ERROR, K_TLS},
    {CURLE_PEER_FAILED_VERIFICATION, K_TLS},
    {CURLE_SSL_CERTPROBLEM, K_TLS},
    {CURLE_SSL_CIPHER, K_TLS},
    {CURLE_SSL_CACERT_BADFILE, K_TLS},
    {CURLE_WEIRD_SERVER_REPLY, K_NOTHTTP},
    {CURLE_UNSUPPORTED_PROTOCOL, K_NOTHTTP},
};

static enum kind kind_of(CURLcode rc)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].code == rc)
            return kinds[i].kind;
    return K_OTHER;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *arg)
{
    struct od_xfer *x = arg;
    size_t n = size * nmemb;
    od_answer_body(&x->ans, data, n);
    return x->ans.truncated ? 0 : n; /* 0 stops an endless body */
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *arg)
{
    struct od_xfer *x = arg;
    od_answer_header(&x->ans, data, size * nmemb);
    return size * nmemb;
}

/* The app's own request goes to the Base URL's path joined with its own:
 * always for an OpenAI-compatible app (Ollama serves that API under /v1 only),
 * else when the Base URL has a path. */
static int needs_app_step(const struct od_xfers *xs, const struct od_probe *p)
{
    const char *path = p->cand->url.path;
    return xs->openai || (path[0] && strcmp(path, "/") != 0);
}

static void step_path(const struct od_xfer *x, char *buf, size_t n)
{
    if (x->step == OD_STEP_ROOT)
        od_strlcpy(buf, "/", n);
    else if (x->step == OD_STEP_VERSION)
        od_strlcpy(buf, "/api/version", n);
    else
        od_url_join_path(x->p->cand->url.path, x->xs->openai ? "models" : "api/version", buf, (unsigned)n);
}

/* Pin the connection to the attempt's address; for a proxy, the proxy's. */
static int pin(struct od_xfer *x, const struct od_url *u)
{
    char entry[400];
    const char *addr = x->a->addr;
    int v6 = x->a->family == AF_INET6;

    if (x->via_proxy) {
        struct od_url pu;
        char why[64];
        if (od_url_parse(x->p->proxy_raw, 1080, &pu, why, sizeof why) != 0)
            return -1;
        curl_easy_setopt(x->easy, CURLOPT_PROXY, x->p->proxy_raw);
        curl_easy_setopt(x->easy, CURLOPT_PROXYPORT, (long)pu.port);
        if (pu.family)
            return 0;
        snprintf(entry, sizeof entry, v6 ? "%s:%d:[%s]" : "%s:%d:%s", pu.host, pu.port, addr);
        x->pin = curl_slist_append(NULL, entry);
        return x->pin && curl_easy_setopt(x->easy, CURLOPT_RESOLVE, x->pin) == CURLE_OK ? 0 : -1;
    }
    curl_easy_setopt(x->easy, CURLOPT_PROXY, ""); /* direct, whatever the environment says */
    if (u->family)
        return 0;
    snprintf(entry, sizeof entry, v6 ? "::[%s]:" : "::%s:", addr);
    x->pin = curl_slist_append(NULL, entry);
    return x->pin && curl_easy_setopt(x->easy, CURLOPT_CONNECT_TO, x->pin) == CURLE_OK ? 0 : -1;
}

static long remaining_ms(const struct od_xfers *xs)
{
    long left = (long)(xs->deadline - od_now_ms());
    if (left < 1)
        left = 1;
    return left < xs->timeout_ms ? left : xs->timeout_ms;
}

static void xfer_free(struct od_xfer *x)
{
    if (x->easy) {
        curl_multi_remove_handle(x->xs->multi, x->easy);
        curl_easy_cleanup(x->easy);
    }
    if (x->fd >= 0) /* libcurl never took it */
        close(x->fd);
    curl_slist_free_all(x->pin);
    free(x->ans.body);
    free(x);
}

static void unlink_xfer(struct od_xfer *x)
{
    *x->pprev = x->next;
    if (x->next)
        x->next->pprev = x->pprev;
    x->xs->active--;
}

/* libcurl's CURLOPT_OPENSOCKETFUNCTION and CURLOPT_SOCKOPTFUNCTION for step
 * 0: the socket dial.c connected, used as it is (libcurl closes it). */
static curl_socket_t open_dialed(void *arg, curlsocktype purpose, struct curl_sockaddr *addr)
{
    struct od_xfer *x = arg;
    int fd = x->fd;
    (void)purpose, (void)addr;
    x->fd = -1;
    return fd >= 0 ? fd : CURL_SOCKET_BAD;
}

static int dialed_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
    (void)arg, (void)fd, (void)purpose;
    return CURL_SOCKOPT_ALREADY_CONNECTED;
}

/* libcurl's CURLOPT_PREREQFUNCTION: step 0 is connected (to the server or
 * its proxy). Handles cannot be added from a callback: od_xfers_collect
 * starts the follow-ups. */
static int on_connected(void *arg, char *ip, char *local_ip, int port, int local_port)
{
    struct od_xfer *x = arg;
    (void)ip, (void)local_ip, (void)port, (void)local_port;
    if (x->step == OD_STEP_ROOT && !x->followed) {
        x->followed = 1;
        x->ready_next = x->xs->ready;
        x->xs->ready = x;
    }
    return CURL_PREREQFUNC_OK;
}

static int start_step(struct od_xfers *xs, struct od_probe *p, struct od_attempt *a, int via_proxy, enum od_step step,
                      int fd)
{
    const struct od_url *u = &p->cand->url;
    char base[1400], path[600], url[2000];
    struct od_xfer *x = calloc(1, sizeof *x);

    if (x)
        x->fd = fd, x->dialed = fd >= 0, x->xs = xs;
    if (!x || !(x->easy = curl_easy_init())) {
        od_strlcpy(a->error, "out of memory", sizeof a->error);
        if (x)
            xfer_free(x);
        else if (fd >= 0)
            close(fd);
        return -1;
    }
    x->p = p, x->a = a, x->via_proxy = via_proxy, x->step = step;
    x->started = od_now_ms();
    od_url_format(u, 0, base, sizeof base);
    step_path(x, path, sizeof path);
    snprintf(url, sizeof url, "%s%s", base, path);

    CURL *h = x->easy;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)xs->timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, remaining_ms(xs));
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)OD_BODY_CAP * 4);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "ollama-doctor/" OD_VERSION);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(h, CURLOPT_PRIVATE, x);
    /* Linear at a thousand endpoints: no DNS cache pruning walk after every
     * transfer (the addresses are pinned anyway), no connection kept for
     * reuse (each step has its own), and a small receive buffer (answers are
     * capped at OD_BODY_CAP) instead of 16 KB per live handle. */
    curl_easy_setopt(h, CURLOPT_DNS_CACHE_TIMEOUT, -1L);
    curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 1024L);
    if (step == OD_STEP_ROOT) { /* without it (libcurl < 7.80) the follow-ups start when step 0 ends */
        curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_connected);
        curl_easy_setopt(h, CURLOPT_PREREQDATA, x);
    }
    if (fd >= 0) {
        curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_dialed);
        curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, x);
        curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, dialed_sockopt);
    }
    if (pin(x, u) != 0 || curl_multi_add_handle(xs->multi, h) != CURLM_OK) {
        od_strlcpy(a->error, "libcurl refused the transfer", sizeof a->error);
        xfer_free(x);
        return -1;
    }
    x->next = xs->head;
    x->pprev = &xs->head;
    if (xs->head)
        xs->head->pprev = &x->next;
    xs->head = x;
    xs->active++;
    return 0;
}

/* A step waiting for room: at most OD_XFER_MAX transfers run at once. */
struct od_queued {
    struct od_queued *next;
    struct od_probe *p;
    struct od_attempt *a;
    int via_proxy, fd;
    enum od_step step;
};

static int queue_step(struct od_xfers *xs, struct od_probe *p, struct od_attempt *a, int via_proxy, enum od_step step,
                      int fd)
{
    struct od_queued *q;
    if (xs->active < OD_XFER_MAX && !xs->queue)
        return start_step(xs, p, a, via_proxy, step, fd);
    if (!(q = calloc(1, sizeof *q))) {
        od_strlcpy(a->error, "out of memory", sizeof a->error);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *q = (struct od_queued){NULL, p, a, via_proxy, fd, step};
    if (xs->queue_tail)
        xs->queue_tail->next = q;
    else
        xs->queue = q;
    xs->queue_tail = q;
    return 0;
}

/* Start queued steps while there is room. */
static void pump(struct od_xfers *xs)
{
    while (xs->queue && xs->active < OD_XFER_MAX) {
        struct od_queued *q = xs->queue;
        if (!(xs->queue = q->next))
            xs->queue_tail = NULL;
        if (start_step(xs, q->p, q->a, q->via_proxy, q->step, q->fd) != 0 && q->step == OD_STEP_ROOT)
            q->a->tcp = OD_TCP_ERROR;
        free(q);
    }
}

int od_xfer_start(struct od_xfers *xs, struct od_probe *p, struct od_attempt *a, int via_proxy, int fd)
{
    return queue_step(xs, p, a, via_proxy, OD_STEP_ROOT, fd);
}

/* GET /api/version, and the app's own path where it has one, side by side. */
static void start_followups(struct od_xfer *x)
{
    x->followed = 1;
    if (x->xs->deadline <= od_now_ms())
        return;
    queue_step(x->xs, x->p, x->a, x->via_proxy, OD_STEP_VERSION, -1);
    if (needs_app_step(x->xs, x->p))
        queue_step(x->xs, x->p, x->a, x->via_proxy, OD_STEP_APP, -1);
}

static void record_step(struct od_xfer *x, long status)
{
    char path[600];
    step_path(x, path, sizeof path);
    od_answer_record(&x->a->http, x->step, status, &x->ans, od_now_ms() - x->started, path, x->xs->openai);
}

/* Step 0 failed: say what happened at the TCP level. */
static void record_failure(struct od_xfer *x, CURLcode rc, int connected, long err)
{
    struct od_attempt *a = x->a;
    enum kind k = kind_of(rc);

    a->err = (int)err;
    snprintf(a->error, sizeof a->error, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
    if (k == K_TIMEOUT && !connected) {
        a->tcp = OD_TCP_TIMEOUT;
        a->err = ETIMEDOUT;
    } else if (k == K_CONNECT || (!connected && k != K_TLS)) {
        a->tcp = od_tcp_from_errno((int)err);
    } else if (k == K_IO && err == ECONNRESET) {
        a->tcp = OD_TCP_RESET;
    } else {
        a->tcp = OD_TCP_CONNECTED;
        a->tls_failed = k == K_TLS;
        a->http_failed = k != K_TLS;
        a->not_http = k == K_NOTHTTP;
    }
}

/* Step 0 ended without an answer: it alone tells what happened. */
static int root_failed(const struct od_attempt *a)
{
    return a->tcp != OD_TCP_NONE && !a->http.got;
}

static void finish(struct od_xfer *x, CURLcode rc)
{
    struct od_attempt *a = x->a;
    long status = 0, err = 0;
    curl_off_t connect_us = 0;
    double took = od_now_ms() - a->started_ms;
    int ok = rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && x->ans.truncated) ||
             (rc == CURLE_FILESIZE_EXCEEDED);

    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &err);
    curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
    if (took > a->total_ms)
        a->total_ms = took;
    if (x->step != OD_STEP_ROOT) {
        if (ok && status > 0 && !root_failed(a)) /* a follow-up that failed: what step 0 saw stands */
            record_step(x, status);
        return;
    }
    if (connect_us > 0 && a->connect_ms < 0)
        a->connect_ms = connect_us / 1000.0;
    if (!(ok && status > 0)) {
        record_failure(x, rc, x->dialed || connect_us > 0 || status > 0, err);
        od_answer_forget_followups(&a->http); /* one may have answered first */
        return;
    }
    a->tcp = OD_TCP_CONNECTED;
    record_step(x, status);
    if (!x->followed)
        start_followups(x);
}

void od_xfers_collect(struct od_xfers *xs)
{
    CURLMsg *m;
    int left;
    while (xs->ready) { /* before any transfer is freed below */
        struct od_xfer *x = xs->ready;
        xs->ready = x->ready_next;
        start_followups(x);
    }
    pump(xs);
    while ((m = curl_multi_info_read(xs->multi, &left))) {
        struct od_xfer *x = NULL;
        CURLcode rc = m->data.result;
        if (m->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        unlink_xfer(x);
        finish(x, rc);
        xfer_free(x);
    }
}

void od_xfers_abort(struct od_xfers *xs, const char *why)
{
    xs->ready = NULL;
    while (xs->queue) { /* never started: connected, no answer in time */
        struct od_queued *q = xs->queue;
        xs->queue = q->next;
        q->a->deadline_hit = 1;
        if (q->step == OD_STEP_ROOT) {
            q->a->tcp = OD_TCP_CONNECTED;
            q->a->http_failed = 1;
            od_strlcpy(q->a->error, why, sizeof q->a->error);
        }
        if (q->fd >= 0)
            close(q->fd);
        free(q);
    }
    xs->queue_tail = NULL;
    while (xs->head) {
        struct od_xfer *x = xs->head;
        unlink_xfer(x);
        x->a->deadline_hit = 1;
        od_strlcpy(x->errbuf, why, sizeof x->errbuf);
        finish(x, CURLE_OPERATION_TIMEDOUT);
        xfer_free(x);
    }
}

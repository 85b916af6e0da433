/* fuzz_http — a probe step's answer (answer.c, the seam under xfer.c):
 * headers SEP root body SEP /api/version body SEP app body, the body fed in
 * chunks as libcurl would, statuses from the last byte. Also the capped
 * buffer of the other requests (body.c). */
#include "fuzz.h"

#include "answer.h"
#include "body.h"
#include "cand.h"
#include "classify.h"

static void feed(struct od_answer *a, const char *s, size_t n, size_t chunk)
{
    a->len = 0, a->truncated = 0;
    if (a->body)
        a->body[0] = '\0';
    for (size_t off = 0; off < n; off += chunk)
        if (od_answer_body(a, s + off, n - off < chunk ? n - off : chunk) < (n - off < chunk ? n - off : chunk))
            break;
    FUZZ_CHECK(a->len <= OD_BODY_CAP && a->size <= OD_BODY_CAP + 1 && (!a->body || a->body[a->len] == '\0'),
               "body over the cap");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    size_t hl, n[3];
    char *hdr = fuzz_part(&p, end, &hl), *body[3];
    struct od_answer a;
    struct od_http h;
    struct od_body b = {.cap = 64};
    unsigned bits = size ? data[size - 1] : 0;
    static const long statuses[] = {200, 404, 500, 301};
    for (int i = 0; i < 3; i++)
        body[i] = fuzz_part(&p, end, &n[i]);
    memset(&a, 0, sizeof a);
    memset(&h, 0, sizeof h);
    for (const char *line = hdr; *line;) {
        size_t k = strcspn(line, "\n");
        od_answer_header(&a, line, k + (line[k] == '\n'));
        line += k + (line[k] == '\n');
    }
    for (int step = 0; step < 3; step++) {
        feed(&a, body[step], n[step], 1 + (bits & 7) * 97);
        od_answer_record(&h, (enum od_step)step, statuses[(bits >> (2 * step)) & 3], &a, 1.5, "/x/api/version", (bits & 0x80) != 0);
    }
    FUZZ_CHECK(memchr(h.body, '\0', sizeof h.body) && memchr(h.version, '\0', sizeof h.version) &&
                   memchr(h.server, '\0', sizeof h.server) && memchr(h.location, '\0', sizeof h.location),
               "a field is not terminated");
    for (const char *c = h.body; *c; c++)
        FUZZ_CHECK(*c >= 0x20 && *c < 0x7f, "unprintable excerpt byte %02x", (unsigned char)*c);
    FUZZ_CHECK(h.body_bytes <= OD_BODY_CAP, "body_bytes %zu", h.body_bytes);
    { /* what classify makes of it, as one probe with this one attempt */
        struct od_cand cand;
        struct od_attempt att;
        struct od_probe probe;
        struct od_run run;
        char why[64];
        memset(&cand, 0, sizeof cand), memset(&att, 0, sizeof att), memset(&probe, 0, sizeof probe);
        memset(&run, 0, sizeof run);
        od_url_parse(bits & 0x40 ? "http://h:11434/v1" : "http://h:11434", 11434, &cand.url, why, sizeof why);
        cand.origin = "url";
        att.tcp = OD_TCP_CONNECTED;
        att.http = h;
        att.connect_ms = 1;
        probe.cand = &cand, probe.att = &att, probe.natt = 1;
        run.probes = &probe, run.n = 1;
        od_classify(&run);
        FUZZ_CHECK(att.klass && probe.klass, "no class");
    }
    for (int i = 0; i < 3; i++)
        od_body_write(body[i], 1, n[i], &b);
    FUZZ_CHECK(b.n <= b.cap && (!b.p || b.p[b.n] == '\0'), "od_body over its cap");
    free(b.p);
    free(a.body);
    free(hdr);
    for (int i = 0; i < 3; i++)
        free(body[i]);
    return 0;
}

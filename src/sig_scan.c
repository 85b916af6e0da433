/* sig_scan — a text through the signature set (sig.h: od_sigs_scan, the
 * host rules): a needle first, then the regex, compiled on first use. */
#include "sig.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SIG_MAX_HITS 64

static int has_needle(const struct od_sig *g, const char *lower)
{
    if (g->needles.n == 0)
        return 1;
    for (size_t i = 0; i < g->needles.n; i++)
        if (strstr(lower, g->needles.v[i]))
            return 1;
    return 0;
}

static int ensure_compiled(struct od_sig *g)
{
    if (g->state == 0)
        g->state = g->re && regcomp(&g->rx, g->re, REG_EXTENDED | REG_ICASE | REG_NEWLINE) == 0 ? 1 : -1;
    if (g->state == 1)
        g->nsub = g->rx.re_nsub;
    return g->state == 1 ? 0 : -1;
}

int od_sigs_scan(struct od_sigs *s, const char *text, size_t len, int raw,
                 int (*fn)(const struct od_sig_hit *hit, void *arg), void *arg)
{
    char *lower = od_strndup(text, len);
    int rc = 0;
    if (!lower)
        return -1;
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    for (size_t i = 0; i < s->n && rc == 0; i++) {
        size_t pos = 0;
        if (s->v[i].raw != raw || !has_needle(&s->v[i], lower) || ensure_compiled(&s->v[i]) != 0)
            continue;
        for (int n = 0; n < SIG_MAX_HITS && pos <= len; n++) {
            struct od_sig_hit h;
            regmatch_t m[OD_SIG_NMATCH];
            int flags = pos > 0 && text[pos - 1] != '\n' ? REG_NOTBOL : 0;
            if (regexec(&s->v[i].rx, text + pos, OD_SIG_NMATCH, m, flags) != 0)
                break;
            h.sig = &s->v[i];
            h.text = text;
            for (int g = 0; g < OD_SIG_NMATCH; g++) {
                h.m[g] = m[g];
                if (m[g].rm_so >= 0) {
                    h.m[g].rm_so += (regoff_t)pos;
                    h.m[g].rm_eo += (regoff_t)pos;
                }
            }
            h.pos = (size_t)h.m[0].rm_so;
            if (fn(&h, arg) != 0) {
                rc = -1;
                break;
            }
            pos = (size_t)h.m[0].rm_eo + (m[0].rm_eo == m[0].rm_so);
        }
    }
    free(lower);
    return rc;
}

void od_sig_group(const struct od_sig_hit *hit, int g, char *dst, size_t n)
{
    struct od_view v = {"", 0};
    if (g > 0 && g < OD_SIG_NMATCH && hit->m[g].rm_so >= 0)
        v = (struct od_view){hit->text + hit->m[g].rm_so, (size_t)(hit->m[g].rm_eo - hit->m[g].rm_so)};
    if (od_view_copy(v, dst, n) != 0)
        od_strlcpy(dst, "", n);
}

static int re_full(const regex_t *rx, const char *s)
{
    return regexec(rx, s, 0, NULL, 0) == 0;
}

const struct od_hostrule *od_sigs_host_role(const struct od_sigs *s, const char *host, int port, const char *path)
{
    for (size_t i = 0; i < s->nh; i++) {
        const struct od_hostrule *h = &s->h[i];
        int port_ok = h->nports == 0;
        for (size_t k = 0; k < h->nports; k++)
            port_ok |= h->ports[k] == port;
        for (size_t k = 0; k < h->nnot; k++)
            port_ok &= h->not_ports[k] != port;
        port_ok &= port >= h->min_port;
        if (!port_ok || (h->has_host && !re_full(&h->host, host)) || (h->has_path && !re_full(&h->path, path)))
            continue;
        return h;
    }
    return NULL;
}

/* sig_re — what lint refuses in a signature's regex besides regcomp's own
 * errors: shapes that compile but would not match what they say (matching is
 * bytewise, in the C locale), or that the static build's musl refuses. */
#include "sig_re.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A quantifier right after a non-ASCII character (了?): it would repeat only
 * the character's last byte. */
static int quantified_multibyte(const char *re)
{
    for (const unsigned char *p = (const unsigned char *)re; *p; p++)
        if (*p >= 0x80 && p[1] && strchr("?*+{", p[1]))
            return 1;
    return 0;
}

/* Calls member() for each member of each bracket expression in re ([:class:]
 * names skipped) and returns its first nonzero answer. */
typedef int (*bracket_member)(const char *q, int negated);
static int each_bracket_member(const char *re, bracket_member member)
{
    for (const char *p = re; *p; p++) {
        const char *q = p + 1;
        int negated;
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (*p != '[')
            continue;
        negated = *q == '^';
        q += negated;
        q += *q == ']'; /* a leading ] is a member */
        for (; *q && *q != ']'; q++) {
            const char *end;
            if (*q == '[' && q[1] && strchr(":=.", q[1]) && (end = strchr(q + 2, q[1])) && end[1] == ']')
                q = end + 1; /* [:class:], [=x=], [.x.] */
            else if (member(q, negated))
                return 1;
        }
        if (!*q)
            break;
        p = q;
    }
    return 0;
}

/* A non-ASCII character listed in a bracket ([:：]): matching is bytewise,
 * so it stands for one byte of it and the character never matches. A negated
 * one is let be: [^。，] excludes those bytes, as it means to. */
static int multibyte_member(const char *q, int negated)
{
    return !negated && (unsigned char)*q >= 0x80;
}

/* A macro written inside a bracket ([/{Q} ]): it would expand into the
 * bracket's members, not into its pattern. */
static int macro_member(const char *q, int negated)
{
    (void)negated;
    return *q == '{' && isupper((unsigned char)q[1]);
}

static int bracketed_multibyte(const char *re)
{
    return each_bracket_member(re, multibyte_member);
}

static int bracketed_macro(const char *re)
{
    return each_bracket_member(re, macro_member);
}

/* A bound {m,n} above POSIX's guaranteed RE_DUP_MAX (255): glibc takes it,
 * musl (the static build) refuses the whole expression. */
static int bound_too_large(const char *re)
{
    for (const char *p = strchr(re, '{'); p; p = strchr(p + 1, '{')) {
        char *end;
        long m, n;
        if (p > re && p[-1] == '\\')
            continue;
        m = strtol(p + 1, &end, 10);
        n = *end == ',' ? strtol(end + 1, &end, 10) : m;
        if (end > p + 1 && *end == '}' && (m > 255 || n > 255))
            return 1;
    }
    return 0;
}

static const struct re_check {
    int expanded; /* checked on the pattern with its macros expanded */
    int (*bad)(const char *re);
    const char *why;
} checks[] = {
    {0, bracketed_macro, "a macro inside a bracket expression expands into its members; write an alternation, (/|{Q}[[:space:]]), and count its group in the fields after it"},
    {1, quantified_multibyte, "a quantifier follows a non-ASCII character: it would repeat only its last byte; group it: (了)?"},
    {1, bracketed_multibyte, "a bracket expression lists a non-ASCII character: matching is bytewise, so it stands for one byte of it; write an alternation, (：|:), and count its group in the fields after it"},
    {1, bound_too_large, "a repetition bound above 255 (POSIX's RE_DUP_MAX): musl's regcomp refuses it; use {0,255} or less"},
};

const char *od_sig_re_problem(const char *re, int expanded)
{
    for (size_t i = 0; i < N_OF(checks); i++)
        if (checks[i].expanded == expanded && checks[i].bad(re))
            return checks[i].why;
    return NULL;
}

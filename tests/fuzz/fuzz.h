/* fuzz.h — shared by the libFuzzer targets in tests/fuzz/ (make fuzz). Each
 * target is one LLVMFuzzerTestOneInput over one parser of outside data; a
 * property that must hold (idempotence, JSON stays JSON) aborts when broken,
 * so the fuzzer reports it like a crash. */
#ifndef OD_FUZZ_H
#define OD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (NUL bytes inside end it early). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Split the input at the first occurrence of sep (a byte): *rest gets what
 * follows, or "" when there is none. Modifies s. */
static inline char *fuzz_split(char *s, char sep, char **rest)
{
    char *p = strchr(s, sep);
    if (p) {
        *p = '\0';
        *rest = p + 1;
    } else {
        *rest = s + strlen(s);
    }
    return s;
}

/* The byte multi-part targets split their input on (seed.py SEP). */
#define FUZZ_SEP '\x01'

/* The next part of [*p, end) up to FUZZ_SEP, as a new NUL-terminated string
 * (caller frees); *p moves past it. Past the end, "". */
static inline char *fuzz_part(const uint8_t **p, const uint8_t *end, size_t *len)
{
    const uint8_t *s = *p, *e = s < end ? memchr(s, FUZZ_SEP, (size_t)(end - s)) : NULL;
    size_t n;
    char *out;
    if (s >= end) {
        n = 0;
    } else {
        n = e ? (size_t)(e - s) : (size_t)(end - s);
        *p = e ? e + 1 : end;
    }
    out = malloc(n + 1);
    if (!out)
        abort();
    if (n)
        memcpy(out, s, n);
    out[n] = '\0';
    if (len)
        *len = n;
    return out;
}

#define FUZZ_CHECK(cond, ...)                                                                                         \
    do {                                                                                                              \
        if (!(cond)) {                                                                                                \
            fprintf(stderr, "property broken: " __VA_ARGS__);                                                         \
            fputc('\n', stderr);                                                                                      \
            abort();                                                                                                  \
        }                                                                                                             \
    } while (0)

#endif

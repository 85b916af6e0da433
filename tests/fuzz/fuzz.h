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

#define FUZZ_CHECK(cond, ...)                                                                                         \
    do {                                                                                                              \
        if (!(cond)) {                                                                                                \
            fprintf(stderr, "property broken: " __VA_ARGS__);                                                         \
            fputc('\n', stderr);                                                                                      \
            abort();                                                                                                  \
        }                                                                                                             \
    } while (0)

#endif

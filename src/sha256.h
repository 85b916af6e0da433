/* sha256 — SHA-256 (FIPS 180-4), small and self-contained, for the bundle's
 * manifest checksums. Not for anything secret: no constant-time claims. */
#ifndef OD_SHA256_H
#define OD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define OD_SHA256_LEN 32
#define OD_SHA256_HEXLEN 65 /* 64 hex digits and the NUL */

struct od_sha256 {
    uint32_t h[8];
    uint64_t bytes;      /* message length so far */
    unsigned char buf[64];
    size_t fill;         /* bytes waiting in buf */
};

void od_sha256_init(struct od_sha256 *c);
void od_sha256_update(struct od_sha256 *c, const void *data, size_t n);
void od_sha256_final(struct od_sha256 *c, unsigned char out[OD_SHA256_LEN]);
/* One call: the digest of data as 64 lower-case hex digits. */
void od_sha256_hex(const void *data, size_t n, char out[OD_SHA256_HEXLEN]);

#endif

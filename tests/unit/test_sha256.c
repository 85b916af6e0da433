/* test_sha256.c — SHA-256 against the FIPS 180-4 / NIST examples and the
 * padding boundaries (55, 56, 63, 64, 65, 119, 120, 128 bytes; digests from
 * Python's hashlib), one-shot and fed in odd pieces. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

struct vec {
    const char *msg;
    const char *hex;
};

static const struct vec nist[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
};

struct boundary {
    size_t n; /* message: bytes i % 251 for i < n */
    const char *hex;
};

static const struct boundary bounds[] = {
    {55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"},
    {56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"},
    {63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"},
    {64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"},
    {65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"},
    {119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"},
    {120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"},
    {128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"},
};

static void hex_of(const unsigned char *d, char *out)
{
    for (int i = 0; i < OD_SHA256_LEN; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void test_nist(void **state)
{
    char hex[OD_SHA256_HEXLEN];
    (void)state;
    for (size_t i = 0; i < N_ELEMS(nist); i++) {
        od_sha256_hex(nist[i].msg, strlen(nist[i].msg), hex);
        assert_string_equal(hex, nist[i].hex);
    }
}

static void test_million_a(void **state)
{
    struct od_sha256 c;
    unsigned char d[OD_SHA256_LEN], chunk[1000];
    char hex[OD_SHA256_HEXLEN];
    (void)state;
    memset(chunk, 'a', sizeof chunk);
    od_sha256_init(&c);
    for (int i = 0; i < 1000; i++)
        od_sha256_update(&c, chunk, sizeof chunk);
    od_sha256_final(&c, d);
    hex_of(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_boundaries(void **state)
{
    unsigned char msg[128];
    char hex[OD_SHA256_HEXLEN];
    (void)state;
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)(i % 251);
    for (size_t i = 0; i < N_ELEMS(bounds); i++) {
        od_sha256_hex(msg, bounds[i].n, hex);
        assert_string_equal(hex, bounds[i].hex);
    }
}

/* Any split of the input gives the same digest. */
static void test_pieces(void **state)
{
    unsigned char msg[128], d[OD_SHA256_LEN];
    char hex[OD_SHA256_HEXLEN];
    (void)state;
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)(i % 251);
    for (size_t step = 1; step <= 70; step++) {
        struct od_sha256 c;
        od_sha256_init(&c);
        for (size_t off = 0; off < sizeof msg; off += step)
            od_sha256_update(&c, msg + off, sizeof msg - off < step ? sizeof msg - off : step);
        od_sha256_final(&c, d);
        hex_of(d, hex);
        assert_string_equal(hex, bounds[N_ELEMS(bounds) - 1].hex);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nist),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* fuzz_resolv — resolv.conf text (resolv.c). */
#include "fuzz.h"

#include "resolv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_str(data, size);
    struct od_resolv r;
    if (od_resolv_parse(text, &r) == 0)
        od_resolv_free(&r);
    free(text);
    return 0;
}

/* body — capped, growable response buffer. */
#include "body.h"

#include <stdlib.h>
#include <string.h>

size_t od_body_write(char *data, size_t size, size_t nmemb, void *arg)
{
    struct od_body *b = arg;
    size_t len = size * nmemb;
    char *q;
    if (b->n + len > b->cap) {
        b->over = 1;
        len = b->cap - b->n;
    }
    if (!(q = realloc(b->p, b->n + len + 1)))
        return 0;
    memcpy(q + b->n, data, len);
    b->p = q;
    b->n += len;
    q[b->n] = '\0';
    return b->over ? 0 : size * nmemb;
}

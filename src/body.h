/* body — a growable buffer for HTTP answers with a hard cap: the libcurl
 * write callback shared by the Docker API, model and bundle requests. */
#ifndef OD_BODY_H
#define OD_BODY_H

#include <stddef.h>

struct od_body {
    char *p;     /* NUL-terminated, or NULL when nothing came */
    size_t n;
    size_t cap;  /* set before use */
    int over;    /* the answer was longer than cap: p holds the first cap bytes */
};

/* CURLOPT_WRITEFUNCTION with CURLOPT_WRITEDATA = struct od_body *. Stops the
 * transfer (CURLE_WRITE_ERROR) at the cap. */
size_t od_body_write(char *data, size_t size, size_t nmemb, void *arg);

#endif

/* answer — what one probe step received (status line, headers, body) turned
 * into struct od_http fields. The seam between libcurl (xfer.c, which only
 * moves bytes) and the code that reads answers, so that tests and fuzz
 * targets call it without a server. */
#ifndef OD_ANSWER_H
#define OD_ANSWER_H

#include <stddef.h>

#include "probe.h"

/* The steps of an attempt, in order: GET /, GET /api/version, the app's path. */
enum od_step { OD_STEP_ROOT, OD_STEP_VERSION, OD_STEP_APP, OD_STEP__COUNT };

struct od_answer {
    char server[128], via[128], ctype[128], location[256];
    char *body;    /* NUL-terminated; NULL until a byte came; grows to OD_BODY_CAP + 1 */
    size_t len, size;
    int truncated; /* more came than OD_BODY_CAP */
};

/* One header line as it came ("Name: value\r\n"): Server, Via, Content-Type
 * and Location are kept, blanks trimmed, cut to fit. */
void od_answer_header(struct od_answer *a, const char *line, size_t len);
/* Body bytes as they come; returns how many were kept (fewer than len once
 * the cap is reached, or memory ran out: the transfer should stop). The
 * buffer grows with what comes, so a thousand concurrent steps that each get
 * a few bytes hold a few bytes each. free(a->body) when done. */
size_t od_answer_body(struct od_answer *a, const char *data, size_t len);
/* A finished step's answer into h: status, fingerprints (Ollama is running,
 * {"version": ...}; for an OpenAI-compatible app's step, /v1/models' list),
 * headers, a printable excerpt. ms: the step's duration; app_path: the path
 * asked in OD_STEP_APP. */
/* Step 0 failed after a follow-up answered (they run side by side): keep
 * nothing of the follow-ups, as if they had not run. */
void od_answer_forget_followups(struct od_http *h);
void od_answer_record(struct od_http *h, enum od_step step, long status, const struct od_answer *a, double ms,
                      const char *app_path, int openai);

#endif

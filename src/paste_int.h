/* paste_int.h — the steps of paste.c that live in paste_literal.c,
 * paste_marks.c, paste_dump.c and paste_wrap.c. */
#ifndef OD_PASTE_INT_H
#define OD_PASTE_INT_H

#include <stddef.h>

/* Every value string of a structured log line (a JSON object with a log's own
 * keys) on lines of its own, decoded; a line of Docker's json-file log as its
 * text alone. Returns the new length. */
size_t od_paste_json_log_lines(char *s, size_t len);
/* The escapes of JSON string literals with escapes ("\n" a line, "\"" a quote). */
size_t od_paste_json_strings(char *s, size_t len);
/* Python string literals that hide lines (an exception's repr), decoded onto
 * lines of their own; any other literal kept whole. */
size_t od_paste_py_strings(char *s, size_t len);
/* A chat app's bullets, an editor's line numbers, a Markdown table's rows
 * and inline code's backticks, off every line (paste_marks.c). */
size_t od_paste_marks(char *s, size_t len);
/* What a dump of an object printed that is a library's vocabulary: a table
 * of every HTTP status and its reason, lists of the errors and statuses a
 * client retries on, an object's true/false flags (paste_dump.c). */
size_t od_paste_dumps(char *s, size_t len);
/* A terminal's copy of lines longer than its width, joined again
 * (paste_wrap.c). Returns the new length. */
size_t od_paste_hard_wraps(char *s, size_t len);
/* Line breaks a wrap put at a space inside an error's known words, joined
 * again (paste_wrap.c). */
size_t od_paste_soft_wraps(char *s, size_t len);

#endif

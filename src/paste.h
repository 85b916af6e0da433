/* paste — undo what travelling did to a pasted error before explain reads it.
 *
 * The same message reaches us wrapped in many ways: Windows line ends, a
 * terminal's colour codes, HTML entities from a web page, the escapes of a
 * JSON log line or error body, a forum quote ("> " on every line), a Markdown
 * code block's indentation, typographic quotes and non-breaking spaces. Each
 * is undone here, in place, so that one signature fits every wrapping. */
#ifndef OD_PASTE_H
#define OD_PASTE_H

#include <stddef.h>

/* Cleans s[0..len) in place (the text only shrinks) and returns its new
 * length; s[len] is set to '\0'. */
size_t od_paste_clean(char *s, size_t len);

#endif

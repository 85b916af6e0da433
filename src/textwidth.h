/* textwidth — display columns, cutting and wrapping of UTF-8 text. */
#ifndef OD_TEXTWIDTH_H
#define OD_TEXTWIDTH_H

#include <stddef.h>
#include <stdio.h>

/* Display columns of UTF-8 text: wide East Asian characters count 2,
 * combining marks and control characters 0. */
int od_text_width(const char *s);
int od_text_width_n(const char *s, size_t n);
/* Copy s into buf cut to at most cols display columns, with "…" (or "~")
 * when cut. */
void od_text_fit(const char *s, int cols, int unicode, char *buf, size_t n);

/* Wrap text to width: the first line continues at column first_col, the
 * others start with indent spaces. Breaks at blanks, and between CJK
 * characters (not before closing punctuation nor after opening one). Each
 * output line ends with '\n'. */
void od_text_wrap_to(FILE *fp, const char *text, int indent, int first_col, int width);

#endif

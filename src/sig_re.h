/* sig_re.h — the regex checks lint runs on a signature's pattern (sig_re.c). */
#ifndef OD_SIG_RE_H
#define OD_SIG_RE_H

/* Why lint refuses re, or NULL: expanded 0 checks the pattern as written
 * (its macros still named), 1 the pattern with its macros expanded. */
const char *od_sig_re_problem(const char *re, int expanded);

#endif

/* redact — one pass over text that replaces secrets with "REDACTED" and keeps
 * everything else (IP addresses, host names, ports, paths) as it is.
 *
 *   url       scheme://user:pass@host, scheme://user@host  -> scheme://REDACTED@host
 *             (the userinfo up to the last '@' before / ? # or a blank)
 *   header    Authorization: ..., Proxy-Authorization: ... -> the value, to the
 *             end of the line, or to the closing quote when the header sits
 *             inside a double-quoted (JSON) string anywhere on its line
 *   bearer    Bearer <token>                                -> Bearer REDACTED
 *   url var   NAME=user:pass@host (no scheme needed) and "NAME": "user:pass@host"
 *             when NAME ends in "proxy" (not no_proxy) or is OLLAMA_HOST
 *             -> NAME=REDACTED@host (the userinfo up to the value's last '@')
 *   name      NAME=value, "NAME": "value", NAME: value (YAML, at a line's start)
 *             when NAME is sensitive (od_redact_name_sensitive) -> the value
 *
 * Output stays valid JSON when the input is JSON: only string contents are
 * replaced, whole escape sequences at a time. Idempotent: passes are repeated
 * until one changes nothing (at most 8). See docs/bundle.md. */
#ifndef OD_REDACT_H
#define OD_REDACT_H

#include <stddef.h>

#define OD_REDACTED "REDACTED"

/* The redacted copy of text[0..len) (NUL-terminated, caller frees; its length
 * in *outlen when given). NULL on ENOMEM. NUL bytes in text are kept. */
char *od_redact(const char *text, size_t len, size_t *outlen);

/* 1 when a variable or key named name[0..n) holds a secret. The name is cut
 * into segments at '_', '-', '.', '/' and at camelCase steps (aB); it is
 * sensitive when a segment (case-insensitive)
 *   starts or ends with KEY, TOKEN, SECRET, PASSWORD, PASSWD, PASSPHRASE or
 *     CREDENTIAL (an 'S' may follow the end: APIKEYS),
 *   starts with AUTHORIZATION, or is or ends with AUTH (OAUTH),
 *   or is PASS or PWD,
 * except that a segment that is an ordinary word ending in KEY (MONKEY,
 * DONKEY, TURKEY, HOCKEY, JOCKEY, WHISKEY, LACKEY) does not count by its
 * ending, and the name PWD alone (the shell's working directory) is kept.
 * So OPENAI_API_KEY, apiKey, APIKEY, MY_SECRET_TOKEN, db.password, x-auth-token,
 * AWS_SECRET_ACCESS_KEY are sensitive; MONKEY, AUTHOR, OLLAMA_HOST, PWD are not. */
int od_redact_name_sensitive(const char *name, size_t n);

#endif

/* paste_wrap — paste.c's last step: lines a mail client, a forum or a narrow
 * terminal broke at a space inside an error's words ("dial tcp\n10.0.0.5:11434:
 * i/o timeout", "Connection\nrefused", "host='ollama',\nport=11434") are
 * joined again, so that the words read as the runtime printed them. Only a
 * break inside a known phrase is joined: a line break elsewhere may be the
 * paste's own (a new log line, a stack frame). The text keeps its length. */
#include "paste_int.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* The runtimes' and servers' words that a wrap may split at one of their
 * spaces. A phrase is matched case-insensitively. */
static const char *const phrases[] = {
    "dial tcp",
    "dial udp",
    "i/o timeout",
    "no such host",
    "unsupported protocol scheme",
    "could not connect to ollama app, is it running?",
    "connection refused",
    "connection reset by peer",
    "connection timed out",
    "actively refused it",
    "no connection could be made because the target machine actively refused it",
    "name or service not known",
    "temporary failure in name resolution",
    "nodename nor servname provided, or not known",
    "failed to establish a new connection",
    "max retries exceeded with url",
    "read timed out",
    "no route to host",
    "network is unreachable",
    "failed to resolve",
    "getaddrinfo failed",
    "connect econnrefused",
    "connect etimedout",
    "connect ehostunreach",
    "getaddrinfo enotfound",
    "getaddrinfo eai_again",
    "failed to connect to",
    "couldn't connect to server",
    "could not resolve host",
    "404 page not found",
    "404 not found",
    "wrong version number",
    "remote end closed connection without response",
    "server disconnected without sending a response",
    "cannot connect to host",
    "connect call failed",
};

/* Whether phrase p, split at its space k, ends at s[i] (before the break) and
 * goes on at s[i + 2] (after it). */
static int split_at(const char *s, size_t len, size_t i, const char *p, size_t k)
{
    size_t rest = strlen(p) - k - 1;
    if (k > i + 1 || i + 2 + rest > len)
        return 0;
    if (strncasecmp(s + i + 1 - k, p, k) != 0 || strncasecmp(s + i + 2, p + k + 1, rest) != 0)
        return 0;
    /* the phrase starts a word: "dial tcp" is not "redial tcp" */
    return i + 1 == k || !isalnum((unsigned char)s[i - k]);
}

static int inside_phrase(const char *s, size_t len, size_t i)
{
    for (size_t n = 0; n < N_OF(phrases); n++)
        for (const char *sp = strchr(phrases[n], ' '); sp; sp = strchr(sp + 1, ' '))
            if (split_at(s, len, i, phrases[n], (size_t)(sp - phrases[n])))
                return 1;
    return 0;
}

/* Words that a value follows (an address, a URL): a wrap right after them. */
static const char *const leads[] = {"dial tcp", "dial udp", "failed to connect to", "cannot connect to host",
                                    "could not resolve host:", "for url", "request to", "connection to",
                                    "error sending request for url"};

static int after_lead(const char *s, size_t i)
{
    for (size_t n = 0; n < N_OF(leads); n++) {
        size_t k = strlen(leads[n]);
        if (i + 1 >= k && strncasecmp(s + i + 1 - k, leads[n], k) == 0 && (i + 1 == k || !isalnum((unsigned char)s[i - k])))
            return 1;
    }
    return 0;
}

/* urllib3's pool and Python's reprs: "host='ollama'," then "port=11434" on
 * the next line; curl's "Failed to connect to localhost" then "port 11434". */
static int host_then_port(const char *s, size_t len, size_t i)
{
    if (i + 6 <= len && s[i] == ',' && strncmp(s + i + 2, "port=", 5) == 0)
        return 1;
    return i + 7 <= len && strncmp(s + i + 2, "port ", 5) == 0 && isdigit((unsigned char)s[i + 7]);
}

/* Node's error codes are followed by the address they were about
 * ("connect ECONNREFUSED" then "127.0.0.1:11434"). */
static int code_then_address(const char *s, size_t len, size_t i)
{
    static const char *const codes[] = {"ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH",
                                        "ENOTFOUND",    "EAI_AGAIN", "ECONNRESET"};
    for (size_t n = 0; n < N_OF(codes); n++) {
        size_t k = strlen(codes[n]);
        if (i + 1 >= k && strncmp(s + i + 1 - k, codes[n], k) == 0 && i + 2 < len &&
            (isalnum((unsigned char)s[i + 2]) || s[i + 2] == '['))
            return 1;
    }
    return 0;
}

size_t od_paste_soft_wraps(char *s, size_t len)
{
    for (size_t i = 1; i + 2 < len; i++) {
        /* s[i] is the last character before a line break at s[i + 1], and the
         * next line goes on at once: a wrap at a space */
        if (s[i + 1] != '\n' || isspace((unsigned char)s[i]) || isspace((unsigned char)s[i + 2]))
            continue;
        if (inside_phrase(s, len, i) || after_lead(s, i) || host_then_port(s, len, i) || code_then_address(s, len, i))
            s[i + 1] = ' ';
    }
    return len;
}

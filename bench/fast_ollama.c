/* fast_ollama — a minimal Ollama stand-in for `make bench`: one epoll loop,
 * answers GET / ("Ollama is running"), /api/version, /api/tags and /v1/models
 * like Ollama, anything else 404, then closes. Fast enough that the clients
 * measured side by side (ollama-doctor, curl) are what the figures show.
 *   fast_ollama PORT [DELAY_MS [SILENT...]]
 *       listens on every address (run it in a network namespace of its own),
 *       each answer held DELAY_MS (a round trip to a real host); a request
 *       whose path starts with a SILENT prefix is never answered (a hung endpoint).
 * Not part of the tool: a fixture for `make bench` and a few tests. */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXC 65536

struct conn {
    char req[2048];
    size_t n;
    double due; /* > 0: answer at this time */
    const char *answer;
};

static struct conn *conns[MAXC];
static char **silent; /* path prefixes never answered */
static int nsilent;

static int is_silent(const char *req)
{
    const char *path = req + strcspn(req, " ") + (*req ? 1 : 0);
    for (int i = 0; i < nsilent; i++)
        if (strncmp(path, silent[i], strlen(silent[i])) == 0)
            return 1;
    return 0;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static const char *answer_for(const char *req)
{
    static const struct { const char *line, *answer; } routes[] = {
        {"GET / ", "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 17\r\n"
                   "Connection: close\r\n\r\nOllama is running"},
        {"GET /api/version ", "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                              "Content-Length: 20\r\nConnection: close\r\n\r\n{\"version\":\"0.12.3\"}"},
        {"GET /api/tags ", "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                           "Content-Length: 13\r\nConnection: close\r\n\r\n{\"models\":[]}"},
        {"GET /v1/models ", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n"
                            "Connection: close\r\n\r\n{\"object\":\"list\",\"data\":[]}"},
    };
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (strncmp(req, routes[i].line, strlen(routes[i].line)) == 0)
            return routes[i].answer;
    return "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 18\r\nConnection: close\r\n\r\n"
           "404 page not found";
}

static void drop(int ep, int fd)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(conns[fd]);
    conns[fd] = NULL;
}

static void reply(int ep, int fd)
{
    const char *a = conns[fd]->answer;
    if (write(fd, a, strlen(a)) < 0)
        perror("fast_ollama: write");
    drop(ep, fd);
}

static void readable(int ep, int fd, double delay)
{
    struct conn *c = conns[fd];
    ssize_t r = read(fd, c->req + c->n, sizeof c->req - 1 - c->n);
    if (r <= 0) {
        drop(ep, fd);
        return;
    }
    c->n += (size_t)r;
    c->req[c->n] = '\0';
    if (!strstr(c->req, "\r\n\r\n")) {
        if (c->n + 1 >= sizeof c->req)
            drop(ep, fd);
        return;
    }
    if (is_silent(c->req)) {
        c->due = -1; /* held until the client gives up */
        return;
    }
    c->answer = answer_for(c->req);
    if (delay <= 0)
        reply(ep, fd);
    else
        c->due = now_ms() + delay;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 11434, one = 1, ep = epoll_create1(0);
    double delay = argc > 2 ? strtod(argv[2], NULL) : 0;
    silent = argv + 3;
    nsilent = argc > 3 ? argc - 3 : 0;
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls}, evs[256];

    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(ls, 4096) != 0 ||
        epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev) != 0) {
        perror("fast_ollama");
        return 1;
    }
    for (;;) {
        int wait = -1;
        double t = now_ms();
        for (int fd = 0; delay > 0 && fd < MAXC; fd++) /* a bench fixture: a scan is fine */
            if (conns[fd] && conns[fd]->due > 0) {
                int left = conns[fd]->due <= t ? 0 : (int)(conns[fd]->due - t) + 1;
                if (wait < 0 || left < wait)
                    wait = left;
            }
        int n = epoll_wait(ep, evs, 256, wait);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == ls) {
                int c;
                while ((c = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                    if (c >= MAXC || !(conns[c] = calloc(1, sizeof *conns[c]))) {
                        close(c);
                        continue;
                    }
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
            } else if (conns[fd] && conns[fd]->due == 0) {
                readable(ep, fd, delay);
            } else if (conns[fd] && conns[fd]->due < 0) { /* held: only notice the client leaving */
                char b[512];
                if (read(fd, b, sizeof b) <= 0)
                    drop(ep, fd);
            }
        }
        t = now_ms();
        for (int fd = 0; delay > 0 && fd < MAXC; fd++)
            if (conns[fd] && conns[fd]->due > 0 && conns[fd]->due <= t)
                reply(ep, fd);
    }
}

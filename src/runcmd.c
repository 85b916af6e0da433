/* runcmd — fork/exec with a fixed argv, stdout captured, a hard deadline. */
#include "runcmd.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static const char *const dirs[] = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};

static int find(const char *prog, char *path, size_t n)
{
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, n, "%s/%s", dirs[i], prog);
        if (access(path, X_OK) == 0)
            return 0;
    }
    return -1;
}

static void child(const char *path, const char *const argv[], int wfd)
{
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDERR_FILENO);
    }
    dup2(wfd, STDOUT_FILENO);
    execv(path, (char *const *)argv);
    _exit(127);
}

int od_runcmd(const char *const argv[], int timeout_ms, char *out, size_t cap)
{
    char path[256];
    int fds[2], status = 0;
    size_t len = 0;
    double deadline = od_now_ms() + timeout_ms;
    pid_t pid;

    out[0] = '\0';
    if (find(argv[0], path, sizeof path) != 0 || pipe(fds) != 0)
        return -1;
    if ((pid = fork()) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child(path, argv, fds[1]);
    }
    close(fds[1]);
    for (;;) {
        struct pollfd p = {fds[0], POLLIN, 0};
        int left = (int)(deadline - od_now_ms());
        ssize_t n;
        char sink[4096];
        if (left <= 0) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            close(fds[0]);
            return -2;
        }
        if (poll(&p, 1, left) <= 0)
            continue;
        n = read(fds[0], len + 1 < cap ? out + len : sink, len + 1 < cap ? cap - 1 - len : sizeof sink);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (len + 1 < cap)
            len += (size_t)n; /* beyond cap the rest is drained and dropped */
    }
    out[len] = '\0';
    close(fds[0]);
    while (waitpid(pid, &status, WNOHANG) == 0) { /* closed its output, not yet gone */
        struct timespec ts = {0, 2000000};
        if (od_now_ms() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            return -2;
        }
        nanosleep(&ts, NULL);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

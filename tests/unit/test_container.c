/* test_container.c — container detection against planted marker files in a temp root. */
#include "unit.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "container.h"

#define ID64 "3f2a9c1e5b7d4a8f9e0c1b2a3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a"

static char root[64];

/* Create root/rel (and its parent directories) holding text. */
static void plant(const char *rel, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    (void)state;
    strcpy(root, "/tmp/od_root_XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static struct od_container detect(char **vars)
{
    struct od_env env = {vars};
    struct od_container c;

    assert_int_equal(od_container_detect(root, &env, &c), 0);
    return c;
}

static void assert_markers(const struct od_container *c, const char *const *want, size_t n)
{
    if (c->markers.n != n)
        for (size_t i = 0; i < c->markers.n; i++)
            print_message("marker: %s\n", c->markers.v[i]);
    assert_int_equal(c->markers.n, n);
    for (size_t i = 0; i < n; i++)
        assert_true(od_strv_contains(&c->markers, want[i]));
}

static const char host_mountinfo[] =
    "22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw\n"
    "25 22 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:13 - proc proc rw\n"
    "310 22 0:55 / /var/lib/docker/containers/" ID64 "/mounts/shm rw,nosuid - tmpfs shm rw,size=65536k\n"
    "311 22 0:56 / /var/lib/docker/overlay2/abc/merged rw,relatime - overlay overlay rw\n";

static void test_plain_linux_host(void **state)
{
    char *vars[] = {"HOME=/root", NULL};
    struct od_container c;

    (void)state;
    plant("proc/sys/kernel/osrelease", "6.8.0-45-generic\n");
    plant("proc/1/cgroup", "0::/init.scope\n");
    plant("proc/self/mountinfo", host_mountinfo);
    c = detect(vars);
    assert_int_equal(c.inside, 0);
    assert_string_equal(c.runtime, "none");
    assert_string_equal(c.os_guess, "linux");
    assert_string_equal(c.kernel, "6.8.0-45-generic");
    assert_markers(&c, NULL, 0);
    od_container_free(&c);
}

static const char docker_mountinfo[] =
    "1046 917 0:99 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X\n"
    "1052 1046 259:2 /var/lib/docker/containers/" ID64 "/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/nvme0n1p2 rw\n"
    "1053 1046 259:2 /var/lib/docker/containers/" ID64 "/hostname /etc/hostname rw,relatime - ext4 /dev/nvme0n1p2 rw\n"
    "1054 1046 259:2 /var/lib/docker/containers/" ID64 "/hosts /etc/hosts rw,relatime - ext4 /dev/nvme0n1p2 rw\n";

static void test_docker_engine_cgroup_v2(void **state)
{
    static const char *const want[] = {"/.dockerenv", "mountinfo:docker"};
    struct od_container c;

    (void)state;
    plant(".dockerenv", "");
    plant("proc/sys/kernel/osrelease", "6.8.0-45-generic\n");
    plant("proc/1/cgroup", "0::/\n");
    plant("proc/self/mountinfo", docker_mountinfo);
    c = detect(NULL);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "docker");
    assert_string_equal(c.os_guess, "linux");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_docker_mountinfo_alone(void **state)
{
    static const char *const want[] = {"mountinfo:docker"};
    struct od_container c;

    (void)state;
    /* /var/lib/docker on its own filesystem: the mount root starts at /containers */
    plant("proc/self/mountinfo", "1053 1046 8:17 /containers/" ID64 "/hostname /etc/hostname rw - xfs /dev/sdb1 rw\n");
    c = detect(NULL);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "docker");
    assert_string_equal(c.os_guess, "unknown"); /* no kernel release in this root */
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_docker_desktop_mac(void **state)
{
    static const char *const want[] = {"/.dockerenv", "kernel:linuxkit"};
    struct od_container c;

    (void)state;
    plant(".dockerenv", "");
    plant("proc/sys/kernel/osrelease", "6.10.0-linuxkit\n");
    c = detect(NULL);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "docker");
    assert_string_equal(c.os_guess, "macos-or-windows");
    assert_string_equal(c.kernel, "6.10.0-linuxkit");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_docker_desktop_wsl_backend(void **state)
{
    static const char *const want[] = {"/.dockerenv", "kernel:wsl"};
    struct od_container c;

    (void)state;
    plant(".dockerenv", "");
    plant("proc/sys/kernel/osrelease", "5.15.167.4-microsoft-standard-WSL2\n");
    c = detect(NULL);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "docker"); /* not "wsl": a container on the WSL VM */
    assert_string_equal(c.os_guess, "windows");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_wsl_distro(void **state)
{
    static const char *const want[] = {"kernel:wsl", "env:WSL_DISTRO_NAME", "binfmt:WSLInterop-late",
                                       "/bin/wslpath"};
    char *vars[] = {"WSL_DISTRO_NAME=Ubuntu", NULL};
    char link[512];
    struct od_container c;

    (void)state;
    plant("proc/sys/kernel/osrelease", "4.4.0-19041-Microsoft\n");
    plant("proc/sys/fs/binfmt_misc/WSLInterop-late", "enabled\n");
    plant("bin/.keep", "");
    snprintf(link, sizeof(link), "%s/bin/wslpath", root);
    assert_int_equal(symlink("/init", link), 0); /* dangling here, as in a test root */
    c = detect(vars);
    assert_int_equal(c.inside, 0);
    assert_string_equal(c.runtime, "wsl");
    assert_string_equal(c.os_guess, "windows");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_podman(void **state)
{
    static const char *const want[] = {"/run/.containerenv", "env:container=podman", "mountinfo:podman"};
    char *vars[] = {"container=podman", "PATH=/usr/bin", NULL};
    char mi[512];
    struct od_container c;

    (void)state;
    snprintf(mi, sizeof(mi),
             "700 650 0:45 /containers/storage/overlay-containers/%s/userdata/hostname /etc/hostname "
             "rw,nosuid,nodev - tmpfs tmpfs rw\n",
             ID64);
    plant("run/.containerenv", "");
    plant("proc/self/mountinfo", mi);
    plant("proc/sys/kernel/osrelease", "6.9.7-200.fc40.x86_64\n");
    c = detect(vars);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "podman");
    assert_string_equal(c.os_guess, "linux");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_kubernetes(void **state)
{
    static const char *const want[] = {"/var/run/secrets/kubernetes.io", "env:KUBERNETES_SERVICE_HOST",
                                       "mountinfo:kubernetes", "mountinfo:containerd", "cgroup:kubepods"};
    char *vars[] = {"KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", NULL};
    struct od_container c;

    (void)state;
    plant("var/run/secrets/kubernetes.io/serviceaccount/token", "x");
    plant("proc/self/mountinfo",
          "1200 1100 259:1 /var/lib/kubelet/pods/5f0c/etc-hosts /etc/hosts rw - ext4 /dev/root rw\n"
          "1201 1100 259:1 /var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/ab/hostname "
          "/etc/hostname rw - ext4 /dev/root rw\n");
    plant("proc/1/cgroup", "12:memory:/kubepods/besteffort/pod5f0c/abcdef\n11:pids:/kubepods/besteffort\n");
    plant("proc/sys/kernel/osrelease", "5.15.0-1057-aws\n");
    c = detect(vars);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "kubernetes");
    assert_string_equal(c.os_guess, "linux");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_cgroup_v1_docker(void **state)
{
    static const char *const want[] = {"cgroup:docker"};
    struct od_container c;

    (void)state;
    plant("proc/1/cgroup", "12:memory:/docker/" ID64 "\n1:name=systemd:/system.slice/docker-" ID64 ".scope\n");
    plant("proc/sys/kernel/osrelease", "4.19.0\n");
    c = detect(NULL);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "docker");
    assert_markers(&c, want, N_ELEMS(want));
    od_container_free(&c);
}

static void test_unknown_and_hostile_container_var(void **state)
{
    char *vars[] = {"container=a b\x01" "cccccccccccccccccccccccccccccccccccccccc", "container=docker", NULL};
    struct od_container c;

    (void)state;
    c = detect(vars);
    assert_int_equal(c.inside, 1);
    assert_string_equal(c.runtime, "unknown"); /* first entry wins; it is no known engine */
    assert_string_equal(c.os_guess, "unknown");
    assert_int_equal(c.markers.n, 1);
    assert_string_equal(c.markers.v[0], "env:container=a?b?cccccccccccccccccccccccccccc"); /* 32 */
    od_container_free(&c);
}

static void test_garbage_files(void **state)
{
    struct od_container c;

    (void)state;
    plant("proc/self/mountinfo", "\xff\xfe\n1 2\n/etc/hostname\n1 2 3 /docker/containers/" ID64 "\n"
                                 "1 2 3 /docker/containers/abc/hostname /etc/hostname\n");
    plant("proc/1/cgroup", "\x01\x02\x03");
    plant("proc/sys/kernel/osrelease", "");
    c = detect(NULL);
    assert_int_equal(c.inside, 0);
    assert_string_equal(c.runtime, "none");
    assert_string_equal(c.kernel, "");
    assert_int_equal(c.markers.n, 0);
    od_container_free(&c);
}

static void test_live_and_bad_roots(void **state)
{
    char longroot[5000];
    struct od_container c;

    (void)state;
    assert_int_equal(od_container_detect("", NULL, &c), 0);
    assert_true(c.inside == 0 || c.inside == 1);
    assert_true(c.kernel[0] != '\0'); /* osrelease or uname */
    assert_true(c.runtime[0] != '\0' && c.os_guess[0] != '\0');
    od_container_free(&c);
    assert_int_equal(od_container_detect(NULL, NULL, &c), 0);
    od_container_free(&c);

    memset(longroot, 'x', sizeof(longroot) - 1);
    longroot[sizeof(longroot) - 1] = '\0';
    assert_int_equal(od_container_detect(longroot, NULL, &c), 0);
    assert_string_equal(c.runtime, "none");
    assert_int_equal(c.markers.n, 0);
    od_container_free(&c);
    od_container_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_plain_linux_host, setup, teardown),
        cmocka_unit_test_setup_teardown(test_docker_engine_cgroup_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_docker_mountinfo_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_docker_desktop_mac, setup, teardown),
        cmocka_unit_test_setup_teardown(test_docker_desktop_wsl_backend, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wsl_distro, setup, teardown),
        cmocka_unit_test_setup_teardown(test_podman, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kubernetes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cgroup_v1_docker, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_and_hostile_container_var, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_files, setup, teardown),
        cmocka_unit_test(test_live_and_bad_roots),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

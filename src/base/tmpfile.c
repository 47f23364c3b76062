/* tmpfile.c - temporary files that never follow a planted link: named ones
 * next to the file they will replace, unnamed scratch files in $TMPDIR. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/tmpfile.h"

FILE *dx_tmp_create(const char *dir, const char *base, char **path)
{
    *path = NULL;
    dx_buf p;
    dx_buf_init(&p);
    for (int attempt = 0; attempt < 1000; attempt++) {
        dx_buf_clear(&p);
        dx_buf_printf(&p, "%s/.%s.tmp.%ld", dir, base, (long)getpid());
        if (attempt) dx_buf_printf(&p, ".%d", attempt);
        /* O_EXCL fails on any existing name, a symbolic link (even a
         * dangling one) included: nothing planted is ever opened */
        int fd = open(p.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) {
            if (errno == EEXIST) continue;
            break;
        }
        FILE *fp = fdopen(fd, "wb");
        if (!fp) {
            int saved = errno;
            close(fd);
            unlink(p.data);
            errno = saved;
            break;
        }
        *path = p.data;
        return fp;
    }
    int saved = errno;
    dx_buf_fini(&p);
    errno = saved;
    return NULL;
}

int dx_tmp_name_pid(const char *name, const char *base, long *pid)
{
    size_t n = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, n) != 0 || strncmp(name + 1 + n, ".tmp.", 5) != 0) return 0;
    const char *s = name + 1 + n + 5;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v <= 0) return 0;
    if (*end == '.') { /* a retry's number */
        const char *k = end + 1;
        if (!*k) return 0;
        for (; *k; k++)
            if (*k < '0' || *k > '9') return 0;
    } else if (*end) {
        return 0;
    }
    *pid = v;
    return 1;
}

FILE *dx_tmp_scratch(const char *dir, const char **where)
{
    if (!dir || !*dir) dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    if (where) *where = dir;
    dx_buf p;
    dx_buf_init(&p);
    dx_buf_printf(&p, "%s/dossier-XXXXXX", dir);
    int fd = mkostemp(p.data, O_CLOEXEC);
    if (fd < 0) {
        int saved = errno;
        dx_buf_fini(&p);
        errno = saved;
        return NULL;
    }
    unlink(p.data); /* nameless: gone with the process, however it ends */
    dx_buf_fini(&p);
    FILE *fp = fdopen(fd, "w+b");
    if (!fp) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return fp;
}

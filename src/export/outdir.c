/* outdir.c - one output set replaced by the next as a whole, by one run at
 * a time: an exclusive lock on the directory, the new set written apart,
 * then one exchange of directories (or, where that cannot be, renames that
 * are undone when one fails). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/mem.h"
#include "base/tmpfile.h"
#include "export/outdir.h"

struct dx_outdir {
    char *dir;       /* canonical path */
    char *parent;    /* its parent directory, or NULL for "/" */
    char *base;      /* its name in parent */
    int lock_fd;     /* dir, locked */
    dev_t dev;
    ino_t ino;
    int swap;        /* 1: the new set in stage, exchanged with dir */
    char *stage;     /* swap: the new directory next to dir */
    const char *const *names;
    size_t n;
    char **paths;    /* where output i was created (NULL: not created) */
};

static int mkdir_p(const char *dir)
{
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int r = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return r;
}

static char *join(const char *dir, const char *name)
{
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_printf(&b, "%s/%s", dir, name);
    return b.data;
}

static int output_index(const dx_outdir *o, const char *name)
{
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(name, o->names[i]) == 0) return (int)i;
    return -1;
}

/* A temporary file of ours (".NAME.tmp.PID[.N]") or a keep-mode backup
 * (".NAME.old.PID"): *pid gets its process, *i its output. */
static int our_temp(const dx_outdir *o, const char *name, long *pid, int *backup, size_t *idx)
{
    for (size_t i = 0; i < o->n; i++) {
        if (dx_tmp_name_pid(name, o->names[i], pid)) {
            *backup = 0;
            *idx = i;
            return 1;
        }
        size_t k = strlen(o->names[i]);
        if (name[0] == '.' && strncmp(name + 1, o->names[i], k) == 0 && strncmp(name + 1 + k, ".old.", 5) == 0) {
            char *end;
            long v = strtol(name + 1 + k + 5, &end, 10);
            if (v > 0 && !*end) {
                *pid = v;
                *backup = 1;
                *idx = i;
                return 1;
            }
        }
    }
    return 0;
}

static int process_gone(long pid)
{
    return pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* What a killed run left in dir: its temporary files are removed; the
 * backups of a switch by renames it did not finish are put back, so the
 * previous set is whole again. */
static void clean_dir(dx_outdir *o)
{
    DIR *d = opendir(o->dir);
    if (!d) return;
    struct dirent *de;
    dx_buf p, q;
    dx_buf_init(&p);
    dx_buf_init(&q);
    while ((de = readdir(d))) {
        long pid;
        int backup;
        size_t i;
        if (!our_temp(o, de->d_name, &pid, &backup, &i) || !process_gone(pid)) continue;
        dx_buf_clear(&p);
        dx_buf_printf(&p, "%s/%s", o->dir, de->d_name);
        if (backup) {
            dx_buf_clear(&q);
            dx_buf_printf(&q, "%s/%s", o->dir, o->names[i]);
            if (rename(p.data, q.data) == 0) continue;
        }
        unlink(p.data);
    }
    closedir(d);
    dx_buf_fini(&p);
    dx_buf_fini(&q);
}

/* A set directory of ours that is not dir (a killed run's new set, or an
 * old set it did not get to remove): its outputs are removed, and the
 * other files, which are hard links of dir's own, when dir has them;
 * then the directory, when that left it empty. */
static void clean_set(const dx_outdir *o, const char *path)
{
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *de;
    dx_buf p, q;
    dx_buf_init(&p);
    dx_buf_init(&q);
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        dx_buf_clear(&p);
        dx_buf_printf(&p, "%s/%s", path, de->d_name);
        struct stat a, b;
        if (lstat(p.data, &a) != 0 || S_ISDIR(a.st_mode)) continue;
        int ours = output_index(o, de->d_name) >= 0;
        if (!ours) {
            dx_buf_clear(&q);
            dx_buf_printf(&q, "%s/%s", o->dir, de->d_name);
            ours = lstat(q.data, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
        }
        if (ours) unlink(p.data);
    }
    closedir(d);
    rmdir(path); /* fails, harmlessly, when something else is left in it */
    dx_buf_fini(&p);
    dx_buf_fini(&q);
}

/* ".BASE.dossier-new." */
static char *stage_prefix(const dx_outdir *o)
{
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_printf(&b, ".%s.dossier-new.", o->base);
    return b.data;
}

/* Sets of killed runs next to dir. Under dir's lock no other run is
 * switching dir, so every one found is a leftover. */
static void clean_parent(const dx_outdir *o)
{
    if (!o->parent) return;
    DIR *d = opendir(o->parent);
    if (!d) return;
    char *prefix = stage_prefix(o);
    size_t k = strlen(prefix);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, prefix, k) != 0) continue;
        char *path = join(o->parent, de->d_name);
        clean_set(o, path);
        free(path);
    }
    closedir(d);
    free(prefix);
}

/* Whether the new set can be a directory exchanged with dir: dir holds
 * files only (a subdirectory could not be carried over whole), is this
 * user's, is not where this process stands, and a new directory can be
 * made beside it on the same file system with dir's mode and group. */
static int can_swap(dx_outdir *o, const struct stat *dst)
{
    if (!o->parent || dst->st_uid != geteuid()) return 0;
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd))) {
        size_t n = strlen(o->dir);
        if (strncmp(cwd, o->dir, n) == 0 && (cwd[n] == '\0' || cwd[n] == '/')) return 0;
    }
    DIR *d = opendir(o->dir);
    if (!d) return 0;
    struct dirent *de;
    int files_only = 1;
    while (files_only && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        char *p = join(o->dir, de->d_name);
        struct stat st;
        if (lstat(p, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) files_only = 0;
        free(p);
    }
    closedir(d);
    if (!files_only) return 0;
    char *prefix = stage_prefix(o);
    dx_buf t;
    dx_buf_init(&t);
    dx_buf_printf(&t, "%s/%s%ld.XXXXXX", o->parent, prefix, (long)getpid());
    free(prefix);
    if (!mkdtemp(t.data)) {
        dx_buf_fini(&t);
        return 0;
    }
    struct stat st;
    int ok = lstat(t.data, &st) == 0 && st.st_dev == dst->st_dev && chmod(t.data, dst->st_mode & 07777) == 0 &&
             (st.st_gid == dst->st_gid || chown(t.data, (uid_t)-1, dst->st_gid) == 0);
    if (!ok) {
        rmdir(t.data);
        dx_buf_fini(&t);
        return 0;
    }
    o->stage = t.data;
    return 1;
}

dx_outdir *dx_outdir_begin(const char *dir, const char *const *names, size_t n, dossier_error *err)
{
    if (mkdir_p(dir) != 0) {
        dx_error_set(err, DOSSIER_EIO, dir, 0, "cannot create the output directory: %s", strerror(errno));
        return NULL;
    }
    /* Lock the directory itself; a run that switched it meanwhile left
     * another directory under its name: lock that one instead. */
    int fd = -1;
    struct stat st;
    for (int tries = 0;; tries++) {
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            dx_error_set(err, DOSSIER_EIO, dir, 0, "cannot open the output directory: %s", strerror(errno));
            return NULL;
        }
        int r;
        while ((r = flock(fd, LOCK_EX)) != 0 && errno == EINTR) {}
        struct stat now;
        if (r != 0 || fstat(fd, &st) != 0) {
            dx_error_set(err, DOSSIER_EIO, dir, 0, "cannot lock the output directory: %s", strerror(errno));
            close(fd);
            return NULL;
        }
        if ((stat(dir, &now) == 0 && now.st_dev == st.st_dev && now.st_ino == st.st_ino) || tries > 100) break;
        close(fd);
        if (mkdir_p(dir) != 0) {
            dx_error_set(err, DOSSIER_EIO, dir, 0, "cannot create the output directory: %s", strerror(errno));
            return NULL;
        }
    }
    char real[PATH_MAX];
    if (!realpath(dir, real)) {
        dx_error_set(err, DOSSIER_EIO, dir, 0, "cannot open the output directory: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    dx_outdir *o = xcalloc(1, sizeof(*o));
    o->dir = xstrdup(real);
    o->lock_fd = fd;
    o->dev = st.st_dev;
    o->ino = st.st_ino;
    o->names = names;
    o->n = n;
    o->paths = xcalloc(n ? n : 1, sizeof(char *));
    char *slash = strrchr(o->dir, '/');
    if (slash && slash[1]) {
        o->parent = slash == o->dir ? xstrdup("/") : xstrndup(o->dir, (size_t)(slash - o->dir));
        o->base = xstrdup(slash + 1);
    }
    clean_dir(o);
    clean_parent(o);
    o->swap = can_swap(o, &st);
    return o;
}

FILE *dx_outdir_create(dx_outdir *o, size_t i, dossier_error *err)
{
    FILE *fp = NULL;
    if (o->swap) {
        char *p = join(o->stage, o->names[i]);
        int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!fp && fd >= 0) {
            int saved = errno;
            close(fd);
            unlink(p);
            errno = saved;
        }
        if (fp) o->paths[i] = p;
        else free(p);
    } else {
        fp = dx_tmp_create(o->dir, o->names[i], &o->paths[i]);
    }
    if (!fp) dx_error_set(err, DOSSIER_EIO, o->dir, 0, "cannot write %s: %s", o->names[i], strerror(errno));
    return fp;
}

FILE *dx_outdir_scratch(dx_outdir *o, dossier_error *err)
{
    const char *where;
    FILE *fp = dx_tmp_scratch(o->swap ? o->stage : o->dir, &where);
    if (!fp) dx_error_set(err, DOSSIER_EIO, where, 0, "cannot create a temporary file: %s", strerror(errno));
    return fp;
}

static void finish(dx_outdir *o)
{
    for (size_t i = 0; i < o->n; i++) free(o->paths[i]);
    free(o->paths);
    if (o->lock_fd >= 0) close(o->lock_fd); /* the lock goes with it */
    free(o->stage);
    free(o->dir);
    free(o->parent);
    free(o->base);
    free(o);
}

void dx_outdir_abort(dx_outdir *o)
{
    if (!o) return;
    for (size_t i = 0; i < o->n; i++)
        if (o->paths[i]) unlink(o->paths[i]);
    if (o->swap) rmdir(o->stage);
    finish(o);
}

/* The switch by renames, when directories cannot be exchanged: each output
 * renamed into place, the one it replaces kept as a hard link until all are
 * in; when a rename fails, those before it are put back. */
static int commit_renames(dx_outdir *o, dossier_error *err)
{
    char **final = xcalloc(o->n, sizeof(char *));
    char **backup = xcalloc(o->n, sizeof(char *));
    int st = 0;
    for (size_t i = 0; i < o->n && !st; i++) {
        if (!o->paths[i]) continue;
        final[i] = join(o->dir, o->names[i]);
        struct stat s;
        if (lstat(final[i], &s) != 0) continue;
        dx_buf b;
        dx_buf_init(&b);
        dx_buf_printf(&b, "%s/.%s.old.%ld", o->dir, o->names[i], (long)getpid());
        unlink(b.data);
        if (link(final[i], b.data) == 0) backup[i] = b.data;
        else dx_buf_fini(&b);
    }
    size_t done = 0;
    for (; done < o->n && !st; done++) {
        if (!o->paths[done]) continue;
        if (rename(o->paths[done], final[done]) != 0) {
            dx_error_set(err, DOSSIER_EIO, final[done], 0, "cannot rename into place: %s", strerror(errno));
            st = DOSSIER_EIO;
            break;
        }
        free(o->paths[done]);
        o->paths[done] = NULL;
    }
    if (st) {
        for (size_t i = 0; i < o->n; i++) {
            if (!final[i]) continue;
            if (i < done) { /* put back what it replaced */
                if (backup[i]) rename(backup[i], final[i]);
                else unlink(final[i]);
            } else {
                if (backup[i]) unlink(backup[i]);
                if (o->paths[i]) unlink(o->paths[i]);
            }
        }
    } else {
        /* outputs of an earlier run that this one did not make */
        for (size_t i = 0; i < o->n; i++) {
            if (final[i]) continue;
            char *p = join(o->dir, o->names[i]);
            struct stat s;
            if (lstat(p, &s) == 0 && S_ISREG(s.st_mode)) unlink(p);
            free(p);
        }
    }
    for (size_t i = 0; i < o->n; i++) {
        if (backup[i] && !st) unlink(backup[i]);
        free(backup[i]);
        free(final[i]);
    }
    free(backup);
    free(final);
    return st;
}

/* Files of dir that are not outputs, carried into the new set as hard links. */
static int carry_over(dx_outdir *o)
{
    DIR *d = opendir(o->dir);
    if (!d) return -1;
    struct dirent *de;
    int st = 0;
    while (!st && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        if (output_index(o, de->d_name) >= 0) continue;
        char *from = join(o->dir, de->d_name), *to = join(o->stage, de->d_name);
        struct stat s;
        if (lstat(from, &s) != 0 || S_ISDIR(s.st_mode) || link(from, to) != 0) st = -1;
        free(from);
        free(to);
    }
    closedir(d);
    return st;
}

int dx_outdir_commit(dx_outdir *o, dossier_error *err)
{
    int st;
    if (o->swap && carry_over(o) == 0 && renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->dir, RENAME_EXCHANGE) == 0) {
        /* dir is the new set; the old one is at stage's name */
        for (size_t i = 0; i < o->n; i++) {
            free(o->paths[i]);
            o->paths[i] = NULL;
        }
        clean_set(o, o->stage);
        st = 0;
    } else {
        /* no exchange here (a file system without it, a file that cannot
         * be linked): the new set's files are renamed into dir */
        st = commit_renames(o, err);
        if (o->swap) {
            for (size_t i = 0; i < o->n; i++)
                if (o->paths[i]) unlink(o->paths[i]);
            clean_set(o, o->stage);
        }
    }
    finish(o);
    return st;
}

int dx_outdir_busy(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return 0;
    int busy = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return busy;
}

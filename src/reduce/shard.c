/* shard.c - a corpus written as one partial result (a shard), and the
 * documents of shards read back into a corpus for `dossier merge`. The
 * format itself is partial.c's. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/error.h"
#include "base/tmpfile.h"
#include "reduce/corpus.h"
#include "reduce/partial.h"

/* A killed run's temporary files for the same shard (hidden, with the
 * number of a process that is gone) are removed once a shard is written. */
static void remove_stale_temps(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path))) : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        long pid;
        if (!dx_tmp_name_pid(de->d_name, base, &pid) || pid == (long)getpid()) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* alive, or not ours to judge */
        dx_buf p;
        dx_buf_init(&p);
        dx_buf_printf(&p, "%s/%s", dir, de->d_name);
        unlink(p.data);
        dx_buf_fini(&p);
    }
    if (d) closedir(d);
    free(dir);
}

int dossier_corpus_write_partial(const dossier_corpus *cc, const char *path, dossier_error *err)
{
    dossier_corpus *c = (dossier_corpus *)(uintptr_t)cc; /* reading back sorts the index */
    if (dx_corpus_is_lean(c)) {
        dx_error_set(err, DOSSIER_EIO, path, 0,
                     "these results were kept for the outputs only (dossier_corpus_expect with paths); "
                     "extract with --partial for a shard");
        return DOSSIER_EIO;
    }
    /* A device or a pipe the caller names (/dev/null, a FIFO, /dev/stdout
     * on a pipe) is written to as it is: renamed over, it would be
     * replaced by a regular file. A link the caller names is followed: the
     * file it leads to is replaced, not the link (renamed over, /dev/stdout
     * itself was replaced). Anything else is written to a hidden temporary
     * name beside it (never through a link planted there, and never a name
     * that a glob of shards takes in when the run is killed), renamed when
     * whole. */
    struct stat target;
    int exists = stat(path, &target) == 0;
    int direct = exists && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode);
    char *resolved = NULL;
    if (exists && !direct && lstat(path, &target) == 0 && S_ISLNK(target.st_mode)) {
        resolved = realpath(path, NULL);
        if (!resolved) direct = 1;
        else path = resolved;
    }
    FILE *fp;
    dx_buf tmp;
    dx_buf_init(&tmp);
    if (direct) {
        fp = fopen(path, "wb");
    } else {
        const char *slash = strrchr(path, '/');
        char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path))) : xstrdup(".");
        char *tmp_path = NULL;
        fp = dx_tmp_create(dir, slash ? slash + 1 : path, &tmp_path);
        free(dir);
        if (fp) tmp = (dx_buf){tmp_path, strlen(tmp_path), strlen(tmp_path) + 1};
    }
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot write: %s", strerror(errno));
        free(resolved);
        return DOSSIER_EIO;
    }
    dx_buf b;
    dx_buf_init(&b);
    dx_partial_header(&b);
    int st = 0, bad = fwrite(b.data, 1, b.len, fp) != b.len;
    size_t nd = dx_corpus_len(c);
    for (size_t d = 0; d < nd && !st && !bad; d++) {
        const dx_corpus_entry *e = &c->entries.items[d];
        if (e->mem || dx_corpus_in_spill(c, e)) {
            /* in memory or in the spill: encoded; in a shard: its rows
             * copied as they are */
            dossier_docresult *r = dx_corpus_entry_get(c, e, DX_PART_ALL, err);
            if (!r) {
                st = err->code ? err->code : DOSSIER_EIO;
                break;
            }
            dx_buf_clear(&b);
            dx_partial_encode(r, DX_PART_ALL, &b);
            if (r != e->mem) dossier_docresult_free(r);
            bad = fwrite(b.data, 1, b.len, fp) != b.len;
        } else {
            char *rows = dx_corpus_read_rows(c, e, e->length, err);
            if (!rows) {
                st = err->code ? err->code : DOSSIER_EIO;
                break;
            }
            bad = fwrite(rows, 1, e->length, fp) != e->length;
            free(rows);
        }
    }
    dx_buf_fini(&b);
    bad |= fflush(fp) != 0 || ferror(fp);
    if (fclose(fp) != 0) bad = 1;
    if (st) {
        if (!direct) unlink(tmp.data);
        dx_buf_fini(&tmp);
        free(resolved);
        return st;
    }
    if (bad || (!direct && rename(tmp.data, path) != 0)) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot write: %s", strerror(errno ? errno : EIO));
        if (!direct) unlink(tmp.data);
        dx_buf_fini(&tmp);
        free(resolved);
        return DOSSIER_EIO;
    }
    dx_buf_fini(&tmp);
    if (!direct) remove_stale_temps(path);
    free(resolved);
    return 0;
}

size_t dossier_corpus_duplicates(const dossier_corpus *c) { return c->duplicates; }

/* A shard is read twice (indexed, then read back by offset): it must be a
 * regular file (a FIFO would hang the merge, /dev/zero fill the memory). */
static FILE *open_shard(const char *path, dossier_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        dx_error_set(err, DOSSIER_EPARTIAL, path, 0, "expected a partial result in a regular file, found %s",
                     S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO" : "a device or a socket");
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        close(fd);
    }
    return fp;
}

/* Reads a whole partial file once: every document is parsed (so that a
 * malformed file fails here, naming its line, before anything is written)
 * and indexed by the offset and length of its rows; none stays in memory. */
int dossier_corpus_read_partial(dossier_corpus *c, const char *path, dossier_error *err)
{
    FILE *fp = open_shard(path, err);
    if (!fp) return err->code;
    size_t mark = c->entries.len;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 1;
    long long offset = 0;
    int st = 0;
    dx_buf rows, key;
    dx_buf_init(&rows);
    dx_buf_init(&key);
    dx_map *mine = dx_map_new(); /* this shard's documents, known to the corpus once it is read */
    size_t dups = 0;
    if ((n = getline(&line, &cap, fp)) <= 0) {
        if (ferror(fp)) dx_error_set(err, DOSSIER_EIO, path, 0, "cannot read: %s", strerror(errno));
        else dx_error_set(err, DOSSIER_EPARTIAL, path, 1, "expected a dossier partial result, found an empty file");
        st = ferror(fp) ? DOSSIER_EIO : DOSSIER_EPARTIAL;
    } else {
        st = dx_partial_check_header(line, path, err);
        offset = n;
    }
    while (!st && (n = getline(&line, &cap, fp)) > 0) {
        long first = ++lineno;
        size_t want;
        if (!dx_partial_rows(line, (size_t)n, &want)) {
            dossier_docresult r = {0};
            st = dx_partial_decode(line, (size_t)n, path, first, DX_PART_ALL, &r, err); /* names what is wrong */
            if (!st) dx_error_set(err, st = DOSSIER_EPARTIAL, path, first, "expected a D row");
            dx_docresult_free_parts(&r);
            break;
        }
        dx_buf_clear(&rows);
        dx_buf_put(&rows, line, (size_t)n);
        for (size_t k = 0; k < want && (n = getline(&line, &cap, fp)) > 0; k++) {
            lineno++;
            dx_buf_put(&rows, line, (size_t)n);
        }
        /* the same document with the same rows, from this shard or an
         * earlier one (a shard given twice, or a copy of it): counted once */
        uint64_t h = dx_hash(rows.data, rows.len);
        dossier_docresult r = {0};
        st = dx_partial_decode(rows.data, rows.len, path, first, DX_PART_ALL, &r, err);
        if (!st) {
            dx_buf_clear(&key);
            dx_buf_put(&key, (const char *)&h, sizeof(h));
            dx_buf_puts(&key, r.path);
            if ((c->seen_docs && dx_map_get(c->seen_docs, key.data, key.len)) ||
                dx_map_get(mine, key.data, key.len)) {
                dups++;
            } else {
                dx_map_put(mine, key.data, key.len, (void *)1);
                dx_corpus_entry e = {xstrdup(r.path), r.text_len, (int)c->files.len, offset, rows.len,
                                     first, NULL, {0, 0}};
                DX_PUSH(c->entries, e);
                c->sorted = 0;
            }
        }
        dx_docresult_free_parts(&r);
        offset += (long long)rows.len;
    }
    if (!st && ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, path, lineno, "cannot read: %s", strerror(errno));
        st = DOSSIER_EIO;
    }
    free(line);
    dx_buf_fini(&rows);
    dx_buf_fini(&key);
    if (st) {
        /* nothing of a bad file stays indexed */
        for (size_t i = mark; i < c->entries.len; i++) free(c->entries.items[i].path);
        c->entries.len = mark;
        dx_map_free(mine);
        fclose(fp);
        return st;
    }
    if (!c->seen_docs) c->seen_docs = dx_map_new();
    for (size_t i = 0; i < dx_map_count(mine); i++) {
        size_t kl;
        const char *k = dx_map_key_at(mine, i, &kl);
        dx_map_put(c->seen_docs, k, kl, (void *)1);
    }
    dx_map_free(mine);
    c->duplicates += dups;
    DX_PUSH(c->files, fp);
    DX_PUSH(c->file_names, xstrdup(path));
    return 0;
}


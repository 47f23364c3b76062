/* texts.c - the graph's long texts, in a scratch file or in memory, in
 * chunks (texts.h). A chunk whose write fails stays in memory: nothing is
 * lost, the run only holds more, and says why (t->write_errno). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/tmpfile.h"
#include "model/texts.h"

#define CHUNK (1u << 20)

void dx_texts_init(dx_texts *t)
{
    memset(t, 0, sizeof(*t));
    t->fd = -1;
    atomic_init(&t->read_errno, 0);
}

void dx_texts_fini(dx_texts *t)
{
    for (size_t i = 0; i < t->chunks.len; i++) free(t->chunks.items[i].mem);
    DX_FREE(t->chunks);
    free(t->buf);
    free(t->dir);
    if (t->fd >= 0) close(t->fd);
    t->fd = -1;
}

int dx_texts_spill(dx_texts *t, const char *dir)
{
    if (t->fd >= 0) return 0;
    const char *where;
    FILE *fp = dx_tmp_scratch(dir, &where);
    free(t->dir);
    t->dir = xstrdup(where);
    if (!fp) return -1;
    t->fd = dup(fileno(fp));
    int saved = errno;
    fclose(fp);
    if (t->fd < 0) {
        errno = saved;
        return -1;
    }
    return 0;
}

/* The chunk being filled goes to the file, or stays in memory. */
static void flush(dx_texts *t)
{
    if (!t->buf_len) return;
    dx_text_chunk c = {t->end - t->buf_len, t->buf_len, NULL};
    size_t done = 0;
    while (t->fd >= 0 && done < c.len) {
        ssize_t w = pwrite(t->fd, t->buf + done, c.len - done, (off_t)(c.start + done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (!t->write_errno) t->write_errno = w < 0 ? errno : ENOSPC;
            break;
        }
        done += (size_t)w;
    }
    if (t->fd < 0 || done < c.len) {
        /* no file, or it failed (a full disk): this one stays in memory */
        c.mem = t->buf;
        if (t->fd >= 0) t->kept += c.len;
        t->buf = NULL;
        t->buf_cap = 0;
    }
    DX_PUSH(t->chunks, c);
    t->buf_len = 0;
}

uint64_t dx_texts_add(dx_texts *t, const char *s, size_t n)
{
    if (t->buf_len && t->buf_len + n + 1 > CHUNK) flush(t);
    if (t->buf_len + n + 1 > t->buf_cap) {
        size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
        if (cap < t->buf_len + n + 1) cap = t->buf_len + n + 1;
        t->buf = xrealloc(t->buf, cap);
        t->buf_cap = cap;
    }
    uint64_t off = t->end;
    memcpy(t->buf + t->buf_len, s, n);
    t->buf[t->buf_len + n] = '\0';
    t->buf_len += n + 1;
    t->end += n + 1;
    return off;
}

/* The chunk that holds off (before the one being filled). */
static const dx_text_chunk *chunk_of(const dx_texts *t, uint64_t off)
{
    /* the last chunk starting at or before off */
    size_t lo = 0, hi = t->chunks.len;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->chunks.items[mid].start <= off) lo = mid;
        else hi = mid;
    }
    return &t->chunks.items[lo];
}

/* n bytes of the file at off into p; 0, or -1 when the read failed
 * (t->read_errno says why). */
static int read_range(const dx_texts *t, uint64_t off, size_t n, char *p)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(t->fd, p + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            int zero = 0;
            atomic_compare_exchange_strong((atomic_int *)&t->read_errno, &zero, r < 0 ? errno : EIO);
            return -1;
        }
        done += (size_t)r;
    }
    return 0;
}

/* n bytes of the file at off into b, NUL-terminated; 0, or -1 when the
 * read failed (t->read_errno says why; b holds ""). */
static int read_at(const dx_texts *t, uint64_t off, size_t n, dx_buf *b)
{
    dx_buf_clear(b);
    dx_buf_grow(b, n);
    if (read_range(t, off, n, b->data) != 0) {
        b->data[0] = '\0';
        return -1;
    }
    b->len = n;
    b->data[n] = '\0';
    return 0;
}

const char *dx_texts_get(const dx_texts *t, uint64_t off, uint32_t n, dx_buf *scratch)
{
    if (!n) return "";
    uint64_t open = t->end - t->buf_len;
    if (off >= open) return t->buf + (off - open);
    const dx_text_chunk *c = chunk_of(t, off);
    if (c->mem) return c->mem + (off - c->start);
    read_at(t, off, n, scratch);
    return scratch->data;
}

/* A window's reads ahead: when the texts asked for follow one another
 * through the file (each past the last, near it) and used at least half of
 * what was read ahead, the next read takes twice as much, from WINDOW_MIN
 * up to WINDOW_MAX; a text elsewhere (the dated accounts of timeline.csv
 * come in date order, from anywhere) is read with WINDOW_LONE bytes after
 * it only: reading ahead there copied kilobytes nobody asked for, while the
 * text just after it (an account of the next sentence, of the same date) is
 * often asked for next. */
#define WINDOW_MIN (4u << 10)
#define WINDOW_MAX (64u << 10)
#define WINDOW_LONE 1024u

const char *dx_texts_read(const dx_texts *t, uint64_t off, uint32_t n, dx_texts_window *w)
{
    if (!n) return "";
    uint64_t open = t->end - t->buf_len;
    if (off >= open) return t->buf + (off - open);
    /* in the window, its NUL too (each text is stored with one) */
    uint64_t wend = w->start + w->len;
    if (off >= w->start && off + n < wend) {
        if (off + n + 1 > w->used) w->used = off + n + 1;
        return w->buf.data + (off - w->start);
    }
    const dx_text_chunk *c = chunk_of(t, off);
    if (c->mem) return c->mem + (off - c->start);
    size_t want = (size_t)n + 1; /* the text and its NUL: both in its chunk */
    if (w->len && off >= w->start && off < wend + WINDOW_MIN && w->used - w->start >= w->len / 2) {
        w->span = w->span < WINDOW_MIN ? WINDOW_MIN : w->span < WINDOW_MAX ? 2 * w->span : WINDOW_MAX;
        uint64_t left = c->start + c->len - off; /* the rest of the chunk (written whole) */
        if (want < w->span) want = w->span < left ? w->span : (size_t)left;
    } else {
        /* a text alone: with a little after it, where the text an account
         * of the next sentence gives often is (the same date, the next
         * sentence of a document): a copy of a kilobyte more costs less
         * than the system call that reads it next */
        w->span = 0;
        uint64_t left = c->start + c->len - off;
        want = want + WINDOW_LONE < left ? want + WINDOW_LONE : (size_t)left;
    }
    w->start = off;
    w->len = 0;
    if (read_at(t, off, want, &w->buf) != 0) return w->buf.data;
    w->len = want;
    w->used = off + n + 1;
    return w->buf.data;
}

void dx_texts_window_fini(dx_texts_window *w)
{
    dx_buf_fini(&w->buf);
    memset(w, 0, sizeof(*w));
}

/* A batch's texts closer than this are read in one pread: the bytes
 * between cost less to copy than a system call. */
#define BATCH_GAP 2048u

typedef struct {
    uint64_t off;
    uint32_t n, i;
} batch_req;

static int req_cmp(const void *a, const void *b)
{
    const batch_req *x = a, *y = b;
    if (x->off != y->off) return x->off < y->off ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* The run of sorted reads from r[a] read in one go: within a chunk (one
 * written whole; a chunk kept in memory is a hole in the file), gaps up to
 * BATCH_GAP. Returns the index past it; *end is where its bytes end. */
static size_t run_end(const dx_texts *t, const batch_req *r, size_t a, size_t m, uint64_t *end)
{
    const dx_text_chunk *c = chunk_of(t, r[a].off);
    uint64_t cend = c->start + c->len, e = r[a].off + r[a].n + 1;
    size_t z;
    for (z = a + 1; z < m && r[z].off <= e + BATCH_GAP && r[z].off + r[z].n + 1 <= cend; z++)
        if (r[z].off + r[z].n + 1 > e) e = r[z].off + r[z].n + 1;
    *end = e;
    return z;
}

void dx_texts_read_batch(const dx_texts *t, const uint64_t *off, const uint32_t *n, size_t k, const char **out,
                         dx_texts_batch *b)
{
    if (k > b->cap) {
        b->reqs = xrealloc(b->reqs, k * sizeof(batch_req));
        b->cap = k;
    }
    batch_req *r = b->reqs;
    size_t m = 0;
    uint64_t open = t->end - t->buf_len;
    for (size_t i = 0; i < k; i++) {
        if (!n[i]) {
            out[i] = "";
        } else if (off[i] >= open) {
            out[i] = t->buf + (off[i] - open);
        } else {
            const dx_text_chunk *c = chunk_of(t, off[i]);
            if (c->mem) out[i] = c->mem + (off[i] - c->start);
            else r[m++] = (batch_req){off[i], n[i], (uint32_t)i};
        }
    }
    if (!m) return;
    qsort(r, m, sizeof(batch_req), req_cmp);
    /* the runs of texts read in one go (run_end): their room first */
    size_t total = 0;
    for (size_t a = 0, z; a < m; a = z) {
        uint64_t end;
        z = run_end(t, r, a, m, &end);
        total += (size_t)(end - r[a].off);
    }
    dx_buf_clear(&b->buf);
    dx_buf_grow(&b->buf, total);
    size_t at = 0;
    for (size_t a = 0, z; a < m; a = z) {
        uint64_t end;
        z = run_end(t, r, a, m, &end);
        size_t len = (size_t)(end - r[a].off);
        if (read_range(t, r[a].off, len, b->buf.data + at) != 0) {
            for (size_t q = a; q < z; q++) out[r[q].i] = "";
        } else {
            for (size_t q = a; q < z; q++) out[r[q].i] = b->buf.data + at + (r[q].off - r[a].off);
        }
        at += len;
    }
}

void dx_texts_batch_fini(dx_texts_batch *b)
{
    dx_buf_fini(&b->buf);
    free(b->reqs);
    memset(b, 0, sizeof(*b));
}

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

const char *dx_texts_get(const dx_texts *t, uint64_t off, uint32_t n, dx_buf *scratch)
{
    if (!n) return "";
    uint64_t open = t->end - t->buf_len;
    if (off >= open) return t->buf + (off - open);
    /* the last chunk starting at or before off */
    size_t lo = 0, hi = t->chunks.len;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->chunks.items[mid].start <= off) lo = mid;
        else hi = mid;
    }
    const dx_text_chunk *c = &t->chunks.items[lo];
    if (c->mem) return c->mem + (off - c->start);
    dx_buf_clear(scratch);
    dx_buf_grow(scratch, n);
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(t->fd, scratch->data + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            int zero = 0;
            atomic_compare_exchange_strong((atomic_int *)&t->read_errno, &zero, r < 0 ? errno : EIO);
            scratch->data[0] = '\0';
            return scratch->data;
        }
        done += (size_t)r;
    }
    scratch->len = n;
    scratch->data[n] = '\0';
    return scratch->data;
}

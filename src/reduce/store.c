/* store.c - where a corpus keeps its documents' results: in memory, or as
 * rows in the spill file or a shard file, read back one document at a
 * time, in path order.
 *
 * Threads: results are stored from several extraction threads at once
 * (c->lock); reading back takes the lock when the spill may still be
 * appended to (a merge during extraction). No thread starts here. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/error.h"
#include "base/stats.h"
#include "reduce/corpus.h"
#include "reduce/partial.h"

/* The spill's sink: rows written as they are encoded, under the lock. */
typedef struct {
    FILE *fp;
    size_t written;
} spill_sink;

static int spill_write(const char *data, size_t n, void *ctx)
{
    spill_sink *s = ctx;
    if (fwrite(data, 1, n, s->fp) != n) return -1;
    s->written += n;
    return 0;
}

/* Rows of a result past which it is written to the spill as it is
 * encoded, under the lock (a document of millions of rows would otherwise
 * be encoded whole into memory first). */
#define STORE_STREAM_ROWS 200000

/* The spill holds spill.c's records, not partial.c's rows: it is read back
 * by this run only, and a record costs a copy of its strings to write and
 * pointers into them to read (rows cost escapes, numbers printed and
 * parsed, tabs searched). A shard written from it is encoded again
 * (shard.c). */
dx_corpus_entry dx_corpus_store(dossier_corpus *c, dossier_docresult *r, unsigned want)
{
    dx_corpus_entry e = {xstrdup(r->path), r->text_len, -1, 0, 0, 0, NULL, {0, 0}};
    if (!c->spill) {
        e.mem = r;
        pthread_mutex_lock(&c->lock);
        DX_PUSH(c->entries, e);
        c->sorted = 0;
        pthread_mutex_unlock(&c->lock);
        return e;
    }
    dx_buf b;
    dx_buf_init(&b);
    uint64_t t0 = dx_stage_now();
    int stream = r->ents.len + r->ments.len + r->events.len + r->coocs.len > STORE_STREAM_ROWS;
    size_t nv = want & DX_PART_EVENTS ? r->events.len : 0, nc = want & DX_PART_COOCS ? r->coocs.len : 0;
    size_t lines = 1 + r->ents.len + r->ments.len + nv + nc, written = 0;
    dx_spill_parts parts = {0, 0};
    if (!stream) {
        /* encoded outside the lock: threads only queue for the write; room
         * for the record at once (rarely more than 1.5 bytes a byte of
         * text): no copy at each doubling; pages not written are never
         * touched */
        size_t guess = r->text_len < (32u << 20) ? 2 * (size_t)r->text_len + 4096 : (64u << 20);
        dx_buf_grow(&b, guess);
        dx_spill_encode(r, want, &b, NULL, NULL, &parts);
    }
    pthread_mutex_lock(&c->lock);
    FILE *fp = c->files.items[0];
    errno = 0;
    int ok;
    if (stream) {
        spill_sink sk = {fp, 0};
        ok = dx_spill_encode(r, want, &b, spill_write, &sk, &parts) == 0;
        written = sk.written;
    } else {
        ok = fwrite(b.data, 1, b.len, fp) == b.len;
        written = b.len;
    }
    if (ok) {
        e.file = 0;
        e.offset = c->spill_end;
        e.length = written;
        e.line = c->spill_lines + 1;
        e.parts = parts;
        c->spill_end += (long long)written;
        c->spill_lines += (long)lines;
    } else {
        /* the spill failed (disk full?): keep this one in memory; a short
         * write is overwritten by the next one */
        if (!c->spill_errno) c->spill_errno = errno ? errno : EIO;
        c->spill_failures++;
        clearerr(fp);
        fseeko(fp, (off_t)c->spill_end, SEEK_SET);
        e.mem = r;
    }
    DX_PUSH(c->entries, e);
    c->sorted = 0;
    pthread_mutex_unlock(&c->lock);
    dx_buf_fini(&b);
    dx_stage_add(DX_STAGE_SPILL, t0);
    return e;
}

static int entry_cmp(const void *a, const void *b)
{
    const dx_corpus_entry *x = a, *y = b;
    int k = strcmp(x->path, y->path);
    if (k) return k;
    if (x->text_len != y->text_len) return x->text_len < y->text_len ? -1 : 1;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

size_t dx_corpus_len(dossier_corpus *c)
{
    if (!c->sorted && c->entries.len)
        qsort(c->entries.items, c->entries.len, sizeof(dx_corpus_entry), entry_cmp);
    c->sorted = 1;
    return c->entries.len;
}

int dx_corpus_in_spill(const dossier_corpus *c, const dx_corpus_entry *e)
{
    return !e->mem && e->file == 0 && c->spill;
}

/* The first len bytes of an entry, as they lie in its file (one read). */
char *dx_corpus_read_rows(dossier_corpus *c, const dx_corpus_entry *e, size_t len, dossier_error *err)
{
    FILE *fp = c->files.items[e->file];
    const char *name = c->file_names.items[e->file];
    char *buf = xmalloc(len + 1);
    /* the spill may be appended to meanwhile (a merge during extraction):
     * read under its lock, then return to its end */
    int spill = e->file == 0 && c->spill;
    if (spill) {
        pthread_mutex_lock(&c->lock);
        fflush(fp);
    }
    if (fseeko(fp, (off_t)e->offset, SEEK_SET) != 0 || fread(buf, 1, len, fp) != len) {
        dx_error_set(err, DOSSIER_EIO, name, e->line, "cannot read back a document: %s",
                     ferror(fp) ? strerror(errno) : "the file is shorter than when it was read");
        free(buf);
        buf = NULL;
    }
    if (spill) {
        fseeko(fp, (off_t)c->spill_end, SEEK_SET);
        pthread_mutex_unlock(&c->lock);
    }
    if (buf) buf[len] = '\0';
    return buf;
}

dossier_docresult *dx_corpus_get(dossier_corpus *c, size_t i, unsigned want, dossier_error *err)
{
    return dx_corpus_entry_get(c, &c->entries.items[i], want, err);
}

dossier_docresult *dx_corpus_entry_get(dossier_corpus *c, const dx_corpus_entry *e, unsigned want,
                                       dossier_error *err)
{
    if (e->mem) return e->mem;
    int spilled = dx_corpus_in_spill(c, e);
    /* of a spill record, only the parts asked for are read */
    size_t len = spilled ? dx_spill_need(&e->parts, e->length, want) : e->length;
    char *buf = dx_corpus_read_rows(c, e, len, err);
    if (!buf) return NULL;
    dossier_docresult *r = xcalloc(1, sizeof(*r));
    r->block = buf;
    if (spilled) {
        if (dx_spill_decode(buf, len, &e->parts, want, r) != 0) {
            dx_error_set(err, DOSSIER_EIO, c->file_names.items[0], 0,
                         "cannot read back a document: its record in the spill is damaged");
            dossier_docresult_free(r);
            return NULL;
        }
        return r;
    }
    if (dx_partial_decode(buf, e->length, c->file_names.items[e->file], e->line, want, r, err) != 0) {
        dossier_docresult_free(r);
        return NULL;
    }
    return r;
}

void dx_corpus_put(dossier_corpus *c, size_t i, dossier_docresult *r)
{
    if (!c->entries.items[i].mem) dossier_docresult_free(r);
}


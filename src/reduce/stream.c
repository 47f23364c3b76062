/* stream.c - documents merged into the graph as their results arrive:
 * when the documents are known beforehand (dossier_corpus_expect), each is
 * merged as soon as every document before it in path order is in, while
 * later ones are still being extracted, so that the merge is no separate
 * step and the spill keeps only what the outputs read back.
 *
 * Threads: slots are filled from any extraction thread; whoever fills the
 * next slot merges it and those after it that are in (s->lock; one merger
 * at a time). No thread starts here. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/stats.h"
#include "base/utf8.h"
#include "reduce/corpus.h"
#include "reduce/merge.h"

/* Results held in memory ahead of the merge (a slow document holds up its
 * successors), by count and by the size of their texts; beyond this, the
 * merge reads them back from the spill. */
#define STREAM_HELD 64
#define STREAM_HELD_BYTES (16u << 20)

typedef struct {
    int state; /* 0 not in yet, 1 in memory, 2 in the spill only, 3 nothing to merge */
    int owned; /* r is the stream's to free (not kept by its corpus entry) */
    dossier_docresult *r;
    dx_corpus_entry e;
} dx_slot;

struct dx_stream {
    dx_slot *slots;
    size_t n, next, held, held_bytes;
    int merging, failed;
    int texts_tried; /* the merger told where its sentences go */
    /* the slots are the corpus's order: the graph merged as they come is
     * the corpus's, and the spill keeps only what the mentions pass reads */
    int lean;
    dossier_error error; /* why a result could not be read back for the merge */
    dx_merger *m;
    pthread_mutex_t lock;
};

/* What the spill keeps of a result merged from memory, in a lean stream. */
#define LEAN_WANT (DX_PART_ENTS | DX_PART_MENTS)

void dossier_corpus_expect(dossier_corpus *c, size_t n, const char *const *paths)
{
    if (c->stream || c->entries.len) return;
    struct dx_stream *s = xcalloc(1, sizeof(*s));
    s->slots = xcalloc(n ? n : 1, sizeof(dx_slot));
    s->n = n;
    s->m = dx_merger_new();
    pthread_mutex_init(&s->lock, NULL);
    /* The corpus's order is that of the names as the outputs spell them
     * (then of lengths): when those are strictly increasing, it is the
     * slots' order. A name given twice, or one whose UTF-8 repair moves it,
     * keeps every row in the spill, for a merge at export time. */
    s->lean = paths != NULL;
    dx_buf prev, cur;
    dx_buf_init(&prev);
    dx_buf_init(&cur);
    for (size_t i = 0; i < n && s->lean; i++) {
        dx_buf_clear(&cur);
        dx_utf8_valid(paths[i], strlen(paths[i]), &cur);
        if (i && strcmp(prev.data, cur.data) >= 0) s->lean = 0;
        dx_buf t = prev;
        prev = cur;
        cur = t;
    }
    dx_buf_fini(&prev);
    dx_buf_fini(&cur);
    c->stream = s;
}

void dx_stream_free(struct dx_stream *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        if (s->slots[i].state == 1 && s->slots[i].owned) dossier_docresult_free(s->slots[i].r);
    free(s->slots);
    dx_merger_free(s->m);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Merges one slot (the stream's lock not held: one merger at a time). */
static void merge_slot(dossier_corpus *c, struct dx_stream *s, dx_slot *sl)
{
    uint64_t t0 = dx_stage_now();
    if (!s->texts_tried) {
        /* a corpus that spills keeps the graph's sentences out of memory too */
        s->texts_tried = 1;
        if (c->spill) c->texts_errno = dx_merger_spill(s->m, c->spill_dir);
    }
    dossier_docresult *r = sl->r;
    if (sl->state == 2 && !s->failed) {
        r = dx_corpus_entry_get(c, &sl->e, DX_MERGE_WANT, &s->error);
        if (!r) s->failed = 1;
    }
    if (r && !s->failed) dx_merger_add(s->m, r);
    if (r && (sl->state == 2 || sl->owned)) dossier_docresult_free(r);
    dx_stage_add(DX_STAGE_MERGE, t0);
}

void dossier_corpus_add_at(dossier_corpus *c, size_t i, dossier_docresult *r)
{
    struct dx_stream *s = c->stream;
    if (!s || i >= s->n || s->slots[i].state) {
        if (r && !dx_corpus_store(c, r, DX_PART_ALL).mem) dossier_docresult_free(r);
        return;
    }
    dx_slot sl = {3, 0, NULL, {0}};
    if (r) {
        /* far ahead of the merge: to the spill only, whole, to be read back */
        pthread_mutex_lock(&s->lock);
        int ahead = c->spill && i != s->next &&
                    (s->held >= STREAM_HELD || s->held_bytes + r->text_len > STREAM_HELD_BYTES);
        if (!ahead) {
            s->held++;
            s->held_bytes += r->text_len;
        }
        pthread_mutex_unlock(&s->lock);
        sl.e = dx_corpus_store(c, r, s->lean && !ahead ? LEAN_WANT : DX_PART_ALL);
        sl.state = 1;
        sl.r = r;
        sl.owned = !sl.e.mem;
        if (ahead && sl.owned) {
            dossier_docresult_free(r);
            sl.r = NULL;
            sl.state = 2;
        }
        pthread_mutex_lock(&s->lock);
        if (ahead && !sl.owned) { /* the spill failed: it stays in memory */
            s->held++;
            s->held_bytes += r->text_len;
        }
    } else {
        pthread_mutex_lock(&s->lock);
    }
    s->slots[i] = sl;
    /* whoever fills the next slot merges it, and those after it that are in */
    if (!s->merging) {
        s->merging = 1;
        while (s->next < s->n && s->slots[s->next].state) {
            dx_slot cur = s->slots[s->next];
            s->slots[s->next].state = 3;
            s->next++;
            if (cur.state == 1) {
                s->held--;
                s->held_bytes -= cur.r->text_len;
            }
            pthread_mutex_unlock(&s->lock);
            merge_slot(c, s, &cur);
            pthread_mutex_lock(&s->lock);
        }
        s->merging = 0;
    }
    pthread_mutex_unlock(&s->lock);
}

/* 1 when the documents merged are those of c, in c's order (path, length). */
static int merger_matches(const dx_merger *m, dossier_corpus *c)
{
    size_t nd = dx_corpus_len(c);
    if (nd != dx_merger_count(m)) return 0;
    for (size_t d = 0; d < nd; d++) {
        const dx_corpus_entry *e = &c->entries.items[d];
        const char *path;
        size_t len;
        dx_merger_doc(m, d, &path, &len);
        if (e->text_len != len || strcmp(e->path, path) != 0) return 0;
    }
    return 1;
}

/* The graph merged as results came, when it is that of the whole corpus in
 * its order; else NULL: merged again from the corpus, or, in a lean stream
 * (whose spill cannot give a merge back), *st is an error code with err set. */
static dx_graph *stream_graph(dossier_corpus *c, int *st, dossier_error *err)
{
    struct dx_stream *s = c->stream;
    dx_graph *g = NULL;
    *st = 0;
    if (s && !s->failed && s->next == s->n && merger_matches(s->m, c)) {
        g = dx_merger_finish(s->m);
        s->m = NULL;
    } else if (s && s->lean) {
        if (s->failed)
            *err = s->error;
        else if (s->next < s->n)
            dx_error_set(err, DOSSIER_EIO, "", 0,
                         "only %zu of the %zu expected documents were handed in: call "
                         "dossier_corpus_add_at for every slot (NULL for a failed one) before exporting",
                         s->next, s->n);
        else
            dx_error_set(err, DOSSIER_EIO, "", 0,
                         "internal error: the documents were merged out of path order; please report it");
        *st = err->code ? err->code : DOSSIER_EIO;
    }
    return g;
}


void dx_stream_texts(const dossier_corpus *c, int *err_no, size_t *kept)
{
    const struct dx_stream *s = c->stream;
    const dx_texts *t = s && s->m ? dx_merger_texts(s->m) : NULL;
    if (!t || !t->write_errno) return;
    if (!*err_no) *err_no = t->write_errno;
    *kept = t->kept;
}

int dx_corpus_is_lean(const dossier_corpus *c) { return c->stream && c->stream->lean; }

static dossier_docresult *docs_get(void *ctx, size_t i, unsigned want, dossier_error *err)
{
    return dx_corpus_get(ctx, i, want, err);
}

static void docs_put(void *ctx, size_t i, dossier_docresult *r) { dx_corpus_put(ctx, i, r); }

void dx_corpus_docs(dossier_corpus *c, dx_docs *out)
{
    out->n = dx_corpus_len(c);
    out->get = docs_get;
    out->put = docs_put;
    out->ctx = c;
}

dx_graph *dx_corpus_graph_merged(dossier_corpus *c, int jobs, dossier_error *err)
{
    int st = 0;
    dx_graph *g = stream_graph(c, &st, err);
    if (st) return NULL;
    if (!g) {
        dx_docs docs;
        dx_corpus_docs(c, &docs);
        g = dx_graph_build(&docs, jobs, c->spill ? c->spill_dir : NULL, &c->texts_errno);
    }
    if (g->failed) {
        *err = g->error;
        if (!err->code) err->code = DOSSIER_EIO;
        dx_graph_free(g);
        return NULL;
    }
    return g;
}

void dx_corpus_graph_seal(dx_graph *g)
{
    dx_aggregate(g);
    dx_graph_seal(g);
}

dx_graph *dx_corpus_graph(dossier_corpus *c, int jobs, dossier_error *err)
{
    dx_graph *g = dx_corpus_graph_merged(c, jobs, err);
    if (g) dx_corpus_graph_seal(g);
    return g;
}

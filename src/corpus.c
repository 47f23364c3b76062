/* corpus.c - the reduce side: collects document results, reads and writes
 * partial results (shards), and writes every output atomically. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "graph.h"
#include "partial.h"

static void stream_free(struct dx_stream *s);

dossier_corpus *dossier_corpus_new(void)
{
    dossier_corpus *c = xcalloc(1, sizeof(dossier_corpus));
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void dossier_corpus_free(dossier_corpus *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->entries.len; i++) {
        free(c->entries.items[i].path);
        dossier_docresult_free(c->entries.items[i].mem);
    }
    DX_FREE(c->entries);
    for (size_t i = 0; i < c->files.len; i++) {
        if (c->files.items[i]) fclose(c->files.items[i]);
        free(c->file_names.items[i]);
    }
    DX_FREE(c->files);
    DX_FREE(c->file_names);
    stream_free(c->stream);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

int dossier_corpus_spill(dossier_corpus *c, dossier_error *err)
{
    if (c->spill) return 0;
    FILE *fp = tmpfile();
    dx_buf h;
    dx_buf_init(&h);
    dx_partial_header(&h);
    if (!fp || fwrite(h.data, 1, h.len, fp) != h.len) {
        dx_error_set(err, DOSSIER_EIO, "", 0, "cannot create a temporary file: %s", strerror(errno));
        if (fp) fclose(fp);
        dx_buf_fini(&h);
        return DOSSIER_EIO;
    }
    c->spill_end = (long long)h.len;
    c->spill_lines = 1;
    dx_buf_fini(&h);
    /* the spill must be files[0] */
    DX_PUSH(c->files, NULL);
    DX_PUSH(c->file_names, NULL);
    memmove(c->files.items + 1, c->files.items, (c->files.len - 1) * sizeof(FILE *));
    memmove(c->file_names.items + 1, c->file_names.items, (c->file_names.len - 1) * sizeof(char *));
    c->files.items[0] = fp;
    c->file_names.items[0] = xstrdup("(spill)");
    for (size_t i = 0; i < c->entries.len; i++)
        if (c->entries.items[i].file >= 0) c->entries.items[i].file++;
    c->spill = 1;
    return 0;
}

/* Files r's rows (in the spill, or in memory when there is none or it
 * failed: then the entry keeps r, .mem) and returns its entry. want: what
 * of r the spill must give back (DX_PART_ALL, or what only the mentions
 * pass reads when the graph is merged from memory). */
static dx_corpus_entry store(dossier_corpus *c, dossier_docresult *r, unsigned want)
{
    dx_corpus_entry e = {xstrdup(r->path), r->text_len, -1, 0, 0, 0, NULL};
    if (c->spill) {
        /* encoded outside the lock: threads only queue for the write */
        dx_buf b;
        dx_buf_init(&b);
        uint64_t t0 = dx_stage_now();
        size_t lines = dx_partial_encode(r, want, &b);
        pthread_mutex_lock(&c->lock);
        FILE *fp = c->files.items[0];
        if (fwrite(b.data, 1, b.len, fp) == b.len) {
            e.file = 0;
            e.offset = c->spill_end;
            e.length = b.len;
            e.line = c->spill_lines + 1;
            c->spill_end += (long long)b.len;
            c->spill_lines += (long)lines;
        } else {
            /* the spill failed (disk full?): keep this one in memory; a
             * short write is overwritten by the next one */
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
    e.mem = r;
    pthread_mutex_lock(&c->lock);
    DX_PUSH(c->entries, e);
    c->sorted = 0;
    pthread_mutex_unlock(&c->lock);
    return e;
}

void dossier_corpus_add(dossier_corpus *c, dossier_docresult *r)
{
    if (!store(c, r, DX_PART_ALL).mem) dossier_docresult_free(r);
}

/* ---------------------------------------------------------------- merged as they come */

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

static void stream_free(struct dx_stream *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        if (s->slots[i].state == 1 && s->slots[i].owned) dossier_docresult_free(s->slots[i].r);
    free(s->slots);
    dx_merger_free(s->m);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

static char *read_rows(dossier_corpus *c, const dx_corpus_entry *e, dossier_error *err);
static dossier_docresult *entry_get(dossier_corpus *c, const dx_corpus_entry *e, unsigned want,
                                    dossier_error *err);

/* Merges one slot (the stream's lock not held: one merger at a time). */
static void merge_slot(dossier_corpus *c, struct dx_stream *s, dx_slot *sl)
{
    uint64_t t0 = dx_stage_now();
    dossier_docresult *r = sl->r;
    if (sl->state == 2 && !s->failed) {
        r = entry_get(c, &sl->e, DX_MERGE_WANT, &s->error);
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
        if (r) dossier_corpus_add(c, r);
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
        sl.e = store(c, r, s->lean && !ahead ? LEAN_WANT : DX_PART_ALL);
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

/* The graph merged as results came, when it is that of the whole corpus in
 * its order; else NULL: merged again from the corpus, or, in a lean stream
 * (whose spill cannot give a merge back), *st is an error code with err set. */
static dx_graph *stream_graph(dossier_corpus *c, int *st, dossier_error *err)
{
    struct dx_stream *s = c->stream;
    dx_graph *g = NULL;
    *st = 0;
    if (s && !s->failed && s->next == s->n && dx_merger_matches(s->m, c)) {
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

/* The rows of an entry, as they lie in its file (one read). */
static char *read_rows(dossier_corpus *c, const dx_corpus_entry *e, dossier_error *err)
{
    FILE *fp = c->files.items[e->file];
    const char *name = c->file_names.items[e->file];
    char *buf = xmalloc(e->length + 1);
    /* the spill may be appended to meanwhile (a merge during extraction):
     * read under its lock, then return to its end */
    int spill = e->file == 0 && c->spill;
    if (spill) {
        pthread_mutex_lock(&c->lock);
        fflush(fp);
    }
    if (fseeko(fp, (off_t)e->offset, SEEK_SET) != 0 || fread(buf, 1, e->length, fp) != e->length) {
        dx_error_set(err, DOSSIER_EIO, name, e->line, "cannot read back a document: %s",
                     ferror(fp) ? strerror(errno) : "the file is shorter than when it was read");
        free(buf);
        buf = NULL;
    }
    if (spill) {
        fseeko(fp, (off_t)c->spill_end, SEEK_SET);
        pthread_mutex_unlock(&c->lock);
    }
    if (buf) buf[e->length] = '\0';
    return buf;
}

dossier_docresult *dx_corpus_get(dossier_corpus *c, size_t i, unsigned want, dossier_error *err)
{
    return entry_get(c, &c->entries.items[i], want, err);
}

static dossier_docresult *entry_get(dossier_corpus *c, const dx_corpus_entry *e, unsigned want,
                                    dossier_error *err)
{
    if (e->mem) return e->mem;
    char *buf = read_rows(c, e, err);
    if (!buf) return NULL;
    dossier_docresult *r = xcalloc(1, sizeof(*r));
    r->block = buf;
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

/* ---------------------------------------------------------------- partial results */

int dossier_corpus_write_partial(const dossier_corpus *cc, const char *path, dossier_error *err)
{
    dossier_corpus *c = (dossier_corpus *)(uintptr_t)cc; /* reading back sorts the index */
    if (c->stream && c->stream->lean) {
        dx_error_set(err, DOSSIER_EIO, path, 0,
                     "these results were kept for the outputs only (dossier_corpus_expect with paths); "
                     "extract with --partial for a shard");
        return DOSSIER_EIO;
    }
    dx_buf tmp;
    dx_buf_init(&tmp);
    dx_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *fp = fopen(tmp.data, "wb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot write: %s", strerror(errno));
        dx_buf_fini(&tmp);
        return DOSSIER_EIO;
    }
    dx_buf b;
    dx_buf_init(&b);
    dx_partial_header(&b);
    int st = 0, bad = fwrite(b.data, 1, b.len, fp) != b.len;
    size_t nd = dx_corpus_len(c);
    for (size_t d = 0; d < nd && !st && !bad; d++) {
        const dx_corpus_entry *e = &c->entries.items[d];
        if (e->mem) {
            /* in memory: encoded; in a file: its rows copied as they are */
            dx_buf_clear(&b);
            dx_partial_encode(e->mem, DX_PART_ALL, &b);
            bad = fwrite(b.data, 1, b.len, fp) != b.len;
        } else {
            char *rows = read_rows(c, e, err);
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
        unlink(tmp.data);
        dx_buf_fini(&tmp);
        return st;
    }
    if (bad || rename(tmp.data, path) != 0) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot write: %s", strerror(errno ? errno : EIO));
        unlink(tmp.data);
        dx_buf_fini(&tmp);
        return DOSSIER_EIO;
    }
    dx_buf_fini(&tmp);
    return 0;
}

/* Reads a whole partial file once: every document is parsed (so that a
 * malformed file fails here, naming its line, before anything is written)
 * and indexed by the offset and length of its rows; none stays in memory. */
int dossier_corpus_read_partial(dossier_corpus *c, const char *path, dossier_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    size_t mark = c->entries.len;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 1;
    long long offset = 0;
    int st = 0;
    dx_buf rows;
    dx_buf_init(&rows);
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
        dossier_docresult r = {0};
        st = dx_partial_decode(rows.data, rows.len, path, first, DX_PART_ALL, &r, err);
        if (!st) {
            dx_corpus_entry e = {xstrdup(r.path), r.text_len, (int)c->files.len, offset, rows.len,
                                 first, NULL};
            DX_PUSH(c->entries, e);
            c->sorted = 0;
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
    if (st) {
        /* nothing of a bad file stays indexed */
        for (size_t i = mark; i < c->entries.len; i++) free(c->entries.items[i].path);
        c->entries.len = mark;
        fclose(fp);
        return st;
    }
    DX_PUSH(c->files, fp);
    DX_PUSH(c->file_names, xstrdup(path));
    return 0;
}

/* ---------------------------------------------------------------- export */

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

enum {
    OUT_DOT,
    OUT_GEXF,
    OUT_TIMELINE,
    OUT_TIMELINEJS,
    OUT_ENTITIES,
    OUT_RELATIONS,
    OUT_MENTIONS,
    OUT_REPORT,
    OUT_SVG,
    OUT__COUNT
};
_Static_assert(DX_STAGE_EXPORT + OUT__COUNT == DX_STAGE__COUNT, "a --stats line per output");
static const char *const out_names[OUT__COUNT] = {
    "graph.dot",     "graph.gexf",   "timeline.csv", "timelinejs.csv", "entities.csv",
    "relations.csv", "mentions.csv", "report.html",  "graph.svg"};

/* The diagram rendered once for report.html and graph.svg. */
typedef struct {
    char *svg;
    size_t len;
    char why[600];
} rendered;

static int write_gexf(void *ctx, FILE *fp, dossier_error *err);

static int write_one(int which, dossier_corpus *c, const dx_graph *g, FILE *fp,
                     const dossier_export_options *opt, const rendered *r, void *xj,
                     dossier_error *err)
{
    int excel = opt && opt->excel;
    int csv = which >= OUT_TIMELINE && which <= OUT_MENTIONS;
    if (excel && csv && fputs("\xEF\xBB\xBF", fp) == EOF) {
        dx_error_set(err, DOSSIER_EIO, out_names[which], 0, "write failed");
        return DOSSIER_EIO;
    }
    switch (which) {
    case OUT_DOT: return dx_export_dot(g, fp, opt, err);
    case OUT_GEXF: return write_gexf(xj, fp, err);
    case OUT_TIMELINE: return dx_export_timeline_csv(g, fp, excel, err);
    case OUT_TIMELINEJS: return dx_export_timelinejs_csv(g, fp, excel, err);
    case OUT_ENTITIES: return dx_export_entities_csv(g, fp, excel, err);
    case OUT_RELATIONS: return dx_export_relations_csv(g, fp, excel, err);
    case OUT_REPORT: return dx_export_html(g, r->svg, r->len, r->why, fp, err);
    case OUT_SVG:
        if (fwrite(r->svg, 1, r->len, fp) != r->len) {
            dx_error_set(err, DOSSIER_EIO, out_names[which], 0, "write failed");
            return DOSSIER_EIO;
        }
        return 0;
    default: return dx_export_mentions_csv(c, g, fp, excel, err);
    }
}

/* Outputs that may be written at the same time: each group in its own
 * thread, its members in order, the longest groups first. Everything of
 * graphviz (the diagram's layout, rendered once for report.html and
 * graph.svg, and graph.dot) stays in one group: its state is per process.
 * graph.gexf is written in parts: the thread that writes the file takes
 * them from the first, threads that are done with their groups from the
 * last, each into a temporary file that graph.gexf then takes in. */
#define N_GROUPS 5
#define RENDER (-2)
static const int groups[N_GROUPS][5] = {
    {OUT_GEXF, -1, -1, -1, -1},
    {OUT_MENTIONS, -1, -1, -1, -1},
    {OUT_TIMELINEJS, -1, -1, -1, -1},
    {OUT_TIMELINE, OUT_ENTITIES, OUT_RELATIONS, -1, -1},
    {RENDER, OUT_REPORT, OUT_SVG, OUT_DOT, -1},
};

typedef struct {
    dossier_corpus *c;
    const dx_graph *g;
    const dossier_export_options *opt;
    rendered *r;
    const char *dir;
    char **tmp;
    int fault_at;
    atomic_int next;
    int status[OUT__COUNT];
    dossier_error errs[OUT__COUNT];
    /* graph.gexf's parts: graph.gexf has claimed those before front, other
     * threads those from back on; a part's state is 0 until written, then 1,
     * or -1 when it failed */
    dx_gexf_plan plan;
    size_t front, back;
    FILE *part_fp[DX_GEXF_MAX_PARTS];
    int part_state[DX_GEXF_MAX_PARTS];
    dossier_error part_err[DX_GEXF_MAX_PARTS];
    pthread_mutex_t lock;
    pthread_cond_t part_done;
} export_job;

/* dx_gexf_part_fn for graph.gexf */
static int gexf_part(void *ctx, size_t i, FILE **from, dossier_error *err)
{
    export_job *xj = ctx;
    pthread_mutex_lock(&xj->lock);
    if (i < xj->back) {
        xj->front = i + 1;
        pthread_mutex_unlock(&xj->lock);
        return 0;
    }
    while (!xj->part_state[i]) pthread_cond_wait(&xj->part_done, &xj->lock);
    int st = xj->part_state[i];
    pthread_mutex_unlock(&xj->lock);
    if (st < 0) {
        *err = xj->part_err[i];
        return -1;
    }
    *from = xj->part_fp[i];
    return 1;
}

static int write_gexf(void *ctx, FILE *fp, dossier_error *err)
{
    export_job *xj = ctx;
    return dx_export_gexf(xj->g, fp, xj->opt && xj->opt->gexf_12, &xj->plan, gexf_part, xj, err);
}

/* A thread done with its groups writes graph.gexf's parts from the last. */
static void write_gexf_parts(export_job *xj)
{
    for (;;) {
        pthread_mutex_lock(&xj->lock);
        size_t i = xj->back > xj->front ? --xj->back : SIZE_MAX;
        pthread_mutex_unlock(&xj->lock);
        if (i == SIZE_MAX) return;
        uint64_t t0 = dx_stage_now();
        dossier_error *err = &xj->part_err[i];
        int state = 1;
        FILE *fp = tmpfile();
        if (!fp || dx_export_gexf_part(xj->g, &xj->plan, i, fp, xj->opt && xj->opt->gexf_12, err) != 0 ||
            ferror(fp)) {
            if (!err->code)
                dx_error_set(err, DOSSIER_EIO, xj->dir, 0, "cannot write graph.gexf: %s",
                             strerror(errno ? errno : EIO));
            state = -1;
        }
        pthread_mutex_lock(&xj->lock);
        xj->part_fp[i] = fp;
        xj->part_state[i] = state;
        pthread_cond_broadcast(&xj->part_done);
        pthread_mutex_unlock(&xj->lock);
        dx_stage_add((dx_stage)(DX_STAGE_EXPORT + OUT_GEXF), t0);
    }
}

static int write_to_temp(export_job *xj, int i)
{
    dossier_error *err = &xj->errs[i];
    FILE *fp = fopen(xj->tmp[i], "wb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, xj->dir, 0, "cannot write %s: %s", out_names[i], strerror(errno));
        return DOSSIER_EIO;
    }
    int st = write_one(i, xj->c, xj->g, fp, xj->opt, xj->r, xj, err);
    int bad = fflush(fp) != 0 || ferror(fp);
    int saved = errno;
    if (fclose(fp) != 0) bad = 1;
    if (xj->fault_at == i + 1) {
        bad = 1;
        saved = ENOSPC;
    }
    if (!st && bad) {
        dx_error_set(err, DOSSIER_EIO, xj->dir, 0, "cannot write %s: %s", out_names[i],
                     strerror(saved ? saved : EIO));
        st = DOSSIER_EIO;
    }
    return st;
}

/* The diagram, laid out once for report.html and graph.svg; when it cannot
 * be, the report says why, and graph.svg (asked for) fails. */
static void render(export_job *xj)
{
    uint64_t t0 = dx_stage_now();
    dossier_error rerr = {0};
    if (dx_render_svg(xj->g, xj->opt, &xj->r->svg, &xj->r->len, &rerr) != 0) {
        if (xj->tmp[OUT_SVG]) {
            xj->status[OUT_SVG] = rerr.code ? rerr.code : DOSSIER_EIO;
            xj->errs[OUT_SVG] = rerr;
        }
        dossier_error_format(&rerr, xj->r->why, sizeof(xj->r->why));
    }
    dx_stage_add(DX_STAGE_LAYOUT, t0);
}

static void *export_worker(void *arg)
{
    export_job *xj = arg;
    for (;;) {
        int gi = atomic_fetch_add(&xj->next, 1);
        if (gi >= N_GROUPS) break;
        for (int k = 0; k < 5 && groups[gi][k] != -1; k++) {
            int i = groups[gi][k];
            if (i == RENDER) {
                render(xj);
                continue;
            }
            if (!xj->tmp[i]) continue;
            uint64_t t0 = dx_stage_now();
            if (!xj->status[i]) xj->status[i] = write_to_temp(xj, i);
            dx_stage_add((dx_stage)(DX_STAGE_EXPORT + i), t0);
            if (xj->status[i]) break;
        }
    }
    write_gexf_parts(xj);
    return NULL;
}

/* A run that was killed leaves its hidden temporary files (.NAME.tmp.PID)
 * behind; remove those whose process is gone, so they never pile up. */
static void remove_stale_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *tmp = de->d_name[0] == '.' ? strstr(de->d_name, ".tmp.") : NULL;
        if (!tmp) continue;
        int ours = 0;
        for (int i = 0; i < OUT__COUNT && !ours; i++)
            ours = (size_t)(tmp - de->d_name - 1) == strlen(out_names[i]) &&
                   strncmp(de->d_name + 1, out_names[i], strlen(out_names[i])) == 0;
        char *end;
        long pid = strtol(tmp + 5, &end, 10);
        if (!ours || *end || pid <= 0 || pid == (long)getpid()) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* alive, or not ours to judge */
        dx_buf p;
        dx_buf_init(&p);
        dx_buf_printf(&p, "%s/%s", dir, de->d_name);
        unlink(p.data);
        dx_buf_fini(&p);
    }
    closedir(d);
}

int dossier_corpus_export(dossier_corpus *c, const char *dir, const dossier_export_options *opt,
                          dossier_error *err)
{
    if (mkdir_p(dir) != 0) {
        dx_error_set(err, DOSSIER_EIO, dir, 0, "cannot create the output directory: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    remove_stale_temps(dir);
    uint64_t t0 = dx_stage_now();
    int st = 0;
    dx_graph *g = stream_graph(c, &st, err);
    if (st) return st;
    if (!g) g = dx_graph_build(c, opt ? opt->jobs : 1);
    dx_stage_add(DX_STAGE_MERGE, t0);
    dossier_stats_phase("merge");
    if (g->failed) {
        *err = g->error;
        dx_graph_free(g);
        return err->code ? err->code : DOSSIER_EIO;
    }
    char *tmp[OUT__COUNT] = {0};
    st = 0;
    rendered r = {NULL, 0, ""};
    /* DOSSIER_FAULT_WRITE=N makes the N-th output fail, to test atomicity. */
    const char *fault = getenv("DOSSIER_FAULT_WRITE");
    export_job xj;
    memset(&xj, 0, sizeof(xj));
    xj.c = c;
    xj.g = g;
    xj.opt = opt;
    xj.r = &r;
    xj.dir = dir;
    xj.tmp = tmp;
    xj.fault_at = fault ? atoi(fault) : 0;
    atomic_init(&xj.next, 0);
    pthread_mutex_init(&xj.lock, NULL);
    pthread_cond_init(&xj.part_done, NULL);
    /* one thread: graph.gexf in one piece */
    dx_gexf_plan_make(g, opt && opt->jobs > 1 ? 16 : 1, &xj.plan);
    xj.back = xj.plan.n;
    for (int i = 0; i < OUT__COUNT; i++) {
        if (i == OUT_SVG && !(opt && opt->svg)) continue;
        dx_stage_name((dx_stage)(DX_STAGE_EXPORT + i), out_names[i]);
        dx_buf t;
        dx_buf_init(&t);
        dx_buf_printf(&t, "%s/.%s.tmp.%ld", dir, out_names[i], (long)getpid());
        tmp[i] = t.data;
    }
    if (!st) {
        int nthreads = opt && opt->jobs > 1 ? (opt->jobs < N_GROUPS ? opt->jobs : N_GROUPS) : 1;
        pthread_t th[N_GROUPS];
        int started = 0;
        for (int t = 1; t < nthreads; t++)
            if (pthread_create(&th[started], NULL, export_worker, &xj) == 0) started++;
        export_worker(&xj);
        for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
        dossier_stats_phase("export");
        /* the first failing output, in output order, is the one reported */
        for (int i = 0; i < OUT__COUNT && !st; i++)
            if (xj.status[i]) {
                st = xj.status[i];
                *err = xj.errs[i];
            }
    }
    for (int i = 0; i < OUT__COUNT; i++) {
        if (!tmp[i]) continue;
        if (!st) {
            dx_buf final;
            dx_buf_init(&final);
            dx_buf_printf(&final, "%s/%s", dir, out_names[i]);
            if (rename(tmp[i], final.data) != 0 && !st) {
                dx_error_set(err, DOSSIER_EIO, final.data, 0, "cannot rename into place: %s", strerror(errno));
                st = DOSSIER_EIO;
            }
            dx_buf_fini(&final);
        }
        if (st) unlink(tmp[i]);
        free(tmp[i]);
    }
    free(r.svg);
    for (size_t i = 0; i < xj.plan.n; i++)
        if (xj.part_fp[i]) fclose(xj.part_fp[i]);
    pthread_mutex_destroy(&xj.lock);
    pthread_cond_destroy(&xj.part_done);
    dx_graph_free(g);
    return st;
}

/* ---------------------------------------------------------------- candidates */

typedef struct {
    char *id, *label, *example;
    dx_ent_type type;
    uint32_t count, docs;
} candidate;

static int cand_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* A TSV cell: tabs and line breaks would break the gazetteer line. */
static void tsv_cell(FILE *fp, const char *s, int last)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
    fputc(last ? '\n' : '\t', fp);
}

int dossier_corpus_write_candidates(dossier_corpus *c, FILE *fp, dossier_error *err)
{
    dx_map *by_id = dx_map_new();
    DX_VEC(candidate) cands = {0};
    size_t nd = dx_corpus_len(c);
    int st = 0;
    for (size_t d = 0; d < nd && !st; d++) {
        dossier_docresult *r = dx_corpus_get(c, d, DX_PART_ENTS, err);
        if (!r) {
            st = err->code ? err->code : DOSSIER_EIO;
            break;
        }
        for (size_t i = 0; i < r->ents.len; i++) {
            dx_rent *e = &r->ents.items[i];
            if (e->known) continue;
            void *v = dx_map_get(by_id, e->id, strlen(e->id));
            if (v) {
                candidate *k = &cands.items[(intptr_t)v - 1];
                k->count += e->count;
                k->docs++;
            } else {
                candidate k = {xstrdup(e->id), xstrdup(e->label), xstrdup(e->example), e->type,
                               e->count, 1};
                DX_PUSH(cands, k);
                dx_map_put(by_id, e->id, strlen(e->id), (void *)(intptr_t)cands.len);
            }
        }
        dx_corpus_put(c, d, r);
    }
    if (cands.len) qsort(cands.items, cands.len, sizeof(candidate), cand_cmp);
    if (!st) {
        fputs("# Entities found by their shape, not in the gazetteers. Check each line, then\n"
              "# paste it into entities/people.tsv, organizations.tsv or places.tsv.\n", fp);
        fputs("id\tlabel\ttype\taliases\tstart\tend\troles\tcount\tdocuments\texample\n", fp);
    }
    for (size_t i = 0; i < cands.len; i++) {
        candidate *k = &cands.items[i];
        if (!st) {
            const char *colon = strchr(k->id, ':');
            tsv_cell(fp, colon ? colon + 1 : k->id, 0);
            tsv_cell(fp, k->label, 0);
            tsv_cell(fp, dx_ent_type_name(k->type), 0);
            for (int f = 0; f < 4; f++) tsv_cell(fp, "", 0);
            fprintf(fp, "%u\t%u\t", k->count, k->docs);
            tsv_cell(fp, k->example, 1);
        }
        free(k->id);
        free(k->label);
        free(k->example);
    }
    DX_FREE(cands);
    dx_map_free(by_id);
    if (st) return st;
    if (fflush(fp) != 0 || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "", 0, "cannot write the candidates");
        return DOSSIER_EIO;
    }
    return 0;
}

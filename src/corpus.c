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
#include <unistd.h>

#include "csvio.h"
#include "graph.h"

#define PARTIAL_MAGIC "dossier-partial"
#define PARTIAL_VERSION "1"

dossier_corpus *dossier_corpus_new(void) { return xcalloc(1, sizeof(dossier_corpus)); }

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
    free(c);
}

int dossier_corpus_spill(dossier_corpus *c, dossier_error *err)
{
    if (c->spill) return 0;
    FILE *fp = tmpfile();
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, "", 0, "cannot create a temporary file: %s", strerror(errno));
        return DOSSIER_EIO;
    }
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

static void write_doc_rows(dx_csv_writer *w, const dossier_docresult *r);

void dossier_corpus_add(dossier_corpus *c, dossier_docresult *r)
{
    dx_corpus_entry e = {xstrdup(r->path), r->text_len, -1, 0, NULL};
    c->sorted = 0;
    if (c->spill) {
        FILE *fp = c->files.items[0];
        e.offset = (long long)ftello(fp);
        dx_csv_writer w;
        dx_csv_writer_init(&w, fp, 0);
        write_doc_rows(&w, r);
        if (!w.failed && e.offset >= 0) {
            e.file = 0;
            dossier_docresult_free(r);
            DX_PUSH(c->entries, e);
            return;
        }
        /* the spill failed (disk full?): keep this one in memory */
    }
    e.mem = r;
    DX_PUSH(c->entries, e);
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

static dossier_docresult *load_doc(dossier_corpus *c, const dx_corpus_entry *e, dossier_error *err);

dossier_docresult *dx_corpus_get(dossier_corpus *c, size_t i, dossier_error *err)
{
    const dx_corpus_entry *e = &c->entries.items[i];
    return e->mem ? e->mem : load_doc(c, e, err);
}

void dx_corpus_put(dossier_corpus *c, size_t i, dossier_docresult *r)
{
    if (!c->entries.items[i].mem) dossier_docresult_free(r);
}

/* ---------------------------------------------------------------- partial results */

static void put_ints(dx_csv_writer *w, const int32_t *v, size_t n)
{
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_put(&b, "", 0);
    for (size_t i = 0; i < n; i++) dx_buf_printf(&b, "%s%d", i ? ";" : "", v[i]);
    dx_csv_raw(w, b.data);
    dx_buf_fini(&b);
}

static void write_doc_rows(dx_csv_writer *w_, const dossier_docresult *r)
{
    dx_csv_writer w = *w_;
    dx_csv_raw(&w, "D");
    dx_csv_raw(&w, r->path);
    dx_csv_int(&w, (long long)r->text_len);
    dx_csv_raw(&w, r->warning ? r->warning : "");
    dx_csv_end_row(&w);
    for (size_t i = 0; i < r->ents.len; i++) {
        const dx_rent *e = &r->ents.items[i];
        dx_csv_raw(&w, "N");
        dx_csv_raw(&w, e->id);
        dx_csv_raw(&w, e->label);
        dx_csv_raw(&w, dx_ent_type_name(e->type));
        dx_csv_raw(&w, e->aliases);
        dx_csv_raw(&w, e->start);
        dx_csv_raw(&w, e->end);
        dx_csv_raw(&w, e->roles);
        dx_csv_int(&w, e->count);
        dx_csv_int(&w, e->known);
        dx_csv_raw(&w, e->example);
        dx_csv_end_row(&w);
    }
    for (size_t i = 0; i < r->ments.len; i++) {
        const dx_rmention *m = &r->ments.items[i];
        dx_csv_raw(&w, "M");
        dx_csv_int(&w, m->start);
        dx_csv_int(&w, m->end);
        dx_csv_raw(&w, dx_ent_type_name(m->type));
        dx_csv_int(&w, m->ent);
        dx_csv_raw(&w, m->text);
        dx_csv_raw(&w, m->value);
        dx_csv_int(&w, m->mod);
        dx_csv_end_row(&w);
    }
    for (size_t i = 0; i < r->events.len; i++) {
        const dx_revent *e = &r->events.items[i];
        dx_csv_raw(&w, "V");
        dx_csv_raw(&w, dx_ev_type_name(e->type));
        dx_csv_raw(&w, dx_modality_name(e->modality));
        dx_csv_int(&w, e->trig_start);
        dx_csv_int(&w, e->trig_end);
        dx_csv_int(&w, e->sent_start);
        dx_csv_int(&w, e->sent_end);
        dx_csv_raw(&w, e->trigger);
        dx_csv_raw(&w, e->sentence);
        put_ints(&w, e->agents.items, e->agents.len);
        put_ints(&w, e->patients.items, e->patients.len);
        dx_csv_int(&w, e->place);
        dx_csv_int(&w, e->source_ent);
        dx_csv_raw(&w, e->source);
        dx_csv_raw(&w, e->charge);
        dx_csv_raw(&w, e->date);
        dx_csv_int(&w, e->date_mod);
        dx_csv_end_row(&w);
    }
    for (size_t i = 0; i < r->coocs.len; i++) {
        const dx_rcooc *co = &r->coocs.items[i];
        dx_csv_raw(&w, "C");
        dx_csv_int(&w, co->a);
        dx_csv_int(&w, co->b);
        dx_csv_int(&w, co->count);
        dx_csv_raw(&w, co->sentence);
        dx_csv_end_row(&w);
    }
    w_->failed |= w.failed;
}

int dossier_corpus_write_partial(const dossier_corpus *cc, const char *path, dossier_error *err)
{
    dossier_corpus *c = (dossier_corpus *)(uintptr_t)cc; /* reading back sorts the index */
    dx_buf tmp;
    dx_buf_init(&tmp);
    dx_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *fp = fopen(tmp.data, "wb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot write: %s", strerror(errno));
        dx_buf_fini(&tmp);
        return DOSSIER_EIO;
    }
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, 0);
    dx_csv_raw(&w, PARTIAL_MAGIC);
    dx_csv_raw(&w, PARTIAL_VERSION);
    dx_csv_end_row(&w);
    int st = 0;
    size_t nd = dx_corpus_len(c);
    for (size_t d = 0; d < nd && !st; d++) {
        dossier_docresult *r = dx_corpus_get(c, d, err);
        if (!r) {
            st = err->code ? err->code : DOSSIER_EIO;
            break;
        }
        write_doc_rows(&w, r);
        dx_corpus_put(c, d, r);
    }
    int bad = w.failed || fflush(fp) != 0 || ferror(fp);
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

/* Reads partial rows. Scanning a whole file (scan): validates every row
 * and indexes each document by the offset of its D row, keeping none in
 * memory. Loading one document (single): from its D row to the next. */
typedef struct {
    dossier_corpus *c;
    dossier_docresult *cur;
    const char *path;
    int seen_magic;
    int single;
    int file;            /* scan: index of the file in c->files */
    long long offset;    /* of the current row */
} partial_reader;

static int parse_int(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

static int parse_ints(const char *s, long long hi, void *vecp)
{
    DX_VEC(int32_t) *v = vecp;
    while (*s) {
        char *end;
        long x = strtol(s, &end, 10);
        if (end == s || x < 0 || x >= hi) return 0;
        DX_PUSH(*v, (int32_t)x);
        s = end;
        if (*s == ';') s++;
        else if (*s) return 0;
    }
    return 1;
}

#define BAD(what)                                                                       \
    do {                                                                                \
        dx_error_set(err, DOSSIER_EPARTIAL, pr->path, line, "expected %s", what);       \
        return DOSSIER_EPARTIAL;                                                        \
    } while (0)

static int partial_row(void *ud, char **f, size_t n, long line, dossier_error *err)
{
    partial_reader *pr = ud;
    long long a, b, x;
    if (!pr->seen_magic) {
        if (n < 2 || strcmp(f[0], PARTIAL_MAGIC) != 0) BAD("a dossier partial result (first row 'dossier-partial,1')");
        if (strcmp(f[1], PARTIAL_VERSION) != 0) BAD("partial format version " PARTIAL_VERSION);
        pr->seen_magic = 1;
        return 0;
    }
    if (n == 0) return 0;
    if (strcmp(f[0], "D") == 0) {
        if (pr->single && pr->cur) return DX_CSV_STOP;
        if (n < 4 || !parse_int(f[2], 0, UINT32_MAX, &a)) BAD("D,path,length,warning");
        if (!pr->single) {
            dossier_docresult_free(pr->cur);
            dx_corpus_entry e = {xstrdup(f[1]), (size_t)a, pr->file, pr->offset, NULL};
            DX_PUSH(pr->c->entries, e);
            pr->c->sorted = 0;
        }
        dossier_docresult *r = xcalloc(1, sizeof(*r));
        r->path = xstrdup(f[1]);
        r->text_len = (size_t)a;
        r->warning = f[3][0] ? xstrdup(f[3]) : NULL;
        pr->cur = r;
        return 0;
    }
    dossier_docresult *r = pr->cur;
    if (!r) BAD("a D row before any entity, mention or event row");
    if (strcmp(f[0], "N") == 0) {
        dx_ent_type t = n >= 9 ? dx_ent_type_parse(f[3]) : DX_ENT_NONE;
        if (n < 11 || t == DX_ENT_NONE || !parse_int(f[8], 0, UINT32_MAX, &a) ||
            !parse_int(f[9], 0, 1, &b))
            BAD("N,id,label,type,aliases,start,end,roles,count,known,example");
        dx_rent e = {xstrdup(f[1]), xstrdup(f[2]), t, xstrdup(f[4]), xstrdup(f[5]),
                     xstrdup(f[6]), xstrdup(f[7]), (uint32_t)a, (int)b, xstrdup(f[10])};
        DX_PUSH(r->ents, e);
    } else if (strcmp(f[0], "M") == 0) {
        dx_ent_type t = n >= 8 ? dx_ent_type_parse(f[3]) : DX_ENT_NONE;
        long long m;
        if (n < 8 || t == DX_ENT_NONE || !parse_int(f[1], 0, UINT32_MAX, &a) ||
            !parse_int(f[2], a, UINT32_MAX, &b) || !parse_int(f[4], -1, (long long)r->ents.len - 1, &x) ||
            !parse_int(f[7], 0, DX_MOD_APPROX, &m))
            BAD("M,start,end,type,entity,text,value,modifier");
        dx_rmention rm = {(uint32_t)a, (uint32_t)b, t, (int32_t)x, xstrdup(f[5]), xstrdup(f[6]),
                          (dx_date_mod)m};
        DX_PUSH(r->ments, rm);
    } else if (strcmp(f[0], "V") == 0) {
        dx_revent e;
        memset(&e, 0, sizeof(e));
        long long ts, te, ss, se, pl, so, dm;
        long long ne = (long long)r->ents.len;
        if (n < 17 || !(e.type = dx_ev_type_parse(f[1])) || !(e.modality = dx_modality_parse(f[2])) ||
            !parse_int(f[3], 0, UINT32_MAX, &ts) || !parse_int(f[4], 0, UINT32_MAX, &te) ||
            !parse_int(f[5], 0, UINT32_MAX, &ss) || !parse_int(f[6], 0, UINT32_MAX, &se) ||
            !parse_ints(f[9], ne, &e.agents) || !parse_ints(f[10], ne, &e.patients) ||
            !parse_int(f[11], -1, ne - 1, &pl) || !parse_int(f[12], -1, ne - 1, &so) ||
            !parse_int(f[16], 0, DX_MOD_APPROX, &dm)) {
            DX_FREE(e.agents);
            DX_FREE(e.patients);
            BAD("V,type,modality,trigger_start,trigger_end,sentence_start,sentence_end,trigger,"
                "sentence,agents,patients,place,source_entity,source,charge,date,date_modifier");
        }
        e.trig_start = (uint32_t)ts;
        e.trig_end = (uint32_t)te;
        e.sent_start = (uint32_t)ss;
        e.sent_end = (uint32_t)se;
        e.trigger = xstrdup(f[7]);
        e.sentence = xstrdup(f[8]);
        e.place = (int32_t)pl;
        e.source_ent = (int32_t)so;
        e.source = xstrdup(f[13]);
        e.charge = xstrdup(f[14]);
        e.date = xstrdup(f[15]);
        e.date_mod = (dx_date_mod)dm;
        DX_PUSH(r->events, e);
    } else if (strcmp(f[0], "C") == 0) {
        long long ne = (long long)r->ents.len;
        if (n < 5 || !parse_int(f[1], 0, ne - 1, &a) || !parse_int(f[2], 0, ne - 1, &b) ||
            !parse_int(f[3], 1, UINT32_MAX, &x))
            BAD("C,entity_a,entity_b,count,sentence");
        dx_rcooc co = {(int32_t)a, (int32_t)b, (uint32_t)x, xstrdup(f[4])};
        DX_PUSH(r->coocs, co);
    } else {
        BAD("a row kind D, N, M, V or C");
    }
    return 0;
}

static int partial_row_at(void *ud, char **f, size_t n, long line, long long offset,
                          dossier_error *err)
{
    ((partial_reader *)ud)->offset = offset;
    return partial_row(ud, f, n, line, err);
}

int dossier_corpus_read_partial(dossier_corpus *c, const char *path, dossier_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    size_t mark = c->entries.len;
    partial_reader pr = {c, NULL, path, 0, 0, (int)c->files.len, 0};
    int st = dx_csv_read_at(fp, path, 0, partial_row_at, &pr, err);
    dossier_docresult_free(pr.cur);
    if (st == DOSSIER_EDATA) err->code = st = DOSSIER_EPARTIAL;
    if (!st && !pr.seen_magic) {
        dx_error_set(err, DOSSIER_EPARTIAL, path, 1, "expected a dossier partial result, found an empty file");
        st = DOSSIER_EPARTIAL;
    }
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

static dossier_docresult *load_doc(dossier_corpus *c, const dx_corpus_entry *e, dossier_error *err)
{
    FILE *fp = c->files.items[e->file];
    const char *name = c->file_names.items[e->file];
    if (e->file == 0 && c->spill) fflush(fp);
    partial_reader pr = {c, NULL, name, 1, 1, e->file, 0};
    int st = dx_csv_read_at(fp, name, e->offset, partial_row_at, &pr, err);
    if (!st && !pr.cur) {
        dx_error_set(err, DOSSIER_EPARTIAL, name, 0, "expected a document at byte %lld", e->offset);
        st = DOSSIER_EPARTIAL;
    }
    if (st) {
        dossier_docresult_free(pr.cur);
        return NULL;
    }
    /* the spill is appended to while documents are read back: return to its end */
    if (e->file == 0 && c->spill) fseeko(fp, 0, SEEK_END);
    return pr.cur;
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
static const char *const out_names[OUT__COUNT] = {
    "graph.dot",     "graph.gexf",   "timeline.csv", "timelinejs.csv", "entities.csv",
    "relations.csv", "mentions.csv", "report.html",  "graph.svg"};

/* The diagram rendered once for report.html and graph.svg. */
typedef struct {
    char *svg;
    size_t len;
    char why[600];
} rendered;

static int write_one(int which, dossier_corpus *c, const dx_graph *g, FILE *fp,
                     const dossier_export_options *opt, const rendered *r, dossier_error *err)
{
    int excel = opt && opt->excel;
    int csv = which >= OUT_TIMELINE && which <= OUT_MENTIONS;
    if (excel && csv && fputs("\xEF\xBB\xBF", fp) == EOF) {
        dx_error_set(err, DOSSIER_EIO, out_names[which], 0, "write failed");
        return DOSSIER_EIO;
    }
    switch (which) {
    case OUT_DOT: return dx_export_dot(g, fp, opt, err);
    case OUT_GEXF: return dx_export_gexf(g, fp, opt && opt->gexf_12, err);
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
 * thread, its members in order (graphviz's state stays in one thread; the
 * timeline order is computed by the members of one group). */
#define N_GROUPS 4
static const int groups[N_GROUPS][4] = {
    {OUT_GEXF, -1, -1, -1},
    {OUT_MENTIONS, -1, -1, -1},
    {OUT_TIMELINE, OUT_TIMELINEJS, OUT_REPORT, -1},
    {OUT_DOT, OUT_SVG, OUT_ENTITIES, OUT_RELATIONS},
};

typedef struct {
    dossier_corpus *c;
    const dx_graph *g;
    const dossier_export_options *opt;
    const rendered *r;
    const char *dir;
    char **tmp;
    int fault_at;
    atomic_int next;
    int status[OUT__COUNT];
    dossier_error errs[OUT__COUNT];
} export_job;

static int write_to_temp(export_job *xj, int i)
{
    dossier_error *err = &xj->errs[i];
    FILE *fp = fopen(xj->tmp[i], "wb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, xj->dir, 0, "cannot write %s: %s", out_names[i], strerror(errno));
        return DOSSIER_EIO;
    }
    int st = write_one(i, xj->c, xj->g, fp, xj->opt, xj->r, err);
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

static void *export_worker(void *arg)
{
    export_job *xj = arg;
    for (;;) {
        int gi = atomic_fetch_add(&xj->next, 1);
        if (gi >= N_GROUPS) break;
        for (int k = 0; k < 4 && groups[gi][k] >= 0; k++) {
            int i = groups[gi][k];
            if (!xj->tmp[i]) continue;
            xj->status[i] = write_to_temp(xj, i);
            if (xj->status[i]) break;
        }
    }
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
    dx_graph *g = dx_graph_build(c);
    dx_stage_add(DX_STAGE_MERGE, t0);
    if (g->failed) {
        *err = g->error;
        dx_graph_free(g);
        return err->code ? err->code : DOSSIER_EIO;
    }
    t0 = dx_stage_now();
    char *tmp[OUT__COUNT] = {0};
    int st = 0;
    rendered r = {NULL, 0, ""};
    dossier_error rerr = {0};
    if (dx_render_svg(g, opt, &r.svg, &r.len, &rerr) != 0) {
        if (opt && opt->svg) {
            *err = rerr;
            st = rerr.code;
        }
        dossier_error_format(&rerr, r.why, sizeof(r.why));
    }
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
    for (int i = 0; i < OUT__COUNT; i++) {
        if (i == OUT_SVG && !(opt && opt->svg)) continue;
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
    dx_graph_free(g);
    dx_stage_add(DX_STAGE_EXPORT, t0);
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
        dossier_docresult *r = dx_corpus_get(c, d, err);
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

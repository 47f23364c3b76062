/* export.c - every output of a corpus, written atomically: the output table
 * ({file name, writer}), temporary files, renames, and the writer threads.
 * Adding an output is one new file in export/ and one row in the table.
 *
 * Threads: dossier_corpus_export starts up to N_GROUPS - 1 writer threads
 * (with -j); each takes a group of outputs at a time, then helps with
 * graph.gexf's parts. While they start on the outputs that read only the
 * documents and the entities (EARLY), the calling thread aggregates the
 * accounts and seals the graph; every other output waits for that (under
 * xj->lock), and reads the graph read-only. The diagram is rendered once,
 * by the group that needs it, before its outputs. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/error.h"
#include "base/stats.h"
#include "export/writer.h"
#include "export/gexf.h"
#include "export/outdir.h"
#include "reduce/corpus.h"

enum {
    CSV = 1,    /* gets the BOM under --excel */
    RENDER = 2, /* reads the rendered diagram: its group renders it first */
    SVG = 4,    /* written only with --svg */
    JSON = 8,   /* written only with --json */
    FTM = 16,   /* written only with --ftm */
    EARLY = 32, /* reads the documents and the entities only: may be written while the graph is being sealed */
};

/* Outputs that may be written at the same time are in different groups:
 * each group in its own thread, its members in table order, the groups in
 * their numbers' order. Group 0 (mentions.csv, the largest output) comes
 * first, while the graph is being sealed; then timeline.csv's, the longest
 * of the rest. Everything of graphviz (the diagram's layout, rendered once
 * for report.html and graph.svg, and graph.dot) stays in one group: its
 * state is per process. graph.gexf is written in parts: the thread that
 * writes the file takes them from the first, threads that are done with
 * their groups from the last, each into a temporary file that graph.gexf
 * then takes in. */
#define N_GROUPS 5
static const struct output {
    const char *name;
    dx_writer_fn write;
    unsigned flags;
    int group;
} outputs[] = {
    {"graph.dot", dx_write_dot, 0, 4},
    {"graph.gexf", dx_write_gexf, 0, 2},
    {"timeline.csv", dx_write_timeline_csv, CSV, 1},
    {"events.csv", dx_write_events_csv, CSV, 3},
    {"timelinejs.csv", dx_write_timelinejs_csv, CSV, 3},
    {"entities.csv", dx_write_entities_csv, CSV, 1},
    {"relations.csv", dx_write_relations_csv, CSV, 1},
    {"mentions.csv", dx_write_mentions_csv, CSV | EARLY, 0},
    {"report.html", dx_write_report, RENDER, 4},
    {"graph.svg", dx_write_svg, RENDER | SVG, 4},
    /* the writers that read the documents back (x->docs) share mentions.csv's
     * group: a shard file is read back by one thread at a time */
    {"documents.csv", dx_write_documents_csv, CSV | EARLY, 0},
    {"entities.ftm.json", dx_write_ftm, FTM, 0},
    {"events.jsonl", dx_write_events_jsonl, JSON, 3},
    {"accounts.jsonl", dx_write_accounts_jsonl, JSON, 3},
    {"entities.jsonl", dx_write_entities_jsonl, JSON, 1},
    {"mentions.jsonl", dx_write_mentions_jsonl, JSON | EARLY, 0},
};
#define N_OUT (sizeof(outputs) / sizeof(outputs[0]))
_Static_assert(DX_STAGE_EXPORT + N_OUT <= DX_STAGE__COUNT, "a --stats line per output");

typedef struct {
    dx_export_ctx x;
    char svg_why[600];
    const char *dir;
    dx_outdir *out;
    int wanted[N_OUT]; /* written this time (graph.svg only with --svg) */
    int fault_at;
    atomic_int next;
    int status[N_OUT];
    dossier_error errs[N_OUT];
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
    int sealed; /* the graph is sealed (and graph.gexf's parts planned) */
    pthread_cond_t sealed_cv;
} export_job;

/* Before an output that is not EARLY: the graph is sealed. */
static void wait_sealed(export_job *xj)
{
    pthread_mutex_lock(&xj->lock);
    while (!xj->sealed) pthread_cond_wait(&xj->sealed_cv, &xj->lock);
    pthread_mutex_unlock(&xj->lock);
}

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

/* A thread done with its groups writes graph.gexf's parts from the last. */
static void write_gexf_parts(export_job *xj, dx_stage stage)
{
    for (;;) {
        pthread_mutex_lock(&xj->lock);
        size_t i = xj->back > xj->front ? --xj->back : SIZE_MAX;
        pthread_mutex_unlock(&xj->lock);
        if (i == SIZE_MAX) return;
        uint64_t t0 = dx_stage_now();
        dossier_error *err = &xj->part_err[i];
        int state = 1;
        FILE *fp = dx_outdir_scratch(xj->out, err);
        if (!fp || dx_export_gexf_part(xj->x.g, &xj->plan, i, fp, xj->x.opt && xj->x.opt->gexf_12, err) != 0 ||
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
        dx_stage_add(stage, t0);
    }
}

/* Why writing to fp failed, when stdio (or libxml2, writing through it)
 * no longer says: one more byte written at its end fails the same way (a
 * full disk, a file size limit); the file is a temporary one, removed. */
static int write_errno(FILE *fp)
{
    int fd = fileno(fp);
    off_t end = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (end >= 0 && pwrite(fd, "", 1, end) < 0 && errno) return errno;
    return EIO;
}

static int write_to_temp(export_job *xj, size_t i)
{
    dossier_error *err = &xj->errs[i];
    FILE *fp = dx_outdir_create(xj->out, i, err);
    if (!fp) return DOSSIER_EIO;
    /* 1 MB at a time to the file (writers hand stdio rows, or chunks) */
    setvbuf(fp, NULL, _IOFBF, 1 << 20);
    int st = 0;
    if (xj->x.excel && (outputs[i].flags & CSV) && fputs("\xEF\xBB\xBF", fp) == EOF) {
        dx_error_set(err, DOSSIER_EIO, outputs[i].name, 0, "write failed");
        st = DOSSIER_EIO;
    }
    if (!st) st = outputs[i].write(&xj->x, fp, err);
    errno = 0;
    int bad = fflush(fp) != 0 || ferror(fp);
    int saved = errno;
    if (bad && !saved) saved = write_errno(fp);
    if (fclose(fp) != 0) {
        bad = 1;
        if (!saved) saved = errno;
    }
    if (xj->fault_at == (int)i + 1) {
        bad = 1;
        saved = ENOSPC;
    }
    /* a writer that failed on its stream says "write failed": name the
     * directory and the reason instead */
    if (bad && (!st || st == DOSSIER_EIO)) {
        dx_error_set(err, DOSSIER_EIO, xj->dir, 0, "cannot write %s: %s", outputs[i].name,
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
    char *svg = NULL;
    size_t len = 0;
    if (dx_render_svg(xj->x.g, xj->x.opt, &svg, &len, &rerr) != 0) {
        for (size_t i = 0; i < N_OUT; i++)
            if ((outputs[i].flags & SVG) && xj->wanted[i]) {
                xj->status[i] = rerr.code ? rerr.code : DOSSIER_EIO;
                xj->errs[i] = rerr;
            }
        dossier_error_format(&rerr, xj->svg_why, sizeof(xj->svg_why));
    }
    xj->x.svg = svg;
    xj->x.svg_len = len;
    dx_stage_add(DX_STAGE_LAYOUT, t0);
}

static void *export_worker(void *arg)
{
    export_job *xj = arg;
    for (;;) {
        int gi = atomic_fetch_add(&xj->next, 1);
        if (gi >= N_GROUPS) break;
        for (size_t i = 0; i < N_OUT; i++)
            if (outputs[i].group == gi && (outputs[i].flags & RENDER)) {
                wait_sealed(xj);
                render(xj);
                break;
            }
        for (size_t i = 0; i < N_OUT; i++) {
            if (outputs[i].group != gi || !xj->wanted[i]) continue;
            if (!(outputs[i].flags & EARLY)) wait_sealed(xj);
            uint64_t t0 = dx_stage_now();
            if (!xj->status[i]) xj->status[i] = write_to_temp(xj, i);
            dx_stage_add((dx_stage)(DX_STAGE_EXPORT + i), t0);
            if (xj->status[i]) break;
        }
    }
    wait_sealed(xj);
    for (size_t i = 0; i < N_OUT; i++)
        if (outputs[i].write == dx_write_gexf) write_gexf_parts(xj, (dx_stage)(DX_STAGE_EXPORT + i));
    return NULL;
}

/* Test builds only (make's dossier-faults): DOSSIER_FAULT_WRITE=N makes the
 * N-th output of the table fail, to test that outputs are all or nothing. */
static int fault_at(void)
{
#ifdef DOSSIER_TEST_FAULTS
    const char *fault = getenv("DOSSIER_FAULT_WRITE");
    return fault ? atoi(fault) : 0;
#else
    return 0;
#endif
}

/* Test builds only: DOSSIER_FAULT_KILL=switch kills the run when its new set
 * is whole and about to replace the previous one. */
static int kill_before_switch(void)
{
#ifdef DOSSIER_TEST_FAULTS
    const char *k = getenv("DOSSIER_FAULT_KILL");
    return k && strcmp(k, "switch") == 0;
#else
    return 0;
#endif
}

int dossier_output_busy(const char *dir) { return dx_outdir_busy(dir); }

int dossier_corpus_export(dossier_corpus *c, const char *dir, const dossier_export_options *opt,
                          dossier_error *err)
{
    /* one writer at a time: a second run into dir waits here */
    const char *names[N_OUT];
    for (size_t i = 0; i < N_OUT; i++) names[i] = outputs[i].name;
    dx_outdir *out = dx_outdir_begin(dir, names, N_OUT, err);
    if (!out) return err->code ? err->code : DOSSIER_EIO;
    uint64_t t0 = dx_stage_now();
    dx_graph *g = dx_corpus_graph_merged(c, opt ? opt->jobs : 1, err);
    if (!g) {
        dx_outdir_abort(out);
        return err->code ? err->code : DOSSIER_EIO;
    }
    dx_stage_add(DX_STAGE_MERGE, t0);
    dx_docs docs;
    dx_corpus_docs(c, &docs);
    int st = 0;
    export_job *xj = xcalloc(1, sizeof(*xj));
    xj->x.g = g;
    xj->x.opt = opt;
    xj->x.excel = opt && opt->excel;
    xj->x.docs = &docs;
    xj->x.svg_why = xj->svg_why;
    xj->x.gexf_plan = &xj->plan;
    xj->x.gexf_get = gexf_part;
    xj->x.gexf_ctx = xj;
    xj->dir = dir;
    xj->out = out;
    xj->fault_at = fault_at();
    atomic_init(&xj->next, 0);
    pthread_mutex_init(&xj->lock, NULL);
    pthread_cond_init(&xj->part_done, NULL);
    pthread_cond_init(&xj->sealed_cv, NULL);
    for (size_t i = 0; i < N_OUT; i++) {
        if ((outputs[i].flags & SVG) && !(opt && opt->svg)) continue;
        if ((outputs[i].flags & JSON) && !(opt && opt->json)) continue;
        if ((outputs[i].flags & FTM) && !(opt && opt->ftm)) continue;
        dx_stage_name((dx_stage)(DX_STAGE_EXPORT + i), outputs[i].name);
        xj->wanted[i] = 1;
    }
    int nthreads = opt && opt->jobs > 1 ? (opt->jobs < N_GROUPS ? opt->jobs : N_GROUPS) : 1;
    pthread_t th[N_GROUPS];
    int started = 0;
    for (int t = 1; t < nthreads; t++)
        if (pthread_create(&th[started], NULL, export_worker, xj) == 0) started++;
    /* the accounts aggregated while the writer threads begin with the
     * EARLY outputs */
    t0 = dx_stage_now();
    dx_corpus_graph_seal(g);
    dx_stage_add(DX_STAGE_MERGE, t0);
    pthread_mutex_lock(&xj->lock);
    /* one thread: graph.gexf in one piece */
    dx_gexf_plan_make(g, opt && opt->jobs > 1 ? 16 : 1, &xj->plan);
    xj->back = xj->plan.n;
    xj->sealed = 1;
    pthread_cond_broadcast(&xj->sealed_cv);
    pthread_mutex_unlock(&xj->lock);
    dossier_stats_phase("merge");
    export_worker(xj);
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    dossier_stats_phase("export");
    /* the first failing output, in output order, is the one reported */
    for (size_t i = 0; i < N_OUT && !st; i++)
        if (xj->status[i]) {
            st = xj->status[i];
            *err = xj->errs[i];
        }
    /* a sentence that could not be read back from its scratch file: the
     * outputs are not whole */
    int rerr = atomic_load(&g->texts.read_errno);
    if (!st && rerr) {
        dx_error_set(err, DOSSIER_EIO, g->texts.dir ? g->texts.dir : "", 0,
                     "cannot read back the spill file of the sentences: %s", strerror(rerr));
        st = DOSSIER_EIO;
    }
    for (size_t i = 0; i < xj->plan.n; i++)
        if (xj->part_fp[i]) fclose(xj->part_fp[i]);
    /* all or nothing: the whole set replaces the previous one at once */
    if (!st && kill_before_switch()) raise(SIGKILL);
    if (st) dx_outdir_abort(out);
    else st = dx_outdir_commit(out, err);
    free((char *)(uintptr_t)xj->x.svg);
    pthread_mutex_destroy(&xj->lock);
    pthread_cond_destroy(&xj->part_done);
    pthread_cond_destroy(&xj->sealed_cv);
    free(xj);
    dx_corpus_texts_done(c, g);
    dx_graph_free(g);
    return st;
}

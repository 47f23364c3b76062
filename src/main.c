/* main.c - the dossier command line: a thin layer over the library.
 *
 * Threads: extract starts up to -j worker threads that take documents in
 * turn and hand their results to the corpus (dossier_corpus_add_at); the
 * merge and the export start their own (reduce/merge.c, export/export.c). */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier.h"

static const char *const usage_text =
    "usage: dossier extract [options] INPUT...   extract into the output directory\n"
    "       dossier merge [-o DIR] [-j N] PARTIAL...  merge partial results of shards\n"
    "       dossier text FILE                    print the text that offsets refer to\n"
    "       dossier candidates [options] INPUT... list names not in the gazetteers (TSV)\n"
    "       dossier --help | --version\n"
    "\n"
    "INPUT is a file, a directory (walked recursively for .txt .text .html .htm .xml,\n"
    "in sorted order) or - for standard input.\n"
    "\n"
    "options:\n"
    "  -o, --out DIR          output directory (default: out)\n"
    "  -e, --entities DIR     gazetteers and lexicons (default: the project's entities/)\n"
    "      --dct YYYY-MM-DD   document creation date, for 'yesterday'-style dates\n"
    "  -j, --jobs N           documents extracted and outputs written in parallel (default: 1)\n"
    "      --partial FILE     write one partial result for this shard instead of outputs\n"
    "      --excel            CSV with a BOM and CRLF line ends, for Excel\n"
    "      --gexf-version V   1.3 (default) or 1.2draft\n"
    "      --view V           what the diagram draws: network (default: people,\n"
    "                         organisations, places), people, events, or full\n"
    "      --top N            diagram: the N most connected entities (default 40)\n"
    "      --min-weight N     diagram: hide co-occurrences seen fewer than N times\n"
    "                         (default 3)\n"
    "      --svg              also render graph.svg through graphviz (no 'dot' needed)\n"
    "      --strict           an unreadable or skipped input is an error\n"
    "      --stats            print the CPU time of each stage and the wall time of each phase on stderr\n"
    "  -q, --quiet            no progress line, no warnings\n"
    "\n"
    "exit status: 0 ok, 1 usage, 2 input or output error, 3 malformed gazetteer or\n"
    "lexicon, 4 malformed partial result\n";

static int quiet;
static int candidates_mode; /* "candidates": extract, then list unknown entities */

static void warn(const char *fmt, const char *a, const char *b)
{
    if (quiet) return;
    fputs("dossier: ", stderr);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
}

static void die_err(const dossier_error *err)
{
    char msg[1200];
    dossier_error_format(err, msg, sizeof(msg));
    fprintf(stderr, "dossier: %s\n", msg);
}

/* ---------------------------------------------------------------- inputs */

typedef struct {
    char **items;
    size_t len, cap;
} strvec;

static void push(strvec *v, char *s)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->items = realloc(v->items, v->cap * sizeof(char *));
        if (!v->items) {
            fputs("dossier: out of memory\n", stderr);
            exit(2);
        }
    }
    v->items[v->len++] = s;
}

static int wanted(const char *name)
{
    static const char *const exts[] = {".txt", ".text", ".html", ".htm", ".xml", NULL};
    size_t n = strlen(name);
    for (size_t i = 0; exts[i]; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(name + n - e, exts[i]) == 0) return 1;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk a directory in sorted order; a directory already on the way down
 * (a symlink loop) is reported and not entered again. */
static int walk(const char *dir, strvec *out, strvec *seen, int depth, int *skipped)
{
    char real[PATH_MAX];
    if (!realpath(dir, real)) {
        warn("%s: cannot read directory: %s", dir, strerror(errno));
        (*skipped)++;
        return 0;
    }
    for (size_t i = 0; i < seen->len; i++)
        if (strcmp(seen->items[i], real) == 0) {
            warn("%s: directory loop (symbolic link back to %s), skipped", dir, real);
            (*skipped)++;
            return 0;
        }
    if (depth > 64) {
        warn("%s: directories nested too deep, skipped%s", dir, "");
        (*skipped)++;
        return 0;
    }
    push(seen, strdup(real));
    DIR *d = opendir(dir);
    if (!d) {
        warn("%s: cannot read directory: %s", dir, strerror(errno));
        (*skipped)++;
        free(seen->items[--seen->len]);
        return 0;
    }
    strvec names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        push(&names, strdup(de->d_name));
    }
    closedir(d);
    if (names.len) qsort(names.items, names.len, sizeof(char *), cmp_str);
    for (size_t i = 0; i < names.len; i++) {
        size_t n = strlen(dir) + strlen(names.items[i]) + 2;
        char *p = malloc(n);
        if (!p) exit(2);
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.items[i]);
        struct stat st;
        if (stat(p, &st) != 0) {
            warn("%s: cannot read: %s", p, strerror(errno));
            (*skipped)++;
            free(p);
        } else if (S_ISDIR(st.st_mode)) {
            walk(p, out, seen, depth + 1, skipped);
            free(p);
        } else if (S_ISREG(st.st_mode) && wanted(names.items[i])) {
            push(out, p);
        } else {
            free(p);
        }
        free(names.items[i]);
    }
    free(names.items);
    free(seen->items[--seen->len]);
    return 0;
}

/* ---------------------------------------------------------------- parallel extraction */

typedef struct {
    const dossier_lexicon *lex;
    const dossier_options *opt;
    char **paths;
    size_t n;
    dossier_corpus *corpus;     /* results go here as soon as they are ready */
    size_t *order;              /* documents in path order: slot k is paths[order[k]] */
    unsigned char *ok;          /* per document: extracted */
    char **warnings;            /* per document: what the reader repaired, or NULL */
    dossier_error *errors;
    atomic_size_t next;
    atomic_size_t done;
} job;

/* Extract the document of slot k (taken in path order) and hand its result
 * to the corpus, which spills it to disk and merges it once the slots
 * before it are in: memory stays bounded by the documents in flight. */
static void run_one(job *j, size_t k)
{
    size_t i = j->order[k];
    dossier_docresult *r = dossier_extract_file(j->lex, j->paths[i], j->opt, &j->errors[i]);
    if (r) {
        const char *w = dossier_docresult_warning(r);
        j->warnings[i] = w ? strdup(w) : NULL;
        j->ok[i] = 1;
    }
    dossier_corpus_add_at(j->corpus, k, r);
    atomic_fetch_add(&j->done, 1);
}

static char **sort_paths;
static int path_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int k = strcmp(sort_paths[x], sort_paths[y]);
    return k ? k : (x > y) - (x < y);
}

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&j->next, 1);
        if (i >= j->n) break;
        run_one(j, i);
    }
    return NULL;
}

static const char *default_entities(void)
{
    static char buf[PATH_MAX + 16];
    const char *env = getenv("DOSSIER_ENTITIES");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, sizeof(buf), "%s/entities", exe);
            struct stat st;
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
        }
    }
#ifdef DOSSIER_ENTITIES_DIR
    return DOSSIER_ENTITIES_DIR;
#else
    return "entities";
#endif
}

/* The output options shared by extract and merge: 1 handled, 0 not an
 * export option, -1 a bad value (reported). */
enum { OPT_VIEW = 0x200, OPT_TOP, OPT_MIN_WEIGHT, OPT_SVG }; /* clear of the letters */
#define EXPORT_LONGOPTS                                                                    \
    {"view", required_argument, NULL, OPT_VIEW}, {"top", required_argument, NULL, OPT_TOP}, \
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT}, {"svg", no_argument, NULL, OPT_SVG}, \
        {"jobs", required_argument, NULL, 'j'}
static int export_option(int c, const char *arg, dossier_export_options *xo)
{
    static const char *const views[] = {"", "network", "people", "events", "full"};
    char *end;
    long v;
    switch (c) {
    case OPT_VIEW:
        for (int i = 1; i < 5; i++)
            if (strcmp(arg, views[i]) == 0) {
                xo->view = (dossier_view)i;
                return 1;
            }
        fprintf(stderr, "dossier: --view: expected network, people, events or full, found '%s'\n", arg);
        return -1;
    case OPT_TOP:
    case OPT_MIN_WEIGHT:
        v = strtol(arg, &end, 10);
        if (*end || end == arg || v < 1 || v > 100000) {
            fprintf(stderr, "dossier: --%s: expected a number from 1 to 100000, found '%s'\n",
                    c == OPT_TOP ? "top" : "min-weight", arg);
            return -1;
        }
        if (c == OPT_TOP) xo->top = (unsigned)v;
        else xo->min_weight = (unsigned)v;
        return 1;
    case OPT_SVG: xo->svg = 1; return 1;
    case 'j':
        v = strtol(arg, &end, 10);
        if (*end || end == arg || v < 1 || v > 256) {
            fprintf(stderr, "dossier: --jobs: expected a number from 1 to 256, found '%s'\n", arg);
            return -1;
        }
        xo->jobs = (int)v;
        return 1;
    case 'G':
        if (strcmp(arg, "1.2draft") == 0 || strcmp(arg, "1.2") == 0) xo->gexf_12 = 1;
        else if (strcmp(arg, "1.3") == 0) xo->gexf_12 = 0;
        else {
            fprintf(stderr, "dossier: --gexf-version: expected 1.3 or 1.2draft, found '%s'\n", arg);
            return -1;
        }
        return 1;
    default: return 0;
    }
}

static int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},      {"entities", required_argument, NULL, 'e'},
        {"dct", required_argument, NULL, 'D'},      {"quiet", no_argument, NULL, 'q'},
        {"partial", required_argument, NULL, 'P'},
        {"excel", no_argument, NULL, 'X'},          {"gexf-version", required_argument, NULL, 'G'},
        {"strict", no_argument, NULL, 'S'},         {"help", no_argument, NULL, 'h'},
        {"stats", no_argument, NULL, 'T'},          EXPORT_LONGOPTS,
        {NULL, 0, NULL, 0}};
    const char *out = "out", *entities = NULL, *dct = NULL, *partial = NULL;
    int strict = 0, stats = 0;
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:e:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'e': entities = optarg; break;
        case 'D': {
            int y, m, d;
            char tail;
            if (sscanf(optarg, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
                d > 31 || strlen(optarg) != 10) {
                fprintf(stderr, "dossier: --dct: expected a date YYYY-MM-DD, found '%s'\n", optarg);
                return DOSSIER_EUSAGE;
            }
            dct = optarg;
            break;
        }
        case 'q': quiet = 1; break;
        case 'P': partial = optarg; break;
        case 'X': xo.excel = 1; break;
        case 'S': strict = 1; break;
        case 'T': stats = 1; break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: {
            int x = export_option(c, optarg, &xo);
            if (x > 0) break;
            if (!x) fputs(usage_text, stderr);
            return DOSSIER_EUSAGE;
        }
        }
    }
    if (optind >= argc) {
        fputs("dossier extract: expected at least one INPUT (a file, a directory or -)\n", stderr);
        fputs(usage_text, stderr);
        return DOSSIER_EUSAGE;
    }
    strvec paths = {0}, seen = {0};
    int skipped = 0;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") == 0) {
            push(&paths, strdup("-"));
        } else if (stat(argv[i], &st) != 0) {
            warn("%s: cannot read: %s", argv[i], strerror(errno));
            skipped++;
        } else if (S_ISDIR(st.st_mode)) {
            walk(argv[i], &paths, &seen, 0, &skipped);
        } else {
            push(&paths, strdup(argv[i]));
        }
    }
    free(seen.items);
    int status = 0;
    if (strict && skipped) {
        fprintf(stderr, "dossier: %d input(s) could not be read (--strict)\n", skipped);
        status = DOSSIER_EIO;
    }
    dossier_error err = {0};
    dossier_lexicon *lex = NULL;
    dossier_stats_phase(NULL);
    if (!status) {
        lex = dossier_lexicon_load(entities ? entities : default_entities(), &err);
        if (!lex) {
            die_err(&err);
            status = err.code ? err.code : DOSSIER_EDATA;
        }
    }
    dossier_stats_phase("load");
    dossier_corpus *corpus = dossier_corpus_new();
    if (dossier_corpus_spill(corpus, &err) && !quiet) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        fprintf(stderr, "dossier: %s; results stay in memory\n", msg);
    }
    if (!status) {
        dossier_options opt = {dct};
        job j;
        memset(&j, 0, sizeof(j));
        j.lex = lex;
        j.opt = &opt;
        j.paths = paths.items;
        j.n = paths.len;
        j.corpus = corpus;
        j.ok = calloc(paths.len + 1, 1);
        j.warnings = calloc(paths.len + 1, sizeof(char *));
        j.errors = calloc(paths.len + 1, sizeof(*j.errors));
        atomic_init(&j.next, 0);
        atomic_init(&j.done, 0);
        j.order = calloc(paths.len + 1, sizeof(size_t));
        if (!j.ok || !j.warnings || !j.errors || !j.order) exit(2);
        for (size_t i = 0; i < paths.len; i++) j.order[i] = i;
        sort_paths = paths.items;
        qsort(j.order, paths.len, sizeof(size_t), path_cmp);
        sort_paths = NULL;
        /* the outputs: merged while documents are being extracted */
        if (!candidates_mode && !partial) {
            const char **slot_paths = calloc(paths.len + 1, sizeof(char *));
            if (!slot_paths) exit(2);
            for (size_t k = 0; k < paths.len; k++) slot_paths[k] = paths.items[j.order[k]];
            dossier_corpus_expect(corpus, paths.len, slot_paths);
            free(slot_paths);
        }
        int jobs = xo.jobs > 1 ? xo.jobs : 1;
        int nthreads = jobs > (int)paths.len ? (int)paths.len : jobs;
        pthread_t *th = calloc((size_t)nthreads + 1, sizeof(pthread_t));
        int started = 0;
        for (int t = 0; t < nthreads - 1; t++)
            if (pthread_create(&th[t], NULL, worker, &j) == 0) started++;
        int progress = !quiet && isatty(STDERR_FILENO);
        if (progress && paths.len > 1) {
            /* the main thread works too; it reports between documents */
            for (;;) {
                size_t i = atomic_fetch_add(&j.next, 1);
                if (i >= j.n) break;
                run_one(&j, i);
                fprintf(stderr, "\rdossier: %zu/%zu documents", atomic_load(&j.done), j.n);
            }
        } else {
            worker(&j);
        }
        for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
        dossier_stats_phase("extract");
        if (progress && paths.len > 1) fputc('\n', stderr);
        free(th);
        size_t read_ok = 0;
        for (size_t i = 0; i < paths.len; i++) {
            if (j.ok[i]) {
                read_ok++;
                if (j.warnings[i]) warn("%s: %s", paths.items[i], j.warnings[i]);
                free(j.warnings[i]);
            } else {
                char msg[1200];
                dossier_error_format(&j.errors[i], msg, sizeof(msg));
                if (strict) fprintf(stderr, "dossier: %s\n", msg);
                else warn("%s%s", msg, "");
                skipped++;
            }
        }
        free(j.ok);
        free(j.order);
        free(j.warnings);
        free(j.errors);
        if (strict && skipped) {
            fprintf(stderr, "dossier: %d input(s) skipped; nothing written (--strict)\n", skipped);
            status = DOSSIER_EIO;
        } else if (!read_ok && paths.len + (size_t)skipped > 0 && skipped) {
            fprintf(stderr, "dossier: no input could be read; nothing written\n");
            status = DOSSIER_EIO;
        }
    }
    if (!status) {
        int st = candidates_mode ? dossier_corpus_write_candidates(corpus, stdout, &err)
                 : partial       ? dossier_corpus_write_partial(corpus, partial, &err)
                                 : dossier_corpus_export(corpus, out, &xo, &err);
        if (st) {
            die_err(&err);
            status = st;
        } else if (skipped && !quiet) {
            fprintf(stderr, "dossier: %d input(s) skipped (see the warnings above)\n", skipped);
        }
    }
    if (stats) dossier_stats_print(stderr);
    dossier_corpus_free(corpus);
    dossier_lexicon_free(lex);
    for (size_t i = 0; i < paths.len; i++) free(paths.items[i]);
    free(paths.items);
    return status;
}

static int cmd_merge(int argc, char **argv)
{
    static const struct option longopts[] = {{"out", required_argument, NULL, 'o'},
                                             {"excel", no_argument, NULL, 'X'},
                                             {"gexf-version", required_argument, NULL, 'G'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             EXPORT_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    const char *out = "out";
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:q", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'X': xo.excel = 1; break;
        case 'q': quiet = 1; break;
        default: {
            int x = export_option(c, optarg, &xo);
            if (x > 0) break;
            if (!x) fputs(usage_text, stderr);
            return DOSSIER_EUSAGE;
        }
        }
    }
    if (optind >= argc) {
        fputs("dossier merge: expected at least one PARTIAL file\n", stderr);
        return DOSSIER_EUSAGE;
    }
    dossier_corpus *corpus = dossier_corpus_new();
    dossier_error err = {0};
    int status = 0;
    for (int i = optind; i < argc && !status; i++)
        if (dossier_corpus_read_partial(corpus, argv[i], &err)) {
            die_err(&err);
            status = err.code;
        }
    if (!status && dossier_corpus_export(corpus, out, &xo, &err)) {
        die_err(&err);
        status = err.code;
    }
    dossier_corpus_free(corpus);
    return status;
}

static int cmd_text(int argc, char **argv)
{
    if (argc != 2) {
        fputs("dossier text: expected one FILE\n", stderr);
        return DOSSIER_EUSAGE;
    }
    char *text = NULL;
    size_t len = 0;
    dossier_error err = {0};
    if (dossier_text_file(argv[1], &text, &len, &err)) {
        die_err(&err);
        return err.code;
    }
    int bad = fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0;
    free(text);
    if (bad) {
        fputs("dossier: cannot write to standard output\n", stderr);
        return DOSSIER_EIO;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* Documents come and go: keep freed memory for the next one instead of
     * returning it to the kernel, which would zero it again. Only blocks of
     * 16 MB and more (the graph's growing arrays) are mapped, so that growing
     * them from several threads' heaps leaves no holes behind. */
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    if (argc < 2) {
        fputs(usage_text, stderr);
        return DOSSIER_EUSAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        puts("dossier " DOSSIER_VERSION);
        return 0;
    }
    if (strcmp(cmd, "extract") == 0) return cmd_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0) return cmd_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "candidates") == 0) {
        candidates_mode = 1;
        return cmd_extract(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "text") == 0) return cmd_text(argc - 1, argv + 1);
    fprintf(stderr, "dossier: unknown command '%s' (expected extract, merge, text or candidates)\n", cmd);
    fputs(usage_text, stderr);
    return DOSSIER_EUSAGE;
}

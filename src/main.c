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
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier.h"

static const char *const usage_text =
    "usage: dossier extract [options] INPUT...    extract into the output directory\n"
    "       dossier merge [options] PARTIAL...    merge partial results of shards\n"
    "       dossier text FILE                     print the text that offsets refer to\n"
    "       dossier candidates [options] INPUT... list names not in the gazetteers (TSV)\n"
    "       dossier --help | --version\n"
    "\n"
    "'dossier COMMAND --help' lists the options of a command; 'man dossier' tells more.\n"
    "\n"
    "exit status: 0 ok, 1 usage, 2 input or output error, 3 malformed gazetteer or\n"
    "lexicon, 4 malformed partial result\n";

/* The options that choose and shape the outputs, shared by extract and merge. */
static const char *const output_help =
    "  -o, --out DIR          output directory (default: out)\n"
    "      --excel            CSV with a BOM and CRLF line ends, for Excel\n"
    "      --gexf-version V   1.3 (default) or 1.2draft\n"
    "      --view V           what the diagram draws: network (default: people,\n"
    "                         organisations, places), people, events, or full\n"
    "      --top N            diagram: the N most connected entities (default 40)\n"
    "      --min-weight N     diagram: hide co-occurrences seen fewer than N times\n"
    "                         (default 3)\n"
    "      --svg              also render graph.svg through graphviz (no 'dot' needed)\n"
    "      --timeline-min-accounts N  timelinejs.csv: only events told by at least N\n"
    "                         accounts (default 1: every dated event)\n"
    "      --json             also events.jsonl, accounts.jsonl, entities.jsonl and\n"
    "                         mentions.jsonl: the rows of events.csv, timeline.csv,\n"
    "                         entities.csv and mentions.csv, one JSON object a line,\n"
    "                         for jq\n"
    "      --ftm              also entities.ftm.json: followthemoney entities, for Aleph:\n"
    "                         documents, people, organisations, places, and an Event\n"
    "                         per event of events.csv, its accounts in its notes\n"
    "  -q, --quiet            no progress line, no warnings\n"
    "  -h, --help             this text\n";

/* What reading the documents takes, shared by extract and candidates. */
static void input_help(FILE *fp)
{
    char dir[4096];
    if (dossier_lexicon_default_dir(dir, sizeof(dir), NULL, 0) != 0) snprintf(dir, sizeof(dir), "entities");
    fprintf(fp,
            "INPUT is a file, a directory (walked recursively, in sorted order, for .txt .text\n"
            ".html .htm .xhtml .xml .pdf .docx .odt .epub and the archives .zip .tar .tar.gz\n"
            ".tgz .tar.bz2 .tar.xz, whose members are read the same way as ARCHIVE:MEMBER),\n"
            "an archive, ARCHIVE:MEMBER, or - for standard input.\n"
            "\n"
            "options:\n"
            "  -e, --entities DIR     gazetteers and lexicons (default: $DOSSIER_ENTITIES, else\n"
            "                         the build tree's or the installed ones; here:\n"
            "                         %s)\n"
            "      --dct YYYY-MM-DD   document creation date, for 'yesterday'-style dates (else\n"
            "                         each document's own: its metadata, a dateline, a date line)\n"
            "      --dct-file FILE    a date per document: TSV, header row 'document<TAB>date', a\n"
            "                         document by its path, file name or name without extension\n"
            "      --name NAME        what standard input (-) is called in the outputs\n"
            "                         (default: stdin); .html or .xml picks that reader\n"
            "      --strict           an unreadable or skipped input is an error\n"
            "      --max-member SIZE  archives: skip a member larger than SIZE uncompressed\n"
            "                         (default 256M; K, M, G suffixes)\n"
            "      --max-archive SIZE archives: read at most SIZE uncompressed of one\n"
            "                         (default 1G)\n"
            "      --max-members N    archives: read at most N members of one (default 10000)\n"
            "      --max-depth N      archives inside archives read (default 3)\n"
            "      --stats            print the CPU time of each stage, and the wall time and\n"
            "                         peak memory of each phase, on stderr\n"
            "      --tmp-dir DIR      where the spill files go (default: $TMPDIR, else /tmp)\n",
            dir);
}

static void extract_help(FILE *fp)
{
    fputs("usage: dossier extract [options] INPUT...\n"
          "Extract people, organisations, places, dates and events into the output\n"
          "directory: graph.dot, graph.gexf, the CSV files, report.html.\n\n",
          fp);
    input_help(fp);
    fputs("  -j, --jobs N           documents extracted and outputs written N at a time\n"
          "                         (default: 1; the outputs are the same bytes for any N)\n"
          "      --partial FILE     write one partial result for this shard instead of outputs\n"
          "      --no-output        run every stage and write nothing (how make bench times\n"
          "                         the extraction alone)\n",
          fp);
    fputs(output_help, fp);
}

static void candidates_help(FILE *fp)
{
    fputs("usage: dossier candidates [options] INPUT...\n"
          "List the people, organisations and places found by the shape of their names\n"
          "that no gazetteer knows, most frequent first, as gazetteer lines (TSV) on\n"
          "standard output.\n\n",
          fp);
    input_help(fp);
    fputs("  -j, --jobs N           documents extracted in parallel (default: 1)\n"
          "  -q, --quiet            no progress line, no warnings\n"
          "  -h, --help             this text\n",
          fp);
}

static const char *const merge_help =
    "usage: dossier merge [options] PARTIAL...\n"
    "Merge the partial results of shards (dossier extract --partial) into the\n"
    "outputs: the same bytes as one run over all their documents.\n"
    "\n"
    "options:\n";

static const char *const text_help =
    "usage: dossier text FILE\n"
    "Print the text that the offsets of the outputs refer to (for a .txt file, the\n"
    "file itself; for HTML and XML, the text read out of the markup).\n";

static int quiet;
static int candidates_mode; /* "candidates": extract, then list unknown entities */

/* One message line on stderr, "dossier: " first. File names are bytes: a
 * control character in one (a newline, an escape sequence that recolours or
 * clears the terminal) is written as \n, \t, \r or \xNN, as are C1 controls
 * and bytes that are not UTF-8, so a message is always one harmless line. */
static void say_line(const char *msg)
{
    static const char hex[] = "0123456789abcdef";
    char out[4096];
    size_t o = 0;
    memcpy(out, "dossier: ", 9);
    o = 9;
    const unsigned char *s = (const unsigned char *)msg;
    while (*s && o + 8 < sizeof(out)) {
        unsigned char c = *s;
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        for (size_t k = 1; k < len; k++)
            if ((s[k] & 0xC0) != 0x80) len = 0;
        int c1 = len == 2 && c == 0xC2 && s[1] < 0xA0; /* U+0080..U+009F */
        if (len == 1 && c >= 0x20 && c != 0x7f) {
            out[o++] = (char)c;
        } else if (len > 1 && !c1) {
            memcpy(out + o, s, len);
            o += len;
        } else {
            if (!len || c1) len = c1 ? 2 : 1;
            for (size_t k = 0; k < len; k++) {
                unsigned char b = s[k];
                out[o++] = '\\';
                if (b == '\n' || b == '\t' || b == '\r') {
                    out[o++] = b == '\n' ? 'n' : b == '\t' ? 't' : 'r';
                } else {
                    out[o++] = 'x';
                    out[o++] = hex[b >> 4];
                    out[o++] = hex[b & 15];
                }
            }
        }
        s += len;
    }
    out[o++] = '\n';
    fwrite(out, 1, o, stderr);
}

/* An error or a usage message: always shown. */
static void sayf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sayf(const char *fmt, ...)
{
    char msg[3000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    say_line(msg);
}

/* A warning: not under -q. */
static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warn(const char *fmt, ...)
{
    if (quiet) return;
    char msg[3000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    say_line(msg);
}

static void die_err(const dossier_error *err)
{
    char msg[1200];
    dossier_error_format(err, msg, sizeof(msg));
    say_line(msg);
}

/* One run writes into an output directory at a time: the export waits
 * for the lock; say so, or a second run would seem to hang. */
static void say_if_busy(const char *out)
{
    if (dossier_output_busy(out)) warn("%s: another dossier run is writing there; waiting for it to finish", out);
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

/* What a walk found besides documents: files of types dossier does not
 * read, each listed in documents.csv as skipped, counted by extension for
 * the message of a directory that holds no readable document. */
typedef struct {
    char *path;
    dossier_docresult *stub; /* not to be extracted: its documents.csv row */
    long archive;            /* members: which input archive (for the reading order), else -1 */
    unsigned long long order; /* members: place in the archive */
} input;

typedef struct {
    input *items;
    size_t len, cap;
    size_t documents;        /* to be extracted */
    size_t others;           /* files of other types */
    struct ext_count {
        char ext[16];
        size_t n;
    } exts[64];
    size_t n_exts;
    long archives;
} inputs;

static input *add_input(inputs *in, char *path)
{
    if (in->len == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        in->items = realloc(in->items, in->cap * sizeof(input));
        if (!in->items) {
            fputs("dossier: out of memory\n", stderr);
            exit(2);
        }
    }
    input *it = &in->items[in->len++];
    it->path = path;
    it->stub = NULL;
    it->archive = -1;
    it->order = 0;
    return it;
}

static void count_other(inputs *in, const char *name)
{
    const char *base = strrchr(name, '/');
    const char *colon = strrchr(name, ':');
    if (!base || (colon && colon > base)) base = colon;
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    char ext[16];
    if (dot && dot > base && dot[1] && strlen(dot) < sizeof(ext)) {
        size_t i = 0;
        for (; dot[i]; i++) ext[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ? dot[i] - 'A' + 'a' : dot[i]);
        ext[i] = '\0';
    } else {
        snprintf(ext, sizeof(ext), "(no extension)");
    }
    in->others++;
    for (size_t i = 0; i < in->n_exts; i++)
        if (strcmp(in->exts[i].ext, ext) == 0) {
            in->exts[i].n++;
            return;
        }
    size_t k = in->n_exts < 64 ? in->n_exts++ : 63;
    snprintf(in->exts[k].ext, sizeof(in->exts[k].ext), "%s", k == 63 ? "(others)" : ext);
    in->exts[k].n = k == 63 ? in->exts[k].n + 1 : 1;
}

static int ext_cmp(const void *a, const void *b)
{
    const struct ext_count *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return strcmp(x->ext, y->ext);
}

static void skip_other(inputs *in, const char *path, unsigned long long bytes, const char *ext_of)
{
    count_other(in, ext_of);
    const char *dot = strrchr(ext_of, '.');
    const char *slash = strrchr(ext_of, '/');
    char why[64];
    if (dot && (!slash || dot > slash) && dot[1] && strlen(dot) < 16) snprintf(why, sizeof(why), "not a readable type (%s)", dot);
    else snprintf(why, sizeof(why), "not a readable type");
    input *it = add_input(in, strdup(path));
    it->stub = dossier_docresult_new_skipped(path, DOSSIER_DOC_SKIPPED, bytes, why);
}

typedef struct {
    inputs *in;
    int *skipped;
    long archive;
} member_ctx;

static void on_member(void *ud, const dossier_member *m)
{
    member_ctx *mc = ud;
    if (m->status == DOSSIER_DOC_READ) {
        input *it = add_input(mc->in, strdup(m->name));
        it->archive = mc->archive;
        it->order = m->order;
        mc->in->documents++;
        return;
    }
    if (strncmp(m->why, "not a readable type", 19) == 0) {
        count_other(mc->in, m->name);
    } else {
        warn("%s: %s", m->name, m->why);
        (*mc->skipped)++;
    }
    input *it = add_input(mc->in, strdup(m->name));
    it->stub = dossier_docresult_new_skipped(m->name, m->status, m->bytes, m->why);
}

/* An archive's members become inputs; an archive that cannot be read is
 * one skipped input (after the members read before the damage). */
static void add_archive(inputs *in, const char *path, const dossier_options *opt, int *skipped)
{
    member_ctx mc = {in, skipped, in->archives++};
    dossier_error err = {0};
    if (dossier_archive_list(path, opt, on_member, &mc, &err) != 0) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        warn("%s%s", msg, "");
        (*skipped)++;
        struct stat st;
        input *it = add_input(in, strdup(path));
        it->stub = dossier_docresult_new_skipped(path, DOSSIER_DOC_SKIPPED,
                                                 stat(path, &st) == 0 ? (unsigned long long)st.st_size : 0,
                                                 err.message);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files and directories by (device, inode): the walk is a set of files,
 * not a tree of paths. Open addressing; value + 1 in slot (0: empty). */
typedef struct {
    dev_t dev;
    ino_t ino;
    size_t val;
} inode_slot;
typedef struct {
    inode_slot *slots;
    size_t cap, len;
} inode_set;

static size_t inode_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ULL ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4FULL;
    return (size_t)(h ^ (h >> 29));
}

/* The value stored for (dev, ino), or SIZE_MAX after storing val there. */
static size_t inode_add(inode_set *s, dev_t dev, ino_t ino, size_t val)
{
    if (2 * (s->len + 1) > s->cap) {
        inode_set t = {calloc(s->cap ? 2 * s->cap : 256, sizeof(inode_slot)), s->cap ? 2 * s->cap : 256, 0};
        if (!t.slots) exit(2);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i].val) {
                size_t k = inode_hash(s->slots[i].dev, s->slots[i].ino) & (t.cap - 1);
                while (t.slots[k].val) k = (k + 1) & (t.cap - 1);
                t.slots[k] = s->slots[i];
                t.len++;
            }
        free(s->slots);
        *s = t;
    }
    size_t k = inode_hash(dev, ino) & (s->cap - 1);
    for (; s->slots[k].val; k = (k + 1) & (s->cap - 1))
        if (s->slots[k].dev == dev && s->slots[k].ino == ino) return s->slots[k].val - 1;
    s->slots[k] = (inode_slot){dev, ino, val + 1};
    s->len++;
    return SIZE_MAX;
}

typedef struct {
    inputs *in;
    int *skipped;           /* inputs that could not be read */
    const dossier_options *opt;
    inode_set files;        /* documents and archives -> their name in names */
    inode_set dirs;         /* directories entered -> their name in names */
    strvec names;
    dev_t out_dev;          /* the output directory, when it exists: never input */
    ino_t out_ino;
    int out_known;
} walker;

/* Whether the file st was met before (under another name, through a hard
 * link, given twice): then it is said, and not read again. */
static int seen_file(walker *w, const char *path, const struct stat *st)
{
    size_t first = inode_add(&w->files, st->st_dev, st->st_ino, w->names.len);
    if (first != SIZE_MAX) {
        warn("%s: the same file as %s, read once", path, w->names.items[first]);
        return 1;
    }
    push(&w->names, strdup(path));
    return 0;
}

/* Walk a directory in sorted order, each directory once: one reached again
 * (a symbolic link back up is a loop; two links to one directory, a
 * diamond, would multiply its files) is reported and not entered; a file
 * reached again is read once. */
static void walk(walker *w, const char *dir, const struct stat *dst, int depth)
{
    if (w->out_known && dst->st_dev == w->out_dev && dst->st_ino == w->out_ino) {
        warn("%s: the output directory, not read as input", dir);
        return;
    }
    size_t first = inode_add(&w->dirs, dst->st_dev, dst->st_ino, w->names.len);
    if (first != SIZE_MAX) {
        const char *was = w->names.items[first];
        size_t n = strlen(was);
        int loop = strncmp(dir, was, n) == 0 && dir[n] == '/';
        if (loop) {
            warn("%s: directory loop (symbolic link back to %s), skipped", dir, was);
            (*w->skipped)++;
        } else {
            warn("%s: the same directory as %s, read once", dir, was);
        }
        return;
    }
    push(&w->names, strdup(dir));
    if (depth > 64) {
        warn("%s: directories nested too deep, skipped", dir);
        (*w->skipped)++;
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        warn("%s: cannot read directory: %s", dir, strerror(errno));
        (*w->skipped)++;
        return;
    }
    strvec names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        push(&names, strdup(de->d_name));
    }
    closedir(d);
    if (names.len) qsort(names.items, names.len, sizeof(char *), cmp_str);
    inputs *out = w->in;
    for (size_t i = 0; i < names.len; i++) {
        size_t n = strlen(dir) + strlen(names.items[i]) + 2;
        char *p = malloc(n);
        if (!p) exit(2);
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.items[i]);
        struct stat st;
        if (stat(p, &st) != 0) {
            warn("%s: cannot read: %s", p, strerror(errno));
            (*w->skipped)++;
            free(p);
        } else if (S_ISDIR(st.st_mode)) {
            walk(w, p, &st, depth + 1);
            free(p);
        } else if (S_ISREG(st.st_mode) && dossier_input_kind(names.items[i]) == DOSSIER_INPUT_ARCHIVE) {
            if (!seen_file(w, p, &st)) add_archive(out, p, w->opt, w->skipped);
            free(p);
        } else if (S_ISREG(st.st_mode) && dossier_input_kind(names.items[i]) == DOSSIER_INPUT_DOCUMENT) {
            if (seen_file(w, p, &st)) {
                free(p);
            } else {
                add_input(out, p);
                out->documents++;
            }
        } else if (S_ISREG(st.st_mode)) {
            skip_other(out, p, (unsigned long long)st.st_size, names.items[i]);
            free(p);
        } else {
            free(p);
        }
        free(names.items[i]);
    }
    free(names.items);
}

/* ---------------------------------------------------------------- parallel extraction */

typedef struct {
    const dossier_lexicon *lex;
    const dossier_options *opt;
    const dossier_dct_table *dates; /* --dct-file, or NULL */
    atomic_size_t unlisted;         /* documents the --dct-file does not list */
    input *items;
    size_t n;
    dossier_corpus *corpus;     /* results go here as soon as they are ready */
    int discard;                /* --no-output: results are dropped */
    size_t *order;              /* documents in path order: slot k is items[order[k]] */
    size_t *dispatch;           /* the q-th document taken is slot dispatch[q] */
    unsigned char *ok;          /* per document: 1 read, 2 skipped by the walk (warned), 0 not read */
    char **warnings;            /* per document: what the reader repaired, or NULL */
    dossier_error *errors;
    atomic_size_t next;
    atomic_size_t done;
} job;

/* Extract the document of slot k (taken in path order) and hand its result
 * to the corpus, which spills it to disk and merges it once the slots
 * before it are in: memory stays bounded by the documents in flight. */
/* Extract the document of slot k and hand its result to the corpus, which
 * spills it to disk and merges it once the slots before it are in: memory
 * stays bounded by the documents in flight. Slots are taken in path order,
 * but the members of an archive in the archive's order (read once). */
static void run_one(job *j, size_t q)
{
    size_t k = j->dispatch[q];
    size_t i = j->order[k];
    dossier_docresult *r = j->items[i].stub;
    if (r) {
        j->items[i].stub = NULL;
        j->ok[i] = 2;
    } else {
        dossier_options opt = *j->opt;
        if (j->dates) {
            const char *d = dossier_dct_table_find(j->dates, j->items[i].path);
            if (d) opt.dct = d, opt.dct_from = "--dct-file";
            else atomic_fetch_add(&j->unlisted, 1);
        }
        r = dossier_extract_input(j->lex, j->items[i].path, &opt, &j->errors[i]);
        if (dossier_docresult_status(r) == DOSSIER_DOC_READ) {
            const char *w = dossier_docresult_warning(r);
            j->warnings[i] = w ? strdup(w) : NULL;
            j->ok[i] = 1;
        }
    }
    if (j->discard) dossier_docresult_free(r);
    else dossier_corpus_add_at(j->corpus, k, r);
    atomic_fetch_add(&j->done, 1);
}

static input *sort_items;
static char **sort_shown; /* the names the outputs give the inputs */
static int path_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int k = strcmp(sort_shown[x], sort_shown[y]);
    return k ? k : (x > y) - (x < y);
}

/* The taking order: slots in path order, except that the members of one
 * archive (a run of slots) are taken in the archive's own order. */
static size_t *slot_group;
static const size_t *slot_order;
static int dispatch_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (slot_group[x] != slot_group[y]) return slot_group[x] < slot_group[y] ? -1 : 1;
    unsigned long long ox = sort_items[slot_order[x]].order, oy = sort_items[slot_order[y]].order;
    if (ox != oy) return ox < oy ? -1 : 1;
    return (x > y) - (x < y);
}

/* "64K", "256M", "1G", "1000": bytes, or 0 when malformed. */
static unsigned long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-') return 0;
    int shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    else if (*end == 'T' || *end == 't') shift = 40;
    if (shift) end++;
    if (*end == 'i' && shift) end++;
    if ((*end == 'B' || *end == 'b') && shift) end++;
    if (*end || v > (~0ULL >> shift)) return 0;
    return v << shift;
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

/* The gazetteers of -e DIR, or the default ones; when they cannot be
 * loaded, say where they were looked for and how to point elsewhere. */
static dossier_lexicon *load_lexicon(const char *given, dossier_error *err)
{
    char dir[4096], looked[8192];
    if (given) {
        snprintf(dir, sizeof(dir), "%s", given);
        snprintf(looked, sizeof(looked), "%s (-e)", given);
    } else if (dossier_lexicon_default_dir(dir, sizeof(dir), looked, sizeof(looked)) != 0) {
        fputs("dossier: the path of the gazetteers is too long; give them with -e DIR\n", stderr);
        err->code = DOSSIER_EIO;
        return NULL;
    }
    dossier_lexicon *lex = dossier_lexicon_load(dir, err);
    if (!lex) {
        die_err(err);
        if (err->code == DOSSIER_EIO)
            sayf("the gazetteers (entities/) were looked for in %s; give their "
                 "directory with -e DIR or DOSSIER_ENTITIES=DIR",
                 looked);
    }
    return lex;
}

/* The output options shared by extract and merge: 1 handled, 0 not an
 * export option, -1 a bad value (reported). */
enum { OPT_VIEW = 0x200, OPT_TOP, OPT_MIN_WEIGHT, OPT_SVG, OPT_JSON, OPT_FTM, OPT_TL_MIN }; /* clear of the letters */
#define EXPORT_LONGOPTS                                                                    \
    {"view", required_argument, NULL, OPT_VIEW}, {"top", required_argument, NULL, OPT_TOP}, \
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT}, {"svg", no_argument, NULL, OPT_SVG}, \
        {"json", no_argument, NULL, OPT_JSON}, {"ftm", no_argument, NULL, OPT_FTM}, \
        {"timeline-min-accounts", required_argument, NULL, OPT_TL_MIN}, {"jobs", required_argument, NULL, 'j'}
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
        sayf("--view: expected network, people, events or full, found '%s'", arg);
        return -1;
    case OPT_TOP:
    case OPT_MIN_WEIGHT:
    case OPT_TL_MIN:
        v = strtol(arg, &end, 10);
        if (*end || end == arg || v < 1 || v > 100000) {
            sayf("--%s: expected a number from 1 to 100000, found '%s'",
                 c == OPT_TOP ? "top" : c == OPT_MIN_WEIGHT ? "min-weight" : "timeline-min-accounts", arg);
            return -1;
        }
        if (c == OPT_TOP) xo->top = (unsigned)v;
        else if (c == OPT_MIN_WEIGHT) xo->min_weight = (unsigned)v;
        else xo->timeline_min_accounts = (unsigned)v;
        return 1;
    case OPT_SVG: xo->svg = 1; return 1;
    case OPT_JSON: xo->json = 1; return 1;
    case OPT_FTM: xo->ftm = 1; return 1;
    case 'j':
        v = strtol(arg, &end, 10);
        if (*end || end == arg || v < 1 || v > 256) {
            sayf("--jobs: expected a number from 1 to 256, found '%s'", arg);
            return -1;
        }
        xo->jobs = (int)v;
        return 1;
    case 'G':
        if (strcmp(arg, "1.2draft") == 0 || strcmp(arg, "1.2") == 0) xo->gexf_12 = 1;
        else if (strcmp(arg, "1.3") == 0) xo->gexf_12 = 0;
        else {
            sayf("--gexf-version: expected 1.3 or 1.2draft, found '%s'", arg);
            return -1;
        }
        return 1;
    default: return 0;
    }
}

/* getopt_long's errors, said the way dossier's are (opterr is 0): an
 * unknown option, or one without its value. */
static int option_error(const char *cmd, int c, char *const *argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    char name[64];
    if (strncmp(arg, "--", 2) == 0) {
        size_t n = strcspn(arg, "=");
        snprintf(name, sizeof(name), "%.*s", n < 60 ? (int)n : 60, arg);
    } else if (optopt > ' ' && optopt < 0x7f) {
        snprintf(name, sizeof(name), "-%c", optopt);
    } else {
        snprintf(name, sizeof(name), "%.60s", arg);
    }
    if (c == ':') sayf("%s: option '%s' needs a value (see 'dossier %s --help')", cmd, name, cmd);
    else sayf("%s: unknown option '%s' (see 'dossier %s --help')", cmd, name, cmd);
    return DOSSIER_EUSAGE;
}


/* YYYY-MM-DD naming a day that exists (1938-02-30 does not; Gregorian leap
 * years). */
static int calendar_date(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9')) return 0;
    if (s[10]) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},      {"entities", required_argument, NULL, 'e'},
        {"dct", required_argument, NULL, 'D'},      {"quiet", no_argument, NULL, 'q'},
        {"dct-file", required_argument, NULL, 'F'},
        {"partial", required_argument, NULL, 'P'},  {"no-output", no_argument, NULL, 0x310},
        {"excel", no_argument, NULL, 'X'},          {"gexf-version", required_argument, NULL, 'G'},
        {"strict", no_argument, NULL, 'S'},         {"help", no_argument, NULL, 'h'},
        {"stats", no_argument, NULL, 'T'},          {"name", required_argument, NULL, 'N'},
        {"max-member", required_argument, NULL, 0x300}, {"max-archive", required_argument, NULL, 0x301},
        {"max-members", required_argument, NULL, 0x302}, {"max-depth", required_argument, NULL, 0x303},
        {"tmp-dir", required_argument, NULL, 'M'},  EXPORT_LONGOPTS,
        {NULL, 0, NULL, 0}};
    const char *cmd = candidates_mode ? "candidates" : "extract";
    const char *out = "out", *entities = NULL, *dct = NULL, *partial = NULL, *dct_file = NULL;
    const char *tmp_dir = NULL;
    const char *stdin_name = "stdin";
    int name_given = 0;
    int strict = 0, stats = 0, no_output = 0;
    dossier_limits limits;
    memset(&limits, 0, sizeof(limits));
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:e:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'e': entities = optarg; break;
        case 'D':
            if (!calendar_date(optarg)) {
                sayf("--dct: expected a calendar date YYYY-MM-DD, found '%s'", optarg);
                return DOSSIER_EUSAGE;
            }
            dct = optarg;
            break;
        case 'F': dct_file = optarg; break;
        case 'q': quiet = 1; break;
        case 'P': partial = optarg; break;
        case 0x310: no_output = 1; break;
        case 'X': xo.excel = 1; break;
        case 'S': strict = 1; break;
        case 'T': stats = 1; break;
        case 'M': tmp_dir = optarg; break;
        case 'N':
            if (!*optarg || strpbrk(optarg, "\t\n\r")) {
                sayf("--name: expected a name for standard input (no tab or line break), found '%s'", optarg);
                return DOSSIER_EUSAGE;
            }
            stdin_name = optarg;
            name_given = 1;
            break;
        case 0x300:
        case 0x301:
        case 0x302:
        case 0x303: {
            unsigned long long v = parse_size(optarg);
            if (!v || (c == 0x303 && v > 64) || (c == 0x302 && strspn(optarg, "0123456789") != strlen(optarg))) {
                sayf("--%s: expected %s, found '%s'",
                     c == 0x300 ? "max-member" : c == 0x301 ? "max-archive" : c == 0x302 ? "max-members" : "max-depth",
                     c == 0x303 ? "a number from 1 to 64" : c == 0x302 ? "a number from 1 on" : "a size such as 64M or 2G",
                     optarg);
                return DOSSIER_EUSAGE;
            }
            if (c == 0x300) limits.member_bytes = v;
            else if (c == 0x301) limits.total_bytes = v;
            else if (c == 0x302) limits.members = v;
            else limits.depth = (unsigned)v;
            break;
        }
        case 'h':
            if (candidates_mode) candidates_help(stdout);
            else extract_help(stdout);
            return 0;
        case '?':
        case ':': return option_error(cmd, c, argv);
        default:
            if (export_option(c, optarg, &xo) > 0) break;
            return DOSSIER_EUSAGE;
        }
    }
    if (optind >= argc) {
        sayf("%s: expected at least one INPUT, a file, a directory or - (see 'dossier %s --help')", cmd, cmd);
        return DOSSIER_EUSAGE;
    }
    dossier_options opt;
    memset(&opt, 0, sizeof(opt));
    opt.dct = dct;
    opt.stdin_name = stdin_name;
    opt.dct_from = "--dct";
    opt.limits = limits;
    opt.strict = strict;
    /* the inputs in sorted order: which of two names of one file is kept
     * does not depend on the order they were given in */
    qsort(argv + optind, (size_t)(argc - optind), sizeof(char *), cmp_str);
    inputs paths;
    memset(&paths, 0, sizeof(paths));
    int skipped = 0, status = 0;
    walker w;
    memset(&w, 0, sizeof(w));
    w.in = &paths;
    w.skipped = &skipped;
    w.opt = &opt;
    struct stat ost;
    if (!candidates_mode && !partial && stat(out, &ost) == 0 && S_ISDIR(ost.st_mode)) {
        w.out_dev = ost.st_dev;
        w.out_ino = ost.st_ino;
        w.out_known = 1;
    }
    int stdin_seen = 0;
    for (int i = optind; i < argc && !status; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") == 0) {
            if (stdin_seen++) warn("%s: standard input given twice, read once", "-");
            else add_input(&paths, strdup("-"));
        } else if (stat(argv[i], &st) != 0) {
            /* "archive.zip:member" names one member */
            if (strchr(argv[i], ':')) {
                add_input(&paths, strdup(argv[i]));
                continue;
            }
            warn("%s: cannot read: %s", argv[i], strerror(errno));
            skipped++;
            input *it = add_input(&paths, strdup(argv[i]));
            it->stub = dossier_docresult_new_skipped(argv[i], DOSSIER_DOC_FAILED, 0, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            size_t docs = paths.documents, others = paths.others, n_exts = paths.n_exts;
            struct ext_count before[64];
            memcpy(before, paths.exts, sizeof(before));
            walk(&w, argv[i], &st, 0);
            if (paths.documents == docs && paths.others > others) {
                /* what this directory held: its own counts */
                struct ext_count mine[64];
                size_t n = 0;
                for (size_t e = 0; e < paths.n_exts; e++) {
                    size_t had = e < n_exts ? before[e].n : 0;
                    if (paths.exts[e].n > had) {
                        mine[n] = paths.exts[e];
                        mine[n++].n -= had;
                    }
                }
                qsort(mine, n, sizeof(mine[0]), ext_cmp);
                char kinds[600];
                size_t kl = 0;
                for (size_t e = 0; e < n && e < 8 && kl < sizeof(kinds); e++)
                    kl += (size_t)snprintf(kinds + kl, sizeof(kinds) - kl, "%s %s \xC3\x97%zu", e ? "," : "",
                                           mine[e].ext, mine[e].n);
                sayf("%s: %zu file%s, none of a readable type:%s%s", argv[i], paths.others - others,
                     paths.others - others == 1 ? "" : "s", kinds, n > 8 ? ", ..." : "");
                sayf("dossier reads .txt .text .html .htm .xhtml .xml .pdf .docx .odt .epub, "
                     "and those inside .zip .tar .tar.gz .tgz .tar.bz2 .tar.xz");
                status = DOSSIER_EIO;
            }
        } else if (S_ISREG(st.st_mode) && dossier_input_kind(argv[i]) == DOSSIER_INPUT_ARCHIVE) {
            if (!seen_file(&w, argv[i], &st)) add_archive(&paths, argv[i], &opt, &skipped);
        } else if (S_ISREG(st.st_mode)) {
            if (!seen_file(&w, argv[i], &st)) add_input(&paths, strdup(argv[i]));
        } else {
            add_input(&paths, strdup(argv[i])); /* a FIFO is read; a device is refused by the reader */
        }
    }
    for (size_t i = 0; i < w.names.len; i++) free(w.names.items[i]);
    free(w.names.items);
    free(w.files.slots);
    free(w.dirs.slots);
    /* the documents as the outputs name them (and sort them) */
    char **shown = calloc(paths.len + 1, sizeof(char *));
    if (!shown) exit(2);
    int reads_stdin = 0;
    size_t to_read = 0;
    for (size_t i = 0; i < paths.len; i++) {
        int is_stdin = strcmp(paths.items[i].path, "-") == 0;
        reads_stdin |= is_stdin;
        shown[i] = is_stdin ? (char *)stdin_name : paths.items[i].path;
        to_read += !paths.items[i].stub;
    }
    if (name_given && !reads_stdin) warn("--name %s: no standard input (-) among the inputs, ignored", stdin_name);
    if (!status && strict && skipped) {
        sayf("%d input(s) could not be read (--strict)", skipped);
        status = DOSSIER_EIO;
    } else if (!status && !to_read) {
        /* an empty directory (or one of other kinds of files) must not
         * replace good outputs with empty ones */
        if (paths.others)
            sayf("no document to read (%zu file(s) of other types skipped); nothing written", paths.others);
        else
            sayf("no document to read in the input(s) given; nothing written");
        status = DOSSIER_EIO;
    }
    dossier_error err = {0};
    dossier_lexicon *lex = NULL;
    dossier_dct_table *dates = NULL;
    if (stats) dossier_stats_enable();
    dossier_stats_phase(NULL);
    if (!status && dct_file && !(dates = dossier_dct_table_load(dct_file, &err))) {
        die_err(&err);
        status = err.code ? err.code : DOSSIER_EDATA;
    }
    if (!status) {
        lex = load_lexicon(entities, &err);
        if (!lex) {
            status = err.code ? err.code : DOSSIER_EDATA;
        }
    }
    dossier_stats_phase("load");
    dossier_corpus *corpus = dossier_corpus_new();
    if (dossier_corpus_spill_in(corpus, tmp_dir, &err) && !quiet) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        sayf("%s; results stay in memory", msg);
    }
    if (!status) {
        job j;
        memset(&j, 0, sizeof(j));
        j.lex = lex;
        j.opt = &opt;
        j.dates = dates;
        atomic_init(&j.unlisted, 0);
        j.items = paths.items;
        j.n = paths.len;
        j.corpus = corpus;
        j.discard = no_output;
        j.ok = calloc(paths.len + 1, 1);
        j.warnings = calloc(paths.len + 1, sizeof(char *));
        j.errors = calloc(paths.len + 1, sizeof(*j.errors));
        atomic_init(&j.next, 0);
        atomic_init(&j.done, 0);
        j.order = calloc(paths.len + 1, sizeof(size_t));
        if (!j.ok || !j.warnings || !j.errors || !j.order) exit(2);
        for (size_t i = 0; i < paths.len; i++) j.order[i] = i;
        sort_shown = shown;
        sort_items = paths.items;
        qsort(j.order, paths.len, sizeof(size_t), path_cmp);
        sort_shown = NULL;
        /* members of one archive: a run of slots, taken in the archive's order */
        j.dispatch = calloc(paths.len + 1, sizeof(size_t));
        slot_group = calloc(paths.len + 1, sizeof(size_t));
        if (!j.dispatch || !slot_group) exit(2);
        for (size_t k = 0; k < paths.len; k++) {
            j.dispatch[k] = k;
            long a = paths.items[j.order[k]].archive;
            slot_group[k] = a >= 0 && k > 0 && paths.items[j.order[k - 1]].archive == a ? slot_group[k - 1] : k;
        }
        slot_order = j.order;
        qsort(j.dispatch, paths.len, sizeof(size_t), dispatch_cmp);
        free(slot_group);
        slot_group = NULL;
        sort_items = NULL;
        /* the outputs: merged while documents are being extracted */
        if (!candidates_mode && !partial && !no_output) {
            const char **slot_paths = calloc(paths.len + 1, sizeof(char *));
            if (!slot_paths) exit(2);
            for (size_t k = 0; k < paths.len; k++) slot_paths[k] = shown[j.order[k]];
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
        dossier_error serr = {0};
        if (dossier_corpus_spill_failed(corpus, &serr)) { /* a full disk: said, not hidden */
            char msg[1200];
            dossier_error_format(&serr, msg, sizeof(msg));
            warn("%s", msg);
        }
        if (progress && paths.len > 1) fputc('\n', stderr);
        free(th);
        size_t read_ok = 0;
        for (size_t i = 0; i < paths.len; i++) {
            if (j.ok[i] == 2) continue; /* reported by the walk */
            if (j.ok[i]) {
                read_ok++;
                if (j.warnings[i]) warn("%s: %s", shown[i], j.warnings[i]);
                free(j.warnings[i]);
            } else {
                char msg[1200];
                dossier_error_format(&j.errors[i], msg, sizeof(msg));
                if (strict) sayf("%s", msg);
                else warn("%s", msg);
                skipped++;
            }
        }
        size_t unlisted = atomic_load(&j.unlisted);
        if (unlisted && !quiet)
            fprintf(stderr, "dossier: --dct-file: %zu document(s) not listed there, dated by %s\n", unlisted,
                    dct ? "--dct" : "their metadata or their text, if at all");
        free(j.ok);
        free(j.order);
        free(j.dispatch);
        free(j.warnings);
        free(j.errors);
        if (strict && skipped) {
            sayf("%d input(s) skipped; nothing written (--strict)", skipped);
            status = DOSSIER_EIO;
        } else if (!read_ok) {
            sayf("no input could be read; nothing written");
            status = DOSSIER_EIO;
        }
    }
    if (!status && !no_output) {
        if (!candidates_mode && !partial) say_if_busy(out);
        int st = candidates_mode ? dossier_corpus_write_candidates(corpus, stdout, &err)
                 : partial       ? dossier_corpus_write_partial(corpus, partial, &err)
                                 : dossier_corpus_export(corpus, out, &xo, &err);
        if (st) {
            die_err(&err);
            status = st;
        } else if (skipped && !quiet) {
            sayf("%d input(s) skipped (see the warnings above)", skipped);
        }
    }
    if (stats) dossier_stats_print(stderr);
    dossier_corpus_free(corpus);
    dossier_lexicon_free(lex);
    dossier_dct_table_free(dates);
    for (size_t i = 0; i < paths.len; i++) {
        free(paths.items[i].path);
        dossier_docresult_free(paths.items[i].stub);
    }
    free(paths.items);
    free(shown);
    return status;
}

static int cmd_merge(int argc, char **argv)
{
    static const struct option longopts[] = {{"out", required_argument, NULL, 'o'},
                                             {"excel", no_argument, NULL, 'X'},
                                             {"gexf-version", required_argument, NULL, 'G'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             EXPORT_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    const char *out = "out";
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'X': xo.excel = 1; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(merge_help, stdout);
            fputs("  -j, --jobs N           outputs written N at a time (default: 1)\n", stdout);
            fputs(output_help, stdout);
            return 0;
        case '?':
        case ':': return option_error("merge", c, argv);
        default:
            if (export_option(c, optarg, &xo) > 0) break;
            return DOSSIER_EUSAGE;
        }
    }
    if (optind >= argc) {
        fputs("dossier: merge: expected at least one PARTIAL file (see 'dossier merge --help')\n", stderr);
        return DOSSIER_EUSAGE;
    }
    dossier_corpus *corpus = dossier_corpus_new();
    dossier_error err = {0};
    int status = 0;
    /* the shards are read back from their files; the spill keeps the merged
     * graph's sentences out of memory ($TMPDIR) */
    if (dossier_corpus_spill_in(corpus, NULL, &err) && !quiet) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        sayf("%s; the sentences stay in memory", msg);
    }
    memset(&err, 0, sizeof(err));
    /* each shard once: by (device, inode), then by its documents' rows */
    qsort(argv + optind, (size_t)(argc - optind), sizeof(char *), cmp_str);
    inode_set shards = {0};
    for (int i = optind; i < argc && !status; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0) {
            size_t first = inode_add(&shards, st.st_dev, st.st_ino, (size_t)i);
            if (first != SIZE_MAX) {
                warn("%s: the same partial result as %s, merged once", argv[i], argv[first]);
                continue;
            }
        }
        size_t dup = dossier_corpus_duplicates(corpus);
        if (dossier_corpus_read_partial(corpus, argv[i], &err)) {
            die_err(&err);
            status = err.code;
        } else if (dossier_corpus_duplicates(corpus) > dup) {
            warn("%s: %zu document(s) already merged from another partial result, counted once", argv[i],
                 dossier_corpus_duplicates(corpus) - dup);
        }
    }
    free(shards.slots);
    if (!status) say_if_busy(out);
    if (!status && dossier_corpus_export(corpus, out, &xo, &err)) {
        die_err(&err);
        status = err.code;
    }
    dossier_error serr = {0};
    if (!status && dossier_corpus_spill_failed(corpus, &serr)) { /* a full disk: said, not hidden */
        char msg[1200];
        dossier_error_format(&serr, msg, sizeof(msg));
        warn("%s", msg);
    }
    dossier_corpus_free(corpus);
    return status;
}

static int cmd_text(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(text_help, stdout);
        return 0;
    }
    if (argc != 2 || (argv[1][0] == '-' && argv[1][1])) {
        fputs("dossier: text: expected one FILE (see 'dossier text --help')\n", stderr);
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
    sayf("unknown command '%s': expected extract, merge, text or candidates (see 'dossier --help')", cmd);
    return DOSSIER_EUSAGE;
}

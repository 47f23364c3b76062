/* test_pipeline.c - the whole library on the sample corpus: every CSV
 * re-parsed strictly with libcsv, and what a historian must find there. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvio.h"
#include "export/writer.h"
#include "reduce/corpus.h"
#include "reduce/merge.h"
#include "slurp.h"
#include "tap.h"

typedef struct {
    size_t ncols, rows, bad_width, formula;
    DX_VEC(char *) cells; /* all cells, row-major, for the assertions */
    char **header;
    int check_formula_from; /* first text column index to check */
} table;

static int row_fn(void *ud, char **f, size_t n, long line, dossier_error *err)
{
    (void)line;
    (void)err;
    table *t = ud;
    if (!t->ncols) {
        t->ncols = n;
        t->header = xcalloc(n, sizeof(char *));
        for (size_t i = 0; i < n; i++) t->header[i] = xstrdup(f[i]);
        return 0;
    }
    if (n != t->ncols) t->bad_width++;
    for (size_t i = 0; i < n; i++) {
        char c = f[i][0];
        int numeric_col = strcmp(t->header[i < t->ncols ? i : 0], "start") == 0 ||
                          strcmp(t->header[i < t->ncols ? i : 0], "end") == 0;
        if (!numeric_col && (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'))
            t->formula++;
        DX_PUSH(t->cells, xstrdup(f[i]));
    }
    t->rows++;
    return 0;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->cells.len; i++) free(t->cells.items[i]);
    DX_FREE(t->cells);
    for (size_t i = 0; i < t->ncols; i++) free(t->header[i]);
    free(t->header);
}

static const char *cell(const table *t, size_t row, const char *col)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->header[c], col) == 0) return t->cells.items[row * t->ncols + c];
    return "";
}

static int load(const char *dir, const char *name, table *t)
{
    memset(t, 0, sizeof(*t));
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    dossier_error err;
    int st = dx_csv_read(path, row_fn, t, &err);
    CHECK(st == 0, "%s parses strictly with libcsv: %s", name, st ? err.message : "");
    CHECK(t->bad_width == 0, "%s: every row has the header's %zu fields", name, t->ncols);
    CHECK(t->formula == 0, "%s: no cell starts like a formula (%zu do)", name, t->formula);
    return st;
}

static int has_entity(const table *ents, const char *label, const char *type)
{
    for (size_t r = 0; r < ents->rows; r++)
        if (strcmp(cell(ents, r, "Label"), label) == 0 && strcmp(cell(ents, r, "Type"), type) == 0)
            return 1;
    return 0;
}

static void rm_dir(const char *dir)
{
    DIR *dd = opendir(dir);
    struct dirent *de;
    while (dd && (de = readdir(dd))) {
        if (de->d_name[0] == '.') continue;
        char p[600];
        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        unlink(p);
    }
    if (dd) closedir(dd);
    rmdir(dir);
}

/* Documents merged as they come (spilled, slots filled in reverse) give
 * the bytes of documents added one by one; with distinct paths the spill
 * keeps only what the outputs need, so the corpus cannot become a shard;
 * with a path given twice it keeps everything and can. */
static void streamed(const dossier_lexicon *lex)
{
    static const char *const paths[] = {"tests/corpus/bukharin-trial-qa.txt",
                                        "tests/corpus/case-of-bukharin-intro.txt",
                                        "tests/corpus/sousa-purges-and-trials.txt"};
    static const char *const outs[] = {"mentions.csv", "timeline.csv", "entities.csv", "relations.csv",
                                       "graph.gexf", "graph.dot"};
    dossier_error err;
    memset(&err, 0, sizeof(err));
    char da[] = "/tmp/dossier-stream-a-XXXXXX", db[] = "/tmp/dossier-stream-b-XXXXXX";
    CHECK(mkdtemp(da) && mkdtemp(db), "temp dirs");
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    dossier_corpus *one = dossier_corpus_new(), *st = dossier_corpus_new();
    CHECK(dossier_corpus_spill(st, &err) == 0, "spill: %s", err.message);
    dossier_corpus_expect(st, 3, paths);
    for (size_t i = 0; i < 3; i++) {
        dossier_corpus_add(one, dossier_extract_file(lex, paths[i], NULL, &err));
        dossier_corpus_add_at(st, 2 - i, dossier_extract_file(lex, paths[2 - i], NULL, &err));
    }
    CHECK(dossier_corpus_export(one, da, &xo, &err) == 0, "export one by one: %s", err.message);
    CHECK(dossier_corpus_export(st, db, &xo, &err) == 0, "export streamed: %s", err.message);
    for (size_t k = 0; k < sizeof(outs) / sizeof(outs[0]); k++) {
        char pa[600], pb[600];
        snprintf(pa, sizeof(pa), "%s/%s", da, outs[k]);
        snprintf(pb, sizeof(pb), "%s/%s", db, outs[k]);
        size_t na = 0, nb = 0;
        char *a = slurp(pa, &na), *b = slurp(pb, &nb);
        CHECK(a && b && na > 100 && na == nb && memcmp(a, b, na) == 0, "streamed %s = one by one (%zu, %zu bytes)",
              outs[k], na, nb);
        free(a);
        free(b);
    }
    char part[700];
    snprintf(part, sizeof(part), "%s/shard.part", db);
    CHECK(dossier_corpus_write_partial(st, part, &err) != 0 && strstr(err.message, "--partial"),
          "a lean stream is no shard: %s", err.message);
    dossier_corpus_free(st);
    /* the same path twice: every row spilled, a shard can be written */
    static const char *const twice[] = {paths[0], paths[0]};
    st = dossier_corpus_new();
    memset(&err, 0, sizeof(err));
    CHECK(dossier_corpus_spill(st, &err) == 0, "spill: %s", err.message);
    dossier_corpus_expect(st, 2, twice);
    for (size_t i = 0; i < 2; i++) dossier_corpus_add_at(st, i, dossier_extract_file(lex, twice[i], NULL, &err));
    CHECK(dossier_corpus_write_partial(st, part, &err) == 0, "a path given twice keeps whole rows: %s",
          err.message);
    struct stat sb;
    CHECK(stat(part, &sb) == 0 && sb.st_size > 1000, "the shard is written (%lld bytes)", (long long)sb.st_size);
    dossier_corpus_free(st);
    dossier_corpus_free(one);
    rm_dir(da);
    rm_dir(db);
}

/* Mentions whose text length (as the result gives it to the spill) is not
 * the text's. */
static size_t wrong_text_lens(const dossier_docresult *r)
{
    size_t wrong = 0;
    for (size_t i = 0; i < r->ments.len; i++)
        wrong += r->ments.items[i].text_len && r->ments.items[i].text_len != strlen(r->ments.items[i].text);
    return wrong;
}

int main(void)
{
    dossier_error err;
    memset(&err, 0, sizeof(err));
    dossier_lexicon *lex = dossier_lexicon_load("entities", &err);
    CHECK(lex != NULL, "lexicon loads: %s", err.message);
    if (!lex) return tap_done();
    dossier_corpus *c = dossier_corpus_new();
    static const char *const files[] = {"bukharin-stalins-victim.txt", "bukharin-trial-qa.txt",
                                        "case-of-bukharin-intro.txt", "sousa-purges-and-trials.txt",
                                        "trotsky-dewey-thirteenth-session.txt"};
    for (size_t i = 0; i < 5; i++) {
        char path[256];
        snprintf(path, sizeof(path), "tests/corpus/%s", files[i]);
        dossier_docresult *r = dossier_extract_file(lex, path, NULL, &err);
        CHECK(r != NULL, "%s extracts", path);
        if (r) CHECK(wrong_text_lens(r) == 0, "%s: each mention's text length is its text's", path);
        if (r) dossier_corpus_add(c, r);
    }
    /* names across a line break or a tab, some at the text's very end (the
     * last 16 bytes are copied otherwise) */
    static const char text[] = "Nikolai\nBukharin met Joseph\tStalin in Moscow on 3 March 1938.\r\n"
                               "Alexei\r\nRykov and Genrikh Yagoda. Bukharin";
    dossier_docresult *mr = dossier_extract_memory(lex, "m.txt", text, sizeof(text) - 1, NULL, &err);
    CHECK(mr && mr->ments.len >= 5 && wrong_text_lens(mr) == 0, "spans across line breaks: text lengths right");
    for (size_t i = 0; mr && i < mr->ments.len; i++)
        CHECK(!strpbrk(mr->ments.items[i].text, "\t\r\n"), "a mention's text on one line: '%s'",
              mr->ments.items[i].text);
    dossier_docresult_free(mr);
    char dir[] = "/tmp/dossier-pipeline-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "temp dir");
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    CHECK(dossier_corpus_export(c, dir, &xo, &err) == 0, "export: %s", err.message);

    table ents, ments, tl, tjs, rels, evs;
    load(dir, "entities.csv", &ents);
    load(dir, "mentions.csv", &ments);
    load(dir, "timeline.csv", &tl);
    load(dir, "timelinejs.csv", &tjs);
    load(dir, "relations.csv", &rels);
    load(dir, "events.csv", &evs);

    CHECK(has_entity(&ents, "Nikolai Bukharin", "person"), "Bukharin is a person");
    CHECK(has_entity(&ents, "Alexei Rykov", "person"), "Rykov is a person");
    CHECK(has_entity(&ents, "Genrikh Yagoda", "person"), "Yagoda is a person");
    CHECK(has_entity(&ents, "Leon Trotsky", "person"), "Trotsky is a person");
    CHECK(has_entity(&ents, "NKVD", "organization"), "the NKVD is an organisation");
    CHECK(has_entity(&ents, "Moscow", "place"), "Moscow is a place");

    /* "VYSHINSKY:" speaker labels link to Vyshinsky */
    size_t vysh = 0;
    for (size_t r = 0; r < ments.rows; r++)
        if (strcmp(cell(&ments, r, "text"), "VYSHINSKY") == 0 &&
            strcmp(cell(&ments, r, "entity_label"), "Andrey Vyshinsky") == 0)
            vysh++;
    CHECK(vysh >= 10, "speaker labels VYSHINSKY link to Andrey Vyshinsky (%zu)", vysh);

    /* the 1938 trial and the verdict of 13 March 1938 */
    int trial38 = 0, verdict = 0, alleged = 0;
    for (size_t r = 0; r < tl.rows; r++) {
        const char *type = cell(&tl, r, "type"), *date = cell(&tl, r, "date");
        if (strcmp(type, "TRIAL") == 0 && strncmp(date, "1938", 4) == 0) trial38 = 1;
        if (strcmp(type, "SENTENCE") == 0 && strcmp(date, "1938-03-13") == 0 &&
            strstr(cell(&tl, r, "patients"), "Bukharin"))
            verdict = 1;
        if (strcmp(cell(&tl, r, "modality"), "ALLEGED") == 0 && cell(&tl, r, "source")[0]) alleged++;
    }
    CHECK(trial38, "a TRIAL event dated 1938");
    CHECK(verdict, "the SENTENCE of Bukharin on 1938-03-13");
    CHECK(alleged >= 10, "alleged events carry who alleges them (%d)", alleged);
    /* accounts aggregated into events: fewer events than accounts, every
     * account's event is a row of events.csv, whose account counts add up */
    size_t anchored = 0, counted = 0, dated_events = 0, bare = 0, contested = 0;
    for (size_t r = 0; r < tl.rows; r++) anchored += cell(&tl, r, "event")[0] != 0;
    for (size_t r = 0; r < evs.rows; r++) {
        counted += (size_t)atol(cell(&evs, r, "accounts"));
        dated_events += cell(&evs, r, "date")[0] != 0;
        contested += strcmp(cell(&evs, r, "contested"), "true") == 0;
    }
    CHECK(evs.rows > 0 && evs.rows < anchored, "events.csv: %zu events of %zu anchored accounts", evs.rows,
          anchored);
    CHECK(counted == anchored, "events.csv's accounts add up to timeline.csv's rows with an event (%zu vs %zu)",
          counted, anchored);
    CHECK(contested > 0, "some events are contested (%zu)", contested);
    int kirov = 0;
    for (size_t r = 0; r < evs.rows; r++)
        if (strcmp(cell(&evs, r, "headline"), "Assassination of Sergei Kirov") == 0 &&
            atol(cell(&evs, r, "documents")) >= 2 && atol(cell(&evs, r, "accounts")) >= 10)
            kirov = 1;
    CHECK(kirov, "the assassination of Kirov is one event told by many accounts in several documents");
    size_t slides = 0;
    for (size_t r = 0; r < tjs.rows; r++) {
        if (strcmp(cell(&tjs, r, "Type"), "title") == 0) continue;
        slides++;
        /* a real headline, never a bare type word */
        bare += strchr(cell(&tjs, r, "Headline"), ' ') == NULL;
    }
    CHECK(slides > 0 && slides == dated_events, "timelinejs.csv has one slide per dated event (%zu vs %zu)",
          slides, dated_events);
    CHECK(bare == 0, "no TimelineJS headline is a bare type word (%zu)", bare);
    CHECK(strcmp(tjs.header[0], "Year") == 0 && tjs.ncols >= 18 && strcmp(tjs.header[17], "Background") == 0,
          "timelinejs.csv has TimelineJS's template headers");
    /* timeline.csv is in date order, undated last */
    int ordered = 1, seen_undated = 0;
    for (size_t r = 1; r < tl.rows; r++) {
        const char *a = cell(&tl, r - 1, "start"), *b = cell(&tl, r, "start");
        if (!b[0]) seen_undated = 1;
        else if (seen_undated || (a[0] && strcmp(a, b) > 0)) ordered = 0;
    }
    CHECK(ordered, "timeline.csv sorted by date, undated last");
    /* relations: directed derived relations exist, and co-occurrence */
    int accused = 0, cooc = 0;
    for (size_t r = 0; r < rels.rows; r++) {
        if (strcmp(cell(&rels, r, "relation"), "cooccurs") == 0) cooc++;
        else accused++;
    }
    CHECK(cooc > 50 && accused > 0, "relations: %d co-occurrence and %d derived", cooc, accused);

    table_free(&ents);
    table_free(&ments);
    table_free(&tl);
    table_free(&tjs);
    table_free(&evs);
    table_free(&rels);
    rm_dir(dir);
    dossier_corpus_free(c);
    streamed(lex);
    dossier_lexicon_free(lex);
    return tap_done();
}

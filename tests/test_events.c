/* test_events.c - walks tests/events.tsv: sentence -> expected event (type,
 * trigger, modality, agents, patients, source, date and its basis), and
 * checks the data loaders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/csvio.h"
#include "extract/events.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "tap.h"

/* A lexicon directory for the tests: every file of entities/, plus empty
 * gazetteers where the tree has none yet (names are then found by shape). */
static char lexdir[64];

static void write_file(const char *dir, const char *name, const char *content)
{
    char p[256];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (!f) return;
    fputs(content, f);
    fclose(f);
}

static void make_lexdir(void)
{
    snprintf(lexdir, sizeof(lexdir), "/tmp/dossier-evtest-XXXXXX");
    if (!mkdtemp(lexdir)) exit(2);
    static const char *const files[] = {"words.tsv", "given-names.tsv", "people.tsv", "organizations.tsv",
                                        "places.tsv", "triggers.tsv", "cues.tsv", "months.tsv",
                                        "dates.tsv", NULL};
    char cwd[512];
    if (!getcwd(cwd, sizeof(cwd))) exit(2);
    for (size_t i = 0; files[i]; i++) {
        char src[800], dst[256];
        snprintf(src, sizeof(src), "%s/entities/%s", cwd, files[i]);
        snprintf(dst, sizeof(dst), "%s/%s", lexdir, files[i]);
        if (access(src, R_OK) == 0) {
            if (symlink(src, dst) != 0) exit(2);
        }
    }
    static const char *const gaz[] = {"people.tsv", "organizations.tsv", "places.tsv"};
    for (size_t i = 0; i < 3; i++) {
        char dst[256];
        snprintf(dst, sizeof(dst), "%s/%s", lexdir, gaz[i]);
        if (access(dst, R_OK) != 0) write_file(lexdir, gaz[i], "id\tlabel\ttype\taliases\tstart\tend\troles\n");
    }
    char dst[256];
    snprintf(dst, sizeof(dst), "%s/given-names.tsv", lexdir);
    if (access(dst, R_OK) != 0) write_file(lexdir, "given-names.tsv", "name\n");
}

static void remove_lexdir(void)
{
    static const char *const files[] = {"words.tsv", "given-names.tsv", "people.tsv", "organizations.tsv",
                                        "places.tsv", "triggers.tsv", "cues.tsv", "months.tsv",
                                        "dates.tsv", NULL};
    for (size_t i = 0; files[i]; i++) {
        char p[256];
        snprintf(p, sizeof(p), "%s/%s", lexdir, files[i]);
        unlink(p);
    }
    rmdir(lexdir);
}

/* A text may start with "DCT=YYYY-MM-DD " for the document's date. */
static void run_pipeline(dx_doc *doc, const dx_lexicon *lex, const char *text)
{
    dx_doc_init(doc);
    dossier_error err;
    memset(&err, 0, sizeof(err));
    char dct[11] = "";
    if (!strncmp(text, "DCT=", 4) && strlen(text) > 15) {
        memcpy(dct, text + 4, 10);
        text += 15;
    }
    if (dx_read_memory("case.txt", text, strlen(text), doc, &err)) exit(2);
    dx_run_stages(doc, lex, dct[0] ? dct : NULL, DX_RUN_EVENTS, 0);
}

/* Does an entity label name the expected person? Compared on the last word,
 * so the test reads the same with or without a full gazetteer. */
static int names(const char *label, const char *want)
{
    const char *a = strrchr(label, ' ');
    a = a ? a + 1 : label;
    const char *b = strrchr(want, ' ');
    b = b ? b + 1 : want;
    return strcasecmp(a, b) == 0;
}

/* want: "-" (not checked), "none", or names separated by ';'. */
static int roles_match(const dx_doc *doc, const int32_t *v, size_t n, const char *want, char *got, size_t gotn)
{
    got[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(got);
        snprintf(got + l, gotn - l, "%s%s", i ? ";" : "", doc->ents.items[v[i]].label);
    }
    if (!strcmp(want, "-")) return 1;
    if (!strcmp(want, "none")) return n == 0;
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", want);
    size_t count = 0;
    for (char *tok = strtok(buf, ";"); tok; tok = strtok(NULL, ";")) {
        count++;
        int found = 0;
        for (size_t i = 0; i < n; i++) found |= names(doc->ents.items[v[i]].label, tok);
        if (!found) return 0;
    }
    return count == n;
}

typedef struct {
    const dx_lexicon *lex;
    int verbose;
} table_ctx;

static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static int case_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    (void)err;
    table_ctx *tc = ud;
    char *text = xstrdup(f[0]);
    unescape(text);
    dx_doc doc;
    run_pipeline(&doc, tc->lex, text);
    const char *type = f[1], *trig = f[2], *mod = f[3], *agents = f[4], *patients = f[5], *source = f[6];
    /* "trigger#2": the second event with this trigger */
    int nth = 1;
    char *hash = strchr(f[2], '#');
    if (hash) {
        nth = atoi(hash + 1);
        *hash = '\0';
    }
    const dx_event *hit = NULL;
    for (size_t i = 0; i < doc.events.len; i++) {
        const dx_event *e = &doc.events.items[i];
        size_t n = e->trig_end - e->trig_start;
        if (strlen(trig) == n && !strncmp(doc.text + e->trig_start, trig, n) &&
            (!strcmp(type, "NONE") || !strcmp(dx_ev_type_name(e->type), type)))
            if (--nth == 0) hit = e;
    }
    if (tc->verbose)
        for (size_t i = 0; i < doc.events.len; i++) {
            const dx_event *e = &doc.events.items[i];
            printf("# %s:%ld %s '%.*s' %s src=%s%s date=%s/%s\n", file, line, dx_ev_type_name(e->type),
                   (int)(e->trig_end - e->trig_start), doc.text + e->trig_start, dx_modality_name(e->modality),
                   e->source_ent >= 0 ? doc.ents.items[e->source_ent].label : "", e->source, e->date,
                   dx_date_basis_name(e->date_basis));
        }
    if (!strcmp(type, "NONE")) {
        CHECK(!hit, "%s:%ld: no event expected at '%s'", file, line, trig);
    } else if (!hit) {
        CHECK(0, "%s:%ld: no %s event at '%s'", file, line, type, trig);
    } else {
        CHECK(!strcmp(dx_modality_name(hit->modality), mod), "%s:%ld: '%s' modality %s, expected %s", file,
              line, trig, dx_modality_name(hit->modality), mod);
        char got[1024];
        CHECK(roles_match(&doc, hit->agents, hit->n_agents, agents, got, sizeof(got)),
              "%s:%ld: '%s' agents [%s], expected [%s]", file, line, trig, got, agents);
        CHECK(roles_match(&doc, hit->patients, hit->n_patients, patients, got, sizeof(got)),
              "%s:%ld: '%s' patients [%s], expected [%s]", file, line, trig, got, patients);
        if (strcmp(source, "-") != 0) {
            const char *src = hit->source_ent >= 0 ? doc.ents.items[hit->source_ent].label : hit->source;
            int ok = !strcmp(source, "none") ? !src[0] : (names(src, source) || !strcasecmp(src, source));
            CHECK(ok, "%s:%ld: '%s' source '%s', expected '%s'", file, line, trig, src, source);
        }
        /* date: "-" or absent (not checked), "none", or VALUE/BASIS */
        if (nf > 7 && f[7][0] && strcmp(f[7], "-") != 0) {
            char dgot[80];
            snprintf(dgot, sizeof(dgot), "%s%s%s", hit->date, hit->date[0] ? "/" : "",
                     dx_date_basis_name(hit->date_basis));
            int ok = !strcmp(f[7], "none") ? !hit->date[0] : !strcmp(f[7], dgot);
            CHECK(ok, "%s:%ld: '%s' date '%s', expected '%s'", file, line, trig, dgot, f[7]);
        }
    }
    dx_doc_fini(&doc);
    free(text);
    return 0;
}

static void check_bad_data(void)
{
    char dir[64];
    snprintf(dir, sizeof(dir), "/tmp/dossier-evbad-XXXXXX");
    if (!mkdtemp(dir)) return;
    write_file(dir, "triggers.tsv", "trigger\ttype\tpos\tframe\tcharge\n# ok\narrested\tARREST\tv\ttr\t-\n"
                                    "shot\tSHOOTING\tv\ttr\t-\n");
    write_file(dir, "cues.tsv", "cue\tkind\nallegedly\tallegedly\n");
    struct dx_event_lex *ev = NULL;
    dossier_error err;
    memset(&err, 0, sizeof(err));
    int st = dx_event_lex_load(dir, &ev, &err);
    CHECK(st == DOSSIER_EDATA && err.line == 4 && strstr(err.file, "triggers.tsv") &&
              strstr(err.message, "event type"),
          "a bad event type is reported as triggers.tsv:4 (got %d, line %ld: %s)", st, err.line, err.message);
    CHECK(ev == NULL, "no lexicon on error");
    write_file(dir, "triggers.tsv", "trigger\ttype\tpos\tframe\tcharge\narrested\tARREST\tv\ttr\t-\n");
    write_file(dir, "cues.tsv", "cue\tkind\nallegedly\tmaybe\n");
    memset(&err, 0, sizeof(err));
    st = dx_event_lex_load(dir, &ev, &err);
    CHECK(st == DOSSIER_EDATA && err.line == 2 && strstr(err.file, "cues.tsv"),
          "a bad cue kind is reported as cues.tsv:2 (got %d, line %ld: %s)", st, err.line, err.message);
    write_file(dir, "cues.tsv", "kind\tcue\n");
    memset(&err, 0, sizeof(err));
    st = dx_event_lex_load(dir, &ev, &err);
    CHECK(st == DOSSIER_EDATA && err.line == 1, "a wrong header is reported (got %d: %s)", st, err.message);
    write_file(dir, "cues.tsv", "cue\tkind\nallegedly\tallegedly\n");
    memset(&err, 0, sizeof(err));
    st = dx_event_lex_load(dir, &ev, &err);
    CHECK(st == 0 && ev, "a good pair of files loads (%s)", err.message);
    dx_event_lex_free(ev);
    char p[128];
    snprintf(p, sizeof(p), "%s/triggers.tsv", dir);
    unlink(p);
    snprintf(p, sizeof(p), "%s/cues.tsv", dir);
    unlink(p);
    rmdir(dir);
}

int main(void)
{
    make_lexdir();
    dossier_error err;
    memset(&err, 0, sizeof(err));
    dx_lexicon *lex = dossier_lexicon_load(getenv("DOSSIER_TEST_ENTITIES") ? getenv("DOSSIER_TEST_ENTITIES")
                                                                            : lexdir,
                                           &err);
    CHECK(lex != NULL, "lexicon loads: %s:%ld: %s", err.file, err.line, err.message);
    if (lex) {
        table_ctx tc = {lex, getenv("VERBOSE") != NULL};
        static const char *const header[] = {"text", "type", "trigger", "modality", "agents", "patients",
                                             "source", NULL};
        int st = dx_tsv_load("tests/events.tsv", header, 7, case_row, &tc, &err);
        CHECK(st == 0, "tests/events.tsv loads: %s:%ld: %s", err.file, err.line, err.message);
        /* the finder is idempotent and leaves an empty document empty */
        dx_doc doc;
        run_pipeline(&doc, lex, "");
        CHECK(doc.events.len == 0, "no events in an empty document");
        dx_doc_fini(&doc);
        dossier_lexicon_free(lex);
    }
    check_bad_data();
    remove_lexdir();
    return tap_done();
}

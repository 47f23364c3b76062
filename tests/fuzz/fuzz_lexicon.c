/* fuzz_lexicon.c - libFuzzer target: the gazetteer and lexicon loader
 * (dossier_lexicon_load over dx_tsv_load). A temporary copy of a minimal
 * entities/ (small gazetteers, the project's dates, cues and triggers)
 * gets one file replaced by the input (the first byte picks which); a lexicon that loads is then used on a sentence. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../slurp.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define NFILES 8
static const char *const files[NFILES] = {"people.tsv",      "organizations.tsv", "places.tsv",
                                          "words.tsv",       "given-names.tsv",   "dates.tsv",
                                          "cues.tsv",        "triggers.tsv"};
/* the stages' own data (dates, cues, triggers): the project's files */
static char *project[NFILES];
static const char *const minimal[] = {
    "id\tlabel\ttype\taliases\tstart\tend\troles\nnikolai-bukharin\tNikolai Bukharin\tPERSON\tN.I. Bukharin|Bukharin\t1888\t1938-03-15\t\n",
    "id\tlabel\ttype\taliases\nnkvd\tNKVD\tORG\tPeople's Commissariat for Internal Affairs\n",
    "id\tlabel\ttype\taliases\nmoscow\tMoscow\tPLACE\tMoskva\n",
    "word\tclass\nMr\tabbrev|title\nThe\tstopcap\nCommittee\torghead\nof\tnameconnect\n",
    "name\tgender\nNikolai\tM\n"};

static char *project_file(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    size_t n;
    char *s = slurp(path, &n);
    if (!s) {
        fprintf(stderr, "fuzz: cannot read %s\n", path);
        abort();
    }
    return s;
}

static void lex_free_project(void)
{
    for (size_t i = 0; i < NFILES; i++) free(project[i]);
}

static void write_file(size_t i, const char *s, size_t n)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", fuzz_tmp_dir("lex"), files[i]);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(s, 1, n, fp) != n || fclose(fp) != 0) abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *lex_dir = fuzz_tmp_dir("lex");
    if (!project[5]) {
        const char *src = getenv("DOSSIER_ENTITIES");
#ifdef DOSSIER_ENTITIES_DIR
        if (!src || !*src) src = DOSSIER_ENTITIES_DIR;
#endif
        if (!src || !*src) src = "entities";
        for (size_t i = 5; i < NFILES; i++) project[i] = project_file(src, files[i]);
        atexit(lex_free_project);
    }
    size_t which = size ? data[0] % NFILES : 0;
    for (size_t i = 0; i < NFILES; i++) {
        const char *keep = i < 5 ? minimal[i] : project[i];
        if (i == which) write_file(i, (const char *)data + (size ? 1 : 0), size ? size - 1 : 0);
        else write_file(i, keep, strlen(keep));
    }
    dossier_error err = {0};
    dossier_lexicon *lex = dossier_lexicon_load(lex_dir, &err);
    if (!lex) {
        if (!err.code || !err.message[0]) abort();
        if (err.code == DOSSIER_EDATA && (!err.file[0] || err.line < 1)) abort(); /* FILE:LINE */
        return 0;
    }
    static const char text[] = "On 13 March 1938 N.I. Bukharin, of the Committee of the NKVD in Moscow, "
                               "met Mr. Nikolai Petrov.\n";
    dossier_docresult *r = dossier_extract_memory(lex, "probe.txt", text, sizeof(text) - 1, NULL, &err);
    dossier_docresult_free(r);
    dossier_lexicon_free(lex);
    return 0;
}

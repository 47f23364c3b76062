/* fuzz_common.h - shared set-up for the libFuzzer targets: the lexicon
 * (entities/ of the project, or $DOSSIER_ENTITIES), loaded once. */
#ifndef DOSSIER_FUZZ_COMMON_H
#define DOSSIER_FUZZ_COMMON_H
#include <dirent.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"

static inline dossier_lexicon *fuzz_lexicon(void)
{
    static dossier_lexicon *lex;
    if (lex) return lex;
    const char *dir = getenv("DOSSIER_ENTITIES");
#ifdef DOSSIER_ENTITIES_DIR
    if (!dir || !*dir) dir = DOSSIER_ENTITIES_DIR;
#endif
    if (!dir || !*dir) dir = "entities";
    dossier_error err = {0};
    lex = dossier_lexicon_load(dir, &err);
    if (!lex) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        fprintf(stderr, "fuzz: cannot load the lexicon (set DOSSIER_ENTITIES): %s\n", msg);
        abort();
    }
    return lex;
}

/* The first byte of an input picks the reader: txt, html or xml. */
static inline const char *fuzz_path(const unsigned char *data, size_t size)
{
    static const char *const names[] = {"fuzz.txt", "fuzz.html", "fuzz.xml", "fuzz.htm"};
    return size ? names[data[0] % 4] : names[0];
}

/* Every mention, token and sentence lies inside the text, in order. */
static inline void fuzz_check_doc(const dx_doc *d)
{
    for (size_t i = 0; i < d->toks.len; i++)
        if (d->toks.items[i].start >= d->toks.items[i].end || d->toks.items[i].end > d->len) abort();
    for (size_t i = 0; i < d->sents.len; i++)
        if (d->sents.items[i].start > d->sents.items[i].end || d->sents.items[i].end > d->len) abort();
    for (size_t i = 0; i < d->ments.len; i++)
        if (d->ments.items[i].start > d->ments.items[i].end || d->ments.items[i].end > d->len) abort();
}
/* Remove a flat temporary directory (at exit: no litter in /tmp). */
static inline void fuzz_rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    char path[512];
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' || (de->d_name[1] && strcmp(de->d_name, "..") != 0)) {
            snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

/* This target's temporary directory (/tmp/dossier-fuzz-TAG.XXXXXX), made on
 * the first call and removed at exit. */
static char fuzz_dir_path[64];
static inline void fuzz_dir_remove(void) { fuzz_rm_dir(fuzz_dir_path); }
static inline const char *fuzz_tmp_dir(const char *tag)
{
    if (!fuzz_dir_path[0]) {
        snprintf(fuzz_dir_path, sizeof(fuzz_dir_path), "/tmp/dossier-fuzz-%s.XXXXXX", tag);
        if (!mkdtemp(fuzz_dir_path)) abort();
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}
#endif

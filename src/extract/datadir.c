/* datadir.c - where the gazetteers are when no directory is given: the
 * build tree's entities/ for a program run from its tree, else the
 * installed PREFIX/share/dossier/entities. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier.h"

/* Both are set by the Makefile; the fallbacks keep a build without it working. */
#ifndef DOSSIER_SRCDIR
#define DOSSIER_SRCDIR ""
#endif
#ifndef DOSSIER_DATADIR
#define DOSSIER_DATADIR "/usr/local/share/dossier"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void add_looked(char *looked, size_t ln, const char *what)
{
    if (!looked || !ln) return;
    size_t at = strlen(looked);
    snprintf(looked + at, ln - at, "%s%s", at ? ", then " : "", what);
}

/* Copies s into dir; -1 when it does not fit. */
static int put(char *dir, size_t n, const char *s)
{
    return (size_t)snprintf(dir, n, "%s", s) < n ? 0 : -1;
}

int dossier_lexicon_default_dir(char *dir, size_t n, char *looked, size_t looked_n)
{
    char cand[PATH_MAX + 64];
    if (looked && looked_n) looked[0] = '\0';
    const char *env = getenv("DOSSIER_ENTITIES");
    if (env && *env) {
        snprintf(cand, sizeof(cand), "%s ($DOSSIER_ENTITIES)", env);
        add_looked(looked, looked_n, cand);
        return put(dir, n, env);
    }
    char exe[PATH_MAX];
    ssize_t got = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (got > 0) {
        exe[got] = '\0';
        size_t sl = strlen(DOSSIER_SRCDIR);
        /* a program inside the tree it was built in reads the tree's data,
         * so that an edit to entities/ shows without installing */
        if (sl > 1 && strncmp(exe, DOSSIER_SRCDIR, sl) == 0 && exe[sl] == '/') {
            snprintf(cand, sizeof(cand), "%s/entities (the build tree's)", DOSSIER_SRCDIR);
            add_looked(looked, looked_n, cand);
            snprintf(cand, sizeof(cand), "%s/entities", DOSSIER_SRCDIR);
            return put(dir, n, cand);
        }
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* a tree or an archive moved whole: entities/ beside the program */
            snprintf(cand, sizeof(cand), "%s/entities", exe);
            add_looked(looked, looked_n, cand);
            if (is_dir(cand)) return put(dir, n, cand);
            /* an installation moved whole, or still under its DESTDIR:
             * PREFIX/bin/dossier and PREFIX/share/dossier/entities */
            char *up = strrchr(exe, '/');
            if (up && strcmp(up, "/bin") == 0) {
                *up = '\0';
                snprintf(cand, sizeof(cand), "%s/share/dossier/entities", exe);
                add_looked(looked, looked_n, cand);
                if (is_dir(cand)) return put(dir, n, cand);
            }
        }
    }
    snprintf(cand, sizeof(cand), "%s/entities", DOSSIER_DATADIR);
    add_looked(looked, looked_n, cand);
    return put(dir, n, cand);
}

/* test_read_fuzz_regress.c - every input a fuzzer ever crashed on
 * (tests/fuzz/regress/TARGET/FILE) replayed through the same target code,
 * so each crash found stays fixed. Also runs each target once on the
 * seeds, as a smoke test of the targets themselves. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"

#define LLVMFuzzerTestOneInput fuzz_read_one
#include "fuzz/fuzz_read.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_dates_one
#include "fuzz/fuzz_dates.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_lexicon_one
#include "fuzz/fuzz_lexicon.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_pipeline_one
#include "fuzz/fuzz_pipeline.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_partial_one
#include "fuzz/fuzz_partial.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_formats_one
#include "fuzz/fuzz_formats.c"
#undef LLVMFuzzerTestOneInput

typedef int (*target_fn)(const unsigned char *, size_t);

static int replay_file(target_fn fn, const char *path)
{
    size_t n;
    char *s = slurp(path, &n);
    if (!s) return -1;
    /* a private copy of exactly the input's size, as libFuzzer gives it */
    unsigned char *data = xmalloc(n + 1);
    if (n) memcpy(data, s, n);
    int r = fn(data, n);
    free(data);
    free(s);
    return r;
}

static size_t replay_dir(const char *name, target_fn fn, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        int r = replay_file(fn, path); /* a crash ends the program: no summary line */
        CHECK(r == 0, "%s on %s returned %d", name, path, r);
        n++;
    }
    closedir(d);
    return n;
}

/* fuzz_check_outputs must fail on outputs that break the contract, or the
 * targets check nothing: good outputs pass, and each kind of breakage,
 * made in a copy of them, makes a child process abort. */
static int aborts_on(const char *dir, const char *text, size_t len)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        fuzz_check_outputs(dir, NULL, NULL, text, len);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void check_the_checker(void)
{
    static const char text[] = "Nikolai Bukharin met Alexei Rykov in Moscow on 13 March 1938.\n";
    char dir[64] = "/tmp/dossier-check.XXXXXX";
    if (!mkdtemp(dir)) return;
    char out[128], cmd[512];
    snprintf(out, sizeof(out), "%s/out", dir);
    dossier_error err = {0};
    dossier_options opt = {.dct = NULL};
    dossier_docresult *r = dossier_extract_memory(fuzz_lexicon(), "t.txt", text, strlen(text), &opt, &err);
    dossier_corpus *c = dossier_corpus_new();
    dossier_corpus_add(c, r);
    CHECK(dossier_corpus_export(c, out, NULL, &err) == 0, "export for the checker: %s", err.message);
    dossier_corpus_free(c);
    CHECK(!aborts_on(out, text, strlen(text)), "the checker passes good outputs");
    static const struct {
        const char *what, *sh;
    } breaks[] = {
        {"a GEXF that is not XML", "printf '<gexf><nodes>' > graph.gexf"},
        {"a CSV row wider than its header", "printf 'x,y,z,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\\n' >> entities.csv"},
        {"an offset past the document", "sed -i '2s/,[0-9]*,[0-9]*,/,1,9999,/' mentions.csv"},
        {"a mention's text not the document's", "sed -i '2s/Nikolai Bukharin/Nikolai Bukharov/' mentions.csv"},
    };
    for (size_t i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
        snprintf(cmd, sizeof(cmd), "rm -rf '%s/bad' && cp -R '%s' '%s/bad' && cd '%s/bad' && %s", dir, out, dir, dir,
                 breaks[i].sh);
        CHECK(system(cmd) == 0, "break the outputs: %s", breaks[i].what);
        snprintf(cmd, sizeof(cmd), "%s/bad", dir);
        CHECK(aborts_on(cmd, text, strlen(text)), "the checker catches %s", breaks[i].what);
    }
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("# could not remove %s\n", dir);
}

int main(void)
{
    static const struct {
        const char *name;
        target_fn fn;
    } targets[] = {{"fuzz_read", fuzz_read_one},
                   {"fuzz_dates", fuzz_dates_one},
                   {"fuzz_lexicon", fuzz_lexicon_one},
                   {"fuzz_pipeline", fuzz_pipeline_one},
                   {"fuzz_partial", fuzz_partial_one},
                   {"fuzz_formats", fuzz_formats_one}};
    /* fuzz_formats' seeds are made, not committed: tests/mkdocs.py writes them */
    char formats_seeds[] = "/tmp/dossier-formats-seeds.XXXXXX";
    if (!mkdtemp(formats_seeds)) formats_seeds[0] = '\0';
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "python3 tests/mkdocs.py --seeds %s", formats_seeds);
    int made = formats_seeds[0] && system(cmd) == 0;
    CHECK(made, "tests/mkdocs.py --seeds could not write fuzz_formats' seeds");
    /* the targets use the project's entities/ (or $DOSSIER_ENTITIES) */
    dossier_error err = {0};
    const char *dir = getenv("DOSSIER_ENTITIES");
    dossier_lexicon *probe = dossier_lexicon_load(dir && *dir ? dir : DOSSIER_ENTITIES_DIR, &err);
    if (!probe) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        printf("# skipped: the project lexicon does not load (%s)\n", msg);
        CHECK(1, "skipped");
        return tap_done();
    }
    dossier_lexicon_free(probe);
    for (size_t t = 0; t < sizeof(targets) / sizeof(targets[0]); t++) {
        char path[256];
        snprintf(path, sizeof(path), "tests/fuzz/regress/%s", targets[t].name);
        replay_dir(targets[t].name, targets[t].fn, path);
        const char *seeds = strcmp(targets[t].name, "fuzz_lexicon") == 0   ? "tests/fuzz/seeds-lexicon"
                            : strcmp(targets[t].name, "fuzz_partial") == 0 ? "tests/fuzz/seeds-partial"
                            : strcmp(targets[t].name, "fuzz_formats") == 0 ? formats_seeds
                                                                           : "tests/fuzz/seeds";
        size_t n = replay_dir(targets[t].name, targets[t].fn, seeds);
        CHECK(n > 0, "%s: no seeds found in %s", targets[t].name, seeds);
    }
    if (formats_seeds[0]) fuzz_rm_dir(formats_seeds);
    check_the_checker();
    dossier_lexicon_free(fuzz_lexicon());
    return tap_done();
}

/* test_read_injection.c - injection-proof outputs: a document and a
 * gazetteer entry crafted with quotes, backslashes, DOT escapes (\N \G \L),
 * HTML-like labels, characters illegal in XML 1.0, CESU-8 surrogates, "]]>"
 * and formula-leading cells go through ./dossier extract; then dot -Tsvg
 * must accept graph.dot, xmllint the GEXF against the official schema,
 * libcsv (strict) every CSV, and no text cell may start a formula. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvio.h"
#include "tap.h"

static char dir[64];

static void write_file(const char *name, const char *s)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        perror(path);
        exit(1);
    }
    fputs(s, fp);
    fclose(fp);
}

static int sh(const char *fmt, const char *a, const char *b)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), fmt, a, b);
    int r = system(cmd);
    return WIFEXITED(r) ? WEXITSTATUS(r) : 128;
}

/* A cell that starts like a formula must be a number or a date. */
static int harmless(const char *s)
{
    if (!strchr("=+-@\t\r", s[0]) || !s[0]) return 1;
    if (s[0] != '-') return 0;
    return s[1] && strspn(s + 1, "0123456789.-:TXu") == strlen(s + 1);
}

typedef struct {
    const char *file;
    size_t rows, cells, header_cols;
    int ragged;
} csv_check;

static int on_row(void *ud, char **f, size_t n, long line, dossier_error *err)
{
    (void)err;
    csv_check *c = ud;
    if (c->rows++ == 0) c->header_cols = n;
    else if (n != c->header_cols) {
        c->ragged = 1;
        printf("# %s:%ld: %zu fields, header has %zu\n", c->file, line, n, c->header_cols);
    }
    for (size_t i = 0; i < n; i++) {
        c->cells++;
        CHECK(harmless(f[i]), "%s:%ld field %zu starts a formula: '%.40s'", c->file, line, i + 1, f[i]);
    }
    return 0;
}

static const char *schema(void)
{
    static const char *const paths[] = {"tests/schema/gexf-1.3/gexf.rng",
                                        "../shared/schema/gexf-1.3/gexf.rng", NULL};
    for (size_t i = 0; paths[i]; i++)
        if (access(paths[i], R_OK) == 0) return paths[i];
    return NULL;
}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/dossier-inject.XXXXXX");
    if (!mkdtemp(dir)) return 1;
    char ents[128], out[128], doc[128], cmd[512];
    snprintf(ents, sizeof(ents), "%s/ents", dir);
    snprintf(out, sizeof(out), "%s/out", dir);
    snprintf(doc, sizeof(doc), "%s/=cmd|calc!A0.txt", dir);
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && cp entities/words.tsv '%s'/", ents, ents);
    CHECK(system(cmd) == 0, "copy entities/words.tsv");
    /* the nasty label: quotes, backslashes, DOT escapes, an HTML-like
     * label, ]]>, a control character, U+FFFE, and a trailing backslash */
#define NASTY "Evil \"Boss\" Back\\slash \\N \\G \\L <b>x</b> <<TABLE>> ]]> \001 \xEF\xBF\xBE end\\"
    write_file("ents/people.tsv",
               "id\tlabel\ttype\taliases\tstart\tend\troles\n"
               "evil\t" NASTY "\tPERSON\t=cmd|+x|-y|@z\t=1+1\t-2+3\t@SUM(1)\n"
               "ivan-petrov\tIvan Petrov\tPERSON\t\t1890\t-0044\t-leader\n");
    write_file("ents/organizations.tsv", "id\tlabel\ttype\taliases\n"
                                         "cheka\t+Cheka\\\tORG\tVCheKa\n");
    write_file("ents/places.tsv", "id\tlabel\ttype\taliases\n");
    write_file("ents/given-names.tsv", "name\tgender\nIvan\tM\nMarat\tM\n");
    char *ents_extra = NULL;
    /* the dates/events stages may need more files: take the project's */
    snprintf(cmd, sizeof(cmd),
             "for f in entities/*; do [ -e '%s'/$(basename $f) ] || cp \"$f\" '%s'/; done", ents, ents);
    CHECK(system(cmd) == 0, "complete the entities dir");
    (void)ents_extra;
    FILE *fp = fopen(doc, "wb");
    CHECK(fp != NULL, "create %s", doc);
    if (!fp) return tap_done();
    fputs("=HYPERLINK(\"http://x\") said " NASTY " met Ivan Petrov.\n"
          "+1 Ivan Petrov and " NASTY " again.\n\n"
          "@A Marat Xyzov\\N met Ivan Petrov <i>here</i> ]]> too, with the VCheKa.\n\n"
          "-2 \tIvan Petrov\r\n\t=Ivan Petrov\n"
          /* CESU-8 / WTF-8 surrogates: invalid UTF-8, so read as Windows-1252 */
          "Ivan Petrov \xED\xA0\x80\xED\xB0\x80 and Marat Xyzov met " NASTY ".\n",
          fp);
    fclose(fp);
    snprintf(cmd, sizeof(cmd), "./dossier extract -e '%s' -o '%s' '%s'", ents, out, doc);
    int rc = system(cmd);
    CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "dossier extract on the crafted document: %d", rc);

    CHECK(sh("dot -Tsvg '%s/graph.dot' > '%s/graph.svg'", out, out) == 0, "dot -Tsvg accepts graph.dot");
    CHECK(sh("xmllint --noout '%s/graph.svg' 2>/dev/null; test $? = 0 -o ! -s '%s/graph.svg'", out, out) == 0,
          "the SVG dot made from it is well-formed");
    CHECK(sh("grep -q 'Back.*slash .*N .*G .*L' '%s/graph.svg'%s", out, "") == 0,
          "\\N \\G \\L stay literal text in the SVG");
    const char *rng = schema();
    CHECK(rng != NULL, "the GEXF 1.3 schema (tests/schema/gexf-1.3/gexf.rng)");
    if (rng)
        CHECK(sh("xmllint --noout --relaxng '%s' '%s/graph.gexf' 2>/dev/null", rng, out) == 0,
              "graph.gexf validates against %s", rng);
    CHECK(sh("xmllint --noout '%s/graph.gexf'%s", out, "") == 0, "graph.gexf is well-formed XML");

    static const char *const csvs[] = {"timeline.csv", "timelinejs.csv", "entities.csv",
                                       "relations.csv", "mentions.csv", NULL};
    for (size_t i = 0; csvs[i]; i++) {
        char path[256];
        snprintf(path, sizeof(path), "%s/%s", out, csvs[i]);
        csv_check c = {csvs[i], 0, 0, 0, 0};
        dossier_error err = {0};
        int st = dx_csv_read(path, on_row, &c, &err);
        CHECK(st == 0, "%s re-parses strictly: %s", csvs[i], err.message);
        CHECK(!c.ragged, "%s: every row has the header's field count", csvs[i]);
        CHECK(c.rows >= 1, "%s has a header", csvs[i]);
    }
    /* the crafted entity really reached the outputs (or the test proves nothing) */
    CHECK(sh("grep -q 'Back.slash' '%s/entities.csv'%s", out, "") == 0, "the crafted person is in entities.csv");
    CHECK(sh("grep -q 'calc' '%s/mentions.csv'%s", out, "") == 0, "the crafted document name is in mentions.csv");
    CHECK(sh("grep -q \"'=cmd\" '%s/entities.csv'%s", out, "") == 0, "a formula alias cell is neutralised with '");
    CHECK(sh("grep -q ',-0044,' '%s/entities.csv'%s", out, "") == 0, "a negative year stays a date");

    /* Backslashes stay text wherever graphviz reads them (issues 21, 22):
     * in a plain tooltip, graphviz 2.43 expands \N and \G to the node's and
     * the graph's names; in an HTML-like label too, and 2.42's gvc read one
     * byte past a label ending in a backslash (valgrind: make leakcheck). */
#define LITERAL "Back\\slash \\N \\G \\L"
    CHECK(sh("! grep -q 'layout=' '%s/graph.dot'%s", out, "") == 0,
          "graph.dot forces no layout engine (sfdp graph.dot must use sfdp)");
    CHECK(sh("grep -qF 'xlink:title=\"Evil &quot;Boss&quot; " LITERAL "' '%s/graph.svg'%s", out, "") == 0,
          "dot -Tsvg graph.dot: the tooltip keeps \\N \\G \\L as text");
    CHECK(sh("grep -qF '>Evil &quot;Boss&quot; " LITERAL "' '%s/graph.svg'%s", out, "") == 0,
          "dot -Tsvg graph.dot: the label keeps \\N \\G \\L as text");
    CHECK(sh("grep -qF ' end\\ (person): ' '%s/graph.svg'%s", out, "") == 0,
          "dot -Tsvg graph.dot: a trailing backslash stays one backslash in the tooltip");
    char out2[160];
    snprintf(out2, sizeof(out2), "%s/out-svg", dir);
    snprintf(cmd, sizeof(cmd), "./dossier extract -q --svg -e '%s' -o '%s' '%s'", ents, out2, doc);
    rc = system(cmd);
    CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "dossier extract --svg on the crafted document: %d", rc);
    CHECK(sh("grep -qF 'xlink:title=\"Evil &quot;Boss&quot; " LITERAL "' '%s/graph.svg'%s", out2, "") == 0,
          "--svg: the tooltip keeps \\N \\G \\L as text");
    CHECK(sh("grep -qF '>Evil &quot;Boss&quot; " LITERAL "' '%s/graph.svg'%s", out2, "") == 0,
          "--svg: the label keeps \\N \\G \\L as text");
    CHECK(sh("grep -q 'end\\\\</text>' '%s/graph.svg'%s", out2, "") == 0,
          "--svg: a label ending in a backslash ends in one backslash");
    CHECK(sh("grep -q 'layout=' '%s/graph.dot'%s", out2, "") != 0, "graph.dot of --svg forces no layout either");

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("# could not remove %s\n", dir);
    return tap_done();
}

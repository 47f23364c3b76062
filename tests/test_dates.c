/* test_dates.c - walks tests/dates.tsv: each line a text ("\n" a line
 * break), the DATE mentions expected in it ("span=value",
 * "span=value~early", "-" for none) and an optional document creation
 * date. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "extract/dates.h"
#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "tap.h"

/* The mentions found, rendered as the table writes them. */
static void render(const dx_doc *d, dx_buf *out)
{
    int n = 0;
    for (size_t k = 0; k < d->ments.len; k++) {
        const dx_mention *m = &d->ments.items[k];
        if (m->type != DX_ENT_DATE) continue;
        if (n++) dx_buf_puts(out, "; ");
        dx_buf_put(out, d->text + m->start, m->end - m->start);
        dx_buf_putc(out, '=');
        dx_buf_puts(out, m->value);
        if (m->mod != DX_MOD_NONE) {
            dx_buf_putc(out, '~');
            dx_buf_puts(out, dx_date_mod_name(m->mod));
        }
    }
    if (!n) dx_buf_puts(out, "-");
}

static int on_case(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    const dx_lexicon *lex = ud;
    (void)err;
    const char *dct = nf > 2 && f[2][0] ? f[2] : NULL;
    /* "\n" in the input is a line break (datelines, date lines) */
    for (char *p = f[0]; (p = strstr(p, "\\n")) != NULL;) {
        *p = '\n';
        memmove(p + 1, p + 2, strlen(p + 2) + 1);
    }
    dx_doc d;
    dx_doc_init(&d);
    dossier_error rerr;
    dx_read_memory("case.txt", f[0], strlen(f[0]), &d, &rerr);
    dx_run_stages(&d, lex, dct, DX_RUN_DATES, 1);
    dx_buf got;
    dx_buf_init(&got);
    render(&d, &got);
    CHECK(strcmp(got.data, f[1]) == 0, "%s:%ld: %s\n    expected: %s\n    got:      %s", file, line,
          f[0], f[1], got.data);
    dx_buf_fini(&got);
    dx_doc_fini(&d);
    return 0;
}

/* The narrative date an event at an offset would take. */
static void check_narrative(const dx_lexicon *lex)
{
    const char *text = "On 13 March 1938 Bukharin was sentenced. He was shot two days later.";
    dx_doc d;
    dx_doc_init(&d);
    dossier_error err;
    dx_read_memory("n.txt", text, strlen(text), &d, &err);
    dx_run_stages(&d, lex, NULL, DX_RUN_DATES, 1);
    const dx_mention *m = dx_dates_narrative_at(&d, (uint32_t)(strstr(text, "He") - text));
    CHECK(m && strcmp(m->value, "1938-03-13") == 0, "narrative date after the first sentence");
    m = dx_dates_narrative_at(&d, (uint32_t)strlen(text));
    CHECK(m && strcmp(m->value, "1938-03-15") == 0, "narrative date at the end");
    CHECK(dx_dates_narrative_at(&d, 0) == NULL, "no narrative date at the start");
    m = dx_dates_first_in(&d, (uint32_t)(strstr(text, "He") - text), (uint32_t)strlen(text));
    CHECK(m && strcmp(m->value, "1938-03-15") == 0, "first date of the second sentence");
    dx_doc_fini(&d);
}

/* A malformed lexicon line names the file and the line. */
static void check_bad_lexicon(void)
{
    const char *dir = "build/test-dates-lex";
    char path[256];
    dx_buf cmd;
    dx_buf_init(&cmd);
    snprintf(path, sizeof path, "%s/dates.tsv", dir);
    FILE *fp = NULL;
    if (system("mkdir -p build/test-dates-lex") == 0) fp = fopen(path, "w");
    CHECK(fp != NULL, "can write %s", path);
    if (!fp) return;
    fputs("word\tclass\tvalue\n# a comment\nmarch\tmonth\t3\nmay\tmnth\t5\n", fp);
    fclose(fp);
    struct dx_date_lex *dl = NULL;
    dossier_error err;
    memset(&err, 0, sizeof err);
    int rc = dx_date_lex_load(dir, &dl, &err);
    CHECK(rc == DOSSIER_EDATA && err.line == 4 && strstr(err.file, "dates.tsv") != NULL,
          "bad class reported as dates.tsv:4 (rc %d, line %ld, %s)", rc, err.line, err.message);
    CHECK(dl == NULL, "no lexicon after an error");
    dx_date_lex_free(dl);
    dx_buf_fini(&cmd);
}

int main(void)
{
    dossier_error err;
    dx_lexicon *lex = dossier_lexicon_load("entities", &err);
    if (!lex) {
        printf("FAIL cannot load entities: %s:%ld: %s\n", err.file, err.line, err.message);
        return tap_done() | 1;
    }
    static const char *const header[] = {"input", "expected", NULL};
    int rc = dx_tsv_load("tests/dates.tsv", header, 2, on_case, lex, &err);
    CHECK(rc == 0, "tests/dates.tsv loads (%s:%ld: %s)", err.file, err.line, err.message);
    check_narrative(lex);
    check_bad_lexicon();
    dossier_lexicon_free(lex);
    return tap_done();
}

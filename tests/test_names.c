/* test_names.c - walks tests/names.tsv: each sentence's PERSON/ORG/PLACE
 * mentions, their spans and the entity each links to. */
#include <string.h>

#include "base/csvio.h"
#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "tap.h"

static dossier_lexicon *lex;

static int row(void *ud, char **f, size_t n, const char *file, long line, dossier_error *err)
{
    (void)ud;
    (void)file;
    (void)err;
    dx_doc d;
    dx_doc_init(&d);
    dossier_error e;
    dx_read_memory("t.txt", f[0], strlen(f[0]), &d, &e);
    dx_run_stages(&d, lex, NULL, DX_RUN_RESOLVE, 0);
    if (d.ments.len) qsort(d.ments.items, d.ments.len, sizeof(dx_mention), dx_mention_cmp);
    dx_buf got;
    dx_buf_init(&got);
    dx_buf_put(&got, "", 0);
    for (size_t i = 0; i < d.ments.len; i++) {
        const dx_mention *m = &d.ments.items[i];
        if (i) dx_buf_puts(&got, " | ");
        dx_buf_printf(&got, "%s:%.*s=%s", dx_ent_type_name(m->type), (int)(m->end - m->start),
                      d.text + m->start, m->ent >= 0 ? d.ents.items[m->ent].label : "?");
    }
    const char *want = n > 1 ? f[1] : "";
    CHECK(strcmp(got.data, want) == 0, "names.tsv:%ld: %s\n   want: %s\n   got:  %s", line, f[0], want,
          got.data);
    /* the optional third column: how each mention was linked, in order */
    if (n > 2 && f[2][0]) {
        dx_buf links;
        dx_buf_init(&links);
        dx_buf_put(&links, "", 0);
        for (size_t i = 0; i < d.ments.len; i++) {
            if (i) dx_buf_putc(&links, ' ');
            dx_buf_puts(&links, dx_link_name((dx_link)d.ments.items[i].link));
        }
        CHECK(strcmp(links.data, f[2]) == 0, "names.tsv:%ld: %s\n   links want: %s\n   links got:  %s", line,
              f[0], f[2], links.data);
        dx_buf_fini(&links);
    }
    dx_buf_fini(&got);
    dx_doc_fini(&d);
    return 0;
}

int main(void)
{
    dossier_error err;
    lex = dossier_lexicon_load("entities", &err);
    if (!lex) {
        printf("FAIL cannot load entities: %s\n", err.message);
        return tap_done() | 1;
    }
    static const char *const hdr[] = {"text", "expected", NULL};
    int st = dx_tsv_load("tests/names.tsv", hdr, 1, row, NULL, &err);
    CHECK(st == 0, "tests/names.tsv loads: %s", err.message);
    dossier_lexicon_free(lex);
    return tap_done();
}

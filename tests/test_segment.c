/* test_segment.c - sentences, tokens and speaker turns on tricky text. */
#include <string.h>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "tap.h"

static dossier_lexicon *lex;

static void run(dx_doc *d, const char *text)
{
    dx_doc_init(d);
    dossier_error err;
    dx_read_memory("t.txt", text, strlen(text), d, &err);
    dx_run_stages(d, lex, NULL, DX_RUN_SEGMENT, 0);
}

static int sent_is(const dx_doc *d, size_t i, const char *expect)
{
    if (i >= d->sents.len) return 0;
    size_t n = d->sents.items[i].end - d->sents.items[i].start;
    return n == strlen(expect) && memcmp(d->text + d->sents.items[i].start, expect, n) == 0;
}

int main(void)
{
    dossier_error err;
    lex = dossier_lexicon_load("entities", &err);
    if (!lex) {
        printf("FAIL cannot load entities: %s\n", err.message);
        return tap_done() | 1;
    }
    dx_doc d;
    run(&d, "V.I. Lenin met J. Arch Getty in the U.S.S.R. on p. 5 and pp. 7-9. Then he left.");
    CHECK(d.sents.len == 2, "initials and abbreviations do not end sentences (got %zu)", d.sents.len);
    CHECK(sent_is(&d, 1, "Then he left."), "second sentence");
    dx_doc_fini(&d);

    run(&d, "Mr. Smith went to Washington. He said nothing. No. 5 was empty!  Was it? Yes.");
    CHECK(d.sents.len == 5, "five sentences (got %zu)", d.sents.len);
    CHECK(sent_is(&d, 2, "No. 5 was empty!"), "'No.' before a number is an abbreviation");
    dx_doc_fini(&d);

    run(&d, "He was shot. \xE2\x80\x9CWhy?\xE2\x80\x9D she asked. (It was 1938.) The end.");
    CHECK(d.sents.len == 4, "quotes and brackets (got %zu)", d.sents.len);
    CHECK(sent_is(&d, 1, "\xE2\x80\x9CWhy?\xE2\x80\x9D she asked."), "a quoted question ends inside");
    dx_doc_fini(&d);

    run(&d, "VYSHINSKY: Do you confirm this, Rykov? Answer me.\n\nRykov: Of course.\n\n"
            "After that, he left.\n\nSource: \xE2\x80\x9CThe Case\xE2\x80\x9D, 1938.\n");
    CHECK(d.turns.len == 2, "two speaker turns (got %zu)", d.turns.len);
    CHECK(d.sents.len >= 5, "sentences (got %zu)", d.sents.len);
    if (d.turns.len == 2 && d.sents.len >= 5) {
        CHECK(d.turns.items[0].label_end - d.turns.items[0].label_start == 9, "label VYSHINSKY");
        CHECK(d.sents.items[0].turn == 0 && d.sents.items[1].turn == 0, "both sentences in turn 0");
        CHECK(d.sents.items[2].turn == 1, "Rykov's turn");
        CHECK(d.sents.items[3].turn == -1, "narrative after the dialogue has no speaker");
        CHECK(d.sents.items[4].turn == -1, "'Source:' is no speaker");
    }
    dx_doc_fini(&d);

    run(&d, "In Coyoac\xC3\xA1n, Trotsky\xE2\x80\x99s house.");
    CHECK(d.toks.len >= 2 && d.toks.items[1].end - d.toks.items[1].start == 9, "UTF-8 letters stay in one token");
    int has_apos = 0;
    for (size_t i = 0; i < d.toks.len; i++)
        if (d.toks.items[i].end - d.toks.items[i].start == 3 && (d.toks.items[i].flags & DX_TK_PUNCT)) has_apos = 1;
    CHECK(has_apos, "a curly apostrophe is its own token");
    dx_doc_fini(&d);

    run(&d, "First paragraph without a stop\n\nSecond one. Third");
    CHECK(d.sents.len == 3, "paragraph breaks end sentences (got %zu)", d.sents.len);
    CHECK(d.sents.len == 3 && d.sents.items[1].para == 1 && d.sents.items[2].para == 1, "paragraph numbers");
    dx_doc_fini(&d);

    /* OCR'd print: a word broken at a line end is one token, keyed whole */
    run(&d, "the War Depart\xC2\xAC\nment and VIR\xC2\xAC GINIA, not Ab\xC2\xAC\n\nNew or x\xC2\xAC Y.");
    {
        dx_doc w;
        run(&w, "the War Department and VIRGINIA");
        CHECK(d.toks.len == 15, "hyphenated words joined; not across a paragraph, nor before a capital (got %zu tokens)", d.toks.len);
        CHECK(d.toks.len > 4 && w.toks.len > 4 && d.toks.items[2].lkey == w.toks.items[2].lkey &&
                  d.toks.items[2].fkey == w.toks.items[2].fkey && d.toks.items[2].end - d.toks.items[2].start == 13,
              "'Depart\u00AC\nment' is the word Department, spanning both pieces");
        CHECK(d.toks.len > 4 && (d.toks.items[4].flags & DX_TK_UPPER) && d.toks.items[4].lkey == w.toks.items[4].lkey,
              "'VIR\u00AC GINIA' is the word VIRGINIA");
        dx_doc_fini(&w);
    }
    dx_doc_fini(&d);

    run(&d, "");
    CHECK(d.toks.len == 0 && d.sents.len == 0, "empty text");
    dx_doc_fini(&d);

    {
        /* dx_mention_sort: by start, the longer first, then by type; equal
         * mentions keep their order (as glibc's merge-sort qsort kept it) */
        dx_mention m[40];
        memset(m, 0, sizeof(m));
        for (int i = 0; i < 40; i++) {
            m[i].start = (uint32_t)((i * 7) % 10);
            m[i].end = m[i].start + (uint32_t)(i % 3) + 1;
            m[i].type = DX_ENT_PERSON;
            m[i].ent = i; /* the original position */
        }
        dx_mention_sort(m, 40);
        int ok = 1;
        for (int i = 1; i < 40; i++) {
            int c = dx_mention_cmp(&m[i - 1], &m[i]);
            if (c > 0 || (c == 0 && m[i - 1].ent > m[i].ent)) ok = 0;
        }
        CHECK(ok, "mentions sorted by start, longest first, ties in their first order");
        CHECK(m[0].start == 0 && m[0].end == 3 && m[39].start == 9, "first and last mention after sorting");
        dx_mention two[2];
        memset(two, 0, sizeof(two));
        two[0].start = 5, two[0].end = 6, two[1].start = 5, two[1].end = 9;
        dx_mention_sort(two, 2);
        CHECK(two[0].end == 9, "at one start, the longer mention first");
        dx_mention_sort(two, 0);
    }

    dossier_lexicon_free(lex);
    return tap_done();
}

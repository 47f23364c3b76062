/* test_pieces.c - a document larger than one piece (extract/pieces.c) is
 * taken through the stages piece by piece: where pieces end, and that the
 * joined result is the document's (offsets into the whole text, entities
 * merged by id, counts added). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "extract/stages.h"
#include "model/docresult.h"
#include "tap.h"

static int utf8_start(const char *t, size_t i) { return ((unsigned char)t[i] & 0xC0) != 0x80; }

int main(void)
{
    /* ---- where a piece ends: a blank line, else a line, a sentence, a
     * word, in the second half of the piece; else a character boundary */
    const char *t = "aaaa bbbb. cccc\ndddd\n\neeee ffff";
    size_t n = strlen(t);
    CHECK(dx_piece_end(t, n, 0, n) == n, "a text that fits is one piece");
    CHECK(dx_piece_end(t, n, 0, 24) == 22, "a blank line first: %zu", dx_piece_end(t, n, 0, 24));
    CHECK(dx_piece_end(t, n, 0, 20) == 16, "else a line end: %zu", dx_piece_end(t, n, 0, 20));
    CHECK(dx_piece_end(t, n, 0, 14) == 11, "else after a full stop: %zu", dx_piece_end(t, n, 0, 14));
    CHECK(dx_piece_end(t, n, 0, 9) == 5, "else after a space: %zu", dx_piece_end(t, n, 0, 9));
    const char *u = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"; /* no space at all */
    for (size_t max = 2; max < 12; max++) {
        size_t e = dx_piece_end(u, strlen(u), 0, max);
        CHECK(e > 0 && e <= max && utf8_start(u, e), "max %zu: a cut between two characters (%zu)", max, e);
    }

    dossier_error err = {0};
    dossier_lexicon *lex = dossier_lexicon_load("entities", &err);
    CHECK(lex != NULL, "the lexicon loads: %s", err.message);
    if (!lex) return tap_done();

    /* ---- a paragraph repeated past two pieces: the result is the
     * paragraph's, as many times over, with offsets into the whole */
    const char *para = "Nikolai Bukharin and Alexei Rykov were arrested in Moscow in February 1937. "
                       "Vyshinsky accused Bukharin of treason; Bukharin denied it.\n\n";
    size_t pl = strlen(para), copies = (2 * DX_PIECE_BYTES) / pl + 7;
    dx_buf big;
    dx_buf_init(&big);
    for (size_t i = 0; i < copies; i++) dx_buf_put(&big, para, pl);
    dossier_options opt = {.dct = NULL};
    dossier_docresult *one = dossier_extract_memory(lex, "p.txt", para, pl, &opt, &err);
    dossier_docresult *all = dossier_extract_memory(lex, "p.txt", big.data, big.len, &opt, &err);
    CHECK(one && all, "both extracted");
    if (one && all) {
        CHECK(all->text_len == big.len, "text length %zu", all->text_len);
        CHECK(all->ments.len == copies * one->ments.len, "mentions: %zu, want %zu x %zu", all->ments.len, copies,
              one->ments.len);
        CHECK(all->events.len == copies * one->events.len, "events: %zu, want %zu x %zu", all->events.len, copies,
              one->events.len);
        CHECK(all->ents.len == one->ents.len, "entities merged by id across pieces: %zu, want %zu", all->ents.len,
              one->ents.len);
        CHECK(all->coocs.len == one->coocs.len, "co-occurring pairs merged: %zu, want %zu", all->coocs.len,
              one->coocs.len);
        size_t bad = 0;
        for (size_t i = 0; i < all->ments.len; i++) {
            const dx_rmention *m = &all->ments.items[i];
            const dx_rmention *o = &one->ments.items[i % one->ments.len];
            if (m->end > big.len || m->start != o->start + (i / one->ments.len) * pl ||
                memcmp(big.data + m->start, m->text, m->end - m->start) != 0 ||
                (m->ent >= 0) != (o->ent >= 0) ||
                (m->ent >= 0 && strcmp(all->ents.items[m->ent].id, one->ents.items[o->ent].id) != 0))
                bad++;
        }
        CHECK(!bad, "%zu mentions with offsets, text or entity not the paragraph's", bad);
        for (size_t i = 0; i < all->ents.len; i++) {
            const dx_rent *e = &all->ents.items[i];
            size_t k = 0;
            while (k < one->ents.len && strcmp(one->ents.items[k].id, e->id) != 0) k++;
            CHECK(k < one->ents.len && e->count == copies * one->ents.items[k].count, "%s: count %u", e->id,
                  e->count);
        }
        for (size_t i = 0; i < all->coocs.len; i++) {
            const dx_rcooc *c = &all->coocs.items[i];
            CHECK(c->a < c->b && c->count == copies * one->coocs.items[i].count, "pair %zu: count %u", i, c->count);
        }
        bad = 0;
        for (size_t i = 0; i < all->events.len; i++) {
            const dx_revent *e = &all->events.items[i];
            const dx_revent *o = &one->events.items[i % one->events.len];
            size_t shift = (i / one->events.len) * pl;
            if (e->trig_start != o->trig_start + shift || e->sent_end != o->sent_end + shift ||
                strcmp(e->sentence, o->sentence) != 0 || e->agents.len != o->agents.len ||
                e->patients.len != o->patients.len || e->type != o->type || e->modality != o->modality)
                bad++;
            for (size_t k = 0; k < e->agents.len && k < o->agents.len; k++)
                if (strcmp(all->ents.items[e->agents.items[k]].id, one->ents.items[o->agents.items[k]].id) != 0) bad++;
        }
        CHECK(!bad, "%zu events not the paragraph's", bad);
    }
    dossier_docresult_free(one);
    dossier_docresult_free(all);

    /* ---- one line without a full stop, longer than a piece: cut at
     * spaces; every mention lies inside the text and is its text */
    dx_buf_clear(&big);
    while (big.len < DX_PIECE_BYTES + DX_PIECE_BYTES / 2) dx_buf_puts(&big, "Nikolai Bukharin met Alexei Rykov and ");
    all = dossier_extract_memory(lex, "l.txt", big.data, big.len, &opt, &err);
    CHECK(all != NULL, "a long line extracted");
    if (all) {
        size_t bad = 0, people = 0;
        for (size_t i = 0; i < all->ments.len; i++) {
            const dx_rmention *m = &all->ments.items[i];
            if (m->end > big.len || m->start >= m->end || memcmp(big.data + m->start, m->text, m->end - m->start) != 0)
                bad++;
            people += m->type == DX_ENT_PERSON;
        }
        CHECK(!bad, "%zu mentions outside the line or not its text", bad);
        size_t want = 2 * (big.len / strlen("Nikolai Bukharin met Alexei Rykov and "));
        CHECK(people + 4 >= want, "the names of the line are found: %zu of %zu", people, want);
    }
    dossier_docresult_free(all);
    dx_buf_fini(&big);
    dossier_lexicon_free(lex);
    return tap_done();
}

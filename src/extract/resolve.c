/* resolve.c - link every PERSON/ORG/PLACE mention of a document to one
 * entity: gazetteer entries by id, shape-found names by their label, bare
 * surnames to the full name seen in the same document. */
#include <string.h>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/stages.h"

/* "VYSHINSKY" -> "Vyshinsky"; an organisation's acronym and other labels
 * keep their case. Whitespace runs
 * (a name wrapped over a line) become one space; a word broken at a line end
 * ("Peniten¬ tiary", "Chat- lahoochy", a soft hyphen) is written whole. */
/* After a '-' at i: spaces or a line break, then a lowercase letter (a word
 * broken at a line end, "Chat- lahoochy"). */
static int broken_at(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t')) j++;
    return j > i && j < n && s[j] >= 'a' && s[j] <= 'z';
}

static void label_of(const dx_doc *doc, const dx_mention *m, dx_buf *out)
{
    dx_buf_clear(out);
    uint32_t from = m->label_start <= m->start ? m->label_start : m->start;
    const char *s = doc->text + from;
    size_t n = m->end - from;
    /* plain: nothing below would change a byte (no whitespace but single
     * spaces between words, no join), as in most names */
    int shouting = 1, letters = 0, plain = 1;
    unsigned char prev = ' '; /* a space first is not plain */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') shouting = 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letters++;
        if (c == '\n' || c == '\t' || c == '\r' || c == '-' || c == 0xC2 || (c == ' ' && prev == ' ')) plain = 0;
        prev = c;
    }
    if (n && s[n - 1] == ' ') plain = 0;
    if (letters < 4) shouting = 0;
    /* an organisation's acronym keeps its capitals ("DGSE", "ASIO") */
    if (m->type == DX_ENT_ORG && letters <= 6 && !memchr(s, ' ', n)) shouting = 0;
    if (plain && !shouting) {
        dx_buf_put(out, s, n);
        return;
    }
    /* the label is never longer than the span (runs of spaces become one,
     * joins are dropped): written straight into the buffer, no putc per byte */
    dx_buf_grow(out, n);
    char *d = out->data;
    size_t w = 0;
    int word_start = 1, space = 0, joining = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !joining;
            continue;
        }
        joining = 0;
        if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xAC || (unsigned char)s[i + 1] == 0xAD)) {
            joining = 1;
            i++;
            continue;
        }
        if (c == '-' && broken_at(s, n, i + 1)) {
            joining = 1;
            continue;
        }
        if (space && w) d[w++] = ' ';
        if (space) word_start = 1;
        space = 0;
        if (shouting && c >= 'A' && c <= 'Z' && !word_start) c = (unsigned char)(c + 32);
        word_start = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80);
        d[w++] = (char)c;
    }
    d[w] = '\0';
    out->len = w;
}

/* dx_tok_index, walking on from the previous answer: the mentions of each
 * recognition pass come in text order, so the walk is short. */
static size_t tok_index_from(const dx_doc *doc, uint32_t off, size_t *hint)
{
    size_t k = *hint, n = doc->toks.len;
    if (k < n && doc->toks.items[k].start <= off) {
        for (int steps = 0; steps < 32 && k + 1 < n && doc->toks.items[k + 1].start <= off; steps++) k++;
        if (k + 1 >= n || doc->toks.items[k + 1].start > off) return *hint = k;
    }
    return *hint = dx_tok_index(doc, off);
}

/* How likely the new entity first named by mention m is a name worth a
 * gazetteer line, 0-100, by the shape of that mention: a given name and a
 * surname, initials and a surname, a name with its head (high); one word
 * (middling); a given name alone, a headline in capitals, lowercase words
 * (low); a generic head ("the Court", "the Government"), a title, or a
 * word the gazetteers know already (a surname several people carry, a
 * relative's: nothing to add) score next to nothing. */
static uint8_t likelihood(const dx_doc *doc, const dx_mention *m, size_t k0)
{
    size_t words = 0, generic = 0, upper = 0, lower = 0, initials = 0, known = 0;
    size_t first = SIZE_MAX;
    for (size_t k = k0; k < doc->toks.len && doc->toks.items[k].start < m->end; k++) {
        const dx_token *t = &doc->toks.items[k];
        if (!(t->flags & DX_TK_WORD)) continue;
        if (first == SIZE_MAX) first = k;
        words++;
        if (t->wclass & (DX_W_ORGHEAD | DX_W_PLACEHEAD | DX_W_TITLE | DX_W_STOPCAP)) generic++;
        if (t->flags & DX_TK_UPPER) upper++;
        if (!(t->flags & DX_TK_CAP) && !(t->wclass & (DX_W_NAMECONNECT | DX_W_LOWER_CONNECT))) lower++;
        if (t->end - t->start == 1 && (t->flags & DX_TK_CAP)) initials++;
        if (t->lex & DX_L_GAZ_ONE) known++;
    }
    if (!words) return 0;
    int s;
    if (generic == words || (words == 1 && known)) return 2;
    const dx_token *f = &doc->toks.items[first];
    if (m->type == DX_ENT_PERSON) {
        if (words >= 2 && (f->wclass & DX_W_GIVEN)) s = 90;
        else if (words >= 2 && initials) s = 85;
        else if (words >= 2) s = 70;
        else if (f->wclass & DX_W_GIVEN) s = 20;
        else s = 50;
        if (m->label_start < m->start) s = 40; /* "Mrs. Kirov": a relative */
    } else {
        s = words >= 2 ? 75 : 45;
    }
    if (upper == words && words) s -= 25;
    if (lower) s -= 20;
    return (uint8_t)(s < 3 ? 3 : s);
}

void dx_resolve_doc(dx_doc *doc, const dx_lexicon *lex)
{
    size_t hint = 0;
    /* per gazetteer entry: its entity once looked up by its id (the
     * thread's table: a document's own, as long as the gazetteer, cost
     * more to clear than short documents to resolve) */
    dx_gaz_marks *gaz_ent = NULL;
    uint32_t gen = 0;
    dx_buf label;
    dx_buf_init(&label);
    size_t n = doc->ments.len;
    /* each mention's first token, as the names stage found them (else searched) */
    const uint32_t *first = doc->ment_tok.len == n ? doc->ment_tok.items : NULL;
    /* shape-found full names first, so that bare surnames can point at
     * them: the surnames the first pass passes over are listed for the
     * second (which read a line of every mention again to find them) */
    DX_VEC(uint32_t) surnames = {0};
    for (int pass = 0; pass < 2; pass++) {
        size_t count = pass == 0 ? n : surnames.len;
        for (size_t j = 0; j < count; j++) {
            size_t i = pass == 0 ? j : surnames.items[j];
            dx_mention *m = &doc->ments.items[i];
            if (m->type == DX_ENT_DATE || m->type == DX_ENT_NONE) continue;
            int32_t raw = m->ent;
            int linked = raw <= -2;
            if (pass == 0 && linked) {
                DX_PUSH(surnames, (uint32_t)i);
                continue;
            }
            int32_t e;
            if (linked) {
                e = doc->ments.items[-2 - raw].ent;
                m->link = DX_LINK_SURNAME;
            } else if (raw >= 0) {
                if (!gaz_ent) {
                    gaz_ent = &dx_lex_cache_get(lex)->gaz_ent;
                    gen = dx_gaz_marks_begin(gaz_ent, lex->gaz.len + 1);
                }
                dx_gaz_mark *g = &gaz_ent->items[raw];
                if (g->gen != gen) {
                    g->gen = gen;
                    g->val = dx_doc_ent_get(doc, m->type, NULL, &lex->gaz.items[raw]);
                }
                e = g->val;
            } else {
                label_of(doc, m, &label);
                e = dx_doc_ent_get(doc, m->type, label.data, NULL);
                m->link = DX_LINK_NEW;
            }
            m->ent = e;
            m->value[0] = '\0';
            dx_doc_ent *de = &doc->ents.items[e];
            de->count++;
            /* A mention's sentence grows with its start: one after the
             * entity's earliest so far is in its sentence or later, and
             * its token (a line of the token array, seldom in the cache
             * in a long document) is not read. */
            if (m->start >= de->first_start) continue;
            size_t k0 = first ? first[i] : tok_index_from(doc, m->start, &hint);
            if (de->count == 1 && !de->gaz) de->likely = likelihood(doc, m, k0);
            de->first_start = m->start;
            de->first_sent = doc->toks.items[k0].sent;
        }
    }
    dx_buf_fini(&label);
    DX_FREE(surnames);
    DX_FREE(doc->ment_tok); /* the dates stage adds mentions: it is no longer true */
}

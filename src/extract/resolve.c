/* resolve.c - link every PERSON/ORG/PLACE mention of a document to one
 * entity: gazetteer entries by id, shape-found names by their label, bare
 * surnames to the full name seen in the same document. */
#include <string.h>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/stages.h"

/* "VYSHINSKY" -> "Vyshinsky"; other labels keep their case. Whitespace runs
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
    int shouting = 1, letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') shouting = 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letters++;
    }
    if (letters < 4) shouting = 0;
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
        if (space && out->len) dx_buf_putc(out, ' ');
        if (space) word_start = 1;
        space = 0;
        if (shouting && c >= 'A' && c <= 'Z' && !word_start) c = (unsigned char)(c + 32);
        word_start = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80);
        dx_buf_putc(out, (char)c);
    }
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

void dx_resolve_doc(dx_doc *doc, const dx_lexicon *lex)
{
    size_t hint = 0;
    /* per gazetteer entry: its entity (index + 1) once looked up by its id */
    int32_t *gaz_ent = NULL;
    dx_buf label;
    dx_buf_init(&label);
    size_t n = doc->ments.len;
    /* shape-found full names first, so that bare surnames can point at them */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            dx_mention *m = &doc->ments.items[i];
            if (m->type == DX_ENT_DATE || m->type == DX_ENT_NONE) continue;
            int32_t raw = m->ent;
            int linked = raw <= -2;
            if (pass == 0 && linked) continue;
            if (pass == 1 && !linked) continue;
            int32_t e;
            if (linked) {
                e = doc->ments.items[-2 - raw].ent;
                m->link = DX_LINK_SURNAME;
            } else if (raw >= 0) {
                if (!gaz_ent) gaz_ent = xcalloc(lex->gaz.len + 1, sizeof(*gaz_ent));
                if (!gaz_ent[raw]) gaz_ent[raw] = dx_doc_ent_get(doc, m->type, NULL, &lex->gaz.items[raw]) + 1;
                e = gaz_ent[raw] - 1;
            } else {
                label_of(doc, m, &label);
                e = dx_doc_ent_get(doc, m->type, label.data, NULL);
                m->link = DX_LINK_NEW;
            }
            m->ent = e;
            m->value[0] = '\0';
            dx_doc_ent *de = &doc->ents.items[e];
            de->count++;
            uint32_t sent = doc->toks.items[tok_index_from(doc, m->start, &hint)].sent;
            if (sent < de->first_sent) de->first_sent = sent;
        }
    }
    dx_buf_fini(&label);
    free(gaz_ent);
}

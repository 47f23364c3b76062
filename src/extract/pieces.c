/* pieces.c - a document too large for one pass (a 300 MB file, a 50 MB
 * line without a full stop) taken through the stages in pieces, cut at a
 * paragraph, a line, a sentence or a word, and their results joined into
 * the document's: its memory is bounded by the piece, not the document. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/mem.h"
#include "extract/stages.h"

/* The last byte in [lo, hi) after which a piece may end at a boundary of
 * this kind, or 0. */
static size_t last_break(const char *t, size_t lo, size_t hi, int kind)
{
    for (size_t i = hi; i > lo; i--) {
        char c = t[i - 1];
        switch (kind) {
        case 0: /* a blank line */
            if (c == '\n' && i >= 2 && (t[i - 2] == '\n' || (t[i - 2] == '\r' && i >= 3 && t[i - 3] == '\n')))
                return i;
            break;
        case 1: /* a line */
            if (c == '\n') return i;
            break;
        case 2: /* a sentence */
            if ((c == ' ' || c == '\t') && i >= 2 && (t[i - 2] == '.' || t[i - 2] == '?' || t[i - 2] == '!'))
                return i;
            break;
        default: /* a word */
            if (c == ' ' || c == '\t') return i;
            break;
        }
    }
    return 0;
}

size_t dx_piece_end(const char *t, size_t n, size_t from, size_t max)
{
    if (n - from <= max) return n;
    size_t hi = from + max, lo = from + max / 2;
    for (int kind = 0; kind < 4; kind++) {
        size_t at = last_break(t, lo, hi, kind);
        if (at) return at;
    }
    /* no space in half a piece: cut between two characters */
    while (hi > from + 1 && ((unsigned char)t[hi] & 0xC0) == 0x80) hi--;
    return hi;
}

void dx_pieces_init(dx_pieces *p)
{
    memset(p, 0, sizeof(*p));
    p->ents = dx_map_new();
    p->pairs = dx_map_new();
}

static char *adup(dossier_docresult *r, const char *s)
{
    return dx_arena_strndup(&r->arena, s ? s : "", s ? strlen(s) : 0);
}

/* An agents/patients array of a piece's event, its entities renumbered. */
static void remap_ints(dossier_docresult *r, const int32_t *from, size_t n, const int32_t *remap, void *vecp)
{
    DX_VEC(int32_t) *v = vecp;
    v->items = NULL;
    v->len = v->cap = 0; /* cap 0: the arena's */
    if (!n) return;
    v->items = dx_arena_alloc(&r->arena, n * sizeof(int32_t));
    for (size_t i = 0; i < n; i++) v->items[i] = remap[from[i]];
    v->len = n;
}

void dx_pieces_add(dx_pieces *p, const dossier_docresult *piece, uint32_t shift)
{
    if (!p->r) {
        p->r = xcalloc(1, sizeof(dossier_docresult));
        dx_arena_init(&p->r->arena);
        p->r->path = adup(p->r, piece->path);
        p->r->dct_note = adup(p->r, piece->dct_note); /* the document dates, as the first piece read them */
    }
    dossier_docresult *r = p->r;
    if (piece->warning) { /* the bounds applied to a piece */
        if (!p->warned++) p->first_warning = adup(r, piece->warning);
    }
    int32_t *remap = xmalloc((piece->ents.len + 1) * sizeof(int32_t));
    for (size_t i = 0; i < piece->ents.len; i++) {
        const dx_rent *e = &piece->ents.items[i];
        void *v = dx_map_get(p->ents, e->id, strlen(e->id));
        if (v) {
            remap[i] = (int32_t)((intptr_t)v - 1);
            r->ents.items[remap[i]].count += e->count;
            if (e->likely > r->ents.items[remap[i]].likely) r->ents.items[remap[i]].likely = e->likely;
            continue;
        }
        dx_rent c = {adup(r, e->id), adup(r, e->label), e->type, adup(r, e->aliases), adup(r, e->start),
                     adup(r, e->end), adup(r, e->roles), e->count, e->known, adup(r, e->example), e->likely};
        DX_PUSH(r->ents, c);
        remap[i] = (int32_t)r->ents.len - 1;
        dx_map_put(p->ents, e->id, strlen(e->id), (void *)(intptr_t)r->ents.len);
    }
    DX_GROW(r->ments, r->ments.len + piece->ments.len);
    const char *dct_in = NULL; /* the document date of dates, shared as in the piece */
    char *dct_out = NULL;
    for (size_t i = 0; i < piece->ments.len; i++) {
        const dx_rmention *m = &piece->ments.items[i];
        if (m->dct != dct_in) dct_in = m->dct, dct_out = adup(r, m->dct);
        dx_rmention c = {m->start + shift, m->end + shift, m->type, m->ent >= 0 ? remap[m->ent] : -1,
                         adup(r, m->text), adup(r, m->value), m->mod, dct_out, adup(r, m->calendar), m->link, 0};
        r->ments.items[r->ments.len++] = c;
    }
    DX_GROW(r->events, r->events.len + piece->events.len);
    for (size_t i = 0; i < piece->events.len; i++) {
        const dx_revent *e = &piece->events.items[i];
        dx_revent c = *e;
        c.trig_start += shift;
        c.trig_end += shift;
        c.sent_start += shift;
        c.sent_end += shift;
        c.trigger = adup(r, e->trigger);
        /* events of one sentence share its copy, as in the piece */
        c.sentence = i && e->sentence == piece->events.items[i - 1].sentence ? r->events.items[r->events.len - 1].sentence
                                                                            : adup(r, e->sentence);
        remap_ints(r, e->agents.items, e->agents.len, remap, &c.agents);
        remap_ints(r, e->patients.items, e->patients.len, remap, &c.patients);
        c.place = e->place >= 0 ? remap[e->place] : -1;
        c.source_ent = e->source_ent >= 0 ? remap[e->source_ent] : -1;
        c.source = adup(r, e->source);
        c.charge = adup(r, e->charge);
        c.date = adup(r, e->date);
        r->events.items[r->events.len++] = c;
    }
    const char *last_from = NULL;
    char *last_to = NULL;
    for (size_t i = 0; i < piece->coocs.len; i++) {
        const dx_rcooc *o = &piece->coocs.items[i];
        int32_t a = remap[o->a], b = remap[o->b];
        if (a > b) {
            int32_t t = a;
            a = b;
            b = t;
        }
        int32_t ab[2] = {a, b};
        void *v = dx_map_get(p->pairs, (const char *)ab, sizeof(ab));
        if (v) {
            r->coocs.items[(intptr_t)v - 1].count += o->count;
            continue;
        }
        if (o->sentence != last_from) {
            last_from = o->sentence;
            last_to = adup(r, o->sentence);
        }
        dx_rcooc c = {a, b, o->count, o->sent_start + shift, o->sent_end + shift, last_to};
        DX_PUSH(r->coocs, c);
        dx_map_put(p->pairs, (const char *)ab, sizeof(ab), (void *)(intptr_t)r->coocs.len);
    }
    free(remap);
}

dossier_docresult *dx_pieces_finish(dx_pieces *p, const char *warning, size_t text_len)
{
    dossier_docresult *r = p->r;
    if (r) {
        dx_buf w;
        dx_buf_init(&w);
        if (warning) dx_buf_puts(&w, warning);
        if (p->first_warning)
            dx_buf_printf(&w, "%s%s", w.len ? "; " : "", p->first_warning);
        if (p->warned > 1) dx_buf_printf(&w, " (in the first of %zu pieces of 2 MB that needed it)", p->warned);
        r->warning = w.len ? adup(r, w.data) : NULL;
        dx_buf_fini(&w);
        r->text_len = text_len;
    }
    dx_map_free(p->ents);
    dx_map_free(p->pairs);
    p->r = NULL;
    return r;
}

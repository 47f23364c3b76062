/* doc.c - the per-document working state and its entity table. */
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "extract/doc.h"
#include "extract/lexicon.h"

void dx_doc_init(dx_doc *doc)
{
    memset(doc, 0, sizeof(*doc));
    dx_arena_init(&doc->arena);
}

void dx_doc_fini(dx_doc *doc)
{
    free(doc->path);
    free(doc->text);
    free(doc->warning);
    dx_docmeta_fini(&doc->meta);
    DX_FREE(doc->page_starts);
    dx_arena_fini(&doc->arena);
    DX_FREE(doc->toks);
    DX_FREE(doc->sents);
    DX_FREE(doc->turns);
    DX_FREE(doc->ments);
    DX_FREE(doc->ment_tok);
    DX_FREE(doc->caps);
    DX_FREE(doc->gaz_starts);
    DX_FREE(doc->boards);
    DX_FREE(doc->lines);
    DX_FREE(doc->date_words);
    DX_FREE(doc->date_todo);
    DX_FREE(doc->ents);
    DX_FREE(doc->events);
    free(doc->ent_slots);
    dx_buf_fini(&doc->scratch);
    memset(doc, 0, sizeof(*doc));
}

/* The slug of src[0..n) written at dst, which may be src itself (it is
 * never longer: a dash stands for at least one byte left out): its letters
 * and digits, ASCII ones in lowercase, and the bytes of other characters,
 * a dash for each run of anything else between them. Returns its length. */
static size_t slug(char *dst, const char *src, size_t n)
{
    size_t w = 0;
    int dash = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (dash && w) dst[w++] = '-';
            dash = 0;
            dst[w++] = (char)c;
        } else {
            dash = 1;
        }
    }
    return w;
}

/* The id of an entity made from its label: "type:slug", the slug of the
 * folded label, so it is the same in every run and every shard. An ASCII
 * label (most are) folds to its lowercase, so its slug is made as it is
 * read, behind the type written first; another is folded into out, its
 * slug made there in place, then moved behind the type: no buffer of its
 * own and no printf for each new name. (A gazetteer entry's id is its
 * own: used as it is, not copied.) */
static void entity_id(dx_ent_type type, const char *label, dx_buf *out)
{
    size_t n = strlen(label), ascii = 1;
    for (size_t i = 0; i < n && ascii; i++) ascii = (unsigned char)label[i] < 0x80;
    const char *prefix = dx_ent_type_lower(type);
    size_t plen = strlen(prefix) + 1; /* and the ':' */
    size_t w;
    if (ascii) {
        dx_buf_clear(out);
        dx_buf_grow(out, plen + n);
        w = slug(out->data + plen, label, n);
    } else {
        dx_fold_lower(label, n, out);
        w = slug(out->data, out->data, out->len);
        if (w + plen + 1 > out->cap) dx_buf_grow(out, plen);
        memmove(out->data + plen, out->data, w);
    }
    memcpy(out->data, prefix, plen - 1);
    out->data[plen - 1] = ':';
    out->len = w + plen;
    out->data[out->len] = '\0';
}

/* The slot of the entity with this id, or the empty one where it goes. */
static uint64_t *ent_slot(const dx_doc *doc, const char *id, size_t len, uint32_t h)
{
    for (size_t i = h & doc->ent_mask;; i = (i + 1) & doc->ent_mask) {
        uint64_t *sl = &doc->ent_slots[i];
        if (!*sl) return sl;
        if ((uint32_t)(*sl >> 32) != h) continue;
        const dx_doc_ent *e = &doc->ents.items[(uint32_t)*sl - 1];
        /* a gazetteer entry's entity keeps the entry's id: the same pointer */
        if (e->key_len == len && (e->key == id || memcmp(e->key, id, len) == 0)) return sl;
    }
}

/* Room for one more entity at most half full: slots of 8 bytes, not the
 * multimap of the lexicon (its filter and value lists, made and grown for
 * every document, cost more than short documents' lookups). */
static void ent_room(dx_doc *doc)
{
    size_t size = doc->ent_slots ? doc->ent_mask + 1 : 0;
    if ((doc->ents.len + 1) * 2 <= size) return;
    /* first made with a slot for every two mentions (room, at half full,
     * for an entity every four; the bench's documents name an entity some
     * 7 times), so that it seldom grows: growing from 64 slots cost a fifth
     * of resolve */
    size_t nsize = 64;
    if (size) nsize = size * 2;
    else
        while (nsize < doc->ments.len / 2 && nsize < ((size_t)1 << 14)) nsize *= 2;
    uint64_t *old = doc->ent_slots;
    doc->ent_slots = xcalloc(nsize, sizeof(uint64_t));
    doc->ent_mask = nsize - 1;
    for (size_t k = 0; k < size; k++)
        if (old[k]) {
            size_t i = (uint32_t)(old[k] >> 32) & doc->ent_mask;
            while (doc->ent_slots[i]) i = (i + 1) & doc->ent_mask;
            doc->ent_slots[i] = old[k];
        }
    free(old);
}

/* The entities by their id (the table keeps no copy of the id: each
 * candidate's is compared). A gazetteer entry's id is not read: its hash
 * and lengths were taken at load, and the entity keeps the entry's own
 * pointer (its strings are cold by now: measuring them cost a miss each). */
int32_t dx_doc_ent_get(dx_doc *doc, dx_ent_type type, const char *label, const dx_gaz_entry *gaz)
{
    const char *id;
    size_t id_len;
    uint32_t h;
    if (gaz) {
        id = gaz->id;
        id_len = gaz->id_len;
        h = gaz->id_hash;
    } else {
        entity_id(type, label, &doc->scratch);
        id = doc->scratch.data;
        id_len = doc->scratch.len;
        h = dx_ent_id_hash(id, id_len);
    }
    ent_room(doc);
    uint64_t *sl = ent_slot(doc, id, id_len, h);
    if (*sl) return (int32_t)((uint32_t)*sl - 1);
    dx_doc_ent e;
    memset(&e, 0, sizeof(e));
    e.type = type;
    e.gaz = gaz;
    e.label_len = gaz ? gaz->label_len : (uint32_t)strlen(label);
    e.label = gaz ? gaz->label : dx_arena_strndup(&doc->arena, label, e.label_len);
    e.key_len = (uint32_t)id_len;
    e.key = gaz ? gaz->id : dx_arena_strndup(&doc->arena, id, id_len);
    e.first_sent = e.first_start = UINT32_MAX;
    DX_PUSH(doc->ents, e);
    *sl = (uint64_t)h << 32 | (uint64_t)doc->ents.len; /* index + 1 */
    return (int32_t)doc->ents.len - 1;
}

int dx_mention_cmp(const void *a, const void *b)
{
    const dx_mention *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1;
    return (int)x->type - (int)y->type;
}

static inline int ment_le(const dx_mention *x, const dx_mention *y)
{
    if (x->start != y->start) return x->start < y->start;
    if (x->end != y->end) return x->end > y->end;
    return (int)x->type <= (int)y->type;
}

/* Merges the sorted runs a[lo, mid) and a[mid, hi), stably (tmp holds
 * the shorter). What is in place already is left there: the left run's
 * head not after the right's first, the right run's tail not before the
 * left's last (a stage's mentions among another's: most stay put). */
static void ment_merge(dx_mention *a, dx_mention *tmp, size_t lo, size_t mid, size_t hi)
{
    while (lo < mid && ment_le(&a[lo], &a[mid])) lo++;
    while (hi > mid && ment_le(&a[mid - 1], &a[hi - 1])) hi--;
    if (lo == mid || hi == mid) return;
    size_t nl = mid - lo, nr = hi - mid;
    if (nl <= nr) {
        /* forward: the left one first when equal */
        memcpy(tmp, &a[lo], nl * sizeof(*a));
        size_t i = 0, j = mid, k = lo;
        while (i < nl && j < hi) {
            if (ment_le(&tmp[i], &a[j])) a[k++] = tmp[i++];
            else a[k++] = a[j++];
        }
        while (i < nl) a[k++] = tmp[i++];
    } else {
        /* backward: the right one last when equal */
        memcpy(tmp, &a[mid], nr * sizeof(*a));
        size_t i = mid, j = nr, k = hi;
        while (i > lo && j > 0) {
            if (ment_le(&a[i - 1], &tmp[j - 1])) a[--k] = tmp[--j];
            else a[--k] = a[--i];
        }
        while (j > 0) a[--k] = tmp[--j];
    }
}

/* The runs to merge next: the adjacent pair the shortest together. The
 * runs of a document are few and of uneven length (the names stage's long
 * one, a few short ones, the dates stage's), and a mention moves at each
 * merge that takes it: the short runs merged among themselves first, the
 * long one moves once, not once for each (a large document's 2468, 56, 2,
 * 2, 4, 530 moved the first run three times). Any order of merging
 * adjacent runs stably gives the one stable order. */
static size_t shortest_pair(const size_t *runs, size_t nruns)
{
    size_t best = 0;
    for (size_t r = 1; r + 1 < nruns; r++)
        if (runs[r + 2] - runs[r] < runs[best + 2] - runs[best]) best = r;
    return best;
}

/* Beyond this many runs the choice of the pair costs more than it saves:
 * merged pairwise, pass after pass. */
#define SORT_FEW_RUNS 32

/* A natural merge sort: the runs the stages made, merged until one is
 * left. Stable, as the merge sort it replaces: the same order. */
void dx_mention_sort(dx_mention *m, size_t n)
{
    size_t i = 1;
    while (i < n && ment_le(&m[i - 1], &m[i])) i++;
    if (i >= n) return;
    /* the starts of the runs, and n */
    DX_VEC(size_t) runs = {0};
    DX_PUSH(runs, 0);
    for (; i < n; i++)
        if (!ment_le(&m[i - 1], &m[i])) DX_PUSH(runs, i);
    DX_PUSH(runs, n);
    dx_mention *tmp = xmalloc((n / 2 + 1) * sizeof(*m));
    while (runs.len > SORT_FEW_RUNS + 1) {
        size_t w = 0;
        for (size_t r = 0; r + 2 < runs.len; r += 2) {
            ment_merge(m, tmp, runs.items[r], runs.items[r + 1], runs.items[r + 2]);
            runs.items[w++] = runs.items[r];
        }
        if (runs.len % 2 == 0) runs.items[w++] = runs.items[runs.len - 2]; /* an odd run out waits */
        runs.items[w++] = n;
        runs.len = w;
    }
    while (runs.len > 2) {
        size_t r = shortest_pair(runs.items, runs.len - 1);
        ment_merge(m, tmp, runs.items[r], runs.items[r + 1], runs.items[r + 2]);
        memmove(&runs.items[r + 1], &runs.items[r + 2], (runs.len - r - 2) * sizeof(*runs.items));
        runs.len--;
    }
    free(tmp);
    DX_FREE(runs);
}

/* The search starts where the token would be if the tokens were spread
 * evenly over the text, and gallops from there: the answer is near (a
 * paragraph or a few away), and the probes near it share cache lines, where
 * a plain halving touches a new line of a large token array at every step. */
size_t dx_tok_index(const dx_doc *doc, uint32_t off)
{
    const dx_token *tk = doc->toks.items;
    size_t n = doc->toks.len;
    if (!n) return 0;
    size_t g = doc->len ? (size_t)((uint64_t)off * n / doc->len) : 0;
    if (g >= n) g = n - 1;
    /* the first token that starts after off is in [lo, hi) */
    size_t lo, hi;
    if (tk[g].start <= off) {
        lo = g + 1;
        for (size_t step = 1;; step *= 2) {
            hi = lo + step;
            if (hi >= n) {
                hi = n;
                break;
            }
            if (tk[hi].start > off) break;
            lo = hi + 1;
        }
    } else {
        hi = g;
        for (size_t step = 1;; step *= 2) {
            if (hi <= step) {
                lo = 0;
                break;
            }
            lo = hi - step;
            if (tk[lo].start <= off) {
                lo++;
                break;
            }
            hi = lo;
        }
    }
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tk[mid].start <= off) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : 0;
}

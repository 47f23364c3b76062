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
    dx_u64map_free(doc->ent_by_key);
    dx_buf_fini(&doc->scratch);
    memset(doc, 0, sizeof(*doc));
}

/* The id of an entity: "type:slug", the slug from the gazetteer or from
 * the folded label, so it is the same in every run and every shard. The
 * slug is made in out itself, over the folded label (it is never longer:
 * a dash stands for at least one byte left out), then moved behind the
 * type: no buffer of its own and no printf for each new name. */
static void entity_id(dx_ent_type type, const char *label, const dx_gaz_entry *gaz, dx_buf *out)
{
    dx_buf_clear(out);
    if (gaz) {
        dx_buf_puts(out, gaz->id);
        return;
    }
    dx_fold_lower(label, strlen(label), out);
    char *d = out->data;
    size_t w = 0;
    int dash = 0;
    for (size_t i = 0; i < out->len; i++) {
        unsigned char c = (unsigned char)d[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (dash && w) d[w++] = '-';
            dash = 0;
            d[w++] = (char)c;
        } else {
            dash = 1;
        }
    }
    const char *prefix = dx_ent_type_lower(type);
    size_t plen = strlen(prefix) + 1; /* and the ':' */
    out->len = w;
    if (out->len + plen + 1 > out->cap) dx_buf_grow(out, plen);
    d = out->data;
    memmove(d + plen, d, w);
    memcpy(d, prefix, plen - 1);
    d[plen - 1] = ':';
    out->len = w + plen;
    d[out->len] = '\0';
}

/* The entities by the hash of their id (the map keeps no copy of the id:
 * each candidate's is compared). */
int32_t dx_doc_ent_get(dx_doc *doc, dx_ent_type type, const char *label, const dx_gaz_entry *gaz)
{
    dx_buf id = doc->scratch; /* moved back below: entity_id may grow it */
    entity_id(type, label, gaz, &id);
    uint64_t h = dx_hash(id.data, id.len);
    if (!doc->ent_by_key) doc->ent_by_key = dx_u64map_new_small();
    const uint32_t *v;
    size_t nv = dx_u64map_get(doc->ent_by_key, h, &v);
    int32_t idx = -1;
    for (size_t k = 0; k < nv && idx < 0; k++) {
        const char *key = doc->ents.items[v[k]].key;
        if (memcmp(key, id.data, id.len) == 0 && key[id.len] == '\0') idx = (int32_t)v[k];
    }
    if (idx < 0) {
        dx_doc_ent e;
        memset(&e, 0, sizeof(e));
        e.type = type;
        e.gaz = gaz;
        e.label_len = (uint32_t)strlen(gaz ? gaz->label : label);
        e.label = gaz ? gaz->label : dx_arena_strndup(&doc->arena, label, e.label_len);
        e.key_len = (uint32_t)id.len;
        e.key = gaz ? gaz->id : dx_arena_strndup(&doc->arena, id.data, id.len);
        e.first_sent = UINT32_MAX;
        DX_PUSH(doc->ents, e);
        idx = (int32_t)doc->ents.len - 1;
        dx_u64map_add(doc->ent_by_key, h, (uint32_t)idx);
    }
    doc->scratch = id;
    return idx;
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

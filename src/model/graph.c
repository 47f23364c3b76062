/* graph.c - the merged graph's life (new, seal, free) and the read-only
 * views the exporters share: events in date order, entity lookup, joined
 * labels, edge ids. */
#include <stdlib.h>
#include <string.h>

#include "model/edtf.h"
#include "model/graph.h"

_Static_assert(DX_EV__COUNT <= 256 && DX_MODAL__COUNT <= 256, "an account keeps its type and modality in a byte");

dx_graph *dx_graph_new(void)
{
    dx_graph *g = xcalloc(1, sizeof(dx_graph));
    dx_arena_init(&g->arena);
    dx_texts_init(&g->texts);
    return g;
}

void dx_graph_free(dx_graph *g)
{
    if (!g) return;
    DX_FREE(g->documents);
    DX_FREE(g->document_dates);
    DX_FREE(g->document_hashes);
    DX_FREE(g->ents);
    DX_FREE(g->events);
    DX_FREE(g->edges);
    DX_FREE(g->aggs);
    free(g->agg_accounts);
    free(g->spell_at);
    free(g->spells);
    dx_arena_fini(&g->arena);
    dx_texts_fini(&g->texts);
    free(g->by_date);
    free(g);
}

/* Events in date order: dated by start, end, then document order; undated
 * last in document order. */
static int event_order(const void *a, const void *b, void *graph)
{
    const dx_graph *sort_graph = graph;
    const dx_gevent *x = &sort_graph->events.items[*(const size_t *)a];
    const dx_gevent *y = &sort_graph->events.items[*(const size_t *)b];
    int xd = x->start[0] != 0, yd = y->start[0] != 0;
    if (xd != yd) return xd ? -1 : 1;
    if (xd) {
        int c = strcmp(x->start, y->start);
        if (c) return c;
        c = strcmp(x->end, y->end);
        if (c) return c;
    }
    if (x->doc_order != y->doc_order) return x->doc_order < y->doc_order ? -1 : 1;
    if (x->trig_start != y->trig_start) return x->trig_start < y->trig_start ? -1 : 1;
    if (x->type != y->type) return (int)x->type - (int)y->type;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return i < j ? -1 : i > j;
}

/* The same order on keys laid out side by side: ISO days as numbers
 * (1938-03-13 -> 19380313), so the sort never chases the events' strings. */
typedef struct {
    uint32_t start, end, trig, doc, idx; /* a million of them at 300 MB: 24 bytes each */
    uint8_t dated, type;
} event_key;

static int key_order(const void *a, const void *b)
{
    const event_key *x = a, *y = b;
    if (x->dated != y->dated) return x->dated ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->trig != y->trig) return x->trig < y->trig ? -1 : 1;
    if (x->type != y->type) return (int)x->type - (int)y->type;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* keys sorted by key_order, merging runs bottom-up through tmp: a
 * comparison inlined costs a fraction of qsort's call through a pointer
 * and its copies by memcpy (a million accounts: the seal's whole cost). The
 * order is total (idx breaks every tie): any sort gives the same. */
static int key_less(const event_key *x, const event_key *y) { return key_order(x, y) < 0; }

static void sort_keys(event_key *k, event_key *tmp, size_t n)
{
    /* runs of 8 by insertion, then merged in pairs */
    for (size_t lo = 0; lo < n; lo += 8) {
        size_t hi = lo + 8 < n ? lo + 8 : n;
        for (size_t i = lo + 1; i < hi; i++) {
            event_key x = k[i];
            size_t j = i;
            for (; j > lo && key_less(&x, &k[j - 1]); j--) k[j] = k[j - 1];
            k[j] = x;
        }
    }
    event_key *from = k, *to = tmp;
    for (size_t w = 8; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi) to[o++] = key_less(&from[b], &from[a]) ? from[b++] : from[a++];
            while (a < mid) to[o++] = from[a++];
            while (b < hi) to[o++] = from[b++];
        }
        event_key *t = from;
        from = to;
        to = t;
    }
    if (from != k) memcpy(k, from, n * sizeof(event_key));
}

static size_t *by_date(const dx_graph *g)
{
    size_t n = g->events.len;
    size_t *idx = xmalloc((n + 1) * sizeof(size_t));
    event_key *keys = xmalloc((n + 1) * sizeof(event_key));
    int keyed = 1;
    for (size_t i = 0; i < n && keyed; i++) {
        const dx_gevent *e = &g->events.items[i];
        event_key *k = &keys[i];
        memset(k, 0, sizeof(*k));
        k->dated = e->start[0] != 0;
        if (k->dated) {
            long s = dx_iso_day_number(e->start), t = dx_iso_day_number(e->end);
            if (s < 0 || t < 0) keyed = 0; /* not an ISO day: compare the strings */
            k->start = (uint32_t)s;
            k->end = (uint32_t)t;
        }
        k->trig = e->trig_start;
        k->type = e->type;
        k->doc = e->doc_order;
        k->idx = (uint32_t)i;
    }
    if (keyed) {
        event_key *tmp = xmalloc((n + 1) * sizeof(event_key));
        sort_keys(keys, tmp, n);
        free(tmp);
        for (size_t i = 0; i < n; i++) idx[i] = keys[i].idx;
    } else {
        for (size_t i = 0; i < n; i++) idx[i] = i;
        /* qsort_r: outputs are written by several threads at once */
        if (n) qsort_r(idx, n, sizeof(size_t), event_order, (void *)(uintptr_t)g);
    }
    free(keys);
    return idx;
}

void dx_graph_seal(dx_graph *g)
{
    free(g->by_date);
    g->by_date = by_date(g);
}

const size_t *dx_events_by_date(const dx_graph *g) { return g->by_date; }

const char *dx_account_sentence(const dx_graph *g, const dx_gevent *e, dx_buf *scratch)
{
    return dx_texts_get(&g->texts, e->sent_off, e->sent_len, scratch);
}

const char *dx_edge_sentence(const dx_graph *g, const dx_gedge *e, dx_buf *scratch)
{
    return dx_texts_get(&g->texts, e->sent_off, e->sent_len, scratch);
}

const char *dx_account_sentence_in(const dx_graph *g, const dx_gevent *e, dx_texts_window *w)
{
    return dx_texts_read(&g->texts, e->sent_off, e->sent_len, w);
}

void dx_account_id(const dx_graph *g, const dx_gevent *e, dx_buf *out)
{
    /* "event:%08x-%u-%s", without printf, laid out on the stack and put in
     * one copy (a put a part, each checking the room, cost twice as much) */
    uint32_t h = g->document_hashes.items[e->doc_order];
    char t[48], *p = t;
    memcpy(p, "event:", 6);
    p += 6;
    for (int q = 0; q < 8; q++) p[q] = "0123456789abcdef"[(h >> (28 - 4 * q)) & 15];
    p += 8;
    *p++ = '-';
    char num[24], *d = dx_fmt_int(num + sizeof(num), e->trig_start);
    size_t nd = (size_t)(num + sizeof(num) - d);
    memcpy(p, d, nd);
    p += nd;
    *p++ = '-';
    const char *type = dx_ev_type_name(e->type);
    size_t nt = strlen(type);
    dx_buf_clear(out);
    if (out->len + (size_t)(p - t) + nt + 1 > out->cap) dx_buf_grow(out, (size_t)(p - t) + nt);
    memcpy(out->data, t, (size_t)(p - t));
    memcpy(out->data + (p - t), type, nt + 1);
    out->len = (size_t)(p - t) + nt;
}

int32_t dx_graph_find_ent(const dx_graph *g, const char *id)
{
    size_t lo = 0, hi = g->ents.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(g->ents.items[mid].id, id);
        if (c == 0) return (int32_t)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

char *dx_graph_join_labels(const dx_graph *g, const int32_t *idx, size_t n)
{
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_put(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i) dx_buf_puts(&b, "; ");
        dx_buf_puts(&b, g->ents.items[idx[i]].label);
    }
    return b.data;
}

void dx_join_labels_to(dx_buf *out, const dx_graph *g, const int32_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) dx_buf_put(out, "; ", 2);
        dx_buf_puts(out, g->ents.items[idx[i]].label);
    }
}

const char *dx_graph_node_id(const dx_graph *g, dx_node_kind k, int32_t i)
{
    return k == DX_NODE_ENTITY ? g->ents.items[i].id : g->aggs.items[i].id;
}

void dx_graph_edge_id(const dx_graph *g, const dx_gedge *e, dx_buf *out)
{
    dx_buf_clear(out);
    dx_buf_puts(out, dx_graph_node_id(g, e->src_kind, e->src));
    dx_buf_putc(out, '|');
    dx_buf_puts(out, dx_rel_name(e->rel));
    dx_buf_putc(out, '|');
    const char *mod = dx_modality_name(e->modality);
    if (mod[0]) {
        size_t at = out->len;
        dx_buf_puts(out, mod);
        for (size_t i = at; i < out->len; i++)
            if (out->data[i] >= 'A' && out->data[i] <= 'Z') out->data[i] = (char)(out->data[i] + 32);
        dx_buf_putc(out, '|');
    }
    dx_buf_puts(out, dx_graph_node_id(g, e->dst_kind, e->dst));
}

int dx_agg_date_inherited(const dx_graph *g, const dx_gagg *a)
{
    int dated = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[g->agg_accounts[a->first + i]];
        if (!e->date[0]) continue;
        if (e->date_basis != DX_DATE_CONTEXT) return 0;
        dated = 1;
    }
    return dated;
}

void dx_agg_modalities(dx_buf *b, const dx_gagg *a)
{
    size_t at = b->len;
    for (int m = 1; m < DX_MODAL__COUNT; m++) {
        if (!a->modalities[m]) continue;
        if (b->len > at) dx_buf_puts(b, "; ");
        dx_buf_puts(b, dx_modality_name((dx_modality)m));
        dx_buf_putc(b, ' ');
        dx_buf_put_int(b, a->modalities[m]);
    }
}

typedef struct {
    const char *s;
    uint32_t at;
} src_at;

static int src_text_cmp(const void *a, const void *b)
{
    const src_at *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->at < y->at ? -1 : x->at > y->at);
}

static int src_at_cmp(const void *a, const void *b)
{
    const src_at *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

void dx_agg_sources(dx_buf *b, const dx_graph *g, const dx_gagg *a, size_t max)
{
    const int32_t *acc = g->agg_accounts + a->first;
    src_at *v = xmalloc((a->n + 1) * sizeof(src_at));
    size_t n = 0, u = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const char *s = g->events.items[acc[i]].source;
        if (s[0]) v[n++] = (src_at){s, i};
    }
    /* each source once, where its first account is */
    qsort(v, n, sizeof(src_at), src_text_cmp);
    for (size_t i = 0; i < n; i++)
        if (!u || strcmp(v[u - 1].s, v[i].s) != 0) v[u++] = v[i];
    qsort(v, u, sizeof(src_at), src_at_cmp);
    for (size_t i = 0; i < u && i < max; i++) {
        if (i) dx_buf_put(b, "; ", 2);
        dx_buf_puts(b, v[i].s);
    }
    if (u > max) dx_buf_printf(b, "; and %zu more", u - max);
    free(v);
}

/* merge.c - the reduce step: documents in path order, entities merged by
 * id, accounts of events numbered in document order, derived and
 * co-occurrence edges aggregated with their first evidence; at the end the
 * accounts are aggregated into events (aggregate.c). The result depends
 * only on the set of documents, so shards merge exactly.
 *
 * Threads: dx_graph_build may start one reader thread that reads documents
 * back ahead of the merge (a small queue under rd->lock); the merge itself
 * runs on the calling thread. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "model/edtf.h"
#include "reduce/merge.h"

/* ---------------------------------------------------------------- building */


static int order_cmp(const void *a, const void *b, void *graph)
{
    const dx_graph *g = graph;
    return strcmp(g->ents.items[*(const int32_t *)a].id, g->ents.items[*(const int32_t *)b].id);
}


static void widen(char first[11], char last[11], const char *s, const char *e)
{
    if (!s[0]) return;
    if (!first[0] || strcmp(s, first) < 0) memcpy(first, s, 11);
    if (!last[0] || strcmp(e, last) > 0) memcpy(last, e, 11);
}

/* Edges between entities are aggregated over the corpus: an open-addressing
 * table of edge indexes keyed by (source, target, relation, modality).
 * Edges to events are made once the accounts are aggregated (aggregate.c). */
typedef struct {
    dx_graph *g;
    uint32_t *slots; /* edge index + 1, 0 empty */
    size_t cap, used;
} builder;

static uint64_t edge_hash(int32_t s, int32_t d, dx_rel rel, dx_modality mod)
{
    uint64_t h = ((uint64_t)(uint32_t)s << 32 | (uint32_t)d) * 0x9e3779b97f4a7c15ULL;
    h ^= (uint64_t)(rel * 8 + mod) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 29);
}

static uint32_t *edge_slot(builder *b, int32_t s, int32_t d, dx_rel rel, dx_modality mod)
{
    size_t mask = b->cap - 1;
    for (size_t i = edge_hash(s, d, rel, mod) & mask;; i = (i + 1) & mask) {
        uint32_t v = b->slots[i];
        if (!v) return &b->slots[i];
        const dx_gedge *e = &b->g->edges.items[v - 1];
        if (e->src == s && e->dst == d && e->rel == rel && e->modality == mod) return &b->slots[i];
    }
}

static void edge_table_grow(builder *b)
{
    uint32_t *old = b->slots;
    size_t oldcap = b->cap;
    b->cap = oldcap ? oldcap * 2 : 1024;
    b->slots = xcalloc(b->cap, sizeof(uint32_t));
    for (size_t i = 0; i < oldcap; i++)
        if (old[i]) {
            const dx_gedge *e = &b->g->edges.items[old[i] - 1];
            *edge_slot(b, e->src, e->dst, e->rel, e->modality) = old[i];
        }
    free(old);
}

static char *gdup(dx_graph *g, const char *s)
{
    if (!s || !*s) return (char *)""; /* most charges, sources, dates: one empty string for all */
    return dx_arena_strndup(&g->arena, s, strlen(s));
}

static dx_gedge *edge_get(builder *b, int32_t s, int32_t d, dx_rel rel, dx_modality mod, int directed, int32_t doc,
                          const char *sentence)
{
    dx_graph *g = b->g;
    if ((b->used + 1) * 2 > b->cap) edge_table_grow(b);
    uint32_t *slot = edge_slot(b, s, d, rel, mod);
    dx_gedge *e = *slot ? &g->edges.items[*slot - 1] : NULL;
    if (!e) {
        dx_gedge ne;
        memset(&ne, 0, sizeof(ne));
        ne.src_kind = DX_NODE_ENTITY;
        ne.dst_kind = DX_NODE_ENTITY;
        ne.src = s;
        ne.dst = d;
        ne.rel = rel;
        ne.modality = mod;
        ne.directed = directed;
        ne.document = g->documents.items[doc];
        if (sentence && *sentence) {
            size_t n = strlen(sentence);
            ne.sent_off = dx_texts_add(&g->texts, sentence, n);
            ne.sent_len = (uint32_t)n;
        }
        ne.last_doc = -1;
        DX_PUSH(g->edges, ne);
        *slot = (uint32_t)g->edges.len;
        b->used++;
        e = &g->edges.items[g->edges.len - 1];
    }
    e->weight++;
    if (e->last_doc != doc) {
        e->documents++;
        e->last_doc = doc;
    }
    return e;
}

/* Entities get an index in order of first appearance while documents are
 * read once, in path order; at the end they are sorted by id and every
 * index is renumbered. */
static void remap(dx_graph *g)
{
    size_t ne = g->ents.len;
    if (!ne) return;
    int32_t *order = xmalloc(ne * sizeof(int32_t));
    for (size_t i = 0; i < ne; i++) order[i] = (int32_t)i;
    qsort_r(order, ne, sizeof(int32_t), order_cmp, g);
    int32_t *newidx = xmalloc(ne * sizeof(int32_t));
    dx_gent *sorted = xmalloc(ne * sizeof(dx_gent));
    for (size_t i = 0; i < ne; i++) {
        newidx[order[i]] = (int32_t)i;
        sorted[i] = g->ents.items[order[i]];
    }
    memcpy(g->ents.items, sorted, ne * sizeof(dx_gent));
    free(sorted);
    for (size_t i = 0; i < g->events.len; i++) {
        dx_gevent *e = &g->events.items[i];
        for (size_t k = 0; k < e->agents.len; k++) e->agents.items[k] = newidx[e->agents.items[k]];
        for (size_t k = 0; k < e->patients.len; k++) e->patients.items[k] = newidx[e->patients.items[k]];
        if (e->place >= 0) e->place = newidx[e->place];
        if (e->source_ent >= 0) e->source_ent = newidx[e->source_ent];
    }
    for (size_t i = 0; i < g->edges.len; i++) {
        dx_gedge *e = &g->edges.items[i];
        if (e->src_kind == DX_NODE_ENTITY) e->src = newidx[e->src];
        if (e->dst_kind == DX_NODE_ENTITY) e->dst = newidx[e->dst];
        if (!e->directed && e->src_kind == DX_NODE_ENTITY && e->dst_kind == DX_NODE_ENTITY &&
            e->src > e->dst) {
            int32_t t = e->src;
            e->src = e->dst;
            e->dst = t;
        }
    }
    free(newidx);
    free(order);
}

/* Copy n ints into the graph's arena. */
static void ints_copy(dx_graph *g, dx_ids *v, const int32_t *from, size_t n, const int32_t *local)
{
    v->items = NULL;
    v->len = 0;
    if (!n) return;
    v->items = dx_arena_alloc(&g->arena, n * sizeof(int32_t));
    for (size_t k = 0; k < n; k++) v->items[k] = local[from[k]];
    v->len = (uint32_t)n;
}

/* With threads to spare, documents are read back and parsed one step ahead
 * of the merge by a second thread (a small queue, in document order). */
#define AHEAD 4
typedef struct {
    const dx_docs *docs;
    size_t nd;
    dossier_docresult *q[AHEAD];
    size_t head, tail; /* documents taken, documents read */
    int failed;
    dossier_error err;
    pthread_mutex_t lock;
    pthread_cond_t changed;
} reader;


static void *read_ahead(void *arg)
{
    reader *rd = arg;
    for (size_t d = 0; d < rd->nd; d++) {
        pthread_mutex_lock(&rd->lock);
        while (rd->tail - rd->head == AHEAD) pthread_cond_wait(&rd->changed, &rd->lock);
        pthread_mutex_unlock(&rd->lock);
        dossier_error err = {0};
        dossier_docresult *r = rd->docs->get(rd->docs->ctx, d, DX_MERGE_WANT, &err);
        pthread_mutex_lock(&rd->lock);
        if (!r) {
            rd->failed = 1;
            rd->err = err;
        } else {
            rd->q[rd->tail % AHEAD] = r;
            rd->tail++;
        }
        pthread_cond_broadcast(&rd->changed);
        pthread_mutex_unlock(&rd->lock);
        if (!r) break;
    }
    return NULL;
}

static dossier_docresult *next_doc(reader *rd, const dx_docs *docs, size_t d, dossier_error *err)
{
    if (!rd) return docs->get(docs->ctx, d, DX_MERGE_WANT, err);
    pthread_mutex_lock(&rd->lock);
    while (rd->tail == rd->head && !rd->failed) pthread_cond_wait(&rd->changed, &rd->lock);
    dossier_docresult *r = NULL;
    if (rd->tail > rd->head) {
        r = rd->q[rd->head % AHEAD];
        rd->head++;
        pthread_cond_broadcast(&rd->changed);
    } else {
        *err = rd->err;
    }
    pthread_mutex_unlock(&rd->lock);
    return r;
}

/* The merge state: documents are added one at a time, in path order. */
struct dx_merger {
    dx_graph *g;
    dx_map *by_id;
    builder b;
    DX_VEC(int32_t) local;
    DX_VEC(size_t) text_lens; /* of each document merged, to check the order */
    DX_VEC(char *) all_paths; /* of each, read or not (g->documents: those read) */
    dx_map *words;            /* short strings of accounts -> their copy in the arena */
    struct date_memo *dates;  /* DATE_MEMO of them, by the interned date's address */
};

/* An account's ISO bounds by its date, interned: a million accounts give a
 * few thousand dates, each parsed once (dx_edtf_bounds, ~280 instructions)
 * rather than once an account. Direct-mapped by the interned copy's
 * address: the arena is not freed while the merge runs, so an address is
 * one string (a date not interned has an address of its own and is parsed
 * again, the same). */
#define DATE_MEMO 1024
struct date_memo {
    const char *date;
    char start[11], end[11];
};

static void date_bounds(dx_merger *m, const char *date, char start[11], char end[11])
{
    if (!*date) { /* dx_edtf_bounds of "" */
        start[0] = end[0] = '\0';
        return;
    }
    uint64_t h = ((uint64_t)(uintptr_t)date * 0x9e3779b97f4a7c15ULL) >> 54; /* 10 bits */
    struct date_memo *d = &m->dates[h];
    if (d->date != date) {
        d->date = date;
        dx_edtf_bounds(date, d->start, d->end);
    }
    memcpy(start, d->start, 11);
    memcpy(end, d->end, 11);
}

/* Short strings that accounts repeat (triggers, dates, charges, sources)
 * kept once in the graph's arena: a million accounts name a few thousand.
 * Past INTERN_MAX of them, or longer than INTERN_LEN, each has its copy. */
#define INTERN_MAX 65536
#define INTERN_LEN 64
static char *intern(dx_merger *m, const char *s)
{
    if (!s || !*s) return (char *)"";
    size_t n = strlen(s);
    if (n > INTERN_LEN) return dx_arena_strndup(&m->g->arena, s, n);
    char *v = dx_map_get(m->words, s, n);
    if (v) return v;
    v = dx_arena_strndup(&m->g->arena, s, n);
    if (dx_map_count(m->words) < INTERN_MAX) dx_map_put(m->words, s, n, v);
    return v;
}

dx_merger *dx_merger_new(void)
{
    dx_merger *m = xcalloc(1, sizeof(*m));
    m->g = dx_graph_new();
    m->by_id = dx_map_new();
    m->words = dx_map_new();
    m->dates = xcalloc(DATE_MEMO, sizeof(*m->dates));
    m->b.g = m->g;
    return m;
}

int dx_merger_spill(dx_merger *m, const char *dir)
{
    errno = 0;
    return dx_texts_spill(&m->g->texts, dir) == 0 ? 0 : errno ? errno : EIO;
}

void dx_merger_add(dx_merger *m, const dossier_docresult *r)
{
    dx_graph *g = m->g;
    size_t d = g->documents.len;
    DX_PUSH(m->text_lens, r->text_len);
    DX_PUSH(m->all_paths, gdup(g, r->path));
    /* an input that was not read is in documents.csv only */
    if (r->status != DX_DOC_READ) return;
    DX_PUSH(g->documents, m->all_paths.items[m->all_paths.len - 1]);
    DX_PUSH(g->document_dates, gdup(g, r->dct_note ? r->dct_note : ""));
    DX_PUSH(g->document_hashes, (uint32_t)dx_hash(r->path, strlen(r->path)));
    g->n_mentions += r->ments.len + r->skipped_mentions;
    m->local.len = 0;
    for (size_t i = 0; i < r->ents.len; i++) {
        dx_rent *re = &r->ents.items[i];
        size_t idlen = strlen(re->id);
        void *v = dx_map_get(m->by_id, re->id, idlen);
        int32_t gi;
        if (!v) {
            dx_gent ne;
            memset(&ne, 0, sizeof(ne));
            ne.id = gdup(g, re->id);
            ne.label = gdup(g, re->label);
            ne.type = re->type;
            ne.aliases = gdup(g, re->aliases);
            ne.start = gdup(g, re->start);
            ne.end = gdup(g, re->end);
            ne.roles = gdup(g, re->roles);
            ne.last_doc = -1;
            DX_PUSH(g->ents, ne);
            gi = (int32_t)g->ents.len - 1;
            dx_map_put(m->by_id, re->id, idlen, (void *)(intptr_t)(gi + 1));
        } else {
            gi = (int32_t)((intptr_t)v - 1);
        }
        dx_gent *ge = &g->ents.items[gi];
        ge->mentions += re->count;
        if (ge->last_doc != (int32_t)d) {
            ge->documents++;
            ge->last_doc = (int32_t)d;
        }
        DX_PUSH(m->local, gi);
    }
    DX_GROW(g->events, g->events.len + r->events.len);
    for (size_t i = 0; i < r->events.len; i++) {
        dx_revent *re = &r->events.items[i];
        dx_gevent ge;
        memset(&ge, 0, sizeof(ge));
        ge.type = re->type;
        ge.modality = re->modality;
        ints_copy(g, &ge.agents, re->agents.items, re->agents.len, m->local.items);
        ints_copy(g, &ge.patients, re->patients.items, re->patients.len, m->local.items);
        ge.place = re->place >= 0 ? m->local.items[re->place] : -1;
        /* an entity's label is the entity's copy; the words an account
         * repeats from others (its trigger, its date...) are one copy */
        ge.source = re->source_ent >= 0 ? g->ents.items[m->local.items[re->source_ent]].label
                                        : intern(m, re->source);
        ge.charge = intern(m, re->charge);
        ge.date = intern(m, re->date);
        ge.date_mod = re->date_mod;
        ge.date_basis = re->date_basis;
        date_bounds(m, ge.date, ge.start, ge.end);
        ge.trig_start = re->trig_start;
        ge.page = dx_page_of(r->page_starts, r->n_page_starts, re->trig_start);
        ge.trig_end = re->trig_end;
        ge.trigger = intern(m, re->trigger);
        /* events of one sentence share its copy (in g->texts, out of memory
         * when the corpus spills) */
        if (i && re->sentence == r->events.items[i - 1].sentence) {
            ge.sent_off = g->events.items[g->events.len - 1].sent_off;
            ge.sent_len = g->events.items[g->events.len - 1].sent_len;
        } else if (re->sentence && *re->sentence) {
            size_t n = strlen(re->sentence);
            ge.sent_off = dx_texts_add(&g->texts, re->sentence, n);
            ge.sent_len = (uint32_t)n;
        }
        ge.doc_order = (uint32_t)d;
        ge.source_ent = re->source_ent >= 0 ? m->local.items[re->source_ent] : -1;
        ge.agg = -1;
        DX_PUSH(g->events, ge);
        int32_t ev = (int32_t)g->events.len - 1;
        dx_gevent *pe = &g->events.items[ev];
        /* derived entity -> entity relations, styled by modality */
        dx_rel rel = dx_ev_relation(pe->type);
        for (size_t a = 0; rel && a < pe->agents.len; a++)
            for (size_t p = 0; p < pe->patients.len; p++) {
                if (pe->agents.items[a] == pe->patients.items[p]) continue;
                dx_gedge *e = edge_get(&m->b, pe->agents.items[a], pe->patients.items[p], rel,
                                       pe->modality, 1, (int32_t)d, re->sentence);
                widen(e->first_date, e->last_date, pe->start, pe->end);
            }
        if (dx_ev_is_joint(pe->type))
            for (size_t a = 0; a < pe->agents.len; a++)
                for (size_t a2 = a + 1; a2 < pe->agents.len; a2++) {
                    int32_t x = pe->agents.items[a], y = pe->agents.items[a2];
                    if (x == y) continue;
                    dx_gedge *e = edge_get(&m->b, x < y ? x : y, x < y ? y : x, DX_REL_CONSPIRED_WITH,
                                           pe->modality, 0, (int32_t)d, re->sentence);
                    widen(e->first_date, e->last_date, pe->start, pe->end);
                }
        /* a confessor or witness who names others testifies against them */
        if (re->source_ent >= 0 &&
            (pe->modality == DX_MODAL_CONFESSED || pe->modality == DX_MODAL_ALLEGED)) {
            int32_t src = m->local.items[re->source_ent];
            if (g->ents.items[src].type == DX_ENT_PERSON)
                for (size_t a = 0; a < pe->agents.len; a++) {
                    if (pe->agents.items[a] == src) continue;
                    if (g->ents.items[pe->agents.items[a]].type != DX_ENT_PERSON) continue;
                    dx_gedge *e = edge_get(&m->b, src, pe->agents.items[a],
                                           pe->modality == DX_MODAL_CONFESSED ? DX_REL_TESTIFIED_AGAINST
                                                                              : DX_REL_ACCUSED,
                                           pe->modality, 1, (int32_t)d, re->sentence);
                    widen(e->first_date, e->last_date, pe->start, pe->end);
                }
        }
        /* entity date range from the dated events it takes part in */
        for (size_t k = 0; k < pe->agents.len; k++)
            widen(g->ents.items[pe->agents.items[k]].first_date,
                  g->ents.items[pe->agents.items[k]].last_date, pe->start, pe->end);
        for (size_t k = 0; k < pe->patients.len; k++)
            widen(g->ents.items[pe->patients.items[k]].first_date,
                  g->ents.items[pe->patients.items[k]].last_date, pe->start, pe->end);
    }
    for (size_t i = 0; i < r->coocs.len; i++) {
        dx_rcooc *co = &r->coocs.items[i];
        int32_t x = m->local.items[co->a], y = m->local.items[co->b];
        if (x == y) continue;
        dx_gedge *e = edge_get(&m->b, x < y ? x : y, x < y ? y : x, DX_REL_COOCCURS, DX_MODAL_NONE, 0,
                               (int32_t)d, co->sentence);
        e->weight += co->count - 1;
    }
}

const dx_texts *dx_merger_texts(const dx_merger *m) { return &m->g->texts; }

size_t dx_merger_count(const dx_merger *m) { return m->all_paths.len; }

void dx_merger_doc(const dx_merger *m, size_t i, const char **path, size_t *text_len)
{
    *path = m->all_paths.items[i];
    *text_len = m->text_lens.items[i];
}

static void merger_fini(dx_merger *m)
{
    DX_FREE(m->local);
    DX_FREE(m->text_lens);
    DX_FREE(m->all_paths);
    dx_map_free(m->by_id);
    dx_map_free(m->words);
    free(m->dates);
    free(m->b.slots);
    free(m);
}

dx_graph *dx_merger_finish(dx_merger *m)
{
    dx_graph *g = m->g;
    merger_fini(m);
    remap(g);
    return g;
}

void dx_merger_free(dx_merger *m)
{
    if (!m) return;
    dx_graph_free(m->g);
    merger_fini(m);
}

dx_graph *dx_graph_build(const dx_docs *docs, int jobs, const char *spill_dir, int *spill_errno)
{
    size_t nd = docs->n;
    dx_merger *m = dx_merger_new();
    *spill_errno = spill_dir ? dx_merger_spill(m, spill_dir) : 0;
    reader rdr, *rd = NULL;
    pthread_t th;
    if (jobs > 1 && nd > 1) {
        memset(&rdr, 0, sizeof(rdr));
        rdr.docs = docs;
        rdr.nd = nd;
        pthread_mutex_init(&rdr.lock, NULL);
        pthread_cond_init(&rdr.changed, NULL);
        if (pthread_create(&th, NULL, read_ahead, &rdr) == 0) rd = &rdr;
    }
    for (size_t d = 0; d < nd; d++) {
        dossier_docresult *r = next_doc(rd, docs, d, &m->g->error);
        if (!r) {
            m->g->failed = 1;
            break;
        }
        dx_merger_add(m, r);
        docs->put(docs->ctx, d, r);
    }
    if (rd) {
        /* every document was taken, or the reader stopped on the failure */
        pthread_join(th, NULL);
        pthread_mutex_destroy(&rdr.lock);
        pthread_cond_destroy(&rdr.changed);
    }
    return dx_merger_finish(m);
}


/* aggregate.c - the accounts of one real-world happening aggregated into
 * one event, within a document and across documents, once every document
 * is merged (the last step of the reduce).
 *
 * Two accounts are of one event when they have the same type, the same
 * core participants (the patients, else the agents: "a TRIAL of A and B is
 * not the TRIAL of C") and compatible dates (EDTF intervals that overlap:
 * two arrests of one person in 1923 and 1937 are two events). Accounts
 * are grouped by type and core; within a group the dated ones are taken
 * narrowest first, and each joins the one cluster whose dates it overlaps
 * (none: it starts a cluster; several: it is ambiguous and starts its own);
 * the undated ones join the group's dated cluster when there is exactly
 * one; when there are several, the cluster of the dated account their
 * document tells nearest before them (else after them), within about a
 * page ("After his arrest, ..."); else they form a cluster of their own.
 * A date the extraction inherited from the context counts as none. A plot
 * of one plotter (a joint crime: the espionage, sabotage or conspiracy of
 * its agents) is no datable happening of its own: told without a date it
 * is one event only within a document (its undated accounts join a dated
 * cluster that has an account from their document, else they are one
 * cluster per document); the plot of the same two or more plotters is one
 * event across documents too. A death, an execution or an
 * assassination happens to a person once: its accounts are one event
 * whatever dates they give, and dates that two documents give and that
 * cannot both be true make it contested. Then a group whose core is part
 * of one larger group's core (the trial of A, the trial of A and B) joins
 * its event when they share a date of a month or less. Accounts without
 * participants are anchored by their place, or else by a date of a month
 * or less; with neither, they belong to no event. An event's agents and
 * patients are those its accounts name, most often named first; one whom
 * some name as its doer and others as whom it befell keeps the role most
 * of them give him. Its date is the one most accounts allow, unless the
 * accounts precise enough to tell disagree below the year, month or day
 * most of them agree on: then that year, month or day.
 *
 * Everything is decided on entity indexes, which the merge has put in id
 * order, and on the accounts' order (document path, then position), so
 * the events are the same for any -j and for shards merged with `dossier
 * merge`. Work and memory grow with the number of accounts: a sort, and
 * per group an index of date buckets. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/map.h"
#include "base/sort.h"
#include "model/edtf.h"
#include "reduce/merge.h"

/* Dates up to this wide seed clusters through the bucket index; wider ones
 * ("193X", "1920/1935") only join one, or cluster among themselves. */
#define SEED_MAX_DAYS 731
#define BUCKET_DAYS 32
/* dated[i] of an account whose date is inherited from the context */
#define WEAK 2
/* A date of a month or less anchors an account that names nobody. */
#define SPECIFIC_DAYS 31
/* An undated account is of the dated event of its people its document
 * tells this close to it (about a page), when there are several. */
#define NEAR_BYTES 3000
/* Vague clusters a group compares a vague account with. */
#define VAGUE_MAX 64

/* An account as the clustering sees it (one per account: 48 bytes). */
typedef struct {
    long from, to;          /* days, when dated (or weakly: days) */
    int32_t acc;
    uint32_t doc;           /* its document's order */
    int32_t place;          /* accounts without core: part of the group key */
    uint32_t core_at, ncore; /* sorted, distinct entity indexes in the pool */
    uint32_t pos;           /* its trigger's offset in its document */
    int32_t cluster;
    uint8_t type;           /* dx_ev_type */
    uint8_t dated;          /* dated, by a date stated (not inherited) */
    uint8_t days;           /* dated at all: 1, or WEAK when inherited; 0 undated */
} item;

typedef struct {
    const item *items;
    const int32_t *pool;
} sort_ctx;

static inline int item_cmp(const void *a, const void *b, void *ctxp)
{
    const sort_ctx *ctx = ctxp;
    const item *x = a, *y = b;
    if (x->type != y->type) return (int)x->type - (int)y->type;
    if (x->ncore != y->ncore) return x->ncore < y->ncore ? -1 : 1;
    for (uint32_t k = 0; k < x->ncore; k++) {
        int32_t p = ctx->pool[x->core_at + k], q = ctx->pool[y->core_at + k];
        if (p != q) return p < q ? -1 : 1;
    }
    if (!x->ncore && x->place != y->place) return x->place < y->place ? -1 : 1;
    if (x->dated != y->dated) return x->dated ? -1 : 1;
    if (x->dated) {
        long wx = x->to - x->from, wy = y->to - y->from;
        if (wx != wy) return wx < wy ? -1 : 1;
        if (x->from != y->from) return x->from < y->from ? -1 : 1;
    }
    return x->acc < y->acc ? -1 : x->acc > y->acc;
}

/* The items in item_cmp's order, sorted in place: an introsort whose
 * comparison is inlined and that moves items as structs. qsort_r sorted
 * these 48-byte items indirectly (an array of pointers, a call per
 * comparison, a permutation at the end); a merge sort's scratch copy
 * raised the peak memory of 300 MB of documents by 25 MB. The order is
 * total (acc breaks every tie): any sort gives the same one. */
static inline int item_less(const sort_ctx *ctx, const item *x, const item *y)
{
    return item_cmp(x, y, (void *)(uintptr_t)ctx) < 0;
}

static inline void item_swap(item *a, item *b)
{
    item t = *a;
    *a = *b;
    *b = t;
}

static void items_insertion(const sort_ctx *ctx, item *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (!item_less(ctx, &v[i], &v[i - 1])) continue;
        item x = v[i];
        size_t j = i;
        for (; j > 0 && item_less(ctx, &x, &v[j - 1]); j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

static void items_sift(const sort_ctx *ctx, item *v, size_t root, size_t n)
{
    for (;;) {
        size_t c = 2 * root + 1;
        if (c >= n) return;
        if (c + 1 < n && item_less(ctx, &v[c], &v[c + 1])) c++;
        if (!item_less(ctx, &v[root], &v[c])) return;
        item_swap(&v[root], &v[c]);
        root = c;
    }
}

/* the fallback when partitions keep coming out lopsided: n log n always */
static void items_heapsort(const sort_ctx *ctx, item *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;) items_sift(ctx, v, i, n);
    for (size_t k = n; k-- > 1;) {
        item_swap(&v[0], &v[k]);
        items_sift(ctx, v, 0, k);
    }
}

static void items_introsort(const sort_ctx *ctx, item *v, size_t n, int depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            items_heapsort(ctx, v, n);
            return;
        }
        /* median of three to v[0], then Hoare's partition around it */
        size_t m = n / 2;
        if (item_less(ctx, &v[m], &v[0])) item_swap(&v[m], &v[0]);
        if (item_less(ctx, &v[n - 1], &v[m])) {
            item_swap(&v[n - 1], &v[m]);
            if (item_less(ctx, &v[m], &v[0])) item_swap(&v[m], &v[0]);
        }
        item_swap(&v[0], &v[m]);
        size_t i = 0, j = n;
        for (;;) {
            do i++;
            while (i < n && item_less(ctx, &v[i], &v[0]));
            do j--;
            while (item_less(ctx, &v[0], &v[j]));
            if (i >= j) break;
            item_swap(&v[i], &v[j]);
        }
        item_swap(&v[0], &v[j]);
        /* the smaller side recursively, the larger one in the loop */
        if (j < n - j - 1) {
            items_introsort(ctx, v, j, depth);
            v += j + 1;
            n -= j + 1;
        } else {
            items_introsort(ctx, v + j + 1, n - j - 1, depth);
            n = j;
        }
    }
    items_insertion(ctx, v, n);
}

static void sort_items(const sort_ctx *ctx, item *v, size_t n)
{
    int depth = 0;
    for (size_t k = n; k > 1; k >>= 1) depth += 2;
    items_introsort(ctx, v, n, depth);
}

static int same_group(const sort_ctx *ctx, const item *x, const item *y)
{
    if (x->type != y->type || x->ncore != y->ncore) return 0;
    for (uint32_t k = 0; k < x->ncore; k++)
        if (ctx->pool[x->core_at + k] != ctx->pool[y->core_at + k]) return 0;
    return x->ncore || x->place == y->place;
}

/* A cluster being built: the dates all its members share (when dated;
 * first its seed's, the narrowest), its type and core, whether it happens
 * once (its members' dates may conflict), and the cluster it has joined as
 * a subset (itself when none: union-find). */
typedef struct {
    long from, to;
    int dated, once;
    dx_ev_type type;
    uint32_t core_at, ncore;
    uint64_t group;
    int32_t up;
} cluster;

typedef struct {
    DX_VEC(cluster) cl;
    dx_u64map *buckets;     /* (group, bucket) -> clusters whose seed covers it */
    uint64_t group;         /* a number per group, for the bucket keys */
    DX_VEC(int32_t) seeded; /* this group's clusters with a narrow seed */
    DX_VEC(int32_t) vague;  /* and with a wide one */
} clusterer;

static uint64_t bucket_key(uint64_t group, long bucket)
{
    return dx_hash_combine(group * 0x9e3779b97f4a7c15ULL + 1, (uint64_t)bucket);
}

static long bucket_of(long day) { return day >= 0 ? day / BUCKET_DAYS : -((-day + BUCKET_DAYS - 1) / BUCKET_DAYS); }

static int32_t new_cluster(clusterer *c, const item *it)
{
    cluster k = {it->from, it->to, it->dated, 0, it->type, it->core_at, it->ncore, c->group, (int32_t)c->cl.len};
    DX_PUSH(c->cl, k);
    return (int32_t)c->cl.len - 1;
}

static int overlaps(const cluster *k, long from, long to) { return k->from <= to && from <= k->to; }

/* Up to two distinct clusters of this group whose shared dates overlap
 * [from, to]; returns how many were found (2: two or more). */
static int candidates(clusterer *c, long from, long to, int32_t found[2])
{
    int n = 0;
    long b0 = bucket_of(from), b1 = bucket_of(to);
    if (b1 - b0 <= 64) {
        for (long b = b0; b <= b1 && n < 2; b++) {
            const uint32_t *v;
            size_t nv = dx_u64map_get(c->buckets, bucket_key(c->group, b), &v);
            for (size_t i = 0; i < nv && n < 2; i++) {
                int32_t k = (int32_t)v[i];
                if (c->cl.items[k].group != c->group) continue; /* two keys of one hash */
                if (!overlaps(&c->cl.items[k], from, to) || (n == 1 && found[0] == k)) continue;
                found[n++] = k;
            }
        }
    } else if (c->seeded.len <= 256) {
        for (size_t i = 0; i < c->seeded.len && n < 2; i++)
            if (overlaps(&c->cl.items[c->seeded.items[i]], from, to)) found[n++] = c->seeded.items[i];
    } else {
        return 2; /* a century against hundreds of dates: ambiguous */
    }
    for (size_t i = 0; i < c->vague.len && n < 2; i++)
        if (overlaps(&c->cl.items[c->vague.items[i]], from, to)) found[n++] = c->vague.items[i];
    return n;
}

static void join(clusterer *c, item *it, int32_t k)
{
    cluster *x = &c->cl.items[k];
    it->cluster = k;
    if (!it->dated) return;
    if (!x->dated) {
        x->dated = 1;
        x->from = it->from;
        x->to = it->to;
    }
    if (it->from > x->from) x->from = it->from;
    if (it->to < x->to) x->to = it->to;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* A dated account of a group where it is told: its document, its offset,
 * its cluster. */
typedef struct {
    uint32_t doc;
    uint32_t pos;
    int32_t cluster;
} told;

static int told_cmp(const void *a, const void *b)
{
    const told *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return x->cluster < y->cluster ? -1 : x->cluster > y->cluster;
}

/* The cluster of the dated account its document tells last before it, else
 * first after it, within NEAR_BYTES; -1 when its document tells none so
 * close. t sorted by told_cmp. */
static int32_t nearest_told(const told *t, size_t n, const item *it)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].doc < it->doc || (t[mid].doc == it->doc && t[mid].pos < it->pos)) lo = mid + 1;
        else hi = mid;
    }
    if (lo > 0 && t[lo - 1].doc == it->doc && it->pos - t[lo - 1].pos <= NEAR_BYTES) return t[lo - 1].cluster;
    if (lo < n && t[lo].doc == it->doc && t[lo].pos - it->pos <= NEAR_BYTES) return t[lo].cluster;
    return -1;
}

/* The items of one group: type and core (or type and place), dated first,
 * narrowest first. once: one event whatever the dates. specific_only: an
 * item without a date of a month or less belongs to no event. per_doc: a
 * plot (a joint crime) of one plotter told without a date of its own is
 * one event only within a document: its undated accounts join a dated
 * cluster only when one of that cluster's accounts comes from their
 * document, else they are one cluster per document ("Rykov's espionage" in
 * two documents that date neither is not known to be one plot; the
 * conspiracy of Rykov and Bukharin is). docs: scratch of n; tl: of n. */
static void cluster_group(clusterer *c, item *g, size_t n, int once, int specific_only, int per_doc, size_t *docs,
                          told *tl)
{
    size_t ntl = 0;
    int tl_done = 0;
    c->group++;
    c->seeded.len = c->vague.len = 0;
    int32_t rest = -1;
    size_t rest_doc = 0, ndocs = 0;
    size_t dated_clusters = 0;
    int32_t only = -1;
    int docs_done = 0;
    if (once) {
        int32_t k = new_cluster(c, &g[0]);
        c->cl.items[k].once = 1;
        for (size_t i = 0; i < n; i++) g[i].cluster = k;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        item *it = &g[i];
        if (specific_only && (!it->dated || it->to - it->from >= SPECIFIC_DAYS)) {
            it->cluster = -1;
            continue;
        }
        if (!it->dated && dated_clusters > 1) {
            /* several dated events: the one its document tells nearest
             * before it (else after it) is the one it speaks of */
            if (!tl_done) {
                tl_done = 1;
                for (size_t k = 0; k < i; k++) {
                    told x = {g[k].doc, g[k].pos, g[k].cluster};
                    tl[ntl++] = x;
                }
                qsort(tl, ntl, sizeof(told), told_cmp);
            }
            int32_t k = nearest_told(tl, ntl, it);
            if (k >= 0) {
                join(c, it, k);
                continue;
            }
        }
        if (!it->dated) {
            if (per_doc && !docs_done) {
                /* the dated ones came first: the documents of the one dated cluster */
                docs_done = 1;
                for (size_t k = 0; dated_clusters == 1 && k < i; k++)
                    if (g[k].cluster == only) docs[ndocs++] = g[k].doc;
                if (ndocs) qsort(docs, ndocs, sizeof(size_t), size_cmp);
            }
            size_t doc = it->doc;
            if (dated_clusters == 1 && (!per_doc || bsearch(&doc, docs, ndocs, sizeof(size_t), size_cmp))) {
                join(c, it, only);
                continue;
            }
            if (rest < 0 || (per_doc && it->doc != rest_doc)) {
                rest = new_cluster(c, it);
                rest_doc = it->doc;
            }
            it->cluster = rest;
            continue;
        }
        int32_t found[2];
        int nf = candidates(c, it->from, it->to, found);
        if (nf == 1) {
            join(c, it, found[0]);
            continue;
        }
        /* none, or ambiguous: a cluster of its own */
        int32_t k = new_cluster(c, it);
        it->cluster = k;
        dated_clusters++;
        only = k;
        if (it->to - it->from <= SEED_MAX_DAYS) {
            DX_PUSH(c->seeded, k);
            for (long b = bucket_of(it->from); b <= bucket_of(it->to); b++)
                dx_u64map_add(c->buckets, bucket_key(c->group, b), (uint32_t)k);
        } else if (c->vague.len < VAGUE_MAX) {
            DX_PUSH(c->vague, k);
        }
    }
}

/* ---------------------------------------------------------------- subsets */

/* Clusters a subset is compared with through one of its entities; beyond,
 * it keeps its own event. */
#define SUBSET_CANDIDATES 64

static int32_t root(cluster *cl, int32_t k)
{
    while (cl[k].up != k) {
        cl[k].up = cl[cl[k].up].up;
        k = cl[k].up;
    }
    return k;
}

/* a[0..na) a proper subset of b[0..nb), both sorted */
static int subset_of(const int32_t *a, uint32_t na, const int32_t *b, uint32_t nb)
{
    if (na >= nb) return 0;
    uint32_t j = 0;
    for (uint32_t i = 0; i < na; i++) {
        while (j < nb && b[j] < a[i]) j++;
        if (j == nb || b[j] != a[i]) return 0;
        j++;
    }
    return 1;
}

static const int32_t *sort_sizes_pool;
static const cluster *sort_sizes_cl;
static int by_size(const void *a, const void *b)
{
    const cluster *x = &sort_sizes_cl[*(const int32_t *)a], *y = &sort_sizes_cl[*(const int32_t *)b];
    if (x->ncore != y->ncore) return x->ncore > y->ncore ? -1 : 1;
    int32_t i = *(const int32_t *)a, j = *(const int32_t *)b;
    return i < j ? -1 : i > j;
}

static uint64_t member_key(dx_ev_type t, int32_t ent)
{
    return dx_hash_combine((uint64_t)t * 0x9e3779b97f4a7c15ULL + 7, (uint64_t)(uint32_t)ent);
}

/* Which clusters of two or more name an entity in an event type: for each
 * (type, entity), the positions in the order of sizes of the clusters that
 * name it, in that order; those before position i are the larger ones
 * already seen there. Made in two passes, so its memory is one int per
 * (cluster, entity), however the keys interleave. */
typedef struct {
    dx_u64map *key_of; /* member_key -> index of its list */
    uint32_t *at;      /* list k: pos[at[k] .. at[k + 1]) */
    uint32_t *pos;
} members;

static void members_make(members *mb, const cluster *cl, const int32_t *order, size_t n, const int32_t *pool)
{
    mb->key_of = dx_u64map_new();
    DX_VEC(uint32_t) count = {0};
    for (size_t i = 0; i < n; i++) {
        const cluster *x = &cl[order[i]];
        if (x->ncore < 2) continue;
        for (uint32_t e = 0; e < x->ncore; e++) {
            uint64_t key = member_key(x->type, pool[x->core_at + e]);
            const uint32_t *v;
            if (dx_u64map_get(mb->key_of, key, &v)) {
                count.items[v[0]]++;
            } else {
                dx_u64map_add(mb->key_of, key, (uint32_t)count.len);
                DX_PUSH(count, 1);
            }
        }
    }
    size_t nk = count.len, total = 0;
    mb->at = xmalloc((nk + 1) * sizeof(uint32_t));
    for (size_t k = 0; k < nk; k++) {
        mb->at[k] = (uint32_t)total;
        total += count.items[k];
        count.items[k] = 0;
    }
    mb->at[nk] = (uint32_t)total;
    mb->pos = xmalloc((total + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        const cluster *x = &cl[order[i]];
        if (x->ncore < 2) continue;
        for (uint32_t e = 0; e < x->ncore; e++) {
            const uint32_t *v;
            dx_u64map_get(mb->key_of, member_key(x->type, pool[x->core_at + e]), &v);
            mb->pos[mb->at[v[0]] + count.items[v[0]]++] = (uint32_t)i;
        }
    }
    DX_FREE(count);
}

/* The clusters of two or more naming ent in type t that come before
 * position i (their positions, in order); how many. */
static size_t members_before(const members *mb, dx_ev_type t, int32_t ent, size_t i, const uint32_t **pos)
{
    const uint32_t *v;
    *pos = NULL;
    if (!dx_u64map_get(mb->key_of, member_key(t, ent), &v)) return 0;
    const uint32_t *p = mb->pos + mb->at[v[0]];
    size_t lo = 0, hi = mb->at[v[0] + 1] - mb->at[v[0]];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p[mid] < i) lo = mid + 1;
        else hi = mid;
    }
    *pos = lo ? p : NULL;
    return lo;
}

static void members_free(members *mb)
{
    dx_u64map_free(mb->key_of);
    free(mb->at);
    free(mb->pos);
}

/* "A subset counts when nothing contradicts it": a cluster whose core is a
 * proper subset of other clusters' cores of its type (the trial of A, and
 * the trial of A and B) joins them when they are one event (nested cores
 * merge from the largest down) whose dates it shares, or when it is
 * undated; when it fits two events (the trial of A and B, the trial of A
 * and C), it stays apart. */
static void subsets(clusterer *c, const int32_t *pool)
{
    size_t nc = c->cl.len;
    cluster *cl = c->cl.items;
    int32_t *order = xmalloc((nc + 1) * sizeof(int32_t));
    size_t n = 0;
    for (size_t k = 0; k < nc; k++)
        if (cl[k].ncore) order[n++] = (int32_t)k;
    sort_sizes_pool = pool;
    sort_sizes_cl = cl;
    qsort(order, n, sizeof(int32_t), by_size);
    sort_sizes_cl = NULL;
    members mb; /* (type, entity) -> clusters of 2 or more naming it */
    members_make(&mb, cl, order, n, pool);
    for (size_t i = 0; i < n; i++) {
        int32_t s = order[i];
        cluster *x = &cl[s];
        const int32_t *core = pool + x->core_at;
        /* the entity of its core in the fewest larger clusters */
        const uint32_t *best = NULL;
        size_t nbest = 0;
        for (uint32_t e = 0; e < x->ncore; e++) {
            const uint32_t *v;
            size_t nv = members_before(&mb, x->type, core[e], i, &v);
            if (e == 0 || nv < nbest) {
                best = v;
                nbest = nv;
            }
        }
        int32_t into = -1, fits = 0;
        /* a death is one man's: it is no part of another event */
        if (nbest <= SUBSET_CANDIDATES && !x->once)
            for (size_t j = 0; j < nbest && fits < 2; j++) {
                int32_t other = order[best[j]];
                const cluster *y = &cl[other];
                if (y->type != x->type || !subset_of(core, x->ncore, pool + y->core_at, y->ncore)) continue;
                int32_t r = root(cl, other);
                const cluster *z = &cl[r];
                /* something must speak for it: a date of a month or less that
                 * the larger event shares */
                if (!x->dated || !z->dated || x->to - x->from >= SPECIFIC_DAYS) continue;
                if (!(x->from <= z->to && z->from <= x->to)) continue;
                if (r == into) continue;
                into = r;
                fits++;
            }
        if (fits == 1) {
            cluster *z = &cl[into];
            x->up = into;
            if (x->dated && !z->dated) {
                z->dated = 1;
                z->from = x->from;
                z->to = x->to;
            } else if (x->dated) {
                if (x->from > z->from) z->from = x->from;
                if (x->to < z->to) z->to = x->to;
            }
        }
    }
    members_free(&mb);
    free(order);
}

/* ---------------------------------------------------------------- events */

/* entity and how many accounts name it */
typedef struct {
    int32_t ent;
    uint32_t n;
} tally;
typedef DX_VEC(int32_t) int_vec;
typedef DX_VEC(tally) tally_vec;
typedef DX_VEC(const char *) str_vec;


static int tally_cmp(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* The distinct entities of ids[0..n) into t, most frequent first. */
static void tally_ids(int32_t *ids, size_t n, tally_vec *t)
{
    t->len = 0;
    if (!n) return;
    dx_sort_i32(ids, n);
    for (size_t i = 0; i < n; i++) {
        if (t->len && t->items[t->len - 1].ent == ids[i]) t->items[t->len - 1].n++;
        else {
            tally x = {ids[i], 1};
            DX_PUSH(*t, x);
        }
    }
    qsort(t->items, t->len, sizeof(tally), tally_cmp);
}

/* The same, into v (in the graph's arena). */
static void tally_into(dx_graph *g, void *vecp, int32_t *ids, size_t n, tally_vec *t)
{
    DX_VEC(int32_t) *v = vecp;
    v->items = NULL;
    v->len = v->cap = 0;
    tally_ids(ids, n, t);
    if (!t->len) return;
    v->items = dx_arena_alloc(&g->arena, t->len * sizeof(int32_t));
    for (size_t i = 0; i < t->len; i++) v->items[i] = t->items[i].ent;
    v->len = t->len;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* How many of the accounts acc[0 .. a->n) name entity x as an agent (or a
 * patient). */
static uint32_t named_as(const dx_graph *g, const dx_gagg *a, const int32_t *acc, int32_t x, int agent)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[acc[i]];
        const dx_ids *v = agent ? &e->agents : &e->patients;
        for (size_t k = 0; k < v->len; k++)
            if (v->items[k] == x) {
                n++;
                break;
            }
    }
    return n;
}

/* One role each in the event: one whom some accounts name as its doer and
 * others as whom it befell ("the trial of Rykov and Bukharin", "Rykov and
 * Bukharin ... at their trial") keeps the role most of them give him, whom
 * it befell on a tie. */
static void one_role_each(const dx_graph *g, dx_gagg *a, const int32_t *acc)
{
    size_t wa = 0;
    for (size_t i = 0; i < a->agents.len; i++) {
        int32_t x = a->agents.items[i];
        int keep = 1;
        for (size_t k = 0; k < a->patients.len && keep; k++)
            if (a->patients.items[k] == x) keep = named_as(g, a, acc, x, 1) > named_as(g, a, acc, x, 0);
        if (keep) a->agents.items[wa++] = x;
    }
    size_t wp = 0;
    for (size_t i = 0; i < a->patients.len; i++) {
        int32_t x = a->patients.items[i];
        int keep = 1;
        for (size_t k = 0; k < wa && keep; k++)
            if (a->agents.items[k] == x) keep = 0;
        if (keep) a->patients.items[wp++] = x;
    }
    a->agents.len = wa;
    a->patients.len = wp;
}

/* An account's weight as the evidence of its event: participants, a date,
 * a place, asserted rather than reported. */
static int evidence_score(const dx_gevent *e)
{
    size_t who = e->agents.len + e->patients.len;
    return 3 * (int)(who > 6 ? 6 : who) + 2 * (e->date[0] != 0) + (e->place >= 0) +
           (e->modality == DX_MODAL_ASSERTED);
}

/* A dated account of an event: its days, its document, and whether its
 * date names a month or a day. */
typedef struct {
    long from, to;
    size_t doc;
    int32_t acc;
    int precise; /* a month or a day */
    int strong;  /* stated in its sentence, not taken from the context */
} dated_acc;
typedef DX_VEC(dated_acc) dated_vec;

static int by_from(const void *a, const void *b)
{
    const dated_acc *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->acc < y->acc ? -1 : x->acc > y->acc;
}

static int by_span(const void *a, const void *b)
{
    const dated_acc *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    if (x->to != y->to) return x->to < y->to ? -1 : 1;
    return x->acc < y->acc ? -1 : x->acc > y->acc;
}

/* Distinct dates an event's date is chosen among by their support; beyond,
 * its narrowest date is taken. */
#define SUPPORT_MAX 256

/* The account whose date the most accounts allow (their dates contain
 * it: a year allows each of its days, a day does not allow its year), the
 * narrowest of those, the first of those. d is sorted by from; spans:
 * scratch of d->len. */
static int32_t best_dated(const dated_vec *d, dated_acc *spans)
{
    size_t n = d->len, u = 0;
    memcpy(spans, d->items, n * sizeof(dated_acc));
    qsort(spans, n, sizeof(dated_acc), by_span);
    /* distinct dates, each with its first account and how many give it
     * (in .doc, which this copy does not need) */
    for (size_t i = 0; i < n; i++) {
        if (u && spans[u - 1].from == spans[i].from && spans[u - 1].to == spans[i].to) {
            spans[u - 1].doc++;
            continue;
        }
        spans[u] = spans[i];
        spans[u].doc = 1;
        u++;
    }
    int32_t best = -1;
    size_t best_support = 0;
    long best_width = 0;
    for (size_t i = 0; i < u; i++) {
        const dated_acc *x = &spans[i];
        size_t support = 0;
        if (u <= SUPPORT_MAX)
            for (size_t j = 0; j < u; j++)
                if (spans[j].from <= x->from && spans[j].to >= x->to) support += spans[j].doc;
        long width = x->to - x->from;
        if (best < 0 || support > best_support || (support == best_support && width < best_width) ||
            (support == best_support && width == best_width && x->acc < best)) {
            best = x->acc;
            best_support = support;
            best_width = width;
        }
    }
    return best;
}

static int long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* The year, month or day a date of days [from, to] names exactly (3 a
 * day, 2 a month, 1 a year, 0 none of these: a range, a decade). */
static int unit_of(long from, long to)
{
    if (from == to) return 3;
    int y, m, d, y2, m2, d2;
    dx_civil_from_days(from, &y, &m, &d);
    dx_civil_from_days(to, &y2, &m2, &d2);
    if (d == 1 && y == y2 && m == m2 && to - from + 1 == dx_month_days(y, m)) return 2;
    if (d == 1 && m == 1 && y == y2 && m2 == 12 && d2 == 31) return 1;
    return 0;
}

/* The first day of the unit of the given level (1 year, 2 month, 3 day)
 * that holds day x. */
static long unit_start(long x, int level)
{
    if (level == 3) return x;
    int y, m, d;
    dx_civil_from_days(x, &y, &m, &d);
    return dx_days_from_civil(y, level == 2 ? m : 1, 1);
}

/* The date the accounts agree on, from the year down: a level is taken
 * when most of the accounts that are that precise (and inside what was
 * agreed above it) name one unit of it - Kirov's assassination told as
 * "December 1934" by five accounts and as the 1st, the 28th and the 29th
 * by one each is of December 1934, not of a day one account took from
 * the verdict told beside it. The account of best (best_dated's) when it
 * names what was agreed, else the first that names it exactly, else best.
 * d is sorted by from. */
static int32_t agreed_date(const dated_vec *d, int32_t best)
{
    long lo = LONG_MIN, hi = LONG_MAX, unit = 0;
    int level = 0;
    long *keys = xmalloc((d->len ? d->len : 1) * sizeof(long));
    for (int l = 1; l <= 3; l++) {
        /* the units of level l of the accounts this precise inside [lo, hi],
         * sorted: the one most of them name */
        size_t total = 0, top_n = 0;
        long top = 0;
        for (size_t i = 0; i < d->len; i++) {
            const dated_acc *x = &d->items[i];
            if (unit_of(x->from, x->to) >= l && x->from >= lo && x->to <= hi) keys[total++] = unit_start(x->from, l);
        }
        qsort(keys, total, sizeof(long), long_cmp);
        for (size_t i = 0, j; i < total; i = j) {
            for (j = i + 1; j < total && keys[j] == keys[i]; j++)
                ;
            if (j - i > top_n) {
                top_n = j - i;
                top = keys[i];
            }
        }
        if (!total || 2 * top_n <= total) break;
        level = l;
        unit = top;
        int y, m, dd;
        dx_civil_from_days(top, &y, &m, &dd);
        lo = top;
        hi = l == 3 ? top : l == 2 ? top + dx_month_days(y, m) - 1 : dx_days_from_civil(y, 12, 31);
    }
    free(keys);
    if (!level) return best;
    /* best stands when it lies in what was agreed and no account as
     * precise below it disagrees ("15-16 January 1935" among "January
     * 1935"s) */
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].acc == best) {
            const dated_acc *b = &d->items[i];
            if (b->from < lo || b->to > hi) break;
            int clash = 0;
            for (size_t j = 0; j < d->len && !clash; j++) {
                const dated_acc *z = &d->items[j];
                if (z->from >= lo && z->to <= hi && z->to - z->from < hi - lo && (z->to < b->from || z->from > b->to)) clash = 1;
            }
            if (!clash) return best;
            break;
        }
    for (size_t i = 0; i < d->len; i++)
        if (unit_of(d->items[i].from, d->items[i].to) == level && d->items[i].from == unit) return d->items[i].acc;
    return best;
}

/* Two documents give dates of a month or a day for it that cannot both be
 * true (within one document, a date that conflicts is more often one the
 * extraction took from the context). d is sorted by from. */
static int dates_disagree(const dated_vec *d)
{
    long min_to = 0, other_to = 0; /* the earliest end, and the earliest of another document */
    size_t min_doc = 0;
    int have = 0, have_other = 0;
    for (size_t i = 0; i < d->len; i++) {
        const dated_acc *x = &d->items[i];
        if (!x->precise || !x->strong) continue;
        if (have && x->from > min_to && x->doc != min_doc) return 1;
        if (have_other && x->from > other_to) return 1; /* other_to's document is not min_doc's */
        if (!have || x->to < min_to) {
            if (have && min_doc != x->doc) {
                other_to = min_to;
                have_other = 1;
            }
            min_to = x->to;
            min_doc = x->doc;
            have = 1;
        } else if (x->doc != min_doc && (!have_other || x->to < other_to)) {
            other_to = x->to;
            have_other = 1;
        }
    }
    return 0;
}

/* An event's fields from its accounts g->agg_accounts[a->first ..]. */
static void fill(dx_graph *g, dx_gagg *a, const item *items, const int32_t *item_of, int_vec *ids, tally_vec *t, str_vec *strs, dated_vec *dv, dated_vec *spans)
{
    const int32_t *acc = g->agg_accounts + a->first;
    const dx_gevent *first = &g->events.items[acc[0]];
    a->type = first->type;
    a->place = -1;
    a->charge = "";
    a->date = "";
    a->best = acc[0];
    size_t last_doc = (size_t)-1;
    int best_score = -1;
    dv->len = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[acc[i]];
        if (e->modality < DX_MODAL__COUNT) a->modalities[e->modality]++;
        if (e->doc_order != last_doc) {
            a->documents++;
            last_doc = e->doc_order;
        }
        const item *it = &items[item_of[acc[i]]];
        if (it->days) {
            dated_acc x = {it->from, it->to, e->doc_order, acc[i], it->to - it->from < SPECIFIC_DAYS, it->days == 1};
            DX_PUSH(*dv, x);
        }
        int s = evidence_score(e);
        if (s > best_score) {
            best_score = s;
            a->best = acc[i];
        }
    }
    if (dv->len) {
        qsort(dv->items, dv->len, sizeof(dated_acc), by_from);
        /* its date from the accounts that state one, else from the others */
        size_t strong = 0;
        for (size_t i = 0; i < dv->len; i++)
            if (dv->items[i].strong) dv->items[strong++] = dv->items[i];
        if (strong) dv->len = strong;
        DX_GROW(*spans, dv->len);
        int32_t k = best_dated(dv, spans->items);
        if (strong) k = agreed_date(dv, k); /* dates stated, not inherited */
        const dx_gevent *d = &g->events.items[k];
        a->date = d->date;
        a->date_mod = d->date_mod;
        a->date_basis = d->date_basis;
        memcpy(a->start, d->start, 11);
        memcpy(a->end, d->end, 11);
        a->day_from = items[item_of[k]].from;
        a->day_to = items[item_of[k]].to;
        a->dated = 1;
        if (dates_disagree(dv)) a->contested |= DX_CONTESTED_DATES;
    }
    uint32_t yes = a->modalities[DX_MODAL_ASSERTED] + a->modalities[DX_MODAL_ALLEGED] +
                   a->modalities[DX_MODAL_CONFESSED];
    /* a denial contests an event of someone: among accounts that name
     * nobody ("terrorism in Russia is dead" and "cannot deny he warned
     * against terror in Russia", anchored by their place alone) a denial
     * is no disagreement about who did what */
    int people = 0;
    for (uint32_t i = 0; i < a->n && !people; i++) {
        const dx_gevent *e = &g->events.items[acc[i]];
        people = e->agents.len || e->patients.len;
    }
    if (yes && a->modalities[DX_MODAL_DENIED] && people) a->contested |= DX_CONTESTED_DENIED;
    /* participants, most often named first */
    ids->len = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[acc[i]];
        for (size_t k = 0; k < e->agents.len; k++) DX_PUSH(*ids, e->agents.items[k]);
    }
    tally_into(g, &a->agents, ids->items, ids->len, t);
    ids->len = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[acc[i]];
        for (size_t k = 0; k < e->patients.len; k++) DX_PUSH(*ids, e->patients.items[k]);
    }
    tally_into(g, &a->patients, ids->items, ids->len, t);
    one_role_each(g, a, acc);
    /* the place and the charge its accounts give most often */
    ids->len = 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (g->events.items[acc[i]].place >= 0) DX_PUSH(*ids, g->events.items[acc[i]].place);
    tally_ids(ids->items, ids->len, t);
    if (t->len) a->place = t->items[0].ent;
    strs->len = 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (g->events.items[acc[i]].charge[0]) DX_PUSH(*strs, g->events.items[acc[i]].charge);
    if (strs->len) {
        qsort(strs->items, strs->len, sizeof(char *), str_ptr_cmp);
        size_t best_n = 0;
        for (size_t i = 0, j; i < strs->len; i = j) {
            for (j = i + 1; j < strs->len && strcmp(strs->items[i], strs->items[j]) == 0; j++)
                ;
            if (j - i > best_n) {
                best_n = j - i;
                a->charge = strs->items[i];
            }
        }
    }
}

/* The local part of an entity id ("person:nikolai-bukharin" -> "nikolai-bukharin"). */
static const char *local_id(const char *id)
{
    const char *c = strchr(id, ':');
    return c ? c + 1 : id;
}

static void lower_to(dx_buf *b, const char *s)
{
    for (; *s; s++) dx_buf_putc(b, (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s));
}

/* "A", "A and B", "A, B and C", "A, B, C and 4 others" */
static void names(dx_buf *b, const dx_graph *g, const int32_t *who, size_t n)
{
    size_t shown = n > 4 ? 3 : n;
    for (size_t i = 0; i < shown; i++) {
        if (i) dx_buf_puts(b, i + 1 == n ? " and " : ", ");
        dx_buf_puts(b, g->ents.items[who[i]].label);
    }
    if (shown < n) dx_buf_printf(b, " and %zu others", n - shown);
}

static void headline(dx_buf *b, const dx_graph *g, const dx_gagg *a)
{
    dx_buf_clear(b);
    dx_buf_puts(b, dx_ev_noun(a->type));
    const DX_VEC(int32_t) *who = a->patients.len ? (const void *)&a->patients : (const void *)&a->agents;
    if (who->len) {
        dx_buf_printf(b, " %s ", dx_ev_preposition(a->type, a->patients.len != 0));
        names(b, g, who->items, who->len);
    } else {
        if (a->place >= 0) dx_buf_printf(b, " in %s", g->ents.items[a->place].label);
        if (a->date[0]) {
            dx_buf_puts(b, ", ");
            dx_edtf_words(a->date, a->date_mod, b);
        }
    }
    dx_buf_put(b, "", 0);
}

/* "event:arrest:nikolai-bukharin:1937-02", "event:trial:nikolai-bukharin+20:1938-03",
 * "event:trial:@moscow:undated"; a second event of the same words gets ":2". */
static void event_id(dx_buf *b, const dx_graph *g, const dx_gagg *a, const int32_t *core, size_t ncore)
{
    dx_buf_clear(b);
    dx_buf_puts(b, "event:");
    lower_to(b, dx_ev_type_name(a->type));
    dx_buf_putc(b, ':');
    if (ncore) {
        dx_buf_puts(b, local_id(g->ents.items[core[0]].id));
        if (ncore > 1) dx_buf_printf(b, "+%zu", ncore - 1);
    } else if (a->place >= 0) {
        dx_buf_putc(b, '@');
        dx_buf_puts(b, local_id(g->ents.items[a->place].id));
    }
    dx_buf_putc(b, ':');
    dx_buf_puts(b, a->date[0] ? a->date : "undated");
}

/* Events in date order: dated by their days, undated last, each by its
 * first account. */
typedef struct {
    int dated;
    long from, to;
    int32_t first_acc;
    int32_t cluster;
} order_key;

static int order_cmp(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->dated != y->dated) return x->dated ? -1 : 1;
    if (x->dated) {
        if (x->from != y->from) return x->from < y->from ? -1 : 1;
        if (x->to != y->to) return x->to < y->to ? -1 : 1;
    }
    return x->first_acc < y->first_acc ? -1 : x->first_acc > y->first_acc;
}

/* ---------------------------------------------------------------- edges */

typedef struct {
    dx_rel rel;
    int32_t ent;
    dx_modality mod;
    size_t doc;
} part;
typedef DX_VEC(part) part_vec;

static int part_cmp(const void *a, const void *b)
{
    const part *x = a, *y = b;
    if (x->rel != y->rel) return (int)x->rel - (int)y->rel;
    if (x->ent != y->ent) return x->ent < y->ent ? -1 : 1;
    if (x->rel == DX_REL_SOURCE && x->mod != y->mod) return (int)x->mod - (int)y->mod;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Participant edges (agent, patient, place: one per entity and role, with
 * the accounts' modality when they agree) and source edges (one per
 * source and what it does: alleges, denies...), entity -> event. */
static void event_edges(dx_graph *g, int32_t ai, part_vec *ps)
{
    const dx_gagg *a = &g->aggs.items[ai];
    ps->len = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[g->agg_accounts[a->first + i]];
        for (size_t k = 0; k < e->agents.len; k++) {
            part p = {DX_REL_AGENT, e->agents.items[k], e->modality, e->doc_order};
            DX_PUSH(*ps, p);
        }
        for (size_t k = 0; k < e->patients.len; k++) {
            part p = {DX_REL_PATIENT, e->patients.items[k], e->modality, e->doc_order};
            DX_PUSH(*ps, p);
        }
        if (e->place >= 0) {
            part p = {DX_REL_PLACE, e->place, e->modality, e->doc_order};
            DX_PUSH(*ps, p);
        }
        if (e->source_ent >= 0) {
            part p = {DX_REL_SOURCE, e->source_ent, e->modality, e->doc_order};
            DX_PUSH(*ps, p);
        }
    }
    if (!ps->len) return;
    qsort(ps->items, ps->len, sizeof(part), part_cmp);
    for (size_t i = 0, j; i < ps->len; i = j) {
        const part *p = &ps->items[i];
        dx_gedge ed;
        memset(&ed, 0, sizeof(ed));
        ed.src_kind = DX_NODE_ENTITY;
        ed.dst_kind = DX_NODE_EVENT;
        ed.src = p->ent;
        ed.dst = ai;
        ed.rel = p->rel;
        ed.modality = p->mod;
        ed.directed = 1;
        ed.document = "";
        ed.last_doc = -1;
        size_t last = (size_t)-1;
        for (j = i; j < ps->len; j++) {
            const part *q = &ps->items[j];
            if (q->rel != p->rel || q->ent != p->ent || (p->rel == DX_REL_SOURCE && q->mod != p->mod)) break;
            if (q->mod != ed.modality) ed.modality = DX_MODAL_NONE; /* they disagree */
            ed.weight++;
            if (q->doc != last) {
                ed.documents++;
                last = q->doc;
            }
        }
        memcpy(ed.first_date, a->start, 11);
        memcpy(ed.last_date, a->end, 11);
        DX_PUSH(g->edges, ed);
    }
}

static int spell_cmp(const void *a, const void *b)
{
    const int32_t *x = a, *y = b; /* entity, from, to */
    for (int k = 0; k < 3; k++)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
}

/* Each entity's presence: the days of the dated events it takes part in
 * (as agent or patient), overlapping or touching ones merged. */
static void spells(dx_graph *g)
{
    DX_VEC(int32_t) t = {0}; /* entity, from, to */
    for (size_t ai = 0; ai < g->aggs.len; ai++) {
        const dx_gagg *a = &g->aggs.items[ai];
        if (!a->start[0]) continue;
        for (int r = 0; r < 2; r++) {
            const int32_t *who = r ? a->patients.items : a->agents.items;
            size_t n = r ? a->patients.len : a->agents.len;
            for (size_t k = 0; k < n; k++) {
                DX_PUSH(t, who[k]);
                DX_PUSH(t, (int32_t)a->day_from);
                DX_PUSH(t, (int32_t)a->day_to);
            }
        }
    }
    size_t nt = t.len / 3;
    if (nt) qsort(t.items, nt, 3 * sizeof(int32_t), spell_cmp);
    g->spell_at = xcalloc(g->ents.len + 1, sizeof(uint32_t));
    g->spells = xmalloc((nt + 1) * sizeof(dx_spell));
    size_t ns = 0, k = 0;
    for (size_t e = 0; e < g->ents.len; e++) {
        g->spell_at[e] = (uint32_t)ns;
        size_t from = ns;
        for (; k < nt && t.items[3 * k] == (int32_t)e; k++) {
            int32_t f = t.items[3 * k + 1], l = t.items[3 * k + 2];
            if (ns > from && f <= g->spells[ns - 1].to + 1) {
                if (l > g->spells[ns - 1].to) g->spells[ns - 1].to = l;
            } else {
                g->spells[ns].from = f;
                g->spells[ns].to = l;
                ns++;
            }
        }
    }
    g->spell_at[g->ents.len] = (uint32_t)ns;
    DX_FREE(t);
}

/* ---------------------------------------------------------------- the whole */

/* The days of an account's date, parsed once a date: the merge interns the
 * dates (a million accounts give a few thousand), so an address is one
 * string, looked up direct-mapped by it (a date not interned has an
 * address of its own and is parsed again, the same). */
#define DAYS_MEMO 1024
typedef struct {
    const char *date;
    long from, to;
    int days;
} days_memo;

static int date_days(days_memo *memo, const char *date, long *from, long *to)
{
    if (!date || !*date) { /* dx_edtf_days of "" */
        *from = *to = 0;
        return 0;
    }
    uint64_t h = ((uint64_t)(uintptr_t)date * 0x9e3779b97f4a7c15ULL) >> 54; /* 10 bits */
    days_memo *d = &memo[h];
    if (d->date != date) {
        d->date = date;
        d->days = dx_edtf_days(date, &d->from, &d->to);
    }
    *from = d->from;
    *to = d->to;
    return d->days;
}

void dx_aggregate(dx_graph *g)
{
    size_t na = g->events.len;
    item *items = xcalloc(na + 1, sizeof(item));
    DX_VEC(int32_t) pool = {0};
    days_memo *memo = xcalloc(DAYS_MEMO, sizeof(days_memo));
    for (size_t i = 0; i < na; i++) {
        const dx_gevent *e = &g->events.items[i];
        item *it = &items[i];
        it->acc = (int32_t)i;
        it->doc = e->doc_order;
        it->type = e->type;
        it->place = e->place;
        it->cluster = -1;
        /* a date the extraction took from the narrative before the sentence
         * is weak: it does not decide which event the account is of */
        it->days = (uint8_t)date_days(memo, e->date, &it->from, &it->to);
        if (it->days && e->date_basis == DX_DATE_CONTEXT) it->days = WEAK;
        it->dated = it->days == 1;
        it->pos = e->trig_start;
        /* the core: the patients, else the agents, sorted and distinct */
        const int32_t *who = e->patients.len ? e->patients.items : e->agents.items;
        size_t n = e->patients.len ? e->patients.len : e->agents.len;
        it->core_at = (uint32_t)pool.len;
        for (size_t k = 0; k < n; k++) DX_PUSH(pool, who[k]);
        dx_sort_i32(pool.items + it->core_at, n);
        size_t w = it->core_at;
        for (size_t k = it->core_at; k < pool.len; k++)
            if (k == it->core_at || pool.items[k] != pool.items[w - 1]) pool.items[w++] = pool.items[k];
        pool.len = w;
        it->ncore = (uint32_t)(w - it->core_at);
    }
    free(memo);
    sort_ctx ctx = {items, pool.items};
    sort_items(&ctx, items, na);
    clusterer c;
    memset(&c, 0, sizeof(c));
    c.buckets = dx_u64map_new();
    size_t *docs = xmalloc((na + 1) * sizeof(size_t));
    told *tl = xmalloc((na + 1) * sizeof(told));
    for (size_t i = 0, j; i < na; i = j) {
        for (j = i + 1; j < na && same_group(&ctx, &items[i], &items[j]); j++)
            ;
        const item *it = &items[i];
        int once = dx_ev_is_once(it->type) && it->ncore == 1 &&
                   g->ents.items[pool.items[it->core_at]].type == DX_ENT_PERSON;
        cluster_group(&c, &items[i], j - i, once, !it->ncore && it->place < 0, dx_ev_is_joint(it->type) && it->ncore <= 1, docs, tl);
    }
    free(docs);
    free(tl);
    dx_u64map_free(c.buckets);
    DX_FREE(c.seeded);
    DX_FREE(c.vague);
    subsets(&c, pool.items);

    /* the clusters as events (those that joined a larger one are its),
     * each with its accounts in document order */
    int32_t *dense = xmalloc((c.cl.len + 1) * sizeof(int32_t));
    size_t nc = 0;
    for (size_t k = 0; k < c.cl.len; k++) dense[k] = root(c.cl.items, (int32_t)k) == (int32_t)k ? (int32_t)nc++ : -1;
    int32_t *core_of = xmalloc((nc + 1) * sizeof(int32_t)); /* the cluster whose core names it */
    for (size_t k = 0; k < c.cl.len; k++)
        if (dense[k] >= 0) core_of[dense[k]] = (int32_t)k;
    uint32_t *count = xcalloc(nc + 1, sizeof(uint32_t));
    g->unanchored = 0;
    for (size_t i = 0; i < na; i++) {
        int32_t k = items[i].cluster >= 0 ? dense[root(c.cl.items, items[i].cluster)] : -1;
        g->events.items[items[i].acc].agg = k;
        if (k >= 0) count[k]++;
        else g->unanchored++;
    }
    free(dense);
    dx_gagg *made = xcalloc(nc + 1, sizeof(dx_gagg));
    int32_t *made_acc = xmalloc((na + 1) * sizeof(int32_t));
    uint32_t at = 0;
    for (size_t k = 0; k < nc; k++) {
        made[k].first = at;
        at += count[k];
    }
    for (size_t i = 0; i < na; i++) {
        int32_t k = g->events.items[i].agg;
        if (k >= 0) made_acc[made[k].first + made[k].n++] = (int32_t)i;
    }
    g->agg_accounts = made_acc;
    int_vec ids = {0};
    tally_vec t = {0};
    str_vec strs = {0};
    dated_vec dv = {0};
    dated_vec spans = {0};
    /* each account's item, now that they are sorted */
    int32_t *item_of = xmalloc((na + 1) * sizeof(int32_t));
    for (size_t i = 0; i < na; i++) item_of[items[i].acc] = (int32_t)i;
    for (size_t k = 0; k < nc; k++) fill(g, &made[k], items, item_of, &ids, &t, &strs, &dv, &spans);
    free(item_of);
    DX_FREE(ids);
    DX_FREE(t);
    DX_FREE(strs);
    DX_FREE(dv);
    DX_FREE(spans);
    /* in date order: dated by their days, undated last, each by its first account */
    order_key *keys = xcalloc(nc + 1, sizeof(order_key));
    for (size_t k = 0; k < nc; k++) {
        keys[k].cluster = (int32_t)k;
        keys[k].first_acc = made_acc[made[k].first];
        keys[k].dated = made[k].dated;
        keys[k].from = made[k].day_from;
        keys[k].to = made[k].day_to;
    }
    if (nc) qsort(keys, nc, sizeof(order_key), order_cmp);
    DX_GROW(g->aggs, nc);
    g->aggs.len = nc;
    g->agg_accounts = xmalloc((na + 1) * sizeof(int32_t));
    at = 0;
    for (size_t k = 0; k < nc; k++) {
        dx_gagg *x = &g->aggs.items[k];
        *x = made[keys[k].cluster];
        memcpy(g->agg_accounts + at, made_acc + x->first, x->n * sizeof(int32_t));
        x->first = at;
        at += x->n;
        for (uint32_t i = 0; i < x->n; i++) g->events.items[g->agg_accounts[x->first + i]].agg = (int32_t)k;
    }
    free(made);
    free(made_acc);
    /* headlines and ids; the same words twice get ":2", ":3"... in date order */
    dx_buf b;
    dx_buf_init(&b);
    dx_map *seen = dx_map_new();
    for (size_t k = 0; k < nc; k++) {
        dx_gagg *x = &g->aggs.items[k];
        headline(&b, g, x);
        x->headline = dx_arena_strndup(&g->arena, b.data, b.len);
        const cluster *kc = &c.cl.items[core_of[keys[k].cluster]];
        event_id(&b, g, x, pool.items + kc->core_at, kc->ncore);
        size_t base = b.len;
        uintptr_t times = (uintptr_t)dx_map_get(seen, b.data, base);
        dx_map_put(seen, b.data, base, (void *)(times + 1));
        if (times) dx_buf_printf(&b, ":%zu", (size_t)times + 1);
        x->id = dx_arena_strndup(&g->arena, b.data, b.len);
    }
    dx_map_free(seen);
    dx_buf_fini(&b);
    part_vec ps = {0};
    for (size_t k = 0; k < nc; k++) event_edges(g, (int32_t)k, &ps);
    DX_FREE(ps);
    spells(g);
    free(count);
    free(keys);
    free(core_of);
    free(items);
    DX_FREE(pool);
    DX_FREE(c.cl);
}

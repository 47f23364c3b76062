/* map.c - the string-keyed map (insertion order) and the u64 multimap of
 * the lexicon lookups. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/map.h"
#include "base/mem.h"
#include "base/vec.h"
/* ---------------------------------------------------------------- string map */

typedef struct {
    char *key;
    size_t klen;
    void *val;
} map_entry;

struct dx_map {
    map_entry *entries; /* insertion order */
    size_t n, cap;
    uint32_t *slots;    /* index+1 into entries, 0 = empty */
    size_t nslots;
};

dx_map *dx_map_new(void)
{
    dx_map *m = xcalloc(1, sizeof(*m));
    m->nslots = 64;
    m->slots = xcalloc(m->nslots, sizeof(uint32_t));
    return m;
}

void dx_map_free(dx_map *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) free(m->entries[i].key);
    free(m->entries);
    free(m->slots);
    free(m);
}

static size_t map_find(const dx_map *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->nslots - 1, i = (size_t)h & mask;
    for (;;) {
        uint32_t s = m->slots[i];
        if (!s) return i;
        const map_entry *e = &m->entries[s - 1];
        if (e->klen == klen && memcmp(e->key, key, klen) == 0) return i;
        i = (i + 1) & mask;
    }
}

void *dx_map_get(const dx_map *m, const char *key, size_t klen)
{
    size_t i = map_find(m, key, klen, dx_hash(key, klen));
    return m->slots[i] ? m->entries[m->slots[i] - 1].val : NULL;
}

void *dx_map_put(dx_map *m, const char *key, size_t klen, void *val)
{
    if ((m->n + 1) * 2 > m->nslots) {
        size_t ns = m->nslots * 2;
        uint32_t *slots = xcalloc(ns, sizeof(uint32_t));
        for (size_t k = 0; k < m->n; k++) {
            size_t i = (size_t)dx_hash(m->entries[k].key, m->entries[k].klen) & (ns - 1);
            while (slots[i]) i = (i + 1) & (ns - 1);
            slots[i] = (uint32_t)(k + 1);
        }
        free(m->slots);
        m->slots = slots;
        m->nslots = ns;
    }
    size_t i = map_find(m, key, klen, dx_hash(key, klen));
    if (m->slots[i]) {
        map_entry *e = &m->entries[m->slots[i] - 1];
        void *old = e->val;
        e->val = val;
        return old;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->entries = xrealloc(m->entries, m->cap * sizeof(map_entry));
    }
    m->entries[m->n].key = xstrndup(key, klen);
    m->entries[m->n].klen = klen;
    m->entries[m->n].val = val;
    m->n++;
    m->slots[i] = (uint32_t)m->n;
    return NULL;
}

size_t dx_map_count(const dx_map *m) { return m->n; }

const char *dx_map_key_at(const dx_map *m, size_t i, size_t *klen)
{
    if (klen) *klen = m->entries[i].klen;
    return m->entries[i].key;
}

void *dx_map_val_at(const dx_map *m, size_t i) { return m->entries[i].val; }

/* ---------------------------------------------------------------- u64 multimap */

/* Lookups are hot (every token of every document asks the lexicon, the
 * gazetteer and the event patterns) and most of them miss: a small Bloom
 * filter answers most misses from one cache line, before the slots (16
 * bytes each, a count of 0 marking an empty one) are probed. A key with one
 * value (most) keeps it in its slot. */
typedef struct {
    uint64_t key;
    uint32_t count; /* 0 = empty slot */
    uint32_t v;     /* count 1: the value itself (one cache line less); else its first index in vals */
} u64_slot;

struct dx_u64map {
    u64_slot *slots;
    size_t nslots, n;
    unsigned shift;   /* 64 - log2(nslots) */
    uint64_t *filter; /* nslots / 16 words: 4 bits per slot */
    size_t fmask;     /* filter words - 1 */
    DX_VEC(uint32_t) vals;
};

/* splitmix64's finaliser: keys are hashes already, but of a few kinds (FNV,
 * combined sequences, raw), so every bit is mixed once more. */
static inline uint64_t u64_mix(uint64_t k)
{
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ULL;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebULL;
    k ^= k >> 31;
    return k;
}

static inline uint64_t u64_filter_bits(uint64_t h)
{
    return (1ULL << (h & 63)) | (1ULL << ((h >> 6) & 63));
}

/* The pages of a big map's slots (the lexicon's: 0.5 to 1 MB each) made
 * present at once, by one call, rather than one fault at a time as the
 * keys fall on them at random (the lexicon's load faulted ~1,350 pages so,
 * a tenth of its time; measured: start and load 15.0 -> 13.8 ms). Kernels
 * before Linux 5.14 refuse the advice, and the pages fault as before. */
static void populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    if (n >= (256u << 10)) {
        uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
        if (e > a) (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
    }
#else
    (void)p;
    (void)n;
#endif
}

static void u64_alloc(dx_u64map *m, size_t nslots)
{
    m->nslots = nslots;
    m->slots = xcalloc(nslots, sizeof(u64_slot));
    populate(m->slots, nslots * sizeof(u64_slot));
    unsigned bits = 0;
    while (((size_t)1 << bits) < nslots) bits++;
    m->shift = 64 - bits;
    size_t nf = nslots / 16;
    m->filter = xcalloc(nf, sizeof(uint64_t));
    m->fmask = nf - 1;
}

dx_u64map *dx_u64map_new(void)
{
    dx_u64map *m = xcalloc(1, sizeof(*m));
    u64_alloc(m, 256);
    return m;
}

dx_u64map *dx_u64map_new_small(void)
{
    dx_u64map *m = xcalloc(1, sizeof(*m));
    u64_alloc(m, 16);
    return m;
}

void dx_u64map_free(dx_u64map *m)
{
    if (!m) return;
    free(m->slots);
    free(m->filter);
    DX_FREE(m->vals);
    free(m);
}

static inline size_t u64_find(const dx_u64map *m, uint64_t key, uint64_t h)
{
    size_t mask = m->nslots - 1, i = (size_t)(h >> m->shift);
    while (m->slots[i].count && m->slots[i].key != key) i = (i + 1) & mask;
    return i;
}

static inline void u64_filter_add(dx_u64map *m, uint64_t h)
{
    m->filter[(h >> 12) & m->fmask] |= u64_filter_bits(h);
}

/* Values of one key are kept contiguous by moving them to the end of vals
 * when a key gets a new value; lexicons are small, lookups are hot. */
/* The slots (and the filter) made nslots, the keys moved over. */
static void u64_resize(dx_u64map *m, size_t nslots)
{
    size_t old = m->nslots;
    u64_slot *os = m->slots;
    free(m->filter);
    u64_alloc(m, nslots);
    for (size_t k = 0; k < old; k++)
        if (os[k].count) {
            uint64_t h = u64_mix(os[k].key);
            m->slots[u64_find(m, os[k].key, h)] = os[k];
            u64_filter_add(m, h);
        }
    free(os);
}

void dx_u64map_reserve(dx_u64map *m, size_t n)
{
    size_t ns = m->nslots;
    while (n * 2 > ns) ns *= 2;
    if (ns != m->nslots) u64_resize(m, ns);
}

void dx_u64map_add(dx_u64map *m, uint64_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->nslots) u64_resize(m, m->nslots * 2);
    uint64_t h = u64_mix(key);
    size_t i = u64_find(m, key, h);
    u64_slot *s = &m->slots[i];
    if (!s->count) {
        s->key = key;
        s->count = 1;
        s->v = val;
        m->n++;
        u64_filter_add(m, h);
        return;
    }
    if (s->count == 1) {
        if (s->v == val) return;
        uint32_t first = (uint32_t)m->vals.len;
        DX_PUSH(m->vals, s->v);
        s->v = first;
    }
    for (uint32_t k = 0; k < s->count; k++)
        if (m->vals.items[s->v + k] == val) return;
    if (s->v + s->count != m->vals.len) {
        uint32_t nf = (uint32_t)m->vals.len;
        for (uint32_t k = 0; k < s->count; k++) DX_PUSH(m->vals, m->vals.items[s->v + k]);
        s->v = nf;
    }
    DX_PUSH(m->vals, val);
    s->count++;
}

size_t dx_u64map_get(const dx_u64map *m, uint64_t key, const uint32_t **vals)
{
    uint64_t h = u64_mix(key), fb = u64_filter_bits(h);
    *vals = NULL;
    if ((m->filter[(h >> 12) & m->fmask] & fb) != fb) return 0;
    size_t i = u64_find(m, key, h);
    const u64_slot *s = &m->slots[i];
    if (!s->count) return 0;
    *vals = s->count == 1 ? &s->v : m->vals.items + s->v;
    return s->count;
}

void dx_u64map_or(dx_u64map *m, uint64_t key, uint32_t bits)
{
    const uint32_t *v;
    if (dx_u64map_get(m, key, &v)) {
        ((uint32_t *)v)[0] |= bits;
        return;
    }
    dx_u64map_add(m, key, bits);
}

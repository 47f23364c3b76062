/* map.h - hashing, a string-keyed map and a u64-keyed multimap. */
#ifndef DOSSIER_BASE_MAP_H
#define DOSSIER_BASE_MAP_H

#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a (inline: literals fold at compile time), and the combiner
 * used for token-sequence keys. */
static inline uint64_t dx_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
static inline uint64_t dx_hash_combine(uint64_t h, uint64_t k)
{
    return (h ^ (k + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) * 0x100000001b3ULL;
}

/* String-keyed hash map (open addressing). Keys are copied; values are
 * borrowed. Iteration order is insertion order (deterministic output). */
typedef struct dx_map dx_map;
dx_map *dx_map_new(void);
void dx_map_free(dx_map *m);
void *dx_map_get(const dx_map *m, const char *key, size_t klen);
/* Returns the previous value (NULL if none). */
void *dx_map_put(dx_map *m, const char *key, size_t klen, void *val);
size_t dx_map_count(const dx_map *m);
/* i-th entry in insertion order; key borrowed from the map. */
const char *dx_map_key_at(const dx_map *m, size_t i, size_t *klen);
void *dx_map_val_at(const dx_map *m, size_t i);

/* u64-keyed hash map to a list of u32 payloads (lexicon lookups by token key). */
typedef struct dx_u64map dx_u64map;
dx_u64map *dx_u64map_new(void);
/* ... that starts small: a document's own maps (most keep a few keys, and
 * clearing 256 slots for each of a short document's cost more than its use). */
dx_u64map *dx_u64map_new_small(void);
void dx_u64map_free(dx_u64map *m);
/* Room for n keys: the size that adding n keys grows the map to, at once
 * (a map loaded with thousands of keys is not rehashed at every doubling). */
void dx_u64map_reserve(dx_u64map *m, size_t n);
void dx_u64map_add(dx_u64map *m, uint64_t key, uint32_t val);
/* Returns the number of payloads for key and points *vals at them (borrowed). */
size_t dx_u64map_get(const dx_u64map *m, uint64_t key, const uint32_t **vals);
/* For a map with a single payload per key: OR bits into key's payload
 * (added when the key is new). */
void dx_u64map_or(dx_u64map *m, uint64_t key, uint32_t bits);

/* A direct-mapped memo in front of a dx_u64map, for one document: its words
 * repeat, and the lexicon's maps are too big to stay in the cache. size is
 * a power of two; the memo starts zeroed (xcalloc). */
typedef struct {
    uint64_t key;
    const uint32_t *vals;
    uint32_t n, used;
} dx_u64memo;

static inline size_t dx_u64memo_get(dx_u64memo *memo, size_t size, const dx_u64map *m, uint64_t key,
                                    const uint32_t **vals)
{
    dx_u64memo *e = &memo[(key ^ (key >> 29)) & (size - 1)];
    if (!e->used || e->key != key) {
        e->key = key;
        e->n = (uint32_t)dx_u64map_get(m, key, &e->vals);
        e->used = 1;
    }
    *vals = e->vals;
    return e->n;
}

/* A compact memo for callers that mostly need a key's first payload (the
 * gazetteer pass: most alias keys have one): 16 bytes an entry, the first
 * payload in it, so that a hit reads neither the map's slot nor its values
 * (a dx_u64memo hit still read them through vals, a line of a big map out
 * of the cache each time); the rest of the payloads are asked of the map
 * (dx_u64map_get) when wanted. Starts zeroed: n1 0 is an empty slot. */
typedef struct {
    uint64_t key;
    uint32_t first; /* the first payload (0 when none) */
    uint32_t n1;    /* the number of payloads + 1 */
} dx_u64memo1;

/* Returns the number of payloads for key, the first in *first. */
static inline size_t dx_u64memo1_get(dx_u64memo1 *memo, size_t size, const dx_u64map *m, uint64_t key,
                                     uint32_t *first)
{
    dx_u64memo1 *e = &memo[(key ^ (key >> 29)) & (size - 1)];
    if (e->key != key || !e->n1) {
        const uint32_t *v;
        size_t n = dx_u64map_get(m, key, &v);
        e->key = key;
        e->first = n ? v[0] : 0;
        e->n1 = (uint32_t)n + 1;
    }
    *first = e->first;
    return e->n1 - 1;
}

#endif

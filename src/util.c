/* util.c - memory, buffers, hash maps and error records shared by all stages. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void oom(void)
{
    fputs("dossier: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

/* ---------------------------------------------------------------- arena */

struct dx_arena_block {
    dx_arena_block *next;
    size_t used, size;
    max_align_t data[];
};

void dx_arena_init(dx_arena *a) { a->head = NULL; }

void dx_arena_fini(dx_arena *a)
{
    dx_arena_block *b = a->head;
    while (b) {
        dx_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

void *dx_arena_alloc(dx_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    dx_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = xmalloc(sizeof(*b) + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    char *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *dx_arena_strndup(dx_arena *a, const char *s, size_t n)
{
    char *d = dx_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* ---------------------------------------------------------------- buffer */

void dx_buf_init(dx_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void dx_buf_fini(dx_buf *b)
{
    free(b->data);
    dx_buf_init(b);
}

static void buf_reserve(dx_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->len + extra + 1) nc *= 2;
        b->data = xrealloc(b->data, nc);
        b->cap = nc;
    }
}

void dx_buf_put(dx_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dx_buf_puts(dx_buf *b, const char *s) { dx_buf_put(b, s, strlen(s)); }

void dx_buf_put_int(dx_buf *b, long long v)
{
    char t[24], *p = dx_fmt_int(t + sizeof(t), v);
    dx_buf_put(b, p, (size_t)(t + sizeof(t) - p));
}

void dx_buf_putc(dx_buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void dx_buf_printf(dx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void dx_buf_clear(dx_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

/* ---------------------------------------------------------------- hashing */


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

static void u64_alloc(dx_u64map *m, size_t nslots)
{
    m->nslots = nslots;
    m->slots = xcalloc(nslots, sizeof(u64_slot));
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
void dx_u64map_add(dx_u64map *m, uint64_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->nslots) {
        size_t old = m->nslots;
        u64_slot *os = m->slots;
        free(m->filter);
        u64_alloc(m, old * 2);
        for (size_t k = 0; k < old; k++)
            if (os[k].count) {
                uint64_t h = u64_mix(os[k].key);
                m->slots[u64_find(m, os[k].key, h)] = os[k];
                u64_filter_add(m, h);
            }
        free(os);
    }
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

/* ---------------------------------------------------------------- errors */

void dx_error_set(dossier_error *err, int code, const char *file, long line,
                  const char *fmt, ...)
{
    if (!err) return;
    err->code = code;
    snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

void dossier_error_format(const dossier_error *err, char *buf, size_t n)
{
    if (err->file[0] && err->line > 0)
        snprintf(buf, n, "%s:%ld: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, n, "%s: %s", err->file, err->message);
    else
        snprintf(buf, n, "%s", err->message);
}

/* ---------------------------------------------------------------- names of enums */

static const char *const ent_names[] = {"", "PERSON", "ORG", "PLACE", "DATE"};
static const char *const ent_lower[] = {"", "person", "organization", "place", "date"};

const char *dx_ent_type_name(dx_ent_type t)
{
    return t > DX_ENT_NONE && t < DX_ENT__COUNT ? ent_names[t] : "";
}

const char *dx_ent_type_lower(dx_ent_type t)
{
    return t > DX_ENT_NONE && t < DX_ENT__COUNT ? ent_lower[t] : "";
}

dx_ent_type dx_ent_type_parse(const char *s)
{
    for (int t = 1; t < DX_ENT__COUNT; t++)
        if (strcmp(s, ent_names[t]) == 0) return (dx_ent_type)t;
    if (strcmp(s, "ORGANIZATION") == 0 || strcmp(s, "ORGANISATION") == 0) return DX_ENT_ORG;
    if (strcmp(s, "LOC") == 0 || strcmp(s, "LOCATION") == 0) return DX_ENT_PLACE;
    return DX_ENT_NONE;
}

static const char *const ev_names[] = {
    "", "ARREST", "TRIAL", "CHARGE", "CONFESSION", "DENIAL", "SENTENCE", "EXECUTION",
    "ASSASSINATION", "CONSPIRACY", "EXILE", "EXPULSION", "REHABILITATION", "DEATH",
    "APPOINTMENT", "DISMISSAL"};

const char *dx_ev_type_name(dx_ev_type t)
{
    return t > DX_EV_NONE && t < DX_EV__COUNT ? ev_names[t] : "";
}

dx_ev_type dx_ev_type_parse(const char *s)
{
    for (int t = 1; t < DX_EV__COUNT; t++)
        if (strcmp(s, ev_names[t]) == 0) return (dx_ev_type)t;
    return DX_EV_NONE;
}

static const char *const modal_names[] = {"", "ASSERTED", "ALLEGED", "CONFESSED", "DENIED",
                                          "HYPOTHETICAL"};

const char *dx_modality_name(dx_modality m)
{
    return m > DX_MODAL_NONE && m < DX_MODAL__COUNT ? modal_names[m] : "";
}

dx_modality dx_modality_parse(const char *s)
{
    for (int t = 1; t < DX_MODAL__COUNT; t++)
        if (strcmp(s, modal_names[t]) == 0) return (dx_modality)t;
    return DX_MODAL_NONE;
}

static const char *const mod_names[] = {"", "early", "mid", "late", "approx"};

const char *dx_date_mod_name(dx_date_mod m)
{
    return m <= DX_MOD_APPROX ? mod_names[m] : "";
}

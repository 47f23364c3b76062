/* lexicon.c - what the lexicon knows of a token (word classes, the
 * DX_L_* bits of which stages' data may start at it) and of a person (whom
 * a given name, an initial or a spelling may name). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#include "base/utf8.h"
#include "extract/lexicon.h"

uint32_t dx_word_class(const dx_lexicon *lex, uint64_t lkey)
{
    const uint32_t *v;
    return dx_u64map_get(lex->words, lkey, &v) ? v[0] : 0;
}

uint32_t dx_lex_bits(const dx_lexicon *lex, uint64_t key)
{
    const uint32_t *v;
    return dx_u64map_get(lex->tok_lex, key, &v) ? v[0] : 0;
}

uint32_t dx_token_lex(const dx_lexicon *lex, uint64_t lkey, uint64_t fkey)
{
    uint32_t bits = dx_lex_bits(lex, lkey);
    /* the gazetteer bit is of the fkey, the others of the lkey */
    if (fkey != lkey) bits = (bits & ~DX_L_OF_FKEY) | (dx_lex_bits(lex, fkey) & DX_L_OF_FKEY);
    return bits;
}

void dx_lex_mark(dx_lexicon *lex, uint64_t key, uint32_t bits) { dx_u64map_or(lex->tok_lex, key, bits); }

uint32_t dx_lex_ev_first(const dx_lexicon *lex, uint64_t lkey, uint32_t bits)
{
    const uint32_t *v;
    if (!(bits & (DX_L_TRIG | DX_L_CUE))) return 0;
    return dx_u64map_get(lex->ev_first, lkey, &v) ? v[0] : 0;
}

/* ---------------------------------------------------------------- the thread's caches */

static void cache_free(void *p)
{
    dx_lex_cache *c = p;
    if (!c) return;
    free(c->seen_full.items);
    free(c->gaz_ent.items);
    free(c);
}

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static void cache_key_make(void) { pthread_key_create(&cache_key, cache_free); }

dx_lex_cache *dx_lex_cache_get(const dx_lexicon *lex)
{
    pthread_once(&cache_once, cache_key_make);
    dx_lex_cache *c = pthread_getspecific(cache_key);
    if (c && c->serial != lex->serial) {
        cache_free(c);
        c = NULL;
    }
    if (!c) {
        c = xcalloc(1, sizeof(*c));
        c->serial = lex->serial;
        c->nwords = c->nlong_words = 1; /* (entry 0 is no word's) */
        pthread_setspecific(cache_key, c);
    }
    return c;
}

void dx_lex_cache_drop(const dx_lexicon *lex)
{
    pthread_once(&cache_once, cache_key_make);
    dx_lex_cache *c = pthread_getspecific(cache_key);
    if (c && c->serial == lex->serial) {
        cache_free(c);
        pthread_setspecific(cache_key, NULL);
    }
}

uint32_t dx_gaz_marks_begin(dx_gaz_marks *m, size_t n)
{
    if (m->len < n) {
        free(m->items);
        m->items = xcalloc(n, sizeof(*m->items));
        m->len = n;
        m->gen = 0;
    }
    if (++m->gen == 0) { /* wrapped: the old marks could pass for new ones */
        memset(m->items, 0, m->len * sizeof(*m->items));
        m->gen = 1;
    }
    return m->gen;
}

/* ---------------------------------------------------------------- people */

uint64_t dx_given_key(const char *s, size_t n)
{
    dx_buf f;
    dx_buf_init(&f);
    dx_fold_name(s, n, &f);
    for (size_t i = 0; i < f.len; i++)
        if (f.data[i] == 'c') f.data[i] = 'k';
    if (f.len > 2 && f.data[f.len - 1] == 'i') f.data[f.len - 1] = 'y';
    uint64_t h = dx_hash(f.data, f.len);
    dx_buf_fini(&f);
    return h;
}

int dx_gaz_given_ok(const dx_lexicon *lex, uint32_t e, uint64_t given_key)
{
    const uint32_t *v;
    return dx_u64map_get(lex->gaz_parts, dx_gaz_part_key(e, given_key), &v) > 0;
}

int dx_gaz_initial_ok(const dx_lexicon *lex, uint32_t e, unsigned char c)
{
    if (c < 'a' || c > 'z' || e >= lex->gaz_initials.len) return 1;
    return (lex->gaz_initials.items[e] >> (c - 'a')) & 1;
}

int dx_gaz_male(const dx_lexicon *lex, uint32_t e)
{
    return e < lex->gaz_flags.len && (lex->gaz_flags.items[e] & DX_GF_MALE);
}

int dx_gaz_container(const dx_lexicon *lex, uint32_t e)
{
    return e < lex->gaz_flags.len && (lex->gaz_flags.items[e] & DX_GF_CONTAINER);
}

int dx_gaz_surname_spelled(const dx_lexicon *lex, uint32_t e, uint64_t lkey)
{
    const uint32_t *v;
    return dx_u64map_get(lex->gaz_parts, dx_gaz_spelling_key(e, lkey), &v) > 0;
}

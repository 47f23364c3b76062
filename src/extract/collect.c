/* collect.c - a processed document collected into its result (the map
 * output): copies of what the merge and the outputs need, evidence cut to
 * a bound, and the co-occurrences of its sentences. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "model/docresult.h"

/* dup_span's byte loop, for what the 16-byte one leaves: from i on, up to
 * n; a stop becomes a space before a NUL, not after it. Where the first
 * NUL is, else n. */
static size_t mend_bytes(char *out, const unsigned char *src, size_t i, size_t n)
{
    size_t nul = n;
    for (; i < n; i++) {
        unsigned char c = src[i];
        if (!c && nul == n) nul = i;
        out[i] = (char)(nul == n && (c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
    }
    return nul;
}

/* *len: its length up to a NUL, if any */
static char *dup_span(dossier_docresult *r, const dx_doc *doc, uint32_t s, uint32_t e, size_t *len)
{
    /* evidence text on one line: newlines and tabs become spaces (up to a
     * NUL, as strpbrk did). The text is copied and mended in one pass, 16
     * bytes at a time, no byte loop and no library call (room is taken for
     * the last 16-byte store). */
    size_t n = e - s, i = 0;
    const unsigned char *src = (const unsigned char *)doc->text + s;
    char *out = dx_arena_raw(&r->arena, n + 16);
    size_t nul = n;
#ifdef __SSE2__
    size_t readable = doc->len + 1 - s; /* the text and its NUL */
    for (; i < n && readable - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
        unsigned z = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
        if (z && i + (size_t)__builtin_ctz(z) < n) break; /* a NUL inside: the byte loop */
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
        v = _mm_or_si128(_mm_andnot_si128(hit, v), _mm_and_si128(hit, _mm_set1_epi8(' ')));
        _mm_storeu_si128((__m128i *)(void *)(out + i), v);
    }
#endif
    if (i < n) nul = mend_bytes(out, src, i, n);
    out[n] = '\0';
    *len = nul;
    return out;
}

/* Where a result's short strings go (a mention's text, a date, a
 * trigger: most are under 16 bytes): chunks of its arena filled one string
 * after the other, each written as the 16 bytes it was read as, with no
 * call and no byte loop; what follows a string's NUL is the next string's,
 * or slack at a chunk's end. */
#define POOL_CHUNK 8192
typedef struct {
    char *at, *end;
} strpool;

/* Room for a string of n < 16 bytes and its NUL, and 16 bytes to write. */
static inline char *pool_take(dossier_docresult *r, strpool *p, size_t n)
{
    if ((size_t)(p->end - p->at) < 16) {
        p->at = dx_arena_raw(&r->arena, POOL_CHUNK); /* every byte read is written first */
        p->end = p->at + POOL_CHUNK;
    }
    char *s = p->at;
    p->at += n + 1;
    return s;
}

/* dup_span of a span of the text; *len its length (up to a NUL, if any) */
static inline char *pool_span(dossier_docresult *r, strpool *p, const dx_doc *doc, uint32_t s, uint32_t e,
                              uint32_t *len)
{
#ifdef __SSE2__
    size_t n = e - s;
    if (n < 16 && doc->len + 1 - s >= 16) {
        /* newlines and tabs become spaces; after a NUL, if any, nothing is read */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(doc->text + s));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
        v = _mm_or_si128(_mm_andnot_si128(hit, v), _mm_and_si128(hit, _mm_set1_epi8(' ')));
        char *out = pool_take(r, p, n);
        _mm_storeu_si128((__m128i *)(void *)out, v);
        out[n] = '\0';
        unsigned nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) | 1u << n;
        *len = (uint32_t)__builtin_ctz(nul);
        return out;
    }
#else
    (void)p;
#endif
    size_t l;
    char *out = dup_span(r, doc, s, e, &l);
    *len = (uint32_t)l;
    return out;
}

/* A copy of a string held in an array of at least 16 bytes (a date, a
 * charge): read as 16 bytes when its NUL is among them. */
static char *pool_field(dossier_docresult *r, strpool *p, const char *field)
{
#ifdef __SSE2__
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)field);
    unsigned nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
    if (nul) {
        char *out = pool_take(r, p, (size_t)__builtin_ctz(nul));
        _mm_storeu_si128((__m128i *)(void *)out, v);
        return out;
    }
#else
    (void)p;
#endif
    return dx_arena_strndup(&r->arena, field, strlen(field));
}

/* Evidence: the sentence, cut after DX_EVIDENCE_MAX bytes (at a character
 * boundary, with " ..."): every event and co-occurrence keeps a copy, and
 * a 'sentence' can be a 50 MB line without punctuation. */
static char *dup_cut(dossier_docresult *r, const dx_doc *doc, uint32_t s, uint32_t e, uint32_t max)
{
    size_t len;
    if (e - s <= max) return dup_span(r, doc, s, e, &len);
    uint32_t cut = s + max;
    while (cut > s && ((unsigned char)doc->text[cut] & 0xC0) == 0x80) cut--;
    char *out = dup_span(r, doc, s, cut, &len); /* with room for 16 bytes more */
    memcpy(out + (cut - s), " \xE2\x80\xA6", 5); /* " ...", NUL included */
    return out;
}

/* The evidence of sentence s: one copy for the events, the co-occurrences
 * and the examples of entities it gives (ev: a pointer a sentence, NULL
 * until copied). */
static char *sentence_evidence(dossier_docresult *r, const dx_doc *doc, char **ev, size_t s)
{
    if (!ev[s]) ev[s] = dup_cut(r, doc, doc->sents.items[s].start, doc->sents.items[s].end, DX_EVIDENCE_MAX);
    return ev[s];
}

/* A sentence naming more than LIST_NAMES entities is a list (of the dead,
 * of the accused, of delegates): each pair of its names was an edge with
 * the whole sentence as evidence, so a memorial list of 5,000 names in one
 * sentence made 400 MB of outputs. In a list an entity is named together
 * with the next one only, and the evidence is the stretch of text from one
 * name to the other (at most LIST_EVIDENCE_MAX bytes), not the sentence. */
#define LIST_NAMES 12
#define LIST_EVIDENCE_MAX 160

/* What bounds were applied to a document, for its warning. */
typedef struct {
    size_t lists, longest;
    uint32_t longest_start, longest_end;
    size_t long_names;
} bounds;

/* A mention the co-occurrences read: of a kept entity (ent, an index of
 * the result's entities), gathered in the mention pass so that the
 * sentence walk reads 12 bytes a mention, not the document's 96, and
 * tests nothing but the sentence. */
typedef struct {
    uint32_t start, end;
    int32_t ent;
} named;

/* The pairs of a document met so far: (a, b) -> index in coocs. Open
 * addressing, one probe sequence to find or add (a key is never 0: a < b). */
typedef struct {
    uint64_t key;
    uint32_t at;
} pair_slot;

typedef struct {
    pair_slot *slots;
    size_t mask, n;
    unsigned shift; /* 64 - log2(slots) */
    int borrowed;   /* the first slots are the collection's scratch, not freed here */
} pair_set;

/* slots: cleared, borrowed; or NULL: made */
static void pair_init(pair_set *p, pair_slot *slots, size_t n_slots)
{
    size_t nslots = n_slots;
    p->borrowed = slots != NULL;
    p->slots = slots ? slots : xcalloc(n_slots, sizeof(pair_slot));
    p->mask = nslots - 1;
    p->n = 0;
    p->shift = 64;
    while (nslots > 1) nslots /= 2, p->shift--;
}

/* Fibonacci hashing: the product's top bits */
static inline size_t pair_home(const pair_set *p, uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> p->shift);
}

static void pair_grow(pair_set *p)
{
    pair_set q;
    pair_init(&q, NULL, 2 * (p->mask + 1));
    q.n = p->n;
    for (size_t i = 0; i <= p->mask; i++)
        if (p->slots[i].key) {
            size_t j = pair_home(&q, p->slots[i].key);
            while (q.slots[j].key) j = (j + 1) & q.mask;
            q.slots[j] = p->slots[i];
        }
    if (!p->borrowed) free(p->slots);
    *p = q;
}

/* The slot of key: its own, or the empty one where it goes. */
static inline pair_slot *pair_slot_of(pair_set *p, uint64_t key)
{
    if ((p->n + 1) * 2 > p->mask + 1) pair_grow(p);
    size_t i = pair_home(p, key);
    while (p->slots[i].key && p->slots[i].key != key) i = (i + 1) & p->mask;
    return &p->slots[i];
}

/* The collection's working arrays, in one allocation (each its own made a
 * short document's result five mallocs and frees of a few hundred bytes):
 * per entity its index among those kept, and the sentence it was last
 * named in (+ 1); per sentence its evidence once copied; the named
 * mentions; the pair table's first slots. */
typedef struct {
    char **ev;
    pair_slot *slots;
    size_t n_slots;
    named *nm;
    int32_t *ent_at;
    uint32_t *seen_in;
    void *block;
} scratch;

static void scratch_init(scratch *sc, const dx_doc *doc)
{
    size_t ne = doc->ents.len + 1, ns = doc->sents.len + 1, nm = doc->ments.len + 1;
    /* room for about twice the pairs a document names (3.4 an entity in
     * the bench corpus, more in a long one; the table grows if need be) */
    sc->n_slots = 16;
    while (sc->n_slots < 8 * doc->ents.len && sc->n_slots < (1u << 16)) sc->n_slots *= 2;
    /* the 8-byte parts first, each part's size a multiple of 4 */
    size_t cleared = ns * sizeof(char *) + sc->n_slots * sizeof(pair_slot) + ne * sizeof(uint32_t);
    char *b = xmalloc(cleared + nm * sizeof(named) + ne * sizeof(int32_t));
    memset(b, 0, cleared);
    sc->block = b;
    sc->ev = (char **)(void *)b;
    sc->slots = (pair_slot *)(void *)(b + ns * sizeof(char *));
    sc->seen_in = (uint32_t *)(void *)((char *)sc->slots + sc->n_slots * sizeof(pair_slot));
    sc->nm = (named *)(void *)((char *)sc->seen_in + ne * sizeof(uint32_t));
    sc->ent_at = (int32_t *)(void *)((char *)sc->nm + nm * sizeof(named));
}

/* The pairs of one sentence's names (first: an entity's first mention in
 * it, in order; n of them), added to the result's co-occurrences. */
static void add_pairs(const dx_doc *doc, dossier_docresult *r, const named *const *first, size_t n, size_t s,
                      char **ev, pair_set *pairs, bounds *bd)
{
    const dx_sentence *se = &doc->sents.items[s];
    int list = n > LIST_NAMES;
    if (list) {
        bd->lists++;
        if (n > bd->longest) {
            bd->longest = n;
            bd->longest_start = se->start;
            bd->longest_end = se->end;
        }
    }
    size_t window = list ? 1 : n;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n && b <= a + window; b++) {
            int32_t x = first[a]->ent, y = first[b]->ent;
            if (x > y) {
                int32_t t = x;
                x = y;
                y = t;
            }
            uint64_t key = (uint64_t)(uint32_t)x << 32 | (uint32_t)y; /* the pair */
            pair_slot *ps = pair_slot_of(pairs, key);
            if (ps->key) {
                r->coocs.items[ps->at].count++;
                continue;
            }
            ps->key = key;
            ps->at = (uint32_t)r->coocs.len;
            pairs->n++;
            if (list) {
                /* from one name to the other: its own evidence */
                uint32_t from = first[a]->start, to = first[b]->end;
                if (first[b]->start < from) from = first[b]->start;
                if (first[a]->end > to) to = first[a]->end;
                dx_rcooc c = {x, y, 1, from, to, dup_cut(r, doc, from, to, LIST_EVIDENCE_MAX)};
                DX_PUSH(r->coocs, c);
            } else {
                dx_rcooc c = {x, y, 1, se->start, se->end, sentence_evidence(r, doc, ev, s)};
                DX_PUSH(r->coocs, c);
            }
        }
}

static void add_coocs(const dx_doc *doc, dossier_docresult *r, const named *nm, size_t n_named, char **ev,
                      scratch *sc, bounds *bd)
{
    /* Walked from name to name (they are sorted by start; the sentences
     * are sorted, apart, by start): a name's sentence is found by a cursor
     * that passes the sentences before it, the names of that sentence are
     * the run that starts before its end. A sentence naming one entity
     * makes no pair and is passed at once (most of those that name any). */
    const dx_sentence *sents = doc->sents.items;
    size_t ns = doc->sents.len, s = 0;
    DX_VEC(const named *) first = {0}; /* an entity's first mention in the sentence */
    uint32_t *seen_in = sc->seen_in; /* sentence + 1 */
    pair_set pairs;
    pair_init(&pairs, sc->slots, sc->n_slots);
    uint32_t last_end = ns ? sents[ns - 1].end : 0;
    for (size_t m = 0; m < n_named;) {
        uint32_t at = nm[m].start;
        if (at >= last_end) break; /* after the last sentence: no pair */
        while (sents[s].end <= at) s++; /* (the last sentence stops it) */
        uint32_t end = sents[s].end;
        if (at < sents[s].start) { /* between two sentences: in none */
            m++;
            continue;
        }
        size_t k = m + 1;
        if (k >= n_named || nm[k].start >= end) { /* one name: no pair */
            m = k;
            continue;
        }
        first.len = 0;
        for (k = m; k < n_named && nm[k].start < end; k++) {
            if (seen_in[nm[k].ent] == s + 1) continue;
            seen_in[nm[k].ent] = (uint32_t)s + 1;
            DX_PUSH(first, &nm[k]);
        }
        m = k;
        if (first.len > 1) add_pairs(doc, r, first.items, first.len, s, ev, &pairs, bd);
    }
    DX_FREE(first);
    if (!pairs.borrowed) free(pairs.slots);
}

/* The document's name as the outputs show it: a file name is bytes, the
 * outputs are UTF-8, so bytes that are not UTF-8 become U+FFFD (a name in
 * Latin-1 made mentions.csv invalid UTF-8). */
static char *utf8_path(dossier_docresult *r, const char *s)
{
    /* most names are ASCII: copied as they are, not taken apart */
    size_t n = 0;
    while (s[n] && (unsigned char)s[n] < 0x80) n++;
    if (!s[n]) return dx_arena_strndup(&r->arena, s, n);
    dx_buf b;
    dx_buf_init(&b);
    dx_utf8_valid(s, strlen(s), &b);
    char *out = dx_arena_strndup(&r->arena, b.data, b.len);
    dx_buf_fini(&b);
    return out;
}

static char *adup(dossier_docresult *r, const char *s)
{
    return dx_arena_strndup(&r->arena, s ? s : "", s ? strlen(s) : 0);
}

void dx_docresult_set_meta(dossier_docresult *r, const dx_docmeta *m)
{
    if (m->format[0] || !r->format) r->format = adup(r, m->format);
    r->title = adup(r, m->title);
    r->author = adup(r, m->author);
    r->date = adup(r, m->date);
    r->pages = m->pages;
    if (m->bytes) r->bytes = m->bytes;
}

dossier_docresult *dossier_docresult_new_skipped(const char *path, dossier_doc_status status,
                                                 unsigned long long bytes, const char *why)
{
    dossier_docresult *r = xcalloc(1, sizeof(*r));
    dx_arena_init(&r->arena);
    r->path = utf8_path(r, path ? path : "-");
    r->status = status == DOSSIER_DOC_FAILED ? DX_DOC_FAILED : DX_DOC_SKIPPED;
    dx_buf w;
    dx_buf_init(&w);
    dx_utf8_valid(why ? why : "", why ? strlen(why) : 0, &w);
    for (size_t i = 0; i < w.len; i++)
        if (w.data[i] == '\n' || w.data[i] == '\r' || w.data[i] == '\t') w.data[i] = ' ';
    r->why = dx_arena_strndup(&r->arena, w.data ? w.data : "", w.len);
    dx_buf_fini(&w);
    /* the format its name promises, though it could not be read as such */
    static const char *const kind_names[] = {[DX_KIND_TEXT] = "txt", [DX_KIND_HTML] = "html",
                                             [DX_KIND_XML] = "xml",  [DX_KIND_PDF] = "pdf",
                                             [DX_KIND_DOCX] = "docx", [DX_KIND_ODT] = "odt",
                                             [DX_KIND_EPUB] = "epub"};
    dx_kind kind = path ? dx_kind_of(path) : DX_KIND_NONE;
    size_t pl = path ? strlen(path) : 0;
    int zip = pl > 4 && strcasecmp(path + pl - 4, ".zip") == 0;
    const char *format = kind == DX_KIND_ARCHIVE ? (zip ? "zip" : "tar")
                         : kind > DX_KIND_NONE && kind < DX_KIND_ARCHIVE ? kind_names[kind]
                                                                        : "";
    r->format = adup(r, format);
    r->title = r->author = r->date = adup(r, "");
    r->bytes = bytes;
    return r;
}

static void docresult_meta(dossier_docresult *r, const dx_doc *doc)
{
    r->status = DX_DOC_READ;
    r->why = adup(r, "");
    r->bytes = doc->meta.bytes;
    dx_docresult_set_meta(r, &doc->meta);
    r->n_page_starts = doc->page_starts.len;
    if (doc->page_starts.len) {
        r->page_starts = dx_arena_alloc(&r->arena, doc->page_starts.len * sizeof(uint32_t));
        memcpy(r->page_starts, doc->page_starts.items, doc->page_starts.len * sizeof(uint32_t));
    }
}

/* A gazetteer entity's six strings, which lie one after the other in the
 * lexicon (g->strs_len bytes): copied at once, where six copies and four
 * strlen cost some 13% of the result. */
static void gaz_strings(dossier_docresult *r, const dx_gaz_entry *g, dx_rent *re)
{
    char *b = dx_arena_raw(&r->arena, g->strs_len);
    memcpy(b, g->id, g->strs_len);
    re->id = b;
    re->label = b + (g->label - g->id);
    re->aliases = b + (g->aliases - g->id);
    re->start = b + (g->start - g->id);
    re->end = b + (g->end - g->id);
    re->roles = b + (g->roles - g->id);
}

/* Entity indexes of a document's event, those dropped left out. */
static void kept_ints(dossier_docresult *r, const int32_t *from, size_t n, const int32_t *ent_at, void *vecp)
{
    DX_VEC(int32_t) *v = vecp; /* cap 0: the arena's */
    v->items = n ? dx_arena_alloc(&r->arena, n * sizeof(int32_t)) : NULL;
    v->len = v->cap = 0;
    for (size_t i = 0; i < n; i++)
        if (ent_at[from[i]] >= 0) v->items[v->len++] = ent_at[from[i]];
}

/* A gazetteer entity's entry and strings (its id, label, aliases... one
 * after the other in the lexicon's arena, some two lines) are out of the
 * cache when its result is made: asked for ENT_AHEAD entities ahead, so
 * that the misses overlap instead of stalling each copy in turn. */
#define ENT_AHEAD 4
static inline void prefetch_ent(const dx_doc_ent *e)
{
    if (!e->gaz) return;
    __builtin_prefetch(e->gaz);
    __builtin_prefetch(e->key);
    __builtin_prefetch(e->key + 64);
}

dossier_docresult *dx_docresult_from_doc(const dx_doc *doc)
{
    dossier_docresult *r = xcalloc(1, sizeof(*r));
    dx_arena_init(&r->arena);
    r->path = utf8_path(r, doc->path ? doc->path : "-");
    r->dct_note = adup(r, doc->dct_note);
    r->text_len = doc->len;
    docresult_meta(r, doc);
    bounds bd;
    memset(&bd, 0, sizeof(bd));
    /* a 'name' of more than DX_LABEL_MAX bytes (a 2 MB capitalised run of
     * letters) is no name: left out, with its mentions */
    scratch sc;
    scratch_init(&sc, doc);
    int32_t *ent_at = sc.ent_at;
    char **ev = sc.ev;
    char *empty = adup(r, ""); /* shared by every empty string of the result */
    DX_GROW(r->ents, doc->ents.len);
    for (size_t i = 0; i < ENT_AHEAD && i < doc->ents.len; i++) prefetch_ent(&doc->ents.items[i]);
    for (size_t i = 0; i < doc->ents.len; i++) {
        const dx_doc_ent *e = &doc->ents.items[i];
        if (i + ENT_AHEAD < doc->ents.len) prefetch_ent(&doc->ents.items[i + ENT_AHEAD]);
        size_t label_len = e->label_len, key_len = e->key_len;
        if (label_len > DX_LABEL_MAX || key_len > DX_LABEL_MAX) {
            ent_at[i] = -1;
            bd.long_names++;
            continue;
        }
        ent_at[i] = (int32_t)r->ents.len;
        dx_rent re;
        if (e->gaz && e->gaz->strs_len) {
            gaz_strings(r, e->gaz, &re);
        } else {
            re.id = dx_arena_strndup(&r->arena, e->key, key_len);
            re.label = dx_arena_strndup(&r->arena, e->label, label_len);
            /* an entity recognised by its shape has no gazetteer's strings */
            re.aliases = e->gaz ? adup(r, e->gaz->aliases) : empty;
            re.start = e->gaz ? adup(r, e->gaz->start) : empty;
            re.end = e->gaz ? adup(r, e->gaz->end) : empty;
            re.roles = e->gaz ? adup(r, e->gaz->roles) : empty;
        }
        re.type = e->type;
        re.count = e->count;
        re.known = e->gaz != NULL;
        re.likely = e->gaz ? 100 : e->likely;
        re.example = !e->gaz && e->first_sent < doc->sents.len ? sentence_evidence(r, doc, ev, e->first_sent)
                                                               : empty;
        r->ents.items[r->ents.len++] = re;
    }
    DX_GROW(r->ments, doc->ments.len);
    named *nm = sc.nm;
    size_t n_named = 0;
    const char *dct_in = NULL; /* mentions read against one date share its copy */
    char *dct_out = NULL;
    strpool pool = {NULL, NULL};
    for (size_t i = 0; i < doc->ments.len; i++) {
        const dx_mention *m = &doc->ments.items[i];
        int32_t ent = m->type == DX_ENT_DATE || m->ent < 0 ? -1 : ent_at[m->ent];
        /* a kept entity's mention names it together with the others of its
         * sentence (stored always, counted when so: no branch) */
        nm[n_named] = (named){m->start, m->end, ent};
        n_named += ent >= 0 && (size_t)m->ent < doc->ents.len;
        if ((m->type != DX_ENT_DATE && m->ent >= 0 && ent < 0) || m->end - m->start > DX_LABEL_MAX) continue;
        dx_rmention *rm = &r->ments.items[r->ments.len++];
        if (m->dct && m->dct != dct_in) dct_in = m->dct, dct_out = adup(r, m->dct);
        rm->dct = m->type == DX_ENT_DATE && m->dct ? dct_out : empty;
        rm->calendar = m->type == DX_ENT_DATE && m->calendar ? adup(r, m->calendar) : empty;
        rm->start = m->start;
        rm->end = m->end;
        rm->type = m->type;
        rm->ent = ent;
        rm->text = pool_span(r, &pool, doc, m->start, m->end, &rm->text_len);
        rm->value = m->type == DX_ENT_DATE && m->value[0] ? pool_field(r, &pool, m->value) : empty;
        rm->mod = m->mod;
        rm->link = m->type == DX_ENT_DATE ? DX_LINK_NONE : (dx_link)m->link;
    }
    DX_GROW(r->events, doc->events.len);
    for (size_t i = 0; i < doc->events.len; i++) {
        const dx_event *e = &doc->events.items[i];
        const dx_sentence *se = &doc->sents.items[e->sent];
        dx_revent re;
        memset(&re, 0, sizeof(re));
        re.type = e->type;
        re.modality = e->modality;
        re.trig_start = e->trig_start;
        re.trig_end = e->trig_end;
        re.sent_start = se->start;
        re.sent_end = se->end;
        uint32_t trigger_len;
        re.trigger = pool_span(r, &pool, doc, e->trig_start, e->trig_end, &trigger_len);
        re.sentence = sentence_evidence(r, doc, ev, e->sent);
        kept_ints(r, e->agents, e->n_agents, ent_at, &re.agents);
        kept_ints(r, e->patients, e->n_patients, ent_at, &re.patients);
        re.place = e->place >= 0 ? ent_at[e->place] : -1;
        re.source_ent = e->source_ent >= 0 ? ent_at[e->source_ent] : -1;
        re.source = e->source_ent >= 0 || !e->source[0] ? empty : pool_field(r, &pool, e->source);
        re.charge = e->charge[0] ? pool_field(r, &pool, e->charge) : empty;
        re.date = e->date[0] ? pool_field(r, &pool, e->date) : empty;
        re.date_mod = e->date_mod;
        re.date_basis = e->date_basis;
        r->events.items[r->events.len++] = re;
    }
    add_coocs(doc, r, nm, n_named, ev, &sc, &bd);
    free(sc.block);
    /* the reader's warning, then the bounds applied */
    dx_buf w;
    dx_buf_init(&w);
    if (doc->warning) dx_buf_puts(&w, doc->warning);
    if (bd.lists)
        dx_buf_printf(&w, "%s%zu sentence(s) naming more than %d entities, the longest %zu at bytes %u-%u: "
                          "read as lists, each name taken as named together with the next one only",
                      w.len ? "; " : "", bd.lists, LIST_NAMES, bd.longest, bd.longest_start, bd.longest_end);
    if (bd.long_names)
        dx_buf_printf(&w, "%s%zu name(s) longer than %d bytes left out", w.len ? "; " : "", bd.long_names,
                      DX_LABEL_MAX);
    r->warning = w.len ? adup(r, w.data) : NULL;
    dx_buf_fini(&w);
    return r;
}

/* internal.h - types shared by the pipeline stages (not part of the public API). */
#ifndef DOSSIER_INTERNAL_H
#define DOSSIER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dossier.h"

/* ---------------------------------------------------------------- memory */

/* Out of memory aborts with a message (as cmark does). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A bump allocator: everything allocated from it is freed at once by
 * dx_arena_fini. Keeps per-document work free of per-token malloc. */
typedef struct dx_arena_block dx_arena_block;
typedef struct {
    dx_arena_block *head;
} dx_arena;
void dx_arena_init(dx_arena *a);
void dx_arena_fini(dx_arena *a);
void *dx_arena_alloc(dx_arena *a, size_t n); /* zeroed, 8-aligned */
char *dx_arena_strndup(dx_arena *a, const char *s, size_t n);

/* Growable byte buffer, always NUL-terminated. */
typedef struct {
    char *data;
    size_t len, cap;
} dx_buf;
void dx_buf_init(dx_buf *b);
void dx_buf_fini(dx_buf *b);
void dx_buf_put(dx_buf *b, const char *s, size_t n);
void dx_buf_puts(dx_buf *b, const char *s);
void dx_buf_putc(dx_buf *b, char c);
/* v in decimal, ending just before end (no NUL; 20 bytes are enough);
 * returns where it starts. Hot paths format numbers with this, not printf. */
static inline char *dx_fmt_int(char *end, long long v)
{
    char *p = end;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    return p;
}
void dx_buf_put_int(dx_buf *b, long long v);
void dx_buf_printf(dx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void dx_buf_clear(dx_buf *b);

/* A typed growable array: DX_VEC(int) v = {0}; DX_PUSH(v, 3). */
#define DX_VEC(T)          \
    struct {               \
        T *items;          \
        size_t len, cap;   \
    }
#define DX_GROW(v, need)                                                             \
    do {                                                                             \
        if ((need) > (v).cap) {                                                      \
            size_t nc_ = (v).cap ? (v).cap * 2 : 16;                                 \
            while (nc_ < (need)) nc_ *= 2;                                           \
            (v).items = xrealloc((v).items, nc_ * sizeof(*(v).items));               \
            (v).cap = nc_;                                                           \
        }                                                                            \
    } while (0)
#define DX_PUSH(v, x)                  \
    do {                               \
        DX_GROW(v, (v).len + 1);       \
        (v).items[(v).len++] = (x);    \
    } while (0)
#define DX_FREE(v)            \
    do {                      \
        free((v).items);      \
        (v).items = NULL;     \
        (v).len = (v).cap = 0; \
    } while (0)

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

/* u64-keyed hash map to a list of u32 payloads (lexicon lookups by token key). */
typedef struct dx_u64map dx_u64map;
dx_u64map *dx_u64map_new(void);
void dx_u64map_free(dx_u64map *m);
void dx_u64map_add(dx_u64map *m, uint64_t key, uint32_t val);
/* Returns the number of payloads for key and points *vals at them (borrowed). */
size_t dx_u64map_get(const dx_u64map *m, uint64_t key, const uint32_t **vals);

/* ---------------------------------------------------------------- stage timing */

typedef enum {
    DX_STAGE_READ,
    DX_STAGE_SEGMENT,
    DX_STAGE_NAMES,
    DX_STAGE_RESOLVE,
    DX_STAGE_DATES,
    DX_STAGE_EVENTS,
    DX_STAGE_RESULT,
    DX_STAGE_SPILL,
    DX_STAGE_MERGE,
    DX_STAGE_LAYOUT,     /* the diagram through graphviz */
    DX_STAGE_EXPORT,     /* one per output file from here on, in corpus.c's order */
    DX_STAGE__COUNT = DX_STAGE_EXPORT + 9
} dx_stage;
uint64_t dx_stage_now(void);
void dx_stage_add(dx_stage s, uint64_t since);
/* The name --stats prints for stage s ("export" stages take their file's name). */
void dx_stage_name(dx_stage s, const char *name);

/* ---------------------------------------------------------------- errors */

void dx_error_set(dossier_error *err, int code, const char *file, long line,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* ---------------------------------------------------------------- text */

/* Decode one UTF-8 code point at s[*i] (advancing *i); invalid bytes decode
 * as U+FFFD one byte at a time. */
uint32_t dx_utf8_next(const char *s, size_t n, size_t *i);
/* Append s (n bytes) with every byte that is not UTF-8 as U+FFFD, and a
 * NUL after it (not counted in b->len). */
void dx_utf8_valid(const char *s, size_t n, dx_buf *b);
/* Append the UTF-8 encoding of cp. */
void dx_utf8_put(dx_buf *b, uint32_t cp);
int dx_is_letter_cp(uint32_t cp);
int dx_is_upper_cp(uint32_t cp);
int dx_is_space_cp(uint32_t cp);

/* A copy of s that XML 1.0 can carry: control characters other than tab,
 * LF and CR, DEL, U+FFFE/U+FFFF and invalid bytes become U+FFFD. Caller frees. */
char *dx_xml_clean(const char *s);

/* Lowercase, diacritics stripped ("Coyoacán" -> "coyoacan"). */
void dx_fold_lower(const char *s, size_t n, dx_buf *out);
/* Name key: dx_fold_lower plus transliteration folding so that variants
 * meet (Yezhov/Ezhov/Jezjov, Tukhachevsky/Tukhachevskii, Kaganovich/
 * Kaganovitj, Iakir/Yakir, Rykov/Ryjkov). */
void dx_fold_name(const char *s, size_t n, dx_buf *out);
/* The same, from text already folded by dx_fold_lower (low must not alias out). */
void dx_fold_name_lower(const char *low, size_t n, dx_buf *out);

/* ---------------------------------------------------------------- lexicon */

/* A TSV data file under entities/: header row, '#' comments, blank lines
 * skipped, fields parsed with libcsv (tab delimiter, no quoting). */
typedef int (*dx_tsv_row_fn)(void *ud, char **fields, size_t nfields,
                             const char *file, long line, dossier_error *err);
/* header: the expected column names (NULL-terminated); the file's header row
 * must start with them. Rows with fewer than min_fields fields are errors.
 * Returns 0, or DOSSIER_EDATA / DOSSIER_EIO with err filled. */
int dx_tsv_load(const char *path, const char *const *header, size_t min_fields,
                dx_tsv_row_fn fn, void *ud, dossier_error *err);

typedef enum {
    DX_ENT_NONE = 0,
    DX_ENT_PERSON,
    DX_ENT_ORG,
    DX_ENT_PLACE,
    DX_ENT_DATE,
    DX_ENT__COUNT
} dx_ent_type;
const char *dx_ent_type_name(dx_ent_type t);     /* "PERSON" ... */
const char *dx_ent_type_lower(dx_ent_type t);    /* "person", "organization", "place" */
dx_ent_type dx_ent_type_parse(const char *s);

/* One gazetteer entity. */
typedef struct {
    char *id;     /* "person:nikolai-bukharin" */
    char *label;  /* canonical label */
    dx_ent_type type;
    char *aliases; /* as written in the file, '|' separated */
    char *start, *end; /* life/existence dates, may be "" */
    char *roles;
} dx_gaz_entry;

/* ---------------------------------------------------------------- documents */

enum {
    DX_TK_WORD = 1 << 0,   /* letters/digits */
    DX_TK_NUM = 1 << 1,    /* digits only */
    DX_TK_CAP = 1 << 2,    /* starts with an uppercase letter */
    DX_TK_UPPER = 1 << 3,  /* all letters uppercase, at least two letters */
    DX_TK_PUNCT = 1 << 4,  /* one non-word, non-space code point */
    DX_TK_NL = 1 << 5,     /* a newline precedes it (after the previous token) */
    DX_TK_PARA = 1 << 6,   /* a blank line precedes it */
    DX_TK_SENT = 1 << 7,   /* first token of a sentence */
};

typedef struct {
    uint32_t start, end; /* byte offsets into dx_doc.text */
    uint32_t flags;
    uint32_t sent;       /* index of its sentence */
    uint32_t wclass;     /* word class bits from entities/words.tsv (lexicon.h); 0 unless a word */
    uint32_t lex;        /* DX_L_* bits (lexicon.h): word classes, and what data starts here */
    uint64_t lkey;       /* dx_hash of dx_fold_lower(token) */
    uint64_t fkey;       /* capitalised words: dx_hash of dx_fold_name(token); else lkey */
} dx_token;

typedef struct {
    uint32_t start, end;        /* byte span */
    uint32_t tok_begin, tok_end; /* token index range [begin,end) */
    uint32_t para;
    int32_t turn;               /* speaker turn index or -1 */
} dx_sentence;

typedef struct {
    uint32_t label_start, label_end; /* the speaker label ("VYSHINSKY") */
    uint32_t start, end;             /* the turn's text, label included */
    int32_t mention;                 /* index of the PERSON mention of the label, or -1 */
} dx_turn;

typedef enum {
    DX_MOD_NONE = 0,
    DX_MOD_EARLY,
    DX_MOD_MID,
    DX_MOD_LATE,
    DX_MOD_APPROX
} dx_date_mod;
const char *dx_date_mod_name(dx_date_mod m); /* "", "early", ... */

typedef struct {
    uint32_t start, end;
    dx_ent_type type;
    int32_t ent;          /* index into dx_doc.ents (PERSON/ORG/PLACE), else -1 */
    char value[48];       /* DATE: EDTF value, "" when unresolved */
    dx_date_mod mod;
    uint8_t from_gazetteer;
} dx_mention;

/* A per-document entity: the thing mentions link to before the global merge. */
typedef struct {
    dx_ent_type type;
    const dx_gaz_entry *gaz; /* NULL for entities recognised by shape */
    char *label;             /* arena; canonical label */
    char *key;               /* arena; merge key (type + folded label) */
    uint32_t count;
    uint32_t first_sent;
} dx_doc_ent;

typedef enum {
    DX_EV_NONE = 0,
    DX_EV_ARREST,
    DX_EV_TRIAL,
    DX_EV_CHARGE,
    DX_EV_CONFESSION,
    DX_EV_DENIAL,
    DX_EV_SENTENCE,
    DX_EV_EXECUTION,
    DX_EV_ASSASSINATION,
    DX_EV_CONSPIRACY,
    DX_EV_EXILE,
    DX_EV_EXPULSION,
    DX_EV_REHABILITATION,
    DX_EV_DEATH,
    DX_EV_APPOINTMENT,
    DX_EV_DISMISSAL,
    DX_EV__COUNT
} dx_ev_type;
const char *dx_ev_type_name(dx_ev_type t);
dx_ev_type dx_ev_type_parse(const char *s);

typedef enum {
    DX_MODAL_NONE = 0,
    DX_MODAL_ASSERTED,
    DX_MODAL_ALLEGED,
    DX_MODAL_CONFESSED,
    DX_MODAL_DENIED,
    DX_MODAL_HYPOTHETICAL,
    DX_MODAL__COUNT
} dx_modality;
const char *dx_modality_name(dx_modality m);
dx_modality dx_modality_parse(const char *s);

#define DX_EV_MAX_PART 32
typedef struct {
    dx_ev_type type;
    dx_modality modality;
    uint32_t trig_start, trig_end;
    uint32_t sent;
    int32_t agents[DX_EV_MAX_PART];   /* dx_doc.ents indexes */
    uint8_t n_agents;
    int32_t patients[DX_EV_MAX_PART];
    uint8_t n_patients;
    int32_t place;                    /* ent index or -1 */
    int32_t source_ent;               /* ent index or -1 */
    char source[64];                  /* free text source when no entity ("prosecution") */
    char charge[96];
    char date[48];                    /* EDTF */
    dx_date_mod date_mod;
} dx_event;

typedef struct dx_lexicon dx_lexicon;

typedef struct {
    char *path;       /* as given on the command line / found in the walk */
    char *text;       /* the plain text offsets refer to; NUL-terminated */
    size_t len;
    dx_arena arena;
    DX_VEC(dx_token) toks;
    DX_VEC(dx_sentence) sents;
    DX_VEC(dx_turn) turns;
    DX_VEC(dx_mention) ments;  /* sorted by start after recognition */
    DX_VEC(dx_doc_ent) ents;
    DX_VEC(dx_event) events;
    dx_map *ent_by_key;        /* key -> (index+1) cast to pointer */
    dx_buf scratch;            /* dx_doc_ent_get's key, reused (no malloc per mention) */
    char *warning;             /* heap; set when the reader repaired the input */
} dx_doc;

/* Stages, one file each. Each returns 0 or an error code with err filled. */

/* read.c: decode a file into doc->text (takes ownership of nothing). */
int dx_read_file(const char *path, dx_doc *doc, dossier_error *err);
int dx_read_memory(const char *path, const char *data, size_t n, dx_doc *doc, dossier_error *err);
/* read_markup.c: HTML / XML text extraction through libxml2. */
int dx_markup_to_text(const char *path, const char *data, size_t n, int is_html,
                      dx_buf *out, dossier_error *err);

/* segment.c */
void dx_segment(dx_doc *doc, const dx_lexicon *lex);

/* recognize.c: gazetteer + shape names. dates.c: DATE mentions. */
void dx_recognize_names(dx_doc *doc, const dx_lexicon *lex);
void dx_recognize_dates(dx_doc *doc, const dx_lexicon *lex, const char *dct);

/* resolve.c: link mentions of a document to per-document entities. */
void dx_resolve_doc(dx_doc *doc, const dx_lexicon *lex);

/* events.c */
void dx_find_events(dx_doc *doc, const dx_lexicon *lex);

void dx_doc_init(dx_doc *doc);
void dx_doc_fini(dx_doc *doc);
int32_t dx_doc_ent_get(dx_doc *doc, dx_ent_type type, const char *label,
                       const dx_gaz_entry *gaz);
int dx_mention_cmp(const void *a, const void *b);
/* Index of the token containing byte offset off (or the last token before it). */
size_t dx_tok_index(const dx_doc *doc, uint32_t off);

#endif

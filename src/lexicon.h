/* lexicon.h - the data loaded from entities/: gazetteers, word classes,
 * date words and event triggers. Each stage owns the loader of its data. */
#ifndef DOSSIER_LEXICON_H
#define DOSSIER_LEXICON_H

#include "internal.h"

/* Word classes from entities/words.tsv (a word may have several). */
enum {
    DX_W_ABBREV = 1 << 0,    /* "Mr", "pp", "No": a following '.' does not end a sentence */
    DX_W_TITLE = 1 << 1,     /* "Marshal", "Comrade", "accused": precedes a PERSON, outside its span */
    DX_W_STOPCAP = 1 << 2,   /* capitalised but never a name on its own ("The", "However") */
    DX_W_ORGHEAD = 1 << 3,   /* "Committee", "Commission": heads an organisation name */
    DX_W_PLACECUE = 1 << 4,  /* "in", "at", "from", "to": may precede a place */
    DX_W_NAMECONNECT = 1 << 5, /* "of", "the", "de", "von", "and": may sit inside a name */
    DX_W_PLACEHEAD = 1 << 6, /* "River", "Street", "Prison": heads a place name */
    DX_W_GROUP = 1 << 7,     /* "Bolsheviks", "Trotskyites": groups and isms, not entities */
    DX_W_NATIONALITY = 1 << 8, /* "Soviet", "German": adjective, not a place alone */
    DX_W_PERSONCUE = 1 << 9, /* "said", "told": verbs that take a person subject */
    DX_W_GIVEN = 1 << 10,    /* a given name (entities/given-names.tsv) */
    DX_W_NOTSPEAKER = 1 << 11, /* "Source", "Note": a label before ':' that is no speaker */
    DX_W_LOWER_CONNECT = 1 << 12, /* "of", "the", "and": lowercase words inside ORG names */
};

/* dx_token.lex: what the lexicon knows of a token, from one lookup when the
 * document is segmented: its word classes (the bits above, also for
 * punctuation) and which stages' data may start at it, so that the stages
 * skip the tokens they have nothing for without a lookup of their own. */
enum {
    DX_L_WCLASS = 0x00ffffffu, /* word class bits of the lkey */
    DX_L_GAZ = 1u << 24,       /* the fkey starts a gazetteer alias */
    DX_L_DATE = 1u << 25,      /* the lkey is a word of dates.tsv */
    DX_L_TRIG = 1u << 26,      /* the lkey (typographic variants folded) starts an event trigger */
    DX_L_CUE = 1u << 27,       /* ... starts a modality cue */
    DX_L_PRON = 1u << 28,      /* the lkey is a pronoun the event finder resolves */
    DX_L_GAZ_IN = 1u << 29,    /* the fkey is a later token of a gazetteer alias */
    DX_L_GAZ_ONE = 1u << 30,   /* the fkey alone is a gazetteer alias */
    DX_L_OF_FKEY = DX_L_GAZ | DX_L_GAZ_IN | DX_L_GAZ_ONE, /* the bits of the fkey, not the lkey */
};

struct dx_date_lex;  /* dates.c */
struct dx_event_lex; /* events.c */

/* A gazetteer alias in the index: entry index, and whether the alias is a
 * surname derived from the label (weaker: may be shared by two people). */
#define DX_GAZ_SURNAME 0x80000000u
/* gaz_any: the sequence is an alias (in gaz_index) / a proper prefix of one */
#define DX_GAZ_IS_ALIAS 1u
#define DX_GAZ_IS_PREFIX 2u

struct dx_lexicon {
    char *dir;
    DX_VEC(dx_gaz_entry) gaz;
    dx_u64map *gaz_index;  /* hash of the folded token sequence -> entry | DX_GAZ_SURNAME */
    size_t gaz_maxtoks;    /* longest alias in tokens */
    dx_u64map *gaz_any;    /* keys of every alias and every proper prefix of one (stop
                            * early) -> DX_GAZ_IS_* bits (single payload) */
    dx_u64map *words;      /* lkey -> class bits (single payload) */
    dx_u64map *tok_lex;    /* lkey or fkey -> DX_L_* bits (single payload), see dx_token_lex */
    struct dx_date_lex *dates;
    struct dx_event_lex *events;
};

/* The key of a token sequence, as used by gaz_index: built from the fkey of
 * every token, so "V. I. Lenin" and "V.I. Lenin" meet. */
static inline uint64_t dx_seq_key_start(void) { return 0x84222325cbf29ce4ULL; }
static inline uint64_t dx_seq_key_add(uint64_t h, uint64_t tok_fkey) { return dx_hash_combine(h, tok_fkey); }

/* dx_hash of dx_fold_name_lower(low, n): the fkey of a capitalised word
 * (scratch is used for long words only). */
uint64_t dx_name_key_lower(const char *low, size_t n, dx_buf *scratch);

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

/* Word class bits of a token (0 if none). */
uint32_t dx_word_class(const dx_lexicon *lex, uint64_t lkey);

/* The DX_L_* bits of a token with these keys (fkey == lkey for most): those
 * of the lkey, with DX_L_OF_FKEY taken from the fkey's. */
uint32_t dx_token_lex(const dx_lexicon *lex, uint64_t lkey, uint64_t fkey);
/* The DX_L_* bits recorded for one key. */
uint32_t dx_lex_bits(const dx_lexicon *lex, uint64_t key);
/* Adds bits to key in lex->tok_lex (for the stages' loaders). */
void dx_lex_mark(dx_lexicon *lex, uint64_t key, uint32_t bits);

/* Tokenise a short string (an alias) the way documents are tokenised:
 * fills keys with the fkey of each token; returns the token count (at most max). */
size_t dx_tokenize_keys(const char *s, size_t n, uint64_t *keys, size_t max);

/* Per-stage loaders (called by dossier_lexicon_load). */
int dx_date_lex_load(const char *dir, struct dx_date_lex **out, dossier_error *err);
void dx_date_lex_free(struct dx_date_lex *d);
int dx_event_lex_load(const char *dir, struct dx_event_lex **out, dossier_error *err);
void dx_event_lex_free(struct dx_event_lex *e);
/* Mark the first tokens of their data in lex->tok_lex (DX_L_DATE; DX_L_TRIG,
 * DX_L_CUE, DX_L_PRON). */
void dx_date_lex_mark(dx_lexicon *lex);
void dx_event_lex_mark(dx_lexicon *lex);

#endif

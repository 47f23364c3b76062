/* lexicon.h - the data loaded from entities/ (lexicon_load.c): gazetteers,
 * word classes, and each stage's own data (dates.c's and events.c's, which
 * own their loaders), and what the lexicon knows of a token (lexicon.c). */
#ifndef DOSSIER_LEXICON_H
#define DOSSIER_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/mem.h"
#include "base/vec.h"
#include "extract/doc.h"
#include "model/types.h"

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
    DX_W_KIN = 1 << 13,      /* "wife", "son", "cousin": a name right after one is a relative */
    DX_W_FEMALE = 1 << 14,   /* "Mrs", "Madame"; a woman's given name (given-names.tsv F) */
    DX_W_MALE = 1 << 15,     /* a man's given name (given-names.tsv M) */
    DX_W_PLACEOF = 1 << 16,  /* "city", "county": "the city of X" names a place X */
    DX_W_LOWPLACE = 1 << 17, /* "county", "street": "Wayne county" is a place, lowercase head and all */
    DX_W_LOWORG = 1 << 18,   /* "college", "party": "Hamilton college" is an organisation */
    DX_W_NOBLE = 1 << 19,    /* "Duke", "Count": "the Duke of Orleans" names a person, title and all */
    DX_W_BUILDING = 1 << 23, /* "Church", "Club": "in the X Church" is where it happened, a place */
    DX_W_PLACEPRE = 1 << 22, /* "Fort", "Lake", "Cape": heads a place's name from its front */
    DX_W_LOWBOARD = 1 << 21, /* "board", "bureau": "the county board of health" is an organisation */
    DX_W_VESSEL = 1 << 20,   /* "ship", "schooner": the name after one is a vessel's, no person's or place's */
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
/* the lkey is a word the dates scan stops at: a date word that may start or
 * lead in a date, "the", "that" (dx_date_todo; a define: an enum is an int) */
#define DX_L_DATE_GO 0x80000000u

/* One gazetteer entity. */
typedef struct dx_gaz_entry {
    char *id;     /* "person:nikolai-bukharin" */
    char *label;  /* canonical label */
    dx_ent_type type;
    /* dx_ent_id_hash of the id, and the lengths of id and label, set at
     * load: a document's entity table (doc.c) keys an entry by its id
     * without reading the strings, which are out of the cache by then */
    uint32_t id_hash;
    char *aliases; /* as written in the file, '|' separated */
    char *start, *end; /* life/existence dates, may be "" */
    char *roles;
    uint16_t id_len, label_len; /* (at most DX_LABEL_MAX: the loader's bound) */
    /* the bytes from id to the NUL of roles when the six strings lie one
     * after the other in gaz_strs, as the arena hands them out (most: a
     * document's result copies them at once, collect.c), else 0 */
    uint32_t strs_len;
} dx_gaz_entry;

/* Sets the lengths and the hash above of entry e, whose id is idlen bytes
 * and whose label, aliases, start, end and roles are len[1], len[3] to
 * len[6] bytes (lexicon_load.c's gaz_row). */
static inline void dx_gaz_entry_measure(dx_gaz_entry *e, size_t idlen, const size_t *len)
{
    e->id_len = (uint16_t)idlen;
    e->label_len = (uint16_t)len[1];
    e->id_hash = dx_ent_id_hash(e->id, idlen);
    /* where dx_arena_strndup puts the string after one of n bytes: its
     * NUL, rounded up to 8 bytes (equal pointers are all this tests: an
     * arena laid out otherwise, or a new block, gives 0, and the result
     * copies the strings one by one) */
#define DX_GAZ_NEXT(s, n) ((s) + (((n) + 8) & ~(size_t)7))
    int together = e->label == DX_GAZ_NEXT(e->id, idlen) && e->aliases == DX_GAZ_NEXT(e->label, len[1]) &&
                   e->start == DX_GAZ_NEXT(e->aliases, len[3]) && e->end == DX_GAZ_NEXT(e->start, len[4]) &&
                   e->roles == DX_GAZ_NEXT(e->end, len[5]);
#undef DX_GAZ_NEXT
    e->strs_len = together ? (uint32_t)(e->roles + len[6] + 1 - e->id) : 0;
}

struct dx_date_lex;  /* dates.c */
struct dx_event_lex; /* events.c */

/* A gazetteer alias in the index: entry index, and whether the alias is a
 * surname derived from the label (weaker: may be shared by two people). */
#define DX_GAZ_SURNAME 0x80000000u
/* ... and whether the alias is the entry's label (mentions.csv: link "gazetteer", else "alias") */
#define DX_GAZ_LABEL 0x40000000u
#define DX_GAZ_ENTRY 0x3fffffffu /* the entry index bits of a payload */
/* dx_lexicon.gaz_flags */
#define DX_GF_MALE 1u
#define DX_GF_CONTAINER 2u
/* gaz_any: the sequence is an alias (in gaz_index) / a proper prefix of one */
#define DX_GAZ_IS_ALIAS 1u
#define DX_GAZ_IS_PREFIX 2u

/* ocr_fuzzy (recognize.c) asks the lexicon, for each spelling of an unknown
 * capitalised word with one letter dropped, whether it is a one-word alias
 * (tok_lex) and whether it is in ocr_index; nearly all are neither, and
 * each such miss read a line of one of those big maps' filters, out of the
 * cache (the spellings are new words). Two small tables answer most of
 * them (set at load: lexicon_load.c's index_alias and index_ocr):
 * - 2^DX_OCR_ONE_BITS bits (4 KB), a bit per hash of each one-word alias's
 *   fkey (some five thousand);
 * - 2^DX_OCR_DROP_BITS bits (4 KB), a bit per shape of each spelling in
 *   ocr_index: its length, first letter and last two (dx_ocr_shape). The
 *   spellings indexed for an alias (a letter dropped, never the first nor
 *   the last two) share one shape, and so do those ocr_fuzzy tries for a
 *   word: one test answers them all (some 3,500 shapes). */
#define DX_OCR_ONE_BITS 15
#define DX_OCR_DROP_BITS 15
#define DX_OCR_ONE_WORDS (((size_t)1 << DX_OCR_ONE_BITS) / 64)
#define DX_OCR_DROP_WORDS (((size_t)1 << DX_OCR_DROP_BITS) / 64)

struct dx_lexicon {
    char *dir;
    uint64_t serial;       /* this lexicon among those loaded (dx_lex_cache) */
    DX_VEC(dx_gaz_entry) gaz;
    dx_arena gaz_strs;     /* the entries' strings (freed at once with the lexicon) */
    dx_u64map *gaz_index;  /* hash of the folded token sequence -> entry | DX_GAZ_SURNAME */
    size_t gaz_maxtoks;    /* longest alias in tokens */
    dx_u64map *gaz_any;    /* keys of every alias and every proper prefix of one (stop
                            * early) -> DX_GAZ_IS_* bits (single payload) */
    uint64_t *gaz_pairs;   /* a bit per DX_GAZ_PAIR_BITS-bit hash of the key of every alias's
                            * first two tokens (dx_gaz_pair_may): most token pairs an alias
                            * could start with ("the trial") start none, and this answers them
                            * from a small table before gaz_any's hashing and probing; then
                            * the bits of dx_gaz_lower_may, for organisations' aliases alone */
    dx_u64map *words;      /* lkey -> class bits (single payload) */
    dx_u64map *tok_lex;    /* lkey or fkey -> DX_L_* bits (single payload), see dx_token_lex */
    dx_u64map *ev_first;   /* lkey with DX_L_TRIG or DX_L_CUE -> its dx_token.evfirst, 1 to
                            * DX_EV_FIRST_MAX (set by the event finder's loader; a key beyond
                            * has none) */
    dx_u64map *family;     /* lkey of a family name written before the given name ("Liu",
                            * "Kim", "Nagy": family-names.tsv, optional) -> 1 */
    /* People: what a mention's given name or initial must agree with to link to an entry
     * (dx_gaz_given_ok), and whether the entry is a man (dx_gaz_male). */
    dx_u64map *gaz_parts;  /* dx_gaz_part_key of each given name and patronymic of a person's
                            * label and aliases, dx_gaz_spelling_key of each surname -> 1 */
    DX_VEC(uint32_t) gaz_initials; /* per entry: bit c - 'a' for each initial it can be named by */
    DX_VEC(uint8_t) gaz_flags;     /* per entry: DX_GF_* */
    /* OCR: each one-word alias of six letters or more, by every spelling with one
     * letter dropped (not the first, not the last two): "Bristol" is under
     * "bistol", "brstol"... (dx_ocr_repair) */
    dx_u64map *ocr_index;          /* hash of a spelling with a letter dropped -> index in ocr_keys */
    DX_VEC(uint64_t) ocr_keys;     /* the aliases' fkeys */
    dx_u64map *ocr_seen;           /* fkey -> index in ocr_keys (each alias once) */
    /* ocr_fuzzy's filters (dx_ocr_one_may, dx_ocr_drop_may): a bit per hash of
     * each one-word alias's fkey, then per shape of ocr_index's spellings */
    uint64_t ocr_filter[DX_OCR_ONE_WORDS + DX_OCR_DROP_WORDS];
    struct dx_date_lex *dates;
    struct dx_event_lex *events;
};

/* The key of a token sequence, as used by gaz_index: built from the fkey of
 * every token, so "V. I. Lenin" and "V.I. Lenin" meet. */
static inline uint64_t dx_seq_key_start(void) { return 0x84222325cbf29ce4ULL; }
static inline uint64_t dx_seq_key_add(uint64_t h, uint64_t tok_fkey) { return dx_hash_combine(h, tok_fkey); }

/* gaz_pairs: 2^18 bits (32 KB; some ten thousand pairs set a few percent of them) */
#define DX_GAZ_PAIR_BITS 18
static inline size_t dx_gaz_pair_bit(uint64_t h2) { return (size_t)(h2 >> (64 - DX_GAZ_PAIR_BITS)); }
/* May the two-token sequence key h2 (dx_seq_key_add twice) start an alias
 * (be a key of gaz_any)? 0: certainly not. */
static inline int dx_gaz_pair_may(const dx_lexicon *lex, uint64_t h2)
{
    size_t b = dx_gaz_pair_bit(h2);
    return (int)((lex->gaz_pairs[b >> 6] >> (b & 63)) & 1);
}

/* May fkey be a one-word alias's (DX_L_GAZ_ONE in tok_lex)? 0: certainly not.
 * (Keys are FNV hashes, whose top bits are the best mixed.) */
static inline int dx_ocr_one_may(const dx_lexicon *lex, uint64_t fkey)
{
    size_t b = (size_t)(fkey >> (64 - DX_OCR_ONE_BITS));
    return (int)((lex->ocr_filter[b >> 6] >> (b & 63)) & 1);
}
/* The bit in ocr_filter's second table of the shape of a spelling: its
 * length n, its first letter a and its last two, y and z. */
static inline size_t dx_ocr_shape(size_t n, unsigned char a, unsigned char y, unsigned char z)
{
    uint64_t k = ((uint64_t)n << 24 | (uint64_t)a << 16 | (uint64_t)y << 8 | z) * 0x9e3779b97f4a7c15ULL;
    return (size_t)(k >> (64 - DX_OCR_DROP_BITS));
}
/* May a spelling of this shape (dx_ocr_shape) be a key of ocr_index? 0:
 * certainly not. */
static inline int dx_ocr_drop_may(const dx_lexicon *lex, size_t shape)
{
    return (int)((lex->ocr_filter[DX_OCR_ONE_WORDS + (shape >> 6)] >> (shape & 63)) & 1);
}

/* A lowercase word starts a gazetteer name only as the first word of an
 * organisation's name of several words (recognize.c's case rule: "the
 * communist party"). Most alias starts the gazetteer pass visits are
 * lowercase ("the", "a" before a word some alias holds), and
 * dx_gaz_pair_may's table (32 KB, the whole first-level cache) answered
 * each from a line out of the cache. These bits, 2^DX_GAZ_LOWER_BITS (4 KB)
 * after dx_gaz_pair_may's in gaz_pairs, are set for the first two tokens of
 * every organisation's alias of two tokens or more (a pair set here is set
 * there too). */
#define DX_GAZ_LOWER_BITS 15
#define DX_GAZ_PAIR_WORDS (((size_t)1 << DX_GAZ_PAIR_BITS) / 64)
#define DX_GAZ_LOWER_WORDS (((size_t)1 << DX_GAZ_LOWER_BITS) / 64)
static inline size_t dx_gaz_lower_bit(uint64_t h2) { return (size_t)(h2 >> (64 - DX_GAZ_LOWER_BITS)); }
/* May a lowercase word start a name with this pair key (dx_seq_key of its
 * first two tokens)? 0: certainly not. */
static inline int dx_gaz_lower_may(const dx_lexicon *lex, uint64_t h2)
{
    size_t b = dx_gaz_lower_bit(h2);
    return (int)((lex->gaz_pairs[DX_GAZ_PAIR_WORDS + (b >> 6)] >> (b & 63)) & 1);
}

/* The gazetteer pass's answer for an alias key (recognize.c's choose:
 * the payload it takes, and whether any payload is a surname), memoised
 * (names repeat): a hit reads no line of gaz_index, most of them out of the
 * cache. 16 bytes; n1 0 is an empty slot (the cache starts zeroed). */
typedef struct {
    uint64_t key;
    uint32_t choice;          /* choose's payload */
    uint32_t n1 : 31;         /* the number of payloads + 1 */
    uint32_t any_surname : 1; /* one of them is a surname (a one-word alias "Kamenev" is one too) */
} dx_gaz_memo;

/* The keys of lex->gaz_parts: a given name of entry e, the spelling of its surname. */
static inline uint64_t dx_gaz_part_key(uint32_t e, uint64_t given_key) { return dx_hash_combine(e + 1, given_key); }
static inline uint64_t dx_gaz_spelling_key(uint32_t e, uint64_t lkey)
{
    return dx_hash_combine(0x100000000ULL + e, lkey);
}

/* The key a given name is compared by: its name fold, with c/k and a final i/y joined
 * ("Nicolai" meets "Nikolay"). */
uint64_t dx_given_key(const char *s, size_t n);
/* May a person named with this given name (its dx_given_key) be gazetteer entry e? */
int dx_gaz_given_ok(const dx_lexicon *lex, uint32_t e, uint64_t given_key);
/* ... with this initial (a folded ASCII letter; other initials are never a contradiction)? */
int dx_gaz_initial_ok(const dx_lexicon *lex, uint32_t e, unsigned char initial);
/* Is lkey (a lowercase-folded word) the spelling of a surname of person entry e? */
int dx_gaz_surname_spelled(const dx_lexicon *lex, uint32_t e, uint64_t lkey);
/* Is gazetteer entry e a man (by the given name of its label)? */
int dx_gaz_male(const dx_lexicon *lex, uint32_t e);
/* Is gazetteer entry e a place that holds towns (its roles say state, country,
 * province, territory or republic): "Dayton, Ohio" is one place, Dayton? */
int dx_gaz_container(const dx_lexicon *lex, uint32_t e);

/* Caches of lexicon lookups for the calling thread, kept from one document
 * to the next: a corpus uses few distinct words many times, and the maps
 * are too big to stay in the processor's cache (a cache per document made
 * each document miss them all again). Direct-mapped; all empty for a
 * lexicon other than the one before. */
#define DX_CACHE_BITS 8192 /* dx_token_lex of one key (segment.c) */
#define DX_CACHE_DATES 512 /* the date words of a key (dates.c) */
#define DX_CACHE_GAZ 1024  /* the aliases of a key; the longer aliases a sequence starts (recognize.c) */
/* The word memos (segment.c) keep their entries dense, in the order the
 * words were first seen, and find them through an index of 16-bit entry
 * numbers by hash (linear probing). A corpus's frequent words are seen
 * first, so they share the first cache lines, and the index is small: the
 * lines a document looks up stay in the caches while its tokens stream
 * through them (as one table of entries by hash, 1.3 MB, the token array
 * pushed the lines of mid-frequency words out of L2 within a document).
 * Full, a memo starts over (the words seen again come back first). */
#define DX_CACHE_WORDS_BITS 15      /* index of ASCII words of up to 8 bytes (segment.c): 64 KB */
#define DX_CACHE_WORDS_MAX (1u << 14) /* their entries (at most half the index's slots: short probes) */
#define DX_CACHE_LONG_WORDS_BITS 13 /* of 9 to 15 bytes: 16 KB */
#define DX_CACHE_LONG_WORDS_MAX (1u << 12)
typedef struct {
    uint64_t key;
    uint32_t bits;
    uint16_t used;
    uint16_t evfirst; /* dx_lex_ev_first of the key */
} dx_bits_memo;
/* The most keys that a trigger or a cue starts with that dx_token.evfirst
 * numbers (the word memo's room, below); the finder hashes the others. */
#define DX_EV_FIRST_MAX 0x1fffu
/* What the tokenizer computes for an ASCII word (segment.c says when it
 * may be taken from the memo). */
typedef struct {
    uint64_t lkey, fkey;
    uint32_t lex;
    /* packed, to keep an entry of the memo at 32 bytes: the flags (DX_TK_WORD,
     * CAP, NUM, UPPER, DIGIT: bits 0-8), the lists of the sentence walk it is
     * in (segment.c; bits 9-18) and its dx_token.evfirst (bits 19-31) */
    uint32_t fme;
} dx_word_keys;
#define DX_WK_FLAGS 0x1ffu
#define DX_WK_MARKS_SHIFT 9
#define DX_WK_MARKS 0x3ffu
#define DX_WK_EV_SHIFT 19
typedef struct {
    uint64_t word; /* the bytes, zero-padded (entry 0, no word's: 0) */
    dx_word_keys k;
} dx_word_memo;
typedef struct {
    uint64_t w0, w1; /* the first 8 bytes, the rest zero-padded (entry 0: w1 0) */
    dx_word_keys k;
} dx_long_word_memo;
/* The name fold of a capitalised ASCII word (segment.c): an entry holds
 * the word's place in the document of generation gen, whose text the
 * word is compared with, so a document starts with no entry valid
 * without a table cleared for each. */
#define DX_CACHE_NAMES 1024
typedef struct {
    uint64_t lkey, fkey;
    uint32_t start, len; /* the word it was computed for */
    uint32_t gen;        /* of the document it is in; the entry is empty in any other */
} dx_name_memo;
/* ocr_repair's memo of an ASCII word, by its lkey (recognize.c says what
 * it holds). */
#define DX_CACHE_OCR 1024
typedef struct {
    uint64_t lkey;
    uint64_t conf_key, fuzzy_key;
    uint8_t used, shape, conf, fuzzy; /* used 0: an empty slot */
} dx_ocr_memo;
/* A date word's mask (dates.c). */
typedef struct {
    uint64_t key, mask;
    int used;
} dx_date_mask;
/* Marks per gazetteer entry for the document at hand (recognize.c: named
 * in full; resolve.c: its entity): an entry is marked when its gen is the
 * document's, so a document starts with none marked (dx_gaz_marks_begin)
 * without a table as long as the gazetteer cleared for each. */
typedef struct {
    uint32_t gen;
    int32_t val;
} dx_gaz_mark;
typedef struct {
    dx_gaz_mark *items; /* heap, len entries */
    size_t len;
    uint32_t gen;       /* the document's */
} dx_gaz_marks;
/* Starts a document: room for n entries, none of them marked; returns the
 * generation that marks an entry in this document. */
uint32_t dx_gaz_marks_begin(dx_gaz_marks *m, size_t n);

typedef struct {
    uint64_t serial; /* of the lexicon they are for */
    dx_bits_memo bits[DX_CACHE_BITS];
    /* bits' entries of the ASCII punctuation tokens by their byte (segment.c):
     * in bits, a comma's and a period's lines lay apart among the 128 KB */
    dx_bits_memo ascii_punct[128];
    /* the word memos (segment.c): index slots hold entry numbers, 0 an
     * empty slot; entry 0 is no word's, so an empty slot's entry is a miss */
    uint16_t word_index[1 << DX_CACHE_WORDS_BITS];
    uint16_t long_word_index[1 << DX_CACHE_LONG_WORDS_BITS];
    uint32_t nwords, nlong_words; /* entries in use, entry 0 included */
    dx_word_memo words[DX_CACHE_WORDS_MAX];
    /* (room for segment.c to start words at a cache line: the heap gives
     * 16 bytes' alignment, and an entry across two lines was two misses) */
    unsigned char words_pad[64];
    dx_long_word_memo long_words[DX_CACHE_LONG_WORDS_MAX];
    dx_u64memo dates[DX_CACHE_DATES];
    dx_gaz_memo gaz_one[DX_CACHE_GAZ];  /* choose's answer for a key of gaz_index (recognize.c) */
    dx_u64memo1 gaz_seq[DX_CACHE_GAZ]; /* gaz_any of a sequence key (recognize.c) */
    dx_name_memo names[DX_CACHE_NAMES];       /* segment.c */
    uint32_t names_gen;                       /* the document's, for names */
    dx_ocr_memo ocr[DX_CACHE_OCR];            /* recognize.c */
    dx_date_mask date_masks[DX_CACHE_DATES];  /* dates.c */
    dx_gaz_marks seen_full, gaz_ent;          /* recognize.c, resolve.c */
} dx_lex_cache;
/* The calling thread's caches, for lex (freed when the thread ends, or by
 * dossier_lexicon_free in the thread that frees lex). */
dx_lex_cache *dx_lex_cache_get(const dx_lexicon *lex);
void dx_lex_cache_drop(const dx_lexicon *lex);
/* Word class bits of a token (0 if none). */
uint32_t dx_word_class(const dx_lexicon *lex, uint64_t lkey);
/* Is lkey a family name written before the given name (family-names.tsv)? */
int dx_family_first(const dx_lexicon *lex, uint64_t lkey);

/* The DX_L_* bits of a token with these keys (fkey == lkey for most): those
 * of the lkey, with DX_L_OF_FKEY taken from the fkey's. */
uint32_t dx_token_lex(const dx_lexicon *lex, uint64_t lkey, uint64_t fkey);
/* The DX_L_* bits recorded for one key. */
uint32_t dx_lex_bits(const dx_lexicon *lex, uint64_t key);
/* The dx_token.evfirst of a token with this lkey and these DX_L_* bits. */
uint32_t dx_lex_ev_first(const dx_lexicon *lex, uint64_t lkey, uint32_t bits);
/* dx_lex_bits (and dx_lex_ev_first) through the thread's cache. */
static inline const dx_bits_memo *dx_lex_bits_cached(dx_lex_cache *c, const dx_lexicon *lex, uint64_t key)
{
    dx_bits_memo *e = &c->bits[(key ^ (key >> 29)) & (DX_CACHE_BITS - 1)];
    if (!e->used || e->key != key) {
        e->key = key;
        e->bits = dx_lex_bits(lex, key);
        e->evfirst = (uint16_t)dx_lex_ev_first(lex, key, e->bits);
        e->used = 1;
    }
    return e;
}
/* Adds bits to key in lex->tok_lex (for the stages' loaders). */
void dx_lex_mark(dx_lexicon *lex, uint64_t key, uint32_t bits);

#endif

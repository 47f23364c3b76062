/* doc.h - one document as the extraction stages see it: its text, tokens,
 * sentences, speaker turns, mentions, per-document entities and events.
 * Owned by one thread from reading to its result. */
#ifndef DOSSIER_EXTRACT_DOC_H
#define DOSSIER_EXTRACT_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/mem.h"
#include "base/vec.h"
#include "model/docmeta.h"
#include "model/types.h"

struct dx_gaz_entry;
typedef struct dx_lexicon dx_lexicon;

enum {
    DX_TK_WORD = 1 << 0,   /* letters/digits */
    DX_TK_NUM = 1 << 1,    /* digits only */
    DX_TK_CAP = 1 << 2,    /* starts with an uppercase letter */
    DX_TK_UPPER = 1 << 3,  /* all letters uppercase, at least two letters */
    DX_TK_PUNCT = 1 << 4,  /* one non-word, non-space code point */
    DX_TK_NL = 1 << 5,     /* a newline precedes it (after the previous token) */
    DX_TK_PARA = 1 << 6,   /* a blank line precedes it */
    DX_TK_SENT = 1 << 7,   /* first token of a sentence */
    DX_TK_DIGIT = 1 << 8,  /* a word whose first byte is an ASCII digit ("1917", "4th") */
};

typedef struct {
    uint32_t start, end; /* byte offsets into dx_doc.text */
    uint16_t flags;      /* DX_TK_* */
    /* the index of the lkey among the keys an event trigger or a modality
     * cue starts with (dx_lexicon.ev_first), from 1: looked up once per
     * distinct word, so that the event finder goes straight to the patterns
     * of the word; 0: none, or not known (the finder hashes the key) */
    uint16_t evfirst;
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


typedef struct {
    uint32_t start, end;
    dx_ent_type type;
    int32_t ent;          /* index into dx_doc.ents (PERSON/ORG/PLACE), else -1 */
    char value[48];       /* DATE: EDTF value, "" when unresolved */
    dx_date_mod mod;
    uint8_t from_gazetteer;
    const char *dct;      /* DATE: the document date it was read against (doc->arena), or NULL */
    const char *calendar; /* DATE: the date as the text wrote it in another calendar, or NULL */
    uint8_t link;         /* dx_link */
    uint32_t label_start; /* a new entity's label is the text from here to end (start,
                           * or a title before it: "Mrs. Kirov" is not Kirov) */
} dx_mention;

/* A per-document entity: the thing mentions link to before the global merge. */
typedef struct {
    dx_ent_type type;
    uint32_t label_len;      /* strlen(label), strlen(key): the result copies */
    const struct dx_gaz_entry *gaz; /* NULL for entities recognised by shape */
    const char *label;       /* canonical label: arena, or a gazetteer entry's (the
                              * lexicon outlives the documents it reads) */
    const char *key;         /* merge key (type + folded label): arena, or the entry's id */
    uint32_t count;
    uint32_t first_sent;
    uint32_t key_len;
    uint32_t first_start;    /* resolve: the start of the mention that gave first_sent */
    uint8_t likely;          /* a new entity: how likely its first name is a name, 0-100
                              * (dossier candidates lists the likeliest first) */
} dx_doc_ent;



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
    dx_date_basis date_basis;
} dx_event;

typedef struct {
    char *path;       /* as given on the command line / found in the walk */
    char *text;       /* the plain text offsets refer to; NUL-terminated */
    size_t len;
    dx_arena arena;
    DX_VEC(dx_token) toks;
    DX_VEC(dx_sentence) sents;
    DX_VEC(dx_turn) turns;
    DX_VEC(dx_mention) ments;  /* sorted by start after recognition */
    /* per mention of the names stage, its first token (the names stage
     * knows it; resolve, next, reads it instead of searching the tokens) */
    DX_VEC(uint32_t) ment_tok;
    /* Token indexes, in order, that the segmenter lists in its walk over
     * every token for the stages after it, so that they walk these instead
     * of all the tokens again; each stage takes its own (and frees them). */
    DX_VEC(uint32_t) caps;       /* names: the capitalised words (DX_TK_WORD and DX_TK_CAP) */
    DX_VEC(uint32_t) gaz_starts; /* names: the tokens with DX_L_GAZ (an alias may start there) */
    DX_VEC(uint32_t) boards;     /* names: the words of class DX_W_LOWBOARD */
    DX_VEC(uint32_t) lines;      /* names: per line, two numbers: its first token (one with
                                  * DX_TK_NL), and its words in capitals or capitalised */
    DX_VEC(uint32_t) date_words; /* dates: the tokens with DX_L_DATE */
    DX_VEC(uint32_t) date_todo;  /* dates: the tokens its scan looks at (see dx_date_todo) */
    DX_VEC(dx_doc_ent) ents;
    DX_VEC(dx_event) events;
    /* the entities by their key: slots of (hash << 32 | index + 1), 0 empty,
     * open addressing (made when first asked) */
    uint64_t *ent_slots;
    size_t ent_mask;           /* slots - 1 */
    dx_buf scratch;            /* dx_doc_ent_get's key, reused (no malloc per mention) */
    char *warning;             /* heap; set when the reader repaired the input */
    /* dct_from: where the date given to the dates stage came from ("--dct",
     * "metadata"...; static). dct_note: the dates stage's, the document
     * dates it read the text against, in order ("1998-08-14 (--dct);
     * 1998-08-13 (dateline)"; arena) or NULL. The document's own date is
     * meta.date. */
    const char *dct_from;
    char *dct_note;
    dx_docmeta meta;           /* what the document says about itself (model/docmeta.h) */
    DX_VEC(uint32_t) page_starts; /* paged formats: where page k+1's text starts */
    dx_doc_status status;      /* a failed read: skipped or failed (model/docmeta.h) */
    int strict;                /* set before reading: a document the reader had to
                                * repair by guessing (not well-formed XML) is an error */
} dx_doc;

/* The entity table's hash of an id, 8 bytes at a time (FNV over each
 * byte cost more than the rest of a lookup; no one else sees this hash):
 * here, as the lexicon's loader takes it of each gazetteer id once. */
static inline uint32_t dx_ent_id_hash(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    for (w = 0; i < n; i++) w = w << 8 | (unsigned char)s[i];
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return (uint32_t)(h >> 32);
}

void dx_doc_init(dx_doc *doc);
void dx_doc_fini(dx_doc *doc);
int32_t dx_doc_ent_get(dx_doc *doc, dx_ent_type type, const char *label,
                       const struct dx_gaz_entry *gaz);
int dx_mention_cmp(const void *a, const void *b);
/* Sorts mentions by dx_mention_cmp, stably (the order glibc's qsort, a merge
 * sort, gave them): the stages make a few sorted runs, which are only checked. */
void dx_mention_sort(dx_mention *m, size_t n);
/* Index of the token containing byte offset off (or the last token before it). */
size_t dx_tok_index(const dx_doc *doc, uint32_t off);

#endif

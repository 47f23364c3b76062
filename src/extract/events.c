/* events.c - alleged events: triggers and cues from entities/, roles from a
 * fast clause analysis of our own (voice, subjects shared by coordinated
 * verbs, relative clauses, appositions, objects, of- and by-phrases,
 * possessors, governing verbs, enumerations, "they" and "this trial" and
 * "did so" back to what the text set up), modality and source from cues
 * scoped to their clause, quotes and transcript turns, and dates with where
 * they come from (stated in the clause, elsewhere in the sentence, or
 * inherited from the narrative).
 *
 * Headings: a title line (a line of its own without a sentence's final
 * punctuation) states nothing: it yields no event, and the date of the
 * narrative is not inherited across it. The events it names are those of
 * the text below it. */
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/utf8.h"
#include "extract/dates.h"
#include "extract/events.h"
#include "extract/lexicon.h"
#include "extract/stages.h"
#include "model/edtf.h"

/* ---------------------------------------------------------------- lexicon */

#define PAT_MAX 8

enum { POS_VERB = 1, POS_NOUN, POS_EITHER, POS_PASSIVE, POS_NODET };
enum { FR_TR = 1, FR_TRA, FR_IN, FR_AG, FR_SP, FR_PO, FR_SU };
enum { ND_NONE = 0, ND_CLAIM, ND_ACTOR, ND_PERSON, ND_OFFICE, ND_ORG, ND_NAMED, ND_PLACE, ND_PENALTY, ND_DONE };

enum {
    K_REPORT = 1u << 0,
    K_ACCORDING = 1u << 1,
    K_ALLEGED = 1u << 2,
    K_CHARGE = 1u << 3,
    K_CONFESS = 1u << 4,
    K_DENY = 1u << 5,
    K_FRAME = 1u << 6,
    K_NEGATE = 1u << 7,
    K_HYPO = 1u << 8,
    K_NEUTRAL = 1u << 9,
    K_BE = 1u << 10,
    K_DET = 1u << 11,
    K_LIST = 1u << 12,
    K_REL = 1u << 13,
    K_BARRIER = 1u << 14,
    K_BY = 1u << 15,
    K_OF = 1u << 16,
    K_ALLEGEDLY = 1u << 17,
    K_AUX = 1u << 18,
    K_ADV = 1u << 19,
    K_PREP = 1u << 20,
    K_VERB = 1u << 21,
    K_GOVERN = 1u << 22,
    K_ORDERS = 1u << 23,
    K_OFFICE = 1u << 24,
    K_COUNT = 1u << 25,
    K_COERCE = 1u << 26,
    K_SUCCESS = 1u << 27,
    K_HABIT = 1u << 28,
    K_END = 1u << 29,
    K_AMONG = 1u << 30,
};
#define K_DESC (1u << 31) /* those, latter, group: the subkind is in the cue's `desc` */
#define K_SCOPE (K_REPORT | K_ACCORDING | K_CHARGE | K_CONFESS | K_DENY)

enum { DESC_THOSE = 1, DESC_LATTER, DESC_GROUP, DESC_ATTEMPT, DESC_HEAD, DESC_ITER, DESC_INSTRUCT, DESC_INSTRUCTION };
#define IS_DESCRIPTION(d) ((d) == DESC_LATTER || (d) == DESC_GROUP)

static const struct {
    const char *name;
    uint32_t bit;
    uint8_t desc;
} cue_kinds[] = {
    {"report", K_REPORT, 0},     {"according", K_ACCORDING, 0}, {"alleged", K_ALLEGED, 0},
    {"charge", K_CHARGE, 0},     {"confess", K_CONFESS, 0},     {"deny", K_DENY, 0},
    {"frame", K_FRAME, 0},       {"negate", K_NEGATE, 0},       {"hypo", K_HYPO, 0},
    {"neutral", K_NEUTRAL, 0},   {"be", K_BE, 0},               {"det", K_DET, 0},
    {"list", K_LIST, 0},         {"rel", K_REL, 0},             {"barrier", K_BARRIER, 0},
    {"by", K_BY, 0},             {"of", K_OF, 0},               {"allegedly", K_ALLEGEDLY, 0},
    {"aux", K_AUX, 0},           {"adv", K_ADV, 0},             {"prep", K_PREP, 0},
    {"verb", K_VERB, 0},         {"govern", K_GOVERN, 0},       {"orders", K_ORDERS, 0},
    {"office", K_OFFICE, 0},     {"count", K_COUNT, 0},         {"coerce", K_COERCE, 0},
    {"success", K_SUCCESS, 0},   {"habit", K_HABIT, 0},         {"end", K_END, 0},
    {"among", K_AMONG, 0},       {"those", K_DESC, DESC_THOSE}, {"latter", K_DESC, DESC_LATTER},
    {"group", K_DESC, DESC_GROUP},       {"attempt", K_DESC, DESC_ATTEMPT},  {"head", K_DESC, DESC_HEAD},
    {"iterate", K_DESC, DESC_ITER},      {"instruct", K_DESC, DESC_INSTRUCT}, {"instruction", K_DESC, DESC_INSTRUCTION},
};

typedef struct {
    uint64_t k[PAT_MAX]; /* 0 = any one token */
    uint8_t n;
    uint8_t type, pos, frame, needs, desc;
    uint8_t attempted; /* charge holds "attempted assassination" (irrealis) */
    uint32_t kinds;
    char charge[40];
} pattern;

/* dx_ev_is_procedural and dx_ev_is_crime per type, as bits (ev_types_init):
 * asked several times per trigger, they were a call into types.c each */
static uint32_t ev_procedural_bits, ev_crime_bits;
static pthread_once_t ev_types_once = PTHREAD_ONCE_INIT;

static void ev_types_init(void)
{
    for (int t = 0; t < DX_EV__COUNT; t++) {
        if (dx_ev_is_procedural((dx_ev_type)t)) ev_procedural_bits |= 1u << t;
        if (dx_ev_is_crime((dx_ev_type)t)) ev_crime_bits |= 1u << t;
    }
}

static inline int is_procedural(int t)
{
    return (unsigned)t < DX_EV__COUNT && ((ev_procedural_bits >> t) & 1);
}

static inline int is_crime(int t)
{
    return (unsigned)t < DX_EV__COUNT && ((ev_crime_bits >> t) & 1);
}

/* The patterns that start with one key, split by their second key: "the",
 * "on", "to" start dozens of cues and a few triggers, nearly all of two or
 * more words, so most of them fail on the second word. Each list keeps the
 * patterns in the order of the key's list in `first` (the order decides
 * between matches of equal length). A first key's slot (below) holds what
 * a match needs first; its bucket, the distinct second keys. */
typedef struct {
    uint32_t keys, nkeys; /* in bkey/boff/bn: the distinct second keys, sorted */
} pat_bucket;

/* A first key and what a match needs of its bucket without going there: a
 * slot of an open-addressing table built at load (read only, shared by the
 * threads). Its bloom and its `any` list settle most tokens: a cue word
 * found here is one load, where a memo of the thread, the map's payload
 * and the bucket were three dependent ones (and the memo, of 512 slots,
 * missed often: the cue words are many and common). */
typedef struct {
    uint64_t key; /* 0: an empty slot (no pattern starts with a wildcard) */
    /* bit (k & 63) of each second key k of the bucket (0: none): most next
     * words are none of them ("the" before a word no pattern of "the" has
     * second), and one test tells so without the binary search */
    uint64_t bloom;
    uint32_t bucket;
    /* when the `any` patterns are all of one word: the first of them, which
     * is what a match of one pattern (a cue) finds where no second key
     * meets the next word; else -1 */
    int32_t one;
    uint32_t any, nany; /* in blist: the patterns of one word or with '*' second */
} pat_slot;

/* Per pattern, packed (a cue match reads only these, not the pattern). */
typedef struct {
    uint32_t kinds;
    /* what a cue's hit marks its tokens with in ctx.cover and ctx.desc
     * (0: leaves desc): an instruction marks no token ("told the accused
     * to": the description stays), only its hit says where it is. Made at
     * load, not per hit. */
    uint32_t mark;
    uint8_t len, desc, dmark;
    /* a cue's hit is kept in ctx.cues (cue_read): else only cover and desc
     * tell of it */
    uint8_t keep;
    uint32_t dbit; /* 1 << desc, for ctx.cue_descs */
    /* for match_cands: the pattern's second key (0: any word, or none) and
     * its type, so that a pattern of one or two words is matched from this
     * line alone, not from the pattern (~120 bytes, two or three lines,
     * mostly out of L1) (and 32 bytes: an index, not a product) */
    uint8_t type;
    uint64_t k1;
} pat_info;

/* The cue of one word a first key starts, if any: what match_keys finds
 * for a cue (max 1) where no second key of the slot meets the next word
 * (the bloom of the slot's second keys says so for most candidates) and
 * the slot's `any` patterns are all of one word: the first of them
 * (pat_slot.one). Read at every candidate of scan_cues, instead of the
 * slot and then the pattern's info (two loads, one after the other, often
 * out of L1); 16 bytes, and the entries of the common words (numbered
 * first, dx_event_lex_mark) share a few lines. */
enum { CUE_NONE, CUE_PLAIN, CUE_ONE, CUE_LONG };
struct cue_fast {
    uint64_t bloom; /* the slot's */
    uint32_t mark;  /* CUE_PLAIN: its kinds (no instruction is plain) */
    uint8_t dmark;  /* CUE_PLAIN: its desc */
    /* CUE_PLAIN: a hit of it is not kept, nor does its kind ask more of
     * scan_cues (K_CHARGE, K_SCOPE, K_NEUTRAL): "the", "and", "was", most
     * candidates; it marks its token and is counted, no more. CUE_ONE: the
     * others ("of", "not"), pattern `one`. CUE_LONG: the word starts only
     * cues of two words or more, none with '*' second: where the next word
     * is none of their second words (the bloom), no cue starts there.
     * CUE_NONE: match_keys decides. */
    uint8_t kind;
    uint16_t one;
};

typedef struct {
    DX_VEC(pattern) pats;
    dx_u64map *first; /* key of the first token -> pattern indexes */
    pat_info *info;
    DX_VEC(pat_bucket) buckets;
    pat_slot *slot; /* first key -> its bucket, see pat_slot */
    size_t smask;   /* slots - 1 */
    /* per dx_token.evfirst (dx_event_lex_mark numbers the first keys of
     * both sets), the slot of the key: a token carries the number, found
     * once per distinct word, and a candidate goes straight to its slot
     * without hashing its key (key 0: the key starts none of this set) */
    pat_slot *by_first;
    /* per distinct second key of a bucket: the key, and its list in blist
     * (the patterns of that second key and those of the bucket's `any`) */
    DX_VEC(uint64_t) bkey;
    DX_VEC(uint32_t) boff, bn;
    DX_VEC(uint32_t) blist;
} pattern_set;

enum { PR_HE, PR_SHE, PR_HIM, PR_HER, PR_HIS, PR_I, PR_ME, PR_MY, PR_WE, PR_US, PR_OUR,
       PR_YOU, PR_YOUR, PR_THEY, PR_THEM, PR_THEIR, PR__COUNT };
static const char *const pronoun_words[PR__COUNT] = {"he", "she", "him", "her", "his", "i", "me", "my",
                                                     "we", "us", "our", "you", "your", "they", "them",
                                                     "their"};

enum { REL_DIR_WORDS = 10 };
static const char *const rel_dir_words[REL_DIR_WORDS] = {"next", "following", "previous", "preceding", "same",
                                                         "later", "after", "afterwards", "earlier", "before"};

struct dx_event_lex {
    pattern_set trig, cue;
    uint64_t k_apos, k_rsquo, k_dash, k_ndash, k_mdash, k_ldquo, k_rdquo, k_quot, k_qmark, k_comma,
        k_and, k_or, k_to, k_s, k_the, k_a, k_an, k_of, k_that, k_whom, k_not, k_have, k_lsquo,
        k_period, k_excl, k_colon, k_semi, k_by, k_as, k_would, k_it, k_one, k_former, k_lparen, k_rparen, k_for, k_this, k_these, k_those, k_such, k_abroad, k_overseas, k_country, k_until, k_when, k_before, k_after, k_since, k_prior, k_against, k_from, k_dated, k_which, k_in, k_at, k_during, k_with, k_order;
    uint64_t pron[PR__COUNT];
    /* the keys of the words that give a relative date its direction
     * (parse_relative: "later", "before", "next", "same" ...) */
    uint64_t rel_dir[REL_DIR_WORDS];
    dx_u64map *gender; /* lowercase given name -> 1 male, 2 female (given-names.tsv) */
    dx_u64map *distinct; /* cues.tsv `distinct`: "another", "second": a new event, no back reference */
    dx_u64map *work; /* cues.tsv `work`: "book", "decree": a date after "of"/"from" is theirs */
    dx_u64map *srcnoun;  /* cues.tsv `source`: nouns that head a described source ("the court", "a dispatch") */
    dx_u64map *guilt;    /* cues.tsv `guilt`: "guilt", "innocence": denying X's guilt is X's denial */
    /* per dx_token.evfirst (trig_next_masks): the next tokens after which a
     * trigger may start at a token with that number, as bits (k & 63) of
     * their lkeys; all ones where the next token decides nothing */
    uint64_t *trig_next;
    /* per dx_token.evfirst (cue_fast_table): see cue_fast */
    struct cue_fast *cue_fast;
};

static uint64_t word_key(const char *s, size_t n, dx_buf *scratch)
{
    dx_fold_lower(s, n, scratch);
    return dx_hash(scratch->data, scratch->len);
}

/* snprintf(out, n, "%s", src) without the formatting machinery (it showed
 * in the profile: dates, sources and charges are copied per event). */
static void copy_str(char *out, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) len = n - 1;
    memcpy(out, src, len);
    out[len] = '\0';
}

/* One token key the way documents see it, with typographic variants folded
 * so that data files can be written in plain ASCII. */
static uint64_t norm_key(const struct dx_event_lex *ev, uint64_t k)
{
    if (k == ev->k_rsquo || k == ev->k_lsquo) return ev->k_apos;
    if (k == ev->k_ndash || k == ev->k_mdash) return ev->k_dash;
    return k;
}

/* The keys of a phrase from a data file, tokenised as documents are; '*'
 * alone is a wildcard (key 0). Returns max + 1 when it has more tokens. */
static size_t phrase_keys(const struct dx_event_lex *ev, const char *s, uint64_t *keys, size_t max,
                          dx_buf *scratch)
{
    uint32_t starts[PAT_MAX + 1], lens[PAT_MAX + 1];
    size_t n = dx_phrase_tokens(s, strlen(s), starts, lens, max);
    for (size_t t = 0; t < n && t < max; t++) {
        if (lens[t] == 1 && s[starts[t]] == '*')
            keys[t] = 0;
        else
            keys[t] = norm_key(ev, word_key(s + starts[t], lens[t], scratch));
    }
    return n;
}

static void set_init(pattern_set *ps)
{
    memset(ps, 0, sizeof(*ps));
    ps->first = dx_u64map_new();
}

static void set_fini(pattern_set *ps)
{
    DX_FREE(ps->pats);
    dx_u64map_free(ps->first);
    free(ps->info);
    free(ps->slot);
    free(ps->by_first);
    DX_FREE(ps->buckets);
    DX_FREE(ps->bkey);
    DX_FREE(ps->boff);
    DX_FREE(ps->bn);
    DX_FREE(ps->blist);
}

/* the second key of pattern i that a candidate must meet, or 0 (any) */
static uint64_t second_key(const pattern_set *ps, uint32_t i)
{
    const pattern *p = &ps->pats.items[i];
    return p->n > 1 ? p->k[1] : 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The slot of first key k: its own, or the empty one where it would be. */
static inline size_t pat_slot_of(const pattern_set *ps, uint64_t k)
{
    size_t i = (size_t)(k ^ (k >> 29)) & ps->smask;
    while (ps->slot[i].key && ps->slot[i].key != k) i = (i + 1) & ps->smask;
    return i;
}

/* The kinds and DESC_* that the readers of ctx.cues look for in its hits
 * (after_cue, orders_agent, instruction_before, local_cue, irrealis, framed,
 * the attributions, the scope of a claim, ...; each skips a hit of other
 * kinds, or stops at the first hit past a token, which a later kept hit is
 * as well). A cue of none of them ("the", "in", "also": half the hits) is
 * read only through ctx.cover and ctx.desc, and its hit is not stored
 * (any_cue and any_desc still count it). */
#define K_READ (K_SCOPE | K_BY | K_OF | K_ORDERS | K_NEGATE | K_ALLEGED | K_COERCE | K_SUCCESS | K_HYPO | K_FRAME | K_NEUTRAL)
static int cue_read(uint32_t kinds, uint8_t desc)
{
    return (kinds & K_READ) || desc == DESC_ATTEMPT || desc == DESC_ITER || desc == DESC_INSTRUCT ||
           desc == DESC_INSTRUCTION;
}

static void set_pack(pattern_set *ps)
{
    ps->info = xcalloc(ps->pats.len + 1, sizeof(*ps->info));
    for (size_t i = 0; i < ps->pats.len; i++) {
        const pattern *p = &ps->pats.items[i];
        int instr = p->desc == DESC_INSTRUCT || p->desc == DESC_INSTRUCTION;
        ps->info[i] = (pat_info){p->kinds, instr ? p->kinds & ~(uint32_t)K_DESC : p->kinds, p->n, p->desc,
                                 instr ? 0 : p->desc, (uint8_t)cue_read(p->kinds, p->desc), 1u << p->desc,
                                 p->type, p->n > 1 ? p->k[1] : 0};
    }
    /* a slot per first key, with its bucket (made in order of the keys'
     * first patterns), then laid out in the table */
    dx_u64map *seen = dx_u64map_new();
    DX_VEC(pat_slot) firsts = {0};
    DX_VEC(uint64_t) ks = {0};
    for (size_t i = 0; i < ps->pats.len; i++) {
        uint64_t k0 = ps->pats.items[i].k[0];
        if (dx_u64map_get(seen, k0, &(const uint32_t *){NULL})) continue;
        dx_u64map_add(seen, k0, 1);
        const uint32_t *cand;
        size_t nc = dx_u64map_get(ps->first, k0, &cand);
        pat_bucket b = {(uint32_t)ps->bkey.len, 0};
        pat_slot sl = {k0, 0, (uint32_t)ps->buckets.len, -1, (uint32_t)ps->blist.len, 0};
        ks.len = 0;
        int all_one = 1;
        for (size_t j = 0; j < nc; j++) {
            uint64_t k1 = second_key(ps, cand[j]);
            if (!k1) {
                DX_PUSH(ps->blist, cand[j]);
                if (!sl.nany) sl.one = (int32_t)cand[j];
                all_one &= ps->pats.items[cand[j]].n == 1;
                sl.nany++;
            } else {
                DX_PUSH(ks, k1);
                sl.bloom |= 1ull << (k1 & 63);
            }
        }
        if (!all_one) sl.one = -1;
        if (ks.len) qsort(ks.items, ks.len, sizeof(uint64_t), cmp_u64);
        for (size_t j = 0; j < ks.len; j++) {
            if (j && ks.items[j] == ks.items[j - 1]) continue;
            uint64_t k1 = ks.items[j];
            DX_PUSH(ps->bkey, k1);
            DX_PUSH(ps->boff, (uint32_t)ps->blist.len);
            uint32_t n = 0;
            for (size_t q = 0; q < nc; q++) {
                uint64_t kq = second_key(ps, cand[q]);
                if (kq && kq != k1) continue;
                DX_PUSH(ps->blist, cand[q]);
                n++;
            }
            DX_PUSH(ps->bn, n);
            b.nkeys++;
        }
        DX_PUSH(ps->buckets, b);
        DX_PUSH(firsts, sl);
    }
    DX_FREE(ks);
    dx_u64map_free(seen);
    /* an eighth full (triggers: 441 first keys in 4,096 slots; cues: 561 in
     * 8,192): a candidate's key is nearly always in the table, and at half
     * full the varying length of its probe (the loop's exit) mispredicted */
    size_t size = 16;
    while (size < 8 * firsts.len) size *= 2;
    ps->slot = xcalloc(size, sizeof(*ps->slot));
    ps->smask = size - 1;
    for (size_t i = 0; i < firsts.len; i++) ps->slot[pat_slot_of(ps, firsts.items[i].key)] = firsts.items[i];
    DX_FREE(firsts);
}

typedef struct {
    struct dx_event_lex *ev;
    dx_buf scratch;
} load_ctx;

static int add_pattern(load_ctx *lc, pattern_set *ps, pattern *p, const char *phrase, const char *file,
                       long line, dossier_error *err, int merge)
{
    size_t n = phrase_keys(lc->ev, phrase, p->k, PAT_MAX, &lc->scratch);
    if (n == 0 || n > PAT_MAX || p->k[0] == 0) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected a phrase of 1 to %d words in column 1, not starting with '*'", PAT_MAX);
        return DOSSIER_EDATA;
    }
    p->n = (uint8_t)n;
    if (merge) {
        /* a cue listed twice has the kinds of both lines */
        const uint32_t *cand;
        size_t nc = dx_u64map_get(ps->first, p->k[0], &cand);
        for (size_t i = 0; i < nc; i++) {
            pattern *o = &ps->pats.items[cand[i]];
            if (o->n == p->n && !memcmp(o->k, p->k, n * sizeof(uint64_t))) {
                o->kinds |= p->kinds;
                if (p->desc) o->desc = p->desc;
                return 0;
            }
        }
    }
    DX_PUSH(ps->pats, *p);
    dx_u64map_add(ps->first, p->k[0], (uint32_t)(ps->pats.len - 1));
    return 0;
}

static int trigger_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    load_ctx *lc = ud;
    pattern p;
    memset(&p, 0, sizeof(p));
    dx_ev_type t = dx_ev_type_parse(f[1]);
    if (!strcmp(f[1], "*")) {
        /* "did so": the act told before, now done (its type is that act's) */
        p.needs = ND_DONE;
    } else if (t == DX_EV_NONE) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected an event type in column 2 (ARREST, TRIAL, CHARGE, ..., or * for the act "
                     "told before), found '%s'",
                     f[1]);
        return DOSSIER_EDATA;
    }
    p.type = (uint8_t)t;
    static const char *const pos_names[] = {"", "v", "n", "x", "p", "a"};
    for (uint8_t i = 1; i < 6; i++)
        if (!strcmp(f[2], pos_names[i])) p.pos = i;
    if (!p.pos) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected a part of speech in column 3 (v, n, x, p or a), found '%s'", f[2]);
        return DOSSIER_EDATA;
    }
    static const char *const frame_names[] = {"", "tr", "tra", "in", "ag", "sp", "po", "su"};
    for (uint8_t i = 1; i < 8; i++)
        if (!strcmp(f[3], frame_names[i])) p.frame = i;
    if (!p.frame) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected a frame in column 4 (tr, tra, in, ag, sp, po or su), found '%s'", f[3]);
        return DOSSIER_EDATA;
    }
    if (nf > 4 && strcmp(f[4], "-") != 0) snprintf(p.charge, sizeof(p.charge), "%s", f[4]);
    p.attempted = strstr(p.charge, "attempted assassination") != NULL;
    if (nf > 5 && f[5][0] && strcmp(f[5], "-") != 0 && p.needs != ND_DONE) {
        static const char *const needs_names[] = {"", "claim", "actor", "person", "office", "org", "named", "place",
                                                  "penalty"};
        for (uint8_t i = 1; i < 9; i++)
            if (!strcmp(f[5], needs_names[i])) p.needs = i;
        if (!p.needs) {
            dx_error_set(err, DOSSIER_EDATA, file, line,
                         "expected what the trigger needs in column 6 (claim, actor, person, office, "
                         "org, named, place, penalty or -), found '%s'",
                         f[5]);
            return DOSSIER_EDATA;
        }
    }
    return add_pattern(lc, &lc->ev->trig, &p, f[0], file, line, err, 0);
}

static int cue_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    (void)nf;
    load_ctx *lc = ud;
    pattern p;
    memset(&p, 0, sizeof(p));
    const char *s = f[1];
    if (!strcmp(s, "distinct") || !strcmp(s, "source") || !strcmp(s, "work") || !strcmp(s, "guilt")) {
        /* one word, no cue: words that set a noun apart from the one told
         * before (distinct); nouns that head a described source (source);
         * written works and acts a date after "of"/"from" belongs to (work) */
        uint64_t k[2];
        if (phrase_keys(lc->ev, f[0], k, 1, &lc->scratch) != 1 || !k[0]) {
            dx_error_set(err, DOSSIER_EDATA, file, line, "expected one word in column 1 for kind '%s'", s);
            return DOSSIER_EDATA;
        }
        dx_u64map_add(*s == 'd'   ? lc->ev->distinct
                      : *s == 'w' ? lc->ev->work
                      : *s == 'g' ? lc->ev->guilt
                                  : lc->ev->srcnoun,
                      k[0], 1);
        return 0;
    }
    while (*s) {
        size_t len = strcspn(s, "|");
        uint32_t bit = 0;
        for (size_t i = 0; i < sizeof(cue_kinds) / sizeof(cue_kinds[0]); i++)
            if (strlen(cue_kinds[i].name) == len && !strncmp(s, cue_kinds[i].name, len)) {
                bit = cue_kinds[i].bit;
                if (cue_kinds[i].desc) p.desc = cue_kinds[i].desc;
            }
        if (!bit) {
            dx_error_set(err, DOSSIER_EDATA, file, line,
                         "expected cue kinds in column 2 (report, according, alleged, charge, "
                         "confess, deny, frame, negate, hypo, neutral, be, det, list, rel, "
                         "barrier, by, of, aux, adv, prep, verb, govern, orders, office, count, "
                         "coerce, success, habit, end, among, those, latter, group, attempt, head, iterate, "
                         "instruct, instruction; '|' between; "
                         "or distinct, source, work or guilt alone), "
                         "found '%s'",
                         f[1]);
            return DOSSIER_EDATA;
        }
        p.kinds |= bit;
        s += len;
        if (*s) s++;
    }
    return add_pattern(lc, &lc->ev->cue, &p, f[0], file, line, err, 1);
}

/* given-names.tsv: name, gender (M/F) - for "he" and "she". */
static int gender_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    (void)file;
    (void)line;
    (void)err;
    load_ctx *lc = ud;
    if (nf < 2 || (f[1][0] != 'M' && f[1][0] != 'F') || f[1][1]) return 0;
    uint64_t k = word_key(f[0], strlen(f[0]), &lc->scratch);
    const uint32_t *v;
    if (!dx_u64map_get(lc->ev->gender, k, &v)) dx_u64map_add(lc->ev->gender, k, f[1][0] == 'M' ? 1u : 2u);
    return 0;
}

int dx_event_lex_load(const char *dir, struct dx_event_lex **out, dossier_error *err)
{
    pthread_once(&ev_types_once, ev_types_init);
    struct dx_event_lex *ev = xcalloc(1, sizeof(*ev));
    load_ctx lc = {ev, {0}};
    dx_buf_init(&lc.scratch);
#define KEY(s) word_key(s, strlen(s), &lc.scratch)
    ev->k_apos = KEY("'");
    ev->k_rsquo = KEY("\xE2\x80\x99");
    ev->k_lsquo = KEY("\xE2\x80\x98");
    ev->k_dash = KEY("-");
    ev->k_ndash = KEY("\xE2\x80\x93");
    ev->k_mdash = KEY("\xE2\x80\x94");
    ev->k_ldquo = KEY("\xE2\x80\x9C");
    ev->k_rdquo = KEY("\xE2\x80\x9D");
    ev->k_quot = KEY("\"");
    ev->k_qmark = KEY("?");
    ev->k_comma = KEY(",");
    ev->k_period = KEY(".");
    ev->k_excl = KEY("!");
    ev->k_semi = KEY(";");
    ev->k_colon = KEY(":");
    ev->k_and = KEY("and");
    ev->k_or = KEY("or");
    ev->k_to = KEY("to");
    ev->k_s = KEY("s");
    ev->k_the = KEY("the");
    ev->k_a = KEY("a");
    ev->k_an = KEY("an");
    ev->k_of = KEY("of");
    ev->k_that = KEY("that");
    ev->k_whom = KEY("whom");
    ev->k_from = KEY("from");
    ev->k_dated = KEY("dated");
    ev->k_which = KEY("which");
    ev->k_in = KEY("in");
    ev->k_at = KEY("at");
    ev->k_during = KEY("during");
    ev->k_not = KEY("not");
    ev->k_have = KEY("have");
    ev->k_by = KEY("by");
    ev->k_as = KEY("as");
    ev->k_would = KEY("would");
    ev->k_it = KEY("it");
    ev->k_one = KEY("one");
    ev->k_former = KEY("former");
    ev->k_lparen = KEY("(");
    ev->k_rparen = KEY(")");
    ev->k_against = KEY("against");
    ev->k_with = KEY("with");
    ev->k_order = KEY("order");
    ev->k_for = KEY("for");
    ev->k_this = KEY("this");
    ev->k_such = KEY("such");
    ev->k_these = KEY("these");
    ev->k_abroad = KEY("abroad");
    ev->k_overseas = KEY("overseas");
    ev->k_country = KEY("country");
    ev->k_until = KEY("until");
    ev->k_when = KEY("when");
    ev->k_before = KEY("before");
    ev->k_after = KEY("after");
    ev->k_since = KEY("since");
    ev->k_prior = KEY("prior");
    ev->k_those = KEY("those");
#undef KEY
    for (int i = 0; i < PR__COUNT; i++)
        ev->pron[i] = word_key(pronoun_words[i], strlen(pronoun_words[i]), &lc.scratch);
    for (int i = 0; i < REL_DIR_WORDS; i++)
        ev->rel_dir[i] = word_key(rel_dir_words[i], strlen(rel_dir_words[i]), &lc.scratch);
    set_init(&ev->trig);
    set_init(&ev->cue);
    ev->gender = dx_u64map_new();
    ev->distinct = dx_u64map_new();
    ev->work = dx_u64map_new();
    ev->srcnoun = dx_u64map_new();
    ev->guilt = dx_u64map_new();
    static const char *const trig_header[] = {"trigger", "type", "pos", "frame", NULL};
    static const char *const cue_header[] = {"cue", "kind", NULL};
    static const char *const given_header[] = {"name", NULL};
    dx_buf path;
    dx_buf_init(&path);
    dx_buf_printf(&path, "%s/triggers.tsv", dir);
    int st = dx_tsv_load(path.data, trig_header, 4, trigger_row, &lc, err);
    if (!st) {
        dx_buf_clear(&path);
        dx_buf_printf(&path, "%s/cues.tsv", dir);
        st = dx_tsv_load(path.data, cue_header, 2, cue_row, &lc, err);
    }
    if (!st) {
        /* the genders of given names, when the directory has them (the name
         * recogniser owns and checks that file) */
        dx_buf_clear(&path);
        dx_buf_printf(&path, "%s/given-names.tsv", dir);
        if (access(path.data, R_OK) == 0) st = dx_tsv_load(path.data, given_header, 1, gender_row, &lc, err);
    }
    dx_buf_fini(&path);
    dx_buf_fini(&lc.scratch);
    if (st) {
        dx_event_lex_free(ev);
        *out = NULL;
        return st;
    }
    set_pack(&ev->trig);
    set_pack(&ev->cue);
    *out = ev;
    return 0;
}

static void mark_firsts(dx_lexicon *lex, const pattern_set *ps, uint32_t bit)
{
    const struct dx_event_lex *ev = lex->events;
    for (size_t i = 0; i < ps->pats.len; i++) {
        uint64_t k = ps->pats.items[i].k[0];
        /* the tokens whose normalised key (norm_key) it is */
        dx_lex_mark(lex, k, bit);
        if (k == ev->k_apos) {
            dx_lex_mark(lex, ev->k_rsquo, bit);
            dx_lex_mark(lex, ev->k_lsquo, bit);
        }
        if (k == ev->k_dash) {
            dx_lex_mark(lex, ev->k_ndash, bit);
            dx_lex_mark(lex, ev->k_mdash, bit);
        }
    }
}

/* Numbers the first keys of ps not numbered yet in lex->ev_first (from *n
 * + 1 on, as far as DX_EV_FIRST_MAX), with the keys of the tokens whose
 * normalised key (norm_key) they are; common: only those of its patterns
 * of one word with one of these kinds (0: all). The numbers are indexes
 * only: their order changes no result. */
static void number_firsts(dx_lexicon *lex, const pattern_set *ps, uint32_t *n, uint32_t common)
{
    const struct dx_event_lex *ev = lex->events;
    const uint32_t *v;
    for (size_t i = 0; i < ps->pats.len && *n < DX_EV_FIRST_MAX; i++) {
        if (common && (ps->pats.items[i].n != 1 || !(ps->pats.items[i].kinds & common))) continue;
        uint64_t k = ps->pats.items[i].k[0];
        if (dx_u64map_get(lex->ev_first, k, &v)) continue;
        uint32_t e = ++*n;
        dx_u64map_add(lex->ev_first, k, e);
        if (k == ev->k_apos) {
            dx_u64map_add(lex->ev_first, ev->k_rsquo, e);
            dx_u64map_add(lex->ev_first, ev->k_lsquo, e);
        }
        if (k == ev->k_dash) {
            dx_u64map_add(lex->ev_first, ev->k_ndash, e);
            dx_u64map_add(lex->ev_first, ev->k_mdash, e);
        }
    }
}

/* ps->by_first, for the n numbers of lex->ev_first. */
static void slots_by_first(const dx_lexicon *lex, pattern_set *ps, uint32_t n)
{
    ps->by_first = xcalloc((size_t)n + 1, sizeof(*ps->by_first));
    for (size_t i = 0; i < ps->pats.len; i++) {
        uint64_t k = ps->pats.items[i].k[0];
        const uint32_t *v;
        if (dx_u64map_get(lex->ev_first, k, &v)) ps->by_first[v[0]] = ps->slot[pat_slot_of(ps, k)];
    }
}

/* ev->trig_next, for the n numbers of lex->ev_first. A trigger whose first
 * key starts only patterns of two or more words ("the supreme penalty",
 * "to be shot", "in exile": "the", "to", "in" are four in five candidates)
 * can start nowhere but before one of their second keys (match_keys: no
 * pattern of one word, none with '*' second); the slot's bloom says which
 * may be, and the setup pass of dx_find_events lists no candidate before
 * any other. Its bloom is of the normalised keys (norm_key: what ctx.key
 * holds once find_quotes has run), the pass reads the tokens' lkeys: the
 * typographic variants of the apostrophe and the dash are let through with
 * them. The keys of one-word or wildcard triggers pass always; a number
 * that starts no trigger (a cue's word) never, its tokens being no
 * candidates (and the mask standing for the test of DX_L_TRIG). Number 0,
 * that of most words, starts none either, unless a trigger's first key was
 * left without a number (more first keys than DX_EV_FIRST_MAX): then every
 * token of number 0 is a candidate, and match_keys tells. */
static void trig_next_masks(const dx_lexicon *lex, struct dx_event_lex *ev, uint32_t n)
{
    ev->trig_next = xcalloc((size_t)n + 1, sizeof(*ev->trig_next));
    const uint32_t *v;
    for (size_t i = 0; i < ev->trig.pats.len; i++)
        if (!dx_u64map_get(lex->ev_first, ev->trig.pats.items[i].k[0], &v)) ev->trig_next[0] = ~0ull;
    for (uint32_t e = 1; e <= n; e++) {
        const pat_slot *sl = &ev->trig.by_first[e];
        if (!sl->key) continue;
        uint64_t m = sl->nany ? ~0ull : sl->bloom;
        if ((m >> (ev->k_apos & 63)) & 1) m |= 1ull << (ev->k_rsquo & 63) | 1ull << (ev->k_lsquo & 63);
        if ((m >> (ev->k_dash & 63)) & 1) m |= 1ull << (ev->k_ndash & 63) | 1ull << (ev->k_mdash & 63);
        ev->trig_next[e] = m;
    }
}

/* ev->cue_fast, for the n numbers of lex->ev_first (number 0: none, its
 * tokens hash their key in match_keys). */
static void cue_fast_table(struct dx_event_lex *ev, uint32_t n)
{
    ev->cue_fast = xcalloc((size_t)n + 1, sizeof(*ev->cue_fast));
    for (uint32_t e = 1; e <= n; e++) {
        const pat_slot *sl = &ev->cue.by_first[e];
        if (sl->key && sl->one < 0 && !sl->nany) {
            ev->cue_fast[e] = (struct cue_fast){sl->bloom, 0, 0, CUE_LONG, 0};
            continue;
        }
        if (!sl->key || sl->one < 0 || sl->one > UINT16_MAX) continue;
        const pat_info *pt = &ev->cue.info[sl->one];
        int plain = !pt->keep && !(pt->kinds & (K_CHARGE | K_SCOPE | K_NEUTRAL)) && pt->mark == pt->kinds &&
                    pt->dmark == pt->desc;
        ev->cue_fast[e] = (struct cue_fast){sl->bloom, pt->mark, pt->dmark, plain ? CUE_PLAIN : CUE_ONE,
                                            (uint16_t)sl->one};
    }
}

void dx_event_lex_mark(dx_lexicon *lex)
{
    struct dx_event_lex *ev = lex->events;
    mark_firsts(lex, &ev->trig, DX_L_TRIG);
    mark_firsts(lex, &ev->cue, DX_L_CUE);
    uint32_t n = 0;
    /* the function words first ("the", "of", "and", "was": cues of one
     * word of these kinds), the most frequent words by far: the tables by
     * number (trig_next, cue_fast, by_first) are read at most tokens, and
     * their entries for those words then share a few lines */
    number_firsts(lex, &ev->cue, &n, K_DET | K_PREP | K_LIST | K_BE | K_AUX | K_OF | K_BY | K_REL | K_BARRIER);
    number_firsts(lex, &ev->trig, &n, 0);
    number_firsts(lex, &ev->cue, &n, 0);
    slots_by_first(lex, &ev->trig, n);
    slots_by_first(lex, &ev->cue, n);
    trig_next_masks(lex, ev, n);
    cue_fast_table(ev, n);
    for (int i = 0; i < PR__COUNT; i++) dx_lex_mark(lex, lex->events->pron[i], DX_L_PRON);
}

void dx_event_lex_free(struct dx_event_lex *ev)
{
    if (!ev) return;
    set_fini(&ev->trig);
    set_fini(&ev->cue);
    if (ev->gender) dx_u64map_free(ev->gender);
    if (ev->distinct) dx_u64map_free(ev->distinct);
    if (ev->work) dx_u64map_free(ev->work);
    if (ev->srcnoun) dx_u64map_free(ev->srcnoun);
    if (ev->guilt) dx_u64map_free(ev->guilt);
    free(ev->trig_next);
    free(ev->cue_fast);
    free(ev);
}

/* ---------------------------------------------------------------- the finder */

typedef struct {
    uint32_t a, b; /* token range */
    uint32_t kinds;
    uint8_t desc;
} cue_hit;

typedef struct {
    uint32_t a, b;      /* token range of the quoted text */
    uint32_t kind;      /* K_REPORT / K_CHARGE / K_CONFESS, 0 = unattributed */
    int32_t src;        /* ent */
    char src_text[32];
} quote;

/* A trigger found in the current sentence. */
typedef struct {
    uint32_t tok, pat;
    uint8_t len;
} trig_hit;

/* A set of token keys, open addressing (0 marks an empty slot; the key 0
 * itself is a flag): a few instructions to add or find a key where a
 * dx_u64map takes a call and a bucket walk. */
typedef struct {
    uint64_t *slot;
    size_t mask; /* slots - 1; 0 while not built */
    int zero;
} key_set;

static size_t key_slot(const key_set *ks, uint64_t k)
{
    size_t i = (size_t)(k ^ (k >> 29)) & ks->mask;
    while (ks->slot[i] && ks->slot[i] != k) i = (i + 1) & ks->mask;
    return i;
}

/* The set of the n keys of v (a power of two at least twice n slots). */
static void key_set_build(key_set *ks, const uint64_t *v, size_t n)
{
    size_t size = 16;
    while (size < 2 * n) size *= 2;
    ks->slot = xcalloc(size, sizeof(uint64_t));
    ks->mask = size - 1;
    ks->zero = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i]) ks->zero = 1;
        else ks->slot[key_slot(ks, v[i])] = v[i];
    }
}

static int key_set_has(const key_set *ks, uint64_t k)
{
    return k ? ks->slot[key_slot(ks, k)] == k : ks->zero;
}

#define MAX_TRIG 64

/* In ctx.first: the token is inside a name (not its first token) or a
 * date, where no cue is (scan_cues); set with the mentions of the tokens,
 * so that the scan need not read the mention. */
#define F_NOCUE (1u << 16)
/* ... the token's mention (ment) is a PERSON's or an ORG's of an entity
 * (is_actor): actor_at asks at every turn of the clause analysis, and the
 * mention, 96 bytes out of the cache, cost a load each (set with F_NOCUE) */
#define F_ACTOR (1u << 17)
/* ... and the token's evfirst, in the low bits (as the token has it: no
 * shift for the setup pass, nor for the match) */
#define F_EV_MASK 0xffffu

typedef struct {
    dx_doc *doc;
    const dx_lexicon *lex;
    const struct dx_event_lex *ev;
    const char *dct;   /* YYYY-MM-DD or NULL */
    uint64_t *key;     /* per token: normalised lkey */
    uint32_t *first;   /* per token: DX_L_TRIG / DX_L_CUE (the pattern sets that may start
                        * there), DX_L_PRON (it may be a pronoun), F_NOCUE, and the
                        * token's evfirst (F_EV_MASK) */
    int32_t *ment;     /* per token: mention index or -1 */
    uint32_t *cover;   /* per token: kinds of the cues covering it */
    uint8_t *desc;     /* per token: DESC_* of the cue covering it */
    int16_t *trig_at;  /* per token of the current sentence: trigger hit index + 1, or 0 */
    int32_t *quote_of; /* per token: quote index or -1 */
    /* room for the tokens a cue may start at in the range scan_cues scans
     * (as many as the document's tokens): listed there, for that range
     * only, since most sentences are never scanned */
    uint32_t *cue_pos;
    DX_VEC(quote) quotes;
    int32_t *speaker;  /* per turn: speaker ent or -1 */
    int32_t *addressee;
    uint8_t *asks;     /* per turn: the speaker is an interrogator */
    uint8_t *gender;   /* per ent: 0 unknown, 1 male, 2 female */
    int32_t author;    /* the byline's person, or -1 */
    int32_t topic;     /* the person the document is about (find_topic), or -1 */
    int court;         /* a trial, charge or sentence was met: unnamed accusers are the prosecution */
    DX_VEC(cue_hit) cues; /* of the current sentence */
    /* the kinds of those cues together, and their DESC_* as bits (1 << desc):
     * a search for a kind that no cue of the sentence has can stop at once */
    uint32_t cue_kinds, cue_descs;
    trig_hit trig[MAX_TRIG];
    size_t ntrig;
    size_t gv; /* the governing verb governing_agent found last */
    int32_t *subj_cache; /* per sentence and gender class (he, she): sentence_subject + 3, 0 = not known */
    const int *ev_of;    /* per trigger of the current sentence: its event index, or -1 */
    /* per event of doc->events: its trigger's first token (the token
     * dx_tok_index finds at its trig_start), kept beside the events, so that
     * the looks back at earlier events need no search of the tokens */
    DX_VEC(uint32_t) ev_tok;
    /* per mention: the first token that starts at or after it (dx_find_events'
     * setup pass), and the document's token count */
    const uint32_t *mtok;
    size_t ntoks;
    uint8_t *sent_ments; /* per sentence: SM_* bits, the kinds of mention its tokens are in (ment) */
    key_set *capmid;     /* keys of the words capitalised inside a sentence somewhere: names
                          * (built at the first question that needs it, see cap_mid) */
} ctx;

/* The longest patterns among cand that match at t (at most max, one per
 * event type, in the order of cand). */
static __attribute__((noinline)) size_t match_cands(const uint64_t *key, const pattern_set *ps, const uint32_t *cand, size_t nc, size_t t,
                          size_t end, size_t *len, int *out, size_t max)
{
    size_t best_len = 0, n = 0;
    const pat_info *info = ps->info;
    for (size_t i = 0; i < nc; i++) {
        const pat_info *pi = &info[cand[i]];
        size_t pn = pi->len;
        if (pn < best_len || t + pn > end) continue;
        /* (the second word from the info; the pattern read for a third) */
        if (pn > 1 && pi->k1 && pi->k1 != key[t + 1]) continue;
        if (pn > 2) {
            const pattern *p = &ps->pats.items[cand[i]];
            size_t j = 2;
            while (j < pn && (p->k[j] == 0 || p->k[j] == key[t + j])) j++;
            if (j != pn) continue;
        }
        if (pn > best_len) {
            best_len = pn;
            n = 0;
        }
        /* the same words may name two events ("replaced": a dismissal and an
         * appointment), once per type */
        int dup = 0;
        for (size_t k = 0; k < n; k++) dup |= info[out[k]].type == pi->type;
        if (!dup && n < max) out[n++] = (int)cand[i];
    }
    *len = best_len;
    return n;
}

/* (inline: most tokens leave at the first tests, "the" before a word that
 * no pattern of "the" has second; key and first are ctx's, passed so that a
 * caller may hold them in registers) */
static inline __attribute__((always_inline)) size_t match_keys(const uint64_t *key, const uint32_t *first,
                                                               const pattern_set *ps, uint32_t first_bit, size_t t,
                                                               size_t end, size_t *len, int *out, size_t max)
{
    *len = 0;
    uint32_t f = first[t];
    if (!(f & first_bit)) return 0; /* no pattern starts so */
    /* the slot by the token's number, found with the word; a token without
     * one (dx_token.evfirst) hashes its key */
    uint32_t e = f & F_EV_MASK;
    const pat_slot *sl = e ? &ps->by_first[e] : &ps->slot[pat_slot_of(ps, key[t])];
    if (!sl->key) return 0;
    /* the candidates that can meet the next word: those of its second key,
     * else those of any second word */
    if (t + 1 < end && ((sl->bloom >> (key[t + 1] & 63)) & 1)) {
        const pat_bucket *b = &ps->buckets.items[sl->bucket];
        const uint64_t *kv = ps->bkey.items + b->keys, k1 = key[t + 1];
        size_t lo = 0, hi = b->nkeys;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (kv[mid] < k1) lo = mid + 1;
            else hi = mid;
        }
        if (lo < b->nkeys && kv[lo] == k1)
            return match_cands(key, ps, ps->blist.items + ps->boff.items[b->keys + lo], ps->bn.items[b->keys + lo], t,
                               end, len, out, max);
    }
    /* no second key meets the next word: the patterns of any second word */
    if (sl->one >= 0 && (max == 1 || sl->nany == 1)) {
        /* all of one word: the first wins (t < end, so it fits); when it is
         * the only one, also where two may be found (a trigger's one word:
         * most triggers, and a call of match_cands each) */
        *len = 1;
        out[0] = sl->one;
        return 1;
    }
    return sl->nany ? match_cands(key, ps, ps->blist.items + sl->any, sl->nany, t, end, len, out, max) : 0;
}

static inline __attribute__((always_inline)) size_t match_all(const ctx *c, const pattern_set *ps, uint32_t first_bit,
                                                              size_t t, size_t end, size_t *len, int *out, size_t max)
{
    return match_keys(c->key, c->first, ps, first_bit, t, end, len, out, max);
}

static inline __attribute__((always_inline)) int match(const ctx *c, const pattern_set *ps, uint32_t first_bit,
                                                       size_t t, size_t end, size_t *len)
{
    int out[1];
    return match_all(c, ps, first_bit, t, end, len, out, 1) ? out[0] : -1;
}

/* The kinds of mention a sentence's tokens are in (ctx.sent_ments): the
 * scans of a sentence for them can skip those without. */
enum {
    SM_DATE = 1,      /* a DATE with a value */
    SM_PLACE = 2,     /* a PLACE of an entity */
    SM_DATE_START = 4, /* a DATE with a value starts in it (in the token its first byte is in) */
    SM_ORG = 8         /* an ORG of an entity */
};

/* Has a cue of the current sentence one of these kinds (DESC_* bits:
 * any_desc)? */
static inline int any_cue(const ctx *c, uint32_t kinds)
{
    return (c->cue_kinds & kinds) != 0;
}

static inline int any_desc(const ctx *c, uint32_t desc_bits)
{
    return (c->cue_descs & desc_bits) != 0;
}

static const dx_mention *ment_at(const ctx *c, size_t t)
{
    return c->ment[t] >= 0 ? &c->doc->ments.items[c->ment[t]] : NULL;
}

/* The token mention k's first byte is in, as dx_tok_index finds it (from
 * the setup pass's mtok, without a search of the tokens): the first token
 * at or after its start if it starts there, else the one before. */
static size_t ment_start_tok(const ctx *c, size_t k)
{
    size_t t = c->mtok[k];
    return t < c->ntoks && c->doc->toks.items[t].start == c->doc->ments.items[k].start ? t : t ? t - 1 : 0;
}

static int is_actor(const dx_mention *m)
{
    return m && m->ent >= 0 && (m->type == DX_ENT_PERSON || m->type == DX_ENT_ORG);
}

/* The mention of token t if it is an actor's (is_actor), else NULL: for
 * the scans that look for one, which then read no other mention. */
static inline const dx_mention *actor_ment(const ctx *c, size_t t)
{
    return c->first[t] & F_ACTOR ? &c->doc->ments.items[c->ment[t]] : NULL;
}

static int actor_at(const ctx *c, size_t t)
{
    return (c->first[t] & F_ACTOR) != 0; /* is_actor(ment_at(c, t)) */
}

static int pronoun(const ctx *c, size_t t)
{
    if (!(c->first[t] & DX_L_PRON)) return -1;
    uint64_t k = c->key[t];
    for (int i = 0; i < PR__COUNT; i++)
        if (c->ev->pron[i] == k) return i;
    return -1;
}

/* The quotation token t is in, or -1; a quote of one to three words ("these
 * 'confessions'") is a scare quote, no speech of its own. */
static int32_t quote_id(const ctx *c, size_t t)
{
    int32_t q = c->quote_of[t];
    if (q < 0) return -1;
    const quote *qu = &c->quotes.items[q];
    return qu->b - qu->a <= 3 ? -1 : q;
}

static const dx_token *tok(const ctx *c, size_t t)
{
    return &c->doc->toks.items[t];
}

static int is_word(const ctx *c, size_t t)
{
    return (tok(c, t)->flags & DX_TK_WORD) != 0;
}

/* A lowercase word (not a name, not a number). */
static int lower_word(const ctx *c, size_t t)
{
    uint32_t f = tok(c, t)->flags;
    return (f & DX_TK_WORD) && !(f & (DX_TK_CAP | DX_TK_NUM));
}

/* Does word t end in suf (lowercase ASCII letters) with at least three
 * letters before it? Inline, with the letters compared by hand: the
 * suffixes are literals, so their lengths fold at compile time; a byte
 * equals a lowercase letter, ignoring case as strncasecmp does in the C
 * locale, when it is that letter or its capital (b | 0x20). */
static inline int ends_with(const ctx *c, size_t t, const char *suf)
{
    const dx_token *k = tok(c, t);
    size_t n = k->end - k->start, m = strlen(suf);
    if (n <= m + 2) return 0;
    const char *w = c->doc->text + k->end - m;
    for (size_t i = 0; i < m; i++)
        if ((w[i] | 0x20) != suf[i]) return 0;
    return 1;
}

/* First token index of the mention covering token t. */
static size_t ment_first_tok(const ctx *c, size_t t)
{
    int32_t m = c->ment[t];
    while (t > 0 && c->ment[t - 1] == m) t--;
    return t;
}

static size_t ment_end_tok(const ctx *c, size_t t)
{
    int32_t m = c->ment[t];
    while (t < c->doc->toks.len && c->ment[t] == m) t++;
    return t;
}

static uint32_t word_class_at(const ctx *c, size_t t)
{
    return c->doc->toks.items[t].lex & DX_L_WCLASS;
}

static const pattern *trig_pat_at(const ctx *c, size_t t)
{
    return c->trig_at[t] ? &c->ev->trig.pats.items[c->trig[c->trig_at[t] - 1].pat] : NULL;
}

/* A verb, as far as a fast guess can tell: a verb cue, a verb trigger, or a
 * lowercase word in -ed that no determiner makes an adjective. (Inline: it
 * is asked of most words the role and date searches walk past, and most
 * answers come from the first test or two, less than the call.) */
static inline __attribute__((always_inline)) int verbish(const ctx *c, size_t t, size_t lo)
{
    uint32_t cv = c->cover[t];
    if (cv & (K_VERB | K_REPORT | K_CONFESS | K_DENY)) return 1;
    if (cv & (K_DET | K_PREP | K_LIST | K_BARRIER | K_REL | K_BE | K_AUX | K_OFFICE | K_COUNT)) return 0; /* "hundred" */
    const pattern *p = trig_pat_at(c, t);
    if (p && p->pos != POS_NOUN) {
        /* "the accused": a noun after a determiner */
        if (p->pos != POS_EITHER && p->pos != POS_NODET) return 1;
        return !(t > lo && (c->cover[t - 1] & K_DET));
    }
    if (!lower_word(c, t) || !ends_with(c, t, "ed")) return 0;
    return !(t > lo && (c->cover[t - 1] & K_DET));
}

/* A past participle: -ed, -en, or a trigger only read in the passive. */
static int participle(const ctx *c, size_t t)
{
    const pattern *p = trig_pat_at(c, t);
    if (p && p->pos == POS_PASSIVE) return 1;
    return lower_word(c, t) && (ends_with(c, t, "ed") || ends_with(c, t, "en") || ends_with(c, t, "wn"));
}

static int contains(const int32_t *v, size_t n, int32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x) return 1;
    return 0;
}

/* Only v[0 .. n) is ever read (group_add, contains, the loops, the copies
 * to an event), so an empty group sets n alone: zeroing its 136 bytes, a
 * `rep stos` at each of find_roles' many locals, was a fifth of its time. */
typedef struct {
    int32_t v[DX_EV_MAX_PART];
    size_t n;
} group;

static void group_add(group *g, int32_t e)
{
    if (e < 0 || g->n >= DX_EV_MAX_PART || contains(g->v, g->n, e)) return;
    g->v[g->n++] = e;
}

static void group_cat(group *g, const group *o)
{
    for (size_t i = 0; i < o->n; i++) group_add(g, o->v[i]);
}

/* ---------------------------------------------------------------- pronouns and descriptions */

/* The gender of an entity from its given name (0 unknown, 1 male, 2 female). */
static uint8_t ent_gender(const ctx *c, int32_t e)
{
    if (e < 0 || c->doc->ents.items[e].type != DX_ENT_PERSON) return 0;
    return c->gender[e];
}

static void compute_genders(ctx *c)
{
    dx_doc *d = c->doc;
    dx_buf b;
    dx_buf_init(&b);
    for (size_t i = 0; i < d->ents.len; i++) {
        c->gender[i] = 0;
        const dx_doc_ent *e = &d->ents.items[i];
        if (e->type != DX_ENT_PERSON || !e->label) continue;
        /* the first word of the label that is a known given name */
        const char *s = e->label;
        while (*s) {
            size_t n = strcspn(s, " .-");
            if (n > 1) {
                dx_fold_lower(s, n, &b);
                const uint32_t *v;
                if (dx_u64map_get(c->ev->gender, dx_hash(b.data, b.len), &v)) {
                    c->gender[i] = (uint8_t)v[0];
                    break;
                }
            }
            s += n;
            while (*s == ' ' || *s == '.' || *s == '-') s++;
        }
    }
    dx_buf_fini(&b);
}

static int gender_ok(const ctx *c, int32_t e, int p)
{
    uint8_t g = ent_gender(c, e);
    if (p == PR_HE || p == PR_HIM || p == PR_HIS) return g != 2;
    if (p == PR_SHE || p == PR_HER) return g != 1;
    return 1;
}

/* The person a sentence is about: its first PERSON (the subject, as a rule)
 * that is no speaker label, before token limit, inside quote q only when q >=
 * 0, agreeing with pronoun p, and not in skip. Titles and possessives ahead
 * of it are fine ("General Kornilov", "Stalin's men"). */
static int32_t salient_person(const ctx *c, size_t s, size_t limit, int32_t q, int p, const int32_t *skip,
                              size_t nskip)
{
    const dx_sentence *se = &c->doc->sents.items[s];
    const dx_turn *tu = se->turn >= 0 ? &c->doc->turns.items[se->turn] : NULL;
    for (size_t t = se->tok_begin; t < se->tok_end && t < limit; t++) {
        const dx_mention *m = actor_ment(c, t);
        if (!m || m->type != DX_ENT_PERSON || m->ent < 0) continue;
        if (tu && m->start >= tu->label_start && m->end <= tu->label_end) continue;
        if (q >= 0 && c->quote_of[t] != q) continue;
        t = ment_end_tok(c, t) - 1;
        if (!gender_ok(c, m->ent, p) || contains(skip, nskip, m->ent)) continue;
        return m->ent;
    }
    return -1;
}

static uint32_t cue_kinds_at(const ctx *c, size_t t, size_t end);
static int verb_follows(const ctx *c, size_t k, size_t end);

/* Does an enumeration start at token j: a list the text sets up as a group
 * of its own, after an opening bracket, a colon, "among them" or
 * "including" ("nine former members (A, B, C, ...)", "among them A and B")? */
static int enumeration_start(const ctx *c, size_t j, size_t lo)
{
    if (j <= lo) return 0;
    if (c->key[j - 1] == c->ev->k_lparen || c->key[j - 1] == c->ev->k_colon) return 1;
    for (size_t b = j; b-- > lo && b + 3 >= j;) {
        size_t len;
        int p = match(c, &c->ev->cue, DX_L_CUE, b, j, &len);
        if (p >= 0 && b + len == j && (c->ev->cue.pats.items[p].kinds & K_AMONG)) return 1;
    }
    return 0;
}

/* The persons of the last coordinated list of names ("Kamenev and Zinoviev")
 * before token t, in its sentence or the one before: what "they" refers to,
 * when the list is the subject of its sentence or an enumeration (see
 * enumeration_start; there one unrecognised name between commas does not
 * break it: "A, B, Grin, D"). */
static void plural_antecedent(const ctx *c, size_t t, group *g)
{
    const dx_doc *d = c->doc;
    size_t s = d->toks.items[t].sent;
    size_t lo = d->sents.items[s > 1 ? s - 1 : 0].tok_begin;
    /* "all of them", "some of them": a part of something, not a list of names */
    if (t > 0 && c->key[t - 1] == c->ev->k_of) return;
    for (size_t k = t; k-- > lo;) {
        if (!actor_at(c, k)) continue;
        size_t f = ment_first_tok(c, k);
        group tmp;
        tmp.n = 0;
        group_add(&tmp, ment_at(c, k)->ent);
        size_t j = f, skipped = 0;
        for (;;) {
            if (j > lo + 1 && (c->key[j - 1] == c->ev->k_comma || c->key[j - 1] == c->ev->k_and) && actor_at(c, j - 2)) {
                j = ment_first_tok(c, j - 2);
                group_add(&tmp, ment_at(c, j)->ent);
                continue;
            }
            /* "A, B, and C": a comma before the conjunction */
            if (j > lo + 2 && c->key[j - 1] == c->ev->k_and && c->key[j - 2] == c->ev->k_comma && actor_at(c, j - 3)) {
                j = ment_first_tok(c, j - 3);
                group_add(&tmp, ment_at(c, j)->ent);
                continue;
            }
            /* ", Grin," between names of the list */
            if (!skipped && j > lo + 3 && c->key[j - 1] == c->ev->k_comma && !ment_at(c, j - 2) &&
                (tok(c, j - 2)->flags & DX_TK_CAP) && is_word(c, j - 2) && c->key[j - 3] == c->ev->k_comma &&
                actor_at(c, j - 4)) {
                skipped = 1;
                j = ment_first_tok(c, j - 4);
                group_add(&tmp, ment_at(c, j)->ent);
                continue;
            }
            break;
        }
        if (tmp.n >= 2) {
            /* the subject of its sentence: at its start, or after a short adverbial */
            size_t sb = d->sents.items[d->toks.items[j].sent].tok_begin;
            int subject = j - sb <= 1;
            for (size_t k2 = sb; !subject && k2 < j && k2 < sb + 6; k2++)
                subject = c->key[k2] == c->ev->k_comma && k2 + 1 == j;
            if (!subject) subject = enumeration_start(c, j, sb);
            if (!subject) {
                /* "At the beginning of the meeting Bukharin and Rykov, members
                 * of the Central Committee, were present": a verb follows the
                 * list, past an apposition between commas */
                size_t se_end = d->sents.items[d->toks.items[j].sent].tok_end;
                size_t after = ment_end_tok(c, k);
                if (after < se_end && c->key[after] == c->ev->k_comma) {
                    size_t q = after + 1;
                    while (q < se_end && q < after + 10 && c->key[q] != c->ev->k_comma && !(c->cover[q] & K_BARRIER))
                        q++;
                    if (q < se_end && c->key[q] == c->ev->k_comma) after = q + 1;
                }
                subject = after < se_end && after > k && verb_follows(c, after, se_end);
            }
            for (size_t i = 0; subject && i < tmp.n; i++)
                subject = d->ents.items[tmp.v[i]].type == DX_ENT_PERSON;
            if (!subject) return;
            /* "X with other generals A and B led": X leads them (the
             * sentence may not have been scanned for cues: looked up here) */
            size_t w = j, send = d->sents.items[d->toks.items[j].sent].tok_end;
            while (w > lo && j - w < 4 && c->key[w - 1] != c->ev->k_with &&
                   ((lower_word(c, w - 1) && !c->trig_at[w - 1] &&
                     !(cue_kinds_at(c, w - 1, send) & ~(K_OFFICE | K_ADV | K_DET))) ||
                    (word_class_at(c, w - 1) & DX_W_TITLE)))
                w--;
            if (w > lo + 1 && c->key[w - 1] == c->ev->k_with && actor_at(c, w - 2) &&
                ment_at(c, w - 2)->type == DX_ENT_PERSON)
                group_add(g, ment_at(c, w - 2)->ent);
            for (size_t i = tmp.n; i-- > 0;) group_add(g, tmp.v[i]);
            return;
        }
        k = j;
    }
}

/* The kinds of the cue that starts at token t, looked up now (sentences
 * without a trigger are never scanned). */
static uint32_t cue_kinds_at(const ctx *c, size_t t, size_t end)
{
    size_t len;
    int p = match(c, &c->ev->cue, DX_L_CUE, t, end, &len);
    return p < 0 ? 0 : c->ev->cue.pats.items[p].kinds;
}

static int32_t resolve_pronoun_d(const ctx *c, size_t t, const int32_t *skip, size_t nskip, int depth);

/* Does a verb group start at token k (a be-form, an auxiliary, a modal, a
 * verb, an adverb before one)? For sentences not scanned for cues. */
static int verb_follows(const ctx *c, size_t k, size_t end)
{
    for (int i = 0; i < 3 && k < end; i++, k++) {
        uint32_t kinds = cue_kinds_at(c, k, end);
        if (kinds & (K_BE | K_AUX | K_VERB | K_REPORT | K_CONFESS | K_DENY | K_HYPO)) return 1;
        if (lower_word(c, k) && ends_with(c, k, "ed")) return 1;
        if ((c->first[k] & DX_L_TRIG) && lower_word(c, k)) return 1;
        if (!(kinds & (K_ADV | K_NEGATE))) return 0;
    }
    return 0;
}

/* The person subject of sentence s agreeing with pronoun p: the first
 * person (or "he"/"she", followed back) of the sentence followed by its
 * verb ("Bukharin was", "Stalin would arrest"), not one inside a phrase
 * ("with the journalist Creelman, Diaz stated"); -2 when there is none. */
static int32_t sentence_subject_scan(const ctx *c, size_t s, int p, int depth);

/* The same, remembered per sentence (it does not depend on where the pronoun is). */
static int32_t sentence_subject(const ctx *c, size_t s, int p, int depth)
{
    int she = p == PR_SHE || p == PR_HER;
    int32_t *slot = &c->subj_cache[2 * s + she];
    if (*slot) return *slot - 3;
    int32_t r = sentence_subject_scan(c, s, p, depth);
    if (depth <= 1) *slot = r + 3; /* a deeper call may be cut short */
    return r;
}

static int32_t sentence_subject_scan(const ctx *c, size_t s, int p, int depth)
{
    const dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[s];
    size_t t = se->tok_begin, end = se->tok_end;
    if (se->turn >= 0) {
        const dx_turn *tu = &d->turns.items[se->turn];
        while (t < end && d->toks.items[t].start < tu->label_end) t++;
    }
    for (size_t k = t; k < end; k++) {
        const dx_mention *m = ment_at(c, k);
        if (m && m->ent >= 0 && m->type == DX_ENT_PERSON) {
            size_t me = ment_end_tok(c, k);
            /* "Menzhinsky, who had a heart condition, died": the head of its relative clause too */
            size_t r = me < end && c->key[me] == c->ev->k_comma ? me + 1 : me;
            int rel = r < end && (cue_kinds_at(c, r, end) & K_REL);
            if ((verb_follows(c, me, end) || rel) && gender_ok(c, m->ent, p)) return m->ent;
            k = me - 1;
            continue;
        }
        if (m) {
            k = ment_end_tok(c, k) - 1;
            continue;
        }
        int pr = pronoun(c, k);
        if ((pr == PR_HE || pr == PR_SHE) && (pr == PR_HE) == (p == PR_HE || p == PR_HIM || p == PR_HIS) &&
            verb_follows(c, k + 1, end) && depth < 3) {
            int32_t e = resolve_pronoun_d(c, k, NULL, 0, depth + 1);
            if (e >= 0) return e;
        }
    }
    return -2;
}

typedef struct {
    int passive; /* the verb group is passive (also by coordination, or a participial phrase) */
    int aux;     /* it has an auxiliary of its own */
} voice;

static void find_subject(const ctx *c, size_t a, size_t lo, group *g, voice *vo, int depth);
static size_t verb_group_start(const ctx *c, size_t a, size_t lo, int *passive, int *aux);

/* What a pronoun at token t refers to. Third person singular: the subject of
 * its sentence when a person before it agrees, else the person before it in
 * the sentence; else the subject of the nearest sentence before (at most
 * three, in its paragraph) whose subject is a person - following a chain of
 * "he" back - agreeing in gender with the given-name list; objects ("him")
 * take the most recent other person. When no subject agrees, nobody: better
 * no name than the wrong one. First and second person: the speaker and the
 * addressee of the quote or transcript turn. Returns -1 when unsure. */
static int32_t resolve_pronoun_d(const ctx *c, size_t t, const int32_t *skip, size_t nskip, int depth)
{
    int p = pronoun(c, t);
    if (p < 0 || depth > 3) return -1;
    const dx_doc *d = c->doc;
    size_t s = d->toks.items[t].sent;
    int32_t turn = d->sents.items[s].turn;
    if (p >= PR_I && p <= PR_OUR) {
        if (c->quote_of[t] >= 0 && c->quotes.items[c->quote_of[t]].src >= 0)
            return c->quotes.items[c->quote_of[t]].src;
        if (turn >= 0) return c->speaker[turn];
        return c->quote_of[t] < 0 ? c->author : -1;
    }
    if (p == PR_YOU || p == PR_YOUR) return turn >= 0 ? c->addressee[turn] : -1;
    if (p >= PR_THEY) return -1; /* plural: see plural_antecedent */
    int32_t q = c->quote_of[t];
    if (p == PR_HIM || p == PR_HER) {
        /* the most recent other person of that gender; never the subject of
         * the verb it is the object of ("Bukharin instructed him": not
         * Bukharin; a participle's subject is too unsure to rule out) */
        int32_t own[DX_EV_MAX_PART];
        size_t nown = 0;
        const dx_sentence *se = &d->sents.items[s];
        if (depth == 0 && t > se->tok_begin && verbish(c, t - 1, se->tok_begin) && !ends_with(c, t - 1, "ing")) {
            int pv = 0, ax = 0;
            size_t st = verb_group_start(c, t - 1, se->tok_begin, &pv, &ax);
            /* a name or a pronoun right before the verb group is its subject */
            if (!pv && st > se->tok_begin && (actor_at(c, st - 1) || pronoun(c, st - 1) >= 0)) {
                group subj;
                subj.n = 0;
                voice vo;
                find_subject(c, t - 1, se->tok_begin, &subj, &vo, 1);
                for (size_t i = 0; i < subj.n && nown < DX_EV_MAX_PART; i++) own[nown++] = subj.v[i];
            }
        }
        size_t lo = d->sents.items[s > 3 ? s - 3 : 0].tok_begin;
        for (size_t k = t; k-- > lo;) {
            const dx_mention *m = actor_ment(c, k);
            if (!m || m->type != DX_ENT_PERSON || m->ent < 0) continue;
            int32_t kt = d->sents.items[d->toks.items[k].sent].turn; /* not a turn's label */
            if (kt >= 0 && m->start >= d->turns.items[kt].label_start && m->end <= d->turns.items[kt].label_end) continue;
            if (!contains(skip, nskip, m->ent) && !contains(own, nown, m->ent) && gender_ok(c, m->ent, p))
                return m->ent;
        }
        return -1;
    }
    /* "The general admitted ..., but he denied ...": "he" is the one the
     * sentence opens with, told by a title no name is given for here:
     * nobody rather than a name from before */
    if (depth == 0) {
        const dx_sentence *se = &d->sents.items[s];
        size_t b0 = se->tok_begin;
        if (turn >= 0 && b0 + 2 < se->tok_end && c->key[b0 + 1] == c->ev->k_colon) b0 += 2;
        if (b0 + 1 < t && c->key[b0] == c->ev->k_the && lower_word(c, b0 + 1) &&
            (word_class_at(c, b0 + 1) & DX_W_TITLE) && !ment_at(c, b0 + 2)) {
            int named = 0;
            for (size_t k = b0; k < t && !named; k++) named = ment_at(c, k) && ment_at(c, k)->type == DX_ENT_PERSON;
            if (!named) return -1;
        }
    }
    int32_t e = salient_person(c, s, t, q, p, skip, nskip);
    if (e >= 0) {
        int32_t subj = sentence_subject(c, s, p, depth + 1);
        if (subj >= 0 && subj != e && !contains(skip, nskip, subj)) {
            /* the subject, if it comes before the pronoun */
            const dx_sentence *se = &d->sents.items[s];
            for (size_t k = se->tok_begin; k < t; k++)
                if (ment_at(c, k) && ment_at(c, k)->ent == subj) return subj;
        }
        return e;
    }
    for (size_t back = 1; back <= 3 && back <= s; back++) {
        if (back > 1 && d->sents.items[s - back + 1].para != d->sents.items[s - back].para) break;
        e = sentence_subject(c, s - back, p, depth + 1);
        if (e >= 0) return contains(skip, nskip, e) ? -1 : e;
    }
    if (s > 0) {
        /* no subject to follow: the one person of that gender the sentence
         * before names, if it names only one */
        int32_t only = -1;
        const dx_sentence *ps = &d->sents.items[s - 1];
        size_t k0 = ps->tok_begin;
        if (ps->turn >= 0) /* not the turn's label: no one the sentence names */
            while (k0 < ps->tok_end && d->toks.items[k0].start < d->turns.items[ps->turn].label_end) k0++;
        /* in a turn, "he" is another than its speaker ("I read Zelensky's statement. He says ...") */
        int32_t self = turn >= 0 && q < 0 ? c->speaker[turn] : -1;
        for (size_t k = k0; k < ps->tok_end; k++) {
            const dx_mention *m = actor_ment(c, k);
            if (!m || m->type != DX_ENT_PERSON || m->ent < 0 || m->ent == self || !gender_ok(c, m->ent, p)) continue;
            if (only >= 0 && only != m->ent) return -1;
            only = m->ent;
        }
        if (only >= 0 && !contains(skip, nskip, only)) return only;
    }
    /* nobody near: in a text about one person, "he" is that person */
    if (turn < 0 && c->topic >= 0 && gender_ok(c, c->topic, p) && !contains(skip, nskip, c->topic))
        return c->topic;
    return -1;
}

static int32_t resolve_pronoun(const ctx *c, size_t t, const int32_t *skip, size_t nskip)
{
    return resolve_pronoun_d(c, t, skip, nskip, 0);
}

/* ---------------------------------------------------------------- groups of names */

static void add_pronoun_ref(const ctx *c, size_t t, group *g, const group *skip)
{
    int p = pronoun(c, t);
    if (p == PR_THEY || p == PR_THEM || p == PR_THEIR) {
        plural_antecedent(c, t, g);
        return;
    }
    group_add(g, resolve_pronoun(c, t, skip ? skip->v : NULL, skip ? skip->n : 0));
}

/* "the latter", "the defendants", "these men": who the text set up. */
static void description_ref(const ctx *c, size_t t, group *g)
{
    const dx_doc *d = c->doc;
    size_t s = d->toks.items[t].sent;
    size_t lo = d->sents.items[s > 2 ? s - 2 : 0].tok_begin;
    uint8_t kind = c->desc[t];
    if (kind == DESC_LATTER) {
        /* "the former Tsar" is an adjective, not a reference */
        size_t e0 = t;
        while (e0 < d->toks.len && (c->cover[e0] & K_DESC)) e0++;
        if (e0 < d->toks.len && (tok(c, e0)->flags & DX_TK_CAP) && !ment_at(c, e0)) return;
        /* the last person named before ("the former": the one before him) */
        int former = (t + 1 < d->toks.len && c->key[t + 1] == c->ev->k_former) || c->key[t] == c->ev->k_former;
        int32_t last = -1, before = -1;
        for (size_t k = t; k-- > lo;) {
            const dx_mention *m = actor_ment(c, k);
            if (!m) continue;
            if (last < 0) last = m->ent;
            else if (m->ent != last) {
                before = m->ent;
                break;
            }
            k = ment_first_tok(c, k);
        }
        group_add(g, former ? before : last);
        return;
    }
    if (kind == DESC_GROUP) {
        /* the patients of the latest charge, trial, arrest or sentence */
        for (size_t i = d->events.len; i-- > 0;) {
            const dx_event *e = &d->events.items[i];
            if (e->sent + 2 < s) break;
            if (e->sent == s) continue;
            if ((e->type == DX_EV_CHARGE || e->type == DX_EV_TRIAL || e->type == DX_EV_SENTENCE ||
                 e->type == DX_EV_ARREST) && e->n_patients) {
                for (size_t k = 0; k < e->n_patients; k++) group_add(g, e->patients[k]);
                return;
            }
        }
    }
}

/* The names before token `from` that act as its subject: a list ("Rykov,
 * Bukharin and Yagoda"), a pronoun, a description, or the antecedent of
 * "who". At most maxgap tokens between `from` and the group; never across a
 * clause barrier. */
static void left_group_from(const ctx *c, size_t from, size_t lo, size_t maxgap, group *g, const group *skip)
{
    const dx_sentence *se = &c->doc->sents.items[c->doc->toks.items[from < c->doc->toks.len ? from : from - 1].sent];
    size_t t = from, gap = 0, first = g->n;
    if (lo < se->tok_begin) lo = se->tok_begin;
    int found = 0, conj = 0;
    while (t > lo) {
        t--;
        const dx_mention *m = ment_at(c, t);
        uint32_t cv = c->cover[t];
        /* "A, B and C were": a list of names ends with a conjunction; in
         * "After pursuing Villa, Pershing was" the comma ends the subject */
        if (found && c->key[t] == c->ev->k_comma && !conj) break;
        if (found && (cv & K_LIST) && c->key[t] != c->ev->k_comma) conj = 1;
        if (is_actor(m)) {
            size_t mf = ment_first_tok(c, t), me = t + 1;
            /* "GPU agents": an organisation naming a noun is no subject */
            int modifier = m->type == DX_ENT_ORG && me < c->doc->toks.len && me != from &&
                           (c->doc->toks.items[me].flags & DX_TK_WORD) &&
                           !(c->doc->toks.items[me].flags & DX_TK_CAP) &&
                           !(c->cover[me] & (K_LIST | K_BE | K_BARRIER | K_REL | K_AUX | K_ADV | K_VERB)) &&
                           !c->trig_at[me];
            /* "the head of the GPU, Medved": a possessor ends the list */
            int possessor = found && mf > lo &&
                            ((c->cover[mf - 1] & K_OF) ||
                             (mf > lo + 1 && (c->cover[mf - 1] & K_DET) && (c->cover[mf - 2] & K_OF)));
            t = mf;
            if (possessor) {
                /* "the accounts of Chernov and Zelensky": both, the of-phrase's
                 * list; "the head of the GPU, Medved": not the GPU */
                if (conj) group_add(g, m->ent);
                break;
            }
            if (modifier) {
                if (found) break;
                if (++gap > maxgap) break;
                continue;
            }
            group_add(g, m->ent);
            found = 1;
            continue;
        }
        if (m) { /* a date or place between subject and verb */
            t = ment_first_tok(c, t);
            if (found) break;
            if (++gap > maxgap) break;
            continue;
        }
        if (pronoun(c, t) >= 0) {
            size_t before = g->n;
            add_pronoun_ref(c, t, g, skip);
            if (g->n > before) {
                /* "they": its names in text order once the group is turned round below */
                for (size_t i = before, j = g->n; i + 1 < j; i++, j--) {
                    int32_t x = g->v[i];
                    g->v[i] = g->v[j - 1];
                    g->v[j - 1] = x;
                }
                found = 1;
                continue;
            }
            if (!found) break;
        }
        if ((cv & K_DESC) && IS_DESCRIPTION(c->desc[t]) && !found) {
            size_t before = g->n;
            size_t d0 = t;
            while (d0 > lo && (c->cover[d0 - 1] & K_DESC)) d0--;
            description_ref(c, d0, g);
            if (g->n > before) {
                found = 1;
                t = d0;
                continue;
            }
        }
        if (cv & K_REL) {
            if (found) break;
            /* "Trotsky, who ... fled": the antecedent before the comma */
            if (t > se->tok_begin && (c->cover[t - 1] & K_LIST)) t--;
            gap = 0;
            maxgap = 1;
            continue;
        }
        if (cv & K_BARRIER) break;
        if (found) {
            /* "arrested Belov, and Gromov fled": the name before ", and" is the
             * object of the clause before, not a subject beside this one */
            if ((c->key[t] == c->ev->k_and) && t > se->tok_begin + 2 &&
                c->key[t - 1] == c->ev->k_comma && actor_at(c, t - 2)) {
                size_t f0 = ment_first_tok(c, t - 2);
                if (f0 > se->tok_begin && verbish(c, f0 - 1, se->tok_begin)) break;
            }
            if ((cv & (K_LIST | K_BE)) || (word_class_at(c, t) & DX_W_TITLE)) continue;
            /* "Madero and vice president Pino Suarez": words of a title
             * between a conjunction and the name */
            if (lower_word(c, t) && !(cv & ~K_OFFICE) && !c->trig_at[t]) {
                size_t j = t;
                while (j > lo && t - j < 2 && lower_word(c, j - 1) && !(c->cover[j - 1] & ~K_OFFICE) && !c->trig_at[j - 1]) j--;
                if (j > lo + 1 && (c->cover[j - 1] & K_LIST) && c->key[j - 1] != c->ev->k_comma && actor_at(c, j - 2)) {
                    t = j;
                    continue;
                }
            }
            break;
        }
        if (!(cv & K_LIST) && ++gap > maxgap) break;
    }
    for (size_t i = first, j = g->n; i + 1 < j; i++, j--) {
        int32_t x = g->v[i];
        g->v[i] = g->v[j - 1];
        g->v[j - 1] = x;
    }
}

/* The names from token `from` on: a list after a verb, "of", or "by". Skips
 * up to maxgap words of a noun phrase before the first name (determiners and
 * titles are free); stops at a preposition, a verb or a barrier. */
static void right_group_poss(const ctx *c, size_t from, size_t maxgap, group *g, const group *skip, int poss)
{
    if (from >= c->doc->toks.len) return;
    const dx_sentence *se = &c->doc->sents.items[c->doc->toks.items[from].sent];
    size_t t = from, gap = 0, first = g->n, after_first = SIZE_MAX;
    int found = 0, conj = 0, head = 0, plain = 1; /* a common noun seen; nothing but a noun phrase's words */
    while (t < se->tok_end) {
        const dx_mention *m = ment_at(c, t);
        uint32_t cv = c->cover[t];
        if (is_actor(m)) {
            size_t me = ment_end_tok(c, t);
            /* "by Stalin's agents": the possessor (an agent); "killed
             * Hussein's sons": not Hussein */
            int possessor = me + 1 < se->tok_end && c->key[me] == c->ev->k_apos && c->key[me + 1] == c->ev->k_s;
            if (possessor && !poss) {
                if (found) break;
                t = me + 2;
                if (++gap > maxgap) break;
                continue;
            }
            group_add(g, m->ent);
            if (!found) after_first = g->n;
            found = 1;
            t = me;
            if (possessor) break;
            continue;
        }
        if (m) {
            if (found) break;
            plain = 0;
            t = ment_end_tok(c, t);
            /* "U.S. Ambassador X": a country before a title is part of it */
            int of_title = m->type == DX_ENT_PLACE && t < se->tok_end && (word_class_at(c, t) & DX_W_TITLE) &&
                           (tok(c, t)->flags & DX_TK_CAP);
            if (!of_title && ++gap > maxgap) break;
            continue;
        }
        if (pronoun(c, t) >= 0 && !found) {
            int pp = pronoun(c, t);
            /* "fired his shot": a possessive is no object */
            if (!poss && (pp == PR_HIS || pp == PR_THEIR || (pp == PR_HER && t + 1 < se->tok_end && lower_word(c, t + 1) &&
                                                               !(c->cover[t + 1] & (K_PREP | K_BARRIER | K_LIST))))) {
                t++;
                if (++gap > maxgap) break;
                continue;
            }
            size_t before = g->n;
            add_pronoun_ref(c, t, g, skip);
            if (g->n > before) {
                found = 1;
                t++;
                continue;
            }
            break;
        }
        if ((cv & K_DESC) && IS_DESCRIPTION(c->desc[t]) && !found) {
            size_t before = g->n;
            description_ref(c, t, g);
            if (g->n > before) {
                found = 1;
                while (t < se->tok_end && (c->cover[t] & K_DESC)) t++;
                continue;
            }
        }
        if (cv & (K_BARRIER | K_REL)) break;
        if (found) {
            /* an apposition: "Maxim Gorky, his son Maxim Peshkov, the
             * chairman of the security police Menzhinsky" */
            if ((cv & K_LIST) && t + 1 < se->tok_end && ((c->cover[t + 1] & K_DET) || pronoun(c, t + 1) == PR_HIS)) {
                size_t k = t + 1;
                while (k < se->tok_end && k < t + 8 && !ment_at(c, k) &&
                       !(c->cover[k] & (K_BARRIER | K_BE | K_REL | K_PREP)) && (c->doc->toks.items[k].flags & DX_TK_WORD))
                    k++;
                if (k < se->tok_end && is_actor(ment_at(c, k))) {
                    t = k;
                    conj = 1; /* an apposition, not a comma list */
                    continue;
                }
            }
            if ((cv & K_LIST) || (word_class_at(c, t) & DX_W_TITLE)) {
                /* "arrested Belov, and Gromov fled": a name a verb follows
                 * starts a clause of its own */
                if (c->key[t] == c->ev->k_comma && t + 2 < se->tok_end &&
                    c->key[t + 1] == c->ev->k_and && is_actor(ment_at(c, t + 2))) {
                    size_t me = ment_end_tok(c, t + 2);
                    if (me < se->tok_end && verbish(c, me, se->tok_begin) && !(c->cover[me] & (K_BE | K_AUX))) break;
                }
                if ((cv & K_LIST) && c->key[t] != c->ev->k_comma) conj = 1;
                t++;
                continue;
            }
            break;
        }
        if ((cv & (K_PREP | K_BE | K_AUX)) && !(cv & K_OF) && t > from) break;
        /* a verb ends the phrase; a participle after a determiner is an
         * adjective inside it ("overthrew the elected government of X") */
        if (verbish(c, t, from) && t > from && !(participle(c, t) && (c->cover[t - 1] & K_DET))) break;
        /* "shot the German envoy, Count X, in Moscow": a name set beside a
         * plain noun phrase, closed by a comma, a preposition or the
         * sentence's end (not "shot the envoy, X fled") */
        if (!found && head && plain && t > from && c->key[t] == c->ev->k_comma && t + 1 < se->tok_end &&
            is_actor(ment_at(c, t + 1))) {
            size_t me = ment_end_tok(c, t + 1);
            if (me >= se->tok_end || c->key[me] == c->ev->k_comma || c->key[me] == c->ev->k_period ||
                (c->cover[me] & (K_PREP | K_BARRIER | K_END))) {
                t++;
                continue;
            }
        }
        /* "seized a horse and Villa decided": the phrase ended */
        if ((cv & K_LIST) && !(cv & K_DET) && t > from) break;
        if (!(cv & K_DET) && !(word_class_at(c, t) & DX_W_TITLE) && ++gap > maxgap) break;
        if (!(cv & K_DET)) {
            /* nouns of office and adjectives ("the former commissar") are a noun phrase's */
            int nounish = !(cv & ~(K_OFFICE | K_DESC | K_ADV | K_COUNT)) && !c->trig_at[t];
            if (lower_word(c, t) && nounish) head = 1;
            else if (!(word_class_at(c, t) & DX_W_TITLE) && !((tok(c, t)->flags & DX_TK_CAP) && nounish)) plain = 0;
        }
        t++;
    }
    /* "the assassination of Madero, Villa returned": names joined by commas
     * alone are no list (it ends with "and") */
    if (found && !conj && after_first != SIZE_MAX && g->n > after_first) g->n = after_first;
    (void)first;
}

static void right_group(const ctx *c, size_t from, size_t maxgap, group *g, const group *skip)
{
    right_group_poss(c, from, maxgap, g, skip, 1);
}

/* The index of the first cue of the sentence that starts at t or after
 * (they are in token order). */
static size_t first_cue_from(const ctx *c, size_t t)
{
    size_t lo = 0, hi = c->cues.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->cues.items[mid].a < t) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The token index right after a cue of kind1 starting within within1 tokens
 * of t (dates and places in between are free: "the detention in 1949 of")
 * in *r1, or 0; the same for (kind2, within2) in *r2 (kind2 0: none). A
 * noun trigger asks for its of- and by-phrase from the same token, and the
 * cues and tokens after it are walked once, not twice. The cues are in token
 * order, and the span and the barriers from t only grow with the distance:
 * the tokens are scanned once, and the first cue out of reach ends the
 * search (rescanning from t for every cue of the sentence made a sentence of
 * 300,000 tokens, a line without a full stop, take minutes). */
static inline void after_cue2(const ctx *c, size_t t, size_t end, uint32_t kind1, size_t within1, size_t *r1,
                       uint32_t kind2, size_t within2, size_t *r2)
{
    size_t span = 0, k = t;
    int crossed = 0;
    int todo1 = any_cue(c, kind1), todo2 = any_cue(c, kind2);
    *r1 = *r2 = 0;
    if (!todo1 && !todo2) return;
    for (size_t i = first_cue_from(c, t); i < c->cues.len && (todo1 || todo2); i++) {
        const cue_hit *h = &c->cues.items[i];
        for (; k < h->a; k++) {
            crossed |= (c->cover[k] & K_BARRIER) != 0 || c->trig_at[k] || actor_at(c, k);
            const dx_mention *m = ment_at(c, k);
            if (m && (m->type == DX_ENT_DATE || m->type == DX_ENT_PLACE)) continue;
            span++;
        }
        if (crossed || span > within1) todo1 = 0;
        if (crossed || span > within2) todo2 = 0;
        if (todo1 && (h->kinds & kind1) && h->b <= end) {
            *r1 = h->b;
            todo1 = 0;
        }
        if (todo2 && (h->kinds & kind2) && h->b <= end) {
            *r2 = h->b;
            todo2 = 0;
        }
    }
}

/* after_cue2 for one kind. */
static size_t after_cue(const ctx *c, size_t t, size_t end, uint32_t kind, size_t within)
{
    size_t r, none;
    after_cue2(c, t, end, kind, within, &r, 0, 0, &none);
    return r;
}

/* Names written against a noun trigger: "Kirov assassination",
 * "Bukharin-Rykov trial", "Stalin's plans", "his arrest". */
static void noun_modifiers(const ctx *c, size_t a, size_t begin, group *g)
{
    size_t t = a;
    if (t > begin && (c->cover[t - 1] & K_DET) && t >= begin + 2 && c->key[t - 1] != c->key[t - 2]) {
        /* "'s": skip the two tokens of the possessive */
        const dx_doc *d = c->doc;
        const dx_token *s_tok = &d->toks.items[t - 1];
        if (s_tok->end - s_tok->start == 1 && (d->text[s_tok->start] == 's')) t -= 2;
    }
    /* "his preposterous confessions": past up to two adjectives */
    for (size_t k = 1; k <= 3 && t >= begin + k; k++) {
        int p = pronoun(c, t - k);
        if (p == PR_HIS || p == PR_HER || p == PR_THEIR) {
            t = t - k + 1;
            break;
        }
        const dx_token *tk = &c->doc->toks.items[t - k];
        /* "his testimony and trial": a noun coordinated with the trigger */
        if (k < 3 && (c->key[t - k] == c->ev->k_and || c->key[t - k] == c->ev->k_or)) continue;
        if (!(tk->flags & DX_TK_WORD) || (tk->flags & DX_TK_CAP) || c->cover[t - k]) break;
    }
    /* the possessor of the noun coordinated just before the trigger, whatever
     * that noun is ("his testimony and trial", "Belov's arrest and trial") */
    if (t == a && a >= begin + 3 && (c->key[a - 1] == c->ev->k_and || c->key[a - 1] == c->ev->k_or) &&
        lower_word(c, a - 2)) {
        size_t n = a - 2;
        int p = pronoun(c, n - 1);
        if (p == PR_HIS || p == PR_HER || p == PR_THEIR) t = n;
        else if (n >= begin + 3 && c->key[n - 1] == c->ev->k_s && c->key[n - 2] == c->ev->k_apos && actor_at(c, n - 3))
            t = n - 2;
    }
    if (t > begin) {
        int p = pronoun(c, t - 1);
        if (p == PR_HIS || p == PR_HER || p == PR_THEIR) {
            add_pronoun_ref(c, t - 1, g, NULL);
            return;
        }
    }
    size_t first = g->n;
    while (t > begin) {
        const dx_mention *m = ment_at(c, t - 1);
        if (is_actor(m)) {
            group_add(g, m->ent);
            t = ment_first_tok(c, t - 1);
            if (t > begin && c->key[t - 1] == c->ev->k_dash) {
                t--;
                continue;
            }
            /* "Yagoda's, Bukharin's and Rykov's conspiracies" */
            if (t >= begin + 4 && (c->key[t - 1] == c->ev->k_and || c->key[t - 1] == c->ev->k_comma) &&
                c->key[t - 2] == c->ev->k_s && c->key[t - 3] == c->ev->k_apos && actor_at(c, t - 4)) {
                t -= 3;
                continue;
            }
        }
        break;
    }
    for (size_t i = first, j = g->n; i + 1 < j; i++, j--) { /* in text order */
        int32_t x = g->v[i];
        g->v[i] = g->v[j - 1];
        g->v[j - 1] = x;
    }
}

/* ---------------------------------------------------------------- clauses */

/* Back from the verb at a over its group: auxiliaries, be-forms (passive,
 * unless the verb is in -ing), adverbs and negation. */
static size_t verb_group_start(const ctx *c, size_t a, size_t lo, int *passive, int *aux)
{
    size_t t = a;
    int ing = ends_with(c, a, "ing");
    while (t > lo) {
        uint32_t cv = c->cover[t - 1];
        if (cv & (K_LIST | K_BARRIER | K_REL)) {
            /* "also" is both; "were both assassinated" */
            if ((cv & K_DET) && (cv & K_LIST)) {
                t--;
                continue;
            }
            if (!(cv & K_ADV)) break;
        }
        if (cv & K_BE) {
            if (!ing) *passive = 1;
            *aux = 1;
            t--;
            continue;
        }
        if (cv & (K_AUX | K_ADV | K_NEGATE | K_HYPO)) {
            if (cv & (K_AUX | K_HYPO)) *aux = 1;
            if ((cv & K_HYPO) && !(cv & (K_AUX | K_ADV)) && !(c->key[t - 1] == c->ev->k_would)) break;
            t--;
            continue;
        }
        break;
    }
    return t;
}

/* The comma before the one at k that opens a parenthesis (an apposition or
 * a relative clause) between a subject and its verb, within 16 tokens and
 * with no verb outside a relative clause in between; SIZE_MAX if none. */
static size_t parenthesis_open(const ctx *c, size_t k, size_t lo, int *relative)
{
    *relative = 0;
    for (size_t t = k; t-- > lo && t + 16 > k;) {
        if (c->key[t] == c->ev->k_comma) {
            *relative = t + 1 < k && (c->cover[t + 1] & K_REL);
            return t;
        }
        if (c->cover[t] & K_BARRIER) return SIZE_MAX;
        if (c->cover[t] & K_REL) continue;
        if (verbish(c, t, lo)) {
            /* a verb is allowed inside a relative clause only */
            size_t r = t;
            while (r > lo && !(c->cover[r] & K_REL) && c->key[r] != c->ev->k_comma) r--;
            if (!(c->cover[r] & K_REL)) return SIZE_MAX;
        }
    }
    return SIZE_MAX;
}

/* The previous verb of a coordinated chain ("arrested, tried and shot",
 * "detained in 1938 and shot in 1939"): the nearest verb left of the
 * coordinator at k in the same clause, with only its complements between. */
static size_t prev_verb(const ctx *c, size_t k, size_t lo)
{
    for (size_t t = k; t-- > lo && t + 14 > k;) {
        uint32_t cv = c->cover[t];
        if (cv & (K_BARRIER | K_REL)) return SIZE_MAX;
        if (verbish(c, t, lo) && !(cv & K_REPORT)) return t;
        /* a new subject before a verb would have been met first: a name
         * right after a coordinator starts another clause */
    }
    return SIZE_MAX;
}

/* The first verb of the clause that ends at k (none past a barrier or a
 * relative pronoun); SIZE_MAX if none. */
static size_t first_verb(const ctx *c, size_t k, size_t lo)
{
    size_t t = k;
    while (t > lo && !(c->cover[t - 1] & (K_BARRIER | K_REL | K_END))) t--;
    for (; t < k; t++)
        if (verbish(c, t, lo) && !(c->cover[t] & K_REPORT)) return t;
    return SIZE_MAX;
}

static void np_names_left(const ctx *c, size_t t, size_t lo, group *g, int agent);

/* The names of a relative pronoun's antecedent at k ("Sokolov, who"). */
static void rel_antecedent(const ctx *c, size_t k, size_t lo, group *g)
{
    size_t t = k;
    if (t > lo && (c->key[t - 1] == c->ev->k_comma || c->key[t - 1] == c->ev->k_lparen)) t--; /* "Kirov (who" */
    if (t > lo && (actor_at(c, t - 1) || pronoun(c, t - 1) >= 0))
        left_group_from(c, t, lo, 0, g, NULL);
    else
        np_names_left(c, t, lo, g, 1);
}

/* The names inside the noun phrase that ends before t: its possessor
 * ("Stalin's agents"), its of-phrase ("the members of the Directory"), a
 * list of them ("Danton, Desmoulins and their co-accused"). */
static void np_names_left(const ctx *c, size_t t, size_t lo, group *g, int agent)
{
    size_t k = t, words = 0;
    group tmp;
    tmp.n = 0;
    while (k > lo && words < 10) {
        size_t j = k - 1;
        uint32_t cv = c->cover[j];
        const dx_mention *m = ment_at(c, j);
        if (is_actor(m)) {
            /* a possessor ("Stalin's agents", "Yudenich's soldiers") stands
             * for those who act, not for those to whom it is done */
            size_t me = ment_end_tok(c, j);
            int possessor = me + 1 < t && c->key[me] == c->ev->k_apos && c->key[me + 1] == c->ev->k_s;
            if (!possessor || agent) group_add(&tmp, m->ent);
            k = ment_first_tok(c, j);
            words++;
            continue;
        }
        if (m) break; /* a date or a place ends it */
        if ((cv & K_DESC) && IS_DESCRIPTION(c->desc[j])) {
            /* "the latter organisation", "the accused men" */
            size_t d0 = j;
            while (d0 > lo && (c->cover[d0 - 1] & K_DESC)) d0--;
            description_ref(c, d0, &tmp);
            break;
        }
        if (cv & (K_BARRIER | K_REL | K_BE | K_AUX | K_VERB | K_REPORT)) break;
        if ((cv & K_PREP) && !(cv & K_OF)) break;
        if (c->trig_at[j] && !(c->cover[j] & K_DET) && verbish(c, j, lo)) break;
        if (pronoun(c, j) >= 0) {
            int p = pronoun(c, j);
            if (p == PR_HIS || p == PR_HER || p == PR_THEIR) {
                /* "Kolchak and his prime minister": go on to the first conjunct */
                if (agent) add_pronoun_ref(c, j, &tmp, NULL);
                k = j;
                words++;
                continue;
            }
            break;
        }
        if (!is_word(c, j) && c->key[j] != c->ev->k_apos && c->key[j] != c->ev->k_comma &&
            c->key[j] != c->ev->k_dash)
            break;
        if (is_word(c, j) && verbish(c, j, lo) && !(c->cover[j] & K_DET)) break;
        k = j;
        words++;
    }
    /* in text order */
    for (size_t i = tmp.n; i-- > 0;) group_add(g, tmp.v[i]);
}

/* Enumerations after a group noun: ", among them A, B and C", "including A
 * and B", ": A, B, C". */
static void enumeration_after(const ctx *c, size_t t, size_t end, group *g)
{
    for (size_t k = t; k < end && k < t + 14; k++) {
        if ((c->cover[k] & K_AMONG) || c->key[k] == c->ev->k_colon) {
            size_t j = k;
            while (j < end && (c->cover[j] & K_AMONG)) j++;
            if (j == k) j++;
            right_group(c, j, 3, g, NULL);
            return;
        }
        if (c->cover[k] & (K_BARRIER | K_REL)) return;
        if (verbish(c, k, t) && k > t) return;
    }
}


/* A token of a noun phrase or a prepositional phrase inside a clause: a
 * name, a place, a date, a number, a determiner, a preposition, a list's
 * comma or conjunction, a title, a possessive's "'s", or a lowercase word
 * that is no verb, trigger or cue. */
static int np_word(const ctx *c, size_t j)
{
    if (ment_at(c, j)) return 1;
    uint32_t cv = c->cover[j];
    if (cv & (K_BARRIER | K_REL | K_BE | K_AUX | K_END | K_VERB | K_GOVERN | K_HYPO | K_SCOPE | K_DESC)) return 0;
    if (c->trig_at[j]) return 0;
    if (cv & (K_DET | K_LIST | K_PREP | K_OF | K_COUNT)) return 1;
    const dx_token *tk = tok(c, j);
    if (tk->flags & DX_TK_NUM) return 1;
    if (c->key[j] == c->ev->k_apos || c->key[j] == c->ev->k_s) return 1;
    if (!(tk->flags & DX_TK_WORD)) return 0;
    if (word_class_at(c, j) & DX_W_TITLE) return 1;
    if ((tk->flags & DX_TK_CAP) && !cv) return 1; /* a name no list knows */
    return lower_word(c, j) && !cv && !verbish(c, j, 0);
}

/* "The convention", "the committee", "the party": the organisation whose
 * name has that word, named in the eight sentences before; -1 if none or
 * if two differ. */
static int32_t body_named(const ctx *c, size_t t)
{
    const dx_doc *d = c->doc;
    const dx_token *tk = tok(c, t);
    size_t n = tk->end - tk->start;
    if (n < 4) return -1;
    const char *w = d->text + tk->start;
    size_t s = tk->sent;
    size_t lo = d->sents.items[s > 8 ? s - 8 : 0].tok_begin;
    /* (none without an ORG in those sentences: most) */
    uint8_t orgs = 0;
    for (size_t s2 = s > 8 ? s - 8 : 0; s2 <= s; s2++) orgs |= c->sent_ments[s2];
    if (!(orgs & SM_ORG)) return -1;
    int32_t found = -1;
    for (size_t k = t; k-- > lo;) {
        const dx_mention *m = actor_ment(c, k);
        if (!m || m->type != DX_ENT_ORG || m->ent < 0) continue;
        k = ment_first_tok(c, k);
        const char *label = d->ents.items[m->ent].label;
        for (const char *p = label; p && *p;) {
            size_t len = strcspn(p, " -");
            if (len == n && !strncasecmp(p, w, n)) {
                if (found >= 0 && found != m->ent) return -1;
                found = m->ent;
                break;
            }
            p += len;
            while (*p == ' ' || *p == '-') p++;
        }
    }
    return found;
}

/* "Arrested in 1950 on charges of ..., they were tried": a participial
 * phrase opening the sentence describes the main clause's subject. */
static void opening_participle_subject(const ctx *c, size_t a, size_t end, group *g)
{
    for (size_t k = a + 1; k < end && k < a + 24; k++) {
        if (c->cover[k] & K_BARRIER) return;
        if (c->key[k] != c->ev->k_comma) continue;
        size_t j = k + 1;
        while (j < end && (c->cover[j] & (K_ADV | K_DET))) j++;
        if (j < end && (actor_at(c, j) || pronoun(c, j) >= 0)) {
            right_group(c, j, 0, g, NULL);
            return;
        }
    }
}

/* k, or the opening quotation mark right before it ("was 'to confess'"):
 * where the words before a quotation that opens at k end. */
static size_t opening_quote_before(const ctx *c, size_t k, size_t lo)
{
    if (k > lo + 1 && (c->key[k - 1] == c->ev->k_ldquo || c->key[k - 1] == c->ev->k_quot) && c->quote_of[k] >= 0 &&
        c->quotes.items[c->quote_of[k]].a == k)
        return k - 1;
    return k;
}

/* The subject of the verb at a: names, a pronoun, a description, the
 * antecedent of a relative pronoun, the subject shared by a chain of
 * coordinated verbs, past an apposition or a relative clause, or the names
 * inside a common-noun subject. vo->passive says whether the verb is passive
 * (a be-form in its group, or shared with the verb it is coordinated with). */
/* A gerund after "for" whose doer is the object before it ("criticized him
 * for failing", "thanked Madero for coming"), also through a gerund after
 * "by" that goes with it ("for appearing weak by not assuming the
 * presidency": he assumes). k: the word before the gerund's verb group.
 * Adds the doer to g and returns 1; 0 when the text does not say so. */
static int gerund_controller(const ctx *c, size_t a, size_t k, size_t lo, group *g)
{
    if (!lower_word(c, a) || !ends_with(c, a, "ing")) return 0;
    for (int hop = 0; hop < 3 && k > lo; hop++) {
        if (c->key[k] == c->ev->k_for) {
            size_t before = g->n;
            size_t f = actor_at(c, k - 1) ? ment_first_tok(c, k - 1) : k - 1;
            /* (not "praised by the king for arresting X": the king praises) */
            int by_agent = f > lo && c->key[f - 1] == c->ev->k_by;
            if ((actor_at(c, k - 1) || pronoun(c, k - 1) >= 0) && !by_agent) {
                left_group_from(c, k, lo, 0, g, NULL);
            } else if (by_agent && f - 1 > lo && verbish(c, f - 2, lo)) {
                voice v2;
                find_subject(c, f - 2, lo, g, &v2, 1);
            } else if (verbish(c, k - 1, lo)) {
                /* "X was dismissed for arresting Y": the governing verb's
                 * subject (it is his act, whatever the voice of that verb) */
                voice v2;
                find_subject(c, k - 1, lo, g, &v2, 1);
            }
            return g->n > before;
        }
        if (c->key[k] != c->ev->k_by) return 0;
        /* "by" after another gerund and its complement: that gerund's doer */
        size_t q = k;
        while (q > lo && k - q < 5 && !(lower_word(c, q - 1) && ends_with(c, q - 1, "ing")) &&
               !(c->cover[q - 1] & (K_BARRIER | K_END)))
            q--;
        if (q <= lo + 1 || k - q >= 5 || !(lower_word(c, q - 1) && ends_with(c, q - 1, "ing"))) return 0;
        k = q - 2; /* the word before that gerund */
    }
    return 0;
}

static void find_subject(const ctx *c, size_t a, size_t lo, group *g, voice *vo, int depth)
{
    vo->passive = vo->aux = 0;
    size_t t = verb_group_start(c, a, lo, &vo->passive, &vo->aux);
    if (c->cover[a] & K_BE) vo->passive = vo->aux = 1; /* the trigger is "was sentenced" */
    const dx_sentence *se = &c->doc->sents.items[tok(c, a)->sent];
    if (t <= lo) {
        /* "Jailed in Mexico City, Villa escaped": capitalised as the sentence's first word */
        const dx_token *ft = tok(c, a);
        int part = participle(c, a) || (a == se->tok_begin && (ft->flags & DX_TK_WORD) && !(ft->flags & DX_TK_NUM) &&
                                        !ment_at(c, a) && (ends_with(c, a, "ed") || ends_with(c, a, "en")));
        if (depth == 0 && t == se->tok_begin && part) {
            vo->passive = 1;
            opening_participle_subject(c, a, se->tok_end, g);
        }
        return;
    }
    size_t k = t - 1;
    if (gerund_controller(c, a, k, lo, g)) return;
    if (c->key[k] == c->ev->k_to && k > lo) {
        /* an infinitive: the object of the verb governing it ("need me to
         * die", "ordered Richardson to fire him"), else that verb's subject
         * ("planned to kill"); a name after "against", "with", "from",
         * "in" or "at" is none ("plotted against X to install Y": the
         * plotters install Y; "put questions to X to confirm": X does) */
        if (actor_at(c, k - 1) || pronoun(c, k - 1) >= 0) {
            size_t f = actor_at(c, k - 1) ? ment_first_tok(c, k - 1) : k - 1;
            uint64_t pk = f > lo ? c->key[f - 1] : 0;
            int prep = f > lo && (pk == c->ev->k_against || pk == c->ev->k_with || pk == c->ev->k_from ||
                                  pk == c->ev->k_in || pk == c->ev->k_at);
            if (!prep) {
                left_group_from(c, k, lo, 0, g, NULL);
                return;
            }
        }
        /* "the aim of X was to kill", "his job was to confess", "X was to
         * confess": the names of the be-form's subject; a quotation may
         * open on the infinitive ("his job was 'to confess'") */
        size_t kb = opening_quote_before(c, k, lo);
        if ((c->cover[kb - 1] & K_BE) && !(c->cover[kb - 1] & K_AUX) && kb - 1 > lo) {
            np_names_left(c, kb - 1, lo, g, 1);
            return;
        }
        /* the verb within three words; further back only past noun phrases,
         * names and their prepositions ("conspired with A, B and C, to
         * remove X", "sent A and his troops on a pursuit to capture X"):
         * its subject does what it was done for */
        int np_only = 1;
        size_t k0 = k; /* "in order to": the clause before it */
        if (k >= lo + 2 && c->key[k - 1] == c->ev->k_order && c->key[k - 2] == c->ev->k_in) k0 = k - 2;
        for (size_t j = k0; j-- > lo && j + 24 > k0;) {
            if (c->cover[j] & K_BARRIER) break;
            if ((c->cover[j] & (K_HYPO | K_VERB | K_GOVERN)) || verbish(c, j, lo) ||
                ((c->cover[j] & K_DESC) && c->desc[j] == DESC_ATTEMPT)) {
                size_t j0 = j;
                while (j0 > lo && (c->cover[j0 - 1] & (K_HYPO | K_DESC)) && c->cover[j0 - 1] == c->cover[j]) j0--;
                if (depth < 6) {
                    voice v2;
                    size_t before = g->n;
                    find_subject(c, j0, lo, g, &v2, depth + 1);
                    /* "X conspired with Y to": Y plots too */
                    const pattern *gp = trig_pat_at(c, j);
                    if (g->n > before && gp && gp->frame == FR_AG && !v2.passive) {
                        size_t w = j + c->trig[c->trig_at[j] - 1].len;
                        if (w < k && c->key[w] == c->ev->k_with) right_group(c, w + 1, 1, g, g);
                    }
                }
                return;
            }
            np_only = np_only && np_word(c, j);
            if (j + 4 <= k0 && !np_only) break;
        }
        return;
    }
    if (actor_at(c, k) || pronoun(c, k) >= 0 || ((c->cover[k] & K_DESC) && IS_DESCRIPTION(c->desc[k]))) {
        /* "Chervyakov and the people connected with you maintained": a name
         * after a preposition is no subject; the names of the noun phrase
         * the prepositional phrase belongs to are */
        size_t f = actor_at(c, k) ? ment_first_tok(c, k) : k;
        if (f > lo + 1 && (c->cover[f - 1] & K_PREP) && !(c->cover[f - 1] & (K_OF | K_LIST)) &&
            !ends_with(c, a, "ing")) { /* "begins with Bukharin pleading guilty": its subject */
            size_t j = f - 1;
            while (j > lo && f - j < 4 && lower_word(c, j - 1) && !c->trig_at[j - 1] &&
                   !(c->cover[j - 1] & (K_BARRIER | K_REL | K_BE | K_AUX | K_VERB | K_PREP)))
                j--;
            np_names_left(c, j, lo, g, 1);
            return;
        }
        /* "Stalin's men killed": the possessor */
        left_group_from(c, t, lo, 0, g, NULL);
        return;
    }
    if (c->cover[k] & K_REL) {
        if (c->key[k] == c->ev->k_whom) return; /* "whom X arrested": the object; see below */
        rel_antecedent(c, k, lo, g);
        return;
    }
    /* "X was among those charged" */
    if ((c->cover[k] & K_DESC) && c->desc[k] == DESC_THOSE && k > lo && (c->cover[k - 1] & K_PREP)) {
        size_t j = k - 1;
        int pv = 0, ax = 0;
        size_t s0 = verb_group_start(c, j, lo, &pv, &ax);
        if (s0 > lo) left_group_from(c, s0, lo, 0, g, NULL);
        vo->passive = 1;
        return;
    }
    if (c->cover[k] & (K_LIST | K_ADV)) {
        int relative = 0;
        if (c->key[k] == c->ev->k_comma) {
            size_t q = parenthesis_open(c, k, lo, &relative);
            if (q != SIZE_MAX && q > lo) {
                /* "he was, along with A and B, found guilty": the be-form before it */
                if ((c->cover[q - 1] & K_BE) && !ends_with(c, a, "ing")) vo->passive = vo->aux = 1;
                if (relative) {
                    rel_antecedent(c, q + 1, lo, g);
                    return;
                }
                /* the end of a list of names ("A, B and C, found guilty") */
                int list = 1;
                for (size_t j = q + 1; list && j < k; j++)
                    list = actor_at(c, j) || (c->cover[j] & (K_LIST | K_DET)) || (word_class_at(c, j) & DX_W_TITLE);
                if (list && actor_at(c, k - 1)) {
                    left_group_from(c, t, lo, 0, g, NULL);
                    return;
                }
                /* an apposition: the name before it, else the names in it */
                if (actor_at(c, q - 1) || pronoun(c, q - 1) >= 0) {
                    left_group_from(c, q, lo, 0, g, NULL);
                    return;
                }
                size_t before = g->n;
                for (size_t j = q + 1; j < k; j++)
                    if (actor_at(c, j)) {
                        group_add(g, ment_at(c, j)->ent);
                        j = ment_end_tok(c, j) - 1;
                    }
                if (g->n > before) return;
                np_names_left(c, q, lo, g, !vo->passive);
                return;
            }
        }
        size_t pv = depth < 6 ? prev_verb(c, k, lo) : SIZE_MAX;
        /* "He started to supply them with ... as well as carrying out
         * sabotage": a gerund joined on after a long complement is done by
         * the subject of the clause's first verb */
        if (pv == SIZE_MAX && depth < 6 && c->key[k] != c->ev->k_comma && ends_with(c, a, "ing")) pv = first_verb(c, k, lo);
        if (pv != SIZE_MAX) {
            voice v2;
            find_subject(c, pv, lo, g, &v2, depth + 1);
            if (v2.passive && !vo->aux && participle(c, a)) vo->passive = 1;
            return;
        }
        if (c->key[k] == c->ev->k_comma || (c->cover[k] & K_ADV)) {
            /* a fronted adverbial ("In 1937, X was"), or nothing */
            return;
        }
        return;
    }
    size_t before = g->n;
    /* a possessor acts through those it names ("Stalin's men killed"), but
     * does not die their death: "Trotsky's son died", "His son died" is no
     * death of Trotsky's (the subject of "died", "perished" is the event's
     * patient; "Yudenich's soldiers went into exile", with no one else
     * named, keeps the possessor: the wikiwars gold has that exile) */
    const pattern *tp = trig_pat_at(c, a);
    np_names_left(c, t, lo, g, !vo->passive && !(tp && tp->frame == FR_IN && tp->type == DX_EV_DEATH));
    /* "the convention deposed Carranza": the body of that name told before */
    if (g->n == before && t >= lo + 2 && (c->cover[t - 2] & K_DET) && c->key[t - 2] == c->ev->k_the && lower_word(c, t - 1))
        group_add(g, body_named(c, t - 1));
}

/* The object of the active verb ending before b: a name, a list, a
 * pronoun, or the names of its noun phrase ("the journalist Marat", "the
 * government of Allende"), and an enumeration after a group noun. */
static void find_object(const ctx *c, size_t b, size_t end, group *g, const group *skip)
{
    if (b >= end) return;
    size_t before = g->n;
    if (pronoun(c, b) >= 0) {
        add_pronoun_ref(c, b, g, skip);
        return;
    }
    right_group_poss(c, b, 5, g, skip, 0);
    if (g->n == before) enumeration_after(c, b, end, g);
}

/* Does an object follow the verb ending before b (a name, a pronoun, a
 * determiner, a number or a noun), rather than a preposition, a date, a
 * place or the end of the clause? Reduced relatives ("a girl accused of
 * X", "Bukharin arrested in 1937") have none. */
static int has_object(const ctx *c, size_t b, size_t end)
{
    if (b >= end) return 0;
    if (actor_at(c, b) || pronoun(c, b) >= 0) return 1;
    const dx_mention *m = ment_at(c, b);
    if (m || c->key[b] == c->ev->k_to) return 0;
    uint32_t cv = c->cover[b];
    if (cv & (K_PREP | K_BARRIER | K_LIST | K_REL | K_BY | K_OF | K_BE | K_AUX)) return 0;
    if (cv & (K_DET | K_COUNT)) return 1;
    return is_word(c, b);
}

/* The subject of a governing verb before the noun phrase of the noun
 * trigger at a ("the commissar ordered the arrest of Y", "the police
 * carried out the shootings"): its agents. Returns the cue's kinds (0 if
 * none governs it). */
static uint32_t governing_agent(const ctx *c, size_t a, size_t lo, group *g)
{
    size_t t = a, head = a;
    for (int item = 0;; item++) {
        /* back over the noun phrase: determiners, adjectives, possessors */
        while (t > lo && head - t < 5) {
            size_t j = t - 1;
            uint32_t cv = c->cover[j];
            if (cv & K_GOVERN) break;
            if ((cv & (K_DET | K_COUNT)) || c->key[j] == c->ev->k_apos || (lower_word(c, j) && !cv && !c->trig_at[j]) ||
                actor_at(c, j) || pronoun(c, j) == PR_HIS || pronoun(c, j) == PR_THEIR) {
                t = j;
                continue;
            }
            break;
        }
        if (t <= lo || (c->cover[t - 1] & K_GOVERN) || item >= 4) break;
        /* "organised sabotage in the mines, arson and the murder of X": the
         * verb governs each noun event of a list, back over the items before
         * (each with its phrase: "in the mines", "of X"), as long as the item
         * is an object (no verb after it: "organised a strike, and the
         * arrests followed" is another clause) */
        size_t j = t - 1;
        if (c->key[j] != c->ev->k_comma && c->key[j] != c->ev->k_and && c->key[j] != c->ev->k_or) break;
        if (item == 0) {
            const trig_hit *h = c->trig_at[a] ? &c->trig[c->trig_at[a] - 1] : NULL;
            size_t k = a + (h ? h->len : 1), send = c->doc->sents.items[tok(c, a)->sent].tok_end;
            int object = 1;
            for (; object && k < send && k < a + 10; k++) {
                if (c->key[k] == c->ev->k_comma || (c->cover[k] & (K_LIST | K_BARRIER | K_END))) break;
                object = !(c->cover[k] & (K_BE | K_AUX | K_VERB | K_REL)) && !verbish(c, k, lo);
            }
            if (!object) break;
        }
        if (j > lo && c->key[j] != c->ev->k_comma && c->key[j - 1] == c->ev->k_comma) j--; /* ", and" */
        /* the item before: a noun phrase back to the list's comma or its verb */
        size_t k = j, found = SIZE_MAX;
        while (k > lo && j - k < 8) {
            k--;
            uint32_t cv = c->cover[k];
            if ((cv & K_GOVERN) || c->key[k] == c->ev->k_comma) {
                found = k + 1;
                break;
            }
            if ((cv & (K_BARRIER | K_BE | K_AUX | K_VERB | K_REL | K_LIST | K_END)) || verbish(c, k, lo) ||
                (!is_word(c, k) && !ment_at(c, k)))
                break;
        }
        if (found == SIZE_MAX || found >= j) break;
        t = head = found;
    }
    if (t <= lo || !(c->cover[t - 1] & K_GOVERN)) return 0;
    size_t gv = t - 1;
    while (gv > lo && (c->cover[gv - 1] & K_GOVERN)) gv--;
    ((ctx *)c)->gv = gv;
    voice vo;
    find_subject(c, gv, lo, g, &vo, 1);
    if (vo.passive) {
        /* "the arrest was ordered by X" does not arise here; "executions
         * were carried out by X": the by-phrase */
        g->n = 0;
        size_t by = after_cue(c, a + 1, c->doc->sents.items[tok(c, a)->sent].tok_end, K_BY, 4);
        if (by) right_group(c, by, 2, g, NULL);
    }
    return c->cover[gv];
}

/* The doer of a crime noun governed by a verb of doing ("carried out
 * sabotage", "committed espionage"): the verb's subject, unless the verb
 * only asks for it ("demanded sabotage": cues.tsv hypo). */
static void governing_plotter(const ctx *c, size_t a, size_t lo, group *g)
{
    /* back over its determiner and adjectives, no further ("led to the
     * unveiling of the group, a terrorist group": no object of "led") */
    size_t t = a;
    while (t > lo && a - t < 3 && !(c->cover[t - 1] & K_GOVERN) &&
           (((c->cover[t - 1] & K_DET) && !(c->cover[t - 1] & K_LIST)) || (lower_word(c, t - 1) && !c->cover[t - 1] && !c->trig_at[t - 1])))
        t--;
    if (t <= lo || !(c->cover[t - 1] & K_GOVERN) || (c->cover[t - 1] & K_HYPO)) return;
    size_t gv = t - 1;
    while (gv > lo && (c->cover[gv - 1] & K_GOVERN) && c->cover[gv - 1] == c->cover[t - 1]) gv--;
    voice vo;
    group tmp;
    tmp.n = 0;
    find_subject(c, gv, lo, &tmp, &vo, 1);
    if (!vo.passive) group_cat(g, &tmp);
}

/* "on the orders of X", "on X's orders" anywhere in the clause of a: X. */
static void orders_agent(const ctx *c, size_t a, size_t begin, size_t end, group *g)
{
    if (!any_cue(c, K_ORDERS)) return;
    for (size_t i = 0; i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (!(h->kinds & K_ORDERS) || h->a + 12 < a || h->a > a + 12) continue;
        int crossed = 0;
        size_t lo = h->a < a ? h->a : a, hi = h->a < a ? a : h->a;
        for (size_t k = lo; k < hi; k++) crossed |= (c->cover[k] & K_END) != 0;
        if (crossed) continue;
        for (size_t k = h->a; k < h->b && k < end; k++)
            if (actor_at(c, k)) {
                group_add(g, ment_at(c, k)->ent);
                return;
            }
        if (h->b < end) right_group(c, h->b, 1, g, NULL);
        (void)begin;
        return;
    }
}

/* The patient set beside a successor noun: "Blair's successor, Gordon
 * Brown" / "Gordon Brown, Blair's successor". */
static void apposition_of(const ctx *c, size_t a, size_t b, size_t begin, size_t end, group *g)
{
    if (b + 1 < end && c->key[b] == c->ev->k_comma && actor_at(c, b + 1)) {
        group_add(g, ment_at(c, b + 1)->ent);
        return;
    }
    size_t t = a;
    while (t > begin && a - t < 6 && c->key[t - 1] != c->ev->k_comma) t--;
    if (t > begin + 1 && c->key[t - 1] == c->ev->k_comma && actor_at(c, t - 2)) group_add(g, ment_at(c, t - 2)->ent);
}

/* "the sabotage of the butter organised by the bloc", "the killing was
 * ordered by X", "murders committed by a gang led by X": who did what a
 * noun [a,b) names, from a participle of a governing verb (cues.tsv
 * govern) after its noun phrase - past its of-phrase, or a be-form when
 * the noun is its subject - and that verb's by-phrase; past one more such
 * participle when the by-phrase names no one ("by a gang led by X"). */
static void doer_after(const ctx *c, size_t b, size_t end, group *ag, const group *skip)
{
    size_t k = b, hops = 0;
    if (k < end && (c->cover[k] & K_BY)) {
        /* a trigger that ends with the participle: "crimes committed by a group led by X" */
        while (k < end && (c->cover[k] & K_BY)) k++;
        size_t before = ag->n;
        right_group(c, k, 2, ag, skip);
        if (ag->n > before) return;
        hops++;
    }
    while (k < end && hops < 2) {
        size_t stop = k + 8 < end ? k + 8 : end;
        int be = 0;
        for (; k < stop; k++) {
            uint32_t cv = c->cover[k];
            if (cv & K_GOVERN) break; /* with a by-phrase after it: a participle ("led by") */
            /* "the arrest of X, ordered by Y" */
            if (c->key[k] == c->ev->k_comma && k + 1 < stop && (c->cover[k + 1] & K_GOVERN)) continue;
            if (cv & K_BE) {
                be = 1;
                continue;
            }
            if (be && (cv & K_ADV)) continue;
            /* the noun's own phrase only: its of-phrase, determiners, adjectives, names */
            if (be || (cv & (K_BARRIER | K_REL | K_AUX | K_VERB | K_BY)) || c->trig_at[k] || c->key[k] == c->ev->k_comma ||
                ((cv & K_PREP) && !(cv & K_OF)))
                return;
            if (!is_word(c, k) && !ment_at(c, k)) return;
        }
        if (k >= stop) return;
        while (k < end && (c->cover[k] & K_GOVERN)) k++; /* "carried out" */
        if (k >= end || !(c->cover[k] & K_BY)) return;
        while (k < end && (c->cover[k] & K_BY)) k++;
        size_t before = ag->n;
        right_group(c, k, 2, ag, skip);
        if (ag->n > before) return;
        hops++;
    }
}

/* The instruction (cues.tsv instruct, instruction) whose infinitive starts
 * after the "to" at k: "told me to", "instructions to", "instructed
 * Ivanov to", "was ordered by X to" (only its object or by-phrase between). */
static const cue_hit *instruction_before(const ctx *c, size_t k, size_t lo)
{
    if (!any_desc(c, 1u << DESC_INSTRUCT | 1u << DESC_INSTRUCTION)) return NULL;
    for (size_t i = c->cues.len; i-- > 0;) {
        const cue_hit *h = &c->cues.items[i];
        if (!(h->kinds & K_DESC) || (h->desc != DESC_INSTRUCT && h->desc != DESC_INSTRUCTION) || h->a < lo ||
            h->a >= k)
            continue;
        if (h->b == k + 1) return h;
        if (h->b > k || h->desc != DESC_INSTRUCT || k - h->b > 6) continue;
        int ok = 1;
        for (size_t j = h->b; ok && j < k; j++)
            ok = actor_at(c, j) || pronoun(c, j) >= 0 || (c->cover[j] & (K_LIST | K_DET | K_BY)) ||
                 c->key[j] == c->ev->k_comma;
        if (ok) return h;
    }
    return NULL;
}

/* Who set the act at a on foot: "X instructed Y to organise sabotage", "X
 * gave Y instructions to form a group", "X told me to proceed to set up a
 * group", "Y was ordered by X to": X, an agent of the crime besides Y. The
 * subject of the instructing verb (of the verb that gives an instruction
 * noun), or its by-phrase when passive. */
static void instigator(const ctx *c, size_t a, size_t lo, group *g, group *told)
{
    size_t v = a;
    for (int hop = 0; hop < 3; hop++) {
        size_t t = verb_group_start(c, v, lo, &(int){0}, &(int){0});
        if (t <= lo + 1 || c->key[t - 1] != c->ev->k_to) return;
        size_t k = t - 1;
        const cue_hit *h = instruction_before(c, k, lo);
        if (!h) {
            /* "to proceed to form", "to go on to form": one verb more */
            size_t j = k;
            while (j > lo + 1 && k - j < 2 && lower_word(c, j - 1) && !c->trig_at[j - 1] &&
                   !(c->cover[j - 1] & ~(K_VERB | K_HYPO | K_PREP | K_ADV)) && c->key[j - 1] != c->ev->k_to)
                j--;
            if (j < k && c->key[j - 1] == c->ev->k_to) {
                v = j;
                continue;
            }
            return;
        }
        size_t gv = h->a;
        if (h->desc == DESC_INSTRUCTION) {
            /* back over who receives it ("gave me, i.e., Ivanov, instructions") to the verb */
            gv = SIZE_MAX;
            for (size_t j = h->a; j-- > lo && j + 12 > h->a;) {
                uint32_t cv = c->cover[j];
                if (cv & (K_BARRIER | K_REL | K_END | K_SCOPE)) break;
                /* "me, i.e., Ivanov,": punctuation and one letter words inside */
                if (actor_at(c, j) || pronoun(c, j) >= 0 || (cv & (K_LIST | K_DET)) || !is_word(c, j) ||
                    tok(c, j)->end - tok(c, j)->start == 1)
                    continue;
                if (verbish(c, j, lo) && !c->trig_at[j]) gv = j;
                break;
            }
            if (gv == SIZE_MAX) return;
        }
        voice vo;
        group x;
        x.n = 0;
        find_subject(c, gv, lo, &x, &vo, 1);
        if (vo.passive) {
            /* "Y was ordered by X to": Y does it */
            group_cat(told, &x);
            x.n = 0;
            size_t by = after_cue(c, gv + 1, k, K_BY, 6);
            if (by) right_group(c, by, 1, &x, NULL);
        }
        group_cat(g, &x);
        return;
    }
}

/* The roles of the event whose trigger spans [a,b), from the clause: see
 * the frames in triggers.tsv. lo is where its clause starts (after the cue
 * of a claim that introduces it). */
static void find_roles_core(ctx *c, const pattern *p, int noun, size_t a, size_t b, size_t lo, size_t begin,
                            size_t end, group *ag, group *pa, int *hypo_gov)
{
    int fr = p->frame;
    *hypo_gov = 0;
    if (noun) {
        group mods;
        mods.n = 0;
        noun_modifiers(c, a, begin, &mods);
        size_t of, by;
        after_cue2(c, b, end, K_OF, 2, &of, K_BY, 3, &by);
        /* "attempt on the life of X", "attempt on X", "collaboration with X" */
        if (!of && (c->key[b - 1] == c->ev->k_of || (p->n > 1 && (c->cover[b - 1] & K_PREP)))) of = b;
        /* "the arrest and trial of Radek", "the intrigues and provocations of
         * the GPU": coordinated nouns share the of-phrase after the last */
        if (!of && b + 1 < end && (c->key[b] == c->ev->k_and || c->key[b] == c->ev->k_or) && c->trig_at[b + 1] &&
            lower_word(c, b + 1)) {
            const trig_hit *h2 = &c->trig[c->trig_at[b + 1] - 1];
            size_t b2 = b + 1 + h2->len;
            if (b2 < end && c->key[b2] == c->ev->k_of) of = after_cue(c, b2, end, K_OF, 0);
        }
        group ofg;
        ofg.n = 0;
        /* "the arrest of his friends", "the killing of Hussein's sons": whose
         * they are is no patient (a plotter's, "the conspiracy of Stalin's
         * men", is one of its agents) */
        int of_agents = fr == FR_AG || fr == FR_SP;
        if (of) right_group_poss(c, of, 3, &ofg, NULL, of_agents);
        if (by) right_group(c, by, 1, ag, NULL);
        else if (ofg.n) {
            /* "the murder of X by Y", "the arrest of X by agents of Y": a
             * by-phrase right after the of-phrase's names */
            size_t t = of, last = 0;
            while (t < end && t < of + 12) {
                if (actor_at(c, t)) {
                    t = last = ment_end_tok(c, t);
                    continue;
                }
                if ((c->cover[t] & (K_DET | K_LIST | K_OF)) || (word_class_at(c, t) & DX_W_TITLE)) {
                    t++;
                    continue;
                }
                break;
            }
            if (last && last < end && (c->cover[last] & K_BY)) {
                while (last < end && (c->cover[last] & K_BY)) last++;
                right_group(c, last, 2, ag, &ofg);
            }
        }
        if (!ag->n && (fr == FR_TR || fr == FR_TRA || fr == FR_AG)) doer_after(c, b, end, ag, &ofg);
        if (fr == FR_SU) {
            apposition_of(c, a, b, begin, end, pa);
            return;
        }
        group *poss_to = (fr == FR_TRA || fr == FR_AG || fr == FR_SP) ? ag : pa;
        group_cat(poss_to, &mods);
        group *of_to = (fr == FR_AG || fr == FR_SP) ? ag : pa;
        group_cat(of_to, &ofg);
        if (!ofg.n && of_to == pa && of) enumeration_after(c, of, end, pa);
        /* "he carried out sabotage", "they committed espionage": the subject
         * of the verb that governs the crime commits it */
        if (fr == FR_AG && !ag->n) governing_plotter(c, a, lo, ag);
        if (fr == FR_AG && !ag->n) {
            /* "the testimony of Ivanov about the sabotage": who tells of a
             * plot is not its plotter */
            group tellers;
            tellers.n = 0;
            for (size_t i = 0; any_cue(c, K_REPORT | K_CONFESS | K_DENY) && i < c->cues.len; i++) {
                const cue_hit *h = &c->cues.items[i];
                if (h->b >= a || h->a < begin || !(h->kinds & (K_REPORT | K_CONFESS | K_DENY)) || h->b + 1 >= a ||
                    c->key[h->b] != c->ev->k_of || !actor_at(c, h->b + 1))
                    continue;
                right_group(c, h->b + 1, 0, &tellers, NULL);
            }
            size_t before = ag->n;
            left_group_from(c, a, lo, 5, ag, tellers.n ? &tellers : NULL);
            size_t w = before;
            for (size_t i = before; i < ag->n; i++)
                if (!contains(tellers.v, tellers.n, ag->v[i])) ag->v[w++] = ag->v[i];
            ag->n = w;
        }
        /* "a conspiracy of the GPU against the Opposition": whom a plot targets */
        if (fr == FR_AG) {
            for (size_t k = b; k < end && k < b + 8; k++) {
                if (c->key[k] == c->ev->k_against) {
                    right_group(c, k + 1, 2, pa, ag);
                    break;
                }
                if ((c->cover[k] & (K_BARRIER | K_REL | K_BE | K_VERB)) || c->trig_at[k] || verbish(c, k, begin)) break;
            }
        }
        /* "Rykov's directives to Chernov": the one a plot is handed to takes part in it */
        if (fr == FR_AG && b + 1 < end && (c->key[b] == c->ev->k_to || c->key[b] == c->ev->k_for) && actor_at(c, b + 1))
            right_group(c, b + 1, 0, ag, ag);
        if (fr == FR_SP && !ag->n) left_group_from(c, a, lo, 2, ag, NULL);
        if (fr == FR_TR || fr == FR_TRA || fr == FR_PO || fr == FR_SP) {
            group gov;
            gov.n = 0;
            uint32_t k = governing_agent(c, a, lo, &gov);
            if (k) {
                if (fr != FR_PO && !ag->n) group_cat(ag, &gov);
                *hypo_gov = (k & K_HYPO) ? 1 : (int)(c->gv + 2);
            }
        }
        if ((fr == FR_TR || fr == FR_TRA) && !ag->n) orders_agent(c, a, begin, end, ag);
        return;
    }
    group subj;
    subj.n = 0;
    voice vo;
    find_subject(c, a, lo, &subj, &vo, 0);
    /* "whom X arrested": the antecedent is the object */
    size_t st = verb_group_start(c, a, lo, &(int){0}, &(int){0});
    int whom = 0;
    for (size_t k = st; k-- > lo && k + 6 > st;) {
        if (c->key[k] == c->ev->k_whom) {
            whom = 1;
            break;
        }
        if (!actor_at(c, k) && !(c->cover[k] & (K_LIST | K_DET)) && pronoun(c, k) < 0) break;
    }
    int passive = vo.passive;
    /* "Diaz had Madero thrown in jail", "in favour of having Lenin
     * arrested": the one who has it done is the agent */
    group causer;
    causer.n = 0;
    if (subj.n && (fr == FR_TR || fr == FR_TRA) && participle(c, a)) {
        size_t vst = verb_group_start(c, a, lo, &(int){0}, &(int){0});
        size_t k = vst;
        while (k > lo && (actor_at(c, k - 1) || pronoun(c, k - 1) >= 0 || (c->cover[k - 1] & K_LIST))) k--;
        const dx_token *hk0 = k > lo ? tok(c, k - 1) : NULL;
        int having = hk0 && hk0->end - hk0->start == 6 && !strncasecmp(c->doc->text + hk0->start, "having", 6);
        if (k > lo && k < vst && (((c->cover[k - 1] & K_AUX) && !(c->cover[k - 1] & K_BE)) || having)) {
            const dx_token *hk = tok(c, k - 1);
            size_t n = hk->end - hk->start;
            const char *w = c->doc->text + hk->start;
            if ((n == 3 && (!strncasecmp(w, "had", 3) || !strncasecmp(w, "has", 3))) || having ||
                (n == 4 && !strncasecmp(w, "have", 4)) || (n == 3 && !strncasecmp(w, "got", 3))) {
                voice v2;
                find_subject(c, k - 1, lo, &causer, &v2, 1);
                if (causer.n || having) passive = 1; /* ("having X arrested": whoever has it done) */
            }
        }
    }
    /* a participle with no object, straight after a name and no be-form: a
     * reduced relative or a headline ("a girl accused of X") */
    int inside = 0; /* "removed him from power": the object is in the trigger */
    for (size_t k = a; k < b; k++) inside |= p->k[k - a] == 0;
    /* (but "Roman Rudenko prosecuted." ending its sentence is done by him) */
    int ends_sentence = b >= end || (c->key[b] == c->ev->k_period && b + 1 >= end);
    if (!passive && !vo.aux && !inside && (fr == FR_TR || fr == FR_TRA || fr == FR_PO) && participle(c, a) &&
        !has_object(c, b, end) && subj.n && !ends_sentence)
        passive = 1;
    switch (fr) {
    case FR_IN:
        group_cat(pa, &subj);
        if (!pa->n) {
            /* "gave Madero power": a name in the trigger's wildcard */
            for (size_t k = a; k < b; k++)
                if (p->k[k - a] == 0 && actor_at(c, k)) group_add(pa, ment_at(c, k)->ent);
        }
        break;
    case FR_SP:
        group_cat(ag, &subj);
        break;
    case FR_AG:
        group_cat(ag, &subj);
        if (b < end && c->key[b] == c->ev->k_against)
            right_group(c, b + 1, 1, pa, ag); /* "conspire against Madero": whom it targets */
        else
            right_group(c, b, 1, ag, ag);
        break;
    case FR_SU:
        if (passive) {
            size_t by = after_cue(c, b, end, K_BY, 3);
            if (by) right_group(c, by, 1, pa, NULL);
        } else {
            group_cat(pa, &subj);
        }
        break;
    default: /* tr, tra, po */
        if (passive) {
            group_cat(pa, &subj);
            group_cat(ag, &causer);
            /* "Several officers were shot, among them A and B" */
            if (!pa->n) enumeration_after(c, b, end, pa);
            size_t by = after_cue(c, b, end, K_BY, 4);
            if (by && fr != FR_PO) right_group(c, by, 2, ag, pa);
        } else {
            if (fr != FR_PO) group_cat(ag, &subj);
            for (size_t k = a; k < b; k++) /* "removed him from power" */
                if (p->k[k - a] == 0) {
                    if (actor_at(c, k)) group_add(pa, ment_at(c, k)->ent);
                    else if (pronoun(c, k) >= 0) add_pronoun_ref(c, k, pa, ag);
                }
            if (whom) {
                size_t w = st;
                while (w > lo && c->key[w - 1] != c->ev->k_whom) w--;
                if (w > lo) rel_antecedent(c, w - 1, lo, pa);
            }
            if (!pa->n) find_object(c, b, end, pa, fr == FR_PO ? &subj : ag);
            /* "to arrest and assassinate Lenin": the object they share */
            if (!pa->n && b + 1 < end && (c->key[b] == c->ev->k_and || c->key[b] == c->ev->k_or) && c->trig_at[b + 1]) {
                const trig_hit *h2 = &c->trig[c->trig_at[b + 1] - 1];
                find_object(c, b + 1 + h2->len, end, pa, ag);
            }
        }
        if (fr != FR_PO && !ag->n) orders_agent(c, a, begin, end, ag);
        break;
    }
}

/* "Bukharin's last testament, completely repudiating these confessions",
 * "her letter, denying the charges": a participle phrase set after a
 * written work (cues.tsv `work`) is said by the work's author, its
 * possessor. The work may be quoted ("his 'last testament,' repudiating"). */
static void work_participle_author(const ctx *c, size_t a, size_t lo, group *g)
{
    if (!ends_with(c, a, "ing")) return;
    size_t t = a;
    /* adverbs: "completely", "later" */
    while (t > lo && !(c->cover[t - 1] & (K_LIST | K_BARRIER)) &&
           ((c->cover[t - 1] & K_ADV) || (lower_word(c, t - 1) && !c->cover[t - 1] && ends_with(c, t - 1, "ly"))))
        t--;
    int comma = 0;
    while (t > lo && (c->key[t - 1] == c->ev->k_comma || c->key[t - 1] == c->ev->k_rdquo || c->key[t - 1] == c->ev->k_quot)) {
        comma |= c->key[t - 1] == c->ev->k_comma;
        t--;
    }
    if (!comma || t <= lo || !lower_word(c, t - 1) || !dx_u64map_get(c->ev->work, c->key[t - 1], &(const uint32_t *){NULL}))
        return;
    /* back over adjectives and an opening quotation mark to the possessor */
    size_t k = t - 1;
    for (int n = 0; k > lo && n < 4; n++) {
        uint64_t key = c->key[k - 1];
        if (key == c->ev->k_ldquo || key == c->ev->k_quot || key == c->ev->k_lsquo ||
            (lower_word(c, k - 1) && !c->cover[k - 1] && !c->trig_at[k - 1]))
            k--;
        else
            break;
    }
    if (k <= lo) return;
    int p = pronoun(c, k - 1);
    if (p == PR_HIS || p == PR_HER || p == PR_THEIR) {
        add_pronoun_ref(c, k - 1, g, NULL);
        return;
    }
    if (k >= lo + 3 && c->key[k - 1] == c->ev->k_s && (c->key[k - 2] == c->ev->k_apos || c->key[k - 2] == c->ev->k_rsquo) &&
        actor_at(c, k - 3))
        group_add(g, ment_at(c, k - 3)->ent);
}

/* "deny the guilt of X", "denied X's complicity": whose guilt a denial
 * is about is its patient (cues.tsv `guilt`). */
static void guilt_of(const ctx *c, size_t b, size_t end, group *g)
{
    size_t t = b;
    while (t < end && t < b + 2 && (c->cover[t] & K_DET) && !(c->cover[t] & K_LIST) && pronoun(c, t) < 0) t++;
    if (t < end && actor_at(c, t)) {
        /* "X's guilt" */
        size_t me = ment_end_tok(c, t);
        if (me + 2 < end && (c->key[me] == c->ev->k_apos || c->key[me] == c->ev->k_rsquo) && c->key[me + 1] == c->ev->k_s &&
            dx_u64map_get(c->ev->guilt, c->key[me + 2], &(const uint32_t *){NULL}))
            right_group(c, t, 0, g, NULL);
        return;
    }
    if (t + 2 < end && dx_u64map_get(c->ev->guilt, c->key[t], &(const uint32_t *){NULL}) && c->key[t + 1] == c->ev->k_of &&
        actor_at(c, t + 2))
        right_group(c, t + 2, 0, g, NULL);
}

/* The roles, and for a plot the one who set it on foot, first of its
 * agents: "X gave Y instructions to form a group", "on X's instructions Y
 * formed a group" (cues.tsv orders). */
static void find_roles(ctx *c, const pattern *p, int noun, size_t a, size_t b, size_t lo, size_t begin,
                       size_t end, group *ag, group *pa, int *hypo_gov)
{
    find_roles_core(c, p, noun, a, b, lo, begin, end, ag, pa, hypo_gov);
    if (!noun && !ag->n && (p->frame == FR_SP || p->frame == FR_TRA)) work_participle_author(c, a, lo, ag);
    if (!noun && !pa->n && p->frame == FR_SP && p->type == DX_EV_DENIAL) guilt_of(c, b, end, pa);
    if (p->type != DX_EV_CONSPIRACY && p->type != DX_EV_ASSASSINATION) return;
    group x, told;
    x.n = told.n = 0;
    if (!noun) instigator(c, a, lo, &x, &told);
    if (!x.n) {
        /* "to organise sabotage", "to set up a terrorist group": the verb of the noun */
        size_t v = SIZE_MAX;
        for (size_t j = a; j-- > lo && j + 5 > a;) {
            if (c->key[j] == c->ev->k_to) {
                if (j + 1 < a) v = j + 1;
                break;
            }
            if ((c->cover[j] & ~(K_DET | K_GOVERN | K_VERB)) || !lower_word(c, j) || c->trig_at[j]) break;
        }
        if (v != SIZE_MAX) {
            instigator(c, v, lo, &x, &told);
            if (x.n && !ag->n) {
                voice vo;
                find_subject(c, v, lo, ag, &vo, 1);
            }
        }
    }
    orders_agent(c, a, begin, end, &x);
    if (!x.n) return;
    if (told.n) {
        /* the by-phrase read as the infinitive's subject is the instigator: the one told does it */
        group rest;
        rest.n = 0;
        for (size_t i = 0; i < ag->n; i++)
            if (!contains(x.v, x.n, ag->v[i])) group_add(&rest, ag->v[i]);
        group_cat(&rest, &told);
        *ag = rest;
    }
    group_cat(&x, ag);
    *ag = x;
}

static int is_question(const ctx *c, size_t s)
{
    const dx_sentence *se = &c->doc->sents.items[s];
    for (size_t t = se->tok_end; t-- > se->tok_begin;) {
        if (c->key[t] == c->ev->k_qmark) return 1;
        if (c->doc->toks.items[t].flags & DX_TK_WORD) return 0;
    }
    return 0;
}

/* Is the noun at a in a prepositional phrase: a preposition before it, past
 * up to three determiners, possessives and lowercase modifiers ("at trial",
 * "about the death of", "for his own assassination")? */
static int in_prep_phrase(const ctx *c, size_t a, size_t begin)
{
    for (size_t k = a; k > begin && a - k <= 3; k--) {
        uint32_t cv = c->cover[k - 1];
        if ((cv & K_PREP) || c->key[k - 1] == c->ev->k_of) return 1;
        int pr = pronoun(c, k - 1);
        if (!(cv & K_DET) && pr != PR_HIS && pr != PR_HER && pr != PR_THEIR && pr != PR_MY && pr != PR_OUR &&
            !(lower_word(c, k - 1) && !cv && !c->trig_at[k - 1]))
            return 0;
    }
    return 0;
}

/* A yes/no question: a question whose first word (past a speaker's label,
 * "Q:") is an auxiliary or a form of "be" ("Did he confess?", "Has he
 * ever been rehabilitated?"): what it asks about is not told as done. */
static int yes_no_question(const ctx *c, size_t s)
{
    if (!is_question(c, s)) return 0;
    const dx_sentence *se = &c->doc->sents.items[s];
    size_t t = se->tok_begin;
    if (t + 2 < se->tok_end && c->key[t + 1] == c->ev->k_colon) t += 2;
    while (t < se->tok_end && !(c->doc->toks.items[t].flags & DX_TK_WORD)) t++;
    return t < se->tok_end && (c->cover[t] & (K_AUX | K_BE));
}

/* Quotations: curly quotes pair up; a straight quote opens after a space and
 * closes before one. A quote ends at a paragraph break. Each quote is
 * attributed to the speaker of the nearest report/charge/confess cue before
 * it in its opening sentence. */
/* Bit (k & 63) of each key find_quotes reads or rewrites: the quotation
 * marks, and the typographic apostrophes and dashes of norm_key. */
static uint64_t quote_mark_bloom(const struct dx_event_lex *ev)
{
    const uint64_t k[] = {ev->k_ldquo, ev->k_rdquo, ev->k_quot, ev->k_rsquo, ev->k_lsquo, ev->k_ndash, ev->k_mdash};
    uint64_t m = 0;
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) m |= 1ull << (k[i] & 63);
    return m;
}

static void find_quotes(ctx *c, const uint32_t *marks, size_t nmarks)
{
    const dx_doc *d = c->doc;
    size_t open = SIZE_MAX;
    const dx_token *toks = d->toks.items;
    /* (marks: the tokens that open a paragraph, and those of a key of
     * quote_mark_bloom, in order; the others change nothing here: a comma
     * or a stop is no quotation mark, and norm_key leaves its key) */
    for (size_t i = 0; i < nmarks; i++) {
        size_t t = marks[i];
        /* (the tokens are long out of the cache, and the marks scattered:
         * the one a few ahead asked for now) */
        __builtin_prefetch(&toks[marks[i + 8 < nmarks ? i + 8 : i]].flags);
        /* a word is no quotation mark: it can only end an open quote at a
         * paragraph break (below) */
        if (toks[t].flags & DX_TK_WORD) {
            if (open != SIZE_MAX && (toks[t].flags & DX_TK_PARA)) {
                quote q = {(uint32_t)open, (uint32_t)t, 0, -1, ""};
                DX_PUSH(c->quotes, q);
                open = SIZE_MAX;
            }
            continue;
        }
        uint64_t k = c->key[t] = norm_key(c->ev, c->key[t]);
        int is_open = k == c->ev->k_ldquo, is_close = k == c->ev->k_rdquo;
        if (k == c->ev->k_quot) {
            if (open == SIZE_MAX)
                is_open = 1;
            else
                is_close = 1;
        }
        if (open != SIZE_MAX && (d->toks.items[t].flags & DX_TK_PARA)) {
            quote q = {(uint32_t)open, (uint32_t)t, 0, -1, ""};
            DX_PUSH(c->quotes, q);
            open = SIZE_MAX;
        }
        if (is_open && open != SIZE_MAX && k == c->ev->k_ldquo) {
            /* an opening mark while a quote is open: that one was never
             * closed; it ends with the sentence it opened in */
            size_t e = d->sents.items[d->toks.items[open < d->toks.len ? open : t].sent].tok_end;
            quote q = {(uint32_t)open, (uint32_t)(e < t ? e : t), 0, -1, ""};
            DX_PUSH(c->quotes, q);
            open = SIZE_MAX;
        }
        if (is_open && open == SIZE_MAX) {
            open = t + 1;
        } else if (is_close && open != SIZE_MAX) {
            quote q = {(uint32_t)open, (uint32_t)t, 0, -1, ""};
            DX_PUSH(c->quotes, q);
            open = SIZE_MAX;
        }
    }
    if (open != SIZE_MAX) {
        quote q = {(uint32_t)open, (uint32_t)d->toks.len, 0, -1, ""};
        DX_PUSH(c->quotes, q);
    }
    for (size_t i = 0; i < c->quotes.len; i++) {
        quote *q = &c->quotes.items[i];
        for (size_t t = q->a; t < q->b; t++) c->quote_of[t] = (int32_t)i;
    }
}

static void scan_cues(ctx *c, size_t begin, size_t end)
{
    /* (through locals: a store to desc, of bytes, may alias anything, and
     * made the compiler load c's arrays, the cue's info and the vector of
     * hits again after each cue) */
    const uint64_t *key = c->key;
    const uint32_t *first = c->first;
    uint32_t *cover = c->cover;
    uint8_t *desc = c->desc;
    const pattern_set *cue = &c->ev->cue;
    const pat_info *info = cue->info;
    size_t nhits = 0, scope_b = 0;
    uint32_t all_kinds = 0, all_descs = 0;
    /* the tokens a cue may start at (DX_L_CUE) outside names and dates
     * (F_NOCUE: "United States" says nothing, "On May 12th" holds no modal
     * "may"), listed first without a branch: the scan below then walks
     * those, not every token (a test per token mispredicted: cue words
     * are half the tokens, and scattered). Listed here, not for the whole
     * document at once: only the sentences with a trigger (and the windows
     * before quotes) are scanned. */
    uint32_t *cp = c->cue_pos;
    size_t ncp = 0;
    for (size_t t = begin; t < end; t++) {
        cp[ncp] = (uint32_t)t;
        ncp += (first[t] & (DX_L_CUE | F_NOCUE)) == DX_L_CUE;
    }
    /* room for a hit per position at once, not a test per hit */
    DX_GROW(c->cues, ncp);
    cue_hit *hits = c->cues.items;
    const struct cue_fast *fast = c->ev->cue_fast;
    for (size_t i = 0, next = begin; i < ncp; i++) {
        size_t t = cp[i];
        if (t < next) continue; /* inside a neutral phrase (below) */
        const struct cue_fast *o = &fast[first[t] & F_EV_MASK];
        size_t len;
        pat_info pt;
        if (o->kind && !(t + 1 < end && ((o->bloom >> (key[t + 1] & 63)) & 1))) {
            if (o->kind == CUE_PLAIN) {
                /* (what the general case below comes to for it) */
                cover[t] |= o->mark;
                if (o->dmark) desc[t] = o->dmark;
                scope_b = 0;
                all_kinds |= o->mark;
                all_descs |= 1u << o->dmark;
                continue;
            }
            if (o->kind == CUE_LONG) continue; /* (what match_keys comes to) */
            len = 1;
            pt = info[o->one];
        } else {
            int out[1];
            if (!match_keys(key, first, cue, DX_L_CUE, t, end, &len, out, 1)) continue;
            pt = info[out[0]];
        }
        uint32_t kinds = pt.kinds;
        /* "the accused knew of": a noun inside "the accused", no charge ("accused * of") */
        if ((kinds & K_CHARGE) && t > begin && (cover[t] & K_DESC) && desc[t] == DESC_GROUP) continue;
        /* (the first token apart: most cues are of one word) */
        cover[t] |= pt.mark;
        if (pt.dmark) desc[t] = pt.dmark;
        for (size_t k = t + 1; k < t + len; k++) {
            cover[k] |= pt.mark;
            if (pt.dmark) desc[k] = pt.dmark;
        }
        /* "guilty of" inside "found guilty of": one claim, not two (the
         * previous hit, kept or not: scope_b is its end if it is a claim) */
        if ((kinds & K_SCOPE) && scope_b >= t + len) continue;
        scope_b = kinds & K_SCOPE ? t + len : 0;
        hits[nhits] = (cue_hit){(uint32_t)t, (uint32_t)(t + len), kinds, pt.desc};
        nhits += pt.keep;
        all_kinds |= kinds;
        all_descs |= pt.dbit;
        /* a neutral phrase hides the shorter cues and triggers inside it */
        if (kinds & K_NEUTRAL) next = t + len;
    }
    c->cues.len = nhits;
    c->cue_kinds = all_kinds;
    c->cue_descs = all_descs;
}

/* Is token t a word capitalised inside a sentence (after a word)? */
static int cap_inside(const ctx *c, size_t t)
{
    const dx_token *toks = c->doc->toks.items;
    return t > 0 && (toks[t].flags & DX_TK_CAP) && t > c->doc->sents.items[toks[t].sent].tok_begin &&
           (toks[t - 1].flags & DX_TK_WORD);
}

/* Is the word at t capitalised inside a sentence (after a word) somewhere
 * in the document: a name? Yes at once when t itself is (every question on
 * corpus-100); else its key is looked up in the set of those words, built
 * at the first such question: a pass over every token of the document. */
static int cap_mid(const ctx *c, size_t t)
{
    if (cap_inside(c, t)) return 1;
    if (!c->capmid->mask) {
        const dx_doc *d = c->doc;
        const dx_token *toks = d->toks.items;
        const dx_sentence *sents = d->sents.items;
        size_t nt = d->toks.len, n = 0;
        uint64_t *v = xmalloc(nt * sizeof(*v));
        /* (each key stored, kept by the count: the test mispredicted) */
        for (size_t u = 1; u < nt; u++) {
            v[n] = c->key[u];
            n += ((toks[u].flags & DX_TK_CAP) != 0) & (u > sents[toks[u].sent].tok_begin) &
                 ((toks[u - 1].flags & DX_TK_WORD) != 0);
        }
        key_set_build(c->capmid, v, n);
        free(v);
    }
    return key_set_has(c->capmid, c->key[t]);
}

/* A short description of who speaks when no name does: the noun before
 * the cue ("the court found", "the investigator stated"), or after it
 * ("according to the minutes"), with its adjective ("the Soviet press").
 * Its head is a source noun (cues.tsv `source`), only modifiers before it
 * and after its last determiner ("in Moscow the accused confessed":
 * "accused"); else no description ("according to the most important
 * testimony", "one of six accusations": none). */
static void describe_np(const ctx *c, size_t t0, size_t t1, char *out, size_t outn)
{
    out[0] = '\0';
    if (t1 <= t0) return;
    const dx_doc *d = c->doc;
    if (!dx_u64map_get(c->ev->srcnoun, c->key[t1 - 1], &(const uint32_t *){NULL})) {
        /* else a name no gazetteer knows ("Lula has denied"): its last word,
         * capitalised, and so inside a sentence elsewhere in the document.
         * (One word: the loop over up to three that this was ended at the
         * first, which moved its bound.) What else makes it no description
         * is tested first: cap_mid may look at the whole document, and the
         * most asked, "The" or "This" opening a sentence, is a determiner */
        size_t k = t1 - 1;
        const dx_token *tk = tok(c, k);
        if (!(tk->flags & DX_TK_CAP) || ((c->cover[k] & K_DET) && !(c->cover[k] & K_DESC)) || !is_word(c, k) ||
            pronoun(c, k) >= 0 || (c->cover[k] & (K_PREP | K_BY | K_ADV | K_BE | K_AUX | K_REL | K_BARRIER)))
            return;
        /* whole or nothing: a cut could split a UTF-8 character */
        size_t n = tk->end - tk->start;
        if (n < outn && cap_mid(c, k)) snprintf(out, outn, "%.*s", (int)n, d->text + tk->start);
        return;
    }
    for (size_t k = t1 - 1; k > t0; k--)
        if (c->cover[k - 1] & K_DET) {
            t0 = k;
            break;
        }
    size_t a = t0;
    /* past determiners, but not past the head ("the accused") */
    while (a + 1 < t1 && (c->cover[a] & (K_DET | K_ADV))) a++;
    if (a >= t1 || t1 - a > 3 || (t1 - a == 1 && (c->cover[a] & K_DET) && !(c->cover[a] & K_DESC))) return;
    for (size_t k = a; k < t1; k++)
        if (!is_word(c, k) || pronoun(c, k) >= 0 ||
            (c->cover[k] & (K_PREP | K_BY | K_ADV | K_BE | K_AUX | K_REL | K_BARRIER)))
            return;
    size_t from = d->toks.items[a].start, n = d->toks.items[t1 - 1].end - from;
    dx_buf b;
    dx_buf_init(&b);
    dx_fold_lower(d->text + from, n, &b);
    if (b.len < outn) copy_str(out, outn, b.data);
    dx_buf_fini(&b);
}

/* Who makes the claim a cue introduces: a name (or pronoun) as its subject
 * ("X testified"), after it ("according to X", "said X"), else the
 * description of its subject. */
/* "whom MI5 suspected", "whom the NKVD accused": a name right before the
 * verb at v, after a relative pronoun (and a determiner), is its subject */
static int whom_subject(const ctx *c, size_t v, size_t begin)
{
    if (v <= begin + 1 || !actor_at(c, v - 1)) return 0;
    size_t f = ment_first_tok(c, v - 1);
    if (f > begin && (c->cover[f - 1] & K_DET)) f--;
    return f > begin && (c->cover[f - 1] & K_REL);
}

static int32_t cue_source_text(const ctx *c, const cue_hit *h, char *text, size_t textn)
{
    group g;
    g.n = 0;
    if (text) text[0] = '\0';
    const dx_sentence *se = &c->doc->sents.items[tok(c, h->a)->sent];
    if (h->kinds & K_ACCORDING) {
        right_group(c, h->b, 2, &g, NULL);
        if (!g.n && text) {
            size_t e = h->b;
            while (e < se->tok_end && e < h->b + 4 && is_word(c, e) &&
                   !(c->cover[e] & (K_PREP | K_BE | K_BARRIER | K_LIST)))
                e++;
            describe_np(c, h->b, e, text, textn);
        }
        return g.n ? g.v[0] : -1;
    }
    voice vo;
    find_subject(c, h->a, se->tok_begin, &g, &vo, 1);
    /* "the officers accused of treason", "those charged with sabotage": a
     * participle right before its preposition has no object, so it is
     * passive: who is before it is the accused, no accuser */
    if ((h->kinds & K_CHARGE) && h->b == h->a + 2 && (c->cover[h->a + 1] & (K_PREP | K_OF)) &&
        ends_with(c, h->a, "ed") && !(h->a > se->tok_begin && (c->cover[h->a - 1] & K_AUX)) &&
        /* but "whom MI5 suspected of spying": active, MI5 suspects */
        !whom_subject(c, h->a, se->tok_begin))
        vo.passive = 1;
    if (vo.passive) {
        /* "he was accused of X": the accuser is after "by", if anywhere */
        g.n = 0;
        size_t by = after_cue(c, h->b, se->tok_end, K_BY, 4);
        if (by) right_group(c, by, 2, &g, NULL);
        return g.n ? g.v[0] : -1;
    }
    {
        /* "his widow wrote": the widow, not he */
        int pv = 0, ax = 0;
        size_t st = verb_group_start(c, h->a, se->tok_begin, &pv, &ax);
        int pr = st >= se->tok_begin + 2 ? pronoun(c, st - 2) : -1;
        if ((pr == PR_HIS || pr == PR_HER || pr == PR_THEIR) && lower_word(c, st - 1) && !c->cover[st - 1] &&
            !c->trig_at[st - 1]) {
            if (text) {
                const dx_token *t0 = tok(c, st - 2), *t1 = tok(c, st - 1);
                dx_buf b;
                dx_buf_init(&b);
                dx_fold_lower(c->doc->text + t0->start, t1->end - t0->start, &b);
                if (b.len < textn) copy_str(text, textn, b.data);
                dx_buf_fini(&b);
            }
            return -1;
        }
    }
    /* "the testimony of Ivanov about ...": a claim's own of-phrase names
     * who makes it */
    if (!g.n && h->b + 1 < se->tok_end && c->key[h->b] == c->ev->k_of && actor_at(c, h->b + 1) &&
        h->a > se->tok_begin && (c->cover[h->a - 1] & K_DET))
        right_group(c, h->b + 1, 0, &g, NULL);
    if (!g.n) left_group_from(c, h->a, se->tok_begin, 5, &g, NULL);
    if (!g.n && h->b < se->tok_end && (actor_at(c, h->b) || pronoun(c, h->b) >= 0) &&
        h->a > se->tok_begin && c->key[h->a - 1] == c->ev->k_comma && c->key[h->b - 1] != c->ev->k_that)
        right_group(c, h->b, 0, &g, NULL); /* "..., said Ivanov." */
    if (!g.n) {
        /* "a report by X concluded", "the commission's report concluded":
         * the author of the report that makes the claim, or the body of
         * that name told before */
        int pv = 0, ax = 0;
        size_t st = verb_group_start(c, h->a, se->tok_begin, &pv, &ax), s0 = st;
        while (s0 > se->tok_begin && st - s0 < 16) {
            if (c->key[s0 - 1] == c->ev->k_comma) {
                /* over an apposition or participial phrase between commas
                 * (", presented in August 1955,") */
                size_t q = s0 - 1;
                while (q > se->tok_begin && s0 - q < 10 && c->key[q - 1] != c->ev->k_comma &&
                       !(c->cover[q - 1] & (K_BARRIER | K_REL)))
                    q--;
                if (q > se->tok_begin && q < s0 - 1 && c->key[q - 1] == c->ev->k_comma) {
                    s0 = q - 1;
                    continue;
                }
            }
            if ((c->cover[s0 - 1] & (K_BARRIER | K_REL | K_VERB)) || c->trig_at[s0 - 1] || verbish(c, s0 - 1, se->tok_begin))
                break;
            s0--;
        }
        for (size_t k = s0; k + 1 < st && !g.n; k++) {
            if (c->key[k] == c->ev->k_by && actor_at(c, k + 1) && k > s0 &&
                dx_u64map_get(c->ev->srcnoun, c->key[k - 1], &(const uint32_t *){NULL}))
                group_add(&g, ment_at(c, k + 1)->ent);
            else if (k + 3 < st && lower_word(c, k) && c->key[k + 1] == c->ev->k_apos && c->key[k + 2] == c->ev->k_s &&
                     dx_u64map_get(c->ev->srcnoun, c->key[k + 3], &(const uint32_t *){NULL})) {
                int32_t body = body_named(c, k);
                if (body >= 0) group_add(&g, body);
            }
        }
    }
    if (!g.n && text) {
        int pv = 0, ax = 0;
        size_t st = verb_group_start(c, h->a, se->tok_begin, &pv, &ax);
        size_t s0 = st;
        while (s0 > se->tok_begin && st - s0 < 4 && is_word(c, s0 - 1) &&
               !(c->cover[s0 - 1] & (K_PREP | K_BE | K_AUX | K_REL | K_BARRIER | K_LIST | K_VERB)) &&
               (!c->trig_at[s0 - 1] || (c->cover[s0 - 1] & K_DESC) ||
                /* "the indictment accused": the charge that accuses */
                (trig_pat_at(c, s0 - 1)->type == DX_EV_CHARGE &&
                 (trig_pat_at(c, s0 - 1)->pos == POS_NOUN || trig_pat_at(c, s0 - 1)->pos == POS_EITHER))))
            s0--;
        describe_np(c, s0, st, text, textn);
    }
    return g.n ? g.v[0] : -1;
}

#define QUOTE_CUE_WINDOW 64 /* tokens */

static void attribute_quotes(ctx *c)
{
    const dx_doc *d = c->doc;
    /* The cues before a quote are looked for in a window of its sentence,
     * and only the previous window is cleared: scanning and clearing the
     * whole sentence for every quote made a long line of quotes quadratic
     * (1 MB of '"Rykov, " Bukharin said, "': 158 s). */
    size_t prev_lo = 0, prev_hi = 0;
    for (size_t i = 0; i < c->quotes.len; i++) {
        quote *q = &c->quotes.items[i];
        if (q->a == 0 || q->a >= d->toks.len) continue;
        size_t s = d->toks.items[q->a - 1].sent;
        const dx_sentence *se = &d->sents.items[s];
        for (size_t t = prev_lo; t < prev_hi; t++) {
            c->cover[t] = 0;
            c->desc[t] = 0;
        }
        size_t lo = q->a > se->tok_begin + QUOTE_CUE_WINDOW ? q->a - QUOTE_CUE_WINDOW : se->tok_begin;
        scan_cues(c, lo, q->a);
        prev_lo = lo;
        prev_hi = q->a;
        for (size_t k = any_cue(c, K_SCOPE & ~K_DENY) ? c->cues.len : 0; k-- > 0;) {
            const cue_hit *h = &c->cues.items[k];
            if (!(h->kinds & (K_SCOPE & ~K_DENY))) continue;
            char text[sizeof(q->src_text)];
            int32_t src = cue_source_text(c, h, text, sizeof(text));
            if (src < 0 && q->kind) continue;
            q->kind = h->kinds & K_CHARGE ? K_CHARGE : h->kinds & K_CONFESS ? K_CONFESS : K_REPORT;
            q->src = src;
            if (src >= 0) break;
            /* no name: a short description ("the court found"), or the court
             * of a verdict ("found guilty of: ...") */
            memcpy(q->src_text, text, sizeof(q->src_text) - 1);
            q->src_text[sizeof(q->src_text) - 1] = '\0';
            if (!text[0] && (h->kinds & K_CHARGE)) {
                size_t len;
                int pats[2];
                size_t np = match_all(c, &c->ev->trig, DX_L_TRIG, h->a, h->b + 2 < d->toks.len ? h->b + 2 : h->b, &len,
                                      pats, 2);
                for (size_t j = 0; j < np; j++)
                    if (c->ev->trig.pats.items[pats[j]].type == DX_EV_SENTENCE)
                        snprintf(q->src_text, sizeof(q->src_text), "court");
            }
        }
    }
    for (size_t t = prev_lo; t < prev_hi; t++) {
        c->cover[t] = 0;
        c->desc[t] = 0;
    }
}

static void find_turn_speakers(ctx *c)
{
    dx_doc *d = c->doc;
    size_t nt = d->turns.len;
    size_t *questions = xcalloc(nt + 1, sizeof(size_t));
    for (size_t i = 0; i < nt; i++) {
        dx_turn *tu = &d->turns.items[i];
        c->speaker[i] = -1;
        for (size_t t = dx_tok_index(d, tu->label_start); t < d->toks.len && d->toks.items[t].start < tu->label_end; t++) {
            const dx_mention *mn = ment_at(c, t);
            if (mn && mn->type == DX_ENT_PERSON && mn->ent >= 0 && mn->start >= tu->label_start &&
                mn->end <= tu->label_end) {
                c->speaker[i] = mn->ent;
                if (tu->mention < 0) tu->mention = c->ment[t];
                break;
            }
        }
    }
    for (size_t s = 0; s < d->sents.len; s++)
        if (d->sents.items[s].turn >= 0 && is_question(c, s)) questions[d->sents.items[s].turn] = 1;
    size_t ne = d->ents.len;
    size_t *asked_by = xcalloc(ne + 1, sizeof(size_t)), *turns_by = xcalloc(ne + 1, sizeof(size_t));
    uint8_t *role_of = xcalloc(ne + 1, 1); /* per ent: 0 not asked yet, 1 no interrogator's role, 2 one */
    for (size_t i = 0; i < nt; i++)
        if (c->speaker[i] >= 0) {
            turns_by[c->speaker[i]]++;
            asked_by[c->speaker[i]] += questions[i];
        }
    int32_t last = -1, prev_other = -1; /* the latest speaker, and the one before him */
    for (size_t i = 0; i < nt; i++) {
        int32_t sp = c->speaker[i];
        c->addressee[i] = last >= 0 && last != sp ? last : prev_other != sp ? prev_other : -1;
        if (sp >= 0 && sp != last) {
            prev_other = last;
            last = sp;
        }
        for (size_t j = i + 1; j < nt && j < i + 8 && c->addressee[i] < 0; j++)
            if (c->speaker[j] >= 0 && c->speaker[j] != sp) c->addressee[i] = c->speaker[j];
        /* an interrogator: asks in a third of their turns, or is known as a
         * prosecutor or judge */
        size_t asked = sp >= 0 ? asked_by[sp] : 0, total = sp >= 0 ? turns_by[sp] : 1;
        int role = 0;
        if (sp >= 0) {
            /* asked once per speaker, not per turn (a transcript's few
             * speakers have thousands of turns: the searches showed) */
            if (!role_of[sp]) {
                const dx_gaz_entry *g = d->ents.items[sp].gaz;
                role_of[sp] = g && g->roles && (strcasestr(g->roles, "prosecutor") || strcasestr(g->roles, "procurator") ||
                                                strcasestr(g->roles, "judge"))
                                  ? 2
                                  : 1;
            }
            role = role_of[sp] == 2;
        }
        c->asks[i] = c->speaker[i] >= 0 && (role || asked * 3 >= total);
    }
    free(questions);
    free(asked_by);
    free(turns_by);
    free(role_of);
}

static void set_source(dx_event *e, int32_t ent, const char *text)
{
    e->source_ent = ent;
    copy_str(e->source, sizeof(e->source), ent >= 0 || !text ? "" : text);
}

/* The text's own voice: the byline's author, else "author". */
static void author_source(const ctx *c, dx_event *e, int32_t spk)
{
    if (spk >= 0) set_source(e, spk, "");
    else if (c->author >= 0) set_source(e, c->author, "");
    else set_source(e, -1, "author");
}

static int crosses(const ctx *c, size_t from, size_t to, uint32_t kinds)
{
    for (size_t k = from; k < to; k++)
        if (c->cover[k] & kinds) return 1;
    return 0;
}

/* Is token a inside a bracket opened after token from ("charged with the
 * assassination of Kirov (who was actually murdered in 1934)")? What a
 * parenthesis says is the text's own aside, not the claim's. */
static int in_parenthesis(const ctx *c, size_t from, size_t a)
{
    int depth = 0;
    for (size_t k = from; k < a; k++) {
        if (c->key[k] == c->ev->k_lparen) depth++;
        else if (c->key[k] == c->ev->k_rparen && depth > 0) depth--;
    }
    return depth > 0;
}

static int local_cue(const ctx *c, size_t a, uint32_t kind, size_t window, int inclusive)
{
    if (!any_cue(c, kind)) return 0;
    for (size_t i = 0; i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (h->a > a) break; /* (the cues are in token order: none after it is before a) */
        if (!(h->kinds & kind)) continue;
        if ((!inclusive && h->a == a) || h->a + window < a) continue;
        if (crosses(c, h->b, a, K_BARRIER)) continue;
        /* a negation negates the next verb: "crimes they had not committed
         * were condemned" does not deny the condemnation */
        int verb = 0;
        for (size_t k = h->b; (kind & K_NEGATE) && k < a; k++) {
            verb |= verbish(c, k, 0) && !c->trig_at[k];
            /* "without measure, and expel": a list ends what it negates */
            verb |= (c->cover[k] & K_LIST) != 0;
        }
        if (!verb) return 1;
    }
    return 0;
}

/* A procedure in the infinitive: "to confess", "to confirm or deny". */
static int infinitive(const ctx *c, size_t a, size_t begin)
{
    const dx_doc *d = c->doc;
    for (size_t k = 1; k <= 3 && a >= begin + k; k++) {
        const dx_token *t = &d->toks.items[a - k];
        if (c->key[a - k] == c->ev->k_to) return !(c->cover[a] & K_BE);
        if (!(t->flags & DX_TK_WORD) || ment_at(c, a - k)) return 0;
        if (k == 1 && c->key[a - 1] != c->ev->k_or && c->key[a - 1] != c->ev->k_and) return 0;
    }
    return 0;
}

static int modal_cue(const ctx *c, const cue_hit *h)
{
    /* would, will, might, should, could, may, if: one word, an auxiliary or a barrier */
    return h->b == h->a + 1 && (c->cover[h->a] & (K_AUX | K_BARRIER)) != 0 && !(c->cover[h->a] & (K_GOVERN | K_VERB));
}

/* Is token k inside a trigger of more than one word ("sentenced to death")? */
static int inside_trigger(const ctx *c, size_t k)
{
    for (size_t i = 0; i < c->ntrig; i++)
        if (c->trig[i].tok < k && k < c->trig[i].tok + c->trig[i].len) return 1;
    return 0;
}

/* Is the verb at a the infinitive "to VERB" (also "to be VERBed", "not to
 * VERB", "to arrest and shoot")? Returns where its "to" is, or SIZE_MAX. */
static size_t infinitive_to(const ctx *c, size_t a, size_t begin)
{
    size_t t = a;
    for (int i = 0; i < 4 && t > begin; i++) {
        size_t k = t - 1;
        if (c->key[k] == c->ev->k_to) return k;
        if (c->cover[k] & (K_BE | K_NEGATE | K_ADV)) {
            t = k;
            continue;
        }
        /* "to organise sabotage", "to commit the murder": the object of the
         * infinitive's verb */
        if (i < 2 && ((c->cover[k] & K_DET) || (lower_word(c, k) && !c->cover[k] && !c->trig_at[k])) && k > begin &&
            (c->key[k - 1] == c->ev->k_to || (lower_word(c, k - 1) && !c->cover[k - 1] && !c->trig_at[k - 1]))) {
            t = k;
            continue;
        }
        /* "to arrest and assassinate", "to work for Germany or be denounced":
         * the first verb's "to" */
        if ((c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_or) && k > begin) {
            size_t j = k;
            while (j > begin && k - j < 6 && c->key[j - 1] != c->ev->k_to && !(c->cover[j - 1] & K_BARRIER) &&
                   c->key[j - 1] != c->ev->k_comma)
                j--;
            /* but "sentenced to death ... and shot", "taken to the camp and
             * shot": "to" before a noun is no infinitive's */
            if (j > begin && c->key[j - 1] == c->ev->k_to && !inside_trigger(c, j - 1) && !(c->cover[j] & K_DET) &&
                !ment_at(c, j) && !(trig_pat_at(c, j) && trig_pat_at(c, j)->pos == POS_NOUN))
                return j - 1;
        }
        break;
    }
    return SIZE_MAX;
}

/* Irrealis: planned, ordered, demanded, voted, tried, would, if - unless the
 * text says it came true ("which he did"). A modal or "if" reaches what
 * follows it in its clause; a verb or noun of planning reaches only its
 * complement: an infinitive ("ordered the police to detain X", "planned to
 * kill"), a that-clause ("demanded that they be shot"), its object ("planned
 * the murder"). A "would" with a habit adverb ("would often") is habitual.
 * An attempt ("tried to kill") is one for acts, not for procedures ("tried
 * to deny" is a denial). gv: the governing verb of a noun trigger, or
 * SIZE_MAX. */
static int irrealis(const ctx *c, size_t a, size_t begin, size_t end, int hypo_gov, size_t gv, const pattern *p)
{
    for (size_t i = 0; any_cue(c, K_SUCCESS) && i < c->cues.len; i++)
        if ((c->cues.items[i].kinds & K_SUCCESS) && c->cues.items[i].a > a) return 0;
    if (hypo_gov) return 1;
    if (p->attempted) return 1;
    int procedural = is_procedural(p->type);
    /* "The assassination of Stalin would have presented no difficulties":
     * the subject of a counterfactual */
    for (size_t k = a + p->n; k < end && k < a + p->n + 6; k++) {
        if (c->cover[k] & (K_BARRIER | K_REL | K_VERB)) break;
        if (c->key[k] == c->ev->k_would || ((c->cover[k] & K_HYPO) && (c->cover[k] & K_AUX))) {
            if (k + 1 < end && c->key[k + 1] == c->ev->k_have) return 1;
            /* "the plot could in no case remain hidden", "would never succeed": reasoned, not told */
            for (size_t j = k + 1; j < end && j < k + 4; j++) {
                if (c->cover[j] & K_NEGATE) return 1;
                if (!(c->cover[j] & (K_PREP | K_ADV))) break; /* "could yield no results": its object */
            }
            break;
        }
    }
    size_t head = gv != SIZE_MAX ? gv : a;
    size_t to = infinitive_to(c, head, begin);
    if (to == SIZE_MAX && c->key[head] == c->ev->k_to) to = head; /* the trigger is "to be shot" */
    for (size_t i = 0; (any_cue(c, K_HYPO) || any_desc(c, 1u << DESC_ATTEMPT)) && i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (h->a > a) break; /* (in token order: the rest start after a, skipped below) */
        int attempt = (h->kinds & K_DESC) && h->desc == DESC_ATTEMPT;
        if (!(h->kinds & K_HYPO) && !attempt) continue;
        if (attempt && procedural) continue;
        if (h->a > a || (h->a == a && h->b <= a)) continue;
        if (h->b > a && !(h->a < a)) continue;
        if (c->key[h->a] == c->ev->k_would && h->b < end && (c->cover[h->b] & K_HABIT)) continue;
        if (modal_cue(c, h)) {
            if (h->a + 6 < a) continue;
            if (crosses(c, h->b, a, K_BARRIER)) continue;
            return 1;
        }
        /* the complement of a verb or noun of planning */
        if (to != SIZE_MAX) {
            /* "to be shot", "were to be tried"; not ", to be replaced by Y" (what followed) */
            if (h->a <= to && to < h->b) {
                if (to > begin && c->key[to - 1] == c->ev->k_comma) continue;
                return 1;
            }
            if (h->b <= to + 1 && h->b + 8 >= to && !crosses(c, h->b, to, K_BARRIER & ~K_DET)) return 1;
            continue;
        }
        if (h->b > head || h->b + 5 < head) continue;
        int ok = 1;
        for (size_t k = h->b; ok && k < head; k++) {
            uint32_t cv = c->cover[k];
            if ((cv & K_PREP) && !(cv & K_OF)) {
                ok = 0;
                break;
            }
            if (c->key[k] == c->ev->k_that || (cv & (K_DET | K_BE | K_COUNT | K_OF))) continue;
            if (actor_at(c, k) || pronoun(c, k) >= 0 || (lower_word(c, k) && !cv && !verbish(c, k, begin))) continue;
            if (c->key[k] == c->ev->k_apos || c->key[k] == c->ev->k_s) continue;
            ok = 0;
        }
        if (ok) return 1;
    }
    return 0;
}

/* Does a report verb at h take a complement (that, a colon, a quote, how,
 * of, a clause)? "She wrote many books" reports nothing. */
static int has_complement(const ctx *c, const cue_hit *h, size_t end)
{
    if (!(h->kinds & K_REPORT) || (h->kinds & (K_ACCORDING | K_CHARGE | K_CONFESS | K_DENY))) return 1;
    if (c->key[h->b - 1] == c->ev->k_that) return 1;
    for (size_t k = h->b; k < end && k < h->b + 7; k++) {
        uint64_t key = c->key[k];
        if (key == c->ev->k_that || key == c->ev->k_colon || key == c->ev->k_quot || key == c->ev->k_ldquo ||
            key == c->ev->k_of)
            return 1;
        if (lower_word(c, k) && ends_with(c, k, "how") ) return 1;
        if ((actor_at(c, k) || pronoun(c, k) >= 0) && k + 1 < end) {
            size_t j = actor_at(c, k) ? ment_end_tok(c, k) : k + 1;
            for (size_t m = j; m < end && m < j + 4; m++)
                if (verbish(c, m, k) || (c->cover[m] & (K_BE | K_AUX | K_HYPO))) return 1;
        }
        if (c->cover[k] & K_BARRIER) return k > h->b && c->key[k] == c->ev->k_that;
        if (c->trig_at[k] && !(c->cover[k] & K_DET) && k == h->b) return 1; /* "said he plotted" */
    }
    return 0;
}

/* ", Rumania and other border states.": a report verb in -s ("states",
 * "claims", "reports") after two things joined by "and" or "or" is no verb
 * of theirs but the noun that ends a list (j..h->a: the words between the
 * comma and the cue) */
static int plural_before_3sg(const ctx *c, size_t j, const cue_hit *h)
{
    if (!ends_with(c, h->b - 1, "s")) return 0;
    for (size_t k = j; k < h->a; k++)
        if (c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_or) return 1;
    return 0;
}

/* Who a trailing or medial attribution names: the noun phrase between its
 * comma and its verb (", the ministry announced": the ministry; ", his
 * widow wrote"), or the name after the verb (", said Ivanov."); never the
 * subject of the clause it attributes. */
static int32_t trail_source(const ctx *c, const cue_hit *h, char *text, size_t textn)
{
    if (h->kinds & K_ACCORDING) return cue_source_text(c, h, text, textn);
    const dx_sentence *se = &c->doc->sents.items[tok(c, h->a)->sent];
    size_t j = h->a;
    while (j > se->tok_begin && c->key[j - 1] != c->ev->k_comma) j--;
    text[0] = '\0';
    if (j == se->tok_begin) return cue_source_text(c, h, text, textn);
    for (size_t k = j; k < h->a; k++) {
        const dx_mention *m = actor_ment(c, k);
        if (!m) continue;
        size_t me = ment_end_tok(c, k);
        /* "Ceaușescu's government announced": the government, in the text's
         * words, not the man */
        if (me + 2 < h->a && (c->key[me] == c->ev->k_apos || c->key[me] == c->ev->k_rsquo) &&
            c->key[me + 1] == c->ev->k_s) {
            int pv = 0, ax = 0;
            size_t st = verb_group_start(c, h->a, j, &pv, &ax);
            size_t from = tok(c, ment_first_tok(c, k))->start, to = tok(c, st - 1)->end;
            if (st > me + 2 && to - from < textn) {
                snprintf(text, textn, "%.*s", (int)(to - from), c->doc->text + from);
                return -1;
            }
        }
        return m->ent;
    }
    if (j == h->a) {
        group g;
        g.n = 0;
        right_group(c, h->b, 0, &g, NULL);
        return g.n ? g.v[0] : -1;
    }
    /* a description: its words, not a name the subject search found
     * across the comma */
    int32_t r = cue_source_text(c, h, text, textn);
    if (r >= 0) {
        int pv = 0, ax = 0;
        describe_np(c, j, verb_group_start(c, h->a, j, &pv, &ax), text, textn);
        return -1;
    }
    return r;
}

/* An attribution set in the middle of the clause it attributes: "The
 * shootings, the Commission states, were carried out by ...", "This
 * provocation, the report finds, was meant to ...": a comma, a short noun
 * phrase (no verb, no trigger), a report verb, a comma. Returns the cue. */
static const cue_hit *medial_attribution(const ctx *c, size_t begin, size_t end)
{
    if (!any_cue(c, K_REPORT)) return NULL;
    for (size_t i = 0; i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (!(h->kinds & K_REPORT) || (h->kinds & (K_ACCORDING | K_CHARGE | K_CONFESS | K_DENY))) continue;
        if (h->a <= begin || h->b >= end || c->key[h->b] != c->ev->k_comma) continue;
        size_t j = h->a;
        while (j > begin && h->a - j < 7 && c->key[j - 1] != c->ev->k_comma && !c->trig_at[j - 1] &&
               !(c->cover[j - 1] & (K_BARRIER | K_BE | K_VERB | K_REL)) && !verbish(c, j - 1, begin))
            j--;
        if (j == h->a || j <= begin + 1 || c->key[j - 1] != c->ev->k_comma || plural_before_3sg(c, j, h)) continue;
        return h;
    }
    return NULL;
}

/* A trailing attribution: the sentence ends with ", the investigator
 * stated.", ", according to the minutes.", ", said Ivanov." Returns the cue. */
static const cue_hit *trailing_attribution(const ctx *c, size_t begin, size_t end)
{
    if (!any_cue(c, K_REPORT | K_ACCORDING)) return NULL;
    /* "..., the government announced at the time; several officers now
     * say ...": the first clause ends at the semicolon */
    for (size_t k = begin; k < end; k++)
        if (c->key[k] == c->ev->k_semi) {
            end = k;
            break;
        }
    for (size_t i = c->cues.len; i-- > 0;) {
        const cue_hit *h = &c->cues.items[i];
        if (!(h->kinds & (K_REPORT | K_ACCORDING))) continue;
        if (h->b > end) continue;
        /* after it: a noun phrase or nothing, to the end (a colon opens a quotation) */
        size_t k = h->b;
        for (size_t j = h->b; j < end; j++)
            if (c->key[j] == c->ev->k_colon) return NULL;
        while (k < end && (is_word(c, k) || ment_at(c, k)) && !c->trig_at[k] &&
               !(c->cover[k] & (K_BARRIER | K_REL | K_BE | K_AUX)))
            k++;
        while (k < end && !is_word(c, k) && c->key[k] != c->ev->k_comma) k++;
        if (k != end) return NULL;
        /* before it: a comma and at most a short noun phrase */
        size_t j = h->a;
        while (j > begin && h->a - j < 7 && c->key[j - 1] != c->ev->k_comma && !c->trig_at[j - 1] &&
               !(c->cover[j - 1] & (K_BARRIER | K_BE | K_VERB)))
            j--;
        /* with nobody before the verb, the speaker after it (", said
         * Ivanov."), not its object ("X, who had ordered it, said nothing.") */
        if (j == h->a && !(h->kinds & K_ACCORDING) && !(h->b < end && (actor_at(c, h->b) || pronoun(c, h->b) >= 0)))
            return NULL;
        if (j > begin && c->key[j - 1] == c->ev->k_comma && !plural_before_3sg(c, j, h)) return h;
        return NULL;
    }
    return NULL;
}

/* Is the clause of token a framed by "in (each|the|these) trial(s)" or "at
 * the trial": a trial noun after "in" or "at" (past up to two determiners
 * or lowercase words), set apart at the sentence's start or after a comma,
 * with no clause end between? */
static int in_trial(const ctx *c, size_t a, size_t begin, size_t end)
{
    /* (the triggers of the sentence, in token order, the first of each
     * token: trig_at names it; not every token of the sentence per event) */
    for (size_t i = 0; i < c->ntrig; i++) {
        size_t k = c->trig[i].tok;
        if (k < begin || k >= end || c->trig_at[k] != (int16_t)(i + 1)) continue;
        const pattern *p = &c->ev->trig.pats.items[c->trig[i].pat];
        if (p->type != DX_EV_TRIAL || p->pos == POS_VERB || p->pos == POS_PASSIVE) continue;
        size_t j = k;
        while (j > begin && k - j < 2 && ((c->cover[j - 1] & K_DET) || lower_word(c, j - 1)) &&
               c->key[j - 1] != c->ev->k_in && c->key[j - 1] != c->ev->k_at)
            j--;
        if (j == begin || (c->key[j - 1] != c->ev->k_in && c->key[j - 1] != c->ev->k_at)) continue;
        /* set apart: at the clause's start or after a comma, not the
         * complement of a verb ("revealed in the trials") */
        if (j - 1 > begin && c->key[j - 2] != c->ev->k_comma) continue;
        size_t lo = j - 1 < a ? j - 1 : a, hi = j - 1 < a ? a : k;
        if (!crosses(c, lo, hi, K_END)) return 1;
    }
    return 0;
}

/* The claim a content event is part of: ALLEGED by its source, or CONFESSED
 * when the source is the one who did it. */
static void claim(dx_event *e, int32_t src, const char *text)
{
    e->modality = (src >= 0 && e->n_agents && e->agents[0] == src) ? DX_MODAL_CONFESSED : DX_MODAL_ALLEGED;
    set_source(e, src, text);
}

static void add_agents(dx_event *e, const int32_t *v, size_t n)
{
    /* the accused come first: they are who the claim is about */
    int32_t keep[DX_EV_MAX_PART];
    size_t nk = 0;
    for (size_t i = 0; i < n && nk < DX_EV_MAX_PART; i++)
        if (!contains(keep, nk, v[i])) keep[nk++] = v[i];
    for (size_t i = 0; i < e->n_agents && nk < DX_EV_MAX_PART; i++)
        if (!contains(keep, nk, e->agents[i])) keep[nk++] = e->agents[i];
    memcpy(e->agents, keep, nk * sizeof(int32_t));
    e->n_agents = (uint8_t)nk;
}

/* Is the trigger at [a,b) the object of a frame word ("fabricated charges
 * of espionage", "the charges were invented", "a frame-up")? A frame word
 * scopes over its own noun phrase, before or after it in the clause. */
static int framed(const ctx *c, size_t a, size_t b, size_t lo)
{
    for (size_t i = 0; any_cue(c, K_FRAME) && i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (!(h->kinds & K_FRAME)) continue;
        if (h->b <= a) {
            /* attributive: the words between belong to its noun phrase */
            int ok = a - h->b <= 6;
            for (size_t k = h->b; ok && k < a; k++) {
                uint32_t cv = c->cover[k];
                if (cv & (K_BARRIER | K_REL | K_BE | K_AUX | K_VERB | K_REPORT)) ok = 0;
                else if ((cv & K_PREP) && !(cv & K_OF) && c->key[k] != c->ev->k_to) {
                    /* "charges for spying": "for", "with" stay in the phrase */
                    const dx_token *t = tok(c, k);
                    size_t n = t->end - t->start;
                    ok = (n == 3 && !strncasecmp(c->doc->text + t->start, "for", 3)) ||
                         (n == 4 && !strncasecmp(c->doc->text + t->start, "with", 4));
                } else if (!c->trig_at[k] && verbish(c, k, lo)) ok = 0;
            }
            if (ok) return 1;
        } else if (h->a >= b) {
            /* predicative: "X were false", "X vanishes into thin air", "declared X invented";
             * a parenthesis between dashes does not count ("the testimony - at
             * least that of ... - is false") */
            int ok = 1;
            size_t dist = 0;
            for (size_t k = b; ok && k < h->a; k++) {
                if (c->key[k] == c->ev->k_dash) {
                    size_t j = k + 1;
                    while (j < h->a && j < k + 24 && c->key[j] != c->ev->k_dash) j++;
                    if (j < h->a && c->key[j] == c->ev->k_dash) {
                        k = j;
                        continue;
                    }
                }
                if (++dist > 8) {
                    ok = 0;
                    break;
                }
                uint32_t cv = c->cover[k];
                if (cv & (K_BARRIER | K_REL | K_REPORT | K_END)) ok = 0;
                else if ((cv & K_PREP) && !(cv & K_OF)) ok = 0; /* "detained on invented charges" */
                else if (verbish(c, k, lo) && !(cv & K_BE)) ok = 0;
            }
            if (ok) return 1;
        }
    }
    return 0;
}

/* A quoted term, not quoted speech: a few words, no verb ('forming an
 * "anti-state conspiratorial centre"'): the words of the clause around it. */
static int quoted_term(const ctx *c, const quote *q, size_t lo)
{
    if (q->b - q->a > 6) return 0;
    for (size_t k = q->a; k < q->b; k++)
        if (verbish(c, k, lo) || (c->cover[k] & (K_BE | K_AUX | K_END))) return 0;
    return 1;
}

/* "with", "of" or "for": the prepositions a charge names its crime with */
static int charge_prep(const ctx *c, size_t k)
{
    uint64_t w = c->key[k];
    return w == c->ev->k_with || w == c->ev->k_of || w == c->ev->k_for;
}

/* "accused Rajk and his co-defendants of spying, of preparing a coup and
 * of plotting to murder X": the crime at a is in one of a list of
 * complements of the charge verb at ct, each after its own "of" (or "with",
 * "for"), the first within 16 words of the verb with no verb before it
 * (the accused), the others after a comma or "and"; the crime at most
 * three words after its preposition ("of plotting to murder"). */
static int charge_list(const ctx *c, size_t ct, size_t a, size_t lo)
{
    size_t q = SIZE_MAX;
    for (size_t k = a; k-- > ct + 1 && a - k <= 4;)
        if (charge_prep(c, k)) {
            q = k;
            break;
        }
    if (q == SIZE_MAX || crosses(c, q, a, K_END | K_BARRIER)) return 0;
    /* the first of that preposition after the verb opens the list: the
     * accused before it; q is that one, or one after a comma or "and" (an
     * "of" inside an item, "the rear of the front", is passed over) */
    size_t first = SIZE_MAX;
    for (size_t k = ct + 1; k <= q; k++)
        if (c->key[k] == c->key[q]) {
            first = k;
            break;
        }
    if (first - ct > 16 || q - first > 40 || crosses(c, first, q, K_END | K_BARRIER)) return 0;
    if (q != first && c->key[q - 1] != c->ev->k_comma && c->key[q - 1] != c->ev->k_and) return 0;
    for (size_t k = ct + 1; k < first; k++)
        if (verbish(c, k, lo)) return 0;
    return 1;
}

/* The claimed crime a relative clause describes ('forming a "centre" that
 * had spied for the West, sabotaged the economy and ...'): a crime of the
 * sentence told right before "that" or "which" (past a closing quote or a
 * comma), with the clause reaching the crime at a (verbs joined by commas
 * and "and", no clause end); NULL if none. self: the event of a. */
static int claimed_crime(const dx_event *x)
{
    return is_crime(x->type) && x->modality != DX_MODAL_ASSERTED && x->modality != DX_MODAL_HYPOTHETICAL;
}

static const dx_event *claimed_antecedent(const ctx *c, size_t a, size_t first_event, size_t self, size_t lo)
{
    const dx_doc *d = c->doc;
    /* it is told before a: one of the events before self (the events are in
     * the order of their triggers, and those from self on end at a or
     * later). Without a claimed crime among them, no look at the clause. */
    int any = 0;
    for (size_t i = first_event; i < self && !any; i++) any = claimed_crime(&d->events.items[i]);
    if (!any) return NULL;
    size_t r = SIZE_MAX;
    for (size_t k = a; k-- > lo && a - k <= 14;) {
        if (c->key[k] == c->ev->k_that || c->key[k] == c->ev->k_which) {
            r = k;
            break;
        }
        if (c->cover[k] & (K_END | K_REPORT | K_CHARGE | K_CONFESS | K_DENY)) return NULL;
    }
    if (r == SIZE_MAX || r == lo) return NULL;
    size_t t = r;
    while (t > lo && t + 2 >= r && (c->key[t - 1] == c->ev->k_comma || c->key[t - 1] == c->ev->k_rdquo ||
                                    c->key[t - 1] == c->ev->k_quot))
        t--;
    if (t == lo) return NULL;
    uint32_t end = d->toks.items[t - 1].end;
    for (size_t i = first_event; i < self; i++) {
        const dx_event *x = &d->events.items[i];
        if (x->trig_end == end && claimed_crime(x)) return x;
    }
    return NULL;
}

/* What modality asks of the whole sentence, the same for each of its
 * events (nothing it reads changes between them): found at the first
 * event that asks, not again for each. */
typedef struct {
    int known, trail_known, medial_known;
    int question;                  /* is_question */
    const cue_hit *trail, *medial; /* trailing_attribution, medial_attribution */
} sent_facts;

/* Does the denial h reach the act at a that is no crime: the clause after
 * its "that", or its object, with no comma, other act or verb (but a form
 * of "be": "denied being arrested") between? */
static int denial_reaches(const ctx *c, const cue_hit *h, size_t a, size_t begin)
{
    for (size_t k = h->b; k < a; k++) {
        if (c->key[k] == c->ev->k_comma) return 0;
        if (c->key[k] == c->ev->k_that) {
            for (size_t q = k + 1; q < a; q++)
                if (c->key[q] == c->ev->k_comma) return 0;
            return 1;
        }
        if (c->trig_at[k] || (verbish(c, k, begin) && !(c->cover[k] & K_BE))) return 0;
    }
    return 1;
}

/* "According to Pravda, Radek was tried": the attribution that opens the
 * clause of the act at a, set off by its comma (an act inside the phrase,
 * "according to the indictment", is not its content), or NULL. */
static const cue_hit *leading_according(const ctx *c, size_t a, size_t begin)
{
    const cue_hit *found = NULL;
    for (size_t i = 0; any_cue(c, K_ACCORDING) && i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (h->a >= a) break;
        if (!(h->kinds & K_ACCORDING) || h->b > a || h->a < begin) continue;
        size_t comma = SIZE_MAX;
        for (size_t k = h->b; k < a && comma == SIZE_MAX; k++)
            if (c->key[k] == c->ev->k_comma) comma = k;
        if (comma == SIZE_MAX || crosses(c, comma, a, K_END) || in_parenthesis(c, comma, a)) continue;
        /* (the act in the clause right after that comma) */
        size_t k = comma + 1;
        while (k < a && c->key[k] != c->ev->k_comma) k++;
        if (k == a) found = h;
    }
    return found;
}

static void modality(ctx *c, dx_event *e, size_t a, size_t b, size_t first_event, const pattern *p,
                     int hypo_gov, sent_facts *sf)
{
    dx_doc *d = c->doc;
    size_t s = e->sent;
    const dx_sentence *se = &d->sents.items[s];
    int32_t turn = se->turn;
    int32_t spk = turn >= 0 ? c->speaker[turn] : -1;
    if (!sf->known) {
        sf->known = 1;
        sf->question = is_question(c, s);
    }
    int question = sf->question;
    int crime = is_crime(e->type);
    int neg = local_cue(c, a, K_NEGATE, 4, 0);
    /* "was not rehabilitated until 1968": it was, then */
    for (size_t k = b; neg && k < se->tok_end && k < b + 4; k++) {
        if (c->key[k] == c->ev->k_until) neg = 0;
        if (c->cover[k] & (K_BARRIER | K_VERB)) break;
    }
    int hypo = irrealis(c, a, se->tok_begin, se->tok_end, hypo_gov == 1, hypo_gov > 1 ? (size_t)(hypo_gov - 2) : SIZE_MAX, p);
    int asking = turn >= 0 && question && c->asks[turn];
    /* (what a prepositional phrase sets the question in, "told at trial",
     * is not asked about) */
    if (question && !asking && yes_no_question(c, s) && !in_prep_phrase(c, a, se->tok_begin)) {
        e->modality = DX_MODAL_HYPOTHETICAL;
        set_source(e, -1, "");
        return;
    }
    /* "found guilty ... to be shot": what a sentence orders is not yet done */
    for (size_t i = first_event; !hypo && c->key[a] == c->ev->k_to && i < d->events.len; i++)
        hypo = d->events.items[i].type == DX_EV_SENTENCE && d->events.items[i].trig_start < e->trig_start;
    if (!sf->trail_known) {
        sf->trail_known = 1;
        sf->trail = trailing_attribution(c, se->tok_begin, se->tok_end);
    }
    const cue_hit *trail = sf->trail;
    if (trail && trail->a < a) trail = NULL;
    if (!trail) {
        if (!sf->medial_known) {
            sf->medial_known = 1;
            sf->medial = medial_attribution(c, se->tok_begin, se->tok_end);
        }
        /* (set inside a relative clause, it attributes that clause only) */
        trail = sf->medial;
        if (trail && a < trail->a && crosses(c, a, trail->a, K_REL)) trail = NULL;
    }
    e->modality = DX_MODAL_ASSERTED;
    set_source(e, -1, "");
    char text[64];
    const cue_hit *lead;
    if (is_procedural(e->type)) {
        if (asking || hypo || infinitive(c, a, se->tok_begin)) {
            e->modality = DX_MODAL_HYPOTHETICAL;
        } else if (neg) {
            e->modality = DX_MODAL_DENIED;
            if (trail) {
                int32_t src = trail_source(c, trail, text, sizeof(text));
                set_source(e, src, text);
            } else {
                set_source(e, spk, spk >= 0 ? "" : "author");
                if (spk < 0) author_source(c, e, spk);
            }
        } else if (e->type == DX_EV_CONFESSION && local_cue(c, a, K_ALLEGED, 3, 0)) {
            /* a so-called or purported confession: whether there was one at
             * all is a claim (a coerced or scare-quoted one was made: its
             * content is what is alleged) */
            e->modality = DX_MODAL_ALLEGED;
            set_source(e, -1, "");
        } else if (trail) {
            int32_t src = trail_source(c, trail, text, sizeof(text));
            e->modality = DX_MODAL_ALLEGED;
            set_source(e, src, text);
        } else if (p->pos != POS_NOUN && (lead = leading_according(c, a, se->tok_begin)) != NULL) {
            /* (a trial or charge named by its noun is the topic of what is
             * attributed, "According to Getty, the allegation is improbable",
             * not its content) */
            int32_t src = cue_source_text(c, lead, text, sizeof(text));
            e->modality = DX_MODAL_ALLEGED;
            set_source(e, src, text);
        }
        return;
    }
    if (framed(c, a, b, se->tok_begin)) {
        e->modality = DX_MODAL_DENIED;
        author_source(c, e, spk);
        return;
    }
    const dx_event *ante = crime ? claimed_antecedent(c, a, first_event, (size_t)(e - d->events.items), se->tok_begin) : NULL;
    if (ante) {
        e->modality = ante->modality;
        e->source_ent = ante->source_ent;
        memcpy(e->source, ante->source, sizeof(e->source));
        if (!e->n_agents) add_agents(e, ante->agents, ante->n_agents);
        return;
    }
    if (asking) {
        if (!e->n_agents && e->type == DX_EV_CONSPIRACY && c->addressee[turn] >= 0)
            add_agents(e, &c->addressee[turn], 1);
        e->modality = DX_MODAL_ALLEGED;
        set_source(e, spk, "");
        return;
    }
    /* "the treason trial", "the espionage charges against X", "a murder
     * conviction": the crime a trial, charge or verdict is about is alleged
     * (by its accuser, else the prosecution or the court), of its accused */
    if (crime && b < se->tok_end) {
        for (size_t i = first_event; i < d->events.len; i++) {
            const dx_event *ce = &d->events.items[i];
            if ((ce->type != DX_EV_TRIAL && ce->type != DX_EV_CHARGE && ce->type != DX_EV_SENTENCE) ||
                ce->trig_start != d->toks.items[b].start)
                continue;
            if (!e->n_agents) add_agents(e, ce->patients, ce->n_patients);
            e->modality = DX_MODAL_ALLEGED;
            if (ce->n_agents) set_source(e, ce->agents[0], "");
            else set_source(e, -1, ce->type == DX_EV_SENTENCE ? "court" : "prosecution");
            return;
        }
    }
    /* the nearest claim, accusation, confession or denial before the trigger
     * whose scope reaches it (not past "but" or ";"); accusations,
     * confessions and denials are about crimes only */
    const cue_hit *scope = NULL, *before = NULL;
    /* (a denial's content may be an arrest, an execution, a death as well:
     * "Trotsky denied that Radek was arrested"; confessions are of crimes) */
    uint32_t want = crime ? K_SCOPE : (K_REPORT | K_ACCORDING | K_CHARGE | K_DENY);
    for (size_t i = 0; any_cue(c, want) && i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (h->a >= a) break; /* (in token order: the rest start at a or after) */
        if (!(h->kinds & want) || h->b > a) continue;
        if (crosses(c, h->b, a, K_END) || in_parenthesis(c, h->b, a)) continue;
        if (!has_complement(c, h, se->tok_end)) continue;
        /* an accusation names crimes; for other events only the content of a
         * charge clause ("charged that X had him arrested") */
        if (!crime && (h->kinds & K_CHARGE) && !(h->kinds & K_REPORT)) continue;
        /* ... a denial, only what it denies: the clause after "that", or its
         * object ("denied the execution of", "denied being arrested"), not
         * an act told after it ("denied the charges and was executed") */
        if (!crime && (h->kinds & K_DENY) && !(h->kinds & (K_REPORT | K_ACCORDING)) &&
            !denial_reaches(c, h, a, se->tok_begin))
            continue;
        before = scope;
        scope = h;
    }
    /* "the charge sheet accused X of ...": the accusation is the verb's,
     * whose subject holds the charge word */
    cue_hit charge_verb = {0, 0, K_REPORT, 0};
    if (scope && (scope->kinds & K_CHARGE) && !(scope->kinds & (K_REPORT | K_CONFESS | K_DENY))) {
        for (size_t k = scope->b; k < a && k < scope->b + 3; k++) {
            const pattern *tp = trig_pat_at(c, k);
            if (tp && tp->type == DX_EV_CHARGE && tp->pos != POS_NOUN && verbish(c, k, se->tok_begin)) {
                charge_verb.a = (uint32_t)k;
                charge_verb.b = (uint32_t)k + 1;
                charge_verb.kinds = K_CHARGE;
                scope = &charge_verb;
                break;
            }
        }
    }
    /* "pleaded guilty to the charges of X": X is confessed */
    if (scope && (scope->kinds & K_CHARGE) && before && (before->kinds & K_CONFESS) &&
        before->b + 4 >= scope->a)
        scope = before;
    int32_t q = c->quote_of[a];
    if (scope && q >= 0 && (uint32_t)c->quotes.items[q].a > scope->a && !quoted_term(c, &c->quotes.items[q], se->tok_begin))
        scope = NULL;
    /* "charged eight soldiers with the murders of ...": the crime a charge
     * or verdict of the sentence names, past its object */
    int charged = 0;
    if (!scope && crime) {
        for (size_t i = first_event; i < d->events.len; i++) {
            const dx_event *ce = &d->events.items[i];
            /* "stood trial for high treason", "was tried for murder" too */
            if ((ce->type != DX_EV_CHARGE && ce->type != DX_EV_SENTENCE && ce->type != DX_EV_TRIAL) ||
                ce->trig_start >= e->trig_start)
                continue;
            size_t ct = c->ev_tok.items[i];
            int trial = ce->type == DX_EV_TRIAL;
            /* "the indictment accused X of ...": the noun's verb */
            if (!trial && !verbish(c, ct, se->tok_begin) && ct + 1 < a && trig_pat_at(c, ct + 1) &&
                trig_pat_at(c, ct + 1)->type == DX_EV_CHARGE && verbish(c, ct + 1, se->tok_begin))
                ct++;
            /* a quoted term's opening mark is no clause boundary */
            size_t lim = a;
            if (q >= 0 && c->quotes.items[q].a > ct + 1 && quoted_term(c, &c->quotes.items[q], se->tok_begin))
                lim = c->quotes.items[q].a - 1;
            if ((!trial && !verbish(c, ct, se->tok_begin)) || crosses(c, ct, lim, K_END | K_BARRIER)) continue;
            if (a - ct > (trial ? 4u : 16u)) {
                if (!trial && charge_list(c, ct, a, se->tok_begin)) {
                    charged = 1;
                    charge_verb.a = (uint32_t)ct;
                    charge_verb.b = (uint32_t)ct + 1;
                }
                continue;
            }
            int prep = 0, verb = 0;
            for (size_t k = ct + 1; k < a; k++) {
                if (charge_prep(c, k))
                    prep = 1;
                else if (verbish(c, k, se->tok_begin))
                    verb = 1;
            }
            if ((prep && !verb) || (!trial && charge_list(c, ct, a, se->tok_begin))) {
                charged = 1;
                charge_verb.a = (uint32_t)ct;
                charge_verb.b = (uint32_t)ct + 1;
            }
        }
    }
    if (scope || charged) {
        if (charged || ((scope->kinds & K_CHARGE) && !(scope->kinds & K_REPORT))) {
            /* the accuser of the nearest charge or sentence event */
            int32_t src = -1;
            const char *st = c->court ? "prosecution" : "";
            for (size_t i = first_event; i < d->events.len; i++) {
                const dx_event *ce = &d->events.items[i];
                if (ce == e || ce->trig_start > d->toks.items[a].start) continue;
                if (ce->type == DX_EV_CHARGE || ce->type == DX_EV_SENTENCE) {
                    src = ce->n_agents ? ce->agents[0] : -1;
                    if (ce->type == DX_EV_SENTENCE) st = "court";
                    /* the accused did it; in a plot, with the others named ("accused of collaborating with X") */
                    if (!e->n_agents || e->type == DX_EV_CONSPIRACY) add_agents(e, ce->patients, ce->n_patients);
                }
            }
            if (src < 0) {
                /* "military prosecutors charged": who the accusers are; a
                 * verdict's are the court's, whatever words name it ("a
                 * court in Munich") */
                int32_t s2 = cue_source_text(c, scope ? scope : &charge_verb, text, sizeof(text));
                if (s2 >= 0 && !contains(e->agents, e->n_agents, s2)) src = s2;
                else if (text[0] && strcmp(st, "court") != 0) st = text;
            }
            e->modality = DX_MODAL_ALLEGED;
            set_source(e, src, src >= 0 ? "" : st);
            return;
        }
        /* "the testimony ... is false": what it says is denied */
        if ((scope->kinds & K_REPORT) && framed(c, scope->a, scope->b, se->tok_begin)) {
            e->modality = DX_MODAL_DENIED;
            author_source(c, e, spk);
            return;
        }
        int32_t src = cue_source_text(c, scope, text, sizeof(text));
        if (src < 0 && !text[0]) src = spk;
        if (scope->kinds & K_DENY) {
            e->modality = DX_MODAL_DENIED;
            /* the denier of a crime is its accused; of an arrest, not its arrester */
            if (crime && !e->n_agents && src >= 0) add_agents(e, &src, 1);
            set_source(e, src, text);
            return;
        }
        if (scope->kinds & K_CONFESS) {
            if (src >= 0 && !e->n_agents) add_agents(e, &src, 1);
            /* one of those who did it; a body that admits for the state
             * ("TASS acknowledged that the NKVD had killed them") is not */
            else if (src >= 0 && !contains(e->agents, e->n_agents, src) && d->ents.items[src].type == DX_ENT_PERSON)
                add_agents(e, &src, 1);
            /* coerced: what was extorted is no confession of the facts */
            e->modality = local_cue(c, scope->a, K_COERCE, 12, 1) || any_cue(c, K_COERCE)
                              ? DX_MODAL_ALLEGED
                              : DX_MODAL_CONFESSED;
            set_source(e, src, text);
            return;
        }
        /* a denial inside reported speech: "insisted he had never been an informer" */
        size_t cb = scope->b; /* "concluded on 26 August that": the clause after "that" */
        for (size_t k = scope->b; k < a && k < scope->b + 7 && c->key[cb - 1] != c->ev->k_that; k++)
            if (c->key[k] == c->ev->k_that) cb = k + 1;
        if (local_cue(c, a, K_NEGATE, 5, 0) && !crosses(c, cb, a, K_BARRIER & ~K_DET)) {
            int negafter = 0;
            for (size_t k = cb; k < a; k++) negafter |= (c->cover[k] & K_NEGATE) != 0;
            if (negafter) {
                e->modality = DX_MODAL_DENIED;
                /* "insisted he had never...": he; "that the agents had not": not the speaker */
                if (!e->n_agents && src >= 0 && crime && cb < a && pronoun(c, cb) >= 0)
                    add_agents(e, &src, 1);
                set_source(e, src, text);
                return;
            }
        }
        if (hypo && scope->kinds & K_REPORT) {
            /* "stated that he would step down": a promise */
            int h2 = 0;
            for (size_t i = 0; any_cue(c, K_HYPO) && i < c->cues.len; i++)
                if ((c->cues.items[i].kinds & K_HYPO) && c->cues.items[i].a > scope->a) h2 = 1;
            if (h2 && !crime) {
                e->modality = DX_MODAL_HYPOTHETICAL;
                return;
            }
        }
        claim(e, src, text);
        return;
    }
    if (trail) {
        int32_t src = trail_source(c, trail, text, sizeof(text));
        if (neg) {
            /* "X was never arrested, his widow wrote": her denial */
            e->modality = DX_MODAL_DENIED;
            set_source(e, src, text);
            return;
        }
        claim(e, src, text);
        return;
    }
    if (q >= 0 && c->quotes.items[q].kind && hypo) {
        e->modality = DX_MODAL_HYPOTHETICAL;
        return;
    }
    if (q >= 0 && c->quotes.items[q].kind) {
        const quote *qu = &c->quotes.items[q];
        if (qu->kind == K_CONFESS) {
            e->modality = DX_MODAL_CONFESSED;
            set_source(e, qu->src, qu->src_text);
        } else if (qu->kind == K_CHARGE) {
            e->modality = DX_MODAL_ALLEGED;
            set_source(e, qu->src, qu->src_text[0] ? qu->src_text : c->court ? "prosecution" : "");
        } else {
            claim(e, qu->src, qu->src_text);
        }
        return;
    }
    if (turn >= 0 && spk >= 0) {
        /* an interrogator accuses the one he questions; the questioned
         * speaks of himself */
        if (!e->n_agents && e->type == DX_EV_CONSPIRACY) {
            int32_t who = c->asks[turn] ? c->addressee[turn] : spk;
            if (who >= 0) add_agents(e, &who, 1);
        }
        if (c->asks[turn]) {
            e->modality = DX_MODAL_ALLEGED;
        } else if (neg) {
            e->modality = DX_MODAL_DENIED;
        } else if (hypo) {
            e->modality = DX_MODAL_HYPOTHETICAL;
            return;
        } else {
            /* a claim that names another first (the one who set it on foot) is no confession */
            e->modality = e->n_agents && e->agents[0] != spk ? DX_MODAL_ALLEGED : DX_MODAL_CONFESSED;
        }
        set_source(e, spk, "");
        return;
    }
    if (local_cue(c, a, K_ALLEGED, 3, 0) || any_cue(c, K_ALLEGEDLY)) {
        e->modality = DX_MODAL_ALLEGED;
        set_source(e, -1, c->court ? "prosecution" : "");
        return;
    }
    /* "In each trial, different persons organize the assassination", "the
     * crimes ..., in the trials of 1936, lead to me": a crime as a trial
     * tells it is the prosecution's claim */
    if (crime && in_trial(c, a, se->tok_begin, se->tok_end)) {
        e->modality = DX_MODAL_ALLEGED;
        set_source(e, -1, "prosecution");
        return;
    }
    /* "instructed not to detain X": not done either way, but ordered */
    if (hypo) {
        e->modality = DX_MODAL_HYPOTHETICAL;
        return;
    }
    if (neg) {
        e->modality = DX_MODAL_DENIED;
        author_source(c, e, -1);
    }
}

/* The charge label of a CHARGE/SENTENCE event: the crimes named after it. */
static void charge_label(ctx *c, dx_event *e, size_t from, size_t end)
{
    dx_buf b;
    dx_buf_init(&b);
    for (size_t i = 0; i < c->ntrig; i++) {
        size_t t = c->trig[i].tok;
        if (t < from || t >= end) continue;
        const char *lab = c->ev->trig.pats.items[c->trig[i].pat].charge;
        if (!lab[0] || strstr(b.data ? b.data : "", lab)) continue;
        if (b.len) dx_buf_puts(&b, ", ");
        dx_buf_puts(&b, lab);
    }
    copy_str(e->charge, sizeof(e->charge), b.len ? b.data : "");
    dx_buf_fini(&b);
}

/* ---------------------------------------------------------------- dates */

/* The year of an EDTF value ("1938-03-13" -> 1938, "-0217" -> -217,
 * "193X" -> 1930), or INT32_MIN. */
static long edtf_year(const char *v)
{
    int neg = v[0] == '-';
    const char *p = v + neg;
    long y = 0;
    int n = 0;
    for (; n < 4 && ((p[n] >= '0' && p[n] <= '9') || p[n] == 'X'); n++) y = y * 10 + (p[n] == 'X' ? 0 : p[n] - '0');
    if (n < 4) return INT32_MIN;
    return neg ? -y : y;
}

/* The last year a value may mean ("193X" -> 1939, "1932/1933" -> 1933). */
static long edtf_last_year(const char *v)
{
    /* (one pass over the few bytes, not strchr, strstr and strchr again:
     * a date is tried against each participant's lifetime) */
    const char *p = v;
    for (const char *q = v; *q; q++)
        if (*q == '/') {
            p = q + 1;
            break;
        }
    long y = edtf_year(p);
    if (y == INT32_MIN) return y;
    int x = 0;
    for (const char *q = p; *q; q++)
        if (*q == 'X') {
            if (q[1] == 'X') return y + 99;
            x = 1;
        }
    return x ? y + 9 : y;
}

/* Can the event have this date, given who takes part? Not before an
 * agent's or patient's birth, not after an agent's death (a patient may be
 * rehabilitated or tried after his), not after the document's date. */
/* 1 when the value a lies strictly inside b's bounds ("1934-12-01" in
 * "1934"): the same date told more precisely. */
static int date_within(const char *a, const char *b)
{
    long a0, a1, b0, b1;
    if (!dx_edtf_days(a, &a0, &a1) || !dx_edtf_days(b, &b0, &b1)) return 0;
    return a0 >= b0 && a1 <= b1 && (a0 > b0 || a1 < b1);
}

static int date_possible(const ctx *c, const dx_event *e, const char *v)
{
    long y0 = edtf_year(v), y1 = edtf_last_year(v);
    if (y0 == INT32_MIN) return 1;
    if (c->dct && strlen(c->dct) >= 10) {
        char first[11];
        /* the earliest day the value may mean, against the dct */
        copy_str(first, sizeof(first), v);
        for (size_t i = 0; i < 10 && first[i]; i++)
            if (first[i] == 'X') first[i] = '0';
        if (y0 > edtf_year(c->dct) || (strlen(first) >= 10 && first[4] == '-' && strncmp(first, c->dct, 10) > 0))
            return 0;
    }
    for (int role = 0; role < 2; role++) {
        const int32_t *v2 = role ? e->patients : e->agents;
        size_t n = role ? e->n_patients : e->n_agents;
        for (size_t i = 0; i < n; i++) {
            const dx_gaz_entry *g = c->doc->ents.items[v2[i]].gaz;
            if (!g || c->doc->ents.items[v2[i]].type != DX_ENT_PERSON) continue;
            long born = g->start && g->start[0] ? edtf_year(g->start) : INT32_MIN;
            long died = g->end && g->end[0] ? edtf_last_year(g->end) : INT32_MIN;
            if (born != INT32_MIN && y1 < born) return 0;
            /* what may outlive its person: a denial made public after its
             * author's death ("in 1961 his widow delivered his testament,
             * repudiating the confessions"); a posthumous trial, verdict or
             * rehabilitation of the one it concerns */
            int posthumous = role == 0 ? e->type == DX_EV_DENIAL
                                       : e->type == DX_EV_REHABILITATION || e->type == DX_EV_TRIAL ||
                                             e->type == DX_EV_SENTENCE;
            if (died != INT32_MIN && y0 > died && !posthumous) return 0;
        }
    }
    return 1;
}

/* Is sentence s a heading: a line of its own with no final punctuation? */
/* A bibliographic reference: a line that opens with a footnote number in
 * brackets, then an author (capitalised words and initials) up to a comma,
 * and a year after it ("[12] A. B. Smith, The Trial of X, Paris 1937"). The
 * title it cites states nothing: no event. */
static int reference(const ctx *c, size_t s)
{
    const dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[s];
    size_t t = se->tok_begin, end = se->tok_end;
    if (end < t + 6 || se->turn >= 0) return 0;
    if (!(d->toks.items[t].flags & DX_TK_NL) && t != 0) return 0;
    const char *x = d->text;
    if (x[tok(c, t)->start] != '[' || !(tok(c, t + 1)->flags & DX_TK_NUM) || x[tok(c, t + 2)->start] != ']') return 0;
    size_t k = t + 3, words = 0;
    for (; k < end && k < t + 14 && c->key[k] != c->ev->k_comma; k++) {
        uint32_t f = tok(c, k)->flags;
        if (f & DX_TK_WORD) {
            if (!(f & DX_TK_CAP)) return 0;
            words++;
        } else if (c->key[k] != c->ev->k_period) {
            return 0;
        }
    }
    if (k >= end || c->key[k] != c->ev->k_comma || !words || words > 5) return 0;
    for (; k < end; k++) {
        const dx_token *tk = tok(c, k);
        if ((tk->flags & DX_TK_NUM) && tk->end - tk->start == 4) return 1;
    }
    return 0;
}

static int heading(const ctx *c, size_t s)
{
    const dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[s];
    if (se->tok_end <= se->tok_begin || se->turn >= 0) return 0;
    if (!(d->toks.items[se->tok_begin].flags & DX_TK_NL) && se->tok_begin != 0) return 0;
    if (se->tok_end < d->toks.len && !(d->toks.items[se->tok_end].flags & DX_TK_NL)) return 0;
    if (se->tok_end - se->tok_begin > 20) return 0;
    for (size_t t = se->tok_end; t-- > se->tok_begin;) {
        const dx_token *k = &d->toks.items[t];
        if (k->flags & DX_TK_WORD) return 1;
        uint64_t key = c->key[t];
        if (key == c->ev->k_period || key == c->ev->k_qmark || key == c->ev->k_excl || key == c->ev->k_colon)
            return 0;
    }
    return 1;
}

/* heading(c, s), remembered in ctx.sent_ments (two bits above the SM_*
 * kinds) once the tokens' keys are final (find_quotes): each event looks
 * back over up to 15 sentences (60 in a transcript), the same ones for the
 * events of a sentence and of its neighbours, and the test reads the tokens
 * at both ends of an old sentence, out of the cache by then. */
#define SM_HEADING_KNOWN 0x40
#define SM_HEADING 0x80

static int heading_memo(const ctx *c, size_t s)
{
    uint8_t m = c->sent_ments[s];
    if (!(m & SM_HEADING_KNOWN)) {
        m |= (uint8_t)(SM_HEADING_KNOWN | (heading(c, s) ? SM_HEADING : 0));
        c->sent_ments[s] = m;
    }
    return (m & SM_HEADING) != 0;
}

/* A title written as a sentence: "Moscow Trials.", "The Case of Bukharin.":
 * at most eight words, every one capitalised but for the function words
 * (determiners, prepositions, "and") inside - it states nothing, as a
 * heading does not. */
static int title_sentence(const ctx *c, size_t s)
{
    const dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[s];
    size_t words = 0;
    if (se->turn >= 0) return 0;
    for (size_t t = se->tok_begin; t < se->tok_end; t++) {
        const dx_token *k = &d->toks.items[t];
        if (!(k->flags & DX_TK_WORD)) continue;
        if (++words > 8) return 0;
        if (k->flags & DX_TK_NUM) return 0;
        if (!(k->flags & DX_TK_CAP) && !(c->cover[t] & (K_DET | K_PREP | K_LIST | K_OF))) return 0;
    }
    return words > 0;
}

/* Does a sentence mention one of the event's participants? */
static int mentions_participant(const ctx *c, size_t s, const dx_event *e)
{
    const dx_sentence *se = &c->doc->sents.items[s];
    for (size_t t = se->tok_begin; t < se->tok_end; t++) {
        const dx_mention *m = ment_at(c, t);
        int32_t who = m ? m->ent : -1;
        int p = m ? -1 : pronoun(c, t);
        if (p == PR_HE || p == PR_SHE || p == PR_HIS) who = resolve_pronoun(c, t, NULL, 0);
        if (who < 0) continue;
        if (contains(e->agents, e->n_agents, who) || contains(e->patients, e->n_patients, who)) return 1;
    }
    return 0;
}

/* A year written as the attribute of a noun that is no event ("breaching
 * the 1920 agreement", "repudiated its 1920 treaty"): the date of that
 * thing, not of the sentence's events nor of the narrative after it. Not
 * after a preposition ("in the 1920 elections" dates what happened then),
 * not before a trigger ("the 1937 arrest"). [t0,t1) is the DATE mention. */
static int attributive_date(const ctx *c, size_t t0, size_t t1, size_t begin, size_t end)
{
    if (t1 != t0 + 1 || t1 >= end || t0 < begin + 2 || !(tok(c, t0)->flags & DX_TK_NUM)) return 0;
    const dx_token *y = tok(c, t0);
    if (y->end - y->start != 4) return 0;
    for (uint32_t i = y->start; i < y->end; i++)
        if (c->doc->text[i] < '0' || c->doc->text[i] > '9') return 0;
    if (!(cue_kinds_at(c, t0 - 1, end) & K_DET) || (cue_kinds_at(c, t0 - 2, end) & K_PREP)) return 0;
    if (!lower_word(c, t1) || (c->first[t1] & DX_L_TRIG) || ment_at(c, t1)) return 0;
    return !(cue_kinds_at(c, t1, end) & (K_PREP | K_BE | K_AUX | K_VERB | K_LIST | K_BARRIER | K_REL));
}

/* A date that dates a written work or an act, not an event: "Littlepage's
 * book from 1939", "the decree of 1 December 1934" (cues.tsv `work`, then
 * "of", "from" or "dated", then the date at t0). */
static int work_date(const ctx *c, size_t t0, size_t begin)
{
    if (t0 < begin + 2) return 0;
    size_t w = t0 - 2;
    uint64_t k = c->key[t0 - 1];
    if (k != c->ev->k_of && k != c->ev->k_from && k != c->ev->k_dated) return 0;
    return dx_u64map_get(c->ev->work, c->key[w], &(const uint32_t *){NULL});
}

/* Is the date at t0 the date of a report verb right before it ("Davies
 * wrote on 17 February 1937", "Gromov wrote in 1956 that ...")? Then no
 * event of the sentence takes it: it dates the writing. */
static int verb_date(const ctx *c, size_t t0, size_t te, size_t end)
{
    size_t begin = c->doc->sents.items[tok(c, t0)->sent].tok_begin;
    if (t0 <= begin) return 0;
    /* "ruled until 1910, when Madero succeeded him": the when-clause's */
    for (size_t k = te; k < end && k < te + 2; k++) {
        if (c->key[k] == c->ev->k_when) return 0;
        if (c->key[k] != c->ev->k_comma) break;
    }
    size_t v = t0 - 1;
    if ((c->cover[v] & K_PREP) && !(c->cover[v] & K_OF) && v > begin) v--;
    /* not "which he did in 1937" (the act told before), not a be-form */
    if (c->trig_at[v] || ment_at(c, v) || !lower_word(c, v) || (c->cover[v] & (K_SUCCESS | K_BE | K_AUX))) return 0;
    return (c->cover[v] & K_REPORT) != 0;
}

/* Is the trigger at t the object of "before", "after", "since", "until" or
 * "prior to" (past a determiner, a possessive and up to two names or words,
 * no further back than lo)? */
static int temporal_anchor(const ctx *c, size_t t, size_t lo)
{
    for (size_t k = t; k > lo && t - k < 5;) {
        k--;
        uint64_t w = c->key[k];
        if (w == c->ev->k_before || w == c->ev->k_after || w == c->ev->k_since || w == c->ev->k_until ||
            (w == c->ev->k_to && k > lo && c->key[k - 1] == c->ev->k_prior))
            return 1;
        if (!(c->cover[k] & K_DET) && !lower_word(c, k) && !(tok(c, k)->flags & DX_TK_CAP) && !actor_at(c, k) &&
            pronoun(c, k) < 0)
            return 0;
        if (c->trig_at[k] || (c->cover[k] & (K_BARRIER | K_PREP)) || verbish(c, k, lo)) return 0;
    }
    return 0;
}

/* Which event of the sentence a date belongs to: the trigger just before
 * it with only its own phrase between ("the murders of 24 civilians in
 * November 2005"); the event of a when-clause right after it ("until May
 * 11, 2003, when Bush appointed X"); the verb before it in its clause
 * ("detained in 1938 and shot in 1939"); the verb after it ("In 1937 X was
 * arrested"); the nearest noun trigger. Only triggers that kept an event
 * (live) count. Returns an index into c->trig or -1. */
static int date_owner(const ctx *c, size_t p, size_t pend, size_t begin, const int *live)
{
    int left = -1, right = -1, vleft = -1, vright = -1;
    for (size_t i = 0; i < c->ntrig; i++) {
        if (!live[i]) continue;
        size_t t = c->trig[i].tok;
        if (quote_id(c, t) != quote_id(c, p)) continue;
        int verb = verbish(c, t, begin);
        if (t < p) {
            left = (int)i;
            if (verb) vleft = (int)i;
        } else if (t >= pend) {
            /* "four weeks after the Kirov assassination", "eight years
             * before the assassination": the act a time is counted from
             * owns no date written before it */
            if (temporal_anchor(c, t, pend)) continue;
            if (right < 0) right = (int)i;
            if (vright < 0 && verb) vright = (int)i;
        }
    }
#define TEND(i) ((size_t)c->trig[i].tok + c->trig[i].len)
    if (left >= 0 && crosses(c, TEND(left), p, K_BARRIER)) left = -1;
    if (vleft >= 0 && crosses(c, TEND(vleft), p, K_BARRIER)) vleft = -1;
    /* its own phrase: no verb, no coordination between */
    if (left >= 0) {
        int near = 1;
        for (size_t k = TEND(left); near && k < p; k++)
            near = !(c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_comma || verbish(c, k, begin));
        if (near) return left;
    }
    /* a when-clause right after it */
    size_t w = pend;
    if (w < c->doc->toks.len && c->key[w] == c->ev->k_comma) w++;
    if (w < c->doc->toks.len && c->key[w] == c->ev->k_when) {
        int r = vright >= 0 ? vright : right;
        if (r >= 0 && !crosses(c, w + 1, c->trig[r].tok, K_BARRIER)) return r;
    }
    if (right >= 0 && crosses(c, pend, c->trig[right].tok, K_BARRIER)) right = -1;
    if (vright >= 0 && crosses(c, pend, c->trig[vright].tok, K_BARRIER)) vright = -1;
    if (vleft >= 0) {
        int coord = 0;
        for (size_t k = TEND(vleft); k < p; k++) coord |= c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_comma;
        if (!coord || vright < 0) return vleft;
    }
    if (vright >= 0) return vright;
    if (left >= 0) {
        int coord = 0;
        for (size_t k = TEND(left); k < p; k++) coord |= c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_comma;
        if (!coord || right < 0) return left;
    }
    return right;
#undef TEND
}

/* ---------------------------------------------------------------- relative dates */

typedef struct {
    long n;     /* how many units */
    int unit;   /* 1 day, 2 week, 3 month, 4 year */
    int dir;    /* +1 later, -1 earlier, 0 none */
    int fuzzy;  /* "less than a week later", "a few days later" */
} rel_offset;

static long number_word(const char *w, size_t n)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve"};
    if (n && w[0] >= '0' && w[0] <= '9') {
        long v = 0;
        for (size_t i = 0; i < n && w[i] >= '0' && w[i] <= '9'; i++) v = v * 10 + (w[i] - '0');
        return v;
    }
    if ((n == 1 && (w[0] == 'a' || w[0] == 'A')) || (n == 2 && !strncasecmp(w, "an", 2))) return 1;
    for (long i = 0; i < 13; i++)
        if (strlen(words[i]) == n && !strncasecmp(w, words[i], n)) return i;
    return -1;
}

/* The offset a relative date expression states ("two days later", "the
 * next morning", "a month earlier", "four days after"), or dir 0. */
static rel_offset parse_relative(const ctx *c, size_t t0, size_t t1)
{
    rel_offset r = {0, 0, 0, 0};
    /* none without a word of direction (below): most dates have none, and
     * are told so by their keys, not by a comparison of their words with
     * each of the forty below (a word the comparison finds, of ASCII
     * letters, has the key of its lowercase spelling) */
    int dir = 0;
    for (size_t t = t0; t < t1 && t < t0 + 8 && !dir; t++)
        for (int i = 0; i < REL_DIR_WORDS; i++) dir |= c->key[t] == c->ev->rel_dir[i];
    if (!dir) return r;
    long n = -1;
    for (size_t t = t0; t < t1 && t < t0 + 8; t++) {
        const dx_token *k = tok(c, t);
        const char *w = c->doc->text + k->start;
        size_t len = k->end - k->start;
#define IS(s) (len == strlen(s) && !strncasecmp(w, s, len))
        if (IS("less") || IS("about") || IS("some") || IS("nearly") || IS("almost") || IS("few") || IS("several") ||
            IS("over"))
            r.fuzzy = 1;
        else if (IS("next") || IS("following")) {
            n = 1;
            r.dir = 1;
        } else if (IS("previous") || IS("preceding")) {
            n = 1;
            r.dir = -1;
        } else if (IS("same")) {
            n = 0;
            r.dir = 1;
            r.unit = 1;
        } else if (IS("day") || IS("days") || IS("morning") || IS("evening") || IS("night"))
            r.unit = 1;
        else if (IS("week") || IS("weeks"))
            r.unit = 2;
        else if (IS("fortnight")) {
            r.unit = 1;
            n = 14;
        } else if (IS("month") || IS("months"))
            r.unit = 3;
        else if (IS("year") || IS("years"))
            r.unit = 4;
        else if (IS("later") || IS("after") || IS("afterwards"))
            r.dir = 1;
        else if (IS("earlier") || IS("before"))
            r.dir = -1;
        else if (n < 0 && number_word(w, len) >= 0)
            n = number_word(w, len);
#undef IS
    }
    if (r.unit == 0 || r.dir == 0) return (rel_offset){0, 0, 0, 0};
    if (n < 0) n = 1, r.fuzzy = 1; /* "a few days later" */
    r.n = n;
    return r;
}

/* value + offset, at the precision the anchor and the unit allow. */
static int apply_offset(const char *anchor, rel_offset r, char *out, size_t outn)
{
    const char *v = anchor;
    const char *slash = strchr(v, '/');
    if (slash && r.dir > 0) v = slash + 1; /* "after" a span counts from its end */
    int y = 0, m = 0, dd = 0;
    int prec = 0;
    if (sscanf(v, "%4d-%2d-%2d", &y, &m, &dd) == 3) prec = 3;
    else if (sscanf(v, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) prec = 2;
    else if (sscanf(v, "%4d", &y) == 1 && strlen(v) >= 4 && v[0] != '-' && strchr("0123456789", v[3])) prec = 1;
    if (!prec || y < 1) return 0;
    if (prec < 3) dd = 1;
    if (prec < 2) m = 1;
    long days = dx_days_from_civil(y, m, dd);
    int out_prec = prec;
    switch (r.unit) {
    case 1: days += r.dir * r.n; break;
    case 2: days += r.dir * 7 * r.n; break;
    case 3: {
        long mm = (long)y * 12 + (m - 1) + r.dir * r.n;
        y = (int)(mm / 12);
        m = (int)(mm % 12) + 1;
        if (dd > dx_month_days(y, m)) dd = dx_month_days(y, m);
        days = dx_days_from_civil(y, m, dd);
        if (out_prec > 2) out_prec = 2;
        break;
    }
    default:
        y += (int)(r.dir * r.n);
        days = dx_days_from_civil(y, m, dd);
        out_prec = 1;
        break;
    }
    if (r.fuzzy && out_prec > 2) out_prec = 2;
    if (r.unit == 2 && out_prec > 2 && r.n > 1) out_prec = 2;
    dx_civil_from_days(days, &y, &m, &dd);
    if (out_prec == 3) snprintf(out, outn, "%04d-%02d-%02d", y, m, dd);
    else if (out_prec == 2) snprintf(out, outn, "%04d-%02d", y, m);
    else snprintf(out, outn, "%04d", y);
    return 1;
}

/* A relative date ("two days later") counts from the event the narrative
 * told last, not from whatever date was written last: re-anchor the value
 * of the mention at [t0,t1) on the latest dated event before the one at
 * first_event (document order, same quotation). 0 when it is no relative
 * date or has no such anchor. */
static int reanchor(const ctx *c, size_t t0, size_t t1, size_t before_event, int32_t q, char *out, size_t outn)
{
    rel_offset r = parse_relative(c, t0, t1);
    if (!r.dir) return 0;
    const dx_doc *d = c->doc;
    size_t s = d->toks.items[t0].sent;
    for (size_t i = before_event; i-- > 0;) {
        const dx_event *e = &d->events.items[i];
        if (e->sent + 2 < s) break; /* the anchor is the event told just before */
        /* an anchor the text dates itself, not one inherited in turn */
        if (!e->date[0] || e->type == DX_EV_NONE || e->date_basis == DX_DATE_CONTEXT) continue;
        if (e->sent == s && e->date_basis != DX_DATE_STATED) continue; /* its own coordinated partner */
        if (quote_id(c, c->ev_tok.items[i]) != q) continue;
        return apply_offset(e->date, r, out, outn);
    }
    return 0;
}

/* The event trigger i of the current sentence gave, if it was kept and has
 * its date already. */
static const dx_event *partner_event(const ctx *c, int i)
{
    return i >= 0 && c->ev_of && c->ev_of[i] >= 0 ? &c->doc->events.items[c->ev_of[i]] : NULL;
}

#define NARRATIVE_BACK 15
#define TURNS_BACK 60 /* a transcript's turns keep the date of their session */
#define CLAIM_BACK 1

/* The trigger a relative clause "in which", "at which" or "during which"
 * before token a hangs on: the nearest trigger before the preposition,
 * at most eight tokens back ("the trial in January 1935, in which ...");
 * -1 when there is none. */
static int relative_host(const ctx *c, size_t a, size_t begin)
{
    for (size_t k = a; k-- > begin + 1 && k + 12 >= a;) {
        if (c->key[k] != c->ev->k_which) continue;
        uint64_t p = c->key[k - 1];
        if (p != c->ev->k_in && p != c->ev->k_at && p != c->ev->k_during) return -1;
        int host = -1;
        size_t host_tok = 0;
        for (size_t i = 0; i < c->ntrig; i++) {
            size_t t = c->trig[i].tok;
            if (t < k - 1 && t + 8 >= k - 1 && (host < 0 || t > host_tok) && c->ev_of && c->ev_of[i] >= 0) {
                host = (int)i;
                host_tok = t;
            }
        }
        return host;
    }
    return -1;
}

static int same_core(const dx_event *x, const dx_event *y);

/* The event's date and where it comes from: a date its own clause gives
 * (stated), the date of a verb it is coordinated with or a date of the
 * sentence no other event owns (sentence), else the narrative's date before
 * it (context) - not across a heading, not into an earlier paragraph that
 * does not speak of its participants (a transcript's turns keep the date of
 * their session), not from inside another quotation, never a date the
 * participants' lifetimes or the document's date rule out. For the content
 * of someone's claim only the sentence just before counts. */
static void attach_date(ctx *c, dx_event *e, size_t a, int self, const int *owner, const size_t *dtok,
                        size_t ndates, const int *coord_of, size_t first_event)
{
    const dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[e->sent];
    long best = -1, best_dist = 0;
    e->date_basis = DX_DATE_NONE;
    /* its own: the nearest, unless another of its dates is a day or month
     * inside it ("seven years later, on 1 December 1934": the day) */
    for (size_t i = 0; i < ndates; i++) {
        if (owner[i] != self) continue;
        long dist = labs((long)dtok[i] - (long)a);
        int closer = best < 0 || dist < best_dist;
        if (best >= 0) {
            int in = date_within(d->ments.items[c->ment[dtok[i]]].value, d->ments.items[best].value);
            int out = date_within(d->ments.items[best].value, d->ments.items[c->ment[dtok[i]]].value);
            if (in != out) closer = in;
        }
        if (closer) {
            best = c->ment[dtok[i]];
            best_dist = dist;
        }
    }
    if (best >= 0) e->date_basis = DX_DATE_STATED;
    /* a coordinated verb's ("tried and guillotined four days later": the
     * date its partner ends with, once, not shifted again) */
    if (best < 0 && coord_of[self] >= 0) {
        for (size_t i = 0; i < ndates && best < 0; i++)
            if (owner[i] == coord_of[self]) best = c->ment[dtok[i]];
        if (best >= 0) {
            e->date_basis = DX_DATE_SENTENCE;
            const dx_event *pe = partner_event(c, coord_of[self]);
            if (pe && pe->date[0] && pe->date_basis == DX_DATE_STATED) {
                copy_str(e->date, sizeof(e->date), pe->date);
                e->date_mod = pe->date_mod;
                return;
            }
        }
    }
    /* an event told in a relative clause of another ("the trial of January
     * 1935, in which many were condemned"): that event's date (one of the
     * sentence's dates: without any, no search for the host) */
    if (best < 0 && ndates) {
        int host = relative_host(c, a, se->tok_begin);
        for (size_t i = 0; i < ndates && host >= 0 && best < 0; i++)
            if (owner[i] == host) best = c->ment[dtok[i]];
        if (best >= 0) e->date_basis = DX_DATE_SENTENCE;
    }
    /* one no event owns (not one written before the act a time is counted
     * from: "On 28 December 1934, four weeks after the assassination") */
    int counted_from = 0; /* a date of the sentence belongs to the act counted from this one */
    /* a time is counted from this act ("two months prior to his
     * assassination"): asked of an event without a date so far, and only
     * when a date met needs the answer (ANCHOR; -1: not asked yet) */
    int anchor = best < 0 ? -1 : 0;
#define ANCHOR (anchor < 0 ? (anchor = temporal_anchor(c, a, se->tok_begin)) : anchor)
    if (best < 0) {
        for (size_t i = 0; i < ndates; i++) {
            if (owner[i] != -1 || quote_id(c, dtok[i]) != quote_id(c, a)) continue;
            if (dtok[i] < a && ANCHOR) {
                counted_from = 1;
                continue;
            }
            long dist = labs((long)dtok[i] - (long)a);
            if (best < 0 || dist < best_dist) {
                best = c->ment[dtok[i]];
                best_dist = dist;
            }
        }
        if (best >= 0) e->date_basis = DX_DATE_SENTENCE;
    }
    /* what the clause states stands (a clash with a lifetime is more likely a
     * wrong link than a wrong date); what is borrowed must fit */
    if (best >= 0 && e->date_basis != DX_DATE_STATED && !date_possible(c, e, d->ments.items[best].value)) best = -1;
    /* "in January 1924, at a conference called shortly before Lenin's
     * death": that time is the conference's, and an older one is no death's */
    if (best < 0 && counted_from) {
        e->date_basis = DX_DATE_NONE;
        return;
    }
    if (best < 0) {
        e->date_basis = DX_DATE_NONE;
        int claimed = e->modality != DX_MODAL_ASSERTED && !is_procedural(e->type);
        size_t back = claimed ? CLAIM_BACK : se->turn >= 0 ? TURNS_BACK : NARRATIVE_BACK;
        int32_t q = quote_id(c, a);
        int speech = e->type == DX_EV_CONFESSION || e->type == DX_EV_DENIAL;
        /* the events before e are in sentence order: those after sentence s
         * are passed once, not again for every s (a transcript looks 60
         * sentences back) */
        size_t later = first_event; /* (the events from there to e are of e's sentence) */
        for (size_t s = e->sent; s-- > 0 && s + back >= e->sent;) {
            const dx_sentence *ps = &d->sents.items[s];
            if (heading_memo(c, s)) break;
            if (ps->para != d->sents.items[s + 1].para && se->turn < 0) {
                /* a new paragraph: inherit only if it speaks of the same people */
                if (!e->n_agents && !e->n_patients) break;
            }
            int found = 0;
            /* the narrative's time there: its last dated event (with a
             * relative date re-anchored), else its last date */
            while (later > 0 && d->events.items[later - 1].sent > s) later--;
            for (size_t i = later; i-- > 0;) {
                const dx_event *pe = &d->events.items[i];
                if (pe->sent < s) break;
                if (pe->sent != s || !pe->date[0] || pe->type == DX_EV_NONE) continue;
                /* (an inherited date founds no other's, but the same act told
                 * again keeps it) */
                if (pe->date_basis == DX_DATE_CONTEXT && !(ANCHOR && pe->type == e->type && same_core(pe, e))) continue;
                int32_t pq = quote_id(c, c->ev_tok.items[i]);
                if (pq >= 0 && pq != q) continue;
                /* an act a time is counted from ("two months prior to his
                 * assassination", "shortly after the capture of Hussein")
                 * takes the narrative's time only from its own telling just
                 * before: any other is the other act's */
                if (ANCHOR && (pe->type != e->type || !same_core(pe, e))) continue;
                found = 1;
                if (ps->para != se->para && se->turn < 0 && !mentions_participant(c, s, e)) break;
                /* a confession or denial is dated by the proceedings it was
                 * made in, not by the acts it speaks of */
                if (speech && se->turn < 0 && !is_procedural(pe->type) && pe->type != DX_EV_ARREST) break;
                /* and a crime by the time it was done, not by the trial,
                 * charge or confession that speaks of it */
                if (is_crime(e->type) && is_procedural(pe->type)) break;
                if (date_possible(c, e, pe->date)) {
                    copy_str(e->date, sizeof(e->date), pe->date);
                    e->date_mod = pe->date_mod;
                    e->date_basis = DX_DATE_CONTEXT;
                    return;
                }
                break;
            }
            if (found) break;
            for (size_t t = ps->tok_end; (c->sent_ments[s] & SM_DATE_START) && !ANCHOR && t-- > ps->tok_begin;) {
                const dx_mention *mn = ment_at(c, t);
                if (!mn || mn->type != DX_ENT_DATE || !mn->value[0]) continue;
                size_t te = t + 1;
                t = ment_first_tok(c, t);
                if (quote_id(c, t) >= 0 && quote_id(c, t) != q) continue;
                if (attributive_date(c, t, te, ps->tok_begin, ps->tok_end) || work_date(c, t, ps->tok_begin)) continue;
                found = 1;
                if (ps->para != se->para && se->turn < 0 && !mentions_participant(c, s, e)) break;
                if (speech && se->turn < 0) break; /* a narrative's date is the acts' */
                if (date_possible(c, e, mn->value)) {
                    best = c->ment[t];
                    e->date_basis = DX_DATE_CONTEXT;
                }
                break;
            }
            if (found) break;
        }
    }
    if (best >= 0) {
        copy_str(e->date, sizeof(e->date), d->ments.items[best].value);
        e->date_mod = d->ments.items[best].mod;
        /* a relative date of its own clause: from the event told before it */
        if (e->date_basis != DX_DATE_CONTEXT) {
            const dx_mention *mn = &d->ments.items[best];
            size_t t0 = ment_start_tok(c, (size_t)best), t1 = t0;
            while (t1 < d->toks.len && d->toks.items[t1].start < mn->end) t1++;
            char v[48];
            size_t self_ev = (size_t)(e - d->events.items);
            if (reanchor(c, t0, t1, self_ev, quote_id(c, a), v, sizeof(v))) {
                copy_str(e->date, sizeof(e->date), v);
                e->date_mod = DX_MOD_NONE;
            }
        }
    } else {
        e->date[0] = '\0';
        e->date_mod = DX_MOD_NONE;
        e->date_basis = DX_DATE_NONE;
    }
#undef ANCHOR
}

/* ---------------------------------------------------------------- a sentence */

static int prev_is_det(const ctx *c, size_t a, size_t begin)
{
    if (a == begin) return 0;
    if (c->cover[a - 1] & (K_DET | K_COUNT)) return 1;
    return 0;
}

/* A capitalised trigger inside a title ("The Kirov Assassination and the
 * Stalin Bureaucracy", "Charge of the Knights"): another capitalised word
 * follows after at most its function words. */
static int in_title(const ctx *c, size_t a, size_t b, size_t begin, size_t end)
{
    if (a == begin || !(tok(c, a)->flags & DX_TK_CAP)) return 0;
    const dx_token *pt = tok(c, a - 1);
    if (!(pt->flags & DX_TK_WORD) && c->key[a - 1] != c->ev->k_the) {
        /* after a quote or a bracket: the start of something quoted */
        if (c->key[a - 1] != c->ev->k_comma && c->key[a - 1] != c->ev->k_and) return 0;
    }
    for (size_t k = b; k < end && k < b + 3; k++) {
        if (c->cover[k] & (K_OF | K_DET | K_LIST)) continue;
        return is_word(c, k) && (tok(c, k)->flags & DX_TK_CAP) && !(tok(c, k)->flags & DX_TK_NUM);
    }
    return 0;
}

/* A number of anonymous people ("9,200 combatants", "hundreds of
 * civilians", "an unknown number of militants") in the patient's noun
 * phrase of a killing or death: a casualty figure, no event. */
static int count_word(const ctx *c, size_t k)
{
    if (ment_at(c, k)) return 0; /* "On 13 September 2007": a date is no count */
    return (c->cover[k] & K_COUNT) || (tok(c, k)->flags & DX_TK_NUM);
}

static int casualty_count(const ctx *c, size_t a, size_t b, size_t begin, size_t end, int noun)
{
    if (noun) {
        /* "the death of a substantial number of militants", "the killing of eight civilians" */
        size_t k = b;
        if (k < end && (c->cover[k] & K_OF)) k++;
        else return 0;
        for (; k < end && k < b + 6; k++) {
            if (c->cover[k] & (K_BARRIER | K_REL)) break;
            if (count_word(c, k)) return 1;
        }
        return 0;
    }
    /* the subject before the verb group ("at least 165 people are thought
     * to have been killed", "with 95 soldiers killed"), or the object after
     * it ("killing an unknown number of civilians") */
    int pv = 0, ax = 0;
    size_t t = verb_group_start(c, a, begin, &pv, &ax);
    for (size_t k = t; k-- > begin && t - k <= 10;) {
        if ((c->cover[k] & (K_BARRIER | K_REL)) || c->key[k] == c->ev->k_comma) break;
        if (count_word(c, k)) return 1;
    }
    for (size_t k = b; k < end && k < b + 5; k++) {
        if (c->cover[k] & (K_BARRIER | K_REL)) break;
        if ((c->cover[k] & K_PREP) && !(c->cover[k] & K_COUNT)) break;
        if (count_word(c, k)) return 1;
    }
    return 0;
}

/* A noun trigger that modifies the noun after it ("detention centres",
 * "execution chamber", "trial records"): no event. */
static int compound_modifier(const ctx *c, size_t b, size_t end, size_t begin)
{
    (void)begin;
    return b < end && (c->cover[b] & K_DESC) && c->desc[b] == DESC_HEAD;
}

static int has_person(const ctx *c, const group *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (c->doc->ents.items[g->v[i]].type == DX_ENT_PERSON) return 1;
    return 0;
}

/* The needs of a trigger (triggers.tsv, column 6) before its roles. */
static int needs_met_before(const ctx *c, const pattern *p, size_t b, size_t end)
{
    if (p->needs == ND_OFFICE) {
        for (size_t k = b; k < end && k < b + 5; k++) {
            if (c->cover[k] & K_OFFICE) return 1;
            if (c->cover[k] & (K_BARRIER | K_BE | K_VERB)) return 0;
            if ((c->cover[k] & K_PREP) && !(c->cover[k] & (K_OF)) && c->key[k] != c->ev->k_as) return 0;
        }
        return 0;
    }
    if (p->needs == ND_PENALTY) {
        /* "condemned them to death", "was condemned", "condemned the
         * accused": a verdict; "condemned individual terrorism", "condemned
         * Turkey's actions": blame */
        size_t a = b - p->n;
        const dx_sentence *se = &c->doc->sents.items[tok(c, a)->sent];
        int pv = 0, ax = 0;
        verb_group_start(c, a, se->tok_begin, &pv, &ax);
        /* "the eight condemned", "the condemned men", "those now condemned":
         * a description of people sentenced before, no account of it */
        if (a > se->tok_begin && (c->cover[a - 1] & (K_DET | K_COUNT))) return 0;
        if (a > se->tok_begin && (c->cover[a - 1] & K_LIST) && b < end && lower_word(c, b) && !c->cover[b] &&
            pronoun(c, b) < 0)
            return 0; /* "the conspiring and condemned generals" */
        for (size_t k = a; k-- > se->tok_begin && a - k <= 2;) {
            if ((c->cover[k] & K_DESC) && c->desc[k] == DESC_THOSE) return 0;
            if (!(c->cover[k] & K_ADV)) break;
        }
        if (pv) return 1;
        for (size_t k = b; k < end && k < b + 10; k++) {
            if (c->key[k] == c->ev->k_to) return 1;
            if (c->cover[k] & (K_BARRIER | K_VERB | K_BE)) break;
        }
        size_t o = b < end && (word_class_at(c, b) & DX_W_TITLE) ? b + 1 : b; /* "Comrade Blumkin" */
        if (o < end && (pronoun(c, o) >= 0 || actor_at(c, o) || ((c->cover[o] & K_DESC) && IS_DESCRIPTION(c->desc[o]))))
            return 1;
        if (b + 1 < end && (c->cover[b] & K_DET) && (c->cover[b + 1] & K_DESC) && IS_DESCRIPTION(c->desc[b + 1])) return 1;
        return 0;
    }
    if (p->needs == ND_PLACE) {
        /* "fled Russia", "fled to Mexico", "fled abroad", "fled the
         * country", not "fled into the forest" or "fled" alone */
        for (size_t k = b; k < end && k < b + 8; k++) {
            const dx_mention *m = ment_at(c, k);
            uint64_t w = c->key[k];
            if ((m && m->type == DX_ENT_PLACE) || w == c->ev->k_abroad || w == c->ev->k_overseas || w == c->ev->k_country)
                return 1;
            if ((m && m->type != DX_ENT_DATE) || (c->cover[k] & (K_BARRIER | K_VERB | K_BE | K_LIST)) || c->trig_at[k]) return 0;
        }
        return 0;
    }
    if (p->needs == ND_ORG) {
        for (size_t k = b; k < end && k < b + 4; k++) {
            const dx_mention *m = ment_at(c, k);
            if (m && m->type == DX_ENT_ORG) return 1;
            if (m || (c->cover[k] & (K_BARRIER | K_PREP | K_VERB))) return 0;
        }
        return 0;
    }
    return 1;
}

/* The core of an event: its patients, else its agents. */
static void event_core(const dx_event *e, const int32_t **v, size_t *n)
{
    *v = e->n_patients ? e->patients : e->agents;
    *n = e->n_patients ? e->n_patients : e->n_agents;
}

static int same_core(const dx_event *x, const dx_event *y)
{
    const int32_t *a, *b;
    size_t na, nb;
    event_core(x, &a, &na);
    event_core(y, &b, &nb);
    if (na != nb) return 0;
    for (size_t i = 0; i < na; i++)
        if (!contains(b, nb, a[i])) return 0;
    return 1;
}

/* Event coreference: "this trial", "such assassination", "the arrest" - a
 * noun trigger [a,b) that names no one, after a demonstrative or the
 * definite article (past up to two adjectives, none of them `distinct` in
 * cues.tsv: "another trial", "the second arrest" are new ones), is the
 * event of its type told just before. "This"/"such" reach three sentences
 * back, "the" only its own sentence and the two before (what a reader
 * takes as "just told"); never across a paragraph (a paragraph about
 * another person) or a heading. No back reference when the description
 * has its own of-, by- or relative phrase ("the trial of the generals"),
 * when it is plural ("the trials" may be several) unless after "these" or
 * "those" (then two or more events of its type in the window, all of one
 * core: "He confessed twice. These confessions ..."), when the nearest event
 * of its type names no one (it may be the one meant), or when the nearest
 * sentence with one tells two of that type with other people: unsure,
 * nobody; nor from inside a quotation to an event told outside it. Returns the index of that event in the document's events, or -1. */
static int described_event(const ctx *c, dx_ev_type type, size_t a, size_t b, size_t begin, size_t end)
{
    const dx_doc *d = c->doc;
    size_t k = a;
    int definite = 0, plural_dem = 0;
    for (;;) {
        if (k <= begin) return -1;
        uint64_t w = c->key[k - 1];
        if (w == c->ev->k_this || w == c->ev->k_such) break;
        if (w == c->ev->k_these || w == c->ev->k_those) {
            plural_dem = 1;
            break;
        }
        if (w == c->ev->k_the) {
            definite = 1;
            break;
        }
        /* "Thursday's killing", "Monday's arrest": a day's act, told just
         * before (as far back as "this" reaches) */
        if (w == c->ev->k_s && k >= begin + 3 && c->key[k - 2] == c->ev->k_apos && ment_at(c, k - 3) &&
            ment_at(c, k - 3)->type == DX_ENT_DATE)
            break;
        if (a - k >= 2 || !lower_word(c, k - 1) || c->cover[k - 1] || c->trig_at[k - 1]) return -1;
        k--;
    }
    for (size_t j = k; j < a; j++)
        if (dx_u64map_get(c->ev->distinct, c->key[j], &(const uint32_t *){NULL})) return -1;
    size_t last = b - 1;
    int plural = lower_word(c, last) && ends_with(c, last, "s") && !ends_with(c, last, "ss");
    if (plural && !plural_dem) return -1;
    if ((definite || plural_dem) && b < end && (c->cover[b] & (K_OF | K_BY | K_REL))) return -1;
    size_t s = d->toks.items[a].sent, window = definite ? 2 : 3;
    int found = -1, told = 0;
    for (size_t i = d->events.len; i-- > 0;) {
        const dx_event *e = &d->events.items[i];
        if (e->sent + window < s || d->sents.items[e->sent].para != d->sents.items[s].para) break;
        /* "these confessions" are all those told in the window: of one core */
        if (found >= 0 && e->sent != d->events.items[found].sent && !plural_dem) break;
        if (e->type != type) continue;
        if (found < 0) {
            if (!e->n_agents && !e->n_patients) return -1;
            /* a word in quotes is the quoted one's, not a mention of what the
             * text told outside them ('called it "the coup"') */
            if (c->quote_of[a] >= 0 && c->quote_of[a] != c->quote_of[c->ev_tok.items[i]]) return -1;
            found = (int)i;
            told = 1;
            continue;
        }
        /* two of that type told together, of other people: which one? */
        if ((e->n_agents || e->n_patients) && !same_core(e, &d->events.items[found])) return -1;
        told++;
    }
    /* "these trials" after one trial told: the others are not told */
    if (plural_dem && told < 2) return -1;
    for (size_t s2 = found >= 0 ? d->events.items[found].sent + 1 : s; s2 < s; s2++)
        if (heading(c, s2)) return -1;
    return found;
}

/* Is the noun trigger at a definite: "the", "this" or "that" before it, past
 * up to two lowercase words ("the whole trial")? */
static int definite_before(const ctx *c, size_t a, size_t begin)
{
    for (size_t k = a; k > begin && a - k <= 2; k--) {
        uint64_t w = c->key[k - 1];
        if (w == c->ev->k_the || w == c->ev->k_this || w == c->ev->k_that) return 1;
        if (!lower_word(c, k - 1) || c->cover[k - 1] || c->trig_at[k - 1]) return 0;
    }
    return 0;
}

/* Is the subject of the verb at a a personal pronoun ("they confirmed"),
 * someone even when the text does not say who? */
static int pronoun_subject(const ctx *c, size_t a, size_t lo)
{
    int pv = 0, ax = 0;
    size_t st = verb_group_start(c, a, lo, &pv, &ax);
    return st > lo && pronoun(c, st - 1) >= 0;
}

/* Is the noun trigger at a a gloss after a dash on an event of its type
 * its sentence told before: a dash after that event's trigger, then at most
 * five lowercase words or commas (no verb, no name, no other trigger)? */
static int restated(const ctx *c, dx_ev_type type, size_t a, size_t first_event)
{
    const dx_doc *d = c->doc;
    /* none without a dash among the six tokens before (most): told by
     * their keys alone, before the tests of the words up to it */
    int any_dash = 0;
    for (size_t k = a; k-- > 0 && a - k <= 6;) any_dash |= c->key[k] == c->ev->k_dash;
    if (!any_dash) return 0;
    size_t dash = SIZE_MAX;
    for (size_t k = a; k-- > 0 && a - k <= 6;) {
        if (c->key[k] == c->ev->k_dash) {
            dash = k;
            break;
        }
        if (c->key[k] == c->ev->k_comma) continue;
        if (!lower_word(c, k) || c->trig_at[k] || ment_at(c, k) || verbish(c, k, 0)) return 0;
    }
    if (dash == SIZE_MAX) return 0;
    for (size_t i = first_event; i < d->events.len; i++) {
        const dx_event *x = &d->events.items[i];
        if (x->type == type && x->trig_end <= d->toks.items[dash].start) return 1;
    }
    return 0;
}

/* What "did so" (a trigger of type *) completes: the latest act of the two
 * sentences before that was only planned, ordered or assigned (an
 * infinitive, or hypothetical): "Chernov was assigned to form an
 * organisation. He did so in Berlin." NULL if none. */
static const dx_event *done_antecedent(const ctx *c, size_t s, size_t first_event)
{
    const dx_doc *d = c->doc;
    for (size_t i = first_event; i-- > 0;) {
        const dx_event *e = &d->events.items[i];
        if (e->sent + 2 < s) break;
        if (e->sent == s) continue;
        size_t t = c->ev_tok.items[i];
        if (e->modality == DX_MODAL_HYPOTHETICAL || c->key[t] == c->ev->k_to || (t > 0 && c->key[t - 1] == c->ev->k_to))
            return e;
    }
    return NULL;
}

/* The one a transcript's questions put beside "you" ("you and Bukharin",
 * "Bukharin and you") in the turns before sentence s, other than the
 * addressee; -1 if none. */
static int32_t plural_you_partner(const ctx *c, size_t s, int32_t addressee)
{
    const dx_doc *d = c->doc;
    for (size_t s2 = s + 1; s2-- > 0 && s2 + 12 >= s;) {
        const dx_sentence *se = &d->sents.items[s2];
        if (se->turn < 0) break;
        for (size_t t = se->tok_begin; t + 2 < se->tok_end; t++) {
            int you = pronoun(c, t) == PR_YOU, name = actor_at(c, t);
            if (!you && !name) continue;
            size_t e1 = name ? ment_end_tok(c, t) : t + 1;
            if (e1 + 1 >= se->tok_end || c->key[e1] != c->ev->k_and) continue;
            const dx_mention *m = you ? ment_at(c, e1 + 1) : NULL;
            if (you && is_actor(m) && m->ent != addressee) return m->ent;
            if (name && pronoun(c, e1 + 1) == PR_YOU && ment_at(c, t)->ent != addressee) return ment_at(c, t)->ent;
        }
    }
    return -1;
}

/* The tokens of a sentence where an event's place may be: a PLACE of an
 * entity after a place preposition ("in", "at") or a name, in token order;
 * the first max in out, and how many there are. The same for every event
 * of the sentence (only the nearest to its trigger differs): listed once,
 * not scanned token by token for each. */
static size_t place_toks(const ctx *c, size_t begin, size_t end, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (size_t t = begin + 1; t < end; t++) {
        const dx_mention *m = ment_at(c, t);
        if (!m || m->type != DX_ENT_PLACE || m->ent < 0) continue;
        if ((word_class_at(c, t - 1) & DX_W_PLACECUE) || actor_at(c, t - 1)) {
            if (n < max) out[n] = (uint32_t)t;
            n++;
        }
        t = ment_end_tok(c, t) - 1;
    }
    return n;
}

/* "repudiating these confessions", "he retracted the confession": the
 * confession a denial takes back, naming no one, is the denier's own. */
static void retracted_confession(ctx *c, const int *ev_of)
{
    dx_doc *d = c->doc;
    for (size_t j = 0; j < c->ntrig; j++) {
        if (ev_of[j] < 0) continue;
        dx_event *e = &d->events.items[ev_of[j]];
        if (e->type != DX_EV_CONFESSION || e->n_agents || e->n_patients) continue;
        size_t b = c->trig[j].tok;
        for (size_t i = 0; i < c->ntrig; i++) {
            if (ev_of[i] < 0 || i == j) continue;
            const dx_event *x = &d->events.items[ev_of[i]];
            const pattern *p = &c->ev->trig.pats.items[c->trig[i].pat];
            size_t xe = c->trig[i].tok + c->trig[i].len;
            if (x->type != DX_EV_DENIAL || !x->n_agents || p->pos == POS_NOUN || xe > b || b - xe > 3) continue;
            /* only a determiner, a quotation mark or an adjective between */
            int object = 1;
            for (size_t k = xe; object && k < b; k++)
                object = ((c->cover[k] & K_DET) && !(c->cover[k] & K_LIST)) || c->key[k] == c->ev->k_ldquo ||
                         c->key[k] == c->ev->k_quot || c->key[k] == c->ev->k_lsquo ||
                         (lower_word(c, k) && !c->cover[k] && !c->trig_at[k]);
            if (!object) continue;
            memcpy(e->agents, x->agents, x->n_agents * sizeof(int32_t));
            e->n_agents = x->n_agents;
            break;
        }
    }
}

/* An empty event: every field set, but of the participants and the texts
 * only what is read (the counts, the texts' ends: nothing reads past them,
 * and dx_docresult_from_doc copies them by count and as strings). A memset
 * of all its ~500 bytes, fresh memory at each event, was the hottest line
 * of find_in_sentence. */
static void event_init(dx_event *e)
{
    e->type = DX_EV_NONE;
    e->modality = DX_MODAL_NONE;
    e->trig_start = e->trig_end = e->sent = 0;
    e->n_agents = e->n_patients = 0;
    e->place = e->source_ent = -1;
    e->source[0] = e->charge[0] = e->date[0] = '\0';
    e->date_mod = DX_MOD_NONE;
    e->date_basis = DX_DATE_NONE;
}

/* The triggers found from cand, the tokens of a sentence ending at end that
 * a trigger may start at (DX_L_TRIG), in order: into c->trig, their count.
 * (Inline in the sentence loop, apart from find_in_sentence: most sentences
 * with a candidate have no trigger, "the", "to", "in" starting only
 * triggers of several words, and they pay no call of the big function.) */
static inline __attribute__((always_inline)) size_t find_triggers(ctx *c, size_t end, const uint32_t *cand,
                                                                  size_t ncand)
{
    c->ntrig = 0;
    for (size_t i = 0, next = 0; i < ncand && c->ntrig < MAX_TRIG; i++) {
        size_t t = cand[i];
        if (t < next) continue; /* inside the trigger before */
        size_t len;
        int pats[2];
        size_t np = match_all(c, &c->ev->trig, DX_L_TRIG, t, end, &len, pats, 2);
        if (!np) continue;
        next = t + len;
        /* a trigger inside a name ("Charge" of an operation, a surname) is none */
        if (actor_at(c, t) || (ment_at(c, t) && ment_at(c, t)->type == DX_ENT_PLACE)) continue;
        for (size_t j = 0; j < np && c->ntrig < MAX_TRIG; j++) {
            /* (the pattern, ~120 bytes out of the cache, is read as soon as
             * find_in_sentence starts: asked for now) */
            const pattern *tp = &c->ev->trig.pats.items[pats[j]];
            __builtin_prefetch(tp);
            __builtin_prefetch(&tp->n);
            c->trig[c->ntrig].tok = (uint32_t)t;
            c->trig[c->ntrig].pat = (uint32_t)pats[j];
            c->trig[c->ntrig].len = (uint8_t)len;
            c->ntrig++;
        }
    }
    return c->ntrig;
}

/* No one does to themselves what the other types name: an entity that the
 * role finder made both an agent and a patient of an arrest, a trial, a
 * plot, a killing ("the terrorist act against Kirov" read Kirov for both
 * sides; "Diem's murder" made Diem his own murderer) keeps one side: an
 * organisation the agent's (a party expels, a court tries), a person the
 * patient's. An appointment may be one's own ("declared himself
 * president"), a death, a confession or a denial speak of oneself. */
static void one_side(const dx_doc *d, dx_event *e)
{
    if (e->type == DX_EV_APPOINTMENT || e->type == DX_EV_DEATH || e->type == DX_EV_CONFESSION ||
        e->type == DX_EV_DENIAL || !e->n_agents || !e->n_patients)
        return;
    size_t na = 0, np = 0;
    for (size_t k = 0; k < e->n_agents; k++) {
        int32_t x = e->agents[k];
        if (!contains(e->patients, e->n_patients, x) || d->ents.items[x].type == DX_ENT_ORG) e->agents[na++] = x;
    }
    for (size_t k = 0; k < e->n_patients; k++) {
        int32_t x = e->patients[k];
        if (!contains(e->agents, na, x)) e->patients[np++] = x;
    }
    e->n_agents = (uint8_t)na;
    e->n_patients = (uint8_t)np;
}

/* The events of sentence s, from its triggers (find_triggers). */
static void find_in_sentence(ctx *c, size_t s)
{
    dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[s];
    size_t begin = se->tok_begin, end = se->tok_end;
    /* the cues matter only for the events of their sentence (all that reads
     * them stays inside it): a sentence without a trigger needs none; a
     * heading states nothing (see the top of this file) */
    if (!c->ntrig) return;
    if (heading_memo(c, s) || reference(c, s) || title_sentence(c, s)) {
        c->ntrig = 0;
        return;
    }
    for (size_t i = 0; i < c->ntrig; i++)
        if (!c->trig_at[c->trig[i].tok]) c->trig_at[c->trig[i].tok] = (int16_t)(i + 1);
    scan_cues(c, begin, end);
    int32_t turn = se->turn;
    int asking = turn >= 0 && c->asks[turn] && is_question(c, s);
    size_t first_event = d->events.len;
    size_t prev_crime_end = SIZE_MAX;
    int ev_of[MAX_TRIG];      /* trigger -> event index (or -1) */
    int hypo_gov[MAX_TRIG];
    pattern done_pat[MAX_TRIG]; /* "did so": the pattern with the type of the act it completes */
    const dx_event *done_of[MAX_TRIG];
    int ref_of[MAX_TRIG]; /* the event a description refers back to (described_event), or -1 */
    uint8_t retyped[MAX_TRIG]; /* done_pat[i] holds another type for the trigger ("demanded death") */
#define PAT_OF(i) (done_of[i] || retyped[i] ? &done_pat[i] : &c->ev->trig.pats.items[c->trig[i].pat])
    uint8_t casualty[MAX_TRIG];
    /* coordinated triggers for one act (below): the trigger each shares its
     * date with, or -1 (set with the others, not in a loop of its own) */
    int coord_of[MAX_TRIG];
    /* at most one event per trigger, each built in place (below) */
    DX_GROW(d->events, d->events.len + c->ntrig);
    DX_GROW(c->ev_tok, d->events.len + c->ntrig);
    /* the sentence's place tokens (place_toks), listed at the first event */
    enum { MAX_PLACES = 32 };
    uint32_t places[MAX_PLACES], *place_more = NULL;
    size_t nplaces = SIZE_MAX;
    for (size_t i = 0; i < c->ntrig; i++) {
        ev_of[i] = -1;
        casualty[i] = 0;
        hypo_gov[i] = 0;
        done_of[i] = NULL;
        retyped[i] = 0;
        ref_of[i] = -1;
        coord_of[i] = -1;
        const pattern *p = &c->ev->trig.pats.items[c->trig[i].pat];
        size_t a = c->trig[i].tok, b = a + p->n;
        if (p->needs == ND_DONE) {
            const dx_event *ante = done_antecedent(c, s, first_event);
            if (!ante) continue;
            done_pat[i] = *p;
            done_pat[i].type = (uint8_t)ante->type;
            done_pat[i].needs = ND_NONE;
            done_of[i] = ante;
            p = &done_pat[i];
        }
        /* "demanded death for X", "called for the death of X": a sentence
         * asked of a court, not a death */
        int demanded = 0;
        if (p->type == DX_EV_DEATH && p->n == 1 && b < end &&
            (c->key[b] == c->ev->k_for || c->key[b] == c->ev->k_of) && b + 1 < end && actor_at(c, b + 1)) {
            size_t j = a;
            while (j > begin && a - j < 2 && (c->cover[j - 1] & K_DET)) j--;
            for (size_t k = 0; any_cue(c, K_HYPO) && k < c->cues.len && !demanded; k++) {
                const cue_hit *h = &c->cues.items[k];
                demanded = h->b == j && (h->kinds & K_HYPO) && (h->kinds & K_GOVERN) && !(h->kinds & K_VERB);
            }
            if (demanded) {
                done_pat[i] = *p;
                done_pat[i].type = DX_EV_SENTENCE;
                done_pat[i].frame = FR_TR;
                p = &done_pat[i];
                retyped[i] = 1;
            }
        }
        /* "sentenced Rajk, Szőnyi and Szalai to death": the penalty of the
         * verdict before it, no death of its own */
        if (p->type == DX_EV_DEATH && p->n == 1 && a > begin && c->key[a - 1] == c->ev->k_to) {
            int penalty = 0;
            for (size_t j = 0; j < c->ntrig && !penalty; j++) {
                const pattern *q = &c->ev->trig.pats.items[c->trig[j].pat];
                size_t tj = c->trig[j].tok;
                penalty = q->type == DX_EV_SENTENCE && tj < a && a - tj <= 20 && !crosses(c, tj, a, K_END);
            }
            if (penalty) continue;
        }
        /* a question put to the accused is no procedure */
        if (asking && is_procedural(p->type)) continue;
        /* "Do you confirm that?", "Did you confess?": asked, not told */
        if (is_procedural(p->type) && a > begin && pronoun(c, a - 1) == PR_YOU && is_question(c, s))
            continue;
        /* "terrorism, treason and sabotage": one alleged crime, not three */
        if (p->type == DX_EV_CONSPIRACY && prev_crime_end != SIZE_MAX && a >= prev_crime_end &&
            a - prev_crime_end <= 6) {
            int listed = 0, other = 0;
            for (size_t k = prev_crime_end; k < a; k++) {
                if (c->cover[k] & K_LIST) listed = 1;
                else if ((c->cover[k] & (K_BARRIER | K_BE)) || ment_at(c, k) ||
                         !(d->toks.items[k].flags & DX_TK_WORD))
                    other = 1;
            }
            if (listed && !other) {
                prev_crime_end = b;
                continue;
            }
        }
        if (p->type == DX_EV_CONSPIRACY) prev_crime_end = b;
        int idiom = 0;
        for (size_t k = 0; any_cue(c, K_NEUTRAL) && k < c->cues.len && c->cues.items[k].a <= a; k++) {
            const cue_hit *h = &c->cues.items[k];
            idiom |= (h->kinds & K_NEUTRAL) && h->b >= b && (h->b - h->a > (uint32_t)p->n || h->a < a);
        }
        if (idiom) continue;
        if (in_title(c, a, b, begin, end)) continue;
        /* "well-executed", "ill-fated": a compound adjective */
        if (a >= begin + 2 && c->key[a - 1] == c->ev->k_dash && is_word(c, a - 2) &&
            tok(c, a - 1)->start == tok(c, a - 2)->end && tok(c, a)->start == tok(c, a - 1)->end)
            continue;
        if (!needs_met_before(c, p, b, end)) continue;
        int noun = p->pos == POS_NOUN;
        if (p->pos == POS_EITHER)
            noun = prev_is_det(c, a, begin) || (a > begin && actor_at(c, a - 1)) ||
                   /* the object of a verb of doing: "carried out sabotage" */
                   (a > begin && (c->cover[a - 1] & K_GOVERN) && !(c->cover[a - 1] & K_HYPO)) ||
                   (b < end && (c->cover[b] & K_OF)) ||
                   /* after a preposition, but "to arrest" is an infinitive ("to arrests" none) */
                   (a > begin && (c->cover[a - 1] & K_PREP) && (c->key[a - 1] != c->ev->k_to || ends_with(c, b - 1, "s")));
        if (noun && compound_modifier(c, b, end, begin)) continue;
        /* "an exiled Bolshevik", "the arrested men": an adjective */
        if (!noun && p->pos == POS_VERB && p->n == 1 && participle(c, a) && prev_is_det(c, a, begin) &&
            !(c->cover[a - 1] & (K_COUNT | K_DESC | K_LIST)))
            continue;
        if (!noun && p->pos == POS_NODET) {
            if (a == begin || prev_is_det(c, a, begin)) continue;
            const dx_token *pt = &d->toks.items[a - 1];
            int pv = 0, ax = 0;
            verb_group_start(c, a, begin, &pv, &ax);
            if (!(pt->flags & DX_TK_WORD) && !actor_at(c, a - 1)) continue;
            /* "of accused Bukharin" is a title; "the prosecutor accused
             * Rajk", "the charge sheet accused him": a verb after its
             * subject, a noun phrase a determiner opens */
            int np_head = 0;
            for (size_t k = a; k > begin + 1 && a - k < 3; k--) {
                if (!lower_word(c, k - 1) || (c->cover[k - 1] & (K_PREP | K_DET | K_LIST))) break;
                if (prev_is_det(c, k - 1, begin)) {
                    np_head = 1;
                    break;
                }
            }
            if (!pv && !np_head && actor_at(c, a + 1) && !actor_at(c, a - 1) && pronoun(c, a - 1) < 0 &&
                !(c->cover[a - 1] & (K_AUX | K_ADV | K_LIST | K_HYPO)))
                continue;
        }
        /* a DENIAL "denied" in the passive or with two objects is a refusal
         * ("was denied a passport", "denied him medicine") */
        if (p->type == DX_EV_DENIAL && !noun && p->n == 1) {
            int pv = 0, ax = 0;
            verb_group_start(c, a, begin, &pv, &ax);
            int pronobj = b < end && (pronoun(c, b) == PR_HIM || pronoun(c, b) == PR_HER || pronoun(c, b) == PR_THEM);
            if (pv || pronobj) continue;
            /* "and denied medicine" after a passive verb */
            if (a > begin && (c->key[a - 1] == c->ev->k_and || c->key[a - 1] == c->ev->k_comma)) {
                size_t pvb = prev_verb(c, a - 1, begin);
                if (pvb != SIZE_MAX) {
                    voice v2;
                    group tmp;
                    tmp.n = 0;
                    find_subject(c, pvb, begin, &tmp, &v2, 1);
                    if (v2.passive) continue;
                }
            }
        }
        /* "expelled to Turkey", "expelled from the country": exile */
        dx_ev_type type = (dx_ev_type)p->type;
        /* built where it is kept (room for every trigger was made above): a
         * local copy cost a copy of its ~500 bytes at the push */
        dx_event *e = &d->events.items[d->events.len];
        event_init(e);
        e->type = type;
        e->trig_start = d->toks.items[a].start;
        e->trig_end = d->toks.items[b - 1].end;
        e->sent = (uint32_t)s;
        /* (only n: nothing reads a group past it, and the 136 bytes of
         * each, set per candidate, showed in the profile) */
        group ag, pa;
        ag.n = pa.n = 0;
        /* a clause introduced by a claim starts after the claim's cue (and
         * after the name of "according to X") */
        size_t lo = begin;
        uint32_t want = is_crime(e->type) ? K_SCOPE : (K_REPORT | K_ACCORDING);
        for (size_t k = 0; any_cue(c, want) && k < c->cues.len; k++) {
            const cue_hit *h = &c->cues.items[k];
            if (h->a >= a) break; /* (in token order: the rest end after a) */
            if (!(h->kinds & want) || h->b > a) continue;
            if (!has_complement(c, h, end)) continue;
            lo = h->b;
            if (h->kinds & K_ACCORDING) {
                while (lo < a && (ment_at(c, lo) || (c->cover[lo] & K_LIST))) lo++;
            }
        }
        int hg = 0;
        /* a passive-only reading ("was shot") that is not passive is not this event */
        if (!noun && p->pos == POS_PASSIVE) {
            group tmp;
            tmp.n = 0;
            voice vo;
            find_subject(c, a, lo, &tmp, &vo, 0);
            int passive = vo.passive || (!vo.aux && participle(c, a) && !has_object(c, b, end) && tmp.n) ||
                          (c->cover[a] & K_BE);
            /* "Batitsky shot Beria", "they caught him": done to a person
             * named or a pronoun right after it */
            int pr = b < end ? pronoun(c, b) : -1;
            int person_obj = b < end && ((ment_at(c, b) && ment_at(c, b)->type == DX_ENT_PERSON) ||
                                         pr == PR_HIM || pr == PR_HER || pr == PR_THEM || pr == PR_ME || pr == PR_US);
            if (!passive && !(person_obj && p->n == 1 &&
                              (type == DX_EV_ARREST || type == DX_EV_TRIAL || type == DX_EV_EXECUTION ||
                               type == DX_EV_ASSASSINATION)))
                continue;
        }
        find_roles(c, p, noun, a, b, lo, begin, end, &ag, &pa, &hg);
        if (demanded && !pa.n) right_group(c, b + 1, 1, &pa, &ag);
        hypo_gov[i] = hg;
        if (done_of[i]) {
            /* who did it, else who was to; to whom it was to be done */
            const dx_event *ante = done_of[i];
            for (size_t k = 0; !ag.n && k < ante->n_agents; k++) group_add(&ag, ante->agents[k]);
            for (size_t k = 0; k < ante->n_patients; k++) group_add(&pa, ante->patients[k]);
            copy_str(e->charge, sizeof(e->charge), ante->charge);
        }
        if (!noun && p->frame == FR_SP) {
            /* a confession or denial is someone's: not "the announcement was
             * confirmed", "it confirmed their opponents as reactionaries" */
            int pv = 0, ax = 0;
            size_t st = verb_group_start(c, a, lo, &pv, &ax);
            if (pv || (c->cover[a] & K_BE)) continue;
            if (!ag.n && st > begin && (c->key[st - 1] == c->ev->k_it || (c->cover[st - 1] & K_REL))) continue;
        }
        /* "That is not true.", "That is a lie.": a retort is its speaker's
         * denial, in a transcript's turn or a quotation; in the narrative it
         * is no event */
        /* and so is a plea that opens its sentence ("Not guilty."), not
         * "the jury found him not guilty" */
        size_t opening = begin;
        if (d->sents.items[s].turn >= 0 && opening + 2 < end && c->key[opening + 1] == c->ev->k_colon) opening += 2;
        int plea = type == DX_EV_DENIAL && c->key[a] == c->ev->k_not;
        if (plea && a != opening && !(c->quote_of[a] >= 0 && (uint32_t)c->quotes.items[c->quote_of[a]].a == a)) continue;
        if (type == DX_EV_DENIAL && !ag.n &&
            ((p->n >= 3 && (c->key[a] == c->ev->k_that || c->key[a] == c->ev->k_this)) || plea)) {
            int32_t tn = d->sents.items[s].turn;
            int32_t who = tn >= 0 ? c->speaker[tn] : -1;
            if (who < 0 && c->quote_of[a] >= 0) who = c->quotes.items[c->quote_of[a]].src;
            if (who < 0) continue;
            group_add(&ag, who);
        }
        if (!noun && p->frame == FR_IN && !pa.n && (type == DX_EV_DEATH || type == DX_EV_EXILE)) {
            /* "that desire died", "the defeated Cossacks fled": deaths and
             * flights of named people are events, not those of a common noun */
            int pv = 0, ax = 0;
            size_t st = verb_group_start(c, a, lo, &pv, &ax);
            if (st > begin && lower_word(c, st - 1) && !c->cover[st - 1] && pronoun(c, st - 1) < 0 &&
                !verbish(c, st - 1, begin))
                continue;
        }
        int told_here = 0; /* a description of an event its own sentence told */
        if (noun && !ag.n && !pa.n) {
            int ante = described_event(c, type, a, b, begin, end);
            told_here = ante >= 0 && d->events.items[ante].sent == s;
            if (ante >= 0) {
                /* its core, the patients, else the agents: who did it this
                 * time may be another ("the court upheld the sentence"); a
                 * patient's event whose patient was not found is unsure */
                const dx_event *x = &d->events.items[ante];
                int agentive = p->frame == FR_AG || p->frame == FR_SP;
                if (x->n_patients)
                    for (size_t j = 0; j < x->n_patients; j++) group_add(&pa, x->patients[j]);
                else if (agentive)
                    for (size_t j = 0; j < x->n_agents; j++) group_add(&ag, x->agents[j]);
                if (pa.n || ag.n) ref_of[i] = ante;
            }
        }
        /* "the authenticity of the trial ... all the days of the trial": a
         * definite description naming no one, after an event of its type
         * its sentence told naming no one either, is that account again */
        /* (named now: "... of the trial ... all the days of the trial"; an
         * oblique mention only: "the trial constitutes a frame-up" says
         * something of its own) */
        if (noun && told_here && definite_before(c, a, begin) && in_prep_phrase(c, a, begin)) continue;
        if (noun && !ag.n && !pa.n && definite_before(c, a, begin)) {
            int again = 0;
            for (size_t k = first_event; k < d->events.len && !again; k++) {
                const dx_event *x = &d->events.items[k];
                again = x->type == type && !x->n_agents && !x->n_patients;
            }
            if (again) continue;
        }
        /* "his confessions in the dock - incomplete, but egregious
         * confessions": a noun naming no one set after a dash as a gloss on
         * an event of its type just told is that account again */
        if (noun && !ag.n && !pa.n && restated(c, type, a, first_event)) continue;
        if ((p->needs == ND_ACTOR && !pa.n) || (p->needs == ND_PERSON && !has_person(c, &pa)) ||
            (p->needs == ND_NAMED && !pa.n && !ag.n && !pronoun_subject(c, a, lo)))
            continue;
        casualty[i] = 0;
        if ((type == DX_EV_DEATH || type == DX_EV_ASSASSINATION) && !pa.n && !ag.n) {
            int pv = 0, ax = 0;
            verb_group_start(c, a, begin, &pv, &ax);
            casualty[i] = (uint8_t)casualty_count(c, a, b, begin, end, noun);
        }
        if (type == DX_EV_EXPULSION && !noun) {
            /* "expelled to Israel", "expelled from the country" */
            for (size_t k = b; k < end && k < b + 3; k++) {
                const dx_mention *m = ment_at(c, k);
                if (m && m->type == DX_ENT_PLACE) {
                    e->type = DX_EV_EXILE;
                    break;
                }
                if (m) break;
            }
        }
        memcpy(e->agents, ag.v, ag.n * sizeof(int32_t));
        e->n_agents = (uint8_t)ag.n;
        memcpy(e->patients, pa.v, pa.n * sizeof(int32_t));
        e->n_patients = (uint8_t)pa.n;
        /* place: a PLACE after a place preposition, nearest the trigger
         * (the first of two as near) */
        long best = -1;
        if ((c->sent_ments[s] & SM_PLACE) && nplaces == SIZE_MAX) {
            nplaces = place_toks(c, begin, end, places, MAX_PLACES);
            if (nplaces > MAX_PLACES) /* (a sentence of hundreds of places: the tokens once more) */
                place_more = xmalloc(nplaces * sizeof(uint32_t)), place_toks(c, begin, end, place_more, nplaces);
        }
        const uint32_t *pl = place_more ? place_more : places;
        for (size_t k = 0; (c->sent_ments[s] & SM_PLACE) && k < nplaces; k++) {
            long dist = (long)pl[k] - (long)a;
            if (dist < 0) dist = -dist;
            if (dist <= 12 && (best < 0 || dist < labs(best - (long)a))) best = (long)pl[k];
        }
        if (best >= 0) e->place = ment_at(c, (size_t)best)->ent;
        if (e->type == DX_EV_CHARGE || e->type == DX_EV_SENTENCE) {
            size_t stop = end;
            for (size_t k = i + 1; k < c->ntrig; k++) {
                dx_ev_type t2 = (dx_ev_type)c->ev->trig.pats.items[c->trig[k].pat].type;
                if (t2 == DX_EV_CHARGE || t2 == DX_EV_SENTENCE) {
                    stop = c->trig[k].tok;
                    break;
                }
            }
            charge_label(c, e, b, stop);
        }
        ev_of[i] = (int)d->events.len;
        c->ev_tok.items[d->events.len] = (uint32_t)a;
        d->events.len++;
        if (e->type == DX_EV_TRIAL || e->type == DX_EV_SENTENCE || e->type == DX_EV_CHARGE) c->court = 1;
    }
    /* "In a show trial, he was accused", "Bukharin denied these charges": a
     * trial or charge without names is that of the accused of the sentence */
    for (size_t i = first_event; i < d->events.len; i++) {
        dx_event *e = &d->events.items[i];
        if ((e->type != DX_EV_TRIAL && e->type != DX_EV_CHARGE) || e->n_patients) continue;
        for (size_t k = first_event; k < d->events.len && !e->n_patients; k++) {
            const dx_event *o = &d->events.items[k];
            const int32_t *v = NULL;
            size_t n = 0;
            if ((o->type == DX_EV_CHARGE || o->type == DX_EV_SENTENCE) && o != e) v = o->patients, n = o->n_patients;
            if (o->type == DX_EV_CONFESSION || o->type == DX_EV_DENIAL) v = o->agents, n = o->n_agents;
            /* "books about this trial deny the guilt of X": whose guilt is denied */
            if (!n && o->type == DX_EV_DENIAL) v = o->patients, n = o->n_patients;
            if (n) {
                memcpy(e->patients, v, n * sizeof(int32_t));
                e->n_patients = (uint8_t)n;
            }
        }
    }
    retracted_confession(c, ev_of);
    /* "sentenced ... to be shot": the patients of the sentence before it */
    for (size_t i = first_event + 1; i < d->events.len; i++) {
        dx_event *e = &d->events.items[i];
        if (e->type != DX_EV_EXECUTION || e->n_patients) continue;
        for (size_t k = i; k-- > first_event;) {
            const dx_event *prev = &d->events.items[k];
            if (prev->type != DX_EV_SENTENCE) continue;
            memcpy(e->patients, prev->patients, prev->n_patients * sizeof(int32_t));
            e->n_patients = prev->n_patients;
            break;
        }
    }
    sent_facts sf = {0, 0, 0, 0, NULL, NULL};
    for (size_t i = 0; i < c->ntrig; i++) {
        if (ev_of[i] < 0) continue;
        dx_event *e = &d->events.items[ev_of[i]];
        const pattern *p = PAT_OF(i);
        size_t a = c->trig[i].tok;
        modality(c, e, a, a + p->n, first_event, p, hypo_gov[i], &sf);
    }
    /* "Were you and Bukharin connected? ... So you were spies?": in a
     * transcript, a plot named in the plural is the addressee's and his
     * partner's, the one the questions put beside "you" */
    if (turn >= 0 && c->addressee[turn] >= 0) {
        int plural = 0;
        for (size_t i = 0; i < c->ntrig; i++) {
            if (ev_of[i] < 0 || d->events.items[ev_of[i]].type != DX_EV_CONSPIRACY || PAT_OF(i)->pos == POS_VERB) continue;
            /* its head in the plural: "spies", "the organizers of espionage" */
            size_t h1 = c->trig[i].tok, h2 = h1 + c->trig[i].len - 1;
            plural |= (lower_word(c, h2) && ends_with(c, h2, "s") && !ends_with(c, h2, "ss")) ||
                      (lower_word(c, h1) && ends_with(c, h1, "s") && !ends_with(c, h1, "ss"));
        }
        int32_t partner = plural ? plural_you_partner(c, s, c->addressee[turn]) : -1;
        for (size_t i = first_event; partner >= 0 && i < d->events.len; i++) {
            dx_event *e = &d->events.items[i];
            if (e->type == DX_EV_CONSPIRACY && contains(e->agents, e->n_agents, c->addressee[turn]) &&
                !contains(e->agents, e->n_agents, partner) && e->n_agents < DX_EV_MAX_PART)
                e->agents[e->n_agents++] = partner;
        }
    }
    /* words that are crimes only when someone alleges them; casualty
     * figures the text reports in its own voice (in a charge they are the
     * crime alleged: "charged with the murders of 24 civilians") */
    for (size_t i = 0; i < c->ntrig; i++) {
        if (ev_of[i] < 0) continue;
        const pattern *p = PAT_OF(i);
        const dx_event *e = &d->events.items[ev_of[i]];
        if (p->needs == ND_CLAIM && (e->modality == DX_MODAL_ASSERTED || e->modality == DX_MODAL_HYPOTHETICAL))
            d->events.items[ev_of[i]].type = DX_EV_NONE;
        if (casualty[i]) {
            int charged = 0;
            for (size_t k = 0; any_cue(c, K_CHARGE) && k < c->cues.len; k++)
                charged |= (c->cues.items[k].kinds & K_CHARGE) && c->cues.items[k].a < c->trig[i].tok;
            for (size_t k = first_event; k < d->events.len; k++)
                charged |= (d->events.items[k].type == DX_EV_CHARGE || d->events.items[k].type == DX_EV_SENTENCE) &&
                           d->events.items[k].trig_start < e->trig_start;
            if (!charged) d->events.items[ev_of[i]].type = DX_EV_NONE;
        }
    }
    /* coordinated triggers for one act ("arrested and imprisoned", "was
     * made commander ..., replacing"): one event */
    for (size_t i = 0; i < c->ntrig; i++) {
        if (ev_of[i] < 0 || d->events.items[ev_of[i]].type == DX_EV_NONE) continue;
        for (size_t j = i + 1; j < c->ntrig; j++) {
            if (ev_of[j] < 0) continue;
            dx_event *x = &d->events.items[ev_of[i]], *y = &d->events.items[ev_of[j]];
            size_t xe = c->trig[i].tok + c->trig[i].len, yb = c->trig[j].tok;
            /* "arrested and imprisoned"; in a list of acts, "arrests,
             * banishments, imprisonments", the other acts between too */
            int adjacent = yb >= xe && yb - xe <= 6;
            /* "executed by a firing squad": the doer of the act, not another */
            int by_agent = yb >= xe + 2 && yb - xe <= 3 && c->key[xe] == c->ev->k_by;
            for (size_t k = xe + 1; by_agent && k < yb; k++) by_agent = (c->cover[k] & K_DET) != 0;
            size_t others = 0;
            for (size_t k = xe; adjacent && k < yb; k++) {
                others += c->trig_at[k] != 0;
                adjacent = c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_or || c->key[k] == c->ev->k_comma ||
                           (c->cover[k] & K_ADV) || c->trig_at[k];
            }
            if (adjacent && !others && yb - xe > 2) adjacent = 0;
            /* coordinated verbs share a date */
            if (yb >= xe && !crosses(c, xe, yb, K_BARRIER) && yb - xe <= 12) {
                int chain = 0;
                for (size_t k = xe; k < yb; k++)
                    chain |= c->key[k] == c->ev->k_and || c->key[k] == c->ev->k_comma;
                int newsubj = 0;
                for (size_t k = xe; k < yb; k++) newsubj |= actor_at(c, k) && k + 1 < yb && (c->cover[k + 1] & (K_BE | K_AUX));
                if (chain && !newsubj) {
                    if (coord_of[j] < 0) coord_of[j] = (int)i;
                    if (coord_of[i] < 0) coord_of[i] = (int)j;
                }
            }
            if (y->type != x->type || y->type == DX_EV_NONE || x->modality != y->modality) continue;
            int same_people = x->n_patients == y->n_patients && x->n_agents == y->n_agents &&
                              !memcmp(x->patients, y->patients, x->n_patients * sizeof(int32_t));
            /* or one change of office said twice ("was made commander ...,
             * replacing X"; "stepped down ... and was succeeded by Y") */
            int office = x->type == DX_EV_APPOINTMENT || x->type == DX_EV_DISMISSAL ||
                         x->type == DX_EV_EXILE; /* "fled Russia and lived in exile" */
            int one_act = adjacent || by_agent || (office && same_people && x->n_patients && !crosses(c, xe, yb, K_END));
            if (!one_act) continue;
            /* keep the first, with the names of both */
            for (size_t k = 0; k < y->n_patients; k++)
                if (!contains(x->patients, x->n_patients, y->patients[k]) && x->n_patients < DX_EV_MAX_PART)
                    x->patients[x->n_patients++] = y->patients[k];
            for (size_t k = 0; k < y->n_agents; k++)
                if (!contains(x->agents, x->n_agents, y->agents[k]) && x->n_agents < DX_EV_MAX_PART)
                    x->agents[x->n_agents++] = y->agents[k];
            y->type = DX_EV_NONE;
            coord_of[j] = (int)i;
        }
    }
    /* one plot per sentence: the crimes a sentence piles up about the same
     * people, told the same way by the same source ("encouraged espionage
     * connections ... conducted treasonable negotiations"), are one account */
    for (size_t i = 0; i < c->ntrig; i++) {
        if (ev_of[i] < 0 || d->events.items[ev_of[i]].type != DX_EV_CONSPIRACY) continue;
        dx_event *x = &d->events.items[ev_of[i]];
        for (size_t j = i + 1; j < c->ntrig; j++) {
            if (ev_of[j] < 0 || ev_of[j] == ev_of[i]) continue;
            dx_event *y = &d->events.items[ev_of[j]];
            if (y->type != DX_EV_CONSPIRACY || y->modality != x->modality || y->source_ent != x->source_ent ||
                strcmp(y->source, x->source) != 0 || quote_id(c, c->trig[i].tok) != quote_id(c, c->trig[j].tok))
                continue;
            int xin = 1, yin = 1; /* x's agents all among y's, or y's among x's */
            for (size_t k = 0; k < x->n_agents; k++) xin &= contains(y->agents, y->n_agents, x->agents[k]);
            for (size_t k = 0; k < y->n_agents; k++) yin &= contains(x->agents, x->n_agents, y->agents[k]);
            /* nobody named is no evidence that it is the same people */
            if ((!xin && !yin) || (x->n_agents == 0) != (y->n_agents == 0)) continue;
            if (!PAT_OF(i)->charge[0] && PAT_OF(j)->charge[0]) {
                /* keep the one that names the crime ("the directives of the conspiracy") */
                dx_event *tmp = x;
                x = y;
                y = tmp;
            }
            for (size_t k = 0; k < y->n_agents && x->n_agents < DX_EV_MAX_PART; k++)
                if (!contains(x->agents, x->n_agents, y->agents[k])) x->agents[x->n_agents++] = y->agents[k];
            for (size_t k = 0; k < y->n_patients && x->n_patients < DX_EV_MAX_PART; k++)
                if (!contains(x->patients, x->n_patients, y->patients[k])) x->patients[x->n_patients++] = y->patients[k];
            y->type = DX_EV_NONE;
            if (x != &d->events.items[ev_of[i]]) break; /* i was folded into j */
        }
    }
    /* ", replacing X", ", taking office": a participle closing the clause
     * shares the date of the verb it follows */
    for (size_t j = 1; j < c->ntrig; j++) {
        size_t a = c->trig[j].tok;
        if (coord_of[j] >= 0 || a <= begin || c->key[a - 1] != c->ev->k_comma || !ends_with(c, a, "ing")) continue;
        for (size_t i = j; i-- > 0;)
            if (ev_of[i] >= 0 && d->events.items[ev_of[i]].type != DX_EV_NONE && verbish(c, c->trig[i].tok, begin) &&
                !crosses(c, c->trig[i].tok, a, K_END)) {
                coord_of[j] = (int)i;
                break;
            }
    }
    /* dates: which event each date of the sentence belongs to */
    size_t dtok[32], ndates = 0;
    int owner[32], live[MAX_TRIG];
    for (size_t i = 0; i < c->ntrig; i++) live[i] = ev_of[i] >= 0 && d->events.items[ev_of[i]].type != DX_EV_NONE;
    for (size_t t = begin; (c->sent_ments[s] & SM_DATE) && t < end && ndates < 32; t++) {
        const dx_mention *m = ment_at(c, t);
        if (!m || m->type != DX_ENT_DATE || !m->value[0]) continue;
        size_t te = ment_end_tok(c, t);
        int o = attributive_date(c, t, te, begin, end) || work_date(c, t, begin) || verb_date(c, t, te, end)
                    ? -2
                    : date_owner(c, t, te, begin, live);
        dtok[ndates] = t;
        owner[ndates++] = o;
        t = te - 1;
    }
    c->ev_of = ev_of;
    for (size_t i = 0; i < c->ntrig; i++) {
        if (ev_of[i] < 0) continue;
        dx_event *e = &d->events.items[ev_of[i]];
        if (e->type == DX_EV_NONE) continue;
        attach_date(c, e, c->trig[i].tok, (int)i, owner, dtok, ndates, coord_of, first_event);
        /* a description whose own sentence dates it otherwise than the event
         * it seemed to refer back to is another one ("the 1938 trial") */
        if (ref_of[i] >= 0 && (e->date_basis == DX_DATE_STATED || e->date_basis == DX_DATE_SENTENCE)) {
            const dx_event *x = &d->events.items[ref_of[i]];
            long f0, t0, f1, t1;
            if (x->date[0] && dx_edtf_days(e->date, &f0, &t0) && dx_edtf_days(x->date, &f1, &t1) && (f0 > t1 || f1 > t0)) {
                e->n_agents = e->n_patients = 0;
                if (PAT_OF(i)->needs == ND_ACTOR || PAT_OF(i)->needs == ND_PERSON || PAT_OF(i)->needs == ND_NAMED)
                    e->type = DX_EV_NONE;
            }
        }
        /* acts repeated over a time ("these allegations", "began to arrest"):
         * the day the narrative was at is when they began, not their date;
         * inherited, they keep its year */
        if (e->date_basis == DX_DATE_CONTEXT && strlen(e->date) == 10 && e->date[4] == '-') {
            size_t a = c->trig[i].tok, last = a + c->trig[i].len - 1;
            int iter = PAT_OF(i)->pos != POS_VERB && PAT_OF(i)->pos != POS_PASSIVE && lower_word(c, last) &&
                       ends_with(c, last, "s") && !ends_with(c, last, "ss");
            for (size_t k = 0; !iter && any_desc(c, 1u << DESC_ITER) && k < c->cues.len; k++) {
                const cue_hit *h = &c->cues.items[k];
                iter = h->desc == DESC_ITER && h->b <= a && !crosses(c, h->b, a, K_END | K_BARRIER);
            }
            if (iter) e->date[4] = '\0';
        }
    }
    c->ev_of = NULL;
#undef PAT_OF
    /* drop what was undone */
    size_t w = first_event;
    for (size_t i = first_event; i < d->events.len; i++)
        if (d->events.items[i].type != DX_EV_NONE) {
            one_side(d, &d->events.items[i]);
            if (w != i) { /* (most stay where they are) */
                d->events.items[w] = d->events.items[i];
                c->ev_tok.items[w] = c->ev_tok.items[i];
            }
            w++;
        }
    d->events.len = w;
    for (size_t i = 0; i < c->ntrig; i++) c->trig_at[c->trig[i].tok] = 0;
    free(place_more);
}

/* The person a document is about: the person named most often, when that
 * is at least four times and three times as often as anyone else (a
 * biography, a case study); else -1. n: per entity, its PERSON mentions
 * (counted in dx_find_events' pass over the mentions). */
static int32_t find_topic(const ctx *c, const uint32_t *n)
{
    size_t ne = c->doc->ents.len;
    size_t best = 0, second = 0;
    int32_t who = -1;
    for (size_t e = 0; e < ne; e++) {
        if (n[e] > best) {
            second = best;
            best = n[e];
            who = (int32_t)e;
        } else if (n[e] > second) {
            second = n[e];
        }
    }
    return best >= 4 && best >= 3 * second ? who : -1;
}

/* The byline: a person named alone on the first line ("Leon Trotsky") or
 * after "By": the voice of the text. */
static int32_t find_author(const ctx *c)
{
    const dx_doc *d = c->doc;
    for (size_t s = 0; s < d->sents.len && s < 3; s++) {
        const dx_sentence *se = &d->sents.items[s];
        if (!heading(c, s)) continue;
        size_t t = se->tok_begin;
        if (t < se->tok_end && is_word(c, t) && tok(c, t)->end - tok(c, t)->start == 2 &&
            !strncasecmp(d->text + tok(c, t)->start, "by", 2))
            t++;
        const dx_mention *m = t < se->tok_end ? ment_at(c, t) : NULL;
        if (m && m->type == DX_ENT_PERSON && m->ent >= 0 && ment_end_tok(c, t) == se->tok_end) return m->ent;
        /* "A statement in the voice of X", "Letter from X", "Memoir by X":
         * a written work and its author named in a heading */
        int work = 0;
        for (size_t k = se->tok_begin; k + 1 < se->tok_end; k++) {
            if (lower_word(c, k) && dx_u64map_get(c->ev->work, c->key[k], &(const uint32_t *){NULL})) work = 1;
            uint64_t w = c->key[k];
            if (!work || (w != c->ev->k_by && w != c->ev->k_of && w != c->ev->k_from)) continue;
            m = ment_at(c, k + 1);
            if (m && m->type == DX_ENT_PERSON && m->ent >= 0) return m->ent;
        }
    }
    return -1;
}

void dx_find_events(dx_doc *doc, const dx_lexicon *lex, const char *dct)
{
    doc->events.len = 0;
    if (!lex || !lex->events || !doc->toks.len) return;
    ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.lex = lex;
    c.ev = lex->events;
    c.dct = dct;
    size_t nt = doc->toks.len;
    c.key = xmalloc(nt * sizeof(*c.key));
    c.first = xmalloc(nt * sizeof(*c.first));
    c.ment = xmalloc(nt * sizeof(*c.ment));
    c.cover = xcalloc(nt, sizeof(*c.cover));
    c.desc = xcalloc(nt, sizeof(*c.desc));
    c.trig_at = xcalloc(nt, sizeof(*c.trig_at));
    c.quote_of = xmalloc(nt * sizeof(*c.quote_of));
    size_t nturn = doc->turns.len;
    c.speaker = xmalloc((nturn + 1) * sizeof(int32_t));
    c.addressee = xmalloc((nturn + 1) * sizeof(int32_t));
    c.asks = xcalloc(nturn + 1, 1);
    c.gender = xcalloc(doc->ents.len + 1, 1);
    c.subj_cache = xcalloc(2 * doc->sents.len + 2, sizeof(int32_t));
    c.sent_ments = xcalloc(doc->sents.len + 1, 1);
    key_set capmid = {NULL, 0, 0};
    c.capmid = &capmid;
    /* (through locals: the stores to the arrays would make the compiler
     * reload doc's fields at every token) */
    const dx_token *toks = doc->toks.items;
    const dx_mention *ments = doc->ments.items;
    size_t nm = doc->ments.len;
    uint64_t *key = c.key;
    uint32_t *first = c.first;
    int32_t *ment = c.ment, *quote_of = c.quote_of;
    /* one pass over the tokens; it also lists those find_quotes looks at
     * (a paragraph's first, or one of a key of quote_mark_bloom: the rest
     * change nothing there, and most of those are commas and stops) and
     * those a trigger may start at, for the sentence loop below */
    const uint64_t qbloom = quote_mark_bloom(c.ev);
    uint32_t *marks = xmalloc(nt * sizeof(*marks)), *trig_pos = xmalloc(nt * sizeof(*trig_pos));
    c.cue_pos = xmalloc(nt * sizeof(*c.cue_pos));
    /* (-1 is all ones in every byte: a memset, not two stores per token) */
    memset(ment, 0xff, nt * sizeof(*ment));
    memset(quote_of, 0xff, nt * sizeof(*quote_of));
    /* the first token of each mention (the first that starts at or after
     * it), found in this pass while the token is at hand: a search by
     * mention afterwards waited for each token it read, out of the cache */
    uint32_t *mtok = xmalloc((nm + 1) * sizeof(*mtok));
    c.mtok = mtok;
    c.ntoks = nt;
    size_t mk_next = 0;
    uint32_t next_start = nm ? ments[0].start : UINT32_MAX;
    /* a token that may start a trigger (DX_L_TRIG) is a candidate when the
     * next one may follow there (trig_next_masks): decided at the next
     * token, with its key at hand (pend: the previous token's mask, 0 if no
     * trigger starts with it) */
    const uint64_t *trig_next = c.ev->trig_next;
    uint64_t pend = 0;
    /* (the lists through pointers that move on: a register each, not two) */
    uint32_t *mp = marks, *tp = trig_pos;
    for (size_t t = 0; t < nt; t++) {
        const dx_token *tk = &toks[t];
        uint32_t fl = tk->flags;
        if (__builtin_expect(tk->start >= next_start, 0)) {
            do mtok[mk_next++] = (uint32_t)t;
            while (mk_next < nm && ments[mk_next].start <= tk->start);
            next_start = mk_next < nm ? ments[mk_next].start : UINT32_MAX;
        }
        uint64_t lk = tk->lkey;
        key[t] = lk; /* (find_quotes normalises those of the marks) */
        uint32_t f = tk->lex & (DX_L_TRIG | DX_L_CUE | DX_L_PRON);
        first[t] = f | tk->evfirst;
        /* (stored always, kept by the count: the tests mispredicted often
         * enough to show in the profile) */
        *mp = (uint32_t)t;
        mp += ((fl & DX_TK_PARA) != 0) | ((qbloom >> (lk & 63)) & 1);
        *tp = (uint32_t)(t - 1);
        tp += (pend >> (lk & 63)) & 1;
        pend = trig_next[tk->evfirst];
    }
    /* (the last token: no next one to decide) */
    *tp = (uint32_t)(nt - 1);
    tp += pend != 0;
    size_t nmarks = (size_t)(mp - marks), ntrig_pos = (size_t)(tp - trig_pos);
    while (mk_next < nm) mtok[mk_next++] = (uint32_t)nt;
    /* the mention of each token: the first that covers its start (they are
     * sorted by start; an overlapping later one may cover more). Walked by
     * mention, from its first token: most tokens are in none. */
    uint8_t *sent_ments = c.sent_ments;
    /* the PERSON mentions of each entity, for find_topic (one more slot, for
     * the others: a count without a branch) */
    size_t ne = doc->ents.len;
    uint32_t *persons = xcalloc(ne + 1, sizeof(*persons));
    for (size_t k = 0; k < nm; k++) {
        const dx_mention *mk = &ments[k];
        persons[mk->type == DX_ENT_PERSON && mk->ent >= 0 ? (size_t)mk->ent : ne]++;
        uint8_t sm = mk->type == DX_ENT_DATE && mk->value[0] ? SM_DATE
                     : mk->type == DX_ENT_PLACE && mk->ent >= 0 ? SM_PLACE
                     : mk->type == DX_ENT_ORG && mk->ent >= 0   ? SM_ORG
                                                                : 0;
        int date = mk->type == DX_ENT_DATE, named = mk->ent >= 0;
        uint32_t actor = is_actor(mk) ? F_ACTOR : 0;
        size_t t = mtok[k];
        /* (the tokens are out of the cache by now: the one of a mention a
         * few ahead asked for while this one waits) */
        __builtin_prefetch(&toks[mtok[k + 8 < nm ? k + 8 : k]]);
        if (mk->type == DX_ENT_DATE && mk->value[0]) sent_ments[toks[ment_start_tok(&c, k)].sent] |= SM_DATE_START;
        for (size_t u = t; u < nt && toks[u].start < mk->end; u++)
            if (ment[u] < 0) {
                ment[u] = (int32_t)k;
                if (sm) sent_ments[toks[u].sent] |= sm;
                first[u] |= actor | (date || (named && mk->start < toks[u].start) ? F_NOCUE : 0);
            }
    }
    compute_genders(&c);
    find_quotes(&c, marks, nmarks);
    free(marks);
    find_turn_speakers(&c);
    attribute_quotes(&c);
    c.author = find_author(&c);
    c.topic = find_topic(&c, persons);
    free(persons);
    /* room for the events at once: grown by doubling from 16, the vector
     * (~520 bytes an event) was copied again and again (a document has about
     * one event per two candidates: per 12 words a trigger may start with,
     * before the setup pass left out those no trigger can start at) */
    DX_GROW(doc->events, ntrig_pos / 2 + 16);
    /* only the sentences that hold a word a trigger starts with (the
     * sentences partition the tokens, in order) */
    /* (walked by candidate, the sentence of each group found from its first
     * token: most sentences have none, and a walk over the sentences paid
     * two loop exits at each) */
    for (size_t p = 0; p < ntrig_pos;) {
        /* (the token of a candidate some groups ahead asked for now: its
         * sentence was waited for, the token long out of the cache) */
        __builtin_prefetch(&toks[trig_pos[p + 16 < ntrig_pos ? p + 16 : p]].sent);
        size_t s = toks[trig_pos[p]].sent;
        const dx_sentence *se = &doc->sents.items[s];
        size_t q = p + 1;
        while (q < ntrig_pos && trig_pos[q] < se->tok_end) q++;
        if (find_triggers(&c, se->tok_end, trig_pos + p, q - p)) find_in_sentence(&c, s);
        p = q;
    }
    free(trig_pos);
    free(mtok);
    free(c.cue_pos);
    free(capmid.slot);
    free(c.key);
    free(c.first);
    free(c.ment);
    free(c.cover);
    free(c.desc);
    free(c.trig_at);
    free(c.quote_of);
    free(c.speaker);
    free(c.addressee);
    free(c.asks);
    free(c.gender);
    free(c.subj_cache);
    free(c.sent_ments);
    DX_FREE(c.quotes);
    DX_FREE(c.cues);
    DX_FREE(c.ev_tok);
}


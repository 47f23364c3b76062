/* segment.c - tokens, sentences, paragraphs and transcript speaker turns,
 * all with byte offsets into the document text. */
#include <pthread.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/utf8.h"
#include "extract/dates.h"
#include "extract/lexicon.h"
#include "extract/stages.h"

/* Keys of a token: lowercase fold and name fold, hashed. Short ASCII
 * tokens (nearly all) are folded on the stack without allocation. */
static void token_keys(const char *s, size_t n, dx_buf *scratch, dx_buf *scratch2, dx_token *t)
{
    dx_fold_lower(s, n, scratch);
    t->lkey = dx_hash(scratch->data, scratch->len);
    /* only capitalised words are names: the transliteration fold is for them */
    if (!(t->flags & (DX_TK_CAP | DX_TK_UPPER)) || scratch->len <= 3) {
        t->fkey = t->lkey;
        return;
    }
    t->fkey = dx_name_key_lower(scratch->data, scratch->len, scratch2);
}

/* The key of a one-byte token (ASCII punctuation, its own folded form):
 * dx_hash of that byte. */
static inline uint64_t byte_key(unsigned char c) { return (0xcbf29ce484222325ULL ^ c) * 0x100000001b3ULL; }

/* Byte classes for the ASCII fast path, and per byte of an ASCII word: its
 * lowercase form, and whether it is an uppercase letter / a letter. */
enum { C_OTHER, C_SPACE, C_NL, C_LOWER, C_UPPER, C_DIGIT, C_HIGH };
static unsigned char byte_class[256], lower_of[256];
/* ASCII word bytes: their lowercase form (0: not a word byte), and what they
 * add to a word's counts (letters in the low half, uppercase letters in the
 * high half: a token is shorter than 4 GiB) */
static unsigned char word_lower[256];
static uint64_t word_count[256];
static uint32_t punct_marks(uint64_t key);
/* punct_marks of each ASCII punctuation byte's token */
static uint16_t ascii_punct_marks[256];
/* U+2000-U+207F (E2 80-81 xx: quotes, dashes, spaces, the ellipsis), by
 * the code point's last 7 bits: a space, or a punctuation token's lkey
 * (its dx_fold_lower: quotes to "'", dashes to "-", else itself) and its
 * punct_marks, made once (a chain of compares and a call per quote cost
 * more than the rest of its token) */
static struct {
    uint64_t lkey;
    uint32_t marks;
    uint32_t space;
} gen_punct_info[128];
static void init_classes(void)
{
    for (uint32_t q = 0; q < 128; q++) {
        uint32_t cp = 0x2000u | q;
        char b[3] = {(char)0xE2, (char)(0x80 | (cp >> 6 & 0x3F)), (char)(0x80 | (cp & 0x3F))};
        uint64_t k = cp == 0x2018 || cp == 0x2019                                  ? dx_hash("'", 1)
                     : cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 ? dx_hash("-", 1)
                                                                                    : dx_hash(b, 3);
        gen_punct_info[q].lkey = k;
        gen_punct_info[q].marks = punct_marks(k);
        gen_punct_info[q].space = (uint32_t)dx_is_space_cp(cp);
    }
    for (int c = 0; c < 256; c++) {
        unsigned char k = C_OTHER;
        if (c >= 0x80) k = C_HIGH;
        else if (c == '\n') k = C_NL;
        else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') k = C_SPACE;
        else if (c >= 'a' && c <= 'z') k = C_LOWER;
        else if (c >= 'A' && c <= 'Z') k = C_UPPER;
        else if (c >= '0' && c <= '9') k = C_DIGIT;
        byte_class[c] = k;
        lower_of[c] = (unsigned char)(k == C_UPPER ? c + 32 : c);
        word_lower[c] = k == C_LOWER || k == C_UPPER || k == C_DIGIT ? lower_of[c] : 0;
        word_count[c] = k == C_LOWER ? 1 : k == C_UPPER ? 1 | (1ULL << 32) : 0;
        if (k == C_OTHER) ascii_punct_marks[c] = (uint16_t)punct_marks(byte_key((unsigned char)c));
    }
}

/* As dx_token_lex, through the thread's cache of the lexicon (a corpus uses
 * few distinct words many times); the token's evfirst into *evfirst. */
static inline uint32_t token_lex(dx_lex_cache *memo, const dx_lexicon *lex, uint64_t lkey, uint64_t fkey,
                                 uint16_t *evfirst)
{
    const dx_bits_memo *e = dx_lex_bits_cached(memo, lex, lkey);
    uint32_t bits = e->bits;
    *evfirst = e->evfirst;
    if (fkey != lkey) bits = (bits & ~DX_L_OF_FKEY) | (dx_lex_bits_cached(memo, lex, fkey)->bits & DX_L_OF_FKEY);
    return bits;
}

/* token_lex of the token of ASCII punctuation byte b (< 0x80), whose lkey
 * and fkey are key, through the thread's table of them by byte. */
static inline const dx_bits_memo *ascii_punct_lex(dx_lex_cache *memo, const dx_lexicon *lex, unsigned char b,
                                                  uint64_t key)
{
    dx_bits_memo *e = &memo->ascii_punct[b & 127];
    if (!e->used) *e = *dx_lex_bits_cached(memo, lex, key);
    return e;
}

/* The name fold of capitalised ASCII words through a direct-mapped memo
 * (the thread's, dx_lex_cache): a document names the same people again and
 * again. An entry is used only for the same word of the same document
 * (compared, not trusted to its hash). */
static uint64_t name_key(dx_name_memo *memo, uint32_t gen, const unsigned char *text, size_t i, size_t len,
                         uint64_t lkey, dx_buf *sc, dx_buf *sc2)
{
    dx_name_memo *e = &memo[(lkey ^ (lkey >> 32)) & (DX_CACHE_NAMES - 1)];
    if (e->gen == gen && e->len == len && e->lkey == lkey) {
        const unsigned char *a = text + e->start, *b = text + i;
        size_t q = 0;
        while (q < len && lower_of[a[q]] == lower_of[b[q]]) q++;
        if (q == len) return e->fkey;
    }
    char low[64];
    char *lp = low;
    if (len > sizeof(low)) {
        dx_buf_clear(sc);
        dx_buf_put(sc, (const char *)text + i, len);
        lp = sc->data;
    }
    for (size_t q = 0; q < len; q++) lp[q] = (char)lower_of[text[i + q]];
    uint64_t fkey = dx_name_key_lower(lp, len, sc2);
    if (len <= UINT32_MAX) {
        e->lkey = lkey;
        e->fkey = fkey;
        e->start = (uint32_t)i;
        e->len = (uint32_t)len;
        e->gen = gen;
    }
    return fkey;
}

/* The thread's memo of ASCII words, by their bytes as written: a corpus
 * uses few distinct words many times, and a word found here skips the
 * byte-by-byte hash (a chain of multiplies), the letter counts, the name
 * fold and the lexicon memo (whose 128 KB table misses the L1 cache). An
 * entry holds what the scan below computes for the word when no
 * U+2000-U+207F punctuation follows it (that may add a name fold, see
 * there). Words of up to 8 bytes (most) are keyed by their bytes
 * zero-padded: word bytes are never NUL, so the key tells the length too,
 * and 0 is no word; words of 9 to 15 bytes by two such keys, in a memo of
 * their own (the second key is never 0). In the thread's caches of the
 * lexicon (dx_lex_cache: extraction runs on several threads), which says
 * how the entries are kept (dense, in the order first seen) and found (an
 * index of entry numbers, by hash). */
_Static_assert(DX_CACHE_WORDS_MAX <= 65536 && DX_CACHE_LONG_WORDS_MAX <= 65536, "entries numbered in 16 bits");
_Static_assert(DX_CACHE_WORDS_MAX <= (1u << DX_CACHE_WORDS_BITS) / 2 &&
                   DX_CACHE_LONG_WORDS_MAX <= (1u << DX_CACHE_LONG_WORDS_BITS) / 2,
               "an index at most half full (probes stay short)");

/* The thread's short-word entries, from the first cache line in them (two
 * to a line: an entry is one line). */
static inline dx_word_memo *word_memo(dx_lex_cache *wc)
{
    _Static_assert(64 % sizeof(dx_word_memo) == 0, "a word memo entry within one cache line");
    return (dx_word_memo *)(((uintptr_t)wc->words + 63) & ~(uintptr_t)63);
}

/* The index slots where the search for a short word's key w, a long word's
 * keys w0 and w1, starts. (Fibonacci hashing: one multiply, the high bits.) */
static inline uint16_t *short_home(dx_lex_cache *wc, uint64_t w)
{
    return &wc->word_index[(w * 0x9E3779B97F4A7C15ULL) >> (64 - DX_CACHE_WORDS_BITS)];
}
static inline uint16_t *long_home(dx_lex_cache *wc, uint64_t w0, uint64_t w1)
{
    return &wc->long_word_index[((w0 ^ w1 * 0xFF51AFD7ED558CCDULL) * 0x9E3779B97F4A7C15ULL) >>
                                (64 - DX_CACHE_LONG_WORDS_BITS)];
}

/* The ASCII word of len (1 to 8) bytes at p (8 bytes readable): its key
 * into *w, and its home slot. */
static const uint64_t len_mask[9] = {0,
                                     0xFF,
                                     0xFFFF,
                                     0xFFFFFF,
                                     0xFFFFFFFF,
                                     0xFFFFFFFFFF,
                                     0xFFFFFFFFFFFF,
                                     0xFFFFFFFFFFFFFF,
                                     0xFFFFFFFFFFFFFFFF};
static inline uint16_t *short_word(dx_lex_cache *wc, const unsigned char *p, size_t len, uint64_t *w)
{
    uint64_t k;
    memcpy(&k, p, 8);
    k &= len_mask[len]; /* (a load: the shift by 64 - 8 * len was four instructions) */
    *w = k;
    return short_home(wc, k);
}

/* The ASCII word of len (9 to 15) bytes at p (16 bytes readable): its keys
 * into *w0, *w1, and its home slot. */
static inline uint16_t *long_word(dx_lex_cache *wc, const unsigned char *p, size_t len, uint64_t *w0, uint64_t *w1)
{
    uint64_t a, b;
    memcpy(&a, p, 8);
    memcpy(&b, p + 8, 8);
    b &= (1ULL << (8 * (len - 8))) - 1;
    *w0 = a;
    *w1 = b;
    return long_home(wc, a, b);
}

/* A word not in its home slot (the slot held another): the slots after it,
 * up to an empty one. Its keys, or NULL with *slot that empty slot (where
 * it goes). Out of line: the words seen first (the frequent ones) have
 * their home slots (of the short words read in the bench corpus, all but
 * 0.6%). */
static __attribute__((noinline)) const dx_word_keys *short_probe(dx_lex_cache *wc, uint16_t **slot, uint64_t w)
{
    const dx_word_memo *words = word_memo(wc);
    uint16_t *s = *slot;
    for (;;) {
        s = s + 1 < wc->word_index + (1u << DX_CACHE_WORDS_BITS) ? s + 1 : wc->word_index;
        if (!*s) break;
        if (words[*s].word == w) return &words[*s].k;
    }
    *slot = s;
    return NULL;
}
static __attribute__((noinline)) const dx_word_keys *long_probe(dx_lex_cache *wc, uint16_t **slot, uint64_t w0,
                                                                uint64_t w1)
{
    uint16_t *s = *slot;
    for (;;) {
        s = s + 1 < wc->long_word_index + (1u << DX_CACHE_LONG_WORDS_BITS) ? s + 1 : wc->long_word_index;
        if (!*s) break;
        const dx_long_word_memo *e = &wc->long_words[*s];
        if (e->w0 == w0 && e->w1 == w1) return &e->k;
    }
    *slot = s;
    return NULL;
}

/* A new entry for the short word w, numbered in the empty slot s; the
 * memo full, it starts over first. Its keys, for the caller to set. */
static dx_word_keys *short_insert(dx_lex_cache *wc, uint16_t *s, uint64_t w)
{
    if (wc->nwords == DX_CACHE_WORDS_MAX) {
        memset(wc->word_index, 0, sizeof(wc->word_index));
        wc->nwords = 1;
        s = short_home(wc, w);
    }
    dx_word_memo *e = &word_memo(wc)[wc->nwords];
    *s = (uint16_t)wc->nwords++;
    e->word = w;
    return &e->k;
}
static dx_word_keys *long_insert(dx_lex_cache *wc, uint16_t *s, uint64_t w0, uint64_t w1)
{
    if (wc->nlong_words == DX_CACHE_LONG_WORDS_MAX) {
        memset(wc->long_word_index, 0, sizeof(wc->long_word_index));
        wc->nlong_words = 1;
        s = long_home(wc, w0, w1);
    }
    dx_long_word_memo *e = &wc->long_words[wc->nlong_words];
    *s = (uint16_t)wc->nlong_words++;
    e->w0 = w0;
    e->w1 = w1;
    return &e->k;
}

#ifdef __SSE2__
/* The length of the ASCII word (letters and digits) at p, 16 if it is that
 * long or longer: 16 bytes compared at once, with no branch per byte (the
 * length of the next word is no branch predictor's guess). 16 bytes at p
 * must be readable. */
static inline size_t ascii_word_len16(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    /* x in [lo, hi] as one signed compare: x - lo + 128 < hi - lo + 1 - 128 */
    __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* 'A'-'Z' to 'a'-'z' */
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(low, _mm_set1_epi8((char)(128 - 'a'))),
                                    _mm_set1_epi8((char)(-128 + 26)));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(128 - '0'))),
                                   _mm_set1_epi8((char)(-128 + 10)));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
    return (size_t)__builtin_ctz(~m); /* bit 16 of ~m is set */
}
#endif

/* The tokens that may break a word at a line end: '¬', a soft hyphen, a
 * '-' before a space or line break (by index, in text order). */
typedef DX_VEC(size_t) hyphen_list;

/* A byte of a letter: ASCII, or any byte of a multi-byte character (the
 * join checks the words themselves). */
static int letter_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static void join_hyphenated(dx_doc *doc, const dx_lexicon *lex, const hyphen_list *hy);

/* Sentences (and speaker turns) over the tokens, walked a paragraph at a
 * time as the tokenizer finishes one (its words joined: no token of it
 * moves after), while its tokens are still in the processor's cache. The
 * walk resumes where it stopped: */
typedef struct sent_walk {
    size_t done;       /* the tokens walked */
    size_t sent_begin; /* the first token of the sentence open now */
    uint32_t ends;     /* DX_TK_CAP | DX_TK_NUM when the last token of the sentence
                        * open now that is no closing quote or bracket is final
                        * punctuation (then a capitalised word or a number after
                        * a space starts a sentence), else 0: decided once, at
                        * that token */
    /* each walked token's marks, their low byte (its lists, MK_CAPITAL,
     * MK_NL: below), by token index: the walk stores one byte per token
     * instead of an entry in each of five lists and a count, build_lists
     * makes the lists from these at the end, 64 tokens a step, and
     * close_line a line's count, 16 at once (MARK_SLACK bytes past the
     * last token are kept for such steps) */
    uint8_t *marks;
    size_t marks_cap;
} sent_walk;
enum { MARK_SLACK = 64 };
static void walk_sentences(dx_doc *doc, sent_walk *w, int at_end);

/* Which of the lists of the sentence walk (dx_doc.caps ...) a token is in,
 * and whether it is a word in capitals or capitalised and one of class
 * DX_W_LOWBOARD: decided by the tokenizer, from its flags and DX_L_* bits,
 * once per distinct word (kept in the word memo) instead of once per token.
 * The walk finds them in the token's sent, which it sets after. */
enum {
    MK_CAPS = 1,      /* dx_doc.caps: a capitalised word */
    MK_GAZ = 2,       /* dx_doc.gaz_starts: DX_L_GAZ */
    MK_DATE = 4,      /* dx_doc.date_words: DX_L_DATE */
    MK_BOARD = 8,     /* dx_doc.boards: a word of class DX_W_LOWBOARD */
    MK_CAPITAL = 16,  /* a word in capitals or capitalised (dx_doc.lines' counts) */
    /* a line's first token (DX_TK_NL), the flags' own bit: a word from the
     * memo takes it as it takes the flags, and the walk finds it in the
     * marks without reading the flags. Per token, never in the word memo;
     * also on dx_doc.date_todo. */
    MK_NL = DX_TK_NL,
    /* a later token of some alias (DX_L_GAZ_IN): a start of gaz_starts that
     * is no capital (a lowercase word, a quote) is listed only before one
     * (build_lists), as gazetteer_pass passes it at once without one */
    MK_GAZ_IN = 64,
    MK_TODO = 128,    /* dx_doc.date_todo: dx_date_todo (a word's; see MK_NL) */
    /* punctuation the sentence walk stops at (punct_marks) */
    MK_CLOSER = 256,  /* a closing quote or bracket */
    MK_OPENER = 512,  /* an opening one (quotes are both) */
    MK_PERIOD = 1024, /* '.' */
    MK_FINAL = 2048,  /* '!', '?', '…' */
    MK_SENT_PUNCT = MK_CLOSER | MK_OPENER | MK_PERIOD | MK_FINAL,
    MK_WORD_MARKS = MK_CAPS | MK_GAZ | MK_DATE | MK_BOARD | MK_CAPITAL | MK_GAZ_IN | MK_TODO,
};
_Static_assert((int)MK_NL == 32, "the line mark between the others");
/* (the word memo keeps a word's marks in DX_WK_MARKS's bits) */
_Static_assert((MK_WORD_MARKS & ~DX_WK_MARKS) == 0, "every word mark has a bit in the word memo");
/* The MK_CLOSER ... bits of a punctuation token by its folded key (the
 * curly apostrophe is "'", dashes are "-"): computed when it is made, so
 * that the walk passes all other punctuation (commas ...) as it passes
 * words. */
#define KEY_IS(key, lit) ((key) == dx_hash(lit, sizeof(lit) - 1))
static uint32_t punct_marks(uint64_t key)
{
    uint32_t m = 0;
    if (KEY_IS(key, "\"") || KEY_IS(key, "'") || KEY_IS(key, ")") || KEY_IS(key, "]") ||
        KEY_IS(key, "\xE2\x80\x9D") || KEY_IS(key, "\xE2\x80\x99") || KEY_IS(key, "\xC2\xBB"))
        m |= MK_CLOSER;
    if (KEY_IS(key, "\"") || KEY_IS(key, "'") || KEY_IS(key, "(") || KEY_IS(key, "[") ||
        KEY_IS(key, "\xE2\x80\x9C") || KEY_IS(key, "\xE2\x80\x98") || KEY_IS(key, "\xC2\xAB") ||
        KEY_IS(key, "\xE2\x80\x9D"))
        m |= MK_OPENER;
    if (KEY_IS(key, ".")) m |= MK_PERIOD;
    if (KEY_IS(key, "!") || KEY_IS(key, "?") || KEY_IS(key, "\xE2\x80\xA6")) m |= MK_FINAL;
    return m;
}
/* (k: any token but the first; the first opens a paragraph, DX_TK_NL, and
 * dx_date_todo takes it for that too) */
static inline uint32_t marks_of(uint32_t fl, uint32_t lx)
{
    uint32_t word = fl & DX_TK_WORD;
    return ((fl & (DX_TK_WORD | DX_TK_CAP)) == (DX_TK_WORD | DX_TK_CAP) ? MK_CAPS : 0) |
           (lx & DX_L_GAZ ? MK_GAZ : 0) | (lx & DX_L_DATE ? MK_DATE : 0) |
           (dx_date_todo(1, fl, lx) ? MK_TODO : 0) | (word && (fl & (DX_TK_CAP | DX_TK_UPPER)) ? MK_CAPITAL : 0) |
           (word && (lx & DX_W_LOWBOARD) ? MK_BOARD : 0) | (lx & DX_L_GAZ_IN ? MK_GAZ_IN : 0) | (fl & DX_TK_NL);
}

/* What the tokenizer's cold paths share (its hot loop keeps its own state
 * in registers: the token array among it, written back to doc->toks before
 * anything else reads it). */
typedef struct {
    dx_doc *doc;
    const dx_lexicon *lex;
    dx_lex_cache *memo;
    dx_name_memo *names;
    uint32_t names_gen; /* the document's generation in names */
    dx_buf sc, sc2;
} tok_ctx;

/* The ASCII word [i, j) that the memo did not have (bc: the class of its
 * first byte; gen_punct: U+2000-U+207F punctuation or a no-break space
 * follows it, where the general path would end it): its flags
 * (with pend), keys and lexicon bits into t, and into a new memo entry
 * numbered in the empty index slot ws or ls (NULL: none) as if no
 * punctuation followed. Out of the hot loop: fewer
 * than 3% of the words. */
static __attribute__((noinline)) void word_miss(tok_ctx *c, dx_token *t, const unsigned char *u, size_t i,
                                                size_t j, unsigned char bc, int gen_punct, uint32_t pend,
                                                uint16_t *ws, uint16_t *ls, uint64_t w, uint64_t w1)
{
    /* hash the lowercase form, two bytes a turn (u[k] is no NUL when
     * u[k + 1] is read) */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = i;; k += 2) {
        unsigned char l0 = word_lower[u[k]];
        if (!l0) break;
        unsigned char l1 = word_lower[u[k + 1]];
        h = (h ^ l0) * 0x100000001b3ULL;
        if (!l1) break;
        h = (h ^ l1) * 0x100000001b3ULL;
    }
    uint32_t fl = DX_TK_WORD;
    if (bc == C_UPPER) fl |= DX_TK_CAP;
    if (bc == C_DIGIT) fl |= DX_TK_DIGIT;
    /* a word starting lowercase is neither a number nor all capitals; the
     * others (fewer) count their letters */
    if (bc != C_LOWER) {
        uint64_t counts = 0;
        for (size_t q = i; q < j; q++) counts += word_count[u[q]];
        uint32_t letters = (uint32_t)counts, uppers = (uint32_t)(counts >> 32);
        if (!letters) fl |= DX_TK_NUM;
        if (uppers == letters && letters >= 2) fl |= DX_TK_UPPER;
    }
    t->flags = fl | pend;
    t->lkey = h;
    t->fkey = h;
    /* the name fold: for capitalised words; the general path (which a word
     * before non-ASCII took) also folds "4GPU" */
    if ((bc == C_UPPER || (gen_punct && (fl & DX_TK_UPPER))) && j - i > 3)
        t->fkey = name_key(c->names, c->names_gen, u, i, j - i, h, &c->sc, &c->sc2);
    t->lex = token_lex(c->memo, c->lex, t->lkey, t->fkey, &t->evfirst);
    t->wclass = t->lex & DX_L_WCLASS;
    t->sent = marks_of(t->flags, t->lex);
    /* (an entry is as if no punctuation followed: see the hit; fl is
     * without pend: its marks are the word's, no MK_NL) */
    if ((ws || ls) && !(gen_punct && bc != C_UPPER && (fl & DX_TK_UPPER) && j - i > 3)) {
        dx_word_keys *k = ws ? short_insert(c->memo, ws, w) : long_insert(c->memo, ls, w, w1);
        k->lkey = t->lkey;
        k->fkey = t->fkey;
        k->lex = t->lex;
        k->fme = fl | marks_of(fl, t->lex) << DX_WK_MARKS_SHIFT | (uint32_t)t->evfirst << DX_WK_EV_SHIFT;
    }
}

/* The token at i that the ASCII paths leave (a character not ASCII, or an
 * ASCII word a non-ASCII letter follows), decoded, pushed unless a space;
 * returns where the next starts. Out of the hot loop. */
static __attribute__((noinline)) size_t general_token(tok_ctx *c, hyphen_list *hyphens, size_t i, uint32_t *pend)
{
    dx_doc *doc = c->doc;
    const char *s = doc->text;
    size_t n = doc->len;
    dx_token t;
    memset(&t, 0, sizeof(t));
    t.start = (uint32_t)i;
    size_t start = i;
    uint32_t cp = dx_utf8_next(s, n, &i);
    if (dx_is_space_cp(cp)) return i;
    if (dx_is_letter_cp(cp)) {
        int letters = 0, uppers = 0;
        size_t j = start;
        for (;;) {
            size_t k = j;
            if (k >= n) break;
            uint32_t ch = dx_utf8_next(s, n, &k);
            if (!dx_is_letter_cp(ch)) break;
            if (!(ch >= '0' && ch <= '9')) {
                letters++;
                if (dx_is_upper_cp(ch)) uppers++;
            }
            j = k;
        }
        i = j;
        t.flags = DX_TK_WORD;
        if (!letters) t.flags |= DX_TK_NUM;
        if (dx_is_upper_cp(cp)) t.flags |= DX_TK_CAP;
        if (cp >= '0' && cp <= '9') t.flags |= DX_TK_DIGIT;
        if (letters >= 2 && uppers == letters) t.flags |= DX_TK_UPPER;
    } else {
        t.flags = DX_TK_PUNCT;
        if (cp == 0xAC || cp == 0xAD) DX_PUSH(*hyphens, doc->toks.len);
    }
    t.end = (uint32_t)i;
    t.flags |= *pend;
    *pend = 0;
    token_keys(s + t.start, t.end - t.start, &c->sc, &c->sc2, &t);
    t.lex = token_lex(c->memo, c->lex, t.lkey, t.fkey, &t.evfirst);
    if (t.flags & DX_TK_WORD) t.wclass = t.lex & DX_L_WCLASS;
    t.sent = marks_of(t.flags, t.lex) | (t.flags & DX_TK_PUNCT ? punct_marks(t.lkey) : 0);
    DX_PUSH(doc->toks, t);
    return i;
}

/* A new token at the end of the array items[0..*len) of *cap (doc->toks's,
 * grown when full: it is written back first); the caller sets its fields, its
 * sent to its marks (MK_*) for the walk, which sets the sentence after. */
static __attribute__((noinline)) void grow_tokens(dx_doc *doc, dx_token **items, size_t len, size_t *cap)
{
    doc->toks.len = len;
    DX_GROW(doc->toks, len + 1);
    *items = doc->toks.items;
    *cap = doc->toks.cap;
}
static inline dx_token *new_token(dx_doc *doc, dx_token **items, size_t *len, size_t *cap)
{
    if (*len == *cap) grow_tokens(doc, items, *len, cap);
    return &(*items)[(*len)++];
}

/* A new punctuation token of len bytes at i, taking the pending NL / PARA
 * flags; the caller sets its keys. */
static inline dx_token *push_punct(dx_doc *doc, dx_token **items, size_t *ntok, size_t *cap, size_t i, size_t len,
                                   uint32_t *pend)
{
    dx_token *t = new_token(doc, items, ntok, cap);
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + len);
    t->flags = DX_TK_PUNCT | *pend;
    t->wclass = 0;
    *pend = 0;
    return t;
}

/* Token t as the word memo's entry k makes it (pend: the pending NL / PARA
 * flags of a line's first token, 0 for any other). */
static inline __attribute__((always_inline)) void memo_token(dx_token *t, const dx_word_keys *k, uint32_t pend)
{
    uint32_t fme = k->fme;
    t->flags = (uint16_t)((fme & DX_WK_FLAGS) | pend);
    t->evfirst = (uint16_t)(fme >> DX_WK_EV_SHIFT);
    t->lkey = k->lkey;
    t->fkey = k->fkey;
    t->lex = k->lex;
    t->wclass = k->lex & DX_L_WCLASS;
    /* (pend: a line's first token's mark MK_NL as its flags; DX_TK_PARA
     * is no mark) */
    t->sent = ((fme >> DX_WK_MARKS_SHIFT) & DX_WK_MARKS) | (pend & MK_NL);
}

/* The keys, lexicon bits and marks of t, the ASCII punctuation byte c (its
 * flags set). */
static inline __attribute__((always_inline)) void ascii_punct_token(dx_lex_cache *memo, const dx_lexicon *lex,
                                                                   dx_token *t, unsigned char c)
{
    t->lkey = t->fkey = byte_key(c);
    const dx_bits_memo *pm = ascii_punct_lex(memo, lex, c, t->lkey);
    t->lex = pm->bits;
    t->evfirst = pm->evfirst;
    t->sent = marks_of(t->flags, t->lex) | ascii_punct_marks[c];
}

static void tokenize(dx_doc *doc, const dx_lexicon *lex, hyphen_list *hyphens, sent_walk *walk)
{
    /* once, for all threads (a plain flag was a data race: another thread
     * could see the flag set before the table it guards) */
    static pthread_once_t classes_once = PTHREAD_ONCE_INIT;
    pthread_once(&classes_once, init_classes);
    const char *s = doc->text;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = doc->len, i = 0;
    tok_ctx c;
    c.doc = doc;
    c.lex = lex;
    dx_buf_init(&c.sc);
    dx_buf_init(&c.sc2);
    dx_lex_cache *memo = c.memo = dx_lex_cache_get(lex);
    c.names = memo->names;
    if (++memo->names_gen == 0) { /* wrapped: old entries could pass for new ones */
        memset(memo->names, 0, sizeof(memo->names));
        memo->names_gen = 1;
    }
    c.names_gen = memo->names_gen;
    /* The stages between two documents push the memos out of the caches,
     * and a lookup waits for its line: a long document (most of the time)
     * asks for them whole first, streamed, than line by line at random.
     * (A cache line is 64 bytes, or more: then some prefetches repeat.) */
    if (n >= 32768) {
        /* (the word memos, then the lexicon memo their misses ask) */
        /* (the word memos' indexes and the entries in use) */
        for (size_t q = 0; q < sizeof(memo->word_index) + sizeof(memo->long_word_index); q += 64)
            __builtin_prefetch((const char *)memo->word_index + q);
        for (size_t q = 0; q < memo->nwords * sizeof(dx_word_memo) + 64; q += 64)
            __builtin_prefetch((const char *)memo->words + q);
        for (size_t q = 0; q < memo->nlong_words * sizeof(dx_long_word_memo); q += 64)
            __builtin_prefetch((const char *)memo->long_words + q);
        for (size_t q = 0; q < sizeof(memo->bits); q += 64) __builtin_prefetch((const char *)memo->bits + q);
    }
    dx_word_memo *words = word_memo(memo);
    DX_GROW(doc->toks, n / 5 + 16);
    /* the token array, in locals: (stores through a token may write any
     * uint64_t, doc->toks.len among them for the compiler) */
    dx_token *items = doc->toks.items;
    size_t ntok = doc->toks.len, cap = doc->toks.cap;
    /* the NL / PARA flags of the next token: the first token opens a paragraph */
    uint32_t pend = DX_TK_PARA | DX_TK_NL;
    while (i < n) {
        unsigned char bc = byte_class[u[i]];
        if (bc == C_SPACE) {
            i++;
            continue;
        }
        if (bc == C_NL) {
            pend = pend ? DX_TK_PARA | DX_TK_NL : DX_TK_NL;
            /* No join reaches over a blank line: the words broken before
             * one are joined now, so a join moves the tokens of its own
             * paragraph only, not all the document's after it. */
            if (pend & DX_TK_PARA) {
                doc->toks.len = ntok;
                if (hyphens->len) {
                    join_hyphenated(doc, lex, hyphens);
                    hyphens->len = 0;
                    ntok = doc->toks.len;
                }
                /* the paragraph's tokens are final: its sentences now */
                if (walk->done < ntok) walk_sentences(doc, walk, 0);
            }
            i++;
            continue;
        }
        if (bc == C_LOWER || bc == C_UPPER || bc == C_DIGIT) {
#ifdef __SSE2__
            /* The common case first, in a loop of its own with few
             * variables (all in registers): words of up to 15 bytes, one
             * space (or punctuation and a space) apart, each at its home
             * slot in its memo, none a line's first (no pend) nor before a
             * non-ASCII byte. What it does not take (at a word's start) the
             * general loop below takes; the end of such a run goes back to
             * the outer loop. (Each exit to those is a branch no predictor
             * learns, and costs more than the instructions it saves.) */
            if (!pend) {
                int run_end = 0;
                while (n - i >= 16) {
                    size_t len = ascii_word_len16(u + i);
                    if (len >= 16) break;
                    size_t j = i + len;
                    unsigned char cj = u[j];
                    if (cj >= 0x80) break;
                    const dx_word_keys *k;
                    if (len <= 8) {
                        uint64_t w;
                        const dx_word_memo *e = &words[*short_word(memo, u + i, len, &w)];
                        if (e->word != w) break;
                        k = &e->k;
                    } else {
                        uint64_t w0, w1;
                        const dx_long_word_memo *e = &memo->long_words[*long_word(memo, u + i, len, &w0, &w1)];
                        if (e->w0 != w0 || e->w1 != w1) break;
                        k = &e->k;
                    }
                    if (ntok == cap) break;
                    dx_token *t = &items[ntok++];
                    t->start = (uint32_t)i;
                    t->end = (uint32_t)j;
                    memo_token(t, k, 0);
                    i = j;
                    if (cj != ' ') {
                        /* ASCII punctuation, a space and a word (", " ...):
                         * its token here, as the outer loop makes it (not
                         * '-' nor '\'', which may be listed for a join) */
                        if (byte_class[cj] == C_OTHER && cj != '-' && cj != '\'' && u[j + 1] == ' ' &&
                            word_lower[u[j + 2]] && ntok < cap) {
                            dx_token *pt = &items[ntok++];
                            pt->start = (uint32_t)j;
                            pt->end = (uint32_t)(j + 1);
                            pt->flags = DX_TK_PUNCT;
                            pt->wclass = 0;
                            ascii_punct_token(memo, lex, pt, cj);
                            i = j + 2;
                            continue;
                        }
                        run_end = 1;
                        break;
                    }
                    if (!word_lower[u[j + 1]]) {
                        run_end = 1;
                        break;
                    }
                    i = j + 1;
                }
                if (run_end) continue;
                bc = byte_class[u[i]];
            }
#endif
            for (;;) {
                /* ASCII word. A short one (most) is found in the word memo by
                 * its bytes: its end found without a loop, then its entry. */
                uint16_t *ws = NULL, *ls = NULL; /* its home slot in the index of its length */
                uint64_t w = 0, w1 = 0;
                size_t j = 0; /* its end; 0 until found (a word ends after its start) */
#ifdef __SSE2__
                if (n - i >= 16) {
                    size_t len = ascii_word_len16(u + i);
                    if (len < 16) j = i + len;
                    if (len <= 8) ws = short_word(memo, u + i, len, &w);
                    else if (len < 16) ls = long_word(memo, u + i, len, &w, &w1);
                }
#endif
                if (!j) {
                    /* the end by scanning (the text is NUL-terminated, and NUL
                     * is no word byte: no bound check) */
                    j = i;
                    while (word_lower[u[j]]) j++;
                }
                /* U+2000-U+207F (E2 80-81 xx: quotes, dashes, ellipsis) is
                 * punctuation or space, never a letter, and so is the
                 * no-break space U+00A0 (C2 A0: HTML's &nbsp;, the most
                 * common character beyond ASCII in text from the web): the
                 * word ends there too */
                /* (j == n: u[n] is the NUL, no high byte) */
                int gen_punct = 0;
                if (byte_class[u[j]] == C_HIGH) {
                    gen_punct = (u[j] == 0xE2 && (u[j + 1] == 0x80 || u[j + 1] == 0x81) && (u[j + 2] & 0xC0) == 0x80) ||
                                (u[j] == 0xC2 && u[j + 1] == 0xA0);
                    if (!gen_punct) goto general; /* a non-ASCII letter follows */
                }
                dx_token *t = new_token(doc, &items, &ntok, &cap);
                t->start = (uint32_t)i;
                t->end = (uint32_t)j;
                /* a memo hit, unless the punctuation after adds the name fold
                 * its entry lacks (below: all capitals, not capitalised) */
                /* (an empty slot's entry is entry 0, no word's) */
                const dx_word_keys *hit = NULL;
                if (ws) {
                    const dx_word_memo *e = &words[*ws];
                    if (e->word == w) hit = &e->k;
                    else if (*ws) hit = short_probe(memo, &ws, w);
                } else if (ls) {
                    const dx_long_word_memo *e = &memo->long_words[*ls];
                    if (e->w0 == w && e->w1 == w1) hit = &e->k;
                    else if (*ls) hit = long_probe(memo, &ls, w, w1);
                }
                if (hit && !(gen_punct && bc != C_UPPER && (hit->fme & DX_TK_UPPER) && j - i > 3)) {
                    memo_token(t, hit, pend);
                } else {
                    /* (a word found but not taken has its entry) */
                    if (hit) ws = ls = NULL;
                    word_miss(&c, t, u, i, j, bc, gen_punct, pend, ws, ls, w, w1);
                }
                pend = 0;
                i = j;
                /* One space and another ASCII word (most words): that word
                 * next, without going round the loop's tests of the space
                 * and of the word's first byte again. (With SSE2, through
                 * the outer loop: the fast loop above may take it.) */
                if (u[j] != ' ' || !word_lower[u[j + 1]]) break;
                i = j + 1;
                bc = byte_class[u[i]];
#ifdef __SSE2__
                break;
#endif
            }
            continue;
        } else if (bc == C_OTHER) {
            /* ASCII punctuation: one byte, its own folded form */
            if (u[i] == '-' && (byte_class[u[i + 1]] == C_SPACE || byte_class[u[i + 1]] == C_NL))
                DX_PUSH(*hyphens, ntok);
            else if (u[i] == '\'' && i > 0 && letter_byte(u[i - 1]) && letter_byte(u[i + 1]))
                DX_PUSH(*hyphens, ntok); /* "Sokol'nikov", maybe one word */
            dx_token *t = push_punct(doc, &items, &ntok, &cap, i, 1, &pend);
            ascii_punct_token(memo, lex, t, u[i]);
            i++;
            continue;
        }
        if (u[i] == 0xC2 && u[i + 1] == 0xA0) { /* a no-break space: a space (as the general path reads it) */
            i += 2;
            continue;
        }
        if (u[i] == 0xE2 && (u[i + 1] == 0x80 || u[i + 1] == 0x81) && (u[i + 2] & 0xC0) == 0x80) {
            /* U+2000-U+207F: a space, or one punctuation token (as the
             * general path below makes it, without decoding twice) */
            uint32_t q = (uint32_t)(u[i + 1] & 1) << 6 | (u[i + 2] & 0x3F); /* (the code point - 0x2000) */
            if (gen_punct_info[q].space) {
                i += 3;
                continue;
            }
            if (q == 0x19 && i > 0 && letter_byte(u[i - 1]) && letter_byte(u[i + 3]))
                DX_PUSH(*hyphens, ntok); /* "Kol’tsov" (U+2019), maybe one word */
            dx_token *t = push_punct(doc, &items, &ntok, &cap, i, 3, &pend);
            t->lkey = t->fkey = gen_punct_info[q].lkey;
            t->lex = token_lex(memo, lex, t->lkey, t->fkey, &t->evfirst);
            t->sent = marks_of(t->flags, t->lex) | gen_punct_info[q].marks;
            i += 3;
            continue;
        }
    general:
        doc->toks.len = ntok;
        i = general_token(&c, hyphens, i, &pend);
        items = doc->toks.items;
        ntok = doc->toks.len;
        cap = doc->toks.cap;
    }
    doc->toks.len = ntok;
    dx_buf_fini(&c.sc);
    dx_buf_fini(&c.sc2);
}

/* The line-break hyphen of a word continued on the next line, before the
 * rest token: '¬' (U+00AC, as OCR of old print marks it) or a soft hyphen
 * (U+00AD), or '-' with a line break or space after it ("Brau- nau"; a
 * hyphen that touches the next word joins a compound). */
static int break_hyphen(const dx_doc *doc, const dx_token *t, const dx_token *rest)
{
    const unsigned char *u = (const unsigned char *)doc->text + t->start;
    if (t->end - t->start == 1) return u[0] == '-' && rest->start > t->end;
    return t->end - t->start == 2 && u[0] == 0xC2 && (u[1] == 0xAC || u[1] == 0xAD);
}

/* The rest of a hyphenated word: a word of letters in the same paragraph,
 * lowercase after a capitalised or lowercase start ("Depart¬ ment"),
 * uppercase after an uppercase one ("DEPART¬ MENT"). */
static int word_rest(const dx_token *first, const dx_token *rest)
{
    if (!(rest->flags & DX_TK_WORD) || (rest->flags & (DX_TK_NUM | DX_TK_PARA))) return 0;
    if (first->flags & DX_TK_UPPER) return (rest->flags & DX_TK_UPPER) != 0;
    return !(rest->flags & DX_TK_CAP);
}

/* Tokens a, a+1, a+2: a word, an apostrophe touching both, a word that
 * dx_apostrophe_joins to it ("Sokol'nikov", "Kol’tsov", "O'Brien"). */
static int apostrophe_join(const dx_doc *doc, const dx_token *tk, size_t a)
{
    const dx_token *x = &tk[a], *q = &tk[a + 1], *y = &tk[a + 2];
    if (!(x->flags & DX_TK_WORD) || !(y->flags & DX_TK_WORD) || (x->flags & DX_TK_NUM) || (y->flags & DX_TK_NUM) ||
        x->end != q->start || q->end != y->start || !(q->flags & DX_TK_PUNCT))
        return 0;
    const unsigned char *u = (const unsigned char *)doc->text + q->start;
    if (!((q->end - q->start == 1 && u[0] == '\'') ||
          (q->end - q->start == 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99)))
        return 0;
    return dx_apostrophe_joins(doc->text + x->start, x->end - x->start, doc->text + y->start, y->end - y->start);
}

/* Words broken at a line end by OCR'd print ("War Depart¬ ment",
 * "Massachu¬\nsetts", "Chat- lahoochy") become one word token spanning
 * the pieces, keyed as the word written whole, so names and dates are found
 * across the break. Spaces and line breaks, but no blank line, may stand
 * between the hyphen and the rest. Only the hyphens the tokenizer listed
 * are visited; the tokens between two joins move as one block. */
static void join_hyphenated(dx_doc *doc, const dx_lexicon *lex, const hyphen_list *hy)
{
    dx_token *tk = doc->toks.items;
    size_t n = doc->toks.len;
    size_t w = 0, k = 0; /* tokens before k are placed, up to w */
    dx_buf word, sc, sc2;
    dx_buf_init(&word);
    dx_buf_init(&sc);
    dx_buf_init(&sc2);
    for (size_t h = 0; h < hy->len; h++) {
        size_t a = hy->items[h] - 1; /* the word before the hyphen */
        if (hy->items[h] == 0 || a < k || a + 2 >= n) continue;
        if (apostrophe_join(doc, tk, a)) {
            if (w != k) memmove(&tk[w], &tk[k], (a - k) * sizeof(*tk));
            w += a - k;
            dx_token t = tk[a];
            size_t j = a;
            while (j + 2 < n && apostrophe_join(doc, tk, j)) j += 2;
            t.end = tk[j].end;
            /* capitalised as its first part; all capitals only if every part is */
            for (size_t q = a; q <= j; q += 2)
                if (!(tk[q].flags & DX_TK_UPPER)) t.flags &= ~(uint32_t)DX_TK_UPPER;
            token_keys(doc->text + t.start, t.end - t.start, &sc, &sc2, &t);
            t.lex = dx_token_lex(lex, t.lkey, t.fkey);
            t.evfirst = (uint16_t)dx_lex_ev_first(lex, t.lkey, t.lex);
            t.wclass = t.lex & DX_L_WCLASS;
            t.sent = marks_of(t.flags, t.lex);
            tk[w++] = t;
            k = j + 1;
            continue;
        }
        if (!((tk[a].flags & DX_TK_WORD) && !(tk[a].flags & DX_TK_NUM) && tk[a + 1].start == tk[a].end &&
              break_hyphen(doc, &tk[a + 1], &tk[a + 2]) && word_rest(&tk[a], &tk[a + 2])))
            continue;
        /* the tokens in between keep their order */
        if (w != k) memmove(&tk[w], &tk[k], (a - k) * sizeof(*tk));
        w += a - k;
        dx_token t = tk[a];
        size_t j = a;
        dx_buf_clear(&word);
        dx_buf_put(&word, doc->text + t.start, t.end - t.start);
        while (j + 2 < n && tk[j + 1].start == tk[j].end && break_hyphen(doc, &tk[j + 1], &tk[j + 2]) &&
               word_rest(&t, &tk[j + 2])) {
            dx_buf_put(&word, doc->text + tk[j + 2].start, tk[j + 2].end - tk[j + 2].start);
            t.end = tk[j + 2].end;
            j += 2;
        }
        token_keys(word.data, word.len, &sc, &sc2, &t);
        t.lex = dx_token_lex(lex, t.lkey, t.fkey);
        t.evfirst = (uint16_t)dx_lex_ev_first(lex, t.lkey, t.lex);
        t.wclass = t.lex & DX_L_WCLASS;
        t.sent = marks_of(t.flags, t.lex);
        tk[w++] = t;
        k = j + 1;
    }
    if (w != k) memmove(&tk[w], &tk[k], (n - k) * sizeof(*tk));
    doc->toks.len = w + (n - k);
    dx_buf_fini(&word);
    dx_buf_fini(&sc);
    dx_buf_fini(&sc2);
}

/* Token k is the literal (compared through its folded key: the curly
 * apostrophe is "'", dashes are "-"). */
#define tok_is(doc, k, lit) tok_key_is(doc, k, dx_hash(lit, sizeof(lit) - 1))
static inline int tok_key_is(const dx_doc *doc, size_t k, uint64_t key)
{
    return k < doc->toks.len && doc->toks.items[k].lkey == key;
}

static size_t tok_len(const dx_doc *doc, size_t k)
{
    return doc->toks.items[k].end - doc->toks.items[k].start;
}

/* Does the '.' at token k end a sentence? */
static int period_ends(const dx_doc *doc, size_t k)
{
    if (k == 0) return 0;
    const dx_token *prev = &doc->toks.items[k - 1];
    int adjacent = prev->end == doc->toks.items[k].start;
    if (adjacent && (prev->flags & DX_TK_WORD)) {
        /* An initial: one capital letter ("V.I. Lenin", "J. Arch Getty"). */
        if (tok_len(doc, k - 1) == 1 && (prev->flags & DX_TK_CAP)) return 0;
        /* An abbreviation from the lexicon ("Mr", "pp", "No", "approx"). */
        if (prev->wclass & DX_W_ABBREV) return 0;
        /* Dotted acronyms: "U.S.S.R." ("R" preceded by '.') */
        if (k >= 2 && tok_is(doc, k - 2, ".") && tok_len(doc, k - 1) <= 2) return 0;
    }
    return 1;
}

/* A speaker label at a line start: one to three capitalised words, then ':'. */
static size_t speaker_label(const dx_doc *doc, size_t k)
{
    size_t j = k, words = 0;
    while (j < doc->toks.len && words < 4) {
        const dx_token *t = &doc->toks.items[j];
        if (j > k && (t->flags & DX_TK_NL)) return 0;
        if (t->flags & DX_TK_WORD) {
            if (!(t->flags & DX_TK_CAP) || (t->flags & DX_TK_NUM)) return 0;
            if (t->wclass & DX_W_NOTSPEAKER) return 0;
            words++;
            j++;
            continue;
        }
        if (tok_is(doc, j, ":") && words >= 1) {
            /* "Name: text" on the same line, not a heading ending in ':' */
            if (j + 1 >= doc->toks.len || (doc->toks.items[j + 1].flags & DX_TK_NL)) return 0;
            return j - k;
        }
        if (tok_is(doc, j, ".") || tok_is(doc, j, "-")) { /* "A. Rykov:", "Maximov-Dikovsky:" */
            j++;
            continue;
        }
        return 0;
    }
    return 0;
}

/* The sentence of tokens [begin, end) is complete. */
static void close_sentence(dx_doc *doc, size_t begin, size_t end)
{
    dx_sentence se;
    se.tok_begin = (uint32_t)begin;
    se.tok_end = (uint32_t)end;
    se.start = doc->toks.items[begin].start;
    se.end = doc->toks.items[end - 1].end;
    se.para = 0;
    se.turn = -1;
    DX_PUSH(doc->sents, se);
    doc->toks.items[begin].flags |= DX_TK_SENT;
}


/* The lists the later stages start from (dx_doc.caps, gaz_starts,
 * date_words, date_todo, boards): the tokens whose marks (by token, the
 * walk's) name them, in token order. Built after the walk, 64 tokens a step:
 * a list's mark bit of the 64 gathered into one mask, whose set bits are
 * then listed. The walk stored one byte per token, not an entry in each of
 * five lists (which it kept or dropped by the count, as which tokens are
 * listed is no pattern a predictor learns), and a list's entries are
 * written as many as there are. */
_Static_assert(MK_TODO < 256, "the list marks fit a byte");
static inline uint32_t *list_set_bits(uint32_t *p, uint64_t m, uint32_t base)
{
    for (; m; m &= m - 1) *p++ = base + (uint32_t)__builtin_ctzll(m);
    return p;
}
#ifdef __SSE2__
/* The mark bit mk (one of MK_*) of the 16 marks in v, as bits. (A 16-bit
 * shift by less than 8 moves the byte's own bit to its top, which movemask
 * takes.) */
#define MARK_BITS16(v, mk) ((uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16((v), 7 - __builtin_ctz(mk))))
#endif
static void build_lists(dx_doc *doc, uint8_t *marks)
{
    size_t nt = doc->toks.len;
    /* (at most a token each: room for all at once) */
    DX_GROW(doc->caps, doc->caps.len + nt);
    DX_GROW(doc->gaz_starts, doc->gaz_starts.len + nt);
    DX_GROW(doc->date_words, doc->date_words.len + nt);
    DX_GROW(doc->date_todo, doc->date_todo.len + nt);
    DX_GROW(doc->boards, doc->boards.len + nt);
    uint32_t *caps = doc->caps.items + doc->caps.len, *gaz = doc->gaz_starts.items + doc->gaz_starts.len;
    uint32_t *dw = doc->date_words.items + doc->date_words.len, *todo = doc->date_todo.items + doc->date_todo.len;
    uint32_t *boards = doc->boards.items + doc->boards.len;
    /* (the last step's places past the tokens are on no list) */
    memset(marks + nt, 0, MARK_SLACK);
    for (size_t b = 0; b < nt; b += 64) {
        uint64_t mc = 0, mg = 0, md = 0, mt = 0, mb = 0, ml = 0, mi = 0;
#ifdef __SSE2__
        for (unsigned q = 0; q < 64; q += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(marks + b + q));
            mc |= MARK_BITS16(v, MK_CAPS) << q;
            mg |= MARK_BITS16(v, MK_GAZ) << q;
            ml |= MARK_BITS16(v, MK_CAPITAL) << q;
            mi |= MARK_BITS16(v, MK_GAZ_IN) << q;
            md |= MARK_BITS16(v, MK_DATE) << q;
            /* (a line's first token is on date_todo too) */
            mt |= (MARK_BITS16(v, MK_TODO) | MARK_BITS16(v, MK_NL)) << q;
            mb |= MARK_BITS16(v, MK_BOARD) << q;
        }
#else
        for (unsigned q = 0; q < 64; q++) {
            uint64_t m = marks[b + q];
            mc |= (m / MK_CAPS & 1) << q;
            mg |= (m / MK_GAZ & 1) << q;
            ml |= (m / MK_CAPITAL & 1) << q;
            mi |= (m / MK_GAZ_IN & 1) << q;
            md |= (m / MK_DATE & 1) << q;
            mt |= ((m / MK_TODO | m / MK_NL) & 1) << q;
            mb |= (m / MK_BOARD & 1) << q;
        }
#endif
        /* gaz_starts: a start that is no capital only before a later token
         * of some alias (MK_GAZ_IN): most are lowercase ("the", "a", "party"
         * before words no alias holds), and gazetteer_pass passed each at
         * once (a lowercase name has two tokens or more; so has one after
         * a quote). (The token after the step's last: marks[b + 64], at
         * most the slack's first, zero.) */
        uint64_t next_in = mi >> 1 | (uint64_t)(marks[b + 64] / MK_GAZ_IN & 1) << 63;
        caps = list_set_bits(caps, mc, (uint32_t)b);
        gaz = list_set_bits(gaz, mg & (ml | next_in), (uint32_t)b);
        dw = list_set_bits(dw, md, (uint32_t)b);
        todo = list_set_bits(todo, mt, (uint32_t)b);
        boards = list_set_bits(boards, mb, (uint32_t)b);
    }
    doc->caps.len = (size_t)(caps - doc->caps.items);
    doc->gaz_starts.len = (size_t)(gaz - doc->gaz_starts.items);
    doc->date_words.len = (size_t)(dw - doc->date_words.items);
    doc->date_todo.len = (size_t)(todo - doc->date_todo.items);
    doc->boards.len = (size_t)(boards - doc->boards.items);
}

/* The line open (dx_doc.lines' last) ends before token end: its count of
 * words in capitals or capitalised, from the walk's marks of its tokens,
 * 16 at once. (Counted here, once a line, not by the walk's quiet loop,
 * once a token.) */
static void close_line(dx_doc *doc, const uint8_t *marks, size_t end)
{
    size_t k = doc->lines.items[doc->lines.len - 2];
    uint64_t n = 0;
#ifdef __SSE2__
    /* (the tokens' MK_CAPITAL bits summed, 16 bytes at a time; the
     * marks are readable MARK_SLACK bytes past the last token, and those
     * past end are masked off: keep + 16 - r has r bytes of 0xFF first) */
    static const uint8_t keep[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                     0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const __m128i bit = _mm_set1_epi8(MK_CAPITAL), zero = _mm_setzero_si128();
    __m128i sum = zero;
    for (; k < end; k += 16) {
        __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)(marks + k)), bit);
        size_t r = end - k < 16 ? end - k : 16;
        v = _mm_and_si128(v, _mm_loadu_si128((const __m128i *)(keep + 16 - r)));
        sum = _mm_add_epi64(sum, _mm_sad_epu8(v, zero));
    }
    uint64_t half[2];
    _mm_storeu_si128((__m128i *)half, sum);
    n = (half[0] + half[1]) / MK_CAPITAL;
#else
    for (; k < end; k++) n += marks[k] / MK_CAPITAL & 1;
#endif
    doc->lines.items[doc->lines.len - 1] = (uint32_t)n;
}

/* Walks the tokens not walked yet; at_end: the document's last, which
 * closes the sentence open. A boundary is decided at the token after it
 * (what it reads is before it, or on its line: never in a paragraph not
 * tokenized yet). The same walk keeps each token's list marks for
 * build_lists. What a token is for the walk (its lists, a closer ...:
 * MK_*) the tokenizer left in its sent. */
static void walk_sentences(dx_doc *doc, sent_walk *w, int at_end)
{
    size_t nt = doc->toks.len, from = w->done;
    size_t sent_begin = w->sent_begin;
    /* (room for as many as the tokens have, grown as they grow: by
     * paragraph it would be copied again and again) */
    if (w->marks_cap < nt + MARK_SLACK) {
        w->marks_cap = doc->toks.cap + MARK_SLACK;
        w->marks = xrealloc(w->marks, w->marks_cap);
    }
    uint8_t *marks = w->marks;
    uint32_t ends = w->ends;
    /* token k's list marks, for build_lists (the low byte of its marks m
     * holds them) */
#define PUT_MARKS(k, m) (marks[k] = (uint8_t)(m))
    dx_token *tk = doc->toks.items; /* (the walk adds no token) */
    uint32_t cur = (uint32_t)doc->sents.len; /* the sentence open now */
    size_t k = from;
    for (;;) {
        /* A word or a comma decides nothing (most tokens): it is in the
         * sentence open now and is no closer, unless a capitalised word or
         * a number follows final punctuation (ends). The loop over them
         * keeps its few variables in registers (no call, no store but its
         * marks and the sentence's). */
        if (!ends) {
            for (; k < nt; k++) {
                dx_token *t = &tk[k];
                uint32_t m = t->sent; /* (its marks until set below) */
                if (m & (MK_NL | MK_SENT_PUNCT)) break;
                PUT_MARKS(k, m);
                t->sent = cur;
            }
        }
        if (k >= nt) break;
        dx_token *t = &tk[k];
        uint32_t fl = t->flags, m = t->sent; /* (its marks until set below) */
        PUT_MARKS(k, m);
        /* token k is in the sentence open now (unless it starts the next,
         * below) */
        t->sent = cur;
        k++;
        if (!((fl & (DX_TK_PARA | DX_TK_NL | ends)) | (m & MK_SENT_PUNCT))) {
            ends = 0;
            continue;
        }
        size_t kk = k - 1;
        int boundary_before = kk > 0 && (fl & DX_TK_PARA);
        if (fl & DX_TK_NL) {
            /* a line starts: the one before is complete */
            if (doc->lines.len) close_line(doc, marks, kk);
            DX_PUSH(doc->lines, (uint32_t)kk);
            DX_PUSH(doc->lines, 0);
            size_t lab = speaker_label(doc, kk);
            if (lab) {
                if (kk > 0) boundary_before = 1;
                dx_turn tu;
                tu.label_start = t->start;
                tu.label_end = tk[kk + lab - 1].end;
                tu.start = t->start;
                tu.end = t->start;
                tu.mention = -1;
                DX_PUSH(doc->turns, tu);
            }
        }
        /* Sentence-final punctuation earlier in this sentence decides a
         * boundary before this token. (A line break after a line with no
         * final punctuation, where the next line starts a capitalised
         * heading-like line, is left joined: wrapped prose is common.) */
        if (!boundary_before && ends && tk[kk - 1].end < t->start &&
            ((fl & (DX_TK_CAP | DX_TK_NUM | DX_TK_NL)) || (m & MK_OPENER)))
            boundary_before = 1;
        if (boundary_before && kk > sent_begin) {
            close_sentence(doc, sent_begin, kk);
            sent_begin = kk;
            cur = (uint32_t)doc->sents.len;
            t->sent = cur;
        }
        /* (the state of the token before, kept over a closer: a word, or
         * punctuation that is or is not final) */
        if (!(fl & DX_TK_PUNCT))
            ends = 0;
        else if (!(m & MK_CLOSER))
            ends = (m & MK_FINAL) || ((m & MK_PERIOD) && period_ends(doc, kk)) ? DX_TK_CAP | DX_TK_NUM : 0;
        else if (sent_begin == kk)
            ends = 0;
    }
    if (at_end && nt > sent_begin) close_sentence(doc, sent_begin, nt), sent_begin = nt;
    if (at_end && doc->lines.len) close_line(doc, marks, nt);
    w->done = nt;
    w->sent_begin = sent_begin;
    w->ends = ends;
#undef PUT_MARKS
}

void dx_segment(dx_doc *doc, const dx_lexicon *lex)
{
    hyphen_list hyphens = {0};
    sent_walk walk = {0, 0, 0, NULL, 0};
    tokenize(doc, lex, &hyphens, &walk);
    if (hyphens.len) join_hyphenated(doc, lex, &hyphens);
    DX_FREE(hyphens);
    walk_sentences(doc, &walk, 1);
    build_lists(doc, walk.marks);
    free(walk.marks);
    /* Second pass: paragraphs, and each sentence's turn (a turn lasts to
     * the end of its paragraph). */
    uint32_t p = 0;
    size_t ti = 0;
    int32_t active = -1;
    for (size_t si = 0; si < doc->sents.len; si++) {
        dx_sentence *se = &doc->sents.items[si];
        if (si > 0 && (doc->toks.items[se->tok_begin].flags & DX_TK_PARA)) p++;
        se->para = p;
        if (ti < doc->turns.len && doc->turns.items[ti].label_start == se->start) {
            active = (int32_t)ti++;
        } else if (active >= 0 && doc->sents.items[si - 1].para != p) {
            active = -1;
        }
        se->turn = active;
        if (active >= 0) doc->turns.items[active].end = se->end;
    }
}

size_t dx_phrase_tokens(const char *s, size_t n, uint32_t *starts, uint32_t *lens, size_t max)
{
    size_t i = 0, count = 0;
    while (i < n) {
        size_t start = i;
        uint32_t cp = dx_utf8_next(s, n, &i);
        if (dx_is_space_cp(cp)) continue;
        if (dx_is_letter_cp(cp)) {
            size_t part = start; /* the word part the apostrophe follows */
            for (;;) {
                while (i < n) {
                    size_t k = i;
                    if (!dx_is_letter_cp(dx_utf8_next(s, n, &k))) break;
                    i = k;
                }
                /* "Sokol'nikov" as the documents' tokens are joined */
                size_t q = i, r;
                uint32_t ap = q < n ? dx_utf8_next(s, n, &q) : 0;
                if (ap != '\'' && ap != 0x2019) break;
                r = q;
                while (r < n) {
                    size_t k = r;
                    if (!dx_is_letter_cp(dx_utf8_next(s, n, &k))) break;
                    r = k;
                }
                if (r == q || !dx_apostrophe_joins(s + part, i - part, s + q, r - q)) break;
                part = q;
                i = r;
            }
        }
        if (count == max) return max + 1;
        starts[count] = (uint32_t)start;
        lens[count] = (uint32_t)(i - start);
        count++;
    }
    return count;
}

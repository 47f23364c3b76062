/* recognize.c - PERSON/ORG/PLACE mentions: gazetteer aliases (longest
 * match over folded tokens), then unknown names by their shape. */
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/stages.h"

#define MAX_SPAN 24
#define GAZ_MEMO DX_CACHE_GAZ

/* A person mention named by one word that a gazetteer knows as a surname,
 * to be linked once the whole document is read (surname_pass). */
typedef struct {
    size_t ment, tok;
    uint64_t key; /* its key in lex->gaz_index */
} pending_surname;

/* What the passes over the capitals test first, per capital (st->caps), in
 * one dense array: the tokens are spread over megabytes in a long document
 * (a line of cache read for each capital, again in each pass), and most
 * passes keep few of the capitals (filled by ocr_repair, the first pass,
 * which may change a capital's classes; the segmenter's keys and flags hold). */
typedef struct {
    uint64_t lkey;
    uint32_t wclass;
    uint32_t flags;
} cap_info;

typedef struct {
    dx_doc *doc;
    const dx_lexicon *lex;
    cap_info *cinfo; /* per capital of caps */
    dx_gaz_marks *seen_full; /* per gazetteer entry: named in full somewhere in the document
                              * when marked with seen_gen (a flag, not a list: a list scanned
                              * per surname made long documents quadratic; the thread's table,
                              * not the document's: clearing one as long as the gazetteer for
                              * each short document cost more than the pass) */
    uint32_t seen_gen;
    dx_gaz_memo *gaz_one; /* choose's answer for a sequence key (gaz_index), memoised (names repeat) */
    dx_u64memo1 *gaz_seq; /* gaz_any of a sequence key of two tokens or more, memoised: a name
                           * of several words repeats too, and its lookups missed the cache */
    dx_ocr_memo *ocr;    /* ocr_repair's memo (the thread's) */
    DX_VEC(pending_surname) pending;
    uint8_t *mark;     /* per token: its line's LINE_* bits, MK_TAKEN, MK_UNLINKED (one
                        * array, written once by mark_lines: three arrays zeroed for
                        * every token, and the lines' bits written over one of them,
                        * wrote four bytes a token where a tenth of them matter) */
    int32_t *at;       /* per token: the mention covering it where MK_TAKEN (a token is
                        * in a mention exactly then), else unset: read it by at_of */
    DX_VEC(uint32_t) mtok; /* per mention: its first token */
    DX_VEC(uint32_t) mlast; /* per mention: its last token */
    DX_VEC(uint32_t) caps; /* the capitalised words, in order: most passes start only at one
                            * (a tenth of the tokens), so they walk these, not every token */
    DX_VEC(uint32_t) boards; /* the words of class DX_W_LOWBOARD, in order (few) */
    DX_VEC(uint32_t) gaz_starts; /* the tokens with DX_L_GAZ, in order (an alias may start at
                                  * one): the gazetteer pass walks these, not every token */
    /* The capitals where the context passes' patterns may start, in order
     * (note_starts): each pass walked every capital to test the words around
     * it, reading its token again, and few pass. What they test is the
     * words' spelling and case, which no pass changes. */
    DX_VEC(uint32_t) after_place_word; /* after a lowercase "of", "at", "near", "in", "from" */
    DX_VEC(uint32_t) before_sep;       /* a comma, "and" or "or" within the three tokens after */
    DX_VEC(uint32_t) the_x_and;        /* "the X and" */
    /* The capitals (their indexes in caps) of the few classes that three
     * passes start at, listed by note_classes in the first walk: each of
     * those passes walked every capital to find them (a tenth of them) */
    DX_VEC(uint32_t) given_caps;   /* given names as given_pass takes them */
    DX_VEC(uint32_t) upper_caps;   /* words in capitals of no class (acronym_pass) */
    DX_VEC(uint32_t) orghead_caps; /* organisation heads outside a line in capitals (org_context_pass) */
} rec_state;

#define SEEN_FULL(st, e) ((st)->seen_full->items[e].gen == (st)->seen_gen)
#define SEEN_FULL_SET(st, e) ((st)->seen_full->items[e].gen = (st)->seen_gen)

/* The first token of mention m; its last token (kept by add_mention and
 * where a mention grows: scanning the tokens up to its end, mention by
 * mention in several passes, read lines of tokens out of the cache again). */
#define M_FIRST(st, m) ((size_t)(st)->mtok.items[m])
static size_t m_last(const rec_state *st, size_t m) { return st->mlast.items[m]; }

/* A token's marks (st->mark): LINE_TITLE (most words of its line
 * capitalised: a headline), LINE_CAPS (all of them in capitals), LINE_PROSE
 * (running text); MK_TAKEN (inside a mention already), MK_UNLINKED (a
 * one-word name that must link to nobody: a relative, or a surname two
 * people carry). */
enum { LINE_TITLE = 1, LINE_CAPS = 2, LINE_PROSE = 4, MK_TAKEN = 8, MK_UNLINKED = 16 };
#define TAKEN(st, i) (((st)->mark[i] & MK_TAKEN) != 0)
#define UNLINKED(st, i) (((st)->mark[i] & MK_UNLINKED) != 0)

/* The mention covering token i, or -1 */
static inline int32_t at_of(const rec_state *st, size_t i) { return TAKEN(st, i) ? st->at[i] : -1; }

static const dx_token *tok(const dx_doc *d, size_t i) { return &d->toks.items[i]; }

/* The capitalised words are a tenth of the tokens, spread over all of them
 * (megabytes in a long document): a walk of them asks for the token some
 * capitals ahead, so that its line is on its way when the walk gets there. */
#define CAP_AHEAD 16
/* (a macro: GCC drops a call of a function that only prefetches, as one
 * with no effect, before inlining it; the lists it reads ahead in have
 * CAP_AHEAD entries of token 0 after their end, pad_list's, so that no
 * walk tests how far its end is for each entry) */
#define prefetch_cap(st, ci) __builtin_prefetch(&(st)->doc->toks.items[(st)->caps.items[(ci) + CAP_AHEAD]])

/* Sets the CAP_AHEAD entries after the end of a list of tokens to token 0
 * (prefetch_cap reads them) */
#define pad_list(v)                                                                                 \
    do {                                                                                            \
        DX_GROW(v, (v).len + CAP_AHEAD);                                                            \
        memset((v).items + (v).len, 0, CAP_AHEAD * sizeof(*(v).items));                             \
    } while (0)

/* Token i is the literal, compared through its lowercase-folded key. */
#define tok_eq(d, i, lit) tok_key_eq(d, i, dx_hash(lit, sizeof(lit) - 1))
static inline int tok_key_eq(const dx_doc *d, size_t i, uint64_t key)
{
    return i < d->toks.len && d->toks.items[i].lkey == key;
}

static uint32_t wclass(const rec_state *st, size_t i) { return tok(st->doc, i)->wclass; }
static inline int is_cap_word(const rec_state *st, size_t i)
{
    const dx_token *t = tok(st->doc, i);
    return (t->flags & DX_TK_WORD) && (t->flags & DX_TK_CAP) && !(t->flags & DX_TK_NUM) &&
           !TAKEN(st, i);
}

/* is_cap_word of the capital ci (token i) from its cap_info */
static inline int cap_word_ci(const rec_state *st, size_t ci, size_t i)
{
    uint32_t fl = st->cinfo[ci].flags;
    return (fl & DX_TK_WORD) && (fl & DX_TK_CAP) && !(fl & DX_TK_NUM) && !TAKEN(st, i);
}

static int lower_of_at(const dx_doc *d, size_t k)
{
    return tok_eq(d, k, "of") && !(tok(d, k)->flags & DX_TK_CAP);
}

static int adjacent(const dx_doc *d, size_t i) /* token i touches token i+1 */
{
    return i + 1 < d->toks.len && tok(d, i)->end == tok(d, i + 1)->start;
}

static void add_mention(rec_state *st, size_t ti, size_t tj, dx_ent_type type, int32_t gaz, dx_link link)
{
    dx_doc *d = st->doc;
    dx_mention m;
    memset(&m, 0, sizeof(m));
    m.start = tok(d, ti)->start;
    m.end = tok(d, tj - 1)->end;
    m.label_start = m.start;
    m.type = type;
    /* before resolve, ent carries the gazetteer entry, -1 for a new entity,
     * or -2 - (index of the mention it is linked to) */
    m.ent = gaz;
    m.from_gazetteer = gaz >= 0;
    m.link = (uint8_t)link;
    DX_PUSH(d->ments, m);
    DX_PUSH(st->mtok, (uint32_t)ti);
    DX_PUSH(st->mlast, (uint32_t)(tj - 1));
    for (size_t k = ti; k < tj; k++) {
        st->mark[k] |= MK_TAKEN;
        st->at[k] = (int32_t)d->ments.len - 1;
    }
}

/* Choose among gazetteer payloads for one alias: a full alias beats a
 * surname (which the caller decides on once the document is read).
 * Returns the payload (entry | flags), or -1 if nothing usable. */
static int64_t choose(const uint32_t *vals, size_t n, int *surname)
{
    for (size_t i = 0; i < n; i++)
        if (!(vals[i] & DX_GAZ_SURNAME)) {
            *surname = 0;
            return vals[i];
        }
    *surname = 1;
    return n ? (int64_t)vals[0] : -1;
}

static inline const dx_gaz_memo *gaz_choice(dx_gaz_memo *memo, const dx_lexicon *lex, uint64_t h)
{
    dx_gaz_memo *e = &memo[(h ^ (h >> 29)) & (GAZ_MEMO - 1)];
    if (e->key != h || !e->n1) {
        const uint32_t *vals;
        size_t n = dx_u64map_get(lex->gaz_index, h, &vals);
        int surname;
        e->key = h;
        e->choice = n ? (uint32_t)choose(vals, n, &surname) : 0;
        e->any_surname = 0;
        for (size_t v = 0; v < n; v++) e->any_surname |= (vals[v] & DX_GAZ_SURNAME) != 0;
        e->n1 = (uint32_t)n + 1; /* (fewer payloads than entries: < 2^30) */
    }
    return e;
}

/* ---------------------------------------------------------------- who a surname names */

/* A word ending and its length (the length from the literal, not counted
 * by hand). */
typedef struct {
    const char *s;
    size_t n;
} ending;
#define ENDING(lit) {lit, sizeof(lit) - 1}

/* A patronymic: "Ivanovich", "Petrovna", "Nikitich". */
static int patronymic(const dx_doc *d, size_t i)
{
    /* (with their lengths: a strlen per ending and word cost more than the test) */
    static const ending ends[] = {ENDING("ovich"), ENDING("evich"), ENDING("ovna"), ENDING("evna"),
                                  ENDING("ichna"), ENDING("itch"),  ENDING("ich")};
    const dx_token *t = tok(d, i);
    size_t len = t->end - t->start;
    if (len < 6) return 0; /* (the shortest ending and three letters before it) */
    const char *s = d->text + t->start;
    /* each ending ends in "h" or "a": most words are passed on their last letter */
    unsigned char last = (unsigned char)s[len - 1] | 0x20;
    if (last != 'h' && last != 'a') return 0;
    for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++)
        if (len >= ends[k].n + 3 && strncasecmp(s + len - ends[k].n, ends[k].s, ends[k].n) == 0) return 1;
    return 0;
}

/* An initial that may stand before a surname: "V." (its stop touching it),
 * an old abbreviation of a given name ("Wm.", "Chas."). */
static int initial_at(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    if (i + 1 >= d->toks.len || TAKEN(st, i) || !(tok(d, i)->flags & DX_TK_WORD) ||
        !(tok(d, i)->flags & (DX_TK_CAP | DX_TK_UPPER)) || (tok(d, i)->flags & DX_TK_NUM))
        return 0;
    return (tok(d, i)->end - tok(d, i)->start == 1 ||
            (wclass(st, i) & (DX_W_ABBREV | DX_W_GIVEN)) == (DX_W_ABBREV | DX_W_GIVEN)) &&
           tok_eq(d, i + 1, ".") && adjacent(d, i);
}

/* A given name or patronymic that may stand before a surname. */
static int given_at(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    const dx_token *t = tok(d, i);
    if (TAKEN(st, i) || !(t->flags & DX_TK_WORD) || !(t->flags & (DX_TK_CAP | DX_TK_UPPER)) ||
        (t->flags & DX_TK_NUM) || (wclass(st, i) & (DX_W_TITLE | DX_W_STOPCAP | DX_W_NATIONALITY)))
        return 0;
    return (wclass(st, i) & DX_W_GIVEN) || patronymic(d, i);
}

static int particle_at(const rec_state *st, size_t k);

/* The given names and initials written before the name at token i, in its
 * sentence ("Henry J. Kirov", "N.I. Bukharin", "Jean-Baptiste Kirov",
 * "Franklin D Roosevelt"): returns their first token, or i if none. */
static size_t name_prefix(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    uint32_t sent = tok(d, i)->sent;
    size_t k = i;
    while (k > 0) {
        if (tok(d, k)->flags & DX_TK_PARA) break;
        if (k >= 2 && tok_eq(d, k - 1, ".") && initial_at(st, k - 2) && tok(d, k - 2)->sent == sent) {
            k -= 2;
            continue;
        }
        size_t j = k - 1;
        if (tok(d, j)->sent != sent) break;
        if (given_at(st, j)) {
            k = j;
            continue;
        }
        /* "D" without its stop, between a given name and the surname */
        if (j > 0 && tok(d, j)->end - tok(d, j)->start == 1 && (tok(d, j)->flags & DX_TK_CAP) &&
            !TAKEN(st, j) && given_at(st, j - 1) && tok(d, j - 1)->sent == sent) {
            k = j;
            continue;
        }
        /* "Jean-Baptiste": a hyphen between two given names */
        if (k < i && j > 0 && tok_eq(d, j, "-") && adjacent(d, j - 1) && adjacent(d, j) && given_at(st, j - 1)) {
            k = j - 1;
            continue;
        }
        /* right before the surname: a middle name no list knows after a
         * given name ("Henry Lane Wilson"), or particles after a name word
         * ("Adolfo de la Huerta"): one longer name, a namesake's unless the
         * entry has those words (prefix_ok) */
        if (k == i && j > 0 && tok(d, j - 1)->sent == sent && is_cap_word(st, j) &&
            !(tok(d, j)->flags & DX_TK_UPPER) && !(tok(d, j)->lex & DX_L_DATE) &&
            !(wclass(st, j) & (DX_W_TITLE | DX_W_STOPCAP | DX_W_NATIONALITY | DX_W_GROUP | DX_W_ORGHEAD)) &&
            given_at(st, j - 1)) {
            k = j - 1;
            continue;
        }
        if (k == i && particle_at(st, j)) {
            size_t p = j;
            while (p > 0 && i - p < 3 && particle_at(st, p - 1)) p--;
            /* (a sentence's first word only when it is a given name: "Convinced de Gaulle") */
            if (p > 0 && tok(d, p - 1)->sent == sent && is_cap_word(st, p - 1) &&
                !(tok(d, p - 1)->flags & DX_TK_UPPER) &&
                (given_at(st, p - 1) || !(tok(d, p - 1)->flags & DX_TK_SENT)) &&
                !(wclass(st, p - 1) & (DX_W_TITLE | DX_W_STOPCAP | DX_W_NATIONALITY | DX_W_GROUP |
                                       DX_W_ORGHEAD | DX_W_PLACEHEAD | DX_W_PLACEPRE)) &&
                !(p >= 2 && (wclass(st, p - 2) & DX_W_PLACECUE))) {
                k = p - 1;
                continue;
            }
        }
        break;
    }
    return k;
}

/* May the words prefix..i-1 (given names, initials) name gazetteer entry e? */
static int prefix_ok(const rec_state *st, size_t prefix, size_t i, uint32_t e)
{
    const dx_doc *d = st->doc;
    for (size_t k = prefix; k < i; k++) {
        const dx_token *t = tok(d, k);
        if (!(t->flags & DX_TK_WORD) || particle_at(st, k)) continue;
        size_t len = t->end - t->start;
        if (len == 1 || (k + 1 < i && tok_eq(d, k + 1, ".") && (wclass(st, k) & DX_W_ABBREV))) {
            unsigned char c = (unsigned char)d->text[t->start];
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
            if (!dx_gaz_initial_ok(st->lex, e, c)) return 0;
            continue;
        }
        if (!dx_gaz_given_ok(st->lex, e, dx_given_key(d->text + t->start, len))) return 0;
    }
    return 1;
}

/* A woman's title right before token i: "Mrs. Kirov", "Madame Trotsky". */
static size_t female_title_before(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    uint32_t sent = tok(d, i)->sent;
    size_t k = i;
    if (k >= 2 && tok_eq(d, k - 1, ".") && adjacent(d, k - 2)) k--;
    if (k >= 1 && tok(d, k - 1)->sent == sent && (tok(d, k - 1)->flags & DX_TK_WORD) &&
        (wclass(st, k - 1) & (DX_W_TITLE | DX_W_FEMALE)) == (DX_W_TITLE | DX_W_FEMALE))
        return k - 1;
    return SIZE_MAX;
}

/* A kinship word right before token i ("his son Kirov", "her cousin,
 * Kirov"): the name is a relative's. Not when someone else is the
 * possessor ("Trotsky's son Sedov": Sedov is the son's own name). */
static int kin_before(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    uint32_t sent = tok(d, i)->sent;
    size_t k = i;
    if (k >= 1 && tok_eq(d, k - 1, ",")) k--;
    if (k < 1 || tok(d, k - 1)->sent != sent || !(wclass(st, k - 1) & DX_W_KIN) ||
        (tok(d, k - 1)->flags & DX_TK_CAP))
        return 0;
    /* "X's son Y" */
    if (k >= 4 && tok_eq(d, k - 2, "s") && tok_eq(d, k - 3, "'") && (tok(d, k - 4)->flags & DX_TK_CAP) &&
        tok(d, k - 4)->fkey != tok(d, i)->fkey)
        return 0;
    return 1;
}

/* Does the name word at token k (after the person's name i..k-1) continue
 * a longer name, so that i..k-1 is no person of the gazetteer: a given name
 * before its surname ("Franklin D Roosevelt", "George Washington Carver"),
 * or an organisation or place named after the person ("Kirov Tractor
 * Works", "Lenin Mausoleum")? Not when k starts another known name
 * ("Kirov Bukharin", a lost comma), nor in a headline, which capitalises
 * every word ("Stalin Meets Hitler"), nor before a capitalised noun of a
 * title ("The Kirov Assassination"). */
static int followed_by_name(const rec_state *st, size_t i, size_t k)
{
    const dx_doc *d = st->doc;
    if (k >= d->toks.len || (st->mark[k] & LINE_TITLE) || tok(d, k)->sent != tok(d, k - 1)->sent ||
        (tok(d, k)->flags & DX_TK_NL) || tok(d, k - 1)->end == tok(d, k)->start)
        return 0;
    const dx_token *t = tok(d, k);
    if (!(t->flags & DX_TK_WORD) || !(t->flags & DX_TK_CAP) || (t->flags & (DX_TK_NUM | DX_TK_UPPER)) ||
        (t->lex & DX_L_DATE) ||
        (t->wclass & (DX_W_STOPCAP | DX_W_TITLE | DX_W_NATIONALITY | DX_W_GROUP | DX_W_PERSONCUE | DX_W_NAMECONNECT)))
        return 0;
    /* an initial, or a given name's surname */
    if (t->end - t->start == 1) return 1;
    if ((wclass(st, i) & DX_W_GIVEN) && !(t->lex & DX_L_GAZ)) return 1;
    /* after a title, a word no list knows: "Judge Webster Thayer" is no
     * Webster of the gazetteer but a Thayer the lists do not know */
    if (i > 0 && (wclass(st, i - 1) & DX_W_TITLE) && tok(d, i - 1)->sent == t->sent && !(t->wclass) &&
        !(t->lex & (DX_L_GAZ | DX_L_GAZ_ONE | DX_L_TRIG | DX_L_CUE | DX_L_DATE)))
        return 1;
    /* a run of capitalised words ending in an organisation or place head */
    size_t j = k;
    while (j + 1 < d->toks.len && (tok(d, j + 1)->flags & DX_TK_CAP) && (tok(d, j + 1)->flags & DX_TK_WORD) &&
           tok(d, j + 1)->sent == t->sent && !(tok(d, j + 1)->flags & DX_TK_NL) &&
           !(wclass(st, j + 1) & DX_W_STOPCAP))
        j++;
    return (wclass(st, j) & (DX_W_ORGHEAD | DX_W_PLACEHEAD)) != 0;
}

/* The last token of the capitalised name that starts at token k ("Tractor
 * Works", "Chamber of Commerce", "Fire and Marine Insurance Company"): cap
 * words, with "of", "and", "&", "for", "the" and hyphens between them, in
 * one sentence and line; SIZE_MAX when token k starts none. */
static size_t cap_run_end(const rec_state *st, size_t k)
{
    const dx_doc *d = st->doc;
    size_t n = d->toks.len;
    if (k >= n || !is_cap_word(st, k)) return SIZE_MAX;
    size_t last = k, j = k + 1;
    while (j < n && tok(d, j)->sent == tok(d, k)->sent && !(tok(d, j)->flags & DX_TK_NL)) {
        if (is_cap_word(st, j)) {
            last = j++;
            continue;
        }
        int connector = tok_eq(d, j, "of") || tok_eq(d, j, "and") || tok_eq(d, j, "&") || tok_eq(d, j, "for") ||
                        tok_eq(d, j, "the") || (tok_eq(d, j, "-") && adjacent(d, j - 1) && adjacent(d, j));
        if (!connector || j + 1 >= n || (tok(d, j + 1)->flags & DX_TK_NL) || !is_cap_word(st, j + 1)) break;
        j++;
    }
    return last;
}

/* ---------------------------------------------------------------- OCR repair */

/* Does the one-word alias with this fkey name a place or an organisation
 * only (an OCR guess never makes a person: a wrong merge costs more than a
 * missed name)? */
static int ocr_not_person(const dx_lexicon *lex, uint64_t key)
{
    const uint32_t *vals;
    size_t nv = dx_u64map_get(lex->gaz_index, dx_seq_key_add(dx_seq_key_start(), key), &vals);
    for (size_t k = 0; k < nv; k++)
        if (lex->gaz.items[vals[k] & DX_GAZ_ENTRY].type == DX_ENT_PERSON) return 0;
    return nv > 0;
}

/* Are a and b (lowercase, as written) one letter dropped, added or
 * misread apart? */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > nb) return one_edit(b, nb, a, na);
    if (nb - na > 1) return 0;
    size_t i = 0;
    while (i < na && a[i] == b[i]) i++;
    if (na == nb) return i == na || memcmp(a + i + 1, b + i + 1, na - i - 1) == 0;
    return memcmp(a + i, b + i + 1, na - i) == 0;
}

/* Is the one-word alias with this fkey, as some entry writes it, within one
 * letter of the token low? (The name key folds doubled letters and
 * transliterations too: "Rousseau" reached "Roseau" by a dropped letter
 * and the fold of "ss".) */
static int ocr_one_edit(const dx_lexicon *lex, uint64_t key, const char *low, size_t len)
{
    const uint32_t *vals;
    size_t nv = dx_u64map_get(lex->gaz_index, dx_seq_key_add(dx_seq_key_start(), key), &vals);
    dx_buf f;
    dx_buf_init(&f);
    int ok = 0;
    for (size_t k = 0; k < nv && !ok; k++) {
        const dx_gaz_entry *g = &lex->gaz.items[vals[k] & DX_GAZ_ENTRY];
        for (int w = 0; w < 2 && !ok; w++) {
            const char *a = w ? g->aliases : g->label;
            while (*a && !ok) {
                size_t n = strcspn(a, "|");
                if (!memchr(a, ' ', n)) {
                    f.len = 0;
                    dx_fold_lower(a, n, &f);
                    ok = one_edit(f.data, f.len, low, len);
                }
                a += n + (a[n] == '|');
            }
        }
    }
    dx_buf_fini(&f);
    return ok;
}

static void ocr_try_key(uint64_t key, uint64_t *keys, size_t *nk)
{
    for (size_t k = 0; k < *nk; k++)
        if (keys[k] == key) return;
    if (*nk < 4) keys[(*nk)++] = key;
}

/* Adds the key of the ASCII word w (lowercase, n bytes) to keys when a
 * gazetteer alias starts with it or holds it (bits). */
static void ocr_try(const dx_lexicon *lex, const char *w, size_t n, uint32_t bits, uint64_t *keys, size_t *nk)
{
    dx_buf sc;
    dx_buf_init(&sc);
    uint64_t key = dx_name_key_lower(w, n, &sc);
    dx_buf_fini(&sc);
    if (!(dx_lex_bits(lex, key) & bits)) return;
    for (size_t k = 0; k < *nk; k++)
        if (keys[k] == key) return;
    if (*nk < 4) keys[(*nk)++] = key;
}

/* Does a title, a given name or an initial come just before token i ("Mr.
 * Keller", "Helen Keller", "J. Keller")? Then it is a person's name, and a
 * guess at a place or an organisation would be wrong. */
static int after_person_word(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    if (i < 1) return 0;
    size_t p = i - 1;
    if (tok_eq(d, p, ".") && p >= 1) {
        p--;
        if (tok(d, p)->end - tok(d, p)->start == 1 && (tok(d, p)->flags & DX_TK_CAP)) return 1; /* an initial */
    }
    return (tok(d, p)->flags & DX_TK_CAP) && (wclass(st, p) & (DX_W_TITLE | DX_W_GIVEN));
}

/* Adds x to one of the first walk's lists of capitals, which have room for
 * one entry a capital (dx_recognize_names makes it): no test, and no call
 * in the walk, after which it read its state again */
#define LIST_ADD(v, x) ((v).items[(v).len++] = (x))

/* The words place_context_pass and org_context_pass test around a capital */
typedef struct {
    uint64_t of, at, in, near, from, the, and, or, comma;
    /* a bit for each word's key mod 64, of the place words (of, at, in,
     * near, from) and the separators (",", and, or): most words around a
     * capital are none of them, and one test of a bit says so where up to
     * five comparisons did */
    uint64_t place_bits, sep_bits;
} ctx_keys;

#define KEY_BIT(key) (1ULL << ((key) & 63))

static ctx_keys make_ctx_keys(void)
{
    ctx_keys kw = {dx_hash("of", 2),   dx_hash("at", 2),  dx_hash("in", 2), dx_hash("near", 4), dx_hash("from", 4),
                   dx_hash("the", 3), dx_hash("and", 3), dx_hash("or", 2), dx_hash(",", 1), 0, 0};
    kw.place_bits = KEY_BIT(kw.of) | KEY_BIT(kw.at) | KEY_BIT(kw.in) | KEY_BIT(kw.near) | KEY_BIT(kw.from);
    kw.sep_bits = KEY_BIT(kw.comma) | KEY_BIT(kw.and) | KEY_BIT(kw.or);
    return kw;
}

/* Lists the capital at token i among the starts of the context passes'
 * patterns that it may be (see rec_state): by the words around it, read
 * here while its token is in the cache. */
static inline void note_starts(rec_state *st, const ctx_keys *kw, const dx_token *tk, size_t n, size_t i)
{
    if (i >= 1 && !(tk[i - 1].flags & DX_TK_CAP)) {
        uint64_t before = tk[i - 1].lkey;
        if ((kw->place_bits & KEY_BIT(before)) &&
            (before == kw->of || before == kw->at || before == kw->near || before == kw->in || before == kw->from))
            LIST_ADD(st->after_place_word, (uint32_t)i);
    }
    /* the three tokens after it: none may be a separator (most capitals),
     * said by their bits at once; then "the X and" needs none either (its
     * "and" is one) */
    size_t rend = i + 4 < n ? i + 4 : n;
    if (rend == i + 4 &&
        !(kw->sep_bits & (KEY_BIT(tk[i + 1].lkey) | KEY_BIT(tk[i + 2].lkey) | KEY_BIT(tk[i + 3].lkey))))
        return;
    for (size_t r = i + 1; r < rend; r++) {
        uint64_t x = tk[r].lkey;
        if (x == kw->comma || ((x == kw->and || x == kw->or) && !(tk[r].flags & DX_TK_CAP))) {
            LIST_ADD(st->before_sep, (uint32_t)i);
            break;
        }
    }
    if (i >= 1 && i + 2 < n && tk[i - 1].lkey == kw->the && tk[i + 1].lkey == kw->and && !(tk[i + 1].flags & DX_TK_CAP))
        LIST_ADD(st->the_x_and, (uint32_t)i);
}

/* Lists the capital ci (token i, of these classes and flags) on the lists
 * of the passes that start at few capitals (see rec_state). What they test
 * is the word's classes and flags, and its line's marks, which no pass
 * changes after ocr_repair; whether it is taken they test themselves. */
static void note_classes(rec_state *st, size_t ci, size_t i, uint32_t wc, uint32_t fl)
{
    if ((fl & (DX_TK_WORD | DX_TK_CAP | DX_TK_UPPER)) == (DX_TK_WORD | DX_TK_CAP) && (wc & DX_W_GIVEN) &&
        !(wc & (DX_W_STOPCAP | DX_W_TITLE | DX_W_ABBREV)) && !(st->mark[i] & LINE_TITLE))
        LIST_ADD(st->given_caps, (uint32_t)ci);
    if ((fl & DX_TK_UPPER) && !(fl & DX_TK_NUM) && !wc) LIST_ADD(st->upper_caps, (uint32_t)ci);
    if (i >= 1 && (wc & DX_W_ORGHEAD) && (fl & (DX_TK_WORD | DX_TK_CAP | DX_TK_NUM)) == (DX_TK_WORD | DX_TK_CAP) &&
        !(st->mark[i] & LINE_CAPS))
        LIST_ADD(st->orghead_caps, (uint32_t)ci);
}

/* What ocr_repair found for one ASCII word, kept by the thread from one
 * document to the next (unknown names repeat, each guess asks the lexicon
 * for a dozen spellings, and the answer is the lexicon's alone), by its
 * lkey (of an ASCII word, its lowercase spelling: the memo held that
 * spelling, compared for each capital, before): its shape (OCR_LONG_S: an
 * 'f', a long s misread; OCR_PAIR: "rn", "li" or "vv"), the alias key the
 * confusions of old print reach (conf: 0 none, 1 one, 2 several, 3 not
 * asked yet), and that of a letter dropped, added or misread (fuzzy: 0 not
 * asked yet, 1 none, 2 one that passes). */
#define OCR_MEMO DX_CACHE_OCR
typedef dx_ocr_memo ocr_memo;
enum { OCR_LONG_S = 1, OCR_PAIR = 2, OCR_CONF_UNASKED = 3 };

/* The memo's entry for the word with this lkey, a new one (its shape and
 * answers unset) when it holds none. Two ways a set (pairs of slots, the
 * last found first): the thread reads hundreds of distinct words a
 * document, and one slot per hash (of 128) made them evict each other (on
 * the 100 MB bench, 17 of 77 thousand looked up asked the lexicon again,
 * each a dozen keys; now 910). */
static ocr_memo *ocr_memo_find(ocr_memo *memo, uint64_t lkey, int *found)
{
    ocr_memo *set = &memo[(lkey ^ (lkey >> 29)) & (OCR_MEMO - 2)];
    *found = 1;
    if (set[0].used && set[0].lkey == lkey) return &set[0];
    ocr_memo older = set[0];
    if (set[1].used && set[1].lkey == lkey) {
        set[0] = set[1];
        set[1] = older;
        return &set[0];
    }
    *found = 0;
    set[1] = older; /* (the least recently found goes) */
    set[0] = (ocr_memo){.lkey = lkey, .used = 1, .conf = OCR_CONF_UNASKED};
    return &set[0];
}

/* The ASCII word w (len letters) in lowercase, in low; its shape (OCR_*) */
static unsigned ocr_lower(const char *w, size_t len, char *low)
{
    for (size_t q = 0; q < len; q++) {
        unsigned char c = (unsigned char)w[q];
        low[q] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    int long_s = 0, pair = 0;
    for (size_t q = 0; q + 1 < len; q++) {
        long_s |= low[q] == 'f';
        pair |= (low[q] == 'r' && low[q + 1] == 'n') || (low[q] == 'l' && low[q + 1] == 'i') ||
                (low[q] == 'v' && low[q + 1] == 'v');
    }
    return (long_s ? OCR_LONG_S : 0) | (pair ? OCR_PAIR : 0);
}

/* The confusions of old print (long_s: an 'f' may be a long s; pair: "rn",
 * "li" or "vv" may be "m", "h", "w") of the word low: the keys of the
 * aliases they reach (up to 4), their number in *nk. */
static void ocr_confusions(const dx_lexicon *lex, const char *low, size_t len, int long_s, int pair, uint64_t *keys,
                           size_t *nk)
{
    const uint32_t any = DX_L_GAZ | DX_L_GAZ_IN | DX_L_GAZ_ONE;
    static const char *const pairs[][2] = {{"rn", "m"}, {"li", "h"}, {"vv", "w"}};
    char v[48];
    for (int with_s = 0; with_s <= long_s && (long_s || pair); with_s++) {
        for (int pr = -1; pr < 3; pr++) {
            if ((pr < 0 && !with_s) || (pr >= 0 && !pair)) continue;
            size_t vn = 0;
            int hit = pr < 0;
            for (size_t q = 0; q < len;) {
                if (pr >= 0 && q + 1 < len && low[q] == pairs[pr][0][0] && low[q + 1] == pairs[pr][0][1]) {
                    v[vn++] = pairs[pr][1][0];
                    q += 2;
                    hit = 1;
                    continue;
                }
                v[vn++] = (char)(with_s && low[q] == 'f' && q + 1 < len ? 's' : low[q]);
                q++;
            }
            if (hit) ocr_try(lex, v, vn, any, keys, nk);
        }
    }
}

/* A letter dropped, added or misread in the word low (six letters or
 * more): is exactly one alias so reached, of a place or an organisation
 * only, and written within one letter of low? Then its key is set in *key.
 * The lexicon's small filters (dx_ocr_one_may, dx_ocr_drop_may) answer
 * most of the spellings tried, which are no key of its maps: those looked
 * up in ocr_index by their shape, one test for low and one for all of its
 * spellings with a letter dropped (the first and the last two kept). */
static int ocr_fuzzy(const dx_lexicon *lex, const char *low, size_t len, uint64_t *key)
{
    uint64_t keys[4];
    size_t nk = 0;
    char v[48];
    const uint32_t *vals;
    size_t nv;
    const unsigned char *u = (const unsigned char *)low;
    int drop_may = len >= 7 && dx_ocr_drop_may(lex, dx_ocr_shape(len - 1, u[0], u[len - 2], u[len - 1]));
    dx_buf sc; /* (dx_name_key_lower's, for words longer than these) */
    dx_buf_init(&sc);
    if (dx_ocr_drop_may(lex, dx_ocr_shape(len, u[0], u[len - 2], u[len - 1])) &&
        (nv = dx_u64map_get(lex->ocr_index, dx_hash(low, len), &vals)) > 0)
        for (size_t k = 0; k < nv; k++) ocr_try_key(lex->ocr_keys.items[vals[k]], keys, &nk);
    for (size_t p = 1; p + 2 < len; p++) {
        memcpy(v, low, p);
        memcpy(v + p, low + p + 1, len - p - 1);
        /* a one-word alias with a letter added (as ocr_try) */
        uint64_t fk = dx_name_key_lower(v, len - 1, &sc);
        if (dx_ocr_one_may(lex, fk) && (dx_lex_bits(lex, fk) & DX_L_GAZ_ONE)) ocr_try_key(fk, keys, &nk);
        if (drop_may && (nv = dx_u64map_get(lex->ocr_index, dx_hash(v, len - 1), &vals)) > 0)
            for (size_t k = 0; k < nv; k++) ocr_try_key(lex->ocr_keys.items[vals[k]], keys, &nk);
    }
    dx_buf_fini(&sc);
    if (nk != 1 || !ocr_not_person(lex, keys[0]) || !ocr_one_edit(lex, keys[0], low, len)) return 0;
    *key = keys[0];
    return 1;
}

/* A capitalised word of old print that no gazetteer knows, read as the one
 * alias it is within an OCR confusion of: a long s read as f ("Paffage",
 * "Houfe of Reprefentatives"), "rn" for "m", "li" for "h", "vv" for "w"; or
 * one letter dropped, added or misread in a name of six letters or more
 * ("Biistol") of a place or an organisation, never the first letter nor
 * the last two. Only when exactly one alias is so reached:
 * then the token is keyed as that alias and the gazetteer pass finds it. */
static void ocr_repair(rec_state *st)
{
    dx_doc *d = st->doc;
    const dx_lexicon *lex = st->lex;
    const uint32_t any = DX_L_GAZ | DX_L_GAZ_IN | DX_L_GAZ_ONE;
    ocr_memo *memo = st->ocr; /* by the token's lkey: a word has one set of two (ocr_memo_find) */
    DX_VEC(uint32_t) now_gaz = {0}; /* the tokens an alias may now start at (repaired ones, a start before one), in order */
    const ctx_keys kw = make_ctx_keys();
    dx_token *toks = d->toks.items;
    size_t n = d->toks.len, ncaps = st->caps.len;
    const uint32_t *caps = st->caps.items;
    cap_info *cinfo = st->cinfo;
    for (size_t ci = 0; ci < ncaps; ci++) {
        __builtin_prefetch(&toks[caps[ci + CAP_AHEAD]]); /* (prefetch_cap's) */
        size_t i = caps[ci];
        dx_token *t = &toks[i];
        size_t len = t->end - t->start;
        cinfo[ci] = (cap_info){t->lkey, t->wclass, t->flags};
        /* (the first walk of the capitals: it lists them for the later passes too) */
        note_starts(st, &kw, toks, n, i);
        if ((t->wclass & (DX_W_GIVEN | DX_W_ORGHEAD)) || (t->flags & DX_TK_UPPER))
            note_classes(st, ci, i, t->wclass, t->flags);
        if (!(t->flags & DX_TK_CAP) || (t->flags & (DX_TK_UPPER | DX_TK_NUM)) || (t->lex & any) || t->wclass ||
            len < 4 || len > 40)
            continue;
        const char *w = d->text + t->start;
        size_t q = 0;
        while (q < len && ((w[q] >= 'a' && w[q] <= 'z') || (w[q] >= 'A' && w[q] <= 'Z'))) q++;
        if (q < len) continue; /* (ASCII letters only) */
        /* (its lowercase spelling is made for a word the memo does not
         * hold, and again only when the lexicon is asked) */
        char low[48];
        int found, have_low = 0;
        ocr_memo *e = ocr_memo_find(memo, t->lkey, &found);
        if (!found) {
            e->shape = (uint8_t)ocr_lower(w, len, low);
            have_low = 1;
        }
        if (!e->shape && (len < 6 || (t->flags & DX_TK_SENT) || (st->mark[i] & LINE_TITLE))) continue;
        if (e->conf == OCR_CONF_UNASKED) {
            if (!have_low) have_low = (ocr_lower(w, len, low), 1);
            uint64_t keys[4];
            size_t nk = 0;
            ocr_confusions(lex, low, len, (e->shape & OCR_LONG_S) != 0, (e->shape & OCR_PAIR) != 0, keys, &nk);
            e->conf = (uint8_t)(nk < 2 ? nk : 2);
            e->conf_key = nk ? keys[0] : 0;
        }
        uint64_t key;
        if (e->conf == 1) {
            key = e->conf_key;
        } else if (e->conf == 0 && len >= 6 && !(t->flags & DX_TK_SENT) && !(st->mark[i] & LINE_TITLE) &&
                   !after_person_word(st, i)) {
            /* a letter dropped, added or misread, in a long name of a place
             * or an organisation, where the capital says it is a name */
            if (!e->fuzzy) {
                if (!have_low) ocr_lower(w, len, low);
                e->fuzzy = ocr_fuzzy(lex, low, len, &e->fuzzy_key) ? 2 : 1;
            }
            if (e->fuzzy != 2) continue;
            key = e->fuzzy_key;
        } else {
            continue;
        }
        t->fkey = key;
        t->lex = dx_token_lex(lex, t->lkey, t->fkey);
        t->wclass = t->lex & DX_L_WCLASS;
        st->cinfo[ci].wclass = t->wclass;
        note_classes(st, ci, i, t->wclass, t->flags); /* (it had no class, so is on no list yet) */
        /* the segmenter listed a start that is no capital only before a
         * later token of an alias (segment.c's build_lists): one before
         * this token, which was none, is listed now that it is one */
        if ((t->lex & DX_L_GAZ_IN) && i > 0) {
            const dx_token *p = t - 1;
            if ((p->lex & DX_L_GAZ) && !((p->flags & DX_TK_WORD) && (p->flags & (DX_TK_CAP | DX_TK_UPPER))))
                DX_PUSH(now_gaz, (uint32_t)(i - 1));
        }
        if (t->lex & DX_L_GAZ) DX_PUSH(now_gaz, (uint32_t)i); /* (it had none: see above) */
    }
    if (now_gaz.len) {
        /* into st->gaz_starts, both in order (merged from the back, in place):
         * the starts after each repaired token move up as a block (one repair
         * near the top of a long document moved a third of its tokens' worth
         * one by one) */
        size_t a = st->gaz_starts.len, b = now_gaz.len;
        DX_GROW(st->gaz_starts, a + b);
        uint32_t *g = st->gaz_starts.items;
        while (b) {
            uint32_t x = now_gaz.items[b - 1];
            size_t lo = 0, hi = a; /* the first of g[0..a) after x */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (g[mid] > x) hi = mid;
                else lo = mid + 1;
            }
            memmove(g + lo + b, g + lo, (a - lo) * sizeof(*g));
            g[lo + b - 1] = x;
            a = lo;
            b--;
        }
        st->gaz_starts.len += now_gaz.len;
    }
    DX_FREE(now_gaz);
}

/* Sets the n marks at m to f, eight at a time: a line's marks are a dozen
 * bytes, and a call of memset for each line cost more than the stores. It
 * may write up to 7 bytes past them: the next line's marks, written after
 * (mark_lines fills the lines in order), or the slack at the end of st->mark. */
#define MARK_SLACK 8
static inline void fill_marks(uint8_t *m, uint8_t f, size_t n)
{
    uint64_t v = f * 0x0101010101010101ULL;
    for (size_t q = 0; q < n; q += 8) memcpy(m + q, &v, 8);
}

/* Headlines: lines whose words are mostly capitalised (LINE_TITLE) or all
 * in capitals (LINE_CAPS), where a capital says nothing about a name. */
static void mark_lines(rec_state *st)
{
    const dx_doc *d = st->doc;
    const dx_token *tk = d->toks.items;
    size_t n = d->toks.len;
    /* the lines as the segmenter listed them: where each starts, and how
     * many words it has in capitals or capitalised (capitals) */
    const uint32_t *lines = d->lines.items;
    size_t nlines = d->lines.len / 2;
    /* (every token's marks are written here, none set yet: the tokens
     * before the first line, any, and the end's) */
    size_t first = nlines ? lines[0] : n;
    memset(st->mark, 0, first);
    for (size_t li = 0; li < nlines; li++) {
        size_t a = lines[2 * li], capitals = lines[2 * li + 1];
        size_t b = li + 1 < nlines ? lines[2 * li + 2] : n;
        /* then its words, counted until the rest of the line cannot change
         * what it is: once a lowercase word of three letters or more is
         * counted (it is neither all capitals nor a line of capitalised
         * words), and the capitals left could not make three quarters of
         * the ordinary words (each adds one to ocaps * 4 - ordinary * 3 at
         * most, any other word nothing or less), it is running text.
         * Ordinary words: not names, initials or titles, whose capital would
         * say they are. */
        size_t words = 0, caps = 0, upper = 0, ordinary = 0, ocaps = 0, lowers = 0, capitals_seen = 0;
        int prose = 0;
        for (size_t q = a; q < b; q++) {
            const dx_token *t = &tk[q];
            uint32_t fl = t->flags;
            if ((fl & (DX_TK_WORD | DX_TK_CAP | DX_TK_UPPER | DX_TK_NUM)) == DX_TK_WORD) {
                /* a lowercase word (most): the same counts as below, without
                 * the capitals' branches */
                size_t len = t->end - t->start;
                if (len < 2) continue;
                words++;
                lowers += len >= 3;
                if (!(t->lex & DX_L_GAZ_ONE) && !(t->wclass & (DX_W_GIVEN | DX_W_TITLE | DX_W_ABBREV))) {
                    ordinary++;
                    if (len >= 3 && ordinary * 3 > ocaps * 4 + (capitals - capitals_seen)) {
                        prose = 1;
                        break;
                    }
                }
                continue;
            }
            if (!(fl & DX_TK_WORD) || (fl & DX_TK_NUM)) continue;
            /* (a word in capitals or capitalised, those the lowercase
             * branch above leaves) */
            capitals_seen++;
            size_t len = t->end - t->start;
            int capital = (fl & (DX_TK_CAP | DX_TK_UPPER)) != 0;
            if (len < 2 && !(fl & DX_TK_CAP)) continue;
            words++;
            if (!capital) {
                if (len >= 3) lowers++;
            } else {
                caps++;
                if ((fl & DX_TK_UPPER) || ((fl & DX_TK_CAP) && len == 1)) upper++;
            }
            if (len > 1 && !(t->lex & DX_L_GAZ_ONE) && !(t->wclass & (DX_W_GIVEN | DX_W_TITLE | DX_W_ABBREV))) {
                ordinary++;
                if (capital) ocaps++;
            }
        }
        uint8_t f = 0;
        if (prose) {
            f = LINE_PROSE;
        } else {
            /* (a headline starts a sentence: a line that goes on one wraps prose) */
            if (words >= 3 && ((ordinary >= 2 && ocaps * 4 >= ordinary * 3) || (ordinary && caps == words)) &&
                (tok(d, a)->flags & (DX_TK_SENT | DX_TK_PARA)))
                f |= LINE_TITLE;
            if (words >= 2 && upper == words) f |= LINE_CAPS | LINE_TITLE;
            if (lowers && !(f & LINE_TITLE)) f |= LINE_PROSE; /* a line of running text */
        }
        fill_marks(st->mark + a, f, b - a);
    }
    st->mark[n] = 0; /* (after the lines: fill_marks may write past the last) */
}

/* "the ship John and Edward", "the schooner Two Friends", "the steamer
 * Ontario": token i starts a vessel's name. */
static inline int vessel_before(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    return i > 0 && (wclass(st, i - 1) & DX_W_VESSEL) && !(tok(d, i - 1)->flags & DX_TK_CAP) &&
           tok(d, i - 1)->sent == tok(d, i)->sent;
}

/* An organisation's name first..end-1 that names a building, after "in
 * (the)" or "at (the)": "in the Tabor City Baptist Church", "at the
 * Piccadilly Club" say where, a place. */
static int in_building(const rec_state *st, size_t first, size_t end)
{
    const dx_doc *d = st->doc;
    if (first < 1 || !(wclass(st, end - 1) & DX_W_BUILDING)) return 0;
    size_t p = first - 1;
    if (p >= 1 && tok_eq(d, p, "the")) p--;
    return tok_eq(d, p, "in") || tok_eq(d, p, "at");
}

/* Is token i the capitalised word after "Word-" (one hyphenated word)? */
static int hyphen_part(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    return i > 1 && tok_eq(d, i - 1, "-") && tok(d, i - 1)->end - tok(d, i - 1)->start == 1 && adjacent(d, i - 1) &&
           adjacent(d, i - 2) && (tok(d, i)->flags & DX_TK_CAP) && (tok(d, i - 2)->flags & DX_TK_WORD) &&
           (tok(d, i - 2)->flags & DX_TK_CAP);
}

/* "Salvador Allende", "Georgia O'Keeffe", "Florence Nightingale": a one-word
 * place that is also a given name, before a capitalised word that no list
 * knows (a surname), names a person, whom the shape pass then finds. Not
 * after "in", "from", "near" ("in Georgia Stalin was born"), not before a
 * head ("Florence Cathedral") or the start of a known place or
 * organisation, not in a headline; "Salvador" alone stays a place. */
static int given_place_person(const rec_state *st, size_t i, size_t after)
{
    const dx_doc *d = st->doc;
    const dx_token *t = tok(d, i);
    if (!(t->wclass & DX_W_GIVEN) || (t->wclass & (DX_W_STOPCAP | DX_W_TITLE | DX_W_NATIONALITY | DX_W_GROUP)) ||
        (t->flags & DX_TK_UPPER) || after >= d->toks.len || adjacent(d, i) || (st->mark[i] & (LINE_TITLE | LINE_CAPS)))
        return 0;
    const dx_token *s = tok(d, after);
    if (s->sent != t->sent || (s->flags & (DX_TK_NL | DX_TK_UPPER)) || !is_cap_word(st, after) ||
        s->end - s->start < 2 || s->wclass || (s->lex & DX_L_DATE))
        return 0;
    /* a known name after it: only a person's ("Florence Kirov", a namesake) */
    if ((s->lex & DX_L_GAZ) && !((s->lex & DX_L_GAZ_ONE) && !ocr_not_person(st->lex, s->fkey))) return 0;
    return !(i > 0 && (wclass(st, i - 1) & DX_W_PLACECUE) && tok(d, i - 1)->sent == t->sent);
}

static void gazetteer_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    const dx_lexicon *lex = st->lex;
    size_t n = d->toks.len;
    size_t maxk = lex->gaz_maxtoks < MAX_SPAN ? lex->gaz_maxtoks : MAX_SPAN;
    size_t skip_to = 0; /* tokens before it belong to a longer name */
    const uint64_t k_hyphen = dx_hash("-", 1), k_apos = dx_hash("'", 1);
    const dx_token *first = d->toks.items;
    pad_list(st->gaz_starts); /* (after ocr_repair's additions) */
    const uint32_t *gs = st->gaz_starts.items, *gs_end = gs + st->gaz_starts.len;
    for (size_t i = 0; i < n; i++) {
        /* the tokens no alias starts with (most) are passed by the list of
         * those one may (mark_lines) */
        size_t from = i > skip_to ? i : skip_to; /* (before skip_to: in a longer name) */
        while (gs < gs_end && *gs < from) gs++;
        if (gs == gs_end) break;
        i = *gs++;
        __builtin_prefetch(first + gs[CAP_AHEAD]); /* (pad_list'ed) */
        const dx_token *t = first + i;
        /* aliases start with a word, or with a quote ("'Left' Socialist-Revolutionaries") */
        if (TAKEN(st, i) || (!(t->flags & DX_TK_WORD) && !tok_eq(d, i, "'") && !tok_eq(d, i, "\"")))
            continue;
        /* (nothing to look up when this token is no one-word alias, or one
         * in lowercase, which the case rule below drops, and the next token
         * is in no alias) */
        int cap = (t->flags & (DX_TK_CAP | DX_TK_UPPER)) != 0;
        if (!((t->lex & DX_L_GAZ_ONE) && cap)) {
            const dx_token *nx = tok(d, i + 1);
            if (maxk < 2 || i + 1 >= n || ((nx->flags & DX_TK_NL) && (nx->flags & DX_TK_PARA)) || nx->sent != t->sent ||
                !(nx->lex & DX_L_GAZ_IN))
                continue;
            /* ... or no alias starts with these two tokens ("the trial"); in
             * lowercase, no organisation's ("the army": a lowercase start
             * names nothing else, and most starts are lowercase) */
            uint64_t h2 = dx_seq_key_add(dx_seq_key_add(dx_seq_key_start(), t->fkey), nx->fkey);
            if (!(cap ? dx_gaz_pair_may(lex, h2) : dx_gaz_lower_may(lex, h2))) continue;
        }
        /* (the two rules below are about a hyphen or an apostrophe right
         * before it: most tokens have none) */
        if (i > 1 && (tok(d, i - 1)->lkey == k_hyphen || tok(d, i - 1)->lkey == k_apos)) {
            /* A match never starts in the middle of a hyphenated word, unless
             * the part is a capitalised name of its own ("Zinoviev-Kamenev"). */
            if (adjacent(d, i - 1) && (tok_eq(d, i - 1, "-") || tok_eq(d, i - 1, "'")) && adjacent(d, i - 2) &&
                !((t->flags & DX_TK_CAP) && tok_eq(d, i - 1, "-")))
                continue;
            /* ... and only when the part before it is a name of its own too:
             * "Croix-Rousse" (Lyon) is not Rousse, "Marchetti-Rousseau" one
             * surname; "Zinoviev-Kamenev", "Berlin-Baghdad" are two names */
            if (hyphen_part(st, i) && !(tok(d, i - 2)->lex & DX_L_GAZ_ONE) &&
                !(wclass(st, i - 2) & (DX_W_TITLE | DX_W_ABBREV | DX_W_NATIONALITY)))
                continue;
        }
        uint64_t h = dx_seq_key_start();
        size_t best_len = 0, best_nv = 0;
        int64_t best = -1;
        const uint32_t *best_vals = NULL; /* its payloads: best_first alone, or (several) from the
                                           * map, looked up when wanted (best_vals_get) */
        uint32_t best_first = 0;
        int best_surname = 0, best_any_surname = 0;
        uint64_t best_key = 0;
        for (size_t k = 0; k < maxk && i + k < n; k++) {
            const dx_token *tk = tok(d, i + k);
            if (k > 0 && (tk->flags & DX_TK_NL) && (tk->flags & DX_TK_PARA)) break;
            if (tk->sent != t->sent) break;
            if (k > 0 && !(tk->lex & DX_L_GAZ_IN)) break; /* in no alias after its start */
            h = dx_seq_key_add(h, tk->fkey);
            uint32_t pay1; /* gaz_any's payload (the memo's) */
            if (k == 0) {
                /* the token's bits tell (DX_L_GAZ: an alias starts with it) */
                if (!(tk->lex & DX_L_GAZ_ONE)) continue; /* only a longer one */
                /* a lowercase word is never a name alone (the case rule below) */
                if (!(t->flags & (DX_TK_CAP | DX_TK_UPPER))) continue;
            } else {
                if (k == 1 && !dx_gaz_pair_may(lex, h)) break; /* (most pairs: from a small table) */
                if (!dx_u64memo1_get(st->gaz_seq, GAZ_MEMO, lex->gaz_any, h, &pay1)) break; /* no longer alias starts so */
                if (!(pay1 & DX_GAZ_IS_ALIAS)) continue;       /* only a longer one */
            }
            const dx_gaz_memo *gm = gaz_choice(st->gaz_one, lex, h);
            size_t nv = gm->n1 - 1u;
            if (!nv) continue;
            uint32_t c = gm->choice;
            /* the match must end at a word boundary: not before "-x" or "'s"-less letters */
            size_t e = i + k + 1;
            if (e < n && adjacent(d, e - 1) && (tok(d, e)->flags & DX_TK_WORD)) continue;
            /* (a hyphen; a dash, "Germany—one third", ends the name) */
            if (e < n && adjacent(d, e - 1) && tok_eq(d, e, "-") && tok(d, e)->end - tok(d, e)->start == 1 &&
                e + 1 < n && adjacent(d, e) && (tok(d, e + 1)->flags & DX_TK_WORD) &&
                !(tok(d, e + 1)->flags & DX_TK_CAP))
                continue;
            /* a prefix of a nationality: "Franco-Prussian" names no Franco */
            /* (a hyphen after it first: hyphen_part, a call, for every one-word
             * match found none there) */
            if (k == 0 && e + 1 < n && tok(d, e)->lkey == k_hyphen && hyphen_part(st, e + 1) &&
                (wclass(st, e + 1) & DX_W_NATIONALITY))
                continue;
            /* the first part of a hyphenated name whose second part no list
             * knows ("Kasa-Vubu" is no Kassa; "Zinoviev-Kamenev",
             * "Berlin-Baghdad" stay two names) */
            if (k == 0 && e + 1 < n && tok_eq(d, e, "-") && adjacent(d, e - 1) && adjacent(d, e) &&
                (tok(d, e + 1)->flags & DX_TK_CAP) && !(tok(d, e + 1)->lex & (DX_L_GAZ | DX_L_GAZ_ONE)) &&
                !wclass(st, e + 1))
                continue;
            int surname = (c & DX_GAZ_SURNAME) != 0;
            const dx_gaz_entry *g = &lex->gaz.items[c & DX_GAZ_ENTRY];
            /* case: single words and person names must be capitalised;
             * lowercase multi-word organisation names are allowed */
            if (!cap && (k == 0 || g->type != DX_ENT_ORG)) continue;
            if (!cap && k > 0) {
                /* lowercase ORG: every content word must be a real match, not "the party" */
                int lower_ok = 0, caps = 0;
                for (size_t q = i; q <= i + k; q++) {
                    if (tok(d, q)->flags & DX_TK_CAP) caps++;
                    else if ((tok(d, q)->flags & DX_TK_WORD) && !(wclass(st, q) & DX_W_STOPCAP)) lower_ok++;
                }
                if (lower_ok < 2 && !caps) continue;
            }
            if (k == 0 && (wclass(st, i) & DX_W_STOPCAP) && (t->flags & DX_TK_SENT)) continue;
            /* a one-letter alias ("O." for Ohio) only after "Town," */
            if (t->end - t->start == 1 && (k == 0 || (k == 1 && tok_eq(d, i + 1, "."))) &&
                !(i >= 2 && tok_eq(d, i - 1, ",") && (tok(d, i - 2)->flags & DX_TK_CAP)))
                continue;
            /* a surname that is also a function word ("Hiss" folds to "his") */
            if (k == 0 && surname && (wclass(st, i) & DX_W_STOPCAP)) continue;
            /* "Bolshevik" the journal vs the adjective: a one-word alias that is
             * also a group or nationality word is not trusted */
            if (k == 0 && (wclass(st, i) & (DX_W_GROUP | DX_W_NATIONALITY))) continue;
            if (k == 0 && !(t->flags & DX_TK_UPPER) && (t->flags & DX_TK_SENT) &&
                (wclass(st, i) & (DX_W_STOPCAP | DX_W_GROUP)))
                continue;
            best_len = k + 1;
            best = c;
            best_surname = surname;
            best_first = c; /* (of a key of one payload, that payload) */
            best_vals = nv > 1 ? NULL : &best_first;
            best_nv = nv;
            best_any_surname = gm->any_surname;
            best_key = h;
        }
        if (best < 0) continue;
        uint32_t entry = (uint32_t)best & DX_GAZ_ENTRY;
        const dx_gaz_entry *g = &lex->gaz.items[entry];
        /* the territory of a noble title is the person's name ("the Duke of
         * Orleans"); the name after "the ship" is a vessel's */
        if (i >= 2 && (wclass(st, i - 2) & DX_W_NOBLE) && tok(d, i - 2)->sent == t->sent &&
            !(tok(d, i - 1)->flags & DX_TK_CAP) && (wclass(st, i - 1) & DX_W_NAMECONNECT)) {
            skip_to = i + best_len;
            continue;
        }
        if (vessel_before(st, i)) {
            skip_to = i + best_len;
            continue;
        }
        /* "the University of Vermont", "the Army of the Potomac": a place
         * after an organisation's head and "of" is that organisation's name */
        if (g->type == DX_ENT_PLACE && i >= 2 && lower_of_at(d, i - 1) && is_cap_word(st, i - 2) &&
            (wclass(st, i - 2) & DX_W_ORGHEAD) && tok(d, i - 2)->sent == t->sent && !(st->mark[i] & LINE_CAPS) &&
            !(i >= 3 && lower_of_at(d, i - 3))) { /* not "Commissar of Trade of Ukraine" */
            skip_to = i + best_len;
            continue;
        }
        /* Longest name wins: a place or a person's surname before more
         * name words naming something else is part of that name. */
        size_t after = i + best_len;
        int single_person = g->type == DX_ENT_PERSON && (best_len == 1 || best_surname);
        if ((g->type == DX_ENT_PLACE || g->type == DX_ENT_ORG || single_person) && after < n &&
            tok(d, after)->sent == t->sent &&
            !(tok(d, after)->flags & DX_TK_NL) && (tok(d, after)->flags & DX_TK_WORD) &&
            !(tok(d, after)->flags & DX_TK_CAP) && !(st->mark[after] & LINE_CAPS)) {
            /* a lowercase head: "Jackson county", "Bear creek" are places, "Hamilton
             * college", "the Smolensk archives" organisations */
            uint32_t hc = wclass(st, after);
            dx_ent_type lt = (hc & DX_W_LOWPLACE) ? DX_ENT_PLACE : (hc & DX_W_LOWORG) ? DX_ENT_ORG : DX_ENT_NONE;
            /* an organisation's building: "the I.O.O.F. hall" */
            if (g->type == DX_ENT_ORG && lt != DX_ENT_PLACE) lt = DX_ENT_NONE;
            size_t last = after;
            /* "the Little River turnpike company": one word of its trade between */
            if (lt == DX_ENT_NONE && g->type == DX_ENT_PLACE && after + 1 < n && tok(d, after + 1)->sent == t->sent &&
                (tok(d, after + 1)->flags & DX_TK_WORD) && !(tok(d, after + 1)->flags & DX_TK_CAP) &&
                (wclass(st, after + 1) & DX_W_LOWORG) && !hc) {
                lt = DX_ENT_ORG;
                last = after + 1;
            }
            if (lt != DX_ENT_NONE) {
                add_mention(st, i, last + 1, lt, -1, DX_LINK_NEW);
                i = last;
                continue;
            }
        }
        /* "Salvador Allende": a given name, not the place */
        if (g->type == DX_ENT_PLACE && best_len == 1 && given_place_person(st, i, after)) continue;
        if (g->type == DX_ENT_PLACE && after < n && tok(d, after)->sent == t->sent &&
            !(tok(d, after)->flags & DX_TK_NL) && !(st->mark[after] & LINE_CAPS)) {
            /* "Wilmington College", "Moscow Soviet", "Georgia State Mining
             * Institute", "Pullman Chamber of Commerce" (an organisation);
             * "Berlin Wall", "Vermont Avenue" (a place of its own) */
            size_t last = cap_run_end(st, after);
            if (last != SIZE_MAX && !(wclass(st, last) & DX_W_STOPCAP)) {
                uint32_t hc = wclass(st, last);
                dx_ent_type lt = (hc & DX_W_ORGHEAD) ? DX_ENT_ORG : (hc & DX_W_PLACEHEAD) ? DX_ENT_PLACE : DX_ENT_NONE;
                /* "Moscow Committee of the Party": the head's "of" and name too */
                if (lt == DX_ENT_NONE) {
                    for (size_t q = after; q <= last; q++)
                        if ((wclass(st, q) & DX_W_ORGHEAD) && q + 2 <= last && tok_eq(d, q + 1, "of")) lt = DX_ENT_ORG;
                }
                if (lt != DX_ENT_NONE) {
                    add_mention(st, i, last + 1, lt, -1, DX_LINK_NEW);
                    i = last;
                    continue;
                }
            }
        }
        dx_link link = (best & DX_GAZ_LABEL) ? DX_LINK_GAZETTEER : DX_LINK_ALIAS;
        /* A person's name followed by another name word is a given or
         * middle name ("Franklin D Roosevelt", "George Washington Carver")
         * or part of a longer name ("Kirov Tractor Works"), not that person;
         * a headline capitalises every word ("Stalin Meets Hitler") and says
         * nothing. */
        if (g->type == DX_ENT_PERSON && followed_by_name(st, i, i + best_len)) {
            /* nothing starts inside it either ("George Washington Carver" is
             * not Washington, D.C.) */
            skip_to = i + best_len;
            continue;
        }
        if (g->type == DX_ENT_ORG) {
            /* "the Grantley Baptist Church": name words before a generic
             * organisation's name make a new, longer one */
            size_t b = i;
            while (b > 0 && i - b < 3 && is_cap_word(st, b - 1) && tok(d, b - 1)->sent == t->sent &&
                   !(tok(d, b)->flags & DX_TK_NL) && !(tok(d, b - 1)->flags & DX_TK_SENT) &&
                   !(wclass(st, b - 1) & (DX_W_STOPCAP | DX_W_TITLE | DX_W_NATIONALITY | DX_W_GROUP)) &&
                   !(st->mark[b - 1] & LINE_TITLE))
                b--;
            if (b < i) {
                add_mention(st, b, i + best_len, in_building(st, b, i + best_len) ? DX_ENT_PLACE : DX_ENT_ORG, -1,
                            DX_LINK_NEW);
                i += best_len - 1;
                continue;
            }
        }
        if (g->type != DX_ENT_PERSON || (best_len > 1 && !best_surname)) {
            if (g->type == DX_ENT_PERSON) SEEN_FULL_SET(st, entry);
            add_mention(st, i, i + best_len, g->type, (int32_t)entry, link);
            i += best_len - 1;
            continue;
        }
        /* One word naming a person: a surname (or a one-word alias). The
         * given names and initials before it must agree with the entry: a
         * namesake ("Henry Kirov", "A. Bukharin") is a person of its own. */
        size_t pre = name_prefix(st, i);
#define best_vals_get() (best_vals ? best_vals : (dx_u64map_get(lex->gaz_index, best_key, &best_vals), best_vals))
        if (pre < i) {
            best_vals_get();
            int64_t ok = -1;
            int nok = 0;
            for (size_t v = 0; v < best_nv; v++) {
                uint32_t ev = best_vals[v] & DX_GAZ_ENTRY;
                if (ok >= 0 && (uint32_t)ok == ev) continue;
                if (lex->gaz.items[ev].type == DX_ENT_PERSON && prefix_ok(st, pre, i, ev)) {
                    nok++;
                    ok = ev;
                }
            }
            if (nok == 1) {
                SEEN_FULL_SET(st, (uint32_t)ok);
                add_mention(st, pre, i + best_len, DX_ENT_PERSON, (int32_t)ok, DX_LINK_SURNAME);
            } else {
                add_mention(st, pre, i + best_len, DX_ENT_PERSON, -1, DX_LINK_NEW);
            }
            i += best_len - 1;
            continue;
        }
        /* a relative: "Mrs. Kirov" (of a man), "his son Kirov" */
        size_t ft = female_title_before(st, i);
        if ((ft != SIZE_MAX && dx_gaz_male(lex, entry)) || kin_before(st, i)) {
            add_mention(st, i, i + best_len, DX_ENT_PERSON, -1, DX_LINK_NEW);
            st->mark[i] |= MK_UNLINKED;
            if (ft != SIZE_MAX && dx_gaz_male(lex, entry))
                d->ments.items[d->ments.len - 1].label_start = tok(d, ft)->start;
            i += best_len - 1;
            continue;
        }
        /* a one word that is some entry's surname waits for the whole
         * document (surname_pass); a one-word alias of one person only
         * ("Koba") links now */
        int any_surname = best_any_surname;
#undef best_vals_get
        add_mention(st, i, i + best_len, DX_ENT_PERSON, (int32_t)entry, any_surname ? DX_LINK_SURNAME : link);
        if (any_surname) {
            pending_surname p = {d->ments.len - 1, i, best_key};
            DX_PUSH(st->pending, p);
        }
        i += best_len - 1;
    }
}

/* ---------------------------------------------------------------- shapes */

static int slavic_surname(const dx_doc *d, size_t i)
{
    /* Russian, Ukrainian, Georgian, Armenian surname endings; "-in" is left
     * out: Berlin, Franklin and Spain end that way too. */
    static const ending suffixes[] = {ENDING("ov"),   ENDING("ev"),    ENDING("ova"),  ENDING("eva"),  ENDING("sky"),
                                      ENDING("ski"),  ENDING("skii"),  ENDING("skiy"), ENDING("skaya"), ENDING("enko"),
                                      ENDING("vich"), ENDING("dze"),   ENDING("shvili"), ENDING("yan")};
    const dx_token *t = tok(d, i);
    size_t len = t->end - t->start;
    if (len < 5 || (t->flags & DX_TK_NUM)) return 0;
    const char *s = d->text + t->start;
    /* (most words end in none of the endings' last letters) */
    switch (s[len - 1]) {
    case 'v': case 'a': case 'y': case 'i': case 'o': case 'h': case 'e': case 'n': break;
    default: return 0;
    }
    for (size_t k = 0; k < sizeof(suffixes) / sizeof(suffixes[0]); k++)
        if (len > suffixes[k].n + 2 && s[len - 1] == suffixes[k].s[suffixes[k].n - 1] &&
            memcmp(s + len - suffixes[k].n, suffixes[k].s, suffixes[k].n) == 0) /* (the last letter first: a call less) */
            return 1;
    return 0;
}


/* "V." or a given name's old abbreviation ("Wm.", "Chas.", "Geo."), its stop
 * touching it */
static int is_initial(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    return is_cap_word(st, i) &&
           (tok(d, i)->end - tok(d, i)->start == 1 ||
            (wclass(st, i) & (DX_W_ABBREV | DX_W_GIVEN)) == (DX_W_ABBREV | DX_W_GIVEN)) &&
           tok_eq(d, i + 1, ".") && adjacent(d, i);
}

/* "Marshal Tukhachevsky", "Mr. Bigelow", "Rev. Dr. Read": a title before i.
 * A title word that ends a sentence or a heading ("the news of the Tsar.
 * Upon his return", "An exemplary prosecutor / The prosecutor") is not
 * one: what follows is no name. */
static inline int titled_at(const rec_state *st, size_t i)
{
    const dx_doc *d = st->doc;
    return (i > 0 && (wclass(st, i - 1) & DX_W_TITLE) && tok(d, i)->sent == tok(d, i - 1)->sent) ||
           (i > 1 && tok_eq(d, i - 1, ".") && adjacent(d, i - 2) && (wclass(st, i - 2) & DX_W_TITLE) &&
            tok(d, i)->sent == tok(d, i - 2)->sent);
}

/* An organisation's head word, then "of" and the rest of the name:
 * "Board of Public Works", "Commissariat of Foreign Affairs". */
static int org_of(const rec_state *st, size_t first, size_t end)
{
    for (size_t k = first; k + 2 < end; k++)
        if ((wclass(st, k) & DX_W_ORGHEAD) && tok_eq(st->doc, k + 1, "of")) return 1;
    return 0;
}

/* A lowercase head word (of class cls) right after the name first..end-1,
 * that names a place or an organisation in the old American press: "Wayne
 * county", "Bear creek", "Main street" (DX_W_LOWPLACE); "Hamilton college",
 * "the Republican party", "the Cherokee nation" (DX_W_LOWORG). */
static int low_head(const rec_state *st, size_t first, size_t end, uint32_t cls)
{
    const dx_doc *d = st->doc;
    if (end >= d->toks.len || first >= end) return 0;
    const dx_token *h = tok(d, end);
    if (!(h->flags & DX_TK_WORD) || (h->flags & (DX_TK_CAP | DX_TK_NL)) || h->sent != tok(d, first)->sent ||
        (st->mark[end] & LINE_CAPS))
        return 0;
    if (wclass(st, end) & cls) return 1;
    /* an organisation's trade between: "the Little River turnpike company" */
    if (cls == DX_W_LOWORG && !h->wclass && end + 1 < d->toks.len && (wclass(st, end + 1) & cls) &&
        (tok(d, end + 1)->flags & DX_TK_WORD) && !(tok(d, end + 1)->flags & (DX_TK_CAP | DX_TK_NL)) &&
        tok(d, end + 1)->sent == h->sent)
        return 2;
    return 0;
}

static int low_place_head(const rec_state *st, size_t first, size_t end)
{
    return low_head(st, first, end, DX_W_LOWPLACE);
}

/* A person the gazetteer pass found by one word at token k (a partner of a
 * firm: "Hart, Schaffner & Marx"). */
static int firm_person(const rec_state *st, size_t k)
{
    const dx_doc *d = st->doc;
    if (!TAKEN(st, k)) return 0;
    for (size_t m = 0; m < d->ments.len; m++) { /* rare ('&'): a scan will do */
        const dx_mention *mn = &d->ments.items[m];
        if (mn->start == tok(d, k)->start && mn->type == DX_ENT_PERSON && mn->end == tok(d, k)->end) return 1;
    }
    return 0;
}

/* Drops the one-word person mention at token k (dropped by drop_mentions),
 * freeing its token for a longer name. */
static void drop_person_at(rec_state *st, size_t k)
{
    dx_doc *d = st->doc;
    for (size_t m = d->ments.len; m-- > 0;) {
        dx_mention *mn = &d->ments.items[m];
        if (mn->start == tok(d, k)->start && mn->type == DX_ENT_PERSON) {
            mn->type = DX_ENT_NONE;
            st->mark[k] &= (uint8_t)~MK_TAKEN;
            return;
        }
    }
}

/* Does a name go on across the line break before token j? Only where prose
 * wraps: no blank line, a word before the break, both lines running text
 * with lowercase words (a headline, "James Hargis\nJames Hargis, one of",
 * or a list of names, "ROBERT HAMILTON\nEBENEZER SMITH", is not). */
static int wraps_at(const rec_state *st, size_t j)
{
    const dx_doc *d = st->doc;
    return j > 0 && !(tok(d, j)->flags & DX_TK_PARA) && (tok(d, j - 1)->flags & DX_TK_WORD) &&
           (st->mark[j] & LINE_PROSE) && (st->mark[j - 1] & LINE_PROSE) &&
           !(tok(d, j)->flags & DX_TK_UPPER) && !(tok(d, j - 1)->flags & DX_TK_UPPER);
}

/* A lowercase particle ("de", "van") before the rest of a name: "Mme de
 * la Motte". */
static int particle_at(const rec_state *st, size_t k)
{
    const dx_doc *d = st->doc;
    return k < d->toks.len && (wclass(st, k) & DX_W_NAMECONNECT) && !(tok(d, k)->flags & DX_TK_CAP) &&
           !tok_eq(d, k, "of") && !tok_eq(d, k, "the") && !tok_eq(d, k, "and");
}

/* A name with a nobiliary particle inside: capitalised words, then "de",
 * "van", "von", "da" (one or two, lowercase), then capitalised words, and no
 * place cue before it ("in Santiago de Chile" is a place). */
static int particle_name(const rec_state *st, size_t first, size_t end)
{
    const dx_doc *d = st->doc;
    int particle = 0;
    for (size_t k = first + 1; k + 1 < end; k++)
        if ((wclass(st, k) & DX_W_NAMECONNECT) && !(tok(d, k)->flags & DX_TK_CAP) && !tok_eq(d, k, "of") &&
            !tok_eq(d, k, "the") && !tok_eq(d, k, "and"))
            particle = 1;
    if (!particle || !is_cap_word(st, end - 1) || (tok(d, end - 1)->flags & DX_TK_UPPER) ||
        tok(d, end - 1)->end - tok(d, end - 1)->start < 3 || tok(d, first)->end - tok(d, first)->start < 3 ||
        (wclass(st, first) & (DX_W_PLACEPRE | DX_W_PLACEHEAD)))
        return 0;
    return !(first > 0 && (wclass(st, first - 1) & DX_W_PLACECUE));
}


/* A family name written first at token k ("Liu", "Kim", "Nagy":
 * family-names.tsv), capitalised as a name. */
static int family_at(const rec_state *st, size_t k)
{
    const dx_token *t = tok(st->doc, k);
    return (t->flags & DX_TK_WORD) && (t->flags & DX_TK_CAP) && !(t->flags & DX_TK_NUM) &&
           !(t->wclass & (DX_W_STOPCAP | DX_W_TITLE | DX_W_NATIONALITY | DX_W_GROUP)) &&
           dx_family_first(st->lex, t->lkey);
}

/* "Kim Il-sung", "Park Chung-hee", "Chou En-lai": after a family name, a
 * given name of two syllables joined by a hyphen, the second in lowercase.
 * Token j is the hyphen; the syllables are short words of letters. */
static int syllable_hyphen(const rec_state *st, size_t i, size_t j)
{
    const dx_doc *d = st->doc;
    if (j < i + 2 || j + 1 >= d->toks.len || !tok_eq(d, j, "-") || !adjacent(d, j - 1) || !adjacent(d, j) ||
        !family_at(st, j - 2))
        return 0;
    const dx_token *a = tok(d, j - 1), *b = tok(d, j + 1);
    if (!(b->flags & DX_TK_WORD) || (b->flags & (DX_TK_CAP | DX_TK_NUM)) || b->end - b->start > 5 ||
        a->end - a->start > 5 || (j + 2 < d->toks.len && adjacent(d, j + 1) && (tok(d, j + 2)->flags & DX_TK_WORD)))
        return 0;
    for (uint32_t q = b->start; q < b->end; q++)
        if (d->text[q] < 'a' || d->text[q] > 'z') return 0;
    return 1;
}

/* A name written family name first: "Liu Shaoqi", "Wang Guangmei", "Nagy
 * Imre", "Kim Il-sung": a family name, then one or two capitalised words no
 * list gives a class (a given name aside). */
static int family_name(const rec_state *st, size_t first, size_t end)
{
    const dx_doc *d = st->doc;
    /* (the shape first: a lookup in the family names for every run of one
     * word found them none) */
    if (end < first + 2 || adjacent(d, first) || !family_at(st, first)) return 0;
    /* "the Battle of Dong Xoai": a place's name after "of" */
    if (first >= 2 && lower_of_at(d, first - 1) && (tok(d, first - 2)->flags & DX_TK_CAP)) return 0;
    for (size_t k = first + 1; k < end; k++) {
        const dx_token *t = tok(d, k);
        if (!(t->flags & DX_TK_WORD)) continue;
        if ((t->wclass & ~(uint32_t)(DX_W_GIVEN | DX_W_MALE | DX_W_FEMALE)) || (t->lex & DX_L_DATE) ||
            (t->flags & DX_TK_NUM) || ((t->flags & DX_TK_CAP) && (t->lex & DX_L_GAZ_ONE) && ocr_not_person(st->lex, t->fkey)))
            return 0;
    }
    return 1;
}

/* An acronym in running text no list knows ("the DGSE", "officers of ASIO",
 * "the SA and the SS"): an organisation, when it comes after "the" or is
 * written at least twice in the document - two to six capitals (accents
 * too), no roman numeral, no word of the lexicon, not in a heading or a
 * line of capitals. */
static int roman_numeral(const char *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strchr("IVXLCDM", w[k])) return 0;
    return 1;
}

static void acronym_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    dx_u64map *seen = NULL; /* lkey -> 1 once, | 2 twice or more */
    /* the acronyms, in order: the second round takes them as the first
     * found them (a mention it adds covers its own token only, which the
     * first round's rules read of no other) */
    DX_VEC(uint32_t) found = {0};
    for (size_t ui = 0; ui < st->upper_caps.len; ui++) {
        size_t i = st->caps.items[st->upper_caps.items[ui]];
        const dx_token *t = tok(d, i);
        size_t n = t->end - t->start, letters = 0;
        const unsigned char *w = (const unsigned char *)d->text + t->start;
        if (!(t->flags & DX_TK_WORD) || !(t->flags & DX_TK_UPPER) || (t->flags & DX_TK_NUM) || n < 2 || n > 12 ||
            TAKEN(st, i) || t->wclass || (t->lex & (DX_L_GAZ | DX_L_DATE | DX_L_GAZ_IN)) ||
            (st->mark[i] & (LINE_TITLE | LINE_CAPS)))
            continue;
        int digit = 0;
        for (size_t k = 0; k < n; k++) {
            if (w[k] < 0x80 || (w[k] & 0xC0) == 0xC0) letters++;
            digit |= w[k] >= '0' && w[k] <= '9';
        }
        if (letters < 2 || letters > 6 || digit || roman_numeral((const char *)w, n)) continue;
        /* a prefix of a name ("USS Maine", "HMS Hood") is no body of its own */
        if (i + 1 < d->toks.len && (tok(d, i + 1)->flags & DX_TK_CAP) && !(tok(d, i + 1)->flags & DX_TK_UPPER) &&
            tok(d, i + 1)->sent == t->sent)
            continue;
        /* a word of initials joined by dots ("U.S.") is no acronym here */
        if (i + 1 < d->toks.len && tok_eq(d, i + 1, ".") && adjacent(d, i)) continue;
        /* bit 1: written once; bit 2: written again */
        if (!seen) seen = dx_u64map_new_small();
        const uint32_t *v;
        dx_u64map_or(seen, t->lkey, dx_u64map_get(seen, t->lkey, &v) ? 2 : 1);
        DX_PUSH(found, (uint32_t)i);
    }
    for (size_t f = 0; f < found.len; f++) {
        size_t i = found.items[f];
        const uint32_t *v;
        int twice = dx_u64map_get(seen, tok(d, i)->lkey, &v) && (v[0] & 2);
        int the = i > 0 && (tok_eq(d, i - 1, "the") || tok_eq(d, i - 1, "The"));
        if (twice || the) add_mention(st, i, i + 1, DX_ENT_ORG, -1, DX_LINK_NEW);
    }
    DX_FREE(found);
    if (seen) dx_u64map_free(seen);
}

static void shape_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t n = d->toks.len;
    const uint64_t k_d = dx_hash("d", 1), k_l = dx_hash("l", 1), k_hyphen = dx_hash("-", 1), k_amp = dx_hash("&", 1),
                   k_apos = dx_hash("'", 1);
    /* their bits (KEY_BIT): most words that end a run are none of them */
    const uint64_t conn_bits = KEY_BIT(k_d) | KEY_BIT(k_l) | KEY_BIT(k_hyphen) | KEY_BIT(k_amp) | KEY_BIT(k_apos);
    for (size_t ci = 0, next = 0; ci < st->caps.len; ci++) {
        prefetch_cap(st, ci);
        size_t i = st->caps.items[ci];
        if (i < next || !cap_word_ci(st, ci, i)) continue;
        /* collect a run: capitalised words, initials, connectors inside */
        size_t j = i, last_cap = i, ncap = 0;
        int has_initial = 0, firm = 0;
        /* tokens i..j-1 are already known to share a sentence: test only j
         * (a name spans a line break only where prose wraps; rescanning the
         * run made a long line quadratic) */
        while (j < n && tok(d, j)->sent == tok(d, i)->sent && (j == i || !(tok(d, j)->flags & DX_TK_NL) ||
                                                                 wraps_at(st, j))) {
            /* (whether it is a capital first: the word that ends a run,
             * one at least, is none, and an initial is one) */
            int cap = is_cap_word(st, j);
            if (cap && tok_eq(d, j + 1, ".") && is_initial(st, j)) { /* (the stop first: most words have none) */
                has_initial = 1;
                j += 2;
                continue;
            }
            /* a group word inside a name before its head: "Grantley Baptist Church" */
            if (cap && !(wclass(st, j) & DX_W_STOPCAP && j > i) &&
                (!(wclass(st, j) & DX_W_GROUP) ||
                 (j > i && j + 1 < n && is_cap_word(st, j + 1) && (wclass(st, j + 1) & DX_W_ORGHEAD)))) {
                ncap++;
                last_cap = j;
                j++;
                continue;
            }
            /* (the run goes on past a word no capital starts only at a
             * particle, 'd' or 'l', a hyphen, '&' or an apostrophe: most end
             * it here) */
            {
                uint64_t x = tok(d, j)->lkey;
                if (!(wclass(st, j) & DX_W_NAMECONNECT) &&
                    (!(conn_bits & KEY_BIT(x)) || (x != k_d && x != k_l && x != k_hyphen && x != k_amp && x != k_apos)))
                    break;
            }
            /* "Duke d'Urfel", "Count d’Erdody": an elided particle */
            if (j > i && j + 2 < n && (tok_eq(d, j, "d") || tok_eq(d, j, "l")) && !(tok(d, j)->flags & DX_TK_CAP) &&
                (tok_eq(d, j + 1, "'")) && adjacent(d, j) && adjacent(d, j + 1) && is_cap_word(st, j + 2)) {
                j += 2;
                continue;
            }
            if (j > i && (wclass(st, j) & DX_W_NAMECONNECT) && j + 1 < n && is_cap_word(st, j + 1)) {
                j++;
                continue;
            }
            /* "Jeanne de la Motte", "Johannes van der Gracht": two particles */
            if (j > i && j + 2 < n && (wclass(st, j) & DX_W_NAMECONNECT) && !(tok(d, j)->flags & DX_TK_CAP) &&
                (wclass(st, j + 1) & DX_W_NAMECONNECT) && !(tok(d, j + 1)->flags & DX_TK_CAP) && is_cap_word(st, j + 2)) {
                j += 2;
                continue;
            }
            if (j > i && tok_eq(d, j, "-") && adjacent(d, j - 1) && adjacent(d, j) &&
                j + 1 < n && is_cap_word(st, j + 1)) {
                j++;
                continue;
            }
            if (syllable_hyphen(st, i, j)) {
                last_cap = j + 1;
                j += 2;
                continue;
            }
            /* a firm: "Parker & Sons", "Stephens & Trammel" */
            if (j > i && tok_eq(d, j, "&") && j + 1 < n && (is_cap_word(st, j + 1) || firm_person(st, j + 1))) {
                firm = 1;
                j++;
                if (!is_cap_word(st, j)) { /* a gazetteer surname after '&' is a partner's */
                    drop_person_at(st, j);
                }
                continue;
            }
            /* "The Clerks' Union": a plural possessive inside an organisation's name */
            if (j > i && tok_eq(d, j, "'") && adjacent(d, j - 1) && j + 1 < n && is_cap_word(st, j + 1) &&
                tok(d, j - 1)->end > tok(d, j - 1)->start && d->text[tok(d, j - 1)->end - 1] == 's' &&
                (wclass(st, cap_run_end(st, j + 1)) & DX_W_ORGHEAD)) {
                j++;
                continue;
            }
            break;
        }
        size_t end = last_cap + 1;
        if (vessel_before(st, i)) { /* a ship's name: "the ship John and Edward" */
            size_t e = j > i ? j : i + 1;
            while (e + 1 < n && (tok_eq(d, e, "and") || tok_eq(d, e, "&")) && is_cap_word(st, e + 1) &&
                   tok(d, e + 1)->sent == tok(d, i)->sent) {
                e += 2;
                while (e < n && is_cap_word(st, e) && tok(d, e)->sent == tok(d, i)->sent) e++;
            }
            next = e;
            continue;
        }
        if (firm && ncap) {
            /* "Hart, Schaffner & Marx": the partners listed before it, and a
             * "Co.", "Bros." or other head after it */
            size_t b = i;
            while (b >= 2 && tok_eq(d, b - 1, ",") && is_cap_word(st, b - 2) && tok(d, b - 2)->sent == tok(d, i)->sent &&
                   !(wclass(st, b - 2) & (DX_W_STOPCAP | DX_W_TITLE)) && !(tok(d, b - 2)->flags & DX_TK_SENT))
                b -= 2;
            add_mention(st, b, end, DX_ENT_ORG, -1, DX_LINK_NEW);
            next = end;
            continue;
        }
        if (!ncap) {
            /* "Capt. J.", "Mrs. O.": an initial alone after a title is a person */
            if (has_initial && j == i + 2 && titled_at(st, i) && !(tok(d, i)->flags & DX_TK_SENT))
                add_mention(st, i, i + 1, DX_ENT_PERSON, -1, DX_LINK_NEW);
            next = j > i ? j : i + 1;
            continue;
        }
        size_t first = i;
        /* a sentence-initial function word ("The", "In") is not part of a name */
        while (first < end && (wclass(st, first) & DX_W_STOPCAP) && !titled_at(st, first)) first++;
        while (first < end && !is_cap_word(st, first) && !is_initial(st, first)) first++;
        if (first >= end) {
            next = end;
            continue;
        }
        /* "Battle of Cedar Creek", "Siege of Leningrad": the place is after "of" */
        if (first + 2 < end && (tok_eq(d, first, "battle") || tok_eq(d, first, "siege")) &&
            tok_eq(d, first + 1, "of"))
            first += 2;
        /* "the Duke of Orleans", "Count de la Marck", "Duke d'Urfel": a noble
         * title with its territory names one person, title and all */
        if ((wclass(st, first) & DX_W_NOBLE) && first + 2 < end && !(tok(d, first + 1)->flags & DX_TK_CAP) &&
            ((wclass(st, first + 1) & DX_W_NAMECONNECT) || tok_eq(d, first + 1, "d") || tok_eq(d, first + 1, "l"))) {
            add_mention(st, first, end, DX_ENT_PERSON, -1, DX_LINK_NEW);
            next = end;
            continue;
        }
        dx_ent_type type = DX_ENT_NONE;
        uint32_t head = wclass(st, end - 1);
        /* a title is not a name of its own ("Rev. Dr. Read": Dr is a title;
         * "Miss Winnie" at a sentence's start: Miss is; "Lieutenant Colonel
         * Vasin": both are); titles alone ("Prime Minister") name nobody */
        while (first < end && (wclass(st, first) & DX_W_TITLE) &&
               (titled_at(st, first) ||
                (first + 1 < end && (is_cap_word(st, first + 1) || particle_at(st, first + 1)) &&
                 !(head & (DX_W_ORGHEAD | DX_W_PLACEHEAD))))) {
            first++;
            if (first < end && tok_eq(d, first, ".")) first++;
        }
        if (first >= end) {
            next = end;
            continue;
        }
        /* a title inside the run starts the name after it: "County Policemen
         * Buddy Fowler", "Cub Master Richard Gorton" */
        if (!(head & (DX_W_ORGHEAD | DX_W_PLACEHEAD)))
            for (size_t k = end - 1; k > first + 1; k--)
                if ((wclass(st, k - 1) & DX_W_TITLE) && (tok(d, k - 1)->flags & DX_TK_WORD) && is_cap_word(st, k) &&
                    (wclass(st, k) & DX_W_GIVEN)) {
                    first = k;
                    break;
                }
        /* a person's name holds no place or organisation head: "WAYNE COUNTY
         * TAXES" is a county's, "Lucy Thurman Branch" a building's */
        if ((wclass(st, first) & DX_W_GIVEN) && !(head & (DX_W_ORGHEAD | DX_W_PLACEHEAD)))
            for (size_t k = first + 1; k + 1 < end; k++)
                if ((wclass(st, k) & (DX_W_PLACEHEAD | DX_W_ORGHEAD)) && (tok(d, k)->flags & DX_TK_WORD)) {
                    end = k + 1;
                    head = wclass(st, k);
                    break;
                }
        /* "Mary Ann Long of Selby", "Isabella of Castile", "Mr. Worth Fowler
         * of Route 1": a person's name ends before "of" */
        if ((wclass(st, first) & DX_W_GIVEN) || titled_at(st, first))
            for (size_t k = first + 1; k < end; k++)
                if (lower_of_at(d, k)) {
                    end = k;
                    head = wclass(st, end - 1);
                    break;
                }
        size_t words = 0;
        for (size_t k = first; k < end; k++)
            if (tok(d, k)->flags & DX_TK_WORD) words++;
        uint32_t firstc = wclass(st, first);
        /* the run is all titles ("General Secretary", "High Command" is an
         * organisation by its head): no person */
        int all_titles = 1;
        for (size_t k = first; k < end; k++)
            if ((tok(d, k)->flags & DX_TK_WORD) && !(wclass(st, k) & DX_W_TITLE)) all_titles = 0;
        int titled = titled_at(st, first), lh;
        int sent_initial = (tok(d, first)->flags & DX_TK_SENT) != 0;
        if (low_place_head(st, first, end) && !(firstc & (DX_W_NATIONALITY | DX_W_GROUP | DX_W_STOPCAP)) &&
            words <= 3 && !titled) {
            type = DX_ENT_PLACE; /* "Wayne county", "Bear creek" */
            end++;
        } else if ((lh = low_head(st, first, end, DX_W_LOWORG)) != 0 && words <= 4 && !titled &&
                   !(firstc & DX_W_STOPCAP) && tok(d, first)->end - tok(d, first)->start > 1 &&
                   !((firstc & DX_W_NATIONALITY) && tok_eq(d, end, "nation")) &&
                   !(first > 0 && (tok_eq(d, first - 1, "a") || tok_eq(d, first - 1, "an")))) {
            type = DX_ENT_ORG; /* "Hamilton college", "the Republican party"; not "a German company" */
            end += (size_t)lh;
        } else if ((head & DX_W_ORGHEAD) && words >= 2)
            type = DX_ENT_ORG;
        else if ((firstc & DX_W_PLACEPRE) && words >= 2 && words <= 4 && !titled)
            type = DX_ENT_PLACE; /* "Port Royal", "Fort Collins", "Lake Tahoe" */
        else if (words >= 2 && org_of(st, first, end))
            type = DX_ENT_ORG; /* "Board of Health", "Chamber of Commerce" */
        else if ((head & DX_W_ORGHEAD) && words == 1 && !sent_initial && first > 0 &&
                 tok_eq(d, first - 1, "the") && !(head & (DX_W_GROUP | DX_W_NATIONALITY)))
            type = DX_ENT_ORG; /* "the Court", "the Commission": one named body */
        else if ((head & DX_W_PLACEHEAD) && words >= 2)
            type = DX_ENT_PLACE;
        else if (firstc & (DX_W_NATIONALITY | DX_W_GROUP))
            type = DX_ENT_NONE;
        else if (has_initial && words >= 2 && tok(d, end - 1)->end - tok(d, end - 1)->start >= 2)
            type = DX_ENT_PERSON;
        else if ((firstc & DX_W_GIVEN) && words >= 2 && words <= 5)
            type = DX_ENT_PERSON;
        else if (words <= 3 && family_name(st, first, end))
            type = DX_ENT_PERSON; /* "Wang Guangmei", "Nagy Imre" */
        else if (particle_name(st, first, end))
            type = DX_ENT_PERSON; /* "Rétaux de Villette", "Ludwig van Beethoven" */
        else if (titled && words <= 3)
            type = DX_ENT_PERSON;
        else if (words == 1 && !sent_initial && slavic_surname(d, first) &&
                 !(tok(d, first)->flags & DX_TK_UPPER))
            type = DX_ENT_PERSON;
        else if (words == 1 && !sent_initial && (firstc & DX_W_GIVEN) && !(firstc & DX_W_ABBREV) &&
                 !(tok(d, first)->flags & DX_TK_UPPER) &&
                 !(first >= 2 && tok_eq(d, first - 1, ",") && TAKEN(st, first - 2)) &&
                 !(first >= 1 && (tok_eq(d, first - 1, "the") || tok_eq(d, first - 1, "The")) &&
                   (end >= d->toks.len || !(tok(d, end)->flags & DX_TK_WORD))))
            type = DX_ENT_PERSON; /* a given name alone: "Tom said", "asked Alfred"; not
                                   * the given name of "Englund, Peter:", nor "(says the
                                   * Aurora)" (a ship, a newspaper; but "the Hussein regime") */
        if (type == DX_ENT_PERSON && (all_titles || ((wclass(st, end - 1) & DX_W_TITLE) && words >= 2 && !has_initial)))
            type = DX_ENT_NONE; /* titles alone; "Barry Count": a name ends with no title */
        /* "in the Tabor City Baptist Church", "at the Piccadilly Club": a
         * building where something happens is a place */
        if (type == DX_ENT_ORG && in_building(st, first, end)) type = DX_ENT_PLACE;
        /* a headline in capitals says nothing by its capitals: an
         * organisation there is a gazetteer's ("FEMALE SEMINARY", "NEW
         * SCHOOL"), a place has a place head ("WAYNE COUNTY") */
        if ((st->mark[first] & LINE_CAPS) &&
            (type == DX_ENT_ORG || (type == DX_ENT_PLACE && !(wclass(st, end - 1) & (DX_W_PLACEHEAD | DX_W_LOWPLACE)))))
            type = DX_ENT_NONE;
        if (type == DX_ENT_PERSON) {
            /* possessive or plural group words are not names; an initial
             * that spells a function word is ("D. A. Rawley") */
            for (size_t k = first; k < end; k++)
                if ((wclass(st, k) & (titled ? DX_W_NATIONALITY : DX_W_STOPCAP | DX_W_NATIONALITY)) &&
                    !is_initial(st, k))
                    type = DX_ENT_NONE;
        }
        if (type != DX_ENT_NONE) {
            add_mention(st, first, end, type, -1, DX_LINK_NEW);
        } else {
            /* "the Accession of Henry V": nothing before "of", look again after it */
            for (size_t k = first + 1; k + 1 < end; k++)
                if (lower_of_at(d, k)) {
                    end = k + 1;
                    break;
                }
        }
        next = end;
    }
}

/* "Dayton, O.", "Lewiston, Idaho", "Moscow, Russia": a town, a comma and
 * the state, country or province that holds it are one place, the town's
 * (an unknown town is known to be one by its state). */
static void city_state_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t n = d->toks.len, nm = d->ments.len;
    for (size_t m = 0; m < nm; m++) {
        dx_mention *state = &d->ments.items[m];
        if (state->type != DX_ENT_PLACE || state->ent < 0 || !dx_gaz_container(st->lex, (uint32_t)state->ent))
            continue;
        size_t s0 = M_FIRST(st, m);
        if (s0 < 2 || !tok_eq(d, s0 - 1, ",") || tok(d, s0)->sent != tok(d, s0 - 2)->sent) continue;
        size_t e = s0 - 2; /* the last token of the town */
        /* not a list ("Washington, Oregon, Idaho and Montana"; "France,
         * Copenhagen, Norway"), nor a possessive ("the Ravens, America's best") */
        size_t s1 = m_last(st, m) + 1;
        if (s1 + 1 < n && ((tok_eq(d, s1, "'") && tok_eq(d, s1 + 1, "s")) ||
                           ((tok_eq(d, s1, ",") || tok_eq(d, s1, "and") || tok_eq(d, s1, "or")) && at_of(st, s1 + 1) >= 0 &&
                            d->ments.items[at_of(st, s1 + 1)].type == DX_ENT_PLACE)))
            continue;
        if (!(tok(d, e)->flags & (DX_TK_CAP | DX_TK_UPPER)) && !tok_eq(d, e, "county")) continue;
        int32_t tm = at_of(st, e);
        if (tm >= 0) {
            size_t t0 = M_FIRST(st, (size_t)tm);
            if (t0 >= 2 && tok_eq(d, t0 - 1, ",") && at_of(st, t0 - 2) >= 0 && d->ments.items[at_of(st, t0 - 2)].type == DX_ENT_PLACE)
                continue;
            dx_mention *town = &d->ments.items[tm];
            /* a state or country before it is a list ("Kansas, Nebraska") */
            if (town->type == DX_ENT_ORG || town->end != tok(d, e)->end ||
                (town->type == DX_ENT_PLACE && town->ent >= 0 && dx_gaz_container(st->lex, (uint32_t)town->ent)))
                continue;
            if (town->type == DX_ENT_PERSON) {
                /* "Jackson, Miss.": a person's name naming a town; not a full name */
                if (M_FIRST(st, (size_t)tm) != e || town->label_start != town->start) continue;
                town->type = DX_ENT_PLACE;
                town->ent = -1;
                town->link = DX_LINK_NEW;
                town->from_gazetteer = 0;
            }
            town->end = state->end;
            st->mlast.items[tm] = (uint32_t)(s1 - 1);
            for (size_t k = s0; k < s1; k++) st->at[k] = tm; /* (taken: the state's) */
        } else {
            /* an unknown town: up to three capitalised words */
            size_t b = e;
            while (b > 0 && e - b < 2 && is_cap_word(st, b - 1) && tok(d, b - 1)->sent == tok(d, e)->sent &&
                   !(wclass(st, b - 1) & (DX_W_STOPCAP | DX_W_TITLE)) && !TAKEN(st, b - 1))
                b--;
            if (!is_cap_word(st, b) || (wclass(st, b) & (DX_W_STOPCAP | DX_W_TITLE | DX_W_GIVEN)) ||
                (tok(d, b)->flags & DX_TK_SENT) || titled_at(st, b))
                continue;
            for (size_t k = b; k <= e; k++)
                if (!is_cap_word(st, k)) b = SIZE_MAX;
            if (b == SIZE_MAX) continue;
            add_mention(st, b, s1, DX_ENT_PLACE, -1, DX_LINK_NEW);
            state = &d->ments.items[m];
        }
        state->type = DX_ENT_NONE; /* dropped by drop_mentions */
    }
}

/* ---------------------------------------------------------------- places by context */

/* Token k could be a place name by its shape alone: a capitalised word of
 * three letters or more that no class claims for something else. */
static int bare_name_word(const rec_state *st, size_t k)
{
    const dx_doc *d = st->doc;
    const dx_token *t = tok(d, k);
    if (!is_cap_word(st, k) || (t->flags & (DX_TK_UPPER | DX_TK_SENT)) || t->end - t->start < 4 ||
        (t->wclass & (DX_W_STOPCAP | DX_W_TITLE | DX_W_GIVEN | DX_W_NATIONALITY | DX_W_GROUP | DX_W_ORGHEAD |
                      DX_W_PERSONCUE | DX_W_NOTSPEAKER | DX_W_ABBREV)) ||
        (st->mark[k] & LINE_TITLE) || (t->lex & DX_L_DATE))
        return 0;
    /* Title case, letters only: not OCR debris ("U3c", "Jits") */
    for (uint32_t b = t->start + 1; b < t->end; b++) {
        unsigned char c = (unsigned char)d->text[b];
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) return 0;
    }
    return
           !(st->mark[k] & LINE_TITLE) && !(t->lex & DX_L_DATE) &&
           !(t->wclass & (DX_W_STOPCAP | DX_W_TITLE | DX_W_GIVEN | DX_W_NATIONALITY | DX_W_GROUP | DX_W_ORGHEAD |
                          DX_W_PERSONCUE | DX_W_NOTSPEAKER | DX_W_ABBREV));
}

/* The end of a one- or two-word bare name at k (one past it), or 0. */
static size_t bare_name_end(const rec_state *st, size_t k)
{
    const dx_doc *d = st->doc;
    if (!bare_name_word(st, k)) return 0;
    size_t e = k + 1;
    if (e < d->toks.len && bare_name_word(st, e) && !(tok(d, e)->flags & DX_TK_NL)) e++;
    /* the name must end there: not before another capital, nor a possessive */
    if (e < d->toks.len && tok(d, e)->sent == tok(d, k)->sent &&
        (((tok(d, e)->flags & DX_TK_CAP) && (tok(d, e)->flags & DX_TK_WORD)) || tok_eq(d, e, "'") ||
         tok_eq(d, e, "\xE2\x80\x99") || (tok_eq(d, e, "-") && tok(d, e)->end - tok(d, e)->start == 1)))
        return 0;
    return e;
}

static int lower_word_is(const dx_doc *d, size_t k, uint64_t key)
{
    return k < d->toks.len && !(d->toks.items[k].flags & DX_TK_CAP) && d->toks.items[k].lkey == key;
}

/* A capitalised plural no class or gazetteer claims: "Cherokees", "Actives"
 * (not "Germans", "Bolsheviks", "the Alps"). */
static int plural_name(const rec_state *st, size_t k)
{
    const dx_doc *d = st->doc;
    if (!bare_name_word(st, k) || (tok(d, k)->lex & (DX_L_GAZ | DX_L_GAZ_IN))) return 0;
    const dx_token *t = tok(d, k);
    return d->text[t->end - 1] == 's' && d->text[t->end - 2] != 's';
}


/* An item of a list: a one-token mention or a bare name; sets *end and
 * *ment (the mention's index or -1). */
static int list_item(const rec_state *st, size_t k, size_t *end, int32_t *ment)
{
    const dx_doc *d = st->doc;
    if (k >= d->toks.len) return 0;
    int32_t ak = at_of(st, k);
    if (ak >= 0) {
        const dx_mention *mn = &d->ments.items[ak];
        if (mn->start != tok(d, k)->start) return 0;
        size_t e = m_last(st, (size_t)ak) + 1;
        if (e - k > 3) return 0;
        *end = e;
        *ment = ak;
        return 1;
    }
    size_t e = bare_name_end(st, k);
    /* a given name alone may name a place in a list of places ("Monroe,
     * Wayne, Huron"); the list decides */
    if (!e && (wclass(st, k) & DX_W_GIVEN) && !(wclass(st, k) & (DX_W_STOPCAP | DX_W_TITLE)) && is_cap_word(st, k) &&
        !(tok(d, k)->flags & (DX_TK_UPPER | DX_TK_SENT)) && k + 1 < d->toks.len && !(tok(d, k + 1)->flags & DX_TK_WORD) &&
        !tok_eq(d, k + 1, "'") && !tok_eq(d, k + 1, "."))
        e = k + 1;
    if (!e) return 0;
    *end = e;
    *ment = -1;
    return 1;
}

/* Places by their context: "the city of Tacoma", "at Granville,", "near
 * Fulsom", "from Belipatain to Callicut", and the unknown or shape-found
 * names of a list that names known places ("in Kasjinzev, Orlovsk and
 * Stavropol"). */
static void place_context_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t n = d->toks.len;
    const uint64_t k_of = dx_hash("of", 2), k_at = dx_hash("at", 2), k_in = dx_hash("in", 2),
                   k_near = dx_hash("near", 4), k_from = dx_hash("from", 4), k_to = dx_hash("to", 2),
                   k_and = dx_hash("and", 3), k_or = dx_hash("or", 2), k_comma = dx_hash(",", 1);
    /* (each context below is a lowercase word before the name: the capitals
     * after one of them, listed by note_starts) */
    for (size_t ai = 0, next = 1; ai < st->after_place_word.len; ai++) {
        size_t k = st->after_place_word.items[ai];
        if (k < next) continue;
        uint32_t sent = tok(d, k)->sent;
        /* "the city of X" */
        if (k >= 2 && lower_word_is(d, k - 1, k_of) && (wclass(st, k - 2) & DX_W_PLACEOF) &&
            !(tok(d, k - 2)->flags & DX_TK_CAP) && tok(d, k - 2)->sent == sent) {
            size_t e = bare_name_end(st, k);
            if (e) {
                add_mention(st, k, e, DX_ENT_PLACE, -1, DX_LINK_NEW);
                next = e;
                continue;
            }
        }
        /* "at X,", "near X", "in X": a bare name, or one a shape rule took for
         * a person ("in Kasjinzev") */
        if (lower_word_is(d, k - 1, k_at) || lower_word_is(d, k - 1, k_near) || lower_word_is(d, k - 1, k_in)) {
            /* a one-word person there: a given name alone ("in Isabella,"), or
             * after "near" a gazetteer surname ("near Fayette.") */
            int32_t ak = at_of(st, k);
            if (ak >= 0 && d->ments.items[ak].type == DX_ENT_PERSON && m_last(st, (size_t)ak) == k &&
                M_FIRST(st, (size_t)ak) == k && k + 1 < n && !(tok(d, k + 1)->flags & DX_TK_WORD) &&
                !tok_eq(d, k + 1, "'") && !tok_eq(d, k + 1, "\xE2\x80\x99") && !(tok(d, k)->flags & DX_TK_SENT)) {
                dx_mention *mn = &d->ments.items[ak];
                int given_alone = mn->ent == -1 && (wclass(st, k) & DX_W_GIVEN) && !titled_at(st, k);
                int near_surname = mn->ent >= 0 && mn->link == DX_LINK_SURNAME && lower_word_is(d, k - 1, k_near);
                if (given_alone || near_surname) {
                    mn->type = DX_ENT_PLACE;
                    mn->ent = -1;
                    mn->link = DX_LINK_NEW;
                    mn->from_gazetteer = 0;
                    continue;
                }
            }
            size_t e = bare_name_end(st, k);
            /* it ends a phrase: punctuation, a line end, a function word
             * ("in Classical studies" is no place) */
            if (e && (e >= n || (tok(d, e)->flags & DX_TK_NL) || !(tok(d, e)->flags & DX_TK_WORD) ||
                      (wclass(st, e) & (DX_W_STOPCAP | DX_W_PLACECUE)) || (tok(d, e)->lex & DX_L_DATE))) {
                add_mention(st, k, e, DX_ENT_PLACE, -1, DX_LINK_NEW);
                next = e;
                continue;
            }
        }
        /* "from X to Y" */
        if (lower_word_is(d, k - 1, k_from)) {
            size_t e = bare_name_end(st, k), e2;
            if (e && lower_word_is(d, e, k_to) && (e2 = bare_name_end(st, e + 1)) != 0) {
                add_mention(st, k, e, DX_ENT_PLACE, -1, DX_LINK_NEW);
                add_mention(st, e + 1, e2, DX_ENT_PLACE, -1, DX_LINK_NEW);
                next = e2;
                continue;
            }
        }
    }
    /* lists: an item is at most three tokens, and a comma, "and" or "or"
     * must follow it (the capitals so followed, listed by note_starts) */
    for (size_t li = 0, next = 0; li < st->before_sep.len; li++) {
        size_t k = st->before_sep.items[li], e;
        int32_t m;
        if (k < next || !list_item(st, k, &e, &m)) continue;
        size_t starts[32], ends[32];
        int32_t ments[32];
        size_t ni = 0, commas = 0;
        starts[0] = k, ends[0] = e, ments[0] = m, ni = 1;
        size_t q = e;
        while (ni < 32 && q < n && tok(d, q)->sent == tok(d, k)->sent) {
            size_t r = q;
            if (tok(d, r)->lkey == k_comma) {
                commas++;
                r++;
            }
            if (r < n && (lower_word_is(d, r, k_and) || lower_word_is(d, r, k_or))) r++;
            if (r == q || r >= n || tok(d, r)->sent != tok(d, k)->sent || !list_item(st, r, &e, &m)) break;
            starts[ni] = r, ends[ni] = e, ments[ni] = m, ni++;
            q = e;
        }
        if (ni >= 2) {
            int places = 0, others = 0, unknown = 0, weak = 0;
            for (size_t x = 0; x < ni; x++) {
                const dx_mention *mn = ments[x] >= 0 ? &d->ments.items[ments[x]] : NULL;
                if (!mn) unknown++;
                else if (mn->type == DX_ENT_PLACE) places++;
                else if (mn->type == DX_ENT_PERSON && mn->ent == -1 && mn->label_start == mn->start &&
                         ends[x] - starts[x] == 1 && !titled_at(st, starts[x]))
                    unknown++; /* a one-word person found by its shape */
                else if (mn->type == DX_ENT_PERSON && mn->link == DX_LINK_SURNAME && ends[x] - starts[x] == 1 &&
                         !titled_at(st, starts[x]))
                    weak++; /* a gazetteer surname alone: "Monroe, Wayne, Huron" are counties */
                else
                    others++;
            }
            /* "the lake-bordered counties — Monroe, Wayne, Huron": a list
             * after a place noun names places */
            size_t b = k;
            while (b > 0 && (tok_eq(d, b - 1, ":") || tok_eq(d, b - 1, "-") || tok_eq(d, b - 1, ",")) &&
                   tok(d, b - 1)->sent == tok(d, k)->sent)
                b--;
            int after_place_noun = b > 0 && (wclass(st, b - 1) & DX_W_PLACEOF) && !(tok(d, b - 1)->flags & DX_TK_CAP) &&
                                   ni >= 3;
            if (after_place_noun) {
                places++;
                unknown += weak;
                weak = 0;
            }
            if (weak && places >= 2 && places > weak) {
                unknown += weak;
                weak = 0;
            }
            others += weak;
            /* a list of places: known ones, no person or organisation named
             * in full, three items or more ("X, Y and Z") or two with one known */
            /* a list of people named in full: an item that looks like a firm
             * by its head is one more person ("Jason Riddick, Robert Brothers,
             * James Hanell") */
            int people = 0;
            for (size_t x = 0; x < ni; x++) {
                const dx_mention *mn = ments[x] >= 0 ? &d->ments.items[ments[x]] : NULL;
                if (mn && mn->type == DX_ENT_PERSON && ends[x] - starts[x] >= 2 && (wclass(st, starts[x]) & DX_W_GIVEN))
                    people++;
            }
            if (people >= 2 && ni >= 3)
                for (size_t x = 0; x < ni; x++) {
                    dx_mention *mn = ments[x] >= 0 ? &d->ments.items[ments[x]] : NULL;
                    if (mn && mn->type == DX_ENT_ORG && mn->ent == -1 && ends[x] - starts[x] == 2 &&
                        (wclass(st, starts[x]) & DX_W_GIVEN))
                        mn->type = DX_ENT_PERSON;
                }
            if (places && !others && unknown && (ni >= 3 || (commas == 0 && places == 1))) {
                for (size_t x = 0; x < ni; x++) {
                    if (ments[x] < 0) {
                        add_mention(st, starts[x], ends[x], DX_ENT_PLACE, -1, DX_LINK_NEW);
                    } else {
                        dx_mention *mn = &d->ments.items[ments[x]];
                        if (mn->type == DX_ENT_PERSON) {
                            mn->type = DX_ENT_PLACE;
                            mn->link = DX_LINK_NEW;
                            mn->ent = -1;
                            mn->from_gazetteer = 0;
                        }
                    }
                }
            }
        }
        next = ends[ni - 1];
    }
}

/* ---------------------------------------------------------------- organisations by context */

static int lower_content_word(const rec_state *st, size_t k)
{
    const dx_token *t = tok(st->doc, k);
    return (t->flags & DX_TK_WORD) && !(t->flags & (DX_TK_CAP | DX_TK_NUM)) && t->end - t->start >= 3 &&
           !(t->wclass & (DX_W_STOPCAP | DX_W_PLACECUE | DX_W_PERSONCUE | DX_W_NAMECONNECT | DX_W_LOWER_CONNECT)) &&
           !TAKEN(st, k);
}

/* Organisations written in lowercase: "the county board of health", "the
 * bureau of mines" (a body's head, "of" and its field), "the post office
 * department" (after "the", a department with its qualifiers). */
static void org_context_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t n = d->toks.len;
    /* "the Creeks and Cherokees", "the Athletics and the Actives": two
     * plurals no class claims, joined, name two bodies (tribes, teams) */
    const uint64_t k_the = dx_hash("the", 3);
    for (size_t pi = 0, next = 1; pi < st->the_x_and.len; pi++) {
        size_t k = st->the_x_and.items[pi]; /* (after "the", before a lowercase "and") */
        if (k < next || !plural_name(st, k)) continue;
        size_t y = k + 2;
        if (y + 1 < n && lower_word_is(d, y, k_the)) y++;
        if (!plural_name(st, y) || tok(d, y)->sent != tok(d, k)->sent) continue;
        add_mention(st, k, k + 1, DX_ENT_ORG, -1, DX_LINK_NEW);
        add_mention(st, y, y + 1, DX_ENT_ORG, -1, DX_LINK_NEW);
        next = y + 1;
    }
    /* "the 7th Cavalry", "the 42nd Regiment": an ordinal and a unit's head */
    for (size_t oi = 0; oi < st->orghead_caps.len; oi++) {
        size_t ci = st->orghead_caps.items[oi], k = st->caps.items[ci];
        if (TAKEN(st, k)) continue; /* (the rest as note_classes listed it) */
        const dx_token *t = tok(d, k);
        const dx_token *o = tok(d, k - 1);
        size_t ol = o->end - o->start;
        if (!(o->flags & DX_TK_WORD) || o->sent != t->sent || ol < 3 || d->text[o->start] < '0' ||
            d->text[o->start] > '9' || (k + 1 < n && is_cap_word(st, k + 1)))
            continue;
        const char *sfx = d->text + o->end - 2;
        if (strncmp(sfx, "st", 2) && strncmp(sfx, "nd", 2) && strncmp(sfx, "rd", 2) && strncmp(sfx, "th", 2)) continue;
        add_mention(st, k - 1, k + 1, DX_ENT_ORG, -1, DX_LINK_NEW);
    }
    const uint64_t k_of = dx_hash("of", 2), k_dept = dx_hash("department", 10);
    for (size_t bi = 0, next = 1; bi < st->boards.len; bi++) {
        size_t k = st->boards.items[bi];
        const dx_token *t = tok(d, k);
        if (k < next || k + 1 >= n) continue;
        /* (the class first: it rules out nearly every token) */
        if (!(t->wclass & DX_W_LOWBOARD) || !(t->flags & DX_TK_WORD) || TAKEN(st, k) || (st->mark[k] & LINE_CAPS))
            continue;
        uint32_t sent = t->sent;
        if (!(t->flags & DX_TK_CAP)) {
            /* "board of health" */
            if (k + 2 < n && lower_word_is(d, k + 1, k_of) && lower_content_word(st, k + 2) &&
                tok(d, k + 2)->sent == sent && !(wclass(st, k + 2) & (DX_W_ORGHEAD | DX_W_PLACEOF))) {
                size_t b = k;
                if (b > 0 && (wclass(st, b - 1) & DX_W_PLACEOF) && !(tok(d, b - 1)->flags & DX_TK_CAP) && !TAKEN(st, b - 1))
                    b--;
                if (b > 0 && (lower_word_is(d, b - 1, k_the) || tok_eq(d, b - 1, "the"))) {
                    add_mention(st, b, k + 3, DX_ENT_ORG, -1, DX_LINK_NEW);
                    next = k + 3;
                    continue;
                }
            }
            /* "the post office department" */
            if (t->lkey == k_dept && !lower_word_is(d, k + 1, k_of)) {
                size_t b = k;
                while (b > 0 && k - b < 2 && tok(d, b - 1)->sent == sent &&
                       (lower_content_word(st, b - 1) ||
                        ((wclass(st, b - 1) & DX_W_ORGHEAD) && !(tok(d, b - 1)->flags & DX_TK_CAP) && !TAKEN(st, b - 1))))
                    b--;
                if (b < k && b > 0 && lower_word_is(d, b - 1, k_the)) {
                    add_mention(st, b, k + 1, DX_ENT_ORG, -1, DX_LINK_NEW);
                    continue;
                }
            }
        }
    }
}

/* Removes the mentions set to DX_ENT_NONE, keeping the links between the
 * others (ent <= -2 names a mention by its index) and their first tokens. */
static void drop_mentions(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t nm = d->ments.len, w = 0;
    /* (the mentions before the first dropped stay where they are, and a
     * document that drops none, most, has nothing to do: each mention, a
     * hundred bytes, was copied onto itself, and the links renumbered
     * through a table that changed none) */
    while (w < nm && d->ments.items[w].type != DX_ENT_NONE) w++;
    if (w == nm) return;
    int32_t *to = xmalloc((nm + 1) * sizeof(*to));
    for (size_t m = 0; m < w; m++) to[m] = (int32_t)m;
    for (size_t m = w; m < nm; m++) {
        to[m] = d->ments.items[m].type == DX_ENT_NONE ? -1 : (int32_t)w;
        if (to[m] >= 0) {
            st->mtok.items[w] = st->mtok.items[m];
            st->mlast.items[w] = st->mlast.items[m];
            d->ments.items[w++] = d->ments.items[m];
        }
    }
    st->mtok.len = w;
    st->mlast.len = w;
    d->ments.len = w;
    for (size_t m = 0; m < w; m++) {
        dx_mention *mn = &d->ments.items[m];
        if (mn->ent <= -2) {
            int32_t t = to[-2 - mn->ent];
            mn->ent = t >= 0 ? -2 - t : -1;
            if (t < 0) mn->link = DX_LINK_NEW;
        }
    }
    free(to);
}

/* Speaker labels are people: "VYSHINSKY:", "Rykov:". */
static void speaker_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t ti = 0;
    if (d->turns.len < 2) return; /* a transcript has turns */
    for (size_t tu = 0; tu < d->turns.len; tu++) {
        dx_turn *turn = &d->turns.items[tu];
        /* (by bisection: the turns of a long transcript are far apart) */
        size_t x = dx_tok_index(d, turn->label_start);
        if (x < d->toks.len && tok(d, x)->start < turn->label_start) x++;
        if (x > ti) ti = x;
        size_t tj = ti;
        while (tj < d->toks.len && tok(d, tj)->end <= turn->label_end) tj++;
        int any = 0, name_words = 0;
        for (size_t k = ti; k < tj; k++) {
            any |= TAKEN(st, k);
            if ((tok(d, k)->flags & DX_TK_WORD) && !(wclass(st, k) & (DX_W_TITLE | DX_W_STOPCAP)))
                name_words++;
        }
        /* "THE PRESIDENT:" is a role, not a name; a lone "BRIDE-ELECT:" heads a
         * notice: a transcript has turns */
        if (!any && tj > ti && name_words) add_mention(st, ti, tj, DX_ENT_PERSON, -1, DX_LINK_NEW);
    }
}

/* A 256-bit filter of the keys put in one of a document's small maps: the
 * passes ask it of every capitalised word, most of which are in none, and
 * it answers those without the map's hashing and probing. */
typedef struct {
    uint64_t w[4];
} key_filter;
static inline void kf_add(key_filter *f, uint64_t key) { f->w[(key >> 6) & 3] |= 1ULL << (key & 63); }
static inline int kf_may(const key_filter *f, uint64_t key) { return (int)((f->w[(key >> 6) & 3] >> (key & 63)) & 1); }

/* A given name alone ("Tom held up the train") names the one person the
 * document names in full with it ("Tom Ketchum"); with two such, nobody. */
/* A word alone at token i names the person `to` (an entry, or -2 - the
 * full-name mention): a one-word mention the shape rules found there and
 * left unlinked is linked, else a new one is made where nothing is. */
static void link_word_alone(rec_state *st, size_t i, int32_t to)
{
    dx_doc *d = st->doc;
    int32_t cur = at_of(st, i);
    if (cur >= 0) {
        dx_mention *mn = &d->ments.items[cur];
        if (mn->type != DX_ENT_PERSON || mn->ent != -1 || M_FIRST(st, (size_t)cur) != i || m_last(st, (size_t)cur) != i ||
            UNLINKED(st, i))
            return;
        mn->ent = to;
        mn->link = DX_LINK_SURNAME;
        mn->from_gazetteer = to >= 0;
    } else if (!TAKEN(st, i)) {
        add_mention(st, i, i + 1, DX_ENT_PERSON, to, DX_LINK_SURNAME);
    }
}

/* The people named in full, unlinked to another mention, as their own label
 * says (PERSON, ent > -2, label_start == start, two tokens or more), in
 * order: head_name_pass and given_pass read these alone, and neither
 * changes which they are (both link or add mentions of one word only), so
 * one walk over every mention lists them for both. */
typedef DX_VEC(uint32_t) full_names;
static void list_full_names(const rec_state *st, full_names *out)
{
    const dx_doc *d = st->doc;
    for (size_t m = 0; m < d->ments.len; m++) {
        const dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent <= -2 || mn->label_start != mn->start ||
            m_last(st, m) == M_FIRST(st, m))
            continue;
        DX_PUSH(*out, (uint32_t)m);
    }
}

static void given_pass(rec_state *st, const full_names *full)
{
    dx_doc *d = st->doc;
    dx_u64map *giv = NULL; /* given name lkey -> index into people */
    key_filter giv_keys = {{0}};
    DX_VEC(struct { uint32_t m; int32_t ent; uint64_t who; uint8_t ambiguous; }) people = {0};
    for (size_t fi = 0; fi < full->len; fi++) {
        size_t m = full->items[fi];
        const dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent <= -2 || mn->label_start != mn->start) continue;
        size_t k = M_FIRST(st, m), last = m_last(st, m);
        /* a title and a given name ("Emperor Maximilian", "Queen Victoria"):
         * the given name is the one the person goes by */
        int titled = last == k + 1 && (wclass(st, k) & DX_W_TITLE) && (wclass(st, last) & DX_W_GIVEN);
        if (titled) k = last;
        if ((last == k && !titled) || !(wclass(st, k) & DX_W_GIVEN) || !(tok(d, k)->flags & DX_TK_WORD) ||
            tok(d, k)->end - tok(d, k)->start < 3)
            continue;
        /* who: the gazetteer entry, or the surname as spelled */
        uint64_t who = mn->ent >= 0 ? (uint64_t)mn->ent : tok(d, last)->lkey ^ 0x5bd1e995ULL;
        if (!giv) giv = dx_u64map_new_small();
        const uint32_t *v;
        if (dx_u64map_get(giv, tok(d, k)->lkey, &v)) {
            if (people.items[v[0]].who != who) people.items[v[0]].ambiguous = 1;
            continue;
        }
        dx_u64map_add(giv, tok(d, k)->lkey, (uint32_t)people.len);
        kf_add(&giv_keys, tok(d, k)->lkey);
        DX_GROW(people, people.len + 1);
        people.items[people.len].m = (uint32_t)m;
        people.items[people.len].ent = mn->ent;
        people.items[people.len].who = who;
        people.items[people.len].ambiguous = 0;
        people.len++;
    }
    for (size_t gi = 0; giv && gi < st->given_caps.len; gi++) {
        size_t i = st->caps.items[st->given_caps.items[gi]]; /* (a given name, as note_classes listed it) */
        const dx_token *t = tok(d, i);
        /* alone: not the first of another full name, nor an initial */
        if (i + 1 < d->toks.len && ((tok(d, i + 1)->flags & DX_TK_CAP) || tok_eq(d, i + 1, ".")) &&
            tok(d, i + 1)->sent == t->sent)
            continue;
        const uint32_t *v;
        if (!kf_may(&giv_keys, t->lkey) || !dx_u64map_get(giv, t->lkey, &v) || people.items[v[0]].ambiguous) continue;
        int32_t to = people.items[v[0]].ent >= 0 ? people.items[v[0]].ent : -2 - (int32_t)people.items[v[0]].m;
        link_word_alone(st, i, to);
    }
    DX_FREE(people);
    if (giv) dx_u64map_free(giv);
}

/* May the word at token q of a person's full name first..last name that
 * person alone (head_name_pass)? The first word when it is a family name
 * written first ("Liu" of "Liu Shaoqi") or no given name ("Nagy" of "Nagy
 * Imre"); an inner word when it is a name of its own ("Lula" of "Luiz
 * Inacio Lula da Silva"): capitalised, no initial, abbreviation, particle,
 * title, given name of the person or patronymic, not a part of a
 * hyphenated word. */
static int head_word(const rec_state *st, size_t q, size_t first, size_t last, int *family_memo)
{
    const dx_doc *d = st->doc;
    const dx_token *t = tok(d, q);
    if (!(t->flags & DX_TK_WORD) || !(t->flags & DX_TK_CAP) || (t->flags & (DX_TK_UPPER | DX_TK_NUM)) ||
        t->end - t->start < 2 || patronymic(d, q) || (q + 1 <= last && adjacent(d, q)) ||
        (q > first && adjacent(d, q - 1)))
        return 0;
    uint32_t c = t->wclass & ~(uint32_t)(DX_W_MALE | DX_W_FEMALE);
    /* (whether the first word is a family name: asked once per name, in
     * *family_memo, -1 until then; a lookup per word asked it again) */
    if (*family_memo < 0) *family_memo = dx_family_first(st->lex, tok(d, first)->lkey) != 0;
    int family = *family_memo;
    /* a first word no list knows, of a short name ("Nagy Imre", "Retaux de
     * Villette"; not a long run that may be no person's) */
    if (q == first) return (c == 0 && (family || last - first <= 3)) || (c == DX_W_GIVEN && family);
    /* an inner word of a name that starts as a person's does */
    if (t->end - t->start < 3 || !(family || (tok(d, first)->wclass & DX_W_GIVEN))) return 0;
    if (c == 0) return 1;
    /* a woman's given name inside a man's name, or the reverse, is none of
     * his given names: "Lula" of "Luiz Inacio Lula da Silva" */
    const uint32_t sex = DX_W_MALE | DX_W_FEMALE;
    uint32_t a = tok(d, first)->wclass & sex, b = t->wclass & sex;
    return c == DX_W_GIVEN && (tok(d, first)->wclass & DX_W_GIVEN) && (a == DX_W_MALE || a == DX_W_FEMALE) &&
           (b == DX_W_MALE || b == DX_W_FEMALE) && a != b;
}

/* A word of a full name other than its last names that person alone, once
 * the document has named them in full: "Liu Shaoqi ... Liu", "Nagy Imre
 * ... Nagy", "Luiz Inacio Lula da Silva ... Lula" (head_word says which
 * words). A surname (a last word: surname_pass) and a given name alone
 * (given_pass) follow their own rules; a word two people's names hold names
 * nobody. */
static void head_name_pass(rec_state *st, const dx_u64map *sur, const full_names *full)
{
    dx_doc *d = st->doc;
    dx_u64map *heads = NULL; /* word lkey -> index into people */
    key_filter head_keys = {{0}};
    DX_VEC(struct { int32_t to; uint64_t who; uint8_t ambiguous; }) people = {0};
    for (size_t fi = 0; fi < full->len; fi++) {
        size_t m = full->items[fi];
        const dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent <= -2 || mn->label_start != mn->start) continue;
        size_t f = M_FIRST(st, m), last = m_last(st, m);
        if (last == f) continue;
        /* who: the gazetteer entry, or the name's words */
        uint64_t who = 0x9e3779b97f4a7c15ULL;
        if (mn->ent >= 0) who = (uint64_t)mn->ent;
        else
            for (size_t q = f; q <= last; q++) who = dx_hash_combine(who, tok(d, q)->lkey);
        int family = -1; /* (head_word's memo) */
        for (size_t q = f; q < last; q++) {
            const uint32_t *v;
            if (!head_word(st, q, f, last, &family) || dx_u64map_get(sur, tok(d, q)->lkey, &v)) continue;
            if (!heads) heads = dx_u64map_new_small();
            if (dx_u64map_get(heads, tok(d, q)->lkey, &v)) {
                if (people.items[v[0]].who != who) people.items[v[0]].ambiguous = 1;
                continue;
            }
            dx_u64map_add(heads, tok(d, q)->lkey, (uint32_t)people.len);
            kf_add(&head_keys, tok(d, q)->lkey);
            DX_GROW(people, people.len + 1);
            people.items[people.len].to = mn->ent >= 0 ? mn->ent : -2 - (int32_t)m;
            people.items[people.len].who = who;
            people.items[people.len].ambiguous = 0;
            people.len++;
        }
    }
    for (size_t ci = 0; heads && ci < st->caps.len; ci++) {
        size_t i = st->caps.items[ci];
        const cap_info *c = &st->cinfo[ci];
        const uint32_t *v;
        /* (the filter of the heads' keys first: it rules out most) */
        if (!kf_may(&head_keys, c->lkey) || !(c->flags & DX_TK_WORD) || (c->flags & DX_TK_UPPER) ||
            (st->mark[i] & LINE_CAPS) || !dx_u64map_get(heads, c->lkey, &v))
            continue;
        const dx_token *t = tok(d, i);
        /* alone: no name word, hyphen or initial's stop touching or following it */
        if (i + 1 < d->toks.len && tok(d, i + 1)->sent == t->sent &&
            ((tok(d, i + 1)->flags & DX_TK_CAP) || tok_eq(d, i + 1, ".") ||
             (adjacent(d, i) && (tok(d, i + 1)->flags & DX_TK_WORD)) || (adjacent(d, i) && tok_eq(d, i + 1, "-"))))
            continue;
        if (i > 0 && adjacent(d, i - 1) && tok_eq(d, i - 1, "-")) continue;
        /* nor a particle and more name ("Plan de Ayala" is no "Plan") */
        if (particle_at(st, i + 1) && i + 2 < d->toks.len && (tok(d, i + 2)->flags & DX_TK_CAP)) continue;
        int32_t to = people.items[v[0]].to, cur = at_of(st, i);
        if (people.items[v[0]].ambiguous) { /* a person, but which */
            if (cur < 0 && !TAKEN(st, i)) add_mention(st, i, i + 1, DX_ENT_PERSON, -1, DX_LINK_NEW);
            st->mark[i] |= MK_UNLINKED;
            continue;
        }
        link_word_alone(st, i, to);
    }
    DX_FREE(people);
    if (heads) dx_u64map_free(heads);
}

/* The people named in full by a surname: for each surname, the first
 * full-name mention, and whether two different people carry it ("Pavel
 * Zhirkovsky" and "Ivan Zhirkovsky"; "P. Zhirkovsky" is Pavel's). */
typedef struct {
    uint32_t first_m;
    unsigned char initial;
    uint8_t ambiguous;
} surname_group;

static unsigned char first_initial(const dx_doc *d, const dx_mention *m)
{
    unsigned char c = (unsigned char)d->text[m->start];
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Is gazetteer person e named in full by a mention before mention m (the
 * gazetteer pass adds its mentions in text order)? *memo_e, *memo_m keep
 * the last entry asked about and its first full mention (SIZE_MAX: none). */
static int named_before(const rec_state *st, uint32_t e, size_t m, int64_t *memo_e, size_t *memo_m)
{
    const dx_doc *d = st->doc;
    if (*memo_e != (int64_t)e) {
        *memo_e = e;
        *memo_m = SIZE_MAX;
        for (size_t k = 0; k < d->ments.len; k++) {
            const dx_mention *x = &d->ments.items[k];
            if (x->type == DX_ENT_PERSON && x->ent == (int32_t)e && m_last(st, k) > M_FIRST(st, k)) {
                *memo_m = k;
                break;
            }
        }
    }
    return *memo_m < m;
}

/* The namesake a bare surname means when the document names several in
 * full: the gazetteer person it names in full at least three times, and
 * three times as often as all the others of that surname together (the
 * protagonist of a history, beside a brother named once); -1 if none.
 * Memoised per surname in memo (lkey -> entry + 1, 0 for none). */
static int64_t dominant_namesake(const rec_state *st, uint64_t lkey, dx_u64map *memo)
{
    const uint32_t *v;
    if (dx_u64map_get(memo, lkey, &v)) return (int64_t)v[0] - 1;
    const dx_doc *d = st->doc;
    int64_t top = -1;
    size_t ntop = 0, nother = 0;
    for (size_t k = 0; k < d->ments.len; k++) {
        const dx_mention *x = &d->ments.items[k];
        size_t last = m_last(st, k);
        if (x->type != DX_ENT_PERSON || last == M_FIRST(st, k) || tok(d, last)->lkey != lkey) continue;
        if (x->ent >= 0 && x->from_gazetteer && (top < 0 || x->ent == top)) {
            top = x->ent;
            ntop++;
        } else {
            nother++;
        }
    }
    int64_t who = top >= 0 && ntop >= 3 && ntop >= 3 * nother ? top : -1;
    dx_u64map_add(memo, lkey, (uint32_t)(who + 1));
    return who;
}

/* What a bare surname may name (surname_pass), for the alias key it was
 * found by and the surname as spelled (its lkey): the gazetteer's people
 * of that surname, those of them the document names in full, the one its
 * data names by the surname alone, and the document's full names with it
 * (sur, groups). None of it changes while the bare surnames are linked, and
 * a surname comes back many times in a document: kept per (key, lkey). */
#define SURNAME_MEMO 256 /* (64 slots missed twice as often: a long document names more surnames) */
typedef struct {
    uint64_t key, lkey;
    int64_t seen, only, deflt;
    int nseen, ncand, ndeflt, ngroup;
    uint32_t group; /* ngroup: its index in groups */
} surname_cands;

typedef DX_VEC(surname_group) surname_groups;

static void surname_candidates(const rec_state *st, uint64_t key, uint64_t lkey, const dx_u64map *sur,
                               const surname_groups *groups, surname_cands *c)
{
    const dx_lexicon *lex = st->lex;
    const uint32_t *vals;
    size_t nv = dx_u64map_get(lex->gaz_index, key, &vals);
    /* the gazetteer's candidates: its people of this surname; a name
     * spelled as one candidate writes it beats the transliteration fold's
     * other matches ("Levin" is not "Lewin") */
    int64_t seen = -1, only = -1, deflt = -1;
    int nseen = 0, ncand = 0, spelled = 0, ndeflt = 0;
    for (size_t v = 0; v < nv && nv > 1 && !spelled; v++)
        spelled |= dx_gaz_surname_spelled(lex, vals[v] & DX_GAZ_ENTRY, lkey);
    for (size_t v = 0; v < nv; v++) {
        uint32_t e = vals[v] & DX_GAZ_ENTRY;
        if (lex->gaz.items[e].type != DX_ENT_PERSON) continue;
        /* the one-word alias "Kamenev" says who the surname alone means */
        if (!(vals[v] & DX_GAZ_SURNAME) && deflt != e) {
            ndeflt++;
            deflt = e;
        }
        if (spelled && (vals[v] & DX_GAZ_SURNAME) && !dx_gaz_surname_spelled(lex, e, lkey)) continue;
        int dup = 0;
        for (size_t w = 0; w < v; w++) dup |= (vals[w] & DX_GAZ_ENTRY) == e;
        if (dup) continue;
        ncand++;
        only = e;
        if (SEEN_FULL(st, e)) {
            nseen++;
            seen = e;
        }
    }
    const uint32_t *g;
    c->ngroup = 0;
    c->group = 0;
    if (dx_u64map_get(sur, lkey, &g)) {
        c->ngroup = groups->items[g[0]].ambiguous ? 2 : 1;
        c->group = g[0];
    }
    c->key = key;
    c->lkey = lkey;
    c->seen = seen, c->only = only, c->deflt = deflt;
    c->nseen = nseen, c->ncand = ncand, c->ndeflt = ndeflt;
}

/* Bare surnames, once the whole document is read (spelled as the full name
 * spells it: a shape-found "Robert Currie" is not "Curie"). A surname alone links to
 * the one person the document names in full with it (a gazetteer entry or a
 * shape-found "Mikhail Poloz"); when the document names nobody with it in
 * full, to the gazetteer's only person of that surname; when two people
 * carry it, or the gazetteer has several and the document names none,
 * it links to nobody: a new entity, never a guess. */
static void surname_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    dx_u64map *sur = dx_u64map_new_small(); /* surname lkey (as spelled) -> index into groups */
    key_filter sur_keys = {{0}};
    surname_groups groups = {0};
    /* The unlinked people (PERSON, ent -1) of one word and of several, in
     * order: the walks below after this one read these alone, and the only
     * mentions that change meanwhile are the pending bare surnames, none of
     * them unlinked before (a gazetteer entry) and each marked MK_UNLINKED
     * when it becomes so (one walk lists them where three walked every
     * mention). */
    DX_VEC(uint32_t) singles = {0}, multis = {0};
    size_t nm = d->ments.len;
    for (size_t m = 0; m < nm; m++) {
        dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent != -1) continue;
        /* last word token of the span */
        size_t k = m_last(st, m);
        if (tok(d, k)->start <= mn->start) { /* single word already */
            DX_PUSH(singles, (uint32_t)m);
            continue;
        }
        DX_PUSH(multis, (uint32_t)m);
        /* "Adolfo de la Huerta" is "de la Huerta" alone, not "Huerta" */
        if (k > 0 && particle_at(st, k - 1)) continue;
        const uint32_t *v;
        unsigned char ini = first_initial(d, mn);
        if (dx_u64map_get(sur, tok(d, k)->lkey, &v)) {
            if (groups.items[v[0]].initial != ini) groups.items[v[0]].ambiguous = 1;
            continue;
        }
        surname_group g = {(uint32_t)m, ini, 0};
        dx_u64map_add(sur, tok(d, k)->lkey, (uint32_t)groups.len);
        kf_add(&sur_keys, tok(d, k)->lkey);
        DX_PUSH(groups, g);
    }
    /* each part of a double surname names its bearer alone too
     * ("Marchetti-Rousseau", "Walsin-Esterhazy de Montbrun": Marchetti,
     * Esterhazy); not the parts of a double given name ("Klaus-Dieter") */
    for (size_t mi = 0; mi < multis.len; mi++) {
        size_t m = multis.items[mi];
        const dx_mention *mn = &d->ments.items[m];
        size_t f = M_FIRST(st, m), k = m_last(st, m);
        for (size_t q = f + 1; q < k; q++) {
            if (!tok_eq(d, q, "-") || !adjacent(d, q - 1) || !adjacent(d, q) ||
                !(tok(d, q - 1)->flags & DX_TK_CAP) || !(tok(d, q + 1)->flags & DX_TK_CAP))
                continue;
            if (q - 1 == f && (wclass(st, f) & DX_W_GIVEN)) continue;
            for (size_t part = q - 1; part <= q + 1; part += 2) {
                if (part == k || (wclass(st, part) & DX_W_GIVEN)) continue;
                const uint32_t *v;
                unsigned char ini = first_initial(d, mn);
                if (dx_u64map_get(sur, tok(d, part)->lkey, &v)) {
                    if (groups.items[v[0]].first_m != m && groups.items[v[0]].initial != ini)
                        groups.items[v[0]].ambiguous = 1;
                    continue;
                }
                surname_group g = {(uint32_t)m, ini, 0};
                dx_u64map_add(sur, tok(d, part)->lkey, (uint32_t)groups.len);
                kf_add(&sur_keys, tok(d, part)->lkey);
                DX_PUSH(groups, g);
            }
        }
    }
    /* bare surnames a gazetteer knows */
    /* by the alias key and the surname's lkey; a slot is used when its
     * bit of memo_used is set (not cleared: zeroed for every document
     * it cost more than the pass over a short one) */
    _Static_assert(SURNAME_MEMO % 64 == 0, "memo_used has a bit per slot");
    surname_cands memo[SURNAME_MEMO];
    uint64_t memo_used[SURNAME_MEMO / 64] = {0};
    int64_t before_e = -1; /* named_before's memo: entry, its first full mention */
    dx_u64map *dominant = NULL; /* dominant_namesake's memo (made when first asked) */
    size_t before_m = 0;
    for (size_t p = 0; p < st->pending.len; p++) {
        dx_mention *mn = &d->ments.items[st->pending.items[p].ment];
        if (mn->type != DX_ENT_PERSON) continue; /* "Jackson, Miss." is a town */
        size_t ti = st->pending.items[p].tok;
        size_t last = m_last(st, st->pending.items[p].ment);
        uint64_t key = st->pending.items[p].key, lkey = tok(d, last)->lkey;
        size_t slot = (key ^ lkey ^ (key >> 29)) & (SURNAME_MEMO - 1);
        surname_cands *c = &memo[slot];
        if (!((memo_used[slot / 64] >> (slot % 64)) & 1) || c->key != key || c->lkey != lkey) {
            surname_candidates(st, key, lkey, sur, &groups, c);
            memo_used[slot / 64] |= 1ull << (slot % 64);
        }
        int64_t seen = c->seen, only = c->only, deflt = c->deflt;
        int nseen = c->nseen, ncand = c->ncand, ndeflt = c->ndeflt, ngroup = c->ngroup;
        const uint32_t *g = &c->group;
        /* the one person the document names in full with it (a gazetteer
         * entry: a namesake named in full beside a gazetteer person makes
         * the surname alone ambiguous), else the gazetteer's only one, or
         * the one its data names by the surname alone */
        int64_t to = -1;
        dx_link how = DX_LINK_SURNAME;
        if (nseen == 1 && ngroup == 0) to = seen;
        /* ... or, with one namesake named in full by its shape, the one
         * named in full before the surname, until the namesake is named
         * ("Francisco Madero ... Madero ... Raul Madero": the first
         * Madero is Francisco) */
        else if (nseen == 1 && ngroup == 1 &&
                 d->ments.items[groups.items[g[0]].first_m].start > mn->start &&
                 named_before(st, (uint32_t)seen, st->pending.items[p].ment, &before_e, &before_m))
            to = seen;
        else if (nseen == 0 && ngroup == 0 && ncand == 1) to = only;
        /* ... or, when several are named in full, the one named far more
         * often ("Porfirio Díaz" throughout, "Félix Díaz" once) */
        else if (nseen >= 1 && (nseen > 1 || ngroup)) {
            if (!dominant) dominant = dx_u64map_new_small();
            to = dominant_namesake(st, tok(d, last)->lkey, dominant);
            /* else the one gazetteer person named in full before it, while
             * no other of that surname has been ("Porfirio Díaz ... Díaz
             * ... Félix Díaz": the first Díaz is Porfirio) */
            int64_t one = -1;
            int others = 0;
            for (size_t k = 0; to < 0 && k < st->pending.items[p].ment && !others; k++) {
                const dx_mention *x = &d->ments.items[k];
                size_t xl = m_last(st, k);
                if (x->type != DX_ENT_PERSON || xl == M_FIRST(st, k) || tok(d, xl)->lkey != tok(d, last)->lkey) continue;
                if (x->ent >= 0 && x->from_gazetteer && (one < 0 || one == x->ent)) one = x->ent;
                else others = 1;
            }
            if (to < 0 && !others) to = one;
        }
        else if (nseen == 0 && ngroup == 0 && ndeflt == 1) to = deflt, how = DX_LINK_ALIAS;
        if (to >= 0) {
            mn->ent = (int32_t)to;
            mn->link = how;
        } else {
            mn->ent = -1;
            mn->link = DX_LINK_NEW;
            st->mark[ti] |= MK_UNLINKED;
        }
        mn->from_gazetteer = mn->ent >= 0;
    }
    /* a bare surname already found by its shape joins the full name */
    for (size_t si = 0; si < singles.len; si++) {
        size_t m = singles.items[si];
        dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent != -1) continue;
        size_t k = M_FIRST(st, m);
        const uint32_t *v;
        if (tok(d, k)->end == mn->end && !UNLINKED(st, k) && dx_u64map_get(sur, tok(d, k)->lkey, &v) &&
            !groups.items[v[0]].ambiguous) {
            mn->ent = -2 - (int32_t)groups.items[v[0]].first_m;
            mn->link = DX_LINK_SURNAME;
        }
    }
    if (groups.len) {
        for (size_t ci = 0; ci < st->caps.len; ci++) {
            size_t i = st->caps.items[ci];
            /* a word of a class ("Branch", "Taxes" of a headline) is no surname alone
             * (the filter of the surnames' keys first: it rules out most) */
            if (!kf_may(&sur_keys, st->cinfo[ci].lkey) || st->cinfo[ci].wclass || !cap_word_ci(st, ci, i) ||
                (st->mark[i] & LINE_CAPS))
                continue;
            const uint32_t *v;
            if (dx_u64map_get(sur, st->cinfo[ci].lkey, &v)) {
                if (adjacent(d, i) && i + 1 < d->toks.len && (tok(d, i + 1)->flags & DX_TK_WORD)) continue;
                /* linked to the full-name mention: resolve reads ent <= -2 */
                const surname_group *sg = &groups.items[v[0]];
                /* both parts of a double surname ("Vogt-Hellmann") are one mention */
                size_t j = i + 1;
                const uint32_t *w;
                if (adjacent(d, i) && tok_eq(d, i + 1, "-") && adjacent(d, i + 1) && i + 2 < d->toks.len &&
                    is_cap_word(st, i + 2) && dx_u64map_get(sur, tok(d, i + 2)->lkey, &w) &&
                    groups.items[w[0]].first_m == sg->first_m)
                    j = i + 3;
                if (sg->ambiguous)
                    add_mention(st, i, j, DX_ENT_PERSON, -1, DX_LINK_NEW);
                else
                    add_mention(st, i, j, DX_ENT_PERSON, -2 - (int32_t)sg->first_m, DX_LINK_SURNAME);
            }
        }
    }
    dx_u64map_free(dominant);
    full_names full = {0};
    list_full_names(st, &full);
    head_name_pass(st, sur, &full);
    given_pass(st, &full);
    DX_FREE(full);
    DX_FREE(groups);
    DX_FREE(singles);
    DX_FREE(multis);
    dx_u64map_free(sur);
}

/* An organisation named by its head words alone ("the Commission", "the
 * University Library") is the one organisation the document names in full
 * with them ("Dewey Commission", "Uppsala University Library"); with two
 * such, or none, it stays its own. */
typedef struct {
    uint32_t first_m; /* the first full name with this head word */
    int32_t ent;      /* its gazetteer entry, or -1 */
    uint64_t name;    /* else the key of its words */
    uint8_t ambiguous;
} org_group;


static int ment_has_word(const rec_state *st, size_t mi, uint64_t lkey)
{
    const dx_doc *d = st->doc;
    const dx_mention *m = &d->ments.items[mi];
    for (size_t k = M_FIRST(st, mi); k < d->toks.len && tok(d, k)->start < m->end; k++)
        if (tok(d, k)->lkey == lkey) return 1;
    return 0;
}

/* The words of mention mi, in one walk of its tokens: their number in
 * *words, the last in *last (when there is one), and whether all are
 * organisation heads ("Commission", "University Library") in *generic;
 * returns the key of their sequence (lkeys). (org_short_pass walked them
 * twice, for the heads and for the key.) */
static uint64_t org_words(const rec_state *st, size_t mi, size_t *words, size_t *last, int *generic)
{
    const dx_doc *d = st->doc;
    const dx_mention *mn = &d->ments.items[mi];
    uint64_t h = dx_seq_key_start();
    int all_heads = 1;
    *words = 0;
    for (size_t k = M_FIRST(st, mi); k < d->toks.len && tok(d, k)->start < mn->end; k++) {
        if (!(tok(d, k)->flags & DX_TK_WORD)) continue;
        ++*words;
        *last = k;
        h = dx_seq_key_add(h, tok(d, k)->lkey);
        if (!(wclass(st, k) & DX_W_ORGHEAD) || (wclass(st, k) & (DX_W_GROUP | DX_W_NATIONALITY))) all_heads = 0;
    }
    *generic = all_heads && *words;
    return h;
}

static void org_short_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    dx_u64map *heads = NULL; /* head word lkey -> index into groups */
    DX_VEC(org_group) groups = {0};
    /* the short names the second walk links: organisations of one or two
     * head words alone, unlinked, and their last word (found here: the
     * second walk went over every mention again, and asked of each
     * organisation twice whether all its words were heads) */
    typedef struct {
        uint32_t m, last;
    } short_org;
    DX_VEC(short_org) shorts = {0};
    size_t nm = d->ments.len;
    for (size_t m = 0; m < nm; m++) {
        const dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_ORG || mn->ent <= -2) continue;
        size_t nw, last = 0; /* (set by org_words when it has a word) */
        int generic;
        uint64_t name = org_words(st, m, &nw, &last, &generic);
        if (generic) {
            if (mn->ent == -1 && nw <= 2) {
                DX_GROW(shorts, shorts.len + 1);
                shorts.items[shorts.len].m = (uint32_t)m;
                shorts.items[shorts.len].last = (uint32_t)last;
                shorts.len++;
            }
            continue;
        }
        if (nw < 2) continue;
        for (size_t k = M_FIRST(st, m); k < d->toks.len && tok(d, k)->start < mn->end; k++) {
            if (!(tok(d, k)->flags & DX_TK_WORD) || !(wclass(st, k) & DX_W_ORGHEAD)) continue;
            if (!heads) heads = dx_u64map_new_small();
            const uint32_t *v;
            if (dx_u64map_get(heads, tok(d, k)->lkey, &v)) {
                org_group *g = &groups.items[v[0]];
                if (mn->ent >= 0 ? g->ent != mn->ent : (g->ent >= 0 || g->name != name)) g->ambiguous = 1;
                continue;
            }
            org_group g = {(uint32_t)m, mn->ent, name, 0};
            dx_u64map_add(heads, tok(d, k)->lkey, (uint32_t)groups.len);
            DX_PUSH(groups, g);
        }
    }
    for (size_t si = 0; heads && si < shorts.len; si++) {
        size_t m = shorts.items[si].m, last = shorts.items[si].last;
        dx_mention *mn = &d->ments.items[m];
        size_t k0 = M_FIRST(st, m);
        const uint32_t *v;
        if (!dx_u64map_get(heads, tok(d, last)->lkey, &v)) continue;
        const org_group *g = &groups.items[v[0]];
        if (g->ambiguous || g->first_m == m) continue;
        int all = 1;
        for (size_t k = k0; k < d->toks.len && tok(d, k)->start < mn->end; k++)
            if ((tok(d, k)->flags & DX_TK_WORD) && !ment_has_word(st, g->first_m, tok(d, k)->lkey)) all = 0;
        if (!all) continue;
        mn->ent = -2 - (int32_t)g->first_m;
        mn->link = DX_LINK_SURNAME;
    }
    DX_FREE(groups);
    DX_FREE(shorts);
    if (heads) dx_u64map_free(heads);
}

void dx_recognize_names(dx_doc *doc, const dx_lexicon *lex)
{
    rec_state st;
    memset(&st, 0, sizeof(st));
    st.doc = doc;
    st.lex = lex;
    dx_lex_cache *cache = dx_lex_cache_get(lex);
    st.seen_full = &cache->seen_full;
    st.seen_gen = dx_gaz_marks_begin(st.seen_full, lex->gaz.len + 1);
    st.gaz_one = cache->gaz_one;
    st.gaz_seq = cache->gaz_seq;
    st.ocr = cache->ocr;
    st.mark = xmalloc(doc->toks.len + 1 + MARK_SLACK); /* (all written by mark_lines) */
    st.at = xmalloc((doc->toks.len + 1) * sizeof(*st.at)); /* (read where MK_TAKEN) */
    /* the segmenter's lists of where passes start (taken: freed below) */
#define TAKE(to, from) ((to).items = (from).items, (to).len = (from).len, (to).cap = (from).cap, \
                        (from).items = NULL, (from).len = (from).cap = 0)
    TAKE(st.caps, doc->caps);
    TAKE(st.gaz_starts, doc->gaz_starts);
    TAKE(st.boards, doc->boards);
#undef TAKE
    pad_list(st.caps);
    mark_lines(&st);
    st.cinfo = xmalloc((st.caps.len + 1) * sizeof(*st.cinfo));
    DX_FREE(doc->lines);
    /* room for the mentions at once (most start at a capital, and fewer
     * than one per capital): growing by doubling copied them all again */
    DX_GROW(doc->ments, doc->ments.len + st.caps.len + 16);
    DX_GROW(st.mtok, doc->ments.cap);
    DX_GROW(st.mlast, doc->ments.cap);
    /* (the bare surnames: a fifth of the capitals at most, mostly) */
    DX_GROW(st.pending, st.caps.len / 4 + 16);
    /* the first walk's lists of capitals, each at most one entry a capital:
     * room for all at once (grown by doubling from nothing, they were
     * reallocated and copied a dozen times a document; what is not written
     * is not touched) */
    DX_GROW(st.after_place_word, st.caps.len);
    DX_GROW(st.before_sep, st.caps.len);
    DX_GROW(st.the_x_and, st.caps.len);
    DX_GROW(st.given_caps, st.caps.len);
    DX_GROW(st.upper_caps, st.caps.len);
    DX_GROW(st.orghead_caps, st.caps.len);
    ocr_repair(&st);
    gazetteer_pass(&st);
    speaker_pass(&st);
    shape_pass(&st);
    acronym_pass(&st);
    place_context_pass(&st);
    org_context_pass(&st);
    city_state_pass(&st);
    surname_pass(&st);
    org_short_pass(&st);
    drop_mentions(&st);
    free(st.mark);
    free(st.at);
    free(st.cinfo);
    DX_FREE(st.mlast);
    /* resolve reads the first tokens (see dx_doc.ment_tok) */
    DX_FREE(doc->ment_tok);
    doc->ment_tok.items = st.mtok.items;
    doc->ment_tok.len = st.mtok.len;
    doc->ment_tok.cap = st.mtok.cap;
    DX_FREE(st.pending);
    DX_FREE(st.after_place_word);
    DX_FREE(st.before_sep);
    DX_FREE(st.the_x_and);
    DX_FREE(st.given_caps);
    DX_FREE(st.upper_caps);
    DX_FREE(st.orghead_caps);
    DX_FREE(st.caps);
    DX_FREE(st.boards);
    DX_FREE(st.gaz_starts);
}

/* recognize.c - PERSON/ORG/PLACE mentions: gazetteer aliases (longest
 * match over folded tokens), then unknown names by their shape. */
#include <string.h>

#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/stages.h"

#define MAX_SPAN 24
#define GAZ_MEMO 1024

typedef struct {
    dx_doc *doc;
    const dx_lexicon *lex;
    uint8_t *taken; /* per token: inside a mention already */
    uint8_t *seen_full; /* per gazetteer entry: seen by a full-name match (a flag, not a
                         * list: a list scanned per surname made long documents quadratic) */
    dx_u64memo *gaz_one; /* the aliases of one token, memoised (names repeat) */
} rec_state;

static const dx_token *tok(const dx_doc *d, size_t i) { return &d->toks.items[i]; }

/* Token i is the literal, compared through its lowercase-folded key. */
#define tok_eq(d, i, lit) tok_key_eq(d, i, dx_hash(lit, sizeof(lit) - 1))
static inline int tok_key_eq(const dx_doc *d, size_t i, uint64_t key)
{
    return i < d->toks.len && d->toks.items[i].lkey == key;
}

static uint32_t wclass(const rec_state *st, size_t i) { return tok(st->doc, i)->wclass; }
static int is_cap_word(const rec_state *st, size_t i);

static int adjacent(const dx_doc *d, size_t i) /* token i touches token i+1 */
{
    return i + 1 < d->toks.len && tok(d, i)->end == tok(d, i + 1)->start;
}

static void add_mention(rec_state *st, size_t ti, size_t tj, dx_ent_type type, int32_t gaz,
                        int surname)
{
    dx_doc *d = st->doc;
    dx_mention m;
    memset(&m, 0, sizeof(m));
    m.start = tok(d, ti)->start;
    m.end = tok(d, tj - 1)->end;
    m.type = type;
    /* before resolve, ent carries the gazetteer entry (or -1 for shape names);
     * value carries "S" for a surname-only gazetteer match */
    m.ent = gaz;
    m.from_gazetteer = gaz >= 0;
    if (surname) m.value[0] = 'S';
    DX_PUSH(d->ments, m);
    for (size_t k = ti; k < tj; k++) st->taken[k] = 1;
}

static int seen_full(const rec_state *st, uint32_t e)
{
    return st->seen_full[e];
}

/* Choose among gazetteer payloads for one alias: a full alias beats a
 * surname; among surnames, the person already named in full in this
 * document, else the first listed. Returns -1 if nothing usable. */
static int64_t choose(const rec_state *st, const uint32_t *vals, size_t n, int *surname)
{
    int64_t best = -1;
    for (size_t i = 0; i < n; i++)
        if (!(vals[i] & DX_GAZ_SURNAME)) {
            *surname = 0;
            return vals[i];
        }
    for (size_t i = 0; i < n; i++) {
        uint32_t e = vals[i] & ~DX_GAZ_SURNAME;
        if (seen_full(st, e)) {
            *surname = 1;
            return e;
        }
        if (best < 0) best = e;
    }
    *surname = 1;
    return best;
}

static void gazetteer_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    const dx_lexicon *lex = st->lex;
    size_t n = d->toks.len;
    size_t maxk = lex->gaz_maxtoks < MAX_SPAN ? lex->gaz_maxtoks : MAX_SPAN;
    for (size_t i = 0; i < n; i++) {
        const dx_token *t = tok(d, i);
        if (!(t->lex & DX_L_GAZ)) continue; /* no alias starts with this token */
        /* aliases start with a word, or with a quote ("'Left' Socialist-Revolutionaries") */
        if (st->taken[i] || (!(t->flags & DX_TK_WORD) && !tok_eq(d, i, "'") && !tok_eq(d, i, "\"")))
            continue;
        /* A match never starts in the middle of a hyphenated word, unless
         * the part is a capitalised name of its own ("Zinoviev-Kamenev"). */
        if (i > 1 && adjacent(d, i - 1) && (tok_eq(d, i - 1, "-") || tok_eq(d, i - 1, "'")) &&
            adjacent(d, i - 2) && !((t->flags & DX_TK_CAP) && tok_eq(d, i - 1, "-")))
            continue;
        uint64_t h = dx_seq_key_start();
        size_t best_len = 0;
        int64_t best = -1;
        int best_surname = 0;
        for (size_t k = 0; k < maxk && i + k < n; k++) {
            const dx_token *tk = tok(d, i + k);
            if (k > 0 && (tk->flags & DX_TK_NL) && (tk->flags & DX_TK_PARA)) break;
            if (tk->sent != t->sent) break;
            if (k > 0 && !(tk->lex & DX_L_GAZ_IN)) break; /* in no alias after its start */
            h = dx_seq_key_add(h, tk->fkey);
            const uint32_t *vals;
            if (k == 0) {
                /* the token's bits tell (DX_L_GAZ: an alias starts with it) */
                if (!(tk->lex & DX_L_GAZ_ONE)) continue; /* only a longer one */
            } else {
                if (!dx_u64map_get(lex->gaz_any, h, &vals)) break; /* no longer alias starts so */
                if (!(vals[0] & DX_GAZ_IS_ALIAS)) continue;       /* only a longer one */
            }
            size_t nv = k == 0 ? dx_u64memo_get(st->gaz_one, GAZ_MEMO, lex->gaz_index, h, &vals)
                               : dx_u64map_get(lex->gaz_index, h, &vals);
            /* the match must end at a word boundary: not before "-x" or "'s"-less letters */
            size_t e = i + k + 1;
            if (e < n && adjacent(d, e - 1) && (tok(d, e)->flags & DX_TK_WORD)) continue;
            if (e < n && adjacent(d, e - 1) && tok_eq(d, e, "-") && e + 1 < n && adjacent(d, e) &&
                (tok(d, e + 1)->flags & DX_TK_WORD) && !(tok(d, e + 1)->flags & DX_TK_CAP))
                continue;
            int surname = 0;
            int64_t c = choose(st, vals, nv, &surname);
            if (c < 0) continue;
            const dx_gaz_entry *g = &lex->gaz.items[c];
            /* case: single words and person names must be capitalised;
             * lowercase multi-word organisation names are allowed */
            int cap = (t->flags & (DX_TK_CAP | DX_TK_UPPER)) != 0;
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
        }
        if (best < 0) continue;
        const dx_gaz_entry *g = &lex->gaz.items[best];
        size_t start = i;
        /* initials before a surname join the span: "V.I. Lenin", "N. Bukharin" */
        if (g->type == DX_ENT_PERSON) {
            while (start >= 2 && tok_eq(d, start - 1, ".") && adjacent(d, start - 2) &&
                   tok(d, start - 2)->end - tok(d, start - 2)->start <= 2 &&
                   (tok(d, start - 2)->flags & DX_TK_CAP) && !st->taken[start - 2] &&
                   tok(d, start - 2)->sent == t->sent)
                start -= 2;
        }
        /* a place naming an organisation: "Wilmington College", "the Smolensk
         * archives", "Moscow Soviet" are one ORG, not a place */
        size_t after = i + best_len;
        if (g->type == DX_ENT_PLACE && after < n && (tok(d, after)->flags & DX_TK_WORD) &&
            (wclass(st, after) & DX_W_ORGHEAD) && !(wclass(st, after) & DX_W_STOPCAP) &&
            ((tok(d, after)->flags & DX_TK_CAP) || tok_eq(d, after, "archives") ||
             tok_eq(d, after, "archive")) &&
            tok(d, after)->sent == t->sent && !(tok(d, after)->flags & DX_TK_NL)) {
            /* "Pullman Chamber of Commerce": the head's "of" and name too */
            size_t last = after;
            if (last + 2 < n && tok_eq(d, last + 1, "of") && is_cap_word(st, last + 2) &&
                tok(d, last + 2)->sent == t->sent && !(tok(d, last + 2)->flags & DX_TK_NL)) {
                last += 2;
                while (last + 1 < n && is_cap_word(st, last + 1) && !(wclass(st, last + 1) & DX_W_STOPCAP) &&
                       tok(d, last + 1)->sent == t->sent && !(tok(d, last + 1)->flags & DX_TK_NL))
                    last++;
            }
            add_mention(st, i, last + 1, DX_ENT_ORG, -1, 0);
            i = last;
            continue;
        }
        if (!best_surname) st->seen_full[best] = 1;
        add_mention(st, start, i + best_len, g->type, (int32_t)best, best_surname && start == i);
        i += best_len - 1;
    }
}

/* ---------------------------------------------------------------- shapes */

static int slavic_surname(const dx_doc *d, size_t i)
{
    /* Russian, Ukrainian, Georgian, Armenian surname endings; "-in" is left
     * out: Berlin, Franklin and Spain end that way too. */
    static const char *const suffixes[] = {"ov", "ev", "ova", "eva", "sky", "ski", "skii",
                                           "skiy", "skaya", "enko", "vich", "dze", "shvili",
                                           "yan", NULL};
    const dx_token *t = tok(d, i);
    size_t len = t->end - t->start;
    if (len < 5 || (t->flags & DX_TK_NUM)) return 0;
    const char *s = d->text + t->start;
    for (size_t k = 0; suffixes[k]; k++) {
        size_t sl = strlen(suffixes[k]);
        if (len > sl + 2 && memcmp(s + len - sl, suffixes[k], sl) == 0) return 1;
    }
    return 0;
}

static int is_cap_word(const rec_state *st, size_t i)
{
    const dx_token *t = tok(st->doc, i);
    return (t->flags & DX_TK_WORD) && (t->flags & DX_TK_CAP) && !(t->flags & DX_TK_NUM) &&
           !st->taken[i];
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
static int titled_at(const rec_state *st, size_t i)
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

/* A lowercase place word right after the name first..end-1, that names a
 * place in the old American press: "Wayne county", "Chariton county",
 * "Bear creek", "Liao river". */
static int low_place_head(const rec_state *st, size_t first, size_t end)
{
    const dx_doc *d = st->doc;
    if (end >= d->toks.len || first >= end) return 0;
    const dx_token *h = tok(d, end);
    if (!(h->flags & DX_TK_WORD) || (h->flags & (DX_TK_CAP | DX_TK_NL)) || h->sent != tok(d, first)->sent ||
        !(wclass(st, end) & DX_W_PLACEHEAD))
        return 0;
    return tok_eq(d, end, "county") || tok_eq(d, end, "township") || tok_eq(d, end, "parish") ||
           tok_eq(d, end, "creek") || tok_eq(d, end, "river");
}

static void shape_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t n = d->toks.len;
    for (size_t i = 0; i < n; i++) {
        if (!is_cap_word(st, i)) continue;
        /* collect a run: capitalised words, initials, connectors inside */
        size_t j = i, last_cap = i, ncap = 0;
        int has_initial = 0;
        /* tokens i..j-1 are already known to share a line: test only j
         * (a name never spans a line break; rescanning the run made a long line
         * quadratic) */
        while (j < n && tok(d, j)->sent == tok(d, i)->sent && (j == i || !(tok(d, j)->flags & DX_TK_NL))) {
            if (is_initial(st, j)) {
                has_initial = 1;
                j += 2;
                continue;
            }
            if (is_cap_word(st, j) && !(wclass(st, j) & DX_W_STOPCAP && j > i) &&
                !(wclass(st, j) & DX_W_GROUP)) {
                ncap++;
                last_cap = j;
                j++;
                continue;
            }
            if (j > i && (wclass(st, j) & DX_W_NAMECONNECT) && j + 1 < n && is_cap_word(st, j + 1)) {
                j++;
                continue;
            }
            if (j > i && tok_eq(d, j, "-") && adjacent(d, j - 1) && adjacent(d, j) &&
                j + 1 < n && is_cap_word(st, j + 1)) {
                j++;
                continue;
            }
            break;
        }
        size_t end = last_cap + 1;
        if (!ncap) {
            i = j > i ? j - 1 : i;
            continue;
        }
        size_t first = i;
        /* a sentence-initial function word ("The", "In") is not part of a name */
        while (first < end && (wclass(st, first) & DX_W_STOPCAP) && !titled_at(st, first)) first++;
        while (first < end && !is_cap_word(st, first) && !is_initial(st, first)) first++;
        if (first >= end) {
            i = end - 1;
            continue;
        }
        /* "Battle of Cedar Creek", "Siege of Leningrad": the place is after "of" */
        if (first + 2 < end && (tok_eq(d, first, "battle") || tok_eq(d, first, "siege")) &&
            tok_eq(d, first + 1, "of"))
            first += 2;
        dx_ent_type type = DX_ENT_NONE;
        size_t words = 0;
        for (size_t k = first; k < end; k++)
            if (tok(d, k)->flags & DX_TK_WORD) words++;
        uint32_t head = wclass(st, end - 1);
        uint32_t firstc = wclass(st, first);
        /* a title is not a name of its own ("Rev. Dr. Read": Dr is a title;
         * "Miss Winnie" at a sentence's start: Miss is) */
        while (first < end && (wclass(st, first) & DX_W_TITLE) &&
               (titled_at(st, first) || (first + 1 < end && is_cap_word(st, first + 1) &&
                                         !(head & (DX_W_ORGHEAD | DX_W_PLACEHEAD))))) {
            first++;
            if (first < end && tok_eq(d, first, ".")) first++;
        }
        if (first >= end) {
            i = end - 1;
            continue;
        }
        int titled = titled_at(st, first);
        int sent_initial = (tok(d, first)->flags & DX_TK_SENT) != 0;
        if (low_place_head(st, first, end) && !(firstc & (DX_W_NATIONALITY | DX_W_GROUP | DX_W_STOPCAP)) &&
            words <= 3 && !titled) {
            type = DX_ENT_PLACE; /* "Wayne county", "Bear creek" */
            end++;
        } else if ((head & DX_W_ORGHEAD) && words >= 2)
            type = DX_ENT_ORG;
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
        else if ((firstc & DX_W_GIVEN) && words >= 2 && words <= 4)
            type = DX_ENT_PERSON;
        else if (titled && words <= 3)
            type = DX_ENT_PERSON;
        else if (words == 1 && !sent_initial && slavic_surname(d, first) &&
                 !(tok(d, first)->flags & DX_TK_UPPER))
            type = DX_ENT_PERSON;
        else if (words == 1 && !sent_initial && (firstc & DX_W_GIVEN) && !(firstc & DX_W_ABBREV) &&
                 !(tok(d, first)->flags & DX_TK_UPPER) &&
                 !(first >= 2 && tok_eq(d, first - 1, ",") && st->taken[first - 2]))
            type = DX_ENT_PERSON; /* a given name alone: "Tom said", "asked Alfred"; not
                                   * the given name of "Englund, Peter:" */
        if (type == DX_ENT_PERSON) {
            /* possessive or plural group words are not names; an initial
             * that spells a function word is ("D. A. Rawley") */
            for (size_t k = first; k < end; k++)
                if ((wclass(st, k) & (titled ? DX_W_NATIONALITY : DX_W_STOPCAP | DX_W_NATIONALITY)) &&
                    !is_initial(st, k))
                    type = DX_ENT_NONE;
        }
        if (type != DX_ENT_NONE) add_mention(st, first, end, type, -1, 0);
        i = end - 1;
    }
}

/* Speaker labels are people: "VYSHINSKY:", "Rykov:". */
static void speaker_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    size_t ti = 0;
    for (size_t tu = 0; tu < d->turns.len; tu++) {
        dx_turn *turn = &d->turns.items[tu];
        while (ti < d->toks.len && tok(d, ti)->start < turn->label_start) ti++;
        size_t tj = ti;
        while (tj < d->toks.len && tok(d, tj)->end <= turn->label_end) tj++;
        int any = 0, name_words = 0;
        for (size_t k = ti; k < tj; k++) {
            any |= st->taken[k];
            if ((tok(d, k)->flags & DX_TK_WORD) && !(wclass(st, k) & (DX_W_TITLE | DX_W_STOPCAP)))
                name_words++;
        }
        /* "THE PRESIDENT:" is a role, not a name */
        if (!any && tj > ti && name_words) add_mention(st, ti, tj, DX_ENT_PERSON, -1, 0);
    }
}

/* A surname of a shape-found full name ("Mikhail Poloz") marks its bare
 * occurrences ("Poloz") anywhere in the document. */
static void surname_pass(rec_state *st)
{
    dx_doc *d = st->doc;
    dx_u64map *sur = dx_u64map_new();
    size_t nm = d->ments.len;
    for (size_t m = 0; m < nm; m++) {
        dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent >= 0) continue;
        /* last word token of the span */
        size_t k = dx_tok_index(d, mn->end - 1);
        if (tok(d, k)->start <= mn->start) continue; /* single word already */
        dx_u64map_add(sur, tok(d, k)->fkey, (uint32_t)m);
    }
    /* a bare surname already found by its shape joins the full name */
    for (size_t m = 0; m < nm; m++) {
        dx_mention *mn = &d->ments.items[m];
        if (mn->type != DX_ENT_PERSON || mn->ent != -1) continue;
        size_t k = dx_tok_index(d, mn->start);
        const uint32_t *v;
        if (tok(d, k)->end == mn->end && dx_u64map_get(sur, tok(d, k)->fkey, &v)) mn->ent = -2 - (int32_t)v[0];
    }
    if (nm) {
        for (size_t i = 0; i < d->toks.len; i++) {
            if (!is_cap_word(st, i) || (wclass(st, i) & DX_W_STOPCAP)) continue;
            const uint32_t *v;
            if (dx_u64map_get(sur, tok(d, i)->fkey, &v)) {
                if (adjacent(d, i) && i + 1 < d->toks.len && (tok(d, i + 1)->flags & DX_TK_WORD)) continue;
                /* linked to the full-name mention: resolve reads ent <= -2 */
                add_mention(st, i, i + 1, DX_ENT_PERSON, -2 - (int32_t)v[0], 0);
                d->ments.items[d->ments.len - 1].from_gazetteer = 0;
            }
        }
    }
    dx_u64map_free(sur);
}

void dx_recognize_names(dx_doc *doc, const dx_lexicon *lex)
{
    rec_state st;
    memset(&st, 0, sizeof(st));
    st.doc = doc;
    st.lex = lex;
    st.taken = xcalloc(doc->toks.len + 1, 1);
    st.seen_full = xcalloc(lex->gaz.len + 1, 1);
    st.gaz_one = xcalloc(GAZ_MEMO, sizeof(*st.gaz_one));
    gazetteer_pass(&st);
    speaker_pass(&st);
    shape_pass(&st);
    surname_pass(&st);
    free(st.taken);
    free(st.seen_full);
    free(st.gaz_one);
}

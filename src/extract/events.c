/* events.c - alleged events: triggers and cues from entities/, roles from
 * voice, lists and relative clauses, modality and source from cues, quotes
 * and transcript turns, dates from the sentence or the narrative. */
#include <string.h>
#include <strings.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/utf8.h"
#include "extract/dates.h"
#include "extract/events.h"
#include "extract/lexicon.h"
#include "extract/stages.h"

/* ---------------------------------------------------------------- lexicon */

#define PAT_MAX 8

enum { POS_VERB = 1, POS_NOUN, POS_EITHER, POS_PASSIVE, POS_NODET };
enum { FR_TR = 1, FR_TRA, FR_IN, FR_AG, FR_SP };

enum {
    K_REPORT = 1 << 0,
    K_ACCORDING = 1 << 1,
    K_ALLEGED = 1 << 2,
    K_CHARGE = 1 << 3,
    K_CONFESS = 1 << 4,
    K_DENY = 1 << 5,
    K_FRAME = 1 << 6,
    K_NEGATE = 1 << 7,
    K_HYPO = 1 << 8,
    K_NEUTRAL = 1 << 9,
    K_BE = 1 << 10,
    K_DET = 1 << 11,
    K_LIST = 1 << 12,
    K_REL = 1 << 13,
    K_BARRIER = 1 << 14,
    K_BY = 1 << 15,
    K_OF = 1 << 16,
    K_ALLEGEDLY = 1 << 17,
};
#define K_SCOPE (K_REPORT | K_ACCORDING | K_CHARGE | K_CONFESS | K_DENY)

static const struct {
    const char *name;
    uint32_t bit;
} cue_kinds[] = {
    {"report", K_REPORT}, {"according", K_ACCORDING}, {"alleged", K_ALLEGED},
    {"charge", K_CHARGE}, {"confess", K_CONFESS},     {"deny", K_DENY},
    {"frame", K_FRAME},   {"negate", K_NEGATE},       {"hypo", K_HYPO},
    {"neutral", K_NEUTRAL}, {"be", K_BE},             {"det", K_DET},
    {"list", K_LIST},     {"rel", K_REL},             {"barrier", K_BARRIER},
    {"by", K_BY},         {"of", K_OF},         {"allegedly", K_ALLEGEDLY},
};

typedef struct {
    uint64_t k[PAT_MAX]; /* 0 = any one token */
    uint8_t n;
    uint8_t type, pos, frame;
    uint32_t kinds;
    char charge[40];
} pattern;

typedef struct {
    DX_VEC(pattern) pats;
    dx_u64map *first; /* key of the first token -> pattern indexes */
} pattern_set;

enum { PR_HE, PR_SHE, PR_HIM, PR_HER, PR_HIS, PR_I, PR_ME, PR_MY, PR_WE, PR_US, PR_OUR,
       PR_YOU, PR_YOUR, PR__COUNT };
static const char *const pronoun_words[PR__COUNT] = {"he", "she", "him", "her", "his", "i", "me",
                                                     "my", "we", "us", "our", "you", "your"};

struct dx_event_lex {
    pattern_set trig, cue;
    uint64_t k_apos, k_rsquo, k_dash, k_ndash, k_mdash, k_ldquo, k_rdquo, k_quot, k_qmark;
    uint64_t pron[PR__COUNT];
};

static uint64_t word_key(const char *s, size_t n, dx_buf *scratch)
{
    dx_fold_lower(s, n, scratch);
    return dx_hash(scratch->data, scratch->len);
}

/* One token key the way documents see it, with typographic variants folded
 * so that data files can be written in plain ASCII. */
static uint64_t norm_key(const struct dx_event_lex *ev, uint64_t k)
{
    if (k == ev->k_rsquo) return ev->k_apos;
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
}

typedef struct {
    struct dx_event_lex *ev;
    dx_buf scratch;
} load_ctx;

static int add_pattern(load_ctx *lc, pattern_set *ps, pattern *p, const char *phrase, const char *file,
                       long line, dossier_error *err)
{
    size_t n = phrase_keys(lc->ev, phrase, p->k, PAT_MAX, &lc->scratch);
    if (n == 0 || n > PAT_MAX || p->k[0] == 0) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected a phrase of 1 to %d words in column 1, not starting with '*'", PAT_MAX);
        return DOSSIER_EDATA;
    }
    p->n = (uint8_t)n;
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
    if (t == DX_EV_NONE) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected an event type in column 2 (ARREST, TRIAL, CHARGE, ...), found '%s'", f[1]);
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
    static const char *const frame_names[] = {"", "tr", "tra", "in", "ag", "sp"};
    for (uint8_t i = 1; i < 6; i++)
        if (!strcmp(f[3], frame_names[i])) p.frame = i;
    if (!p.frame) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected a frame in column 4 (tr, tra, in, ag or sp), found '%s'", f[3]);
        return DOSSIER_EDATA;
    }
    if (nf > 4 && strcmp(f[4], "-") != 0) snprintf(p.charge, sizeof(p.charge), "%s", f[4]);
    return add_pattern(lc, &lc->ev->trig, &p, f[0], file, line, err);
}

static int cue_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    (void)nf;
    load_ctx *lc = ud;
    pattern p;
    memset(&p, 0, sizeof(p));
    const char *s = f[1];
    while (*s) {
        size_t len = strcspn(s, "|");
        uint32_t bit = 0;
        for (size_t i = 0; i < sizeof(cue_kinds) / sizeof(cue_kinds[0]); i++)
            if (strlen(cue_kinds[i].name) == len && !strncmp(s, cue_kinds[i].name, len))
                bit = cue_kinds[i].bit;
        if (!bit) {
            dx_error_set(err, DOSSIER_EDATA, file, line,
                         "expected cue kinds in column 2 (report, according, alleged, charge, "
                         "confess, deny, frame, negate, hypo, neutral, be, det, list, rel, "
                         "barrier, by, of; '|' between), found '%s'",
                         f[1]);
            return DOSSIER_EDATA;
        }
        p.kinds |= bit;
        s += len;
        if (*s) s++;
    }
    return add_pattern(lc, &lc->ev->cue, &p, f[0], file, line, err);
}

int dx_event_lex_load(const char *dir, struct dx_event_lex **out, dossier_error *err)
{
    struct dx_event_lex *ev = xcalloc(1, sizeof(*ev));
    load_ctx lc = {ev, {0}};
    dx_buf_init(&lc.scratch);
    ev->k_apos = word_key("'", 1, &lc.scratch);
    ev->k_rsquo = word_key("\xE2\x80\x99", 3, &lc.scratch);
    ev->k_dash = word_key("-", 1, &lc.scratch);
    ev->k_ndash = word_key("\xE2\x80\x93", 3, &lc.scratch);
    ev->k_mdash = word_key("\xE2\x80\x94", 3, &lc.scratch);
    ev->k_ldquo = word_key("\xE2\x80\x9C", 3, &lc.scratch);
    ev->k_rdquo = word_key("\xE2\x80\x9D", 3, &lc.scratch);
    ev->k_quot = word_key("\"", 1, &lc.scratch);
    ev->k_qmark = word_key("?", 1, &lc.scratch);
    for (int i = 0; i < PR__COUNT; i++)
        ev->pron[i] = word_key(pronoun_words[i], strlen(pronoun_words[i]), &lc.scratch);
    set_init(&ev->trig);
    set_init(&ev->cue);
    static const char *const trig_header[] = {"trigger", "type", "pos", "frame", NULL};
    static const char *const cue_header[] = {"cue", "kind", NULL};
    dx_buf path;
    dx_buf_init(&path);
    dx_buf_printf(&path, "%s/triggers.tsv", dir);
    int st = dx_tsv_load(path.data, trig_header, 4, trigger_row, &lc, err);
    if (!st) {
        dx_buf_clear(&path);
        dx_buf_printf(&path, "%s/cues.tsv", dir);
        st = dx_tsv_load(path.data, cue_header, 2, cue_row, &lc, err);
    }
    dx_buf_fini(&path);
    dx_buf_fini(&lc.scratch);
    if (st) {
        dx_event_lex_free(ev);
        *out = NULL;
        return st;
    }
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
        if (k == ev->k_apos) dx_lex_mark(lex, ev->k_rsquo, bit);
        if (k == ev->k_dash) {
            dx_lex_mark(lex, ev->k_ndash, bit);
            dx_lex_mark(lex, ev->k_mdash, bit);
        }
    }
}

void dx_event_lex_mark(dx_lexicon *lex)
{
    mark_firsts(lex, &lex->events->trig, DX_L_TRIG);
    mark_firsts(lex, &lex->events->cue, DX_L_CUE);
    for (int i = 0; i < PR__COUNT; i++) dx_lex_mark(lex, lex->events->pron[i], DX_L_PRON);
}

void dx_event_lex_free(struct dx_event_lex *ev)
{
    if (!ev) return;
    set_fini(&ev->trig);
    set_fini(&ev->cue);
    free(ev);
}

/* ---------------------------------------------------------------- the finder */

typedef struct {
    uint32_t a, b; /* token range */
    uint32_t kinds;
} cue_hit;

typedef struct {
    uint32_t a, b;      /* token range of the quoted text */
    uint32_t kind;      /* K_REPORT / K_CHARGE / K_CONFESS, 0 = unattributed */
    int32_t src;        /* ent */
    char src_text[32];
} quote;

/* The patterns starting with a key go through a memo of the document (the
 * cue words are the commonest words). */
#define PAT_MEMO 512

typedef struct {
    dx_doc *doc;
    const dx_lexicon *lex;
    const struct dx_event_lex *ev;
    dx_u64memo *memo[2]; /* triggers, cues */
    uint64_t *key;     /* per token: normalised lkey */
    uint32_t *first;   /* per token: DX_L_TRIG / DX_L_CUE (the pattern sets that may start
                        * there), DX_L_PRON (it may be a pronoun) */
    int32_t *ment;     /* per token: mention index or -1 */
    uint32_t *cover;   /* per token: kinds of the cues covering it */
    int32_t *quote_of; /* per token: quote index or -1 */
    DX_VEC(quote) quotes;
    int32_t *speaker;  /* per turn: speaker ent or -1 */
    int32_t *addressee;
    uint8_t *asks;     /* per turn: the speaker is an interrogator */
    DX_VEC(cue_hit) cues; /* of the current sentence */
} ctx;

static int match(const ctx *c, const pattern_set *ps, uint32_t first_bit, size_t t, size_t end,
                 size_t *len)
{
    *len = 0;
    if (!(c->first[t] & first_bit)) return -1; /* no pattern starts so */
    const uint32_t *cand;
    size_t nc = dx_u64memo_get(c->memo[first_bit == DX_L_CUE], PAT_MEMO, ps->first, c->key[t], &cand);
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < nc; i++) {
        const pattern *p = &ps->pats.items[cand[i]];
        if (p->n <= best_len || t + p->n > end) continue;
        size_t j = 1;
        while (j < p->n && (p->k[j] == 0 || p->k[j] == c->key[t + j])) j++;
        if (j == p->n) {
            best = (int)cand[i];
            best_len = p->n;
        }
    }
    *len = best_len;
    return best;
}

static const dx_mention *ment_at(const ctx *c, size_t t)
{
    return c->ment[t] >= 0 ? &c->doc->ments.items[c->ment[t]] : NULL;
}

static int is_actor(const dx_mention *m)
{
    return m && m->ent >= 0 && (m->type == DX_ENT_PERSON || m->type == DX_ENT_ORG);
}

static int pronoun(const ctx *c, size_t t)
{
    if (!(c->first[t] & DX_L_PRON)) return -1;
    uint64_t k = c->key[t];
    for (int i = 0; i < PR__COUNT; i++)
        if (c->ev->pron[i] == k) return i;
    return -1;
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

/* The first PERSON of sentence s before token limit, or -1; not a speaker
 * label, and inside quote q only when q >= 0. */
static int32_t first_person(const ctx *c, size_t s, size_t limit, int32_t q)
{
    const dx_sentence *se = &c->doc->sents.items[s];
    const dx_turn *tu = se->turn >= 0 ? &c->doc->turns.items[se->turn] : NULL;
    for (size_t t = se->tok_begin; t < se->tok_end && t < limit; t++) {
        const dx_mention *m = ment_at(c, t);
        if (!m || m->type != DX_ENT_PERSON || m->ent < 0) continue;
        if (tu && m->start >= tu->label_start && m->end <= tu->label_end) continue;
        if (q >= 0 && c->quote_of[t] != q) continue;
        return m->ent;
    }
    return -1;
}

static int contains(const int32_t *v, size_t n, int32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x) return 1;
    return 0;
}

/* What a pronoun at token t refers to. Third person: the first PERSON named
 * earlier in the sentence, else in the nearest preceding sentence that names
 * one (a salience guess that matches how annotators resolve "he"); objects
 * skip the names already taken as agents. First and second person: the
 * speaker and the addressee of the quote or transcript turn. */
static int32_t resolve_pronoun(const ctx *c, size_t t, const int32_t *skip, size_t nskip)
{
    int p = pronoun(c, t);
    if (p < 0) return -1;
    const dx_doc *d = c->doc;
    size_t s = d->toks.items[t].sent;
    int32_t turn = d->sents.items[s].turn;
    if (p >= PR_I && p <= PR_OUR) {
        if (c->quote_of[t] >= 0 && c->quotes.items[c->quote_of[t]].src >= 0)
            return c->quotes.items[c->quote_of[t]].src;
        return turn >= 0 ? c->speaker[turn] : -1;
    }
    if (p == PR_YOU || p == PR_YOUR) return turn >= 0 ? c->addressee[turn] : -1;
    if (p == PR_HIM || p == PR_HER) {
        /* the most recent other person */
        size_t lo = d->sents.items[s > 3 ? s - 3 : 0].tok_begin;
        for (size_t k = t; k-- > lo;) {
            const dx_mention *m = ment_at(c, k);
            if (m && m->type == DX_ENT_PERSON && m->ent >= 0 && !contains(skip, nskip, m->ent))
                return m->ent;
        }
        return -1;
    }
    int32_t q = c->quote_of[t];
    int32_t e = first_person(c, s, t, q);
    if (e >= 0 && !contains(skip, nskip, e)) return e;
    for (size_t back = 1; back <= 3 && back <= s; back++) {
        e = first_person(c, s - back, SIZE_MAX, q);
        if (e >= 0) return contains(skip, nskip, e) ? -1 : e;
    }
    return -1;
}

typedef struct {
    int32_t v[DX_EV_MAX_PART];
    size_t n;
} group;

static void group_add(group *g, int32_t e)
{
    if (e < 0 || g->n >= DX_EV_MAX_PART || contains(g->v, g->n, e)) return;
    g->v[g->n++] = e;
}

static uint32_t word_class_at(const ctx *c, size_t t)
{
    return c->doc->toks.items[t].lex & DX_L_WCLASS;
}

/* The names before token `from` that act as its subject: a list ("Rykov,
 * Bukharin and Yagoda"), a pronoun, or the antecedent of "who". At most
 * maxgap tokens between `from` and the group; never across a clause barrier. */
static void left_group_from(const ctx *c, size_t from, size_t lo, size_t maxgap, group *g, const group *skip)
{
    const dx_sentence *se = &c->doc->sents.items[c->doc->toks.items[from < c->doc->toks.len ? from : from - 1].sent];
    size_t t = from, gap = 0, first = g->n;
    if (lo < se->tok_begin) lo = se->tok_begin;
    int found = 0;
    while (t > lo) {
        t--;
        const dx_mention *m = ment_at(c, t);
        uint32_t cv = c->cover[t];
        if (is_actor(m)) {
            size_t mf = ment_first_tok(c, t), me = t + 1;
            /* "GPU agents": an organisation naming a noun is no subject */
            int modifier = m->type == DX_ENT_ORG && me < c->doc->toks.len && me != from &&
                           (c->doc->toks.items[me].flags & DX_TK_WORD) &&
                           !(c->doc->toks.items[me].flags & DX_TK_CAP) &&
                           !(c->cover[me] & (K_LIST | K_BE | K_BARRIER | K_REL));
            /* "the head of the GPU, Medved": a possessor ends the list */
            int possessor = found && mf > lo &&
                            ((c->cover[mf - 1] & K_OF) ||
                             (mf > lo + 1 && (c->cover[mf - 1] & K_DET) && (c->cover[mf - 2] & K_OF)));
            t = mf;
            if (possessor) break;
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
            int32_t e = resolve_pronoun(c, t, skip ? skip->v : NULL, skip ? skip->n : 0);
            if (e >= 0) {
                group_add(g, e);
                found = 1;
                continue;
            }
            if (!found) break;
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
            if ((cv & (K_LIST | K_BE)) || (word_class_at(c, t) & DX_W_TITLE)) continue;
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

static void left_group(const ctx *c, size_t from, size_t maxgap, group *g, const group *skip)
{
    left_group_from(c, from, 0, maxgap, g, skip);
}

/* The names from token `from` on: a list after a verb, "of", or "by". */
static void right_group(const ctx *c, size_t from, size_t maxgap, group *g, const group *skip)
{
    if (from >= c->doc->toks.len) return;
    const dx_sentence *se = &c->doc->sents.items[c->doc->toks.items[from].sent];
    size_t t = from, gap = 0;
    int found = 0;
    while (t < se->tok_end) {
        const dx_mention *m = ment_at(c, t);
        uint32_t cv = c->cover[t];
        if (is_actor(m)) {
            group_add(g, m->ent);
            found = 1;
            t = ment_end_tok(c, t);
            continue;
        }
        if (m) {
            if (found) break;
            t = ment_end_tok(c, t);
            if (++gap > maxgap) break;
            continue;
        }
        if (pronoun(c, t) >= 0 && !found) {
            int32_t e = resolve_pronoun(c, t, skip ? skip->v : NULL, skip ? skip->n : 0);
            if (e >= 0) {
                group_add(g, e);
                found = 1;
                t++;
                continue;
            }
            break;
        }
        if (cv & (K_BARRIER | K_REL)) break;
        if (found) {
            /* an apposition: "Maxim Gorky, his son Maxim Peshkov, the
             * chairman of the security police Menzhinsky" */
            if ((cv & K_LIST) && t + 1 < se->tok_end && ((c->cover[t + 1] & K_DET) || pronoun(c, t + 1) == PR_HIS)) {
                size_t k = t + 1;
                while (k < se->tok_end && k < t + 8 && !ment_at(c, k) &&
                       !(c->cover[k] & (K_BARRIER | K_BE | K_REL)) && (c->doc->toks.items[k].flags & DX_TK_WORD))
                    k++;
                if (k < se->tok_end && is_actor(ment_at(c, k))) {
                    t = k;
                    continue;
                }
            }
            if ((cv & K_LIST) || (word_class_at(c, t) & DX_W_TITLE)) {
                t++;
                continue;
            }
            break;
        }
        if (!(cv & K_DET) && !(word_class_at(c, t) & DX_W_TITLE) && ++gap > maxgap) break;
        t++;
    }
}

/* Token index right after a K_OF / K_BY cue starting within `within` tokens
 * of t, or 0. */
static size_t after_cue(const ctx *c, size_t t, size_t end, uint32_t kind, size_t within)
{
    for (size_t i = 0; i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if ((h->kinds & kind) && h->a >= t && h->a <= t + within && h->b <= end) {
            int crossed = 0;
            for (size_t k = t; k < h->a; k++) crossed |= (c->cover[k] & K_BARRIER) != 0;
            if (!crossed) return h->b;
        }
    }
    return 0;
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
        if (pronoun(c, t - k) == PR_HIS) {
            t = t - k + 1;
            break;
        }
        const dx_token *tk = &c->doc->toks.items[t - k];
        if (!(tk->flags & DX_TK_WORD) || (tk->flags & DX_TK_CAP) || c->cover[t - k]) break;
    }
    if (t > begin && pronoun(c, t - 1) == PR_HIS) {
        group_add(g, resolve_pronoun(c, t - 1, NULL, 0));
        return;
    }
    while (t > begin) {
        const dx_mention *m = ment_at(c, t - 1);
        if (is_actor(m)) {
            group_add(g, m->ent);
            t = ment_first_tok(c, t - 1);
            if (t > begin && c->key[t - 1] == c->ev->k_dash) {
                t--;
                continue;
            }
        }
        break;
    }
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

/* Quotations: curly quotes pair up; a straight quote opens after a space and
 * closes before one. A quote ends at a paragraph break. Each quote is
 * attributed to the speaker of the nearest report/charge/confess cue before
 * it in its opening sentence. */
static void find_quotes(ctx *c)
{
    const dx_doc *d = c->doc;
    size_t open = SIZE_MAX;
    for (size_t t = 0; t < d->toks.len; t++) {
        c->quote_of[t] = -1;
        uint64_t k = c->key[t];
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
    c->cues.len = 0;
    for (size_t t = begin; t < end; t++) {
        if (!(c->first[t] & DX_L_CUE)) continue;
        size_t len;
        int p = match(c, &c->ev->cue, DX_L_CUE, t, end, &len);
        if (p < 0) continue;
        uint32_t kinds = c->ev->cue.pats.items[p].kinds;
        for (size_t k = t; k < t + len; k++) c->cover[k] |= kinds;
        if (kinds & K_NEUTRAL) {
            cue_hit h = {(uint32_t)t, (uint32_t)(t + len), K_NEUTRAL};
            DX_PUSH(c->cues, h);
            t += len - 1;
            continue;
        }
        cue_hit h = {(uint32_t)t, (uint32_t)(t + len), kinds};
        DX_PUSH(c->cues, h);
    }
}

/* Who makes the claim a cue introduces. */
static int32_t cue_source(const ctx *c, const cue_hit *h)
{
    group g = {{0}, 0};
    if (h->kinds & K_ACCORDING)
        right_group(c, h->b, 2, &g, NULL);
    else
        left_group(c, h->a, 5, &g, NULL);
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
        for (size_t t = prev_lo; t < prev_hi; t++) c->cover[t] = 0;
        size_t lo = q->a > se->tok_begin + QUOTE_CUE_WINDOW ? q->a - QUOTE_CUE_WINDOW : se->tok_begin;
        scan_cues(c, lo, q->a);
        prev_lo = lo;
        prev_hi = q->a;
        for (size_t k = c->cues.len; k-- > 0;) {
            const cue_hit *h = &c->cues.items[k];
            if (!(h->kinds & (K_SCOPE & ~K_DENY))) continue;
            int32_t src = cue_source(c, h);
            if (src < 0 && q->kind) continue;
            q->kind = h->kinds & K_CHARGE ? K_CHARGE : h->kinds & K_CONFESS ? K_CONFESS : K_REPORT;
            q->src = src;
            if (src >= 0) break;
            /* no name: a short description ("court") from the word before the cue */
            for (size_t t = h->a; t-- > se->tok_begin && t + 4 > h->a;) {
                const dx_token *tk = &d->toks.items[t];
                if ((tk->flags & DX_TK_CAP) && !(c->cover[t] & K_DET)) {
                    dx_buf b;
                    dx_buf_init(&b);
                    dx_fold_lower(d->text + tk->start, tk->end - tk->start, &b);
                    snprintf(q->src_text, sizeof(q->src_text), "%s", b.data);
                    dx_buf_fini(&b);
                    break;
                }
            }
        }
        if (!q->kind && s < d->sents.len && se->turn >= 0) {
            /* quoted text inside a turn without a cue is the speaker's */
        }
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
        if (c->speaker[i] >= 0) {
            const dx_gaz_entry *g = d->ents.items[c->speaker[i]].gaz;
            if (g && g->roles && (strcasestr(g->roles, "prosecutor") || strcasestr(g->roles, "procurator") ||
                                  strcasestr(g->roles, "judge")))
                role = 1;
        }
        c->asks[i] = c->speaker[i] >= 0 && (role || asked * 3 >= total);
    }
    free(questions);
    free(asked_by);
    free(turns_by);
}

static void set_source(dx_event *e, int32_t ent, const char *text)
{
    e->source_ent = ent;
    snprintf(e->source, sizeof(e->source), "%s", ent >= 0 || !text ? "" : text);
}

static int local_cue(const ctx *c, size_t a, uint32_t kind, size_t window, int inclusive)
{
    for (size_t i = 0; i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if (!(h->kinds & kind)) continue;
        if (h->a > a || (!inclusive && h->a == a) || h->a + window < a) continue;
        int crossed = 0;
        for (size_t k = h->b; k < a; k++) crossed |= (c->cover[k] & K_BARRIER) != 0;
        if (!crossed) return 1;
    }
    return 0;
}

/* A procedure in the infinitive: "to confess", "to confirm or deny". */
static int infinitive(const ctx *c, size_t a, size_t begin)
{
    const dx_doc *d = c->doc;
    for (size_t k = 1; k <= 3 && a >= begin + k; k++) {
        const dx_token *t = &d->toks.items[a - k];
        size_t n = t->end - t->start;
        const char *w = d->text + t->start;
        if (n == 2 && !strncasecmp(w, "to", 2)) return !(c->cover[a] & K_BE);
        if (!(t->flags & DX_TK_WORD) || ment_at(c, a - k)) return 0;
        if (k == 1 && !(n == 2 && !strncasecmp(w, "or", 2)) && !(n == 3 && !strncasecmp(w, "and", 3)))
            return 0;
    }
    return 0;
}

static int sentence_has(const ctx *c, uint32_t kind)
{
    for (size_t i = 0; i < c->cues.len; i++)
        if (c->cues.items[i].kinds & kind) return 1;
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

static void modality(ctx *c, dx_event *e, size_t a, size_t first_event)
{
    dx_doc *d = c->doc;
    size_t s = e->sent;
    int32_t turn = d->sents.items[s].turn;
    int32_t spk = turn >= 0 ? c->speaker[turn] : -1;
    int question = is_question(c, s);
    int neg = local_cue(c, a, K_NEGATE, 4, 0);
    int hypo = local_cue(c, a, K_HYPO, 6, 1);
    int asking = turn >= 0 && question && c->asks[turn];
    e->modality = DX_MODAL_ASSERTED;
    set_source(e, -1, "");
    if (dx_ev_is_procedural(e->type)) {
        if (asking || hypo || infinitive(c, a, d->sents.items[s].tok_begin))
            e->modality = DX_MODAL_HYPOTHETICAL;
        else if (neg) {
            e->modality = DX_MODAL_DENIED;
            set_source(e, spk, spk >= 0 ? "" : "author");
        }
        return;
    }
    if (sentence_has(c, K_FRAME)) {
        e->modality = DX_MODAL_DENIED;
        set_source(e, spk, "author");
        return;
    }
    if (asking) {
        if (!e->n_agents && e->type == DX_EV_CONSPIRACY && c->addressee[turn] >= 0)
            add_agents(e, &c->addressee[turn], 1);
        e->modality = DX_MODAL_ALLEGED;
        set_source(e, spk, "");
        return;
    }
    /* the nearest claim, accusation, confession or denial before the trigger;
     * accusations, confessions and denials are about crimes only */
    const cue_hit *scope = NULL, *before = NULL;
    uint32_t want = dx_ev_is_crime(e->type) ? K_SCOPE : (K_REPORT | K_ACCORDING);
    for (size_t i = 0; i < c->cues.len; i++) {
        const cue_hit *h = &c->cues.items[i];
        if ((h->kinds & want) && h->a < a) {
            before = scope;
            scope = h;
        }
    }
    /* "pleaded guilty to the charges of X": X is confessed */
    if (scope && (scope->kinds & K_CHARGE) && before && (before->kinds & K_CONFESS) &&
        before->b + 4 >= scope->a)
        scope = before;
    int32_t q = c->quote_of[a];
    if (scope && q >= 0 && (uint32_t)c->quotes.items[q].a > scope->a) scope = NULL;
    if (scope) {
        if (scope->kinds & K_CHARGE) {
            /* the accuser of the nearest charge or sentence event */
            int32_t src = -1;
            const char *text = "prosecution";
            for (size_t i = first_event; i < d->events.len; i++) {
                const dx_event *ce = &d->events.items[i];
                if (ce == e || ce->trig_start > d->toks.items[a].start) continue;
                if (ce->type == DX_EV_CHARGE || ce->type == DX_EV_SENTENCE) {
                    src = ce->n_agents ? ce->agents[0] : -1;
                    if (ce->type == DX_EV_SENTENCE) text = "court";
                    if (!e->n_agents) add_agents(e, ce->patients, ce->n_patients);
                }
            }
            e->modality = DX_MODAL_ALLEGED;
            set_source(e, src, text);
            return;
        }
        int32_t src = cue_source(c, scope);
        if (src < 0) src = spk;
        if (scope->kinds & K_DENY) {
            e->modality = DX_MODAL_DENIED;
            if (!e->n_agents && src >= 0) add_agents(e, &src, 1);
            set_source(e, src, "");
            return;
        }
        if (scope->kinds & K_CONFESS) {
            if (src >= 0) add_agents(e, &src, 1);
            e->modality = DX_MODAL_CONFESSED;
            set_source(e, src, "");
            return;
        }
        claim(e, src, "");
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
            set_source(e, qu->src, qu->src_text[0] ? qu->src_text : "prosecution");
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
        } else {
            e->modality = DX_MODAL_CONFESSED;
        }
        set_source(e, spk, "");
        return;
    }
    if (local_cue(c, a, K_ALLEGED, 3, 0) || sentence_has(c, K_ALLEGEDLY)) {
        e->modality = DX_MODAL_ALLEGED;
        set_source(e, -1, "prosecution");
        return;
    }
    if (neg) {
        e->modality = DX_MODAL_DENIED;
        set_source(e, -1, "author");
        return;
    }
    if (hypo) e->modality = DX_MODAL_HYPOTHETICAL;
}

/* The charge label of a CHARGE/SENTENCE event: the crimes named after it. */
static void charge_label(ctx *c, dx_event *e, size_t from, size_t end, const uint32_t *trig_pat,
                         const uint32_t *trig_tok, size_t ntrig)
{
    dx_buf b;
    dx_buf_init(&b);
    for (size_t i = 0; i < ntrig; i++) {
        if (trig_tok[i] < from || trig_tok[i] >= end) continue;
        const char *lab = c->ev->trig.pats.items[trig_pat[i]].charge;
        if (!lab[0] || strstr(b.data ? b.data : "", lab)) continue;
        if (b.len) dx_buf_puts(&b, ", ");
        dx_buf_puts(&b, lab);
    }
    snprintf(e->charge, sizeof(e->charge), "%s", b.len ? b.data : "");
    dx_buf_fini(&b);
}

/* A DATE of the sentence nearest the trigger (on the same side of any quote
 * mark), else the narrative date: for what the text asserts and for
 * procedure (trials, charges, confessions), the latest date of the last
 * NARRATIVE_BACK sentences (a transcript's turns carry the date of the
 * session introduced before them); for the content of someone's claim only
 * the sentence just before, which is the claim's own context. */
#define NARRATIVE_BACK 15
#define CLAIM_BACK 1
static void attach_date(ctx *c, dx_event *e, size_t a)
{
    const dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[e->sent];
    long best = -1, best_dist = 0;
    for (size_t t = se->tok_begin; t < se->tok_end; t++) {
        const dx_mention *m = ment_at(c, t);
        if (!m || m->type != DX_ENT_DATE || !m->value[0]) continue;
        if (c->quote_of[t] != c->quote_of[a]) continue;
        long dist = (long)t - (long)a;
        if (dist < 0) dist = -dist;
        if (best < 0 || dist < best_dist) {
            best = c->ment[t];
            best_dist = dist;
        }
        t = ment_end_tok(c, t) - 1;
    }
    int claimed = e->modality != DX_MODAL_ASSERTED && !dx_ev_is_procedural(e->type);
    size_t back = claimed ? CLAIM_BACK : NARRATIVE_BACK;
    e->date_basis = DX_DATE_NONE;
    if (best >= 0) {
        /* stated: no clause barrier between the date and the trigger */
        size_t m0 = 0;
        while (c->ment[m0 + se->tok_begin] != best) m0++;
        size_t lo = m0 + se->tok_begin < a ? m0 + se->tok_begin : a, hi = m0 + se->tok_begin < a ? a : m0 + se->tok_begin;
        int crossed = 0;
        for (size_t t = lo; t < hi; t++) crossed |= (c->cover[t] & K_BARRIER) != 0;
        e->date_basis = crossed ? DX_DATE_SENTENCE : DX_DATE_STATED;
    }
    if (best < 0) {
        size_t lo = d->sents.items[e->sent > back ? e->sent - back : 0].tok_begin;
        for (size_t t = se->tok_begin; t-- > lo;) {
            const dx_mention *mn = ment_at(c, t);
            if (mn && mn->type == DX_ENT_DATE && mn->value[0]) {
                best = c->ment[t];
                e->date_basis = DX_DATE_CONTEXT;
                break;
            }
        }
    }
    if (best >= 0) {
        snprintf(e->date, sizeof(e->date), "%s", d->ments.items[best].value);
        e->date_mod = d->ments.items[best].mod;
    }
}

static int prev_is_det(const ctx *c, size_t a, size_t begin)
{
    if (a == begin) return 0;
    if (c->cover[a - 1] & K_DET) return 1;
    return 0;
}

/* Is the participle at a passive? A be-form within three tokens before it
 * ("was arrested", "were later shot", "had been expelled"). */
static int passive_at(const ctx *c, size_t a, size_t begin)
{
    for (size_t k = 1; k <= 3 && a >= begin + k; k++) {
        size_t t = a - k;
        if (c->cover[t] & K_BE) return 1;
        if (ment_at(c, t) || !(c->doc->toks.items[t].flags & DX_TK_WORD)) return 0;
    }
    return 0;
}

static void find_in_sentence(ctx *c, size_t s)
{
    dx_doc *d = c->doc;
    const dx_sentence *se = &d->sents.items[s];
    size_t begin = se->tok_begin, end = se->tok_end;
    uint32_t tpat[64], ttok[64];
    size_t ntrig = 0;
    for (size_t t = begin; t < end && ntrig < 64; t++) {
        if (!(c->first[t] & DX_L_TRIG)) continue;
        size_t len;
        int p = match(c, &c->ev->trig, DX_L_TRIG, t, end, &len);
        if (p < 0) continue;
        tpat[ntrig] = (uint32_t)p;
        ttok[ntrig++] = (uint32_t)t;
        t += len - 1;
    }
    /* a heading ("Sabotage in agriculture") states nothing */
    if (end - begin <= 6 && !(d->toks.items[end - 1].flags & DX_TK_PUNCT)) return;
    /* the cues matter only for the events of their sentence (all that reads
     * them stays inside it): a sentence without a trigger needs none */
    if (!ntrig) return;
    scan_cues(c, begin, end);
    int32_t turn = se->turn;
    int asking = turn >= 0 && c->asks[turn] && is_question(c, s);
    size_t first_event = d->events.len;
    size_t prev_crime_end = SIZE_MAX;
    for (size_t i = 0; i < ntrig; i++) {
        const pattern *p = &c->ev->trig.pats.items[tpat[i]];
        size_t a = ttok[i], b = a + p->n;
        /* a question put to the accused is no procedure */
        if (asking && dx_ev_is_procedural((dx_ev_type)p->type)) continue;
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
        int noun = p->pos == POS_NOUN;
        int passive = 0, idiom = 0;
        for (size_t k = 0; k < c->cues.len; k++) {
            const cue_hit *h = &c->cues.items[k];
            idiom |= (h->kinds & K_NEUTRAL) && h->a <= a && h->b >= b;
        }
        if (idiom) continue;
        if (p->pos == POS_EITHER)
            noun = prev_is_det(c, a, begin) || (a > begin && is_actor(ment_at(c, a - 1))) ||
                   (b < end && (c->cover[b] & K_OF));
        if (!noun) {
            passive = (c->cover[a] & K_BE) || passive_at(c, a, begin);
            if (p->pos == POS_PASSIVE && !passive) continue;
            if (p->pos == POS_NODET) {
                if (a == begin || prev_is_det(c, a, begin)) continue;
                const dx_token *pt = &d->toks.items[a - 1];
                if (!(pt->flags & DX_TK_WORD) && !is_actor(ment_at(c, a - 1))) continue;
                if (!passive && ment_at(c, a + 1) && !is_actor(ment_at(c, a - 1)) && pronoun(c, a - 1) < 0)
                    continue;
            }
        }
        dx_event e;
        memset(&e, 0, sizeof(e));
        e.type = (dx_ev_type)p->type;
        e.trig_start = d->toks.items[a].start;
        e.trig_end = d->toks.items[b - 1].end;
        e.sent = (uint32_t)s;
        e.place = -1;
        e.source_ent = -1;
        group ag = {{0}, 0}, pa = {{0}, 0};
        int fr = p->frame;
        /* a clause introduced by a claim starts after the claim's cue (and
         * after the name of "according to X") */
        size_t lo = begin;
        uint32_t want = dx_ev_is_crime(e.type) ? K_SCOPE : (K_REPORT | K_ACCORDING);
        for (size_t k = 0; k < c->cues.len; k++) {
            const cue_hit *h = &c->cues.items[k];
            if (!(h->kinds & want) || h->b > a) continue;
            lo = h->b;
            if (h->kinds & K_ACCORDING) {
                while (lo < a && (ment_at(c, lo) || (c->cover[lo] & K_LIST))) lo++;
            }
        }
        if (noun) {
            group mods = {{0}, 0};
            noun_modifiers(c, a, begin, &mods);
            size_t of = after_cue(c, b, end, K_OF, 0);
            group ofg = {{0}, 0};
            if (of) right_group(c, of, 1, &ofg, NULL);
            size_t by = after_cue(c, b, end, K_BY, 3);
            if (by) right_group(c, by, 1, &ag, NULL);
            group *poss_to = (fr == FR_TRA || fr == FR_AG || fr == FR_SP) ? &ag : &pa;
            for (size_t k = 0; k < mods.n; k++) group_add(poss_to, mods.v[k]);
            group *of_to = (fr == FR_AG || fr == FR_SP) ? &ag : &pa;
            for (size_t k = 0; k < ofg.n; k++) group_add(of_to, ofg.v[k]);
            if (fr == FR_AG && !ag.n) left_group_from(c, a, lo, 5, &ag, NULL);
            if (fr == FR_SP && !ag.n) left_group_from(c, a, lo, 2, &ag, NULL);
        } else if (fr == FR_IN) {
            left_group_from(c, a, lo, 4, &pa, NULL);
        } else if (fr == FR_SP) {
            left_group_from(c, a, lo, 4, &ag, NULL);
        } else if (fr == FR_AG) {
            left_group_from(c, a, lo, 4, &ag, NULL);
            right_group(c, b, 1, &ag, &ag);
        } else if (passive) {
            left_group_from(c, a, lo, 4, &pa, NULL);
            size_t by = after_cue(c, b, end, K_BY, 4);
            if (by) right_group(c, by, 1, &ag, &pa);
        } else {
            left_group_from(c, a, lo, 4, &ag, NULL);
            for (size_t k = a; k < b; k++) /* "removed him from power" */
                if (p->k[k - a] == 0) {
                    const dx_mention *m = ment_at(c, k);
                    if (is_actor(m)) group_add(&pa, m->ent);
                    else if (pronoun(c, k) >= 0) group_add(&pa, resolve_pronoun(c, k, ag.v, ag.n));
                }
            if (!pa.n) right_group(c, b, 2, &pa, &ag);
        }
        memcpy(e.agents, ag.v, ag.n * sizeof(int32_t));
        e.n_agents = (uint8_t)ag.n;
        memcpy(e.patients, pa.v, pa.n * sizeof(int32_t));
        e.n_patients = (uint8_t)pa.n;
        /* place: a PLACE after a place preposition, nearest the trigger */
        long best = -1;
        for (size_t t = begin + 1; t < end; t++) {
            const dx_mention *m = ment_at(c, t);
            if (!m || m->type != DX_ENT_PLACE || m->ent < 0) continue;
            if (!(word_class_at(c, t - 1) & DX_W_PLACECUE) && !is_actor(ment_at(c, t - 1))) {
                t = ment_end_tok(c, t) - 1;
                continue;
            }
            long dist = (long)t - (long)a;
            if (dist < 0) dist = -dist;
            if (dist <= 12 && (best < 0 || dist < labs(best - (long)a))) best = (long)t;
            t = ment_end_tok(c, t) - 1;
        }
        if (best >= 0) e.place = ment_at(c, (size_t)best)->ent;
        if (e.type == DX_EV_CHARGE || e.type == DX_EV_SENTENCE) {
            size_t stop = end;
            for (size_t k = i + 1; k < ntrig; k++) {
                dx_ev_type t2 = (dx_ev_type)c->ev->trig.pats.items[tpat[k]].type;
                if (t2 == DX_EV_CHARGE || t2 == DX_EV_SENTENCE) {
                    stop = ttok[k];
                    break;
                }
            }
            charge_label(c, &e, b, stop, tpat, ttok, ntrig);
        }
        DX_PUSH(d->events, e);
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
            if (n) {
                memcpy(e->patients, v, n * sizeof(int32_t));
                e->n_patients = (uint8_t)n;
            }
        }
    }
    /* "sentenced ... to be shot": the sentence's patients */
    for (size_t i = first_event + 1; i < d->events.len; i++) {
        dx_event *e = &d->events.items[i];
        const dx_event *prev = &d->events.items[i - 1];
        if (e->type == DX_EV_EXECUTION && !e->n_patients && prev->type == DX_EV_SENTENCE) {
            memcpy(e->patients, prev->patients, prev->n_patients * sizeof(int32_t));
            e->n_patients = prev->n_patients;
        }
    }
    for (size_t i = first_event; i < d->events.len; i++) {
        dx_event *e = &d->events.items[i];
        size_t a = dx_tok_index(d, e->trig_start);
        modality(c, e, a, first_event);
        attach_date(c, e, a);
    }
}

void dx_find_events(dx_doc *doc, const dx_lexicon *lex)
{
    doc->events.len = 0;
    if (!lex || !lex->events || !doc->toks.len) return;
    ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.lex = lex;
    c.ev = lex->events;
    size_t nt = doc->toks.len;
    c.key = xmalloc(nt * sizeof(*c.key));
    c.first = xmalloc(nt * sizeof(*c.first));
    c.memo[0] = xcalloc(2 * PAT_MEMO, sizeof(dx_u64memo));
    c.memo[1] = c.memo[0] + PAT_MEMO;
    c.ment = xmalloc(nt * sizeof(*c.ment));
    c.cover = xcalloc(nt, sizeof(*c.cover));
    c.quote_of = xmalloc(nt * sizeof(*c.quote_of));
    size_t nturn = doc->turns.len;
    c.speaker = xmalloc((nturn + 1) * sizeof(int32_t));
    c.addressee = xmalloc((nturn + 1) * sizeof(int32_t));
    c.asks = xcalloc(nturn + 1, 1);
    for (size_t t = 0; t < nt; t++) {
        c.key[t] = norm_key(c.ev, doc->toks.items[t].lkey);
        c.first[t] = doc->toks.items[t].lex & (DX_L_TRIG | DX_L_CUE | DX_L_PRON);
        c.ment[t] = -1;
    }
    size_t m = 0;
    for (size_t t = 0; t < nt && m < doc->ments.len; t++) {
        const dx_token *tk = &doc->toks.items[t];
        while (m < doc->ments.len && doc->ments.items[m].end <= tk->start) m++;
        /* mentions are sorted by start; an overlapping later one may cover t */
        for (size_t k = m; k < doc->ments.len && doc->ments.items[k].start <= tk->start; k++)
            if (doc->ments.items[k].end > tk->start) {
                c.ment[t] = (int32_t)k;
                break;
            }
    }
    find_quotes(&c);
    find_turn_speakers(&c);
    attribute_quotes(&c);
    memset(c.cover, 0, nt * sizeof(*c.cover));
    for (size_t s = 0; s < doc->sents.len; s++) find_in_sentence(&c, s);
    free(c.key);
    free(c.first);
    free(c.memo[0]);
    free(c.ment);
    free(c.cover);
    free(c.quote_of);
    free(c.speaker);
    free(c.addressee);
    free(c.asks);
    DX_FREE(c.quotes);
    DX_FREE(c.cues);
}

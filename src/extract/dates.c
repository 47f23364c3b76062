/* dates.c - the temporal tagger: DATE mentions with EDTF values, resolved
 * against the narrative time (HeidelTime's narrative mode) or the DCT. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/sort.h"
#include "base/utf8.h"
#include "extract/dates.h"
#include "extract/lexicon.h"
#include "extract/stages.h"
#include "model/edtf.h"

enum {
    C_NONE = 0,
    C_MONTH,
    C_MONTHABBR,
    C_AMBIG,
    C_WEEKDAY,
    C_SEASON,
    C_ORDINAL,
    C_NUMBER,
    C_DECADE,
    C_MODIFIER,
    C_MODNOUN,
    C_UNIT,
    C_RELATIVE,
    C_DEICTIC,
    C_DAYWORD,
    C_SHIFT,
    C_ERA,
    C_LICENSE,
    C_BLOCKER,
    C_COUNTNOUN,
    C_RANGESEP,
    C_APPROX,
    C_YEARPREP,
    C_EVENTNOUN,
    C_HOLIDAY,
    C_TENSE,
    C_EDWORD,
    C_WDNAME,
    C_CALENDAR,
    C__COUNT
};

static const char *const class_names[C__COUNT] = {
    "",         "month",  "monthabbr", "ambiguous", "weekday", "season",   "ordinal",
    "number",   "decade", "modifier",  "modnoun",   "unit",    "relative", "deictic",
    "dayword",  "shift",    "era",       "license", "blocker",  "countnoun",
    "rangesep", "approx",   "yearprep", "eventnoun", "holiday", "tense",    "edword",   "wdname",   "calendar",
};

#define NOVAL INT_MIN
/* A year-less month this many months before the narrative's month is read
 * as the next year's (December 1941 ... "in January" is 1942). */
#define FORWARD_GAP 8
/* A year-less date is not put this many years from every date of its
 * paragraph: the DCT of a history is not its narrative time. */
#define DECADES_APART 20
#define U_DAY 1
#define U_WEEK 2
#define U_MONTH 3
#define U_YEAR 4
#define U_DECADE 5
#define U_CENTURY 6
#define U_FORTNIGHT 14

struct dx_date_lex {
    dx_u64map *words; /* lkey -> class << 16 | (value + 0x8000) */
    DX_VEC(uint64_t) keys; /* every word, for dx_date_lex_mark */
    /* grammar words the patterns spell out */
    uint64_t k_the, k_of, k_and, k_or, k_between, k_from, k_that, k_in, k_s, k_ies, k_es, k_half,
        k_part, k_latter, k_first, k_second, k_early, k_same, k_year, k_month, k_day, k_mid, k_style,
        k_calendar, k_after, k_before;
};

/* ------------------------------------------------------------ loading */

typedef struct {
    struct dx_date_lex *lex;
    dx_buf fold;
} load_ctx;

static int parse_int(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < -30000 || v > 30000) return 0;
    *out = (int)v;
    return 1;
}

static int on_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    load_ctx *c = ud;
    (void)nf;
    int cls = 0, val;
    for (int k = 1; k < C__COUNT; k++)
        if (strcmp(f[1], class_names[k]) == 0) cls = k;
    if (!cls) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected a class (month, monthabbr, ambiguous, weekday, season, ordinal, "
                     "number, decade, modifier, modnoun, unit, relative, deictic, dayword, "
                     "shift, era, license, blocker, countnoun, rangesep, approx, yearprep, eventnoun, holiday, "
                     "tense, edword, wdname, calendar), found '%s'",
                     f[1]);
        return DOSSIER_EDATA;
    }
    if (!parse_int(f[2], &val)) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected an integer value, found '%s'", f[2]);
        return DOSSIER_EDATA;
    }
    if (!f[0][0] || strchr(f[0], ' ')) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected one word (a single token), found '%s'",
                     f[0]);
        return DOSSIER_EDATA;
    }
    dx_fold_lower(f[0], strlen(f[0]), &c->fold);
    uint64_t k = dx_hash(c->fold.data, c->fold.len);
    dx_u64map_add(c->lex->words, k, ((uint32_t)cls << 16) | (uint32_t)(val + 0x8000));
    /* words of the side classes are asked for one token at a time (lex_cls),
     * not marked for every token of the text: "was", "said", "is" */
    if (cls != C_TENSE && cls != C_EDWORD && cls != C_WDNAME && cls != C_CALENDAR) DX_PUSH(c->lex->keys, k);
    return 0;
}

static uint64_t key_of(const char *s) { return dx_hash(s, strlen(s)); }

int dx_date_lex_load(const char *dir, struct dx_date_lex **out, dossier_error *err)
{
    static const char *const header[] = {"word", "class", "value", NULL};
    struct dx_date_lex *d = xcalloc(1, sizeof(*d));
    d->words = dx_u64map_new();
    load_ctx c = {d, {0}};
    dx_buf_init(&c.fold);
    dx_buf path;
    dx_buf_init(&path);
    dx_buf_printf(&path, "%s/dates.tsv", dir);
    int rc = dx_tsv_load(path.data, header, 3, on_row, &c, err);
    dx_buf_fini(&path);
    dx_buf_fini(&c.fold);
    if (rc) {
        dx_date_lex_free(d);
        *out = NULL;
        return rc;
    }
    d->k_the = key_of("the");
    d->k_of = key_of("of");
    d->k_and = key_of("and");
    d->k_or = key_of("or");
    d->k_between = key_of("between");
    d->k_from = key_of("from");
    d->k_that = key_of("that");
    d->k_in = key_of("in");
    d->k_s = key_of("s");
    d->k_ies = key_of("ies");
    d->k_es = key_of("es");
    d->k_half = key_of("half");
    d->k_part = key_of("part");
    d->k_latter = key_of("latter");
    d->k_first = key_of("first");
    d->k_second = key_of("second");
    d->k_early = key_of("early");
    d->k_same = key_of("same");
    d->k_year = key_of("year");
    d->k_month = key_of("month");
    d->k_day = key_of("day");
    d->k_mid = key_of("mid");
    d->k_style = key_of("style");
    d->k_calendar = key_of("calendar");
    d->k_after = key_of("after");
    d->k_before = key_of("before");
    *out = d;
    return 0;
}

#define BIT(k) (1u << (k))
/* The test build's oracle (tests/t_dates.sh): the scan stops at every date
 * word, "the" and "that", and tries expr_at at each. Its outputs must be
 * those of the lists and tests below, which only spare expr_at the tokens
 * it would find nothing at; if they differ, a kind of date expr_at learnt
 * is missing from them. */
#ifdef DOSSIER_TEST_DATES_EVERYWHERE
#define EVERYWHERE 1
#else
#define EVERYWHERE 0
#endif
/* Classes a date may start at whatever follows (worth_a_look): their paths
 * are many, or their words rare. */
#define OPEN_START                                                                                          \
    (BIT(C_MONTH) | BIT(C_MONTHABBR) | BIT(C_WEEKDAY) | BIT(C_SEASON) | BIT(C_DECADE) | BIT(C_MODIFIER) | \
     BIT(C_ERA) | BIT(C_HOLIDAY))
/* What can follow "the" in a date ("the same day", "the 1930s"), and
 * "that" ("that year"): listed for the scan to look at the word before.
 * (Of the numbers, only "twenty" and "thirty" are: "the twenty-first".) */
#define AFTER_THE \
    (BIT(C_MODIFIER) | BIT(C_MODNOUN) | BIT(C_RELATIVE) | BIT(C_ORDINAL) | BIT(C_DECADE) | BIT(C_SEASON) | BIT(C_UNIT))
/* What dates "this", "last", "next": a unit (relative_at), a day, month,
 * feast or season named (deictic_name_at). */
#define DEICTIC_NEXT (BIT(C_UNIT) | BIT(C_WEEKDAY) | BIT(C_MONTH) | BIT(C_MONTHABBR) | BIT(C_HOLIDAY) | BIT(C_SEASON))
/* Words the scan looks at from the word after them, like "the": "this",
 * "last" and "coming" date only before one of DEICTIC_NEXT, "a", "two",
 * "nineteen" only before a unit ("a year ago"), and all of these are
 * listed. Not listing them spares the scan "a" and "this" at every turn. */
#define LOOKED_BACK (BIT(C_DEICTIC) | BIT(C_NUMBER))

/* Is a word of these classes and values one the scan stops at (it may start
 * a date, or lead in one after "the" or "that")? "after", "before" and
 * "ago" start none (expr_at: a shift that licenses a month, or "ago"); see
 * LOOKED_BACK for the others left out. */
static int date_go(uint32_t mask, const uint32_t *v, size_t nv)
{
    if (mask & (OPEN_START | AFTER_THE | BIT(C_DAYWORD) | BIT(C_APPROX))) return 1;
    for (size_t j = 0; j < nv; j++) {
        int cl = (int)(v[j] >> 16), val = (int)(v[j] & 0xffff) - 0x8000;
        if (cl == C_NUMBER && val >= 20) return 1; /* twenty-five years ago */
        if (cl == C_SHIFT && (val == 1 || val == -1) && !(mask & BIT(C_LICENSE))) return 1; /* later that day */
    }
    return 0;
}

void dx_date_lex_mark(dx_lexicon *lex)
{
    const struct dx_date_lex *d = lex->dates;
    for (size_t i = 0; i < d->keys.len; i++) {
        uint64_t k = d->keys.items[i];
        uint32_t mask = 0;
        const uint32_t *v;
        size_t nv = dx_u64map_get(d->words, k, &v);
        for (size_t j = 0; j < nv; j++) mask |= BIT(v[j] >> 16);
        dx_lex_mark(lex, k, DX_L_DATE | (date_go(mask, v, nv) || EVERYWHERE ? DX_L_DATE_GO : 0));
    }
    if (EVERYWHERE) {
        dx_lex_mark(lex, d->k_the, DX_L_DATE_GO);
        dx_lex_mark(lex, d->k_that, DX_L_DATE_GO);
    }
    /* "the" and "that" lead in a date only before one of AFTER_THE, a
     * number or "the latter" (the_may_lead): these are listed, and the scan
     * looks at the word before them, not at every "the" */
    dx_lex_mark(lex, d->k_latter, DX_L_DATE_GO);
    /* The punctuation the scan acts at: the quotes (quote_mark) and
     * apostrophes ('96: is_apos); all other punctuation it passes, so the
     * segmenter need not list it. Both as written and as folded (the
     * tokenizer keys a curly apostrophe as "'"): marking a key too many
     * lists a token the scan passes, never one too few. */
    static const char *const marks[] = {"\"", "`", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
                                        "\xC2\xAB", "\xC2\xBB"};
    dx_buf fold;
    dx_buf_init(&fold);
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        dx_lex_mark(lex, key_of(marks[i]), DX_L_DATE_GO);
        dx_fold_lower(marks[i], strlen(marks[i]), &fold);
        dx_lex_mark(lex, dx_hash(fold.data, fold.len), DX_L_DATE_GO);
    }
    dx_buf_fini(&fold);
}

void dx_date_lex_free(struct dx_date_lex *d)
{
    if (!d) return;
    dx_u64map_free(d->words);
    DX_FREE(d->keys);
    free(d);
}

/* ------------------------------------------------------------ values */

enum { G_NONE = 0, G_CENTURY, G_DECADE, G_YEAR, G_HALF, G_SEASON, G_MONTH, G_DAY };

/* One calendar point. y is astronomical (1 BC = 0). */
typedef struct {
    int y, m, d;
    /* season 21..24 or half 40/41. The season convention (README, Dates):
     * EDTF's season code for a season within one year ("1936-22"; a winter
     * is coded by the year of its December); a winter written across two
     * years is the month range "1932-12/1933-02". Both read the same to the
     * scorer; the spec's ANNOTATION-GUIDE writes month ranges. */
    int part;
    int rule; /* a feast whose day depends on the year: its holiday value (see holiday_day) */
    int julian; /* y-m-d are of the Julian calendar (the text marked it): converted once the year is known */
    int gran;
    int has_y;
} dpoint;

typedef enum { R_ABS = 0, R_YEARLESS, R_REL, R_DEICTIC, R_WEEKDAY } rkind;
/* rel_unit of an R_DEICTIC that names a month or a season ("last October") */
#define U_NAMED 20

/* dexpr.mod: the modifier values of dates.tsv (1-3), approximation, and the
 * halves of a year (their EDTF codes). */
enum { M_NONE = 0, M_EARLY = 1, M_MID = 2, M_LATE = 3, M_APPROX = 4, M_HALF1 = 40, M_HALF2 = 41 };

/* A recognised expression before resolution. */
typedef struct {
    int s, e; /* token range [s,e) */
    dpoint a, b;
    int range;
    int mod;
    rkind kind;
    int rel_unit, rel_n; /* R_REL / R_DEICTIC: shift by rel_n units */
    int keep_ref;        /* a span, decade or century: does not move the narrative time */
    int deix;            /* R_WEEKDAY, R_DEICTIC of a named month or season: 0 bare, else
                          * DX_LAST / DX_THIS / DX_NEXT ("last Friday", "next April") */
    int target;          /* the weekday (1-7), month (1-12) or season (21-24) named */
    int via_dct;         /* resolve(): the value came from the document's date */
    dpoint jul;          /* has_jul: the date as the text wrote it in the Julian calendar */
    int has_jul;
    int ev_s, ev_e;      /* R_REL "three days after the landing": the event's words [ev_s, ev_e) */
    int dayonly;         /* R_YEARLESS "on the 14th": a day of the current month */
} dexpr;

/* An expression cleared: a copy of this zero one, not memset. For a struct
 * of this size GCC's memset is a `rep stos`, some 30 cycles to start: the two
 * in expr_at were half its time (perf), and most of its calls find nothing.
 * The copy is the same bytes in a few vector stores. */
static const dexpr no_dexpr;
#define clear_dexpr(x) memcpy((x), &no_dexpr, sizeof(dexpr))

enum { DX_LAST = 1, DX_THIS, DX_NEXT };
/* tense of a clause: past, present, future; none when the sentence shows none */
enum { T_PAST = -1, T_PRESENT = 0, T_FUTURE = 1, T_BE = 2, T_MEANT = 3, T_MEANS = 4, T_ISARE = 5, T_WOULD = 6,
       T_HAVE = 7, T_NONE = 9 };

/* printf's "%0*d": the sign, then the digits zero-padded to width in all.
 * Values are rendered by hand: snprintf was a third of the tagger's time. */
static char *put_int(char *o, long v, int width)
{
    /* the usual ones, a month or day and a year, without the loop */
    if (width == 2 && v >= 0 && v < 100) {
        o[0] = (char)('0' + v / 10), o[1] = (char)('0' + v % 10);
        return o + 2;
    }
    if (width == 4 && v >= 0 && v < 10000) {
        o[0] = (char)('0' + v / 1000), o[1] = (char)('0' + v / 100 % 10);
        o[2] = (char)('0' + v / 10 % 10), o[3] = (char)('0' + v % 10);
        return o + 4;
    }
    char tmp[24];
    int n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) width--;
    while (n < width) tmp[n++] = '0';
    if (v < 0) *o++ = '-';
    while (n) *o++ = tmp[--n];
    return o;
}

/* s[0..len) into out as snprintf(out, n, "%s") would put it; returns the
 * length put (no strlen after). */
static size_t put_out(char *out, size_t n, const char *s, size_t len)
{
    if (!n) return 0;
    if (len > n - 1) len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
    return len;
}

/* p's EDTF into out (n bytes): returns its length. */
static size_t render_point(const dpoint *p, char *out, size_t n)
{
    char b[96], *o = b;
    switch (p->gran) {
    case G_CENTURY:
        if (p->y < 0) *o++ = '-';
        o = put_int(o, p->y < 0 ? -p->y / 100 : p->y / 100, 2);
        *o++ = 'X';
        *o++ = 'X';
        break;
    case G_DECADE:
        if (p->y < 0) *o++ = '-';
        o = put_int(o, p->y < 0 ? -p->y / 10 : p->y / 10, 3);
        *o++ = 'X';
        break;
    case G_YEAR:
    case G_HALF:
    case G_SEASON:
    case G_MONTH:
    case G_DAY: {
        /* the year as "%04d" into 16 bytes, as it was */
        char ys[32], *y = ys;
        if (p->y < 0) *y++ = '-';
        y = put_int(y, p->y < 0 ? -(long)p->y : p->y, 4);
        size_t yl = (size_t)(y - ys) < 15 ? (size_t)(y - ys) : 15;
        memcpy(o, ys, yl);
        o += yl;
        if (p->gran == G_HALF || p->gran == G_SEASON) {
            *o++ = '-';
            o = put_int(o, p->part, 2);
        } else if (p->gran == G_MONTH || p->gran == G_DAY) {
            *o++ = '-';
            o = put_int(o, p->m, 2);
            if (p->gran == G_DAY) {
                *o++ = '-';
                o = put_int(o, p->d, 2);
            }
        }
        break;
    }
    default: break;
    }
    return put_out(out, n, b, (size_t)(o - b));
}

/* ------------------------------------------------------------ the scanner */

typedef struct {
    uint32_t sent;
    dpoint p;
} dated_sent;

typedef struct {
    dx_doc *doc;
    const struct dx_date_lex *L;
    const dx_token *t;
    int n;
    dpoint ref;  /* the narrative time: the last resolved date */
    int have_ref;
    dpoint fine; /* the last resolved date with a month (and maybe a day) */
    int have_fine, fine_seq, year_seq, seq;
    int year_topical; /* the last bare year opens its sentence ("In 2007, ...", "2005: ...") */
    int dct_y, dct_m, dct_d, have_dct; /* the document's own date (its DCT, or a dateline since) */
    int nlines;                         /* the lines begun so far (not counting blank ones) */
    /* The text narrates its own time: a date written with its year that sets
     * the scene ("In 1941, ...", "On 5 March 1937") has been read in this
     * thread; year-less dates then follow the narrative, not the DCT. */
    int story;
    uint32_t fine_para;  /* the paragraph of the last day-precise narrative date */
    int written_y, have_written; /* the last year written out in this thread */
    /* the years of the dates of the current paragraph, and of the text so far */
    int para_y[16], n_para_y; /* the years written out in it */
    int para_dct;             /* its dates read against the DCT */
    uint32_t para_of_y;
    uint32_t ref_sent;        /* the sentence of the last date written with its year, + 1 */
    uint32_t fine_w_para;     /* the paragraph of the last day or month written with its year, + 1 */
    int n_near, n_far; /* dates so far within a year of the DCT, decades from it */
    int in_quote;      /* inside quotation marks (they close at the paragraph's end) */
    DX_VEC(dated_sent) dated; /* the dates read so far, by sentence: events' dates */
    const char *anchor_str;      /* dct_* as "YYYY-MM-DD" in doc->arena, for the mentions */
    /* per paragraph: the people it names (entity ids), first the first one */
    uint32_t *pp_at;             /* paragraph p's ids are pp_ids[pp_at[p] .. pp_at[p + 1]) */
    int32_t *pp_ids;
    uint32_t n_para;
    dx_buf note;                 /* becomes doc->dct_note */
    dx_u64memo *memo;       /* the thread's cache of c->L->words (lexicon.h) */
    uint32_t *mask;         /* per token: the classes of its word (1 << C_...)
                             * (32 bits: half the bytes to clear and to keep in cache) */
    DX_VEC(size_t) pending; /* year-less mentions before any year: resolved at the end */
    DX_VEC(dexpr) pending_x;
    DX_VEC(int) years; /* every year written out in the text, for the pending ones */
} scan;

/* A date word's mask (dx_recognize_dates' memo of them, the thread's:
 * lexicon.h). */
typedef dx_date_mask date_mask;
_Static_assert(C__COUNT <= 32, "date classes overflow the mask");

/* The value of class k for token i, or NOVAL. Most asks are of a token
 * without the class: that test is inlined where asked, the walk over the
 * values is not. */
static int cls_value(const scan *c, int i, int k);
static inline int cls(const scan *c, int i, int k)
{
    if (i < 0 || i >= c->n || !(c->mask[i] & (1ull << k))) return NOVAL;
    return cls_value(c, i, k);
}

static int cls_value(const scan *c, int i, int k)
{
    /* the word's values through the memo (asked of a token in ten of the
     * date words: a pointer kept for every one, in an array of 8 bytes a
     * token, cost more than these lookups) */
    const uint32_t *v;
    size_t nv = dx_u64memo_get(c->memo, DX_CACHE_DATES, c->L->words, c->t[i].lkey, &v);
    for (size_t j = 0; j < nv; j++)
        if ((int)(v[j] >> 16) == k) return (int)(v[j] & 0xffff) - 0x8000;
    return NOVAL;
}

/* The value of class k for token i by a lookup of its own (the side
 * classes, which the per-token mask leaves out), or NOVAL. */
static int lex_cls(const scan *c, int i, int k)
{
    if (i < 0 || i >= c->n || !(c->t[i].flags & DX_TK_WORD)) return NOVAL;
    const uint32_t *v;
    size_t nv = dx_u64memo_get(c->memo, DX_CACHE_DATES, c->L->words, c->t[i].lkey, &v);
    for (size_t j = 0; j < nv; j++)
        if ((int)(v[j] >> 16) == k) return (int)(v[j] & 0xffff) - 0x8000;
    return NOVAL;
}

static int has(const scan *c, int i, int k)
{
    return i >= 0 && i < c->n && (c->mask[i] & (1ull << k));
}

static int key(const scan *c, int i, uint64_t k) { return i >= 0 && i < c->n && c->t[i].lkey == k; }

static int adj(const scan *c, int i) /* token i touches token i+1 */
{
    return i >= 0 && i + 1 < c->n && c->t[i].end == c->t[i + 1].start;
}

static int flag(const scan *c, int i, uint32_t f) { return i >= 0 && i < c->n && (c->t[i].flags & f); }

static int tlen(const scan *c, int i) { return (int)(c->t[i].end - c->t[i].start); }

/* Token i is the punctuation lit (a string literal: its length is known). */
#define is_punct(c, i, lit) punct_is(c, i, lit, sizeof(lit) - 1)
static inline int punct_is(const scan *c, int i, const char *s, size_t l)
{
    if (i < 0 || i >= c->n || !(c->t[i].flags & DX_TK_PUNCT)) return 0;
    return (size_t)tlen(c, i) == l && memcmp(c->doc->text + c->t[i].start, s, l) == 0;
}

static int is_dash_text(const scan *c, int i);
/* A dash: the punctuation test inlined where asked (most tokens are words). */
static inline int is_dash(const scan *c, int i) { return flag(c, i, DX_TK_PUNCT) && is_dash_text(c, i); }
static int is_dash_text(const scan *c, int i)
{
    return is_punct(c, i, "-") || is_punct(c, i, "\xE2\x80\x93") || is_punct(c, i, "\xE2\x80\x94") ||
           is_punct(c, i, "\xE2\x80\x90") || is_punct(c, i, "\xE2\x80\x91");
}

static int is_apos(const scan *c, int i) { return is_punct(c, i, "'") || is_punct(c, i, "\xE2\x80\x99"); }

/* Value of an all-digit token, or -1. */
/* The value of number token i (ndig: its digits), or -1; the test of the
 * token inlined where asked, as in cls. */
static int num_value(const scan *c, int i, int *ndig);
static inline int num(const scan *c, int i, int *ndig)
{
    if (i < 0 || i >= c->n || !(c->t[i].flags & DX_TK_NUM)) return -1;
    return num_value(c, i, ndig);
}

static int num_value(const scan *c, int i, int *ndig)
{
    int l = tlen(c, i);
    if (ndig) *ndig = l;
    if (l > 6) return -1;
    const char *s = c->doc->text + c->t[i].start;
    int v = 0;
    for (int k = 0; k < l; k++) v = v * 10 + (s[k] - '0');
    return v;
}

/* "8th", "1st", "22nd": the number, or -1. */
static int ordinal_digits(const scan *c, int i)
{
    if (i < 0 || i >= c->n || !(c->t[i].flags & DX_TK_WORD) || (c->t[i].flags & DX_TK_NUM)) return -1;
    const char *s = c->doc->text + c->t[i].start;
    int l = tlen(c, i), k = 0, v = 0;
    while (k < l && k < 3 && s[k] >= '0' && s[k] <= '9') v = v * 10 + (s[k++] - '0');
    if (k == 0 || l - k != 2) return -1;
    char a = (char)(s[k] | 0x20), b = (char)(s[k + 1] | 0x20);
    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
        (a == 't' && b == 'h'))
        return v;
    return -1;
}

/* An ordinal (token or words, "twenty-first"); returns tokens used. */
static int ordinal_at(const scan *c, int i, int *v)
{
    int o = ordinal_digits(c, i);
    if (o >= 0) {
        *v = o;
        return 1;
    }
    int w = cls(c, i, C_ORDINAL);
    if (w != NOVAL) {
        *v = w;
        return 1;
    }
    int tens = cls(c, i, C_NUMBER);
    if ((tens == 20 || tens == 30) && adj(c, i) && is_dash(c, i + 1) && adj(c, i + 1)) {
        int u = cls(c, i + 2, C_ORDINAL);
        if (u != NOVAL && u < 10) {
            *v = tens + u;
            return 3;
        }
    }
    return 0;
}

/* A number as digits or words ("two", "twenty-five", "14", "a"). */
static int count_at(const scan *c, int i, int *v)
{
    int nd;
    int x = num(c, i, &nd);
    if (x >= 0 && nd <= 3) {
        *v = x;
        return 1;
    }
    int w = cls(c, i, C_NUMBER);
    if (w == NOVAL) return 0;
    if (w >= 20 && adj(c, i) && is_dash(c, i + 1) && adj(c, i + 1)) {
        int u = cls(c, i + 2, C_NUMBER);
        if (u != NOVAL && u < 10) {
            *v = w + u;
            return 3;
        }
    }
    *v = w;
    return 1;
}

/* Is the number at i part of a larger figure, a time, a page or a count? */
static int number_blocked(const scan *c, int i, int allow_count_after)
{
    /* 1,700 / 14,5 / 12.30 / 10:30 */
    if (i > 0 && adj(c, i - 1) && (is_punct(c, i - 1, ",") || is_punct(c, i - 1, ".") ||
                                  is_punct(c, i - 1, ":")) &&
        adj(c, i - 2) && flag(c, i - 2, DX_TK_NUM))
        return 1;
    if (adj(c, i) && (is_punct(c, i + 1, ",") || is_punct(c, i + 1, ".") || is_punct(c, i + 1, ":")) &&
        adj(c, i + 1) && flag(c, i + 2, DX_TK_NUM))
        return 1;
    int p = i - 1;
    if (is_punct(c, p, ".") && adj(c, p - 1)) p--;
    if (has(c, p, C_BLOCKER)) return 1;
    /* the second number of "pp. 327-328" */
    if (is_dash(c, i - 1) && flag(c, i - 2, DX_TK_NUM)) {
        p = i - 3;
        if (is_punct(c, p, ".") && adj(c, p - 1)) p--;
        if (has(c, p, C_BLOCKER)) return 1;
    }
    /* [37] */
    if (is_punct(c, i - 1, "[") && adj(c, i - 1) && is_punct(c, i + 1, "]") && adj(c, i)) return 1;
    if (!allow_count_after && has(c, i + 1, C_COUNTNOUN) && !flag(c, i + 1, DX_TK_CAP)) return 1;
    if (has(c, i + 1, C_COUNTNOUN) && flag(c, i + 1, DX_TK_PUNCT)) return 1; /* 1938% */
    return 0;
}

/* BC/AD after a year (also B.C., A.D., B.C.E.); returns tokens used. */
static int era_at(const scan *c, int i, int *sign)
{
    if (i >= c->n || !(c->t[i].flags & DX_TK_WORD) || !(c->t[i].flags & DX_TK_CAP)) return 0;
    int e = cls(c, i, C_ERA);
    if (e != NOVAL && tlen(c, i) >= 2) {
        *sign = e;
        return 1;
    }
    /* dotted: letter . letter . [letter .] */
    char buf[8];
    int bl = 0, j = i;
    while (j < c->n && bl < 4 && tlen(c, j) == 1 && (c->t[j].flags & DX_TK_CAP) && adj(c, j) &&
           is_punct(c, j + 1, ".")) {
        buf[bl++] = (char)(c->doc->text[c->t[j].start] | 0x20);
        j += 2;
        if (!adj(c, j - 1)) break;
    }
    if (bl >= 2) {
        uint64_t k = dx_hash(buf, (size_t)bl);
        const uint32_t *v;
        size_t nv = dx_u64map_get(c->L->words, k, &v);
        for (size_t q = 0; q < nv; q++)
            if ((int)(v[q] >> 16) == C_ERA) {
                *sign = (int)(v[q] & 0xffff) - 0x8000;
                return j - i;
            }
    }
    return 0;
}

static int bc_narrative(const scan *c) { return c->have_ref && c->ref.has_y && c->ref.y <= 0; }

/* A year: 4 digits (1000-2099), or 1-4 digits with an era, or (in a BC
 * narrative, after a preposition) 3 digits. Returns tokens used. */
static int year_at(const scan *c, int i, int *y, int ctx_strict)
{
    int nd;
    int v = num(c, i, &nd);
    if (v < 0) {
        /* AD 70 */
        int sign;
        if (cls(c, i, C_ERA) == 1 && flag(c, i, DX_TK_UPPER)) {
            int u = era_at(c, i, &sign);
            v = num(c, i + u, &nd);
            if (v > 0 && nd <= 4) {
                *y = v;
                return u + 1;
            }
        }
        return 0;
    }
    if (number_blocked(c, i, 0)) return 0;
    int sign, eu = era_at(c, i + 1, &sign);
    if (eu && nd <= 4 && v > 0) {
        *y = sign < 0 ? 1 - v : v;
        return 1 + eu;
    }
    if (nd == 4 && v >= 1000 && v <= 2099) {
        *y = v;
        return 1;
    }
    if (!ctx_strict && nd == 3 && v >= 100 && bc_narrative(c) &&
        has(c, i - 1, C_YEARPREP) && !(is_dash(c, i + 1) && flag(c, i + 2, DX_TK_NUM))) {
        *y = 1 - v;
        return 1;
    }
    return 0;
}

/* A month name (capitalised); returns tokens used; *ambig for may/march. */
static int month_at(const scan *c, int i, int *m, int *ambig)
{
    if (i < 0 || i >= c->n || !(c->t[i].flags & DX_TK_CAP)) return 0;
    int v = cls(c, i, C_MONTH);
    int used = 1;
    if (v == NOVAL) {
        v = cls(c, i, C_MONTHABBR);
        if (v == NOVAL) return 0;
        if (adj(c, i) && is_punct(c, i + 1, ".")) used = 2;
    }
    *m = v;
    *ambig = has(c, i, C_AMBIG);
    return used;
}

/* A day of the month: 1-31 as digits, "8th", "eighth", "twenty-first". */
static int day_at(const scan *c, int i, int *d, int *is_plain)
{
    int nd;
    int v = num(c, i, &nd);
    if (v >= 1 && v <= 31 && nd <= 2) {
        if (number_blocked(c, i, 1)) return 0;
        *d = v;
        *is_plain = 1;
        return 1;
    }
    int u = ordinal_at(c, i, &v);
    if (u && v >= 1 && v <= 31) {
        *d = v;
        *is_plain = 0;
        return u;
    }
    return 0;
}

static int skip_comma(const scan *c, int j) { return is_punct(c, j, ",") ? j + 1 : j; }

/* A weekday name before a date ("Monday, 5 March"): tokens used. */
static int weekday_prefix(const scan *c, int i)
{
    if (!flag(c, i, DX_TK_CAP) || !has(c, i, C_WEEKDAY)) return 0;
    int j = i + 1;
    if (adj(c, i) && is_punct(c, j, ".")) j++;
    return skip_comma(c, j) - i;
}

/* Is a bare month name at i (ambiguous or not) a date here? */
static int month_licensed(const scan *c, int i, int ambig, int next)
{
    int p = i - 1;
    if (is_dash(c, p) && adj(c, p) && key(c, p - 1, c->L->k_mid)) return 1;
    if (has(c, next, C_EVENTNOUN) && !flag(c, next, DX_TK_CAP)) return 1; /* a March operation */
    if (key(c, p, c->L->k_the)) return 0;
    if (has(c, p, C_LICENSE)) return 1;
    if (ambig) {
        /* "April and May", "May and June" */
        if ((key(c, p, c->L->k_and) || key(c, p, c->L->k_or) || is_punct(c, p, ",")) &&
            (has(c, p - 1, C_MONTH) || has(c, p - 1, C_MONTHABBR)))
            return 1;
        if (key(c, next, c->L->k_and) && has(c, next + 1, C_MONTH) && !has(c, next + 1, C_AMBIG))
            return 1;
        return 0;
    }
    /* "August Bebel": a capitalised word after a bare month name */
    if (next < c->n && (c->t[next].flags & DX_TK_CAP) && !(c->t[next].flags & DX_TK_SENT) &&
        !has(c, next, C_MONTH))
        return 0;
    return 1;
}

#define P_BAREDAY 1 /* a range's second half may be a bare day ("28-29th, 1934") */

/* One calendar point starting at i. Returns the end token (exclusive) or 0.
 * *need_license: a bare month name that must still be licensed. */
static int point_at(const scan *c, int i, dpoint *p, int opts, int *need_license)
{
    memset(p, 0, sizeof(*p));
    *need_license = 0;
    int j = i, d, plain, m, ambig, y, u;
    j += weekday_prefix(c, j);
    /* the 25th of August */
    int the = key(c, j, c->L->k_the);
    /* day-first: 8 March 1965, 25th of August, 1917 */
    if ((u = day_at(c, j + the, &d, &plain))) {
        int k = j + the + u;
        if (key(c, k, c->L->k_of)) k++;
        int mu = month_at(c, k, &m, &ambig);
        if (mu && (k == j + the + u || !plain)) {
            k += mu;
            if (d > dx_month_days(2000, m)) return 0;
            p->m = m;
            p->d = d;
            p->gran = G_DAY;
            int k2 = skip_comma(c, k);
            if (key(c, k2, c->L->k_of) && !has(c, k2 + 1, C_ERA)) k2++;
            if ((u = year_at(c, k2, &y, 1))) {
                p->y = y;
                p->has_y = 1;
                return k2 + u;
            }
            return k;
        }
        if ((opts & P_BAREDAY) && !the) {
            /* the second half of "28-29th, 1934" or "6-7 March" */
            int du = u;
            p->d = d;
            p->gran = G_DAY;
            int k2 = skip_comma(c, j + du);
            if ((u = year_at(c, k2, &y, 1))) {
                p->y = y;
                p->has_y = 1;
                return k2 + u;
            }
            return j + du;
        }
    }
    if (the) return 0;
    /* month-first */
    if ((u = month_at(c, j, &m, &ambig))) {
        int k = j + u;
        p->m = m;
        /* March 13th 1938, September 1, 1939 */
        int du = day_at(c, k, &d, &plain);
        if (du && !(plain && adj(c, k) && is_dash(c, k + 1) && adj(c, k + 1) && flag(c, k + 2, DX_TK_NUM) &&
                    num(c, k + 2, NULL) > 31)) {
            int ndig;
            if (plain && num(c, k, &ndig) >= 0 && has(c, k + 1, C_COUNTNOUN)) du = 0;
        }
        if (du && d <= dx_month_days(2000, m)) {
            k += du;
            p->d = d;
            p->gran = G_DAY;
            int k2 = skip_comma(c, k);
            if ((u = year_at(c, k2, &y, 1))) {
                p->y = y;
                p->has_y = 1;
                return k2 + u;
            }
            /* April 7 and 15, 1915: the year closes the list */
            {
                int d2, pl2, u2;
                if ((key(c, k, c->L->k_and) || key(c, k, c->L->k_or)) && (u2 = day_at(c, k + 1, &d2, &pl2)) &&
                    !has(c, k + 1 + u2, C_MONTH) && !has(c, k + 1 + u2, C_MONTHABBR) &&
                    (u = year_at(c, skip_comma(c, k + 1 + u2), &y, 1))) {
                    p->y = y;
                    p->has_y = 1;
                    return k;
                }
            }
            /* July 25 of that year / of the same year */
            if (key(c, k, c->L->k_of) && (key(c, k + 1, c->L->k_that) || key(c, k + 1, c->L->k_the)) &&
                key(c, k + 2 + key(c, k + 2, c->L->k_same), c->L->k_year))
                return k + 3 + key(c, k + 2, c->L->k_same);
            return k;
        }
        /* March 1938, October, 1917, February of 1940 */
        int k2 = skip_comma(c, k);
        if (key(c, k2, c->L->k_of)) k2++;
        if ((u = year_at(c, k2, &y, 1))) {
            p->y = y;
            p->has_y = 1;
            p->gran = G_MONTH;
            return k2 + u;
        }
        p->gran = G_MONTH;
        if (key(c, k, c->L->k_of) && (key(c, k + 1, c->L->k_that) || key(c, k + 1, c->L->k_the)) &&
            key(c, k + 2 + key(c, k + 2, c->L->k_same), c->L->k_year))
            return k + 3 + key(c, k + 2, c->L->k_same);
        if (j != i) return k; /* a weekday before it */
        *need_license = ambig ? 2 : 1;
        return k;
    }
    /* Christmas 1963, Thanksgiving Day, Easter 1916 */
    int hv = flag(c, j, DX_TK_CAP) ? cls(c, j, C_HOLIDAY) : NOVAL;
    if (hv != NOVAL && ((hv / 100 >= 1 && hv / 100 <= 12) || hv >= 10000)) {
        p->m = hv >= 20000 ? 4 : hv >= 10000 ? hv / 100 % 100 : hv / 100;
        p->d = hv >= 10000 ? 0 : hv % 100;
        p->rule = hv >= 10000 ? hv : 0;
        p->gran = G_DAY;
        int k1 = j + 1;
        if (key(c, k1, c->L->k_day) && flag(c, k1, DX_TK_CAP)) k1++; /* Thanksgiving Day */
        int k2 = skip_comma(c, k1);
        if ((u = year_at(c, k2, &y, 1))) {
            p->y = y;
            p->has_y = 1;
            return k2 + u;
        }
        /* "White Christmas" is a title, "Easter Island" a name */
        if (flag(c, j - 1, DX_TK_CAP) && !flag(c, j - 1, DX_TK_SENT)) return 0;
        if (k1 < c->n && flag(c, k1, DX_TK_CAP) && flag(c, k1, DX_TK_WORD) && !flag(c, k1, DX_TK_SENT)) return 0;
        return k1;
    }
    /* numeric: 25.8.1917, 25/8/1917, 1917-08-25 */
    int nd1, nd2, nd3;
    int a = num(c, j, &nd1);
    if (a >= 0 && adj(c, j) && adj(c, j + 1) && adj(c, j + 2) && adj(c, j + 3)) {
        int b = num(c, j + 2, &nd2), y3 = num(c, j + 4, &nd3);
        int sep_dot = is_punct(c, j + 1, ".") && is_punct(c, j + 3, ".");
        int sep_sl = is_punct(c, j + 1, "/") && is_punct(c, j + 3, "/");
        int sep_dash = is_punct(c, j + 1, "-") && is_punct(c, j + 3, "-");
        if ((sep_dot || sep_sl) && nd1 <= 2 && nd2 <= 2 && nd3 == 4 && b >= 1 && b <= 12 && a >= 1 &&
            a <= dx_month_days(y3, b) && y3 >= 1000 && y3 <= 2099 && !adj(c, j + 4)) {
            p->y = y3, p->m = b, p->d = a, p->gran = G_DAY, p->has_y = 1;
            return j + 5;
        }
        if (sep_dash && nd1 == 4 && nd2 == 2 && nd3 == 2 && a >= 1000 && a <= 2099 && b >= 1 && b <= 12 &&
            y3 >= 1 && y3 <= dx_month_days(a, b)) {
            p->y = a, p->m = b, p->d = y3, p->gran = G_DAY, p->has_y = 1;
            return j + 5;
        }
    }
    if (j != i) return 0;
    /* a year */
    if ((u = year_at(c, j, &y, 0))) {
        p->y = y;
        p->has_y = 1;
        p->gran = G_YEAR;
        return j + u;
    }
    return 0;
}

/* The year of "the thirties": in the narrative's century, unless that
 * lies well ahead of it (a 2005 citation does not make them the 2030s). */
static int decade_century(const scan *c, int d)
{
    if (!c->have_ref || !c->ref.has_y || c->ref.y <= 0) return 1900 + d * 10;
    int y = c->ref.y / 100 * 100 + d * 10;
    return y > c->ref.y + 20 ? y - 100 : y;
}

/* A decade or century at i ("1930s", "1930-ies", "'30s", "thirties",
 * "19th century"); the "the" before it is the caller's. */
static int decade_at(const scan *c, int i, dpoint *p)
{
    memset(p, 0, sizeof(*p));
    p->has_y = 1;
    if (i >= c->n) return 0;
    const char *s = c->doc->text + c->t[i].start;
    int l = tlen(c, i), nd;
    /* 1930s */
    if ((c->t[i].flags & DX_TK_WORD) && !(c->t[i].flags & DX_TK_NUM) && l == 5 && (s[4] | 0x20) == 's') {
        int v = 0, k;
        for (k = 0; k < 4 && s[k] >= '0' && s[k] <= '9'; k++) v = v * 10 + s[k] - '0';
        if (k == 4 && v % 10 == 0 && v >= 1000 && v <= 2090) {
            p->y = v;
            p->gran = v % 100 == 0 ? G_CENTURY : G_DECADE;
            int sign, eu = era_at(c, i + 1, &sign);
            if (eu && sign < 0) p->y = -v;
            return 1 + eu;
        }
    }
    /* 470s BC, 30s (after an apostrophe) */
    if ((c->t[i].flags & DX_TK_WORD) && !(c->t[i].flags & DX_TK_NUM) && (l == 3 || l == 4) &&
        (s[l - 1] | 0x20) == 's') {
        int v = 0, k;
        for (k = 0; k < l - 1 && s[k] >= '0' && s[k] <= '9'; k++) v = v * 10 + s[k] - '0';
        if (k == l - 1 && v % 10 == 0) {
            int sign, eu = era_at(c, i + 1, &sign);
            if (l == 4 && eu && sign < 0) {
                p->y = -v;
                p->gran = G_DECADE;
                return 1 + eu;
            }
            if (l == 3 && i > 0 && is_apos(c, i - 1) && adj(c, i - 1)) {
                p->y = decade_century(c, v / 10);
                p->gran = G_DECADE;
                return 1;
            }
        }
    }
    /* 1930's, 1930-ies */
    int v = num(c, i, &nd);
    if (v >= 1000 && v <= 2090 && nd == 4 && v % 10 == 0 && adj(c, i) && adj(c, i + 1) &&
        ((is_apos(c, i + 1) && key(c, i + 2, c->L->k_s)) ||
         (is_dash(c, i + 1) && (key(c, i + 2, c->L->k_ies) || key(c, i + 2, c->L->k_es) ||
                                key(c, i + 2, c->L->k_s))))) {
        p->y = v;
        p->gran = G_DECADE;
        return 3;
    }
    /* the thirties */
    int dv = cls(c, i, C_DECADE);
    if (dv != NOVAL) {
        p->y = decade_century(c, dv);
        p->gran = G_DECADE;
        return 1;
    }
    /* 19th century, the twentieth century */
    int o, u = ordinal_at(c, i, &o);
    if (u && o >= 1 && o <= 21 && cls(c, i + u, C_UNIT) == U_CENTURY && tlen(c, i + u) == 7) {
        int sign, eu = era_at(c, i + u + 1, &sign);
        p->gran = G_CENTURY;
        p->y = (eu && sign < 0) ? -(o - 1) * 100 - 1 : (o - 1) * 100;
        if (eu && sign < 0) p->y = -((o - 1) * 100);
        return u + 1 + eu;
    }
    return 0;
}

/* A season, "(the) summer (of) 1943", "the winter of 1932-33". The
 * caller has skipped "the". Returns the end token or 0. */
static int season_at(const scan *c, int i, dexpr *x, int had_the, int had_mod)
{
    int sv = cls(c, i, C_SEASON);
    if (sv == NOVAL) return 0;
    int j = i + 1, y, u;
    int k = j;
    if (key(c, k, c->L->k_of)) k++;
    if ((u = year_at(c, k, &y, 0))) {
        x->a.y = y;
        x->a.has_y = 1;
        k += u;
        /* winter 1932-33 */
        int nd, y2 = -1;
        if (adj(c, k - 1) && (is_dash(c, k) || is_punct(c, k, "/")) && adj(c, k)) {
            int v = num(c, k + 1, &nd);
            if (v >= 0 && nd <= 2) y2 = (y / (nd == 1 ? 10 : 100)) * (nd == 1 ? 10 : 100) + v;
            else if (v >= 0 && nd == 4) y2 = v;
            if (y2 != y + 1) y2 = -1;
        }
        if (sv == 24 && y2 > 0) {
            x->range = 1;
            x->a.gran = G_MONTH;
            x->a.m = 12;
            x->b.y = y2;
            x->b.has_y = 1;
            x->b.m = 2;
            x->b.gran = G_MONTH;
            return k + 2;
        }
        x->a.gran = G_SEASON;
        x->a.part = sv;
        return k;
    }
    /* the winter, summer (year from the narrative); "fall" needs more */
    int event = has(c, j, C_EVENTNOUN) && !flag(c, j, DX_TK_CAP);
    if (has(c, i, C_AMBIG) && !had_the && !had_mod && !event && !key(c, i - 1, c->L->k_in)) return 0;
    if (has(c, i, C_AMBIG) && had_the && key(c, j, c->L->k_of)) return 0; /* the fall of Paris */
    /* "in winter" is generic; "the winter", "that summer", "early spring" are dated */
    int coord = (key(c, i - 1, c->L->k_and) || key(c, i - 1, c->L->k_or)) && has(c, i - 2, C_SEASON) &&
                key(c, i - 3, c->L->k_the);
    int that = key(c, i - 1, c->L->k_that) || (key(c, i - 1, c->L->k_same) && key(c, i - 2, c->L->k_that));
    if (!had_the && !had_mod && !coord && !that && !event && !has(c, i - 1, C_DEICTIC)) return 0;
    if (key(c, j, c->L->k_of) && !had_mod) return 0;
    x->a.gran = G_SEASON;
    x->a.part = sv;
    x->kind = R_YEARLESS;
    return j;
}

static int unit_at(const scan *c, int i)
{
    int u = cls(c, i, C_UNIT);
    return u == NOVAL ? 0 : u;
}

static int tense_word(const scan *c, int i);

/* After "after" / "before" at k - 1: does a named event follow ("the
 * landing", "Fort Sumter", "Obama's speech"), rather than a clause ("he
 * arrived", "the troops landed") or nothing? Sets x->ev_s, x->ev_e. */
static void event_after(const scan *c, int k, dexpr *x)
{
    if (!key(c, k - 1, c->L->k_after) && !key(c, k - 1, c->L->k_before)) return;
    if (k >= c->n || !flag(c, k, DX_TK_WORD) || c->t[k].sent != c->t[k - 1].sent) return;
    if (!key(c, k, c->L->k_the) && !flag(c, k, DX_TK_CAP) && !has(c, k, C_EVENTNOUN)) return;
    int e = k;
    while (e < c->n && e < k + 6 && c->t[e].sent == c->t[k].sent &&
           (flag(c, e, DX_TK_WORD) || is_apos(c, e))) {
        if (tense_word(c, e) != T_NONE) return; /* a verb: a clause */
        e++;
    }
    x->ev_s = k;
    x->ev_e = e;
}

/* Anaphoric and deictic expressions at i; *the_used tells whether a "the"
 * at i-1 belongs to it. */
static int relative_at(const scan *c, int i, dexpr *x, int had_the)
{
    int j = i, u, n;
    /* today, yesterday ("now" is left alone: in narrative it is the story's
     * now, and the DCT would date the events of its sentence wrongly) */
    int dw = cls(c, j, C_DAYWORD);
    if (dw != NOVAL && !had_the && c->have_dct) {
        x->kind = R_DEICTIC;
        x->rel_unit = U_DAY;
        x->rel_n = dw;
        return j + 1;
    }
    /* that (same) day, the same year, the next month, the following day */
    int that = key(c, j, c->L->k_that);
    if (had_the || that) {
        int k = j + that;
        int rv = cls(c, k, C_RELATIVE);
        if (rv != NOVAL) k++;
        else if (that) rv = 0;
        if (rv != NOVAL && had_the && !that && (u = unit_at(c, k)) && (u == U_DECADE || u == U_CENTURY) &&
            c->doc->text[c->t[k].end - 1] != 's') {
            x->kind = R_REL;
            x->rel_unit = u;
            x->rel_n = rv;
            return k + 1;
        }
        if (rv != NOVAL && (u = unit_at(c, k)) && u <= U_YEAR && tlen(c, k) <= 5 &&
            c->doc->text[c->t[k].end - 1] != 's') {
            x->kind = R_REL;
            x->rel_unit = u;
            x->rel_n = rv;
            return k + 1;
        }
        /* the day before / after / following */
        if (had_the && rv == NOVAL && key(c, k, c->L->k_day)) {
            int sh = cls(c, k + 1, C_SHIFT);
            if (sh == NOVAL && cls(c, k + 1, C_RELATIVE) == 1) sh = 1;
            if (sh == 1 || sh == -1) {
                x->kind = R_REL;
                x->rel_unit = U_DAY;
                x->rel_n = sh;
                event_after(c, k + 2, x);
                return k + 2;
            }
        }
    }
    /* this year, last month, next week, this century (DCT) */
    int dv = cls(c, j, C_DEICTIC);
    if (dv != NOVAL && !had_the && (u = unit_at(c, j + 1)) && (u <= U_YEAR || u == U_CENTURY) &&
        tlen(c, j + 1) <= 7 && c->doc->text[c->t[j + 1].end - 1] != 's') {
        x->kind = R_DEICTIC;
        x->rel_unit = u;
        x->rel_n = dv;
        return j + 2;
    }
    /* two days later, a week later, 14 years ago */
    if (!had_the && (n = count_at(c, j, &u))) {
        int cnt = u;
        int k = j + n;
        int un = unit_at(c, k);
        int sh = cls(c, k + 1, C_SHIFT);
        if (un && un <= U_FORTNIGHT && sh != NOVAL && cnt > 0 && cnt < 1000) {
            if (un == U_DECADE) {
                un = U_YEAR;
                cnt *= 10;
            } else if (un == U_CENTURY) {
                un = U_YEAR;
                cnt *= 100;
            } else if (un == U_FORTNIGHT) {
                un = U_DAY;
                cnt *= 14;
            }
            if (un == U_WEEK && sh != -2) { /* six weeks ago: that week */
                un = U_DAY;
                cnt *= 7;
            }
            x->kind = sh == -2 ? R_DEICTIC : R_REL;
            x->rel_unit = un;
            x->rel_n = sh == -2 ? -cnt : sh * cnt;
            if (sh != -2) event_after(c, k + 2, x);
            return k + 2;
        }
    }
    return 0;
}

/* Apply a modifier/relative and say whether the expression at i is a date. */
/* x's year up to year y2, the expression ending before token e. */
static int year_range(dexpr *x, int y2, int e)
{
    x->b = x->a;
    x->b.y = y2;
    x->range = 1;
    x->e = e;
    x->keep_ref = 1;
    return 1;
}

/* ------------------------------------------------------------ Julian dates */

/* A calendar named at i: "O.S." / "N.S." (letter by letter), "Old Style",
 * "new style", "Julian", "Gregorian" (dates.tsv's calendar class: -1
 * Julian, 1 Gregorian, -2 / 2 "old" / "new" before "style"), maybe with
 * "calendar" or "style" after it. Returns tokens used, *v -1 or 1. */
static int style_at(const scan *c, int i, int *v)
{
    if (i >= c->n) return 0;
    int u = 0, w = NOVAL;
    if (tlen(c, i) == 1 && adj(c, i) && is_punct(c, i + 1, ".") && flag(c, i + 2, DX_TK_WORD) && tlen(c, i + 2) == 1) {
        /* O.S., N.S. */
        char two[2] = {(char)(c->doc->text[c->t[i].start] | 0x20), (char)(c->doc->text[c->t[i + 2].start] | 0x20)};
        const uint32_t *vals;
        size_t nv = dx_u64map_get(c->L->words, dx_hash(two, 2), &vals);
        for (size_t q = 0; q < nv; q++)
            if ((int)(vals[q] >> 16) == C_CALENDAR) w = (int)(vals[q] & 0xffff) - 0x8000;
        if (w != 1 && w != -1) return 0;
        u = 3 + (adj(c, i + 2) && is_punct(c, i + 3, "."));
    } else if ((w = lex_cls(c, i, C_CALENDAR)) != NOVAL) {
        u = 1;
        if (w == 2 || w == -2) { /* old style, new style */
            if (!key(c, i + 1, c->L->k_style)) return 0;
            w /= 2;
            u = 2;
        } else if (key(c, i + 1, c->L->k_style) || key(c, i + 1, c->L->k_calendar)) {
            u = 2;
        }
    } else {
        return 0;
    }
    *v = w;
    return u;
}

static int is_open(const scan *c, int i) { return is_punct(c, i, "(") || is_punct(c, i, "["); }
static int is_close(const scan *c, int i) { return is_punct(c, i, ")") || is_punct(c, i, "]"); }

/* Days since 1970-01-01 of a date of the Julian calendar (year >= 1). */
static long days_from_julian(int y, int m, int d)
{
    long a = (14 - m) / 12, yy = (long)y + 4800 - a, mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - 32083 - 2440588;
}

/* p (Julian, with its year) to the Gregorian calendar. */
static int julian_to_gregorian(dpoint *p)
{
    if (!p->has_y || p->y < 1 || !p->m || !p->d) return 0;
    dx_civil_from_days(days_from_julian(p->y, p->m, p->d), &p->y, &p->m, &p->d);
    p->julian = 0;
    return 1;
}

/* j (Julian) and g (Gregorian, its month and year maybe left to j's):
 * the same day? Then x takes g as its value and j as its Julian form. */
static int double_day(const scan *c, dexpr *x, dpoint j, dpoint g)
{
    (void)c;
    if (!g.m) g.m = g.d < j.d ? j.m % 12 + 1 : j.m; /* 20 February/4 March */
    if (g.has_y && !j.has_y) j.y = g.y - (j.m == 12 && g.m == 1), j.has_y = 1;
    if (j.has_y && !g.has_y) g.y = j.y + (j.m == 12 && g.m == 1), g.has_y = 1;
    if (j.has_y) {
        dpoint t = j;
        if (!julian_to_gregorian(&t) || t.m != g.m || t.d != g.d) return 0;
    } else {
        /* without a year: 10 to 13 days apart, the gap of 1582-2099 */
        long diff = dx_days_from_civil(2001, g.m, g.d) - dx_days_from_civil(2001, j.m, j.d);
        if (diff < 0) diff += 365;
        if (diff < 10 || diff > 13) return 0;
    }
    x->a = g;
    x->jul = j;
    x->has_jul = 1;
    return 1;
}

/* A day in two calendars: after the date x->a ending at e, what the text
 * adds about its calendar, absorbed into the one mention: "10 March 1905
 * (O.S.)", "12 May [30 April O.S.] 1880", "14 September (26 September,
 * New Style) 1899", "14 September 1899 [N.S. 26 September]", "January
 * 1/13, 1905". The value is always the Gregorian date; the Julian one is
 * kept in x->jul. Unmarked dates are never converted. Returns the new end. */
static int absorb_calendar(const scan *c, dexpr *x, int e)
{
    dpoint *a = &x->a;
    if (a->gran != G_DAY || x->range) return e;
    int v, u, k = e, y, yu;
    /* 10 March 1905 (O.S.), 10 March 1905 O.S. */
    int br = is_open(c, k);
    if ((u = style_at(c, k + br, &v)) && (!br || is_close(c, k + br + u))) {
        if (v < 0) a->julian = 1;
        k += br + u + br;
        if (!a->has_y && (yu = year_at(c, k, &y, 1))) a->y = y, a->has_y = 1, k += yu;
        return k;
    }
    /* January 1/14, 1905; 26 May/6 June 1799: both days, the Julian first */
    if (is_punct(c, k, "/") && adj(c, k - 1) && adj(c, k)) {
        dpoint g;
        int nl, k2 = point_at(c, k + 1, &g, P_BAREDAY, &nl);
        if (k2 && g.gran == G_DAY && !nl && double_day(c, x, *a, g)) return k2;
    }
    /* 12 May [30 April O.S.] 1880, 14 September (26 September, New Style) 1899 */
    if (!br) return e;
    k++;
    int v1 = 0, v2 = 0;
    if ((u = style_at(c, k, &v1))) k += u;
    dpoint b;
    int nl, e2 = point_at(c, k, &b, 0, &nl);
    if (!e2 || b.gran != G_DAY || !b.m) return e;
    k = skip_comma(c, e2);
    if (!v1 && (u = style_at(c, k, &v2))) k += u;
    if (!is_close(c, k) || !(v1 || v2)) return e;
    k++;
    int vb = v1 ? v1 : v2; /* the calendar of the bracket's date */
    if (!a->has_y && !b.has_y && (yu = year_at(c, k, &y, 1))) {
        a->y = b.y = y;
        a->has_y = b.has_y = 1;
        k += yu;
    }
    dpoint *jul = vb < 0 ? &b : a, *greg = vb < 0 ? a : &b;
    if (!jul->has_y && greg->has_y) { /* 1 January 1900 [20 December O.S.] */
        jul->y = greg->y - (jul->m == 12 && greg->m == 1);
        jul->has_y = 1;
    } else if (!greg->has_y && jul->has_y) {
        greg->y = jul->y + (jul->m == 12 && greg->m == 1);
        greg->has_y = 1;
    }
    x->jul = *jul;
    x->has_jul = 1;
    x->a = *greg;
    return k;
}

/* A capitalised weekday name is a date, but not inside a name: "Black
 * Monday" (a word of dates.tsv's wdname class before it), "the Sunday
 * Times" (a capitalised word after it, not a month). */
static int weekday_ok(const scan *c, int j)
{
    if (!flag(c, j, DX_TK_CAP) || !has(c, j, C_WEEKDAY)) return 0;
    if (flag(c, j - 1, DX_TK_CAP) && lex_cls(c, j - 1, C_WDNAME) != NOVAL && !flag(c, j, DX_TK_SENT)) return 0;
    if (j + 1 < c->n && flag(c, j + 1, DX_TK_CAP) && flag(c, j + 1, DX_TK_WORD) &&
        !flag(c, j + 1, DX_TK_SENT) && !flag(c, j + 1, DX_TK_NL) && !has(c, j + 1, C_MONTH) &&
        !has(c, j + 1, C_MONTHABBR) && !flag(c, j + 1, DX_TK_UPPER))
        return 0;
    return 1;
}

/* last Friday, next April, this spring, last fall: a deictic word and a
 * named day, month or season, against the document's date. */
static int deictic_name_at(const scan *c, int j, dexpr *x)
{
    int dv = cls(c, j, C_DEICTIC);
    if (dv == NOVAL || !c->have_dct) return 0;
    int k = j + 1, v, m, amb;
    x->deix = dv < 0 ? DX_LAST : dv > 0 ? DX_NEXT : DX_THIS;
    if (weekday_ok(c, k)) {
        x->kind = R_WEEKDAY;
        x->target = cls(c, k, C_WEEKDAY);
        x->e = k + 1;
        return 1;
    }
    int u = month_at(c, k, &m, &amb);
    if (u && !day_at(c, k + u, &v, &amb)) {
        x->kind = R_DEICTIC;
        x->rel_unit = U_NAMED;
        x->target = m;
        x->e = k + u;
        return 1;
    }
    /* last Thanksgiving, next Easter */
    if (flag(c, k, DX_TK_CAP) && (v = cls(c, k, C_HOLIDAY)) != NOVAL) {
        int nl;
        int e = point_at(c, k, &x->a, 0, &nl);
        if (e && !x->a.has_y) {
            x->kind = R_DEICTIC;
            x->rel_unit = U_NAMED;
            x->target = 100;
            x->e = e;
            return 1;
        }
        memset(&x->a, 0, sizeof(x->a));
    }
    if ((v = cls(c, k, C_SEASON)) != NOVAL && !key(c, k + 1, c->L->k_of)) {
        x->kind = R_DEICTIC;
        x->rel_unit = U_NAMED;
        x->target = v;
        x->e = k + 1;
        return 1;
    }
    x->deix = 0;
    return 0;
}

static int expr_at(const scan *c, int i, dexpr *x)
{
    clear_dexpr(x);
    x->s = i;
    int j = i;
    /* later that month, earlier that year, later in the year */
    int sh = cls(c, j, C_SHIFT);
    if ((sh == 1 || sh == -1) && (c->t[j].flags & DX_TK_WORD) && !has(c, j, C_LICENSE)) {
        int k = j + 1 + key(c, j + 1, c->L->k_in);
        dexpr r;
        clear_dexpr(&r);
        int the2 = key(c, k, c->L->k_the);
        int e2 = relative_at(c, k + the2, &r, the2);
        if (!e2 && the2 && (key(c, k + 1, c->L->k_year) || key(c, k + 1, c->L->k_month))) {
            r.kind = R_REL;
            r.rel_unit = key(c, k + 1, c->L->k_year) ? U_YEAR : U_MONTH;
            r.rel_n = 0;
            e2 = k + 2;
        }
        /* later that month, earlier this week */
        if (e2 && r.rel_n == 0 && ((r.kind == R_REL && r.rel_unit >= U_MONTH) ||
                                   (r.kind == R_DEICTIC && r.rel_unit >= U_WEEK && r.rel_unit <= U_YEAR))) {
            x->kind = r.kind;
            x->rel_unit = r.rel_unit;
            x->rel_n = 0;
            x->e = e2;
            return 1;
        }
        return 0;
    }
    /* circa 1500, ca. 466 BC, c. 1090 */
    if (has(c, j, C_APPROX) && (flag(c, j + 1, DX_TK_NUM) || (is_punct(c, j + 1, ".") && adj(c, j)))) {
        j += is_punct(c, j + 1, ".") ? 2 : 1;
        int y, u = year_at(c, j, &y, 1);
        if (!u) return 0;
        x->a.y = y;
        x->a.has_y = 1;
        x->a.gran = G_YEAR;
        x->mod = M_APPROX;
        x->kind = R_ABS;
        x->e = j + u;
        return 1;
    }
    int the = key(c, j, c->L->k_the);
    j += the;
    /* early / mid / late */
    int mv = cls(c, j, C_MODIFIER);
    if (mv != NOVAL && mv > 0 && !(the && key(c, j + 1, c->L->k_of))) {
        j++;
        if (mv == M_MID && is_dash(c, j) && adj(c, j - 1)) j++;
        if (key(c, j, c->L->k_in)) j++; /* early in 1862 */
        x->mod = mv;
    } else if (the) {
        /* the beginning / middle / end of; the first / second half of */
        int nv = cls(c, j, C_MODNOUN);
        if (nv != NOVAL && key(c, j + 1, c->L->k_of)) {
            x->mod = nv;
            j += 2;
        } else if ((key(c, j, c->L->k_first) || key(c, j, c->L->k_second) || key(c, j, c->L->k_latter)) &&
                   key(c, j + 1, c->L->k_half) && key(c, j + 2, c->L->k_of)) {
            x->mod = key(c, j, c->L->k_first) ? M_HALF1 : M_HALF2;
            j += 3;
        } else if ((key(c, j, c->L->k_latter) || key(c, j, c->L->k_early)) && key(c, j + 1, c->L->k_part) &&
                   key(c, j + 2, c->L->k_of)) {
            x->mod = key(c, j, c->L->k_early) ? M_EARLY : M_LATE;
            j += 3;
        }
    }
    int inner_the = 0;
    if (x->mod && key(c, j, c->L->k_the)) {
        inner_the = 1;
        j++;
    }
    int e;
    int the_now = the || inner_the;
    if (!the_now && deictic_name_at(c, j, x)) return 1;
    /* relative: the next day, that year, the end of the month */
    dexpr r;
    clear_dexpr(&r);
    if ((e = relative_at(c, j, &r, x->mod ? inner_the : the))) {
        if (r.kind == R_REL && r.rel_unit == U_DAY && x->mod) return 0;
        x->kind = r.kind;
        x->rel_unit = r.rel_unit;
        x->rel_n = r.rel_n;
        x->ev_s = r.ev_s;
        x->ev_e = r.ev_e;
        x->e = e;
        return 1;
    }
    /* the end of the year / the month */
    if (x->mod && inner_the && (key(c, j, c->L->k_year) || key(c, j, c->L->k_month))) {
        x->kind = R_REL;
        x->rel_unit = key(c, j, c->L->k_year) ? U_YEAR : U_MONTH;
        x->rel_n = 0;
        x->e = j + 1;
        return 1;
    }
    /* decades, centuries */
    dpoint p;
    if ((e = decade_at(c, j, &p))) {
        e += j;
        if (p.gran == G_DECADE && !the_now && !x->mod && tlen(c, j) != 5 && cls(c, j, C_DECADE) != NOVAL)
            return 0; /* "thirties" alone is an age */
        x->a = p;
        x->keep_ref = 1;
        x->e = e;
        return 1;
    }
    /* seasons */
    if ((e = season_at(c, j, x, the_now, x->mod != 0))) {
        x->e = e;
        if (x->range) x->keep_ref = 1;
        return 1;
    }
    if (the_now && !x->mod) {
        /* "the 25th of August" keeps its "the"; anything else starts later */
        int nl;
        if ((e = point_at(c, i, &x->a, 0, &nl)) && x->a.gran == G_DAY) goto have_point;
        /* on the 14th: a day of the current month */
        int d, plain, u = day_at(c, j, &d, &plain);
        if (u && !plain && the && has(c, i - 1, C_LICENSE) && !has(c, i - 1, C_DEICTIC) &&
            (j + u >= c->n || flag(c, j + u, DX_TK_PUNCT) || key(c, j + u, c->L->k_and) ||
             key(c, j + u, c->L->k_the) || tense_word(c, j + u) != T_NONE)) {
            memset(&x->a, 0, sizeof(x->a));
            x->a.d = d;
            x->a.gran = G_DAY;
            x->kind = R_YEARLESS;
            x->dayonly = 1;
            x->e = j + u;
            return 1;
        }
        return 0;
    }
    {
        /* 499-493 BC, from 499 to 493 BC; 496 and 495 BC (the first alone) */
        int nd1 = 0, nd2 = 0, sign, v1 = num(c, j, &nd1), v2 = num(c, j + 2, &nd2), eu; /* (set when a number) */
        int list = key(c, j + 1, c->L->k_and) || key(c, j + 1, c->L->k_or);
        if (v1 > 0 && v2 > 0 && nd1 <= 4 && nd2 <= 4 && (has(c, j + 1, C_RANGESEP) || list) && v1 > v2 &&
            (eu = era_at(c, j + 3, &sign)) && sign < 0 && !number_blocked(c, j, 0)) {
            x->a.y = 1 - v1;
            x->b.y = 1 - v2;
            x->a.gran = x->b.gran = G_YEAR;
            x->a.has_y = x->b.has_y = 1;
            if (list) {
                x->e = j + 1;
                return 1;
            }
            x->range = 1;
            x->keep_ref = 1;
            x->e = j + 3 + eu;
            return 1;
        }
    }
    {
        int nl;
        if (!(e = point_at(c, j, &x->a, 0, &nl))) {
            /* on Thursday, said Friday, Friday's ruling */
            if (!x->mod && !the && weekday_ok(c, j)) {
                x->kind = R_WEEKDAY;
                x->target = cls(c, j, C_WEEKDAY);
                x->e = j + 1;
                return 1;
            }
            /* 6-7 March, between 16th and 23rd January 1935 */
            int d, plain, u = day_at(c, j, &d, &plain);
            if (!u || x->mod) return 0;
            int k = j + u;
            /* 9/22 January 1905: the Julian day, then the Gregorian one */
            if (plain && is_punct(c, k, "/") && adj(c, k - 1) && adj(c, k)) {
                dpoint g, jd;
                int e2 = point_at(c, k + 1, &g, 0, &nl);
                if (e2 && g.gran == G_DAY && g.m && !nl) {
                    jd = g;
                    jd.d = d;
                    if (d > g.d) jd.m = g.m == 1 ? 12 : g.m - 1;
                    /* without a year, only after "on", "of"...: "1/14 January prices" */
                    if (jd.d <= dx_month_days(2000, jd.m) && (g.has_y || has(c, j - 1, C_LICENSE)) &&
                        double_day(c, x, jd, g)) {
                        x->kind = x->a.has_y ? R_ABS : R_YEARLESS;
                        x->e = e2;
                        return 1;
                    }
                }
            }
            /* the second day of "May 4 and 5", "April 7 and 15, 1915" */
            if ((key(c, j - 1, c->L->k_and) || key(c, j - 1, c->L->k_or)) && flag(c, j - 2, DX_TK_WORD)) {
                int d0, pl0, m0, amb0, u0 = 0;
                int q = j - 2;
                if (day_at(c, q, &d0, &pl0) && (u0 = month_at(c, q - 1, &m0, &amb0)) == 1 && d0 < d &&
                    d <= dx_month_days(2000, m0) && !has(c, k, C_MONTH) && !has(c, k, C_MONTHABBR)) {
                    int y, yu, k2 = skip_comma(c, k);
                    x->a.m = m0;
                    x->a.d = d;
                    x->a.gran = G_DAY;
                    if ((yu = year_at(c, k2, &y, 1))) {
                        x->a.y = y;
                        x->a.has_y = 1;
                        k = k2 + yu;
                    }
                    x->kind = x->a.has_y ? R_ABS : R_YEARLESS;
                    x->e = k;
                    return 1;
                }
            }
            int sep = is_dash(c, k) ||
                      (key(c, k, c->L->k_and) && key(c, j - 1, c->L->k_between)) ||
                      (has(c, k, C_RANGESEP) && key(c, j - 1, c->L->k_from));
            int list = !sep && (key(c, k, c->L->k_and) || key(c, k, c->L->k_or));
            if (!sep && !list) return 0;
            dpoint b;
            int e2 = point_at(c, k + 1, &b, 0, &nl);
            if (!e2 || b.gran != G_DAY || nl || b.d <= d) return 0;
            if (list) {
                /* 13 and 14 February 1904: the first day alone */
                x->a = b;
                x->a.d = d;
                x->kind = b.has_y ? R_ABS : R_YEARLESS;
                x->e = k;
                return 1;
            }
            x->a = b;
            x->a.d = d;
            x->b = b;
            x->range = 1;
            x->kind = b.has_y ? R_ABS : R_YEARLESS;
            x->e = e2;
            return 1;
        }
        e = absorb_calendar(c, x, e);
        /* ranges: March 5 - March 12 1938, 1932-33, Nov-Dec. 1929 */
        int k = e;
        int slash = is_punct(c, k, "/") && adj(c, k - 1) && adj(c, k) && x->a.gran == G_YEAR;
        int sep = slash ||
                  (has(c, k, C_RANGESEP) && !(is_punct(c, k, "-") && !adj(c, k) && !adj(c, k - 1) &&
                                              x->a.gran == G_YEAR)) ||
                  (key(c, k, c->L->k_and) && key(c, i - 1, c->L->k_between));
        if (sep && !x->mod) {
            /* 1932-33, 1933-9, 1918/19 (a slash only between consecutive years) */
            int nd, v;
            if (slash && (v = num(c, k + 1, &nd)) >= 0 && !(adj(c, k + 1) && flag(c, k + 2, DX_TK_WORD))) {
                int y2 = nd == 4 ? v : nd == 2 ? x->a.y / 100 * 100 + v : -1;
                if (y2 != x->a.y + 1) goto no_range;
                return year_range(x, y2, k + 2);
            }
            if (x->a.gran == G_YEAR && is_dash(c, k) && adj(c, k - 1) && adj(c, k) &&
                (v = num(c, k + 1, &nd)) >= 0 && nd <= 2 && !(adj(c, k + 1) && flag(c, k + 2, DX_TK_WORD))) {
                int base = nd == 1 ? 10 : 100;
                int y2 = x->a.y / base * base + v;
                if (y2 > x->a.y) return year_range(x, y2, k + 2);
            }
            dpoint b;
            int nl2;
            int e2 = point_at(c, k + 1, &b, x->a.gran == G_DAY ? P_BAREDAY : 0, &nl2);
            /* from October to March: a bare month needs no other license */
            if (e2 && !(nl2 && !(nl && !x->a.has_y && x->a.gran == G_MONTH))) {
                if (!b.m && x->a.m && b.gran == G_DAY) b.m = x->a.m;
                if (!b.has_y && x->a.has_y) b.y = x->a.y, b.has_y = 1;
                dpoint a2 = x->a;
                if (!a2.has_y && b.has_y) a2.y = b.y, a2.has_y = 1;
                long ka = (long)a2.y * 512 + a2.m * 32 + a2.d, kb = (long)b.y * 512 + b.m * 32 + b.d;
                /* a year to a year, a day to a day; "1899-4 March 1962" when both
                 * write their year */
                int same_kind = (a2.gran == G_YEAR) == (b.gran == G_YEAR) ||
                                (x->a.has_y && b.has_y && !slash && (a2.gran == G_YEAR || b.gran == G_YEAR));
                if (!a2.has_y && !b.has_y && b.gran == G_MONTH && a2.gran == G_MONTH && b.m < a2.m)
                    kb += 12 * 32; /* October to March: into the next year */
                if (b.gran != G_NONE && b.m <= 12 && (b.gran != G_DAY || b.m) && kb > ka && same_kind &&
                    (b.y - a2.y) < 200) {
                    x->a = a2;
                    x->b = b;
                    x->range = 1;
                    x->e = e2;
                    x->kind = x->a.has_y ? R_ABS : R_YEARLESS;
                    if (b.y - a2.y > 1 || a2.gran == G_YEAR) x->keep_ref = 1;
                    return 1;
                }
            }
        }
    no_range:
        /* October this year, April next year: the month of a deictic year */
        if (!x->a.has_y && x->a.m && !x->range && cls(c, e, C_DEICTIC) != NOVAL &&
            unit_at(c, e + 1) == U_YEAR && tlen(c, e + 1) == 4 && c->have_dct) {
            x->kind = R_DEICTIC;
            x->rel_unit = U_YEAR;
            x->rel_n = cls(c, e, C_DEICTIC);
            x->e = e + 2;
            return 1;
        }
        if (nl && !x->mod && !month_licensed(c, j, nl == 2, e)) return 0;
        if (x->mod && x->a.gran == G_DAY) return 0;
    }
have_point:
    x->e = e;
    x->kind = x->a.has_y ? R_ABS : R_YEARLESS;
    return 1;
}

/* ------------------------------------------------------------ tense */

/* The tense a word shows: a form listed in dates.tsv (was, said, will,
 * expected), or a regular past (a lowercase word in -ed) unless a present
 * form of "be" makes it a passive ("is charged", "will be charged": the
 * auxiliary decides). */
static int tense_word(const scan *c, int i)
{
    if (!(c->t[i].flags & DX_TK_WORD) || (c->t[i].flags & DX_TK_NUM)) return T_NONE;
    int v = lex_cls(c, i, C_TENSE);
    /* "May" inside a sentence is the month, not the verb */
    if (v != NOVAL && (c->t[i].flags & DX_TK_CAP) && !(c->t[i].flags & DX_TK_SENT)) return T_NONE;
    if (v == NOVAL) {
        /* a regular past; capitalised only as its sentence's first word */
        if (((c->t[i].flags & DX_TK_CAP) && !(c->t[i].flags & DX_TK_SENT)) || lex_cls(c, i, C_EDWORD) != NOVAL)
            return T_NONE;
        int l = tlen(c, i);
        const char *w = c->doc->text + c->t[i].start;
        if (l < 5 || w[l - 2] != 'e' || w[l - 1] != 'd') return T_NONE;
        v = T_PAST;
    }
    if (v == T_ISARE) return T_PRESENT;
    if (v == T_HAVE) {
        /* has been, have gathered, could have emerged: a perfect tells of the past */
        for (int k = i + 1; k <= i + 2 && k < c->n; k++) {
            int kv = lex_cls(c, k, C_TENSE);
            if (kv == T_PAST) return T_PAST;
            if (kv == NOVAL && !flag(c, k, DX_TK_CAP) && flag(c, k, DX_TK_WORD) && tlen(c, k) >= 5 &&
                c->doc->text[c->t[k].end - 2] == 'e' && c->doc->text[c->t[k].end - 1] == 'd' &&
                lex_cls(c, k, C_EDWORD) == NOVAL)
                return T_PAST;
        }
        return T_PRESENT;
    }
    if (v != T_PAST) return v;
    for (int p = i - 1; p >= i - 2 && p >= 0; p--) {
        int pv = lex_cls(c, p, C_TENSE);
        if (pv == T_ISARE || pv == T_BE) return T_NONE;
        if (pv != NOVAL) break;
    }
    return T_PAST;
}

/* The tense of the clause around tokens [s,e): the nearest tense cue before
 * it in its sentence, else the nearest after it (HeidelTime's reading of the
 * last tense, without a part-of-speech tagger). */
static int tense_at(const scan *c, int s, int e)
{
    uint32_t sent = c->t[s].sent;
    for (int i = s - 1; i >= 0 && c->t[i].sent == sent; i--) {
        int v = tense_word(c, i);
        if (v == T_MEANT || v == T_MEANS) return T_FUTURE; /* planned to leave on Thursday */
        if (v == T_PAST || v == T_PRESENT || v == T_FUTURE || v == T_WOULD) return v;
    }
    for (int i = e; i < c->n && c->t[i].sent == sent; i++) {
        int v = tense_word(c, i);
        if (v == T_MEANT) return T_PAST; /* on Friday, the government planned to pay */
        if (v == T_MEANS) return T_PRESENT;
        if (v == T_PAST || v == T_PRESENT || v == T_FUTURE || v == T_WOULD) return v;
    }
    return T_NONE;
}

/* ------------------------------------------------------------ resolution */

static void shift_point(dpoint *p, int unit, int n)
{
    if (unit == U_DAY) {
        long z = dx_days_from_civil(p->y, p->m, p->d) + n;
        dx_civil_from_days(z, &p->y, &p->m, &p->d);
    } else if (unit == U_MONTH) {
        int t = p->y * 12 + (p->m - 1) + n;
        p->y = t >= 0 ? t / 12 : -((-t + 11) / 12);
        p->m = t - p->y * 12 + 1;
        if (p->d > dx_month_days(p->y, p->m)) p->d = dx_month_days(p->y, p->m);
    } else if (unit == U_YEAR) {
        p->y += n;
        if (p->m == 2 && p->d == 29 && !dx_is_leap(p->y)) p->d = 28;
    }
}

/* The year of a year-less date. A day-by-day narrative keeps its year
 * through asides ("a campaign planned for 1976"); a bare year that moves the
 * story forward ("In 1941, ... In March") gives its year to what follows. */
static int yearless_year(const scan *c, const dpoint *a)
{
    if (!c->have_fine) return c->ref.y;
    if (c->year_seq > c->fine_seq && c->year_topical) return c->ref.y;
    int use_fine = (a->gran == G_DAY && c->fine.d) || c->year_seq < c->fine_seq ||
                   c->ref.y < c->fine.y;
    if (!use_fine) return c->ref.y;
    int y = c->fine.y;
    if (a->m && c->fine.m && a->m < c->fine.m && c->fine.m - a->m >= FORWARD_GAP) y++;
    return y;
}

/* Resolve x into value; returns 1 when resolved. *moves: becomes the new
 * narrative time. */
/* 1 Monday .. 7 Sunday */
static int weekday_of(int y, int m, int d)
{
    long z = dx_days_from_civil(y, m, d);
    return (int)(((z % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday */
}

/* The day of a feast that moves with the year (dates.tsv's holiday values
 * from 10000): 1MMNW the N-th weekday W of month MM (N 5: the last), 2OOOO
 * Easter (Gregorian computus) plus OOOO - 500 days. Returns 0 when the
 * year cannot carry it (before the Gregorian reform). */
static int holiday_day(dpoint *p)
{
    if (!p->rule || !p->has_y) return 1;
    int v = p->rule;
    if (v >= 20000) {
        int y = p->y;
        if (y < 1583) return 0;
        int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = cc / 4, k = cc % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        p->m = (h + l - 7 * m + 114) / 31;
        p->d = (h + l - 7 * m + 114) % 31 + 1;
        shift_point(p, U_DAY, v - 20500);
    } else {
        int mo = v / 100 % 100, n = v / 10 % 10, w = v % 10;
        int first = weekday_of(p->y, mo, 1);
        int d = 1 + (w - first + 7) % 7 + 7 * (n - 1);
        while (d > dx_month_days(p->y, mo)) d -= 7;
        p->m = mo;
        p->d = d;
    }
    p->rule = 0;
    return 1;
}

static dpoint dct_point(const scan *c)
{
    dpoint p;
    memset(&p, 0, sizeof(p));
    p.y = c->dct_y, p.m = c->dct_m, p.d = c->dct_d, p.has_y = 1, p.gran = G_DAY;
    return p;
}

/* The year of a year-less month m (or season) against the document's date,
 * by the tense of its clause: a past clause looks back from the DCT, a
 * present or future one ahead, a clause without tense takes the nearest. */
static int dct_year_of(const scan *c, const dexpr *x)
{
    int m = x->a.m;
    if (x->a.gran == G_SEASON) m = x->a.part == 21 ? 4 : x->a.part == 22 ? 7 : x->a.part == 23 ? 10 : 13;
    int y = c->dct_y, t = tense_at(c, x->s, x->e);
    if (t == T_PAST) {
        if (m > c->dct_m) y--;
    } else if (t == T_FUTURE || t == T_WOULD || t == T_PRESENT) {
        if (m < c->dct_m) y++;
    } else {
        if (m - c->dct_m > 5) y--;
        else if (c->dct_m - m > 6) y++;
    }
    return m == 13 ? y - 1 : y; /* a winter is named by the year it begins in */
}

/* Does a year-less date follow the narrative rather than the document's
 * date? Without a DCT, always; with one, only while the text narrates its
 * own time (a date written with its year set the scene in this thread), and
 * not when the DCT would land decades away from the years the thread wrote.
 * A scene is set by a year that opens its sentence ("In 1941, ..."). */
static int narrative_first(const scan *c, const dexpr *x, int dct_y)
{
    if (!c->have_dct) return 1;
    /* a future clause looks ahead of the document, not of its past story */
    if (c->have_ref && c->ref.y <= c->dct_y && tense_at(c, x->s, x->e) == T_FUTURE) return 0;
    if (c->have_ref && c->story) return 1;
    /* "in June 1946, when war broke out on June 26": its sentence wrote the
     * year; "on September 10, 2007 ... On September 14": its paragraph wrote
     * a day or a month with its year */
    if (c->have_ref && c->ref_sent == c->t[x->s].sent + 1) return 1;
    if (c->have_ref && c->fine_w_para == c->doc->sents.items[c->t[x->s].sent].para + 1) return 1;
    /* the DCT's year decades from every year the paragraph wrote (and none
     * of its dates read against the DCT); else the text so far decides:
     * dates near its DCT or read against it (news), or three times as many
     * decades from it (a history) */
    uint32_t para = c->doc->sents.items[c->t[x->s].sent].para;
    if (para == c->para_of_y && c->n_para_y) {
        for (int k = 0; k < c->n_para_y; k++)
            if (abs(dct_y - c->para_y[k]) <= DECADES_APART) return 0;
        if (!c->para_dct) return 1;
    }
    return c->n_far > 3 * c->n_near;
}

/* A word's stem for matching an event to where the text dated it
 * ("landing", "landed": "land"; "assassination", "assassinated"): ASCII
 * lowercase, a common suffix off. Returns its length (0: not a content word). */
static size_t stem_of(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= cap || n < 3) return 0;
    for (size_t i = 0; i < n; i++) out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    static const char *const suffix[] = {"ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e", NULL};
    for (int k = 0; suffix[k]; k++) {
        size_t l = strlen(suffix[k]);
        if (n > l + 2 && memcmp(out + n - l, suffix[k], l) == 0) {
            n -= l;
            break;
        }
    }
    out[n] = '\0';
    return n;
}

static int stems_match(const char *a, size_t la, const char *b, size_t lb)
{
    size_t k = 0, m = la < lb ? la : lb;
    while (k < m && a[k] == b[k]) k++;
    return (k == la && k == lb) || (k >= 4 && k + 1 >= m);
}

/* The date of a named event ("the landing", "Fort Sumter"): the first date
 * of the last sentence before x that names it. */
static int event_date(const scan *c, const dexpr *x, dpoint *out)
{
    char w[6][32];
    size_t wl[6];
    int nw = 0;
    for (int k = x->ev_s; k < x->ev_e && nw < 6; k++) {
        if (!flag(c, k, DX_TK_WORD) || flag(c, k, DX_TK_NUM) || key(c, k, c->L->k_the)) continue;
        if (!flag(c, k, DX_TK_CAP) && tlen(c, k) < 4) continue;
        if ((wl[nw] = stem_of(c->doc->text + c->t[k].start, (size_t)tlen(c, k), w[nw], sizeof w[nw]))) nw++;
    }
    if (!nw) return 0;
    uint32_t cur = c->t[x->s].sent;
    size_t looked = 0;
    for (size_t q = c->dated.len; q-- > 0 && looked < 100; looked++) {
        const dated_sent *ds = &c->dated.items[q];
        if (ds->sent >= cur || (q > 0 && c->dated.items[q - 1].sent == ds->sent)) continue; /* its first date */
        const dx_sentence *se = &c->doc->sents.items[ds->sent];
        for (uint32_t k = se->tok_begin; k < se->tok_end; k++) {
            if (!flag(c, (int)k, DX_TK_WORD) || flag(c, (int)k, DX_TK_NUM)) continue;
            char f0 = c->doc->text[c->t[k].start];
            f0 = (char)(f0 >= 'A' && f0 <= 'Z' ? f0 + 32 : f0);
            int maybe = 0;
            for (int j = 0; j < nw && !maybe; j++) maybe = w[j][0] == f0;
            if (!maybe) continue;
            char s[32];
            size_t sl = stem_of(c->doc->text + c->t[k].start, (size_t)tlen(c, (int)k), s, sizeof s);
            for (int j = 0; sl && j < nw; j++)
                if (stems_match(w[j], wl[j], s, sl)) {
                    *out = ds->p;
                    return 1;
                }
        }
    }
    return 0;
}

static int resolve(scan *c, dexpr *x, char *value, size_t vn)
{
    value[0] = '\0';
    dpoint a = x->a, b = x->b;
    x->via_dct = 0;
    if (x->kind == R_DEICTIC && x->rel_unit == U_NAMED) {
        if (!c->have_dct) return 0;
        memset(&a, 0, sizeof(a));
        a.has_y = 1;
        int T = c->dct_y * 12 + c->dct_m - 1;
        if (x->target == 100) {
            /* a feast: the one before the DCT, after it, or of its year */
            long dct_z = dx_days_from_civil(c->dct_y, c->dct_m, c->dct_d);
            int found = 0;
            for (int y = c->dct_y - 1; y <= c->dct_y + 1 && !found; y++) {
                dpoint p = x->a;
                int yy = x->deix == DX_LAST ? 2 * c->dct_y - y : y; /* LAST walks back */
                p.y = yy;
                p.has_y = 1;
                if (!holiday_day(&p)) return 0;
                long z = dx_days_from_civil(p.y, p.m, p.d);
                if ((x->deix == DX_LAST && z < dct_z) || (x->deix == DX_NEXT && z > dct_z) ||
                    (x->deix == DX_THIS && yy == c->dct_y)) {
                    a = p;
                    found = 1;
                }
            }
            if (!found) return 0;
            a.gran = G_DAY;
        } else if (x->target <= 12) {
            int m = x->target;
            a.gran = G_MONTH;
            a.m = m;
            a.y = c->dct_y;
            if (x->deix == DX_LAST && m >= c->dct_m) a.y--;
            if (x->deix == DX_NEXT && m <= c->dct_m) a.y++;
            /* "this April" said in December of a plan: the coming one */
            if (x->deix == DX_THIS && m < c->dct_m && tense_at(c, x->s, x->e) == T_FUTURE) a.y++;
        } else {
            /* a season by the month it begins in; "last": the latest one
             * over before the DCT's month, "next": the first one after it */
            static const int s0[] = {3, 6, 9, 12};
            int first = s0[x->target - 21] - 1, y = c->dct_y + 1;
            a.gran = G_SEASON;
            a.part = x->target;
            if (x->deix == DX_LAST) {
                while (y * 12 + first + 2 >= T) y--;
            } else if (x->deix == DX_NEXT) {
                y = c->dct_y - 1;
                while (y * 12 + first <= T) y++;
            } else {
                y = c->dct_y;
                if (x->target == 24 && c->dct_m <= 2) y--;
                /* "this spring" in a plan made in December: the coming one */
                else if (y * 12 + first + 2 < T && tense_at(c, x->s, x->e) == T_FUTURE) y++;
            }
            a.y = y;
        }
        x->a = a;
        x->keep_ref = 1;
        x->via_dct = 1;
    } else if (x->kind == R_DEICTIC && x->a.m && x->rel_unit == U_YEAR) {
        /* October this year, April next year */
        if (!c->have_dct) return 0;
        a.y = c->dct_y + x->rel_n;
        a.has_y = 1;
        x->a = a;
        x->via_dct = 1;
    } else if (x->kind == R_DEICTIC && x->rel_unit == U_WEEK) {
        /* this week, last week, six weeks ago: Monday to Sunday */
        if (!c->have_dct) return 0;
        a = dct_point(c);
        shift_point(&a, U_DAY, 7 * x->rel_n - (weekday_of(a.y, a.m, a.d) - 1));
        b = a;
        shift_point(&b, U_DAY, 6);
        x->a = a;
        x->b = b;
        x->range = 1;
        x->keep_ref = 1;
        x->via_dct = 1;
    } else if (x->kind == R_REL || x->kind == R_DEICTIC) {
        dpoint base;
        memset(&base, 0, sizeof(base));
        if (x->kind == R_DEICTIC) {
            if (!c->have_dct) return 0;
            base.y = c->dct_y, base.m = c->dct_m, base.d = c->dct_d, base.has_y = 1;
            x->via_dct = 1;
        } else if (x->ev_s) {
            /* three days after the landing: from the landing's date, if the
             * text gave it; never from whatever date came last */
            if (!event_date(c, x, &base)) return 0;
            if (!base.has_y) return 0;
        } else {
            if (!c->have_ref || !c->ref.has_y) return 0;
            base = c->ref;
        }
        int unit = x->rel_unit;
        if (unit == U_DECADE || unit == U_CENTURY) {
            int span = unit == U_DECADE ? 10 : 100;
            int y0 = base.y >= 0 ? base.y / span * span : -((-base.y + span - 1) / span * span);
            memset(&a, 0, sizeof(a));
            a.y = y0 + x->rel_n * span;
            a.has_y = 1;
            a.gran = unit == U_DECADE ? G_DECADE : G_CENTURY;
            x->a = a;
            x->keep_ref = 1;
            render_point(&a, value, vn);
            return 1;
        }
        if (x->kind == R_REL && !x->ev_s && unit == U_DAY && !base.d && c->have_fine && c->fine.d) base = c->fine;
        if (unit == U_DAY && (!base.d || !base.m)) return 0;
        if (unit == U_MONTH && !base.m) return 0;
        shift_point(&base, unit, x->rel_n);
        base.gran = unit == U_DAY ? G_DAY : unit == U_MONTH ? G_MONTH : G_YEAR;
        if (unit == U_YEAR) base.m = base.d = 0;
        if (unit == U_MONTH) base.d = 0;
        a = base;
        x->a = a;
    } else if (x->kind == R_WEEKDAY) {
        int narrative = !c->have_dct ||
                        (x->deix == 0 && c->story && c->have_fine && c->fine.d &&
                         c->fine_para == c->doc->sents.items[c->t[x->s].sent].para);
        if (narrative) {
            /* on Thursday: the first such weekday from the narrative day */
            dpoint base = c->have_fine && c->fine.d ? c->fine : c->ref;
            if (x->deix || !c->have_ref || !base.d || !base.m) return 0;
            shift_point(&base, U_DAY, (x->target - weekday_of(base.y, base.m, base.d) + 7) % 7);
            base.gran = G_DAY;
            a = base;
        } else {
            /* against the DCT: the one of its week before it (a past or a
             * tenseless clause), or after it (a future one) */
            a = dct_point(c);
            int diff = x->target - weekday_of(a.y, a.m, a.d);
            if (x->deix == DX_LAST) {
                if (diff >= 0) diff -= 7;
            } else if (x->deix == DX_NEXT) {
                if (diff <= 0) diff += 7;
            } else if (x->deix == 0) {
                /* "Friday's ruling" names a day the news already had */
                int poss = is_apos(c, x->e) && adj(c, x->e - 1) && key(c, x->e + 1, c->L->k_s);
                int t = poss ? T_PAST : tense_at(c, x->s, x->e);
                if (t == T_FUTURE || t == T_WOULD) {
                    if (diff < 0) diff += 7;
                } else if (diff > 0) {
                    diff -= 7;
                }
            }
            shift_point(&a, U_DAY, diff);
            x->via_dct = 1;
        }
        x->a = a;
    } else if (x->kind == R_YEARLESS && x->dayonly) {
        /* on the 14th: the narrative's month (the next one when that day is
         * long past in it), else the DCT's, by tense */
        int nar = narrative_first(c, x, c->dct_y);
        if (nar && c->have_fine && c->fine.m) {
            a.y = c->fine.y, a.m = c->fine.m;
            if (c->fine.d && a.d < c->fine.d && c->fine.d - a.d > 15) shift_point(&a, U_MONTH, 1);
        } else if (!nar && c->have_dct) {
            a.y = c->dct_y, a.m = c->dct_m;
            int t = tense_at(c, x->s, x->e);
            if (t == T_PAST && a.d > c->dct_d) shift_point(&a, U_MONTH, -1);
            else if ((t == T_FUTURE || t == T_WOULD) && a.d < c->dct_d) shift_point(&a, U_MONTH, 1);
            x->via_dct = 1;
        } else {
            return 0;
        }
        if (a.d > dx_month_days(a.y, a.m)) return 0;
        a.has_y = 1;
        x->a = a;
    } else if (x->kind == R_YEARLESS) {
        int dy = c->have_dct ? dct_year_of(c, x) : 0;
        if (narrative_first(c, x, dy)) {
            /* no narrative: the DCT would be decades off, so unvalued */
            if (!c->have_ref || !c->ref.has_y) return 0;
            a.y = yearless_year(c, &a);
        } else {
            a.y = dy;
            x->via_dct = 1;
        }
        a.has_y = 1;
        if (x->range && b.m && b.m < a.m) {
            /* October to March: the year reached is the narrative's */
            b.y = x->via_dct ? a.y + 1 : yearless_year(c, &b);
            a.y = b.y - 1;
            b.has_y = 1;
            x->keep_ref = 1;
        } else if (x->range) {
            b.y = a.y;
            b.has_y = 1;
        }
        x->a = a;
        x->b = b;
    }
    if (a.rule) {
        if (!holiday_day(&a)) return 0;
        x->a = a;
    }
    /* a date marked Julian: the value is its Gregorian day */
    if (a.julian) {
        if (!a.has_y) return 0;
        x->jul = a;
        x->jul.julian = 0;
        x->has_jul = 1;
        if (!julian_to_gregorian(&a)) return 0;
        x->a = a;
    }
    if (x->range && b.julian) {
        if (!b.has_y) return 0;
        if (!x->has_jul) x->jul = b, x->jul.julian = 0, x->has_jul = 1;
        if (!julian_to_gregorian(&b)) return 0;
        x->b = b;
    }
    /* a date read from the narrative is left unvalued rather than wrong
     * when it lands after the document's own date (a story told before it),
     * or decades from every year its paragraph wrote */
    if ((x->kind == R_YEARLESS || x->kind == R_REL || x->kind == R_WEEKDAY) && !x->via_dct && a.has_y &&
        a.gran >= G_YEAR) {
        dpoint last = x->range ? b : a;
        long dct_k = (long)c->dct_y * 512 + c->dct_m * 32 + c->dct_d;
        if (c->have_dct && c->have_ref && (long)c->ref.y * 512 + c->ref.m * 32 + c->ref.d <= dct_k &&
            (long)last.y * 512 + last.m * 32 + last.d > dct_k &&
            !(last.y == c->dct_y && (!last.m || (last.m == c->dct_m && !last.d))))
            return 0;
        uint32_t para = c->doc->sents.items[c->t[x->s].sent].para;
        if (para == c->para_of_y && c->n_para_y) {
            int near = 0;
            for (int k = 0; k < c->n_para_y && !near; k++) near = abs(a.y - c->para_y[k]) <= DECADES_APART;
            if (!near) return 0;
        }
    }
    if (x->has_jul && !x->jul.has_y && a.has_y) {
        x->jul.y = a.y - (x->jul.m == 12 && a.m == 1);
        x->jul.has_y = 1;
    }
    if (x->range && b.rule) {
        if (!holiday_day(&b)) return 0;
        x->b = b;
    }
    char s1[24], s2[24];
    size_t l1 = render_point(&a, s1, sizeof s1);
    if (x->range) {
        size_t l2 = render_point(&b, s2, sizeof s2);
        char both[64];
        memcpy(both, s1, l1);
        both[l1] = '/';
        memcpy(both + l1 + 1, s2, l2);
        put_out(value, vn, both, l1 + 1 + l2);
    } else {
        put_out(value, vn, s1, l1);
    }
    if (x->mod == M_HALF1 || x->mod == M_HALF2) {
        if (a.gran != G_YEAR) return 1;
        x->a.gran = G_HALF;
        x->a.part = x->mod;
        render_point(&x->a, value, vn);
    }
    return 1;
}

static void set_ref(scan *c, const dpoint *p, int topical)
{
    if (p->gran < G_YEAR || !p->has_y) return;
    c->ref = *p;
    if (p->gran < G_MONTH) c->ref.m = 0;
    if (p->gran < G_DAY) c->ref.d = 0;
    c->have_ref = 1;
    c->seq++;
    if (p->gran >= G_MONTH) {
        c->fine = c->ref;
        c->have_fine = 1;
        c->fine_seq = c->seq;
    } else {
        c->year_seq = c->seq;
        c->year_topical = topical;
    }
}

static dx_date_mod mod_of(int m)
{
    return m == M_EARLY ? DX_MOD_EARLY : m == M_MID ? DX_MOD_MID : m == M_LATE ? DX_MOD_LATE
         : m == M_APPROX ? DX_MOD_APPROX : DX_MOD_NONE;
}

/* Two dates that follow each other (the next day, month or decade)? */
static int neighbours(const dpoint *a, const dpoint *b)
{
    if (a->gran != b->gran || a->rule || b->rule || a->julian || b->julian) return 0;
    if (a->gran == G_DECADE) return a->has_y && b->has_y && b->y == a->y + 10;
    if (a->gran == G_MONTH)
        return a->has_y && b->has_y ? b->y * 12 + b->m == a->y * 12 + a->m + 1 : b->m == a->m % 12 + 1;
    if (a->gran == G_DAY) {
        if (a->has_y && b->has_y)
            return dx_days_from_civil(b->y, b->m, b->d) == dx_days_from_civil(a->y, a->m, a->d) + 1;
        return a->m == b->m && b->d == a->d + 1;
    }
    return 0;
}

/* A year that dates a source, not the story: "Red Star Press, 1973, page
 * 369", "Moscow, 1997. p. 12", "(Moscow, 1997)". */
static int citation_year(const scan *c, const dexpr *x)
{
    if (x->kind != R_ABS || x->range || x->a.gran != G_YEAR) return 0;
    int e = x->e;
    if ((is_punct(c, e, ",") || is_punct(c, e, ".") || is_punct(c, e, ":")) && has(c, e + 1, C_BLOCKER) &&
        !has(c, e + 1, C_LICENSE))
        return 1;
    if (is_close(c, e) && (is_punct(c, x->s - 1, ",") || is_punct(c, x->s - 1, ":"))) {
        for (int k = x->s - 2; k >= 0 && k > x->s - 8; k--)
            if (is_open(c, k)) return 1;
    }
    return 0;
}

static void emit(scan *c, dexpr *x)
{
    /* cleared by a copy, as clear_dexpr (memcpy: every byte, padding too) */
    static const dx_mention no_mention;
    dx_mention mt;
    memcpy(&mt, &no_mention, sizeof(mt));
    mt.start = c->t[x->s].start;
    mt.end = c->t[x->e - 1].end;
    mt.type = DX_ENT_DATE;
    mt.ent = -1;
    mt.mod = mod_of(x->mod);
    /* "April and June 1955", "August/September 1956": the year is shared;
     * "April and May 1921", "13 and 14 February 1904", "the 1920s and
     * 1930s": neighbours joined are one range */
    if ((x->kind == R_YEARLESS || x->kind == R_ABS) && !x->range && x->e + 1 < c->n &&
        (key(c, x->e, c->L->k_and) || key(c, x->e, c->L->k_or) || is_punct(c, x->e, "/"))) {
        dexpr nx;
        if (expr_at(c, x->e + 1, &nx) && !nx.range && !nx.has_jul && (nx.kind == R_ABS || nx.kind == R_YEARLESS)) {
            if (x->kind == R_YEARLESS && nx.kind == R_ABS && nx.a.has_y && nx.a.gran >= G_SEASON) {
                x->a.y = nx.a.y - (x->a.m > nx.a.m && x->a.m); /* December and January 1905 */
                x->a.has_y = 1;
                x->kind = R_ABS;
            }
            if (!key(c, x->e, c->L->k_or) && !x->mod && !nx.mod && neighbours(&x->a, &nx.a)) {
                x->b = nx.a;
                if (!x->b.has_y && x->a.has_y) x->b.y = x->a.y + (x->b.m < x->a.m), x->b.has_y = 1;
                x->range = 1;
                x->e = nx.e;
                if (x->a.gran <= G_DECADE) x->keep_ref = 1;
            }
        }
    }
    mt.end = c->t[x->e - 1].end;
    /* "In a speech on 10 September 2007 he 'envisioned ... by next summer'":
     * a quotation's deictic dates count from the day the narrative gave
     * its words, not from the document's date */
    int saved = 0, sy = c->dct_y, sm = c->dct_m, sd = c->dct_d, shave = c->have_dct;
    const char *sstr = c->anchor_str;
    if (c->in_quote && x->kind == R_DEICTIC && c->have_fine && c->fine.d &&
        (c->ref_sent == c->t[x->s].sent + 1 ||
         c->fine_w_para == c->doc->sents.items[c->t[x->s].sent].para + 1)) {
        c->dct_y = c->fine.y, c->dct_m = c->fine.m, c->dct_d = c->fine.d, c->have_dct = 1;
        c->anchor_str = NULL;
        saved = 1;
    }
    int ok = resolve(c, x, mt.value, sizeof mt.value);
    /* a source's year, a date inside a quotation: they do not tell the story */
    int aside = c->in_quote || citation_year(c, x);
    if (ok && x->has_jul && x->jul.has_y) {
        char jv[32];
        memcpy(jv, "Julian ", 7);
        size_t jl = 7 + render_point(&x->jul, jv + 7, sizeof jv - 7);
        mt.calendar = dx_arena_strndup(&c->doc->arena, jv, jl);
    }
    if (ok && (x->a.has_y || x->kind != R_ABS) && x->a.gran >= G_YEAR) {
        uint32_t para = c->doc->sents.items[c->t[x->s].sent].para;
        if (para != c->para_of_y) c->n_para_y = 0, c->para_dct = 0, c->para_of_y = para;
        if (x->kind == R_ABS && c->n_para_y < (int)(sizeof c->para_y / sizeof c->para_y[0]))
            c->para_y[c->n_para_y++] = x->a.y;
        if (x->via_dct) c->para_dct++;
        /* "the Dec. 21, 1988, bombing" names an event, it does not narrate */
        int attributive = key(c, x->s - 1, c->L->k_the) || aside;
        if (x->kind == R_ABS && !attributive) c->ref_sent = c->t[x->s].sent + 1;
        if (x->kind == R_ABS && !attributive && x->a.gran >= G_MONTH && !x->range) c->fine_w_para = para + 1;
        if (c->have_dct && (x->via_dct || abs(x->a.y - c->dct_y) <= 1)) c->n_near++;
        if (c->have_dct && abs(x->a.y - c->dct_y) > DECADES_APART) c->n_far++;
    }
    if (c->have_dct) {
        if (!c->anchor_str) {
            char a[16], *o = a;
            o = put_int(o, c->dct_y, 4);
            *o++ = '-';
            o = put_int(o, c->dct_m, 2);
            *o++ = '-';
            o = put_int(o, c->dct_d, 2);
            c->anchor_str = dx_arena_strndup(&c->doc->arena, a, (size_t)(o - a));
        }
        mt.dct = c->anchor_str;
    }
    if (saved) { /* back to the document's date */
        c->dct_y = sy, c->dct_m = sm, c->dct_d = sd, c->have_dct = shave;
        c->anchor_str = sstr;
    }
    DX_PUSH(c->doc->ments, mt);
    if (!ok && (x->kind == R_YEARLESS || (x->kind == R_REL && !c->have_ref && c->pending.len))) {
        DX_PUSH(c->pending, c->doc->ments.len - 1);
        DX_PUSH(c->pending_x, *x);
        return;
    }
    if (ok && x->kind == R_ABS && !x->range && x->a.gran >= G_YEAR) DX_PUSH(c->years, x->a.y);
    if (ok && x->a.has_y && x->a.gran >= G_YEAR) {
        dated_sent ds = {c->t[x->s].sent, x->a};
        DX_PUSH(c->dated, ds);
    }
    if (aside) x->keep_ref = 1;
    int s0 = x->s - (has(c, x->s - 1, C_LICENSE) ? 1 : 0);
    int topical = s0 == 0 || flag(c, s0, DX_TK_SENT | DX_TK_NL);
    if (ok && x->kind == R_ABS && x->a.has_y && x->a.gran >= G_YEAR) {
        c->written_y = x->range ? x->b.y : x->a.y;
        c->have_written = 1;
        if (!x->range && topical && !aside) c->story = 1;
    }
    if (ok && x->kind != R_DEICTIC && !x->keep_ref && !(x->kind == R_REL && x->rel_n < 0)) {
        const dpoint *p = x->range ? &x->b : &x->a;
        set_ref(c, p, topical);
        if (x->via_dct) c->story = 0; /* back in the document's own time */
        if (p->gran == G_DAY && p->has_y) c->fine_para = c->doc->sents.items[c->t[x->s].sent].para;
    }
}

/* A dateline opens a news item: "MOSCOW, March 5 (AP) --", "WASHINGTON,
 * August 13 (Xinhua) --": at a line's start a place in capitals (then
 * maybe ", N.Y." or ", Kenya"), a comma, a day of a month, and the agency
 * in brackets, a dash or the line's end. A letter heads itself the same
 * way with the place in title case and the year ("Paris, 12 May 1847",
 * "St. Petersburg, March 3, 1905."), alone on one of its first lines.
 * Returns the date's first token, or -1. */
static int dateline_at(const scan *c, int i)
{
    int caps = flag(c, i, DX_TK_UPPER);
    /* (a letter's heading is among its first lines: further down, the
     * heading of a letter the text quotes dates nothing after it) */
    if (!caps && (!flag(c, i, DX_TK_CAP) || c->nlines > 3)) return -1;
    for (int j = i + 1; j < c->n && j < i + 10; j++) {
        if (flag(c, j, DX_TK_NL)) return -1;
        if (is_punct(c, j, ",")) {
            dpoint p;
            int nl, e = point_at(c, j + 1, &p, 0, &nl);
            if (e && !caps) {
                while (e < c->n && !flag(c, e, DX_TK_NL) && is_punct(c, e, ".")) e++;
                if (p.gran == G_DAY && p.m && p.has_y && (e >= c->n || flag(c, e, DX_TK_NL))) return j + 1;
                continue;
            }
            if (e && p.gran == G_DAY && p.m &&
                (e >= c->n || flag(c, e, DX_TK_NL) || is_punct(c, e, "(") || is_dash(c, e) ||
                 is_punct(c, e, "_")))
                return j + 1;
            continue;
        }
        if (!flag(c, j, DX_TK_CAP) && !is_punct(c, j, ".")) return -1;
    }
    return -1;
}

/* A line that is only a date with its day and year ("March 5, 1998",
 * "Friday, 7 August 1998."): the date a letter, a diary entry or an
 * article gives itself. Returns the date's end token, or 0. */
static int dateline_only(const scan *c, int i, dpoint *p)
{
    int nl, e = point_at(c, i, p, 0, &nl);
    if (!e || p->gran != G_DAY || !p->has_y) return 0;
    for (int k = e; k < c->n && !flag(c, k, DX_TK_NL); k++)
        if (!flag(c, k, DX_TK_PUNCT)) return 0;
    return e;
}

/* The text gives its own date from here on (from: where it was read). */
static void set_anchor(scan *c, int y, int m, int d, const char *from)
{
    if (c->have_dct && c->dct_y == y && c->dct_m == m && c->dct_d == d) return;
    c->dct_y = y, c->dct_m = m, c->dct_d = d, c->have_dct = 1;
    c->anchor_str = NULL; /* made when a mention needs it */
    char a[16], *o = a;
    o = put_int(o, y, 4);
    *o++ = '-';
    o = put_int(o, m, 2);
    *o++ = '-';
    o = put_int(o, d, 2);
    if (c->note.len) dx_buf_puts(&c->note, "; ");
    dx_buf_put(&c->note, a, (size_t)(o - a));
    dx_buf_printf(&c->note, " (%s)", from);
}

/* At a line's start: a dateline or a date line re-anchors what follows. */
static void line_anchor(scan *c, int i)
{
    dpoint p;
    c->nlines++;
    int k = dateline_at(c, i);
    if (k >= 0) {
        int nl;
        point_at(c, k, &p, 0, &nl);
        if (!p.has_y) {
            if (!c->have_dct) return; /* a day without a year dates nothing */
            p.y = c->dct_y;
            if (p.m - c->dct_m > 6) p.y--;
            else if (c->dct_m - p.m > 6) p.y++;
        }
        if (p.d > dx_month_days(p.y, p.m)) return;
        set_anchor(c, p.y, p.m, p.d, "dateline");
        return;
    }
    if ((c->mask[i] & ((1ull << C_MONTH) | (1ull << C_MONTHABBR) | (1ull << C_WEEKDAY) | (1ull << C_ORDINAL))) ||
        flag(c, i, DX_TK_NUM) || (flag(c, i, DX_TK_WORD) && c->doc->text[c->t[i].start] >= '0' &&
                                  c->doc->text[c->t[i].start] <= '9'))
        if (dateline_only(c, i, &p)) set_anchor(c, p.y, p.m, p.d, "date line");
}

/* ------------------------------------------------------------ threads */

/* A new thread (a heading, a paragraph about another person): the story
 * told before it no longer outranks the document's own date. Its time is
 * still the fallback when the text has no other: the histories of the dev
 * sets carry their timeline across headings ("Axis advances" / "On that
 * same day, Germany invaded France"), so dropping it left correct dates
 * unvalued (wikiwars-dev 0.942 -> 0.906). */
static void reset_thread(scan *c)
{
    c->story = 0;
}

/* Is the line starting at token i a heading: a short line of its own, its
 * own paragraph, without a sentence's final punctuation? */
static int heading_at(const scan *c, int i)
{
    if (!flag(c, i, DX_TK_CAP | DX_TK_NUM)) return 0;
    int k = i + 1, words = 1;
    while (k < c->n && !flag(c, k, DX_TK_NL)) {
        if (flag(c, k, DX_TK_WORD) && ++words > 10) return 0;
        k++;
    }
    int last = k - 1;
    if (is_punct(c, last, ".") || is_punct(c, last, "!") || is_punct(c, last, "?") || is_punct(c, last, ":") ||
        is_punct(c, last, ",") || is_punct(c, last, ";"))
        return 0;
    return k >= c->n || flag(c, k, DX_TK_PARA);
}

/* The people each paragraph names, from the mentions found so far. */
static void index_people(scan *c)
{
    const dx_doc *d = c->doc;
    c->n_para = d->sents.len ? d->sents.items[d->sents.len - 1].para + 1 : 0;
    c->pp_at = xcalloc((size_t)c->n_para + 2, sizeof(uint32_t));
    DX_VEC(int32_t) ids = {0};
    uint32_t *listed_in = xcalloc(d->ents.len + 1, sizeof(uint32_t)); /* per entity: paragraph + 1 */
    uint32_t cur = UINT32_MAX;
    size_t lo = 0; /* the sentence of the last mention: the next one is mostly after it */
    for (size_t k = 0; k < d->ments.len; k++) {
        const dx_mention *m = &d->ments.items[k];
        if (m->type != DX_ENT_PERSON || m->ent < 0 || !d->sents.len) continue;
        /* its sentence: the last one starting at or before it */
        if (d->sents.items[lo].start > m->start) {
            size_t hi = lo;
            lo = 0;
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (d->sents.items[mid].start <= m->start) lo = mid;
                else hi = mid;
            }
        }
        while (lo + 1 < d->sents.len && d->sents.items[lo + 1].start <= m->start) lo++;
        uint32_t p = d->sents.items[lo].para;
        if (p < cur && cur != UINT32_MAX) break; /* not in text order: no index */
        if (p != cur) {
            for (uint32_t q = cur == UINT32_MAX ? 0 : cur + 1; q <= p; q++) c->pp_at[q] = (uint32_t)ids.len;
            cur = p;
        }
        /* listed in this paragraph already? (a walk over its ids cost
         * more, in a paragraph naming many, than the rest of the index) */
        int seen = (size_t)m->ent < d->ents.len ? listed_in[m->ent] == p + 1 : 0;
        for (size_t q = c->pp_at[p]; q < ids.len && !seen && (size_t)m->ent >= d->ents.len; q++)
            seen = ids.items[q] == m->ent;
        if (!seen && ids.len - c->pp_at[p] < 32) {
            DX_PUSH(ids, m->ent);
            if ((size_t)m->ent < d->ents.len) listed_in[m->ent] = p + 1;
        }
    }
    free(listed_in);
    for (uint32_t q = cur == UINT32_MAX ? 0 : cur + 1; q <= c->n_para; q++) c->pp_at[q] = (uint32_t)ids.len;
    c->pp_ids = ids.items;
}

/* Is paragraph p about another person than paragraph p - 1: the first
 * person it names is not named in the one before? (The index is made the
 * first time a story is there to end.) */
static int other_person(scan *c, uint32_t p)
{
    if (!c->pp_at) index_people(c);
    if (!c->pp_ids || p == 0 || p >= c->n_para) return 0;
    if (c->pp_at[p] == c->pp_at[p + 1] || c->pp_at[p - 1] == c->pp_at[p]) return 0;
    int32_t first = c->pp_ids[c->pp_at[p]];
    for (uint32_t q = c->pp_at[p - 1]; q < c->pp_at[p]; q++)
        if (c->pp_ids[q] == first) return 0;
    return 1;
}

/* Quotation marks: straight ones toggle, curly and `` '' open and close. */
static void quote_mark(scan *c, int i)
{
    if (is_punct(c, i, "\"")) c->in_quote = !c->in_quote;
    else if (is_punct(c, i, "\xE2\x80\x9C") || is_punct(c, i, "\xC2\xAB")) c->in_quote = 1;
    else if (is_punct(c, i, "\xE2\x80\x9D") || is_punct(c, i, "\xC2\xBB")) c->in_quote = 0;
    else if (is_punct(c, i, "`") && is_punct(c, i + 1, "`") && adj(c, i)) c->in_quote = 1;
    else if (is_punct(c, i, "'") && is_punct(c, i + 1, "'") && adj(c, i)) c->in_quote = 0;
}

/* ------------------------------------------------------------ where to look */

/* Most tokens the scan offers expr_at are no date's start ("this", "after",
 * "the first", "12 ]"): some three in five of its calls found nothing, each
 * after trying every kind of date in turn. The tests below say, from the
 * classes and neighbours of the token, whether expr_at can find anything
 * there at all: each is what the paths of expr_at (and of what it calls)
 * that a token of that class enters require, so a token refused is one
 * expr_at would have refused too (the outputs are the same); one accepted
 * may still find nothing. If expr_at learns a new kind of date, its first
 * word must be accepted here. */

static int key_and_or(const scan *c, int i) { return key(c, i, c->L->k_and) || key(c, i, c->L->k_or); }

/* A day (digits or an ordinal) at i, not a year: it dates only before a
 * month ("8 March", "first of May": point_at), as the first of a range or
 * a list ("6-7 March", "13 and 14 February", "6 to 9 May", "9/22
 * January"), the second of one ("May 4 and 5") or before a unit ("the
 * fifth century", "14 days later"). */
static int day_may_start(const scan *c, int i)
{
    return (c->mask[i + 1] & (BIT(C_UNIT) | BIT(C_MONTH) | BIT(C_MONTHABBR) | BIT(C_RANGESEP))) ||
           key(c, i + 1, c->L->k_of) || key_and_or(c, i + 1) || is_dash(c, i + 1) || key_and_or(c, i - 1);
}

/* A number that is not of four digits (a year): a day, a count ("14
 * years ago"), the first of "25.8.1917" / "25/8/1917", a year with its era
 * ("470 BC", "44 B.C."), or a three-digit year after "in" in a BC
 * narrative (year_at). */
static int number_may_start(const scan *c, int i)
{
    if (tlen(c, i) == 4 || day_may_start(c, i) || is_punct(c, i + 1, "/") || has(c, i - 1, C_YEARPREP)) return 1;
    if (is_punct(c, i + 1, ".")) return adj(c, i) && adj(c, i + 1) && flag(c, i + 2, DX_TK_NUM);
    /* an era: its name, or its letters dotted (era_at) */
    return flag(c, i + 1, DX_TK_WORD) && flag(c, i + 1, DX_TK_CAP) && (has(c, i + 1, C_ERA) || tlen(c, i + 1) == 1);
}

/* "the" before: a modifier ("the early 1930s"), "the end of", "the first
 * half of", "the latter part of", a unit after "same", "next"... ("the
 * same day"), "the day before", a decade, a season, a number or a day
 * ("the 25th of August", "the twentieth century"; "on the 14th" after a
 * licensing word). "the year" alone is no date. */
static int the_may_lead(const scan *c, int i)
{
    int j = i + 1;
    uint32_t m = c->mask[j];
    if ((m & (BIT(C_MODIFIER) | BIT(C_DECADE) | BIT(C_SEASON))) || flag(c, j, DX_TK_NUM | DX_TK_DIGIT)) return 1;
    if ((m & BIT(C_MODNOUN)) && key(c, j + 1, c->L->k_of)) return 1;
    if (key(c, j + 1, c->L->k_half) || key(c, j + 1, c->L->k_part)) return 1;
    if ((m & BIT(C_RELATIVE)) && has(c, j + 1, C_UNIT)) return 1;
    if (key(c, j, c->L->k_day) && (has(c, j + 1, C_SHIFT) || has(c, j + 1, C_RELATIVE))) return 1;
    if ((m & BIT(C_NUMBER)) && is_dash(c, j + 1)) return 1; /* twenty-first */
    if (m & BIT(C_ORDINAL))
        return day_may_start(c, j) || has(c, i - 1, C_LICENSE);
    return 0;
}

/* The classes whose words date only with the right neighbours
 * (word_may_start). */
#define COND_START (BIT(C_DEICTIC) | BIT(C_DAYWORD) | BIT(C_ORDINAL) | BIT(C_NUMBER) | BIT(C_APPROX) | BIT(C_SHIFT))

/* A word of COND_START's classes, "the" or "that" at i: can a date start
 * there? */
static int word_may_start(const scan *c, int i)
{
    const dx_token *t = &c->t[i];
    uint32_t m = c->mask[i], next = c->mask[i + 1];
    if (t->lkey == c->L->k_the) return the_may_lead(c, i);
    /* that year, that same day */
    if (t->lkey == c->L->k_that) return (next & BIT(C_UNIT)) || ((next & BIT(C_RELATIVE)) && has(c, i + 2, C_UNIT));
    if ((m & BIT(C_DEICTIC)) && (next & DEICTIC_NEXT)) return 1;
    if ((m & BIT(C_DAYWORD)) && c->have_dct) return 1; /* today: against the document's date */
    if ((m & BIT(C_ORDINAL)) && day_may_start(c, i)) return 1;
    /* two days later, twenty-first */
    if ((m & BIT(C_NUMBER)) && (((next & BIT(C_UNIT)) && has(c, i + 2, C_SHIFT)) || is_dash(c, i + 1))) return 1;
    /* circa 1500, ca. 466 BC */
    if ((m & BIT(C_APPROX)) && (flag(c, i + 1, DX_TK_NUM) || (is_punct(c, i + 1, ".") && adj(c, i)))) return 1;
    /* later that month, earlier this week, later in the year ("after" and
     * "before", licensing words too, and "ago" start nothing) */
    if ((m & BIT(C_SHIFT)) && !(m & BIT(C_LICENSE))) {
        int sh = cls(c, i, C_SHIFT), k = i + 1 + key(c, i + 1, c->L->k_in);
        return (sh == 1 || sh == -1) &&
               (key(c, k, c->L->k_the) || key(c, k, c->L->k_that) || has(c, k, C_DEICTIC));
    }
    return 0;
}

/* Is token i worth expr_at (see above)? The common answers here, inlined
 * in the scan: most tokens it asks about are a number, a month, or a unit
 * or a line's first word, which start nothing. */
static inline int worth_a_look(const scan *c, int i)
{
    if (EVERYWHERE) return 1;
    const dx_token *t = &c->t[i];
    uint32_t m = c->mask[i];
    if (t->flags & DX_TK_NUM) return number_may_start(c, i);
    if ((m & OPEN_START) || (t->flags & DX_TK_DIGIT)) return 1;
    if (!(m & COND_START) && t->lkey != c->L->k_the && t->lkey != c->L->k_that) return 0;
    return word_may_start(c, i);
}

void dx_recognize_dates(dx_doc *doc, const dx_lexicon *lex, const char *dct)
{
    if (!lex || !lex->dates) return;
    scan c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.L = lex->dates;
    c.t = doc->toks.items;
    c.n = (int)doc->toks.len;
    dx_buf_init(&c.note);
    int dy, dm, dd;
    if (dct && strlen(dct) >= 10 && sscanf(dct, "%4d-%2d-%2d", &dy, &dm, &dd) == 3 && dm >= 1 && dm <= 12 &&
        dd >= 1 && dd <= dx_month_days(dy, dm))
        set_anchor(&c, dy, dm, dd, doc->dct_from ? doc->dct_from : "given");
    /* One lexicon lookup per date word; everything after reads the mask
     * (0 for the other tokens; the values are asked for only under a mask
     * bit: cls_value). */
    c.mask = xcalloc((size_t)c.n + 1, sizeof(*c.mask));
    /* the date words are common words ("in", "the", "may"): a memo */
    enum { DATE_MEMO = DX_CACHE_DATES };
    dx_lex_cache *cache = dx_lex_cache_get(lex);
    dx_u64memo *memo = c.memo = cache->dates;
    /* and the mask each makes, so a word's values are walked once, not at
     * every token of it (kept by the thread: a mask is the lexicon's alone,
     * and a table cleared for each short document cost more than its use) */
    date_mask *masks = cache->date_masks;
    /* the date words and the tokens the scan below has something to do at
     * (all others it passes over without a change), as the segmenter
     * listed them (dx_date_todo) */
    const uint32_t *dw = doc->date_words.items, *todo = doc->date_todo.items;
    size_t ndw = doc->date_words.len, ntodo = doc->date_todo.len;
    /* (the tokens asked for some ahead: the stages since the segmenter
     * have pushed them out of the nearer caches) */
    enum { AHEAD = 12 };
    /* (the date words are a token in ten or so, each on a line of its own,
     * and the loop does little for each: asked for further ahead) */
    enum { WORDS_AHEAD = 64 };
    for (size_t wi = 0; wi < ndw; wi++) {
        uint32_t i = dw[wi];
        if (wi + WORDS_AHEAD < ndw) __builtin_prefetch(&c.t[dw[wi + WORDS_AHEAD]]);
        uint64_t k = c.t[i].lkey;
        date_mask *e = &masks[(k ^ (k >> 29)) & (DATE_MEMO - 1)];
        if (!e->used || e->key != k) {
            const uint32_t *v;
            size_t nv = dx_u64memo_get(memo, DATE_MEMO, c.L->words, k, &v);
            uint32_t mk = 0;
            for (size_t j = 0; j < nv; j++) mk |= 1u << (v[j] >> 16);
            e->key = k;
            e->mask = mk;
            e->used = 1;
        }
        c.mask[i] = (uint32_t)e->mask;
    }
    int next = 0;    /* tokens before it are inside a date found */
    int listed = -1; /* the token listed before */
    for (size_t ti = 0; ti < ntodo; ti++) {
        int i = (int)todo[ti];
        if (ti + AHEAD < ntodo) {
            /* and the key of the token before it, looked back at first
             * (below): often on the line before */
            uint32_t a = todo[ti + AHEAD];
            __builtin_prefetch(&c.t[a]);
            __builtin_prefetch(&c.t[a ? a - 1 : 0].lkey);
        }
        /* "the", "that" and the words of LOOKED_BACK are not listed
         * (dx_date_lex_mark): one that leads in a date is before a listed
         * token, looked at first (as if listed: nothing between) */
        int p = i - 1;
        if (p > listed && p >= next &&
            ((c.mask[p] & LOOKED_BACK) || c.t[p].lkey == c.L->k_the || c.t[p].lkey == c.L->k_that) &&
            worth_a_look(&c, p)) {
            dexpr x;
            if (expr_at(&c, p, &x) && x.e > p) {
                emit(&c, &x);
                next = x.e;
            }
        }
        listed = i;
        if (i < next) continue;
        const dx_token *t = &c.t[i];
        if (i == 0 || (t->flags & DX_TK_NL)) line_anchor(&c, i);
        if (t->flags & DX_TK_PARA) c.in_quote = 0;
        if (t->flags & DX_TK_PUNCT) {
            unsigned char q = (unsigned char)c.doc->text[t->start];
            if (q == '"' || q == '`' || q == '\'' || q == 0xE2 || q == 0xC2) quote_mark(&c, i);
        }
        if (i > 0 && (t->flags & DX_TK_PARA)) {
            /* a heading, or a paragraph about another person: a new thread */
            if (c.story && (heading_at(&c, i) || other_person(&c, c.doc->sents.items[t->sent].para)))
                reset_thread(&c);
        }
        if (!(t->flags & DX_TK_WORD)) {
            /* '96, '30s */
            int nd, v;
            unsigned char b0 = (unsigned char)c.doc->text[t->start];
            if ((b0 == '\'' || b0 == 0xE2) && is_apos(&c, i) && adj(&c, i) && !(i > 0 && adj(&c, i - 1) && flag(&c, i - 1, DX_TK_WORD))) {
                dexpr x;
                clear_dexpr(&x);
                if (decade_at(&c, i + 1, &x.a)) {
                    x.s = i + 1, x.e = i + 2, x.keep_ref = 1;
                    emit(&c, &x);
                    next = i + 2;
                } else if ((v = num(&c, i + 1, &nd)) >= 0 && nd == 2 && !adj(&c, i + 1)) {
                    int cent = c.have_dct && v <= c.dct_y % 100 ? c.dct_y / 100 * 100 : 1900;
                    x.s = i + 1, x.e = i + 2;
                    x.a.y = cent + v, x.a.has_y = 1, x.a.gran = G_YEAR;
                    emit(&c, &x);
                    next = i + 2;
                }
            }
            continue;
        }
        /* Only words that can start a date are worth a look. */
        if (!worth_a_look(&c, i)) continue;
        dexpr x;
        if (expr_at(&c, i, &x) && x.e > i) {
            emit(&c, &x);
            next = x.e;
        }
    }
    /* Year-less dates before any year take the year the text is about: the
     * one written most often; on a tie the earliest (later years in history
     * writing are mostly those of its sources); else the DCT's. */
    int best = 0, best_n = 0;
    if (c.pending.len && c.years.len) {
        dx_sort_i32(c.years.items, c.years.len);
        for (size_t k = 0, run; k < c.years.len; k += run) {
            for (run = 1; k + run < c.years.len && c.years.items[k + run] == c.years.items[k]; run++) {}
            if ((int)run > best_n) best = c.years.items[k], best_n = (int)run; /* sorted: ties keep the earliest */
        }
    }
    if (c.pending.len && (best_n || c.have_dct)) {
        memset(&c.ref, 0, sizeof(c.ref));
        c.ref.y = best_n ? best : c.dct_y, c.ref.has_y = 1, c.have_ref = 1, c.have_fine = 0;
        for (size_t k = 0; k < c.pending.len; k++) {
            dx_mention *pm = &doc->ments.items[c.pending.items[k]];
            dexpr *px = &c.pending_x.items[k];
            /* replayed in order: "March 6th ... the next day" */
            if (resolve(&c, px, pm->value, sizeof pm->value) && !px->keep_ref && px->rel_n >= 0)
                set_ref(&c, px->range ? &px->b : &px->a, 0);
        }
    }
    if (c.note.len) doc->dct_note = dx_arena_strndup(&doc->arena, c.note.data, c.note.len);
    dx_buf_fini(&c.note);
    DX_FREE(c.pending);
    DX_FREE(c.pending_x);
    DX_FREE(c.dated);
    DX_FREE(c.years);
    free(c.mask);
    DX_FREE(doc->date_words);
    DX_FREE(doc->date_todo);
    free(c.pp_at);
    free(c.pp_ids);
}

/* ------------------------------------------------------------ queries */

const dx_mention *dx_dates_narrative_at(const dx_doc *doc, uint32_t offset)
{
    const dx_mention *best = NULL;
    size_t lo = 0, hi = doc->ments.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->ments.items[mid].start < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k-- > 0;) {
        const dx_mention *m = &doc->ments.items[k];
        if (m->type == DX_ENT_DATE && m->value[0] && m->end <= offset) {
            best = m;
            break;
        }
    }
    return best;
}

const dx_mention *dx_dates_first_in(const dx_doc *doc, uint32_t start, uint32_t end)
{
    for (size_t k = 0; k < doc->ments.len; k++) {
        const dx_mention *m = &doc->ments.items[k];
        if (m->start >= end) break;
        if (m->type == DX_ENT_DATE && m->value[0] && m->start >= start) return m;
    }
    return NULL;
}

/* partial.c - the partial-result format: what documents leave behind for
 * the merge, in the shard files that `dossier merge` reads (the spill file
 * of one run holds the same in spill.c's records).
 *
 * A text file of lines and tab-separated fields (backslash escapes \\ \t
 * \n \r inside fields), so that a shard streams, greps and diffs like any
 * TSV, and errors name a line:
 *
 *   dossier-partial  7
 *   D  path  text_len  warning  n_entities  n_mentions  n_events  n_cooccurrences  dct_note
 *      status  why  format  title  author  date  pages  bytes  page_starts
 *   N  id  label  type  aliases  start  end  roles  count  known  example  likely
 *   M  start  end  type  entity  text  value  modifier  dct  calendar  link
 *   V  type  modality  trigger_start  trigger_end  sentence_start  sentence_end
 *      trigger  sentence  agents  patients  place  source_entity  source  charge
 *      date  date_modifier  date_basis
 *   C  entity_a  entity_b  count  sentence_start  sentence_end  sentence
 *
 * A V or C row whose sentence has the same offsets as the row before it of
 * its kind leaves the sentence empty: it is that row's (the pairs of names
 * in a sentence, and its events, would each repeat it).
 *
 * status is read, skipped or failed (a document that was not read has no
 * other rows: documents.csv lists it); page_starts are the offsets where
 * each page's text starts, ';'-separated (paged formats), else empty.
 *
 * Each D row is followed by exactly its N, M, V and C rows, in that order:
 * a document is read back with one read into one block, and parsed in place
 * (fields are NUL-terminated where they lie; no copy, no allocation per
 * field). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/error.h"
#include "reduce/partial.h"

#define PARTIAL_MAGIC "dossier-partial"
#define PARTIAL_VERSION "7"

/* ---------------------------------------------------------------- writing */

/* Rows are laid out straight into the buffer: room for a field is made once
 * (an escaped byte takes two), then its bytes are written without a bound
 * check or a terminating NUL each (EOL ends the row and the string). */
static inline char *room(dx_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) dx_buf_grow(b, n);
    return b->data + b->len;
}

/* The bytes that end a field's plain run: its NUL, and those escaped. */
static const unsigned char esc_byte[256] = {[0] = 1, ['\\'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};

/* A TAB, then s with backslash escapes \\ \t \n \r. */
#define SHORT_RUN 32
static void put_esc(dx_buf *b, const char *s)
{
    /* most fields are short and have nothing to escape: their first bytes
     * are copied while tested, one at a time (a strcspn call and a memcpy
     * cost more than such a field's bytes) */
    char *q = room(b, 1 + SHORT_RUN);
    *q++ = '\t';
    size_t i = 0;
    for (; i < SHORT_RUN && !esc_byte[(unsigned char)s[i]]; i++) q[i] = s[i];
    b->len += 1 + i;
    s += i;
    if (!*s) return;
    /* the rest of a long one: its plain run measured by strcspn */
    size_t k0 = strcspn(s, "\\\t\n\r");
    if (!s[k0]) {
        q = room(b, k0);
        memcpy(q, s, k0);
        b->len += k0;
        return;
    }
    size_t n = k0 + strlen(s + k0);
    char *q0 = room(b, 2 * n);
    q = q0;
    for (;;) {
        size_t k = strcspn(s, "\\\t\n\r");
        memcpy(q, s, k);
        q += k;
        s += k;
        if (!*s) break;
        *q++ = '\\';
        *q++ = *s == '\t' ? 't' : *s == '\n' ? 'n' : *s == '\r' ? 'r' : '\\';
        s++;
    }
    b->len += (size_t)(q - q0);
}

/* v in decimal at q, two digits at a time; returns the end. */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";
static inline char *fmt_int(char *q, long long v)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0) *q++ = '-';
    if (u < 10) {
        *q++ = (char)('0' + u);
        return q;
    }
    size_t d = 2;
    for (unsigned long long p = 100; d < 20 && u >= p; p *= 10) d++;
    char *e = q + d;
    while (u >= 100) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        e -= 2;
        e[0] = digit_pairs[2 * r];
        e[1] = digit_pairs[2 * r + 1];
    }
    if (u >= 10) {
        e -= 2;
        e[0] = digit_pairs[2 * u];
        e[1] = digit_pairs[2 * u + 1];
    } else {
        *--e = (char)('0' + u);
    }
    return q + d;
}

/* A TAB, then v. */
static inline void put_tab_int(dx_buf *b, long long v)
{
    char *q0 = room(b, 24), *q = q0;
    *q++ = '\t';
    q = fmt_int(q, v);
    b->len += (size_t)(q - q0);
}

static void put_ints(dx_buf *b, const int32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *q0 = room(b, 24), *q = q0;
        if (i) *q++ = ';';
        q = fmt_int(q, v[i]);
        b->len += (size_t)(q - q0);
    }
}

#define TAB() dx_buf_putc(b, '\t')
#define EOL() dx_buf_putc(b, '\n')
#define S(x) put_esc(b, (x) ? (x) : "")
#define I(x) put_tab_int(b, (long long)(x))

void dx_partial_header(dx_buf *b) { dx_buf_puts(b, PARTIAL_MAGIC "\t" PARTIAL_VERSION "\n"); }

size_t dx_partial_encode(const dossier_docresult *r, unsigned want, dx_buf *b)
{
    size_t nv = want & DX_PART_EVENTS ? r->events.len : 0, nc = want & DX_PART_COOCS ? r->coocs.len : 0;
    dx_buf_put(b, "D", 1);
    S(r->path);
    I(r->text_len);
    S(r->warning);
    I(r->ents.len);
    I(r->ments.len);
    I(nv);
    I(nc);
    S(r->dct_note);
    S(dx_doc_status_name(r->status));
    S(r->why);
    S(r->format);
    S(r->title);
    S(r->author);
    S(r->date);
    I(r->pages);
    I(r->bytes);
    TAB();
    for (size_t i = 0; i < r->n_page_starts; i++) {
        if (i) dx_buf_put(b, ";", 1);
        dx_buf_put_int(b, r->page_starts[i]);
    }
    EOL();
    for (size_t i = 0; i < r->ents.len; i++) {
        const dx_rent *e = &r->ents.items[i];
        dx_buf_put(b, "N", 1);
        S(e->id);
        S(e->label);
        S(dx_ent_type_name(e->type));
        S(e->aliases);
        S(e->start);
        S(e->end);
        S(e->roles);
        I(e->count);
        I(e->known ? 1 : 0);
        S(e->example);
        I(e->likely);
        EOL();
    }
    for (size_t i = 0; i < r->ments.len; i++) {
        const dx_rmention *m = &r->ments.items[i];
        dx_buf_put(b, "M", 1);
        I(m->start);
        I(m->end);
        S(dx_ent_type_name(m->type));
        I(m->ent);
        S(m->text);
        S(m->value);
        I(m->mod);
        if (!*m->dct && !*m->calendar) {
            dx_buf_put(b, "\t\t", 2); /* most mentions: no date, no calendar */
        } else {
            S(m->dct);
            S(m->calendar);
        }
        S(dx_link_name(m->link));
        EOL();
    }
    for (size_t i = 0; i < nv; i++) {
        const dx_revent *e = &r->events.items[i];
        dx_buf_put(b, "V", 1);
        S(dx_ev_type_name(e->type));
        S(dx_modality_name(e->modality));
        I(e->trig_start);
        I(e->trig_end);
        I(e->sent_start);
        I(e->sent_end);
        S(e->trigger);
        int same = i && e->sent_start == r->events.items[i - 1].sent_start &&
                   e->sent_end == r->events.items[i - 1].sent_end;
        S(same ? "" : e->sentence);
        TAB();
        put_ints(b, e->agents.items, e->agents.len);
        TAB();
        put_ints(b, e->patients.items, e->patients.len);
        I(e->place);
        I(e->source_ent);
        S(e->source);
        S(e->charge);
        S(e->date);
        I(e->date_mod);
        S(dx_date_basis_name(e->date_basis));
        EOL();
    }
    for (size_t i = 0; i < nc; i++) {
        const dx_rcooc *co = &r->coocs.items[i];
        dx_buf_put(b, "C", 1);
        I(co->a);
        I(co->b);
        I(co->count);
        I(co->sent_start);
        I(co->sent_end);
        int same = i && co->sent_start == r->coocs.items[i - 1].sent_start &&
                   co->sent_end == r->coocs.items[i - 1].sent_end;
        S(same ? "" : co->sentence);
        EOL();
    }
    return 1 + r->ents.len + r->ments.len + nv + nc;
}

/* ---------------------------------------------------------------- reading */

/* An integer in [lo, hi]: digits, with a '-' only for -1. Inlined: a
 * mention row has five, and the call cost as much as the digits. */
static inline int get_int(const char *s, long long lo, long long hi, long long *out)
{
    int neg = *s == '-';
    if (neg) s++;
    unsigned d = (unsigned)(unsigned char)*s - '0';
    if (d > 9) return 0; /* empty, or not a digit */
    unsigned long long v = d;
    for (s++; (d = (unsigned)(unsigned char)*s - '0') <= 9; s++) {
        if (v > 100000000000ULL) return 0;
        v = v * 10 + d;
    }
    if (*s) return 0;
    long long x = neg ? -(long long)v : (long long)v;
    if (x < lo || x > hi) return 0;
    *out = x;
    return 1;
}

/* "1;4;7" into ints of the document's arena (cap 0: borrowed). */
static int get_ints(dossier_docresult *r, char *s, long long hi, void *vecp)
{
    DX_VEC(int32_t) *v = vecp;
    v->items = NULL;
    v->len = v->cap = 0;
    if (!*s) return 1;
    size_t n = 1;
    for (const char *p = s; *p; p++) n += *p == ';';
    v->items = dx_arena_alloc(&r->arena, n * sizeof(int32_t));
    for (char *p = s;;) {
        char *semi = strchr(p, ';');
        if (semi) *semi = '\0';
        long long x;
        if (!get_int(p, 0, hi - 1, &x)) return 0;
        v->items[v->len++] = (int32_t)x;
        if (!semi) return 1;
        p = semi + 1;
    }
}

/* "0;812;1650": where each page starts, increasing, within the text. */
static int get_page_starts(dossier_docresult *r, char *s, uint64_t text_len)
{
    r->page_starts = NULL;
    r->n_page_starts = 0;
    if (!*s) return 1;
    size_t n = 1;
    for (const char *p = s; *p; p++) n += *p == ';';
    r->page_starts = dx_arena_alloc(&r->arena, n * sizeof(uint32_t));
    for (char *p = s;;) {
        char *semi = strchr(p, ';');
        if (semi) *semi = '\0';
        long long x;
        if (!get_int(p, 0, (long long)text_len, &x)) return 0;
        if (r->n_page_starts && (uint32_t)x < r->page_starts[r->n_page_starts - 1]) return 0;
        r->page_starts[r->n_page_starts++] = (uint32_t)x;
        if (!semi) return 1;
        p = semi + 1;
    }
}

/* Undo the escapes of a field in place. */
static int unescape(char *s)
{
    char *w = strchr(s, '\\');
    if (!w) return 1;
    for (char *p = w; *p; p++) {
        if (*p != '\\') {
            *w++ = *p;
            continue;
        }
        switch (*++p) {
        case '\\': *w++ = '\\'; break;
        case 't': *w++ = '\t'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        default: return 0;
        }
    }
    *w = '\0';
    return 1;
}

#define MAX_FIELDS 18

/* Split the next line of [*p, end) into exactly want fields, and their
 * lengths (as strlen gives them, once unescaped) into fl. Returns the number
 * found (0 when there is no complete line). */
static size_t next_row(char **p, char *end, char **f, size_t *fl, size_t want)
{
    char *s = *p;
    if (s >= end) return 0;
    char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) return 0;
    *nl = '\0';
    *p = nl + 1;
    size_t n = 0;
    f[n++] = s;
    /* the tabs and backslashes (and NULs) of the line in one walk (sixteen
     * bytes at a time where it can: a call per field cost more than the
     * fields) */
    int esc = 0;
    char *t = s;
#ifdef __SSE2__
    const __m128i tab = _mm_set1_epi8('\t'), bsl = _mm_set1_epi8('\\'), nul = _mm_setzero_si128();
    for (; nl - t >= 16; t += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)t);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab));
        esc |= _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, bsl), _mm_cmpeq_epi8(v, nul)));
        for (; m; m &= m - 1) {
            char *x = t + __builtin_ctz(m);
            *x = '\0';
            if (n == want) return want + 1; /* too many */
            f[n++] = x + 1;
        }
    }
#endif
    for (; t < nl; t++) {
        if (*t == '\\' || !*t) esc = 1;
        if (*t != '\t') continue;
        *t = '\0';
        if (n == want) return want + 1; /* too many */
        f[n++] = t + 1;
    }
    /* a field ends where the next starts; one with an escape, or a NUL of
     * its own (a crafted shard), is as long as strlen says */
    for (size_t i = 0; i + 1 < n; i++) fl[i] = (size_t)(f[i + 1] - f[i]) - 1;
    fl[n - 1] = (size_t)(nl - f[n - 1]);
    if (esc)
        for (size_t i = 0; i < n; i++) {
            if (!unescape(f[i])) return want + 1;
            fl[i] = strlen(f[i]);
        }
    return n;
}

#define BAD(what)                                                                               \
    do {                                                                                        \
        dx_error_set(err, DOSSIER_EPARTIAL, name, line, "expected %s%s", what,                  \
                     at_end ? ", found the end of the file (a truncated shard?)" : "");        \
        return DOSSIER_EPARTIAL;                                                                \
    } while (0)

/* The next row, remembering whether there was none left. */
#define ROW(want) (at_end = p >= end, next_row(&p, end, f, fl, want) == (want))

static const char d_row[] = "D,path,text_length,warning,entities,mentions,events,cooccurrences,dct_note,"
                            "status,why,format,title,author,date,pages,bytes,page_starts";
#define D_FIELDS 18
static const char n_row[] = "N,id,label,type,aliases,start,end,roles,count,known,example,likely";
static const char m_row[] = "M,start,end,type,entity,text,value,modifier,dct,calendar,link";
static const char v_row[] = "V,type,modality,trigger_start,trigger_end,sentence_start,sentence_end,"
                            "trigger,sentence,agents,patients,place,source_entity,source,charge,"
                            "date,date_modifier,date_basis";
static const char c_row[] = "C,entity_a,entity_b,count,sentence_start,sentence_end,sentence";

int dx_partial_check_header(const char *s, const char *name, dossier_error *err)
{
    long line = 1;
    int at_end = 0;
    size_t n = strlen(PARTIAL_MAGIC);
    if (strncmp(s, PARTIAL_MAGIC, n) != 0 || (s[n] != '\t' && s[n] != ','))
        BAD("a dossier partial result (first line 'dossier-partial<TAB>" PARTIAL_VERSION "')");
    if (s[n] != '\t' || (strcmp(s + n + 1, PARTIAL_VERSION) != 0 && strcmp(s + n + 1, PARTIAL_VERSION "\n") != 0))
        BAD("partial format version " PARTIAL_VERSION "; this shard was written by another version of "
            "dossier: extract it again");
    return 0;
}

int dx_partial_rows(const char *line, size_t len, size_t *rows)
{
    /* fields 4 to 7 of a D row count the rows that follow it */
    if (len < 2 || line[0] != 'D' || line[1] != '\t') return 0;
    char *copy = xstrndup(line, len);
    char *end = copy + len;
    if (end > copy && end[-1] == '\n') *--end = '\0';
    char *f[MAX_FIELDS + 1];
    size_t fl[MAX_FIELDS + 1];
    *end = '\n';
    char *p = copy;
    int ok = next_row(&p, end + 1, f, fl, D_FIELDS) == D_FIELDS;
    long long v[4];
    for (int i = 0; ok && i < 4; i++) ok = get_int(f[4 + i], 0, INT32_MAX, &v[i]);
    if (ok) *rows = (size_t)(v[0] + v[1] + v[2] + v[3]);
    free(copy);
    return ok;
}

/* Step over n rows without reading them. */
static int skip_rows(char **p, char *end, long long n, long *line)
{
    for (long long i = 0; i < n; i++) {
        char *nl = *p < end ? memchr(*p, '\n', (size_t)(end - *p)) : NULL;
        if (!nl) return 0;
        *p = nl + 1;
        ++*line;
    }
    return 1;
}

/* Field sizes a shard may hold (docresult.h): a crafted label of 30 MB,
 * repeated on every row that names its entity, wrote 8 GB of outputs. */
#define LONG_FIELD (64u << 10) /* aliases, roles, dates of life, a warning */
#define PATH_FIELD 4096
#define fits(i, max) (fl[i] <= (max)) /* field i of the row, by its length */

/* "person:slug": the entity's type, then what ids are made of. */
static int id_ok(const char *id, dx_ent_type t)
{
    const char *type = dx_ent_type_lower(t);
    size_t n = strlen(type);
    if (strncmp(id, type, n) != 0 || id[n] != ':' || !id[n + 1]) return 0;
    for (const unsigned char *c = (const unsigned char *)id + n + 1; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.' ||
              *c >= 0x80))
            return 0;
    return 1;
}

int dx_partial_decode(char *buf, size_t len, const char *name, long line, unsigned want,
                      dossier_docresult *r, dossier_error *err)
{
    char *p = buf, *end = buf + len;
    char *f[MAX_FIELDS + 1];
    size_t fl[MAX_FIELDS + 1];
    long long a, b, x, ne, nm, nv, nc;
    int at_end;
    long long pages, bytes;
    int status = -1;
    if (ROW(D_FIELDS))
        for (int k = DX_DOC_READ; k <= DX_DOC_FAILED; k++)
            if (strcmp(f[9], dx_doc_status_name((dx_doc_status)k)) == 0) status = k;
    if (status < 0 || (fl[0] != 1 || f[0][0] != 'D') ||
        !get_int(f[2], 0, UINT32_MAX, &a) || !get_int(f[4], 0, INT32_MAX, &ne) ||
        !get_int(f[5], 0, INT32_MAX, &nm) || !get_int(f[6], 0, INT32_MAX, &nv) ||
        !get_int(f[7], 0, INT32_MAX, &nc) || !get_int(f[15], 0, UINT32_MAX, &pages) ||
        !get_int(f[16], 0, 100000000000LL, &bytes) || !get_page_starts(r, f[17], (uint64_t)a))
        BAD(d_row);
    /* a document that was not read has no rows */
    if (status != DX_DOC_READ && ne + nm + nv + nc) BAD("no rows after the D row of a document that was not read");
    r->status = (dx_doc_status)status;
    r->why = f[10];
    r->format = f[11];
    r->title = f[12];
    r->author = f[13];
    r->date = f[14];
    r->pages = (uint32_t)pages;
    r->bytes = (uint64_t)bytes;
    if (!fits(1, PATH_FIELD) || !fits(3, LONG_FIELD) || !fits(10, LONG_FIELD) || !fits(12, LONG_FIELD) ||
        !fits(13, LONG_FIELD))
        BAD("a D row with a path of at most 4096 bytes, and a warning, reason, title and authors of at most 64 KB");
    /* every row is at least two bytes: counts beyond that are lies */
    if ((ne + nm + nv + nc) * 2 > (long long)(end - p)) BAD("as many rows as the D row counts");
    r->path = f[1];
    r->text_len = (size_t)a;
    r->warning = f[3][0] ? f[3] : NULL;
    r->dct_note = f[8];
    if (ne) r->ents.items = xmalloc((size_t)ne * sizeof(dx_rent));
    if (nm && (want & DX_PART_MENTS)) r->ments.items = xmalloc((size_t)nm * sizeof(dx_rmention));
    if (nv && (want & DX_PART_EVENTS)) r->events.items = xcalloc((size_t)nv, sizeof(dx_revent));
    if (nc && (want & DX_PART_COOCS)) r->coocs.items = xmalloc((size_t)nc * sizeof(dx_rcooc));
    r->ents.cap = (size_t)ne;
    r->ments.cap = (size_t)nm;
    r->events.cap = (size_t)nv;
    r->coocs.cap = (size_t)nc;
    for (long long i = 0; i < ne; i++) {
        line++;
        dx_ent_type t;
        long long lk;
        if (!ROW(12) || (fl[0] != 1 || f[0][0] != 'N') ||
            (t = dx_ent_type_parse(f[3])) == DX_ENT_NONE || t == DX_ENT_DATE ||
            !get_int(f[8], 0, UINT32_MAX, &a) || !get_int(f[9], 0, 1, &b) || !get_int(f[11], 0, 100, &lk))
            BAD(n_row);
        if (!fits(1, DX_LABEL_MAX) || !id_ok(f[1], t))
            BAD("an entity id of at most 512 bytes: its type, ':', then lowercase letters, digits, '-', '_', '.'");
        if (!fits(2, DX_LABEL_MAX)) BAD("an entity label of at most 512 bytes");
        if (!fits(10, DX_EVIDENCE_MAX + 4)) BAD("an example sentence of at most 1004 bytes");
        if (!fits(4, LONG_FIELD) || !fits(5, LONG_FIELD) || !fits(6, LONG_FIELD) || !fits(7, LONG_FIELD))
            BAD("aliases, dates and roles of at most 64 KB each");
        dx_rent e = {f[1], f[2], t, f[4], f[5], f[6], f[7], (uint32_t)a, (int)b, f[10], (uint8_t)lk};
        r->ents.items[r->ents.len++] = e;
    }
    if (!(want & DX_PART_MENTS)) {
        r->skipped_mentions = (size_t)nm;
        at_end = 1;
        if (!skip_rows(&p, end, nm, &line)) BAD(m_row);
        nm = 0;
    }
    for (long long i = 0; i < nm; i++) {
        line++;
        dx_ent_type t;
        long long m;
        dx_link lk = DX_LINK__COUNT;
        if (!ROW(11) || (fl[0] != 1 || f[0][0] != 'M') ||
            (t = dx_ent_type_parse(f[3])) == DX_ENT_NONE || !get_int(f[1], 0, UINT32_MAX, &a) ||
            !get_int(f[2], a, UINT32_MAX, &b) || !get_int(f[4], -1, ne - 1, &x) ||
            !get_int(f[7], 0, DX_MOD_APPROX, &m) || (lk = dx_link_parse(f[10])) == DX_LINK__COUNT)
            BAD(m_row);
        if (!fits(5, DX_LABEL_MAX) || !fits(6, DX_LABEL_MAX) || !fits(8, DX_LABEL_MAX) ||
            !fits(9, DX_LABEL_MAX))
            BAD("a mention's text, value, document date and calendar of at most 512 bytes each");
        if ((size_t)b > r->text_len) BAD("a mention inside its document (offsets up to its text length)");
        dx_rmention rm = {(uint32_t)a, (uint32_t)b, t, (int32_t)x, f[5], f[6], (dx_date_mod)m, f[8], f[9], lk, 0};
        r->ments.items[r->ments.len++] = rm;
    }
    if (!(want & DX_PART_EVENTS)) {
        at_end = 1;
        if (!skip_rows(&p, end, nv, &line)) BAD(v_row);
        nv = 0;
    }
    for (long long i = 0; i < nv; i++) {
        line++;
        dx_revent *e = &r->events.items[i];
        long long ts, te, ss, se, pl, so, dm;
        if (!ROW(18) || (fl[0] != 1 || f[0][0] != 'V') ||
            !(e->type = dx_ev_type_parse(f[1])) || !(e->modality = dx_modality_parse(f[2])) ||
            !get_int(f[3], 0, UINT32_MAX, &ts) || !get_int(f[4], ts, UINT32_MAX, &te) ||
            !get_int(f[5], 0, UINT32_MAX, &ss) || !get_int(f[6], ss, UINT32_MAX, &se) ||
            !get_ints(r, f[9], ne, &e->agents) || !get_ints(r, f[10], ne, &e->patients) ||
            !get_int(f[11], -1, ne - 1, &pl) || !get_int(f[12], -1, ne - 1, &so) ||
            !get_int(f[16], 0, DX_MOD_APPROX, &dm) ||
            (f[17][0] && !dx_date_basis_parse(f[17])))
            BAD(v_row);
        if (!fits(8, DX_EVIDENCE_MAX + 4)) BAD("an event's sentence of at most 1004 bytes");
        if ((size_t)te > r->text_len || (size_t)se > r->text_len)
            BAD("an event inside its document (offsets up to its text length)");
        if (!fits(7, DX_LABEL_MAX) || !fits(13, DX_LABEL_MAX) || !fits(14, DX_LABEL_MAX) ||
            !fits(15, DX_LABEL_MAX))
            BAD("an event's trigger, source, charge and date of at most 512 bytes each");
        r->events.len++;
        e->trig_start = (uint32_t)ts;
        e->trig_end = (uint32_t)te;
        e->sent_start = (uint32_t)ss;
        e->sent_end = (uint32_t)se;
        e->trigger = f[7];
        e->sentence = f[8];
        if (i && e->sent_start == e[-1].sent_start && e->sent_end == e[-1].sent_end) e->sentence = e[-1].sentence;
        e->place = (int32_t)pl;
        e->source_ent = (int32_t)so;
        e->source = f[13];
        e->charge = f[14];
        e->date = f[15];
        e->date_mod = (dx_date_mod)dm;
        e->date_basis = dx_date_basis_parse(f[17]);
    }
    if (!(want & DX_PART_COOCS)) {
        at_end = 1;
        if (!skip_rows(&p, end, nc, &line)) BAD(c_row);
        nc = 0;
    }
    for (long long i = 0; i < nc; i++) {
        line++;
        long long ss, se;
        if (!ROW(7) || (fl[0] != 1 || f[0][0] != 'C') ||
            !get_int(f[1], 0, ne - 1, &a) || !get_int(f[2], 0, ne - 1, &b) ||
            !get_int(f[3], 1, UINT32_MAX, &x) || !get_int(f[4], 0, UINT32_MAX, &ss) ||
            !get_int(f[5], ss, UINT32_MAX, &se))
            BAD(c_row);
        if (!fits(6, DX_EVIDENCE_MAX + 4)) BAD("a co-occurrence's evidence of at most 1004 bytes");
        if ((size_t)se > r->text_len) BAD("a co-occurrence inside its document (offsets up to its text length)");
        dx_rcooc co = {(int32_t)a, (int32_t)b, (uint32_t)x, (uint32_t)ss, (uint32_t)se, f[6]};
        if (i && co.sent_start == r->coocs.items[i - 1].sent_start && co.sent_end == r->coocs.items[i - 1].sent_end)
            co.sentence = r->coocs.items[i - 1].sentence;
        r->coocs.items[r->coocs.len++] = co;
    }
    if (p != end) {
        line++;
        at_end = 0;
        BAD("a D row (more rows than the document's D row counts)");
    }
    return 0;
}

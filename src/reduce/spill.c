/* spill.c - the spill's format (spill.h): what partial.c's rows say, as
 * native integers and strings stored with their length and NUL, so that
 * writing a result is copying its bytes and reading it back is pointing
 * into them: no escapes to add and undo, no numbers to print and parse, no
 * tabs to look for. The spill is written and read by one run (never kept,
 * never moved between machines); a shard is partial.c's text.
 *
 * A record (integers native, unaligned; a string is u32 n, n bytes, NUL):
 *   head:  u64 text_len, u64 bytes, u32 pages, status, n_ents, n_ments,
 *          n_events, n_coocs, n_page_starts; the strings path, warning,
 *          dct_note, why, format, title, author, date; the page starts
 *   N:     u32 type, count; u8 known, likely; the strings id, label,
 *          aliases, start, end, roles, example
 *   M:     u32 start, end; i32 entity; u8 type, modifier, link, has; the
 *          string text; then value, dct and calendar when has says they
 *          are not empty (bits 1, 2, 4: most mentions have none)
 *   V:     u32 type, modality, trigger_start, trigger_end, sentence_start,
 *          sentence_end; i32 place, source_entity; u32 date_modifier,
 *          date_basis, n_agents, n_patients; the agents and patients
 *          (i32 each); the strings trigger, sentence, source, charge, date
 *   C:     i32 entity_a, entity_b; u32 count, sentence_start,
 *          sentence_end; the string sentence
 * As in partial.c, a V or C whose sentence has the offsets of the one
 * before it leaves it empty, and reads back as that one's; an empty
 * warning reads back as none; a NULL string is written empty. A result
 * read back from the spill is the result a shard would give back. */
#include <stdint.h>
#include <string.h>

#include "base/mem.h"
#include "reduce/spill.h"

/* ---------------------------------------------------------------- writing */

static inline char *room(dx_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) dx_buf_grow(b, n);
    return b->data + b->len;
}

static inline char *put_u32_at(char *q, uint32_t v)
{
    memcpy(q, &v, 4);
    return q + 4;
}

static inline void put_u32(dx_buf *b, uint32_t v)
{
    put_u32_at(room(b, 4), v);
    b->len += 4;
}

static inline void put_u64(dx_buf *b, uint64_t v)
{
    memcpy(room(b, 8), &v, 8);
    b->len += 8;
}

/* A string's length, the string and its NUL. */
static inline void put_str(dx_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *q = put_u32_at(room(b, 5 + n), (uint32_t)n);
    if (n) memcpy(q, s, n);
    q[n] = '\0';
    b->len += 5 + n;
}

static void put_ints(dx_buf *b, const int32_t *v, size_t n)
{
    if (!n) return;
    memcpy(room(b, 4 * n), v, 4 * n);
    b->len += 4 * n;
}

/* bits of a mention's has: which of its date strings are there */
enum { HAS_VALUE = 1, HAS_DCT = 2, HAS_CALENDAR = 4 };

static void put_mention(dx_buf *b, const dx_rmention *m)
{
    size_t n = m->text_len ? m->text_len : strlen(m->text);
    unsigned has = (m->value && *m->value ? HAS_VALUE : 0) | (m->dct && *m->dct ? HAS_DCT : 0) |
                   (m->calendar && *m->calendar ? HAS_CALENDAR : 0);
    char *q = room(b, 21 + n);
    q = put_u32_at(q, m->start);
    q = put_u32_at(q, m->end);
    q = put_u32_at(q, (uint32_t)m->ent);
    q[0] = (char)m->type;
    q[1] = (char)m->mod;
    q[2] = (char)m->link;
    q[3] = (char)has;
    q = put_u32_at(q + 4, (uint32_t)n);
    memcpy(q, m->text, n);
    q[n] = '\0';
    b->len += 21 + n;
    if (has & HAS_VALUE) put_str(b, m->value);
    if (has & HAS_DCT) put_str(b, m->dct);
    if (has & HAS_CALENDAR) put_str(b, m->calendar);
}

/* Hand b to the sink once it holds a megabyte; *sent counts what it got. */
static int slice(dx_buf *b, dx_spill_sink sink, void *ctx, size_t *sent, int last)
{
    if (!sink || !b->len || (!last && b->len < (1u << 20))) return 0;
    if (sink(b->data, b->len, ctx)) return -1;
    *sent += b->len;
    dx_buf_clear(b);
    return 0;
}

int dx_spill_encode(const dossier_docresult *r, unsigned want, dx_buf *b, dx_spill_sink sink, void *ctx,
                    dx_spill_parts *parts)
{
    size_t nv = want & DX_PART_EVENTS ? r->events.len : 0, nc = want & DX_PART_COOCS ? r->coocs.len : 0;
    size_t start = b->len, sent = 0;
    put_u64(b, r->text_len);
    put_u64(b, r->bytes);
    put_u32(b, r->pages);
    put_u32(b, (uint32_t)r->status);
    put_u32(b, (uint32_t)r->ents.len);
    put_u32(b, (uint32_t)r->ments.len);
    put_u32(b, (uint32_t)nv);
    put_u32(b, (uint32_t)nc);
    put_u32(b, (uint32_t)r->n_page_starts);
    put_str(b, r->path);
    put_str(b, r->warning);
    put_str(b, r->dct_note);
    put_str(b, r->why);
    put_str(b, r->format);
    put_str(b, r->title);
    put_str(b, r->author);
    put_str(b, r->date);
    put_ints(b, (const int32_t *)(const void *)r->page_starts, r->n_page_starts);
    for (size_t i = 0; i < r->ents.len; i++) {
        const dx_rent *e = &r->ents.items[i];
        put_u32(b, (uint32_t)e->type);
        put_u32(b, e->count);
        char *q = room(b, 2);
        q[0] = (char)(e->known ? 1 : 0);
        q[1] = (char)e->likely;
        b->len += 2;
        put_str(b, e->id);
        put_str(b, e->label);
        put_str(b, e->aliases);
        put_str(b, e->start);
        put_str(b, e->end);
        put_str(b, e->roles);
        put_str(b, e->example);
        if (slice(b, sink, ctx, &sent, 0)) return -1;
    }
    parts->head = sent + b->len - start;
    for (size_t i = 0; i < r->ments.len; i++) {
        put_mention(b, &r->ments.items[i]);
        if (slice(b, sink, ctx, &sent, 0)) return -1;
    }
    parts->ments = sent + b->len - start - parts->head;
    for (size_t i = 0; i < nv; i++) {
        const dx_revent *e = &r->events.items[i];
        uint32_t v[12] = {(uint32_t)e->type, (uint32_t)e->modality, e->trig_start, e->trig_end,
                          e->sent_start, e->sent_end, (uint32_t)e->place, (uint32_t)e->source_ent,
                          (uint32_t)e->date_mod, (uint32_t)e->date_basis, (uint32_t)e->agents.len,
                          (uint32_t)e->patients.len};
        put_ints(b, (const int32_t *)v, 12);
        put_ints(b, e->agents.items, e->agents.len);
        put_ints(b, e->patients.items, e->patients.len);
        int same = i && e->sent_start == r->events.items[i - 1].sent_start &&
                   e->sent_end == r->events.items[i - 1].sent_end;
        put_str(b, e->trigger);
        put_str(b, same ? "" : e->sentence);
        put_str(b, e->source);
        put_str(b, e->charge);
        put_str(b, e->date);
        if (slice(b, sink, ctx, &sent, 0)) return -1;
    }
    for (size_t i = 0; i < nc; i++) {
        const dx_rcooc *co = &r->coocs.items[i];
        int32_t v[5] = {co->a, co->b, (int32_t)co->count, (int32_t)co->sent_start, (int32_t)co->sent_end};
        put_ints(b, v, 5);
        int same = i && co->sent_start == r->coocs.items[i - 1].sent_start &&
                   co->sent_end == r->coocs.items[i - 1].sent_end;
        put_str(b, same ? "" : co->sentence);
        if (slice(b, sink, ctx, &sent, 0)) return -1;
    }
    return slice(b, sink, ctx, &sent, 1);
}

size_t dx_spill_need(const dx_spill_parts *parts, size_t len, unsigned want)
{
    if (want & (DX_PART_EVENTS | DX_PART_COOCS)) return len;
    if (want & DX_PART_MENTS) return parts->head + parts->ments;
    return parts->head;
}

/* ---------------------------------------------------------------- reading */

/* A record read from p to end; bad once anything would be read past end. */
typedef struct {
    char *p, *end;
    int bad;
} reader;

/* n bytes of the record into v (zeros, and the reader bad, past its end) */
static inline void get_bytes(reader *rd, void *v, size_t n)
{
    if ((size_t)(rd->end - rd->p) < n) {
        rd->bad = 1;
        memset(v, 0, n);
        return;
    }
    memcpy(v, rd->p, n);
    rd->p += n;
}

static inline uint32_t get_u32(reader *rd)
{
    uint32_t v;
    get_bytes(rd, &v, sizeof(v));
    return v;
}

static inline uint64_t get_u64(reader *rd)
{
    uint64_t v;
    get_bytes(rd, &v, sizeof(v));
    return v;
}

static inline char *get_str(reader *rd)
{
    uint32_t n = get_u32(rd);
    if ((size_t)(rd->end - rd->p) <= n || rd->p[n]) {
        rd->bad = 1;
        return (char *)"";
    }
    char *s = rd->p;
    rd->p += n + 1;
    return s;
}

/* n i32 into the result's arena (cap 0: borrowed), as partial.c's get_ints. */
static void get_ints(reader *rd, dossier_docresult *r, uint32_t n, void *vecp)
{
    DX_VEC(int32_t) *v = vecp;
    v->items = NULL;
    v->len = v->cap = 0;
    if (!n) return;
    if ((size_t)(rd->end - rd->p) / 4 < n) {
        rd->bad = 1;
        return;
    }
    v->items = dx_arena_alloc(&r->arena, n * sizeof(int32_t));
    memcpy(v->items, rd->p, n * sizeof(int32_t));
    v->len = n;
    rd->p += 4 * (size_t)n;
}

static int get_mentions(reader *rd, dossier_docresult *r, uint32_t nm)
{
    static char empty[] = "";
    r->ments.items = nm ? xmalloc(nm * sizeof(dx_rmention)) : NULL;
    r->ments.cap = nm;
    for (uint32_t i = 0; i < nm && !rd->bad; i++) {
        if (rd->end - rd->p < 16) return -1;
        dx_rmention *m = &r->ments.items[i];
        const char *q = rd->p;
        memcpy(&m->start, q, 4);
        memcpy(&m->end, q + 4, 4);
        memcpy(&m->ent, q + 8, 4);
        m->type = (dx_ent_type)(unsigned char)q[12];
        m->mod = (dx_date_mod)(unsigned char)q[13];
        m->link = (dx_link)(unsigned char)q[14];
        unsigned has = (unsigned char)q[15];
        rd->p += 16;
        m->text = get_str(rd);
        m->text_len = rd->bad ? 0 : (uint32_t)(rd->p - m->text - 1);
        m->value = has & HAS_VALUE ? get_str(rd) : empty;
        m->dct = has & HAS_DCT ? get_str(rd) : empty;
        m->calendar = has & HAS_CALENDAR ? get_str(rd) : empty;
        r->ments.len = i + 1;
    }
    return rd->bad ? -1 : 0;
}

int dx_spill_decode(char *buf, size_t len, const dx_spill_parts *parts, unsigned want, dossier_docresult *r)
{
    if (parts->head > len) return -1;
    reader rd = {buf, buf + parts->head, 0};
    r->text_len = (size_t)get_u64(&rd);
    r->bytes = get_u64(&rd);
    r->pages = get_u32(&rd);
    r->status = (dx_doc_status)get_u32(&rd);
    uint32_t ne = get_u32(&rd), nm = get_u32(&rd), nv = get_u32(&rd), nc = get_u32(&rd);
    uint32_t np = get_u32(&rd);
    r->path = get_str(&rd);
    r->warning = get_str(&rd);
    if (!*r->warning) r->warning = NULL;
    r->dct_note = get_str(&rd);
    r->why = get_str(&rd);
    r->format = get_str(&rd);
    r->title = get_str(&rd);
    r->author = get_str(&rd);
    r->date = get_str(&rd);
    if (rd.bad) return -1;
    DX_VEC(int32_t) ps;
    get_ints(&rd, r, np, &ps);
    r->page_starts = (uint32_t *)(void *)ps.items;
    r->n_page_starts = ps.len;
    r->ents.items = ne ? xmalloc(ne * sizeof(dx_rent)) : NULL;
    r->ents.cap = ne;
    for (uint32_t i = 0; i < ne && !rd.bad; i++) {
        dx_rent *e = &r->ents.items[i];
        e->type = (dx_ent_type)get_u32(&rd);
        e->count = get_u32(&rd);
        if (rd.end - rd.p < 2) return -1;
        e->known = rd.p[0];
        e->likely = (uint8_t)rd.p[1];
        rd.p += 2;
        e->id = get_str(&rd);
        e->label = get_str(&rd);
        e->aliases = get_str(&rd);
        e->start = get_str(&rd);
        e->end = get_str(&rd);
        e->roles = get_str(&rd);
        e->example = get_str(&rd);
        r->ents.len = i + 1;
    }
    if (rd.bad || rd.p != rd.end) return -1;
    /* the mentions: read, or only counted */
    if (!(want & DX_PART_MENTS)) {
        r->skipped_mentions = nm;
    } else {
        if (parts->ments > len - parts->head) return -1;
        rd.end = rd.p + parts->ments;
        if (get_mentions(&rd, r, nm) != 0 || rd.p != rd.end) return -1;
    }
    if (!(want & (DX_PART_EVENTS | DX_PART_COOCS))) return 0;
    if (parts->head + parts->ments > len) return -1;
    rd.p = buf + parts->head + parts->ments;
    rd.end = buf + len;
    if (want & DX_PART_EVENTS) {
        r->events.items = nv ? xcalloc(nv, sizeof(dx_revent)) : NULL;
        r->events.cap = nv;
    }
    for (uint32_t i = 0; i < nv && !rd.bad; i++) {
        dx_revent tmp, *e = want & DX_PART_EVENTS ? &r->events.items[i] : &tmp;
        e->type = (dx_ev_type)get_u32(&rd);
        e->modality = (dx_modality)get_u32(&rd);
        e->trig_start = get_u32(&rd);
        e->trig_end = get_u32(&rd);
        e->sent_start = get_u32(&rd);
        e->sent_end = get_u32(&rd);
        e->place = (int32_t)get_u32(&rd);
        e->source_ent = (int32_t)get_u32(&rd);
        e->date_mod = (dx_date_mod)get_u32(&rd);
        e->date_basis = (dx_date_basis)get_u32(&rd);
        uint32_t na = get_u32(&rd), np2 = get_u32(&rd);
        get_ints(&rd, r, na, &e->agents);
        get_ints(&rd, r, np2, &e->patients);
        e->trigger = get_str(&rd);
        e->sentence = get_str(&rd);
        e->source = get_str(&rd);
        e->charge = get_str(&rd);
        e->date = get_str(&rd);
        if (i && e->sent_start == e[-1].sent_start && e->sent_end == e[-1].sent_end && e != &tmp)
            e->sentence = e[-1].sentence;
        if (e != &tmp) r->events.len = i + 1;
    }
    if (want & DX_PART_COOCS) {
        r->coocs.items = nc ? xmalloc(nc * sizeof(dx_rcooc)) : NULL;
        r->coocs.cap = nc;
    } else {
        nc = 0; /* the last part: nothing after it to reach */
    }
    for (uint32_t i = 0; i < nc && !rd.bad; i++) {
        dx_rcooc *co = &r->coocs.items[i];
        co->a = (int32_t)get_u32(&rd);
        co->b = (int32_t)get_u32(&rd);
        co->count = get_u32(&rd);
        co->sent_start = get_u32(&rd);
        co->sent_end = get_u32(&rd);
        co->sentence = get_str(&rd);
        if (i && co->sent_start == co[-1].sent_start && co->sent_end == co[-1].sent_end)
            co->sentence = co[-1].sentence;
        r->coocs.len = i + 1;
    }
    if (rd.bad || ((want & DX_PART_COOCS) && rd.p != rd.end)) return -1;
    return 0;
}

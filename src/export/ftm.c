/* ftm.c - entities.ftm.json: the graph as followthemoney (FtM)
 * entities, one JSON object a line, as Aleph loads them (alephclient
 * write-entities, ftm load-aleph). Documents are PlainText, HyperText or
 * Document; people Person, organisations Organization, places Address;
 * each event (the accounts of one real-world happening aggregated: a row
 * of events.csv) an Event: its headline, date, organizer (agents),
 * involved (everyone taking part), place, proof (its accounts'
 * documents), its modalities and sources in summary, and in notes why it
 * is contested and each account (who says what, where); accounts that
 * anchor no event are no Event (timeline.csv has them). Each entity named
 * in a document is a Mention of it there. Ids are made of the outputs' own
 * ids (an Event's of its event's Id), so they are the same on every run,
 * for any -j and in every shard. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/jsonio.h"
#include "base/map.h"
#include "base/mem.h"
#include "export/writer.h"

/* FtM's limits (its model's types: maxLength), in bytes here (<= characters) */
enum { MAX_ID = 200, MAX_NAME = 384, MAX_ADDRESS = 250, MAX_STRING = 1024, MAX_TEXT = 65000 };

/* ---------------------------------------------------------------- ids */

static uint64_t hash2(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
    }
    return h;
}

/* prefix and s (n bytes, may hold NULs) as an FtM entity id: letters,
 * digits and '-', starting and ending with a letter or digit (FtM's entity
 * type), at most MAX_ID bytes. Every byte but [A-PR-Za-z0-9-] is written
 * "Q" and two hex digits, and so is a last '-': one id per string ('.',
 * which FtM's namespaces read as a separator, too). An id
 * too long keeps its first part and ends with a 128-bit hash of the rest. */
static void ftm_id(dx_buf *out, const char *prefix, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    dx_buf_clear(out);
    dx_buf_puts(out, prefix);
    size_t cut = 0; /* the last escape boundary that leaves room for the hash */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    (c >= 'A' && c <= 'Z' && c != 'Q') || (c == '-' && i + 1 < n);
        if (out->len <= MAX_ID - 34) cut = out->len;
        if (plain) {
            dx_buf_putc(out, (char)c);
        } else {
            char e[3] = {'Q', hex[c >> 4], hex[c & 15]};
            dx_buf_put(out, e, 3);
        }
    }
    if (!n) dx_buf_puts(out, "QQ"); /* no escape reads so: the empty string's own */
    if (out->len <= MAX_ID) return;
    out->len = cut;
    dx_buf_putc(out, '-');
    uint64_t h[2] = {dx_hash(s, n), hash2(s, n)};
    for (int k = 0; k < 2; k++)
        for (int q = 15; q >= 0; q--) dx_buf_putc(out, hex[(h[k] >> (4 * q)) & 15]);
}

/* "person:nikolai-bukharin" -> "person-nikolai-bukharin" */
static void entity_id(dx_buf *out, const char *id)
{
    const char *colon = strchr(id, ':');
    char prefix[32];
    if (colon && (size_t)(colon - id) < sizeof(prefix) - 1 && colon > id) {
        snprintf(prefix, sizeof(prefix), "%.*s-", (int)(colon - id), id);
        ftm_id(out, prefix, colon + 1, strlen(colon + 1));
    } else {
        ftm_id(out, "entity-", id, strlen(id));
    }
}

static void document_id(dx_buf *out, const char *path) { ftm_id(out, "document-", path, strlen(path)); }

/* ---------------------------------------------------------------- values */

/* props[prop] gets s (n bytes), cut to max bytes at a character boundary;
 * nothing when empty or already there. */
static void put_n(dx_json *props, const char *prop, const char *s, size_t n, size_t max)
{
    while (n && (s[0] == ' ' || s[0] == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (!n) return;
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    char stack[512];
    char *copy = n < sizeof(stack) ? stack : xmalloc(n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    dx_json *a = dx_json_array_at(props, prop);
    if (!dx_json_has_str(a, copy)) dx_json_push_strn(a, copy, n);
    if (copy != stack) free(copy);
}

static void put(dx_json *props, const char *prop, const char *s, size_t max)
{
    if (s) put_n(props, prop, s, strlen(s), max);
}

/* Each of the '|'-separated values of s. */
static void put_list(dx_json *props, const char *prop, const char *s, size_t max, const char *except)
{
    while (s && *s) {
        size_t n = strcspn(s, "|");
        if (!except || strlen(except) != n || strncmp(s, except, n) != 0) put_n(props, prop, s, n, max);
        s += n;
        if (*s) s++;
    }
}

/* A date as FtM takes it: YYYY, YYYY-MM or YYYY-MM-DD (an ISO 8601 prefix;
 * no ranges, no EDTF qualifiers). */
static int ftm_date(const char *s, size_t n)
{
    if (n != 4 && n != 7 && n != 10) return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
    }
    if (n >= 7) {
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12) return 0;
    }
    if (n == 10) {
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > 31) return 0;
    }
    return 1;
}

static void put_date(dx_json *props, const char *prop, const char *s, size_t n)
{
    if (ftm_date(s, n)) put_n(props, prop, s, n, 32);
}

static int write_entity(dx_json *o, FILE *fp)
{
    int bad = dx_json_write_line(o, fp);
    return bad;
}

/* A new line object {"id", "schema", "properties"}; *props is where the
 * properties go. */
static dx_json *line_new(const char *id, const char *schema, dx_json **props)
{
    dx_json *o = dx_json_object();
    dx_json_set_str(o, "id", id);
    dx_json_set_str(o, "schema", schema);
    *props = dx_json_set_object(o, "properties");
    return o;
}

static const char *schema_of(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "Person";
    case DX_ENT_ORG: return "Organization";
    case DX_ENT_PLACE: return "Address";
    default: return NULL;
    }
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* ---------------------------------------------------------------- the lines */

static int write_document(const char *path, FILE *fp, dx_buf *id)
{
    const char *base = base_name(path);
    const char *dot = strrchr(base, '.');
    const char *schema = "Document", *mime = NULL;
    if (dot && (strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".text") == 0)) {
        schema = "PlainText";
        mime = "text/plain";
    } else if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)) {
        schema = "HyperText";
        mime = "text/html";
    } else if (dot && strcasecmp(dot, ".xml") == 0) {
        mime = "application/xml";
    }
    document_id(id, path);
    dx_json *props;
    dx_json *o = line_new(id->data, schema, &props);
    /* the path as every other output spells it; FtM's file name is the last part */
    put(props, "name", path, MAX_NAME);
    put(props, "fileName", base, MAX_STRING);
    if (dot && dot[1]) {
        char ext[32];
        size_t k = 0;
        for (const char *p = dot + 1; *p && k < sizeof(ext) - 1; p++)
            ext[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        ext[k] = '\0';
        put(props, "extension", ext, MAX_STRING);
    }
    if (mime) put(props, "mimeType", mime, MAX_ADDRESS);
    int bad = write_entity(o, fp);
    dx_json_free(o);
    return bad;
}

static int write_ent(const dx_gent *e, FILE *fp, dx_buf *id, dx_buf *note)
{
    const char *schema = schema_of(e->type);
    if (!schema) return 0;
    entity_id(id, e->id);
    dx_json *props;
    dx_json *o = line_new(id->data, schema, &props);
    put(props, "name", e->label, MAX_NAME);
    if (e->type == DX_ENT_PLACE) put(props, "full", e->label, MAX_ADDRESS);
    put_list(props, "alias", e->aliases, MAX_NAME, e->label);
    /* the gazetteer's start and end: dates of birth and death, of founding
     * and dissolution; as a note when they are no date FtM takes */
    static const char *const born[] = {"", "birthDate", "incorporationDate", ""};
    static const char *const died[] = {"", "deathDate", "dissolutionDate", ""};
    int k = e->type == DX_ENT_PERSON ? 1 : e->type == DX_ENT_ORG ? 2 : 3;
    const char *ends[2] = {e->start, e->end};
    const char *props_of[2] = {born[k], died[k]};
    static const char *const words[2] = {"start", "end"};
    for (int i = 0; i < 2; i++) {
        if (!ends[i][0]) continue;
        if (props_of[i][0] && ftm_date(ends[i], strlen(ends[i]))) {
            put_date(props, props_of[i], ends[i], strlen(ends[i]));
        } else {
            dx_buf_clear(note);
            dx_buf_printf(note, "%s: %s", words[i], ends[i]);
            put(props, "notes", note->data, MAX_TEXT);
        }
    }
    put_list(props, "description", e->roles, MAX_TEXT, NULL);
    int bad = write_entity(o, fp);
    dx_json_free(o);
    return bad;
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32);
}

/* A modality or type name in lower case: "DENIED" -> "denied". */
static const char *lower_name(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s", name);
    lower(out);
    return out;
}

/* The participants who can be FtM's LegalEntity (people, organisations). */
static void put_parties(dx_json *props, const char *prop, const dx_graph *g, const int32_t *idx, size_t n,
                        dx_buf *id)
{
    for (size_t i = 0; i < n; i++) {
        const dx_gent *e = &g->ents.items[idx[i]];
        if (e->type != DX_ENT_PERSON && e->type != DX_ENT_ORG) continue;
        entity_id(id, e->id);
        put(props, prop, id->data, MAX_ID);
    }
}

/* Accounts told one by one in an event's notes; the rest are counted, and
 * timeline.csv / accounts.jsonl hold them all (joined by the event's Id). */
#define NOTES_MAX 100

/* One account as a line of its event's notes: "DENIED by Nikolai Bukharin
 * in docs/x.txt: <sentence>", with its own date when it is not the
 * event's. */
static void account_note(dx_buf *t, const dx_graph *g, const dx_gagg *a, const dx_gevent *e, dx_buf *scratch)
{
    dx_buf_clear(t);
    dx_buf_puts(t, dx_modality_name(e->modality));
    if (e->source[0]) dx_buf_printf(t, " by %s", e->source);
    dx_buf_printf(t, " in %s", dx_account_document(g, e));
    if (e->date[0] && strcmp(e->date, a->date) != 0) dx_buf_printf(t, " (dated %s)", e->date);
    dx_buf_puts(t, ": ");
    dx_buf_puts(t, dx_account_sentence(g, e, scratch));
}

/* One event (the accounts of one real-world happening, aggregated) as an
 * FtM Event: the one place that knows what an event line holds. Its id is
 * made of the event's Id, as every other output names it. */
static dx_json *event_entity(const dx_graph *g, const dx_gagg *a, dx_buf *id, dx_buf *t)
{
    const char *local = strncmp(a->id, "event:", 6) == 0 ? a->id + 6 : a->id;
    ftm_id(id, "event-", local, strlen(local));
    dx_json *props;
    dx_json *o = line_new(id->data, "Event", &props);
    char word[32];
    put(props, "name", a->headline, MAX_NAME);
    /* the date: FtM takes ISO prefixes; ranges and EDTF's others go to
     * startDate and endDate (their bounds), the value itself to the notes */
    const char *v = a->date;
    size_t vn = strlen(v);
    const char *slash = memchr(v, '/', vn);
    if (ftm_date(v, vn)) {
        put_n(props, "date", v, vn, 32);
    } else if (a->start[0]) {
        if (slash && ftm_date(v, (size_t)(slash - v))) put_n(props, "startDate", v, (size_t)(slash - v), 32);
        else put_date(props, "startDate", a->start, strlen(a->start));
        if (slash && ftm_date(slash + 1, vn - (size_t)(slash + 1 - v)))
            put_n(props, "endDate", slash + 1, vn - (size_t)(slash + 1 - v), 32);
        else put_date(props, "endDate", a->end, strlen(a->end));
    }
    /* the summary: "contested: asserted 2, denied 1; sources: A; B" */
    dx_buf_clear(t);
    if (a->contested) dx_buf_puts(t, "contested: ");
    for (int m = 1, first = 1; m < DX_MODAL__COUNT; m++) {
        if (!a->modalities[m]) continue;
        dx_buf_printf(t, "%s%s %u", first ? "" : ", ",
                      lower_name(word, sizeof(word), dx_modality_name((dx_modality)m)), a->modalities[m]);
        first = 0;
    }
    size_t at = t->len;
    dx_buf_puts(t, "; sources: ");
    size_t from = t->len;
    dx_agg_sources(t, g, a, DX_AGG_SOURCES_MAX);
    if (t->len == from) t->len = at;
    put_n(props, "summary", t->data, t->len, MAX_TEXT);
    /* the notes: why it is contested, its charge, its EDTF date, then its
     * accounts one by one, in document order */
    if (a->contested & DX_CONTESTED_DENIED) put(props, "notes", "contested: some accounts deny it", MAX_TEXT);
    if (a->contested & DX_CONTESTED_DATES)
        put(props, "notes", "contested: documents give dates that cannot both be true", MAX_TEXT);
    if (a->charge[0]) {
        dx_buf_clear(t);
        dx_buf_printf(t, "charge: %s", a->charge);
        put_n(props, "notes", t->data, t->len, MAX_TEXT);
    }
    if (v[0] && (!ftm_date(v, vn) || a->date_mod != DX_MOD_NONE)) {
        dx_buf_clear(t);
        const char *m = dx_date_mod_name(a->date_mod);
        dx_buf_printf(t, "date (EDTF): %s%s%s", v, *m ? ", " : "", m);
        put_n(props, "notes", t->data, t->len, MAX_TEXT);
    }
    const int32_t *acc = g->agg_accounts + a->first;
    for (uint32_t i = 0; i < a->n && i < NOTES_MAX; i++) {
        account_note(t, g, a, &g->events.items[acc[i]], id);
        put_n(props, "notes", t->data, t->len, MAX_TEXT);
    }
    if (a->n > NOTES_MAX) {
        dx_buf_clear(t);
        dx_buf_printf(t, "and %u more accounts: the rows of timeline.csv (accounts.jsonl) whose event is %s",
                      a->n - NOTES_MAX, a->id);
        put_n(props, "notes", t->data, t->len, MAX_TEXT);
    }
    put(props, "description", dx_account_sentence(g, &g->events.items[a->best], id), MAX_TEXT);
    put(props, "keywords", lower_name(word, sizeof(word), dx_ev_type_name(a->type)), MAX_STRING);
    for (int m = 1; m < DX_MODAL__COUNT; m++)
        if (a->modalities[m])
            put(props, "keywords", lower_name(word, sizeof(word), dx_modality_name((dx_modality)m)), MAX_STRING);
    if (a->contested) put(props, "keywords", "contested", MAX_STRING);
    put(props, "recordId", a->id, MAX_STRING);
    /* who: everyone taking part is involved; the agents are the organizers */
    put_parties(props, "organizer", g, a->agents.items, a->agents.len, id);
    put_parties(props, "involved", g, a->agents.items, a->agents.len, id);
    put_parties(props, "involved", g, a->patients.items, a->patients.len, id);
    if (a->place >= 0) {
        const dx_gent *p = &g->ents.items[a->place];
        if (p->type == DX_ENT_PLACE) {
            entity_id(id, p->id);
            put(props, "addressEntity", id->data, MAX_ID);
            put(props, "location", p->label, MAX_ADDRESS);
        }
    }
    /* proof: the documents of its accounts, each once (the accounts are in
     * document order) */
    dx_json *proof = NULL;
    size_t last_doc = SIZE_MAX;
    for (uint32_t i = 0; i < a->n; i++) {
        const dx_gevent *e = &g->events.items[acc[i]];
        if (e->doc_order == last_doc) continue;
        last_doc = e->doc_order;
        document_id(id, dx_account_document(g, e));
        if (!proof) proof = dx_json_array_at(props, "proof");
        dx_json_push_strn(proof, id->data, id->len);
    }
    return o;
}

/* Each entity named in a document: a Mention of it there (resolved to it
 * when FtM allows: a person or an organisation). */
static int write_mentions(const dx_docs *docs, const dx_graph *g, FILE *fp, dx_buf *id, dx_buf *key,
                          dossier_error *err)
{
    size_t nd = docs->n;
    int bad = 0;
    for (size_t d = 0; d < nd && !bad; d++) {
        dossier_docresult *r = docs->get(docs->ctx, d, DX_PART_ENTS, err);
        if (!r) return err->code ? err->code : DOSSIER_EIO;
        dx_buf doc;
        dx_buf_init(&doc);
        document_id(&doc, r->path);
        for (size_t i = 0; i < r->ents.len && !bad; i++) {
            const dx_rent *re = &r->ents.items[i];
            int32_t gi = dx_graph_find_ent(g, re->id);
            const dx_gent *e = gi >= 0 ? &g->ents.items[gi] : NULL;
            const char *schema = schema_of(re->type);
            if (!schema) continue;
            /* one id per (entity, document): the two joined by a NUL */
            dx_buf_clear(key);
            dx_buf_puts(key, re->id);
            dx_buf_putc(key, '\0');
            dx_buf_puts(key, r->path);
            ftm_id(id, "mention-", key->data, key->len);
            dx_json *props;
            dx_json *o = line_new(id->data, "Mention", &props);
            put(props, "name", e ? e->label : re->label, MAX_NAME);
            put(props, "document", doc.data, MAX_ID);
            if (re->type == DX_ENT_PERSON || re->type == DX_ENT_ORG) {
                entity_id(id, re->id);
                put(props, "resolved", id->data, MAX_ID);
            }
            put(props, "detectedSchema", schema, MAX_STRING);
            bad = write_entity(o, fp);
            dx_json_free(o);
        }
        dx_buf_fini(&doc);
        docs->put(docs->ctx, d, r);
    }
    return bad ? -1 : 0;
}

int dx_write_ftm(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    dx_buf id, t;
    dx_buf_init(&id);
    dx_buf_init(&t);
    int bad = 0, st = 0;
    for (size_t i = 0; i < g->documents.len && !bad; i++) bad = write_document(g->documents.items[i], fp, &id);
    for (size_t i = 0; i < g->ents.len && !bad; i++) bad = write_ent(&g->ents.items[i], fp, &id, &t);
    for (size_t i = 0; i < g->aggs.len && !bad; i++) {
        dx_json *o = event_entity(g, &g->aggs.items[i], &id, &t);
        bad = write_entity(o, fp);
        dx_json_free(o);
    }
    if (!bad) {
        st = write_mentions(x->docs, g, fp, &id, &t, err);
        if (st < 0) bad = 1, st = 0;
    }
    dx_buf_fini(&id);
    dx_buf_fini(&t);
    if (st) return st;
    if (bad || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "entities.ftm.json", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

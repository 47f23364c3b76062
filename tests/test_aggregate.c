/* test_aggregate.c - accounts aggregated into events (reduce/aggregate.c) on
 * documents' results made by hand: what must be one event (one arrest told
 * three ways, in three documents, with three wordings of its date), what
 * must stay apart (two arrests years apart, the trial of A and B and the
 * trial of C, an undated account of one of two dated events told elsewhere),
 * an undated account of the dated event its document tells before it, deaths that
 * happen once, accounts that name no one, the entities' spells, the source
 * edges, and a group of many accounts that must not take quadratic time. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/sort.h"
#include "model/edtf.h"
#include "reduce/corpus.h"
#include "reduce/merge.h"
#include "tap.h"

static dossier_docresult *cur;
static char *A(const char *s) { return dx_arena_strndup(&cur->arena, s, strlen(s)); }

static dossier_docresult *doc(const char *path)
{
    dossier_docresult *r = cur = xcalloc(1, sizeof(*r));
    r->path = A(path);
    r->text_len = 1000;
    return r;
}

/* entity i of the current document */
static int32_t ent(const char *id, const char *label, dx_ent_type t)
{
    dx_rent e;
    memset(&e, 0, sizeof(e));
    e.id = A(id);
    e.label = A(label);
    e.type = t;
    e.aliases = e.start = e.end = e.roles = e.example = A("");
    e.count = 1;
    e.known = 1;
    DX_PUSH(cur->ents, e);
    return (int32_t)cur->ents.len - 1;
}

static uint32_t next_trigger;

static dx_revent *account(dx_ev_type t, dx_modality m, const char *date, int32_t patient, int32_t agent)
{
    dx_revent e;
    memset(&e, 0, sizeof(e));
    e.type = t;
    e.modality = m;
    e.trig_start = next_trigger += 10;
    e.trig_end = e.trig_start + 5;
    e.sent_start = e.trig_start;
    e.sent_end = e.trig_start + 8;
    e.trigger = A("trig");
    e.sentence = A("A sentence.");
    e.place = -1;
    e.source_ent = -1;
    e.source = e.charge = A("");
    e.date = A(date);
    DX_PUSH(cur->events, e);
    dx_revent *p = &cur->events.items[cur->events.len - 1];
    if (patient >= 0) DX_PUSH(p->patients, patient);
    if (agent >= 0) DX_PUSH(p->agents, agent);
    return p;
}

/* The event of the account at trigger offset trig in document path. */
static const dx_gagg *event_of(const dx_graph *g, const char *path, uint32_t trig)
{
    for (size_t i = 0; i < g->events.len; i++) {
        const dx_gevent *e = &g->events.items[i];
        if (e->trig_start == trig && strcmp(dx_account_document(g, e), path) == 0)
            return e->agg >= 0 ? &g->aggs.items[e->agg] : NULL;
    }
    return NULL;
}

static const dx_gagg *find(const dx_graph *g, const char *id)
{
    for (size_t i = 0; i < g->aggs.len; i++)
        if (strcmp(g->aggs.items[i].id, id) == 0) return &g->aggs.items[i];
    return NULL;
}

static dx_graph *graph_of(dossier_corpus *c)
{
    dossier_error err = {0};
    dx_graph *g = dx_corpus_graph(c, 1, &err);
    CHECK(g != NULL, "merge: %s", err.message);
    return g;
}

static void three_ways(void)
{
    dossier_corpus *c = dossier_corpus_new();
    uint32_t t1, t2, t3, q1923, q1937, qund, tab, tc, tba;
    /* the chronicle asserts it, to the day; two arrests of Rykov, and one
     * undated that could be either; the trial of A and B, that of C */
    doc("a.txt");
    int32_t p = ent("person:nikolai-bukharin", "Nikolai Bukharin", DX_ENT_PERSON);
    int32_t q = ent("person:alexei-rykov", "Alexei Rykov", DX_ENT_PERSON);
    int32_t y = ent("person:genrikh-yagoda", "Genrikh Yagoda", DX_ENT_PERSON);
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1937-02-27", p, -1);
    t1 = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1923", q, -1);
    q1923 = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1937", q, -1);
    q1937 = next_trigger;
    /* "After this arrest, ...": undated, told just after the arrest of 1937 */
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "", q, -1);
    qund = next_trigger;
    dx_revent *e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", p, -1);
    DX_PUSH(e->patients, q);
    tab = next_trigger;
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", y, -1);
    tc = next_trigger;
    /* the trial of Rykov and Yagoda: its id's words are those of the trial
     * of Rykov and Bukharin */
    e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", q, -1);
    DX_PUSH(e->patients, y);
    uint32_t try_ = next_trigger;
    /* the trial of Rykov alone: of Rykov and Bukharin, or of Rykov and Yagoda? */
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", q, -1);
    uint32_t tr = next_trigger;
    dossier_corpus_add(c, cur);
    /* the prosecutor alleges it, to the month; the trial of B and A */
    doc("b.txt");
    int32_t v = ent("person:andrey-vyshinsky", "Andrey Vyshinsky", DX_ENT_PERSON);
    int32_t q2 = ent("person:alexei-rykov", "Alexei Rykov", DX_ENT_PERSON);
    p = ent("person:nikolai-bukharin", "Nikolai Bukharin", DX_ENT_PERSON);
    e = account(DX_EV_ARREST, DX_MODAL_ALLEGED, "1937-02", p, -1);
    e->source_ent = v;
    t2 = next_trigger;
    e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938", q2, -1);
    DX_PUSH(e->patients, p);
    tba = next_trigger;
    /* an undated arrest of Rykov, in a document that tells neither of his
     * dated arrests: it could be either */
    account(DX_EV_ARREST, DX_MODAL_ALLEGED, "", q2, -1);
    uint32_t qb = next_trigger;
    dossier_corpus_add(c, cur);
    /* the defence denies it, undated */
    doc("c.txt");
    p = ent("person:nikolai-bukharin", "Nikolai Bukharin", DX_ENT_PERSON);
    e = account(DX_EV_ARREST, DX_MODAL_DENIED, "", p, -1);
    e->source_ent = p;
    t3 = next_trigger;
    dossier_corpus_add(c, cur);

    dx_graph *g = graph_of(c);
    if (!g) return;
    const dx_gagg *a = event_of(g, "a.txt", t1);
    CHECK(a && a == event_of(g, "b.txt", t2) && a == event_of(g, "c.txt", t3),
          "an arrest asserted, alleged and denied in three documents is one event");
    if (a) {
        CHECK(a->n == 3 && a->documents == 3, "its accounts: %u in %u documents", a->n, a->documents);
        CHECK(a->contested & DX_CONTESTED_DENIED, "one asserts it, another denies it: contested");
        CHECK(!(a->contested & DX_CONTESTED_DATES), "1937-02-27 and 1937-02 do not conflict");
        CHECK(strcmp(a->date, "1937-02-27") == 0, "its date is its most precise account's (%s)", a->date);
        CHECK(strcmp(a->headline, "Arrest of Nikolai Bukharin") == 0, "headline: %s", a->headline);
        CHECK(strcmp(a->id, "event:arrest:nikolai-bukharin:1937-02-27") == 0, "id: %s", a->id);
        dx_buf b;
        dx_buf_init(&b);
        dx_agg_modalities(&b, a);
        CHECK(b.data && strcmp(b.data, "ASSERTED 1; ALLEGED 1; DENIED 1") == 0, "modalities: %s", b.data);
        dx_buf_clear(&b);
        dx_agg_sources(&b, g, a, 12);
        CHECK(b.data && strcmp(b.data, "Andrey Vyshinsky; Nikolai Bukharin") == 0, "sources: %s", b.data);
        dx_buf_fini(&b);
        /* what each source does to it, as an edge */
        int alleges = 0, denies = 0;
        int32_t ai = (int32_t)(a - g->aggs.items);
        for (size_t i = 0; i < g->edges.len; i++) {
            const dx_gedge *ed = &g->edges.items[i];
            if (ed->dst_kind != DX_NODE_EVENT || ed->dst != ai || ed->rel != DX_REL_SOURCE) continue;
            const char *who = g->ents.items[ed->src].id;
            alleges += ed->modality == DX_MODAL_ALLEGED && strcmp(who, "person:andrey-vyshinsky") == 0;
            denies += ed->modality == DX_MODAL_DENIED && strcmp(who, "person:nikolai-bukharin") == 0;
        }
        CHECK(alleges == 1 && denies == 1, "a source edge that alleges and one that denies (%d, %d)", alleges,
              denies);
    }
    const dx_gagg *r23 = event_of(g, "a.txt", q1923), *r37 = event_of(g, "a.txt", q1937);
    CHECK(r23 && r37 && r23 != r37, "arrests of one man in 1923 and 1937 are two events");
    const dx_gagg *ru = event_of(g, "a.txt", qund);
    CHECK(ru && ru == r37, "an undated arrest is the one its document tells just before it");
    const dx_gagg *rb = event_of(g, "b.txt", qb);
    CHECK(rb && rb != r23 && rb != r37, "an undated arrest in a document that tells neither joins neither");
    const dx_gagg *ab = event_of(g, "a.txt", tab), *c3 = event_of(g, "a.txt", tc);
    CHECK(ab && c3 && ab != c3, "the trial of A and B is not the trial of C");
    CHECK(c3 && c3 == event_of(g, "a.txt", try_), "the trial of Yagoda is the trial of Rykov and Yagoda (a subset)");
    const dx_gagg *r1 = event_of(g, "a.txt", tr);
    CHECK(r1 && r1 != ab && r1 != c3, "the trial of Rykov fits two trials: it stays apart");
    CHECK(ab && ab == event_of(g, "b.txt", tba), "the trial of B and A is the trial of A and B");
    if (ab) CHECK(strcmp(ab->headline, "Trial of Alexei Rykov and Nikolai Bukharin") == 0, "%s", ab->headline);
    const dx_gagg *ry = find(g, "event:trial:alexei-rykov+1:1938-03:2");
    CHECK(ab && ry && ry != ab && strcmp(ab->id, "event:trial:alexei-rykov+1:1938-03") == 0,
          "two events of the same words: the second id ends in :2");
    /* every account is in exactly one event's list, once */
    size_t listed = 0;
    for (size_t k = 0; k < g->aggs.len; k++) listed += g->aggs.items[k].n;
    CHECK(listed + g->unanchored == g->events.len, "accounts listed once (%zu + %zu of %zu)", listed,
          g->unanchored, g->events.len);
    /* events in date order, undated last */
    int ordered = 1;
    for (size_t k = 1; k < g->aggs.len; k++) {
        const dx_gagg *x = &g->aggs.items[k - 1], *z = &g->aggs.items[k];
        if ((!x->dated && z->dated) || (x->dated && z->dated && x->day_from > z->day_from)) ordered = 0;
    }
    CHECK(ordered, "events in date order, undated last");
    /* Bukharin's spells: February 1937 and March 1938, apart */
    int32_t bi = dx_graph_find_ent(g, "person:nikolai-bukharin");
    CHECK(bi >= 0 && g->spell_at[bi + 1] - g->spell_at[bi] == 2, "two spells for two dated periods");
    dx_graph_free(g);
    dossier_corpus_free(c);
}

static void once(void)
{
    dossier_corpus *c = dossier_corpus_new();
    doc("a.txt");
    int32_t g1 = ent("person:maxim-gorky", "Maxim Gorky", DX_ENT_PERSON);
    int32_t m1 = ent("person:vyacheslav-menzhinsky", "Vyacheslav Menzhinsky", DX_ENT_PERSON);
    account(DX_EV_DEATH, DX_MODAL_ASSERTED, "1936-06-18", g1, -1);
    uint32_t ga = next_trigger;
    /* one document that gives two dates: more likely a date taken from
     * the context than a disagreement */
    account(DX_EV_DEATH, DX_MODAL_ASSERTED, "1934-05-10", m1, -1);
    uint32_t ma = next_trigger;
    account(DX_EV_DEATH, DX_MODAL_ASSERTED, "1936-06-18", m1, -1);
    /* the deaths of Gorky and Menzhinsky, one account: Gorky's death is no
     * part of it */
    dx_revent *two = account(DX_EV_DEATH, DX_MODAL_ASSERTED, "1936-06-18", g1, -1);
    DX_PUSH(two->patients, m1);
    uint32_t both = next_trigger;
    dossier_corpus_add(c, cur);
    doc("b.txt");
    int32_t g2 = ent("person:maxim-gorky", "Maxim Gorky", DX_ENT_PERSON);
    account(DX_EV_DEATH, DX_MODAL_ASSERTED, "1936-06-17", g2, -1);
    uint32_t gb = next_trigger;
    account(DX_EV_DEATH, DX_MODAL_ASSERTED, "1936", g2, -1);
    dossier_corpus_add(c, cur);
    dx_graph *g = graph_of(c);
    if (!g) return;
    const dx_gagg *a = event_of(g, "a.txt", ga);
    CHECK(a && a == event_of(g, "b.txt", gb) && a->n == 3, "a man dies once: his deaths are one event");
    CHECK(event_of(g, "a.txt", both) && event_of(g, "a.txt", both) != a,
          "a death that happens once joins no larger event");
    CHECK(a && (a->contested & DX_CONTESTED_DATES), "two documents give days that cannot both be true");
    CHECK(a && strcmp(a->date, "1936-06-18") == 0, "the date most accounts share (%s)", a ? a->date : "");
    const dx_gagg *m = event_of(g, "a.txt", ma);
    CHECK(m && m->n == 2 && !m->contested, "two dates in one document: one event, not contested");
    dx_graph_free(g);
    dossier_corpus_free(c);
}

static void anchors(void)
{
    dossier_corpus *c = dossier_corpus_new();
    doc("a.txt");
    int32_t mo = ent("place:moscow", "Moscow", DX_ENT_PLACE);
    int32_t t = ent("person:t", "T", DX_ENT_PERSON);
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938", -1, -1);
    uint32_t year = next_trigger;
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "", -1, -1);
    uint32_t none = next_trigger;
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03-02", -1, -1);
    uint32_t day = next_trigger;
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", -1, -1);
    uint32_t month = next_trigger;
    dx_revent *e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "", -1, -1);
    e->place = mo;
    uint32_t placed = next_trigger;
    /* naming no one, at one place: one asserts a plot there, one denies
     * one there - one event, and no disagreement about anyone */
    e = account(DX_EV_CONSPIRACY, DX_MODAL_ASSERTED, "1905", -1, -1);
    e->place = mo;
    uint32_t plot_yes = next_trigger;
    e = account(DX_EV_CONSPIRACY, DX_MODAL_DENIED, "", -1, -1);
    e->place = mo;
    uint32_t plot_no = next_trigger;
    /* a year fits one arrest of T and not the other: it joins the one */
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1937-02-27", t, -1);
    uint32_t feb = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1939-06-10", t, -1);
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1937", t, -1);
    uint32_t y37 = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "193X", t, -1);
    uint32_t decade = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "-0043-03-15", t, -1);
    uint32_t bc = next_trigger;
    dossier_corpus_add(c, cur);
    dx_graph *g = graph_of(c);
    if (!g) return;
    CHECK(!event_of(g, "a.txt", year) && !event_of(g, "a.txt", none),
          "an account naming no one, with no place and no date of a month or less, has no event");
    const dx_gagg *d = event_of(g, "a.txt", day);
    CHECK(d && d == event_of(g, "a.txt", month), "naming no one, a day and its month: one event");
    CHECK(d && strcmp(d->headline, "Trial, 2 March 1938") == 0, "its headline says when (%s)", d ? d->headline : "");
    const dx_gagg *p = event_of(g, "a.txt", placed);
    CHECK(p && strcmp(p->headline, "Trial in Moscow") == 0, "a place anchors it (%s)", p ? p->headline : "");
    const dx_gagg *pl = event_of(g, "a.txt", plot_yes);
    CHECK(pl && pl == event_of(g, "a.txt", plot_no) && !(pl->contested & DX_CONTESTED_DENIED),
          "naming no one: a denial at the same place is no contest (%d)", pl ? (int)pl->contested : -1);
    CHECK(g->unanchored == 2, "two accounts without an event (%zu)", g->unanchored);
    const dx_gagg *f = event_of(g, "a.txt", feb);
    CHECK(f && f == event_of(g, "a.txt", y37), "1937 joins the one arrest it can be");
    CHECK(event_of(g, "a.txt", decade) && event_of(g, "a.txt", decade) != f,
          "the 1930s fit two arrests: kept apart");
    const dx_gagg *b = event_of(g, "a.txt", bc);
    CHECK(b && b->dated && b->day_from < 0 && !b->start[0], "a date BC is a date, with no ISO day");
    CHECK(b && b == &g->aggs.items[0], "and the first in date order");
    dx_graph_free(g);
    dossier_corpus_free(c);
}

/* A plot of one man told without a date is one event within a document,
 * not across documents that date it nowhere; an undated account joins its
 * document's dated plot, and dated accounts join across documents; the
 * plot of the same two men is one event across documents, dated or not. */
/* One role each: the trial of R and B, told twice with them as whom it
 * befell and once with them (wrongly) as its doers too; the killing of K
 * by P, where one account also makes K a doer. */
static void roles(void)
{
    dossier_corpus *c = dossier_corpus_new();
    doc("r.txt");
    int32_t r = ent("person:r", "R", DX_ENT_PERSON);
    int32_t b = ent("person:b", "B", DX_ENT_PERSON);
    int32_t k = ent("person:k", "K", DX_ENT_PERSON);
    int32_t p = ent("person:p", "P", DX_ENT_PERSON);
    dx_revent *e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", r, -1);
    DX_PUSH(e->patients, b);
    uint32_t t1 = next_trigger;
    e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", r, r);
    DX_PUSH(e->patients, b);
    DX_PUSH(e->agents, b);
    e = account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1938-03", r, -1);
    DX_PUSH(e->patients, b);
    account(DX_EV_ASSASSINATION, DX_MODAL_ASSERTED, "1934-12-01", k, p);
    uint32_t k1 = next_trigger;
    e = account(DX_EV_ASSASSINATION, DX_MODAL_ASSERTED, "1934-12", k, p);
    DX_PUSH(e->agents, k);
    dossier_corpus_add(c, cur);
    dx_graph *g = graph_of(c);
    if (!g) return;
    const dx_gagg *t = event_of(g, "r.txt", t1);
    CHECK(t && t->n == 3 && t->agents.len == 0 && t->patients.len == 2,
          "the trial of R and B: they are whom it befell, not its doers too (%zu agents)", t ? t->agents.len : 0);
    const dx_gagg *m = event_of(g, "r.txt", k1);
    CHECK(m && m->n == 2 && m->agents.len == 1 && m->patients.len == 1,
          "K's killing by P: P its doer, K whom it befell (%zu agents, %zu patients)", m ? m->agents.len : 0,
          m ? m->patients.len : 0);
    dx_graph_free(g);
    dossier_corpus_free(c);
}

/* The date the accounts agree on: five say December 1934, one each the
 * 1st, the 28th and the 29th - December 1934; "15-16 January 1935" among
 * "January 1935"s stands. */
static void agreed(void)
{
    dossier_corpus *c = dossier_corpus_new();
    doc("g.txt");
    int32_t k = ent("person:k", "K", DX_ENT_PERSON);
    int32_t z = ent("person:z", "Z", DX_ENT_PERSON);
    account(DX_EV_ASSASSINATION, DX_MODAL_ASSERTED, "1934-12-29", k, -1);
    uint32_t k1 = next_trigger;
    account(DX_EV_ASSASSINATION, DX_MODAL_ASSERTED, "1934-12-28", k, -1);
    account(DX_EV_ASSASSINATION, DX_MODAL_ASSERTED, "1934-12-01", k, -1);
    for (int i = 0; i < 5; i++) account(DX_EV_ASSASSINATION, DX_MODAL_ASSERTED, "1934-12", k, -1);
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1935-01-15/1935-01-16", z, -1);
    uint32_t z1 = next_trigger;
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1935-01", z, -1);
    account(DX_EV_TRIAL, DX_MODAL_ASSERTED, "1935-01", z, -1);
    dossier_corpus_add(c, cur);
    dx_graph *g = graph_of(c);
    if (!g) return;
    const dx_gagg *a = event_of(g, "g.txt", k1);
    CHECK(a && a->n == 8 && strcmp(a->date, "1934-12") == 0, "three days one account each, five the month: the month (%s)",
          a ? a->date : "");
    const dx_gagg *t = event_of(g, "g.txt", z1);
    CHECK(t && t->n == 3 && strcmp(t->date, "1935-01-15/1935-01-16") == 0, "two days inside the month all agree on (%s)",
          t ? t->date : "");
    dx_graph_free(g);
    dossier_corpus_free(c);
}

static void plots(void)
{
    dossier_corpus *c = dossier_corpus_new();
    doc("a.txt");
    int32_t r = ent("person:alexei-rykov", "Alexei Rykov", DX_ENT_PERSON);
    account(DX_EV_CONSPIRACY, DX_MODAL_ALLEGED, "", -1, r);
    uint32_t a1 = next_trigger;
    account(DX_EV_CONSPIRACY, DX_MODAL_CONFESSED, "", -1, r);
    uint32_t a2 = next_trigger;
    account(DX_EV_CONSPIRACY, DX_MODAL_ALLEGED, "1918-07", -1, r);
    uint32_t a3 = next_trigger;
    dossier_corpus_add(c, cur);
    doc("b.txt");
    r = ent("person:alexei-rykov", "Alexei Rykov", DX_ENT_PERSON);
    account(DX_EV_CONSPIRACY, DX_MODAL_ALLEGED, "", -1, r);
    uint32_t b1 = next_trigger;
    account(DX_EV_CONSPIRACY, DX_MODAL_ASSERTED, "1918", -1, r);
    uint32_t b2 = next_trigger;
    dossier_corpus_add(c, cur);
    doc("c.txt");
    r = ent("person:alexei-rykov", "Alexei Rykov", DX_ENT_PERSON);
    account(DX_EV_CONSPIRACY, DX_MODAL_ALLEGED, "", -1, r);
    uint32_t c1 = next_trigger;
    account(DX_EV_CONSPIRACY, DX_MODAL_DENIED, "", -1, r);
    uint32_t c2 = next_trigger;
    /* the conspiracy of Rykov and Bukharin, undated */
    int32_t bu = ent("person:nikolai-bukharin", "Nikolai Bukharin", DX_ENT_PERSON);
    dx_revent *e = account(DX_EV_CONSPIRACY, DX_MODAL_ALLEGED, "", -1, r);
    DX_PUSH(e->agents, bu);
    uint32_t c3 = next_trigger;
    dossier_corpus_add(c, cur);
    doc("d.txt");
    bu = ent("person:nikolai-bukharin", "Nikolai Bukharin", DX_ENT_PERSON);
    r = ent("person:alexei-rykov", "Alexei Rykov", DX_ENT_PERSON);
    e = account(DX_EV_CONSPIRACY, DX_MODAL_DENIED, "", -1, bu);
    DX_PUSH(e->agents, r);
    uint32_t d1 = next_trigger;
    dossier_corpus_add(c, cur);
    dx_graph *g = graph_of(c);
    if (!g) return;
    const dx_gagg *a = event_of(g, "a.txt", a3);
    CHECK(a && a == event_of(g, "a.txt", a1) && a == event_of(g, "a.txt", a2),
          "undated accounts of a plot join their document's dated account of it");
    CHECK(a && a == event_of(g, "b.txt", b2), "dated accounts of a plot join across documents");
    CHECK(a && a == event_of(g, "b.txt", b1), "an undated account joins a plot its document dates");
    const dx_gagg *x = event_of(g, "c.txt", c1);
    CHECK(x && x != a && x == event_of(g, "c.txt", c2),
          "a document that dates the plot nowhere: its accounts are an event of their own");
    const dx_gagg *two = event_of(g, "c.txt", c3);
    CHECK(two && two != x && two != a && two == event_of(g, "d.txt", d1),
          "the undated conspiracy of the same two men in two documents is one event");
    dx_graph_free(g);
    dossier_corpus_free(c);
}

/* One man arrested twice, in 1923 and in 1937, and the undated accounts a
 * narrative gives between and before them ("his arrest", "after the
 * arrest"): each is of the arrest its document tells nearest before it,
 * else of the first it tells after it; pages away, of neither. */
static void nearest(void)
{
    dossier_corpus *c = dossier_corpus_new();
    doc("n.txt");
    int32_t t = ent("person:t", "T", DX_ENT_PERSON);
    int32_t u = ent("person:u", "U", DX_ENT_PERSON);
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "", t, -1);
    uint32_t u0 = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1923-05", t, -1);
    uint32_t a23 = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ALLEGED, "", t, -1);
    uint32_t u1 = next_trigger;
    /* U's arrest in between is no arrest of T's */
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1930", u, -1);
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "", t, -1);
    uint32_t u2 = next_trigger;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "1937-06-10", t, -1);
    uint32_t a37 = next_trigger;
    /* a date inherited from the narrative does not decide it */
    dx_revent *e = account(DX_EV_ARREST, DX_MODAL_DENIED, "1936", t, -1);
    e->date_basis = DX_DATE_CONTEXT;
    uint32_t w = next_trigger;
    /* pages later: which arrest, the text no longer says */
    next_trigger += 5000;
    account(DX_EV_ARREST, DX_MODAL_ASSERTED, "", t, -1);
    uint32_t far = next_trigger;
    cur->text_len = next_trigger + 100;
    dossier_corpus_add(c, cur);
    dx_graph *g = graph_of(c);
    if (!g) return;
    const dx_gagg *x = event_of(g, "n.txt", a23), *y = event_of(g, "n.txt", a37);
    CHECK(x && y && x != y, "arrests in 1923 and 1937: two events");
    CHECK(x && x == event_of(g, "n.txt", u0), "an undated account before both: the first told after it");
    CHECK(x && x == event_of(g, "n.txt", u1), "an undated account after 1923: that arrest");
    CHECK(x && x == event_of(g, "n.txt", u2), "past another man's arrest: still the arrest of 1923");
    CHECK(y && y == event_of(g, "n.txt", w), "a date from the context: the arrest told just before it");
    CHECK(x && x->n == 4 && y && y->n == 2, "four accounts and two (%u, %u)", x ? x->n : 0, y ? y->n : 0);
    const dx_gagg *f = event_of(g, "n.txt", far);
    CHECK(f && f != x && f != y, "pages after both: neither");
    dx_graph_free(g);
    dossier_corpus_free(c);
}

/* One man, many accounts: each on a day of its own (many events), and as
 * many undated (one event). Time grows with the accounts, not their square. */
static void many(void)
{
    enum { N = 20000 };
    dossier_corpus *c = dossier_corpus_new();
    doc("many.txt");
    int32_t t = ent("person:t", "T", DX_ENT_PERSON);
    char date[16];
    for (int i = 0; i < N; i++) {
        int y, m, d;
        dx_civil_from_days(-25567 + 3 * i, &y, &m, &d); /* from 1900, three days apart */
        snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
        account(DX_EV_ARREST, DX_MODAL_ASSERTED, date, t, -1);
        account(DX_EV_CONSPIRACY, DX_MODAL_ALLEGED, "", -1, t);
    }
    dossier_corpus_add(c, cur);
    clock_t t0 = clock();
    dx_graph *g = graph_of(c);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (!g) return;
    size_t arrests = 0, plots = 0;
    for (size_t k = 0; k < g->aggs.len; k++) {
        arrests += g->aggs.items[k].type == DX_EV_ARREST;
        if (g->aggs.items[k].type == DX_EV_CONSPIRACY) plots += g->aggs.items[k].n;
    }
    CHECK(arrests == N, "%d arrests on different days are %zu events", N, arrests);
    CHECK(plots == N && g->aggs.len == N + 1, "%d undated accounts of one plot are one event", N);
    CHECK(secs < 20, "%d accounts merged in %.1f s", 2 * N, secs);
    /* ids stay unique: the spells merge days three apart into none */
    int32_t ti = dx_graph_find_ent(g, "person:t");
    CHECK(ti >= 0 && g->spell_at[ti + 1] - g->spell_at[ti] == N, "one spell per day (%u)",
          ti >= 0 ? g->spell_at[ti + 1] - g->spell_at[ti] : 0);
    dx_graph_free(g);
    dossier_corpus_free(c);
}

/* dx_sort_i32 (the accounts' people, the years of a text) against qsort,
 * on lists short (by insertion) and long (merged), with repeats and
 * negatives */
static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void sorts(void)
{
    static const size_t sizes[] = {0, 1, 2, 3, 16, 17, 100, 1000, 4099};
    int32_t v[4099], w[4099];
    uint32_t r = 12345;
    for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
        size_t n = sizes[z];
        for (size_t i = 0; i < n; i++) {
            r = r * 1103515245u + 12345u;
            v[i] = w[i] = (int32_t)(r >> 16) % 50 - 25;
        }
        dx_sort_i32(v, n);
        qsort(w, n, sizeof(*w), cmp_i32);
        CHECK(memcmp(v, w, n * sizeof(*v)) == 0, "dx_sort_i32 of %zu ints as qsort", n);
    }
}

int main(void)
{
    sorts();
    three_ways();
    once();
    anchors();
    nearest();
    plots();
    roles();
    agreed();
    many();
    return tap_done();
}

/* test_spill.c - the spill's records (reduce/spill.c): a result written to
 * the spill and read back is the result a shard gives back (its rows in
 * partial.c's format are the same bytes), whole or in the parts a reader
 * asks for, written at once or through a sink a megabyte at a time; a
 * damaged or cut record is refused, never read past its end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "reduce/merge.h"
#include "reduce/partial.h"
#include "reduce/spill.h"
#include "tap.h"

/* One document in partial.c's rows: escapes in its strings (a tab, a line
 * break, a backslash), a warning, page starts, a date mention with its
 * document date and calendar, events sharing a sentence, co-occurrences
 * sharing one. */
static const char doc_rows[] =
    "D\t/tmp/a\\tb.txt\t5000\tsome warning\t3\t4\t3\t2\t1998-08-14 (--dct)\tread\t\tpdf\tA \"title\"\\nline 2"
    "\tAuthor\\\\Name\t1998\t3\t12345\t0;812;1650\n"
    "N\tperson:joseph-stalin\tJoseph Stalin\tPERSON\tStalin;Koba\t1878-12-18\t1953-03-05\tleader\t7\t1\t\t100\n"
    "N\tplace:moscow\tMoscow\tPLACE\t\t\t\t\t2\t1\t\t100\n"
    "N\tperson:ivan-petrov\tIvan\\tPetrov\tPERSON\t\t\t\t\t1\t0\tIvan Petrov was\\nhere.\t42\n"
    "M\t0\t6\tPERSON\t0\tStalin\t\t0\t\t\tsurname\n"
    "M\t10\t16\tPLACE\t1\tMoscow\t\t0\t\t\tgazetteer\n"
    "M\t20\t31\tPERSON\t2\tIvan\\tPetrov\t\t0\t\t\tnew\n"
    "M\t40\t52\tDATE\t-1\t10 March 1905\t1905-03-23\t1\t1998-08-14\tJulian 1905-03-10\t\n"
    "V\tARREST\tASSERTED\t100\t108\t90\t200\tarrested\tThe sentence,\\twith a tab.\t0\t2\t1\t-1\t\t\t1937\t0\tstated\n"
    "V\tEXECUTION\tALLEGED\t150\t158\t90\t200\texecuted\t\t\t2\t-1\t0\t\ttreason\t1938-03\t2\tcontext\n"
    "V\tTRIAL\tASSERTED\t300\t305\t290\t400\ttried\tAnother one.\t0;2\t\t1\t-1\tthe press\t\t\t0\t\n"
    "C\t0\t1\t2\t90\t200\tThe sentence,\\twith a tab.\n"
    "C\t0\t2\t1\t90\t200\t\n";

static dossier_docresult *from_rows(const char *rows, char **keep)
{
    dossier_docresult *r = calloc(1, sizeof(*r));
    *keep = strdup(rows);
    dossier_error err = {0};
    int st = dx_partial_decode(*keep, strlen(*keep), "test", 2, DX_PART_ALL, r, &err);
    CHECK(st == 0, "the test document's rows parse (%s)", err.message);
    return r;
}

/* r's rows in partial.c's format. */
static void rows_of(const dossier_docresult *r, unsigned want, dx_buf *out)
{
    dx_buf_clear(out);
    dx_partial_encode(r, want, out);
}

/* r written with spill_want, read back with read_want: its rows (all). */
static int round_trip(const dossier_docresult *r, unsigned spill_want, unsigned read_want, dx_buf *rows,
                      dossier_docresult **back)
{
    dx_buf b;
    dx_buf_init(&b);
    dx_spill_parts parts;
    dx_spill_encode(r, spill_want, &b, NULL, NULL, &parts);
    size_t need = dx_spill_need(&parts, b.len, read_want);
    char *copy = malloc(need + 1);
    memcpy(copy, b.data, need);
    dossier_docresult *r2 = calloc(1, sizeof(*r2));
    r2->block = copy;
    int st = dx_spill_decode(copy, need, &parts, read_want, r2);
    if (rows) rows_of(r2, DX_PART_ALL, rows);
    dx_buf_fini(&b);
    if (back) *back = r2;
    else dossier_docresult_free(r2);
    return st;
}

static int collect(const char *data, size_t n, void *ctx)
{
    dx_buf_put(ctx, data, n);
    return 0;
}

static int refuse(const char *data, size_t n, void *ctx)
{
    (void)data;
    (void)n;
    (void)ctx;
    return 1;
}

int main(void)
{
    char *keep;
    dossier_docresult *r = from_rows(doc_rows, &keep);
    dx_buf want_rows, got_rows;
    dx_buf_init(&want_rows);
    dx_buf_init(&got_rows);

    /* whole: the same rows, byte for byte */
    rows_of(r, DX_PART_ALL, &want_rows);
    CHECK(strcmp(want_rows.data, doc_rows) == 0, "the test rows encode back to themselves");
    dossier_docresult *back = NULL;
    CHECK(round_trip(r, DX_PART_ALL, DX_PART_ALL, &got_rows, &back) == 0, "a whole record reads back");
    CHECK(strcmp(want_rows.data, got_rows.data) == 0, "read back, the same rows:\n%s\nvs\n%s", want_rows.data,
          got_rows.data);
    CHECK(back->warning && strcmp(back->warning, "some warning") == 0, "the warning");
    CHECK(back->events.len == 3 && back->events.items[1].sentence == back->events.items[0].sentence,
          "events of one sentence share its copy, as read from a shard");
    CHECK(back->coocs.len == 2 && back->coocs.items[1].sentence == back->coocs.items[0].sentence,
          "co-occurrences of one sentence share its copy");
    CHECK(back->n_page_starts == 3 && back->page_starts[2] == 1650, "the page starts");
    CHECK(strcmp(back->ents.items[2].label, "Ivan\tPetrov") == 0, "a tab in a label, as it is");
    dossier_docresult_free(back);

    /* the lean spill (entities and mentions): read back as a shard of it */
    rows_of(r, DX_PART_ENTS | DX_PART_MENTS, &want_rows);
    CHECK(round_trip(r, DX_PART_ENTS | DX_PART_MENTS, DX_PART_ALL, &got_rows, NULL) == 0, "a lean record reads back");
    CHECK(strcmp(want_rows.data, got_rows.data) == 0, "a lean record: the rows of one");

    /* a part at a time: only the bytes of the parts asked for are read */
    CHECK(round_trip(r, DX_PART_ALL, DX_PART_ENTS, NULL, &back) == 0, "the document and its entities alone");
    CHECK(back->ents.len == 3 && back->ments.len == 0 && back->skipped_mentions == 4 && back->events.len == 0 &&
              back->pages == 3 && back->bytes == 12345 && strcmp(back->path, "/tmp/a\tb.txt") == 0,
          "the D row and entities; the mentions counted");
    dossier_docresult_free(back);
    CHECK(round_trip(r, DX_PART_ALL, DX_PART_ENTS | DX_PART_MENTS, NULL, &back) == 0, "with the mentions");
    CHECK(back->ments.len == 4 && back->events.len == 0 && back->coocs.len == 0 &&
              strcmp(back->ments.items[3].calendar, "Julian 1905-03-10") == 0 &&
              strcmp(back->ments.items[3].dct, "1998-08-14") == 0 && back->ments.items[3].ent == -1,
          "the mentions, a date's strings too");
    size_t lens_known = 0;
    for (size_t i = 0; i < back->ments.len; i++)
        lens_known += back->ments.items[i].text_len == strlen(back->ments.items[i].text);
    CHECK(lens_known == back->ments.len, "a mention read back knows its text's length");
    dossier_docresult_free(back);
    CHECK(round_trip(r, DX_PART_ALL, DX_MERGE_WANT, NULL, &back) == 0, "what a merge reads");
    CHECK(back->ments.len == 0 && back->skipped_mentions == 4 && back->events.len == 3 && back->coocs.len == 2 &&
              back->events.items[2].agents.len == 2 && back->events.items[2].agents.items[1] == 2,
          "events and co-occurrences, mentions skipped");
    dossier_docresult_free(back);

    /* many rows, through a sink: the same bytes, the same parts */
    dossier_docresult big = *r;
    size_t nm = 60000;
    big.ments.items = malloc(nm * sizeof(dx_rmention));
    big.ments.len = big.ments.cap = nm;
    for (size_t i = 0; i < nm; i++) big.ments.items[i] = r->ments.items[i % 4];
    dx_buf whole, sunk, work;
    dx_buf_init(&whole);
    dx_buf_init(&sunk);
    dx_buf_init(&work);
    dx_spill_parts p1, p2;
    dx_spill_encode(&big, DX_PART_ALL, &whole, NULL, NULL, &p1);
    CHECK(dx_spill_encode(&big, DX_PART_ALL, &work, collect, &sunk, &p2) == 0 && work.len == 0, "through a sink");
    CHECK(whole.len > (2u << 20) && whole.len == sunk.len && memcmp(whole.data, sunk.data, whole.len) == 0,
          "a sink gets the same bytes (%zu, %zu)", whole.len, sunk.len);
    CHECK(p1.head == p2.head && p1.ments == p2.ments, "and the same parts");
    dx_buf_clear(&work);
    CHECK(dx_spill_encode(&big, DX_PART_ALL, &work, refuse, NULL, &p2) == -1, "a sink that fails stops it");
    dossier_docresult *rb = calloc(1, sizeof(*rb));
    CHECK(dx_spill_decode(whole.data, whole.len, &p1, DX_PART_ALL, rb) == 0 && rb->ments.len == nm,
          "many mentions read back");
    dossier_docresult_free(rb);

    /* a mention's text length, when its maker gives it, writes the same record */
    dx_buf unknown, known;
    dx_buf_init(&unknown);
    dx_buf_init(&known);
    dx_spill_parts pu, pk;
    dx_spill_encode(r, DX_PART_ALL, &unknown, NULL, NULL, &pu);
    for (size_t i = 0; i < r->ments.len; i++) r->ments.items[i].text_len = (uint32_t)strlen(r->ments.items[i].text);
    dx_spill_encode(r, DX_PART_ALL, &known, NULL, NULL, &pk);
    CHECK(unknown.len == known.len && memcmp(unknown.data, known.data, known.len) == 0 && pu.ments == pk.ments,
          "a text's length given or measured: the same record");
    dx_buf_fini(&unknown);
    dx_buf_fini(&known);

    /* cut anywhere, or a part's length wrong: refused */
    dx_buf b;
    dx_buf_init(&b);
    dx_spill_parts parts;
    dx_spill_encode(r, DX_PART_ALL, &b, NULL, NULL, &parts);
    size_t refused = 0;
    for (size_t n = 0; n < b.len; n++) {
        char *cut = malloc(n + 1);
        memcpy(cut, b.data, n);
        dossier_docresult *rc = calloc(1, sizeof(*rc));
        refused += dx_spill_decode(cut, n, &parts, DX_PART_ALL, rc) != 0;
        dossier_docresult_free(rc);
        free(cut);
    }
    CHECK(refused == b.len, "every cut record refused (%zu of %zu)", refused, b.len);
    dx_spill_parts wrong = {parts.head - 1, parts.ments + 1};
    dossier_docresult *rw = calloc(1, sizeof(*rw));
    CHECK(dx_spill_decode(b.data, b.len, &wrong, DX_PART_ALL, rw) != 0, "parts that do not fit the record");
    dossier_docresult_free(rw);
    /* a string's length past the end */
    memset(b.data + 44, 0xff, 4); /* the path's length, after the head's numbers */
    rw = calloc(1, sizeof(*rw));
    CHECK(dx_spill_decode(b.data, b.len, &parts, DX_PART_ALL, rw) != 0, "a string longer than its record");
    dossier_docresult_free(rw);

    dx_buf_fini(&b);
    dx_buf_fini(&whole);
    dx_buf_fini(&sunk);
    dx_buf_fini(&work);
    free(big.ments.items);
    dossier_docresult_free(r);
    free(keep);
    dx_buf_fini(&want_rows);
    dx_buf_fini(&got_rows);
    return tap_done();
}

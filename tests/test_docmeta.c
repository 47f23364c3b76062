/* test_docmeta.c - the metadata record as a table: a date as each metadata
 * dialect writes it -> its ISO form (or none); titles and authors folded;
 * the page of an offset. Adding a case is adding a line. */
#include <stdlib.h>
#include <string.h>

#include "model/docmeta.h"
#include "tap.h"

static const struct {
    const char *in, *want; /* want "" : not a date */
} dates[] = {
    {"1938-03-13", "1938-03-13"},
    {"1938-03-13T09:00:00Z", "1938-03-13"},    /* DOCX dcterms:created, XMP */
    {"1938-03-13T04:00:00.123456789", "1938-03-13"}, /* ODT meta:creation-date */
    {"1937-01-30T08:00:00+03:00", "1937-01-30"}, /* HTML article:published_time */
    {"1937-04", "1937-04"},                     /* EPUB dc:date may be a month */
    {"1937", "1937"},
    {"D:19380313120000+03'00'", "1938-03-13"},  /* PDF Info dates */
    {"D:1938", "1938"},
    {"19380313", "1938-03-13"},
    {"1938/03/13", "1938-03-13"},               /* citation_date */
    {"  1938-03-13\n", "1938-03-13"},
    {"13 March 1938", "1938-03-13"},
    {"March 13, 1938", "1938-03-13"},
    {"Sept. 1937", "1937-09"},
    {"1938-02-30", ""},                         /* no such day */
    {"1938-13", ""},
    {"193803131", ""},
    {"yesterday", ""},
    {"", ""},
};

int main(void)
{
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
        dx_docmeta m;
        memset(&m, 0, sizeof(m));
        int took = dx_docmeta_set_date(&m, dates[i].in, strlen(dates[i].in));
        CHECK(strcmp(m.date, dates[i].want) == 0 && took == (dates[i].want[0] != 0), "date '%s': got '%s', want '%s'",
              dates[i].in, m.date, dates[i].want);
    }
    /* the first date given wins */
    dx_docmeta m;
    memset(&m, 0, sizeof(m));
    dx_docmeta_set_date(&m, "1938", 4);
    CHECK(!dx_docmeta_set_date(&m, "1937-01-01", 10) && strcmp(m.date, "1938") == 0, "a second date is not taken");
    /* titles: white space folded, blank is none, the first wins */
    dx_docmeta_set(&m.title, "  ", 2);
    CHECK(m.title == NULL, "a blank title is none");
    dx_docmeta_set(&m.title, " The\n  Verdict\t", 15);
    CHECK(m.title && strcmp(m.title, "The Verdict") == 0, "title folded: '%s'", m.title ? m.title : "(null)");
    dx_docmeta_set(&m.title, "Other", 5);
    CHECK(strcmp(m.title, "The Verdict") == 0, "the first title stays");
    dx_docmeta_add_author(&m, "Anna Larina", 11);
    dx_docmeta_add_author(&m, " Nikolai\nBukharin ", 18);
    CHECK(m.author && strcmp(m.author, "Anna Larina; Nikolai Bukharin") == 0, "authors joined: '%s'",
          m.author ? m.author : "(null)");
    dx_docmeta_set(&m.author, "x\xff", 2);
    dx_docmeta_fini(&m);
    char *t = NULL;
    dx_docmeta_set(&t, "Caf\xe9", 4);
    CHECK(t && strcmp(t, "Caf\xEF\xBF\xBD") == 0, "bytes that are not UTF-8 become U+FFFD");
    free(t);
    /* pages: page k+1 starts at starts[k]; an empty page starts where the next does */
    const uint32_t starts[] = {0, 100, 100, 250};
    CHECK(dx_page_of(NULL, 0, 5) == 0, "no pages: 0");
    CHECK(dx_page_of(starts, 4, 0) == 1, "offset 0: page 1");
    CHECK(dx_page_of(starts, 4, 99) == 1, "offset 99: page 1");
    CHECK(dx_page_of(starts, 4, 100) == 3, "offset 100: page 3 (page 2 is empty)");
    CHECK(dx_page_of(starts, 4, 249) == 3, "offset 249: page 3");
    CHECK(dx_page_of(starts, 4, 5000) == 4, "past the last start: the last page");
    return tap_done();
}

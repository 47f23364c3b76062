/* test_read.c - the readers as a table: bytes in, the text that offsets
 * refer to (or an error) out. Adding a case is adding a line. */
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "tap.h"

typedef struct {
    const char *name;  /* file name: the extension picks the reader */
    const char *in;
    size_t in_len;     /* 0: strlen(in) */
    const char *want;  /* expected text, or NULL when the read must fail */
    const char *warn;  /* a substring of the warning, or NULL for none */
} read_case;

#define B(s) s, sizeof(s) - 1 /* a byte string that may hold NULs */

static const read_case cases[] = {
    {"a.txt", "plain text\n", 0, "plain text\n", NULL},
    {"a.txt", "", 0, "", NULL},
    /* a UTF-8 BOM stays: offsets count it */
    {"a.txt", "\xEF\xBB\xBFKamenev\n", 0, "\xEF\xBB\xBFKamenev\n", NULL},
    /* UTF-16 with a BOM, both byte orders; a pair of surrogates; an unpaired one */
    {"a.txt", B("\xFF\xFEK\0a\0m\0\xe9\0"), "Kam\xC3\xA9", "UTF-16"},
    {"a.txt", B("\xFE\xFF\0K\0a\0m\0\xe9"), "Kam\xC3\xA9", "UTF-16"},
    {"a.txt", B("\xFF\xFE\x3D\xD8\x00\xDE"), "\xF0\x9F\x98\x80", "UTF-16"},
    {"a.txt", B("\xFF\xFE\x00\xD8x\0"), "\xEF\xBF\xBDx", "UTF-16"},
    {"a.txt", B("\xFF\xFE\x00\xDCx\0"), "\xEF\xBF\xBDx", "UTF-16"},
    {"a.txt", B("\xFF\xFE\x00\xD8"), "\xEF\xBF\xBD", "UTF-16"},
    /* UTF-16 holding U+0000 is binary too (found by fuzz_read: the text held a NUL) */
    {"a.txt", B("\xFF\xFE" "a\0\0\0b\0"), NULL, NULL},
    {"a.html", B("\xFE\xFF\0<\0p\0>\0\0"), NULL, NULL},
    /* NUL bytes without a UTF-16 BOM: a binary file */
    {"a.txt", B("MZ\x90\0\x03\0"), NULL, NULL},
    {"a.html", B("<p>x\0y</p>"), NULL, NULL},
    /* invalid UTF-8 is read as Windows-1252 (0x80-0x9F included) */
    {"a.txt", "Caf\xE9 \x93q\x94 \x96 \x80", 0,
     "Caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC", "Windows-1252"},
    /* CESU-8 / WTF-8 surrogates and overlong forms are not UTF-8 */
    {"a.txt", "x\xED\xA0\x80y", 0, "x\xC3\xAD\xC2\xA0\xE2\x82\xACy", "Windows-1252"},
    {"a.txt", "\xC0\xAF", 0, "\xC3\x80\xC2\xAF", "Windows-1252"},
    /* a truncated sequence at the very end */
    {"a.txt", "abc\xE2\x80", 0, "abc\xC3\xA2\xE2\x82\xAC", "Windows-1252"},
    /* valid UTF-8 stays as is, U+FFFD included */
    {"a.txt", "\xEF\xBF\xBD \xF0\x9F\x98\x80", 0, "\xEF\xBF\xBD \xF0\x9F\x98\x80", NULL},
    /* HTML: scripts and styles dropped, entities decoded, blocks are paragraphs */
    {"a.html", "<html><head><title>T</title><style>p{}</style></head><body><script>x()</script>"
               "<p>A &amp; B&nbsp;&#8212;</p><p>C<br>D</p></body></html>", 0,
     "A & B\xC2\xA0\xE2\x80\x94\n\nC\nD\n", NULL},
    {"a.htm", "<p>unclosed <b>bold <i>both", 0, "unclosed bold both\n", NULL},
    {"a.html", "", 0, "", NULL},
    {"a.html", "no markup at all", 0, "no markup at all\n", NULL},
    /* HTML in Windows-1252: decoded before parsing */
    {"a.html", "<p>Caf\xE9</p>", 0, "Caf\xC3\xA9\n", "Windows-1252"},
    /* XML: TEI header dropped, speakers glued to their speech */
    {"a.xml", "<TEI><teiHeader><title>H</title></teiHeader><text><body>"
              "<sp><speaker>VYSHINSKY</speaker><p>Did you?</p></sp>"
              "<sp><speaker>RYKOV</speaker><p>Yes.</p></sp></body></text></TEI>", 0,
     "VYSHINSKY: Did you?\n\nRYKOV: Yes.\n", NULL},
    {"a.xml", "<doc><p>a <![CDATA[<b> & ]]]]><![CDATA[>]]> b</p></doc>", 0, "a <b> & ]]> b\n", NULL},
    /* an internal DTD's entities are not expanded (no exponential blow-up) */
    {"a.xml", "<!DOCTYPE d [<!ENTITY e \"EXPANDED\">]><d><p>x &e; y &amp; &#65;</p></d>", 0,
     "x y & A\n", "Entity 'e' not defined"},
    /* broken XML: what parses is kept, with a warning naming the line */
    {"a.xml", "<d><p>kept</p><p>broken <b></d>", 0, "kept\n\nbroken\n", "line 1: not well-formed XML"},
    /* TEI as TEI (issue 22): a stray end tag that closes <text> early keeps
     * the rest of the body; text after the root element is kept */
    {"a.xml", "<TEI><teiHeader><title>H</title></teiHeader><text><body><p>one</p>\n</text></body>"
              "<p>two after</p></body></text></TEI>", 0, "one\n\ntwo after\n",
     "line 2: not well-formed XML (Opening and ending tag mismatch"},
    {"a.xml", "<TEI><text><body><p>one</p></body></text></TEI>\n<p>after the root</p>\n", 0,
     "one\n\nafter the root\n", "line 2: not well-formed XML (Extra content"},
    /* every <TEI> of a corpus, each its own part; no header text */
    {"a.xml", "<teiCorpus><teiHeader><title>C</title></teiHeader><TEI><teiHeader><title>H1</title>"
              "</teiHeader><text><body><p>First.</p></body></text></TEI><TEI><teiHeader/><text><body>"
              "<p>Second.</p></body></text></TEI></teiCorpus>", 0, "First.\n\nSecond.\n", NULL},
    /* an element named text inside the header is the header's */
    {"a.xml", "<TEI><teiHeader><sourceDesc><text>header text</text></sourceDesc></teiHeader>"
              "<text><front><p>Front.</p></front><body><p>Body.</p></body></text></TEI>", 0,
     "Front.\n\nBody.\n", NULL},
    /* an SVG <text> label does not replace the article around it */
    {"a.xml", "<article><p>The article.</p><svg xmlns=\"http://www.w3.org/2000/svg\"><text>Label</text>"
              "</svg><p>More.</p></article>", 0, "The article.\n\nMore.\n", NULL},
    {"a.xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Only a label</text></svg>", 0,
     "Only a label\n", NULL},
    /* other XML: all its text content, whatever its elements are called */
    {"a.xml", "<records><record><title>Minutes</title><text>Read aloud.</text></record>"
              "<record><text>Second.</text></record></records>", 0, "Minutes\n\nRead aloud.\n\nSecond.\n", NULL},
    /* XHTML saved as .xml: its body */
    {"a.xml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>T</title></head>"
              "<body><p>Body text.</p></body></html>", 0, "Body text.\n", NULL},
    /* prose saved as .xml is read as plain text, with a warning */
    {"a.xml", "Minutes of the meeting.\nIvan Petrov spoke <quietly>.\n", 0,
     "Minutes of the meeting.\nIvan Petrov spoke <quietly>.\n", "line 1: not XML"},
    {"a.xml", "\n\n  Prose after blank lines.", 0, "\n\n  Prose after blank lines.", "line 3: not XML"},
};

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const read_case *c = &cases[i];
        size_t n = c->in_len ? c->in_len : strlen(c->in);
        dx_doc doc;
        dx_doc_init(&doc);
        dossier_error err = {0};
        int st = dx_read_memory(c->name, c->in, n, &doc, &err);
        if (!c->want) {
            CHECK(st == DOSSIER_EIO, "case %zu (%s): expected a read error, got %d", i, c->name, st);
            CHECK(strstr(err.message, "binary") != NULL, "case %zu: the error says why: '%s'", i,
                  err.message);
            CHECK(strcmp(err.file, c->name) == 0, "case %zu: the error names the file", i);
        } else {
            CHECK(st == 0, "case %zu (%s): read failed: %s", i, c->name, err.message);
            if (st == 0) {
                CHECK(doc.len == strlen(c->want) && memcmp(doc.text, c->want, doc.len) == 0,
                      "case %zu (%s): text '%s', expected '%s'", i, c->name, doc.text, c->want);
                CHECK(doc.text[doc.len] == '\0', "case %zu: text is NUL-terminated", i);
                if (c->warn)
                    CHECK(doc.warning && strstr(doc.warning, c->warn), "case %zu: warning '%s' wanted '%s'",
                          i, doc.warning ? doc.warning : "(none)", c->warn);
                else
                    CHECK(!doc.warning, "case %zu: unexpected warning '%s'", i, doc.warning);
            }
        }
        dx_doc_fini(&doc);
    }
    /* dx_read_file on things that are not documents */
    dx_doc doc;
    dx_doc_init(&doc);
    dossier_error err = {0};
    CHECK(dx_read_file("/", &doc, &err) == DOSSIER_EIO && strstr(err.message, "directory"),
          "a directory is refused: '%s'", err.message);
    CHECK(dx_read_file("/dev/zero", &doc, &err) == DOSSIER_EIO && strstr(err.message, "regular"),
          "a device is refused, not read forever: '%s'", err.message);
    CHECK(dx_read_file("/nonexistent/x.txt", &doc, &err) == DOSSIER_EIO &&
              strstr(err.message, "No such file"),
          "a missing file: '%s'", err.message);
    dx_doc_fini(&doc);
    /* --strict: what recovery would guess is an error naming the file and line */
    static const char *const strict_in[] = {
        "<TEI><text><body><p>one</p>\n</text></body><p>two</p></body></text></TEI>", "prose.\n"};
    static const long strict_line[] = {2, 1};
    for (size_t i = 0; i < 2; i++) {
        dx_doc_init(&doc);
        doc.strict = 1;
        dossier_error serr = {0};
        int st = dx_read_memory("s.xml", strict_in[i], strlen(strict_in[i]), &doc, &serr);
        CHECK(st == DOSSIER_EIO && strcmp(serr.file, "s.xml") == 0 && serr.line == strict_line[i] &&
                  strstr(serr.message, "--strict"),
              "strict case %zu: an error at s.xml:%ld, got %d %s:%ld: %s", i, strict_line[i], st, serr.file,
              serr.line, serr.message);
        dx_doc_fini(&doc);
    }
    return tap_done();
}

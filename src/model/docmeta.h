/* docmeta.h - what a document says about itself (format, title, author,
 * date, pages), filled by every reader, and where its pages start. */
#ifndef DOSSIER_MODEL_DOCMETA_H
#define DOSSIER_MODEL_DOCMETA_H

#include <stddef.h>
#include <stdint.h>

/* What happened to an input (documents.csv's status column). */
typedef enum {
    DX_DOC_READ = 0, /* its text was read */
    DX_DOC_SKIPPED,  /* read, but it holds no text dossier can use: a scan without a text
                      * layer, an encrypted or malformed file, a binary file, a member over
                      * an archive limit, a type dossier does not read */
    DX_DOC_FAILED    /* it could not be read at all: missing, unreadable, an I/O error */
} dx_doc_status;
const char *dx_doc_status_name(dx_doc_status s); /* "read", "skipped", "failed" */

/* The metadata record. Strings are heap-allocated (dx_docmeta_fini frees
 * them), UTF-8 without line breaks, "" when the document does not say. */
typedef struct {
    char format[8]; /* "txt", "html", "xml", "tei", "pdf", "docx", "odt", "epub", or "" */
    char *title;
    char *author;   /* authors joined with "; " */
    /* The document's own date, from its metadata: PDF XMP dc:date, else the
     * Info CreationDate (a scan's is the date it was scanned); DOCX core.xml
     * dcterms:created; ODT meta:creation-date; EPUB OPF dc:date; HTML <meta>
     * article:published_time, date, DC.date, citation_date...; TEI
     * profileDesc/creation, else sourceDesc, else publicationStmt.
     * ISO 8601 "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when none.
     * For the dates stage: the document creation date (DCT) to use when
     * --dct is not given (dossier_options.dct wins). A scan's PDF date is
     * the day it was scanned, not the day it was written. */
    char date[11];
    uint32_t pages; /* PDF: pages; DOCX/ODT: pages as last laid out by the editor; else 0 */
    uint64_t bytes; /* bytes of the input as stored (the file, or the archive member) */
} dx_docmeta;

void dx_docmeta_fini(dx_docmeta *m);
/* Sets *field (title or author) to s (n bytes) with white space runs made
 * one space and the ends trimmed, unless it is set already or s is blank. */
void dx_docmeta_set(char **field, const char *s, size_t n);
/* Appends s to an author list ("A; B"), white space folded as above. */
void dx_docmeta_add_author(dx_docmeta *m, const char *s, size_t n);
/* Sets m->date from a date as metadata write it, unless it is set already:
 * ISO 8601 ("1938-03-13", "1938-03-13T10:00:00Z", "1938-03", "1938"),
 * PDF ("D:19380313120000+01'00'"), "1938/03/13", "13 March 1938",
 * "March 13, 1938". Returns 1 when it took it. */
int dx_docmeta_set_date(dx_docmeta *m, const char *s, size_t n);

/* The 1-based page of byte offset off, given where each page's text
 * starts (sorted; page k+1 starts at starts[k]); 0 when there are none. */
uint32_t dx_page_of(const uint32_t *starts, size_t n, uint32_t off);

#endif

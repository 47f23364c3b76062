/* test_pdf_missing.c - a machine without poppler-glib: read_pdf.c opens
 * the library at the first PDF (dlopen), so this build of it asks for one
 * that does not exist, and each PDF must then fail with a message that
 * names the library, without a crash and without the process failing
 * (the other documents are read as usual; see t_formats.sh for PDFs read
 * with the real library). */
#undef DX_POPPLER_GLIB
#define DX_POPPLER_GLIB "libdossier-test-no-such-poppler-glib.so.0"
#include "extract/read_pdf.c"

#include "extract/doc.h"
#include "tap.h"

static const char pdf_bytes[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

int main(void)
{
    for (int round = 0; round < 2; round++) { /* the second: the failure remembered, not retried */
        dx_doc doc;
        dx_doc_init(&doc);
        dossier_error err;
        memset(&err, 0, sizeof(err));
        int st = dx_read_pdf("a.pdf", pdf_bytes, sizeof(pdf_bytes) - 1, &doc, &err);
        CHECK(st == DOSSIER_EIO, "round %d: an I/O error (%d)", round, st);
        CHECK(err.code == DOSSIER_EIO, "round %d: err.code %d", round, err.code);
        CHECK(strcmp(err.file, "a.pdf") == 0, "round %d: names the file (%s)", round, err.file);
        CHECK(strstr(err.message, "poppler-glib could not be loaded") != NULL, "round %d: says why (%s)", round,
              err.message);
        CHECK(strstr(err.message, "libdossier-test-no-such-poppler-glib.so.0") != NULL,
              "round %d: names the library (%s)", round, err.message);
        CHECK(strstr(err.message, "install the package that provides libdossier-test-no-such-poppler-glib.so.0") !=
                  NULL,
              "round %d: says what to do (%s)", round, err.message);
        CHECK(doc.status == DX_DOC_SKIPPED, "round %d: the document is skipped (%d)", round, (int)doc.status);
        CHECK(strcmp(doc.meta.format, "pdf") == 0, "round %d: format pdf (%s)", round, doc.meta.format);
        dx_doc_fini(&doc);
    }
    return tap_done();
}

/* documents.c - documents.csv: every input with what it says about itself
 * (format, title, author, date, pages, bytes) and what happened to it
 * (read, skipped, failed, and why), skipped and failed inputs included. */
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/writer.h"

int dx_write_documents_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    static const char *const cols[] = {"document", "format", "title", "author", "date", "pages",
                                       "bytes", "status", "why", NULL};
    const dx_docs *docs = x->docs;
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, x->excel);
    dx_csv_header(&w, cols);
    for (size_t d = 0; d < docs->n; d++) {
        /* the D row is all this needs: the other rows are only counted */
        dossier_docresult *r = docs->get(docs->ctx, d, DX_PART_ENTS, err);
        if (!r) {
            dx_csv_writer_fini(&w);
            return err->code ? err->code : DOSSIER_EIO;
        }
        dx_csv_text(&w, r->path);
        dx_csv_raw(&w, r->format ? r->format : "");
        dx_csv_text(&w, r->title ? r->title : "");
        dx_csv_text(&w, r->author ? r->author : "");
        dx_csv_raw(&w, r->date ? r->date : "");
        if (r->pages) dx_csv_int(&w, r->pages);
        else dx_csv_empty(&w, 1);
        dx_csv_int(&w, (long long)r->bytes);
        dx_csv_raw(&w, dx_doc_status_name(r->status));
        /* why it was not read; of a document read, what its reader repaired */
        dx_csv_text(&w, r->status != DX_DOC_READ ? (r->why ? r->why : "") : r->warning ? r->warning : "");
        dx_csv_end_row(&w);
        docs->put(docs->ctx, d, r);
    }
    return dx_csv_finish(&w, "documents.csv", err);
}

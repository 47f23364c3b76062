/* fuzz_dates.c - libFuzzer target: the date recogniser and normaliser
 * (dx_recognize_dates) on a segmented plain-text document. The first byte
 * chooses a document creation date or none. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const char *const dcts[] = {NULL, "1938-03-13", "1900-01-01", "2000-02-29"};
    const char *dct = size ? dcts[data[0] % 4] : NULL;
    dx_doc doc;
    dx_doc_init(&doc);
    dossier_error err = {0};
    if (dx_read_memory("fuzz.txt", (const char *)data + (size ? 1 : 0), size ? size - 1 : 0, &doc, &err) == 0) {
        const dx_lexicon *lex = fuzz_lexicon();
        dx_run_stages(&doc, lex, dct, DX_RUN_DATES, 1);
        fuzz_check_doc(&doc);
        for (size_t i = 0; i < doc.ments.len; i++) {
            const dx_mention *m = &doc.ments.items[i];
            if (m->type != DX_ENT_DATE) continue;
            if (memchr(m->value, '\0', sizeof(m->value)) == NULL) abort(); /* terminated */
            if (m->mod > DX_MOD_APPROX) abort();
        }
    }
    dx_doc_fini(&doc);
    return 0;
}

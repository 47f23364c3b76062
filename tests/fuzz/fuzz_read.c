/* fuzz_read.c - libFuzzer target: the readers (txt, HTML, XML) and the
 * segmenter on their output. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *path = fuzz_path(data, size);
    dx_doc doc;
    dx_doc_init(&doc);
    dossier_error err = {0};
    if (dx_read_memory(path, (const char *)data + (size ? 1 : 0), size ? size - 1 : 0, &doc, &err) == 0) {
        if (!doc.text || strlen(doc.text) != doc.len) abort(); /* text is NUL-free, terminated */
        dx_run_stages(&doc, fuzz_lexicon(), NULL, DX_RUN_SEGMENT, 0);
        fuzz_check_doc(&doc);
    } else if (!err.code || !err.message[0]) {
        abort(); /* a failure always says why */
    }
    dx_doc_fini(&doc);
    return 0;
}

/* fuzz_pipeline.c - libFuzzer target: one document through the whole
 * pipeline (dossier_extract_memory), then the merge and all seven exports
 * into a temporary directory, whose outputs must keep their contract
 * (fuzz_check_outputs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *out_dir = fuzz_tmp_dir("out");
    const dossier_lexicon *lex = fuzz_lexicon();
    dossier_options opt = {.dct = size > 1 && (data[1] & 1) ? "1938-03-13" : NULL};
    dossier_error err = {0};
    dossier_docresult *r = dossier_extract_memory(lex, fuzz_path(data, size),
                                                  (const char *)data + (size ? 1 : 0),
                                                  size ? size - 1 : 0, &opt, &err);
    if (!r) return 0;
    dossier_corpus *c = dossier_corpus_new();
    dossier_corpus_add(c, r);
    dossier_export_options xo;
    memset(&xo, 0, sizeof(xo));
    xo.excel = size > 1 && (data[1] & 2);
    xo.gexf_12 = size > 1 && (data[1] & 4);
    if (dossier_corpus_export(c, out_dir, &xo, &err) != 0) abort(); /* a document never breaks the outputs */
    dossier_corpus_free(c);
    /* the outputs' contract, against the text the offsets refer to */
    dx_doc doc;
    dx_doc_init(&doc);
    if (dx_read_memory(fuzz_path(data, size), (const char *)data + (size ? 1 : 0), size ? size - 1 : 0, &doc,
                       &err) != 0)
        abort(); /* read once, read again */
    fuzz_check_outputs(out_dir, NULL, NULL, doc.text, doc.len);
    dx_doc_fini(&doc);
    return 0;
}

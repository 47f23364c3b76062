/* fuzz_partial.c - libFuzzer target: a partial result (the shard format
 * 'dossier merge' reads) through dossier_corpus_read_partial, then the
 * merge and every export. A malformed partial must fail with FILE:LINE,
 * never crash or write a broken output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *part_dir = fuzz_tmp_dir("part");
    char path[128];
    snprintf(path, sizeof(path), "%s/shard.partial", part_dir);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) abort();
    dossier_corpus *c = dossier_corpus_new();
    dossier_error err = {0};
    if (dossier_corpus_read_partial(c, path, &err) == 0) {
        if (dossier_corpus_export(c, part_dir, NULL, &err) != 0) abort();
    } else if (err.code != DOSSIER_EPARTIAL && err.code != DOSSIER_EIO) {
        abort();
    } else if (err.code == DOSSIER_EPARTIAL && err.line < 1) {
        abort(); /* FILE:LINE */
    }
    dossier_corpus_free(c);
    unlink(path);
    return 0;
}

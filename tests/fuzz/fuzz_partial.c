/* fuzz_partial.c - libFuzzer target: a partial result (the shard format
 * 'dossier merge' reads) through dossier_corpus_read_partial, then the
 * merge and every export. A malformed partial must fail with FILE:LINE,
 * never crash or write a broken output: the outputs of one that reads
 * keep their contract (fuzz_check_outputs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "reduce/corpus.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* The length a shard gives the document the outputs name path. */
static long long shard_len(void *ctx, const char *path)
{
    dossier_corpus *c = ctx;
    for (size_t i = 0; i < c->entries.len; i++)
        if (strcmp(c->entries.items[i].path, path) == 0) return (long long)c->entries.items[i].text_len;
    return -1;
}

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
        fuzz_check_outputs(part_dir, shard_len, c, NULL, 0);
    } else if (err.code != DOSSIER_EPARTIAL && err.code != DOSSIER_EIO) {
        abort();
    } else if (err.code == DOSSIER_EPARTIAL && err.line < 1) {
        abort(); /* FILE:LINE */
    }
    dossier_corpus_free(c);
    unlink(path);
    return 0;
}

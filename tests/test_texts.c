/* test_texts.c - the graph's long texts (model/texts.c): what goes in comes
 * back, byte for byte (read alone, through a window or in batches, in any
 * order), from
 * memory, from the scratch file, and from memory
 * again when the file cannot be written; a text that cannot be read back
 * is said (read_errno), never garbage. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "model/texts.h"
#include "tap.h"

#define N 3000

/* Text i: a few hundred bytes of its own, every 700th far longer than a chunk. */
static void text_of(dx_buf *b, size_t i)
{
    dx_buf_clear(b);
    size_t len = i % 700 == 699 ? (3u << 19) + i : 1 + (i * 7919) % 900;
    for (size_t k = 0; k < len; k++) dx_buf_putc(b, (char)('a' + (i * 31 + k) % 26));
}

/* Adds N texts to t, then checks each read back; how many differ. */
static size_t round_trip(dx_texts *t, uint64_t *off)
{
    dx_buf b, scratch;
    dx_buf_init(&b);
    dx_buf_init(&scratch);
    for (size_t i = 0; i < N; i++) {
        text_of(&b, i);
        off[i] = dx_texts_add(t, b.data, b.len);
    }
    size_t bad = 0;
    /* backwards: not the order they were written in */
    for (size_t i = N; i-- > 0;) {
        text_of(&b, i);
        const char *s = dx_texts_get(t, off[i], (uint32_t)b.len, &scratch);
        if (strlen(s) != b.len || memcmp(s, b.data, b.len) != 0) bad++;
    }
    /* through a window: in the order written (read ahead, across chunks),
     * backwards, and in strides (a jump, then a few in a row) */
    for (int order = 0; order < 3; order++) {
        dx_texts_window w = {0};
        for (size_t k = 0; k < N; k++) {
            size_t i = order == 0 ? k : order == 1 ? N - 1 - k : (k * 1009) % N / 8 * 8 + k % 8;
            text_of(&b, i);
            const char *s = dx_texts_read(t, off[i], (uint32_t)b.len, &w);
            if (strlen(s) != b.len || memcmp(s, b.data, b.len) != 0) bad++;
        }
        dx_texts_window_fini(&w);
    }
    /* in batches of 97 (read in the file's order, neighbours in one read),
     * in strides, each text twice in a row */
    dx_texts_batch tb = {0};
    enum { K = 97 };
    uint64_t boff[K];
    uint32_t blen[K];
    size_t which[K];
    const char *got[K];
    for (size_t k0 = 0; k0 < 2 * N; k0 += K) {
        size_t k = 0;
        for (; k < K && k0 + k < 2 * N; k++) {
            size_t j = (k0 + k) / 2;
            which[k] = (j * 1009) % N / 8 * 8 + j % 8;
            text_of(&b, which[k]);
            boff[k] = off[which[k]];
            blen[k] = (uint32_t)b.len;
        }
        dx_texts_read_batch(t, boff, blen, k, got, &tb);
        for (size_t q = 0; q < k; q++) {
            text_of(&b, which[q]);
            if (strlen(got[q]) != b.len || memcmp(got[q], b.data, b.len) != 0) bad++;
        }
    }
    dx_texts_batch_fini(&tb);
    dx_buf_fini(&b);
    dx_buf_fini(&scratch);
    return bad;
}

int main(void)
{
    uint64_t *off = malloc(N * sizeof(uint64_t));
    dx_buf scratch;
    dx_buf_init(&scratch);

    dx_texts t;
    dx_texts_init(&t);
    CHECK(round_trip(&t, off) == 0, "in memory: every text comes back");
    CHECK(t.fd < 0 && t.chunks.len > 2, "in memory, in chunks: %zu", t.chunks.len);
    CHECK(*dx_texts_get(&t, off[5], 0, &scratch) == '\0', "an empty text is \"\"");
    dx_texts_fini(&t);

    char dir[] = "/tmp/dossier-test-texts.XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "a directory for the scratch file");
    dx_texts_init(&t);
    CHECK(dx_texts_spill(&t, dir) == 0 && t.fd >= 0, "the scratch file is made in the directory given");
    CHECK(round_trip(&t, off) == 0, "from the scratch file: every text comes back");
    size_t in_mem = 0;
    for (size_t i = 0; i < t.chunks.len; i++) in_mem += t.chunks.items[i].mem != NULL;
    CHECK(in_mem == 0 && t.chunks.len > 2 && !t.write_errno, "every full chunk is in the file (%zu in memory)", in_mem);
    CHECK(atomic_load(&t.read_errno) == 0, "no read failed");
    /* the file gone short under it: "" and the reason, not garbage */
    CHECK(ftruncate(t.fd, 0) == 0, "truncate the scratch file");
    const char *s = dx_texts_get(&t, off[0], 1, &scratch);
    CHECK(*s == '\0' && atomic_load(&t.read_errno) != 0, "a text that cannot be read back: \"\" and read_errno set");
    atomic_store(&t.read_errno, 0);
    dx_texts_window w = {0};
    s = dx_texts_read(&t, off[1], 1, &w);
    CHECK(*s == '\0' && atomic_load(&t.read_errno) != 0, "through a window too");
    dx_texts_window_fini(&w);
    atomic_store(&t.read_errno, 0);
    dx_texts_batch tb = {0};
    uint64_t boff[2] = {off[2], off[3]};
    uint32_t blen[2] = {1, 1};
    const char *got[2];
    dx_texts_read_batch(&t, boff, blen, 2, got, &tb);
    CHECK(*got[0] == '\0' && *got[1] == '\0' && atomic_load(&t.read_errno) != 0, "in a batch too");
    dx_texts_batch_fini(&tb);
    dx_texts_fini(&t);
    CHECK(rmdir(dir) == 0, "the scratch file has no name: the directory is empty again");

    /* a file that cannot be written (a full disk): the chunks stay in memory */
    dx_texts_init(&t);
    CHECK(dx_texts_spill(&t, "/tmp") == 0, "a scratch file in /tmp");
    close(t.fd);
    t.fd = open("/dev/null", O_RDONLY);
    CHECK(round_trip(&t, off) == 0, "a write that fails: every text still comes back");
    CHECK(t.write_errno != 0 && t.kept > 0, "the failure is said (errno %d, %zu bytes kept)", t.write_errno, t.kept);
    dx_texts_fini(&t);

    dx_texts_init(&t);
    CHECK(dx_texts_spill(&t, "/nonexistent-dir/x") != 0 && t.fd < 0, "no scratch file where none can be made");
    CHECK(t.dir && strcmp(t.dir, "/nonexistent-dir/x") == 0, "the directory tried is kept for the message");
    CHECK(round_trip(&t, off) == 0, "without a scratch file: every text comes back from memory");
    dx_texts_fini(&t);

    dx_buf_fini(&scratch);
    free(off);
    return tap_done();
}

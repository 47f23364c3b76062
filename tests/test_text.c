/* test_text.c - folding, UTF-8 decoding and the TSV loader's errors. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvio.h"
#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"
#include "tap.h"

static int same_name(const char *a, const char *b)
{
    dx_buf x, y;
    dx_buf_init(&x);
    dx_buf_init(&y);
    dx_fold_name(a, strlen(a), &x);
    dx_fold_name(b, strlen(b), &y);
    int r = strcmp(x.data, y.data) == 0;
    dx_buf_fini(&x);
    dx_buf_fini(&y);
    return r;
}

static int noop_row(void *ud, char **f, size_t n, const char *file, long line, dossier_error *err)
{
    (void)f;
    (void)file;
    (void)line;
    (void)err;
    (*(int *)ud) += (int)n > 0;
    return 0;
}

static int load_text(const char *content, dossier_error *err, int *rows)
{
    char path[] = "/tmp/dossier-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    if (write(fd, content, strlen(content)) < 0) return -1;
    close(fd);
    static const char *const hdr[] = {"id", "label", NULL};
    *rows = 0;
    int st = dx_tsv_load(path, hdr, 2, noop_row, rows, err);
    unlink(path);
    return st;
}


/* The fields of each row as one string: "f1|f2|...;" per row. */
static int join_row(void *ud, char **f, size_t n, const char *file, long line, dossier_error *err)
{
    (void)file;
    (void)line;
    (void)err;
    dx_buf *b = ud;
    for (size_t i = 0; i < n; i++) {
        if (i) dx_buf_putc(b, '|');
        dx_buf_puts(b, f[i]);
    }
    dx_buf_putc(b, ';');
    return 0;
}

/* What libcsv made of a line (tab delimiter, no quote, then the spaces
 * trimmed), as the loader read the data files before it split them itself. */
typedef struct {
    dx_buf *b;
    int nf;
} csv_join;

static void csv_field_cb(void *s, size_t n, void *ud)
{
    csv_join *j = ud;
    char *f = xstrndup(s ? s : "", s ? n : 0);
    size_t e = strlen(f), k = 0;
    while (e && (f[e - 1] == ' ' || f[e - 1] == '\r')) e--;
    while (k < e && f[k] == ' ') k++;
    if (j->nf++) dx_buf_putc(j->b, '|');
    dx_buf_put(j->b, f + k, e - k);
    free(f);
}

static void libcsv_line(const char *s, dx_buf *b)
{
    struct csv_parser p;
    csv_join j = {b, 0};
    csv_init(&p, CSV_APPEND_NULL);
    csv_set_delim(&p, '\t');
    csv_set_quote(&p, '\0');
    csv_parse(&p, s, strlen(s), csv_field_cb, NULL, &j);
    csv_fini(&p, csv_field_cb, NULL, &j);
    csv_free(&p);
    dx_buf_putc(b, ';');
}

/* The loader splits lines as libcsv did: random lines of tabs, spaces and
 * letters, each read both ways. */
static void tsv_split_like_libcsv(void)
{
    static const char alphabet[] = "\t\t  ab\v";
    unsigned seed = 12345;
    int same = 0, total = 0;
    for (int round = 0; round < 300; round++) {
        dx_buf file, want, got;
        dx_buf_init(&file);
        dx_buf_init(&want);
        dx_buf_init(&got);
        dx_buf_puts(&file, "id\tlabel\n");
        libcsv_line("id\tlabel", &want);
        for (int line = 0; line < 6; line++) {
            char l[16];
            size_t n = 0;
            seed = seed * 1103515245u + 12345u;
            size_t len = 2 + (seed >> 16) % 10;
            for (size_t i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                l[n++] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
            }
            l[n] = '\0';
            size_t k = 0;
            while (k < n && (l[k] == ' ' || l[k] == '\t')) k++;
            if (k == n) continue; /* blank lines are skipped, not rows */
            dx_buf_puts(&file, l);
            dx_buf_puts(&file, line % 2 ? "\r\n" : "\n");
            libcsv_line(l, &want);
        }
        dossier_error err = {0};
        char path[] = "/tmp/dossier-test-XXXXXX";
        int fd = mkstemp(path);
        if (fd >= 0 && write(fd, file.data, file.len) == (ssize_t)file.len) {
            static const char *const hdr[] = {"id", NULL};
            /* the header row is a row too for this count: read it by hand */
            if (dx_tsv_load(path, hdr, 1, join_row, &got, &err) == 0) {
                dx_buf all;
                dx_buf_init(&all);
                dx_buf_puts(&all, "id|label;");
                dx_buf_put(&all, got.data, got.len);
                same += all.len == want.len && memcmp(all.data, want.data, all.len) == 0;
                if (!(all.len == want.len && memcmp(all.data, want.data, all.len) == 0) && total - same < 3)
                    fprintf(stderr, "# want %s\n#  got %s\n", want.data, all.data);
                dx_buf_fini(&all);
            }
        }
        if (fd >= 0) close(fd);
        unlink(path);
        total++;
        dx_buf_fini(&file);
        dx_buf_fini(&want);
        dx_buf_fini(&got);
    }
    CHECK(same == total, "the TSV fields are libcsv's (tab, no quote, spaces trimmed): %d of %d files", same, total);
}

/* dx_csv_int (through dx_fmt_int) writes what printf's %lld does: the edges of each digit
 * count, of 32 and 64 bits, negatives, and random magnitudes. */
static void csv_int_like_printf(void)
{
    static const long long edge[] = {0, 1, -1, 9, 10, 99, 100, 4294967295LL, 4294967296LL, -4294967296LL,
                                     9223372036854775807LL, -9223372036854775807LL - 1};
    char *out = NULL;
    size_t out_len = 0;
    FILE *fp = open_memstream(&out, &out_len);
    dx_buf want;
    dx_buf_init(&want);
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, 0);
    unsigned long long seed = 88172645463325252ULL;
    for (int i = 0; i < 4000; i++) {
        long long v;
        if (i < (int)(sizeof(edge) / sizeof(edge[0]))) {
            v = edge[i];
        } else {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            int bits = (int)(seed % 64);
            v = (long long)(seed >> (63 - bits) >> 1);
            if (v == 0 || i % 2) v = (long long)(seed % 1000000000000ULL);
            if (i % 3 == 0) v = -v;
            else if (i % 5 == 0) { /* around a power of ten */
                long long p = 1;
                for (int k = (int)(seed % 19); k > 0; k--) p *= 10;
                v = p - 1 + (long long)(i % 3);
            }
        }
        dx_csv_int(&w, v);
        dx_csv_int(&w, v);
        dx_csv_end_row(&w);
        dx_buf_printf(&want, "%lld,%lld\n", v, v);
    }
    fclose(fp);
    CHECK(out_len == want.len && memcmp(out, want.data, want.len) == 0,
          "dx_csv_int writes numbers as %%lld does (%zu bytes, %zu wanted)", out_len, want.len);
    dx_csv_writer_fini(&w);
    dx_buf_fini(&want);
    free(out);
}

/* dx_utf8_is_valid (32 bytes at a time where the processor has AVX2) gives
 * the scalar check's verdict: every sequence of a byte beyond ASCII and
 * the byte after it, of a lead byte and two or three bytes from a list of
 * the cases that matter, placed at each side of a 32-byte block's edge and
 * cut by the end of the text; and random text. (Where there is no AVX2 both
 * are the scalar check.) */
static int utf8_same(const char *s, size_t n, size_t *cases)
{
    ++*cases;
    return dx_utf8_is_valid(s, n) == dx_utf8_is_valid_scalar(s, n);
}

static void utf8_check_like_scalar(void)
{
    static const unsigned char follow[] = {0x00, 'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                           0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xFF};
    static const size_t at[] = {0, 30, 31, 32, 63, 97, 98, 99};
    const size_t nf = sizeof(follow), len = 100;
    char t[128];
    size_t cases = 0, bad = 0;
    char first[64] = "";
    for (size_t p = 0; p < sizeof(at) / sizeof(at[0]); p++)
        for (unsigned a = 0x80; a < 0x100; a++)
            for (unsigned b = 0; b < 0x100; b++)
                for (size_t c = 0; c <= nf; c++)
                    for (size_t d = 0; d <= (a >= 0xF0 ? nf : 0); d++) {
                        memset(t, 'x', len);
                        unsigned char q[4] = {(unsigned char)a, (unsigned char)b, c < nf ? follow[c] : 'x',
                                              d < nf ? follow[d] : 'x'};
                        size_t k = 0;
                        for (; k < 4 && at[p] + k < len; k++) t[at[p] + k] = (char)q[k];
                        if (!utf8_same(t, len, &cases) && !bad++)
                            snprintf(first, sizeof(first), "%02X %02X %02X %02X at %zu", q[0], q[1], q[2], q[3], at[p]);
                    }
    /* random text: ASCII, characters of two, three and four bytes, and any byte */
    static const char *const chars[] = {"a", " ", "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x98\x80", "\xED\x9F\xBF",
                                        "\xEF\xBF\xBD", "\xF4\x8F\xBF\xBF", "\xD0\x96"};
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char r[600];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, want = (size_t)(round % 500);
        while (n + 4 < want) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            if (x % 211 == 0) r[n++] = (char)(x >> 24); /* any byte, now and then */
            else {
                const char *c = chars[(x >> 8) % (sizeof(chars) / sizeof(chars[0]))];
                memcpy(r + n, c, strlen(c));
                n += strlen(c);
            }
        }
        if (!utf8_same(r, n, &cases) && !bad++) snprintf(first, sizeof(first), "random text %d", round);
    }
    CHECK(bad == 0, "UTF-8 check 32 bytes at a time agrees with the scalar one on %zu texts (%zu differ; first: %s)",
          cases, bad, first);
}

int main(void)
{
    utf8_check_like_scalar();
    csv_int_like_printf();
    tsv_split_like_libcsv();
    /* transliteration variants meet */
    static const char *const pairs[][2] = {
        {"Yezhov", "Ezhov"},           {"Yezhov", "Jezjov"},          {"Kaganovich", "Kaganovitj"},
        {"Voroshilov", "Vorosjilov"},  {"Ordzhonikidze", "Ordzjonikidze"}, {"Tukhachevsky", "Tukhachevskii"},
        {"Yakir", "Iakir"},            {"Rykov", "Ryjkov"},           {"Coyoacán", "Coyoacan"},
        {"Bukharin", "BUKHARIN"},      {"Tukhachevsky", "Tukhachevskiy"}, {"Yagoda", "Jagoda"},
        {"Vyshinsky", "Wyschinski"},   {"Ežov", "Ezhov"},
        /* comma below and cedilla (Romanian is written both ways), Vietnamese, Greek */
        {"Ștefan Foriș", "Ştefan Foriş"}, {"Ştefan", "Stefan"},      {"Nguyễn Ái Quốc", "Nguyen Ai Quoc"},
        {"ΒΕΝΙΖΕΛΟΣ", "Βενιζέλος"},    {"ЄВГЕН", "євген"},            {"ҐОНЧАР", "ґончар"}};
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        CHECK(same_name(pairs[i][0], pairs[i][1]), "'%s' and '%s' fold together", pairs[i][0], pairs[i][1]);
    }
    CHECK(!same_name("Rykov", "Radek"), "different names stay apart");
    CHECK(!same_name("Kamenev", "Kalinin"), "different names stay apart");

    dx_buf b;
    dx_buf_init(&b);
    dx_fold_lower("ÉCOLE Straße", strlen("ÉCOLE Straße"), &b);
    CHECK(strcmp(b.data, "ecole strasse") == 0, "fold_lower strips diacritics: got '%s'", b.data);
    dx_buf_fini(&b);

    size_t i = 0;
    const char bad[] = "\xC3(";
    CHECK(dx_utf8_next(bad, 2, &i) == 0xFFFD && i == 1, "invalid UTF-8 decodes as U+FFFD, one byte");
    i = 0;
    CHECK(dx_utf8_next("\xE2\x80\x9C", 3, &i) == 0x201C && i == 3, "curly quote decodes");
    CHECK(dx_is_upper_cp(0x10C) && !dx_is_upper_cp(0x10D), "Č upper, č lower");
    /* capitals beyond Latin-1 and Russian, through utf8proc */
    static const uint32_t upper[] = {0x218 /* Ș */, 0x21A /* Ț */, 0x490 /* Ґ */, 0x404 /* Є */, 0x406 /* І */,
                                     0x3A3 /* Σ */, 0x386 /* Ά */, 0x1EA0 /* Ạ */, 0x1EDA /* Ớ */, 0x1C5 /* ǅ */};
    for (size_t k = 0; k < sizeof(upper) / sizeof(upper[0]); k++) {
        CHECK(dx_is_upper_cp(upper[k]), "U+%04X is a capital", (unsigned)upper[k]);
        CHECK(dx_is_letter_cp(upper[k]), "U+%04X is a letter", (unsigned)upper[k]);
    }
    CHECK(!dx_is_upper_cp(0x219) && !dx_is_upper_cp(0x491) && !dx_is_upper_cp(0x3C3), "ș, ґ, σ are lowercase");
    CHECK(!dx_is_letter_cp(0xB2) && !dx_is_letter_cp(0x2014) && !dx_is_letter_cp(0xAC) && !dx_is_letter_cp(0xAD),
          "a superscript footnote mark, a dash, '¬' and a soft hyphen are no letters");
    CHECK(dx_is_letter_cp(0x2B9) && dx_is_letter_cp(0x301), "the soft-sign prime and a combining accent are inside a word");

    dossier_error err;
    int rows;
    memset(&err, 0, sizeof(err));
    CHECK(load_text("# comment\nid\tlabel\n\na\tA\n# x\nb\tB\n", &err, &rows) == 0 && rows == 2,
          "comments and blank lines skipped");
    CHECK(load_text("\xEF\xBB\xBFid\tlabel\r\na\tA\r\n", &err, &rows) == 0 && rows == 1,
          "a BOM and CRLF (Excel) load fine");
    CHECK(load_text("id\tlabel\nonlyone\n", &err, &rows) == DOSSIER_EDATA && err.line == 2 &&
              strstr(err.message, "expected at least 2"),
          "short row: line 2, what was expected (got line %ld: %s)", err.line, err.message);
    CHECK(load_text("name\tlabel\na\tb\n", &err, &rows) == DOSSIER_EDATA && err.line == 1 &&
              strstr(err.message, "header"),
          "wrong header reported on line 1");
    CHECK(load_text("id\tlabel\na\t\xff\xfe\n", &err, &rows) == DOSSIER_EDATA && err.line == 2 &&
              strstr(err.message, "UTF-8"),
          "non-UTF-8 line reported");

    dx_map *m = dx_map_new();
    for (int k = 0; k < 1000; k++) {
        char key[16];
        snprintf(key, sizeof(key), "k%d", k);
        dx_map_put(m, key, strlen(key), (void *)(intptr_t)(k + 1));
    }
    CHECK(dx_map_get(m, "k777", 4) == (void *)(intptr_t)778, "map lookup after growth");
    CHECK(strcmp(dx_map_key_at(m, 5, NULL), "k5") == 0, "map keeps insertion order");
    dx_map_free(m);
    return tap_done();
}

/* utf8.c - UTF-8 decoding, character classes and the folding that makes
 * spelling and transliteration variants meet. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/map.h"
#include "base/mem.h"
#include "base/utf8.h"

int dx_utf8_is_valid_scalar(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII (nearly all of most text) eight bytes at a time */
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL))) i += 8;
        if (i == n) break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        /* (an error is U+FFFD after one byte: three are a U+FFFD written) */
        size_t before = i;
        if (dx_utf8_next(s, n, &i) == 0xFFFD && i - before != 3) return 0;
    }
    return 1;
}

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#include <immintrin.h>
#define DX_UTF8_AVX2 1

/* The check of 32 bytes at a time, by Keiser and Lemire's method
 * ("Validating UTF-8 in less than one instruction per byte", Software:
 * Practice and Experience, 2021), as simdjson and Go's utf8 use it: each
 * byte with the one before it is looked up in three 16-entry tables (the
 * high nibble of the byte before, its low nibble, the high nibble of the
 * byte), whose AND names the errors the pair makes; a continuation byte
 * after a continuation is an error unless the byte two or three before
 * starts a three- or four-byte character. On the sample documents a
 * character beyond ASCII comes every ~90 bytes, and the scalar check's
 * exit from its eight-byte ASCII loop at each cost more than the rest of
 * reading a document. Its verdict is the scalar one's (tests/test_text.c
 * compares them on every two- and three-byte sequence and on random text). */
enum {
    U8_TOO_SHORT = 1 << 0,  /* a lead byte, then no continuation */
    U8_TOO_LONG = 1 << 1,   /* ASCII, then a continuation */
    U8_OVERLONG_3 = 1 << 2, /* E0 80..9F */
    U8_TOO_LARGE = 1 << 3,  /* F4 90..BF, F5.. 90..BF */
    U8_SURROGATE = 1 << 4,  /* ED A0..BF */
    U8_OVERLONG_2 = 1 << 5, /* C0, C1 */
    U8_TOO_LARGE_1000 = 1 << 6, /* F5.. 80..8F */
    U8_OVERLONG_4 = 1 << 6, /* F0 80..8F (the same bit: F0 and F5.. differ in the low nibble) */
    U8_TWO_CONTS = 1 << 7,  /* a continuation after a continuation */
    U8_CARRY = U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS, /* errors of any low nibble */
};
#define U8_TABLE(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
    _mm256_setr_epi8((char)(a), (char)(b), (char)(c), (char)(d), (char)(e), (char)(f), (char)(g), (char)(h), \
                     (char)(i), (char)(j), (char)(k), (char)(l), (char)(m), (char)(n), (char)(o), (char)(p), \
                     (char)(a), (char)(b), (char)(c), (char)(d), (char)(e), (char)(f), (char)(g), (char)(h), \
                     (char)(i), (char)(j), (char)(k), (char)(l), (char)(m), (char)(n), (char)(o), (char)(p))

typedef struct {
    __m256i prev;       /* the block before */
    __m256i incomplete; /* where it ended inside a character */
    __m256i err;        /* any error seen */
} u8_state;

__attribute__((target("avx2"))) static inline void u8_block(u8_state *st, __m256i in)
{
    if (!_mm256_movemask_epi8(in)) { /* ASCII: a character left open before is cut short */
        st->err = _mm256_or_si256(st->err, st->incomplete);
        st->incomplete = _mm256_setzero_si256();
        st->prev = in;
        return;
    }
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    /* the bytes 1, 2 and 3 before each (the block before's last ones first) */
    __m256i t = _mm256_permute2x128_si256(st->prev, in, 0x21);
    __m256i prev1 = _mm256_alignr_epi8(in, t, 15), prev2 = _mm256_alignr_epi8(in, t, 14),
            prev3 = _mm256_alignr_epi8(in, t, 13);
    const __m256i byte1_high = U8_TABLE(
        U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
        U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TOO_SHORT | U8_OVERLONG_2, U8_TOO_SHORT,
        U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE, U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4);
    const __m256i byte1_low = U8_TABLE(
        U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4, U8_CARRY | U8_OVERLONG_2, U8_CARRY, U8_CARRY,
        U8_CARRY | U8_TOO_LARGE, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000);
    const __m256i byte2_high = U8_TABLE(
        U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE, U8_TOO_SHORT, U8_TOO_SHORT,
        U8_TOO_SHORT, U8_TOO_SHORT);
    __m256i e = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(byte1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low4)),
                         _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, low4))),
        _mm256_shuffle_epi8(byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), low4)));
    /* the third byte of E0..EF, the fourth of F0..FF: continuations after a
     * continuation that are no error (byte values: at most 0x20 each) */
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 1))),
            fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 1)));
    __m256i must = _mm256_and_si256(_mm256_cmpgt_epi8(_mm256_or_si256(third, fourth), _mm256_setzero_si256()),
                                    _mm256_set1_epi8((char)0x80));
    st->err = _mm256_or_si256(st->err, _mm256_xor_si256(e, must));
    /* a lead byte in the last three places whose character goes on */
    const __m256i last = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                          -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1),
                                          (char)(0xC0 - 1));
    st->incomplete = _mm256_subs_epu8(in, last);
    st->prev = in;
}

__attribute__((target("avx2"))) static int is_valid_avx2(const char *s, size_t n)
{
    u8_state st = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) u8_block(&st, _mm256_loadu_si256((const __m256i *)(const void *)(s + i)));
    if (i < n) { /* the tail, behind NULs (ASCII: a character cut by the end is short of them) */
        unsigned char tail[32] = {0};
        memcpy(tail, s + i, n - i);
        u8_block(&st, _mm256_loadu_si256((const __m256i *)(const void *)tail));
    }
    __m256i err = _mm256_or_si256(st.err, st.incomplete);
    return _mm256_testz_si256(err, err);
}
#endif

int dx_utf8_is_valid(const char *s, size_t n)
{
#ifdef DX_UTF8_AVX2
    if (n >= 64 && __builtin_cpu_supports("avx2")) return is_valid_avx2(s, n);
#endif
    return dx_utf8_is_valid_scalar(s, n);
}

void dx_utf8_valid(const char *s, size_t n, dx_buf *b)
{
    size_t i = 0;
    while (i < n) {
        size_t before = i;
        uint32_t cp = dx_utf8_next(s, n, &i);
        if (cp == 0xFFFD && i - before != 3) dx_buf_put(b, "\xEF\xBF\xBD", 3);
        else dx_buf_put(b, s + before, i - before);
    }
    dx_buf_put(b, "", 0);
}

uint32_t dx_utf8_next_multi(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned char c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    int len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        *i = p + 1;
        return 0xFFFD;
    }
    if (p + (size_t)len > n) {
        *i = p + 1;
        return 0xFFFD;
    }
    for (int k = 1; k < len; k++) {
        unsigned char cc = s[p + (size_t)k];
        if ((cc & 0xC0) != 0x80) {
            *i = p + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return 0xFFFD;
    }
    *i = p + (size_t)len;
    return cp;
}

void dx_utf8_put(dx_buf *b, uint32_t cp)
{
    char t[4];
    if (cp < 0x80) {
        dx_buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        dx_buf_put(b, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        dx_buf_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        dx_buf_put(b, t, 4);
    }
}

int dx_is_space_multi(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
}

/* Letters, digits and marks are word characters: ASCII by hand, the rest
 * by their Unicode category (utf8proc). A modifier letter is one too: the
 * soft sign of scholarly transliteration ("Sokolʹnikov") is inside a word. */
int dx_is_letter_multi(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp == 0xFFFD || cp == 0xFEFF || cp > 0x10FFFF) return 0;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: /* not No: "Stalin²" ends at its footnote */
        return 1;
    default:
        return 0;
    }
}

/* An uppercase or titlecase letter (Ș, Ґ, Є, Σ, Ạ and the rest, by utf8proc). */
int dx_is_upper_multi(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp > 0x10FFFF) return 0;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Base letters of a Latin-1 / Latin Extended-A code point, lowercased:
 * sets *base and returns its length, 0 if none. The tables are constant
 * (a table filled on first use was a data race between threads). */
static size_t latin_base(uint32_t cp, const char **base)
{
    static const char *const l1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y"};
    static const char exta[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln"
        "nnnnnnnnoooooooorrrrrrsssssssstttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    if (cp >= 0xC0 && cp <= 0xFF) {
        *base = l1[cp - 0xC0];
        return *base ? strlen(*base) : 0;
    }
    if (cp >= 0x100 && cp - 0x100 < sizeof(exta) - 1) {
        *base = &exta[cp - 0x100];
        return 1;
    }
    return 0;
}

/* Any other code point through utf8proc: case folded, decomposed, its
 * marks stripped ("Ș" -> "s" as "Ş" -> "s"; "Є" -> "є"; "Ά" -> "α"; "Ạ" ->
 * "a"; "ё" -> "е"). A code point utf8proc rejects is kept as it is. */
static void fold_cp(uint32_t cp, dx_buf *out)
{
    utf8proc_int32_t dst[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, dst, 8,
                                                 UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
                                                 &last);
    if (n < 0 || n > 8) {
        dx_utf8_put(out, cp);
        return;
    }
    for (utf8proc_ssize_t k = 0; k < n; k++) dx_utf8_put(out, (uint32_t)dst[k]);
}

void dx_fold_lower(const char *s, size_t n, dx_buf *out)
{
    dx_buf_clear(out);
    size_t ascii = 0;
    while (ascii < n && (unsigned char)s[ascii] < 0x80) ascii++;
    if (ascii == n) { /* the common case: no multi-byte characters */
        dx_buf_put(out, s, n);
        for (size_t k = 0; k < n; k++)
            if (out->data[k] >= 'A' && out->data[k] <= 'Z') out->data[k] = (char)(out->data[k] + 32);
        return;
    }
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            dx_buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            i++;
            continue;
        }
        uint32_t cp = dx_utf8_next(s, n, &i);
        /* caron letters carry a transliteration meaning: ž = zh, š = sh, č = ch */
        if (cp == 0x17D || cp == 0x17E) {
            dx_buf_puts(out, "zh");
            continue;
        }
        if (cp == 0x160 || cp == 0x161) {
            dx_buf_puts(out, "sh");
            continue;
        }
        if (cp == 0x10C || cp == 0x10D) {
            dx_buf_puts(out, "ch");
            continue;
        }
        const char *base;
        size_t blen = latin_base(cp, &base);
        if (blen) {
            dx_buf_put(out, base, blen);
            continue;
        }
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x2B9 || cp == 0x2BB) {
            dx_buf_putc(out, '\''); /* quotes, the modifier apostrophe and soft-sign prime */
            continue;
        }
        if (cp == 0x2013 || cp == 0x2014 || cp == 0x2010 || cp == 0x2011 || cp == 0x2212) {
            dx_buf_putc(out, '-');
            continue;
        }
        fold_cp(cp, out);
    }
}

/* Rewrites applied left to right on the folded lowercase form. Each maps
 * a transliteration habit (English, German, Swedish/Dutch, scholarly) to
 * one skeleton:
 *
 *   dzh dzj -> j     tsch -> ch    sch -> sh     zh zj -> j    tj -> ch
 *   sj -> sh         kh -> h       ch -> ch      ks -> x       w -> v
 *   iy ii yi ij yj -> y            ie -> ie
 *   at the start of the word only: ye je -> e, ya ja ia -> a, yu ju iu -> u,
 *   yo jo -> o
 *
 * No pattern is a prefix of another with the same first letter, so at most
 * one applies at a position. Returns the length of the pattern at p (rem
 * bytes left, at the word's start when initial) and sets *to and *tl, or 0. */
static size_t name_rule(const char *p, size_t rem, int initial, const char **to, size_t *tl)
{
    char c1 = rem >= 2 ? p[1] : '\0';
    switch (p[0]) {
    case 'd':
        if (c1 == 'z' && rem >= 3 && (p[2] == 'h' || p[2] == 'j')) {
            *to = "j", *tl = 1;
            return 3;
        }
        return 0;
    case 't':
        if (c1 == 's' && rem >= 4 && p[2] == 'c' && p[3] == 'h') {
            *to = "ch", *tl = 2;
            return 4;
        }
        if (c1 == 'j') {
            *to = "ch", *tl = 2;
            return 2;
        }
        return 0;
    case 's':
        if (c1 == 'c' && rem >= 3 && p[2] == 'h') {
            *to = "sh", *tl = 2;
            return 3;
        }
        if (c1 == 'j') {
            *to = "sh", *tl = 2;
            return 2;
        }
        return 0;
    case 'z':
        if (c1 == 'h' || c1 == 'j') {
            *to = "j", *tl = 1;
            return 2;
        }
        return 0;
    case 'k':
        if (c1 == 'h') {
            *to = "h", *tl = 1;
            return 2;
        }
        if (c1 == 's') {
            *to = "x", *tl = 1;
            return 2;
        }
        return 0;
    case 'c':
        if (c1 == 'h') {
            *to = "ch", *tl = 2;
            return 2;
        }
        return 0;
    case 'w':
        *to = "v", *tl = 1;
        return 1;
    case 'y':
    case 'j':
    case 'i':
        if (initial && (c1 == 'a' || c1 == 'u' || ((c1 == 'e' || c1 == 'o') && p[0] != 'i'))) {
            *to = c1 == 'a' ? "a" : c1 == 'u' ? "u" : c1 == 'e' ? "e" : "o", *tl = 1;
            return 2;
        }
        if (p[0] == 'j') return 0;
        if ((p[0] == 'i' && (c1 == 'y' || c1 == 'i' || c1 == 'j')) ||
            (p[0] == 'y' && (c1 == 'i' || c1 == 'j'))) {
            *to = "y", *tl = 1;
            return 2;
        }
        if (p[0] == 'i' && c1 == 'e') {
            *to = "ie", *tl = 2;
            return 2;
        }
        return 0;
    default:
        return 0;
    }
}


void dx_fold_name(const char *s, size_t n, dx_buf *out)
{
    dx_fold_lower(s, n, out);
    if (out->len <= 3) return; /* acronyms and initials: "SS" must not become "s" */
    char stack[128];
    char *heap = NULL;
    char *copy = out->len < sizeof(stack) ? stack : (heap = xmalloc(out->len + 1));
    memcpy(copy, out->data, out->len + 1);
    dx_fold_name_lower(copy, out->len, out);
    free(heap);
}

/* The name fold of low[0..n) (n > 3) into o, which has room for n bytes (no
 * rewrite lengthens the text); returns the length written. */
static size_t fold_name_into(const char *low, size_t n, char *o)
{
    size_t ol = 0, i = 0;
    while (i < n) {
        const char *to;
        size_t tl, fl = name_rule(low + i, n - i, i == 0, &to, &tl);
        if (fl) {
            memcpy(o + ol, to, tl);
            ol += tl;
            i += fl;
            continue;
        }
        char c = low[i++];
        if (c == '\'') continue; /* "Sokol'nikov" is Sokolnikov */
        /* doubled letters collapse (Zinovyev/Zinoviev aside, "Yagodda", "Kirrov") */
        if (ol && o[ol - 1] == c && c >= 'a' && c <= 'z') continue;
        o[ol++] = c;
    }
    /* -iy/-ii/-yi endings and a final -y/-i meet: Tukhachevsky/-skii/-ski */
    if (ol > 3 && (o[ol - 1] == 'y' || o[ol - 1] == 'i') && o[ol - 2] == 'k' && o[ol - 3] == 's')
        o[ol - 1] = 'y';
    return ol;
}

void dx_fold_name_lower(const char *low, size_t n, dx_buf *out)
{
    dx_buf_clear(out);
    dx_buf_put(out, low, n);
    if (n <= 3) return;
    out->len = fold_name_into(low, n, out->data);
    out->data[out->len] = '\0';
}

uint64_t dx_name_key_lower(const char *low, size_t n, dx_buf *scratch)
{
    if (n <= 3) return dx_hash(low, n);
    char o[64];
    if (n <= sizeof(o)) return dx_hash(o, fold_name_into(low, n, o));
    dx_fold_name_lower(low, n, scratch);
    return dx_hash(scratch->data, scratch->len);
}

int dx_apostrophe_joins(const char *a, size_t an, const char *b, size_t bn)
{
    if (!an || !bn) return 0;
    /* an elided article or particle stays apart: "d'Orleans", "l'Humanite" */
    if (an == 1 && a[0] >= 'a' && a[0] <= 'z') return 0;
    /* English clitics: "Stalin's", "don't", "we'll", "they're", "I'd" */
    static const char *const clitics[] = {"s", "t", "d", "ll", "re", "ve", "m", NULL};
    for (size_t k = 0; clitics[k]; k++)
        if (strlen(clitics[k]) == bn && strncasecmp(b, clitics[k], bn) == 0) return 0;
    /* "the '90s", "1930's" */
    if ((a[an - 1] >= '0' && a[an - 1] <= '9') || (b[0] >= '0' && b[0] <= '9')) return 0;
    return 1;
}

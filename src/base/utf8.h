/* utf8.h - UTF-8 decoding and encoding, character classes, and the folding
 * that makes spelling and transliteration variants meet. */
#ifndef DOSSIER_BASE_UTF8_H
#define DOSSIER_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Decode one UTF-8 code point at s[*i] (advancing *i); invalid bytes decode
 * as U+FFFD one byte at a time. */
uint32_t dx_utf8_next_multi(const char *s, size_t n, size_t *i);
/* (ASCII, most of any text, inline; the rest out of line) */
static inline uint32_t dx_utf8_next(const char *s, size_t n, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        ++*i;
        return c;
    }
    return dx_utf8_next_multi(s, n, i);
}
/* Append s (n bytes) with every byte that is not UTF-8 as U+FFFD, and a
 * NUL after it (not counted in b->len). */
void dx_utf8_valid(const char *s, size_t n, dx_buf *b);
/* 1 when s (n bytes) is UTF-8 throughout (a U+FFFD written as such is
 * valid), else 0. */
int dx_utf8_is_valid(const char *s, size_t n);
/* The same, a byte or eight at a time: what dx_utf8_is_valid does where
 * the processor has no AVX2, and its reference in the tests. */
int dx_utf8_is_valid_scalar(const char *s, size_t n);
/* Append the UTF-8 encoding of cp. */
void dx_utf8_put(dx_buf *b, uint32_t cp);
int dx_is_letter_multi(uint32_t cp);
int dx_is_upper_multi(uint32_t cp);
int dx_is_space_multi(uint32_t cp);
static inline int dx_is_letter_cp(uint32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return dx_is_letter_multi(cp);
}
static inline int dx_is_upper_cp(uint32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return dx_is_upper_multi(cp);
}
static inline int dx_is_space_cp(uint32_t cp)
{
    if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    return dx_is_space_multi(cp);
}

/* An apostrophe (' or U+2019) between the words a and b makes one word of
 * them: the soft sign of transliteration ("Sokol'nikov", "Gor'kii",
 * "Kol’tsov") and names like "O'Brien"; not a clitic ("Stalin's", "don't")
 * nor an elided particle ("d'Orleans"). */
int dx_apostrophe_joins(const char *a, size_t an, const char *b, size_t bn);

/* Lowercase, diacritics stripped ("Coyoacán" -> "coyoacan"); replaces out. */
void dx_fold_lower(const char *s, size_t n, dx_buf *out);
/* Name key: dx_fold_lower plus transliteration folding so that variants
 * meet (Yezhov/Ezhov/Jezjov, Tukhachevsky/Tukhachevskii, Kaganovich/
 * Kaganovitj, Iakir/Yakir, Rykov/Ryjkov). */
void dx_fold_name(const char *s, size_t n, dx_buf *out);
/* The same, from text already folded by dx_fold_lower (low must not alias out). */
void dx_fold_name_lower(const char *low, size_t n, dx_buf *out);
/* dx_hash of dx_fold_name_lower(low, n): the fkey of a capitalised word
 * (scratch is used for long words only). */
uint64_t dx_name_key_lower(const char *low, size_t n, dx_buf *scratch);

#endif

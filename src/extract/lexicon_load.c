/* lexicon_load.c - the data under entities/ loaded into the lexicon: the
 * gazetteers (people, organisations, places), word classes and given
 * names here, then each stage's own data through its loader (dates.tsv,
 * triggers.tsv, cues.tsv). A malformed line stops the load, naming FILE:LINE. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/utf8.h"
#include "extract/dates.h"
#include "extract/events.h"
#include "extract/lexicon.h"
#include "extract/stages.h"
#include "model/docresult.h"

#define MAX_ALIAS_TOKS 24

/* The loading folds some 100,000 words, nearly all ASCII and short: those
 * are lowered on the stack (ascii_lower), and a dx_buf, which mallocs at
 * its first put, serves only the others. */
#define SHORT_WORD 64

/* out = s lowered as dx_fold_lower lowers ASCII (n <= SHORT_WORD); 0 when s
 * holds a byte that is not ASCII (out is then unusable). */
static int ascii_lower(const char *s, size_t n, char *out)
{
    unsigned char any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        any |= c;
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return any < 0x80;
}

/* dx_hash of dx_fold_lower(s, n): a word's lkey. */
static uint64_t lower_key(const char *s, size_t n)
{
    char low[SHORT_WORD];
    if (n <= sizeof(low) && ascii_lower(s, n, low)) return dx_hash(low, n);
    dx_buf f;
    dx_buf_init(&f);
    dx_fold_lower(s, n, &f);
    uint64_t k = dx_hash(f.data, f.len);
    dx_buf_fini(&f);
    return k;
}

/* The fkey of every token of an alias (as segment.c keys document tokens:
 * the name fold for capitalised words); at most max tokens. */
static size_t alias_keys(const char *s, size_t n, uint64_t *keys, size_t max)
{
    uint32_t starts[MAX_ALIAS_TOKS], lens[MAX_ALIAS_TOKS];
    size_t nt = dx_phrase_tokens(s, n, starts, lens, max);
    if (nt > max) nt = max;
    dx_buf f, scratch; /* (words that are not ASCII or long only) */
    dx_buf_init(&f);
    dx_buf_init(&scratch);
    for (size_t t = 0; t < nt; t++) {
        const char *w = s + starts[t];
        size_t k0 = 0, wl = lens[t];
        uint32_t c0 = dx_utf8_next(w, wl, &k0);
        char low[SHORT_WORD];
        const char *l = low;
        if (wl > sizeof(low) || !ascii_lower(w, wl, low)) {
            dx_fold_lower(w, wl, &f);
            l = f.data;
            wl = f.len;
        }
        /* (dx_name_key_lower: the hash of dx_fold_name without its copies) */
        keys[t] = dx_is_upper_cp(c0) ? dx_name_key_lower(l, wl, &scratch) : dx_hash(l, wl);
    }
    dx_buf_fini(&f);
    dx_buf_fini(&scratch);
    return nt;
}

/* ---------------------------------------------------------------- gazetteers */

/* Index a one-word alias for OCR repair (lexicon.h, ocr_index). */
static void index_ocr(dx_lexicon *lex, const char *alias, size_t n, uint64_t fkey)
{
    size_t k0 = 0;
    /* (six letters or more: folding never lengthens a word it leaves ASCII) */
    if (n < 6 || !dx_is_upper_cp(dx_utf8_next(alias, n, &k0))) return;
    dx_buf f;
    dx_buf_init(&f);
    /* as written: OCR errs on letters, not on transliterations */
    char low[SHORT_WORD];
    const char *l = low;
    size_t len = n;
    if (n > sizeof(low) || !ascii_lower(alias, n, low)) {
        dx_fold_lower(alias, n, &f);
        l = f.data;
        len = f.len;
    }
    int ascii = len >= 6;
    for (size_t i = 0; i < len && ascii; i++) ascii = l[i] >= 'a' && l[i] <= 'z';
    if (ascii) {
        uint64_t key = fkey; /* the alias's fkey, as alias_keys made it */
        const uint32_t *v;
        uint32_t idx;
        if (dx_u64map_get(lex->ocr_seen, key, &v)) {
            idx = v[0];
        } else {
            idx = (uint32_t)lex->ocr_keys.len;
            DX_PUSH(lex->ocr_keys, key);
            dx_u64map_add(lex->ocr_seen, key, idx);
            /* ocr_fuzzy's filter of these spellings (lexicon.h, ocr_filter):
             * their shape, one for all (a letter fewer, the first and the
             * last two kept) */
            size_t b = dx_ocr_shape(len - 1, (unsigned char)l[0], (unsigned char)l[len - 2], (unsigned char)l[len - 1]);
            lex->ocr_filter[DX_OCR_ONE_WORDS + (b >> 6)] |= 1ULL << (b & 63);
            char w[64];
            for (size_t p = 1; p + 2 < len && len <= sizeof(w); p++) {
                memcpy(w, l, p);
                memcpy(w + p, l + p + 1, len - p - 1);
                dx_u64map_add(lex->ocr_index, dx_hash(w, len - 1), idx);
            }
        }
    }
    dx_buf_fini(&f);
}

static void index_alias(dx_lexicon *lex, const char *alias, size_t n, uint32_t payload)
{
    uint64_t keys[MAX_ALIAS_TOKS];
    size_t nt = alias_keys(alias, n, keys, MAX_ALIAS_TOKS);
    if (!nt) return;
    uint64_t h = dx_seq_key_start();
    for (size_t i = 0; i < nt; i++) {
        h = dx_seq_key_add(h, keys[i]);
        if (i > 0) dx_lex_mark(lex, keys[i], DX_L_GAZ_IN);
        if (i + 1 < nt) dx_u64map_or(lex->gaz_any, h, DX_GAZ_IS_PREFIX);
        if (i == 1) {
            size_t b = dx_gaz_pair_bit(h);
            lex->gaz_pairs[b >> 6] |= 1ULL << (b & 63);
            /* (the entry is pushed before its aliases are indexed) */
            if (lex->gaz.items[payload & DX_GAZ_ENTRY].type == DX_ENT_ORG) {
                b = dx_gaz_lower_bit(h);
                lex->gaz_pairs[DX_GAZ_PAIR_WORDS + (b >> 6)] |= 1ULL << (b & 63);
            }
        }
    }
    dx_u64map_add(lex->gaz_index, h, payload);
    dx_u64map_or(lex->gaz_any, h, DX_GAZ_IS_ALIAS);
    dx_lex_mark(lex, keys[0], nt == 1 ? DX_L_GAZ | DX_L_GAZ_ONE : DX_L_GAZ);
    if (nt > lex->gaz_maxtoks) lex->gaz_maxtoks = nt;
    if (nt == 1) {
        /* ocr_fuzzy's filter of one-word aliases (lexicon.h, ocr_filter) */
        size_t b = (size_t)(keys[0] >> (64 - DX_OCR_ONE_BITS));
        lex->ocr_filter[b >> 6] |= 1ULL << (b & 63);
        index_ocr(lex, alias, n, keys[0]);
    }
}

/* The word classes of a word (words.tsv, given-names.tsv: loaded first). */
static uint32_t word_bits(const dx_lexicon *lex, const char *w, size_t n)
{
    return dx_word_class(lex, lower_key(w, n));
}

/* The surname of a person alias (n bytes): its last word, when the alias
 * has at least two words and the last is a capitalised word of 3+ bytes. */
static void index_surname(dx_lexicon *lex, const char *alias, size_t n, uint32_t entry)
{
    const char *end = alias + n;
    while (end > alias && (end[-1] == ' ' || end[-1] == '.')) end--;
    /* an epithet is no surname: "William Pitt the Younger" is Pitt */
    const char *the = NULL; /* the first " the " (memmem costs more on short aliases) */
    for (const char *q = alias; !the && (q = memchr(q, ' ', (size_t)(alias + n - q))) != NULL; q++)
        if (alias + n - q >= 5 && memcmp(q, " the ", 5) == 0) the = q;
    if (the && the > alias && !memchr(the + 5, ' ', (size_t)(alias + n - (the + 5))) && the + 5 < end &&
        the[5] >= 'A' && the[5] <= 'Z') {
        end = the;
        if (!memchr(alias, ' ', (size_t)(end - alias))) return; /* "Peter the Great": no surname */
    }
    const char *p = end;
    while (p > alias && p[-1] != ' ' && p[-1] != '.') p--;
    if (p == alias || end - p < 3) return;
    size_t i = 0;
    uint32_t cp = dx_utf8_next(p, (size_t)(end - p), &i);
    if (!dx_is_upper_cp(cp)) return;
    /* a house or a territory is no surname: "Maximilian of Habsburg" */
    if (p - alias >= 4 && memcmp(p - 4, " of ", 4) == 0) return;
    /* a title and a given name name a sovereign or a saint by the given
     * name, which is no surname: "Emperor Maximilian" is not the colonel
     * Maximilian von Hagenau, "Queen Victoria" not Lake Victoria */
    const char *sp = memchr(alias, ' ', (size_t)(end - alias));
    if (sp && sp + 1 == p && (word_bits(lex, alias, (size_t)(sp - alias)) & DX_W_TITLE) &&
        (word_bits(lex, p, (size_t)(end - p)) & DX_W_GIVEN))
        return;
    /* "Maximov-Dikovsky": both the whole and the parts are surnames */
    index_alias(lex, p, (size_t)(end - p), entry | DX_GAZ_SURNAME);
    /* its spelling as written: "Levin" is Lev Levin's before it is Moshe Lewin's */
    dx_u64map_add(lex->gaz_parts, dx_gaz_spelling_key(entry, lower_key(p, (size_t)(end - p))), 1);
    /* the first part of a double surname, when both parts are names of
     * their own (not "Ter-Vaganyan", not "Yat-sen") */
    const char *dash = memchr(p, '-', (size_t)(end - p));
    if (dash && dash - p >= 4 && dash + 1 < end && dash[1] >= 'A' && dash[1] <= 'Z')
        index_alias(lex, p, (size_t)(dash - p), entry | DX_GAZ_SURNAME);
}

/* ---------------------------------------------------------------- given names of people */

/* The given names, patronymics and initials of a person's label or alias:
 * every word but the surname (the last word; the first when the name is
 * written "Bukharin N.I."). */
static void index_parts(dx_lexicon *lex, const char *a, size_t n, uint32_t e)
{
    size_t ws[MAX_ALIAS_TOKS], we[MAX_ALIAS_TOKS], nw = 0, i = 0;
    while (i < n && nw < MAX_ALIAS_TOKS) {
        size_t start = i;
        uint32_t cp = dx_utf8_next(a, n, &i);
        if (!dx_is_letter_cp(cp) || cp == '\'') continue;
        while (i < n) {
            size_t k = i;
            uint32_t c = dx_utf8_next(a, n, &k);
            if (!dx_is_letter_cp(c) && c != '\'' && c != 0x2019) break;
            i = k;
        }
        ws[nw] = start;
        we[nw++] = i;
    }
    if (nw < 2) return;
    size_t from = 0, to = nw - 1; /* the parts: [from, to) */
    if (we[nw - 1] - ws[nw - 1] == 1) from = 1, to = nw;
    dx_buf f;
    dx_buf_init(&f);
    for (size_t w = from; w < to; w++) {
        /* the initial: its first letter folded (an ASCII one is lowered, as
         * dx_fold_lower would; "Émile" needs the whole fold) */
        unsigned char c = (unsigned char)a[ws[w]];
        if (c < 0x80) {
            c = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
        } else {
            dx_fold_lower(a + ws[w], we[w] - ws[w], &f);
            c = f.len ? (unsigned char)f.data[0] : 0;
        }
        if (c >= 'a' && c <= 'z') lex->gaz_initials.items[e] |= 1u << (c - 'a');
        if (we[w] - ws[w] > 1) dx_u64map_add(lex->gaz_parts, dx_gaz_part_key(e, dx_given_key(a + ws[w], we[w] - ws[w])), 1);
    }
    dx_buf_fini(&f);
}

static const char *const gaz_files[] = {"people.tsv", "organizations.tsv", "places.tsv"};

/* The gazetteers being loaded, and where each id was defined first. */
typedef struct {
    dx_lexicon *lex;
    int file;       /* which of gaz_files is being read */
    dx_u64map *ids; /* dx_hash("type:id") -> the entries (lex->gaz) of that hash */
    DX_VEC(long) at; /* per entry (lex->gaz holds these rows only): line * 4 + file */
} gaz_load;

static int gaz_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    gaz_load *gl = ud;
    dx_lexicon *lex = gl->lex;
    dx_ent_type type = dx_ent_type_parse(f[2]);
    if (!f[0][0] || !f[1][0]) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected an id and a label, found an empty field");
        return DOSSIER_EDATA;
    }
    for (const char *c = f[0]; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' ||
              *c == '.')) {
            dx_error_set(err, DOSSIER_EDATA, file, line,
                         "expected an id of lowercase ASCII letters, digits and '-', found '%s'", f[0]);
            return DOSSIER_EDATA;
        }
    }
    if (type == DX_ENT_NONE || type == DX_ENT_DATE) {
        dx_error_set(err, DOSSIER_EDATA, file, line,
                     "expected type PERSON, ORG or PLACE in column 3, found '%s'", f[2]);
        return DOSSIER_EDATA;
    }
    /* (every length measured once: columns 4 to 7 may be missing) */
    size_t len[7] = {strlen(f[0]), strlen(f[1]), 0, 0, 0, 0, 0};
    for (size_t i = 3; i < nf && i < 7; i++) len[i] = strlen(f[i]);
    /* what the outputs repeat on every row naming the entity is bounded
     * (model/docresult.h), and so is a shard that carries it */
    if (len[0] + 16 > DX_LABEL_MAX || len[1] > DX_LABEL_MAX) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected an id and a label of at most %d bytes, found %zu and %zu",
                     DX_LABEL_MAX, len[0], len[1]);
        return DOSSIER_EDATA;
    }
    for (size_t i = 3; i < nf && i < 7; i++)
        if (len[i] > (64u << 10)) {
            dx_error_set(err, DOSSIER_EDATA, file, line, "expected column %zu of at most 64 KB, found %zu bytes", i + 1,
                         len[i]);
            return DOSSIER_EDATA;
        }
    dx_gaz_entry e;
    /* "type:id", on the stack: the id is bounded above, a type's name is
     * at most 12 bytes ("organization") */
    const char *tname = dx_ent_type_lower(type);
    size_t tl = strlen(tname), idlen = tl + 1 + len[0];
    char id[DX_LABEL_MAX + 32];
    memcpy(id, tname, tl);
    id[tl] = ':';
    memcpy(id + tl + 1, f[0], len[0]);
    /* two entities of one id would merge into one in every output (the
     * ids by hash, checked against the entries' own: no key copied) */
    uint64_t idkey = dx_hash(id, idlen);
    const uint32_t *same;
    size_t nsame = dx_u64map_get(gl->ids, idkey, &same);
    for (size_t k = 0; k < nsame; k++) {
        const char *prev = lex->gaz.items[same[k]].id;
        if (strncmp(prev, id, idlen) == 0 && prev[idlen] == '\0') {
            long w = gl->at.items[same[k]];
            dx_error_set(err, DOSSIER_EDATA, file, line, "expected a new id, found '%s' (%s) again: it is defined at %s:%ld",
                         f[0], dx_ent_type_name(type), gaz_files[w & 3], w >> 2);
            return DOSSIER_EDATA;
        }
    }
    /* (in one arena: 20,000 strings malloc'd and freed one by one cost as
     * much as indexing them) */
    dx_arena *ar = &lex->gaz_strs;
    e.id = dx_arena_strndup(ar, id, idlen);
    e.label = dx_arena_strndup(ar, f[1], len[1]);
    e.type = type;
    e.aliases = dx_arena_strndup(ar, nf > 3 ? f[3] : "", len[3]);
    e.start = dx_arena_strndup(ar, nf > 4 ? f[4] : "", len[4]);
    e.end = dx_arena_strndup(ar, nf > 5 ? f[5] : "", len[5]);
    e.roles = dx_arena_strndup(ar, nf > 6 ? f[6] : "", len[6]);
    dx_gaz_entry_measure(&e, idlen, len);
    uint32_t idx = (uint32_t)lex->gaz.len;
    DX_PUSH(lex->gaz, e);
    DX_PUSH(lex->gaz_initials, 0);
    dx_u64map_add(gl->ids, idkey, idx);
    DX_PUSH(gl->at, line * 4 + gl->file);
    index_alias(lex, e.label, len[1], idx | DX_GAZ_LABEL);
    if (type == DX_ENT_PERSON) {
        index_surname(lex, e.label, len[1], idx);
        index_parts(lex, e.label, len[1], idx);
    }
    const char *a = e.aliases;
    while (*a) {
        const char *bar = strchr(a, '|');
        size_t n = bar ? (size_t)(bar - a) : strlen(a);
        while (n && a[0] == ' ') {
            a++;
            n--;
        }
        while (n && a[n - 1] == ' ') n--;
        if (n) {
            index_alias(lex, a, n, idx);
            if (type == DX_ENT_PERSON) {
                index_surname(lex, a, n, idx);
                index_parts(lex, a, n, idx);
            }
        }
        if (!bar) break;
        a = bar + 1;
    }
    return 0;
}

static const char *const gaz_header[] = {"id", "label", "type", "aliases", NULL};

/* ---------------------------------------------------------------- word classes */

static const struct {
    const char *name;
    uint32_t bit;
} word_classes[] = {
    {"abbrev", DX_W_ABBREV},         {"title", DX_W_TITLE},
    {"stopcap", DX_W_STOPCAP},       {"orghead", DX_W_ORGHEAD},
    {"placecue", DX_W_PLACECUE},     {"nameconnect", DX_W_NAMECONNECT},
    {"placehead", DX_W_PLACEHEAD},   {"group", DX_W_GROUP},
    {"nationality", DX_W_NATIONALITY}, {"personcue", DX_W_PERSONCUE},
    {"given", DX_W_GIVEN},           {"notspeaker", DX_W_NOTSPEAKER},
    {"orgconnect", DX_W_LOWER_CONNECT}, {"kin", DX_W_KIN},
    {"female", DX_W_FEMALE},         {"placeof", DX_W_PLACEOF},
    {"lowplace", DX_W_LOWPLACE},     {"loworg", DX_W_LOWORG},
    {"noble", DX_W_NOBLE},           {"vessel", DX_W_VESSEL},
    {"lowboard", DX_W_LOWBOARD},     {"placepre", DX_W_PLACEPRE},
    {"building", DX_W_BUILDING},
};

static void add_word_bits(dx_lexicon *lex, const char *w, uint32_t bits)
{
    uint64_t k = lower_key(w, strlen(w));
    const uint32_t *v;
    /* single payload per key: OR the bits by replacing the map entry */
    dx_lex_mark(lex, k, bits);
    if (dx_u64map_get(lex->words, k, &v)) {
        ((uint32_t *)v)[0] |= bits;
        return;
    }
    dx_u64map_add(lex->words, k, bits);
}

static int word_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    dx_lexicon *lex = ud;
    (void)nf;
    uint32_t bits = 0;
    char *classes = f[1];
    char *save = NULL;
    for (char *c = strtok_r(classes, "|,", &save); c; c = strtok_r(NULL, "|,", &save)) {
        while (*c == ' ') c++;
        uint32_t b = 0;
        for (size_t i = 0; i < sizeof(word_classes) / sizeof(word_classes[0]); i++)
            if (strcasecmp(c, word_classes[i].name) == 0) {
                b = word_classes[i].bit; /* (the names are distinct) */
                break;
            }
        if (!b) {
            dx_error_set(err, DOSSIER_EDATA, file, line,
                         "expected a word class (abbrev, title, stopcap, orghead, placecue, "
                         "nameconnect, placehead, group, nationality, personcue, notspeaker, "
                         "orgconnect, kin, female, placeof, lowplace, loworg, noble, vessel, lowboard, placepre, building), found '%s'", c);
            return DOSSIER_EDATA;
        }
        bits |= b;
    }
    if (!f[0][0]) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected a word in column 1");
        return DOSSIER_EDATA;
    }
    add_word_bits(lex, f[0], bits);
    return 0;
}

static int given_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    if (!f[0][0]) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected a name in column 1");
        return DOSSIER_EDATA;
    }
    /* gender: M, F, or U (either) */
    const char *g = nf > 1 ? f[1] : "";
    uint32_t bits = DX_W_GIVEN;
    if (strcmp(g, "M") == 0) bits |= DX_W_MALE;
    else if (strcmp(g, "F") == 0) bits |= DX_W_FEMALE;
    else if (g[0] && strcmp(g, "U") != 0) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected a gender M, F or U in column 2, found '%s'", g);
        return DOSSIER_EDATA;
    }
    add_word_bits(ud, f[0], bits);
    return 0;
}

static int family_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    dx_lexicon *lex = ud;
    (void)nf;
    if (!f[0][0] || strchr(f[0], ' ')) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected one word, a family name, in column 1");
        return DOSSIER_EDATA;
    }
    uint64_t k = lower_key(f[0], strlen(f[0]));
    const uint32_t *v;
    if (!dx_u64map_get(lex->family, k, &v)) dx_u64map_add(lex->family, k, 1);
    return 0;
}

int dx_family_first(const dx_lexicon *lex, uint64_t lkey)
{
    const uint32_t *v;
    return lex->family && dx_u64map_get(lex->family, lkey, &v) > 0;
}

/* Per entry: a man (a person whose label's first word is a man's given
 * name and not also a woman's), a place holding towns (its roles say so). */
static void mark_entries(dx_lexicon *lex)
{
    DX_GROW(lex->gaz_flags, lex->gaz.len + 1);
    dx_buf f;
    dx_buf_init(&f);
    for (size_t e = 0; e < lex->gaz.len; e++) {
        const dx_gaz_entry *g = &lex->gaz.items[e];
        uint8_t flags = 0;
        if (g->type == DX_ENT_PERSON) {
            size_t n = strcspn(g->label, " ");
            uint32_t c = dx_word_class(lex, lower_key(g->label, n));
            if ((c & DX_W_MALE) && !(c & DX_W_FEMALE)) flags |= DX_GF_MALE;
        } else if (g->type == DX_ENT_PLACE) {
            static const char *const holds[] = {"state", "country", "province", "territory", "republic", NULL};
            dx_fold_lower(g->roles, strlen(g->roles), &f);
            for (size_t k = 0; holds[k]; k++)
                if (strstr(f.data ? f.data : "", holds[k])) flags |= DX_GF_CONTAINER;
        }
        lex->gaz_flags.items[lex->gaz_flags.len++] = flags;
    }
    dx_buf_fini(&f);
}

/* ---------------------------------------------------------------- the whole lexicon */

static char *join_path(const char *dir, const char *name)
{
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_printf(&b, "%s/%s", dir, name);
    return b.data;
}

/* The size of dir/name for sizing the maps (0 when it cannot be read: the
 * load reports that), at most 32 MB: beyond, the maps grow as they fill. */
static size_t data_bytes(const char *dir, const char *name)
{
    char *p = join_path(dir, name);
    struct stat st;
    size_t n = stat(p, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
    free(p);
    return n < (32u << 20) ? n : (32u << 20);
}

dossier_lexicon *dossier_lexicon_load(const char *dir, dossier_error *err)
{
    static atomic_ullong loaded; /* lexicons loaded so far: a serial for the caches */
    dx_lexicon *lex = xcalloc(1, sizeof(*lex));
    lex->serial = atomic_fetch_add(&loaded, 1) + 1;
    lex->dir = xstrdup(dir);
    lex->gaz_index = dx_u64map_new();
    lex->gaz_any = dx_u64map_new();
    lex->gaz_pairs = xcalloc(DX_GAZ_PAIR_WORDS + DX_GAZ_LOWER_WORDS, sizeof(uint64_t)); /* (dx_gaz_lower_may) */
    lex->words = dx_u64map_new();
    lex->tok_lex = dx_u64map_new();
    lex->ev_first = dx_u64map_new();
    lex->gaz_parts = dx_u64map_new();
    lex->ocr_index = dx_u64map_new();
    lex->ocr_seen = dx_u64map_new();
    lex->family = dx_u64map_new();
    /* The big maps sized at once, from the bytes of the files that fill
     * them (keys per byte as in entities/, where the maps reach the same
     * sizes as by growing): grown from 256 slots, each was rehashed seven
     * times and faulted in twice its memory (a sixth of the load's time). */
    size_t words_b = data_bytes(dir, "words.tsv") + data_bytes(dir, "given-names.tsv");
    size_t gaz_b = 0;
    for (size_t i = 0; i < 3; i++) gaz_b += data_bytes(dir, gaz_files[i]);
    dx_u64map_reserve(lex->words, words_b / 11);
    dx_u64map_reserve(lex->tok_lex, (words_b + gaz_b) / 24);
    dx_u64map_reserve(lex->gaz_index, gaz_b / 32);
    dx_u64map_reserve(lex->gaz_any, gaz_b / 24);
    dx_u64map_reserve(lex->gaz_parts, data_bytes(dir, "people.tsv") / 40);
    dx_u64map_reserve(lex->ocr_index, gaz_b / 17);
    dx_u64map_reserve(lex->ocr_seen, gaz_b / 80);
    static const char *const word_header[] = {"word", "class", NULL};
    static const char *const given_header[] = {"name", NULL};
    int st = 0;
    /* the word classes first: a person's surname depends on them */
    {
        char *p = join_path(dir, "words.tsv");
        st = dx_tsv_load(p, word_header, 2, word_row, lex, err);
        free(p);
    }
    if (!st) {
        char *p = join_path(dir, "given-names.tsv");
        st = dx_tsv_load(p, given_header, 1, given_row, lex, err);
        free(p);
    }
    if (!st) { /* optional: without it, no name is read family name first */
        static const char *const family_header[] = {"name", NULL};
        char *p = join_path(dir, "family-names.tsv");
        if (access(p, F_OK) == 0) st = dx_tsv_load(p, family_header, 1, family_row, lex, err);
        free(p);
    }
    gaz_load gl = {lex, 0, dx_u64map_new(), {0}};
    dx_u64map_reserve(gl.ids, gaz_b / 64);
    for (size_t i = 0; i < 3 && !st; i++) {
        char *p = join_path(dir, gaz_files[i]);
        gl.file = (int)i;
        st = dx_tsv_load(p, gaz_header, 3, gaz_row, &gl, err);
        free(p);
    }
    dx_u64map_free(gl.ids);
    DX_FREE(gl.at);
    if (!st) mark_entries(lex);
    if (!st) st = dx_date_lex_load(dir, &lex->dates, err);
    if (!st) st = dx_event_lex_load(dir, &lex->events, err);
    if (!st) {
        dx_date_lex_mark(lex);
        dx_event_lex_mark(lex);
    }
    if (st) {
        dossier_lexicon_free(lex);
        return NULL;
    }
    return lex;
}

void dossier_lexicon_free(dossier_lexicon *lex)
{
    if (!lex) return;
    dx_lex_cache_drop(lex);
    dx_arena_fini(&lex->gaz_strs);
    DX_FREE(lex->gaz);
    dx_u64map_free(lex->gaz_index);
    dx_u64map_free(lex->gaz_any);
    free(lex->gaz_pairs);
    dx_u64map_free(lex->words);
    dx_u64map_free(lex->tok_lex);
    dx_u64map_free(lex->ev_first);
    dx_u64map_free(lex->gaz_parts);
    dx_u64map_free(lex->ocr_index);
    dx_u64map_free(lex->ocr_seen);
    dx_u64map_free(lex->family);
    DX_FREE(lex->ocr_keys);
    DX_FREE(lex->gaz_initials);
    DX_FREE(lex->gaz_flags);
    dx_date_lex_free(lex->dates);
    dx_event_lex_free(lex->events);
    free(lex->dir);
    free(lex);
}

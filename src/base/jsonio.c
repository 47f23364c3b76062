/* jsonio.c - JSON lines through jansson (the one file that includes it). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/jsonio.h"
#include "base/utf8.h"

#define J(v) ((json_t *)(void *)(v))
#define D(v) ((dx_json *)(void *)(v))

static json_t *must(json_t *v)
{
    if (!v) {
        fputs("dossier: out of memory\n", stderr);
        abort();
    }
    return v;
}

/* jansson refuses text that is not UTF-8; the outputs repair it as the
 * other writers do. */
static json_t *string_of(const char *s, size_t n)
{
    json_t *v = json_stringn(s ? s : "", s ? n : 0);
    if (v) return v;
    dx_buf b;
    dx_buf_init(&b);
    dx_utf8_valid(s, n, &b);
    v = json_stringn(b.data ? b.data : "", b.len);
    dx_buf_fini(&b);
    return must(v);
}

dx_json *dx_json_object(void) { return D(must(json_object())); }

void dx_json_free(dx_json *v)
{
    if (v) json_decref(J(v));
}

static void set(dx_json *o, const char *key, json_t *v)
{
    if (json_object_set_new(J(o), key, v) != 0) must(NULL);
}

void dx_json_set_strn(dx_json *o, const char *key, const char *s, size_t n) { set(o, key, string_of(s, n)); }

void dx_json_set_str(dx_json *o, const char *key, const char *s)
{
    set(o, key, string_of(s, s ? strlen(s) : 0));
}

void dx_json_set_int(dx_json *o, const char *key, long long v) { set(o, key, must(json_integer(v))); }

void dx_json_set_bool(dx_json *o, const char *key, int v) { set(o, key, must(json_boolean(v))); }

dx_json *dx_json_set_object(dx_json *o, const char *key)
{
    json_t *v = must(json_object());
    set(o, key, v);
    return D(v);
}

dx_json *dx_json_set_array(dx_json *o, const char *key)
{
    json_t *v = must(json_array());
    set(o, key, v);
    return D(v);
}

dx_json *dx_json_array_at(dx_json *o, const char *key)
{
    json_t *v = json_object_get(J(o), key);
    return v && json_is_array(v) ? D(v) : dx_json_set_array(o, key);
}

void dx_json_push_strn(dx_json *a, const char *s, size_t n)
{
    if (json_array_append_new(J(a), string_of(s, n)) != 0) must(NULL);
}

void dx_json_push_str(dx_json *a, const char *s) { dx_json_push_strn(a, s, s ? strlen(s) : 0); }

int dx_json_has_str(const dx_json *a, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(J(a), i, v) if (strcmp(json_string_value(v) ? json_string_value(v) : "", s) == 0) return 1;
    return 0;
}

size_t dx_json_len(const dx_json *a) { return json_array_size(J(a)); }

int dx_json_write_line(const dx_json *v, FILE *fp)
{
    /* json_dumpf hands stdio every token on its own; a line is made in a
     * buffer and written in one go */
    char stack[8192];
    char *line = stack;
    size_t n = json_dumpb(J(v), stack, sizeof(stack) - 1, JSON_COMPACT);
    if (!n) return -1;
    if (n > sizeof(stack) - 1) {
        line = malloc(n + 1);
        if (!line || json_dumpb(J(v), line, n, JSON_COMPACT) != n) {
            free(line);
            return -1;
        }
    }
    line[n] = '\n';
    int bad = fwrite(line, 1, n + 1, fp) != n + 1;
    if (line != stack) free(line);
    return bad ? -1 : 0;
}

/* jsonio.h - all JSON writing, through jansson (the only file that
 * includes <jansson.h> is jsonio.c): objects built value by value and
 * written one a line (JSON lines), so that no writer builds JSON text by
 * hand. */
#ifndef DOSSIER_BASE_JSONIO_H
#define DOSSIER_BASE_JSONIO_H

#include <stddef.h>
#include <stdio.h>

/* A JSON object or array being built (jansson's json_t). */
typedef struct dx_json dx_json;

/* A new empty object. Caller frees with dx_json_free. */
dx_json *dx_json_object(void);
void dx_json_free(dx_json *v);
/* o[key] = the string s (n bytes; bytes that are not UTF-8 become U+FFFD).
 * Setting a key again replaces its value and keeps its place. */
void dx_json_set_strn(dx_json *o, const char *key, const char *s, size_t n);
void dx_json_set_str(dx_json *o, const char *key, const char *s);
void dx_json_set_int(dx_json *o, const char *key, long long v);
/* o[key] = true or false (v != 0). */
void dx_json_set_bool(dx_json *o, const char *key, int v);
/* o[key] = a new empty object or array; returns it (borrowed from o). */
dx_json *dx_json_set_object(dx_json *o, const char *key);
dx_json *dx_json_set_array(dx_json *o, const char *key);
/* o[key] when it is an array; else a new empty array set there. */
dx_json *dx_json_array_at(dx_json *o, const char *key);
/* Append the string s (n bytes) to the array a. */
void dx_json_push_strn(dx_json *a, const char *s, size_t n);
void dx_json_push_str(dx_json *a, const char *s);
/* 1 when the array a already holds the string s. */
int dx_json_has_str(const dx_json *a, const char *s);
size_t dx_json_len(const dx_json *a);
/* Write v compactly (keys in the order they were set) and a newline.
 * Returns 0, or -1 when the stream failed. */
int dx_json_write_line(const dx_json *v, FILE *fp);

#endif

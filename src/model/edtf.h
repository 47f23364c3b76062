/* edtf.h - EDTF date values in one place: their ISO-day bounds, their
 * words, their precision, and the calendar arithmetic under them. Values
 * are strings such as "1938-03-13", "1938-03", "1938", "193X", "1938-21"
 * (spring), "1932/1933", with "~" (approximate) or "?" (uncertain). */
#ifndef DOSSIER_MODEL_EDTF_H
#define DOSSIER_MODEL_EDTF_H

#include <stddef.h>

#include "base/buf.h"
#include "model/types.h"

/* The proleptic Gregorian calendar. */
int dx_is_leap(int y);
int dx_month_days(int y, int m); /* m 1-12 */
/* Days since 1970-01-01 (H. Hinnant's algorithms), and back. */
long dx_days_from_civil(int y, int m, int d);
void dx_civil_from_days(long z, int *y, int *m, int *d);

/* ISO day bounds of an EDTF value ("1938-03" -> 1938-03-01, 1938-03-31).
 * Returns 0 when the value has no calendar bounds (empty, unresolved,
 * before year 1). */
int dx_edtf_bounds(const char *edtf, char start[11], char end[11]);
/* The first and last day of an EDTF value as days since 1970-01-01 (see
 * dx_days_from_civil), BC years included ("-0043" is 44 BC); 0 when the
 * value has no calendar bounds. */
int dx_edtf_days(const char *edtf, long *from, long *to);
/* YYYY-MM-DD as a number (1938-03-13 -> 19380313), or -1 for anything else. */
long dx_iso_day_number(const char *s);
/* An EDTF value in words, appended to out: "13 March 1938", "spring 1938",
 * "March 1937 – April 1937", "c. 1938", preceded by the modifier ("early"). */
void dx_edtf_words(const char *edtf, dx_date_mod mod, dx_buf *out);
/* How much of a date the value gives (of v[0..n)): 1 year, 2 month (or
 * season), 3 day. */
int dx_edtf_precision(const char *v, size_t n);
/* The ISO days start..end as Gephi's spreadsheet import reads an interval
 * set (a column whose name contains "interval"): "<[start,end]>", or
 * nothing when start is empty. Replaces the contents of b. */
void dx_gephi_interval(dx_buf *b, const char *start, const char *end);

#endif

/* escape.h - text made safe for XML and HTML, shared by the writers of
 * graph.gexf, report.html, timelinejs.csv and graph.dot's HTML labels. */
#ifndef DOSSIER_EXPORT_ESCAPE_H
#define DOSSIER_EXPORT_ESCAPE_H

#include <stddef.h>

#include "base/buf.h"

/* A copy of s that XML 1.0 can carry: control characters other than tab,
 * LF and CR, DEL, U+FFFE/U+FFFF and invalid bytes become U+FFFD. Caller frees. */
char *dx_xml_clean(const char *s);
/* 1 when dx_xml_clean would return s[0..n) unchanged: nothing XML 1.0
 * forbids, valid UTF-8. */
int dx_xml_is_clean(const char *s, size_t n);
/* 1 when s[0..n) is printable ASCII without & < > ": text that goes into
 * XML or HTML as it is, in content and in attribute values. */
int dx_xml_plain(const char *s, size_t n);
/* 1 when s[0..n), as an attribute value, goes into XML exactly as it is:
 * nothing XML 1.0 forbids, valid UTF-8, none of & < > " tab LF CR (the
 * bytes libxml2's attribute escaping changes). */
int dx_xml_attr_as_is(const char *s, size_t n);
/* Text escaped for HTML and XML content and attributes (& < > " and CR),
 * by libxml2. Caller frees. */
char *dx_html_escape(const char *s);
/* dx_html_escape(s) appended to out, without allocating when s is clean
 * and has nothing to escape. */
void dx_html_escape_to(dx_buf *out, const char *s);
/* libxml2 prints its own "I/O error : No space left on device" on stderr
 * when a write fails: this thread's libxml2 says nothing from now on (the
 * library never prints; export.c reports the failure, naming the output
 * directory). */
void dx_xml_quiet(void);

#endif

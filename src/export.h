/* export.h - helpers shared by the exporters (export_*.c). */
#ifndef DOSSIER_EXPORT_H
#define DOSSIER_EXPORT_H

#include "graph.h"

/* 1 when dx_xml_clean would return s[0..n) unchanged: nothing XML 1.0
 * forbids, valid UTF-8. */
int dx_xml_is_clean(const char *s, size_t n);
/* 1 when s[0..n) is printable ASCII without & < > ": text that goes into
 * XML or HTML as it is, in content and in attribute values. */
int dx_xml_plain(const char *s, size_t n);
/* dx_html_escape(s) appended to out, without allocating when s is clean
 * and has nothing to escape. */
void dx_html_escape_to(dx_buf *out, const char *s);
/* Labels of the given entities joined with "; ", appended to out. */
void dx_join_labels_to(dx_buf *out, const dx_graph *g, const int32_t *idx, size_t n);

#endif

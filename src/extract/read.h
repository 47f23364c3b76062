/* read.h - the readers: a file or a buffer decoded into the plain text that
 * every offset refers to (doc->text), whatever its format. */
#ifndef DOSSIER_EXTRACT_READ_H
#define DOSSIER_EXTRACT_READ_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "dossier.h"
#include "extract/doc.h"

/* read.c: decode a file (or a buffer, data borrowed) into doc->text and
 * doc->warning (what was repaired). 0, or an error code with err filled. */
int dx_read_file(const char *path, dx_doc *doc, dossier_error *err);
/* The same, the document called name in messages and outputs (its
 * extension picks the reader): for standard input, path "-". */
int dx_read_file_as(const char *path, const char *name, dx_doc *doc, dossier_error *err);
int dx_read_memory(const char *path, const char *data, size_t n, dx_doc *doc, dossier_error *err);
/* The same with the options' archive limits (opt may be NULL). On an
 * error doc->status says skipped or failed. path may name an archive
 * member ("a.zip:doc.pdf"). doc->meta is filled by every reader. */
int dx_read_file_opt(const char *path, const dossier_options *opt, dx_doc *doc, dossier_error *err);
/* The same, with the name the outputs give the document ("-": standard
 * input, named by the caller). */
int dx_read_file_opt_as(const char *path, const char *name, const dossier_options *opt, dx_doc *doc,
                        dossier_error *err);
int dx_read_memory_opt(const char *path, const char *data, size_t n, const dossier_options *opt, dx_doc *doc,
                       dossier_error *err);
/* read_markup.c: HTML / XML text extraction through libxml2, appended to out. */
int dx_markup_to_text(const char *path, const char *data, size_t n, int is_html,
                      dx_buf *out, dossier_error *err);
/* The same, with the metadata, and what had to be repaired or guessed (XML
 * that is not well-formed, prose saved as .xml) appended to warning, with
 * its line in *line (warning and line may be NULL). */
int dx_markup_to_text_repair(const char *path, const char *data, size_t n, int is_html, dx_buf *out,
                             dx_docmeta *meta, dx_buf *warning, long *line, dossier_error *err);

typedef enum {
    DX_KIND_NONE = 0, /* not a type dossier reads */
    DX_KIND_TEXT,     /* .txt .text */
    DX_KIND_HTML,     /* .html .htm .xhtml */
    DX_KIND_XML,      /* .xml (TEI among them) */
    DX_KIND_PDF,
    DX_KIND_DOCX,
    DX_KIND_ODT,
    DX_KIND_EPUB,
    DX_KIND_ARCHIVE   /* .zip .tar .tar.gz .tgz .tar.bz2 .tbz2 .tar.xz .txz: members are documents */
} dx_kind;
/* The kind of a file by its name's extension (case ignored). */
dx_kind dx_kind_of(const char *name);
/* The extension as reported ("jpg"), or "" when the name has none; borrowed from name. */
const char *dx_ext_of(const char *name);

/* Limits against archive bombs, defaults filled in (dossier_options). */
typedef struct {
    uint64_t member_bytes; /* one member, uncompressed */
    uint64_t total_bytes;  /* one archive given as input, all its members */
    uint64_t members;      /* members of one archive */
    uint32_t depth;        /* archives inside archives */
} dx_limits;
void dx_limits_from(const dossier_options *opt, dx_limits *lim);

/* read_pdf.c: the text layer of a PDF, page by page, into doc->text;
 * doc->meta and doc->page_starts filled. 0, or EIO with err and
 * doc->status set (skipped: no text layer, encrypted, malformed). */
int dx_read_pdf(const char *path, const char *data, size_t n, dx_doc *doc, dossier_error *err);

/* read_office.c: DOCX, ODT and EPUB (zip files of XML) into text. */
int dx_read_office(const char *path, dx_kind kind, const char *data, size_t n, const dx_limits *lim,
                   dx_doc *doc, dossier_error *err);

/* read_markup.c: dx_markup_to_text, and the metadata of the page into
 * meta (NULL: none): HTML <title> and <meta>, the TEI header, Dublin Core
 * elements of other XML; format "tei" for a TEI document. */
int dx_markup_to_text_meta(const char *path, const char *data, size_t n, int is_html, dx_buf *out,
                           dx_docmeta *meta, dossier_error *err);
/* The title, creators and date of an XMP packet (PDF metadata), into meta. */
void dx_xmp_meta(const char *data, size_t n, dx_docmeta *meta);

/* read_archive.c */
/* One member of a zip held in memory (office formats): 0 and its bytes
 * appended to out; 1 when there is no such member; -1 on an error or a
 * member over max bytes (why says which). */
int dx_zip_member(const char *data, size_t n, const char *member, uint64_t max, dx_buf *out,
                  char *why, size_t why_len);
/* "archive.zip:dir/doc.pdf" (members of nested archives: "a.zip:b.tar:doc.txt")
 * when path names no file: the member's bytes into out. 1 when path is not
 * a member of an archive (nothing read); 0 read; -1 with err set. */
int dx_archive_member(const char *path, const dx_limits *lim, dx_buf *out, dossier_error *err);

#endif

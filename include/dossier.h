/* dossier.h - public API: extract people, organisations, places, dates and
 * alleged events from documents into a typed graph, and export it. */
#ifndef DOSSIER_H
#define DOSSIER_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_VERSION "0.1.0"

/* Status codes; also the CLI's exit codes. */
enum {
    DOSSIER_OK = 0,
    DOSSIER_EUSAGE = 1, /* bad command line */
    DOSSIER_EIO = 2,    /* an input could not be read / an output not written */
    DOSSIER_EDATA = 3,  /* a gazetteer or lexicon file is malformed */
    DOSSIER_EPARTIAL = 4 /* a partial result file is malformed or of another version */
};

/* An error record filled by fallible calls; the library never prints. */
typedef struct {
    int code;
    char file[512]; /* the file concerned, or "" */
    long line;      /* 1-based line in file, or 0 */
    char message[512];
} dossier_error;

/* Format err as "FILE:LINE: message" (or "FILE: message", or "message"). */
void dossier_error_format(const dossier_error *err, char *buf, size_t n);

/* ---- lexicon: the gazetteers and word lists under entities/ ---- */
typedef struct dx_lexicon dossier_lexicon;

/* Load every data file from dir. Returns NULL with err filled (EDATA with
 * file and line for a malformed line, EIO for a missing file). Caller frees
 * with dossier_lexicon_free. */
dossier_lexicon *dossier_lexicon_load(const char *dir, dossier_error *err);
void dossier_lexicon_free(dossier_lexicon *lex);
/* The directory to load when the user names none: $DOSSIER_ENTITIES when
 * set; else, for a program run from the tree it was built in, the tree's
 * entities/; else an entities/ beside the program, or
 * ../share/dossier/entities from the program's bin/ (an installation moved
 * whole, or still under its DESTDIR); else the installed
 * PREFIX/share/dossier/entities compiled in. Writes the path into dir (n
 * bytes); looked (may be NULL) gets the places considered, in order, for a
 * message. Returns 0, or -1 when dir is too small. */
int dossier_lexicon_default_dir(char *dir, size_t n, char *looked, size_t looked_n);

/* ---- per-document extraction (the map step) ---- */
typedef struct dossier_docresult dossier_docresult;

/* Limits against archive bombs (zip and tar inputs, and the zip files that
 * DOCX, ODT and EPUB are); 0 is the default. */
typedef struct {
    unsigned long long member_bytes; /* one member, uncompressed (default 256 MiB) */
    unsigned long long total_bytes;  /* one input archive, all its members (default 1 GiB) */
    unsigned long long members;      /* members of one archive (default 10,000) */
    unsigned depth;                  /* archives inside archives (default 3) */
} dossier_limits;

typedef struct {
    const char *dct;   /* document creation date YYYY-MM-DD, or NULL: then the date of the
                        * document's metadata (HTML <meta>, TEI header), if any */
    const char *stdin_name; /* what standard input is called in the outputs
                               (its extension picks the reader); NULL: "stdin" */
    const char *dct_from; /* where dct comes from, as the report says it ("--dct"), or NULL */
    dossier_limits limits;
    int strict;        /* a document the reader could only repair by guessing (XML that
                        * is not well-formed, prose saved as .xml) is an error, not a
                        * warning */
} dossier_options;

/* Dates per document (--dct-file): a TSV file with the header row
 * "document<TAB>date" and one row per document, the date YYYY-MM-DD. */
typedef struct dossier_dct_table dossier_dct_table;
/* NULL with err filled (file and line) when the file cannot be read or a row
 * is malformed or repeats a document. */
dossier_dct_table *dossier_dct_table_load(const char *path, dossier_error *err);
/* The date listed for a document: by its path as given, else its file name,
 * else its file name without the extension; NULL when not listed. */
const char *dossier_dct_table_find(const dossier_dct_table *t, const char *path);
void dossier_dct_table_free(dossier_dct_table *t);

/* Read and extract one document. path names it in the outputs; "-" is
 * standard input, named opt->stdin_name. Returns NULL with err filled when
 * the document cannot be read. Caller frees. */
dossier_docresult *dossier_extract_file(const dossier_lexicon *lex, const char *path,
                                        const dossier_options *opt, dossier_error *err);
/* The same for a document already in memory (data borrowed). */
dossier_docresult *dossier_extract_memory(const dossier_lexicon *lex, const char *path,
                                          const char *data, size_t n,
                                          const dossier_options *opt, dossier_error *err);
void dossier_docresult_free(dossier_docresult *r);
/* What the reader repaired in the document (UTF-16 decoded, invalid UTF-8
 * read as Windows-1252), or NULL. Borrowed, valid until r is freed. */
const char *dossier_docresult_warning(const dossier_docresult *r);

/* What happened to an input (documents.csv's status). */
typedef enum {
    DOSSIER_DOC_READ = 0, /* its text was read */
    DOSSIER_DOC_SKIPPED,  /* it holds no text dossier can use: a scan without a text layer,
                           * an encrypted, malformed or binary file, an archive member over
                           * a limit, a type dossier does not read */
    DOSSIER_DOC_FAILED    /* it could not be read: missing, unreadable, an I/O error */
} dossier_doc_status;

/* Like dossier_extract_file, but never NULL: an input that cannot be read
 * has a result too, with no content, whose status says skipped or failed
 * (err says why), so that documents.csv lists it. path may name an archive
 * member ("archive.zip:dir/doc.pdf", see dossier_archive_list). */
dossier_docresult *dossier_extract_input(const dossier_lexicon *lex, const char *path,
                                         const dossier_options *opt, dossier_error *err);
/* A result for an input that was not extracted (a walk's file of a type
 * dossier does not read, an archive member over a limit): status and why
 * for documents.csv; bytes its size. Caller frees (or hands it to a corpus). */
dossier_docresult *dossier_docresult_new_skipped(const char *path, dossier_doc_status status,
                                                 unsigned long long bytes, const char *why);
dossier_doc_status dossier_docresult_status(const dossier_docresult *r);

/* What a file name is to dossier, by its extension: a document it reads
 * (.txt .text .html .htm .xhtml .xml .pdf .docx .odt .epub), an archive whose
 * members are documents (.zip .tar .tar.gz .tgz .tar.bz2 .tbz2 .tar.xz .txz),
 * or neither. */
enum { DOSSIER_INPUT_NONE = 0, DOSSIER_INPUT_DOCUMENT, DOSSIER_INPUT_ARCHIVE };
int dossier_input_kind(const char *name);

/* One member of an archive as dossier_archive_list reports it. */
typedef struct {
    const char *name;            /* "archive.zip:dir/doc.pdf"; borrowed for the call */
    dossier_doc_status status;   /* READ: a document to extract; SKIPPED: not to be read */
    const char *why;             /* SKIPPED: why ("over the 256 MiB member limit"), else "" */
    unsigned long long bytes;    /* its size as stored, uncompressed */
    unsigned long long order;    /* its place in the archive: reading members in this order
                                  * reads a compressed tar once */
} dossier_member;
typedef void (*dossier_member_fn)(void *ud, const dossier_member *m);
/* The members of the archive at path (nested archives opened, up to the
 * limits), in sorted order: documents of the types a directory walk takes,
 * and members of other types as SKIPPED ("not a readable type"). Folders,
 * hidden files and __MACOSX are left out, as a walk leaves them. A member
 * over a limit is SKIPPED with why. Returns 0; or EIO with err set when the
 * archive cannot be read (not an archive, truncated, corrupt) after
 * reporting the members read before the damage. */
int dossier_archive_list(const char *path, const dossier_options *opt, dossier_member_fn fn, void *ud,
                         dossier_error *err);

/* The plain text that offsets refer to. Caller frees *text. */
int dossier_text_file(const char *path, char **text, size_t *len, dossier_error *err);

/* Starts keeping the CPU time of each pipeline stage (summed over
 * threads) for dossier_stats_print; call once, before any extraction.
 * Off by default: reading a thread's CPU clock is a system call, twice a
 * stage a document, which costs a tenth of a run over short documents. */
void dossier_stats_enable(void);
/* CPU time per pipeline stage so far (zero unless dossier_stats_enable was
 * called), then the wall-clock phases. */
void dossier_stats_print(FILE *fp);
/* Ends the wall-clock phase begun at the previous call and names it (NULL:
 * starts the clock). Phases are marked by one thread, in order. */
void dossier_stats_phase(const char *name);

/* ---- the corpus (the reduce step) ---- */
typedef struct dossier_corpus dossier_corpus;

dossier_corpus *dossier_corpus_new(void);
void dossier_corpus_free(dossier_corpus *c);
/* Hand a document's result to the corpus (takes ownership of r). Documents
 * may be added in any order, from several threads at once: the outputs are
 * sorted by document path. */
void dossier_corpus_add(dossier_corpus *c, dossier_docresult *r);
/* When the documents are known beforehand: they will come as n slots, slot
 * order being path order (dossier_corpus_add_at, in any order, from any
 * thread). Each is merged into the graph as soon as every slot before it is
 * in, while later ones are still being extracted. The outputs are the same
 * as with dossier_corpus_add: a slot order that is not path order only
 * costs a merge at export time. paths (the slots' paths, or NULL): when
 * they are strictly increasing, the spill keeps only what the outputs read
 * back, and such a corpus cannot be written as a partial result. */
void dossier_corpus_expect(dossier_corpus *c, size_t n, const char *const *paths);
/* The result of slot i (takes ownership); r NULL: that document has none. */
void dossier_corpus_add_at(dossier_corpus *c, size_t i, dossier_docresult *r);
/* From now on, keep added results in a temporary file instead of memory
 * (bounded memory for large corpora), in dir (NULL: $TMPDIR, else /tmp);
 * the sentences of the graph merged for the outputs go to a second one.
 * Returns 0, or EIO if no temporary file can be made there (the corpus then
 * stays in memory; err names the directory). */
int dossier_corpus_spill_in(dossier_corpus *c, const char *dir, dossier_error *err);
/* The same in $TMPDIR, else /tmp. */
int dossier_corpus_spill(dossier_corpus *c, dossier_error *err);
/* 1 when a write to the spill failed (a full disk): the results it could
 * not take stayed in memory; err names the directory and says why. */
int dossier_corpus_spill_failed(const dossier_corpus *c, dossier_error *err);
/* Serialise everything added so far as one partial result (a shard). */
int dossier_corpus_write_partial(const dossier_corpus *c, const char *path, dossier_error *err);
/* Add the documents of a partial result written by write_partial. A
 * document whose rows are those of one already added (the same shard
 * given twice, or a copy of it) is not added again, only counted. */
int dossier_corpus_read_partial(dossier_corpus *c, const char *path, dossier_error *err);
/* How many documents read_partial found already in and did not add. */
size_t dossier_corpus_duplicates(const dossier_corpus *c);

/* Write the entities found by their shape but not in the gazetteers, most
 * frequent first, as gazetteer lines (id, label, type, aliases, start, end,
 * roles) followed by count and an example sentence: ready to paste into
 * entities/. */
int dossier_corpus_write_candidates(dossier_corpus *c, FILE *fp, dossier_error *err);


/* What graph.dot / graph.svg / report.html draw. */
typedef enum {
    DOSSIER_VIEW_NONE = 0,   /* the default: DOSSIER_VIEW_NETWORK */
    DOSSIER_VIEW_NETWORK,    /* people, organisations and places, and the relations between them */
    DOSSIER_VIEW_PEOPLE,     /* people only */
    DOSSIER_VIEW_EVENTS,     /* events in date order, with who took part in them */
    DOSSIER_VIEW_FULL        /* entities and events together */
} dossier_view;

/* Zero-initialised options are the defaults. */
typedef struct {
    int excel;             /* CSV with BOM and CRLF */
    int gexf_12;           /* write GEXF 1.2draft instead of 1.3 */
    dossier_view view;     /* what the diagram draws */
    unsigned min_weight;   /* diagram: hide co-occurrences seen fewer times (0: default 3) */
    unsigned top;          /* diagram: keep the N most connected entities (0: default 40) */
    int svg;               /* also write graph.svg, rendered through graphviz's gvc */
    int jobs;              /* outputs written in parallel by up to this many threads (0, 1: one) */
    int json;              /* also events.jsonl, accounts.jsonl, entities.jsonl, mentions.jsonl */
    int ftm;               /* also entities.ftm.json (followthemoney, for Aleph) */
    unsigned timeline_min_accounts; /* timelinejs.csv: only events told by at least this many
                                       accounts (0: all dated events) */
} dossier_export_options;

/* Merge entities, events and graph over all documents and write every output
 * file into dir (graph.dot, graph.gexf, the CSV files, report.html, and
 * graph.svg when opt->svg) as one set: one process at a time writes into dir
 * (an exclusive lock on it: a second call waits), the new set is written
 * apart and replaces the previous one at once, only when all succeeded
 * (export/outdir.h says how). opt may be NULL for the defaults. */
int dossier_corpus_export(dossier_corpus *c, const char *dir,
                          const dossier_export_options *opt, dossier_error *err);
/* 1 when another process is writing outputs into dir now (dossier_corpus_export
 * would wait for it: one writer at a time). */
int dossier_output_busy(const char *dir);

#ifdef __cplusplus
}
#endif
#endif

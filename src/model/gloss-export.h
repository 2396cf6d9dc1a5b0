/* gloss-export.h — turning a corpus into the dataset formats NLP tools read
 *
 * One corpus walker (gloss-export.c) loads each article × annotator once
 * and hands it to the writer of the chosen format, one module per format
 * (gloss-format-jsonl.c, -doccano.c, -conll.c, -brat.c, -w3c.c, -csv.c).
 * Every loss a format forces (an overlap CoNLL cannot hold, a relation a
 * format lacks, a note, an orphan) is counted in the summary, never silent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-corpus.h"
#include "gloss-document.h"
#include "gloss-label-set.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_FORMAT_JSONL,
  GLOSS_FORMAT_DOCCANO,
  GLOSS_FORMAT_CONLL,
  GLOSS_FORMAT_BRAT,
  GLOSS_FORMAT_W3C,
  GLOSS_FORMAT_CSV,
} GlossFormat;

/* "jsonl", "doccano", "conll", "brat", "w3c", "csv" */
const char *gloss_format_to_string     (GlossFormat  format);
gboolean    gloss_format_from_string   (const char  *name,
                                        GlossFormat *format);
/* TRUE for brat: the output is a folder of X.txt + X.ann, not one file. */
gboolean    gloss_format_writes_folder (GlossFormat  format);
/* A file name extension for single-file formats: ".jsonl", ".json", ".conll", ".csv". */
const char *gloss_format_get_extension (GlossFormat  format);

typedef enum
{
  GLOSS_OFFSETS_CODE_POINTS,
  GLOSS_OFFSETS_UTF16,
  GLOSS_OFFSETS_BYTES,       /* UTF-8 bytes of the text, BOM excluded */
} GlossOffsetUnit;

const char *gloss_offset_unit_to_string   (GlossOffsetUnit  unit);    /* "codepoints", "utf16", "bytes" */
gboolean    gloss_offset_unit_from_string (const char      *name,
                                           GlossOffsetUnit *unit);
/* Converts a code-point offset of @document into @unit. */
guint       gloss_offset_convert          (GlossDocument   *document,
                                           guint            offset,
                                           GlossOffsetUnit  unit);

/* The unit a format's readers count, used when none is chosen (`--offsets`
 * left out, the dialogs' first choice): UTF-16 code units for doccano,
 * whose annotation view indexes JavaScript strings; code points for every
 * other format (brat's standard, Python's str, spaCy's Doc.char_span). */
GlossOffsetUnit gloss_format_get_default_offsets (GlossFormat      format);
/* Whether @format may count in @unit, for export and import alike: CoNLL
 * only in code points; brat in code points or, as an explicit choice for
 * the readers that count UTF-16 (INCEpTION, brat 1.3's viewer), in UTF-16;
 * the others in any unit. FALSE with a message (GLOSS_ERROR_INVALID) that
 * says which units the format takes. */
gboolean    gloss_format_check_offsets    (GlossFormat      format,
                                           GlossOffsetUnit  unit,
                                           GError         **error);

/* CoNLL: the layout of the file, for the reader it is meant for
 * (docs/conll.md). */
typedef enum
{
  GLOSS_CONLL_VARIANT_FULL,       /* "full": comments, offsets, all tag columns */
  GLOSS_CONLL_VARIANT_NLTK,       /* "nltk": for nltk's ConllCorpusReader */
  GLOSS_CONLL_VARIANT_SPACY_NER,  /* "spacy-ner": for `spacy convert --converter ner` */
} GlossConllVariant;

/* CoNLL: which tag columns the file holds. */
typedef enum
{
  GLOSS_CONLL_TAGS_DEFAULT,   /* all for "full", entity for the others */
  GLOSS_CONLL_TAGS_ALL,       /* "all": entity, quote and claim */
  GLOSS_CONLL_TAGS_ENTITY,    /* "entity" */
  GLOSS_CONLL_TAGS_QUOTE,     /* "quote" */
  GLOSS_CONLL_TAGS_CLAIM,     /* "claim" */
} GlossConllTags;

const char *gloss_conll_variant_to_string   (GlossConllVariant  variant);
gboolean    gloss_conll_variant_from_string (const char        *name,
                                             GlossConllVariant *variant);
const char *gloss_conll_tags_to_string      (GlossConllTags     tags);
gboolean    gloss_conll_tags_from_string    (const char        *name,
                                             GlossConllTags    *tags);
/* Whether @variant can hold @tags: "spacy-ner" has room for one tag column
 * only. FALSE with a message (GLOSS_ERROR_INVALID) otherwise. */
gboolean    gloss_conll_check_tags          (GlossConllVariant  variant,
                                             GlossConllTags     tags,
                                             GError           **error);

typedef struct
{
  GlossFormat      format;
  GlossOffsetUnit  offsets;      /* see gloss_format_check_offsets(); callers start from
                                  * gloss_format_get_default_offsets() */
  char           **annotators;   /* NULL-terminated, or NULL for all */
  char           **labels;       /* NULL-terminated, or NULL for all */
  /* Write over an existing output without asking (`gloss-cli export
   * --force`): replace an existing file, or, in a folder that is not empty,
   * the files of the names this export writes — never anything else. */
  gboolean         force;
  /* doccano: the shape of a project with relation labeling on (`entities`
   * with ids, `relations` with from_id/to_id/type) instead of the classic
   * `label` list, which has no place for relations. */
  gboolean         doccano_relations;
  /* CoNLL only: the layout and the tag columns (both 0 by default: the
   * full file, every column). */
  GlossConllVariant conll_variant;
  GlossConllTags    conll_tags;
} GlossExportOptions;

/* An output that already exists, as the export found it just before
 * writing: what it would replace (or did replace) and what it leaves as
 * it is. Names are relative to the output folder (a folder's with a
 * trailing "/"); for a single-file output, @replaced holds its own name. */
typedef struct
{
  GFile     *output;
  gboolean   folder;     /* the output is a folder (brat) */
  GPtrArray *replaced;   /* char*: sorted */
  GPtrArray *kept;       /* char*: sorted; always empty for a single file */
} GlossExportExisting;

GlossExportExisting *gloss_export_existing_copy (const GlossExportExisting *existing);
void                 gloss_export_existing_free (GlossExportExisting       *existing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossExportExisting, gloss_export_existing_free)

/* Asked before an export writes over an existing file or into a folder
 * that is not empty (and options->force is not set), from the thread that
 * runs the export; TRUE to go on. It may block until a person answers, and
 * should give up (FALSE) when @cancellable is cancelled. */
typedef gboolean (*GlossExportConfirm) (const GlossExportExisting *existing,
                                        GCancellable              *cancellable,
                                        gpointer                   user_data);

/* "a.txt, b.txt, c.txt and 4 more": at most @max_shown of @names. */
char *gloss_export_join_names (GPtrArray *names,
                               guint      max_shown);

/* Counts of what was exported and of what a format could not hold. */
typedef struct
{
  guint  articles;           /* articles with at least one exported record */
  guint  records;            /* article × annotator records */
  guint  spans;
  guint  relations;
  guint  notes;
  guint  lost_overlaps;      /* spans a format could not place (e.g. CoNLL overlap in one column) */
  guint  lost_relations;     /* relations a format has no place for */
  guint  lost_notes;         /* notes a format has no place for */
  guint  lost_orphans;       /* orphaned annotations (no position): never exported as spans */
  guint  cut_tokens;         /* CoNLL: spans that start or end inside a token */
  guint  failed;             /* sidecars or articles that could not be read (see problems) */
  GPtrArray *problems;       /* char*: one line each, "FILE: what" */
  /* The output as it existed: what was replaced (after a success) or would
   * have been (when the export refused it); NULL when there was no output
   * yet, or an empty folder. */
  GlossExportExisting *existing;
} GlossExportSummary;

void  gloss_export_summary_init    (GlossExportSummary *summary);
void  gloss_export_summary_clear   (GlossExportSummary *summary);
/* One human line per non-zero figure, e.g. "3 articles, 6 records, 215 spans". */
char *gloss_export_summary_to_string (const GlossExportSummary *summary);

/* One article × annotator, loaded, handed to a format writer. */
typedef struct
{
  GlossDocument *document;
  GlossSidecar  *sidecar;      /* loaded cleanly */
  GlossLabelSet *labels;       /* the article folder's label set */
  const char    *annotator;
  const char    *article_id;   /* the article's path relative to the walk's root, '/' separated */
  GFile         *article_file;
} GlossExportRecord;

/* Progress: called after each article, from the thread that runs the export. */
typedef void (*GlossExportProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Exports @corpus (articles in corpus order; annotators sorted) to @output:
 * a file for single-file formats, a folder for brat. Blocking: run it in a
 * thread (GTask) from a UI. Returns FALSE with @error on a failure to write,
 * a refusal, or when cancelled; unreadable sidecars are not a failure
 * (counted in summary->failed, listed in problems).
 *
 * Nothing the export did not write itself is ever removed or replaced
 * without consent (docs/export.md, "Writing the output"):
 *  - A new output is written as a hidden temporary file or folder beside it
 *    and renamed into place only when complete.
 *  - An existing file, or a folder that is not empty, is written over only
 *    with options->force or when @confirm answers TRUE; otherwise the export
 *    fails with G_IO_ERROR_EXISTS, a message naming what would have been
 *    replaced, and summary->existing saying the same. A single file is
 *    asked about before the work, a folder once the files are written (so
 *    that the answer is about the exact names). A declined question ends
 *    with G_IO_ERROR_CANCELLED.
 *  - Into an existing folder, the files are written in a hidden folder in
 *    it, then each moved over its namesake (rename: a reader sees the old
 *    file or the new one); every other file stays as it was. If one move
 *    fails, those done are undone. A read-only file or a folder in the way
 *    is refused, force or not.
 *  - A failed, refused or cancelled export leaves the old output as it was,
 *    and no temporary file.
 * summary->existing lists what was replaced. */
gboolean gloss_export_corpus (GlossCorpus               *corpus,
                              GFile                     *root,
                              const GlossExportOptions  *options,
                              GFile                     *output,
                              GlossExportProgress        progress,
                              gpointer                   progress_data,
                              GlossExportSummary        *summary,
                              GCancellable              *cancellable,
                              GError                   **error);

/* The same, asking @confirm (may be NULL: refuse) before writing over an
 * existing output when options->force is not set. */
gboolean gloss_export_corpus_full (GlossCorpus               *corpus,
                                   GFile                     *root,
                                   const GlossExportOptions  *options,
                                   GFile                     *output,
                                   GlossExportProgress        progress,
                                   gpointer                   progress_data,
                                   GlossExportConfirm         confirm,
                                   gpointer                   confirm_data,
                                   GlossExportSummary        *summary,
                                   GCancellable              *cancellable,
                                   GError                   **error);

/* An export started with gloss_export_corpus_async() waiting for a person's
 * answer to a question (GlossExportAsk). */
typedef struct _GlossExportReply GlossExportReply;

/* Asked on the caller's main context before an asynchronous export writes
 * over @existing (options->force not set). @reply is the callee's: answer
 * it exactly once with gloss_export_reply_answer(), now or later (from a
 * button, say); a cancel also ends the wait, and a late answer is then
 * ignored. */
typedef void (*GlossExportAsk) (const GlossExportExisting *existing,
                                GlossExportReply          *reply,
                                gpointer                   user_data);

/* TRUE: write over what was asked about; FALSE: leave it as it is. Frees
 * @reply. Any thread. */
void     gloss_export_reply_answer (GlossExportReply *reply,
                                    gboolean          replace);

/* gloss_export_corpus_full() in a worker thread, for a UI. @progress and
 * @ask (either may be NULL; no @ask refuses to write over anything) are
 * called on the thread-default main context of the caller, with
 * @hooks_data, which must stay valid until @callback has run; progress
 * comes in order (it may skip counts when the main loop is busy, never the
 * last), and all of it before @callback. @options and the other arguments
 * are copied or referenced: the caller may free them at once. Cancelling
 * @cancellable ends the export as the blocking call does: the old output
 * stays as it was, no temporary file is left. */
void     gloss_export_corpus_async  (GlossCorpus               *corpus,
                                     GFile                     *root,
                                     const GlossExportOptions  *options,
                                     GFile                     *output,
                                     GlossExportProgress        progress,
                                     GlossExportAsk             ask,
                                     gpointer                   hooks_data,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
/* The result: FALSE with @error as gloss_export_corpus_full() would give.
 * @summary (initialised with gloss_export_summary_init()) is replaced by
 * the export's, after a failure too (summary->existing on a refusal). */
gboolean gloss_export_corpus_finish (GAsyncResult              *result,
                                     GlossExportSummary        *summary,
                                     GError                   **error);

/* @node as one line of compact JSON (no trailing newline) for JSON Lines:
 * UTF-8 kept, and besides the control characters also U+0085, U+2028 and
 * U+2029 escaped, so that no line splitter sees two lines. */
char    *gloss_export_json_line (JsonNode *node);

G_END_DECLS

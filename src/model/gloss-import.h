/* gloss-import.h — bringing brat, JSONL, doccano and Label Studio work into Gloss
 *
 * Each import writes, into an output folder, the article text files and one
 * sidecar per article for the given annotator. An existing sidecar is never
 * overwritten (reported as a problem); an existing article file with the
 * same text is reused, with different text it is a problem too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-export.h"
#include "gloss-file.h"

G_BEGIN_DECLS

typedef struct
{
  guint      articles;       /* article files written or reused */
  guint      sidecars;       /* sidecars written */
  guint      spans;
  guint      relations;
  guint      notes;
  guint      attributes;     /* brat A/M lines, become the spans' attributes */
  guint      fragments;      /* brat discontinuous spans split into one span per fragment */
  guint      comments;       /* doccano comments, kept as the sidecar's "doccano-comments" */
  guint      skipped;        /* lines or records not imported (see problems) */
  GPtrArray *problems;       /* char*: "FILE:LINE: what", one line each */
  guint      warnings;       /* of the problems, those that lost nothing (a link
                              * to a folder already imported, not followed) */

  /* Set by gloss_import_async() only: called in the importing thread
   * after each article, with @article_done_data. */
  void     (*article_done) (gpointer article_done_data);
  gpointer   article_done_data;

  /* Private to the importers: the files written and not yet in place
   * while gloss_import_brat() or gloss_import_jsonl() runs; NULL between
   * calls. */
  GlossFileBatch *batch;
} GlossImportSummary;

void     gloss_import_summary_init       (GlossImportSummary *summary);
void     gloss_import_summary_clear      (GlossImportSummary *summary);
char    *gloss_import_summary_to_string  (const GlossImportSummary *summary);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossImportSummary, gloss_import_summary_clear)

/* Offsets are read in @offsets (gloss_format_check_offsets() says which
 * units a format takes; gloss_format_get_default_offsets() is what its
 * writers count). A span the unit cannot place exactly — an offset inside
 * a character (a surrogate pair, a UTF-8 sequence) or a grapheme cluster,
 * past the end, on a leading BOM — is never moved to fit: it is skipped
 * and reported, naming the file, line, span and offsets. */

/* Writing. Each article file and sidecar is written as a hidden
 * temporary file, and all are put in place when the import ends, after
 * one flush to disk (GlossFileBatch, gloss-file.h): a crash or power loss
 * during an import leaves whole files or none. An import that fails or is
 * cancelled half-way still puts in place what it wrote before. A flush
 * that fails is an error of the import. */

/* brat standoff: @input is an .ann file (its .txt beside it) or a folder of
 * them (recursively). Article ids are kept as annotation ids where valid.
 * @offsets: code points (brat's standard) or UTF-16. */
gboolean gloss_import_brat   (GFile               *input,
                              GFile               *output_folder,
                              const char          *annotator_id,
                              GlossOffsetUnit      offsets,
                              GlossImportSummary  *summary,
                              GCancellable        *cancellable,
                              GError             **error);

/* JSONL as Gloss exports it, or doccano's {"text", "label": [[s, e, l]…]}
 * or {"text", "entities", "relations"} (@format GLOSS_FORMAT_JSONL or
 * GLOSS_FORMAT_DOCCANO); one article per line, named from "id" (or
 * "line-N"). doccano's "Comments" (or "comments") of the example are kept
 * as the sidecar's top-level "doccano-comments" (an array of strings). For
 * jsonl, @annotator_id may be NULL: each line's own "annotator" is used,
 * so a team's export comes back as each person's sidecars. */
gboolean gloss_import_jsonl  (GFile               *input,
                              GlossFormat          format,
                              GFile               *output_folder,
                              const char          *annotator_id,
                              GlossOffsetUnit      offsets,
                              GlossImportSummary  *summary,
                              GCancellable        *cancellable,
                              GError             **error);

/* A JSON list of Label Studio tasks (or one task) at @input: each task an
 * article in @output_folder (named by meta.gloss_article, else its id),
 * each annotation a sidecar of its annotator (@annotator_id, or one made
 * from completed_by), labels/textarea/relation results spans, notes and
 * relations; everything else a located problem (docs/label-studio.md).
 * Predictions are counted and reported, not imported
 * (gloss-import-label-studio.h reads them as suggestions). @offsets: what
 * value.start and value.end count (code points by default, as Label
 * Studio). FALSE when @input cannot be read or is not JSON: then nothing
 * is written. */
gboolean gloss_import_label_studio (GFile               *input,
                                    GFile               *output_folder,
                                    const char          *annotator_id,
                                    GlossOffsetUnit      offsets,
                                    GlossImportSummary  *summary,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* UIMA CAS JSON 0.4.0 as INCEpTION exports it and Gloss's uima-json
 * export writes it: @input is a CAS file or a folder of them
 * (recursively; an unpacked INCEpTION project export reads its
 * annotation/ folder). In a document folder (DOCUMENT/USER.json) the
 * folder names the article and the file the annotator; @annotator_id,
 * when not NULL, is used instead. @offsets: UTF-16 only, the format's
 * unit. What is not a labelled span or relation is reported with its
 * %ID (docs/inception.md). */
gboolean gloss_import_uima_json (GFile               *input,
                                 GFile               *output_folder,
                                 const char          *annotator_id,
                                 GlossOffsetUnit      offsets,
                                 GlossImportSummary  *summary,
                                 GCancellable        *cancellable,
                                 GError             **error);

/* What gloss_import_async() has done so far: @articles written or reused
 * (GlossImportSummary.articles). Called on the thread-default main
 * context of the caller of gloss_import_async(), never after the import's
 * callback nor once its cancellable is cancelled; updates may be merged. */
typedef void (*GlossImportProgressFunc) (guint    articles,
                                         gpointer user_data);

/* gloss_import_brat() (@format GLOSS_FORMAT_BRAT),
 * gloss_import_label_studio() (GLOSS_FORMAT_LABEL_STUDIO),
 * gloss_import_uima_json() (GLOSS_FORMAT_UIMA_JSON) or
 * gloss_import_jsonl() in a worker thread, so the caller's main loop
 * never waits on the disk.
 * @progress (nullable) must stay valid, with @progress_data, until
 * @callback runs or @cancellable is cancelled. */
void     gloss_import_async  (GlossFormat              format,
                              GFile                   *input,
                              GFile                   *output_folder,
                              const char              *annotator_id,
                              GlossOffsetUnit          offsets,
                              GlossImportProgressFunc  progress,
                              gpointer                 progress_data,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data);
/* @summary (nullable) is filled even when the import failed or was
 * cancelled: the importers write article by article, and what came before
 * stays. Clear it with gloss_import_summary_clear(). */
gboolean gloss_import_finish (GAsyncResult            *result,
                              GlossImportSummary      *summary,
                              GError                 **error);

G_END_DECLS

G_BEGIN_DECLS

/* Shared by the importers (gloss-import.c). Around an import: begin
 * gives @summary a batch unless it has one (returned, to be passed to
 * end; NULL when it had one: an import inside another); end commits the
 * batch it began, also after a failed import (@ok FALSE, @error already
 * set), and reports a path taken meanwhile as a problem. Returns @ok, or
 * FALSE with @error when the commit failed. */
GlossFileBatch *gloss_import_begin_writes (GlossImportSummary *summary);
gboolean gloss_import_end_writes (GlossImportSummary *summary,
                                  GlossFileBatch     *began,
                                  gboolean            ok,
                                  GError            **error);

/* Writes @text as @name in
 * @folder (or reuses an identical existing file; a different one is a
 * problem), then a sidecar for @annotator_id with @annotations
 * (GlossAnnotation with id, label, start, end — code points — and
 * optionally note/extra; exact/prefix/suffix are filled here; a bound that
 * is out of range or cuts a grapheme is a problem and the span is skipped),
 * @relations (GlossRelation) and @comments (NULL-terminated, or NULL: the
 * document's doccano comments, kept as the sidecar's "doccano-comments").
 * Never overwrites an existing sidecar.
 * Counts into @summary; returns FALSE only on an I/O error. */
gboolean gloss_import_write_article (GFile              *folder,
                                     const char         *name,
                                     const char         *text,
                                     gssize              length,
                                     const char         *annotator_id,
                                     GPtrArray          *annotations,
                                     GPtrArray          *relations,
                                     const char * const *comments,
                                     const char         *source,
                                     GlossImportSummary *summary,
                                     GError            **error);
/* The same, and the article's fields: @document_labels ("a{sv}", or NULL)
 * become the sidecar's "document_labels" as given (the caller checks
 * them against the label set). */
gboolean gloss_import_write_article_with_fields (GFile              *folder,
                                                 const char         *name,
                                                 const char         *text,
                                                 gssize              length,
                                                 const char         *annotator_id,
                                                 GPtrArray          *annotations,
                                                 GPtrArray          *relations,
                                                 const char * const *comments,
                                                 GVariant           *document_labels,
                                                 const char         *source,
                                                 GlossImportSummary *summary,
                                                 GError            **error);

/* @offset, counted in @unit in @document's text as the importer read it
 * (with its leading BOM, if any, which Gloss's offsets leave out), as a
 * Gloss code-point offset. FALSE, with @why (a phrase such as “splits the
 * surrogate pair of “😀” (U+1F600)”), when no code point starts there:
 * past the end, inside a character, or on the BOM. Grapheme clusters are
 * not checked here (gloss_import_dup_span_problem()). */
gboolean gloss_import_offset_to_code_points (GlossDocument    *document,
                                             guint             offset,
                                             GlossOffsetUnit   unit,
                                             guint            *code_point,
                                             char            **why);
/* A located problem line, "LOCATION: MESSAGE" (@message is taken), and
 * its count: a skip (what it is about was not imported) or a warning
 * (it was, and something about it is said). */
void     gloss_import_add_problem           (GlossImportSummary *summary,
                                             const char         *location,
                                             char               *message);
void     gloss_import_add_warning           (GlossImportSummary *summary,
                                             const char         *location,
                                             char               *message);
/* @text for a one-line problem: CR, LF and tab as \r, \n, \t, other
 * controls and line separators as \uXXXX, cut after @max_chars characters
 * with "…". */
char    *gloss_import_dup_visible           (const char       *text,
                                             guint             max_chars);
/* Why @start–@end (code points) is no Gloss span, or NULL when it is one:
 * empty or reversed, or a bound inside a grapheme cluster (a character
 * and its combining marks, an emoji ZWJ sequence, a flag). */
char    *gloss_import_dup_span_problem      (GlossDocument    *document,
                                             guint             start,
                                             guint             end);

G_END_DECLS

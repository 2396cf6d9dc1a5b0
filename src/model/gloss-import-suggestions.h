/* gloss-import-suggestions.h — another tool's predictions (brat, Gloss
 * JSONL, doccano, Label Studio's predictions) as suggestions of source
 * "import"
 *
 * The predictions are read exactly as gloss-import.h reads them (the same
 * offsets, the same problems, located the same way), but they go into the
 * annotator's suggestions file beside the article, never into a sidecar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-import.h"

G_BEGIN_DECLS

/* The member of a JSONL or doccano span that holds its score, a number in
 * [0, 1]; doccano's [start, end, label] may carry it as a 4th element. */
#define GLOSS_IMPORT_SUGGESTIONS_SCORE "score"

typedef struct
{
  guint suggested;   /* suggestions read, over all articles */
  guint added;       /* of those, new in their suggestions files */
  guint files;       /* suggestions files written */

  /* How far gloss_import_suggestions() is, for summary->article_done
   * (called after each article of either pass): the importer's pass
   * counts @articles_read; once it is over, @articles_total (0 until
   * then) is the number of articles with predictions, and
   * @articles_done how many of those have had their suggestions merged
   * (a problem or not); it ends at @articles_total unless the import
   * failed or was cancelled. */
  guint articles_read;
  guint articles_total;
  guint articles_done;
} GlossImportSuggestionsCounts;

/* @annotations (GlossAnnotation, spans on @document as it is) as
 * suggestions of source "import", in the same order. @scores (nullable):
 * annotation id → a double* score; an id not in it gives no score, a
 * score outside [0, 1] is clamped to it. */
GPtrArray *gloss_import_suggestions_from_annotations (GlossDocument *document,
                                                      GPtrArray     *annotations,
                                                      GHashTable    *scores);

/* @input read as gloss_import_brat() (@format GLOSS_FORMAT_BRAT),
 * gloss_import_uima_json() (GLOSS_FORMAT_UIMA_JSON) or
 * gloss_import_jsonl() reads it — for GLOSS_FORMAT_LABEL_STUDIO, its
 * tasks' predictions, as gloss_import_label_studio_predictions() reads
 * them —, for @annotator_id (required). Each
 * article's spans are merged as a run of source "import" into
 * "<article>.<annotator_id>.suggestions.json" in @output_folder
 * (gloss_suggestion_file_merge_run(): a rejected proposal does not come
 * back, a span already in the annotator's sidecar — read, never written —
 * is left out). A span's score (JSONL and doccano only) is its "score"
 * member or doccano's 4th element; one that is no number from 0 to 1 is
 * a problem, and the span is suggested without it. An article file
 * missing in
 * @output_folder is written (with the suggestions files, in one flush:
 * GlossFileBatch), one with the same text reused, one with other text is
 * a problem and its article skipped. The importer writes into a hidden
 * folder in @output_folder, removed afterwards. Problems (located:
 * file and line) and counts go to @summary and @counts (both zeroed by
 * the caller); FALSE only when @input cannot be read at all, or when
 * @cancellable is cancelled (what was merged before stays). Relations
 * are not imported: a suggestion is a span. @summary->article_done
 * (nullable) is called in this thread after each article read and after
 * each article merged; @counts says which (see its articles_* fields). */
gboolean   gloss_import_suggestions                  (GlossFormat                    format,
                                                      GFile                         *input,
                                                      GFile                         *output_folder,
                                                      const char                    *annotator_id,
                                                      GlossOffsetUnit                offsets,
                                                      GlossImportSummary            *summary,
                                                      GlossImportSuggestionsCounts  *counts,
                                                      GCancellable                  *cancellable,
                                                      GError                       **error);

G_END_DECLS

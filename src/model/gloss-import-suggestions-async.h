/* gloss-import-suggestions-async.h — gloss_import_suggestions() in a
 * worker thread, for the app's Import…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-import-suggestions.h"

G_BEGIN_DECLS

/* How far gloss_import_suggestions_async() is. The import runs in two
 * passes: while the predictions are read, @total is 0 and @articles the
 * articles read so far; then @total is the number of articles with
 * predictions and @articles how many have had their suggestions merged,
 * ending at @total. Called on the thread-default main context of the
 * caller of gloss_import_suggestions_async(), never after its callback
 * nor once its cancellable is cancelled. Updates may be merged, never
 * reordered: @articles never falls within a pass, and no update of the
 * reading pass comes after one with a @total. */
typedef void (*GlossImportSuggestionsProgressFunc) (guint    articles,
                                                    guint    total,
                                                    gpointer user_data);

/* gloss_import_suggestions() with the same arguments, in a worker thread,
 * so that the caller's main loop never waits on the disk; @callback runs
 * on the caller's thread-default main context. The task has no source
 * object: nothing of the caller's is let go in the worker. @progress
 * (nullable) must stay valid, with @progress_data, until @callback runs
 * or @cancellable is cancelled. */
void     gloss_import_suggestions_async  (GlossFormat                         format,
                                          GFile                              *input,
                                          GFile                              *output_folder,
                                          const char                         *annotator_id,
                                          GlossOffsetUnit                     offsets,
                                          GlossImportSuggestionsProgressFunc  progress,
                                          gpointer                            progress_data,
                                          GCancellable                       *cancellable,
                                          GAsyncReadyCallback                 callback,
                                          gpointer                            user_data);
/* @summary and @counts (both nullable) are filled even when the import
 * failed or was cancelled: what was written before stays, and the
 * problems found are located. Clear @summary with
 * gloss_import_summary_clear(). */
gboolean gloss_import_suggestions_finish (GAsyncResult                  *result,
                                          GlossImportSummary            *summary,
                                          GlossImportSuggestionsCounts  *counts,
                                          GError                       **error);

G_END_DECLS

/* gloss-import-suggestions-async.h — gloss_import_suggestions() in a
 * worker thread, for the app's Import…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-import-suggestions.h"

G_BEGIN_DECLS

/* gloss_import_suggestions() with the same arguments, in a worker thread,
 * so that the caller's main loop never waits on the disk; @callback runs
 * on the caller's thread-default main context. The task has no source
 * object: nothing of the caller's is let go in the worker. The
 * suggestions import reports no progress while it runs: its result says
 * what it did. */
void     gloss_import_suggestions_async  (GlossFormat                    format,
                                          GFile                         *input,
                                          GFile                         *output_folder,
                                          const char                    *annotator_id,
                                          GlossOffsetUnit                offsets,
                                          GCancellable                  *cancellable,
                                          GAsyncReadyCallback            callback,
                                          gpointer                       user_data);
/* @summary and @counts (both nullable) are filled even when the import
 * failed or was cancelled: what was written before stays, and the
 * problems found are located. Clear @summary with
 * gloss_import_summary_clear(). */
gboolean gloss_import_suggestions_finish (GAsyncResult                  *result,
                                          GlossImportSummary            *summary,
                                          GlossImportSuggestionsCounts  *counts,
                                          GError                       **error);

G_END_DECLS

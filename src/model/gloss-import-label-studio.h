/* gloss-import-label-studio.h — Label Studio tasks into Gloss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-import.h"

G_BEGIN_DECLS

/* A JSON list of Label Studio tasks (or one task) at @input: each task an
 * article in @output_folder (named by meta.gloss_article, else its id),
 * each annotation a sidecar of its annotator (@annotator_id, or one made
 * from completed_by), labels/textarea/relation results spans, notes and
 * relations; everything else a located problem (docs/label-studio.md).
 * Predictions are counted and reported, not imported. @offsets: what
 * value.start and value.end count (code points by default, as Label
 * Studio). FALSE when @input cannot be read or is not JSON: then nothing
 * is written. */
gboolean gloss_import_label_studio             (GFile               *input,
                                                GFile               *output_folder,
                                                const char          *annotator_id,
                                                GlossOffsetUnit      offsets,
                                                GlossImportSummary  *summary,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* For gloss_import_suggestions(): the tasks' predictions (their "labels"
 * results) as @annotator_id's spans, annotations left out and said; each
 * span's score (the result's "score", else its prediction's; one not in
 * [0, 1] is a warning and dropped) into @scores (span id → double*). */
gboolean gloss_import_label_studio_predictions (GFile               *input,
                                                GFile               *output_folder,
                                                const char          *annotator_id,
                                                GlossOffsetUnit      offsets,
                                                GHashTable          *scores,
                                                GlossImportSummary  *summary,
                                                GCancellable        *cancellable,
                                                GError             **error);

G_END_DECLS

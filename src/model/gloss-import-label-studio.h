/* gloss-import-label-studio.h — Label Studio tasks into Gloss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-import.h"

G_BEGIN_DECLS

/* gloss_import_label_studio() itself is in gloss-import.h, with the
 * other importers. */

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

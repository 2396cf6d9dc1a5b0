/* gloss-export-dialog-private.h — what a person does with Export…, and
 * what it shows, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-export-dialog.h"

G_BEGIN_DECLS

void        gloss_export_dialog_set_format      (GlossExportDialog *self,
                                                 GlossFormat        format);
GlossFormat gloss_export_dialog_get_format      (GlossExportDialog *self);
void        gloss_export_dialog_set_offsets     (GlossExportDialog *self,
                                                 GlossOffsetUnit    offsets);
/* A file, or a folder for brat; NULL to choose again. Changing to or from
 * brat clears it. */
void        gloss_export_dialog_set_destination (GlossExportDialog *self,
                                                 GFile             *destination);
GFile      *gloss_export_dialog_get_destination (GlossExportDialog *self);
/* Comma-separated, as typed in the dialog; empty or NULL for all labels. */
void        gloss_export_dialog_set_labels      (GlossExportDialog *self,
                                                 const char        *labels);
/* Chooses (or leaves out) one annotator found by the scan. Returns FALSE
 * if the scan did not find @annotator_id. */
gboolean    gloss_export_dialog_set_annotator_chosen (GlossExportDialog *self,
                                                      const char        *annotator_id,
                                                      gboolean           chosen);
/* What the Export button does: FALSE (and nothing happens) while it is
 * insensitive — scanning, no destination, no annotator chosen. */
gboolean    gloss_export_dialog_run             (GlossExportDialog *self);
/* What Cancel does while an export runs. */
void        gloss_export_dialog_cancel          (GlossExportDialog *self);

/* Once finished: the line shown under the heading (the summary of
 * gloss_export_summary_to_string(), or what went wrong). */
const char *gloss_export_dialog_get_result      (GlossExportDialog *self);
/* Once finished: the problems listed, one a line ("" when none). */
char       *gloss_export_dialog_dup_problems    (GlossExportDialog *self);

G_END_DECLS

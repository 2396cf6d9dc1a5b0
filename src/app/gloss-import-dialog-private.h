/* gloss-import-dialog-private.h — what a person does with Import…, and
 * what it shows, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-import-dialog.h"

G_BEGIN_DECLS

/* GLOSS_FORMAT_BRAT, GLOSS_FORMAT_JSONL or GLOSS_FORMAT_DOCCANO. */
void        gloss_import_dialog_set_format        (GlossImportDialog *self,
                                                   GlossFormat        format);
/* An .ann file or a folder (brat), or a .jsonl file. */
void        gloss_import_dialog_set_input         (GlossImportDialog *self,
                                                   GFile             *input);
void        gloss_import_dialog_set_output_folder (GlossImportDialog *self,
                                                   GFile             *folder);
GFile      *gloss_import_dialog_get_output_folder (GlossImportDialog *self);
void        gloss_import_dialog_set_annotator_id  (GlossImportDialog *self,
                                                   const char        *annotator_id);
/* What the Import button does: FALSE (and nothing happens) while it is
 * insensitive — no input, no output folder, an invalid annotator id. */
gboolean    gloss_import_dialog_run               (GlossImportDialog *self);
/* What Cancel does while an import runs. */
void        gloss_import_dialog_cancel            (GlossImportDialog *self);

/* Once finished: the summary of gloss_import_summary_to_string(), or what
 * went wrong. */
const char *gloss_import_dialog_get_result        (GlossImportDialog *self);
/* Once finished: the problems listed, one a line ("" when none). */
char       *gloss_import_dialog_dup_problems      (GlossImportDialog *self);

G_END_DECLS

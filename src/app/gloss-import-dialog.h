/* gloss-import-dialog.h — Import…: brat, JSONL or doccano work as sidecars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-export.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_IMPORT_DIALOG (gloss_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossImportDialog, gloss_import_dialog, GLOSS, IMPORT_DIALOG, GtkWindow)

/* A modal window over @parent that imports brat standoff (an .ann file or
 * a folder of them), Gloss JSONL or doccano JSONL with gloss_import_brat()
 * or gloss_import_jsonl() into an output folder: article files plus one
 * sidecar each, for an annotator id (by default @annotator_id; for JSONL
 * optionally the one each line names).
 *
 * The output folder starts as @source when it is a folder, or the folder
 * of @source when it is an article (both nullable). The import runs with
 * gloss_import_async(), the articles counted beside a pulsing progress bar
 * and Cancel; the summary and the problems are shown at the end, or the
 * error.
 *
 * Properties (read-only, notified):
 *   "running"  gboolean: an import is running
 *   "finished" gboolean: an import ended and its result is shown
 *
 * Signals:
 *   ::imported (GFile *output_folder) — an import ended without error (it
 *      may still have skipped lines: see the problems); a window showing
 *      that folder can rescan it. */
GtkWidget  *gloss_import_dialog_new               (GtkWindow         *parent,
                                                   GFile             *source,
                                                   const char        *annotator_id);

/* What a person does with the dialog, for tests. */
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

gboolean    gloss_import_dialog_get_running       (GlossImportDialog *self);
gboolean    gloss_import_dialog_get_finished      (GlossImportDialog *self);
/* Once finished: the summary of gloss_import_summary_to_string(), or what
 * went wrong. */
const char *gloss_import_dialog_get_result        (GlossImportDialog *self);
/* Once finished: the problems listed, one a line ("" when none). */
char       *gloss_import_dialog_dup_problems      (GlossImportDialog *self);

G_END_DECLS

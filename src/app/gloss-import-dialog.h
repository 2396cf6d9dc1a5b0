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
 * With Import as Suggestions on (brat, JSONL or doccano; not with each
 * line's own annotator), the spans go instead into the annotator's
 * "<article>.<annotator>.suggestions.json" beside each article, to be
 * reviewed there, with gloss_import_suggestions(): no sidecar is written.
 *
 * The output folder starts as @source when it is a folder, or the folder
 * of @source when it is an article (both nullable). The import runs with
 * gloss_import_async() (or gloss_import_suggestions_async()), the articles
 * counted beside a pulsing progress bar and Cancel; the summary and the
 * problems are shown at the end, or the error.
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

gboolean    gloss_import_dialog_get_running       (GlossImportDialog *self);
gboolean    gloss_import_dialog_get_finished      (GlossImportDialog *self);

G_END_DECLS

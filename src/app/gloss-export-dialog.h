/* gloss-export-dialog.h — Export…: a corpus as a dataset, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-export.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXPORT_DIALOG (gloss_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, GLOSS, EXPORT_DIALOG, GtkWindow)

/* A modal window over @parent that exports @source — a corpus folder, or
 * one article with its sidecars; NULL when nothing is open, which the
 * dialog then says — in one of the formats of gloss_export_corpus().
 *
 * @source is scanned with gloss_corpus_scan_async() as the dialog opens
 * (a spinner shows meanwhile) to offer its annotators, all chosen by default;
 * @annotator_id (nullable) is marked as "you" among them. The export runs
 * with gloss_export_corpus_async(), with a progress bar and Cancel, and
 * asks before it writes over what is there; the summary, what
 * the format could not hold and the problems are shown at the end, or the
 * error. Closing the window while it runs cancels the export first.
 *
 * Properties (read-only, notified):
 *   "scanning" gboolean: the source is being scanned
 *   "running"  gboolean: an export is running
 *   "finished" gboolean: an export ended (done, failed or cancelled) and its
 *              result is shown */
GtkWidget  *gloss_export_dialog_new             (GtkWindow         *parent,
                                                 GFile             *source,
                                                 const char        *annotator_id);

gboolean    gloss_export_dialog_get_scanning    (GlossExportDialog *self);
gboolean    gloss_export_dialog_get_running     (GlossExportDialog *self);
gboolean    gloss_export_dialog_get_finished    (GlossExportDialog *self);

G_END_DECLS

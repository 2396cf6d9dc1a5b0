/* gloss-annotator-dialog.h — the first-run question: who is annotating?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATOR_DIALOG (gloss_annotator_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotatorDialog, gloss_annotator_dialog, GLOSS, ANNOTATOR_DIALOG, GtkWindow)

/* A modal window over @parent asking for the annotator id and display
 * name, prefilled from @settings (schema APP_ID) when they are
 * set, else from the user account. Continue (the default; insensitive while
 * the id is invalid) writes "annotator-id" and "annotator-name"; Cancel,
 * Escape or closing the window writes nothing. Under the id, a hint gives
 * way to an error while the id is not valid; the window keeps its size.
 *
 * Signal ::done (gboolean saved) is emitted exactly once, as the window
 * closes; the window then destroys itself (do not destroy it from the
 * handler). */
GtkWidget *gloss_annotator_dialog_new        (GtkWindow  *parent,
                                              GSettings  *settings);

/* An annotator id made from a login name: lowercased, only [a-z0-9_-]
 * kept, leading "-" and "_" dropped. NULL if nothing valid is left. */
char      *gloss_annotator_dialog_suggest_id (const char *user_name);

G_END_DECLS

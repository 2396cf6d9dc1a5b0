/* gloss-note-popover.h — edit the note of one annotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_NOTE_POPOVER (gloss_note_popover_get_type ())
G_DECLARE_FINAL_TYPE (GlossNotePopover, gloss_note_popover, GLOSS, NOTE_POPOVER, GtkPopover)

/* A popover with a text view (wrapping, a few lines), Cancel and Save.
 * Save is the default; Ctrl+Enter saves from the text view; Escape cancels.
 * The caller parents it (gtk_widget_set_parent) and points it
 * (gtk_popover_set_pointing_to) before calling gloss_note_popover_edit().
 *
 * Signals:
 *   ::note-saved (GlossAnnotation *annotation, const char *note) — Save was
 *      pressed and the text differs from the annotation's note; the
 *      receiver records the change (gloss_annotation_set_change_note).
 *
 * Actions (on the popover): "note.save", "note.cancel". */

GtkWidget     *gloss_note_popover_new            (void);
/* Fills the text view with @annotation's note, pops up and focuses it. */
void           gloss_note_popover_edit           (GlossNotePopover *self,
                                                  GlossAnnotation  *annotation);
GlossAnnotation *gloss_note_popover_get_annotation (GlossNotePopover *self);

G_END_DECLS

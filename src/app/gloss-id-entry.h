/* gloss-id-entry.h — an entry for an annotator id that says when it is not one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_ID_ENTRY (gloss_id_entry_get_type ())
G_DECLARE_FINAL_TYPE (GlossIdEntry, gloss_id_entry, GLOSS, ID_ENTRY, GtkEntry)

GtkWidget *gloss_id_entry_new            (void);
/* Whether the text is a valid annotator id (gloss_annotator_id_is_valid()). */
gboolean   gloss_id_entry_get_valid      (GlossIdEntry *self);
/* Whether an empty entry is marked as an error (TRUE by default). */
void       gloss_id_entry_set_mark_empty (GlossIdEntry *self,
                                          gboolean      mark_empty);

G_END_DECLS

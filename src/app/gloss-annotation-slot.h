/* gloss-annotation-slot.h — a list row's place, kept when what is at
 * that place changes
 *
 * GTK 4.8's GtkListView keeps a row widget only for the very item object
 * it showed: when a reload, or the next article, replaces every
 * annotation by a new object, it destroyed its 200 rows and built 200 new
 * ones (most of a reload's hand-over, and of an article's opening). The
 * annotation list shows slots instead: a slot holds the annotation at one
 * position of the list, and when a change replaces the annotations there,
 * it is pointed at the annotation that now has that position
 * (GlossAnnotationSlot:annotation changes), so the row is kept and only
 * bound again. See GlossAnnotationSlotModel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_SLOT (gloss_annotation_slot_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationSlot, gloss_annotation_slot, GLOSS, ANNOTATION_SLOT, GObject)

GlossAnnotationSlot *gloss_annotation_slot_new            (GlossAnnotation     *annotation);
GlossAnnotation     *gloss_annotation_slot_get_annotation (GlossAnnotationSlot *self);
void                 gloss_annotation_slot_set_annotation (GlossAnnotationSlot *self,
                                                           GlossAnnotation     *annotation);

/* Where the slot was last handed out, kept up to date by the slot model
 * (G_MAXUINT: not known). */
guint                gloss_annotation_slot_get_position   (GlossAnnotationSlot *self);
void                 gloss_annotation_slot_set_position   (GlossAnnotationSlot *self,
                                                           guint                position);

/* The annotation of an item of a list model of slots or of annotations
 * (the orphans' list holds annotations), or NULL. */
GlossAnnotation     *gloss_annotation_slot_unwrap         (gpointer             item);

/* How many slots were ever made (for tests: slots are made only for what
 * is asked for). Main thread only. */
guint                gloss_annotation_slot_get_n_made     (void);

G_END_DECLS

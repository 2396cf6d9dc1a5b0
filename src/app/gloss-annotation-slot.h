/* gloss-annotation-slot.h — a list row's hold on an annotation, kept
 * across a reload
 *
 * GTK 4.8's GtkListView keeps a row widget only for the very item object
 * it showed: when a reload replaces every annotation by a new object, it
 * destroyed its 200 rows and built 200 new ones (most of a reload's
 * hand-over). The annotation list shows slots instead: a slot stands for
 * an annotation id, and after a reload it points at the new object with
 * that id (GlossAnnotationSlot:annotation changes), so the row is kept
 * and only bound again. See GlossAnnotationSlotModel.
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

/* The annotation of an item of a list model of slots or of annotations
 * (the orphans' list holds annotations), or NULL. */
GlossAnnotation     *gloss_annotation_slot_unwrap         (gpointer             item);

/* How many slots were ever made (for tests: slots are made only for what
 * is asked for). Main thread only. */
guint                gloss_annotation_slot_get_n_made     (void);

G_END_DECLS

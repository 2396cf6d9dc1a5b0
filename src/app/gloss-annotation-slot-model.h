/* gloss-annotation-slot-model.h — a list of annotations shown as slots
 *
 * Over a GListModel of GlossAnnotation (the annotation list's filtered
 * set), position for position: item i is the slot of annotation i. A slot
 * is made when asked for and lives as long as someone holds it (a row, the
 * selection); while it lives, the same annotation gives the same slot.
 *
 * When a change both removes and adds annotations (a reload hands over a
 * whole new set in one change), each living slot whose annotation's id
 * now names another object in the set is pointed at that object before
 * the change is passed on, so GtkListView finds the slots it showed among
 * the new items and keeps their rows (see gloss-annotation-slot.h).
 *
 * Signals:
 *   ::items-changing (guint position, guint removed, guint added) — just
 *      before each items-changed, while the model still has its old items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss.h"
#include "gloss-annotation-slot.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_SLOT_MODEL (gloss_annotation_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationSlotModel, gloss_annotation_slot_model, GLOSS, ANNOTATION_SLOT_MODEL, GObject)

GlossAnnotationSlotModel *gloss_annotation_slot_model_new       (GListModel               *model);
/* Where the ids are looked up after a change (may be NULL). */
void                      gloss_annotation_slot_model_set_set   (GlossAnnotationSlotModel *self,
                                                                 GlossAnnotationSet       *set);
/* How many slots are alive (for tests). */
guint                     gloss_annotation_slot_model_get_n_slots (GlossAnnotationSlotModel *self);

G_END_DECLS

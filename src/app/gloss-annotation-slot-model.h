/* gloss-annotation-slot-model.h — a list of annotations shown as slots
 *
 * Over a GListModel of GlossAnnotation (the annotation list's filtered
 * set), position for position: item i is the slot of annotation i. A slot
 * is made when asked for and lives as long as someone holds it (a row, the
 * selection); while it lives, the same annotation gives the same slot.
 *
 * A slot is a place: when a change replaces annotations (a reload hands
 * over a whole new set in one change, the next article another one), each
 * living slot among the removed ones that has a place among the added
 * ones keeps it and is pointed at the annotation now there, before the
 * change is passed on; and the change is told from after the first places
 * kept, so GtkListView keeps the rows it showed and binds them again
 * (see gloss-annotation-slot.h).
 *
 * Filling up: when a list with few items (and so few rows) is to get many
 * more, GtkListView would make some 200 rows at once. The model then shows
 * the first 48 at once and the rest a few at a time from an idle, in
 * slices of a few milliseconds, until the list has its rows; the others
 * then come in one change.
 *
 * Emptying: gloss_annotation_slot_model_empty() lets go of the items the
 * same way, those with no row first, then the rows a few at a time (a list
 * view destroys the rows of the items removed at once).
 *
 * Signals:
 *   ::items-changing (guint position, guint removed, guint added) — just
 *      before each items-changed, while the model still has its old items
 *      and its slots their annotations; the items-changed that follows may
 *      tell a smaller change (from after the first places kept).
 *   ::emptied — gloss_annotation_slot_model_empty() is done.
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
/* Whether only the model's first items are shown yet (filling up). */
gboolean                  gloss_annotation_slot_model_is_filling (GlossAnnotationSlotModel *self);
/* All of them now (a position past the first ones is to be shown). */
void                      gloss_annotation_slot_model_fill      (GlossAnnotationSlotModel *self);
/* Shows no item any more, a few at a time from an idle; ::emptied then.
 * A change of the model before that is shown whole again. */
void                      gloss_annotation_slot_model_empty     (GlossAnnotationSlotModel *self);
/* How many slots are alive (for tests). */
guint                     gloss_annotation_slot_model_get_n_slots (GlossAnnotationSlotModel *self);

G_END_DECLS

/* gloss-annotation-slot-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-annotation-slot-model.h"

struct _GlossAnnotationSlotModel
{
  GObject             parent_instance;

  GListModel         *model;
  GlossAnnotationSet *set;
  /* As told in the last items-changed: consistent until the next one. */
  guint               n_items;

  /* GlossAnnotation → its living GlossAnnotationSlot (weak: a slot
   * leaves when its last holder lets go). */
  GHashTable         *slots;
};

static void gloss_annotation_slot_model_list_model_init (GListModelInterface *iface);

enum {
  ITEMS_CHANGING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossAnnotationSlotModel, gloss_annotation_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gloss_annotation_slot_model_list_model_init))

/* Weak references are let go in the slot's dispose, when it still holds
 * its annotation. */
static void
slot_finalized (gpointer  user_data,
                GObject  *where_the_slot_was)
{
  GlossAnnotationSlotModel *self = user_data;
  GlossAnnotation *annotation = gloss_annotation_slot_get_annotation (GLOSS_ANNOTATION_SLOT (where_the_slot_was));

  if (g_hash_table_lookup (self->slots, annotation) == (gpointer) where_the_slot_was)
    g_hash_table_remove (self->slots, annotation);
}

/* ------------------------------------------------------------------ */
/* GListModel                                                           */
/* ------------------------------------------------------------------ */

static GType
gloss_annotation_slot_model_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_ANNOTATION_SLOT;
}

static guint
gloss_annotation_slot_model_get_n_items (GListModel *model)
{
  GlossAnnotationSlotModel *self = GLOSS_ANNOTATION_SLOT_MODEL (model);

  return self->n_items;
}

static gpointer
gloss_annotation_slot_model_get_item (GListModel *model,
                                      guint       position)
{
  GlossAnnotationSlotModel *self = GLOSS_ANNOTATION_SLOT_MODEL (model);
  g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (self->model, position);
  GlossAnnotationSlot *slot;

  if (annotation == NULL)
    return NULL;

  slot = g_hash_table_lookup (self->slots, annotation);
  if (slot != NULL)
    return g_object_ref (slot);

  slot = gloss_annotation_slot_new (annotation);
  g_hash_table_insert (self->slots, annotation, slot);
  g_object_weak_ref (G_OBJECT (slot), slot_finalized, self);

  return slot;
}

static void
gloss_annotation_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_annotation_slot_model_get_item_type;
  iface->get_n_items = gloss_annotation_slot_model_get_n_items;
  iface->get_item = gloss_annotation_slot_model_get_item;
}

/* ------------------------------------------------------------------ */
/* Following the annotations                                            */
/* ------------------------------------------------------------------ */

/* Each living slot whose id now names another object: that object. */
static void
gloss_annotation_slot_model_follow_ids (GlossAnnotationSlotModel *self)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (self->set == NULL)
    return;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GlossAnnotation *now = gloss_annotation_set_lookup (self->set, gloss_annotation_get_id (key));

      if (now != NULL && now != key && !g_hash_table_contains (self->slots, now))
        g_ptr_array_add (moved, value);
    }

  for (guint i = 0; i < moved->len; i++)
    {
      GlossAnnotationSlot *slot = g_ptr_array_index (moved, i);
      GlossAnnotation *old = gloss_annotation_slot_get_annotation (slot);
      GlossAnnotation *now = gloss_annotation_set_lookup (self->set, gloss_annotation_get_id (old));

      /* Two old objects of one id (cannot be in one set): the first wins. */
      if (g_hash_table_contains (self->slots, now))
        continue;

      g_hash_table_remove (self->slots, old);
      g_hash_table_insert (self->slots, now, slot);
      gloss_annotation_slot_set_annotation (slot, now);
    }
}

static void
on_items_changed (GlossAnnotationSlotModel *self,
                  guint                     position,
                  guint                     removed,
                  guint                     added,
                  GListModel               *model)
{
  g_signal_emit (self, signals[ITEMS_CHANGING], 0, position, removed, added);

  if (removed > 0 && added > 0)
    gloss_annotation_slot_model_follow_ids (self);

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
gloss_annotation_slot_model_dispose (GObject *object)
{
  GlossAnnotationSlotModel *self = GLOSS_ANNOTATION_SLOT_MODEL (object);
  GHashTableIter iter;
  gpointer slot;

  if (self->slots != NULL)
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &slot))
        g_object_weak_unref (slot, slot_finalized, self);
      g_hash_table_remove_all (self->slots);
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->set);

  G_OBJECT_CLASS (gloss_annotation_slot_model_parent_class)->dispose (object);
}

static void
gloss_annotation_slot_model_finalize (GObject *object)
{
  GlossAnnotationSlotModel *self = GLOSS_ANNOTATION_SLOT_MODEL (object);

  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_annotation_slot_model_parent_class)->finalize (object);
}

static void
gloss_annotation_slot_model_class_init (GlossAnnotationSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_annotation_slot_model_dispose;
  object_class->finalize = gloss_annotation_slot_model_finalize;

  /**
   * GlossAnnotationSlotModel::items-changing:
   *
   * The items-changed to come, while the model still has its old number
   * of items. GtkSingleSelection looks for its selected item among all
   * the added ones when they replace it (a slot made for each, up to
   * 100,000 on a reload): a selection can be let go here first.
   */
  signals[ITEMS_CHANGING] =
    g_signal_new ("items-changing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
gloss_annotation_slot_model_init (GlossAnnotationSlotModel *self)
{
  self->slots = g_hash_table_new (g_direct_hash, g_direct_equal);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GlossAnnotationSlotModel *
gloss_annotation_slot_model_new (GListModel *model)
{
  GlossAnnotationSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION_SLOT_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

void
gloss_annotation_slot_model_set_set (GlossAnnotationSlotModel *self,
                                     GlossAnnotationSet       *set)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SLOT_MODEL (self));
  g_return_if_fail (set == NULL || GLOSS_IS_ANNOTATION_SET (set));

  g_set_object (&self->set, set);
}

guint
gloss_annotation_slot_model_get_n_slots (GlossAnnotationSlotModel *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SLOT_MODEL (self), 0);

  return g_hash_table_size (self->slots);
}

/* gloss-annotation-slot-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "gloss-annotation-slot-model.h"

/* Filling up: at most this many items are shown at once to a list that
 * shows fewer than FILL_ROWS (GtkListView makes a row for each, up to
 * about 205), then FILL_STEP more at a time, in slices of FILL_SLICE_US,
 * until FILL_ROWS; the rest come in one change (no row is made for them).
 * 48 rows fill a tall sidebar. */
#define FILL_FIRST    48
#define FILL_STEP     16
#define FILL_ROWS     224
#define FILL_SLICE_US 3000
/* After the frame clock (GDK_PRIORITY_REDRAW), before the article view's
 * fill and GtkTextView's background layout (+4, +5). */
#define FILL_PRIORITY (GDK_PRIORITY_REDRAW + 2)

struct _GlossAnnotationSlotModel
{
  GObject     parent_instance;

  GListModel *model;
  /* The model's items, as told in its last items-changed. */
  guint       n_model;
  /* Ours: n_items of the model's from offset, all of them unless filling
   * up or emptying (offset is 0 but when emptying). */
  guint       n_items;
  guint       offset;
  /* While filling up or emptying, how many of the model's items are shown
   * at most; G_MAXUINT otherwise. */
  guint       limit;
  guint       fill_id;
  guint       empty_id;
  gboolean    emptying;

  /* GlossAnnotation → its living GlossAnnotationSlot (weak: a slot
   * leaves when its last holder lets go). */
  GHashTable *slots;
};

static void gloss_annotation_slot_model_list_model_init (GListModelInterface *iface);

enum {
  ITEMS_CHANGING,
  EMPTIED,
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
  g_autoptr(GlossAnnotation) annotation = NULL;
  GlossAnnotationSlot *slot;

  if (position >= self->n_items)
    return NULL;

  annotation = g_list_model_get_item (self->model, self->offset + position);
  if (annotation == NULL)
    return NULL;

  slot = g_hash_table_lookup (self->slots, annotation);
  if (slot != NULL)
    {
      g_object_ref (slot);
    }
  else
    {
      slot = gloss_annotation_slot_new (annotation);
      g_hash_table_insert (self->slots, annotation, slot);
      g_object_weak_ref (G_OBJECT (slot), slot_finalized, self);
    }

  gloss_annotation_slot_set_position (slot, position);
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

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = gloss_annotation_slot_get_position (*(GlossAnnotationSlot **) a);
  guint pb = gloss_annotation_slot_get_position (*(GlossAnnotationSlot **) b);

  return pa < pb ? -1 : pa > pb;
}

/* Our items @removed from @position and @added there: the living slots
 * after them move with them; those of removed items that have a place
 * among the added ones keep it and show the annotation now there.
 * Returns how many of the first positions from @position hold the same
 * slots as before: nobody holds a slot that changed there. */
static guint
gloss_annotation_slot_model_keep_places (GlossAnnotationSlotModel *self,
                                         guint                     position,
                                         guint                     removed,
                                         guint                     added)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  guint same = 0;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlossAnnotationSlot *slot = value;
      guint at = gloss_annotation_slot_get_position (slot);

      if (at == G_MAXUINT || at < position)
        continue;

      if (at >= position + removed)
        gloss_annotation_slot_set_position (slot, at - removed + added);
      else if (at < position + added)
        g_ptr_array_add (kept, slot);
      else
        gloss_annotation_slot_set_position (slot, G_MAXUINT);
    }

  /* Out of the table first: the annotation of one may be another's now. */
  for (guint i = 0; i < kept->len; i++)
    {
      GlossAnnotationSlot *slot = g_ptr_array_index (kept, i);

      g_hash_table_steal (self->slots, gloss_annotation_slot_get_annotation (slot));
    }

  g_ptr_array_sort (kept, compare_positions);

  for (guint i = 0; i < kept->len; i++)
    {
      GlossAnnotationSlot *slot = g_ptr_array_index (kept, i);
      guint at = gloss_annotation_slot_get_position (slot);
      g_autoptr(GlossAnnotation) now = g_list_model_get_item (self->model, self->offset + at);

      /* Held by another slot still (one whose place is not known): this
       * one goes, and the change is told from here on. */
      if (now == NULL || g_hash_table_contains (self->slots, now))
        {
          gloss_annotation_slot_set_position (slot, G_MAXUINT);
          continue;
        }

      g_hash_table_insert (self->slots, now, slot);
      gloss_annotation_slot_set_annotation (slot, now);

      if (same == i)
        same = i + 1;
    }

  /* Up to the last slot kept in a row of kept ones from the start. */
  return same > 0 ? gloss_annotation_slot_get_position (g_ptr_array_index (kept, same - 1)) + 1 - position : 0;
}

/* Tells our items @removed from @position and @added there (the model's
 * items have changed already). */
static void
gloss_annotation_slot_model_change (GlossAnnotationSlotModel *self,
                                    guint                     position,
                                    guint                     removed,
                                    guint                     added)
{
  guint same = 0;

  g_signal_emit (self, signals[ITEMS_CHANGING], 0, position, removed, added);

  if (removed > 0 || added > 0)
    same = gloss_annotation_slot_model_keep_places (self, position, removed, added);

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position + same, removed - same, added - same);
}

static void gloss_annotation_slot_model_fill_more (GlossAnnotationSlotModel *self);

static gboolean
fill_cb (gpointer user_data)
{
  GlossAnnotationSlotModel *self = user_data;
  gint64 start = g_get_monotonic_time ();

  do
    gloss_annotation_slot_model_fill_more (self);
  while (self->limit != G_MAXUINT && g_get_monotonic_time () - start < FILL_SLICE_US);

  if (self->limit != G_MAXUINT)
    return G_SOURCE_CONTINUE;

  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

/* A few more of the model's items, or the rest once the rows are made. */
static void
gloss_annotation_slot_model_fill_more (GlossAnnotationSlotModel *self)
{
  guint n_before = self->n_items;
  guint n_after;

  if (self->limit + FILL_STEP >= FILL_ROWS || self->limit + FILL_STEP >= self->n_model)
    self->limit = G_MAXUINT;
  else
    self->limit += FILL_STEP;

  n_after = MIN (self->n_model, self->limit);
  if (n_after > n_before)
    gloss_annotation_slot_model_change (self, n_before, 0, n_after - n_before);
}

/* Emptying: the items with no row first (after the last row held, then
 * before the first), then a few rows at a time from the end. */
static void
gloss_annotation_slot_model_empty_some (GlossAnnotationSlotModel *self)
{
  GHashTableIter iter;
  gpointer value;
  guint first = G_MAXUINT;
  guint last = 0;
  guint n = self->n_items;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint at = gloss_annotation_slot_get_position (value);

      if (at < n)
        {
          first = MIN (first, at);
          last = MAX (last, at);
        }
    }

  if (first == G_MAXUINT)
    {
      self->limit = 0;
      gloss_annotation_slot_model_change (self, 0, n, 0);
    }
  else if (last + 1 < n)
    {
      self->limit = last + 1;
      gloss_annotation_slot_model_change (self, last + 1, n - last - 1, 0);
    }
  else if (first > 0)
    {
      self->offset += first;
      self->limit = n - first;
      gloss_annotation_slot_model_change (self, 0, first, 0);
    }
  else
    {
      guint some = MIN (n, FILL_STEP);

      self->limit = n - some;
      gloss_annotation_slot_model_change (self, n - some, some, 0);
    }
}

static gboolean
empty_cb (gpointer user_data)
{
  GlossAnnotationSlotModel *self = user_data;
  gint64 start = g_get_monotonic_time ();

  while (self->n_items > 0 && g_get_monotonic_time () - start < FILL_SLICE_US)
    gloss_annotation_slot_model_empty_some (self);

  if (self->n_items > 0)
    return G_SOURCE_CONTINUE;

  self->empty_id = 0;
  g_signal_emit (self, signals[EMPTIED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_items_changed (GlossAnnotationSlotModel *self,
                  guint                     position,
                  guint                     removed,
                  guint                     added,
                  GListModel               *model)
{
  guint n_before = self->n_items;

  self->n_model = self->n_model - removed + added;

  /* Emptying, or emptied: whatever is left of ours is replaced. */
  if (self->emptying)
    {
      g_clear_handle_id (&self->empty_id, g_source_remove);
      self->emptying = FALSE;
      self->offset = 0;
      self->limit = G_MAXUINT;
      position = 0;
      removed = n_before;
      added = self->n_model;
      if (removed == 0 && added == 0)
        return;
    }

  /* Many more than a list with few rows has: GtkListView would make a
   * row for each of some 200 of them at once (~10 ms). */
  if (self->limit == G_MAXUINT && n_before < FILL_ROWS && self->n_model > n_before + FILL_FIRST)
    {
      self->limit = n_before + FILL_FIRST;
      if (self->fill_id == 0)
        self->fill_id = g_idle_add_full (FILL_PRIORITY, fill_cb, self, NULL);
    }

  if (self->limit != G_MAXUINT)
    {
      /* Only our first items: all of ours from @position on change. */
      if (position >= self->limit)
        return;
      removed = n_before - position;
      added = MIN (self->n_model, self->limit) - position;
    }

  gloss_annotation_slot_model_change (self, position, removed, added);
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

  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_handle_id (&self->empty_id, g_source_remove);

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
   * A change to come, while the model still has its old number of items
   * and its slots their old annotations. GtkSingleSelection looks for its
   * selected item among all the added ones when they replace it (a slot
   * made for each, up to 100,000 on a reload), and a selected slot kept
   * in its place would show another annotation: a selection can be let
   * go here first. The items-changed that follows may tell a smaller
   * change (the first places kept).
   */
  signals[ITEMS_CHANGING] =
    g_signal_new ("items-changing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * GlossAnnotationSlotModel::emptied:
   *
   * gloss_annotation_slot_model_empty() is done: the model shows nothing
   * (until its model changes).
   */
  signals[EMPTIED] =
    g_signal_new ("emptied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
gloss_annotation_slot_model_init (GlossAnnotationSlotModel *self)
{
  self->limit = G_MAXUINT;
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
  self->n_model = g_list_model_get_n_items (model);
  self->n_items = self->n_model;
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

void
gloss_annotation_slot_model_fill (GlossAnnotationSlotModel *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SLOT_MODEL (self));

  if (self->limit == G_MAXUINT || self->emptying)
    return;

  g_clear_handle_id (&self->fill_id, g_source_remove);
  self->limit = FILL_ROWS;
  gloss_annotation_slot_model_fill_more (self);
}

gboolean
gloss_annotation_slot_model_is_filling (GlossAnnotationSlotModel *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SLOT_MODEL (self), FALSE);

  return self->limit != G_MAXUINT && !self->emptying;
}

void
gloss_annotation_slot_model_empty (GlossAnnotationSlotModel *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SLOT_MODEL (self));

  if (self->emptying)
    return;

  g_clear_handle_id (&self->fill_id, g_source_remove);
  self->emptying = TRUE;
  self->limit = self->n_items;
  self->empty_id = g_idle_add_full (FILL_PRIORITY, empty_cb, self, NULL);
}

guint
gloss_annotation_slot_model_get_n_slots (GlossAnnotationSlotModel *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SLOT_MODEL (self), 0);

  return g_hash_table_size (self->slots);
}

/* gloss-suggestion-store.c — the listed suggestions of an article, in order
 *
 * A GListModel over a GPtrArray. GListStore keeps its items in a GSequence:
 * each position read is a walk down a tree and a reference, and a splice
 * allocates a node per item. A merge of a suggester's run reads thousands
 * of positions and splices ranges of thousands, all on the main thread;
 * here a read is an index and a splice a memmove.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-suggestion-store.h"

struct _GlossSuggestionStore
{
  GObject    parent_instance;

  /* GlossSuggestion, a reference each, released by hand (no free
   * function: a splice moves them about before it releases any). */
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossSuggestionStore, gloss_suggestion_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
gloss_suggestion_store_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_SUGGESTION;
}

static guint
gloss_suggestion_store_get_n_items (GListModel *model)
{
  return GLOSS_SUGGESTION_STORE (model)->items->len;
}

static gpointer
gloss_suggestion_store_get_item (GListModel *model,
                                 guint       position)
{
  GlossSuggestionStore *self = GLOSS_SUGGESTION_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_suggestion_store_get_item_type;
  iface->get_n_items = gloss_suggestion_store_get_n_items;
  iface->get_item = gloss_suggestion_store_get_item;
}

static void
gloss_suggestion_store_finalize (GObject *object)
{
  GlossSuggestionStore *self = GLOSS_SUGGESTION_STORE (object);

  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_ptr_array_index (self->items, i));
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_suggestion_store_parent_class)->finalize (object);
}

static void
gloss_suggestion_store_class_init (GlossSuggestionStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_suggestion_store_finalize;
}

static void
gloss_suggestion_store_init (GlossSuggestionStore *self)
{
  self->items = g_ptr_array_new ();
}

GlossSuggestionStore *
gloss_suggestion_store_new (void)
{
  return g_object_new (GLOSS_TYPE_SUGGESTION_STORE, NULL);
}

guint
gloss_suggestion_store_get_n (GlossSuggestionStore *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_STORE (self), 0);

  return self->items->len;
}

GlossSuggestion *
gloss_suggestion_store_peek (GlossSuggestionStore *self,
                             guint                 position)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION_STORE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

void
gloss_ptr_array_splice (GPtrArray *array,
                        guint      position,
                        guint      n_removed,
                        gpointer  *added,
                        guint      n_added)
{
  guint old_len = array->len;
  guint tail;

  g_return_if_fail (position <= old_len && n_removed <= old_len - position);

  tail = old_len - position - n_removed;
  if (n_added > n_removed)
    g_ptr_array_set_size (array, old_len - n_removed + n_added);
  /* An empty array's pdata is NULL: no arithmetic on it. */
  if (tail > 0 && n_added != n_removed)
    memmove (array->pdata + position + n_added, array->pdata + position + n_removed,
             tail * sizeof (gpointer));
  if (n_added < n_removed)
    g_ptr_array_set_size (array, old_len - n_removed + n_added);
  if (added != NULL && n_added > 0)
    memcpy (array->pdata + position, added, n_added * sizeof (gpointer));
}

void
gloss_suggestion_store_splice (GlossSuggestionStore  *self,
                               guint                  position,
                               guint                  n_removed,
                               GlossSuggestion      **additions,
                               guint                  n_additions)
{
  g_autofree gpointer *removed = NULL;

  g_return_if_fail (GLOSS_IS_SUGGESTION_STORE (self));
  g_return_if_fail (position <= self->items->len);
  g_return_if_fail (n_removed <= self->items->len - position);
  g_return_if_fail (additions != NULL || n_additions == 0);

  if (n_removed == 0 && n_additions == 0)
    return;

  /* The removed are released once the additions are held. (An empty
   * array's pdata is NULL: no arithmetic on it.) */
  if (n_removed > 0)
    removed = g_memdup2 (self->items->pdata + position, n_removed * sizeof (gpointer));
  for (guint i = 0; i < n_additions; i++)
    g_object_ref (additions[i]);
  gloss_ptr_array_splice (self->items, position, n_removed, (gpointer *) additions, n_additions);

  for (guint i = 0; i < n_removed; i++)
    g_object_unref (removed[i]);

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_additions);
}

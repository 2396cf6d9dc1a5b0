/* test-suggestion-store.c — the suggestions file's list: splices as
 * GListStore's, each told once, and what it holds released exactly once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss.h"

typedef struct
{
  guint position, removed, added;
  guint n_signals;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n_signals++;
}

static GlossSuggestion *
word (guint n)
{
  g_autofree char *exact = g_strdup_printf ("w%u", n);

  return gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, "person", n, n + 1, exact);
}

static void
assert_same (GlossSuggestionStore *store,
             GListStore           *oracle)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (oracle));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  g_assert_cmpuint (gloss_suggestion_store_get_n (store), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossSuggestion) expected = g_list_model_get_item (G_LIST_MODEL (oracle), i);
      g_autoptr(GlossSuggestion) got = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (got == expected);
      g_assert_true (gloss_suggestion_store_peek (store, i) == expected);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), n));
}

/* Seeded random splices, each beside the same on a GListStore. */
static void
test_splice (void)
{
  g_autoptr(GlossSuggestionStore) store = gloss_suggestion_store_new ();
  g_autoptr(GListStore) oracle = g_list_store_new (GLOSS_TYPE_SUGGESTION);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  Change change = { 0, };
  guint next = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == GLOSS_TYPE_SUGGESTION);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &change);

  for (guint step = 0; step < 500; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (oracle));
      guint position = g_rand_int_range (rand, 0, n + 1);
      guint removed = g_rand_int_range (rand, 0, n - position + 1);
      guint added = g_rand_int_range (rand, 0, 8);
      g_autoptr(GPtrArray) additions = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < added; i++)
        g_ptr_array_add (additions, word (next++));

      change.n_signals = 0;
      gloss_suggestion_store_splice (store, position, removed, (GlossSuggestion **) additions->pdata, added);
      g_list_store_splice (oracle, position, removed, additions->pdata, added);

      if (removed == 0 && added == 0)
        g_assert_cmpuint (change.n_signals, ==, 0);
      else
        {
          g_assert_cmpuint (change.n_signals, ==, 1);
          g_assert_cmpuint (change.position, ==, position);
          g_assert_cmpuint (change.removed, ==, removed);
          g_assert_cmpuint (change.added, ==, added);
        }
      assert_same (store, oracle);
    }
}

/* A range replaced by its own items in another order (how a merge changes
 * the list) keeps them, though the store alone holds them; and each item
 * is released once, when the store goes. */
static void
test_reorder_held (void)
{
  GlossSuggestionStore *store = gloss_suggestion_store_new ();
  GlossSuggestion *items[4];
  GlossSuggestion *reordered[4];

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      items[i] = word (i);
      g_object_add_weak_pointer (G_OBJECT (items[i]), (gpointer *) &items[i]);
    }
  gloss_suggestion_store_splice (store, 0, 0, items, G_N_ELEMENTS (items));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_object_unref (items[i]);
      g_assert_nonnull (items[i]);
    }

  reordered[0] = items[3];
  reordered[1] = items[1];
  reordered[2] = items[2];
  gloss_suggestion_store_splice (store, 0, 4, reordered, 3);
  /* items[0] went: the store held the only reference. */
  g_assert_null (items[0]);
  for (guint i = 1; i < G_N_ELEMENTS (items); i++)
    g_assert_nonnull (items[i]);
  g_assert_true (gloss_suggestion_store_peek (store, 0) == items[3]);

  g_object_unref (store);
  for (guint i = 1; i < G_N_ELEMENTS (items); i++)
    g_assert_null (items[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggestion-store/splice", test_splice);
  g_test_add_func ("/suggestion-store/reorder-held", test_reorder_held);

  return g_test_run ();
}

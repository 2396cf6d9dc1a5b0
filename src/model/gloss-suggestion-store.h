/* gloss-suggestion-store.h — the listed suggestions of an article, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-suggestion.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SUGGESTION_STORE (gloss_suggestion_store_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestionStore, gloss_suggestion_store, GLOSS, SUGGESTION_STORE, GObject)

/* A GListModel of GlossSuggestion over an array: its owner (the suggestions
 * file) keeps the order and reads positions directly. */
GlossSuggestionStore *gloss_suggestion_store_new    (void);

guint                 gloss_suggestion_store_get_n  (GlossSuggestionStore  *self);
/* The suggestion at @position (< get_n), borrowed: the store holds it. */
GlossSuggestion      *gloss_suggestion_store_peek   (GlossSuggestionStore  *self,
                                                     guint                  position);
/* As g_list_store_splice(): @n_removed items from @position replaced with
 * @additions, one items-changed (none when nothing changed). The
 * additions are referenced before the removed are released, so an item
 * both removed and added (one range replaced by its reordering) may be
 * held by the store alone. */
void                  gloss_suggestion_store_splice (GlossSuggestionStore  *self,
                                                     guint                  position,
                                                     guint                  n_removed,
                                                     GlossSuggestion      **additions,
                                                     guint                  n_additions);

/* Internal: @n_removed pointers of @array (with no free function) from
 * @position replaced with @n_added from @added (NULL: room left, to be
 * filled in), as the store's own splice does with its items; for a
 * borrowed copy of another list's items. */
void                  gloss_ptr_array_splice        (GPtrArray             *array,
                                                     guint                  position,
                                                     guint                  n_removed,
                                                     gpointer              *added,
                                                     guint                  n_added);

G_END_DECLS

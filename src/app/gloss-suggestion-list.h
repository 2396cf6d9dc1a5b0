/* gloss-suggestion-list.h — an article's suggestions in a list that can be
 * filtered by source, label, score and text, with what accepts them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-suggestion-filter.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SUGGESTION_LIST (gloss_suggestion_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestionList, gloss_suggestion_list, GLOSS, SUGGESTION_LIST, GtkWidget)

/* Properties:
 *   "suggestions"  GListModel of GlossSuggestion, in document order (nullable)
 *   "labels"       GlossLabelSet: the label filter's choices and the names shown
 *   "n-shown"      guint: how many the filter shows (read-only)
 *
 * Signals:
 *   ::suggestion-activated (GlossSuggestion *) — a row was activated (Enter,
 *      double click): the window selects it in the article.
 *
 * Its buttons are the window's actions win.accept-shown-suggestions and
 * win.accept-visible-suggestions. */
GtkWidget             *gloss_suggestion_list_new             (void);
void                   gloss_suggestion_list_set_suggestions (GlossSuggestionList *self,
                                                              GListModel          *suggestions);
void                   gloss_suggestion_list_set_labels      (GlossSuggestionList *self,
                                                              GlossLabelSet       *labels);
GlossSuggestionFilter *gloss_suggestion_list_get_filter      (GlossSuggestionList *self);
guint                  gloss_suggestion_list_get_n_shown     (GlossSuggestionList *self);
/* The suggestions the filter shows, in document order (new array, owns
 * references). */
GPtrArray             *gloss_suggestion_list_dup_shown       (GlossSuggestionList *self);
/* Whether the filter shows @suggestion. */
gboolean               gloss_suggestion_list_shows           (GlossSuggestionList *self,
                                                              GlossSuggestion     *suggestion);
/* Selects @suggestion's row and scrolls to it, if the filter shows it;
 * NULL unselects. */
void                   gloss_suggestion_list_select          (GlossSuggestionList *self,
                                                              GlossSuggestion     *suggestion);
/* Why the suggestions could not be read (a located message), shown where
 * they would be; NULL when they could. */
void                   gloss_suggestion_list_set_error       (GlossSuggestionList *self,
                                                              const char          *message);
/* Moves the keyboard focus to the text filter. */
void                   gloss_suggestion_list_focus_filter    (GlossSuggestionList *self);

G_END_DECLS

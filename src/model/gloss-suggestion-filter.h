/* gloss-suggestion-filter.h — which suggestions the suggestions list shows:
 * by source, label, score and text
 *
 * The model half of the list's filter: the app wraps it in a GtkFilter and
 * maps "changed" to gtk_filter_changed(), so that a narrowing or widening
 * filter re-checks only what it must.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss-suggestion.h"

G_BEGIN_DECLS

/* How a change of the filter changed what it lets through (the values of
 * GtkFilterChange, in its order). */
typedef enum
{
  GLOSS_SUGGESTION_FILTER_DIFFERENT,    /* anything may have changed */
  GLOSS_SUGGESTION_FILTER_LESS_STRICT,  /* all that matched still matches */
  GLOSS_SUGGESTION_FILTER_MORE_STRICT,  /* nothing that failed matches now */
} GlossSuggestionFilterChange;

GType gloss_suggestion_filter_change_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_SUGGESTION_FILTER_CHANGE (gloss_suggestion_filter_change_get_type ())

#define GLOSS_TYPE_SUGGESTION_FILTER (gloss_suggestion_filter_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestionFilter, gloss_suggestion_filter, GLOSS, SUGGESTION_FILTER, GObject)

/* Properties (read-write; each change emits "changed" once, with how it
 * changed, and notifies):
 *   "source"     string: the suggestion's source; NULL or "" = any
 *   "label"      string: its label, or one of a tie's; NULL or "" = any
 *   "min-score"  double in [0, 1]: at least this score; 0 = any, above 0
 *                a suggestion without a score does not match
 *   "text"       string: contained in its exact text, compared after
 *                NFKC normalization and case folding; "" = any
 * Signal "changed" (GlossSuggestionFilterChange change). */
GlossSuggestionFilter *gloss_suggestion_filter_new           (void);

const char            *gloss_suggestion_filter_get_source    (GlossSuggestionFilter *self);
void                   gloss_suggestion_filter_set_source    (GlossSuggestionFilter *self,
                                                              const char            *source);
const char            *gloss_suggestion_filter_get_label     (GlossSuggestionFilter *self);
void                   gloss_suggestion_filter_set_label     (GlossSuggestionFilter *self,
                                                              const char            *label);
double                 gloss_suggestion_filter_get_min_score (GlossSuggestionFilter *self);
void                   gloss_suggestion_filter_set_min_score (GlossSuggestionFilter *self,
                                                              double                 min_score);
const char            *gloss_suggestion_filter_get_text      (GlossSuggestionFilter *self);
void                   gloss_suggestion_filter_set_text      (GlossSuggestionFilter *self,
                                                              const char            *text);

/* Whether @suggestion passes every part of the filter. */
gboolean               gloss_suggestion_filter_matches       (GlossSuggestionFilter *self,
                                                              GlossSuggestion       *suggestion);
/* Whether the filter lets everything through. */
gboolean               gloss_suggestion_filter_is_empty      (GlossSuggestionFilter *self);

G_END_DECLS

/* gloss-suggestion-row.h — a row of the suggestions list: the suggestion's
 * text, and below it, dimmed and smaller, its label, source and score
 *
 * As tall as its two fonts, whatever the text: GTK 4.8's GtkListView
 * keeps ~200 rows alive around its anchor, so a jump of the list to a far
 * suggestion (F8) or a big change of the list rebinds all of them. Two
 * GtkLabels per row asked for a new size with each new text, and the next
 * frame shaped 400 layouts to measure rows of which ~20 are seen. A
 * suggestion row's two lines are GlossRowTexts: sized from their fonts'
 * metrics (once per font), new text only asks for a redraw, and the text
 * is laid out when the row is drawn, ellipsized at the end to its width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SUGGESTION_ROW (gloss_suggestion_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossSuggestionRow, gloss_suggestion_row, GLOSS, SUGGESTION_ROW, GtkWidget)

GtkWidget  *gloss_suggestion_row_new         (void);
/* Both lines at once (one accessible label update): what a list binds. */
void        gloss_suggestion_row_set_strings (GlossSuggestionRow *self,
                                              const char         *text,
                                              const char         *details);
void        gloss_suggestion_row_set_text    (GlossSuggestionRow *self,
                                              const char         *text);
const char *gloss_suggestion_row_get_text    (GlossSuggestionRow *self);
void        gloss_suggestion_row_set_details (GlossSuggestionRow *self,
                                              const char         *details);
const char *gloss_suggestion_row_get_details (GlossSuggestionRow *self);

/* A source's name for people ("Same text", "Quotes", "Imported"; another
 * source's id as it is). */
const char *gloss_suggestion_source_name     (const char         *source);
/* "Person · Imported · 0.40 · detail": the label's name (or "Undecided:
 * Person / Organization" for a tie), the source, the score and the detail
 * when there are; what a row's second line and the article view's screen
 * reader description say of a suggestion. */
char       *gloss_describe_suggestion        (GlossSuggestion    *suggestion,
                                              GlossLabelSet      *labels);

/* For tests: how often the row was measured (GTK asks again only after a
 * resize was queued in it). */
guint       gloss_suggestion_row_get_n_measures (GlossSuggestionRow *self);

G_END_DECLS

/* gloss-confusion-chart.h — a label confusion matrix, drawn as a heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_CONFUSION_CHART (gloss_confusion_chart_get_type ())
G_DECLARE_FINAL_TYPE (GlossConfusionChart, gloss_confusion_chart, GLOSS, CONFUSION_CHART, GtkWidget)

/* How two annotators (or all pairs of them) labelled the same tokens: row
 * r, column c counts the tokens the row annotator gave category r and the
 * column annotator category c. Category names run down the left and along
 * the top (vertical when too wide for a cell, ellipsized when very long),
 * under the axis titles; each cell shows its count.
 *
 * A cell's fill is a translucent tint whose strength is its count over the
 * largest count of the chart; when there are two categories or more the
 * last diagonal cell (usually "O": neither annotator labelled the token)
 * is left out of that scale, since it dwarfs every other count: it is
 * hatched and outlined instead. Agreement (the diagonal) is blue with a
 * thin outline, disagreement orange, so the two differ by shape as well as
 * by colour. Counts are drawn in the theme's text colour, or in black or
 * white where that would not reach a 4.5:1 contrast with the cell, so they
 * stay legible in light and dark styles; zeros are dimmed. Below the
 * natural size cells shrink (to 28 px) and a count too wide is scaled
 * down, never cut. With no categories the chart says "No figures yet".
 *
 * Hovering a cell shows e.g. "alice: Person, bilal: Organization — 3 tokens";
 * hovering a category name, that annotator's total for it.
 * The accessible role is "img"; the accessible label names the annotators
 * and the number of categories, and the description gives the agreement
 * and the most frequent disagreement.
 *
 * Properties (read-only; set with gloss_confusion_chart_set_matrix()):
 *   "n-categories"  guint
 *   "row-title"     char* (nullable)
 *   "column-title"  char* (nullable)
 */

GtkWidget  *gloss_confusion_chart_new                (void);

/* @names: @n_categories category names (the last one usually "O", no
 * label); @counts: @n_categories × @n_categories counts, row-major; both
 * are copied. @row_title and @column_title (nullable) are the axis titles,
 * e.g. the two annotators' ids, or "all pairs". NULL @counts (or no
 * categories) clears the chart. */
void        gloss_confusion_chart_set_matrix         (GlossConfusionChart *self,
                                                      const char * const  *names,
                                                      const guint64       *counts,
                                                      guint                n_categories,
                                                      const char          *row_title,
                                                      const char          *column_title);
guint       gloss_confusion_chart_get_n_categories   (GlossConfusionChart *self);
const char *gloss_confusion_chart_get_row_title      (GlossConfusionChart *self);
const char *gloss_confusion_chart_get_column_title   (GlossConfusionChart *self);

G_END_DECLS

/* gloss-confusion-chart-private.h — what each cell shows and where, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-confusion-chart.h"

G_BEGIN_DECLS

/* The strength (0 to 1) of the fill of cell (@row, @column):
 * its count over the largest count on the scale; 0 for an empty cell, and
 * for the excluded last diagonal cell, which is hatched, not filled. */
double      gloss_confusion_chart_get_cell_intensity (GlossConfusionChart *self,
                                                      guint                row,
                                                      guint                column);
/* The text drawn in the cell: its count. */
char       *gloss_confusion_chart_dup_cell_text      (GlossConfusionChart *self,
                                                      guint                row,
                                                      guint                column);
/* Where the cell is drawn, in widget coordinates, at the current size.
 * FALSE (and @bounds untouched) when the cell does not exist or the
 * widget has no size yet. */
gboolean    gloss_confusion_chart_get_cell_bounds    (GlossConfusionChart *self,
                                                      guint                row,
                                                      guint                column,
                                                      graphene_rect_t     *bounds);

G_END_DECLS

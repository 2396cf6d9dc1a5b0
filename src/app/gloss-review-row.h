/* gloss-review-row.h — one unit in the review window's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_REVIEW_ROW (gloss_review_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossReviewRow, gloss_review_row, GLOSS, REVIEW_ROW, GtkWidget)

GtkWidget       *gloss_review_row_new      (void);
/* Shows @unit (NULL: nothing): its status and decision, which it follows;
 * @versions, one line per annotator; the chip in @label's colour (NULL
 * for a label not in the label set). */
void             gloss_review_row_set_unit (GlossReviewRow  *self,
                                            GlossReviewUnit *unit,
                                            const char      *versions,
                                            GlossLabel      *label);

G_END_DECLS

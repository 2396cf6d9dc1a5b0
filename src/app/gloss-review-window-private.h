/* gloss-review-window-private.h — what the review shows, for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-review-window.h"

G_BEGIN_DECLS

/* NULL until loaded. */
GlossAdjudication *gloss_review_window_get_adjudication (GlossReviewWindow *self);
GlossSession      *gloss_review_window_get_gold_session (GlossReviewWindow *self);
GlossArticleView  *gloss_review_window_get_article_view (GlossReviewWindow *self);
GtkListView       *gloss_review_window_get_unit_list    (GlossReviewWindow *self);
/* The unit selected in the list, or NULL. */
GlossReviewUnit   *gloss_review_window_get_selected_unit (GlossReviewWindow *self);
/* The attribute picker (V): a popover with a drop-down per attribute the
 * selected unit's versions differ on. */
GtkPopover        *gloss_review_window_get_attribute_picker (GlossReviewWindow *self);
/* Adds a sidecar file to compare (as Add File… does). */
gboolean           gloss_review_window_add_sidecar      (GlossReviewWindow *self,
                                                         GFile             *sidecar,
                                                         GError           **error);

G_END_DECLS

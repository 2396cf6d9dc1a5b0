/* gloss-review-window.h — compare colleagues' annotations and adjudicate a gold file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss.h"
#include "gloss-article-view.h"

G_BEGIN_DECLS

/* The name of the text tag that marks the selected unit in the article. */
#define GLOSS_REVIEW_UNIT_TAG "gloss-review-current-unit"

#define GLOSS_TYPE_REVIEW_WINDOW (gloss_review_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossReviewWindow, gloss_review_window, GLOSS, REVIEW_WINDOW, GtkApplicationWindow)

/* Reviews @article: every annotator's sidecar beside it is found and
 * shown, and decisions go into @adjudicator's sidecar (e.g. "gold"). */
GlossReviewWindow *gloss_review_window_new            (GtkApplication    *application,
                                                       GFile             *article,
                                                       const char        *adjudicator);

G_END_DECLS

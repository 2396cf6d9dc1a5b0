/* gloss-review.h — several annotators' spans on one article, aligned into units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matching rules (docs/review.md):
 *  1. Spans are only aligned with spans of the same label kind (entity,
 *     quote, claim): a person inside a quote is its own unit.
 *  2. Every pair of spans of two different annotators that share at least
 *     one code point is a candidate, ranked by: shared length over the
 *     length of their union (Jaccard) highest first; then the same label
 *     before different labels; then the earlier start, the earlier end,
 *     the lower annotator index and the lower span position.
 *  3. Candidates are taken in that order, each joining the two units its
 *     spans belong to, unless the joined unit would hold two spans of one
 *     annotator. So exact matches join first, and a unit holds at most one
 *     version per annotator.
 *  4. Every span left alone is a unit of its own.
 * Units are listed in document order (start, then end, then kind).
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-label-set.h"
#include "gloss-review-unit.h"

G_BEGIN_DECLS

/* Units keep their annotators as bits of a 64-bit word. */
#define GLOSS_REVIEW_MAX_ANNOTATORS 64

#define GLOSS_TYPE_REVIEW (gloss_review_get_type ())
G_DECLARE_FINAL_TYPE (GlossReview, gloss_review, GLOSS, REVIEW, GObject)

/* A GListModel of GlossReviewUnit for the annotators' placed annotations
 * (@annotations: one GPtrArray of GlossAnnotation per annotator; NULL for
 * one who marked nothing), 1 to GLOSS_REVIEW_MAX_ANNOTATORS of them.
 * @labels gives each label its kind. */
GlossReview     *gloss_review_new               (GlossLabelSet     *labels,
                                                 guint              n_annotators,
                                                 GPtrArray * const *annotations);

guint            gloss_review_get_n_annotators  (GlossReview *self);
/* Units of each status. */
guint            gloss_review_count_status      (GlossReview    *self,
                                                 GlossUnitStatus status);
/* Units still without a decision. */
guint            gloss_review_count_pending     (GlossReview *self);

/* The placed annotations of @set, as gloss_review_new() takes them. */
GPtrArray       *gloss_review_collect_placed    (GlossAnnotationSet *set);

G_END_DECLS

/* gloss-adjudication.h — a gold sidecar built unit by unit, with undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each decision is recorded in the gold sidecar (docs/review.md):
 *  - an accepted or edited unit is a gold annotation with the extra key
 *    "review": {"decision": "accepted"|"edited", "from": ["alice", …],
 *    "adjudicator": "dana"}, "from" naming the annotators whose version
 *    it is (none for an edited one that matches nobody's);
 *  - a rejected unit is listed in the sidecar's top-level "review" object,
 *    {"adjudicator": …, "annotators": […], "rejected": [{"kind": "entity",
 *    "start": 10, "end": 22}, …]}.
 * Opening the same gold sidecar again gives every unit its decision back:
 * rejected units are found by kind and bounds; each gold annotation goes
 * to the unit of its kind it fits best (Jaccard overlap with one of the
 * unit's versions; on a tie, the unit with more versions exactly like it),
 * best fits first, one per unit. So a second pre-merge adds nothing.
 */
#pragma once

#include <glib-object.h>

#include "gloss-annotation-set.h"
#include "gloss-review.h"
#include "gloss-sidecar.h"

G_BEGIN_DECLS

#define GLOSS_REVIEW_KEY "review"

typedef enum
{
  GLOSS_MERGE_UNANIMOUS,   /* every annotator: the same start, end and label
                            * (attributes they differ on are left out) */
  GLOSS_MERGE_MAJORITY,    /* more than half of the annotators */
} GlossMergeStrategy;

#define GLOSS_TYPE_ADJUDICATION (gloss_adjudication_get_type ())
G_DECLARE_FINAL_TYPE (GlossAdjudication, gloss_adjudication, GLOSS, ADJUDICATION, GObject)

/* Adjudicates @review's units (annotators @annotator_ids, in the review's
 * order) into @gold, as @adjudicator (who goes into each record). @labels
 * gives the gold annotations their kind, as it did the review's. */
GlossAdjudication *gloss_adjudication_new        (GlossReview        *review,
                                                  GlossLabelSet      *labels,
                                                  const char * const *annotator_ids,
                                                  GlossSidecar       *gold,
                                                  const char         *adjudicator);

GlossReview       *gloss_adjudication_get_review (GlossAdjudication *self);
GlossSidecar      *gloss_adjudication_get_gold   (GlossAdjudication *self);
/* Units decided, of all. */
guint              gloss_adjudication_get_n_decided (GlossAdjudication *self);

/* Puts annotator @annotator's version of @unit into the gold set,
 * replacing what the unit had. FALSE (and @error) if there is none or the
 * set refuses it. */
gboolean           gloss_adjudication_accept     (GlossAdjudication *self,
                                                  GlossReviewUnit   *unit,
                                                  guint              annotator,
                                                  GError           **error);
/* Annotator @annotator's version (label, bounds, note) with @attributes
 * (an "a{sv}", or NULL for none) instead of theirs: the values a reviewer
 * picked where the annotators' differ (gloss_review_unit_pick_attributes()).
 * Accepted, "from" naming those whose start, end and label it has. */
gboolean           gloss_adjudication_accept_with_attributes (GlossAdjudication *self,
                                                              GlossReviewUnit   *unit,
                                                              guint              annotator,
                                                              GVariant          *attributes,
                                                              GError           **error);
/* The version most annotators share (the earliest annotator's on a tie). */
gboolean           gloss_adjudication_accept_majority (GlossAdjudication *self,
                                                       GlossReviewUnit   *unit,
                                                       GError           **error);
/* A version of the adjudicator's own: @label over [@start, @end). */
gboolean           gloss_adjudication_accept_edited (GlossAdjudication *self,
                                                     GlossReviewUnit   *unit,
                                                     const char        *label,
                                                     guint              start,
                                                     guint              end,
                                                     GError           **error);
/* Nothing of @unit goes into the gold set. */
gboolean           gloss_adjudication_reject     (GlossAdjudication *self,
                                                  GlossReviewUnit   *unit,
                                                  GError           **error);

/* Accepts every pending unit the strategy settles: returns how many. One
 * undo step. */
guint              gloss_adjudication_premerge   (GlossAdjudication  *self,
                                                  GlossMergeStrategy  strategy);

gboolean           gloss_adjudication_can_undo   (GlossAdjudication *self);
gboolean           gloss_adjudication_can_redo   (GlossAdjudication *self);
gboolean           gloss_adjudication_undo       (GlossAdjudication *self);
gboolean           gloss_adjudication_redo       (GlossAdjudication *self);

/* Whether @sidecar holds adjudicated annotations (it has the top-level
 * review record), rather than one annotator's. */
gboolean           gloss_sidecar_is_adjudicated  (GlossSidecar *sidecar);

/* Sets in @gold each article field ("document_labels") that @strategy
 * settles among @sidecars (GlossSidecar, the annotators'): unanimous —
 * every one of them gives it the same value; majority — more than half
 * do. A field @gold already has is left alone. Returns how many were set. */
guint              gloss_merge_document_labels   (GlossSidecar       *gold,
                                                  GPtrArray          *sidecars,
                                                  GlossMergeStrategy  strategy);

gboolean           gloss_merge_strategy_from_string (const char         *str,
                                                     GlossMergeStrategy *strategy);

G_END_DECLS

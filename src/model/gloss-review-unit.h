/* gloss-review-unit.h — one place where annotators' spans meet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss-annotation.h"
#include "gloss-label.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_UNIT_AGREED,        /* everyone: the same start, end and label */
  GLOSS_UNIT_LABEL,         /* everyone: the same start and end, labels differ */
  GLOSS_UNIT_BOUNDS,        /* everyone marked it, with different bounds */
  GLOSS_UNIT_MISSING,       /* some annotators did not mark it */
  GLOSS_UNIT_ATTRIBUTES,    /* everyone: the same start, end and label, but
                             * some attribute's values differ (one set and
                             * another not counts as differing) */
} GlossUnitStatus;

GType gloss_unit_status_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_UNIT_STATUS (gloss_unit_status_get_type ())

/* What the adjudicator made of a unit. */
typedef enum
{
  GLOSS_DECISION_PENDING,
  GLOSS_DECISION_ACCEPTED,  /* one annotator's version, as it is */
  GLOSS_DECISION_EDITED,    /* a version the adjudicator changed */
  GLOSS_DECISION_REJECTED,  /* nothing goes into the gold file */
} GlossDecision;

GType gloss_decision_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_DECISION (gloss_decision_get_type ())

#define GLOSS_TYPE_REVIEW_UNIT (gloss_review_unit_get_type ())
G_DECLARE_FINAL_TYPE (GlossReviewUnit, gloss_review_unit, GLOSS, REVIEW_UNIT, GObject)

/* A unit over @n_annotators annotators: each has at most one version. */
GlossReviewUnit *gloss_review_unit_new             (guint            n_annotators,
                                                    GlossLabelKind   kind);
void             gloss_review_unit_set_version     (GlossReviewUnit *self,
                                                    guint            annotator,
                                                    GlossAnnotation *annotation);
/* Computes status, start and end from the versions. */
void             gloss_review_unit_settle          (GlossReviewUnit *self);

guint            gloss_review_unit_get_n_annotators (GlossReviewUnit *self);
/* Annotator @annotator's version, or NULL. */
GlossAnnotation *gloss_review_unit_get_version     (GlossReviewUnit *self,
                                                    guint            annotator);
guint            gloss_review_unit_get_n_versions  (GlossReviewUnit *self);
GlossLabelKind   gloss_review_unit_get_kind        (GlossReviewUnit *self);
GlossUnitStatus  gloss_review_unit_get_status      (GlossReviewUnit *self);
/* The text every version touches: the smallest start, the largest end. */
guint            gloss_review_unit_get_start       (GlossReviewUnit *self);
guint            gloss_review_unit_get_end         (GlossReviewUnit *self);
/* The version most annotators share (start, end and label), the earliest
 * annotator's on a tie. */
GlossAnnotation *gloss_review_unit_get_majority    (GlossReviewUnit *self,
                                                    guint           *n_agreeing);
/* Whether the versions of annotators @a and @b have the same start, end
 * and label (both absent counts as the same). */
gboolean         gloss_review_unit_versions_equal  (GlossReviewUnit *self,
                                                    guint            a,
                                                    guint            b);

/* Attributes on which the versions differ
 * ------------------------------------------------------------------------
 * For a unit whose versions share start, end and label (agreed or
 * GLOSS_UNIT_ATTRIBUTES), the ids of the attributes that the versions do
 * not all give the same value, in byte order (none for other units: their
 * versions differ in more than values). NULL-terminated, never NULL. */
char           **gloss_review_unit_dup_differing_attributes (GlossReviewUnit *self);

/* One value given for an attribute, and who gave it. */
typedef struct
{
  GVariant *value;       /* NULL: not set */
  guint64   annotators;  /* bit i: annotator i gave it */
} GlossReviewValue;

/* The values the versions give attribute @id, each once, in the order of
 * the first annotator who gave it ("not set" included, as NULL). A
 * GPtrArray of GlossReviewValue, freed with it. */
GPtrArray       *gloss_review_unit_dup_attribute_values (GlossReviewUnit *self,
                                                         const char      *id);
/* Annotator @annotator's attributes with each of @ids set to the value
 * @values holds at the same place (NULL: not set), what a reviewer picked:
 * an "a{sv}" for gloss_adjudication_accept_with_attributes(), or NULL if
 * nothing is left set. */
GVariant        *gloss_review_unit_pick_attributes (GlossReviewUnit    *self,
                                                    guint               annotator,
                                                    const char * const *ids,
                                                    GVariant * const   *values);

GlossDecision    gloss_review_unit_get_decision    (GlossReviewUnit *self);
void             gloss_review_unit_set_decision    (GlossReviewUnit *self,
                                                    GlossDecision    decision);
/* The annotation the decision put in the gold set, or NULL. */
GlossAnnotation *gloss_review_unit_get_gold        (GlossReviewUnit *self);
void             gloss_review_unit_set_gold        (GlossReviewUnit *self,
                                                    GlossAnnotation *gold);

/* A short, translated name of @status ("Agreed", "Label differs", …). */
const char      *gloss_unit_status_to_string       (GlossUnitStatus  status);
const char      *gloss_decision_to_string          (GlossDecision    decision);

G_END_DECLS

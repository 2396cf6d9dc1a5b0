/* gloss-attribute-rules.h — which required attributes a span lacks, and
 * which required fields an article lacks, by its label set
 *
 * A missing required value is not a problem of the file (a sidecar saved
 * halfway through the work is not wrong, docs/sidecar.md), so the reader
 * never reports it; these rules are asked by whoever shows how far the
 * work is: the app's annotation list (marks and counts), `gloss-cli
 * validate` (warnings) and `gloss-cli stats` (counts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"
#include "gloss-label-set.h"
#include "gloss-problem.h"

G_BEGIN_DECLS

/* Whether Edit Attributes has anything to show for @annotation: an
 * attribute applies to its label, or it holds values kept from another
 * label or no longer declared (listed to be taken away). Builds nothing:
 * the window asks at every selection. */
gboolean gloss_label_set_offers_attributes (GlossLabelSet   *self,
                                            GlossAnnotation *annotation);

/* Whether @labels (nullable) declares any required attribute or required
 * article field: when it does not, nothing can be missing. */
gboolean   gloss_label_set_has_required                (GlossLabelSet   *labels);

/* How many required attributes that apply to @annotation's label it has no
 * value for (gloss_attribute_value_is_set()). A value that is set but not
 * allowed is not missing: the sidecar reader reports it. 0 when @labels is
 * NULL or does not know the label. Builds no list (a lookup per required
 * attribute that applies): for every row of a list, and for counting
 * 100,000 annotations. */
guint      gloss_label_set_count_missing_attributes    (GlossLabelSet   *labels,
                                                        GlossAnnotation *annotation);
/* The annotation list's filter by value: whether @annotation's value of
 * @attribute holds @wanted — a choice's value id (or one of several, for
 * a multiple choice), "true" or "false" for a boolean, a text as it is —
 * or, when @wanted is NULL, whether @attribute applies to its label and
 * it has no value ("not set", required or not). A value set on a span
 * whose label the attribute does not apply to, or that the label set no
 * longer allows, still matches what it holds: the filter shows what the
 * file says. Builds nothing (one lookup): for every one of 100,000 rows. */
gboolean   gloss_label_set_match_attribute             (GlossLabelSet   *labels,
                                                        GlossAnnotation *annotation,
                                                        GlossAttribute  *attribute,
                                                        const char      *wanted);
/* What an imported or read value is, against @labels: the one rule the
 * sidecar reader and the importers (brat, JSON Lines) share, each in its
 * own located words. */
typedef enum
{
  GLOSS_ATTRIBUTE_VALUE_ALLOWED,
  GLOSS_ATTRIBUTE_VALUE_UNDECLARED,     /* no such attribute (or field) */
  GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE, /* a known label it does not apply to */
  GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED,    /* @error says why */
} GlossAttributeValueCheck;

/* Judges @value of attribute @id (an article field when @document) on a
 * span labelled @label (NULL for a field, or when no label is known):
 * undeclared first, then not applying to a label the set knows, then the
 * value's own rule (gloss_attribute_check_value()). Every outcome but
 * ALLOWED is a warning — the value is kept, never dropped. @attribute
 * (nullable) gets the declared attribute, when there is one. */
GlossAttributeValueCheck gloss_label_set_check_attribute_value (GlossLabelSet   *labels,
                                                                const char      *id,
                                                                gboolean         document,
                                                                const char      *label,
                                                                GVariant        *value,
                                                                GlossAttribute **attribute,
                                                                GError         **error);

/* The same attributes, in the label set's order: a new array holding
 * references (empty when none is missing). */
GPtrArray *gloss_label_set_dup_missing_attributes      (GlossLabelSet   *labels,
                                                        GlossAnnotation *annotation);
/* The required fields of the article that @document_labels ("a{sv}" as
 * gloss_sidecar_peek_document_labels() gives it, or NULL) has no value
 * for, in the label set's order: a new array holding references. */
GPtrArray *gloss_label_set_dup_missing_document_fields (GlossLabelSet   *labels,
                                                        GVariant        *document_labels);

/* For `validate`: appends to @problems a warning (GlossProblem, file
 * @file) for each required article field @document_labels lacks, at
 * "document_labels.ID". */
void       gloss_label_set_report_missing_document_fields (GlossLabelSet *labels,
                                                           GVariant      *document_labels,
                                                           const char    *file,
                                                           GPtrArray     *problems);
/* The same for each required attribute that each annotation of
 * @annotations (a GListModel of GlossAnnotation) lacks, in the model's
 * order, at "annotations[id=ID].attributes.ATTRIBUTE". Spans are named by
 * id, not by their index in the file: a loaded sidecar no longer knows
 * the file's order, and an id is what a search in the file finds. */
void       gloss_label_set_report_missing_attributes   (GlossLabelSet   *labels,
                                                        GListModel      *annotations,
                                                        const char      *file,
                                                        GPtrArray       *problems);

G_END_DECLS

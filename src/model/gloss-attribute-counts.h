/* gloss-attribute-counts.h — how many spans carry each attribute and each
 * of its values, and how many articles each field: what `gloss-cli stats`
 * prints
 *
 * Two scopes are counted side by side: the attributes of spans (counted
 * over annotations) and the fields of the article (counted over sidecars,
 * one per article and annotator). For each id: how many carry a value,
 * how many carry each value (choice and boolean attributes: "true" and
 * "false" for a boolean; a span with several values counts for each), and
 * how many lack it where it is required. Ids the label set does not
 * declare are counted too, without their values unless they are lists or
 * booleans; declared ids appear with 0 once their label set is added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss-annotation.h"
#include "gloss-label-set.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_ATTRIBUTE_SCOPE_SPANS,    /* attributes of annotations */
  GLOSS_ATTRIBUTE_SCOPE_ARTICLE,  /* fields of the article ("document_labels") */
} GlossAttributeScope;

typedef struct _GlossAttributeCounts GlossAttributeCounts;

GlossAttributeCounts *gloss_attribute_counts_new     (void);
void                  gloss_attribute_counts_free    (GlossAttributeCounts *self);

/* Every attribute and field @labels (nullable) declares, so that one no
 * span carries is still listed (with 0), with its values in the label
 * set's order. Adding the same set again changes nothing. */
void     gloss_attribute_counts_add_label_set       (GlossAttributeCounts *self,
                                                     GlossLabelSet        *labels);
/* One span: its attributes, and the required ones it lacks by @labels
 * (nullable: then none is missing). */
void     gloss_attribute_counts_add_annotation      (GlossAttributeCounts *self,
                                                     GlossLabelSet        *labels,
                                                     GlossAnnotation      *annotation);
/* One sidecar's article fields ("a{sv}" or NULL for none). */
void     gloss_attribute_counts_add_document_labels (GlossAttributeCounts *self,
                                                     GlossLabelSet        *labels,
                                                     GVariant             *document_labels);

/* The ids counted in @scope, sorted (strcmp): a new NULL-terminated array. */
char   **gloss_attribute_counts_dup_ids             (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope);
/* How many spans (or sidecars) carry a value for @id; 0 for an id not
 * counted. */
guint    gloss_attribute_counts_get_n_set           (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope,
                                                     const char           *id);
/* How many lack @id where their label set requires it. */
guint    gloss_attribute_counts_get_n_missing       (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope,
                                                     const char           *id);
/* Whether a label set added declares @id required in @scope. */
gboolean gloss_attribute_counts_get_required        (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope,
                                                     const char           *id);
/* The values counted for @id: declared ones in their label set's order,
 * then others sorted; a new NULL-terminated array (empty for text and
 * number attributes). */
char   **gloss_attribute_counts_dup_values          (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope,
                                                     const char           *id);
/* How many carry @value for @id. */
guint    gloss_attribute_counts_get_n_value         (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope,
                                                     const char           *id,
                                                     const char           *value);
/* How many spans (or sidecars) lack at least one required value. */
guint    gloss_attribute_counts_get_n_incomplete    (GlossAttributeCounts *self,
                                                     GlossAttributeScope   scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAttributeCounts, gloss_attribute_counts_free)

G_END_DECLS

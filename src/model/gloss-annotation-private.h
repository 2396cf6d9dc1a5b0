/* gloss-annotation-private.h — an annotation's values, taken by reference
 * (internal: for the sidecar's snapshot when saving)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-annotation.h"

G_BEGIN_DECLS

/* What the sidecar writes of one annotation, apart from its extra keys.
 * The strings are GRefStrings shared with the annotation (which replaces
 * its strings on every change, never edits them), so taking the values
 * costs a reference per string, and they can be read in another thread
 * while the annotation is edited. created and modified may be NULL; the
 * others never are. */
typedef struct
{
  char     *id;
  char     *label;
  char     *exact;
  char     *prefix;
  char     *suffix;
  char     *note;
  char     *created;
  char     *modified;
  guint     start;
  guint     end;
  gboolean  orphaned;
} GlossAnnotationValues;

void gloss_annotation_acquire_values  (GlossAnnotation             *self,
                                       GlossAnnotationValues       *values);
/* Releases the strings (in any thread). */
void gloss_annotation_values_clear    (GlossAnnotationValues       *values);
/* gloss_annotation_compare() on values. */
int  gloss_annotation_values_compare  (const GlossAnnotationValues *a,
                                       const GlossAnnotationValues *b);

G_END_DECLS

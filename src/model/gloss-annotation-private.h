/* gloss-annotation-private.h — an annotation's values as an immutable,
 * shared block (internal: for the sidecar's snapshot when saving)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-annotation.h"

G_BEGIN_DECLS

/* What the sidecar writes of one annotation, apart from its unknown keys.
 * An annotation keeps its values in such a block and never changes one
 * that somebody else holds a reference to: it copies it first. So a
 * reference taken on the annotation's thread (one atomic increment) is a
 * snapshot that can be read in another thread, and let go there, while
 * the annotation is edited. created and modified may be NULL; the other
 * strings never are. Read-only for holders. */
typedef struct
{
  gatomicrefcount    ref_count;
  char              *id;
  char              *label;
  char              *exact;
  char              *prefix;
  char              *suffix;
  char              *note;
  char              *created;
  char              *modified;
  guint              start;
  guint              end;
  GlossAnchorStatus  status;
  /* The span's attributes ("attributes" in the sidecar): an "a{sv}" with
   * its keys in byte order and no empty list, or NULL when there are none
   * (most annotations: no allocation). GVariants are immutable and their
   * references atomic, so a snapshot may read and drop it in any thread. */
  GVariant          *attributes;
  /* The strings made with the block are stored after it, in the same
   * allocation (one malloc per annotation when a sidecar loads, not
   * nine): a string inside these many bytes from the block's start is
   * not freed on its own. 0 for the shared empty block. */
  gsize              block_size;
} GlossAnnotationValues;

/* In the annotation's thread only. peek: no reference, valid until the
 * annotation changes. */
GlossAnnotationValues *gloss_annotation_ref_values      (GlossAnnotation             *self);
GlossAnnotationValues *gloss_annotation_peek_values     (GlossAnnotation             *self);
GlossAnnotationValues *gloss_annotation_values_ref      (GlossAnnotationValues       *values);
/* In any thread. */
void                   gloss_annotation_values_unref    (GlossAnnotationValues       *values);
/* gloss_annotation_compare() on values. */
int                    gloss_annotation_values_compare  (const GlossAnnotationValues *a,
                                                         const GlossAnnotationValues *b);

/* Whether @a and @b hold the same values: everything a sidecar writes of
 * an annotation (id, label, offsets, quote, note, times, anchor status,
 * attributes and the unknown keys, those in their order), so that one
 * may stand for the other (a reload keeps the annotations it already
 * has). Not an order: see gloss_annotation_compare(). */
gboolean               gloss_annotation_equal           (GlossAnnotation             *a,
                                                         GlossAnnotation             *b);
/* Whether two objects of unknown keys (nullable: none) would be written
 * the same: members in the same order with the same names and values,
 * numbers of the same kind (1 is not 1.0). For annotations and
 * relations. */
gboolean               gloss_json_object_equal          (JsonObject                  *a,
                                                         JsonObject                  *b);

/* The attributes of @attributes (nullable, "a{sv}") with @id set to @value,
 * or removed when @value is NULL: a new sorted "a{sv}" (full reference),
 * or NULL when none is left. For the annotation and the sidecar's
 * document labels. */
GVariant              *gloss_attribute_map_set          (GVariant                    *attributes,
                                                         const char                  *id,
                                                         GVariant                    *value);
/* Takes @attributes (a sorted "a{sv}" as gloss_attribute_map_set()
 * makes, or NULL): for loaders. */
void                   gloss_annotation_take_attributes (GlossAnnotation             *self,
                                                         GVariant                    *attributes);
/* Whether a sidecar can hold @value: "b", "s", a finite "d" or "as". */
gboolean               gloss_attribute_value_is_storable (GVariant                  *value);
/* The value of @id in @attributes (nullable), or NULL (full reference). */
GVariant              *gloss_attribute_map_lookup       (GVariant                    *attributes,
                                                         const char                  *id);

G_END_DECLS

/* gloss-annotation.h — one labelled span of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where an annotation stands relative to the article it was loaded against. */
typedef enum
{
  GLOSS_ANCHOR_KEPT,      /* offsets used as they were */
  GLOSS_ANCHOR_MOVED,     /* same text found elsewhere (article edited around it) */
  GLOSS_ANCHOR_REPAIRED,  /* text edited inside the span; bounds and exact updated */
  GLOSS_ANCHOR_ORPHANED,  /* could not be placed; offsets are the last known ones */
} GlossAnchorStatus;

GType gloss_anchor_status_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_ANCHOR_STATUS (gloss_anchor_status_get_type ())

#define GLOSS_TYPE_ANNOTATION (gloss_annotation_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotation, gloss_annotation, GLOSS, ANNOTATION, GObject)

GlossAnnotation  *gloss_annotation_new          (const char      *id,
                                                 const char      *label,
                                                 guint            start,
                                                 guint            end);
/* All fields at once (NULL strings: empty, or no timestamp), for loaders. */
GlossAnnotation  *gloss_annotation_new_full     (const char      *id,
                                                 const char      *label,
                                                 guint            start,
                                                 guint            end,
                                                 const char      *exact,
                                                 const char      *prefix,
                                                 const char      *suffix,
                                                 const char      *note,
                                                 const char      *created,
                                                 const char      *modified);
/* A fresh random id of the form "a-xxxxxxxx". */
char             *gloss_annotation_generate_id  (void);

const char       *gloss_annotation_get_id       (GlossAnnotation *self);
const char       *gloss_annotation_get_label    (GlossAnnotation *self);
guint             gloss_annotation_get_start    (GlossAnnotation *self);
guint             gloss_annotation_get_end      (GlossAnnotation *self);
const char       *gloss_annotation_get_exact    (GlossAnnotation *self);
const char       *gloss_annotation_get_prefix   (GlossAnnotation *self);
const char       *gloss_annotation_get_suffix   (GlossAnnotation *self);
const char       *gloss_annotation_get_note     (GlossAnnotation *self);
/* ISO 8601 UTC strings, e.g. "2026-11-26T10:00:00Z"; may be NULL. */
const char       *gloss_annotation_get_created  (GlossAnnotation *self);
const char       *gloss_annotation_get_modified (GlossAnnotation *self);
GlossAnchorStatus gloss_annotation_get_status   (GlossAnnotation *self);
gboolean          gloss_annotation_is_orphaned  (GlossAnnotation *self);
/* Keys of the sidecar object this program does not know; kept for saving. */
JsonObject       *gloss_annotation_get_extra    (GlossAnnotation *self);

/* The span's attributes ("attributes" in the sidecar, docs/sidecar.md):
 * the value of @id ("b", "s", "d" or "as"; full reference), or NULL when
 * it is not set. Values the label set does not allow are kept as read. */
GVariant         *gloss_annotation_get_attribute      (GlossAnnotation *self,
                                                       const char      *id);
/* The ids of the attributes set, in byte order (never NULL). */
char            **gloss_annotation_dup_attribute_ids  (GlossAnnotation *self);
/* Every attribute at once: an "a{sv}" sorted by id, or NULL (transfer
 * none; valid until the annotation changes). */
GVariant         *gloss_annotation_peek_attributes    (GlossAnnotation *self);

/* Setters notify the matching property. Edits a user makes go through
 * GlossAnnotationSet, which records them for undo; these are for loaders. */
void gloss_annotation_set_label    (GlossAnnotation *self, const char *label);
void gloss_annotation_set_bounds   (GlossAnnotation *self, guint start, guint end);
void gloss_annotation_set_exact    (GlossAnnotation *self, const char *exact);
void gloss_annotation_set_prefix   (GlossAnnotation *self, const char *prefix);
void gloss_annotation_set_suffix   (GlossAnnotation *self, const char *suffix);
void gloss_annotation_set_note     (GlossAnnotation *self, const char *note);
void gloss_annotation_set_created  (GlossAnnotation *self, const char *created);
void gloss_annotation_set_modified (GlossAnnotation *self, const char *modified);
void gloss_annotation_set_status   (GlossAnnotation *self, GlossAnchorStatus status);
/* Sets attribute @id to @value (a floating reference is sunk; "b", "s",
 * "d" finite or "as"; an empty list removes), NULL removes. Not checked
 * against a label set: that is the caller's rule. Notifies "attributes".
 * Not recorded for undo: a person's edit is
 * gloss_annotation_set_change_attribute(). */
void gloss_annotation_set_attribute (GlossAnnotation *self,
                                     const char      *id,
                                     GVariant        *value);
/* Takes a reference; NULL clears. */
void gloss_annotation_set_extra    (GlossAnnotation *self, JsonObject *extra);

/* Document order: (start, end, label, id). Orphans compare like the rest. */
int  gloss_annotation_compare      (GlossAnnotation *a, GlossAnnotation *b);

G_END_DECLS

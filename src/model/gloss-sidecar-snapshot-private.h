/* gloss-sidecar-snapshot-private.h — what a save writes, taken on the
 * main thread and written out in another (internal to gloss-sidecar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-annotation-set.h"
#include "gloss-relation.h"

G_BEGIN_DECLS

/* A sidecar's contents at one moment: the top level rendered to text
 * already, every annotation's values by reference (an immutable block),
 * relations copied, unknown keys rendered to text. Owes nothing to the objects it was
 * taken from, so it can be written in any one thread while they are edited,
 * and freed there. */
typedef struct _GlossSidecarSnapshot GlossSidecarSnapshot;

/* Takes the snapshot, in the thread that owns @set. @root is the sidecar's
 * top-level object with every member but the annotations' and relations'
 * contents: its members @annotations_member and @relations_member (empty
 * arrays) stand for them, unless an unknown key of the same name took
 * their place. */
GlossSidecarSnapshot *gloss_sidecar_snapshot_new   (JsonObject           *root,
                                                    JsonNode             *annotations_member,
                                                    JsonNode             *relations_member,
                                                    GlossAnnotationSet   *set);
/* Appends the sidecar's text to @out: byte for byte what
 * gloss_json_to_string() makes of the whole tree (docs/sidecar.md). */
void                  gloss_sidecar_snapshot_write (GlossSidecarSnapshot *self,
                                                    GString              *out);
/* A size to reserve for the text (an estimate). */
gsize                 gloss_sidecar_snapshot_estimate_size (GlossSidecarSnapshot *self);
void                  gloss_sidecar_snapshot_free  (GlossSidecarSnapshot *self);

/* The tree's pieces, shared with the tree serialiser: an annotation or a
 * relation as a JSON object, and unknown keys added after the known ones
 * (in their original order; a known key keeps its place and takes the
 * unknown value, as json_object_set_member does). */
JsonNode *gloss_sidecar_annotation_to_node (GlossAnnotation *annotation);
JsonNode *gloss_sidecar_relation_to_node   (GlossRelation   *relation);
/* Attributes or document labels ("a{sv}" sorted by id) as a JSON object. */
JsonNode *gloss_sidecar_attributes_to_node (GVariant        *attributes);
void      gloss_sidecar_add_extra_members  (JsonObject      *object,
                                            JsonObject      *extra);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSidecarSnapshot, gloss_sidecar_snapshot_free)

G_END_DECLS

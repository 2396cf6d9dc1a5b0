/* gloss-relation.h — a typed link between two annotations (e.g. quote → speaker)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GLOSS_RELATION_SPEAKER "speaker"

/* The two ends of a relation: from (a quote) and to (its speaker). */
typedef enum
{
  GLOSS_RELATION_FROM,
  GLOSS_RELATION_TO,
} GlossRelationEnd;

#define GLOSS_TYPE_RELATION (gloss_relation_get_type ())
G_DECLARE_FINAL_TYPE (GlossRelation, gloss_relation, GLOSS, RELATION, GObject)

GlossRelation *gloss_relation_new          (const char    *id,
                                            const char    *type,
                                            const char    *from_id,
                                            const char    *to_id);
/* A fresh random id of the form "r-xxxxxxxx". */
char          *gloss_relation_generate_id  (void);

const char    *gloss_relation_get_id       (GlossRelation *self);
const char    *gloss_relation_get_rel_type (GlossRelation *self);
const char    *gloss_relation_get_from     (GlossRelation *self);
const char    *gloss_relation_get_to       (GlossRelation *self);
JsonObject    *gloss_relation_get_extra    (GlossRelation *self);
void           gloss_relation_set_extra    (GlossRelation *self,
                                            JsonObject    *extra);
/* Sidecar order: (type, from, to, id). */
int            gloss_relation_compare      (GlossRelation *a,
                                            GlossRelation *b);

G_END_DECLS

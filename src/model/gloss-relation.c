/* gloss-relation.c — a typed link between two annotations (e.g. quote → speaker)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-relation.h"

/* Everything but extra is construct-only: a relation is never edited in
 * place, an edit is a remove plus an add, which keeps undo simple and the
 * relation list's sort order stable. */
struct _GlossRelation
{
  GObject     parent_instance;

  char       *id;
  char       *type;
  char       *from;
  char       *to;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (GlossRelation, gloss_relation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TYPE,
  PROP_FROM,
  PROP_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_relation_finalize (GObject *object)
{
  GlossRelation *self = (GlossRelation *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (gloss_relation_parent_class)->finalize (object);
}

static void
gloss_relation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossRelation *self = GLOSS_RELATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;

    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;

    case PROP_TO:
      g_value_set_string (value, self->to);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Construct-only strings are stored as "" rather than NULL so that
 * compare and the sidecar writer never need to special-case them. */
static char *
dup_or_empty (const GValue *value)
{
  const char *str = g_value_get_string (value);

  return g_strdup (str != NULL ? str : "");
}

static void
gloss_relation_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossRelation *self = GLOSS_RELATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (g_value_get_string (value) != NULL)
        self->id = g_value_dup_string (value);
      else
        self->id = gloss_relation_generate_id ();
      break;

    case PROP_TYPE:
      self->type = dup_or_empty (value);
      break;

    case PROP_FROM:
      self->from = dup_or_empty (value);
      break;

    case PROP_TO:
      self->to = dup_or_empty (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_relation_class_init (GlossRelationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_relation_finalize;
  object_class->get_property = gloss_relation_get_property;
  object_class->set_property = gloss_relation_set_property;

  /* G_PARAM_CONSTRUCT_ONLY also makes GObject set each of them during
   * construction, with NULL if not given, so the setters above always run. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_relation_init (GlossRelation *self)
{
}

/**
 * gloss_relation_new:
 * @id: (nullable): the id, or %NULL for a fresh one
 * @type: the relation type, e.g. %GLOSS_RELATION_SPEAKER
 * @from_id: id of the source annotation
 * @to_id: id of the target annotation
 *
 * Returns: (transfer full): a new relation, not yet in any set
 */
GlossRelation *
gloss_relation_new (const char *id,
                    const char *type,
                    const char *from_id,
                    const char *to_id)
{
  return g_object_new (GLOSS_TYPE_RELATION,
                       "id", id,
                       "type", type,
                       "from", from_id,
                       "to", to_id,
                       NULL);
}

char *
gloss_relation_generate_id (void)
{
  return g_strdup_printf ("r-%08x", g_random_int ());
}

const char *
gloss_relation_get_id (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  return self->id;
}

const char *
gloss_relation_get_rel_type (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  return self->type;
}

const char *
gloss_relation_get_from (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  return self->from;
}

const char *
gloss_relation_get_to (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  return self->to;
}

/**
 * gloss_relation_get_extra:
 *
 * Returns: (transfer none) (nullable): unknown sidecar keys, or %NULL
 */
JsonObject *
gloss_relation_get_extra (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  return self->extra;
}

/* Takes a reference; NULL clears. */
void
gloss_relation_set_extra (GlossRelation *self,
                          JsonObject    *extra)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));

  if (self->extra == extra)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}

/* Byte order, not collation, so saved files are identical everywhere. */
int
gloss_relation_compare (GlossRelation *a,
                        GlossRelation *b)
{
  int cmp;

  g_return_val_if_fail (GLOSS_IS_RELATION (a), 0);
  g_return_val_if_fail (GLOSS_IS_RELATION (b), 0);

  if ((cmp = strcmp (a->type, b->type)) != 0)
    return cmp;

  if ((cmp = strcmp (a->from, b->from)) != 0)
    return cmp;

  if ((cmp = strcmp (a->to, b->to)) != 0)
    return cmp;

  return strcmp (a->id, b->id);
}

/* gloss-review-unit.c — one place where annotators' spans meet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-annotation-private.h"
#include "gloss-attribute.h"
#include "gloss-review-unit.h"

struct _GlossReviewUnit
{
  GObject parent_instance;

  GPtrArray       *versions;    /* GlossAnnotation* or NULL, one per annotator */
  GlossLabelKind   kind;
  GlossUnitStatus  status;
  guint            start;
  guint            end;

  GlossDecision    decision;
  GlossAnnotation *gold;
};

G_DEFINE_FINAL_TYPE (GlossReviewUnit, gloss_review_unit, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossUnitStatus, gloss_unit_status,
  G_DEFINE_ENUM_VALUE (GLOSS_UNIT_AGREED, "agreed"),
  G_DEFINE_ENUM_VALUE (GLOSS_UNIT_LABEL, "label"),
  G_DEFINE_ENUM_VALUE (GLOSS_UNIT_BOUNDS, "bounds"),
  G_DEFINE_ENUM_VALUE (GLOSS_UNIT_MISSING, "missing"),
  G_DEFINE_ENUM_VALUE (GLOSS_UNIT_ATTRIBUTES, "attributes"))

G_DEFINE_ENUM_TYPE (GlossDecision, gloss_decision,
  G_DEFINE_ENUM_VALUE (GLOSS_DECISION_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (GLOSS_DECISION_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (GLOSS_DECISION_EDITED, "edited"),
  G_DEFINE_ENUM_VALUE (GLOSS_DECISION_REJECTED, "rejected"))

enum {
  PROP_0,
  PROP_STATUS,
  PROP_DECISION,
  PROP_GOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_review_unit_finalize (GObject *object)
{
  GlossReviewUnit *self = GLOSS_REVIEW_UNIT (object);

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_object (&self->gold);

  G_OBJECT_CLASS (gloss_review_unit_parent_class)->finalize (object);
}

static void
gloss_review_unit_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossReviewUnit *self = GLOSS_REVIEW_UNIT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DECISION:
      g_value_set_enum (value, self->decision);
      break;
    case PROP_GOLD:
      g_value_set_object (value, self->gold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_review_unit_class_init (GlossReviewUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_review_unit_finalize;
  object_class->get_property = gloss_review_unit_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       GLOSS_TYPE_UNIT_STATUS, GLOSS_UNIT_AGREED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECISION] =
    g_param_spec_enum ("decision", NULL, NULL,
                       GLOSS_TYPE_DECISION, GLOSS_DECISION_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GOLD] =
    g_param_spec_object ("gold", NULL, NULL,
                         GLOSS_TYPE_ANNOTATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_review_unit_init (GlossReviewUnit *self)
{
}

/* Versions are NULL for annotators who did not mark the unit. */
static void
version_free (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

GlossReviewUnit *
gloss_review_unit_new (guint          n_annotators,
                       GlossLabelKind kind)
{
  GlossReviewUnit *self = g_object_new (GLOSS_TYPE_REVIEW_UNIT, NULL);

  self->versions = g_ptr_array_new_full (n_annotators, version_free);
  g_ptr_array_set_size (self->versions, n_annotators);
  self->kind = kind;

  return self;
}

void
gloss_review_unit_set_version (GlossReviewUnit *self,
                               guint            annotator,
                               GlossAnnotation *annotation)
{
  g_return_if_fail (GLOSS_IS_REVIEW_UNIT (self));
  g_return_if_fail (annotator < self->versions->len);

  if (g_ptr_array_index (self->versions, annotator) != NULL)
    g_object_unref (g_ptr_array_index (self->versions, annotator));
  g_ptr_array_index (self->versions, annotator) = annotation != NULL ? g_object_ref (annotation) : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static gboolean
same_version (GlossAnnotation *a,
              GlossAnnotation *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return gloss_annotation_get_start (a) == gloss_annotation_get_start (b)
         && gloss_annotation_get_end (a) == gloss_annotation_get_end (b)
         && g_strcmp0 (gloss_annotation_get_label (a), gloss_annotation_get_label (b)) == 0;
}

void
gloss_review_unit_settle (GlossReviewUnit *self)
{
  GlossAnnotation *first = NULL;
  gboolean missing = FALSE, bounds = FALSE, labels = FALSE;

  g_return_if_fail (GLOSS_IS_REVIEW_UNIT (self));

  self->start = G_MAXUINT;
  self->end = 0;

  for (guint i = 0; i < self->versions->len; i++)
    {
      GlossAnnotation *version = g_ptr_array_index (self->versions, i);

      if (version == NULL)
        {
          missing = TRUE;
          continue;
        }

      self->start = MIN (self->start, gloss_annotation_get_start (version));
      self->end = MAX (self->end, gloss_annotation_get_end (version));

      if (first == NULL)
        first = version;
      else
        {
          if (gloss_annotation_get_start (version) != gloss_annotation_get_start (first)
              || gloss_annotation_get_end (version) != gloss_annotation_get_end (first))
            bounds = TRUE;
          if (g_strcmp0 (gloss_annotation_get_label (version), gloss_annotation_get_label (first)) != 0)
            labels = TRUE;
        }
    }

  if (first == NULL)
    self->start = 0;

  if (missing)
    self->status = GLOSS_UNIT_MISSING;
  else if (bounds)
    self->status = GLOSS_UNIT_BOUNDS;
  else if (labels)
    self->status = GLOSS_UNIT_LABEL;
  else
    {
      g_auto(GStrv) differing = NULL;

      self->status = GLOSS_UNIT_AGREED;
      differing = gloss_review_unit_dup_differing_attributes (self);
      if (differing[0] != NULL)
        self->status = GLOSS_UNIT_ATTRIBUTES;
    }
}

/* Whether two attribute values are the same, "not set" (NULL or an empty
 * list) included. */
static gboolean
same_value (GVariant *a,
            GVariant *b)
{
  gboolean a_set = gloss_attribute_value_is_set (a);
  gboolean b_set = gloss_attribute_value_is_set (b);

  if (!a_set || !b_set)
    return a_set == b_set;
  return g_variant_equal (a, b);
}

/* Whether every version is there with the same start, end and label. */
static gboolean
versions_alike (GlossReviewUnit *self)
{
  GlossAnnotation *first = g_ptr_array_index (self->versions, 0);

  if (first == NULL)
    return FALSE;
  for (guint i = 1; i < self->versions->len; i++)
    if (g_ptr_array_index (self->versions, i) == NULL
        || !same_version (first, g_ptr_array_index (self->versions, i)))
      return FALSE;
  return TRUE;
}

char **
gloss_review_unit_dup_differing_attributes (GlossReviewUnit *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), NULL);

  if (versions_alike (self))
    for (guint i = 0; i < self->versions->len; i++)
      {
        g_auto(GStrv) own = gloss_annotation_dup_attribute_ids (g_ptr_array_index (self->versions, i));

        for (guint k = 0; own[k] != NULL; k++)
          {
            g_autoptr(GVariant) mine = NULL;
            gboolean differs = FALSE;

            if (g_ptr_array_find_with_equal_func (ids, own[k], g_str_equal, NULL))
              continue;
            mine = gloss_annotation_get_attribute (g_ptr_array_index (self->versions, i), own[k]);
            for (guint j = 0; j < self->versions->len && !differs; j++)
              {
                g_autoptr(GVariant) theirs = gloss_annotation_get_attribute (g_ptr_array_index (self->versions, j),
                                                                             own[k]);

                differs = !same_value (mine, theirs);
              }
            if (differs)
              g_ptr_array_add (ids, g_strdup (own[k]));
          }
      }

  g_ptr_array_sort (ids, (GCompareFunc)compare_strings);
  g_ptr_array_add (ids, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static void
review_value_free (gpointer data)
{
  GlossReviewValue *value = data;

  g_clear_pointer (&value->value, g_variant_unref);
  g_free (value);
}

GPtrArray *
gloss_review_unit_dup_attribute_values (GlossReviewUnit *self,
                                        const char      *id)
{
  GPtrArray *values;

  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  values = g_ptr_array_new_with_free_func (review_value_free);
  for (guint i = 0; i < self->versions->len; i++)
    {
      GlossAnnotation *version = g_ptr_array_index (self->versions, i);
      g_autoptr(GVariant) value = NULL;
      GlossReviewValue *found = NULL;

      if (version == NULL)
        continue;
      value = gloss_annotation_get_attribute (version, id);
      if (!gloss_attribute_value_is_set (value))
        g_clear_pointer (&value, g_variant_unref);
      for (guint k = 0; k < values->len && found == NULL; k++)
        if (same_value (((GlossReviewValue *)g_ptr_array_index (values, k))->value, value))
          found = g_ptr_array_index (values, k);
      if (found == NULL)
        {
          found = g_new0 (GlossReviewValue, 1);
          found->value = g_steal_pointer (&value);
          g_ptr_array_add (values, found);
        }
      found->annotators |= G_GUINT64_CONSTANT (1) << i;
    }

  return values;
}

GVariant *
gloss_review_unit_pick_attributes (GlossReviewUnit    *self,
                                   guint               annotator,
                                   const char * const *ids,
                                   GVariant * const   *values)
{
  GlossAnnotation *version;
  GVariant *attributes = NULL;

  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), NULL);
  g_return_val_if_fail (annotator < self->versions->len, NULL);

  version = g_ptr_array_index (self->versions, annotator);
  if (version != NULL && gloss_annotation_peek_attributes (version) != NULL)
    attributes = g_variant_ref (gloss_annotation_peek_attributes (version));

  for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
    {
      GVariant *value = gloss_attribute_value_is_set (values[k]) ? values[k] : NULL;
      GVariant *next = gloss_attribute_map_set (attributes, ids[k], value);

      g_clear_pointer (&attributes, g_variant_unref);
      attributes = next;
    }

  return attributes;
}

guint
gloss_review_unit_get_n_annotators (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), 0);
  return self->versions->len;
}

GlossAnnotation *
gloss_review_unit_get_version (GlossReviewUnit *self,
                               guint            annotator)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), NULL);
  g_return_val_if_fail (annotator < self->versions->len, NULL);
  return g_ptr_array_index (self->versions, annotator);
}

guint
gloss_review_unit_get_n_versions (GlossReviewUnit *self)
{
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), 0);

  for (guint i = 0; i < self->versions->len; i++)
    if (g_ptr_array_index (self->versions, i) != NULL)
      n++;
  return n;
}

GlossLabelKind
gloss_review_unit_get_kind (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), GLOSS_LABEL_KIND_ENTITY);
  return self->kind;
}

GlossUnitStatus
gloss_review_unit_get_status (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), GLOSS_UNIT_AGREED);
  return self->status;
}

guint
gloss_review_unit_get_start (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), 0);
  return self->start;
}

guint
gloss_review_unit_get_end (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), 0);
  return self->end;
}

GlossAnnotation *
gloss_review_unit_get_majority (GlossReviewUnit *self,
                                guint           *n_agreeing)
{
  GlossAnnotation *best = NULL;
  guint best_count = 0;

  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), NULL);

  for (guint i = 0; i < self->versions->len; i++)
    {
      GlossAnnotation *version = g_ptr_array_index (self->versions, i);
      guint count = 0;

      if (version == NULL)
        continue;

      for (guint j = 0; j < self->versions->len; j++)
        if (same_version (version, g_ptr_array_index (self->versions, j)))
          count++;

      /* Strictly more: the earliest annotator's version wins a tie. */
      if (count > best_count)
        {
          best = version;
          best_count = count;
        }
    }

  if (n_agreeing != NULL)
    *n_agreeing = best_count;

  return best;
}

gboolean
gloss_review_unit_versions_equal (GlossReviewUnit *self,
                                  guint            a,
                                  guint            b)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), FALSE);
  g_return_val_if_fail (a < self->versions->len && b < self->versions->len, FALSE);

  return same_version (g_ptr_array_index (self->versions, a),
                       g_ptr_array_index (self->versions, b));
}

GlossDecision
gloss_review_unit_get_decision (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), GLOSS_DECISION_PENDING);
  return self->decision;
}

void
gloss_review_unit_set_decision (GlossReviewUnit *self,
                                GlossDecision    decision)
{
  g_return_if_fail (GLOSS_IS_REVIEW_UNIT (self));

  if (self->decision == decision)
    return;

  self->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
}

GlossAnnotation *
gloss_review_unit_get_gold (GlossReviewUnit *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_UNIT (self), NULL);
  return self->gold;
}

void
gloss_review_unit_set_gold (GlossReviewUnit *self,
                            GlossAnnotation *gold)
{
  g_return_if_fail (GLOSS_IS_REVIEW_UNIT (self));

  if (g_set_object (&self->gold, gold))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOLD]);
}

const char *
gloss_unit_status_to_string (GlossUnitStatus status)
{
  switch (status)
    {
    case GLOSS_UNIT_AGREED:
      return _("Agreed");
    case GLOSS_UNIT_LABEL:
      return _("Label differs");
    case GLOSS_UNIT_BOUNDS:
      return _("Bounds differ");
    case GLOSS_UNIT_ATTRIBUTES:
      return _("Attributes differ");
    case GLOSS_UNIT_MISSING:
    default:
      return _("Not marked by all");
    }
}

const char *
gloss_decision_to_string (GlossDecision decision)
{
  switch (decision)
    {
    case GLOSS_DECISION_ACCEPTED:
      return _("Accepted");
    case GLOSS_DECISION_EDITED:
      return _("Accepted as edited");
    case GLOSS_DECISION_REJECTED:
      return _("Rejected");
    case GLOSS_DECISION_PENDING:
    default:
      return _("To decide");
    }
}

/* gloss-attribute-counts.c — spans per attribute and per value, articles
 * per field, and the required values missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-attribute-counts.h"
#include "gloss-attribute-rules.h"

/* An undeclared value sorts after every declared one. */
#define RANK_UNDECLARED G_MAXUINT

typedef struct
{
  guint n;
  guint rank;  /* its position among its attribute's values, or RANK_UNDECLARED */
} ValueCount;

typedef struct
{
  guint       n_set;
  guint       n_missing;
  gboolean    required;
  gboolean    choice;   /* declared a choice: its strings are values to count */
  GHashTable *values;   /* value → ValueCount* */
} Entry;

typedef struct
{
  GHashTable *entries;   /* id → Entry* */
  guint       n_incomplete;
} Scope;

struct _GlossAttributeCounts
{
  Scope scopes[2];  /* by GlossAttributeScope */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_hash_table_unref (entry->values);
  g_free (entry);
}

GlossAttributeCounts *
gloss_attribute_counts_new (void)
{
  GlossAttributeCounts *self = g_new0 (GlossAttributeCounts, 1);

  for (guint s = 0; s < G_N_ELEMENTS (self->scopes); s++)
    self->scopes[s].entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);

  return self;
}

void
gloss_attribute_counts_free (GlossAttributeCounts *self)
{
  if (self == NULL)
    return;

  for (guint s = 0; s < G_N_ELEMENTS (self->scopes); s++)
    g_hash_table_unref (self->scopes[s].entries);
  g_free (self);
}

static Scope *
get_scope (GlossAttributeCounts *self,
           GlossAttributeScope   scope)
{
  g_assert ((guint) scope < G_N_ELEMENTS (self->scopes));

  return &self->scopes[scope];
}

static Entry *
ensure_entry (Scope      *scope,
              const char *id)
{
  Entry *entry = g_hash_table_lookup (scope->entries, id);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (scope->entries, g_strdup (id), entry);
    }

  return entry;
}

static ValueCount *
ensure_value (Entry      *entry,
              const char *value,
              guint       rank)
{
  ValueCount *count = g_hash_table_lookup (entry->values, value);

  if (count == NULL)
    {
      count = g_new0 (ValueCount, 1);
      count->rank = rank;
      g_hash_table_insert (entry->values, g_strdup (value), count);
    }
  else
    count->rank = MIN (count->rank, rank);

  return count;
}

static void
declare (Scope          *scope,
         GlossAttribute *attribute)
{
  Entry *entry = ensure_entry (scope, gloss_attribute_get_id (attribute));

  entry->required |= gloss_attribute_get_required (attribute);

  switch (gloss_attribute_get_value_type (attribute))
    {
    case GLOSS_ATTRIBUTE_CHOICE:
      entry->choice = TRUE;
      for (guint i = 0; i < gloss_attribute_get_n_choices (attribute); i++)
        ensure_value (entry, gloss_attribute_get_choice_id (attribute, i), i);
      break;

    case GLOSS_ATTRIBUTE_BOOLEAN:
      ensure_value (entry, "true", 0);
      ensure_value (entry, "false", 1);
      break;

    case GLOSS_ATTRIBUTE_TEXT:
    case GLOSS_ATTRIBUTE_NUMBER:
    default:
      break;
    }
}

void
gloss_attribute_counts_add_label_set (GlossAttributeCounts *self,
                                      GlossLabelSet        *labels)
{
  GPtrArray *attributes, *fields;

  g_return_if_fail (self != NULL);
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));

  if (labels == NULL)
    return;

  attributes = gloss_label_set_get_attributes (labels);
  for (guint i = 0; i < attributes->len; i++)
    declare (&self->scopes[GLOSS_ATTRIBUTE_SCOPE_SPANS], g_ptr_array_index (attributes, i));

  fields = gloss_label_set_get_document_fields (labels);
  for (guint i = 0; i < fields->len; i++)
    declare (&self->scopes[GLOSS_ATTRIBUTE_SCOPE_ARTICLE], g_ptr_array_index (fields, i));
}

/* Counts one value of @entry. Text and numbers are not tallied by value:
 * an entity's Wikidata item or a score would make a row per span. A
 * string counts only for a choice, which the label set must say (a
 * string of an undeclared attribute may be free text); true and false,
 * and the items of a list (which only a choice has), always do. */
static void
count_value (Entry          *entry,
             GlossAttribute *attribute,
             GVariant       *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    ensure_value (entry, g_variant_get_boolean (value) ? "true" : "false", RANK_UNDECLARED)->n++;
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      if (entry->choice
          || (attribute != NULL && gloss_attribute_get_value_type (attribute) == GLOSS_ATTRIBUTE_CHOICE))
        ensure_value (entry, g_variant_get_string (value, NULL), RANK_UNDECLARED)->n++;
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      gsize n = g_variant_n_children (value);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (value, i);

          ensure_value (entry, g_variant_get_string (item, NULL), RANK_UNDECLARED)->n++;
        }
    }
}

/* Every value of @values ("a{sv}" or NULL), and the @missing attributes. */
static void
add_values (Scope         *scope,
            GlossLabelSet *labels,
            gboolean       fields,
            GVariant      *values,
            GPtrArray     *missing)
{
  if (values != NULL)
    {
      GVariantIter iter;
      const char *id;
      GVariant *value;

      g_variant_iter_init (&iter, values);
      while (g_variant_iter_next (&iter, "{&sv}", &id, &value))
        {
          Entry *entry = ensure_entry (scope, id);
          GlossAttribute *attribute = NULL;

          if (labels != NULL)
            attribute = fields ? gloss_label_set_lookup_document_field (labels, id)
                               : gloss_label_set_lookup_attribute (labels, id);

          if (gloss_attribute_value_is_set (value))
            {
              entry->n_set++;
              count_value (entry, attribute, value);
            }
          g_variant_unref (value);
        }
    }

  for (guint i = 0; missing != NULL && i < missing->len; i++)
    {
      Entry *entry = ensure_entry (scope, gloss_attribute_get_id (g_ptr_array_index (missing, i)));

      entry->required = TRUE;
      entry->n_missing++;
    }

  if (missing != NULL && missing->len > 0)
    scope->n_incomplete++;
}

void
gloss_attribute_counts_add_annotation (GlossAttributeCounts *self,
                                       GlossLabelSet        *labels,
                                       GlossAnnotation      *annotation)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  /* Most label sets require nothing: no list made per span for them. */
  if (gloss_label_set_has_required (labels))
    missing = gloss_label_set_dup_missing_attributes (labels, annotation);

  add_values (&self->scopes[GLOSS_ATTRIBUTE_SCOPE_SPANS], labels, FALSE,
              gloss_annotation_peek_attributes (annotation), missing);
}

void
gloss_attribute_counts_add_document_labels (GlossAttributeCounts *self,
                                            GlossLabelSet        *labels,
                                            GVariant             *document_labels)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));
  g_return_if_fail (document_labels == NULL
                    || g_variant_is_of_type (document_labels, G_VARIANT_TYPE_VARDICT));

  missing = gloss_label_set_dup_missing_document_fields (labels, document_labels);
  add_values (&self->scopes[GLOSS_ATTRIBUTE_SCOPE_ARTICLE], labels, TRUE,
              document_labels, missing);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
gloss_attribute_counts_dup_ids (GlossAttributeCounts *self,
                                GlossAttributeScope   scope)
{
  GPtrArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, get_scope (self, scope)->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (ids, FALSE);
}

static Entry *
lookup_entry (GlossAttributeCounts *self,
              GlossAttributeScope   scope,
              const char           *id)
{
  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (get_scope (self, scope)->entries, id);
}

guint
gloss_attribute_counts_get_n_set (GlossAttributeCounts *self,
                                  GlossAttributeScope   scope,
                                  const char           *id)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, 0);

  entry = lookup_entry (self, scope, id);
  return entry != NULL ? entry->n_set : 0;
}

guint
gloss_attribute_counts_get_n_missing (GlossAttributeCounts *self,
                                      GlossAttributeScope   scope,
                                      const char           *id)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, 0);

  entry = lookup_entry (self, scope, id);
  return entry != NULL ? entry->n_missing : 0;
}

gboolean
gloss_attribute_counts_get_required (GlossAttributeCounts *self,
                                     GlossAttributeScope   scope,
                                     const char           *id)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);

  entry = lookup_entry (self, scope, id);
  return entry != NULL && entry->required;
}

typedef struct
{
  const char *value;
  guint       rank;
} RankedValue;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const RankedValue *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;

  return strcmp (x->value, y->value);
}

char **
gloss_attribute_counts_dup_values (GlossAttributeCounts *self,
                                   GlossAttributeScope   scope,
                                   const char           *id)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (RankedValue));
  Entry *entry;
  char **values;

  g_return_val_if_fail (self != NULL, NULL);

  entry = lookup_entry (self, scope, id);
  if (entry != NULL)
    {
      GHashTableIter iter;
      gpointer key, data;

      g_hash_table_iter_init (&iter, entry->values);
      while (g_hash_table_iter_next (&iter, &key, &data))
        {
          RankedValue item = { key, ((ValueCount *) data)->rank };

          g_array_append_val (ranked, item);
        }
      g_array_sort (ranked, compare_ranked);
    }

  values = g_new0 (char *, ranked->len + 1);
  for (guint i = 0; i < ranked->len; i++)
    values[i] = g_strdup (g_array_index (ranked, RankedValue, i).value);

  return values;
}

guint
gloss_attribute_counts_get_n_value (GlossAttributeCounts *self,
                                    GlossAttributeScope   scope,
                                    const char           *id,
                                    const char           *value)
{
  Entry *entry;
  ValueCount *count;

  g_return_val_if_fail (self != NULL, 0);

  entry = lookup_entry (self, scope, id);
  if (entry == NULL || value == NULL)
    return 0;

  count = g_hash_table_lookup (entry->values, value);
  return count != NULL ? count->n : 0;
}

guint
gloss_attribute_counts_get_n_incomplete (GlossAttributeCounts *self,
                                         GlossAttributeScope   scope)
{
  g_return_val_if_fail (self != NULL, 0);

  return get_scope (self, scope)->n_incomplete;
}

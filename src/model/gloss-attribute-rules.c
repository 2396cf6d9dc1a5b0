/* gloss-attribute-rules.c — which required attributes a span lacks, and
 * which required fields an article lacks
 *
 * The rule is the label set's ("required", docs/labels.md) and the values
 * are the annotation's; neither file should know the other, so the rule
 * that reads both lives here, above them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-attribute-rules.h"

/**
 * gloss_label_set_has_required:
 * @labels: (nullable): a label set
 *
 * Returns: whether @labels declares a required attribute or article field
 */
gboolean
gloss_label_set_has_required (GlossLabelSet *labels)
{
  GPtrArray *lists[2];

  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), FALSE);

  if (labels == NULL)
    return FALSE;

  lists[0] = gloss_label_set_get_attributes (labels);
  lists[1] = gloss_label_set_get_document_fields (labels);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; i < lists[l]->len; i++)
        {
          if (gloss_attribute_get_required (g_ptr_array_index (lists[l], i)))
            return TRUE;
        }
    }

  return FALSE;
}

/* Whether @values ("a{sv}" or NULL) holds a value for @id: a lookup that
 * copies no bytes (the value found is a child of @values). */
static gboolean
map_has_value (GVariant   *values,
               const char *id)
{
  g_autoptr(GVariant) value = NULL;

  if (values == NULL)
    return FALSE;

  value = g_variant_lookup_value (values, id, NULL);
  return gloss_attribute_value_is_set (value);
}

/* Calls @func for every required attribute of @labels that applies to
 * @annotation and is not set on it, in the label set's order. */
static void
foreach_missing (GlossLabelSet   *labels,
                 GlossAnnotation *annotation,
                 void           (*func) (GlossAttribute *attribute,
                                         gpointer        data),
                 gpointer         data)
{
  GPtrArray *attributes;
  const char *label;
  GVariant *values;

  if (labels == NULL)
    return;

  attributes = gloss_label_set_get_attributes (labels);
  label = gloss_annotation_get_label (annotation);
  values = gloss_annotation_peek_attributes (annotation);

  for (guint i = 0; i < attributes->len; i++)
    {
      GlossAttribute *attribute = g_ptr_array_index (attributes, i);

      /* The cheap test first: most attributes are not required. */
      if (!gloss_attribute_get_required (attribute)
          || !gloss_label_set_attribute_applies (labels, attribute, label)
          || map_has_value (values, gloss_attribute_get_id (attribute)))
        continue;

      func (attribute, data);
    }
}

static void
count_one (GlossAttribute *attribute,
           gpointer        data)
{
  (*(guint *) data)++;
}

static void
add_one (GlossAttribute *attribute,
         gpointer        data)
{
  g_ptr_array_add (data, g_object_ref (attribute));
}

/**
 * gloss_label_set_count_missing_attributes:
 * @labels: (nullable): the annotation's label set
 * @annotation: an annotation
 *
 * Returns: how many required attributes that apply to @annotation's label
 *   it has no value for
 */
guint
gloss_label_set_count_missing_attributes (GlossLabelSet   *labels,
                                          GlossAnnotation *annotation)
{
  guint n = 0;

  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), 0);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), 0);

  foreach_missing (labels, annotation, count_one, &n);
  return n;
}

/* Whether @value (a stored value, nullable) holds @wanted as a filter
 * reads it. A number has no word a menu offers: it holds nothing. */
static gboolean
value_holds (GVariant   *value,
             const char *wanted)
{
  if (value == NULL)
    return FALSE;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_str_equal (g_variant_get_string (value, NULL), wanted);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      GVariantIter iter;
      const char *item;

      /* Not g_variant_get_strv(): no array built for each row. */
      g_variant_iter_init (&iter, value);
      while (g_variant_iter_next (&iter, "&s", &item))
        if (g_str_equal (item, wanted))
          return TRUE;
      return FALSE;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_str_equal (wanted, g_variant_get_boolean (value) ? "true" : "false");

  return FALSE;
}

/**
 * gloss_label_set_match_attribute:
 * @labels: (nullable): the annotation's label set
 * @annotation: an annotation
 * @attribute: an attribute of @labels
 * @wanted: (nullable): the value looked for, or NULL for "not set"
 *
 * Returns: whether @annotation's value of @attribute holds @wanted, or
 *   for NULL, whether @attribute applies to it and it has none
 */
gboolean
gloss_label_set_match_attribute (GlossLabelSet   *labels,
                                 GlossAnnotation *annotation,
                                 GlossAttribute  *attribute,
                                 const char      *wanted)
{
  GVariant *values;
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (GLOSS_IS_ATTRIBUTE (attribute), FALSE);

  values = gloss_annotation_peek_attributes (annotation);
  if (values != NULL)
    value = g_variant_lookup_value (values, gloss_attribute_get_id (attribute), NULL);

  if (wanted != NULL)
    return value_holds (value, wanted);

  /* "Not set" only where a value belongs: "Verdict: not set" lists the
   * claims still to do, not every entity too. */
  return !gloss_attribute_value_is_set (value)
         && labels != NULL
         && gloss_label_set_attribute_applies (labels, attribute, gloss_annotation_get_label (annotation));
}

/**
 * gloss_label_set_dup_missing_attributes:
 * @labels: (nullable): the annotation's label set
 * @annotation: an annotation
 *
 * Returns: (transfer full) (element-type GlossAttribute): the required
 *   attributes @annotation lacks, in the label set's order
 */
GPtrArray *
gloss_label_set_dup_missing_attributes (GlossLabelSet   *labels,
                                        GlossAnnotation *annotation)
{
  GPtrArray *missing;

  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);

  missing = g_ptr_array_new_with_free_func (g_object_unref);
  foreach_missing (labels, annotation, add_one, missing);
  return missing;
}

/**
 * gloss_label_set_dup_missing_document_fields:
 * @labels: (nullable): the article's label set
 * @document_labels: (nullable): the article's fields, "a{sv}"
 *
 * Returns: (transfer full) (element-type GlossAttribute): the required
 *   fields @document_labels has no value for, in the label set's order
 */
GPtrArray *
gloss_label_set_dup_missing_document_fields (GlossLabelSet *labels,
                                             GVariant      *document_labels)
{
  GPtrArray *missing;
  GPtrArray *fields;

  g_return_val_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels), NULL);
  g_return_val_if_fail (document_labels == NULL
                        || g_variant_is_of_type (document_labels, G_VARIANT_TYPE_VARDICT), NULL);

  missing = g_ptr_array_new_with_free_func (g_object_unref);
  if (labels == NULL)
    return missing;

  fields = gloss_label_set_get_document_fields (labels);
  for (guint i = 0; i < fields->len; i++)
    {
      GlossAttribute *field = g_ptr_array_index (fields, i);

      if (gloss_attribute_get_required (field)
          && !map_has_value (document_labels, gloss_attribute_get_id (field)))
        g_ptr_array_add (missing, g_object_ref (field));
    }

  return missing;
}

/**
 * gloss_label_set_report_missing_document_fields:
 * @labels: (nullable): the article's label set
 * @document_labels: (nullable): the article's fields, "a{sv}"
 * @file: (nullable): the file the problems are about, as shown
 * @problems: (element-type GlossProblem): where to append them
 */
void
gloss_label_set_report_missing_document_fields (GlossLabelSet *labels,
                                                GVariant      *document_labels,
                                                const char    *file,
                                                GPtrArray     *problems)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_if_fail (problems != NULL);

  missing = gloss_label_set_dup_missing_document_fields (labels, document_labels);
  for (guint i = 0; i < missing->len; i++)
    {
      GlossAttribute *field = g_ptr_array_index (missing, i);
      g_autofree char *location = g_strconcat ("document_labels.", gloss_attribute_get_id (field), NULL);
      /* Translators: %s is the name of a field of the whole article,
       * such as “Topic” */
      g_autofree char *message = g_strdup_printf (_("the required article field “%s” is not set"),
                                                  gloss_attribute_get_name (field));

      g_ptr_array_add (problems, gloss_problem_new (GLOSS_SEVERITY_WARNING, file, location, message));
    }
}

typedef struct
{
  GlossAnnotation *annotation;
  const char      *file;
  GPtrArray       *problems;
} Report;

static void
report_one (GlossAttribute *attribute,
            gpointer        data)
{
  Report *report = data;
  g_autofree char *location = g_strdup_printf ("annotations[id=%s].attributes.%s",
                                               gloss_annotation_get_id (report->annotation),
                                               gloss_attribute_get_id (attribute));
  /* Translators: %s is the name of an attribute of a span, such as
   * “Verdict” */
  g_autofree char *message = g_strdup_printf (_("the required attribute “%s” is not set"),
                                              gloss_attribute_get_name (attribute));

  g_ptr_array_add (report->problems,
                   gloss_problem_new (GLOSS_SEVERITY_WARNING, report->file, location, message));
}

/**
 * gloss_label_set_report_missing_attributes:
 * @labels: (nullable): the annotations' label set
 * @annotations: a #GListModel of #GlossAnnotation
 * @file: (nullable): the file the problems are about, as shown
 * @problems: (element-type GlossProblem): where to append them
 */
void
gloss_label_set_report_missing_attributes (GlossLabelSet *labels,
                                           GListModel    *annotations,
                                           const char    *file,
                                           GPtrArray     *problems)
{
  guint n;

  g_return_if_fail (labels == NULL || GLOSS_IS_LABEL_SET (labels));
  g_return_if_fail (G_IS_LIST_MODEL (annotations));
  g_return_if_fail (problems != NULL);

  if (!gloss_label_set_has_required (labels))
    return;

  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (annotations, i);
      Report report = { annotation, file, problems };

      foreach_missing (labels, annotation, report_one, &report);
    }
}

GlossAttributeValueCheck
gloss_label_set_check_attribute_value (GlossLabelSet   *labels,
                                       const char      *id,
                                       gboolean         document,
                                       const char      *label,
                                       GVariant        *value,
                                       GlossAttribute **attribute,
                                       GError         **error)
{
  GlossAttribute *declared;

  g_return_val_if_fail (GLOSS_IS_LABEL_SET (labels), GLOSS_ATTRIBUTE_VALUE_UNDECLARED);
  g_return_val_if_fail (id != NULL && value != NULL, GLOSS_ATTRIBUTE_VALUE_UNDECLARED);

  declared = document ? gloss_label_set_lookup_document_field (labels, id)
                      : gloss_label_set_lookup_attribute (labels, id);
  if (attribute != NULL)
    *attribute = declared;

  if (declared == NULL)
    return GLOSS_ATTRIBUTE_VALUE_UNDECLARED;
  if (label != NULL && gloss_label_set_lookup (labels, label) != NULL
      && !gloss_label_set_attribute_applies (labels, declared, label))
    return GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE;
  if (!gloss_attribute_check_value (declared, value, error))
    return GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED;

  return GLOSS_ATTRIBUTE_VALUE_ALLOWED;
}

gboolean
gloss_label_set_offers_attributes (GlossLabelSet   *self,
                                   GlossAnnotation *annotation)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);

  return (self != NULL && gloss_label_set_has_attributes_for_label (self, gloss_annotation_get_label (annotation)))
         || gloss_annotation_peek_attributes (annotation) != NULL;
}

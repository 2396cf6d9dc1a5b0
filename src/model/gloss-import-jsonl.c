/* gloss-import-jsonl.c — JSONL (as Gloss exports it) and doccano into sidecars
 *
 * One JSON object a line, one article a line. Three shapes are read:
 *
 *   jsonl    {"id", "text", "annotator", "spans": [{"id", "start", "end",
 *             "label", "text", "note"}], "relations": [{"id", "type",
 *             "from", "to"}], "source"}
 *   doccano  {"id", "text", "label": [[start, end, label], …]}  (classic)
 *            {"id", "text", "entities": [{"id", "start_offset",
 *             "end_offset", "label"}], "relations": [{"id", "from_id",
 *             "to_id", "type"}]}  (doccano ≥ 1.6, "relation" projects)
 *            {"id", "text", "entities": [[start, end, label], …],
 *             "cats": ["FIELD:VALUE", …]}  (intent detection projects;
 *             Gloss's export writes "label" too)
 *
 * doccano's span columns are read element by element, by shape, as
 * doccano's SpanLabel.parse() reads them (read_doccano_shape()), and its
 * categories back into the article's fields (read_doccano_categories()).
 * A line that cannot be used, and each span or relation that cannot, is a
 * problem ("FILE:LINE: what") and is skipped; the other lines go on. Offsets
 * are counted in the unit asked for: by default code points for jsonl (what
 * its export writes, Python's str) and UTF-16 code units for doccano (what
 * its annotation view counts, JavaScript strings). A span the unit cannot
 * place exactly is never moved to fit: it is reported with its line, its
 * place in the list, its offsets and why, and skipped. doccano's example
 * comments ("Comments", or "comments" in some versions: strings, or
 * {"id", "comment"} objects in relation projects) belong to the example,
 * not to a span, so they are kept as the sidecar's "doccano-comments".
 * A jsonl span's "attributes" and the line's "document_labels" go into the
 * sidecar as they are, checked against the output folder's label set the
 * way the sidecar reader checks them (read_value_map()).
 * docs/w3c.md describes the rules for users.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-attribute.h"
#include "gloss-attribute-rules.h"
#include "gloss-corpus-labels.h"
#include "gloss-corpus.h"
#include "gloss-document.h"
#include "gloss-error.h"
#include "gloss-file-load.h"
#include "gloss-import.h"
#include "gloss-json-reader.h"
#include "gloss-relation.h"
#include "gloss-sidecar.h"

/* An article name from an "id" or "source" is cut to this many bytes (plus
 * ".txt"), so that "<name>.<annotator>.gloss.json" stays within the 255
 * bytes most file systems allow, whatever the annotator id. */
#define MAX_NAME_BYTES 100

/* Texts quoted in a problem are cut after this many characters. */
#define MAX_EXCERPT_CHARS 60

/* One line being imported. */
typedef struct
{
  GlossImportSummary   *summary;
  const char           *location;     /* "FILE:LINE", for problems */
  GlossDocument        *document;     /* the line's text, to check span texts */
  GlossOffsetUnit       unit;         /* what the line's offsets count */
  gboolean              doccano;      /* a doccano line: doccano itself counts UTF-16 */
  guint                 elsewhere;    /* spans doccano would show on other text */
  GPtrArray            *annotations;  /* GlossAnnotation */
  GPtrArray            *relations;    /* GlossRelation */
  GHashTable           *relation_ids;
  GlossLabelSet        *labels;       /* the output folder's, or NULL: values unchecked */
} Line;

/* Problems use literal formats at every call, for the compiler's checks. */
#define line_problem(line, ...) \
  gloss_import_add_problem ((line)->summary, (line)->location, g_strdup_printf (__VA_ARGS__))

/* A warning, not a skip: what it is about was imported. */
#define line_warning(line, ...) \
  gloss_import_add_warning ((line)->summary, (line)->location, g_strdup_printf (__VA_ARGS__))

/* An id as a string: strings are kept, integers (doccano numbers its
 * entities and relations) get @prefix, so entity 3 is "a-3" both as a span
 * and as a relation's end. A missing id is numbered by position. NULL for
 * any other type. */
static char *
id_from_value (const GlossJsonValue *value,
               const char           *prefix,
               guint                 position)
{
  if (value == NULL)
    return g_strdup_printf ("%s%u", prefix, position);

  switch (gloss_json_value_get_type (value))
    {
    case GLOSS_JSON_STRING:
      return g_strdup (gloss_json_value_get_string (value));
    case GLOSS_JSON_INTEGER:
      return g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, gloss_json_value_get_int (value));
    case GLOSS_JSON_NULL:
    case GLOSS_JSON_BOOLEAN:
    case GLOSS_JSON_DOUBLE:
    case GLOSS_JSON_ARRAY:
    case GLOSS_JSON_OBJECT:
    default:
      return NULL;
    }
}

/* Sidecar ids are 1 to GLOSS_SIDECAR_MAX_ID bytes. */
static gboolean
id_is_usable (const char *id)
{
  return id != NULL && id[0] != '\0' && strlen (id) <= GLOSS_SIDECAR_MAX_ID;
}

static gboolean
offset_from_value (const GlossJsonValue *value,
                   guint                *offset)
{
  gint64 number;

  if (value == NULL || gloss_json_value_get_type (value) != GLOSS_JSON_INTEGER)
    return FALSE;

  number = gloss_json_value_get_int (value);
  if (number < 0 || number > G_MAXUINT)
    return FALSE;

  *offset = (guint) number;
  return TRUE;
}

/* A label or note the sidecar could hold: the reader refuses longer strings. */
static gboolean
string_fits (const char *str)
{
  return strlen (str) <= GLOSS_SIDECAR_MAX_STRING;
}

/* The other unit in which @text is the article's text at @start–@end, or
 * NULL: said in the problem, it tells the person which --offsets to use. */
static const char *
unit_that_fits (Line       *line,
                guint       start,
                guint       end,
                const char *text)
{
  static const GlossOffsetUnit units[] = {
    GLOSS_OFFSETS_CODE_POINTS, GLOSS_OFFSETS_UTF16, GLOSS_OFFSETS_BYTES,
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *why_start = NULL;
      g_autofree char *why_end = NULL;
      guint s, e;

      if (units[i] != line->unit
          && gloss_import_offset_to_code_points (line->document, start, units[i], &s, &why_start)
          && gloss_import_offset_to_code_points (line->document, end, units[i], &e, &why_end)
          && s < e && gloss_document_slice_equals (line->document, s, e, text))
        return gloss_offset_unit_to_string (units[i]);
    }

  return NULL;
}

/* Keeps a span given in the line's unit, @place naming it in the line
 * ("label[2]"). A span is placed exactly or not at all: bounds that the
 * unit cannot turn into code points, that are inside a grapheme cluster,
 * or (when the span has its own "text") hold other text are reported
 * with the span, its offsets and why. A span in the wrong place is worse
 * than none, and one moved to fit would be in the wrong place. Returns
 * the span kept (owned by the line), or NULL. */
static GlossAnnotation *
add_span (Line       *line,
          const char *place,
          const char *id,
          guint       start,
          guint       end,
          const char *label,
          const char *text,
          const char *note)
{
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *why = NULL;
  const char *unit = gloss_offset_unit_to_string (line->unit);
  guint cp_start, cp_end;

  if (!id_is_usable (id))
    {
      line_problem (line,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s has no usable id (1 to %d character); skipped",
                                 "%s has no usable id (1 to %d characters); skipped",
                                 GLOSS_SIDECAR_MAX_ID),
                    place, GLOSS_SIDECAR_MAX_ID);
      return NULL;
    }

  if (label == NULL || label[0] == '\0' || !string_fits (label))
    {
      line_problem (line, _("span %s (%s) has no label; skipped"), id, place);
      return NULL;
    }

  if (note != NULL && !string_fits (note))
    {
      line_problem (line, _("span %s (%s) has a note longer than %d KiB; skipped"),
                    id, place, GLOSS_SIDECAR_MAX_STRING / 1024);
      return NULL;
    }

  if (!gloss_import_offset_to_code_points (line->document, start, line->unit, &cp_start, &why)
      || !gloss_import_offset_to_code_points (line->document, end, line->unit, &cp_end, &why)
      || (why = gloss_import_dup_span_problem (line->document, cp_start, cp_end)) != NULL)
    {
      /* Translators: "span a-2 (label[1]) at 5–9 in utf16: 5 splits the
       * surrogate pair of “😀” (U+1F600); skipped" */
      line_problem (line, _("span %s (%s) at %u–%u in %s: %s; skipped"),
                    id, place, start, end, unit, why);
      return NULL;
    }

  if (text != NULL && !gloss_document_slice_equals (line->document, cp_start, cp_end, text))
    {
      g_autofree char *slice = gloss_document_dup_slice (line->document, cp_start, cp_end);
      g_autofree char *there = gloss_import_dup_visible (slice, MAX_EXCERPT_CHARS);
      g_autofree char *given = gloss_import_dup_visible (text, MAX_EXCERPT_CHARS);
      const char *other = unit_that_fits (line, start, end, text);

      if (other != NULL)
        line_problem (line, _("span %s (%s) at %u–%u in %s: its “text” “%s” is not the article’s text there (“%s”) but is in %s: import with --offsets %s; skipped"),
                      id, place, start, end, unit, given, there, other, other);
      else
        line_problem (line, _("span %s (%s) at %u–%u in %s: its “text” “%s” is not the article’s text there (“%s”); skipped"),
                      id, place, start, end, unit, given, there);
      return NULL;
    }

  /* Read in another unit than doccano's own, as asked: kept, but the
   * person hears how many spans doccano shows elsewhere (see
   * report_elsewhere()). */
  if (line->doccano && line->unit != GLOSS_OFFSETS_UTF16)
    {
      g_autofree char *why_start = NULL;
      g_autofree char *why_end = NULL;
      guint u_start, u_end;

      if (!gloss_import_offset_to_code_points (line->document, start, GLOSS_OFFSETS_UTF16, &u_start, &why_start)
          || !gloss_import_offset_to_code_points (line->document, end, GLOSS_OFFSETS_UTF16, &u_end, &why_end)
          || u_start != cp_start || u_end != cp_end)
        line->elsewhere++;
    }

  annotation = gloss_annotation_new (id, label, cp_start, cp_end);
  if (note != NULL)
    gloss_annotation_set_note (annotation, note);
  g_ptr_array_add (line->annotations, annotation);
  return g_steal_pointer (&annotation);
}

/* A warning, not a skip: the spans were imported as asked. */
static void
report_elsewhere (Line *line)
{
  g_autofree char *message = NULL;

  if (line->elsewhere == 0)
    return;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u span was read in %s as asked, but doccano counts UTF-16 code units and shows it on other text; import with --offsets utf16 unless the file was made otherwise",
                                          "%u spans were read in %s as asked, but doccano counts UTF-16 code units and shows them on other text; import with --offsets utf16 unless the file was made otherwise",
                                          line->elsewhere),
                             line->elsewhere, gloss_offset_unit_to_string (line->unit));
  g_ptr_array_add (line->summary->problems, g_strdup_printf ("%s: %s", line->location, message));
  line->summary->warnings++;
}

/* Relation ends that were not imported are left to
 * gloss_import_write_article(); what the sidecar itself would refuse (a
 * repeated id, a link to itself) is caught here. */
static void
add_relation (Line       *line,
              const char *id,
              const char *type,
              const char *from,
              const char *to)
{
  if (!id_is_usable (id) || g_hash_table_contains (line->relation_ids, id))
    {
      line_problem (line, _("a relation has no usable id, or repeats one; skipped"));
      return;
    }

  if (type == NULL || type[0] == '\0' || !string_fits (type)
      || !id_is_usable (from) || !id_is_usable (to))
    {
      line_problem (line, _("relation %s needs a type and the ids of both its ends; skipped"), id);
      return;
    }

  if (strcmp (from, to) == 0)
    {
      line_problem (line, _("relation %s links span %s to itself; skipped"), id, from);
      return;
    }

  g_hash_table_add (line->relation_ids, g_strdup (id));
  g_ptr_array_add (line->relations, gloss_relation_new (id, type, from, to));
}

/* Whether every string of @value fits in a sidecar. */
static gboolean
value_fits (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return string_fits (g_variant_get_string (value, NULL));

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    for (gsize i = 0; i < g_variant_n_children (value); i++)
      {
        g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

        if (!string_fits (g_variant_get_string (child, NULL)))
          return FALSE;
      }

  return TRUE;
}

/* The label set's word on one value: nothing when it is declared, applies
 * and is allowed; otherwise a warning, and the value is kept all the same
 * (the sidecar reader's rule: another tool or label set made it). */
static void
check_value (Line       *line,
             const char *at,
             const char *id,
             GVariant   *value,
             gboolean    document,
             const char *label)
{
  g_autofree char *quoted = gloss_import_dup_visible (id, MAX_EXCERPT_CHARS);
  g_autofree char *quoted_label = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (line->labels == NULL)
    return;

  switch (gloss_label_set_check_attribute_value (line->labels, id, document, label, value, NULL, &error))
    {
    case GLOSS_ATTRIBUTE_VALUE_ALLOWED:
      return;
    case GLOSS_ATTRIBUTE_VALUE_UNDECLARED:
      message = g_strdup_printf (document ? _("“%s” is not an article field of the label set; kept")
                                          : _("“%s” is not an attribute of the label set; kept"),
                                 quoted);
      break;
    case GLOSS_ATTRIBUTE_VALUE_NOT_APPLICABLE:
      quoted_label = gloss_import_dup_visible (label, MAX_EXCERPT_CHARS);
      /* Translators: the first %s is an attribute, the second a label */
      message = g_strdup_printf (_("the attribute “%s” does not apply to the label “%s”; kept"),
                                 quoted, quoted_label);
      break;
    case GLOSS_ATTRIBUTE_VALUE_NOT_ALLOWED:
      /* Translators: %s is a sentence saying why a value is not allowed */
      message = g_strdup_printf (_("%s; kept"), error->message);
      break;
    }

  line_warning (line, "%s: %s", at, message);
}

/* A span's "attributes" (@label: its label) or the line's
 * "document_labels" (@document), read and checked as the sidecar reader
 * reads them (read_attribute_map() in gloss-sidecar-reader.c), so that the
 * sidecar written holds what the line held and loads with the same words:
 * a member that is no value (null, an object, a list holding something
 * other than strings, a number too large), an empty id or a string too
 * long for a sidecar is an error, and that value is left out; a value the
 * label set does not declare, apply or allow is a warning, and kept. An
 * empty list is no value. @place names the member in problems
 * ("spans[2].attributes"). Returns an "a{sv}" (not sorted), or NULL for
 * none. */
static GVariant *
read_value_map (Line                 *line,
                const GlossJsonValue *map,
                const char           *place,
                gboolean              document,
                const char           *label)
{
  GVariantBuilder builder;
  guint kept = 0;

  if (map == NULL)
    return NULL;

  if (gloss_json_value_get_type (map) != GLOSS_JSON_OBJECT)
    {
      line_problem (line, _("%s is not an object; not kept"), place);
      return NULL;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < gloss_json_value_get_length (map); i++)
    {
      const char *id = gloss_json_value_get_member_name (map, i);
      g_autofree char *at = g_strdup_printf ("%s.%s", place, id);
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) value =
        gloss_attribute_value_from_json (gloss_json_value_get_member_value (map, i), &error);
      g_autofree char *rounded = gloss_attribute_describe_rounding (gloss_json_value_get_member_value (map, i));

      if (value == NULL)
        {
          line_problem (line, _("%s: %s; not kept"), at, error->message);
          continue;
        }
      if (rounded != NULL)
        line_warning (line, "%s: %s", at, rounded);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)
          && !isfinite (g_variant_get_double (value)))
        {
          line_problem (line, _("%s: the number is too large; not kept"), at);
          continue;
        }
      if (id[0] == '\0' || !string_fits (id) || !value_fits (value))
        {
          line_problem (line, _("%s: an empty id, or longer than %d KiB; not kept"),
                        at, GLOSS_SIDECAR_MAX_STRING / 1024);
          continue;
        }

      check_value (line, at, id, value, document, label);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
          && g_variant_n_children (value) == 0)
        continue;
      g_variant_builder_add (&builder, "{sv}", id, value);
      kept++;
    }

  if (kept == 0)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Sets the values of @attributes ("a{sv}", nullable) on @annotation. */
static void
set_attributes (GlossAnnotation *annotation,
                GVariant        *attributes)
{
  GVariantIter iter;
  const char *id;
  GVariant *value;

  if (attributes == NULL)
    return;

  g_variant_iter_init (&iter, attributes);
  while (g_variant_iter_next (&iter, "{&sv}", &id, &value))
    {
      gloss_annotation_set_attribute (annotation, id, value);
      g_variant_unref (value);
    }
}

/* Gloss's own shape: "spans" and "relations" with "from"/"to". */
static void
read_jsonl_shape (Line                 *line,
                  const GlossJsonValue *root)
{
  const GlossJsonValue *spans = gloss_json_value_lookup_typed (root, "spans", GLOSS_JSON_ARRAY);
  const GlossJsonValue *relations = gloss_json_value_lookup_typed (root, "relations", GLOSS_JSON_ARRAY);

  for (guint i = 0; spans != NULL && i < gloss_json_value_get_length (spans); i++)
    {
      const GlossJsonValue *span = gloss_json_value_get_element (spans, i);
      GlossAnnotation *annotation;
      g_autofree char *id = NULL;
      g_autofree char *place = NULL;
      guint start, end;

      if (gloss_json_value_get_type (span) != GLOSS_JSON_OBJECT)
        {
          line_problem (line, _("spans[%u] is not an object; skipped"), i);
          continue;
        }

      id = id_from_value (gloss_json_value_lookup (span, "id"), "a-", i + 1);
      if (!offset_from_value (gloss_json_value_lookup (span, "start"), &start)
          || !offset_from_value (gloss_json_value_lookup (span, "end"), &end))
        {
          line_problem (line, _("spans[%u] needs whole-number “start” and “end”; skipped"), i);
          continue;
        }

      place = g_strdup_printf ("spans[%u]", i);
      annotation = add_span (line, place, id, start, end,
                             gloss_json_value_lookup_string (span, "label"),
                             gloss_json_value_lookup_string (span, "text"),
                             gloss_json_value_lookup_string (span, "note"));
      if (annotation != NULL)
        {
          g_autofree char *where = g_strdup_printf ("spans[%u].attributes", i);
          g_autoptr(GVariant) attributes =
            read_value_map (line, gloss_json_value_lookup (span, "attributes"), where,
                            FALSE, gloss_annotation_get_label (annotation));

          set_attributes (annotation, attributes);
        }
    }

  for (guint i = 0; relations != NULL && i < gloss_json_value_get_length (relations); i++)
    {
      const GlossJsonValue *relation = gloss_json_value_get_element (relations, i);
      const GlossJsonValue *from_value, *to_value;
      g_autofree char *id = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (gloss_json_value_get_type (relation) != GLOSS_JSON_OBJECT)
        {
          line_problem (line, _("relations[%u] is not an object; skipped"), i);
          continue;
        }

      id = id_from_value (gloss_json_value_lookup (relation, "id"), "r-", i + 1);
      from_value = gloss_json_value_lookup (relation, "from");
      to_value = gloss_json_value_lookup (relation, "to");
      if (from_value != NULL)
        from = id_from_value (from_value, "a-", 0);
      if (to_value != NULL)
        to = id_from_value (to_value, "a-", 0);
      add_relation (line, id, gloss_json_value_lookup_string (relation, "type"), from, to);
    }
}

/* One element of a doccano span column as doccano's SpanLabel.parse()
 * takes it — a [start, end, label] list, or an object with "start_offset",
 * "end_offset" and "label" — into @start, @end and @label; FALSE when it is
 * neither, or incomplete. */
static gboolean
span_element_parts (const GlossJsonValue  *item,
                    guint                 *start,
                    guint                 *end,
                    const char           **label)
{
  switch (gloss_json_value_get_type (item))
    {
    case GLOSS_JSON_ARRAY:
      if (gloss_json_value_get_length (item) != 3
          || !offset_from_value (gloss_json_value_get_element (item, 0), start)
          || !offset_from_value (gloss_json_value_get_element (item, 1), end)
          || gloss_json_value_get_type (gloss_json_value_get_element (item, 2)) != GLOSS_JSON_STRING)
        return FALSE;
      *label = gloss_json_value_get_string (gloss_json_value_get_element (item, 2));
      return TRUE;

    case GLOSS_JSON_OBJECT:
      *label = gloss_json_value_lookup_string (item, "label");
      return offset_from_value (gloss_json_value_lookup (item, "start_offset"), start)
             && offset_from_value (gloss_json_value_lookup (item, "end_offset"), end)
             && *label != NULL;

    case GLOSS_JSON_NULL:
    case GLOSS_JSON_BOOLEAN:
    case GLOSS_JSON_INTEGER:
    case GLOSS_JSON_DOUBLE:
    case GLOSS_JSON_STRING:
    default:
      return FALSE;
    }
}

/* Whether two span columns hold the same spans in the same order, element
 * by element, whatever the shape of each. */
static gboolean
span_columns_agree (const GlossJsonValue *a,
                    const GlossJsonValue *b)
{
  guint n = gloss_json_value_get_length (a);

  if (gloss_json_value_get_length (b) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      guint a_start, a_end, b_start, b_end;
      const char *a_label, *b_label;

      if (!span_element_parts (gloss_json_value_get_element (a, i), &a_start, &a_end, &a_label)
          || !span_element_parts (gloss_json_value_get_element (b, i), &b_start, &b_end, &b_label)
          || a_start != b_start || a_end != b_end || strcmp (a_label, b_label) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Whether @column holds an object: only objects carry the entity ids
 * that relations point at. */
static gboolean
has_objects (const GlossJsonValue *column)
{
  for (guint i = 0; column != NULL && i < gloss_json_value_get_length (column); i++)
    if (gloss_json_value_get_type (gloss_json_value_get_element (column, i)) == GLOSS_JSON_OBJECT)
      return TRUE;
  return FALSE;
}

/* A doccano span column, @name ("label" or "entities"), each element read
 * by its shape, as doccano's SpanLabel.parse() reads it whatever the
 * column: [start, end, label] (classic "label", and "entities" in an
 * intent detection project's lines), numbered by position; or {"id",
 * "start_offset", "end_offset", "label"} (relation projects), numbered by
 * its id. */
static void
read_doccano_spans (Line                 *line,
                    const GlossJsonValue *column,
                    const char           *name)
{
  for (guint i = 0; i < gloss_json_value_get_length (column); i++)
    {
      const GlossJsonValue *item = gloss_json_value_get_element (column, i);
      g_autofree char *place = g_strdup_printf ("%s[%u]", name, i);
      g_autofree char *id = NULL;
      const char *label = NULL;
      guint start, end;

      if (gloss_json_value_get_type (item) == GLOSS_JSON_ARRAY)
        {
          if (!span_element_parts (item, &start, &end, &label))
            {
              line_problem (line, _("%s[%u] is not [start, end, label]; skipped"), name, i);
              continue;
            }
          id = g_strdup_printf ("a-%u", i + 1);
        }
      else if (gloss_json_value_get_type (item) == GLOSS_JSON_OBJECT)
        {
          if (!offset_from_value (gloss_json_value_lookup (item, "start_offset"), &start)
              || !offset_from_value (gloss_json_value_lookup (item, "end_offset"), &end))
            {
              line_problem (line, _("%s[%u] needs whole-number “start_offset” and “end_offset”; skipped"),
                            name, i);
              continue;
            }
          id = id_from_value (gloss_json_value_lookup (item, "id"), "a-", i + 1);
          label = gloss_json_value_lookup_string (item, "label");
        }
      else
        {
          line_problem (line, _("%s[%u] is neither a [start, end, label] list nor an object; skipped"),
                        name, i);
          continue;
        }

      add_span (line, place, id, start, end, label, NULL, NULL);
    }
}

/* doccano's "relations", {"id", "from_id", "to_id", "type"}, whose ends
 * are entity ids. */
static void
read_doccano_relations (Line                 *line,
                        const GlossJsonValue *relations)
{
  for (guint i = 0; i < gloss_json_value_get_length (relations); i++)
    {
      const GlossJsonValue *relation = gloss_json_value_get_element (relations, i);
      const GlossJsonValue *from_value, *to_value;
      g_autofree char *id = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (gloss_json_value_get_type (relation) != GLOSS_JSON_OBJECT)
        {
          line_problem (line, _("relations[%u] is not an object; skipped"), i);
          continue;
        }

      from_value = gloss_json_value_lookup (relation, "from_id");
      to_value = gloss_json_value_lookup (relation, "to_id");
      id = id_from_value (gloss_json_value_lookup (relation, "id"), "r-", i + 1);
      if (from_value != NULL)
        from = id_from_value (from_value, "a-", 0);
      if (to_value != NULL)
        to = id_from_value (to_value, "a-", 0);
      add_relation (line, id, gloss_json_value_lookup_string (relation, "type"), from, to);
    }
}

/* doccano's spans and relations. A line may hold both span columns:
 * doccano reads one per project ("label" for sequence labelling,
 * "entities" for relation or intent detection projects) and keeps the
 * other as metadata, and Gloss's export writes the spans in both beside
 * "cats". When they agree they are read once — from "label", unless only
 * "entities" has the objects whose ids relations point at; when they do
 * not, "label" is read and the person hears that "entities" was not. */
static void
read_doccano_shape (Line                 *line,
                    const GlossJsonValue *root,
                    const GlossJsonValue *labels,
                    const GlossJsonValue *entities)
{
  const GlossJsonValue *relations = gloss_json_value_lookup_typed (root, "relations", GLOSS_JSON_ARRAY);
  const GlossJsonValue *column = labels != NULL ? labels : entities;
  const char *name = labels != NULL ? "label" : "entities";

  if (labels != NULL && entities != NULL)
    {
      if (!span_columns_agree (labels, entities))
        line_problem (line, _("“entities” does not hold the same spans as “label”: “label” read, “entities” left out; skipped"));
      else if (has_objects (entities) && !has_objects (labels))
        {
          column = entities;
          name = "entities";
        }
    }

  if (column != NULL)
    read_doccano_spans (line, column, name);

  if (relations == NULL || gloss_json_value_get_length (relations) == 0)
    return;
  if (has_objects (column))
    read_doccano_relations (line, relations);
  else
    line_problem (line,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%u relation points at entity ids, which only entities given as objects carry; skipped",
                               "%u relations point at entity ids, which only entities given as objects carry; skipped",
                               gloss_json_value_get_length (relations)),
                  gloss_json_value_get_length (relations));
}

/* One article field gathered from doccano's categories. */
typedef struct
{
  char         *id;
  guint         first;     /* the index of its first category, for problems */
  GStrvBuilder *values;
  guint         n_values;
} CategoryField;

static void
category_field_clear (gpointer data)
{
  CategoryField *field = data;

  g_free (field->id);
  g_strv_builder_unref (field->values);
}

/* The field @id of @fields, added (first seen at @index) if new. */
static CategoryField *
category_field_get (GArray     *fields,
                    const char *id,
                    gsize       id_length,
                    guint       index)
{
  CategoryField field = { NULL, index, NULL, 0 };

  for (guint i = 0; i < fields->len; i++)
    {
      CategoryField *known = &g_array_index (fields, CategoryField, i);

      if (strlen (known->id) == id_length && strncmp (known->id, id, id_length) == 0)
        return known;
    }

  field.id = g_strndup (id, id_length);
  field.values = g_strv_builder_new ();
  g_array_append_val (fields, field);
  return &g_array_index (fields, CategoryField, fields->len - 1);
}

/* @field's values as one value: a list for a field the label set declares
 * as a multiple choice, and for any field given several (which the check
 * then reports if the field takes one); otherwise a string. */
static GVariant *
category_field_value (Line          *line,
                      CategoryField *field)
{
  GlossAttribute *declared = line->labels != NULL
                             ? gloss_label_set_lookup_document_field (line->labels, field->id) : NULL;
  gboolean multiple = declared != NULL
                      && gloss_attribute_get_value_type (declared) == GLOSS_ATTRIBUTE_CHOICE
                      && gloss_attribute_get_multiple (declared);
  g_auto(GStrv) values = g_strv_builder_end (field->values);

  if (multiple || field->n_values > 1)
    return g_variant_ref_sink (g_variant_new_strv ((const char * const *) values, -1));
  return g_variant_ref_sink (g_variant_new_string (values[0]));
}

/* doccano's categories, "cats" (what Gloss's export writes for the
 * article's choice fields, and doccano's text classification and intent
 * detection projects read), back into the article's fields: each
 * "FIELD:VALUE", split at the first ":" (field ids never hold one), the
 * values of one field gathered in order. A string or number instead of a
 * list is one category, as doccano's import takes it. Each field is
 * checked against the label set the way "document_labels" is
 * (check_value()): kept with a located warning when the set does not
 * declare or allow it. A category that is not a FIELD:VALUE string has no
 * field to go to: a located error, left out. Returns an "a{sv}", or NULL
 * for none. */
static GVariant *
read_doccano_categories (Line                 *line,
                         const GlossJsonValue *root)
{
  const GlossJsonValue *cats = gloss_json_value_lookup (root, "cats");
  g_autoptr(GArray) fields = NULL;
  GVariantBuilder builder;
  gboolean is_list;
  guint n;

  if (cats == NULL || gloss_json_value_get_type (cats) == GLOSS_JSON_NULL)
    return NULL;

  is_list = gloss_json_value_get_type (cats) == GLOSS_JSON_ARRAY;
  if (!is_list && gloss_json_value_get_type (cats) != GLOSS_JSON_STRING
      && gloss_json_value_get_type (cats) != GLOSS_JSON_INTEGER)
    {
      line_problem (line, _("“cats” is not a list of categories; not kept"));
      return NULL;
    }

  fields = g_array_new (FALSE, FALSE, sizeof (CategoryField));
  g_array_set_clear_func (fields, category_field_clear);
  n = is_list ? gloss_json_value_get_length (cats) : 1;
  for (guint i = 0; i < n; i++)
    {
      const GlossJsonValue *item = is_list ? gloss_json_value_get_element (cats, i) : cats;
      g_autofree char *place = is_list ? g_strdup_printf ("cats[%u]", i) : g_strdup ("cats");
      const char *text = gloss_json_value_get_type (item) == GLOSS_JSON_STRING
                         ? gloss_json_value_get_string (item) : NULL;
      const char *colon = text != NULL ? strchr (text, ':') : NULL;
      CategoryField *field;

      if (colon == NULL || colon == text)
        {
          line_problem (line, _("%s is not a “FIELD:VALUE” string; not kept"), place);
          continue;
        }
      if (!string_fits (text))
        {
          line_problem (line, _("%s: an empty id, or longer than %d KiB; not kept"),
                        place, GLOSS_SIDECAR_MAX_STRING / 1024);
          continue;
        }

      field = category_field_get (fields, text, colon - text, i);
      g_strv_builder_add (field->values, colon + 1);
      field->n_values++;
    }

  if (fields->len == 0)
    return NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < fields->len; i++)
    {
      CategoryField *field = &g_array_index (fields, CategoryField, i);
      g_autofree char *at = is_list ? g_strdup_printf ("cats[%u]", field->first) : g_strdup ("cats");
      g_autoptr(GVariant) value = category_field_value (line, field);

      check_value (line, at, field->id, value, TRUE, NULL);
      g_variant_builder_add (&builder, "{sv}", field->id, value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* doccano's comments on the example: "Comments" (doccano ≥ 1.7; "comments"
 * before), a list of strings, or of {"id", "comment"} objects in a project
 * with relations. NULL when there are none. */
static GStrv
read_doccano_comments (Line                 *line,
                       const GlossJsonValue *root)
{
  const char *names[] = { "Comments", "comments" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      const GlossJsonValue *comments = gloss_json_value_lookup (root, names[k]);

      if (comments == NULL || gloss_json_value_get_type (comments) == GLOSS_JSON_NULL)
        continue;
      if (gloss_json_value_get_type (comments) != GLOSS_JSON_ARRAY)
        {
          line_problem (line, _("“%s” is not a list of comments; not kept"), names[k]);
          continue;
        }

      for (guint i = 0; i < gloss_json_value_get_length (comments); i++)
        {
          const GlossJsonValue *comment = gloss_json_value_get_element (comments, i);
          const char *text = NULL;

          if (gloss_json_value_get_type (comment) == GLOSS_JSON_STRING)
            text = gloss_json_value_get_string (comment);
          else if (gloss_json_value_get_type (comment) == GLOSS_JSON_OBJECT)
            text = gloss_json_value_lookup_string (comment, "comment");

          if (text == NULL)
            line_problem (line, _("%s[%u] is neither a string nor an object with a “comment” string; not kept"),
                          names[k], i);
          else if (!string_fits (text))
            line_problem (line, _("%s[%u] is longer than %d KiB; not kept"),
                          names[k], i, GLOSS_SIDECAR_MAX_STRING / 1024);
          else
            {
              g_strv_builder_add (builder, text);
              n++;
            }
        }
    }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* A safe file name from a record's "id" or "source": path separators, controls
 * and characters other systems refuse become "_", a leading dot too (hidden
 * files are not scanned, and ".." must never appear), long names are cut at
 * a character boundary, and ".txt" is added unless it is already an article
 * name. NULL if nothing usable is left. */
static char *
safe_article_name (const char *raw)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = raw; *p != '\0' && name->len < MAX_NAME_BYTES; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c)
          || (c < 0x80 && strchr ("-_+@,()", (int) c) != NULL)
          || (c == '.' && name->len > 0))
        g_string_append_unichar (name, c);
      else
        g_string_append_c (name, '_');
    }

  /* Cut above MAX_NAME_BYTES bytes without splitting a character. */
  while (name->len > MAX_NAME_BYTES)
    {
      const char *last = g_utf8_find_prev_char (name->str, name->str + name->len);
      g_string_truncate (name, last - name->str);
    }

  if (strspn (name->str, "_") == name->len)
    return NULL;

  if (!gloss_corpus_is_article_name (name->str))
    g_string_append (name, ".txt");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* "id" (a string or a number) names the article; else the last part of
 * "source" (a path or URL); else the line number. */
static char *
article_name_for (const GlossJsonValue *root,
                  guint                 line_number)
{
  const GlossJsonValue *id = gloss_json_value_lookup (root, "id");
  const char *source = gloss_json_value_lookup_string (root, "source");
  char *name = NULL;

  if (id != NULL && gloss_json_value_get_type (id) == GLOSS_JSON_STRING)
    name = safe_article_name (gloss_json_value_get_string (id));
  else if (id != NULL && gloss_json_value_get_type (id) == GLOSS_JSON_INTEGER)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, gloss_json_value_get_int (id));
      name = safe_article_name (number);
    }

  if (name == NULL && source != NULL)
    {
      g_autofree char *base = g_path_get_basename (source);
      name = safe_article_name (base);
    }

  if (name == NULL)
    name = g_strdup_printf ("line-%u.txt", line_number);

  return name;
}

static gboolean
import_line (const char           *data,
             gsize                 length,
             guint                 line_number,
             const char           *file_name,
             GlossFormat           format,
             GFile                *output_folder,
             const char           *annotator_id,
             GlossOffsetUnit       unit,
             GlossLabelSet        *label_set,
             GlossImportSummary   *summary,
             GError              **error)
{
  g_autofree char *location = g_strdup_printf ("%s:%u", file_name, line_number);
  g_autoptr(GlossJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) relation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) comments = NULL;
  g_autoptr(GVariant) fields = NULL;
  const GlossJsonValue *root, *text, *labels, *entities;
  const char *annotator;
  guint error_line = 0, error_column = 0;
  Line line = { summary, location, NULL, unit, format == GLOSS_FORMAT_DOCCANO, 0,
                annotations, relations, relation_ids, label_set };

  doc = gloss_json_doc_parse (data, length, GLOSS_SIDECAR_MAX_DEPTH,
                              &error_line, &error_column, &local_error);
  if (doc == NULL)
    {
      line_problem (&line, _("not valid JSON at column %u: %s; line skipped"),
                    error_column, local_error->message);
      return TRUE;
    }

  root = gloss_json_doc_get_root (doc);
  text = gloss_json_value_get_type (root) == GLOSS_JSON_OBJECT
         ? gloss_json_value_lookup_typed (root, "text", GLOSS_JSON_STRING) : NULL;
  if (text == NULL)
    {
      line_problem (&line, _("not an object with a “text” string; line skipped"));
      return TRUE;
    }

  /* An explicit annotator wins; otherwise each JSONL line names its own. */
  annotator = annotator_id != NULL ? annotator_id : gloss_json_value_lookup_string (root, "annotator");
  if (!gloss_annotator_id_is_valid (annotator))
    {
      line_problem (&line, _("no valid annotator id (give one, or an “annotator” member of the line); line skipped"));
      return TRUE;
    }

  document = gloss_document_new_from_text (gloss_json_value_get_string (text),
                                           gloss_json_value_get_string_length (text),
                                           &local_error);
  if (document == NULL)
    {
      line_problem (&line, _("the text cannot be used: %s; line skipped"), local_error->message);
      return TRUE;
    }
  line.document = document;

  labels = gloss_json_value_lookup_typed (root, "label", GLOSS_JSON_ARRAY);
  entities = gloss_json_value_lookup_typed (root, "entities", GLOSS_JSON_ARRAY);

  if (format == GLOSS_FORMAT_JSONL)
    {
      /* Said plainly, rather than importing an article with no spans. */
      if (gloss_json_value_lookup (root, "spans") == NULL && (labels != NULL || entities != NULL))
        {
          line_problem (&line, _("has doccano “label” or “entities”, not “spans”: import it as doccano; line skipped"));
          return TRUE;
        }
      read_jsonl_shape (&line, root);
      fields = read_value_map (&line, gloss_json_value_lookup (root, "document_labels"),
                               "document_labels", TRUE, NULL);
    }
  else if (labels == NULL && entities == NULL && gloss_json_value_lookup (root, "spans") != NULL)
    {
      line_problem (&line, _("has “spans”, not doccano’s “label” or “entities”: import it as jsonl; line skipped"));
      return TRUE;
    }
  else
    read_doccano_shape (&line, root, labels, entities);

  if (format == GLOSS_FORMAT_DOCCANO)
    {
      report_elsewhere (&line);
      fields = read_doccano_categories (&line, root);
      comments = read_doccano_comments (&line, root);
    }

  name = article_name_for (root, line_number);
  return gloss_import_write_article_with_fields (output_folder, name,
                                                 gloss_json_value_get_string (text),
                                                 gloss_json_value_get_string_length (text),
                                                 annotator, annotations, relations,
                                                 (const char * const *) comments, fields,
                                                 location, summary, error);
}

static gboolean
ensure_folder (GFile         *folder,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (folder, cancellable, &local_error)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
import_jsonl (GFile               *input,
              GlossFormat          format,
              GFile               *output_folder,
              const char          *annotator_id,
              GlossOffsetUnit      offsets,
              GlossImportSummary  *summary,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GInputStream) file_stream = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GlossCorpusLabels) corpus_labels = gloss_corpus_labels_new ();
  g_autoptr(GFile) any_article = NULL;
  g_autoptr(GlossProblem) labels_problem = NULL;
  GlossLabelSet *label_set;
  guint line_number = 0;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (format == GLOSS_FORMAT_JSONL || format == GLOSS_FORMAT_DOCCANO, FALSE);
  g_return_val_if_fail (G_IS_FILE (output_folder), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!gloss_format_check_offsets (format, offsets, error))
    return FALSE;

  if (annotator_id != NULL && !gloss_annotator_id_is_valid (annotator_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is not a valid annotator id (lowercase letters, digits, “-” and “_”)"),
                   annotator_id);
      return FALSE;
    }

  /* Only a regular file: a FIFO would block here, /dev/zero never end. */
  file_name = g_file_get_parse_name (input);
  file_stream = gloss_file_open_stream (input, file_name, cancellable, error);
  if (file_stream == NULL || !ensure_folder (output_folder, cancellable, error))
    return FALSE;

  /* Lines end at LF; a CR before it is JSON whitespace, so CRLF files work.
   * Lines are read one at a time: a dataset may be far larger than memory
   * would like. */
  stream = g_data_input_stream_new (file_stream);

  /* Every article lands in @output_folder: one label set checks them all,
   * the one the sidecars will be loaded with. A broken label file checks
   * nothing (as when loading), and is said once. */
  any_article = g_file_get_child (output_folder, "article.txt");
  label_set = gloss_corpus_labels_lookup (corpus_labels, any_article, &labels_problem);
  if (labels_problem != NULL)
    {
      g_ptr_array_add (summary->problems, gloss_problem_to_string (labels_problem));
      summary->warnings++;
    }

  for (;;)
    {
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(GError) read_error = NULL;

      data = g_data_input_stream_read_line (stream, &length, cancellable, &read_error);
      if (read_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      if (data == NULL)
        break;
      line_number++;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (strspn (data, " \t\r") == length)
        continue;

      if (!import_line (data, length, line_number, file_name, format, output_folder,
                        annotator_id, offsets, label_set, summary, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
gloss_import_jsonl (GFile               *input,
                    GlossFormat          format,
                    GFile               *output_folder,
                    const char          *annotator_id,
                    GlossOffsetUnit      offsets,
                    GlossImportSummary  *summary,
                    GCancellable        *cancellable,
                    GError             **error)
{
  GlossFileBatch *began;
  gboolean ok;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every file is put in place at the end, after one flush to disk. */
  began = gloss_import_begin_writes (summary);
  ok = import_jsonl (input, format, output_folder, annotator_id, offsets, summary,
                     cancellable, error);
  return gloss_import_end_writes (summary, began, ok, error);
}

/* gloss-export-types.c — the names, units, summary and existing outputs
 * an export and its format writers share (gloss-export-types.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-export-types.h"
#include "gloss-json-writer.h"

/* Names and units
 * ------------------------------------------------------------------------ */

static const struct
{
  GlossFormat  format;
  const char  *name;
  const char  *extension;
} formats[] = {
  { GLOSS_FORMAT_JSONL, "jsonl", ".jsonl" },
  { GLOSS_FORMAT_DOCCANO, "doccano", ".jsonl" },
  { GLOSS_FORMAT_CONLL, "conll", ".conll" },
  { GLOSS_FORMAT_BRAT, "brat", NULL },
  { GLOSS_FORMAT_W3C, "w3c", ".json" },
  { GLOSS_FORMAT_CSV, "csv", ".csv" },
  { GLOSS_FORMAT_HF, "hf", ".jsonl" },
  { GLOSS_FORMAT_LABEL_STUDIO, "label-studio", ".json" },
  { GLOSS_FORMAT_UIMA_JSON, "uima-json", NULL },
  { GLOSS_FORMAT_WEBANNO_TSV, "webanno-tsv", NULL },
};

const char *
gloss_format_to_string (GlossFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;

  return NULL;
}

gboolean
gloss_format_from_string (const char  *name,
                          GlossFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (strcmp (formats[i].name, name) == 0)
        {
          *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

GFile *
gloss_hf_dataset_info_file (GFile *output)
{
  g_autofree char *name = NULL;
  g_autofree char *info_name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (output), NULL);

  name = g_file_get_basename (output);
  parent = g_file_get_parent (output);
  if (g_str_has_suffix (name, ".jsonl") && strlen (name) > strlen (".jsonl"))
    name[strlen (name) - strlen (".jsonl")] = '\0';
  info_name = g_strconcat (name, ".dataset_info.json", NULL);

  return parent != NULL ? g_file_get_child (parent, info_name) : g_file_new_for_path (info_name);
}

GFile *
gloss_label_studio_config_file (GFile *output)
{
  g_autofree char *name = NULL;
  g_autofree char *config_name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (output), NULL);

  name = g_file_get_basename (output);
  parent = g_file_get_parent (output);
  if (g_str_has_suffix (name, ".json") && strlen (name) > strlen (".json"))
    name[strlen (name) - strlen (".json")] = '\0';
  config_name = g_strconcat (name, ".label_config.xml", NULL);

  return parent != NULL ? g_file_get_child (parent, config_name) : g_file_new_for_path (config_name);
}

gboolean
gloss_format_writes_folder (GlossFormat format)
{
  return format == GLOSS_FORMAT_BRAT || format == GLOSS_FORMAT_UIMA_JSON
         || format == GLOSS_FORMAT_WEBANNO_TSV;
}

const char *
gloss_format_get_extension (GlossFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;

  return NULL;
}

static const char * const unit_names[] = {
  [GLOSS_OFFSETS_CODE_POINTS] = "codepoints",
  [GLOSS_OFFSETS_UTF16] = "utf16",
  [GLOSS_OFFSETS_BYTES] = "bytes",
};

const char *
gloss_offset_unit_to_string (GlossOffsetUnit unit)
{
  if ((guint) unit >= G_N_ELEMENTS (unit_names))
    return NULL;

  return unit_names[unit];
}

gboolean
gloss_offset_unit_from_string (const char      *name,
                               GlossOffsetUnit *unit)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    {
      if (strcmp (unit_names[i], name) == 0)
        {
          *unit = (GlossOffsetUnit) i;
          return TRUE;
        }
    }

  return FALSE;
}

guint
gloss_offset_convert (GlossDocument   *document,
                      guint            offset,
                      GlossOffsetUnit  unit)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), offset);

  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      return gloss_document_offset_to_utf16 (document, offset);

    case GLOSS_OFFSETS_BYTES:
      /* Articles are at most 64 MiB, so a byte offset fits a guint. */
      return (guint) gloss_document_offset_to_byte (document, offset);

    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      return MIN (offset, gloss_document_get_length (document));
    }
}

GlossOffsetUnit
gloss_format_get_default_offsets (GlossFormat format)
{
  /* doccano's annotation view slices JavaScript strings: with code points,
   * every span after an emoji would show shifted there. */
  /* UIMA's begin and end count the UTF-16 code units of the sofa string
   * (Java's String), and the JSON CAS readers count so (docs/inception.md);
   * WebAnno TSV's offsets are Java's too, by its specification. */
  if (format == GLOSS_FORMAT_DOCCANO || format == GLOSS_FORMAT_UIMA_JSON
      || format == GLOSS_FORMAT_WEBANNO_TSV)
    return GLOSS_OFFSETS_UTF16;
  return GLOSS_OFFSETS_CODE_POINTS;
}

gboolean
gloss_format_check_offsets (GlossFormat       format,
                            GlossOffsetUnit   unit,
                            GError          **error)
{
  if (gloss_offset_unit_to_string (unit) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("unknown offset unit"));
      return FALSE;
    }

  /* CoNLL's token offsets must agree with Gloss's own code points. */
  if (format == GLOSS_FORMAT_CONLL && unit != GLOSS_OFFSETS_CODE_POINTS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("CoNLL counts code points only: --offsets applies to jsonl, doccano, w3c and csv, and utf16 to brat"));
      return FALSE;
    }

  /* Hugging Face's tokens are CoNLL's, and hold no offset at all: code
   * points are the only unit that says the same. */
  if (format == GLOSS_FORMAT_HF && unit != GLOSS_OFFSETS_CODE_POINTS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("hf holds tokens, not offsets, cut as CoNLL cuts them: it counts code points only"));
      return FALSE;
    }

  /* WebAnno TSV's offsets are Java's, UTF-16 code units, by its
   * specification: no other unit is WebAnno TSV. */
  if (format == GLOSS_FORMAT_WEBANNO_TSV && unit != GLOSS_OFFSETS_UTF16)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("WebAnno TSV counts UTF-16 code units only, as its specification requires"));
      return FALSE;
    }

  /* brat's standard counts code points; UTF-16 is only for the readers that
   * count so against it. No brat reader counts bytes. */
  if (format == GLOSS_FORMAT_BRAT && unit == GLOSS_OFFSETS_BYTES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("brat counts code points, or UTF-16 code units with --offsets utf16 (for INCEpTION and brat 1.3’s viewer); not bytes"));
      return FALSE;
    }

  /* The JSON CAS has no unit to choose: its readers take begin and end
   * as UTF-16 code units, whatever wrote them. */
  if (format == GLOSS_FORMAT_UIMA_JSON && unit != GLOSS_OFFSETS_UTF16)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("uima-json counts UTF-16 code units, as UIMA and INCEpTION do; not code points or bytes"));
      return FALSE;
    }

  return TRUE;
}

/* The summary
 * ------------------------------------------------------------------------ */

void
gloss_export_summary_init (GlossExportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func (g_free);
}

void
gloss_export_summary_clear (GlossExportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  g_clear_pointer (&summary->existing, gloss_export_existing_free);
}

/* Appends one clause of the summary: @part goes after ", " within a group,
 * or after @group_start when it opens a new group ("; not representable: "). */
static void
append_part (GString    *out,
             gboolean   *group_open,
             const char *group_start,
             char       *part)
{
  if (!*group_open)
    {
      if (out->len > 0)
        g_string_append (out, "; ");
      if (group_start != NULL)
        g_string_append (out, group_start);
      *group_open = TRUE;
    }
  else
    g_string_append (out, ", ");

  g_string_append (out, part);
  g_free (part);
}

/* Each call site spells out g_dngettext (GETTEXT_PACKAGE, "…", "…", n), so
 * that xgettext finds both forms and the compiler checks the format. */
#define APPEND_COUNT(out, open, start, count, format) \
  G_STMT_START { \
    if ((count) > 0) \
      append_part ((out), (open), (start), g_strdup_printf ((format), (count))); \
  } G_STMT_END

char *
gloss_export_summary_to_string (const GlossExportSummary *summary)
{
  GString *out;
  gboolean open = FALSE;
  const char *lost;
  guint n;

  g_return_val_if_fail (summary != NULL, NULL);

  out = g_string_new (NULL);
  lost = _("not representable: ");

  /* What was exported. The article count always shows, so that an export
   * that found nothing still says so. */
  n = summary->articles;
  append_part (out, &open, NULL,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n));
  n = summary->records;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n));
  n = summary->spans;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n));
  n = summary->relations;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u relation", "%u relations", n));
  n = summary->notes;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n));
  n = summary->predictions;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u suggestion as prediction",
                             "%u suggestions as predictions", n));

  /* What the format could not hold. */
  open = FALSE;
  n = summary->lost_overlaps;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u overlapping span", "%u overlapping spans", n));
  n = summary->lost_relations;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u relation", "%u relations", n));
  n = summary->lost_notes;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n));
  n = summary->lost_attributes;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u attribute value", "%u attribute values", n));
  n = summary->lost_fields;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u article field", "%u article fields", n));

  /* The rest stand each on their own. */
  open = FALSE;
  n = summary->cut_tokens;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u span cuts a token", "%u spans cut a token", n));
  open = FALSE;
  n = summary->trimmed_spans;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u span written without its spaces at an end",
                             "%u spans written without their spaces at an end", n));
  open = FALSE;
  n = summary->lost_orphans;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u orphaned annotation left out",
                             "%u orphaned annotations left out", n));
  open = FALSE;
  n = summary->failed;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u file could not be read",
                             "%u files could not be read", n));
  open = FALSE;
  n = summary->existing != NULL ? summary->existing->replaced->len : 0;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u existing file replaced",
                             "%u existing files replaced", n));

  return g_string_free (out, FALSE);
}

/* Options
 * ------------------------------------------------------------------------ */

GFile *
gloss_export_options_get_companion (const GlossExportOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);

  if (options->format == GLOSS_FORMAT_LABEL_STUDIO)
    return options->label_studio_config;
  if (options->format == GLOSS_FORMAT_HF && options->hf_tag_ids)
    return options->hf_dataset_info;
  return NULL;
}

void
gloss_export_options_set_companion (GlossExportOptions *options,
                                    GFile              *file)
{
  g_return_if_fail (options != NULL);

  if (options->format == GLOSS_FORMAT_LABEL_STUDIO)
    options->label_studio_config = file;
  else if (options->format == GLOSS_FORMAT_HF && options->hf_tag_ids)
    options->hf_dataset_info = file;
}

gboolean
gloss_export_options_wants_label (const GlossExportOptions *options,
                                  const char               *label)
{
  return options == NULL || options->labels == NULL
         || g_strv_contains ((const char * const *) options->labels, label);
}

/* JSON Lines
 * ------------------------------------------------------------------------ */

/* @node without spaces or line breaks. Strings and numbers go through the
 * sidecar's writer, so that a number reads back the same everywhere we
 * write JSON: json-glib 1.6's generator appends ".0" to any double whose
 * text has no '.', which makes 1e+21 the invalid "1e+21.0". @key is a
 * string node to print member names with. */
static void
write_compact (GString  *out,
               JsonNode *node,
               JsonNode *key)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_string_append_c (out, '{');
      for (GList *l = members; l != NULL; l = l->next)
        {
          if (l != members)
            g_string_append_c (out, ',');
          json_node_set_string (key, l->data);
          gloss_json_write_node (out, key, 0);
          g_string_append_c (out, ':');
          write_compact (out, json_object_get_member (object, l->data), key);
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          write_compact (out, json_array_get_element (array, i), key);
        }
      g_string_append_c (out, ']');
    }
  else
    gloss_json_write_node (out, node, 0);
}

char *
gloss_export_json_line (JsonNode *node)
{
  g_autoptr(JsonNode) key = json_node_new (JSON_NODE_VALUE);
  g_autofree char *compact = NULL;
  GString *text;
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  text = g_string_sized_new (1024);
  write_compact (text, node, key);
  compact = g_string_free (text, FALSE);

  /* The writer escapes the C0 controls, so no record can contain "\n"; but
   * Python's str.splitlines() and some editors also break lines at NEL,
   * LINE SEPARATOR and PARAGRAPH SEPARATOR, which JSON allows raw. They can
   * only occur inside strings, so escaping their bytes keeps the JSON the
   * same and the record on one line for every reader. */
  if (strstr (compact, "\xc2\x85") == NULL
      && strstr (compact, "\xe2\x80\xa8") == NULL
      && strstr (compact, "\xe2\x80\xa9") == NULL)
    return g_steal_pointer (&compact);

  out = g_string_sized_new (strlen (compact) + 16);
  for (const char *p = compact; *p != '\0'; p++)
    {
      if (p[0] == '\xc2' && p[1] == '\x85')
        {
          g_string_append (out, "\\u0085");
          p += 1;
        }
      else if (p[0] == '\xe2' && p[1] == '\x80' && (p[2] == '\xa8' || p[2] == '\xa9'))
        {
          g_string_append (out, p[2] == '\xa8' ? "\\u2028" : "\\u2029");
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Existing outputs
 * ------------------------------------------------------------------------ */

static GPtrArray *
copy_names (GPtrArray *names)
{
  GPtrArray *copy = g_ptr_array_new_full (names->len, g_free);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (names, i)));

  return copy;
}

GlossExportExisting *
gloss_export_existing_copy (const GlossExportExisting *existing)
{
  GlossExportExisting *copy;

  g_return_val_if_fail (existing != NULL, NULL);

  copy = g_new0 (GlossExportExisting, 1);
  copy->output = g_object_ref (existing->output);
  copy->folder = existing->folder;
  copy->replaced = copy_names (existing->replaced);
  copy->kept = copy_names (existing->kept);
  copy->companion = existing->companion;

  return copy;
}

void
gloss_export_existing_free (GlossExportExisting *existing)
{
  if (existing == NULL)
    return;

  g_clear_object (&existing->output);
  g_clear_pointer (&existing->replaced, g_ptr_array_unref);
  g_clear_pointer (&existing->kept, g_ptr_array_unref);
  g_free (existing);
}

char *
gloss_export_join_names (GPtrArray *names,
                         guint      max_shown)
{
  GString *out;
  guint shown;

  g_return_val_if_fail (names != NULL, NULL);

  out = g_string_new (NULL);
  shown = MIN (names->len, MAX (max_shown, 1));

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }

  if (names->len > shown)
    {
      guint more = names->len - shown;

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", more),
                              more);
    }

  return g_string_free (out, FALSE);
}

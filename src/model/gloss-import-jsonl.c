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
 *
 * A line that cannot be used, and each span or relation that cannot, is a
 * problem ("FILE:LINE: what") and is skipped; the other lines go on. Offsets
 * are code points, as Python (and doccano) count them. docs/w3c.md describes
 * the rules for users.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-annotation.h"
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

/* One line being imported. */
typedef struct
{
  GlossImportSummary   *summary;
  const char           *location;     /* "FILE:LINE", for problems */
  GlossDocument        *document;     /* the line's text, to check span texts */
  GPtrArray            *annotations;  /* GlossAnnotation */
  GPtrArray            *relations;    /* GlossRelation */
  GHashTable           *relation_ids;
} Line;

/* Problems use literal formats at every call, for the compiler's checks. */
#define line_problem(line, ...) \
  add_problem ((line)->summary, (line)->location, g_strdup_printf (__VA_ARGS__))

static void
add_problem (GlossImportSummary *summary,
             const char         *location,
             char               *message)
{
  g_ptr_array_add (summary->problems, g_strdup_printf ("%s: %s", location, message));
  summary->skipped++;
  g_free (message);
}

static const GlossJsonValue *
lookup_typed (const GlossJsonValue *object,
              const char           *name,
              GlossJsonType         type)
{
  const GlossJsonValue *value = gloss_json_value_lookup (object, name);

  if (value == NULL || gloss_json_value_get_type (value) != type)
    return NULL;
  return value;
}

static const char *
lookup_string (const GlossJsonValue *object,
               const char           *name)
{
  const GlossJsonValue *value = lookup_typed (object, name, GLOSS_JSON_STRING);

  return value != NULL ? gloss_json_value_get_string (value) : NULL;
}

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

/* Keeps a span. Bounds that are out of range or cut a grapheme are left to
 * gloss_import_write_article(), which reports them; the span's own "text",
 * when given, must be the article's text at its offsets — a mismatch
 * means the offsets count something else (bytes, UTF-16) or the text was
 * edited, and a span in the wrong place is worse than none. */
static void
add_span (Line       *line,
          const char *id,
          guint       start,
          guint       end,
          const char *label,
          const char *text,
          const char *note)
{
  g_autoptr(GlossAnnotation) annotation = NULL;

  if (!id_is_usable (id))
    {
      line_problem (line, _("a span has no usable id (1 to %d characters); skipped"),
                    GLOSS_SIDECAR_MAX_ID);
      return;
    }

  if (label == NULL || label[0] == '\0' || !string_fits (label))
    {
      line_problem (line, _("span %s has no label; skipped"), id);
      return;
    }

  if (note != NULL && !string_fits (note))
    {
      line_problem (line, _("span %s has a note longer than %d KiB; skipped"),
                    id, GLOSS_SIDECAR_MAX_STRING / 1024);
      return;
    }

  if (text != NULL && start < end && end <= gloss_document_get_length (line->document)
      && !gloss_document_slice_equals (line->document, start, end, text))
    {
      line_problem (line, _("span %s: its “text” is not the article’s text at %u–%u; skipped"),
                    id, start, end);
      return;
    }

  annotation = gloss_annotation_new (id, label, start, end);
  if (note != NULL)
    gloss_annotation_set_note (annotation, note);
  g_ptr_array_add (line->annotations, g_steal_pointer (&annotation));
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

/* Gloss's own shape: "spans" and "relations" with "from"/"to". */
static void
read_jsonl_shape (Line                 *line,
                  const GlossJsonValue *root)
{
  const GlossJsonValue *spans = lookup_typed (root, "spans", GLOSS_JSON_ARRAY);
  const GlossJsonValue *relations = lookup_typed (root, "relations", GLOSS_JSON_ARRAY);

  for (guint i = 0; spans != NULL && i < gloss_json_value_get_length (spans); i++)
    {
      const GlossJsonValue *span = gloss_json_value_get_element (spans, i);
      g_autofree char *id = NULL;
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

      add_span (line, id, start, end,
                lookup_string (span, "label"),
                lookup_string (span, "text"),
                lookup_string (span, "note"));
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
      add_relation (line, id, lookup_string (relation, "type"), from, to);
    }
}

/* Classic doccano: "label": [[start, end, label], …]. */
static void
read_doccano_labels (Line                 *line,
                     const GlossJsonValue *labels)
{
  for (guint i = 0; i < gloss_json_value_get_length (labels); i++)
    {
      const GlossJsonValue *item = gloss_json_value_get_element (labels, i);
      const GlossJsonValue *label;
      g_autofree char *id = g_strdup_printf ("a-%u", i + 1);
      guint start, end;

      if (gloss_json_value_get_type (item) != GLOSS_JSON_ARRAY
          || gloss_json_value_get_length (item) != 3
          || !offset_from_value (gloss_json_value_get_element (item, 0), &start)
          || !offset_from_value (gloss_json_value_get_element (item, 1), &end)
          || gloss_json_value_get_type (gloss_json_value_get_element (item, 2)) != GLOSS_JSON_STRING)
        {
          line_problem (line, _("label[%u] is not [start, end, label]; skipped"), i);
          continue;
        }

      label = gloss_json_value_get_element (item, 2);
      add_span (line, id, start, end, gloss_json_value_get_string (label), NULL, NULL);
    }
}

/* Newer doccano: "entities" and "relations" with numeric ids. */
static void
read_doccano_entities (Line                 *line,
                       const GlossJsonValue *root,
                       const GlossJsonValue *entities)
{
  const GlossJsonValue *relations = lookup_typed (root, "relations", GLOSS_JSON_ARRAY);

  for (guint i = 0; i < gloss_json_value_get_length (entities); i++)
    {
      const GlossJsonValue *entity = gloss_json_value_get_element (entities, i);
      g_autofree char *id = NULL;
      guint start, end;

      if (gloss_json_value_get_type (entity) != GLOSS_JSON_OBJECT
          || !offset_from_value (gloss_json_value_lookup (entity, "start_offset"), &start)
          || !offset_from_value (gloss_json_value_lookup (entity, "end_offset"), &end))
        {
          line_problem (line, _("entities[%u] needs whole-number “start_offset” and “end_offset”; skipped"), i);
          continue;
        }

      id = id_from_value (gloss_json_value_lookup (entity, "id"), "a-", i + 1);
      add_span (line, id, start, end, lookup_string (entity, "label"), NULL, NULL);
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

      from_value = gloss_json_value_lookup (relation, "from_id");
      to_value = gloss_json_value_lookup (relation, "to_id");
      id = id_from_value (gloss_json_value_lookup (relation, "id"), "r-", i + 1);
      if (from_value != NULL)
        from = id_from_value (from_value, "a-", 0);
      if (to_value != NULL)
        to = id_from_value (to_value, "a-", 0);
      add_relation (line, id, lookup_string (relation, "type"), from, to);
    }
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
  const char *source = lookup_string (root, "source");
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
  const GlossJsonValue *root, *text, *labels, *entities;
  const char *annotator;
  guint error_line = 0, error_column = 0;
  Line line = { summary, location, NULL, annotations, relations, relation_ids };

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
         ? lookup_typed (root, "text", GLOSS_JSON_STRING) : NULL;
  if (text == NULL)
    {
      line_problem (&line, _("not an object with a “text” string; line skipped"));
      return TRUE;
    }

  /* An explicit annotator wins; otherwise each JSONL line names its own. */
  annotator = annotator_id != NULL ? annotator_id : lookup_string (root, "annotator");
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

  labels = lookup_typed (root, "label", GLOSS_JSON_ARRAY);
  entities = lookup_typed (root, "entities", GLOSS_JSON_ARRAY);

  if (format == GLOSS_FORMAT_JSONL)
    {
      /* Said plainly, rather than importing an article with no spans. */
      if (gloss_json_value_lookup (root, "spans") == NULL && (labels != NULL || entities != NULL))
        {
          line_problem (&line, _("has doccano “label” or “entities”, not “spans”: import it as doccano; line skipped"));
          return TRUE;
        }
      read_jsonl_shape (&line, root);
    }
  else if (entities != NULL)
    read_doccano_entities (&line, root, entities);
  else if (labels != NULL)
    read_doccano_labels (&line, labels);
  else if (gloss_json_value_lookup (root, "spans") != NULL)
    {
      line_problem (&line, _("has “spans”, not doccano’s “label” or “entities”: import it as jsonl; line skipped"));
      return TRUE;
    }

  name = article_name_for (root, line_number);
  return gloss_import_write_article (output_folder, name,
                                     gloss_json_value_get_string (text),
                                     gloss_json_value_get_string_length (text),
                                     annotator, annotations, relations,
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

gboolean
gloss_import_jsonl (GFile               *input,
                    GlossFormat          format,
                    GFile               *output_folder,
                    const char          *annotator_id,
                    GlossImportSummary  *summary,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(GInputStream) file_stream = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autofree char *file_name = NULL;
  guint line_number = 0;

  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (format == GLOSS_FORMAT_JSONL || format == GLOSS_FORMAT_DOCCANO, FALSE);
  g_return_val_if_fail (G_IS_FILE (output_folder), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

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
                        annotator_id, summary, error))
        return FALSE;
    }

  return TRUE;
}

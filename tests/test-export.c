/* test-export.c — the corpus walker and the jsonl, doccano and csv writers
 *
 * Every export is read back with a parser of its own (json-glib for the
 * JSON lines, a small RFC 4180 reader here for CSV) and checked against the
 * sidecars as they are on disk, read as plain JSON, and against the article
 * text sliced independently in each offset unit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-test-utils.h"

static const GlossOffsetUnit all_units[] = {
  GLOSS_OFFSETS_CODE_POINTS, GLOSS_OFFSETS_UTF16, GLOSS_OFFSETS_BYTES,
};

/* Records read back from an export, the same shape for every format
 * ------------------------------------------------------------------------ */

typedef struct
{
  char   *id;       /* NULL where the format has none (doccano) */
  char   *label;
  gint64  start;
  gint64  end;
  char   *text;     /* NULL where the format has none (doccano) */
  char   *note;     /* NULL when absent */
  char   *speaker;  /* csv: the speaker column */
} Span;

typedef struct
{
  char      *article_id;
  char      *annotator;
  char      *text;       /* NULL for csv */
  GPtrArray *spans;      /* Span */
  GPtrArray *relations;  /* char*: "type from to" (jsonl), NULL otherwise */
} Record;

static void
span_free (Span *span)
{
  g_free (span->id);
  g_free (span->label);
  g_free (span->text);
  g_free (span->note);
  g_free (span->speaker);
  g_free (span);
}

static Record *
record_new (void)
{
  Record *record = g_new0 (Record, 1);

  record->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  return record;
}

static void
record_free (Record *record)
{
  g_free (record->article_id);
  g_free (record->annotator);
  g_free (record->text);
  g_ptr_array_unref (record->spans);
  g_clear_pointer (&record->relations, g_ptr_array_unref);
  g_free (record);
}

/* Fixture: a copy of the sample corpus and a folder for outputs
 * ------------------------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *corpus;
  char *out;
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
copy_samples (const char *dest)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_nonnull (samples);
  dir = g_dir_open (samples, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".gloss.json"))
        {
          g_autofree char *from = g_build_filename (samples, name, NULL);
          g_autofree char *to = g_build_filename (dest, name, NULL);

          copy_file (from, to);
        }
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("GLOSS_SAMPLES_DIR") == NULL)
    {
      g_test_skip ("GLOSS_SAMPLES_DIR is not set");
      return;
    }

  f->dir = g_dir_make_tmp ("gloss-test-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->corpus = g_build_filename (f->dir, "corpus", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->corpus, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  copy_samples (f->corpus);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dir != NULL)
    gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->corpus, g_free);
  g_clear_pointer (&f->out, g_free);
}

/* Running an export
 * ------------------------------------------------------------------------ */

static gboolean
export_full (const char               *corpus_dir,
             const GlossExportOptions *options,
             const char               *output,
             GlossExportProgress       progress,
             gpointer                  progress_data,
             GCancellable             *cancellable,
             GlossExportSummary       *summary,
             GError                  **error)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = g_file_new_for_path (corpus_dir);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(GError) local_error = NULL;

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &local_error));
  g_assert_no_error (local_error);

  return gloss_export_corpus (corpus, root, options, out, progress, progress_data,
                              summary, cancellable, error);
}

/* Exports and asserts success; returns the output path. */
static char *
export_ok (Fixture                  *f,
           const GlossExportOptions *options,
           const char               *name,
           GlossExportSummary       *summary)
{
  g_autoptr(GError) error = NULL;
  char *output = g_build_filename (f->out, name, NULL);

  g_assert_true (export_full (f->corpus, options, output, NULL, NULL, NULL, summary, &error));
  g_assert_no_error (error);

  return output;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  {
    GString *out = g_string_new (NULL);

    for (guint i = 0; i < names->len; i++)
      {
        if (i > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, g_ptr_array_index (names, i));
      }
    return g_string_free (out, FALSE);
  }
}

/* Reading exports back
 * ------------------------------------------------------------------------ */

static JsonObject *
parse_object_line (JsonParser *parser,
                   const char *line)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

/* Asserts the members of @object, in order. */
static void
assert_keys (JsonObject  *object,
             const char  *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GString *keys = g_string_new (NULL);
  g_autofree char *joined = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (keys->len > 0)
        g_string_append_c (keys, ',');
      g_string_append (keys, l->data);
    }
  joined = g_string_free (keys, FALSE);
  g_assert_cmpstr (joined, ==, expected);
}

/* Lines of a JSON Lines file: each ends with "\n", none is empty. */
static char **
read_lines (const char *path)
{
  g_autofree char *contents = read_text (path);
  gsize length = strlen (contents);
  char **lines;

  if (length == 0)
    return g_new0 (char *, 1);

  g_assert_cmpint (contents[length - 1], ==, '\n');
  contents[length - 1] = '\0';
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), >, 0);

  return lines;
}

static GPtrArray *
read_jsonl (const char *path)
{
  g_auto(GStrv) lines = read_lines (path);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object = parse_object_line (parser, lines[i]);
      JsonArray *spans = json_object_get_array_member (object, "spans");
      JsonArray *relations = json_object_get_array_member (object, "relations");
      Record *record = record_new ();

      /* The samples' sidecars set fields of the article and attributes of
       * some spans (data/samples/gloss-labels.json); jsonl writes them last. */
      assert_keys (object, json_object_has_member (object, "document_labels")
                           ? "id,text,annotator,spans,relations,source,document_labels"
                           : "id,text,annotator,spans,relations,source");
      record->article_id = g_strdup (json_object_get_string_member (object, "id"));
      g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, record->article_id);
      record->annotator = g_strdup (json_object_get_string_member (object, "annotator"));
      record->text = g_strdup (json_object_get_string_member (object, "text"));

      for (guint j = 0; j < json_array_get_length (spans); j++)
        {
          JsonObject *o = json_array_get_object_element (spans, j);
          Span *span = g_new0 (Span, 1);

          g_autofree char *keys = g_strconcat ("id,start,end,label,text",
                                               json_object_has_member (o, "note") ? ",note" : "",
                                               json_object_has_member (o, "attributes") ? ",attributes" : "",
                                               NULL);

          assert_keys (o, keys);
          if (json_object_has_member (o, "note"))
            {
              span->note = g_strdup (json_object_get_string_member (o, "note"));
              g_assert_cmpstr (span->note, !=, "");
            }
          span->id = g_strdup (json_object_get_string_member (o, "id"));
          span->label = g_strdup (json_object_get_string_member (o, "label"));
          span->start = json_object_get_int_member (o, "start");
          span->end = json_object_get_int_member (o, "end");
          span->text = g_strdup (json_object_get_string_member (o, "text"));
          g_ptr_array_add (record->spans, span);
        }

      record->relations = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < json_array_get_length (relations); j++)
        {
          JsonObject *o = json_array_get_object_element (relations, j);

          assert_keys (o, "id,type,from,to");
          g_ptr_array_add (record->relations,
                           g_strdup_printf ("%s %s %s %s",
                                            json_object_get_string_member (o, "id"),
                                            json_object_get_string_member (o, "type"),
                                            json_object_get_string_member (o, "from"),
                                            json_object_get_string_member (o, "to")));
        }

      g_ptr_array_add (records, record);
    }

  return records;
}

/* doccano's relation shape: entities numbered from 1 in document order,
 * relations as "id type from_id to_id". */
static void
read_doccano_entities (JsonObject *object,
                       Record     *record)
{
  JsonArray *entities = json_object_get_array_member (object, "entities");
  JsonArray *relations = json_object_get_array_member (object, "relations");

  assert_keys (object, "text,entities,relations,annotator");
  record->annotator = g_strdup (json_object_get_string_member (object, "annotator"));
  record->text = g_strdup (json_object_get_string_member (object, "text"));

  for (guint j = 0; j < json_array_get_length (entities); j++)
    {
      JsonObject *o = json_array_get_object_element (entities, j);
      Span *span = g_new0 (Span, 1);

      assert_keys (o, "id,start_offset,end_offset,label");
      g_assert_cmpint (json_object_get_int_member (o, "id"), ==, j + 1);
      span->start = json_object_get_int_member (o, "start_offset");
      span->end = json_object_get_int_member (o, "end_offset");
      span->label = g_strdup (json_object_get_string_member (o, "label"));
      g_ptr_array_add (record->spans, span);
    }

  record->relations = g_ptr_array_new_with_free_func (g_free);
  for (guint j = 0; j < json_array_get_length (relations); j++)
    {
      JsonObject *o = json_array_get_object_element (relations, j);
      gint64 from = json_object_get_int_member (o, "from_id");
      gint64 to = json_object_get_int_member (o, "to_id");

      assert_keys (o, "id,from_id,to_id,type");
      /* Ends are entities of the same example. */
      g_assert_cmpint (from, >=, 1);
      g_assert_cmpint (from, <=, json_array_get_length (entities));
      g_assert_cmpint (to, >=, 1);
      g_assert_cmpint (to, <=, json_array_get_length (entities));
      g_ptr_array_add (record->relations,
                       g_strdup_printf ("%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                        json_object_get_int_member (o, "id"),
                                        json_object_get_string_member (o, "type"), from, to));
    }
}

static GPtrArray *
read_doccano (const char *path)
{
  g_auto(GStrv) lines = read_lines (path);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object = parse_object_line (parser, lines[i]);
      JsonArray *labels;
      Record *record = record_new ();

      if (json_object_has_member (object, "entities"))
        {
          read_doccano_entities (object, record);
          g_ptr_array_add (records, record);
          continue;
        }

      labels = json_object_get_array_member (object, "label");
      assert_keys (object, "text,label,annotator");
      record->annotator = g_strdup (json_object_get_string_member (object, "annotator"));
      record->text = g_strdup (json_object_get_string_member (object, "text"));

      for (guint j = 0; j < json_array_get_length (labels); j++)
        {
          JsonArray *triple = json_array_get_array_element (labels, j);
          Span *span = g_new0 (Span, 1);

          g_assert_cmpuint (json_array_get_length (triple), ==, 3);
          span->start = json_array_get_int_element (triple, 0);
          span->end = json_array_get_int_element (triple, 1);
          span->label = g_strdup (json_array_get_string_element (triple, 2));
          g_ptr_array_add (record->spans, span);
        }

      g_ptr_array_add (records, record);
    }

  return records;
}

/* RFC 4180, strictly: rows end with CRLF (the last one too), a quoted
 * field may hold anything with quotes doubled, an unquoted one no quote, CR
 * or LF. Returns GPtrArray of GPtrArray of char*. */
static GPtrArray *
parse_csv (const char *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  const char *p = data;

  while (*p != '\0')
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (rows, row);
      while (TRUE)
        {
          GString *field = g_string_new (NULL);

          if (*p == '"')
            {
              p++;
              while (TRUE)
                {
                  g_assert_cmpint (*p, !=, '\0');  /* unterminated quote */
                  if (p[0] == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                    }
                  else if (p[0] == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    g_string_append_c (field, *p++);
                }
            }
          else
            {
              while (*p != ',' && *p != '\r' && *p != '\0')
                {
                  g_assert_cmpint (*p, !=, '"');
                  g_assert_cmpint (*p, !=, '\n');
                  g_string_append_c (field, *p++);
                }
            }

          g_ptr_array_add (row, g_string_free (field, FALSE));

          if (*p == ',')
            {
              p++;
              continue;
            }

          /* The end of a row: CRLF, always. */
          g_assert_cmpint (p[0], ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          break;
        }
    }

  return rows;
}

static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *contents = read_text (path);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  Record *record = NULL;
  GString *header = g_string_new (NULL);
  g_autofree char *header_line = NULL;
  GPtrArray *first;

  /* No byte order mark: spreadsheets that need one get told in the docs. */
  g_assert_false (g_str_has_prefix (contents, "\xef\xbb\xbf"));

  rows = parse_csv (contents);
  g_assert_cmpuint (rows->len, >=, 1);
  first = g_ptr_array_index (rows, 0);
  for (guint i = 0; i < first->len; i++)
    {
      if (i > 0)
        g_string_append_c (header, ',');
      g_string_append (header, g_ptr_array_index (first, i));
    }
  header_line = g_string_free (header, FALSE);
  g_assert_cmpstr (header_line, ==, "article,annotator,id,label,start,end,text,note,speaker");

  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      const char *article = g_ptr_array_index (row, 0);
      const char *annotator = g_ptr_array_index (row, 1);
      const char *note = g_ptr_array_index (row, 7);
      const char *speaker = g_ptr_array_index (row, 8);
      Span *span = g_new0 (Span, 1);

      g_assert_cmpuint (row->len, ==, 9);
      if (record == NULL || g_strcmp0 (record->article_id, article) != 0
          || g_strcmp0 (record->annotator, annotator) != 0)
        {
          record = record_new ();
          record->article_id = g_strdup (article);
          record->annotator = g_strdup (annotator);
          g_ptr_array_add (records, record);
        }

      span->id = g_strdup (g_ptr_array_index (row, 2));
      span->label = g_strdup (g_ptr_array_index (row, 3));
      span->start = g_ascii_strtoll (g_ptr_array_index (row, 4), NULL, 10);
      span->end = g_ascii_strtoll (g_ptr_array_index (row, 5), NULL, 10);
      span->text = g_strdup (g_ptr_array_index (row, 6));
      span->note = note[0] != '\0' ? g_strdup (note) : NULL;
      span->speaker = speaker[0] != '\0' ? g_strdup (speaker) : NULL;
      g_ptr_array_add (record->spans, span);
    }

  return records;
}

static GPtrArray *
read_export (GlossFormat  format,
             const char  *path)
{
  switch (format)
    {
    case GLOSS_FORMAT_JSONL:
      return read_jsonl (path);
    case GLOSS_FORMAT_DOCCANO:
      return read_doccano (path);
    case GLOSS_FORMAT_CSV:
      return read_csv (path);
    default:
      g_assert_not_reached ();
    }
}

/* What the sidecars on disk say, read as plain JSON
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint sidecars;
  guint spans;
  guint relations;
  guint speaker_relations;
  guint notes;
} Totals;

static JsonObject *
load_sidecar_json (JsonParser *parser,
                   const char *corpus_dir,
                   const char *article_id,
                   const char *annotator)
{
  g_autofree char *name = g_strdup_printf ("%s.%s.gloss.json", article_id, annotator);
  g_autofree char *path = g_build_filename (corpus_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
is_orphan (JsonObject *annotation)
{
  return json_object_has_member (annotation, "orphaned")
         && json_object_get_boolean_member (annotation, "orphaned");
}

static gboolean
label_in (char       **labels,
          const char  *label)
{
  return labels == NULL || g_strv_contains ((const char * const *) labels, label);
}

/* Totals over the sidecars in @corpus_dir of @annotators (NULL: all), for
 * spans with @labels (NULL: all). */
static Totals
count_sidecars (const char  *corpus_dir,
                char       **annotators,
                char       **labels)
{
  g_autoptr(GDir) dir = g_dir_open (corpus_dir, 0, NULL);
  Totals totals = { 0 };
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *path = NULL;
      g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *annotations, *relations;

      if (!g_str_has_suffix (name, ".gloss.json"))
        continue;

      path = g_build_filename (corpus_dir, name, NULL);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      if (annotators != NULL
          && !g_strv_contains ((const char * const *) annotators,
                               json_object_get_string_member (json_object_get_object_member (root, "annotator"), "id")))
        continue;

      totals.sidecars++;
      annotations = json_object_get_array_member (root, "annotations");
      for (guint i = 0; i < json_array_get_length (annotations); i++)
        {
          JsonObject *a = json_array_get_object_element (annotations, i);

          if (is_orphan (a) || !label_in (labels, json_object_get_string_member (a, "label")))
            continue;
          totals.spans++;
          g_hash_table_add (kept, (gpointer) json_object_get_string_member (a, "id"));
          if (json_object_has_member (a, "note") && json_object_get_string_member (a, "note")[0] != '\0')
            totals.notes++;
        }

      relations = json_object_get_array_member (root, "relations");
      for (guint i = 0; relations != NULL && i < json_array_get_length (relations); i++)
        {
          JsonObject *r = json_array_get_object_element (relations, i);

          if (!g_hash_table_contains (kept, json_object_get_string_member (r, "from"))
              || !g_hash_table_contains (kept, json_object_get_string_member (r, "to")))
            continue;
          totals.relations++;
          if (g_strcmp0 (json_object_get_string_member (r, "type"), "speaker") == 0)
            totals.speaker_relations++;
        }
    }

  return totals;
}

/* Checking records against the articles and sidecars
 * ------------------------------------------------------------------------ */

/* text[start:end) in @unit, sliced without GlossDocument: the independent
 * opinion on what the offsets point at. */
static char *
slice_in_unit (const char      *text,
               gint64           start,
               gint64           end,
               GlossOffsetUnit  unit)
{
  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);

  switch (unit)
    {
    case GLOSS_OFFSETS_BYTES:
      g_assert_cmpint (end, <=, (gint64) strlen (text));
      g_assert_true (g_utf8_validate (text + start, end - start, NULL));
      return g_strndup (text + start, end - start);

    case GLOSS_OFFSETS_UTF16:
      {
        glong n_units = 0;
        g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &n_units, NULL);
        g_autoptr(GError) error = NULL;
        char *slice;

        g_assert_nonnull (utf16);
        g_assert_cmpint (end, <=, n_units);
        /* A slice cutting a surrogate pair is invalid UTF-16: an error here. */
        slice = g_utf16_to_utf8 (utf16 + start, end - start, NULL, NULL, &error);
        g_assert_no_error (error);
        return slice;
      }

    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      {
        const char *from = g_utf8_offset_to_pointer (text, start);
        const char *to = g_utf8_offset_to_pointer (text, end);

        g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
        return g_strndup (from, to - from);
      }
    }
}

static guint
to_code_points (GlossDocument   *document,
                gint64           offset,
                GlossOffsetUnit  unit)
{
  guint back;

  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      back = gloss_document_utf16_to_offset (document, offset);
      break;
    case GLOSS_OFFSETS_BYTES:
      back = gloss_document_byte_to_offset (document, offset);
      break;
    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      back = offset;
      break;
    }

  /* On a character boundary: converting back gives the same number. */
  g_assert_cmpint (gloss_offset_convert (document, back, unit), ==, offset);
  return back;
}

static GlossDocument *
load_article (const char *corpus_dir,
              const char *article_id)
{
  g_autofree char *path = g_build_filename (corpus_dir, article_id, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GlossDocument *document = gloss_document_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* doccano has no article id: the article is the one with the same text. */
static char *
article_for_text (const char *corpus_dir,
                  const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (corpus_dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GlossDocument) document = NULL;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      document = load_article (corpus_dir, name);
      if (g_strcmp0 (gloss_document_get_text (document), text) == 0)
        return g_strdup (name);
    }

  g_assert_not_reached ();
}

static void
check_record (const char      *corpus_dir,
              Record          *record,
              GlossOffsetUnit  unit,
              char           **labels)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GHashTable) speakers = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sidecar;
  JsonArray *annotations, *relations;
  const char *text;

  if (record->article_id == NULL)
    record->article_id = article_for_text (corpus_dir, record->text);

  document = load_article (corpus_dir, record->article_id);
  text = gloss_document_get_text (document);
  if (record->text != NULL)
    g_assert_cmpstr (record->text, ==, text);

  sidecar = load_sidecar_json (parser, corpus_dir, record->article_id, record->annotator);
  annotations = json_object_get_array_member (sidecar, "annotations");
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);

      if (!is_orphan (a) && label_in (labels, json_object_get_string_member (a, "label")))
        g_ptr_array_add (expected, a);
    }

  relations = json_object_get_array_member (sidecar, "relations");
  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *r = json_array_get_object_element (relations, i);

      if (g_strcmp0 (json_object_get_string_member (r, "type"), "speaker") == 0)
        g_hash_table_insert (speakers, (gpointer) json_object_get_string_member (r, "from"),
                             (gpointer) json_object_get_string_member (r, "to"));
    }

  /* Same spans, same (document) order as the sidecar, which is sorted. */
  g_assert_cmpuint (record->spans->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      JsonObject *a = g_ptr_array_index (expected, i);
      Span *span = g_ptr_array_index (record->spans, i);
      const char *exact = json_object_get_string_member (a, "exact");
      const char *note = json_object_get_string_member (a, "note");
      g_autofree char *slice = slice_in_unit (text, span->start, span->end, unit);
      guint start = to_code_points (document, span->start, unit);
      guint end = to_code_points (document, span->end, unit);

      g_assert_cmpstr (span->label, ==, json_object_get_string_member (a, "label"));
      g_assert_cmpint (start, ==, json_object_get_int_member (a, "start"));
      g_assert_cmpint (end, ==, json_object_get_int_member (a, "end"));
      g_assert_true (gloss_document_slice_equals (document, start, end, exact));
      g_assert_cmpstr (slice, ==, exact);

      if (span->id != NULL)
        g_assert_cmpstr (span->id, ==, json_object_get_string_member (a, "id"));
      if (span->text != NULL)
        g_assert_cmpstr (span->text, ==, slice);
      if (span->note != NULL)
        g_assert_cmpstr (span->note, ==, note);
      else if (span->id != NULL)  /* jsonl and csv hold every note */
        g_assert_cmpstr (note, ==, "");
      if (span->speaker != NULL)
        g_assert_cmpstr (span->speaker, ==, g_hash_table_lookup (speakers, span->id));
    }
}

static void
check_records (const char       *corpus_dir,
               GPtrArray        *records,
               GlossOffsetUnit   unit,
               char            **labels)
{
  for (guint i = 0; i < records->len; i++)
    check_record (corpus_dir, g_ptr_array_index (records, i), unit, labels);
}

static guint
count_spans (GPtrArray *records)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    n += ((Record *) g_ptr_array_index (records, i))->spans->len;

  return n;
}

/* Tests
 * ------------------------------------------------------------------------ */

static void
test_names (void)
{
  GlossFormat format;
  GlossOffsetUnit unit;
  const char *names[] = { "jsonl", "doccano", "conll", "brat", "w3c", "csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (gloss_format_from_string (names[i], &format));
      g_assert_cmpstr (gloss_format_to_string (format), ==, names[i]);
      g_assert_cmpint (gloss_format_writes_folder (format), ==, format == GLOSS_FORMAT_BRAT);
      if (format == GLOSS_FORMAT_BRAT)
        g_assert_null (gloss_format_get_extension (format));
      else
        g_assert_true (g_str_has_prefix (gloss_format_get_extension (format), "."));
    }
  g_assert_false (gloss_format_from_string ("JSONL", &format));
  g_assert_false (gloss_format_from_string ("", &format));
  g_assert_false (gloss_format_from_string (NULL, &format));
  g_assert_cmpstr (gloss_format_get_extension (GLOSS_FORMAT_CSV), ==, ".csv");
  g_assert_cmpstr (gloss_format_get_extension (GLOSS_FORMAT_JSONL), ==, ".jsonl");

  for (guint i = 0; i < G_N_ELEMENTS (all_units); i++)
    {
      g_assert_true (gloss_offset_unit_from_string (gloss_offset_unit_to_string (all_units[i]), &unit));
      g_assert_cmpint (unit, ==, all_units[i]);
    }
  g_assert_cmpstr (gloss_offset_unit_to_string (GLOSS_OFFSETS_CODE_POINTS), ==, "codepoints");
  g_assert_cmpstr (gloss_offset_unit_to_string (GLOSS_OFFSETS_UTF16), ==, "utf16");
  g_assert_cmpstr (gloss_offset_unit_to_string (GLOSS_OFFSETS_BYTES), ==, "bytes");
  g_assert_false (gloss_offset_unit_from_string ("utf8", &unit));
}

static void
test_summary_string (void)
{
  GlossExportSummary summary;
  g_autofree char *empty = NULL;
  g_autofree char *full = NULL;
  g_autofree char *one = NULL;

  gloss_export_summary_init (&summary);
  g_assert_nonnull (summary.problems);
  empty = gloss_export_summary_to_string (&summary);
  g_assert_cmpstr (empty, ==, "0 articles");

  summary.articles = 3;
  summary.records = 6;
  summary.spans = 215;
  summary.relations = 59;
  summary.lost_overlaps = 12;
  summary.lost_notes = 4;
  full = gloss_export_summary_to_string (&summary);
  g_assert_cmpstr (full, ==,
                   "3 articles, 6 records, 215 spans, 59 relations; "
                   "not representable: 12 overlapping spans, 4 notes");

  gloss_export_summary_clear (&summary);
  gloss_export_summary_init (&summary);
  summary.articles = 1;
  summary.records = 1;
  summary.spans = 1;
  summary.notes = 1;
  summary.lost_relations = 1;
  summary.cut_tokens = 1;
  summary.lost_orphans = 2;
  summary.failed = 1;
  one = gloss_export_summary_to_string (&summary);
  g_assert_cmpstr (one, ==,
                   "1 article, 1 record, 1 span, 1 note; not representable: 1 relation; "
                   "1 span cuts a token; 2 orphaned annotations left out; 1 file could not be read");

  gloss_export_summary_clear (&summary);
  g_assert_null (summary.problems);
}

static void
test_offset_convert (void)
{
  /* é is 2 bytes and 1 UTF-16 unit; 😀 4 bytes and 2 units. */
  g_autoptr(GlossDocument) document = gloss_test_doc_new ("é😀a");

  g_assert_cmpuint (gloss_offset_convert (document, 0, GLOSS_OFFSETS_BYTES), ==, 0);
  g_assert_cmpuint (gloss_offset_convert (document, 1, GLOSS_OFFSETS_BYTES), ==, 2);
  g_assert_cmpuint (gloss_offset_convert (document, 2, GLOSS_OFFSETS_BYTES), ==, 6);
  g_assert_cmpuint (gloss_offset_convert (document, 3, GLOSS_OFFSETS_BYTES), ==, 7);
  g_assert_cmpuint (gloss_offset_convert (document, 2, GLOSS_OFFSETS_UTF16), ==, 3);
  g_assert_cmpuint (gloss_offset_convert (document, 3, GLOSS_OFFSETS_UTF16), ==, 4);
  g_assert_cmpuint (gloss_offset_convert (document, 2, GLOSS_OFFSETS_CODE_POINTS), ==, 2);
}

/* The sidecars of @corpus without the attribute values and fields of the
 * article the samples have (data/samples/gloss-labels.json), for a test
 * that counts the ones it adds. */
static void
strip_attributes (const char *corpus)
{
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *annotations;

      if (!g_str_has_suffix (name, ".gloss.json"))
        continue;
      g_assert_true (json_parser_load_from_file (parser, path, &error));
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      json_object_remove_member (root, "document_labels");
      annotations = json_object_get_array_member (root, "annotations");
      for (guint i = 0; i < json_array_get_length (annotations); i++)
        json_object_remove_member (json_array_get_object_element (annotations, i), "attributes");
      json_generator_set_root (generator, json_parser_get_root (parser));
      g_assert_true (json_generator_to_file (generator, path, &error));
      g_assert_no_error (error);
    }
}

/* A format that does not write attributes or the article's fields: the
 * export says how many it could not hold, never silently. (jsonl, doccano
 * and csv write them: tests/test-export-attributes.c; w3c: tests/w3c;
 * brat's A lines, and its count of the article's fields: tests/test-brat.c.
 * CoNLL has a column for choice attributes only, none for these.) */
static void
test_attributes_said_lost (Fixture       *f,
                           gconstpointer  data)
{
  const GlossFormat formats[] = { GLOSS_FORMAT_CONLL };
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first, *attributes, *fields;

  if (f->dir == NULL)
    return;

  /* Alice's first annotation of one article gets two attribute values, and
   * the article a field: those only. */
  strip_attributes (f->corpus);
  path = g_build_filename (f->corpus, "harbour-bridge-vote.txt.alice.gloss.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  first = json_array_get_object_element (json_object_get_array_member (root, "annotations"), 0);
  attributes = json_object_new ();
  json_object_set_boolean_member (attributes, "checkworthy", TRUE);
  json_object_set_string_member (attributes, "wikidata", "Q42");
  json_object_set_object_member (first, "attributes", attributes);
  fields = json_object_new ();
  json_object_set_string_member (fields, "stance", "neutral");
  json_object_set_object_member (root, "document_labels", fields);
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GlossExportOptions options = { formats[i], GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
      g_autofree char *name = g_strdup_printf ("lost-%s", gloss_format_to_string (formats[i]));
      g_autofree char *output = NULL;
      g_autofree char *said = NULL;
      GlossExportSummary summary;

      gloss_export_summary_init (&summary);
      output = export_ok (f, &options, name, &summary);
      g_assert_cmpuint (summary.lost_attributes, ==, 2);
      g_assert_cmpuint (summary.lost_fields, ==, 1);
      said = gloss_export_summary_to_string (&summary);
      g_assert_nonnull (strstr (said, "2 attribute values"));
      g_assert_nonnull (strstr (said, "1 article field"));
      gloss_export_summary_clear (&summary);
    }
}

/* Every format × every unit on the samples: spans, offsets and counts. */
static void
test_formats_units (Fixture       *f,
                    gconstpointer  data)
{
  const GlossFormat formats[] = { GLOSS_FORMAT_JSONL, GLOSS_FORMAT_DOCCANO, GLOSS_FORMAT_CSV };
  Totals totals;

  if (f->dir == NULL)
    return;

  totals = count_sidecars (f->corpus, NULL, NULL);
  g_assert_cmpuint (totals.sidecars, ==, 6);
  g_assert_cmpuint (totals.spans, >, 0);
  g_assert_cmpuint (totals.relations, >, 0);
  g_assert_cmpuint (totals.notes, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    for (guint j = 0; j < G_N_ELEMENTS (all_units); j++)
      {
        GlossExportOptions options = { formats[i], all_units[j], NULL, NULL };
        g_autofree char *name = g_strdup_printf ("out-%s-%s", gloss_format_to_string (formats[i]),
                                                 gloss_offset_unit_to_string (all_units[j]));
        g_autofree char *output = NULL;
        g_autoptr(GPtrArray) records = NULL;
        GlossExportSummary summary;

        g_test_message ("%s", name);
        gloss_export_summary_init (&summary);
        output = export_ok (f, &options, name, &summary);
        records = read_export (formats[i], output);

        g_assert_cmpuint (records->len, ==, 6);
        check_records (f->corpus, records, all_units[j], NULL);
        g_assert_cmpuint (count_spans (records), ==, totals.spans);

        /* The summary counts what the sidecars hold ... */
        g_assert_cmpuint (summary.articles, ==, 3);
        g_assert_cmpuint (summary.records, ==, 6);
        g_assert_cmpuint (summary.spans, ==, totals.spans);
        g_assert_cmpuint (summary.relations, ==, totals.relations);
        g_assert_cmpuint (summary.notes, ==, totals.notes);
        g_assert_cmpuint (summary.failed, ==, 0);
        g_assert_cmpuint (summary.lost_orphans, ==, 0);
        g_assert_cmpuint (summary.lost_overlaps, ==, 0);
        g_assert_cmpuint (summary.cut_tokens, ==, 0);
        g_assert_cmpuint (summary.problems->len, ==, 0);

        /* ... and what each format could not hold. */
        switch (formats[i])
          {
          case GLOSS_FORMAT_JSONL:
            g_assert_cmpuint (summary.lost_relations, ==, 0);
            g_assert_cmpuint (summary.lost_notes, ==, 0);
            break;
          case GLOSS_FORMAT_DOCCANO:
            g_assert_cmpuint (summary.lost_relations, ==, totals.relations);
            g_assert_cmpuint (summary.lost_notes, ==, totals.notes);
            break;
          case GLOSS_FORMAT_CSV:
            g_assert_cmpuint (summary.lost_relations, ==, totals.relations - totals.speaker_relations);
            g_assert_cmpuint (summary.lost_notes, ==, 0);
            break;
          default:
            g_assert_not_reached ();
          }

        gloss_export_summary_clear (&summary);
      }

  /* Nothing but the outputs was left in their folder. */
  {
    g_autofree char *names = list_dir (f->out);

    g_assert_cmpstr (names, ==,
                     "out-csv-bytes out-csv-codepoints out-csv-utf16 "
                     "out-doccano-bytes out-doccano-codepoints out-doccano-utf16 "
                     "out-jsonl-bytes out-jsonl-codepoints out-jsonl-utf16");
  }
}

static guint
count_lines_with (GPtrArray  *records,
                  const char *annotator)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (((Record *) g_ptr_array_index (records, i))->annotator, annotator) == 0)
      n++;

  return n;
}

/* jsonl holds every relation, among the spans it exported. */
static void
test_jsonl_relations (Fixture       *f,
                      gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  gloss_export_summary_init (&summary);
  output = export_ok (f, &options, "all.jsonl", &summary);
  records = read_jsonl (output);

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *sidecar = load_sidecar_json (parser, f->corpus, record->article_id, record->annotator);
      JsonArray *relations = json_object_get_array_member (sidecar, "relations");

      g_assert_cmpuint (record->relations->len, ==, json_array_get_length (relations));
      for (guint j = 0; j < json_array_get_length (relations); j++)
        {
          JsonObject *r = json_array_get_object_element (relations, j);
          g_autofree char *expected =
            g_strdup_printf ("%s %s %s %s",
                             json_object_get_string_member (r, "id"),
                             json_object_get_string_member (r, "type"),
                             json_object_get_string_member (r, "from"),
                             json_object_get_string_member (r, "to"));

          g_assert_true (g_ptr_array_find_with_equal_func (record->relations, expected,
                                                           g_str_equal, NULL));
        }
    }

  /* Annotators in id order within each article. */
  g_assert_cmpstr (((Record *) g_ptr_array_index (records, 0))->annotator, ==, "alice");
  g_assert_cmpstr (((Record *) g_ptr_array_index (records, 1))->annotator, ==, "bilal");
  g_assert_cmpstr (((Record *) g_ptr_array_index (records, 0))->article_id, ==,
                   ((Record *) g_ptr_array_index (records, 1))->article_id);

  gloss_export_summary_clear (&summary);
}

static void
test_label_filter (Fixture       *f,
                   gconstpointer  data)
{
  char *labels[] = { "quote", "person", NULL };
  char *claims[] = { "claim", NULL };
  const GlossFormat formats[] = { GLOSS_FORMAT_JSONL, GLOSS_FORMAT_DOCCANO, GLOSS_FORMAT_CSV };

  if (f->dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GlossExportOptions options = { formats[i], GLOSS_OFFSETS_UTF16, NULL, labels };
      Totals totals = count_sidecars (f->corpus, NULL, labels);
      g_autofree char *name = g_strdup_printf ("filtered-%u", i);
      g_autofree char *output = NULL;
      g_autoptr(GPtrArray) records = NULL;
      GlossExportSummary summary;

      gloss_export_summary_init (&summary);
      output = export_ok (f, &options, name, &summary);
      records = read_export (formats[i], output);
      check_records (f->corpus, records, GLOSS_OFFSETS_UTF16, labels);

      g_assert_cmpuint (totals.spans, >, 0);
      g_assert_cmpuint (count_spans (records), ==, totals.spans);
      g_assert_cmpuint (summary.spans, ==, totals.spans);
      /* Speakers link quotes to persons: both kept, so the relations too. */
      g_assert_cmpuint (totals.relations, >, 0);
      g_assert_cmpuint (summary.relations, ==, totals.relations);
      for (guint j = 0; j < records->len; j++)
        {
          Record *record = g_ptr_array_index (records, j);

          for (guint k = 0; k < record->spans->len; k++)
            g_assert_true (label_in (labels, ((Span *) g_ptr_array_index (record->spans, k))->label));
        }
      gloss_export_summary_clear (&summary);
    }

  /* Claims alone: only a relation from claim to claim has both ends left,
   * the samples' one "contradicts" (Alice's, in the bridge article). */
  {
    GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, claims };
    g_autofree char *output = NULL;
    g_autoptr(GPtrArray) records = NULL;
    GlossExportSummary summary;

    gloss_export_summary_init (&summary);
    output = export_ok (f, &options, "claims.jsonl", &summary);
    records = read_jsonl (output);
    check_records (f->corpus, records, GLOSS_OFFSETS_CODE_POINTS, claims);
    g_assert_cmpuint (summary.relations, ==, 1);
    for (guint j = 0; j < records->len; j++)
      {
        GPtrArray *relations = ((Record *) g_ptr_array_index (records, j))->relations;

        for (guint k = 0; k < relations->len; k++)
          g_assert_nonnull (strstr (g_ptr_array_index (relations, k), " contradicts "));
      }
    gloss_export_summary_clear (&summary);
  }
}

static void
test_annotator_filter (Fixture       *f,
                       gconstpointer  data)
{
  char *bilal[] = { "bilal", NULL };
  char *with_typo[] = { "alice", "bilall", NULL };
  g_autofree char *output = NULL;
  g_autofree char *output2 = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) records2 = NULL;
  GlossExportSummary summary;
  Totals totals;

  if (f->dir == NULL)
    return;

  {
    GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_BYTES, bilal, NULL };

    totals = count_sidecars (f->corpus, bilal, NULL);
    gloss_export_summary_init (&summary);
    output = export_ok (f, &options, "bilal.csv", &summary);
    records = read_csv (output);
    g_assert_cmpuint (records->len, ==, 3);
    g_assert_cmpuint (count_lines_with (records, "bilal"), ==, 3);
    check_records (f->corpus, records, GLOSS_OFFSETS_BYTES, NULL);
    g_assert_cmpuint (summary.records, ==, 3);
    g_assert_cmpuint (summary.articles, ==, 3);
    g_assert_cmpuint (summary.spans, ==, totals.spans);
    g_assert_cmpuint (summary.problems->len, ==, 0);
    gloss_export_summary_clear (&summary);
  }

  /* An annotator with no sidecar anywhere is a problem, not silence. */
  {
    GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, with_typo, NULL };

    gloss_export_summary_init (&summary);
    output2 = export_ok (f, &options, "typo.jsonl", &summary);
    records2 = read_jsonl (output2);
    g_assert_cmpuint (records2->len, ==, 3);
    g_assert_cmpuint (count_lines_with (records2, "alice"), ==, 3);
    g_assert_cmpuint (summary.problems->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (summary.problems, 0), ==,
                     "no sidecar of annotator “bilall” was found");
    gloss_export_summary_clear (&summary);
  }
}

static void
write_text (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* An unreadable sidecar is reported and counted; the rest still export. */
static void
test_failed_sidecar (Fixture       *f,
                     gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GlossExportSummary summary;
  const char *problem;

  if (f->dir == NULL)
    return;

  write_text (f->corpus, "kyiv-grain-talks.txt.alice.gloss.json", "{\"format\": \"gloss\", ");
  /* A sidecar whose article is gone. */
  write_text (f->corpus, "gone.txt.alice.gloss.json", "{}");

  gloss_export_summary_init (&summary);
  output = export_ok (f, &options, "partial.jsonl", &summary);
  records = read_jsonl (output);

  g_assert_cmpuint (records->len, ==, 5);
  check_records (f->corpus, records, GLOSS_OFFSETS_CODE_POINTS, NULL);
  g_assert_cmpuint (summary.failed, ==, 2);
  g_assert_cmpuint (summary.records, ==, 5);
  g_assert_cmpuint (summary.articles, ==, 3);
  g_assert_cmpuint (summary.problems->len, ==, 2);

  /* One line each, naming the file (corpus order: gone.txt first). */
  problem = g_ptr_array_index (summary.problems, 0);
  g_assert_nonnull (strstr (problem, "gone.txt: "));
  g_assert_null (strchr (problem, '\n'));
  problem = g_ptr_array_index (summary.problems, 1);
  g_assert_nonnull (strstr (problem, "kyiv-grain-talks.txt.alice.gloss.json: "));
  g_assert_null (strchr (problem, '\n'));

  gloss_export_summary_clear (&summary);
}

/* A broken label file: its articles are not exported with guessed kinds. */
static void
test_broken_labels (Fixture       *f,
                    gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *output = NULL;
  g_autofree char *contents = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  write_text (f->corpus, "gloss-labels.json", "{\"labels\": [");
  gloss_export_summary_init (&summary);
  output = export_ok (f, &options, "none.jsonl", &summary);
  contents = read_text (output);

  g_assert_cmpstr (contents, ==, "");
  g_assert_cmpuint (summary.failed, ==, 6);
  g_assert_cmpuint (summary.records, ==, 0);
  g_assert_cmpuint (summary.problems->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "gloss-labels.json"));
  gloss_export_summary_clear (&summary);
}

static void
cancel_after_first (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_assert_cmpuint (done, <=, total);
  if (done == 1)
    g_cancellable_cancel (user_data);
}

/* A cancelled export leaves the old output as it was, and no temporary. */
static void
test_atomic_cancel (Fixture       *f,
                    gconstpointer  data)
{
  const GlossFormat formats[] = { GLOSS_FORMAT_JSONL, GLOSS_FORMAT_DOCCANO, GLOSS_FORMAT_CSV };

  if (f->dir == NULL)
    return;

  write_text (f->out, "dataset", "the old dataset\n");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GlossExportOptions options = { formats[i], GLOSS_OFFSETS_CODE_POINTS, NULL, NULL, TRUE };
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *output = g_build_filename (f->out, "dataset", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *names = NULL;
      GlossExportSummary summary;

      gloss_export_summary_init (&summary);
      g_assert_false (export_full (f->corpus, &options, output, cancel_after_first, cancellable,
                                   cancellable, &summary, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      gloss_export_summary_clear (&summary);

      contents = read_text (output);
      g_assert_cmpstr (contents, ==, "the old dataset\n");
      names = list_dir (f->out);
      g_assert_cmpstr (names, ==, "dataset");
    }

  /* Cancelled before it starts: nothing either. */
  {
    GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *output = g_build_filename (f->out, "new.jsonl", NULL);
    g_autofree char *names = NULL;
    GlossExportSummary summary;

    g_cancellable_cancel (cancellable);
    gloss_export_summary_init (&summary);
    g_assert_false (export_full (f->corpus, &options, output, NULL, NULL, cancellable,
                                 &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    gloss_export_summary_clear (&summary);
    names = list_dir (f->out);
    g_assert_cmpstr (names, ==, "dataset");
  }
}

/* brat writes a folder: a cancelled export leaves an existing one as it
 * was; a new one appears whole, and only when complete. */
static void
test_atomic_folder (Fixture       *f,
                    gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL, TRUE };
  g_autofree char *folder = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *names = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *stale = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  folder = g_build_filename (f->out, "brat", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  write_text (folder, "stale.ann", "T1\tperson 0 4\tKyiv\n");
  stale = g_build_filename (folder, "stale.ann", NULL);

  /* Cancelled, even with force: the old folder stays as it was, with no
   * temporary folder in it or beside it. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;

    gloss_export_summary_init (&summary);
    g_assert_false (export_full (f->corpus, &options, folder, cancel_after_first, cancellable,
                                 cancellable, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    gloss_export_summary_clear (&summary);

    names = list_dir (f->out);
    g_assert_cmpstr (names, ==, "brat");
    inside = list_dir (folder);
    g_assert_cmpstr (inside, ==, "stale.ann");
    g_clear_pointer (&names, g_free);
    g_clear_pointer (&inside, g_free);
  }

  /* A new folder: cancelled, nothing appears; done, it is there whole. */
  fresh = g_build_filename (f->out, "fresh", NULL);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;

    gloss_export_summary_init (&summary);
    g_assert_false (export_full (f->corpus, &options, fresh, cancel_after_first, cancellable,
                                 cancellable, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    gloss_export_summary_clear (&summary);
    names = list_dir (f->out);
    g_assert_cmpstr (names, ==, "brat");
    g_clear_pointer (&names, g_free);
  }
  {
    g_autoptr(GError) error = NULL;

    options.force = FALSE;
    gloss_export_summary_init (&summary);
    g_assert_true (export_full (f->corpus, &options, fresh, NULL, NULL, NULL, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.records, ==, 6);
    g_assert_null (summary.existing);
    gloss_export_summary_clear (&summary);

    names = list_dir (f->out);
    g_assert_cmpstr (names, ==, "brat fresh");
    inside = list_dir (fresh);
    g_assert_nonnull (strstr (inside, "kyiv-grain-talks.alice.ann"));
    g_assert_nonnull (strstr (inside, "kyiv-grain-talks.alice.txt"));
    g_assert_null (strstr (inside, "gloss-tmp"));
  }

  /* With force into the old folder: its file is still there. */
  {
    g_autoptr(GError) error = NULL;

    options.force = TRUE;
    gloss_export_summary_init (&summary);
    g_assert_true (export_full (f->corpus, &options, folder, NULL, NULL, NULL, &summary, &error));
    g_assert_no_error (error);
    g_assert_nonnull (summary.existing);
    g_assert_cmpuint (summary.existing->replaced->len, ==, 0);
    g_assert_cmpuint (summary.existing->kept->len, ==, 1);
    gloss_export_summary_clear (&summary);

    contents = read_text (stale);
    g_assert_cmpstr (contents, ==, "T1\tperson 0 4\tKyiv\n");
    g_clear_pointer (&inside, g_free);
    inside = list_dir (folder);
    g_assert_true (g_str_has_suffix (inside, " stale.ann"));
    g_assert_null (strstr (inside, "gloss-tmp"));
  }
}

/* An existing file is replaced only when asked (force), then whole, and
 * with the permissions it had. */
static void
test_atomic_replace (Fixture       *f,
                     gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GlossExportSummary summary;
  struct stat st;

  if (f->dir == NULL)
    return;

  write_text (f->out, "dataset.jsonl", "the old dataset\n");
  output = g_build_filename (f->out, "dataset.jsonl", NULL);
  g_assert_cmpint (g_chmod (output, 0640), ==, 0);

  /* Not asked: refused, saying so, and the file as it was. */
  gloss_export_summary_init (&summary);
  g_assert_false (export_full (f->corpus, &options, output, NULL, NULL, NULL, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_str_has_suffix (error->message, "dataset.jsonl already exists; the export would replace it"));
  g_assert_nonnull (summary.existing);
  g_assert_false (summary.existing->folder);
  g_assert_cmpuint (summary.existing->replaced->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary.existing->replaced, 0), ==, "dataset.jsonl");
  gloss_export_summary_clear (&summary);
  contents = read_text (output);
  g_assert_cmpstr (contents, ==, "the old dataset\n");

  /* With force. */
  options.force = TRUE;
  gloss_export_summary_init (&summary);
  g_free (output);
  output = export_ok (f, &options, "dataset.jsonl", &summary);
  records = read_jsonl (output);
  g_assert_cmpuint (records->len, ==, 6);
  names = list_dir (f->out);
  g_assert_cmpstr (names, ==, "dataset.jsonl");
  g_assert_nonnull (summary.existing);
  g_assert_cmpuint (summary.existing->replaced->len, ==, 1);
  {
    g_autofree char *line = gloss_export_summary_to_string (&summary);

    g_assert_true (g_str_has_suffix (line, "; 1 existing file replaced"));
  }
  gloss_export_summary_clear (&summary);

  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  g_assert_cmpuint (done, ==, *calls);
  g_assert_cmpuint (total, ==, 3);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_DOCCANO, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GlossExportSummary summary;
  guint calls = 0;

  if (f->dir == NULL)
    return;

  output = g_build_filename (f->out, "progress.jsonl", NULL);
  gloss_export_summary_init (&summary);
  g_assert_true (export_full (f->corpus, &options, output, count_progress, &calls, NULL,
                              &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 3);
  gloss_export_summary_clear (&summary);
}

/* What is refused before anything is written. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  write_text (f->out, "keep", "keep me\n");
  gloss_export_summary_init (&summary);

  /* CoNLL counts code points only; brat code points or UTF-16, never bytes. */
  for (guint i = 0; i < 3; i++)
    {
      GlossExportOptions options = { i < 2 ? GLOSS_FORMAT_CONLL : GLOSS_FORMAT_BRAT,
                                     i == 0 ? GLOSS_OFFSETS_UTF16 : GLOSS_OFFSETS_BYTES,
                                     NULL, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *output = g_build_filename (f->out, "keep", NULL);

      g_assert_false (export_full (f->corpus, &options, output, NULL, NULL, NULL, &summary, &error));
      g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==,
                       i < 2 ? "CoNLL counts code points only: --offsets applies to jsonl, doccano, w3c and csv, and utf16 to brat"
                             : "brat counts code points, or UTF-16 code units with --offsets utf16 (for INCEpTION and brat 1.3’s viewer); not bytes");
    }

  /* A folder where a file is to go, and the other way round. */
  {
    GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GError) error = NULL;

    g_assert_false (export_full (f->corpus, &options, f->out, NULL, NULL, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  }
  {
    GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *output = g_build_filename (f->out, "keep", NULL);

    g_assert_false (export_full (f->corpus, &options, output, NULL, NULL, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  }

  /* A brat folder over a folder of other work: refused, not deleted. The
   * export ran (to name exactly what it would replace), wrote nothing. */
  {
    GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GError) error = NULL;
    GlossExportSummary refused;

    gloss_export_summary_init (&refused);
    g_assert_false (export_full (f->corpus, &options, f->out, NULL, NULL, NULL, &refused, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_nonnull (refused.existing);
    g_assert_cmpuint (refused.existing->replaced->len, ==, 0);
    g_assert_cmpuint (refused.existing->kept->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (refused.existing->kept, 0), ==, "keep");
    gloss_export_summary_clear (&refused);
  }

  /* Into the corpus itself: over an article, or a folder holding them. */
  {
    GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *output = g_build_filename (f->corpus, "kyiv-grain-talks.txt", NULL);

    g_assert_false (export_full (f->corpus, &options, output, NULL, NULL, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  }
  {
    GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GError) error = NULL;

    g_assert_false (export_full (f->corpus, &options, f->dir, NULL, NULL, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  }

  /* A folder that does not exist. */
  {
    GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *output = g_build_filename (f->out, "no", "such", "out.jsonl", NULL);

    g_assert_false (export_full (f->corpus, &options, output, NULL, NULL, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  g_assert_cmpuint (summary.records, ==, 0);
  gloss_export_summary_clear (&summary);

  {
    g_autofree char *names = list_dir (f->out);
    g_autofree char *contents = NULL;
    g_autofree char *kept = g_build_filename (f->out, "keep", NULL);

    g_assert_cmpstr (names, ==, "keep");
    contents = read_text (kept);
    g_assert_cmpstr (contents, ==, "keep me\n");
  }
}

/* Outputs that exist: nothing the export did not write is removed or
 * replaced unasked (a brat export once emptied a folder of the user's own
 * articles because it held only .txt, .ann and .conf files)
 * ------------------------------------------------------------------------ */

static const struct
{
  const char *name;
  const char *contents;
} users_files[] = {
  /* Two of the names a brat export of the samples writes … */
  { "kyiv-grain-talks.alice.txt", "My own article about grain, not annotated yet.\n" },
  { "annotation.conf", "# my brat set-up\n[entities]\nThing\n" },
  /* … and the person's other work. */
  { "my-article.txt", "Another article of mine.\n" },
  { "my-article.ann", "T1\tThing 0 7\tAnother\n" },
  { "tools.conf", "[tools]\n" },
  { "README.md", "notes\n" },
  { "drafts/draft.txt", "a draft\n" },
};

static void
make_users_folder (const char *folder)
{
  g_autofree char *drafts = g_build_filename (folder, "drafts", NULL);
  g_autofree char *link = g_build_filename (folder, "latest.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (drafts, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (users_files); i++)
    write_text (folder, users_files[i].name, users_files[i].contents);
  g_assert_cmpint (symlink ("my-article.txt", link), ==, 0);
}

static void
snapshot_add (GHashTable *snapshot,
              const char *root,
              const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = NULL;
  char *target;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      target = g_file_read_link (path, NULL);
      g_assert_nonnull (target);
      g_hash_table_insert (snapshot, g_strdup (relative), g_strconcat ("-> ", target, NULL));
      g_free (target);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_hash_table_insert (snapshot, g_strdup (relative), read_text (path));
      return;
    }

  for (const char *name; (name = g_dir_read_name (dir)) != NULL; )
    {
      g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, name, NULL)
                                                   : g_strdup (name);
      snapshot_add (snapshot, root, child);
    }
}

/* Every file below @dir: its path relative to @dir → its bytes ("-> X"
 * for a symbolic link). Folders count through their files. */
static GHashTable *
snapshot_tree (const char *dir)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  snapshot_add (snapshot, dir, "");
  return snapshot;
}

/* Asserts that every file of @before, except those named in @changed, is
 * still in @dir byte for byte. */
static void
assert_kept (GHashTable         *before,
             const char         *dir,
             const char * const *changed)
{
  g_autoptr(GHashTable) after = snapshot_tree (dir);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (changed != NULL && g_strv_contains (changed, key))
        continue;
      g_assert_true (g_hash_table_contains (after, key));
      g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);
    }
}

/* Asserts @dir holds exactly what @before held. */
static void
assert_unchanged (GHashTable *before,
                  const char *dir)
{
  g_autoptr(GHashTable) after = snapshot_tree (dir);

  assert_kept (before, dir, NULL);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
}

typedef struct
{
  gboolean             answer;
  guint                calls;
  guint                progress;           /* articles done so far */
  guint                progress_at_call;
  GlossExportExisting *seen;
} Asked;

static gboolean
confirm_cb (const GlossExportExisting *existing,
            GCancellable              *cancellable,
            gpointer                   user_data)
{
  Asked *asked = user_data;

  asked->calls++;
  asked->progress_at_call = asked->progress;
  gloss_export_existing_free (asked->seen);
  asked->seen = gloss_export_existing_copy (existing);

  return asked->answer;
}

static void
count_done (guint    done,
            guint    total,
            gpointer user_data)
{
  ((Asked *) user_data)->progress = done;
}

static gboolean
export_asking (Fixture                  *f,
               const GlossExportOptions *options,
               const char               *output,
               Asked                    *asked,
               GlossExportSummary       *summary,
               GError                  **error)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = g_file_new_for_path (f->corpus);
  g_autoptr(GFile) out = g_file_new_for_path (output);

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, NULL));
  if (asked != NULL)
    asked->progress = 0;

  return gloss_export_corpus_full (corpus, root, options, out,
                                   asked != NULL ? count_done : NULL, asked,
                                   asked != NULL ? confirm_cb : NULL, asked,
                                   summary, NULL, error);
}

static const char * const replaced_names[] = {
  "annotation.conf", "kyiv-grain-talks.alice.txt", NULL
};

/* The issue's case: brat into a folder of the person's own .txt, .ann and
 * .conf files and others. */
static void
test_existing_folder (Fixture       *f,
                      gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *folder = NULL;
  g_autoptr(GHashTable) before = NULL;
  GlossExportSummary summary;
  Asked asked = { 0 };

  if (f->dir == NULL)
    return;

  folder = g_build_filename (f->out, "mine", NULL);
  make_users_folder (folder);
  before = snapshot_tree (folder);

  /* Not asked (no --force, nobody to confirm): refused, naming exactly
   * what would be replaced and what kept; nothing changed. */
  {
    g_autoptr(GError) error = NULL;

    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, folder, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, "mine is not empty: the export would replace 2 files "
                                              "there (annotation.conf, kyiv-grain-talks.alice.txt), "
                                              "and leave 6 other items as they are (README.md, drafts/, "
                                              "latest.txt, my-article.ann, my-article.txt, tools.conf)"));
    g_assert_nonnull (summary.existing);
    g_assert_true (summary.existing->folder);
    g_assert_cmpuint (summary.existing->replaced->len, ==, 2);
    g_assert_cmpuint (summary.existing->kept->len, ==, 6);
    gloss_export_summary_clear (&summary);
    assert_unchanged (before, folder);
  }

  /* Asked, after the work, about the exact names; declined: cancelled,
   * nothing changed. */
  {
    g_autoptr(GError) error = NULL;

    asked.answer = FALSE;
    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, folder, &asked, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (asked.calls, ==, 1);
    g_assert_cmpuint (asked.progress_at_call, ==, 3);
    g_assert_true (asked.seen->folder);
    g_assert_cmpuint (asked.seen->replaced->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (asked.seen->replaced, 0), ==, "annotation.conf");
    g_assert_cmpstr (g_ptr_array_index (asked.seen->replaced, 1), ==, "kyiv-grain-talks.alice.txt");
    g_assert_cmpuint (asked.seen->kept->len, ==, 6);
    gloss_export_summary_clear (&summary);
    assert_unchanged (before, folder);
  }

  /* Agreed: those two are the export's now, everything else as it was,
   * and the export's files beside them. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) after = NULL;
    g_autofree char *conf = g_build_filename (folder, "annotation.conf", NULL);
    g_autofree char *conf_text = NULL;
    g_autofree char *line = NULL;
    g_autofree char *names = NULL;

    asked.answer = TRUE;
    asked.calls = 0;
    gloss_export_summary_init (&summary);
    g_assert_true (export_asking (f, &options, folder, &asked, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (asked.calls, ==, 1);
    g_assert_cmpuint (summary.records, ==, 6);
    g_assert_nonnull (summary.existing);
    g_assert_cmpuint (summary.existing->replaced->len, ==, 2);
    line = gloss_export_summary_to_string (&summary);
    g_assert_true (g_str_has_suffix (line, "; 2 existing files replaced"));
    gloss_export_summary_clear (&summary);

    assert_kept (before, folder, replaced_names);
    conf_text = read_text (conf);
    g_assert_true (g_str_has_prefix (conf_text, "# Written by Gloss"));
    after = snapshot_tree (folder);
    /* 8 of the person's files and 13 of the export's, 2 names shared. */
    g_assert_cmpuint (g_hash_table_size (after), ==, 8 + 13 - 2);
    names = list_dir (folder);
    g_assert_null (strstr (names, "gloss-tmp"));
  }

  /* Again with force: no question; the export's own files are replaced,
   * the person's others are still there. */
  {
    g_autoptr(GError) error = NULL;

    options.force = TRUE;
    asked.calls = 0;
    gloss_export_summary_init (&summary);
    g_assert_true (export_asking (f, &options, folder, &asked, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (asked.calls, ==, 0);
    g_assert_cmpuint (summary.existing->replaced->len, ==, 13);
    g_assert_cmpuint (summary.existing->kept->len, ==, 6);
    gloss_export_summary_clear (&summary);
    assert_kept (before, folder, replaced_names);
  }

  gloss_export_existing_free (asked.seen);
}

/* With --force, an output name that is a link to a folder elsewhere: the
 * link is replaced, and the folder it points to is not touched (it used
 * to be emptied when the old version of the name was cleaned up). */
static void
test_existing_link_to_folder (Fixture       *f,
                              gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *folder = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *precious = NULL;
  g_autofree char *link = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  folder = g_build_filename (f->out, "mine", NULL);
  victim = g_build_filename (f->out, "victim", NULL);
  precious = g_build_filename (victim, "precious.txt", NULL);
  link = g_build_filename (folder, "annotation.conf", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (victim, 0755), ==, 0);
  g_assert_true (g_file_set_contents (precious, "keep me\n", -1, NULL));
  g_assert_cmpint (symlink (victim, link), ==, 0);

  options.force = TRUE;
  gloss_export_summary_init (&summary);
  g_assert_true (export_asking (f, &options, folder, NULL, &summary, &error));
  g_assert_no_error (error);
  gloss_export_summary_clear (&summary);

  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  names = list_dir (folder);
  g_assert_null (strstr (names, "gloss-tmp"));
}

/* A single file: asked before the work; refused if read-only or special. */
static void
test_existing_file (Fixture       *f,
                    gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *output = NULL;
  g_autofree char *contents = NULL;
  GlossExportSummary summary;
  Asked asked = { 0 };

  if (f->dir == NULL)
    return;

  write_text (f->out, "data.csv", "my spreadsheet\n");
  output = g_build_filename (f->out, "data.csv", NULL);

  /* Declined: nothing was even written. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *names = NULL;

    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, output, &asked, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (asked.calls, ==, 1);
    g_assert_cmpuint (asked.progress_at_call, ==, 0);
    g_assert_cmpuint (summary.records, ==, 0);
    g_assert_false (asked.seen->folder);
    g_assert_cmpuint (asked.seen->replaced->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (asked.seen->replaced, 0), ==, "data.csv");
    gloss_export_summary_clear (&summary);
    contents = read_text (output);
    g_assert_cmpstr (contents, ==, "my spreadsheet\n");
    g_clear_pointer (&contents, g_free);
    names = list_dir (f->out);
    g_assert_cmpstr (names, ==, "data.csv");
  }

  /* Agreed: asked once only, replaced. */
  {
    g_autoptr(GError) error = NULL;

    asked.answer = TRUE;
    asked.calls = 0;
    gloss_export_summary_init (&summary);
    g_assert_true (export_asking (f, &options, output, &asked, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (asked.calls, ==, 1);
    gloss_export_summary_clear (&summary);
    contents = read_text (output);
    g_assert_true (g_str_has_prefix (contents, "article,annotator,"));
    g_clear_pointer (&contents, g_free);
  }

  /* Made read-only on purpose: refused, even with force. */
  options.force = TRUE;
  write_text (f->out, "frozen.csv", "keep me\n");
  {
    g_autofree char *frozen = g_build_filename (f->out, "frozen.csv", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_chmod (frozen, 0444), ==, 0);
    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, frozen, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
    g_assert_nonnull (strstr (error->message, "frozen.csv is read-only"));
    gloss_export_summary_clear (&summary);
    contents = read_text (frozen);
    g_assert_cmpstr (contents, ==, "keep me\n");
    g_clear_pointer (&contents, g_free);
  }

  /* A FIFO is no file to replace. */
  {
    g_autofree char *fifo = g_build_filename (f->out, "pipe.csv", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, fifo, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    gloss_export_summary_clear (&summary);
    g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS));
  }

  /* A symbolic link is itself replaced; what it points to is not. */
  {
    g_autofree char *link = g_build_filename (f->out, "link.csv", NULL);
    g_autofree char *target = g_build_filename (f->out, "target.csv", NULL);
    g_autoptr(GError) error = NULL;

    write_text (f->out, "target.csv", "elsewhere\n");
    g_assert_cmpint (symlink ("target.csv", link), ==, 0);
    gloss_export_summary_init (&summary);
    g_assert_true (export_asking (f, &options, link, NULL, &summary, &error));
    g_assert_no_error (error);
    gloss_export_summary_clear (&summary);
    g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    contents = read_text (target);
    g_assert_cmpstr (contents, ==, "elsewhere\n");
  }

  gloss_export_existing_free (asked.seen);
}

/* What is never replaced, force or not: a read-only file, or a folder, of
 * a name the export writes. Nothing at all is moved in then. */
static void
test_existing_protected (Fixture       *f,
                         gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL, TRUE };
  g_autofree char *folder = g_build_filename (f->out != NULL ? f->out : "", "mine", NULL);
  g_autoptr(GHashTable) before = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  make_users_folder (folder);
  {
    g_autofree char *conf = g_build_filename (folder, "annotation.conf", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_chmod (conf, 0444), ==, 0);
    before = snapshot_tree (folder);
    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, folder, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
    g_assert_nonnull (strstr (error->message, "annotation.conf is read-only"));
    gloss_export_summary_clear (&summary);
    assert_unchanged (before, folder);
    g_assert_cmpint (g_chmod (conf, 0644), ==, 0);
    g_assert_cmpint (g_unlink (conf), ==, 0);
  }

  {
    g_autofree char *conf = g_build_filename (folder, "annotation.conf", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_mkdir (conf, 0700), ==, 0);
    write_text (conf, "inside", "mine\n");
    g_clear_pointer (&before, g_hash_table_unref);
    before = snapshot_tree (folder);
    gloss_export_summary_init (&summary);
    g_assert_false (export_asking (f, &options, folder, NULL, &summary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    gloss_export_summary_clear (&summary);
    assert_unchanged (before, folder);
  }
}

/* Temporary files and folders of exports that died are cleaned up; a
 * running export's are not. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  GlossExportOptions brat = { GLOSS_FORMAT_BRAT, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL, TRUE };
  GlossExportOptions jsonl = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *folder = NULL;
  g_autofree char *dead = NULL;
  g_autofree char *dead_beside = NULL;
  g_autofree char *live = NULL;
  g_autofree char *live_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *names = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  /* A pid that no process has. */
  folder = g_build_filename (f->out, "brat", NULL);
  dead = g_build_filename (folder, ".brat.gloss-tmp-2147483647-0badf00d", "new", NULL);
  dead_beside = g_build_filename (f->out, ".brat.gloss-tmp-2147483647-0badf00e", NULL);
  live_name = g_strdup_printf (".brat.gloss-tmp-%d-00000000", (int) getpid ());
  live = g_build_filename (folder, live_name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dead, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (dead_beside, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (live, 0700), ==, 0);
  write_text (dead, "half.txt", "half an export\n");
  write_text (f->out, ".data.jsonl.gloss-tmp-2147483647-00000001", "half\n");

  gloss_export_summary_init (&summary);
  g_assert_true (export_full (f->corpus, &brat, folder, NULL, NULL, NULL, &summary, NULL));
  gloss_export_summary_clear (&summary);
  g_free (dead);
  dead = g_build_filename (folder, ".brat.gloss-tmp-2147483647-0badf00d", NULL);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  /* Beside the folder is not where an export into it looks. */
  g_assert_true (g_file_test (dead_beside, G_FILE_TEST_IS_DIR));

  output = g_build_filename (f->out, "data.jsonl", NULL);
  gloss_export_summary_init (&summary);
  g_assert_true (export_full (f->corpus, &jsonl, output, NULL, NULL, NULL, &summary, NULL));
  gloss_export_summary_clear (&summary);
  names = list_dir (f->out);
  g_assert_cmpstr (names, ==, ".brat.gloss-tmp-2147483647-0badf00e brat data.jsonl");
}

/* Article ids: paths relative to the root, '/' separated. */
static void
test_article_ids (Fixture       *f,
                  gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *sub = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *moved[] = { "river-flood-report.txt", "river-flood-report.txt.alice.gloss.json",
                          "river-flood-report.txt.bilal.gloss.json" };
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  sub = g_build_filename (f->corpus, "sub", "deeper", NULL);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      g_autofree char *from = g_build_filename (f->corpus, moved[i], NULL);
      g_autofree char *to = g_build_filename (sub, moved[i], NULL);

      g_assert_cmpint (g_rename (from, to), ==, 0);
    }

  gloss_export_summary_init (&summary);
  output = export_ok (f, &options, "ids.jsonl", &summary);
  records = read_jsonl (output);
  g_assert_cmpuint (records->len, ==, 6);
  g_assert_cmpstr (((Record *) g_ptr_array_index (records, 4))->article_id, ==,
                   "sub/deeper/river-flood-report.txt");
  check_records (f->corpus, records, GLOSS_OFFSETS_CODE_POINTS, NULL);
  gloss_export_summary_clear (&summary);
}

/* The Unicode offset table
 * ------------------------------------------------------------------------ */

/* After a BOM: curly quotes, an em dash, e + U+0301, a ZWJ family, a flag,
 * CRLF, Arabic and a CJK character outside the BMP. */
static const char unicode_article[] =
  "\xef\xbb\xbf"
  "“Ceasefire” — said Zoe\xcc\x81.\r\n"
  "👨‍👩‍👧 met 🇺🇦 in سلام and 𠀋.\n";

typedef struct
{
  const char *label;
  guint       start, end;           /* code points */
  guint       utf16_start, utf16_end;
  guint       byte_start, byte_end;
  const char *text;
} Expected;

/* Counted by hand (see docs/export.md): “ ” — are 3 bytes, 1 unit; the
 * combining acute 2 bytes, 1 unit; the family is 5 code points, 8 units,
 * 18 bytes; the flag 2 code points, 4 units, 8 bytes; each Arabic letter 2
 * bytes, 1 unit; 𠀋 1 code point, 2 units, 4 bytes. The BOM counts in none. */
static const Expected unicode_table[] = {
  { "quote",    0, 11,   0, 11,   0, 15, "“Ceasefire”" },
  { "person",  19, 23,  19, 23,  25, 30, "Zoe\xcc\x81" },
  { "claim",   19, 31,  19, 34,  25, 51, "Zoe\xcc\x81.\r\n👨‍👩‍👧" },
  { "misc",    26, 31,  26, 34,  33, 51, "👨‍👩‍👧" },
  { "location", 36, 38, 39, 43,  56, 64, "🇺🇦" },
  { "location", 42, 46, 47, 51,  68, 76, "سلام" },
  { "misc",    51, 52,  56, 58,  81, 85, "𠀋" },
};

static const char unicode_note[] = "check, \"twice\"\r\nwith the desk";

static void
write_unicode_corpus (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "unicode.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new ();
  GlossAnnotationSet *set;

  g_file_set_contents (path, unicode_article, -1, &error);
  g_assert_no_error (error);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_document_has_bom (document));
  g_assert_cmpuint (gloss_document_get_length (document), ==, 54);

  sidecar = gloss_sidecar_new_for_document (document, "alice");
  set = gloss_sidecar_get_annotations (sidecar);
  for (guint i = 0; i < G_N_ELEMENTS (unicode_table); i++)
    {
      GlossAnnotation *annotation =
        gloss_annotation_set_create (set, unicode_table[i].label, unicode_table[i].start,
                                     unicode_table[i].end, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, unicode_table[i].text);
      g_ptr_array_add (created, annotation);
    }

  /* The quote's speaker is Zoé; the quote has a note that CSV must quote. */
  gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (g_ptr_array_index (created, 0)),
                                     gloss_annotation_get_id (g_ptr_array_index (created, 1)),
                                     &error);
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_change_note (set, g_ptr_array_index (created, 0), unicode_note, &error));
  g_assert_no_error (error);

  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static void
expected_offsets (const Expected  *expected,
                  GlossOffsetUnit  unit,
                  gint64          *start,
                  gint64          *end)
{
  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      *start = expected->utf16_start;
      *end = expected->utf16_end;
      break;
    case GLOSS_OFFSETS_BYTES:
      *start = expected->byte_start;
      *end = expected->byte_end;
      break;
    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      *start = expected->start;
      *end = expected->end;
      break;
    }
}

static void
test_unicode_offsets (Fixture       *f,
                      gconstpointer  data)
{
  const GlossFormat formats[] = { GLOSS_FORMAT_JSONL, GLOSS_FORMAT_DOCCANO, GLOSS_FORMAT_CSV };
  g_autofree char *corpus = NULL;
  g_autofree char *bom_free = NULL;

  if (f->dir == NULL)
    return;

  corpus = g_build_filename (f->dir, "unicode", NULL);
  g_assert_cmpint (g_mkdir (corpus, 0700), ==, 0);
  write_unicode_corpus (corpus);
  bom_free = g_strdup (unicode_article + 3);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    for (guint j = 0; j < G_N_ELEMENTS (all_units); j++)
      {
        GlossExportOptions options = { formats[i], all_units[j], NULL, NULL };
        g_autofree char *output = g_strdup_printf ("%s/unicode-%u-%u", f->out, i, j);
        g_autoptr(GPtrArray) records = NULL;
        g_autoptr(GError) error = NULL;
        GlossExportSummary summary;
        Record *record;

        gloss_export_summary_init (&summary);
        g_assert_true (export_full (corpus, &options, output, NULL, NULL, NULL, &summary, &error));
        g_assert_no_error (error);
        records = read_export (formats[i], output);
        g_assert_cmpuint (records->len, ==, 1);
        check_records (corpus, records, all_units[j], NULL);

        record = g_ptr_array_index (records, 0);
        /* The text as in the file, CRLF kept, without the BOM. */
        if (record->text != NULL)
          g_assert_cmpstr (record->text, ==, bom_free);

        g_assert_cmpuint (record->spans->len, ==, G_N_ELEMENTS (unicode_table));
        for (guint k = 0; k < G_N_ELEMENTS (unicode_table); k++)
          {
            Span *span = g_ptr_array_index (record->spans, k);
            gint64 start, end;

            expected_offsets (&unicode_table[k], all_units[j], &start, &end);
            g_assert_cmpstr (span->label, ==, unicode_table[k].label);
            g_assert_cmpint (span->start, ==, start);
            g_assert_cmpint (span->end, ==, end);
            if (span->text != NULL)
              g_assert_cmpstr (span->text, ==, unicode_table[k].text);
          }

        if (formats[i] != GLOSS_FORMAT_DOCCANO)
          {
            Span *quote = g_ptr_array_index (record->spans, 0);
            Span *person = g_ptr_array_index (record->spans, 1);

            g_assert_cmpstr (quote->note, ==, unicode_note);
            if (formats[i] == GLOSS_FORMAT_CSV)
              g_assert_cmpstr (quote->speaker, ==, person->id);
            else
              g_assert_cmpuint (record->relations->len, ==, 1);
          }

        g_assert_cmpuint (summary.spans, ==, G_N_ELEMENTS (unicode_table));
        g_assert_cmpuint (summary.relations, ==, 1);
        g_assert_cmpuint (summary.notes, ==, 1);
        gloss_export_summary_clear (&summary);
      }
}

/* Each format starts from the unit its readers count, and takes only the
 * units they can. */
static void
test_default_offsets (void)
{
  const GlossFormat formats[] = {
    GLOSS_FORMAT_JSONL, GLOSS_FORMAT_DOCCANO, GLOSS_FORMAT_CONLL,
    GLOSS_FORMAT_BRAT, GLOSS_FORMAT_W3C, GLOSS_FORMAT_CSV,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GlossOffsetUnit unit = gloss_format_get_default_offsets (formats[i]);

      /* doccano's annotation view slices JavaScript strings. */
      g_assert_cmpint (unit, ==, formats[i] == GLOSS_FORMAT_DOCCANO ? GLOSS_OFFSETS_UTF16
                                                                    : GLOSS_OFFSETS_CODE_POINTS);
      g_assert_true (gloss_format_check_offsets (formats[i], unit, NULL));

      for (guint j = 0; j < G_N_ELEMENTS (all_units); j++)
        {
          g_autoptr(GError) error = NULL;
          gboolean expected = TRUE;

          if (formats[i] == GLOSS_FORMAT_CONLL)
            expected = all_units[j] == GLOSS_OFFSETS_CODE_POINTS;
          else if (formats[i] == GLOSS_FORMAT_BRAT)
            expected = all_units[j] != GLOSS_OFFSETS_BYTES;

          g_assert_cmpint (gloss_format_check_offsets (formats[i], all_units[j], &error), ==, expected);
          if (expected)
            g_assert_no_error (error);
          else
            g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
        }
    }

  g_assert_false (gloss_format_check_offsets (GLOSS_FORMAT_JSONL, (GlossOffsetUnit) 7, NULL));
}

/* The spans of @record's relations, as "type from to" with 1-based
 * positions among the record's spans, from the sidecar (the expected) and
 * from the doccano record (what was written). */
static void
check_doccano_relations (const char *corpus_dir,
                         Record     *record)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  JsonObject *sidecar = load_sidecar_json (parser, corpus_dir, record->article_id, record->annotator);
  JsonArray *annotations = json_object_get_array_member (sidecar, "annotations");
  JsonArray *relations = json_object_get_array_member (sidecar, "relations");
  guint position = 0;

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);

      if (!is_orphan (a))
        g_hash_table_insert (positions, (gpointer) json_object_get_string_member (a, "id"),
                             GUINT_TO_POINTER (++position));
    }
  g_assert_cmpuint (position, ==, record->spans->len);

  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *r = json_array_get_object_element (relations, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (positions, json_object_get_string_member (r, "from")));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (positions, json_object_get_string_member (r, "to")));

      if (from > 0 && to > 0)
        g_ptr_array_add (expected, g_strdup_printf ("%s %u %u", json_object_get_string_member (r, "type"),
                                                    from, to));
    }

  for (guint i = 0; i < record->relations->len; i++)
    {
      const char *line = g_ptr_array_index (record->relations, i);
      g_autofree char *expected_id = g_strdup_printf ("%u ", i + 1);

      /* Numbered 1, 2, … in the record. */
      g_assert_true (g_str_has_prefix (line, expected_id));
      g_ptr_array_add (written, g_strdup (strchr (line, ' ') + 1));
    }

  g_ptr_array_sort (expected, compare_names);
  g_ptr_array_sort (written, compare_names);
  g_assert_cmpuint (written->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (written, i), ==, g_ptr_array_index (expected, i));
}

/* doccano's relation shape (a project with relation labeling): entities with
 * ids and the relations between them, in every unit, on the samples and on
 * the text made of what breaks offsets; nothing but notes is lost. */
static void
test_doccano_relations (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *unicode = NULL;
  Totals totals;

  if (f->dir == NULL)
    return;

  unicode = g_build_filename (f->dir, "unicode", NULL);
  g_assert_cmpint (g_mkdir (unicode, 0700), ==, 0);
  write_unicode_corpus (unicode);
  totals = count_sidecars (f->corpus, NULL, NULL);
  g_assert_cmpuint (totals.relations, >, 0);

  for (guint j = 0; j < G_N_ELEMENTS (all_units); j++)
    {
      GlossExportOptions options = { GLOSS_FORMAT_DOCCANO, all_units[j], NULL, NULL, FALSE, TRUE };
      g_autofree char *name = g_strdup_printf ("relations-%s", gloss_offset_unit_to_string (all_units[j]));
      g_autofree char *output = NULL;
      g_autofree char *unicode_output = g_strdup_printf ("%s/unicode-%s", f->out, name);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      GlossExportSummary summary;
      Record *record;

      gloss_export_summary_init (&summary);
      output = export_ok (f, &options, name, &summary);
      records = read_export (GLOSS_FORMAT_DOCCANO, output);
      g_assert_cmpuint (records->len, ==, 6);
      check_records (f->corpus, records, all_units[j], NULL);
      for (guint i = 0; i < records->len; i++)
        check_doccano_relations (f->corpus, g_ptr_array_index (records, i));
      g_assert_cmpuint (summary.relations, ==, totals.relations);
      g_assert_cmpuint (summary.lost_relations, ==, 0);
      g_assert_cmpuint (summary.lost_notes, ==, totals.notes);
      gloss_export_summary_clear (&summary);
      g_clear_pointer (&records, g_ptr_array_unref);

      gloss_export_summary_init (&summary);
      g_assert_true (export_full (unicode, &options, unicode_output, NULL, NULL, NULL, &summary, &error));
      g_assert_no_error (error);
      records = read_export (GLOSS_FORMAT_DOCCANO, unicode_output);
      g_assert_cmpuint (records->len, ==, 1);
      check_records (unicode, records, all_units[j], NULL);
      record = g_ptr_array_index (records, 0);
      for (guint k = 0; k < G_N_ELEMENTS (unicode_table); k++)
        {
          Span *span = g_ptr_array_index (record->spans, k);
          gint64 start, end;

          expected_offsets (&unicode_table[k], all_units[j], &start, &end);
          g_assert_cmpint (span->start, ==, start);
          g_assert_cmpint (span->end, ==, end);
        }
      /* The quote (entity 1) is Zoé's (entity 2). */
      g_assert_cmpuint (record->relations->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (record->relations, 0), ==, "1 speaker 1 2");
      g_assert_cmpuint (summary.lost_relations, ==, 0);
      g_assert_cmpuint (summary.lost_notes, ==, 1);
      gloss_export_summary_clear (&summary);
    }
}

/* JSON Lines stay one line even for the separators JSON allows raw. */
static void
test_json_line (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autofree char *line = NULL;

  json_object_set_string_member (object, "text", "a\nb\rc\u2028d\u2029e\xc2\x85" "f “g”");
  json_object_set_int_member (object, "n", 3);
  json_node_take_object (node, object);

  line = gloss_export_json_line (node);
  g_assert_cmpstr (line, ==, "{\"text\":\"a\\nb\\rc\\u2028d\\u2029e\\u0085f “g”\",\"n\":3}");
}

/* A broken label file above two folders: said once, and every sidecar
 * below it counted as not exported. */
static void
test_shared_broken_labels (Fixture       *f,
                           gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  const char *names[] = { "kyiv-grain-talks.txt", "river-flood-report.txt" };
  const char *folders[] = { "a", "b" };
  g_autofree char *output = NULL;
  GlossExportSummary summary;
  guint label_problems = 0;

  if (f->dir == NULL)
    return;

  write_text (f->corpus, "gloss-labels.json", "{\"labels\": [");
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (f->corpus, folders[i], NULL);
      const char *suffixes[] = { "", ".alice.gloss.json", ".bilal.gloss.json" };

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *name = g_strconcat (names[i], suffixes[j], NULL);
          g_autofree char *from = g_build_filename (f->corpus, name, NULL);
          g_autofree char *to = g_build_filename (folder, name, NULL);

          g_assert_cmpint (g_rename (from, to), ==, 0);
        }
    }

  gloss_export_summary_init (&summary);
  output = export_ok (f, &options, "none.jsonl", &summary);
  g_assert_cmpuint (summary.failed, ==, 6);
  g_assert_cmpuint (summary.records, ==, 0);
  for (guint i = 0; i < summary.problems->len; i++)
    if (strstr (g_ptr_array_index (summary.problems, i), "gloss-labels.json") != NULL)
      label_problems++;
  g_assert_cmpuint (label_problems, ==, 1);
  gloss_export_summary_clear (&summary);
}

static void
test_options_wants_label (void)
{
  char *labels[] = { (char *) "person", NULL };
  GlossExportOptions all = { GLOSS_FORMAT_JSONL };
  GlossExportOptions some = { GLOSS_FORMAT_JSONL, .labels = labels };

  g_assert_true (gloss_export_options_wants_label (NULL, "place"));
  g_assert_true (gloss_export_options_wants_label (&all, "place"));
  g_assert_true (gloss_export_options_wants_label (&some, "person"));
  g_assert_false (gloss_export_options_wants_label (&some, "place"));
}

/* The writer base: one subclass per format, the options and where to
 * write as given; a format that writes a folder refuses to begin without
 * one. */
static void
test_writer_base (void)
{
  const struct
  {
    GlossFormat format;
    GType     (*get_type) (void);
  } writers[] = {
    { GLOSS_FORMAT_JSONL, gloss_jsonl_writer_get_type },
    { GLOSS_FORMAT_DOCCANO, gloss_doccano_writer_get_type },
    { GLOSS_FORMAT_CONLL, gloss_conll_writer_get_type },
    { GLOSS_FORMAT_BRAT, gloss_brat_writer_get_type },
    { GLOSS_FORMAT_W3C, gloss_w3c_writer_get_type },
    { GLOSS_FORMAT_CSV, gloss_csv_writer_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      GlossExportOptions options = { writers[i].format, GLOSS_OFFSETS_CODE_POINTS };
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (&options, out, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (writer, writers[i].get_type ()));
      g_assert_true (gloss_format_writer_get_options (writer) == &options);
      g_assert_true (gloss_format_writer_get_stream (writer) == out);
      g_assert_null (gloss_format_writer_get_folder (writer));

      if (gloss_format_writes_folder (writers[i].format))
        {
          g_assert_false (gloss_format_writer_begin (writer, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
        }
      else
        {
          g_assert_true (gloss_format_writer_begin (writer, &error));
          g_assert_no_error (error);
          g_assert_true (gloss_format_writer_end (writer, NULL, &error));
          g_assert_no_error (error);
        }
    }

  {
    GlossExportOptions options = { (GlossFormat) 99, GLOSS_OFFSETS_CODE_POINTS };

    g_assert_null (gloss_format_writer_new (&options, NULL, NULL));
  }
}

/* Cancelled while the walk is far ahead of the writer (more articles than
 * it reads ahead): the walk's thread stops too, and nothing is left. */
static void
test_cancel_read_ahead (Fixture       *f,
                        gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_CONLL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *names = NULL;
  GlossExportSummary summary;

  if (f->dir == NULL)
    return;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%02u", i);
      g_autofree char *folder = g_build_filename (f->corpus, name, NULL);

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      copy_samples (folder);
    }

  output = g_build_filename (f->out, "dataset.conll", NULL);
  gloss_export_summary_init (&summary);
  g_assert_false (export_full (f->corpus, &options, output, cancel_after_first, cancellable,
                               cancellable, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gloss_export_summary_clear (&summary);

  names = list_dir (f->out);
  g_assert_cmpstr (names, ==, "");
}

/* The asynchronous export
 * ------------------------------------------------------------------------ */

typedef struct
{
  GThread            *main_thread;
  GCancellable       *cancellable;
  GlossExportReply   *reply;         /* a question not answered yet */
  gboolean            cancel_on_ask;
  gboolean            replace;       /* the answer, given from an idle */
  guint               asked;
  guint               progress_calls;
  guint               last_done;
  guint               total;
  gboolean            finished;
  gboolean            ok;
  GError             *error;
  GlossExportSummary  summary;
} AsyncRun;

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncRun *run = user_data;

  /* On the caller's context, in order, never after the end. */
  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_false (run->finished);
  g_assert_cmpuint (done, >, run->last_done);
  g_assert_cmpuint (done, <=, total);
  run->progress_calls++;
  run->last_done = done;
  run->total = total;
}

static gboolean
answer_later (gpointer user_data)
{
  AsyncRun *run = user_data;

  gloss_export_reply_answer (g_steal_pointer (&run->reply), run->replace);
  return G_SOURCE_REMOVE;
}

static void
async_ask (const GlossExportExisting *existing,
           GlossExportReply          *reply,
           gpointer                   user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_nonnull (existing);
  run->asked++;
  run->reply = reply;

  if (run->cancel_on_ask)
    {
      /* The worker stops waiting at the cancel; the answer that comes
       * after it changes nothing. */
      g_cancellable_cancel (run->cancellable);
      run->replace = TRUE;
    }
  g_idle_add (answer_later, run);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->ok = gloss_export_corpus_finish (result, &run->summary, &run->error);
  run->finished = TRUE;
}

/* Runs gloss_export_corpus_async() on the default context to its end. */
static void
export_async (const char               *corpus_dir,
              const GlossExportOptions *options,
              const char               *output,
              AsyncRun                 *run)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = g_file_new_for_path (corpus_dir);
  g_autoptr(GFile) out = g_file_new_for_path (output);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);

  run->main_thread = g_thread_self ();
  gloss_export_summary_init (&run->summary);
  gloss_export_corpus_async (corpus, root, options, out, async_progress, async_ask, run,
                             run->cancellable, async_done, run);
  while (!run->finished || run->reply != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
async_run_clear (AsyncRun *run)
{
  g_clear_error (&run->error);
  g_clear_object (&run->cancellable);
  gloss_export_summary_clear (&run->summary);
}

/* The same file as the blocking export, progress in order on the caller's
 * context, the last count before the result. */
static void
test_async_progress (Fixture       *f,
                     gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_DOCCANO, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *blocking = NULL;
  g_autofree char *output = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  GlossExportSummary summary;
  AsyncRun run = { 0 };

  if (f->dir == NULL)
    return;

  gloss_export_summary_init (&summary);
  blocking = export_ok (f, &options, "blocking.jsonl", &summary);
  gloss_export_summary_clear (&summary);
  output = g_build_filename (f->out, "async.jsonl", NULL);
  export_async (f->corpus, &options, output, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.asked, ==, 0);
  g_assert_cmpuint (run.progress_calls, >=, 1);
  g_assert_cmpuint (run.last_done, ==, 3);
  g_assert_cmpuint (run.total, ==, 3);
  g_assert_cmpuint (run.summary.records, ==, 6);

  expected = read_text (blocking);
  contents = read_text (output);
  g_assert_cmpstr (contents, ==, expected);
  async_run_clear (&run);
}

/* A question asked on the caller's context and answered later; a refusal
 * without @ask, with summary->existing as the blocking export fills it. */
static void
test_async_ask (Fixture       *f,
                gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *output = NULL;
  g_autofree char *contents = NULL;

  if (f->dir == NULL)
    return;

  write_text (f->out, "dataset", "the old dataset\n");
  output = g_build_filename (f->out, "dataset", NULL);

  {
    AsyncRun run = { 0 };

    run.replace = FALSE;
    export_async (f->corpus, &options, output, &run);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (run.asked, ==, 1);
    async_run_clear (&run);
    contents = read_text (output);
    g_assert_cmpstr (contents, ==, "the old dataset\n");
    g_clear_pointer (&contents, g_free);
  }

  {
    AsyncRun run = { 0 };

    run.replace = TRUE;
    export_async (f->corpus, &options, output, &run);
    g_assert_no_error (run.error);
    g_assert_true (run.ok);
    g_assert_cmpuint (run.asked, ==, 1);
    g_assert_nonnull (run.summary.existing);
    g_assert_cmpuint (run.summary.existing->replaced->len, ==, 1);
    async_run_clear (&run);
    contents = read_text (output);
    g_assert_true (g_str_has_prefix (contents, "{\"id\""));
    g_clear_pointer (&contents, g_free);
  }

  /* No @ask: refused, and the summary says what would have gone. */
  {
    g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
    g_autoptr(GFile) root = g_file_new_for_path (f->corpus);
    g_autoptr(GFile) out = g_file_new_for_path (output);
    g_autoptr(GError) error = NULL;
    AsyncRun run = { 0 };

    g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
    run.main_thread = g_thread_self ();
    gloss_export_summary_init (&run.summary);
    gloss_export_corpus_async (corpus, root, &options, out, NULL, NULL, NULL, NULL,
                               async_done, &run);
    while (!run.finished)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_nonnull (run.summary.existing);
    async_run_clear (&run);
  }
}

/* Cancelled before it starts, or while a question waits (a single file
 * before the work, a folder after it): the destination is as it was and no
 * temporary file or folder is left. */
static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *output = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;

  if (f->dir == NULL)
    return;

  write_text (f->out, "dataset", "the old dataset\n");
  output = g_build_filename (f->out, "dataset", NULL);
  folder = g_build_filename (f->out, "brat", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  write_text (folder, "kyiv-grain-talks.alice.ann", "T1\tperson 0 4\tKyiv\n");

  {
    g_autofree char *fresh = g_build_filename (f->out, "fresh.jsonl", NULL);
    AsyncRun run = { 0 };

    run.cancellable = g_cancellable_new ();
    g_cancellable_cancel (run.cancellable);
    export_async (f->corpus, &options, fresh, &run);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (run.progress_calls, ==, 0);
    async_run_clear (&run);
  }

  {
    AsyncRun run = { 0 };

    run.cancellable = g_cancellable_new ();
    run.cancel_on_ask = TRUE;
    export_async (f->corpus, &options, output, &run);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (run.asked, ==, 1);
    async_run_clear (&run);
  }

  {
    AsyncRun run = { 0 };

    options.format = GLOSS_FORMAT_BRAT;
    run.cancellable = g_cancellable_new ();
    run.cancel_on_ask = TRUE;
    export_async (f->corpus, &options, folder, &run);
    g_assert_false (run.ok);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (run.asked, ==, 1);
    /* The question came after the work. */
    g_assert_cmpuint (run.last_done, ==, 3);
    async_run_clear (&run);
  }

  contents = read_text (output);
  g_assert_cmpstr (contents, ==, "the old dataset\n");
  names = list_dir (f->out);
  g_assert_cmpstr (names, ==, "brat dataset");
  g_clear_pointer (&names, g_free);
  names = list_dir (folder);
  g_assert_cmpstr (names, ==, "kyiv-grain-talks.alice.ann");
  g_clear_pointer (&contents, g_free);
  contents = g_build_filename (folder, "kyiv-grain-talks.alice.ann", NULL);
  {
    g_autofree char *ann = read_text (contents);

    g_assert_cmpstr (ann, ==, "T1\tperson 0 4\tKyiv\n");
  }
}

/* The file a format writes beside its output (label-studio's config,
 * hf's label list) is put in place with the output, never before it: an
 * export whose output appears while it runs is refused at the end, and
 * then no config is there either, nor any temporary file of it. */
typedef struct
{
  const char *output;
  gboolean    done;
} AppearData;

static void
make_output_appear (guint    done,
                    guint    total,
                    gpointer user_data)
{
  AppearData *appear = user_data;
  g_autoptr(GError) error = NULL;

  if (appear->done)
    return;
  g_file_set_contents (appear->output, "someone else's\n", -1, &error);
  g_assert_no_error (error);
  appear->done = TRUE;
}

static void
test_companion_with_output (Fixture       *f,
                            gconstpointer  data)
{
  const GlossFormat formats[] = { GLOSS_FORMAT_LABEL_STUDIO, GLOSS_FORMAT_HF };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *output = g_strdup_printf ("%s/late-%u.json", f->out, i);
      g_autofree char *companion_path = g_strdup_printf ("%s/late-%u.companion", f->out, i);
      g_autoptr(GFile) companion = g_file_new_for_path (companion_path);
      GlossExportOptions options = { .format = formats[i], .offsets = GLOSS_OFFSETS_CODE_POINTS };
      GlossExportSummary summary;
      AppearData appear = { output, FALSE };
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *names = NULL;

      if (formats[i] == GLOSS_FORMAT_LABEL_STUDIO)
        options.label_studio_config = companion;
      else
        {
          options.hf_tag_ids = TRUE;
          options.hf_dataset_info = companion;
        }

      gloss_export_summary_init (&summary);
      g_assert_false (export_full (f->corpus, &options, output, make_output_appear, &appear,
                                   NULL, &summary, &error));
      g_assert_nonnull (error);
      g_assert_true (appear.done);
      g_assert_false (g_file_query_exists (companion, NULL));
      g_file_get_contents (output, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, "someone else's\n");
      names = list_dir (f->out);
      g_assert_false (g_str_has_prefix (names, ".") || strstr (names, " .") != NULL);
      gloss_export_summary_clear (&summary);

      /* Without the interloper, the companion is there after the export. */
      g_unlink (output);
      gloss_export_summary_init (&summary);
      g_clear_error (&error);
      g_assert_true (export_full (f->corpus, &options, output, NULL, NULL, NULL, &summary, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_query_exists (companion, NULL));
      gloss_export_summary_clear (&summary);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/names", test_names);
  g_test_add_func ("/export/summary-string", test_summary_string);
  g_test_add_func ("/export/offset-convert", test_offset_convert);
  g_test_add_func ("/export/json-line", test_json_line);
  g_test_add_func ("/export/default-offsets", test_default_offsets);
  g_test_add ("/export/formats-units", Fixture, NULL, fixture_set_up, test_formats_units, fixture_tear_down);
  g_test_add ("/export/attributes-said-lost", Fixture, NULL, fixture_set_up, test_attributes_said_lost,
              fixture_tear_down);
  g_test_add ("/export/jsonl-relations", Fixture, NULL, fixture_set_up, test_jsonl_relations, fixture_tear_down);
  g_test_add ("/export/label-filter", Fixture, NULL, fixture_set_up, test_label_filter, fixture_tear_down);
  g_test_add ("/export/annotator-filter", Fixture, NULL, fixture_set_up, test_annotator_filter, fixture_tear_down);
  g_test_add ("/export/failed-sidecar", Fixture, NULL, fixture_set_up, test_failed_sidecar, fixture_tear_down);
  g_test_add ("/export/broken-labels", Fixture, NULL, fixture_set_up, test_broken_labels, fixture_tear_down);
  g_test_add ("/export/atomic-cancel", Fixture, NULL, fixture_set_up, test_atomic_cancel, fixture_tear_down);
  g_test_add ("/export/atomic-folder", Fixture, NULL, fixture_set_up, test_atomic_folder, fixture_tear_down);
  g_test_add ("/export/atomic-replace", Fixture, NULL, fixture_set_up, test_atomic_replace, fixture_tear_down);
  g_test_add ("/export/progress", Fixture, NULL, fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/export/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/export/existing-folder", Fixture, NULL, fixture_set_up, test_existing_folder, fixture_tear_down);
  g_test_add ("/export/existing-link-to-folder", Fixture, NULL, fixture_set_up, test_existing_link_to_folder, fixture_tear_down);
  g_test_add ("/export/existing-file", Fixture, NULL, fixture_set_up, test_existing_file, fixture_tear_down);
  g_test_add ("/export/existing-protected", Fixture, NULL, fixture_set_up, test_existing_protected, fixture_tear_down);
  g_test_add ("/export/stale-temporaries", Fixture, NULL, fixture_set_up, test_stale_temporaries, fixture_tear_down);
  g_test_add ("/export/article-ids", Fixture, NULL, fixture_set_up, test_article_ids, fixture_tear_down);
  g_test_add ("/export/unicode-offsets", Fixture, NULL, fixture_set_up, test_unicode_offsets, fixture_tear_down);
  g_test_add ("/export/doccano-relations", Fixture, NULL, fixture_set_up, test_doccano_relations, fixture_tear_down);
  g_test_add ("/export/shared-broken-labels", Fixture, NULL, fixture_set_up, test_shared_broken_labels, fixture_tear_down);
  g_test_add_func ("/export/options-wants-label", test_options_wants_label);
  g_test_add_func ("/export/writer-base", test_writer_base);
  g_test_add ("/export/cancel-read-ahead", Fixture, NULL, fixture_set_up, test_cancel_read_ahead, fixture_tear_down);
  g_test_add ("/export/async-progress", Fixture, NULL, fixture_set_up, test_async_progress, fixture_tear_down);
  g_test_add ("/export/async-ask", Fixture, NULL, fixture_set_up, test_async_ask, fixture_tear_down);
  g_test_add ("/export/async-cancel", Fixture, NULL, fixture_set_up, test_async_cancel, fixture_tear_down);
  g_test_add ("/export/companion-with-output", Fixture, NULL, fixture_set_up, test_companion_with_output, fixture_tear_down);

  return g_test_run ();
}

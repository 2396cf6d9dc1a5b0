/* test-format-label-studio.c — the Label Studio writer and importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-import-label-studio.h"
#include "gloss-test-utils.h"

/* An emoji (two UTF-16 units), a ZWJ sequence, a combining mark, CRLF. */
#define TEXT "Ana 😀 met Zoe\u0308 in 👨‍👩‍👧 town.\r\nשלום.\n"

/* Runs the writer over @records (NULL-terminated) and parses the output. */
static JsonNode *
run_writer (GlossTestRecord         **records,
            const GlossExportOptions  *options,
            GlossExportSummary        *summary,
            char                     **text)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (options, out, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (gloss_format_writer_begin (writer, &error));
  for (guint i = 0; records[i] != NULL; i++)
    g_assert_true (gloss_format_writer_write_record (writer, &records[i]->record, summary, &error));
  g_assert_true (gloss_format_writer_end (writer, summary, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_true (json_parser_load_from_data (parser, *text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
result_with (JsonArray  *results,
             const char *id,
             const char *type)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (result, "id", ""), id) == 0
          && g_strcmp0 (json_object_get_string_member (result, "type"), type) == 0)
        return result;
    }
  return NULL;
}

/* One task per article (its records in a row), an annotation per
 * annotator; labels, textarea and relation results; code points, or UTF-16
 * when asked; no predictions unless asked; the config beside. */
static void
test_write_tasks (void)
{
  g_autoptr(GlossTestRecord) alice = gloss_test_record_new ("news/a.txt", "alice", TEXT);
  g_autoptr(GlossTestRecord) bilal = gloss_test_record_new ("news/a.txt", "bilal", TEXT);
  g_autoptr(GlossTestRecord) other = gloss_test_record_new ("b.txt", "alice", "Kyiv.\n");
  GlossTestRecord *records[] = { alice, bilal, other, NULL };
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-ls-XXXXXX", NULL);
  g_autofree char *config_path = g_build_filename (dir, "t.label_config.xml", NULL);
  g_autoptr(GFile) config = g_file_new_for_path (config_path);
  GlossExportOptions options = { .format = GLOSS_FORMAT_LABEL_STUDIO, .label_studio_config = config };
  GlossExportSummary summary;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root16 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text16 = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *zoe, *family;
  JsonArray *tasks, *annotations, *results;
  JsonObject *task, *labels, *value, *note, *relation;

  zoe = gloss_test_record_add_span_on (alice, "person", "Zoe\u0308");
  family = gloss_test_record_add_span_on (alice, "misc", "👨‍👩‍👧");
  g_assert_true (gloss_annotation_set_change_note (gloss_sidecar_get_annotations (alice->sidecar),
                                                   family, "a family", &error));
  g_assert_nonnull (gloss_annotation_set_add_relation (gloss_sidecar_get_annotations (alice->sidecar),
                                                       "related", gloss_annotation_get_id (family),
                                                       gloss_annotation_get_id (zoe), &error));
  g_assert_no_error (error);
  gloss_test_record_add_span_on (bilal, "say \"hi\" & <b>", "Ana");
  gloss_test_record_add_span_on (other, "location", "Kyiv");

  gloss_export_summary_init (&summary);
  root = run_writer (records, &options, &summary, &text);
  g_assert_true (g_str_has_prefix (text, "[\n{\"id\":1,"));
  tasks = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (tasks), ==, 2);

  task = json_array_get_object_element (tasks, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "data"), "text"), ==, TEXT);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "meta"), "gloss_article"),
                   ==, "news/a.txt");
  g_assert_false (json_object_has_member (task, "predictions"));
  annotations = json_object_get_array_member (task, "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (annotations, 1), "completed_by"), "username"),
                   ==, "bilal");

  results = json_object_get_array_member (json_array_get_object_element (annotations, 0), "result");
  labels = result_with (results, gloss_annotation_get_id (zoe), "labels");
  g_assert_nonnull (labels);
  g_assert_cmpstr (json_object_get_string_member (labels, "from_name"), ==, "label");
  g_assert_cmpstr (json_object_get_string_member (labels, "to_name"), ==, "text");
  value = json_object_get_object_member (labels, "value");
  /* "Ana 😀 met " is 10 code points, 11 UTF-16 units. */
  g_assert_cmpint (json_object_get_int_member (value, "start"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (value, "end"), ==, 14);
  g_assert_cmpstr (json_object_get_string_member (value, "text"), ==, "Zoe\u0308");
  note = result_with (results, gloss_annotation_get_id (family), "textarea");
  g_assert_nonnull (note);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (note, "value"), "text"), 0),
                   ==, "a family");
  relation = NULL;
  for (guint i = 0; i < json_array_get_length (results); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (results, i), "type"), "relation") == 0)
      relation = json_array_get_object_element (results, i);
  g_assert_nonnull (relation);
  g_assert_cmpstr (json_object_get_string_member (relation, "from_id"), ==, gloss_annotation_get_id (family));
  g_assert_cmpstr (json_object_get_string_member (relation, "to_id"), ==, gloss_annotation_get_id (zoe));
  g_assert_cmpstr (json_object_get_string_member (relation, "direction"), ==, "right");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (relation, "labels"), 0), ==, "related");
  g_assert_cmpuint (summary.predictions, ==, 0);
  gloss_export_summary_clear (&summary);

  /* The config: every label, escaped, the built-in colours; the relation
   * type; the notes' text area. */
  g_assert_true (g_file_get_contents (config_path, &xml, NULL, &error));
  g_assert_nonnull (strstr (xml, "<Label value=\"say &quot;hi&quot; &amp; &lt;b&gt;\"/>"));
  g_assert_nonnull (strstr (xml, "<Label value=\"person\" background=\"#"));
  g_assert_nonnull (strstr (xml, "<Relation value=\"related\"/>"));
  g_assert_nonnull (strstr (xml, "<Text name=\"text\" value=\"$text\"/>"));
  g_assert_nonnull (strstr (xml, "<TextArea name=\"note\" toName=\"text\" perRegion=\"true\""));

  /* UTF-16, and predictions asked for (none: an empty list). */
  options.offsets = GLOSS_OFFSETS_UTF16;
  options.label_studio_predictions = TRUE;
  options.label_studio_config = NULL;
  gloss_export_summary_init (&summary);
  root16 = run_writer (records, &options, &summary, &text16);
  task = json_array_get_object_element (json_node_get_array (root16), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task, "predictions")), ==, 0);
  results = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (task, "annotations"), 0), "result");
  value = json_object_get_object_member (result_with (results, gloss_annotation_get_id (zoe), "labels"), "value");
  g_assert_cmpint (json_object_get_int_member (value, "start"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (value, "end"), ==, 15);
  gloss_export_summary_clear (&summary);

  gloss_test_remove_tree (dir);
}

static void
test_config_file_name (void)
{
  g_autoptr(GFile) a = g_file_new_for_path ("/data/tasks.json");
  g_autoptr(GFile) b = g_file_new_for_path ("/data/tasks");
  g_autoptr(GFile) a_config = gloss_label_studio_config_file (a);
  g_autoptr(GFile) b_config = gloss_label_studio_config_file (b);

  g_assert_cmpstr (g_file_peek_path (a_config), ==, "/data/tasks.label_config.xml");
  g_assert_cmpstr (g_file_peek_path (b_config), ==, "/data/tasks.label_config.xml");
}

/* Import */

typedef struct
{
  char               *dir;
  GFile              *out;
  GlossImportSummary  summary;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-import-ls-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (f->dir, "out", NULL);
  f->out = g_file_new_for_path (out);
  gloss_import_summary_init (&f->summary);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_import_summary_clear (&f->summary);
  g_clear_object (&f->out);
  gloss_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GFile *
write_input (Fixture    *f,
             const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "tasks.json", NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GlossSidecar *
load_sidecar (Fixture    *f,
              const char *article,
              const char *annotator)
{
  g_autoptr(GFile) article_file = g_file_resolve_relative_path (f->out, article);
  g_autoptr(GFile) folder = g_file_get_parent (article_file);
  g_autofree char *base = g_file_get_basename (article_file);
  g_autofree char *name = gloss_sidecar_build_name (base, annotator);
  g_autoptr(GFile) file = g_file_get_child (folder, name);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GlossSidecar *sidecar;

  document = gloss_document_new_from_file (article_file, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new (file, document);
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);
  return sidecar;
}

#define TASKS \
  "[{\"id\": 4, \"data\": {\"text\": \"Ana 😀 met Zoe\u0308.\"}, \"meta\": {\"gloss_article\": \"news/../a.txt\"},\n" \
  "  \"annotations\": [\n" \
  "   {\"completed_by\": {\"username\": \"Alice\"}, \"result\": [\n" \
  "     {\"id\": \"z\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n" \
  "      \"value\": {\"start\": 10, \"end\": 14, \"text\": \"Zoe\u0308\", \"labels\": [\"person\"]}},\n" \
  "     {\"id\": \"a\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n" \
  "      \"value\": {\"start\": 0, \"end\": 3, \"labels\": [\"person\"]}},\n" \
  "     {\"id\": \"z\", \"from_name\": \"note\", \"to_name\": \"text\", \"type\": \"textarea\",\n" \
  "      \"value\": {\"start\": 10, \"end\": 14, \"text\": [\"one\", \"two\"]}},\n" \
  "     {\"from_id\": \"z\", \"to_id\": \"a\", \"type\": \"relation\", \"direction\": \"left\", \"labels\": [\"knows\"]},\n" \
  "     {\"id\": \"c\", \"from_name\": \"x\", \"to_name\": \"text\", \"type\": \"choices\", \"value\": {\"choices\": [\"y\"]}}]},\n" \
  "   {\"completed_by\": 17, \"result\": []},\n" \
  "   {\"completed_by\": {\"email\": \"alice@example.org\"}, \"result\": []}],\n" \
  "  \"predictions\": [{\"model_version\": \"m\", \"score\": 0.5, \"result\": [\n" \
  "     {\"id\": \"p\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n" \
  "      \"value\": {\"start\": 0, \"end\": 3, \"labels\": [\"person\"]}, \"score\": 0.25},\n" \
  "     {\"id\": \"q\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n" \
  "      \"value\": {\"start\": 10, \"end\": 14, \"labels\": [\"person\"]}}]}]}]"

/* Spans with their region ids, notes joined by lines, a "left" relation
 * turned round; completed_by as username, number and email, the second
 * annotation of alice as alice-2; the choices and the predictions said. */
/* The problems as one text, a line each (the array has no NULL at its
 * end to join it as a strv). */
static char *
join_problems (const GlossImportSummary *summary)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < summary->problems->len; i++)
    {
      g_string_append (out, g_ptr_array_index (summary->problems, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, TASKS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSidecar) alice = NULL;
  g_autoptr(GlossSidecar) user = NULL;
  g_autoptr(GlossSidecar) second = NULL;
  g_autoptr(GlossRelation) relation = NULL;
  g_autofree char *problems = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *zoe;

  g_assert_true (gloss_import_label_studio (input, f->out, NULL, GLOSS_OFFSETS_CODE_POINTS,
                                            &f->summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->summary.sidecars, ==, 3);
  g_assert_cmpuint (f->summary.spans, ==, 2);
  g_assert_cmpuint (f->summary.relations, ==, 1);

  /* "news/../a.txt": no step up out of the output folder. */
  alice = load_sidecar (f, "news/a.txt", "alice");
  set = gloss_sidecar_get_annotations (alice);
  zoe = gloss_annotation_set_lookup (set, "z");
  g_assert_nonnull (zoe);
  g_assert_cmpuint (gloss_annotation_get_start (zoe), ==, 10);
  g_assert_cmpstr (gloss_annotation_get_note (zoe), ==, "one\ntwo");
  relation = g_list_model_get_item (gloss_annotation_set_get_relations (set), 0);
  g_assert_cmpstr (gloss_relation_get_from (relation), ==, "a");
  g_assert_cmpstr (gloss_relation_get_to (relation), ==, "z");
  g_assert_cmpstr (gloss_relation_get_rel_type (relation), ==, "knows");
  user = load_sidecar (f, "news/a.txt", "user-17");
  second = load_sidecar (f, "news/a.txt", "alice-2");

  problems = join_problems (&f->summary);
  g_assert_nonnull (strstr (problems, "task[0]: annotations[0].result[4] “c”: Gloss has no place for a “choices” result; not imported"));
  g_assert_nonnull (strstr (problems, "task[0]: annotations[2] is a second annotation of “alice” on this task; imported as annotator “alice-2”"));
  g_assert_nonnull (strstr (problems, "1 prediction not imported; use --as-suggestions"));
}

/* Predictions as suggestions: the result's score, else the prediction's. */
static void
test_import_predictions (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, TASKS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotationSet *set;
  double *score;

  g_assert_true (gloss_import_label_studio_predictions (input, f->out, "model", GLOSS_OFFSETS_CODE_POINTS,
                                                        scores, &f->summary, NULL, &error));
  g_assert_no_error (error);
  sidecar = load_sidecar (f, "news/a.txt", "model");
  set = gloss_sidecar_get_annotations (sidecar);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);
  score = g_hash_table_lookup (scores, "t0-p0-0");
  g_assert_nonnull (score);
  g_assert_cmpfloat (*score, ==, 0.25);
  score = g_hash_table_lookup (scores, "t0-p0-1");
  g_assert_nonnull (score);
  g_assert_cmpfloat (*score, ==, 0.5);
}

/* Broken JSON, invalid UTF-8, a scalar: refused whole, located, nothing
 * written. */
static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const inputs[] = {
    "[{\"data\": {\"text\": \"a\"},\n \"annotations\": [}]",
    "[{\"data\": {\"text\": \"caf\xe9\"}}]",
    "42",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GFile) input = write_input (f, inputs[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (gloss_import_label_studio (input, f->out, NULL, GLOSS_OFFSETS_CODE_POINTS,
                                                 &f->summary, NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "tasks.json"));
      g_assert_nonnull (strstr (error->message, "nothing imported"));
      g_assert_false (g_file_query_exists (f->out, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/label-studio/write-tasks", test_write_tasks);
  g_test_add_func ("/label-studio/config-file-name", test_config_file_name);
  g_test_add ("/label-studio/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/label-studio/import-predictions", Fixture, NULL, fixture_set_up, test_import_predictions,
              fixture_tear_down);
  g_test_add ("/label-studio/import-refused", Fixture, NULL, fixture_set_up, test_import_refused,
              fixture_tear_down);

  return g_test_run ();
}

/* test-format-uima-json.c — the UIMA CAS JSON writer (INCEpTION) and its
 * importer: names and units, the CAS a record becomes (UTF-16 bounds, the
 * BOM kept in the sofa, attributes as attr_* features), what is refused
 * or reported, and a record written and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-import.h"
#include "gloss-test-utils.h"

/* A BOM, an emoji (a surrogate pair in UTF-16), a ZWJ family, a combining
 * mark, CRLF and Hebrew. */
#define TEXT "\xef\xbb\xbf" "Ana 😀 met 👩‍👩‍👧 and Jose\xcc\x81.\r\nשלום\n"

/* A span over the first occurrence of @needle in the text (BOM left out). */
static GlossAnnotation *
span_on (GlossTestRecord *self,
         const char *id,
         const char *label,
         const char *needle)
{
  const char *text = gloss_document_get_text (self->document);
  const char *at = strstr (text, needle);
  guint start;

  g_assert_nonnull (at);
  start = (guint) g_utf8_pointer_to_offset (text, at);
  return gloss_annotation_new (id, label, start, start + (guint) g_utf8_strlen (needle, -1));
}

/* The record's annotations: a person with a note and attributes of every
 * kind, the emoji, the ZWJ family, a name with a combining mark, the
 * Hebrew word; a relation from the family to the person. */
static void
fill_record (GlossTestRecord *record)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  const char *topics[] = { "a", "b \"c\"", NULL };
  GlossAnnotation *person = span_on (record, "s1", "person", "Ana");

  gloss_annotation_set_note (person, "two\nlines");
  gloss_annotation_set_attribute (person, "checked", g_variant_new_boolean (TRUE));
  gloss_annotation_set_attribute (person, "sentiment-score", g_variant_new_double (-0.125));
  gloss_annotation_set_attribute (person, "topics", g_variant_new_strv (topics, -1));
  gloss_annotation_set_attribute (person, "wikidata", g_variant_new_string ("Q1"));
  g_ptr_array_add (spans, person);
  g_ptr_array_add (spans, span_on (record, "s2", "emoji", "😀"));
  g_ptr_array_add (spans, span_on (record, "s3", "family", "👩‍👩‍👧"));
  g_ptr_array_add (spans, span_on (record, "s4", "person", "Jose\xcc\x81"));
  g_ptr_array_add (spans, span_on (record, "s5", "greeting", "שלום"));
  g_ptr_array_add (relations, gloss_relation_new ("r1", "speaker", "s3", "s1"));

  gloss_annotation_set_load (gloss_sidecar_get_annotations (record->sidecar), spans, relations);
}

static char *
write_record (GlossTestRecord    *record,
              const char         *folder,
              GlossExportSummary *summary)
{
  GlossExportOptions options = { .format = GLOSS_FORMAT_UIMA_JSON, .offsets = GLOSS_OFFSETS_UTF16 };
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GlossFormatWriter) writer = gloss_format_writer_new (&options, NULL, dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;

  g_assert_true (gloss_format_writer_begin (writer, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_writer_write_record (writer, &record->record, summary, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_writer_end (writer, summary, &error));
  g_assert_no_error (error);

  path = g_build_filename (folder, record->record.article_id, "tester.json", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* The structure with "id" @id in the CAS. */
static JsonObject *
find_structure (JsonNode   *root,
                const char *id)
{
  JsonArray *structures = json_object_get_array_member (json_node_get_object (root), "%FEATURE_STRUCTURES");

  for (guint i = 0; i < json_array_get_length (structures); i++)
    {
      JsonObject *fs = json_array_get_object_element (structures, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (fs, "id", NULL), id) == 0)
        return fs;
    }
  g_assert_not_reached ();
}

static void
test_names (void)
{
  GlossFormat format;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_from_string ("uima-json", &format));
  g_assert_cmpint (format, ==, GLOSS_FORMAT_UIMA_JSON);
  g_assert_cmpstr (gloss_format_to_string (GLOSS_FORMAT_UIMA_JSON), ==, "uima-json");
  g_assert_true (gloss_format_writes_folder (GLOSS_FORMAT_UIMA_JSON));
  g_assert_null (gloss_format_get_extension (GLOSS_FORMAT_UIMA_JSON));
  g_assert_cmpint (gloss_format_get_default_offsets (GLOSS_FORMAT_UIMA_JSON), ==, GLOSS_OFFSETS_UTF16);
  g_assert_true (gloss_format_check_offsets (GLOSS_FORMAT_UIMA_JSON, GLOSS_OFFSETS_UTF16, NULL));
  g_assert_false (gloss_format_check_offsets (GLOSS_FORMAT_UIMA_JSON, GLOSS_OFFSETS_CODE_POINTS, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_false (gloss_format_check_offsets (GLOSS_FORMAT_UIMA_JSON, GLOSS_OFFSETS_BYTES, NULL));
}

/* No folder, or a unit other than UTF-16: refused before anything. */
static void
test_refused (void)
{
  GlossExportOptions utf16 = { .format = GLOSS_FORMAT_UIMA_JSON, .offsets = GLOSS_OFFSETS_UTF16 };
  GlossExportOptions code_points = { .format = GLOSS_FORMAT_UIMA_JSON, .offsets = GLOSS_OFFSETS_CODE_POINTS };
  g_autoptr(GFile) dir = g_file_new_for_path ("/nonexistent");
  g_autoptr(GlossFormatWriter) no_folder = gloss_format_writer_new (&utf16, NULL, NULL);
  g_autoptr(GlossFormatWriter) wrong_unit = gloss_format_writer_new (&code_points, NULL, dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (GLOSS_IS_UIMA_JSON_WRITER (no_folder));
  g_assert_false (gloss_format_writer_begin (no_folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (gloss_format_writer_begin (wrong_unit, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
}

/* The CAS of a record: the sofa with the BOM as U+FEFF, bounds in UTF-16
 * code units counting it, attributes as attr_* features of their kinds,
 * the relation at its Dependent; a second value of another kind for the
 * same attribute is lost and reported. */
static void
test_record (void)
{
  g_autoptr(GlossTestRecord) record = gloss_test_record_new ("news/a.txt", "tester", TEXT);
  g_autofree char *dir = g_dir_make_tmp ("gloss-uima-XXXXXX", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GlossExportSummary summary;
  JsonObject *sofa, *fs;
  GlossAnnotation *clash;

  fill_record (record);
  clash = gloss_annotation_set_lookup (gloss_sidecar_get_annotations (record->sidecar), "s4");
  gloss_annotation_set_attribute (clash, "checked", g_variant_new_string ("yes"));

  gloss_export_summary_init (&summary);
  contents = write_record (record, dir, &summary);
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);

  sofa = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                      "%FEATURE_STRUCTURES"), 0);
  g_assert_cmpstr (json_object_get_string_member (sofa, "sofaString"), ==, "\xef\xbb\xbf" "Ana 😀 met 👩‍👩‍👧 and Jose\xcc\x81.\r\nשלום\n");

  /* U+FEFF is unit 0 */
  fs = find_structure (json_parser_get_root (parser), "s1");
  g_assert_cmpint (json_object_get_int_member (fs, "begin"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (fs, "end"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (fs, "note"), ==, "two\nlines");
  g_assert_true (json_object_get_boolean_member (fs, "attr_checked"));
  g_assert_cmpfloat (json_object_get_double_member (fs, "attr_sentiment_2Dscore"), ==, -0.125);
  g_assert_cmpstr (json_object_get_string_member (fs, "attr_wikidata"), ==, "Q1");
  g_assert_true (json_object_has_member (fs, "@attr_topics"));
  /* the emoji: two code units */
  fs = find_structure (json_parser_get_root (parser), "s2");
  g_assert_cmpint (json_object_get_int_member (fs, "begin"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (fs, "end"), ==, 7);
  /* 👩 ZWJ 👩 ZWJ 👧: 2 + 1 + 2 + 1 + 2 */
  fs = find_structure (json_parser_get_root (parser), "s3");
  g_assert_cmpint (json_object_get_int_member (fs, "end") - json_object_get_int_member (fs, "begin"), ==, 8);
  fs = find_structure (json_parser_get_root (parser), "s4");
  g_assert_false (json_object_has_member (fs, "attr_checked"));
  fs = find_structure (json_parser_get_root (parser), "r1");
  g_assert_cmpint (json_object_get_int_member (fs, "begin"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (fs, "end"), ==, 4);

  g_assert_cmpuint (summary.lost_attributes, ==, 1);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (summary.problems, 0), "span s4: attribute “checked”"));
  gloss_export_summary_clear (&summary);
  gloss_test_remove_tree (dir);
}

/* A record written and imported back: the same text, byte for byte, and
 * the same spans, notes, attributes and relation. */
static void
test_round_trip (void)
{
  g_autoptr(GlossTestRecord) record = gloss_test_record_new ("a.txt", "tester", TEXT);
  g_autofree char *dir = g_dir_make_tmp ("gloss-uima-XXXXXX", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *back_dir = g_build_filename (dir, "back", NULL);
  g_autofree char *article_path = g_build_filename (back_dir, "a.txt", NULL);
  g_autofree char *sidecar_path = g_build_filename (back_dir, "a.txt.tester.gloss.json", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_dir);
  g_autoptr(GFile) back = g_file_new_for_path (back_dir);
  g_autoptr(GFile) sidecar_file = g_file_new_for_path (sidecar_path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_auto(GlossImportSummary) imported;
  GlossExportSummary summary;
  GListModel *spans;
  GlossAnnotation *person;
  GVariant *value;
  GlossRelation *relation;
  gsize length;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  fill_record (record);
  gloss_export_summary_init (&summary);
  contents = write_record (record, out_dir, &summary);
  gloss_export_summary_clear (&summary);

  gloss_import_summary_init (&imported);
  g_assert_true (gloss_import_uima_json (out, back, NULL, GLOSS_OFFSETS_UTF16, &imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported.problems->len, ==, 0);
  g_assert_cmpuint (imported.spans, ==, 5);
  g_assert_cmpuint (imported.relations, ==, 1);
  g_assert_cmpuint (imported.notes, ==, 1);

  g_assert_true (g_file_get_contents (article_path, &text, &length, NULL));
  g_assert_cmpmem (text, length, TEXT, strlen (TEXT));

  {
    g_autoptr(GBytes) bytes = g_bytes_new (text, length);

    document = gloss_document_new_from_bytes (bytes, "a.txt", &error);
    g_assert_no_error (error);
  }
  sidecar = gloss_sidecar_new (sidecar_file, document);
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);
  spans = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
  g_assert_cmpuint (g_list_model_get_n_items (spans), ==, 5);
  person = gloss_annotation_set_lookup (gloss_sidecar_get_annotations (sidecar), "s1");
  g_assert_nonnull (person);
  g_assert_cmpuint (gloss_annotation_get_start (person), ==, 0);
  g_assert_cmpuint (gloss_annotation_get_end (person), ==, 3);
  g_assert_cmpstr (gloss_annotation_get_note (person), ==, "two\nlines");
  value = gloss_annotation_get_attribute (person, "sentiment-score");
  g_assert_cmpfloat (g_variant_get_double (value), ==, -0.125);
  value = gloss_annotation_get_attribute (person, "topics");
  g_assert_cmpuint (g_variant_n_children (value), ==, 2);
  g_assert_true (g_variant_get_boolean (gloss_annotation_get_attribute (person, "checked")));
  g_assert_cmpstr (gloss_annotation_get_exact (gloss_annotation_set_lookup (gloss_sidecar_get_annotations (sidecar), "s3")),
                   ==, "👩‍👩‍👧");
  relation = g_list_model_get_item (gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (sidecar)), 0);
  g_assert_cmpstr (gloss_relation_get_from (relation), ==, "s3");
  g_assert_cmpstr (gloss_relation_get_to (relation), ==, "s1");
  g_object_unref (relation);

  gloss_test_remove_tree (dir);
}

/* Bounds that no code point or no grapheme cluster starts at are
 * reported with the file and %ID, and the span skipped. */
static void
test_import_cuts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-uima-XXXXXX", NULL);
  g_autofree char *doc_dir = g_build_filename (dir, "in", "d.txt", NULL);
  g_autofree char *cas_path = g_build_filename (doc_dir, "ann.json", NULL);
  g_autofree char *in_dir = g_build_filename (dir, "in", NULL);
  g_autofree char *back_dir = g_build_filename (dir, "back", NULL);
  g_autoptr(GFile) in = g_file_new_for_path (in_dir);
  g_autoptr(GFile) back = g_file_new_for_path (back_dir);
  g_autoptr(GError) error = NULL;
  g_auto(GlossImportSummary) imported;
  /* "a 😀 e\u0301": 😀 is units 2–3, e is 5 and its mark 6 */
  const char *cas =
    "{\"%TYPES\":{\"custom.Span\":{\"%NAME\":\"custom.Span\",\"%SUPER_TYPE\":\"uima.tcas.Annotation\","
    "\"label\":{\"%NAME\":\"label\",\"%RANGE\":\"uima.cas.String\"}}},"
    "\"%FEATURE_STRUCTURES\":["
    "{\"%ID\":1,\"%TYPE\":\"uima.cas.Sofa\",\"sofaNum\":1,\"sofaID\":\"_InitialView\",\"sofaString\":\"a \\ud83d\\ude00 e\\u0301\"},"
    "{\"%ID\":2,\"%TYPE\":\"custom.Span\",\"@sofa\":1,\"begin\":2,\"end\":3,\"label\":\"X\"},"
    "{\"%ID\":3,\"%TYPE\":\"custom.Span\",\"@sofa\":1,\"begin\":5,\"end\":6,\"label\":\"Y\"},"
    "{\"%ID\":4,\"%TYPE\":\"custom.Span\",\"@sofa\":1,\"begin\":2,\"end\":4,\"label\":\"Z\"}],"
    "\"%VIEWS\":{\"_InitialView\":{\"%SOFA\":1,\"%MEMBERS\":[2,3,4]}}}";

  g_assert_cmpint (g_mkdir_with_parents (doc_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (cas_path, cas, -1, NULL));

  gloss_import_summary_init (&imported);
  g_assert_true (gloss_import_uima_json (in, back, NULL, GLOSS_OFFSETS_UTF16, &imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported.spans, ==, 1);
  g_assert_cmpuint (imported.skipped, ==, 2);
  g_assert_cmpuint (imported.problems->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (imported.problems, 0), "d.txt/ann.json: %ID 2: span 2–3"));
  g_assert_nonnull (strstr (g_ptr_array_index (imported.problems, 0), "surrogate pair"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (imported.problems, 1), "d.txt/ann.json: %ID 3: span 5–6"));

  g_clear_error (&error);
  g_assert_false (gloss_import_uima_json (in, back, NULL, GLOSS_OFFSETS_CODE_POINTS, &imported, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);

  gloss_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-uima-json/names", test_names);
  g_test_add_func ("/format-uima-json/refused", test_refused);
  g_test_add_func ("/format-uima-json/record", test_record);
  g_test_add_func ("/format-uima-json/round-trip", test_round_trip);
  g_test_add_func ("/format-uima-json/import-cuts", test_import_cuts);

  return g_test_run ();
}

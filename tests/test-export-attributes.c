/* test-export-attributes.c — spans' attributes and the article's fields
 * (document_labels) in the jsonl, doccano and csv exports, and the jsonl
 * import reading them back
 *
 * One article with a span of each kind and a value of every attribute
 * type (boolean, choice, number, several choices, text) and three article
 * fields (one choice, several choices, a boolean). Each export is read
 * back as plain JSON or as exact CSV text; the jsonl export is imported
 * again and the sidecar written must be the one exported from, byte for
 * byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-format-writer.h"
#include "gloss-test-utils.h"

static const char article_text[] = "Alice said the sky is green. Bob agreed.\n";

static const char labels_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [\n"
  "    { \"id\": \"claim\", \"kind\": \"claim\", \"color\": \"#e5a50a\", \"key\": \"c\" },\n"
  "    { \"id\": \"person\", \"kind\": \"entity\", \"color\": \"#c061cb\", \"key\": \"p\" } ],\n"
  "  \"relations\": [ { \"type\": \"speaker\", \"key\": \"s\", \"from\": [\"claim\"], \"to\": [\"person\"] } ],\n"
  "  \"attributes\": [\n"
  "    { \"id\": \"checkworthy\", \"type\": \"boolean\", \"applies_to\": [\"kind:claim\"] },\n"
  "    { \"id\": \"verdict\", \"type\": \"choice\", \"applies_to\": [\"kind:claim\"],\n"
  "      \"values\": [ { \"id\": \"true\" }, { \"id\": \"false\" } ] },\n"
  "    { \"id\": \"score\", \"type\": \"number\", \"applies_to\": [\"claim\"], \"min\": 0, \"max\": 10 },\n"
  "    { \"id\": \"tags\", \"type\": \"choice\", \"multiple\": true, \"applies_to\": [\"claim\"],\n"
  "      \"values\": [ { \"id\": \"health\" }, { \"id\": \"sky\" } ] },\n"
  "    { \"id\": \"wikidata\", \"type\": \"text\", \"applies_to\": [\"kind:entity\"], \"pattern\": \"Q[0-9]+\" } ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"stance\", \"type\": \"choice\", \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" } ] },\n"
  "    { \"id\": \"topic\", \"type\": \"choice\", \"multiple\": true,\n"
  "      \"values\": [ { \"id\": \"science\" }, { \"id\": \"politics\" } ] },\n"
  "    { \"id\": \"breaking\", \"type\": \"boolean\" } ] }\n";

/* A sidecar as Gloss writes it. %s: the article's hash; %s: the tags. */
static const char sidecar_format[] =
  "{\n"
  "  \"format\": \"gloss\",\n"
  "  \"version\": 1,\n"
  "  \"document\": {\n"
  "    \"file\": \"sky.txt\",\n"
  "    \"sha256\": \"%s\",\n"
  "    \"length\": 41\n"
  "  },\n"
  "  \"annotator\": {\n"
  "    \"id\": \"alice\",\n"
  "    \"name\": \"\"\n"
  "  },\n"
  "  \"document_labels\": {\n"
  "    \"breaking\": true,\n"
  "    \"stance\": \"against\",\n"
  "    \"topic\": [\n"
  "      \"science\",\n"
  "      \"politics\"\n"
  "    ]\n"
  "  },\n"
  "  \"annotations\": [\n"
  "    {\n"
  "      \"id\": \"a-1\",\n"
  "      \"label\": \"person\",\n"
  "      \"start\": 0,\n"
  "      \"end\": 5,\n"
  "      \"exact\": \"Alice\",\n"
  "      \"prefix\": \"\",\n"
  "      \"suffix\": \" said the sky is green. Bob agre\",\n"
  "      \"note\": \"\",\n"
  "      \"attributes\": {\n"
  "        \"wikidata\": \"Q42\"\n"
  "      }\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"a-2\",\n"
  "      \"label\": \"claim\",\n"
  "      \"start\": 11,\n"
  "      \"end\": 27,\n"
  "      \"exact\": \"the sky is green\",\n"
  "      \"prefix\": \"Alice said \",\n"
  "      \"suffix\": \". Bob agreed.\\n\",\n"
  "      \"note\": \"\",\n"
  "      \"attributes\": {\n"
  "        \"checkworthy\": true,\n"
  "        \"score\": 7.5,\n"
  "        \"tags\": [\n"
  "%s\n"
  "        ],\n"
  "        \"verdict\": \"false\"\n"
  "      }\n"
  "    }\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    {\n"
  "      \"id\": \"r-1\",\n"
  "      \"type\": \"speaker\",\n"
  "      \"from\": \"a-2\",\n"
  "      \"to\": \"a-1\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static const char tags_declared[] =
  "          \"sky\",\n"
  "          \"health\"";
/* Not declared (kept by the sidecar reader with a warning), and what the
 * csv cell must escape. */
static const char tags_escaped[] =
  "          \"a|b\",\n"
  "          \"c\\\\d\"";

typedef struct
{
  char *dir;
  char *corpus;
  char *out;
  char *sidecar;   /* the bytes of the corpus's sidecar */
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* The corpus's sidecar, with @tags as the claim's "tags". */
static void
write_sidecar (Fixture    *f,
               const char *tags)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, article_text, -1);

  g_free (f->sidecar);
  f->sidecar = g_strdup_printf (sidecar_format, hash, tags);
  write_file (f->corpus, "sky.txt.alice.gloss.json", f->sidecar);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-export-attributes-XXXXXX", &error);
  g_assert_no_error (error);
  f->corpus = g_build_filename (f->dir, "corpus", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->corpus, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);

  write_file (f->corpus, "gloss-labels.json", labels_json);
  write_file (f->corpus, "sky.txt", article_text);
  write_sidecar (f, tags_declared);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->corpus);
  g_free (f->out);
  g_free (f->sidecar);
}

/* Exports the corpus in @options' format to out/@name; returns the
 * output's bytes. */
static char *
export (Fixture                  *f,
        const GlossExportOptions *options,
        const char               *name,
        GlossExportSummary       *summary)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = g_file_new_for_path (f->corpus);
  g_autofree char *path = g_build_filename (f->out, name, NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_export_corpus (corpus, root, options, output, NULL, NULL,
                                      summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (summary->spans, ==, 2);

  return read_file (path);
}

/* The one line of a JSON Lines output, parsed. */
static JsonObject *
parse_line (JsonParser *parser,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  const char *newline = strchr (contents, '\n');

  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
  g_assert_true (json_parser_load_from_data (parser, contents, newline - contents, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* @node as compact JSON, for comparing a whole value at once. */
static char *
to_json (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
assert_member_json (JsonObject *object,
                    const char *member,
                    const char *expected)
{
  g_autofree char *json = NULL;

  g_assert_true (json_object_has_member (object, member));
  json = to_json (json_object_get_member (object, member));
  g_assert_cmpstr (json, ==, expected);
}

static JsonObject *
span_at (JsonObject *record,
         const char *member,
         guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (record, member), index);
}

/* jsonl: every value as the sidecar holds it, nothing lost; and imported
 * back into a folder with the same label set, the same sidecar, byte for
 * byte, without a word. */
static void
test_jsonl_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  g_autofree char *input_path = NULL;
  g_autofree char *imported = g_build_filename (f->dir, "imported", NULL);
  g_autofree char *sidecar_path = NULL;
  g_autofree char *sidecar = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GlossImportSummary) import_summary = { 0 };
  GlossExportSummary summary;
  JsonObject *record;

  gloss_export_summary_init (&summary);
  contents = export (f, &options, "all.jsonl", &summary);
  g_assert_cmpuint (summary.lost_attributes, ==, 0);
  g_assert_cmpuint (summary.lost_fields, ==, 0);
  gloss_export_summary_clear (&summary);

  record = parse_line (parser, contents);
  assert_member_json (span_at (record, "spans", 0), "attributes", "{\"wikidata\":\"Q42\"}");
  assert_member_json (span_at (record, "spans", 1), "attributes",
                      "{\"checkworthy\":true,\"score\":7.5,\"tags\":[\"sky\",\"health\"],\"verdict\":\"false\"}");
  assert_member_json (record, "document_labels",
                      "{\"breaking\":true,\"stance\":\"against\",\"topic\":[\"science\",\"politics\"]}");

  /* Imported into a folder with the same label set. */
  g_assert_cmpint (g_mkdir (imported, 0755), ==, 0);
  write_file (imported, "gloss-labels.json", labels_json);
  input_path = g_build_filename (f->out, "all.jsonl", NULL);
  input = g_file_new_for_path (input_path);
  folder = g_file_new_for_path (imported);
  gloss_import_summary_init (&import_summary);
  g_assert_true (gloss_import_jsonl (input, GLOSS_FORMAT_JSONL, folder, NULL,
                                     GLOSS_OFFSETS_CODE_POINTS, &import_summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (import_summary.problems->len, ==, 0);
  g_assert_cmpuint (import_summary.sidecars, ==, 1);

  sidecar_path = g_build_filename (imported, "sky.txt.alice.gloss.json", NULL);
  sidecar = read_file (sidecar_path);
  g_assert_cmpstr (sidecar, ==, f->sidecar);
}

/* The import checks values the way the sidecar reader does: a value the
 * label set does not declare, apply or allow is kept with a located
 * warning; a member that is no value is a located error and left out. */
static void
test_jsonl_import_checks (Fixture       *f,
                          gconstpointer  data)
{
  static const char line[] =
    "{\"id\": \"sky.txt\", \"text\": \"Alice said the sky is green. Bob agreed.\\n\", \"annotator\": \"bob\","
    " \"spans\": ["
    "{\"id\": \"a-1\", \"start\": 0, \"end\": 5, \"label\": \"person\","
    " \"attributes\": {\"mood\": \"calm\", \"verdict\": \"true\", \"wikidata\": \"L7\", \"score\": null}},"
    "{\"id\": \"a-2\", \"start\": 11, \"end\": 27, \"label\": \"claim\","
    " \"attributes\": {\"verdict\": 3, \"score\": {\"a\": 1}, \"checkworthy\": false, \"tags\": []}},"
    "{\"id\": \"a-3\", \"start\": 29, \"end\": 32, \"label\": \"person\", \"attributes\": 5}],"
    " \"relations\": [],"
    " \"document_labels\": {\"stance\": [1], \"season\": \"winter\", \"topic\": [\"politics\"]}}\n";
  static const char *const expected[] = {
    ":1: spans[0].attributes.mood: “mood” is not an attribute of the label set; kept",
    ":1: spans[0].attributes.verdict: the attribute “verdict” does not apply to the label “person”; kept",
    ":1: spans[0].attributes.wikidata: ",  /* the pattern's own sentence follows */
    ":1: spans[0].attributes.score: ",
    ":1: spans[1].attributes.verdict: ",
    ":1: spans[1].attributes.score: ",
    ":1: spans[2].attributes is not an object; not kept",
    ":1: document_labels.stance: ",
    ":1: document_labels.season: “season” is not an article field of the label set; kept",
  };
  const guint expected_warnings = 5;   /* mood, verdict ×2, wikidata, season */
  g_autofree char *input_path = g_build_filename (f->dir, "checks.jsonl", NULL);
  g_autofree char *imported = g_build_filename (f->dir, "imported", NULL);
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GFile) input = g_file_new_for_path (input_path);
  g_autoptr(GFile) folder = g_file_new_for_path (imported);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GlossImportSummary) summary = { 0 };
  JsonObject *root;
  JsonArray *annotations;

  g_assert_cmpint (g_mkdir (imported, 0755), ==, 0);
  write_file (imported, "gloss-labels.json", labels_json);
  write_file (f->dir, "checks.jsonl", line);

  gloss_import_summary_init (&summary);
  g_assert_true (gloss_import_jsonl (input, GLOSS_FORMAT_JSONL, folder, NULL,
                                     GLOSS_OFFSETS_CODE_POINTS, &summary, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < summary.problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (summary.problems, i));
  g_assert_cmpuint (summary.problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < summary.problems->len && !found; j++)
        {
          const char *problem = g_ptr_array_index (summary.problems, j);

          found = g_str_has_prefix (problem, input_path)
                  && g_str_has_prefix (problem + strlen (input_path), expected[i]);
        }
      if (!found)
        g_error ("no problem starts with “%s”", expected[i]);
    }
  g_assert_cmpuint (summary.warnings, ==, expected_warnings);
  g_assert_cmpuint (summary.skipped, ==, G_N_ELEMENTS (expected) - expected_warnings);
  g_assert_cmpuint (summary.spans, ==, 3);

  /* The sidecar holds what was kept, and loads. */
  sidecar_path = g_build_filename (imported, "sky.txt.bob.gloss.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, sidecar_path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  annotations = json_object_get_array_member (root, "annotations");
  assert_member_json (json_array_get_object_element (annotations, 0), "attributes",
                      "{\"mood\":\"calm\",\"verdict\":\"true\",\"wikidata\":\"L7\"}");
  assert_member_json (json_array_get_object_element (annotations, 1), "attributes",
                      "{\"checkworthy\":false,\"verdict\":3}");
  g_assert_false (json_object_has_member (json_array_get_object_element (annotations, 2), "attributes"));
  assert_member_json (root, "document_labels", "{\"season\":\"winter\",\"topic\":[\"politics\"]}");
}

/* doccano: the choice fields as "cats", FIELD:VALUE, and the spans also as
 * "entities" triples — the columns doccano's intent detection and slot
 * filling project reads (create_builder() in doccano's
 * backend/data_import/pipeline/factories.py) — besides "label" for a
 * sequence labelling project. The boolean field and every span attribute
 * are lost, and said. */
static void
test_doccano (Fixture       *f,
              gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_DOCCANO, GLOSS_OFFSETS_UTF16, NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  g_autofree char *relation_contents = NULL;
  GlossExportSummary summary;
  JsonObject *record;

  gloss_export_summary_init (&summary);
  contents = export (f, &options, "all.jsonl", &summary);
  g_assert_cmpuint (summary.lost_attributes, ==, 5);
  g_assert_cmpuint (summary.lost_fields, ==, 1);
  gloss_export_summary_clear (&summary);

  record = parse_line (parser, contents);
  assert_member_json (record, "label", "[[0,5,\"person\"],[11,27,\"claim\"]]");
  assert_member_json (record, "entities", "[[0,5,\"person\"],[11,27,\"claim\"]]");
  assert_member_json (record, "cats", "[\"stance:against\",\"topic:science\",\"topic:politics\"]");

  /* A relation project: entities with ids (which doccano's SpanLabel also
   * reads as a dict), and the same categories. */
  options.doccano_relations = TRUE;
  gloss_export_summary_init (&summary);
  relation_contents = export (f, &options, "relations.jsonl", &summary);
  g_assert_cmpuint (summary.lost_fields, ==, 1);
  gloss_export_summary_clear (&summary);
  record = parse_line (parser, relation_contents);
  g_assert_false (json_object_has_member (record, "label"));
  assert_member_json (record, "cats", "[\"stance:against\",\"topic:science\",\"topic:politics\"]");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "entities")), ==, 2);
}

/* doccano, a label set without choice fields: no "cats" and no second
 * copy of the spans; every field is lost. */
static void
test_doccano_no_categories (Fixture       *f,
                            gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_DOCCANO, GLOSS_OFFSETS_UTF16, NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *start = NULL;
  GlossExportSummary summary;
  JsonObject *record;

  /* The same label set up to its article fields. */
  start = g_strndup (labels_json, strstr (labels_json, ",\n  \"document_labels\"") - labels_json);
  labels = g_strconcat (start, " }\n", NULL);
  write_file (f->corpus, "gloss-labels.json", labels);

  gloss_export_summary_init (&summary);
  contents = export (f, &options, "all.jsonl", &summary);
  g_assert_cmpuint (summary.lost_fields, ==, 3);
  gloss_export_summary_clear (&summary);

  record = parse_line (parser, contents);
  g_assert_true (json_object_has_member (record, "label"));
  g_assert_false (json_object_has_member (record, "entities"));
  g_assert_false (json_object_has_member (record, "cats"));
}

/* Imports out/@input_name as @format (doccano: in UTF-16, as its export
 * counts), as "bob", into dir/@folder_name holding the same label set;
 * returns the sidecar written, parsed by @parser. */
static JsonObject *
import_back (Fixture            *f,
             const char         *input_name,
             GlossFormat         format,
             const char         *folder_name,
             JsonParser         *parser,
             GlossImportSummary *summary)
{
  g_autofree char *input_path = g_build_filename (f->out, input_name, NULL);
  g_autofree char *folder_path = g_build_filename (f->dir, folder_name, NULL);
  g_autofree char *sidecar_path = g_build_filename (folder_path, "line-1.txt.bob.gloss.json", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (input_path);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder_path, 0755), ==, 0);
  write_file (folder_path, "gloss-labels.json", labels_json);
  g_assert_true (gloss_import_jsonl (input, format, folder, "bob",
                                     gloss_format_get_default_offsets (format),
                                     summary, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < summary->problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (summary->problems, i));

  g_assert_true (json_parser_load_from_file (parser, sidecar_path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* A sidecar's spans as "label start–end “exact”; …", to compare at once. */
static char *
describe_spans (JsonObject *sidecar)
{
  JsonArray *annotations = json_object_get_array_member (sidecar, "annotations");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *span = json_array_get_object_element (annotations, i);

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " “%s”; ",
                              json_object_get_string_member (span, "label"),
                              json_object_get_int_member (span, "start"),
                              json_object_get_int_member (span, "end"),
                              json_object_get_string_member (span, "exact"));
    }
  return g_string_free (out, FALSE);
}

/* doccano, exported and imported back by Gloss: the same spans and the
 * same choice fields, without a word (what the export could not hold —
 * the attributes, the boolean field — was said there). Both shapes: the
 * classic one, whose line carries the spans twice ("label", and
 * "entities" triples beside "cats"), and the relation one. */
static void
test_doccano_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_DOCCANO, GLOSS_OFFSETS_UTF16, NULL, NULL };
  g_autoptr(JsonParser) original_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_spans = NULL;
  JsonObject *original;

  g_assert_true (json_parser_load_from_data (original_parser, f->sidecar, -1, &error));
  g_assert_no_error (error);
  original = json_node_get_object (json_parser_get_root (original_parser));
  expected_spans = describe_spans (original);

  for (guint relations = 0; relations < 2; relations++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(GlossImportSummary) import_summary = { 0 };
      g_autofree char *contents = NULL;
      g_autofree char *spans = NULL;
      GlossExportSummary summary;
      JsonObject *imported;

      options.doccano_relations = relations;
      gloss_export_summary_init (&summary);
      contents = export (f, &options, relations ? "relations.jsonl" : "classic.jsonl", &summary);
      gloss_export_summary_clear (&summary);

      gloss_import_summary_init (&import_summary);
      imported = import_back (f, relations ? "relations.jsonl" : "classic.jsonl",
                              GLOSS_FORMAT_DOCCANO, relations ? "relations" : "classic",
                              parser, &import_summary);
      g_assert_cmpuint (import_summary.problems->len, ==, 0);
      g_assert_cmpuint (import_summary.skipped, ==, 0);
      g_assert_cmpuint (import_summary.spans, ==, 2);
      g_assert_cmpuint (import_summary.relations, ==, relations);

      spans = describe_spans (imported);
      g_assert_cmpstr (spans, ==, expected_spans);
      assert_member_json (imported, "document_labels",
                          "{\"stance\":\"against\",\"topic\":[\"science\",\"politics\"]}");
      if (relations)
        assert_member_json (imported, "relations",
                            "[{\"id\":\"r-1\",\"type\":\"speaker\",\"from\":\"a-2\",\"to\":\"a-1\"}]");
    }
}

/* doccano's "cats" read back into the article's fields and checked like
 * the rest of the import: FIELD:VALUE split at the first ":", a multiple
 * choice field's values gathered in a list (so is a field given several
 * values); what the label set does not declare or allow is kept with a
 * located warning; what is no FIELD:VALUE string is a located error and
 * left out. The spans come from "entities" triples alone. */
static void
test_doccano_import_cats (Fixture       *f,
                          gconstpointer  data)
{
  static const char line[] =
    "{\"text\": \"Alice said the sky is green. Bob agreed.\\n\","
    " \"entities\": [[0, 5, \"person\"], [11, 27, \"claim\"]],"
    " \"cats\": [\"topic:politics\", \"stance:for\", \"season:winter\", \"mood\", 5,"
    " \"topic:science\", \"breaking:true\", \"stance:against\", \":x\", \"note:a:b\"]}\n";
  static const char *const expected[] = {
    ":1: cats[1]: ",       /* stance, a single choice given two values */
    ":1: cats[2]: “season” is not an article field of the label set; kept",
    ":1: cats[3] is not a “FIELD:VALUE” string; not kept",
    ":1: cats[4] is not a “FIELD:VALUE” string; not kept",
    ":1: cats[6]: ",       /* breaking, a boolean given a string */
    ":1: cats[8] is not a “FIELD:VALUE” string; not kept",
    ":1: cats[9]: “note” is not an article field of the label set; kept",
  };
  const guint expected_warnings = 4;
  g_autofree char *input_path = g_build_filename (f->out, "cats.jsonl", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GlossImportSummary) summary = { 0 };
  g_autofree char *spans = NULL;
  JsonObject *imported;

  write_file (f->out, "cats.jsonl", line);
  gloss_import_summary_init (&summary);
  imported = import_back (f, "cats.jsonl", GLOSS_FORMAT_DOCCANO, "imported", parser, &summary);

  g_assert_cmpuint (summary.problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < summary.problems->len && !found; j++)
        {
          const char *problem = g_ptr_array_index (summary.problems, j);

          found = g_str_has_prefix (problem, input_path)
                  && g_str_has_prefix (problem + strlen (input_path), expected[i]);
        }
      if (!found)
        g_error ("no problem starts with “%s”", expected[i]);
    }
  g_assert_cmpuint (summary.warnings, ==, expected_warnings);
  g_assert_cmpuint (summary.skipped, ==, G_N_ELEMENTS (expected) - expected_warnings);
  g_assert_cmpuint (summary.spans, ==, 2);

  spans = describe_spans (imported);
  g_assert_cmpstr (spans, ==, "person 0–5 “Alice”; claim 11–27 “the sky is green”; ");
  assert_member_json (imported, "document_labels",
                      "{\"breaking\":\"true\",\"note\":\"a:b\",\"season\":\"winter\","
                      "\"stance\":[\"for\",\"against\"],\"topic\":[\"politics\",\"science\"]}");
}

/* csv: a value that is set but writes as an empty cell — empty text, a
 * list of one empty text — cannot be told from no value there, so it is
 * counted as lost and said, with the sidecar and the span or field. */
static void
test_csv_empty_values (Fixture       *f,
                       gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autoptr(GString) sidecar = NULL;
  g_autofree char *contents = NULL;
  GlossExportSummary summary;
  guint said_attributes = 0, said_fields = 0;

  /* tags [""], wikidata "", stance "" (the reader keeps each with a
   * warning); and the topic ["", ""], which writes "|", is not lost. */
  write_sidecar (f, "          \"\"");
  sidecar = g_string_new (f->sidecar);
  g_string_replace (sidecar, "\"Q42\"", "\"\"", 1);
  g_string_replace (sidecar, "\"stance\": \"against\"", "\"stance\": \"\"", 1);
  g_string_replace (sidecar, "\"science\",\n      \"politics\"", "\"\",\n      \"\"", 1);
  write_file (f->corpus, "sky.txt.alice.gloss.json", sidecar->str);

  gloss_export_summary_init (&summary);
  contents = export (f, &options, "empty.csv", &summary);
  g_assert_nonnull (strstr (contents, "\r\nsky.txt,alice,a-1,person,0,5,Alice,,,,,,,,,|,true\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nsky.txt,alice,a-2,claim,11,27,the sky is green,,a-1,true,false,7.5,,,,|,true\r\n"));
  g_assert_cmpuint (summary.lost_attributes, ==, 2);
  g_assert_cmpuint (summary.lost_fields, ==, 1);

  for (guint i = 0; i < summary.problems->len; i++)
    {
      const char *problem = g_ptr_array_index (summary.problems, i);

      g_test_message ("%s", problem);
      g_assert_true (g_str_has_prefix (problem, f->corpus));
      g_assert_nonnull (strstr (problem, "sky.txt.alice.gloss.json: "));
      if (strstr (problem, "span a-1") != NULL && strstr (problem, "wikidata") != NULL)
        said_attributes++;
      else if (strstr (problem, "span a-2") != NULL && strstr (problem, "tags") != NULL)
        said_attributes++;
      else if (strstr (problem, "stance") != NULL)
        said_fields++;
    }
  g_assert_cmpuint (summary.problems->len, ==, 3);
  g_assert_cmpuint (said_attributes, ==, 2);
  g_assert_cmpuint (said_fields, ==, 1);
  gloss_export_summary_clear (&summary);
}

/* csv: the old columns in place, then one per declared attribute and
 * article field, the values as text. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  static const char expected[] =
    "article,annotator,id,label,start,end,text,note,speaker,"
    "checkworthy,verdict,score,tags,wikidata,"
    "document_labels.stance,document_labels.topic,document_labels.breaking\r\n"
    "sky.txt,alice,a-1,person,0,5,Alice,,,,,,,Q42,against,science|politics,true\r\n"
    "sky.txt,alice,a-2,claim,11,27,the sky is green,,a-1,true,false,7.5,sky|health,,against,science|politics,true\r\n";
  GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *contents = NULL;
  GlossExportSummary summary;

  gloss_export_summary_init (&summary);
  contents = export (f, &options, "all.csv", &summary);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpuint (summary.lost_attributes, ==, 0);
  g_assert_cmpuint (summary.lost_fields, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* csv: several values joined with "|", a "|" or "\" inside one escaped
 * with "\". */
static void
test_csv_escapes (Fixture       *f,
                  gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autofree char *contents = NULL;
  GlossExportSummary summary;

  write_sidecar (f, tags_escaped);
  gloss_export_summary_init (&summary);
  contents = export (f, &options, "escaped.csv", &summary);
  g_assert_nonnull (strstr (contents, ",true,false,7.5,a\\|b|c\\\\d,,against,"));
  gloss_export_summary_clear (&summary);
}

/* csv: an attribute named like one of the nine columns gets a column of
 * its own name, "attributes.ID", so that a reader by name finds both. */
static void
test_csv_column_names (Fixture       *f,
                       gconstpointer  data)
{
  GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  g_autoptr(GString) labels = g_string_new (labels_json);
  g_autoptr(GString) sidecar = g_string_new (f->sidecar);
  g_autofree char *contents = NULL;
  GlossExportSummary summary;

  g_string_replace (labels, "\"wikidata\"", "\"note\"", 1);
  g_string_replace (sidecar, "\"wikidata\"", "\"note\"", 1);
  write_file (f->corpus, "gloss-labels.json", labels->str);
  write_file (f->corpus, "sky.txt.alice.gloss.json", sidecar->str);

  gloss_export_summary_init (&summary);
  contents = export (f, &options, "names.csv", &summary);
  g_assert_true (g_str_has_prefix (contents,
                                   "article,annotator,id,label,start,end,text,note,speaker,"
                                   "checkworthy,verdict,score,tags,attributes.note,document_labels.stance,"));
  g_assert_nonnull (strstr (contents, "\r\nsky.txt,alice,a-1,person,0,5,Alice,,,,,,,Q42,against,"));
  g_assert_cmpuint (summary.lost_attributes, ==, 0);
  gloss_export_summary_clear (&summary);
}

/* csv: an article whose spans are all filtered out has no row, so its
 * fields are lost, and said. */
static void
test_csv_no_row (Fixture       *f,
                 gconstpointer  data)
{
  char *only[] = { (char *) "nothing", NULL };
  GlossExportOptions options = { GLOSS_FORMAT_CSV, GLOSS_OFFSETS_CODE_POINTS, NULL, only };
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = g_file_new_for_path (f->corpus);
  g_autofree char *path = g_build_filename (f->out, "none.csv", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GlossExportSummary summary;

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);
  gloss_export_summary_init (&summary);
  g_assert_true (gloss_export_corpus (corpus, root, &options, output, NULL, NULL,
                                      &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.lost_fields, ==, 3);
  gloss_export_summary_clear (&summary);

  contents = read_file (path);
  g_assert_true (g_str_has_prefix (contents, "article,annotator,id,label,start,end,text,note,speaker,checkworthy,"));
  g_assert_nonnull (strchr (contents, '\n'));
  g_assert_cmpstr (strchr (contents, '\n'), ==, "\n");
}

/* Numbers as the sidecar writes them, in the score and in a number field
 * of the article ("words"): json-glib's generator made "1e+21.0" of 1e21,
 * which no JSON reader takes, and 0 of -0.0. Each jsonl and doccano line
 * must parse, hold the number as the sidecar spells it, and the jsonl
 * import must write the same sidecar back; the csv cell is the same
 * text. */
static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  static const char *const numbers[] = {
    "1e+17", "5e+20", "1e+21", "-1e+22", "1e+100", "-0.0", "0.1", "1.5e-300", "9007199254740992",
  };
  g_autoptr(GString) labels = g_string_new (labels_json);

  /* No bounds on the score, and a number field. */
  g_string_replace (labels, ", \"min\": 0, \"max\": 10", "", 1);
  g_string_replace (labels, "{ \"id\": \"breaking\", \"type\": \"boolean\" } ] }",
                    "{ \"id\": \"breaking\", \"type\": \"boolean\" },\n"
                    "    { \"id\": \"words\", \"type\": \"number\" } ] }", 1);
  write_file (f->corpus, "gloss-labels.json", labels->str);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
      g_autoptr(GString) sidecar = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *score = g_strdup_printf ("\"score\": %s,", numbers[i]);
      g_autofree char *words = g_strdup_printf ("\"politics\"\n    ],\n    \"words\": %s\n  },", numbers[i]);
      g_autofree char *member = g_strdup_printf (":%s", numbers[i]);
      g_autofree char *cell = g_strdup_printf (",true,false,%s,sky|health,", numbers[i]);
      g_autofree char *name = g_strdup_printf ("n%u.jsonl", i);
      g_autofree char *doccano_name = g_strdup_printf ("n%u.doccano.jsonl", i);
      g_autofree char *csv_name = g_strdup_printf ("n%u.csv", i);
      g_autofree char *contents = NULL;
      g_autofree char *doccano = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *folder_path = g_strdup_printf ("%s/imported-%u", f->dir, i);
      g_autofree char *input_path = g_build_filename (f->out, name, NULL);
      g_autofree char *sidecar_path = g_build_filename (folder_path, "sky.txt.alice.gloss.json", NULL);
      g_autofree char *written = NULL;
      g_autoptr(GFile) input = g_file_new_for_path (input_path);
      g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
      g_autoptr(GError) error = NULL;
      g_auto(GlossImportSummary) import_summary = { 0 };
      GlossExportSummary summary;
      JsonObject *record;

      g_test_message ("%s", numbers[i]);
      sidecar = g_string_new (NULL);
      write_sidecar (f, tags_declared);
      g_string_assign (sidecar, f->sidecar);
      g_assert_cmpuint (g_string_replace (sidecar, "\"score\": 7.5,", score, 1), ==, 1);
      g_assert_cmpuint (g_string_replace (sidecar, "\"politics\"\n    ]\n  },", words, 1), ==, 1);
      write_file (f->corpus, "sky.txt.alice.gloss.json", sidecar->str);

      gloss_export_summary_init (&summary);
      contents = export (f, &options, name, &summary);
      g_assert_cmpuint (summary.lost_attributes, ==, 0);
      g_assert_cmpuint (summary.lost_fields, ==, 0);
      gloss_export_summary_clear (&summary);
      g_assert_nonnull (strstr (contents, member));
      record = parse_line (parser, contents);
      g_assert_true (json_object_has_member (span_at (record, "spans", 1), "attributes"));

      options.format = GLOSS_FORMAT_DOCCANO;
      gloss_export_summary_init (&summary);
      doccano = export (f, &options, doccano_name, &summary);
      gloss_export_summary_clear (&summary);
      parse_line (parser, doccano);

      options.format = GLOSS_FORMAT_CSV;
      gloss_export_summary_init (&summary);
      csv = export (f, &options, csv_name, &summary);
      gloss_export_summary_clear (&summary);
      g_assert_nonnull (strstr (csv, cell));

      /* Imported back: the very sidecar exported from. */
      g_assert_cmpint (g_mkdir (folder_path, 0755), ==, 0);
      write_file (folder_path, "gloss-labels.json", labels->str);
      gloss_import_summary_init (&import_summary);
      g_assert_true (gloss_import_jsonl (input, GLOSS_FORMAT_JSONL, folder, NULL,
                                         GLOSS_OFFSETS_CODE_POINTS, &import_summary, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (import_summary.problems->len, ==, 0);
      g_assert_cmpuint (import_summary.sidecars, ==, 1);
      written = read_file (sidecar_path);
      g_assert_cmpstr (written, ==, sidecar->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-attributes/jsonl/round-trip", Fixture, NULL,
              fixture_set_up, test_jsonl_round_trip, fixture_tear_down);
  g_test_add ("/export-attributes/jsonl/import-checks", Fixture, NULL,
              fixture_set_up, test_jsonl_import_checks, fixture_tear_down);
  g_test_add ("/export-attributes/doccano", Fixture, NULL,
              fixture_set_up, test_doccano, fixture_tear_down);
  g_test_add ("/export-attributes/doccano/no-categories", Fixture, NULL,
              fixture_set_up, test_doccano_no_categories, fixture_tear_down);
  g_test_add ("/export-attributes/doccano/round-trip", Fixture, NULL,
              fixture_set_up, test_doccano_round_trip, fixture_tear_down);
  g_test_add ("/export-attributes/doccano/import-cats", Fixture, NULL,
              fixture_set_up, test_doccano_import_cats, fixture_tear_down);
  g_test_add ("/export-attributes/csv", Fixture, NULL,
              fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/export-attributes/csv/escapes", Fixture, NULL,
              fixture_set_up, test_csv_escapes, fixture_tear_down);
  g_test_add ("/export-attributes/csv/column-names", Fixture, NULL,
              fixture_set_up, test_csv_column_names, fixture_tear_down);
  g_test_add ("/export-attributes/csv/no-row", Fixture, NULL,
              fixture_set_up, test_csv_no_row, fixture_tear_down);
  g_test_add ("/export-attributes/csv/empty-values", Fixture, NULL,
              fixture_set_up, test_csv_empty_values, fixture_tear_down);
  g_test_add ("/export-attributes/numbers", Fixture, NULL,
              fixture_set_up, test_numbers, fixture_tear_down);

  return g_test_run ();
}

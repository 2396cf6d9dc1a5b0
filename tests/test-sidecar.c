/* test-sidecar.c — sidecar round trips, unknown keys, saving and names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-annotation-private.h"
#include "gloss-file-monitor.h"
#include "gloss-sidecar-private.h"
#include "gloss-test-utils.h"

/* An article of our own, with the characters that trip offset counting. */
static const char article_text[] =
  "Harbour talks stall — again\n"
  "\n"
  "“We are not leaving,” said Zoë Núñez, the union’s spokeswoman. "
  "Residents posted 🇺🇦 flags and 👨‍👩‍👧 pictures online.\n";

typedef struct
{
  char          *dir;
  GFile         *article;
  GlossDocument *document;
  GFile         *sidecar_file;
} Fixture;

static void
write_file (GFile      *file,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-sidecar-XXXXXX", &error);
  g_assert_no_error (error);

  article_path = g_build_filename (f->dir, "talks.txt", NULL);
  f->article = g_file_new_for_path (article_path);
  write_file (f->article, article_text, -1);

  f->document = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);

  sidecar_path = g_build_filename (f->dir, "talks.txt.alice.gloss.json", NULL);
  f->sidecar_file = g_file_new_for_path (sidecar_path);
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->article);
  g_clear_object (&f->document);
  g_clear_object (&f->sidecar_file);
}

static guint
count_files (const char *dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

/* Offsets in code points of the first occurrence of @needle. */
static guint
offset_of (const char *needle)
{
  const char *at = strstr (article_text, needle);

  g_assert_nonnull (at);
  return (guint) g_utf8_strlen (article_text, at - article_text);
}

static GlossAnnotation *
create (GlossSidecar *sidecar,
        const char   *label,
        const char   *text)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  guint start = offset_of (text);
  GlossAnnotation *annotation;

  annotation = gloss_annotation_set_create (set, label, start,
                                            start + g_utf8_strlen (text, -1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, text);
  return annotation;
}

static GlossSidecar *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  GlossSidecar *sidecar = gloss_sidecar_new (f->sidecar_file, f->document);

  gloss_sidecar_load (sidecar, labels, NULL, &error);
  g_assert_no_error (error);
  return sidecar;
}

/* The streaming writer (what is saved) against the tree writer it replaced:
 * the same bytes, or where they part. */
static void
assert_stream_matches_tree (GlossSidecar *sidecar)
{
  g_autoptr(GBytes) stream = gloss_sidecar_serialize (sidecar);
  g_autoptr(GBytes) tree = gloss_sidecar_serialize_tree (sidecar);
  gsize stream_size, tree_size, i;
  const char *a = g_bytes_get_data (stream, &stream_size);
  const char *b = g_bytes_get_data (tree, &tree_size);

  for (i = 0; i < MIN (stream_size, tree_size) && a[i] == b[i]; i++)
    ;
  if (i < stream_size || i < tree_size)
    g_error ("the saved text (%" G_GSIZE_FORMAT " bytes) and the tree's (%" G_GSIZE_FORMAT
             ") part at byte %" G_GSIZE_FORMAT ":\n%.*s\n---\n%.*s",
             stream_size, tree_size, i,
             (int) MIN (80, stream_size - MIN (i, stream_size)), a + MIN (i, stream_size),
             (int) MIN (80, tree_size - MIN (i, tree_size)), b + MIN (i, tree_size));
}

static void
test_names (void)
{
  g_autofree char *name = gloss_sidecar_build_name ("kyiv-talks.txt", "alice");
  g_autofree char *article = NULL;
  g_autofree char *annotator = NULL;

  g_assert_cmpstr (name, ==, "kyiv-talks.txt.alice.gloss.json");
  g_assert_true (gloss_sidecar_parse_name (name, &article, &annotator));
  g_assert_cmpstr (article, ==, "kyiv-talks.txt");
  g_assert_cmpstr (annotator, ==, "alice");

  g_assert_false (gloss_sidecar_parse_name ("kyiv-talks.txt", NULL, NULL));
  g_assert_false (gloss_sidecar_parse_name ("kyiv-talks.txt.Alice.gloss.json", NULL, NULL));
  g_assert_false (gloss_sidecar_parse_name (".alice.gloss.json", NULL, NULL));
  g_assert_false (gloss_sidecar_parse_name ("gloss.json", NULL, NULL));

  g_assert_true (gloss_annotator_id_is_valid ("a"));
  g_assert_true (gloss_annotator_id_is_valid ("0team_lead-2"));
  g_assert_false (gloss_annotator_id_is_valid (""));
  g_assert_false (gloss_annotator_id_is_valid ("-alice"));
  g_assert_false (gloss_annotator_id_is_valid ("_alice"));
  g_assert_false (gloss_annotator_id_is_valid ("alice smith"));
  g_assert_false (gloss_annotator_id_is_valid ("Zoë"));
}

/* A new sidecar: created, edited, saved, loaded back the same. */
static void
test_new_save_load (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossSidecar) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *quote, *person;

  sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_assert_true (g_file_equal (gloss_sidecar_get_file (sidecar), f->sidecar_file));
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_NEW);
  g_assert_false (gloss_sidecar_is_dirty (sidecar));

  gloss_sidecar_set_annotator_name (sidecar, "Alice Moreau");
  quote = create (sidecar, "quote", "“We are not leaving,”");
  person = create (sidecar, "person", "Zoë Núñez");
  create (sidecar, "location", "🇺🇦");
  gloss_annotation_set_change_note (gloss_sidecar_get_annotations (sidecar), person,
                                    "line one\nline “two”\t\\ done", &error);
  g_assert_no_error (error);
  gloss_annotation_set_add_relation (gloss_sidecar_get_annotations (sidecar),
                                     GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (quote),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_is_dirty (sidecar));

  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  /* the article and the sidecar, no temporary file left behind */
  g_assert_cmpuint (count_files (f->dir), ==, 2);

  first = read_file (f->sidecar_file);
  {
    g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, first);
    g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, sha);
  }

  again = load (f);
  g_assert_cmpint (gloss_sidecar_get_state (again), ==, GLOSS_SIDECAR_STATE_LOADED);
  g_assert_cmpstr (gloss_sidecar_get_annotator_name (again), ==, "Alice Moreau");
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (again)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (again))), ==, 1);
  g_assert_cmpstr (gloss_annotation_get_note (gloss_annotation_set_lookup (gloss_sidecar_get_annotations (again),
                                                                            gloss_annotation_get_id (person))),
                   ==, "line one\nline “two”\t\\ done");

  second = gloss_sidecar_serialize (again);
  g_assert_true (g_bytes_equal (first, second));
}

/* The exact layout of a saved file: key order, indentation, trailing newline. */
static void
test_canonical_layout (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;
  GlossAnnotation *annotation;
  const char *text;
  gsize size;

  gloss_sidecar_set_annotator_name (sidecar, "Alice");
  annotation = create (sidecar, "person", "Zoë Núñez");

  bytes = gloss_sidecar_serialize (sidecar);
  text = g_bytes_get_data (bytes, &size);

  expected = g_strdup_printf (
    "{\n"
    "  \"format\": \"gloss\",\n"
    "  \"version\": 1,\n"
    "  \"document\": {\n"
    "    \"file\": \"talks.txt\",\n"
    "    \"sha256\": \"%s\",\n"
    "    \"length\": %u\n"
    "  },\n"
    "  \"annotator\": {\n"
    "    \"id\": \"alice\",\n"
    "    \"name\": \"Alice\"\n"
    "  },\n"
    "  \"annotations\": [\n"
    "    {\n"
    "      \"id\": \"%s\",\n"
    "      \"label\": \"person\",\n"
    "      \"start\": %u,\n"
    "      \"end\": %u,\n"
    "      \"exact\": \"Zoë Núñez\",\n"
    "      \"prefix\": \"ain\\n\\n“We are not leaving,” said \",\n"
    "      \"suffix\": \"%s\",\n"
    "      \"note\": \"\",\n"
    "      \"created\": \"%s\",\n"
    "      \"modified\": \"%s\"\n"
    "    }\n"
    "  ],\n"
    "  \"relations\": []\n"
    "}\n",
    gloss_document_get_sha256 (f->document),
    gloss_document_get_length (f->document),
    gloss_annotation_get_id (annotation),
    gloss_annotation_get_start (annotation),
    gloss_annotation_get_end (annotation),
    gloss_annotation_get_suffix (annotation),
    gloss_annotation_get_created (annotation),
    gloss_annotation_get_modified (annotation));

  /* 32 code points of context each side; the prefix spans the blank line,
   * which the expected text above must show escaped. */
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==,
                   "ain\n\n“We are not leaving,” said ");
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==,
                   ", the union’s spokeswoman. Resid");
  g_assert_cmpuint (size, ==, strlen (expected));
  g_assert_cmpstr (text, ==, expected);
}

static char *
sidecar_json (GlossDocument *document,
              const char    *annotations,
              const char    *extra_top)
{
  return g_strdup_printf (
    "{\"format\":\"gloss\",\"version\":1,"
    "\"document\":{\"file\":\"talks.txt\",\"sha256\":\"%s\",\"length\":%u},"
    "\"annotator\":{\"id\":\"alice\",\"name\":\"A\"},"
    "\"annotations\":[%s],\"relations\":[]%s}",
    gloss_document_get_sha256 (document), gloss_document_get_length (document),
    annotations, extra_top);
}

/* Keys a newer Gloss or another tool wrote survive a load and a save. */
static void
test_unknown_keys_survive (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *annotation = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *ann;
  guint start = offset_of ("Zoë Núñez");

  annotation = g_strdup_printf (
    "{\"id\":\"a-1\",\"label\":\"person\",\"start\":%u,\"end\":%u,\"exact\":\"Zoë Núñez\","
    "\"confidence\":0.75,\"source\":{\"tool\":\"x\",\"tags\":[1,true,null,\"é\"]}}",
    start, start + 9);
  json = sidecar_json (f->document, annotation,
                       ",\"project\":{\"name\":\"harbour\",\"round\":2},\"z-last\":[]");
  write_file (f->sidecar_file, json, -1);

  sidecar = load (f);
  saved = gloss_sidecar_serialize (sidecar);

  json_parser_load_from_data (parser, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "project"), "round"), ==, 2);
  g_assert_true (json_object_has_member (root, "z-last"));

  ann = json_array_get_object_element (json_object_get_array_member (root, "annotations"), 0);
  g_assert_cmpfloat (json_object_get_double_member (ann, "confidence"), ==, 0.75);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (ann, "source"), "tags"), 3), ==, "é");

  /* and the saved form is stable: load it again, same bytes */
  write_file (f->sidecar_file, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  {
    g_autoptr(GlossSidecar) again = load (f);
    g_autoptr(GBytes) resaved = gloss_sidecar_serialize (again);
    g_assert_true (g_bytes_equal (saved, resaved));
  }
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "\"confidence\": 0.75,\n"));
}

/* Whatever order the file has, the saved order is (start, end, label, id). */
static void
test_sorted_on_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *json = NULL;
  guint zoe = offset_of ("Zoë Núñez");
  guint flag = offset_of ("🇺🇦");
  const char *text, *a, *b, *c;

  annotations = g_strdup_printf (
    "{\"id\":\"a-3\",\"label\":\"location\",\"start\":%u,\"end\":%u,\"exact\":\"🇺🇦\"},"
    "{\"id\":\"a-2\",\"label\":\"person\",\"start\":%u,\"end\":%u,\"exact\":\"Zoë Núñez\"},"
    "{\"id\":\"a-1\",\"label\":\"misc\",\"start\":%u,\"end\":%u,\"exact\":\"Zoë Núñez\"}",
    flag, flag + 2, zoe, zoe + 9, zoe, zoe + 9);
  json = sidecar_json (f->document, annotations, "");
  write_file (f->sidecar_file, json, -1);

  sidecar = load (f);
  saved = gloss_sidecar_serialize (sidecar);
  text = g_bytes_get_data (saved, NULL);
  a = strstr (text, "\"a-1\"");
  b = strstr (text, "\"a-2\"");
  c = strstr (text, "\"a-3\"");
  g_assert_true (a != NULL && b != NULL && c != NULL);
  g_assert_true (a < b && b < c);
}

/* Every sample sidecar is canonical: loading and saving changes no byte.
 * They are read under the samples' own label set (their attributes,
 * article labels and "contradicts" relations are declared there), which
 * must find nothing to warn of. */
static void
test_samples_round_trip (void)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) labels_error = NULL;
  g_autoptr(GFile) folder = NULL;
  const char *name;
  guint n = 0;

  if (samples == NULL)
    {
      g_test_skip ("GLOSS_SAMPLES_DIR not set");
      return;
    }

  folder = g_file_new_for_path (samples);
  labels = gloss_label_set_find_for_folder (folder, &labels_error);
  g_assert_no_error (labels_error);
  g_assert_nonnull (gloss_label_set_lookup_attribute (labels, "verdict"));

  dir = g_dir_open (samples, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *article_name = NULL;
      g_autofree char *article_path = NULL;
      g_autofree char *sidecar_path = NULL;
      g_autoptr(GFile) article = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GlossDocument) document = NULL;
      g_autoptr(GlossSidecar) sidecar = NULL;
      g_autoptr(GBytes) on_disk = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(GError) error = NULL;

      if (!gloss_sidecar_parse_name (name, &article_name, NULL))
        continue;

      article_path = g_build_filename (samples, article_name, NULL);
      sidecar_path = g_build_filename (samples, name, NULL);
      article = g_file_new_for_path (article_path);
      file = g_file_new_for_path (sidecar_path);

      document = gloss_document_new_from_file (article, NULL, &error);
      g_assert_no_error (error);
      sidecar = gloss_sidecar_new (file, document);
      gloss_sidecar_load (sidecar, labels, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_WARNING), ==, 0);
      g_assert_false (gloss_sidecar_was_reanchored (sidecar));

      on_disk = read_file (file);
      saved = gloss_sidecar_serialize (sidecar);
      if (!g_bytes_equal (on_disk, saved))
        g_error ("%s is not byte-identical after load and save", name);
      assert_stream_matches_tree (sidecar);
      n++;
    }

  g_assert_cmpuint (n, >=, 6);
}

/* A newer format version opens read-only and is never written. */
static void
test_newer_version_read_only (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *json = sidecar_json (f->document, "", ",\"shiny\":true");

  json[strstr (json, "\"version\":1") - json + 10] = '2';
  write_file (f->sidecar_file, json, -1);

  sidecar = load (f);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_NEWER);
  g_assert_true (gloss_sidecar_is_read_only (sidecar));
  g_assert_cmpuint (gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_WARNING), ==, 1);

  g_assert_false (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY);

  after = read_file (f->sidecar_file);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), json, strlen (json));
}

/* The article changed: annotations are re-anchored, orphans kept and saved. */
static void
test_reanchor_on_load (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossSidecar) reloaded = NULL;
  g_autoptr(GlossDocument) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited_text = NULL;
  g_autofree char *head = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *person;
  const GlossAnchorReport *report;

  sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  gloss_sidecar_set_annotator_name (sidecar, "Alice");
  create (sidecar, "person", "Zoë Núñez");
  create (sidecar, "misc", "👨‍👩‍👧 pictures");
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);

  /* Insert a line at the top and delete the pictures sentence. */
  head = g_strndup (article_text, strstr (article_text, "Residents") - article_text);
  edited_text = g_strconcat ("UPDATED 10:42\n", head, "\n", NULL);
  write_file (f->article, edited_text, -1);
  edited = gloss_document_new_from_file (f->article, NULL, &error);
  g_assert_no_error (error);

  reloaded = gloss_sidecar_new (f->sidecar_file, edited);
  g_assert_true (gloss_sidecar_load (reloaded, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_was_reanchored (reloaded));
  report = gloss_sidecar_get_anchor_report (reloaded);
  g_assert_cmpuint (report->moved, ==, 1);
  g_assert_cmpuint (report->orphaned, ==, 1);
  g_assert_cmpuint (gloss_sidecar_count_problems (reloaded, GLOSS_SEVERITY_INFO), ==, 1);

  set = gloss_sidecar_get_annotations (reloaded);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_orphans (set)), ==, 1);
  person = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_true (gloss_document_slice_equals (edited, gloss_annotation_get_start (person),
                                              gloss_annotation_get_end (person), "Zoë Núñez"));
  g_object_unref (person);

  /* Saved: the orphan stays in the file, marked, and loads back as an orphan. */
  g_assert_true (gloss_sidecar_save (reloaded, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = read_file (f->sidecar_file);
    g_autoptr(GlossSidecar) third = gloss_sidecar_new (f->sidecar_file, edited);

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "\"orphaned\": true"));
    g_assert_true (gloss_sidecar_load (third, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (gloss_sidecar_was_reanchored (third));
    g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_orphans (gloss_sidecar_get_annotations (third))), ==, 1);
  }
}

/* Saving replaces the file in one step: never a half-written sidecar. */
static void
test_save_replaces_atomically (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf before, after;
  g_autofree char *path = g_file_get_path (f->sidecar_file);

  write_file (f->sidecar_file, "old", -1);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  create (sidecar, "person", "Zoë Núñez");
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);

  /* rename() gives the path a new inode; an in-place rewrite would not */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);

  bytes = read_file (f->sidecar_file);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "{\n  \"format\": \"gloss\""));
  g_assert_cmpuint (count_files (f->dir), ==, 2);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_sidecar_save_finish (GLOSS_SIDECAR (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_save_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) expected = NULL;
  gboolean done = FALSE;

  create (sidecar, "quote", "“We are not leaving,”");
  gloss_sidecar_save_async (sidecar, NULL, on_saved, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  bytes = read_file (f->sidecar_file);
  expected = gloss_sidecar_serialize (sidecar);
  g_assert_true (g_bytes_equal (bytes, expected));
}

/* Everything the format holds, in the streaming writer as in the tree:
 * unknown keys at every level (some with the names of known ones, which
 * take their place), orphans sorted in, every escape, timestamps or none,
 * the done mark, relations. */
static void
test_stream_matches_tree (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) replaced = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *json = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *quote, *person, *flags;
  GlossRelation *relation;
  guint start = offset_of ("Zoë Núñez");
  guint orphan_start = offset_of ("Residents");

  annotations = g_strdup_printf (
    "{\"id\":\"a-1\",\"label\":\"person\",\"start\":%u,\"end\":%u,\"exact\":\"Zoë Núñez\","
    "\"confidence\":0.75,\"source\":{\"tool\":\"x\",\"tags\":[1,true,null,\"é\",{}],\"none\":[]}},"
    "{\"id\":\"a-0\",\"label\":\"misc\",\"start\":%u,\"end\":%u,\"exact\":\"gone\","
    "\"orphaned\":true,\"created\":\"2026-01-01T00:00:00Z\"},"
    "{\"id\":\"a-9\",\"label\":\"misc\",\"start\":0,\"end\":1,\"exact\":\"x\",\"orphaned\":true}",
    start, start + 9, orphan_start, orphan_start + 4);
  json = g_strdup_printf (
    "{\"format\":\"gloss\",\"version\":1,"
    "\"document\":{\"file\":\"talks.txt\",\"sha256\":\"%s\",\"length\":%u,\"source\":\"wire\"},"
    "\"annotator\":{\"id\":\"alice\",\"name\":\"A \\\"Al\\\" \\\\ B\",\"team\":[\"x\"]},"
    "\"annotations\":[%s],\"relations\":[],"
    "\"project\":{\"name\":\"harbour\",\"round\":2,\"weight\":1e300,\"small\":-0.5},\"z-last\":[]}",
    gloss_document_get_sha256 (f->document), gloss_document_get_length (f->document),
    annotations);
  write_file (f->sidecar_file, json, -1);

  sidecar = load (f);
  set = gloss_sidecar_get_annotations (sidecar);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_orphans (set)), ==, 2);
  assert_stream_matches_tree (sidecar);

  /* Edits: a note with every character that needs escaping, a relation. */
  quote = create (sidecar, "quote", "“We are not leaving,”");
  gloss_annotation_set_change_note (set, quote, "tab\t nl\n cr\r bs\b ff\f \x01 \x1f \x7f "
                                    "quote\" backslash\\ é 🇺🇦", &error);
  g_assert_no_error (error);
  person = gloss_annotation_set_lookup (set, "a-1");
  relation = gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                                gloss_annotation_get_id (quote),
                                                gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  gloss_sidecar_set_done (sidecar, TRUE);
  assert_stream_matches_tree (sidecar);

  /* Unknown keys with known names (only a program puts them there): they
   * take the known member's place. */
  flags = create (sidecar, "misc", "👨‍👩‍👧");
  {
    g_autoptr(JsonObject) extra = json_object_new ();
    json_object_set_string_member (extra, "label", "overridden");
    json_object_set_int_member (extra, "later", 3);
    gloss_annotation_set_extra (flags, extra);
  }
  {
    g_autoptr(JsonObject) extra = json_object_new ();
    json_object_set_string_member (extra, "note", "on a relation");
    gloss_relation_set_extra (relation, extra);
  }
  assert_stream_matches_tree (sidecar);
  {
    g_autoptr(JsonObject) extra = json_object_new ();
    json_object_set_string_member (extra, "type", "not speaker");
    gloss_relation_set_extra (relation, extra);
  }
  replaced = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (replaced, json_object_new ());
  gloss_sidecar_set_extra_member (sidecar, "version", replaced);
  assert_stream_matches_tree (sidecar);
  gloss_sidecar_set_extra_member (sidecar, "relations", replaced);
  assert_stream_matches_tree (sidecar);
  gloss_sidecar_set_extra_member (sidecar, "annotations", replaced);
  assert_stream_matches_tree (sidecar);
}

/* What a save holds of an annotation does not change when the annotation
 * does: it is copied on write while held, changed in place when not. */
static void
test_annotation_values_copy_on_write (void)
{
  g_autoptr(GlossAnnotation) annotation =
    gloss_annotation_new_full ("a-1", "person", 3, 9, "Núñez", "said Zoë ", ", the", "",
                               "2026-01-01T00:00:00Z", NULL);
  GlossAnnotationValues *held = gloss_annotation_ref_values (annotation);
  GlossAnnotationValues *now;

  gloss_annotation_set_label (annotation, "organization");
  gloss_annotation_set_bounds (annotation, 4, 10);
  gloss_annotation_set_note (annotation, "later");
  gloss_annotation_set_modified (annotation, "2026-01-02T00:00:00Z");
  gloss_annotation_set_status (annotation, GLOSS_ANCHOR_ORPHANED);

  g_assert_cmpstr (held->id, ==, "a-1");
  g_assert_cmpstr (held->label, ==, "person");
  g_assert_cmpuint (held->start, ==, 3);
  g_assert_cmpuint (held->end, ==, 9);
  g_assert_cmpstr (held->exact, ==, "Núñez");
  g_assert_cmpstr (held->note, ==, "");
  g_assert_cmpstr (held->created, ==, "2026-01-01T00:00:00Z");
  g_assert_null (held->modified);
  g_assert_cmpint (held->status, ==, GLOSS_ANCHOR_KEPT);

  g_assert_cmpstr (gloss_annotation_get_id (annotation), ==, "a-1");
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, "organization");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 4);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, 10);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Núñez");
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "later");
  g_assert_cmpstr (gloss_annotation_get_created (annotation), ==, "2026-01-01T00:00:00Z");
  g_assert_cmpstr (gloss_annotation_get_modified (annotation), ==, "2026-01-02T00:00:00Z");
  g_assert_true (gloss_annotation_is_orphaned (annotation));

  now = gloss_annotation_peek_values (annotation);
  g_assert_true (now != held);
  g_assert_cmpint (gloss_annotation_values_compare (held, now), <, 0);
  gloss_annotation_values_unref (held);

  /* Held by nobody else: changed in place. */
  gloss_annotation_set_label (annotation, "misc");
  g_assert_true (gloss_annotation_peek_values (annotation) == now);
  g_assert_cmpstr (now->label, ==, "misc");
}

/* No annotations, no relations: [] and []. */
static void
test_stream_matches_tree_empty (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GBytes) text = NULL;

  assert_stream_matches_tree (sidecar);
  gloss_sidecar_set_annotator_name (sidecar, "Zoë");
  text = gloss_sidecar_serialize (sidecar);
  g_assert_nonnull (strstr (g_bytes_get_data (text, NULL), "\"annotations\": [],\n  \"relations\": []\n}\n"));
  assert_stream_matches_tree (sidecar);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} SaveResult;

static void
on_saved_result (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveResult *saved = user_data;

  gloss_sidecar_save_finish (GLOSS_SIDECAR (source), result, &saved->error);
  saved->done = TRUE;
}

/* An edit while a save holds the annotation's values copies them, and the
 * save lets the old copy go in its thread: the set must still find the
 * annotation by its id afterwards (the id table once kept the old copy's
 * id string as its key — a use-after-free that ASan and valgrind see,
 * and a lookup that fails once the memory is used again). */
static void
test_lookup_after_save_during_edit (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  GlossAnnotation *quote;
  SaveResult saved = { FALSE, NULL };

  quote = create (sidecar, "quote", "“We are not leaving,”");
  id = g_strdup (gloss_annotation_get_id (quote));
  gloss_sidecar_save_async (sidecar, NULL, on_saved_result, &saved);
  g_assert_true (gloss_annotation_set_change_note (set, quote, "said twice", &error));
  g_assert_no_error (error);

  while (!saved.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (saved.error);

  g_assert_true (gloss_annotation_set_lookup (set, id) == quote);
  g_assert_true (gloss_annotation_set_change_label (set, quote, "claim", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_set_lookup (set, id) == quote);
  g_assert_true (gloss_annotation_set_remove (set, quote, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_set_lookup (set, id));
  g_assert_true (gloss_annotation_set_undo (set, &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_annotation_set_lookup (set, id));
}

/* The save takes what it writes when it starts: edits made while it is
 * in flight are not in the file, and leave the sidecar dirty. The sidecar
 * knows the hash of what it wrote and how the file looked after. */
static void
test_save_async_snapshot (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GlossSidecar) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  GlossAnnotation *quote;
  const GlossFileFingerprint *written;
  GlossFileFingerprint now;
  SaveResult saved = { FALSE, NULL };

  quote = create (sidecar, "quote", "“We are not leaving,”");
  gloss_sidecar_save_async (sidecar, NULL, on_saved_result, &saved);

  /* While it is written: a new label, a note, another span, the mark. */
  gloss_annotation_set_change_label (set, quote, "claim", &error);
  g_assert_no_error (error);
  gloss_annotation_set_change_note (set, quote, "later", &error);
  g_assert_no_error (error);
  create (sidecar, "person", "Zoë Núñez");
  gloss_sidecar_set_done (sidecar, TRUE);

  while (!saved.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (saved.error);
  g_assert_true (gloss_sidecar_is_dirty (sidecar));

  reread = load (f);
  set = gloss_sidecar_get_annotations (reread);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (set), ==, 1);
  quote = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_assert_cmpstr (gloss_annotation_get_label (quote), ==, "quote");
  g_assert_cmpstr (gloss_annotation_get_note (quote), ==, "");
  g_object_unref (quote);
  g_assert_false (gloss_sidecar_get_done (reread));

  /* What is on disk: its hash, and how it looks. */
  bytes = read_file (f->sidecar_file);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, sha256);
  written = gloss_sidecar_get_written_fingerprint (sidecar);
  g_assert_nonnull (written);
  gloss_file_fingerprint_take (f->sidecar_file, &now);
  g_assert_true (gloss_file_fingerprint_equal (written, &now));
  g_assert_cmpuint (written->size, ==, g_bytes_get_size (bytes));

  /* The next save takes them. */
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  g_clear_object (&reread);
  reread = load (f);
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (reread)), ==, 2);
  g_assert_true (gloss_sidecar_get_done (reread));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&sha256, g_free);
  bytes = read_file (f->sidecar_file);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, sha256);

  /* Read again: nothing written since. */
  g_assert_null (gloss_sidecar_get_written_fingerprint (reread));
}

/* A save that fails keeps everything unsaved, and what was known of the
 * disk. */
static void
test_save_async_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *path = g_file_get_path (f->sidecar_file);
  SaveResult saved = { FALSE, NULL };

  create (sidecar, "quote", "“We are not leaving,”");
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  sha256 = g_strdup (gloss_sidecar_get_disk_sha256 (sidecar));

  create (sidecar, "person", "Zoë Núñez");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  gloss_sidecar_save_async (sidecar, NULL, on_saved_result, &saved);
  while (!saved.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (saved.error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&saved.error);
  g_assert_true (gloss_sidecar_is_dirty (sidecar));
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, sha256);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

/* Loading again (the file changed on disk) replaces what was loaded. */
static void
test_reload_replaces (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossSidecar) writer = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GlossSidecar) reader = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *quote, *person;

  quote = create (writer, "quote", "“We are not leaving,”");
  person = create (writer, "person", "Zoë Núñez");
  gloss_annotation_set_add_relation (gloss_sidecar_get_annotations (writer), GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (quote),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_save (writer, NULL, &error));

  reader = load (f);
  set = gloss_sidecar_get_annotations (reader);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 2);

  /* someone else removes the quote (and so the relation) and saves */
  gloss_annotation_set_remove (gloss_sidecar_get_annotations (writer), quote, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_save (writer, NULL, &error));

  g_assert_true (gloss_sidecar_load (reader, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_set_get_relations (set)), ==, 0);
  g_assert_nonnull (gloss_annotation_set_lookup (set, gloss_annotation_get_id (person)));
  g_assert_null (gloss_annotation_set_lookup (set, "a-does-not-exist"));
  g_assert_false (gloss_sidecar_is_dirty (reader));
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The annotator's done mark: absent is not done, written only when set,
 * right after "annotator", kept through a load and a save, and dirty until
 * saved; unknown keys keep their place after the format's own. */
static void
test_done_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sidecar_json (f->document, "", ",\"z-last\":1");
  const char *text;
  guint notified = 0;

  write_file (f->sidecar_file, json, -1);
  sidecar = load (f);
  g_assert_false (gloss_sidecar_get_done (sidecar));
  g_assert_false (gloss_sidecar_is_dirty (sidecar));
  plain = gloss_sidecar_serialize (sidecar);
  g_assert_null (strstr (g_bytes_get_data (plain, NULL), "\"done\""));

  g_signal_connect (sidecar, "notify::done", G_CALLBACK (on_notify_count), &notified);
  gloss_sidecar_set_done (sidecar, TRUE);
  gloss_sidecar_set_done (sidecar, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gloss_sidecar_get_done (sidecar));
  g_assert_true (gloss_sidecar_is_dirty (sidecar));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_sidecar_is_dirty (sidecar));

  saved = read_file (f->sidecar_file);
  text = g_bytes_get_data (saved, NULL);
  g_assert_nonnull (strstr (text, "  },\n  \"done\": true,\n  \"annotations\": []"));
  g_assert_nonnull (strstr (text, "\"relations\": [],\n  \"z-last\": 1\n}"));

  /* loaded back: done, and the same bytes when saved again */
  {
    g_autoptr(GlossSidecar) again = load (f);
    g_autoptr(GBytes) resaved = gloss_sidecar_serialize (again);
    g_assert_true (gloss_sidecar_get_done (again));
    g_assert_false (gloss_sidecar_is_dirty (again));
    g_assert_true (g_bytes_equal (saved, resaved));
    g_assert_null (gloss_sidecar_get_extra_member (again, "done"));
  }

  /* unset: the member goes, the file is as it was without it */
  gloss_sidecar_set_done (sidecar, FALSE);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (gloss_sidecar_is_dirty (sidecar));
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) unset = read_file (f->sidecar_file);
    g_assert_true (g_bytes_equal (unset, plain));
  }

  /* a reload takes the mark from the file */
  write_file (f->sidecar_file, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_sidecar_get_done (sidecar));
  g_assert_cmpuint (notified, ==, 3);

  /* "done": false is read as not done and written as absent */
  {
    g_autofree char *no = sidecar_json (f->document, "", ",\"done\":false");
    g_autoptr(GlossSidecar) other = NULL;
    g_autoptr(GBytes) out = NULL;

    write_file (f->sidecar_file, no, -1);
    other = load (f);
    g_assert_false (gloss_sidecar_get_done (other));
    out = gloss_sidecar_serialize (other);
    g_assert_null (strstr (g_bytes_get_data (out, NULL), "\"done\""));
  }
}

/* A done mark of the wrong type is a located error, like every member. */
static void
test_done_wrong_type (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new (f->sidecar_file, f->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sidecar_json (f->document, "", ",\"done\":\"yes\"");
  GPtrArray *problems;
  GlossProblem *problem;

  write_file (f->sidecar_file, json, -1);
  g_assert_false (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_FAILED);
  g_assert_false (gloss_sidecar_get_done (sidecar));

  problems = gloss_sidecar_get_problems (sidecar);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, GLOSS_SEVERITY_ERROR);
  g_assert_cmpstr (problem->location, ==, "done");
  g_assert_cmpstr (problem->message, ==, "must be true or false, not a string");
}

/* Loading from what gloss_sidecar_preread_start() read in its thread gives
 * what gloss_sidecar_load() gives: the same state, annotations and
 * problems, whatever the file holds. */
static void
assert_preread_loads_alike (Fixture *f)
{
  g_autoptr(GlossSidecar) direct = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GlossSidecar) ahead = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GlossSidecarPreread) preread = gloss_sidecar_preread_start (f->sidecar_file, NULL);
  g_autoptr(GError) direct_error = NULL;
  g_autoptr(GError) ahead_error = NULL;
  GlossFileFingerprint seen, now;
  GPtrArray *problems, *ahead_problems;
  GListModel *placed, *ahead_placed;
  gboolean ok;

  g_assert_true (g_file_equal (gloss_sidecar_preread_get_file (preread), f->sidecar_file));
  ok = gloss_sidecar_load (direct, gloss_label_set_get_builtin (), NULL, &direct_error);
  g_assert_cmpint (gloss_sidecar_load_preread (ahead, preread, gloss_label_set_get_builtin (),
                                               &seen, &ahead_error), ==, ok);
  g_assert_cmpstr (direct_error ? direct_error->message : NULL, ==,
                   ahead_error ? ahead_error->message : NULL);
  g_assert_cmpint (gloss_sidecar_get_state (direct), ==, gloss_sidecar_get_state (ahead));
  g_assert_cmpint (gloss_sidecar_get_done (direct), ==, gloss_sidecar_get_done (ahead));

  problems = gloss_sidecar_get_problems (direct);
  ahead_problems = gloss_sidecar_get_problems (ahead);
  g_assert_cmpuint (problems->len, ==, ahead_problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      GlossProblem *a = g_ptr_array_index (problems, i);
      GlossProblem *b = g_ptr_array_index (ahead_problems, i);

      g_assert_cmpint (a->severity, ==, b->severity);
      g_assert_cmpstr (a->location, ==, b->location);
      g_assert_cmpstr (a->message, ==, b->message);
    }

  placed = G_LIST_MODEL (gloss_sidecar_get_annotations (direct));
  ahead_placed = G_LIST_MODEL (gloss_sidecar_get_annotations (ahead));
  g_assert_cmpuint (g_list_model_get_n_items (placed), ==, g_list_model_get_n_items (ahead_placed));
  for (guint i = 0; i < g_list_model_get_n_items (placed); i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (placed, i);
      g_autoptr(GlossAnnotation) b = g_list_model_get_item (ahead_placed, i);

      g_assert_cmpint (gloss_annotation_compare (a, b), ==, 0);
    }

  /* How the file looked before the thread read it: as it looks now. */
  gloss_file_fingerprint_take (f->sidecar_file, &now);
  g_assert_true (gloss_file_fingerprint_equal (&seen, &now));
}

static void
test_preread (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *wrong = NULL;
  const char *broken[] = {
    "", "  \n", "{", "[1, 2]", "{\"format\": \"gloss\", \"format\": 1}",
    "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> other\n", "{\"a\": \"\xff\"}",
    "{\"format\": \"gloss\", \"version\": 1}",
  };

  /* No file. */
  assert_preread_loads_alike (f);

  /* A file Gloss wrote. */
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  create (sidecar, "quote", "“We are not leaving,”");
  create (sidecar, "person", "Zoë Núñez");
  create (sidecar, "location", "🇺🇦");
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
  assert_preread_loads_alike (f);

  /* An annotation that no longer matches the article: a problem, located
   * alike. */
  saved = read_file (f->sidecar_file);
  wrong = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_nonnull (strstr (wrong, "\"exact\": \"Zoë Núñez\""));
  *(strstr (wrong, "\"exact\": \"Zoë") + 10) = 'X';
  write_file (f->sidecar_file, wrong, -1);
  assert_preread_loads_alike (f);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      write_file (f->sidecar_file, broken[i], -1);
      assert_preread_loads_alike (f);
    }
}

/* The hash of the bytes read, computed in a thread, is kept only for the
 * bytes it was computed from. */
static void
test_hash_disk_bytes_async (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (f->document, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autofree char *first_sha = NULL;
  g_autofree char *second_sha = NULL;
  gint64 until;

  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  create (sidecar, "person", "Zoë Núñez");
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  first = read_file (f->sidecar_file);
  first_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, first);

  /* Read back, hashed in a thread. */
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  gloss_sidecar_hash_disk_bytes_async (sidecar);
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, first_sha);

  /* Read again (other bytes) before the thread's answer comes back: the
   * answer is for the old bytes, and dropped. */
  create (sidecar, "location", "🇺🇦");
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  second = read_file (f->sidecar_file);
  second_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, second);
  write_file (f->sidecar_file, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  gloss_sidecar_hash_disk_bytes_async (sidecar);
  write_file (f->sidecar_file, g_bytes_get_data (second, NULL), g_bytes_get_size (second));
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (gloss_sidecar_get_disk_sha256 (sidecar), ==, second_sha);

  /* Dropped before the answer: nothing kept alive, nothing reported. */
  gloss_sidecar_hash_disk_bytes_async (sidecar);
  g_clear_object (&sidecar);
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/names", test_names);
  g_test_add_func ("/sidecar/samples-round-trip", test_samples_round_trip);
  g_test_add_func ("/sidecar/annotation-values-copy-on-write", test_annotation_values_copy_on_write);
  g_test_add ("/sidecar/new-save-load", Fixture, NULL, fixture_set_up, test_new_save_load, fixture_tear_down);
  g_test_add ("/sidecar/canonical-layout", Fixture, NULL, fixture_set_up, test_canonical_layout, fixture_tear_down);
  g_test_add ("/sidecar/unknown-keys-survive", Fixture, NULL, fixture_set_up, test_unknown_keys_survive, fixture_tear_down);
  g_test_add ("/sidecar/sorted-on-save", Fixture, NULL, fixture_set_up, test_sorted_on_save, fixture_tear_down);
  g_test_add ("/sidecar/newer-version-read-only", Fixture, NULL, fixture_set_up, test_newer_version_read_only, fixture_tear_down);
  g_test_add ("/sidecar/reanchor-on-load", Fixture, NULL, fixture_set_up, test_reanchor_on_load, fixture_tear_down);
  g_test_add ("/sidecar/save-replaces-atomically", Fixture, NULL, fixture_set_up, test_save_replaces_atomically, fixture_tear_down);
  g_test_add ("/sidecar/reload-replaces", Fixture, NULL, fixture_set_up, test_reload_replaces, fixture_tear_down);
  g_test_add ("/sidecar/save-async", Fixture, NULL, fixture_set_up, test_save_async, fixture_tear_down);
  g_test_add ("/sidecar/save-async-snapshot", Fixture, NULL, fixture_set_up, test_save_async_snapshot, fixture_tear_down);
  g_test_add ("/sidecar/lookup-after-save-during-edit", Fixture, NULL, fixture_set_up,
              test_lookup_after_save_during_edit, fixture_tear_down);
  g_test_add ("/sidecar/save-async-fails", Fixture, NULL, fixture_set_up, test_save_async_fails, fixture_tear_down);
  g_test_add ("/sidecar/stream-matches-tree", Fixture, NULL, fixture_set_up, test_stream_matches_tree, fixture_tear_down);
  g_test_add ("/sidecar/stream-matches-tree-empty", Fixture, NULL, fixture_set_up, test_stream_matches_tree_empty, fixture_tear_down);
  g_test_add ("/sidecar/done-round-trip", Fixture, NULL, fixture_set_up, test_done_round_trip, fixture_tear_down);
  g_test_add ("/sidecar/done-wrong-type", Fixture, NULL, fixture_set_up, test_done_wrong_type, fixture_tear_down);
  g_test_add ("/sidecar/preread", Fixture, NULL, fixture_set_up, test_preread, fixture_tear_down);
  g_test_add ("/sidecar/hash-disk-bytes-async", Fixture, NULL, fixture_set_up, test_hash_disk_bytes_async, fixture_tear_down);

  return g_test_run ();
}

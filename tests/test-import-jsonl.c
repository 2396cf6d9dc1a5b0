/* test-import-jsonl.c — JSONL and doccano into sidecars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* CRLF line ends, a ZWJ family, a flag and a combining accent: what breaks
 * offsets counted in anything but code points. */
#define TRICKY_TEXT \
  "Family \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 day\r\n" \
  "\xe2\x80\x9cWe stand \xf0\x9f\x87\xba\xf0\x9f\x87\xa6,\xe2\x80\x9d said Zoe\xcc\x81 Ivanova.\r\n"

typedef struct
{
  char               *dir;
  GFile              *out;      /* dir/out, where imports go */
  GlossImportSummary  summary;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-import-jsonl-XXXXXX", &error);
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

static char *
write_input (Fixture    *f,
             const char *name,
             const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
import_in (Fixture         *f,
           const char      *path,
           GlossFormat      format,
           const char      *annotator,
           GlossOffsetUnit  unit)
{
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_jsonl (input, format, f->out, annotator, unit, &f->summary, NULL,
                                     &error));
  g_assert_no_error (error);
}

/* In the unit the format's writers count: code points for jsonl, UTF-16
 * for doccano. */
static void
import (Fixture     *f,
        const char  *path,
        GlossFormat  format,
        const char  *annotator)
{
  import_in (f, path, format, annotator, gloss_format_get_default_offsets (format));
}

static GlossSidecar *
load_sidecar (GFile      *folder,
              const char *article,
              const char *annotator)
{
  g_autoptr(GFile) file = g_file_get_child (folder, article);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;

  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, annotator);
  g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_LOADED);

  return g_steal_pointer (&sidecar);
}

static GlossAnnotation *
annotation_at (GlossSidecar *sidecar,
               guint         index)
{
  GListModel *model = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
  g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, index);

  g_assert_nonnull (annotation);
  /* The set keeps its own reference. */
  return annotation;
}

static guint
n_annotations (GlossSidecar *sidecar)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar)));
}

static guint
n_relations (GlossSidecar *sidecar)
{
  return g_list_model_get_n_items (
    gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (sidecar)));
}

static void
assert_span (GlossSidecar *sidecar,
             guint         index,
             const char   *id,
             const char   *label,
             const char   *exact)
{
  GlossAnnotation *annotation = annotation_at (sidecar, index);

  g_assert_cmpstr (gloss_annotation_get_id (annotation), ==, id);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, label);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, exact);
}

/* The number of problems mentioning @needle. */
static guint
count_problems (Fixture    *f,
                const char *needle)
{
  guint count = 0;

  for (guint i = 0; i < f->summary.problems->len; i++)
    if (strstr (g_ptr_array_index (f->summary.problems, i), needle) != NULL)
      count++;

  return count;
}

static void
dump_problems (Fixture *f)
{
  for (guint i = 0; i < f->summary.problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (f->summary.problems, i));
}

/* ------------------------------------------------------------------ */

static void
copy_samples (const char *to)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (samples == NULL)
    samples = GLOSS_SOURCE_SAMPLES_DIR;
  dir = g_dir_open (samples, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from_path = g_build_filename (samples, name, NULL);
      g_autofree char *to_path = g_build_filename (to, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".txt") && !g_str_has_suffix (name, ".json"))
        continue;
      g_file_get_contents (from_path, &data, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to_path, data, length, &error);
      g_assert_no_error (error);
    }
}

/* The label set of @corpus (the samples', which declares their
 * attributes and article fields) in the import's output folder, as a
 * person imports into a folder of their labels. */
static void
copy_label_set (const char *corpus,
                GFile      *out)
{
  g_autofree char *from = g_build_filename (corpus, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *out_path = g_file_get_path (out);
  g_autofree char *to = g_build_filename (out_path, GLOSS_LABEL_SET_FILE_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (out_path, 0700), ==, 0);
  g_file_set_contents (to, data, length, &error);
  g_assert_no_error (error);
}

static guint
code_point_of (const char *text,
               const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

/* A sidecar made through the model, with notes (one with a line break and
 * quotes) and speaker relations, on the tricky text. */
static void
write_tricky_article (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "tricky.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;
  GlossAnnotation *family, *quote, *person;
  guint start;

  g_file_set_contents (path, TRICKY_TEXT, -1, &error);
  g_assert_no_error (error);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "carol");
  set = gloss_sidecar_get_annotations (sidecar);

  start = code_point_of (TRICKY_TEXT, "\xf0\x9f\x91\xa8");
  family = gloss_annotation_set_create (set, "misc", start, start + 5, &error);
  g_assert_no_error (error);
  start = code_point_of (TRICKY_TEXT, "\xe2\x80\x9cWe");
  quote = gloss_annotation_set_create (set, "quote", start, start + 14, &error);
  g_assert_no_error (error);
  start = code_point_of (TRICKY_TEXT, "Zoe");
  person = gloss_annotation_set_create (set, "person", start, start + 12, &error);
  g_assert_no_error (error);
  /* Spans the CRLF. */
  gloss_annotation_set_create (set, "claim", 7, start, &error);
  g_assert_no_error (error);

  gloss_annotation_set_change_note (set, family, "one grapheme,\nfive code points", &error);
  g_assert_no_error (error);
  gloss_annotation_set_change_note (set, quote, "says \"we\" \xe2\x80\x94 who?", &error);
  g_assert_no_error (error);
  gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (quote),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);

  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

/* Two "a{sv}" (or NULL for none) hold the same values. */
static void
assert_same_values (GVariant *expected,
                    GVariant *actual)
{
  g_autofree char *a = expected != NULL ? g_variant_print (expected, FALSE) : g_strdup ("{}");
  g_autofree char *b = actual != NULL ? g_variant_print (actual, FALSE) : g_strdup ("{}");

  g_assert_cmpstr (b, ==, a);
}

/* @with_values: the spans' attributes and the article's fields too. */
static void
assert_same_sidecar (GlossSidecar *expected,
                     GlossSidecar *actual,
                     gboolean      with_values)
{
  GListModel *expected_relations =
    gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (expected));
  GListModel *actual_relations =
    gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (actual));

  g_assert_cmpuint (n_annotations (actual), ==, n_annotations (expected));
  for (guint i = 0; i < n_annotations (expected); i++)
    {
      GlossAnnotation *a = annotation_at (expected, i);
      GlossAnnotation *b = annotation_at (actual, i);

      g_assert_cmpstr (gloss_annotation_get_id (b), ==, gloss_annotation_get_id (a));
      g_assert_cmpstr (gloss_annotation_get_label (b), ==, gloss_annotation_get_label (a));
      g_assert_cmpuint (gloss_annotation_get_start (b), ==, gloss_annotation_get_start (a));
      g_assert_cmpuint (gloss_annotation_get_end (b), ==, gloss_annotation_get_end (a));
      g_assert_cmpstr (gloss_annotation_get_exact (b), ==, gloss_annotation_get_exact (a));
      g_assert_cmpstr (gloss_annotation_get_note (b), ==, gloss_annotation_get_note (a));
      if (with_values)
        assert_same_values (gloss_annotation_peek_attributes (a), gloss_annotation_peek_attributes (b));
    }
  if (with_values)
    assert_same_values (gloss_sidecar_peek_document_labels (expected),
                        gloss_sidecar_peek_document_labels (actual));

  g_assert_cmpuint (g_list_model_get_n_items (actual_relations), ==,
                    g_list_model_get_n_items (expected_relations));
  for (guint i = 0; i < g_list_model_get_n_items (expected_relations); i++)
    {
      g_autoptr(GlossRelation) a = g_list_model_get_item (expected_relations, i);
      g_autoptr(GlossRelation) b = g_list_model_get_item (actual_relations, i);

      g_assert_cmpstr (gloss_relation_get_id (b), ==, gloss_relation_get_id (a));
      g_assert_cmpstr (gloss_relation_get_rel_type (b), ==, gloss_relation_get_rel_type (a));
      g_assert_cmpstr (gloss_relation_get_from (b), ==, gloss_relation_get_from (a));
      g_assert_cmpstr (gloss_relation_get_to (b), ==, gloss_relation_get_to (a));
    }
}

/* Gloss → jsonl → Gloss: every span, label, relation and note comes back,
 * for every annotator (each line names its own). */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *corpus_path = g_build_filename (f->dir, "corpus", NULL);
  g_autofree char *jsonl_path = g_build_filename (f->dir, "corpus.jsonl", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (corpus_path);
  g_autoptr(GFile) jsonl = g_file_new_for_path (jsonl_path);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = { GLOSS_FORMAT_JSONL, GLOSS_OFFSETS_CODE_POINTS, NULL, NULL };
  GlossExportSummary exported;
  guint n_sidecars = 0;

  g_mkdir_with_parents (corpus_path, 0700);
  copy_samples (corpus_path);
  write_tricky_article (corpus_path);

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);
  gloss_export_summary_init (&exported);
  g_assert_true (gloss_export_corpus (corpus, root, &options, jsonl, NULL, NULL,
                                      &exported, NULL, &error));
  g_assert_no_error (error);

  copy_label_set (corpus_path, f->out);
  import (f, jsonl_path, GLOSS_FORMAT_JSONL, NULL);
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);
  g_assert_cmpuint (f->summary.skipped, ==, 0);
  g_assert_cmpuint (f->summary.sidecars, ==, exported.records);
  g_assert_cmpuint (f->summary.spans, ==, exported.spans);
  g_assert_cmpuint (f->summary.relations, ==, exported.relations);
  g_assert_cmpuint (f->summary.notes, ==, exported.notes);
  g_assert_cmpuint (f->summary.notes, >, 2);

  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      const char *name = gloss_corpus_article_get_name (article);

      for (guint j = 0; j < gloss_corpus_article_get_n_sidecars (article); j++)
        {
          const char *annotator = gloss_corpus_article_get_annotator (article, j);
          g_autoptr(GlossSidecar) expected = load_sidecar (root, name, annotator);
          g_autoptr(GlossSidecar) actual = load_sidecar (f->out, name, annotator);

          assert_same_sidecar (expected, actual, TRUE);
          n_sidecars++;
        }
    }
  g_assert_cmpuint (n_sidecars, ==, 7);

  gloss_export_summary_clear (&exported);
}

/* An explicit annotator wins over the lines' own; the second line of an
 * article then finds the first one's sidecar, which is never overwritten. */
static void
test_explicit_annotator (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_input (f, "two.jsonl",
    "{\"id\": \"a.txt\", \"text\": \"Ann met Bo.\", \"annotator\": \"alice\","
    " \"spans\": [{\"id\": \"s1\", \"start\": 0, \"end\": 3, \"label\": \"person\", \"text\": \"Ann\"}],"
    " \"relations\": []}\n"
    "{\"id\": \"a.txt\", \"text\": \"Ann met Bo.\", \"annotator\": \"bilal\","
    " \"spans\": [{\"id\": \"s1\", \"start\": 8, \"end\": 10, \"label\": \"person\", \"text\": \"Bo\"}],"
    " \"relations\": []}\n");
  g_autoptr(GlossSidecar) sidecar = NULL;

  import (f, path, GLOSS_FORMAT_JSONL, "zed");
  g_assert_cmpuint (f->summary.sidecars, ==, 1);
  g_assert_cmpuint (count_problems (f, "two.jsonl:2: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "not overwritten"), ==, 1);

  sidecar = load_sidecar (f->out, "a.txt", "zed");
  g_assert_cmpuint (n_annotations (sidecar), ==, 1);
  assert_span (sidecar, 0, "s1", "person", "Ann");
}

/* Classic doccano: [[start, end, label]], UTF-16 code units as doccano
 * counts them, numbered ids. */
static void
test_doccano_labels (Fixture       *f,
                     gconstpointer  data)
{
  /* "Zoé 👨‍👩‍👧 met Kyiv." with a combining accent: units 0–4 are Zoé, the
   * family 5–13 (three emoji of two units and two joiners), Kyiv 18–22. */
  g_autofree char *path = write_input (f, "classic.jsonl",
    "{\"id\": 7, \"text\": \"Zoe\xcc\x81 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 met Kyiv.\","
    " \"label\": [[0, 4, \"person\"], [18, 22, \"location\"], [5, 13, \"misc\"]]}\n"
    "{\"text\": \"No id at all.\", \"label\": []}\n");
  g_autoptr(GlossSidecar) sidecar = NULL;

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);
  g_assert_cmpuint (f->summary.sidecars, ==, 2);
  g_assert_cmpuint (f->summary.spans, ==, 3);

  sidecar = load_sidecar (f->out, "7.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 3);
  assert_span (sidecar, 0, "a-1", "person", "Zoe\xcc\x81");
  assert_span (sidecar, 1, "a-3", "misc",
               "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7");
  assert_span (sidecar, 2, "a-2", "location", "Kyiv");

  g_clear_object (&sidecar);
  sidecar = load_sidecar (f->out, "line-2.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 0);
}

/* Newer doccano: entities and relations with numeric ids. */
static void
test_doccano_entities (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = write_input (f, "entities.jsonl",
    "{\"id\": 12, \"text\": \"\xe2\x80\x9cSoon,\xe2\x80\x9d said Ivo.\","
    " \"entities\": [{\"id\": 31, \"label\": \"quote\", \"start_offset\": 0, \"end_offset\": 7},"
    "               {\"id\": 32, \"label\": \"person\", \"start_offset\": 13, \"end_offset\": 16}],"
    " \"relations\": [{\"id\": 5, \"from_id\": 31, \"to_id\": 32, \"type\": \"speaker\"}]}\n");
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossRelation) relation = NULL;

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);
  g_assert_cmpuint (f->summary.relations, ==, 1);

  sidecar = load_sidecar (f->out, "12.txt", "dana");
  assert_span (sidecar, 0, "a-31", "quote", "\xe2\x80\x9cSoon,\xe2\x80\x9d");
  assert_span (sidecar, 1, "a-32", "person", "Ivo");
  g_assert_cmpuint (n_relations (sidecar), ==, 1);
  relation = g_list_model_get_item (
    gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (sidecar)), 0);
  g_assert_cmpstr (gloss_relation_get_id (relation), ==, "r-5");
  g_assert_cmpstr (gloss_relation_get_rel_type (relation), ==, "speaker");
  g_assert_cmpstr (gloss_relation_get_from (relation), ==, "a-31");
  g_assert_cmpstr (gloss_relation_get_to (relation), ==, "a-32");
}

/* doccano's span columns are read by what their elements are, as
 * doccano's SpanLabel.parse() reads them: a [start, end, label] list or an
 * object with "start_offset", "end_offset" and "label", in "label" or
 * "entities" alike. A line with both reads them once when they agree
 * (Gloss writes the spans twice beside "cats"), and says which it left out
 * when they do not. Relations point at entity ids: without objects to
 * carry those, they are said to be skipped. */
static void
test_doccano_shapes (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_input (f, "shapes.jsonl",
    /* 1 */ "{\"id\": \"triples\", \"text\": \"Ann met Bo.\", \"entities\": [[0, 3, \"person\"], [8, 10, \"person\"]]}\n"
    /* 2 */ "{\"id\": \"objects\", \"text\": \"Ann met Bo.\","
            " \"label\": [{\"id\": 4, \"start_offset\": 0, \"end_offset\": 3, \"label\": \"person\"}]}\n"
    /* 3 */ "{\"id\": \"agree\", \"text\": \"Ann met Bo.\", \"label\": [[0, 3, \"person\"], [8, 10, \"misc\"]],"
            " \"entities\": [[0, 3, \"person\"], [8, 10, \"misc\"]], \"cats\": []}\n"
    /* 4 */ "{\"id\": \"agree-ids\", \"text\": \"Ann met Bo.\", \"label\": [[0, 3, \"person\"], [8, 10, \"person\"]],"
            " \"entities\": [{\"id\": 8, \"start_offset\": 0, \"end_offset\": 3, \"label\": \"person\"},"
            " {\"id\": 9, \"start_offset\": 8, \"end_offset\": 10, \"label\": \"person\"}],"
            " \"relations\": [{\"id\": 1, \"from_id\": 8, \"to_id\": 9, \"type\": \"knows\"}]}\n"
    /* 5 */ "{\"id\": \"differ\", \"text\": \"Ann met Bo.\", \"label\": [[0, 3, \"person\"]],"
            " \"entities\": [[8, 10, \"person\"]]}\n"
    /* 6 */ "{\"id\": \"mixed\", \"text\": \"Ann met Bo.\", \"entities\": [[0, 3, \"person\"], \"Bo\","
            " {\"id\": 7, \"start_offset\": 8, \"end_offset\": 10, \"label\": \"person\"}, [1, 2],"
            " {\"start_offset\": \"8\", \"end_offset\": 10, \"label\": \"person\"}]}\n"
    /* 7 */ "{\"id\": \"no-ids\", \"text\": \"Ann met Bo.\", \"label\": [[0, 3, \"person\"], [8, 10, \"person\"]],"
            " \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 2, \"type\": \"knows\"}]}\n"
    /* 8 */ "{\"id\": \"cats\", \"text\": \"Ann met Bo.\", \"label\": [], \"cats\": {\"stance\": \"for\"}}\n");
  g_autoptr(GlossSidecar) sidecar = NULL;

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (count_problems (f, "shapes.jsonl:5: “entities” does not hold the same spans as “label”"), ==, 1);
  g_assert_cmpuint (count_problems (f, "shapes.jsonl:6: entities[1] is neither"), ==, 1);
  g_assert_cmpuint (count_problems (f, "shapes.jsonl:6: entities[3] is not [start, end, label]; skipped"), ==, 1);
  g_assert_cmpuint (count_problems (f, "shapes.jsonl:6: entities[4] needs whole-number"), ==, 1);
  g_assert_cmpuint (count_problems (f, "shapes.jsonl:7: 1 relation points at entity ids"), ==, 1);
  g_assert_cmpuint (count_problems (f, "shapes.jsonl:8: “cats” is not a list"), ==, 1);
  g_assert_cmpuint (f->summary.problems->len, ==, 6);
  g_assert_cmpuint (f->summary.skipped, ==, 6);
  g_assert_cmpuint (f->summary.spans, ==, 2 + 1 + 2 + 2 + 1 + 2 + 2);
  g_assert_cmpuint (f->summary.relations, ==, 1);

  sidecar = load_sidecar (f->out, "triples.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 2);
  assert_span (sidecar, 0, "a-1", "person", "Ann");
  assert_span (sidecar, 1, "a-2", "person", "Bo");
  g_clear_object (&sidecar);

  sidecar = load_sidecar (f->out, "objects.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 1);
  assert_span (sidecar, 0, "a-4", "person", "Ann");
  g_clear_object (&sidecar);

  sidecar = load_sidecar (f->out, "agree.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 2);
  assert_span (sidecar, 0, "a-1", "person", "Ann");
  assert_span (sidecar, 1, "a-2", "misc", "Bo");
  g_clear_object (&sidecar);

  /* The same spans: read from the objects, whose ids the relation needs. */
  sidecar = load_sidecar (f->out, "agree-ids.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 2);
  assert_span (sidecar, 0, "a-8", "person", "Ann");
  g_assert_cmpuint (n_relations (sidecar), ==, 1);
  g_clear_object (&sidecar);

  sidecar = load_sidecar (f->out, "differ.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 1);
  assert_span (sidecar, 0, "a-1", "person", "Ann");
  g_clear_object (&sidecar);

  sidecar = load_sidecar (f->out, "mixed.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 2);
  assert_span (sidecar, 0, "a-1", "person", "Ann");
  assert_span (sidecar, 1, "a-7", "person", "Bo");
  g_clear_object (&sidecar);

  sidecar = load_sidecar (f->out, "no-ids.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 2);
  g_assert_cmpuint (n_relations (sidecar), ==, 0);
}

/* Each bad line is reported with its number and skipped; the others are
 * imported. Blank lines count as lines but are not problems. */
static void
test_bad_lines (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_input (f, "bad.jsonl",
    /* 1 */ "{\"id\": \"good\", \"text\": \"Ann met Bo.\", \"annotator\": \"alice\","
            " \"spans\": [{\"id\": \"s1\", \"start\": 0, \"end\": 3, \"label\": \"person\", \"text\": \"Ann\"},"
    /* a span whose text disagrees (offsets counted in bytes, say) */
            "           {\"id\": \"s2\", \"start\": 4, \"end\": 7, \"label\": \"misc\", \"text\": \"Bo.\"},"
    /* out of range, and with no label */
            "           {\"id\": \"s3\", \"start\": 8, \"end\": 80, \"label\": \"person\"},"
            "           {\"id\": \"s4\", \"start\": 8, \"end\": 10}],"
            " \"relations\": [{\"id\": \"r1\", \"type\": \"speaker\", \"from\": \"s1\", \"to\": \"s1\"},"
            "               {\"id\": \"r2\", \"type\": \"speaker\", \"from\": \"s1\", \"to\": \"s3\"}]}\n"
    /* 2 */ "{\"id\": \"broken\", \"text\": \"oops\",\n"
    /* 3 */ "\n"
    /* 4 */ "[1, 2, 3]\n"
    /* 5 */ "{\"id\": \"no-text\", \"spans\": []}\r\n"
    /* 6 */ "{\"id\": \"nobody\", \"text\": \"Who?\", \"spans\": []}\n"
    /* 7 */ "{\"id\": \"doc\", \"text\": \"Ann\", \"annotator\": \"alice\", \"label\": [[0, 3, \"person\"]]}\n"
    /* 8 */ "{\"id\": \"last\", \"text\": \"Bo\", \"annotator\": \"alice\","
            " \"spans\": [{\"id\": \"s1\", \"start\": 0, \"end\": 2, \"label\": \"person\"}]}");
  g_autoptr(GlossSidecar) sidecar = NULL;

  import (f, path, GLOSS_FORMAT_JSONL, NULL);
  dump_problems (f);

  g_assert_cmpuint (count_problems (f, "bad.jsonl:1: span s2"), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:1: span s3"), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:1: span s4"), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:1: relation r1"), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:1: relation r2"), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:2: not valid JSON"), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:3:"), ==, 0);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:4: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:5: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:6: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "bad.jsonl:7: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "import it as doccano"), ==, 1);
  g_assert_cmpuint (f->summary.problems->len, ==, 10);
  g_assert_cmpuint (f->summary.skipped, ==, 10);

  /* The good parts are there. */
  g_assert_cmpuint (f->summary.sidecars, ==, 2);
  sidecar = load_sidecar (f->out, "good.txt", "alice");
  g_assert_cmpuint (n_annotations (sidecar), ==, 1);
  assert_span (sidecar, 0, "s1", "person", "Ann");
  g_assert_cmpuint (n_relations (sidecar), ==, 0);
  g_clear_object (&sidecar);
  sidecar = load_sidecar (f->out, "last.txt", "alice");
  assert_span (sidecar, 0, "s1", "person", "Bo");
}

/* An existing sidecar is never overwritten, an existing article with other
 * text never replaced; an identical article is reused. */
static void
test_never_overwrite (Fixture       *f,
                      gconstpointer  data)
{
  const char *line = "{\"id\": \"a.txt\", \"text\": \"Ann met Bo.\","
                     " \"label\": [[0, 3, \"person\"]]}\n";
  g_autofree char *path = write_input (f, "one.jsonl", line);
  g_autofree char *other = write_input (f, "other.jsonl",
                                        "{\"id\": \"a.txt\", \"text\": \"Another text.\", \"label\": []}\n");
  g_autofree char *sidecar_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  g_assert_cmpuint (f->summary.sidecars, ==, 1);

  sidecar_path = g_build_filename (f->dir, "out", "a.txt.dana.gloss.json", NULL);
  /* Someone works on it... */
  g_file_set_contents (sidecar_path, "not even JSON", -1, &error);
  g_assert_no_error (error);
  g_file_get_contents (sidecar_path, &before, NULL, &error);
  g_assert_no_error (error);

  /* ...and the same dataset is imported again. */
  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  g_assert_cmpuint (f->summary.sidecars, ==, 1);
  g_assert_cmpuint (count_problems (f, "one.jsonl:1: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "not overwritten"), ==, 1);
  g_file_get_contents (sidecar_path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);

  /* The same name with other text: the article is not replaced. */
  import (f, other, GLOSS_FORMAT_DOCCANO, "erin");
  g_assert_cmpuint (count_problems (f, "other.jsonl:1: "), ==, 1);
  g_assert_cmpuint (f->summary.sidecars, ==, 1);

  /* Another annotator on the identical article: reused, sidecar written. */
  import (f, path, GLOSS_FORMAT_DOCCANO, "erin");
  g_assert_cmpuint (f->summary.sidecars, ==, 2);
}

/* Names from "id" or "source" are made safe; ".txt" is added. */
static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_input (f, "names.jsonl",
    "{\"id\": \"../../etc/passwd\", \"text\": \"a\"}\n"
    "{\"id\": \"2024/kyiv talks.md\", \"text\": \"b\"}\n"
    "{\"source\": \"https://example.com/news/story?id=3\", \"text\": \"c\"}\n"
    "{\"id\": \".hidden\", \"text\": \"d\"}\n"
    "{\"id\": \"///\", \"text\": \"e\"}\n"
    "{\"id\": \"Zo\xc3\xab \xe2\x80\x94 notes\", \"text\": \"f\"}\n");
  const char *expected[] = {
    "_._.._etc_passwd.txt",
    "2024_kyiv_talks.md",
    "story_id_3.txt",
    "_hidden.txt",
    "line-5.txt",
    "Zo\xc3\xab___notes.txt",
  };

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GFile) article = g_file_get_child (f->out, expected[i]);
      g_autofree char *sidecar = g_strconcat (expected[i], ".dana.gloss.json", NULL);
      g_autoptr(GFile) sidecar_file = g_file_get_child (f->out, sidecar);

      g_test_message ("expecting %s", expected[i]);
      g_assert_true (g_file_query_exists (article, NULL));
      g_assert_true (g_file_query_exists (sidecar_file, NULL));
    }
}

/* Offsets in other units
 * ------------------------------------------------------------------ */

/* A news paragraph with what misplaces offsets: a flag, a ZWJ sequence, an
 * emoji outside the BMP, a combining accent, CRLF line ends, curly
 * possessives, Arabic (right to left) and a CJK character outside the BMP. */
#define NEWS_TEXT \
  "NATO\xe2\x80\x99s envoy \xf0\x9f\x87\xba\xf0\x9f\x87\xa6 met Dr. Amal Haddad " \
  "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac in Kyiv.\r\n" \
  "\xe2\x80\x9c" "Biden\xe2\x80\x99s plan works,\xe2\x80\x9d said Zoe\xcc\x81 N\xc3\xba\xc3\xb1" "ez " \
  "\xf0\x9f\x98\x80.\r\n" \
  "\xd9\x82\xd8\xa7\xd9\x84\xd8\xaa \xd8\xa3\xd9\x85\xd9\x84 \xd8\xad\xd8\xaf\xd8\xa7\xd8\xaf: " \
  "\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7. \xf0\xa0\x80\x8b closes.\n"

/* What the spans of NEWS_TEXT hold, in document order. */
static const struct
{
  const char *label;
  const char *exact;
} news_spans[] = {
  { "organization", "NATO" },
  { "location", "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6" },
  { "person", "Amal Haddad" },
  { "misc", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac" },
  { "claim", "Kyiv.\r\n\xe2\x80\x9c" "Biden\xe2\x80\x99s" },
  { "location", "Kyiv" },
  { "quote", "\xe2\x80\x9c" "Biden\xe2\x80\x99s plan works,\xe2\x80\x9d" },
  { "person", "Biden" },
  { "person", "Zoe\xcc\x81 N\xc3\xba\xc3\xb1" "ez" },
  { "misc", "\xf0\x9f\x98\x80" },
  { "person", "\xd8\xa3\xd9\x85\xd9\x84 \xd8\xad\xd8\xaf\xd8\xa7\xd8\xaf" },
  { "misc", "\xf0\xa0\x80\x8b" },
};

/* Where @needle starts in @text, in @unit: counted here without
 * GlossDocument (GLib's UTF-16 conversion), as the consumer would. */
static guint
offset_in (const char      *text,
           gsize            byte,
           GlossOffsetUnit  unit)
{
  glong n = 0;
  g_autofree gunichar2 *units = NULL;

  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      units = g_utf8_to_utf16 (text, byte, NULL, &n, NULL);
      g_assert_nonnull (units);
      return n;
    case GLOSS_OFFSETS_BYTES:
      return byte;
    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      return g_utf8_strlen (text, byte);
    }
}

/* The bounds of the first @needle at or after byte @from, in @unit. */
static void
find_in (const char      *text,
         const char      *needle,
         gsize            from,
         GlossOffsetUnit  unit,
         guint           *start,
         guint           *end)
{
  const char *at = strstr (text + from, needle);

  g_assert_nonnull (at);
  *start = offset_in (text, at - text, unit);
  *end = offset_in (text, at - text + strlen (needle), unit);
}

/* One doccano line {"id", "text", "label": [[s, e, l]…]} for @text, built
 * with json-glib (no hand escaping) from @n spans in @starts/@ends. */
static char *
doccano_line (const char  *id,
              const char  *text,
              const char **labels,
              const guint *starts,
              const guint *ends,
              guint        n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "label");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, starts[i]);
      json_builder_add_int_value (builder, ends[i]);
      json_builder_add_string_value (builder, labels[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  line = gloss_export_json_line (root);
  return g_strconcat (line, "\n", NULL);
}

/* doccano counts UTF-16 code units (its view slices JavaScript strings):
 * offsets made that way land on the same text in Gloss, every span. With
 * code points they would not: the same line read so is refused or
 * reported span by span, never imported moved in silence. */
static void
test_doccano_utf16 (Fixture       *f,
                    gconstpointer  data)
{
  const char *labels[G_N_ELEMENTS (news_spans)];
  guint starts[G_N_ELEMENTS (news_spans)], ends[G_N_ELEMENTS (news_spans)];
  g_autofree char *line = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  gsize from = 0;

  for (guint i = 0; i < G_N_ELEMENTS (news_spans); i++)
    {
      /* "Kyiv" the location comes after the claim that starts with it. */
      if (i == 5)
        from = strstr (NEWS_TEXT, "Kyiv") - NEWS_TEXT;
      labels[i] = news_spans[i].label;
      find_in (NEWS_TEXT, news_spans[i].exact, from, GLOSS_OFFSETS_UTF16, &starts[i], &ends[i]);
    }
  /* As a JavaScript string counts them: the flag is four units, 😀 two. */
  g_assert_cmpuint (ends[1] - starts[1], ==, 4);
  g_assert_cmpuint (ends[9] - starts[9], ==, 2);

  line = doccano_line ("news", NEWS_TEXT, labels, starts, ends, G_N_ELEMENTS (news_spans));
  path = write_input (f, "news.jsonl", line);

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);
  g_assert_cmpuint (f->summary.spans, ==, G_N_ELEMENTS (news_spans));

  sidecar = load_sidecar (f->out, "news.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, G_N_ELEMENTS (news_spans));
  for (guint i = 0; i < G_N_ELEMENTS (news_spans); i++)
    {
      GListModel *model = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          GlossAnnotation *annotation = annotation_at (sidecar, j);

          found |= g_str_equal (gloss_annotation_get_label (annotation), news_spans[i].label)
                   && g_str_equal (gloss_annotation_get_exact (annotation), news_spans[i].exact);
        }
      g_test_message ("span %u: %s", i, news_spans[i].exact);
      g_assert_true (found);
    }

  /* The same line read as code points, as if asked to: the spans before
   * the flag are right. A doccano span has no "text" to check, so those
   * after it whose bounds happen to be whole graphemes land on other text;
   * each of the others is refused, and the import says how many it kept
   * where doccano would not show them. Nothing moves in silence. */
  gloss_import_summary_clear (&f->summary);
  gloss_import_summary_init (&f->summary);
  gloss_test_remove_tree (g_file_peek_path (f->out));
  import_in (f, path, GLOSS_FORMAT_DOCCANO, "dana", GLOSS_OFFSETS_CODE_POINTS);
  dump_problems (f);
  {
    g_autofree char *warning = g_strdup_printf ("news.jsonl:1: %u spans were read in codepoints as asked, but doccano counts UTF-16",
                                                f->summary.spans - 1);

    g_assert_cmpuint (count_problems (f, ": span a-"), ==, G_N_ELEMENTS (news_spans) - f->summary.spans);
    g_assert_cmpuint (count_problems (f, warning), ==, 1);
    g_assert_cmpuint (f->summary.warnings, ==, 1);
  }
}

/* Every span the unit cannot place exactly is refused with its file,
 * line, place in the list, offsets and why; the others are imported. */
static void
test_unplaceable (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = NEWS_TEXT;
  const char *grin = strstr (text, "\xf0\x9f\x98\x80");
  const char *flag = strstr (text, "\xf0\x9f\x87\xba");
  const char *scientist = strstr (text, "\xf0\x9f\x91\xa9");
  const char *accent = strstr (text, "\xcc\x81");
  const char *crlf = strstr (text, "\r\n");
  const char *apostrophe = strstr (text, "\xe2\x80\x99");
  guint length = offset_in (text, strlen (text), GLOSS_OFFSETS_UTF16);
  guint u_grin = offset_in (text, grin - text, GLOSS_OFFSETS_UTF16);
  guint u_flag = offset_in (text, flag - text, GLOSS_OFFSETS_UTF16);
  guint u_scientist = offset_in (text, scientist - text, GLOSS_OFFSETS_UTF16);
  guint u_accent = offset_in (text, accent - text, GLOSS_OFFSETS_UTF16);
  guint u_crlf = offset_in (text, crlf - text, GLOSS_OFFSETS_UTF16);
  const char *labels[] = { "person", "misc", "location", "misc", "person", "location",
                           "misc", "misc", "organization" };
  guint starts[] = { u_grin - 2, u_grin + 1, u_flag, u_scientist + 2, u_accent - 3,
                     u_crlf - 5, length - 1, 5, 0 };
  guint ends[] = { u_grin + 1, u_grin + 2, u_flag + 2, u_scientist + 5, u_accent,
                   u_crlf + 1, length + 1, 5, 4 };
  const char *why[] = {
    /* ends, then starts, between the two halves of 😀 */
    "splits the surrogate pair of \xe2\x80\x9c\xf0\x9f\x98\x80\xe2\x80\x9d (U+1F600)",
    "splits the surrogate pair of \xe2\x80\x9c\xf0\x9f\x98\x80\xe2\x80\x9d (U+1F600)",
    "ends inside \xe2\x80\x9c\xf0\x9f\x87\xba\xf0\x9f\x87\xa6\xe2\x80\x9d, 2 code points shown as one character",
    "starts inside \xe2\x80\x9c\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac\xe2\x80\x9d, 3 code points",
    "ends inside \xe2\x80\x9c\x65\xcc\x81\xe2\x80\x9d, 2 code points",
    "ends inside \xe2\x80\x9c\\r\\n\xe2\x80\x9d, 2 code points",
    "is past the end of the text (",
    "it is empty",
  };
  g_autofree char *line = doccano_line ("cuts", text, labels, starts, ends, G_N_ELEMENTS (labels));
  g_autofree char *bytes_line = NULL;
  g_autofree char *path = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;

  /* In bytes, an offset inside the curly apostrophe's three bytes. */
  {
    const char *one_label[] = { "organization" };
    guint byte_start[] = { 0 };
    guint byte_end[] = { apostrophe - text + 1 };

    bytes_line = doccano_line ("bytes", text, one_label, byte_start, byte_end, 1);
  }

  path = write_input (f, "cuts.jsonl", line);
  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);

  /* One problem per span but the last, each located and saying why. */
  g_assert_cmpuint (f->summary.problems->len, ==, G_N_ELEMENTS (labels) - 1);
  g_assert_cmpuint (f->summary.skipped, ==, G_N_ELEMENTS (labels) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (labels) - 1; i++)
    {
      const char *problem = g_ptr_array_index (f->summary.problems, i);
      g_autofree char *where = g_strdup_printf ("cuts.jsonl:1: span a-%u (label[%u]) at %u\xe2\x80\x93%u in utf16: ",
                                                i + 1, i, starts[i], ends[i]);

      g_test_message ("%s", problem);
      g_assert_nonnull (strstr (problem, where));
      g_assert_true (g_str_has_suffix (problem, "; skipped"));
      g_assert_nonnull (strstr (problem, why[i]));
    }

  /* Only the span that fits is in the sidecar, where it was meant. */
  sidecar = load_sidecar (f->out, "cuts.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 1);
  assert_span (sidecar, 0, "a-9", "organization", "NATO");

  gloss_import_summary_clear (&f->summary);
  gloss_import_summary_init (&f->summary);
  g_clear_pointer (&path, g_free);
  path = write_input (f, "bytes.jsonl", bytes_line);
  import_in (f, path, GLOSS_FORMAT_DOCCANO, "dana", GLOSS_OFFSETS_BYTES);
  dump_problems (f);
  location = g_strdup_printf ("bytes.jsonl:1: span a-1 (label[0]) at 0\xe2\x80\x93%u in bytes: %u is inside the UTF-8 bytes of \xe2\x80\x9c\xe2\x80\x99\xe2\x80\x9d (U+2019); skipped",
                              (guint) (apostrophe - text + 1), (guint) (apostrophe - text + 1));
  g_assert_cmpuint (f->summary.problems->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (f->summary.problems, 0), location));
}

/* A text that starts with a BOM: doccano (JavaScript) counts it as a
 * character, Gloss does not; a span on the BOM itself is refused. */
static void
test_doccano_bom (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = "\xef\xbb\xbf" "Olena \xf0\x9f\x98\x80 spoke.";
  const char *labels[] = { "person", "misc", "misc", "person" };
  /* U+FEFF is unit 0; Olena 1–6; 😀 7–9; spoke 10–15. */
  guint starts[] = { 1, 7, 10, 0 };
  guint ends[] = { 6, 9, 15, 6 };
  g_autofree char *line = doccano_line ("bom", text, labels, starts, ends, G_N_ELEMENTS (labels));
  g_autofree char *path = write_input (f, "bom.jsonl", line);
  g_autoptr(GlossSidecar) sidecar = NULL;

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 1);
  g_assert_cmpuint (count_problems (f, "bom.jsonl:1: span a-4 (label[3]) at 0\xe2\x80\x93" "6 in utf16: 0 is on the byte order mark"), ==, 1);

  sidecar = load_sidecar (f->out, "bom.txt", "dana");
  g_assert_cmpuint (n_annotations (sidecar), ==, 3);
  assert_span (sidecar, 0, "a-1", "person", "Olena");
  assert_span (sidecar, 1, "a-2", "misc", "\xf0\x9f\x98\x80");
  assert_span (sidecar, 2, "a-3", "misc", "spoke");
}

/* Writes NEWS_TEXT as an article with its spans (and a speaker, a note)
 * for @annotator, through the model. */
static void
write_news_article (const char *folder,
                    const char *annotator)
{
  g_autofree char *path = g_build_filename (folder, "news.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new ();
  GlossAnnotationSet *set;
  gsize from = 0;

  g_file_set_contents (path, NEWS_TEXT, -1, &error);
  g_assert_no_error (error);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, annotator);
  set = gloss_sidecar_get_annotations (sidecar);

  for (guint i = 0; i < G_N_ELEMENTS (news_spans); i++)
    {
      guint start, end;

      if (i == 5)
        from = strstr (NEWS_TEXT, "Kyiv") - NEWS_TEXT;
      find_in (NEWS_TEXT, news_spans[i].exact, from, GLOSS_OFFSETS_CODE_POINTS, &start, &end);
      g_ptr_array_add (created, gloss_annotation_set_create (set, news_spans[i].label, start, end, &error));
      g_assert_no_error (error);
    }
  /* The quote (6) is Biden's (7). */
  gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (g_ptr_array_index (created, 6)),
                                     gloss_annotation_get_id (g_ptr_array_index (created, 7)),
                                     &error);
  g_assert_no_error (error);
  gloss_annotation_set_change_note (set, g_ptr_array_index (created, 2), "check the spelling", &error);
  g_assert_no_error (error);

  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "type from-start–end to-start–end" for each relation of @set, sorted:
 * relations by what they link, whatever the ids. */
static GStrv
describe_relations (GlossAnnotationSet *set)
{
  GListModel *relations = gloss_annotation_set_get_relations (set);
  g_autoptr(GPtrArray) links = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (relations); i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
      GlossAnnotation *from = gloss_annotation_set_lookup (set, gloss_relation_get_from (relation));
      GlossAnnotation *to = gloss_annotation_set_lookup (set, gloss_relation_get_to (relation));

      g_ptr_array_add (links, g_strdup_printf ("%s %u-%u %u-%u", gloss_relation_get_rel_type (relation),
                                               gloss_annotation_get_start (from),
                                               gloss_annotation_get_end (from),
                                               gloss_annotation_get_start (to),
                                               gloss_annotation_get_end (to)));
    }
  g_ptr_array_sort (links, compare_strings);
  g_ptr_array_add (links, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&links), FALSE);
}

/* Spans (start, end, label, exact) and relations (type and the spans they
 * link) of @a and @b are the same; ids may differ. */
static void
assert_same_spans (GlossSidecar *a,
                   GlossSidecar *b)
{
  GlossAnnotationSet *set_a = gloss_sidecar_get_annotations (a);
  GlossAnnotationSet *set_b = gloss_sidecar_get_annotations (b);

  g_assert_cmpuint (n_annotations (b), ==, n_annotations (a));
  for (guint i = 0; i < n_annotations (a); i++)
    {
      GlossAnnotation *x = annotation_at (a, i);
      GlossAnnotation *y = annotation_at (b, i);

      g_assert_cmpuint (gloss_annotation_get_start (y), ==, gloss_annotation_get_start (x));
      g_assert_cmpuint (gloss_annotation_get_end (y), ==, gloss_annotation_get_end (x));
      g_assert_cmpstr (gloss_annotation_get_label (y), ==, gloss_annotation_get_label (x));
      g_assert_cmpstr (gloss_annotation_get_exact (y), ==, gloss_annotation_get_exact (x));
    }

  {
    g_auto(GStrv) links_a = describe_relations (set_a);
    g_auto(GStrv) links_b = describe_relations (set_b);

    g_assert_cmpuint (g_strv_length (links_b), ==, g_strv_length (links_a));
    for (guint i = 0; links_a[i] != NULL; i++)
      g_assert_cmpstr (links_b[i], ==, links_a[i]);
  }
}

/* Gloss → doccano → Gloss, in doccano's own unit by default both ways, on
 * the samples and on texts with emoji, flags, ZWJ sequences, combining
 * marks, CRLF, Arabic and curly possessives: the same spans come back,
 * exactly; with the relation shape, the relations too. */
static void
round_trip_doccano (Fixture  *f,
                    gboolean  with_relations)
{
  g_autofree char *corpus_path = g_build_filename (f->dir, "corpus", NULL);
  g_autofree char *doccano_path = g_build_filename (f->dir, "corpus.doccano.jsonl", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (corpus_path);
  g_autoptr(GFile) doccano = g_file_new_for_path (doccano_path);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = {
    .format = GLOSS_FORMAT_DOCCANO,
    .offsets = gloss_format_get_default_offsets (GLOSS_FORMAT_DOCCANO),
    .doccano_relations = with_relations,
  };
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GlossExportSummary exported;
  guint n_lines;

  g_mkdir_with_parents (corpus_path, 0700);
  copy_samples (corpus_path);
  write_tricky_article (corpus_path);
  write_news_article (corpus_path, "carol");

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);
  gloss_export_summary_init (&exported);
  g_assert_true (gloss_export_corpus (corpus, root, &options, doccano, NULL, NULL,
                                      &exported, NULL, &error));
  g_assert_no_error (error);

  copy_label_set (corpus_path, f->out);
  import (f, doccano_path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);
  g_assert_cmpuint (f->summary.sidecars, ==, exported.records);
  g_assert_cmpuint (f->summary.spans, ==, exported.spans);
  g_assert_cmpuint (f->summary.relations, ==, with_relations ? exported.relations : 0);

  /* Line N is the record of the article with its text, by the annotator
   * the line names. */
  g_file_get_contents (doccano_path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  n_lines = g_strv_length (lines) - 1;
  g_assert_cmpuint (n_lines, ==, 8);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *imported = g_strdup_printf ("line-%u.txt", i + 1);
      g_autoptr(GlossSidecar) actual = load_sidecar (f->out, imported, "dana");
      const char *text = gloss_document_get_text (gloss_sidecar_get_document (actual));
      JsonObject *object;
      const char *annotator;
      g_autoptr(GlossSidecar) expected = NULL;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      annotator = json_object_get_string_member (object, "annotator");

      for (guint j = 0; j < gloss_corpus_get_n_articles (corpus) && expected == NULL; j++)
        {
          const char *name = gloss_corpus_article_get_name (gloss_corpus_get_article (corpus, j));
          g_autofree char *article = g_build_filename (corpus_path, name, NULL);
          g_autofree char *article_text = NULL;
          g_autofree char *sidecar_name = g_strdup_printf ("%s.%s.gloss.json", name, annotator);
          g_autofree char *sidecar_path = g_build_filename (corpus_path, sidecar_name, NULL);

          g_file_get_contents (article, &article_text, NULL, NULL);
          if (g_str_equal (g_str_has_prefix (article_text, "\xef\xbb\xbf") ? article_text + 3 : article_text, text)
              && g_file_test (sidecar_path, G_FILE_TEST_EXISTS))
            expected = load_sidecar (root, name, annotator);
        }
      g_assert_nonnull (expected);

      if (with_relations)
        assert_same_spans (expected, actual);
      else
        {
          /* The classic shape has no relations. */
          g_assert_cmpuint (n_relations (actual), ==, 0);
          g_assert_cmpuint (n_annotations (actual), ==, n_annotations (expected));
          for (guint k = 0; k < n_annotations (expected); k++)
            {
              GlossAnnotation *x = annotation_at (expected, k);
              GlossAnnotation *y = annotation_at (actual, k);

              g_assert_cmpuint (gloss_annotation_get_start (y), ==, gloss_annotation_get_start (x));
              g_assert_cmpuint (gloss_annotation_get_end (y), ==, gloss_annotation_get_end (x));
              g_assert_cmpstr (gloss_annotation_get_label (y), ==, gloss_annotation_get_label (x));
              g_assert_cmpstr (gloss_annotation_get_exact (y), ==, gloss_annotation_get_exact (x));
            }
        }
    }

  gloss_export_summary_clear (&exported);
}

static void
test_doccano_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  round_trip_doccano (f, FALSE);
}

static void
test_doccano_round_trip_relations (Fixture       *f,
                                   gconstpointer  data)
{
  round_trip_doccano (f, TRUE);
}

/* Gloss's jsonl exported in UTF-16 or bytes comes back with the same
 * --offsets; read in another unit, each span whose "text" no longer
 * matches is refused, saying which unit would fit. */
static void
test_jsonl_units (Fixture       *f,
                  gconstpointer  data)
{
  const GlossOffsetUnit units[] = { GLOSS_OFFSETS_UTF16, GLOSS_OFFSETS_BYTES };
  g_autofree char *corpus_path = g_build_filename (f->dir, "corpus", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (corpus_path);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (corpus_path, 0700);
  write_tricky_article (corpus_path);
  write_news_article (corpus_path, "carol");
  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      const char *name = gloss_offset_unit_to_string (units[i]);
      g_autofree char *jsonl_name = g_strdup_printf ("%s.jsonl", name);
      g_autofree char *jsonl_path = g_build_filename (f->dir, jsonl_name, NULL);
      g_autoptr(GFile) jsonl = g_file_new_for_path (jsonl_path);
      GlossExportOptions options = { GLOSS_FORMAT_JSONL, units[i], NULL, NULL };
      GlossExportSummary exported;
      g_autofree char *hint = g_strdup_printf ("import with --offsets %s; skipped", name);

      gloss_export_summary_init (&exported);
      g_assert_true (gloss_export_corpus (corpus, root, &options, jsonl, NULL, NULL,
                                          &exported, NULL, &error));
      g_assert_no_error (error);

      /* Read in its own unit: all back. */
      gloss_test_remove_tree (g_file_peek_path (f->out));
      gloss_import_summary_clear (&f->summary);
      gloss_import_summary_init (&f->summary);
      import_in (f, jsonl_path, GLOSS_FORMAT_JSONL, NULL, units[i]);
      dump_problems (f);
      g_assert_cmpuint (f->summary.problems->len, ==, 0);
      g_assert_cmpuint (f->summary.spans, ==, exported.spans);
      {
        g_autoptr(GlossSidecar) before = load_sidecar (root, "news.txt", "carol");
        g_autoptr(GlossSidecar) after = load_sidecar (f->out, "news.txt", "carol");
        g_autoptr(GlossSidecar) tricky_before = load_sidecar (root, "tricky.txt", "carol");
        g_autoptr(GlossSidecar) tricky_after = load_sidecar (f->out, "tricky.txt", "carol");

        assert_same_sidecar (before, after, FALSE);
        assert_same_sidecar (tricky_before, tricky_after, FALSE);
      }

      /* Read as code points (the jsonl default): refused span by span,
       * with the unit that fits. */
      gloss_test_remove_tree (g_file_peek_path (f->out));
      gloss_import_summary_clear (&f->summary);
      gloss_import_summary_init (&f->summary);
      import (f, jsonl_path, GLOSS_FORMAT_JSONL, NULL);
      dump_problems (f);
      g_assert_cmpuint (f->summary.spans, <, exported.spans);
      g_assert_cmpuint (count_problems (f, ": span "), ==, exported.spans - f->summary.spans);
      g_assert_cmpuint (count_problems (f, hint), >, 0);

      gloss_export_summary_clear (&exported);
    }
}

/* doccano's comments belong to the example: they are kept at the top of
 * the sidecar, in both shapes doccano writes, never dropped in silence. */
static void
test_doccano_comments (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = write_input (f, "comments.jsonl",
    "{\"id\": \"a\", \"text\": \"Ann met Bo.\", \"label\": [[0, 3, \"person\"]],"
    " \"Comments\": [\"check Bo\xe2\x80\x99s surname\", \"two\\nlines\"]}\n"
    "{\"id\": \"b\", \"text\": \"Cy left.\", \"entities\": [{\"id\": 5, \"start_offset\": 0,"
    " \"end_offset\": 2, \"label\": \"person\"}], \"relations\": [],"
    " \"Comments\": [{\"id\": 9, \"comment\": \"from a relation project\"}]}\n"
    "{\"id\": \"c\", \"text\": \"Di came.\", \"label\": [], \"comments\": [\"older doccano\"]}\n"
    "{\"id\": \"d\", \"text\": \"Ed went.\", \"label\": [], \"Comments\": [42, \"kept\"]}\n"
    "{\"id\": \"e\", \"text\": \"Fay.\", \"label\": [], \"Comments\": []}\n");
  const char *expected[][3] = {
    { "a.txt", "check Bo\xe2\x80\x99s surname", "two\nlines" },
    { "b.txt", "from a relation project", NULL },
    { "c.txt", "older doccano", NULL },
    { "d.txt", "kept", NULL },
    { "e.txt", NULL, NULL },
  };

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);
  g_assert_cmpuint (f->summary.problems->len, ==, 1);
  g_assert_cmpuint (count_problems (f, "comments.jsonl:4: Comments[0] is neither a string nor"), ==, 1);
  g_assert_cmpuint (f->summary.comments, ==, 5);
  g_assert_cmpuint (f->summary.sidecars, ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GlossSidecar) sidecar = load_sidecar (f->out, expected[i][0], "dana");
      JsonNode *node = gloss_sidecar_get_extra_member (sidecar, "doccano-comments");
      JsonArray *array;
      guint n = expected[i][1] == NULL ? 0 : expected[i][2] == NULL ? 1 : 2;

      if (n == 0)
        {
          g_assert_null (node);
          continue;
        }
      g_assert_nonnull (node);
      array = json_node_get_array (node);
      g_assert_cmpuint (json_array_get_length (array), ==, n);
      for (guint j = 0; j < n; j++)
        g_assert_cmpstr (json_array_get_string_element (array, j), ==, expected[i][j + 1]);
    }
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.jsonl", NULL);
  g_autofree char *path = write_input (f, "x.jsonl", "{\"text\": \"x\"}\n");
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_import_jsonl (input, GLOSS_FORMAT_JSONL, f->out, "Not Valid",
                                      GLOSS_OFFSETS_CODE_POINTS, &f->summary, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (gloss_import_jsonl (missing, GLOSS_FORMAT_JSONL, f->out, "dana",
                                      GLOSS_OFFSETS_CODE_POINTS, &f->summary, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (f->summary.sidecars, ==, 0);

  /* An unknown unit is refused before anything is read. */
  g_assert_false (gloss_import_jsonl (input, GLOSS_FORMAT_DOCCANO, f->out, "dana",
                                      (GlossOffsetUnit) 9, &f->summary, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_assert_cmpuint (f->summary.sidecars, ==, 0);
}

/* Names in @path that start with "." (temporary files of ours). */
static guint
count_hidden (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    n += name[0] == '.';
  return n;
}

/* An article name repeated in one import, while the first one's files
 * are not in place yet: identical text reuses the article (read back from
 * its temporary file) and the sidecar is not written twice; other text is
 * a problem. Nothing hidden is left. */
static void
test_repeated_in_one_import (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path =
    write_input (f, "repeats.jsonl",
                 "{\"id\": \"a.txt\", \"text\": \"Ann met Bo.\", \"label\": [[0, 3, \"person\"]]}\n"
                 "{\"id\": \"a.txt\", \"text\": \"Ann met Bo.\", \"label\": [[8, 10, \"person\"]]}\n"
                 "{\"id\": \"a.txt\", \"text\": \"Other text.\", \"label\": []}\n"
                 "{\"id\": \"b.txt\", \"text\": \"Bo met Ann.\", \"label\": [[0, 2, \"person\"]]}\n");
  g_autofree char *out = g_file_get_path (f->out);
  g_autofree char *a = g_build_filename (out, "a.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GError) error = NULL;

  import (f, path, GLOSS_FORMAT_DOCCANO, "dana");
  dump_problems (f);

  g_assert_cmpuint (f->summary.articles, ==, 3);
  g_assert_cmpuint (f->summary.sidecars, ==, 2);
  g_assert_cmpuint (count_problems (f, "repeats.jsonl:2: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "not overwritten"), ==, 1);
  g_assert_cmpuint (count_problems (f, "repeats.jsonl:3: "), ==, 1);
  g_assert_cmpuint (count_problems (f, "different text"), ==, 1);

  g_file_get_contents (a, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Ann met Bo.");

  /* The first line's annotations, not the second's. */
  sidecar = load_sidecar (f->out, "a.txt", "dana");
  g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar)), ==, 1);
  g_assert_cmpuint (count_hidden (out), ==, 0);
}

/* Inside an import the files are hidden temporaries; they are put in
 * place when it ends, and nothing else is left. */
static void
test_written_at_the_end (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *out = g_file_get_path (f->out);
  g_autofree char *article = g_build_filename (out, "x.txt", NULL);
  g_autofree char *sidecar = g_build_filename (out, "x.txt.dana.gloss.json", NULL);
  g_autoptr(GError) error = NULL;
  GlossFileBatch *began;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_ptr_array_add (spans, gloss_annotation_new ("s1", "person", 0, 3));

  began = gloss_import_begin_writes (&f->summary);
  g_assert_nonnull (began);
  /* An import inside another: the outer one puts the files in place. */
  g_assert_null (gloss_import_begin_writes (&f->summary));

  g_assert_true (gloss_import_write_article (f->out, "x.txt", "Ann met Bo.", -1, "dana",
                                             spans, NULL, NULL, "test", &f->summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->summary.sidecars, ==, 1);
  g_assert_false (g_file_test (article, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_hidden (out), ==, 2);

  g_assert_true (gloss_import_end_writes (&f->summary, began, TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (f->summary.batch);
  g_assert_true (g_file_test (article, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (sidecar, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_hidden (out), ==, 0);
  g_assert_cmpuint (f->summary.problems->len, ==, 0);

  /* Called on its own, an article is put in place at once. */
  g_assert_true (gloss_import_write_article (f->out, "y.txt", "Bo met Ann.", -1, "dana",
                                             NULL, NULL, NULL, "test", &f->summary, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *y = g_build_filename (out, "y.txt.dana.gloss.json", NULL);

    g_assert_true (g_file_test (y, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_cmpuint (count_hidden (out), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import-jsonl/round-trip", test_round_trip);
  ADD ("/import-jsonl/explicit-annotator", test_explicit_annotator);
  ADD ("/import-jsonl/doccano-labels", test_doccano_labels);
  ADD ("/import-jsonl/doccano-entities", test_doccano_entities);
  ADD ("/import-jsonl/doccano-shapes", test_doccano_shapes);
  ADD ("/import-jsonl/bad-lines", test_bad_lines);
  ADD ("/import-jsonl/never-overwrite", test_never_overwrite);
  ADD ("/import-jsonl/names", test_names);
  ADD ("/import-jsonl/bad-arguments", test_bad_arguments);
  ADD ("/import-jsonl/doccano-utf16", test_doccano_utf16);
  ADD ("/import-jsonl/unplaceable", test_unplaceable);
  ADD ("/import-jsonl/doccano-bom", test_doccano_bom);
  ADD ("/import-jsonl/doccano-round-trip", test_doccano_round_trip);
  ADD ("/import-jsonl/doccano-round-trip-relations", test_doccano_round_trip_relations);
  ADD ("/import-jsonl/jsonl-units", test_jsonl_units);
  ADD ("/import-jsonl/doccano-comments", test_doccano_comments);
  ADD ("/import-jsonl/repeated-in-one-import", test_repeated_in_one_import);
  ADD ("/import-jsonl/written-at-the-end", test_written_at_the_end);

#undef ADD

  return g_test_run ();
}

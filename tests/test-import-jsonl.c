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
import (Fixture     *f,
        const char  *path,
        GlossFormat  format,
        const char  *annotator)
{
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_jsonl (input, format, f->out, annotator, &f->summary, NULL, &error));
  g_assert_no_error (error);
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

  gloss_annotation_set_change_note (set, family, "one grapheme,\nfive code points");
  gloss_annotation_set_change_note (set, quote, "says \"we\" \xe2\x80\x94 who?");
  gloss_annotation_set_add_relation (set, GLOSS_RELATION_SPEAKER,
                                     gloss_annotation_get_id (quote),
                                     gloss_annotation_get_id (person), &error);
  g_assert_no_error (error);

  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_same_sidecar (GlossSidecar *expected,
                     GlossSidecar *actual)
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
    }

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

          assert_same_sidecar (expected, actual);
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

/* Classic doccano: [[start, end, label]], code points, numbered ids. */
static void
test_doccano_labels (Fixture       *f,
                     gconstpointer  data)
{
  /* "Zoé 👨‍👩‍👧 met Kyiv." with a combining accent: code points 0–4 are Zoé. */
  g_autofree char *path = write_input (f, "classic.jsonl",
    "{\"id\": 7, \"text\": \"Zoe\xcc\x81 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 met Kyiv.\","
    " \"label\": [[0, 4, \"person\"], [15, 19, \"location\"], [5, 10, \"misc\"]]}\n"
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
                                      &f->summary, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (gloss_import_jsonl (missing, GLOSS_FORMAT_JSONL, f->out, "dana",
                                      &f->summary, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (f->summary.sidecars, ==, 0);
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
  ADD ("/import-jsonl/bad-lines", test_bad_lines);
  ADD ("/import-jsonl/never-overwrite", test_never_overwrite);
  ADD ("/import-jsonl/names", test_names);
  ADD ("/import-jsonl/bad-arguments", test_bad_arguments);

#undef ADD

  return g_test_run ();
}

/* test-corpus-agreement.c — agreement over a corpus
 * (gloss-corpus-agreement.h): the figures `gloss-cli agree` prints and the
 * review window's F7 panel shows come from here
 *
 * The sample corpus (alice and bilal on three articles) is copied to a
 * temporary folder. The helper's figures are checked against
 *  - `gloss-cli agree --json --annotators alice,bilal` run on the same
 *    folder (the figures tests/cli/test-cli-agree.py checks against its own
 *    reimplementation), and
 *  - the figures the F7 panel computed before it used the helper: each
 *    article's sidecars loaded and added straight into one agreement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

#define TOLERANCE 1e-6

typedef struct
{
  char *dir;
} Fixture;

static const char * const pair[] = { "alice", "bilal", NULL };

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *samples = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (samples == NULL)
    {
      g_test_skip ("GLOSS_SAMPLES_DIR is not set");
      return;
    }

  f->dir = g_dir_make_tmp ("gloss-test-corpus-agreement-XXXXXX", &error);
  g_assert_no_error (error);

  dir = g_dir_open (samples, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".gloss.json"))
      {
        g_autofree char *from = g_build_filename (samples, name, NULL);
        g_autofree char *to = g_build_filename (f->dir, name, NULL);

        copy_file (from, to);
      }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dir != NULL)
    gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static GlossCorpus *
corpus_of (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->dir);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&corpus);
}

static GlossCorpusAgreement *
run_helper (GlossCorpus *corpus)
{
  g_autoptr(GlossCorpusAgreement) figures =
    gloss_corpus_agreement_new (corpus, pair, GLOSS_CORPUS_AGREEMENT_INCLUDE_ADJUDICATED);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_agreement_run (figures, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&figures);
}

/* NaN and NaN are the same figure ("n/a" or null). */
static void
assert_figure (double actual,
               double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat_with_epsilon (actual, expected, TOLERANCE);
}

static double
json_figure (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

/* A figures object of `agree --json` against the helper's figures. */
static void
assert_same_as_printed (const GlossAgreement *agreement,
                        JsonObject           *printed)
{
  JsonObject *spans = json_object_get_object_member (printed, "spans");
  JsonObject *pair_figures = json_array_get_object_element (json_object_get_array_member (printed, "pairs"), 0);

  g_assert_cmpint (json_object_get_int_member (printed, "tokens"), ==,
                   (gint64) (gloss_agreement_get_n_items (agreement) / 3));
  for (guint m = 0; m < GLOSS_N_MATCH; m++)
    {
      JsonObject *match = json_object_get_object_member (spans, m == GLOSS_MATCH_EXACT ? "exact" : "overlap");
      GlossSpanScore score = gloss_agreement_get_span_score (agreement, (GlossMatch) m,
                                                             GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL);

      assert_figure (score.f1, json_figure (match, "f1"));
      assert_figure (score.precision, json_figure (match, "precision"));
      g_assert_cmpint (score.n_matched, ==, json_object_get_int_member (match, "matched"));
    }
  assert_figure (gloss_agreement_get_fleiss_kappa (agreement, NULL), json_figure (printed, "fleiss_kappa"));
  assert_figure (gloss_agreement_get_krippendorff_alpha (agreement, NULL),
                 json_figure (printed, "krippendorff_alpha"));
  assert_figure (gloss_agreement_get_observed (agreement, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS, NULL),
                 json_figure (printed, "observed"));
  assert_figure (gloss_agreement_get_cohen_kappa (agreement, 0, 1, NULL),
                 json_figure (pair_figures, "cohen_kappa"));

  /* Each layer alone. */
  for (GlossLabelKind kind = GLOSS_LABEL_KIND_CLAIM; kind <= GLOSS_LABEL_KIND_ENTITY; kind++)
    {
      JsonObject *kinds = json_object_get_object_member (printed, "kinds");
      JsonObject *layer = json_object_get_object_member (kinds, gloss_label_kind_to_string (kind));
      JsonObject *layer_pair = json_array_get_object_element (json_object_get_array_member (layer, "pairs"), 0);

      g_assert_cmpint (json_object_get_boolean_member (layer, "used"), ==,
                       gloss_agreement_get_kind_used (agreement, kind));
      assert_figure (gloss_agreement_get_kind_fleiss_kappa (agreement, kind), json_figure (layer, "fleiss_kappa"));
      assert_figure (gloss_agreement_get_kind_krippendorff_alpha (agreement, kind),
                     json_figure (layer, "krippendorff_alpha"));
      assert_figure (gloss_agreement_get_kind_observed (agreement, kind, GLOSS_ALL_ANNOTATORS, GLOSS_ALL_ANNOTATORS),
                     json_figure (layer, "observed"));
      assert_figure (gloss_agreement_get_kind_cohen_kappa (agreement, kind, 0, 1),
                     json_figure (layer_pair, "cohen_kappa"));
    }

  /* Each attribute and article field. */
  for (guint t = 0; t < 2; t++)
    {
      GlossAgreementTarget target = t == 0 ? GLOSS_AGREEMENT_ATTRIBUTES : GLOSS_AGREEMENT_DOCUMENT_LABELS;
      JsonObject *members = json_object_get_object_member (printed, t == 0 ? "attributes" : "document_labels");
      const char * const *keys = gloss_agreement_get_attributes (agreement, target);

      g_assert_nonnull (members);
      g_assert_cmpuint (json_object_get_size (members), ==, g_strv_length ((char **) keys));
      for (guint k = 0; keys[k] != NULL; k++)
        {
          JsonObject *entry = json_object_get_object_member (members, keys[k]);
          JsonObject *entry_pair = json_array_get_object_element (json_object_get_array_member (entry, "pairs"), 0);

          g_assert_cmpint (json_object_get_int_member (entry, "items"), ==,
                           (gint64) gloss_agreement_get_attribute_n_items (agreement, target, keys[k],
                                                                          GLOSS_ALL_ANNOTATORS,
                                                                          GLOSS_ALL_ANNOTATORS));
          assert_figure (gloss_agreement_get_attribute_fleiss_kappa (agreement, target, keys[k]),
                         json_figure (entry, "fleiss_kappa"));
          assert_figure (gloss_agreement_get_attribute_krippendorff_alpha (agreement, target, keys[k]),
                         json_figure (entry, "krippendorff_alpha"));
          assert_figure (gloss_agreement_get_attribute_cohen_kappa (agreement, target, keys[k], 0, 1),
                         json_figure (entry_pair, "cohen_kappa"));
        }
    }
}

/* The helper's figures are those `gloss-cli agree` prints, article by
 * article and for the corpus. */
static void
assert_same_as_cli (Fixture *f)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "gloss-cli", NULL);
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli, "agree", "--json", "--annotators", "alice,bilal", f->dir, NULL };
  JsonObject *root;
  JsonArray *articles;
  int status = 0;

  if (f->dir == NULL)
    return;
  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("gloss-cli is not built");
      return;
    }

  corpus = corpus_of (f);
  figures = run_helper (corpus);
  g_assert_cmpuint (gloss_corpus_agreement_get_n_articles (figures), ==, 3);
  g_assert_cmpuint (gloss_corpus_agreement_get_n_skipped (figures), ==, 0);
  g_assert_cmpuint (gloss_corpus_agreement_get_problems (figures)->len, ==, 0);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  articles = json_object_get_array_member (root, "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, gloss_corpus_agreement_get_n_articles (figures));
  for (guint i = 0; i < json_array_get_length (articles); i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);
      g_autofree char *name =
        g_file_get_basename (gloss_corpus_article_get_file (gloss_corpus_agreement_get_article (figures, i)));

      g_assert_true (g_str_has_suffix (json_object_get_string_member (article, "article"), name));
      assert_same_as_printed (gloss_corpus_agreement_get_article_agreement (figures, i),
                              json_object_get_object_member (article, "figures"));
    }

  {
    JsonObject *total = json_object_get_object_member (root, "corpus");

    g_assert_cmpint (json_object_get_int_member (total, "articles"), ==, 3);
    assert_same_as_printed (gloss_corpus_agreement_get_total (figures),
                            json_object_get_object_member (total, "figures"));
  }
}

static void
test_same_as_cli (Fixture       *f,
                  gconstpointer  data)
{
  assert_same_as_cli (f);
}

/* Gives each of @annotator's spans in @article's sidecar a verdict by a
 * rule of @seed, and the sidecar a stance and topics. */
static void
add_attributes (Fixture    *f,
                const char *article,
                const char *annotator,
                guint       seed)
{
  static const char * const verdicts[] = { "true", "false", "mixed" };
  g_autofree char *path = g_strdup_printf ("%s/%s.%s.gloss.json", f->dir, article, annotator);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *annotations;
  JsonObject *fields = json_object_new ();
  JsonArray *topics = json_array_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  annotations = json_object_get_array_member (root, "annotations");
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *attributes = json_object_new ();

      json_object_set_string_member (attributes, "verdict", verdicts[(i * (seed + 1)) % 3]);
      json_object_set_object_member (json_array_get_object_element (annotations, i), "attributes", attributes);
    }
  json_object_set_string_member (fields, "stance", seed % 2 ? "for" : "against");
  json_array_add_string_element (topics, "politics");
  if (seed % 3 == 0)
    json_array_add_string_element (topics, "transport");
  json_object_set_array_member (fields, "topic", topics);
  json_object_set_object_member (root, "document_labels", fields);

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

/* With attributes and article fields in the sidecars: the helper reads
 * them (document_labels included), and its figures are the CLI's. */
static void
test_attributes_same_as_cli (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const articles[] = {
    "harbour-bridge-vote.txt", "kyiv-grain-talks.txt", "river-flood-report.txt",
  };
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  const GlossAgreement *total;

  if (f->dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      add_attributes (f, articles[i], "alice", i);
      add_attributes (f, articles[i], "bilal", i + 1);
    }

  corpus = corpus_of (f);
  figures = run_helper (corpus);
  total = gloss_corpus_agreement_get_total (figures);
  g_assert_cmpstrv (gloss_agreement_get_attributes (total, GLOSS_AGREEMENT_ATTRIBUTES),
                    ((const char *[]) { "verdict", NULL }));
  g_assert_cmpstrv (gloss_agreement_get_attributes (total, GLOSS_AGREEMENT_DOCUMENT_LABELS),
                    ((const char *[]) { "stance", "topic=politics", "topic=transport", NULL }));
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (total, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance", 0, 1),
                    ==, 3);
  /* Stances always differ: for/against by seed parity. */
  assert_figure (gloss_agreement_get_attribute_observed (total, GLOSS_AGREEMENT_DOCUMENT_LABELS, "stance", 0, 1), 0);
  g_assert_cmpuint (gloss_agreement_get_attribute_n_items (total, GLOSS_AGREEMENT_ATTRIBUTES, "verdict", 0, 1),
                    >, 10);

  assert_same_as_cli (f);
}

/* The figures the F7 panel showed before it used the helper: every
 * article with a sidecar from each annotator, loaded with its folder's
 * labels and added straight into one agreement. */
static GlossAgreement *
former_panel_figures (GlossCorpus *corpus)
{
  GlossAgreement *total = gloss_agreement_new (pair);

  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      g_autoptr(GFile) folder = g_file_get_parent (gloss_corpus_article_get_file (article));
      g_autoptr(GlossLabelSet) labels = gloss_label_set_find_for_folder (folder, NULL);
      g_autoptr(GlossDocument) document = NULL;
      g_autoptr(GPtrArray) sidecars = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      gboolean complete = TRUE;

      for (guint a = 0; pair[a] != NULL && complete; a++)
        complete = gloss_corpus_article_find_sidecar (article, pair[a]) != NULL;
      if (!complete)
        continue;

      document = gloss_document_new_from_file (gloss_corpus_article_get_file (article), NULL, NULL);
      g_assert_nonnull (document);
      for (guint a = 0; pair[a] != NULL && complete; a++)
        {
          GlossSidecar *sidecar = gloss_sidecar_new (gloss_corpus_article_find_sidecar (article, pair[a]),
                                                     document);

          g_ptr_array_add (sidecars, sidecar);
          complete = gloss_sidecar_load (sidecar, labels, NULL, NULL);
          if (complete)
            g_ptr_array_add (arrays, gloss_review_collect_placed (gloss_sidecar_get_annotations (sidecar)));
        }
      if (complete)
        gloss_agreement_add_article (total, document, labels, (GPtrArray * const *) arrays->pdata);
    }

  return total;
}

static void
assert_same_agreement (const GlossAgreement *a,
                       const GlossAgreement *b)
{
  g_assert_cmpuint (gloss_agreement_get_n_articles (a), ==, gloss_agreement_get_n_articles (b));
  g_assert_cmpuint (gloss_agreement_get_n_items (a), ==, gloss_agreement_get_n_items (b));
  for (guint m = 0; m < GLOSS_N_MATCH; m++)
    {
      GlossSpanScore sa = gloss_agreement_get_span_score (a, (GlossMatch) m, 0, 1, NULL);
      GlossSpanScore sb = gloss_agreement_get_span_score (b, (GlossMatch) m, 0, 1, NULL);

      g_assert_cmpuint (sa.n_matched, ==, sb.n_matched);
      g_assert_cmpuint (sa.n_reference, ==, sb.n_reference);
      g_assert_cmpuint (sa.n_candidate, ==, sb.n_candidate);
      assert_figure (sa.f1, sb.f1);
    }
  assert_figure (gloss_agreement_get_cohen_kappa (a, 0, 1, NULL), gloss_agreement_get_cohen_kappa (b, 0, 1, NULL));
  assert_figure (gloss_agreement_get_fleiss_kappa (a, NULL), gloss_agreement_get_fleiss_kappa (b, NULL));
  assert_figure (gloss_agreement_get_krippendorff_alpha (a, NULL), gloss_agreement_get_krippendorff_alpha (b, NULL));
  for (GlossLabelKind kind = GLOSS_LABEL_KIND_CLAIM; kind <= GLOSS_LABEL_KIND_ENTITY; kind++)
    {
      g_assert_cmpint (gloss_agreement_get_kind_used (a, kind), ==, gloss_agreement_get_kind_used (b, kind));
      assert_figure (gloss_agreement_get_kind_cohen_kappa (a, kind, 0, 1),
                     gloss_agreement_get_kind_cohen_kappa (b, kind, 0, 1));
      assert_figure (gloss_agreement_get_kind_krippendorff_alpha (a, kind),
                     gloss_agreement_get_kind_krippendorff_alpha (b, kind));
    }
}

static void
test_same_as_former_panel (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  g_autoptr(GlossAgreement) former = NULL;

  if (f->dir == NULL)
    return;

  corpus = corpus_of (f);
  figures = run_helper (corpus);
  former = former_panel_figures (corpus);
  g_assert_cmpuint (gloss_agreement_get_n_articles (former), ==, 3);
  assert_same_agreement (gloss_corpus_agreement_get_total (figures), former);
}

/* An article with one annotator's sidecar is skipped, naming the other;
 * a sidecar that cannot be read is a problem (with the sidecar) and its
 * article is skipped too; the rest still counts. */
typedef struct
{
  guint n_sidecar;
  guint n_other;
} Said;

static void
on_problem (GlossCorpusArticle *article,
            GlossSidecar       *sidecar,
            const GlossProblem *problem,
            gpointer            user_data)
{
  Said *said = user_data;

  if (sidecar != NULL)
    said->n_sidecar++;
  else
    said->n_other++;
}

static void
test_skipped_and_problems (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *lone = NULL;
  g_autoptr(GError) error = NULL;
  const char *missing = NULL;
  Said said = { 0 };

  if (f->dir == NULL)
    return;

  broken = g_build_filename (f->dir, "kyiv-grain-talks.txt.bilal.gloss.json", NULL);
  g_file_set_contents (broken, "{ not json", -1, &error);
  g_assert_no_error (error);
  lone = g_build_filename (f->dir, "river-flood-report.txt.bilal.gloss.json", NULL);
  g_assert_cmpint (g_unlink (lone), ==, 0);

  corpus = corpus_of (f);
  figures = gloss_corpus_agreement_new (corpus, pair, GLOSS_CORPUS_AGREEMENT_DEFAULT);
  gloss_corpus_agreement_set_problem_func (figures, on_problem, &said, NULL);
  g_assert_true (gloss_corpus_agreement_run (figures, NULL, &error));

  g_assert_cmpuint (gloss_corpus_agreement_get_n_articles (figures), ==, 1);
  g_assert_cmpuint (gloss_agreement_get_n_articles (gloss_corpus_agreement_get_total (figures)), ==, 1);
  g_assert_cmpuint (gloss_corpus_agreement_get_n_skipped (figures), ==, 2);
  gloss_corpus_agreement_get_skipped (figures, 0, &missing);
  g_assert_cmpstr (missing, ==, "bilal");
  gloss_corpus_agreement_get_skipped (figures, 1, &missing);
  g_assert_cmpstr (missing, ==, "bilal");

  g_assert_cmpuint (said.n_sidecar, ==, 1);
  g_assert_cmpuint (said.n_other, ==, 0);
  g_assert_cmpuint (gloss_corpus_agreement_get_problems (figures)->len, ==, 1);
  g_assert_true (g_str_has_suffix (((GlossProblem *) g_ptr_array_index (gloss_corpus_agreement_get_problems (figures), 0))->file,
                                   "kyiv-grain-talks.txt.bilal.gloss.json"));
}

/* Whom `agree` compares when none are named: every annotator found. */
static void
test_default_annotators (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_auto(GStrv) ids = NULL;

  if (f->dir == NULL)
    return;

  corpus = corpus_of (f);
  ids = gloss_corpus_agreement_dup_default_annotators (corpus, NULL);
  g_assert_cmpstrv (ids, pair);
}

/* The async run gives the same figures, with progress on the caller's
 * context. */
typedef struct
{
  GMainContext *context;
  guint         last;
  gboolean      done;
} Async;

static void
on_progress (GlossCorpusAgreement *figures,
             guint                 done,
             guint                 total,
             gpointer              user_data)
{
  Async *a = user_data;

  g_assert_true (g_main_context_is_owner (a->context));
  g_assert_cmpuint (total, ==, 3);
  a->last = done;
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Async *a = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_agreement_run_finish (GLOSS_CORPUS_AGREEMENT (source), result, &error));
  g_assert_no_error (error);
  a->done = TRUE;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusAgreement) blocking = NULL;
  g_autoptr(GlossCorpusAgreement) figures = NULL;
  Async a = { 0 };

  if (f->dir == NULL)
    return;

  corpus = corpus_of (f);
  blocking = run_helper (corpus);

  a.context = g_main_context_new ();
  g_main_context_push_thread_default (a.context);
  figures = gloss_corpus_agreement_new (corpus, pair, GLOSS_CORPUS_AGREEMENT_INCLUDE_ADJUDICATED);
  g_signal_connect (figures, "progress", G_CALLBACK (on_progress), &a);
  gloss_corpus_agreement_run_async (figures, NULL, on_counted, &a);
  while (!a.done)
    g_main_context_iteration (a.context, TRUE);
  g_main_context_pop_thread_default (a.context);
  while (g_main_context_iteration (a.context, FALSE))
    ;
  g_main_context_unref (a.context);

  g_assert_cmpuint (a.last, ==, 3);
  assert_same_agreement (gloss_corpus_agreement_get_total (figures),
                         gloss_corpus_agreement_get_total (blocking));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/corpus-agreement/same-as-cli", test_same_as_cli);
  ADD ("/corpus-agreement/attributes-same-as-cli", test_attributes_same_as_cli);
  ADD ("/corpus-agreement/same-as-former-panel", test_same_as_former_panel);
  ADD ("/corpus-agreement/skipped-and-problems", test_skipped_and_problems);
  ADD ("/corpus-agreement/default-annotators", test_default_annotators);
  ADD ("/corpus-agreement/async", test_async);

#undef ADD

  return g_test_run ();
}

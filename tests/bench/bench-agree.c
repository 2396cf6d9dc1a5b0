/* bench-agree.c — `gloss-cli agree --json DIR` over 1,000 articles, 3 annotators
 *
 * Times the whole process, start-up and folder scan included, as
 * bench-validate does: every article's three sidecars loaded, its text cut
 * into tokens, and the figures of each article and of the corpus printed
 * as JSON. The corpus is "many" with annotators bench, bench-2 and bench-3,
 * the last two each changing a tenth of the spans. Then, once and on a
 * fresh copy, `gloss-cli merge --strategy majority DIR`, which writes a
 * gold sidecar per article.
 *
 *   bench-agree PATH-TO-GLOSS-CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_MS 2000
#define N_ANNOTATORS 3
#define DISAGREEMENT 0.1

/* Runs `gloss-cli ARGS… DIR`; a non-zero exit is a failure here, since
 * the generated corpus is clean. */
static gboolean
run_cli (const char         *cli,
         const char * const *args,
         const char         *dir,
         char              **out,
         GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) dir);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &standard_error, &wait_status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s %s: ", cli, args[0]);
      if (standard_error != NULL)
        fprintf (stderr, "%s", standard_error);
      return FALSE;
    }

  return TRUE;
}

static double
get_figure (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN;
}

/* Checks that @output is the report of 1,000 articles by the 3 annotators,
 * and prints the corpus figures. */
static gboolean
check_report (const char  *output,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *corpus, *figures, *spans;
  JsonArray *annotators, *articles, *skipped;
  guint n_annotators;

  if (!json_parser_load_from_data (parser, output, -1, error))
    {
      g_prefix_error (error, "agree --json: ");
      return FALSE;
    }

  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  annotators = root != NULL && json_object_has_member (root, "annotators")
               ? json_object_get_array_member (root, "annotators") : NULL;
  articles = root != NULL && json_object_has_member (root, "articles")
             ? json_object_get_array_member (root, "articles") : NULL;
  corpus = root != NULL && json_object_has_member (root, "corpus")
           ? json_object_get_object_member (root, "corpus") : NULL;
  skipped = root != NULL && json_object_has_member (root, "skipped")
            ? json_object_get_array_member (root, "skipped") : NULL;

  if (annotators == NULL || articles == NULL || corpus == NULL || skipped == NULL
      || !json_object_has_member (corpus, "figures"))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "agree --json: no annotators, articles, corpus or skipped member");
      return FALSE;
    }

  n_annotators = json_array_get_length (annotators);
  if (n_annotators != N_ANNOTATORS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "agree --json: %u annotators, expected %u", n_annotators, N_ANNOTATORS);
      return FALSE;
    }
  for (guint i = 0; i < N_ANNOTATORS; i++)
    {
      g_autofree char *id = gloss_bench_annotator_id (i + 1);
      const char *got = json_array_get_string_element (annotators, i);

      if (g_strcmp0 (got, id) != 0)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                       "agree --json: annotator %u is “%s”, expected “%s”", i + 1, got, id);
          return FALSE;
        }
    }

  if (json_array_get_length (articles) != GLOSS_BENCH_MANY_ARTICLES
      || json_object_get_int_member (corpus, "articles") != GLOSS_BENCH_MANY_ARTICLES
      || json_array_get_length (skipped) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "agree --json: %u articles (corpus says %" G_GINT64_FORMAT "), %u skipped; "
                   "expected %u and none",
                   json_array_get_length (articles), json_object_get_int_member (corpus, "articles"),
                   json_array_get_length (skipped), GLOSS_BENCH_MANY_ARTICLES);
      return FALSE;
    }

  figures = json_object_get_object_member (corpus, "figures");
  spans = json_object_get_object_member (figures, "spans");
  printf ("  %u articles, %" G_GINT64_FORMAT " tokens; F1 exact %.3f, overlap %.3f; "
          "Fleiss' kappa %.3f, Krippendorff's alpha %.3f; %zu bytes of JSON\n",
          json_array_get_length (articles), json_object_get_int_member (figures, "tokens"),
          get_figure (json_object_get_object_member (spans, "exact"), "f1"),
          get_figure (json_object_get_object_member (spans, "overlap"), "f1"),
          get_figure (figures, "fleiss_kappa"), get_figure (figures, "krippendorff_alpha"),
          strlen (output));

  return TRUE;
}

/* Copies the flat folder @from into the new folder @to. */
static gboolean
copy_dir (const char  *from,
          const char  *to,
          GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source_path = g_build_filename (from, name, NULL);
      g_autofree char *dest_path = g_build_filename (to, name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (source_path);
      g_autoptr(GFile) dest = g_file_new_for_path (dest_path);

      if (!g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static guint
count_gold (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".gold.gloss.json"))
      n++;

  return n;
}

/* Merges a fresh copy of @dir once and checks what it says. */
static gboolean
time_merge (const char  *cli,
            const char  *dir,
            GError     **error)
{
  static const char * const args[] = { "merge", "--strategy", "majority", NULL };
  g_autofree char *copy = gloss_bench_make_tmp_dir (error);
  g_autofree char *output = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  const char *summary = NULL;
  double start, elapsed;
  gboolean ok = FALSE;
  guint n_gold;

  if (copy == NULL)
    return FALSE;
  if (!copy_dir (dir, copy, error))
    goto out;

  start = gloss_bench_now_ms ();
  if (!run_cli (cli, args, copy, &output, error))
    goto out;
  elapsed = gloss_bench_now_ms () - start;

  /* The last line: "N annotations merged in 1000 articles". */
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      summary = lines[i];
  expected = g_strdup_printf (" merged in %u articles", GLOSS_BENCH_MANY_ARTICLES);
  n_gold = count_gold (copy);
  if (summary == NULL || !g_str_has_suffix (summary, expected) || n_gold == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "merge: “%s”, %u gold sidecars written", summary != NULL ? summary : "", n_gold);
      goto out;
    }

  printf ("gloss-cli merge --strategy majority, the same corpus (fresh copy, one run): %.1f ms\n",
          elapsed);
  printf ("  %s; %u gold sidecars written\n", summary, n_gold);
  ok = TRUE;

out:
  gloss_bench_remove_dir (copy);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  static const char * const agree_args[] = { "agree", "--json", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *last_output = NULL;
  GlossBenchCorpusOptions options;
  double samples[GLOSS_BENCH_RUNS];
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-agree");

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-agree PATH-TO-GLOSS-CLI\n");
      return 2;
    }

  gloss_bench_corpus_options_init (&options);
  options.n_annotators = N_ANNOTATORS;
  options.disagreement = DISAGREEMENT;

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  if (!gloss_bench_corpus_write_many (dir, GLOSS_BENCH_MANY_ARTICLES, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  /* Run 0 is the untimed warm-up. */
  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      g_autofree char *output = NULL;
      double start = gloss_bench_now_ms ();
      gboolean ok = run_cli (argv[1], agree_args, dir, &output, &error);

      if (run > 0)
        samples[run - 1] = gloss_bench_now_ms () - start;

      if (!ok)
        {
          status = gloss_bench_fail ("%s", error->message);
          goto out;
        }
      g_free (last_output);
      last_output = g_steal_pointer (&output);
    }

  gloss_bench_report ("gloss-cli agree --json, 1,000 articles × 3 annotators × ~30 annotations "
                      "(disagreement 0.1)",
                      samples, GLOSS_BENCH_RUNS, TARGET_MS);

  if (!check_report (last_output, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

  if (!time_merge (argv[1], dir, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

out:
  gloss_bench_remove_dir (dir);
  return status;
}

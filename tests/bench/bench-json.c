/* bench-json.c — parse and free a 10,000-annotation sidecar (3.7 MB)
 *
 * GlossJsonDoc against json-glib's JsonParser on the same bytes: the
 * sidecar of the "big" corpus, already in memory, so only parsing and
 * freeing are timed. The first parse in the process is reported on its
 * own: it is the one a user waits for, and the only one that pays for
 * fresh pages from the kernel.
 *
 * The result is checked once against json-glib's tree (json_node_equal on
 * gloss_json_value_to_node) and, on every run, by walking the annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-json-reader.h"

#define PARSE_TARGET_MS 10
#define FREE_TARGET_MS  1
#define MAX_DEPTH       GLOSS_SIDECAR_MAX_DEPTH

/* What the loader reads of every annotation; fails on a wrong tree. */
static gboolean
check (GlossJsonDoc  *doc,
       GError       **error)
{
  const GlossJsonValue *root = gloss_json_doc_get_root (doc);
  const GlossJsonValue *annotations = gloss_json_value_lookup (root, "annotations");
  gint64 sum = 0;

  if (annotations == NULL
      || gloss_json_value_get_type (annotations) != GLOSS_JSON_ARRAY
      || gloss_json_value_get_length (annotations) != GLOSS_BENCH_BIG_ANNOTATIONS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "no array of %u annotations", GLOSS_BENCH_BIG_ANNOTATIONS);
      return FALSE;
    }

  for (guint i = 0; i < GLOSS_BENCH_BIG_ANNOTATIONS; i++)
    {
      const GlossJsonValue *annotation = gloss_json_value_get_element (annotations, i);
      const GlossJsonValue *id = gloss_json_value_lookup (annotation, "id");
      const GlossJsonValue *start = gloss_json_value_lookup (annotation, "start");
      const GlossJsonValue *end = gloss_json_value_lookup (annotation, "end");
      const GlossJsonValue *exact = gloss_json_value_lookup (annotation, "exact");

      if (id == NULL || gloss_json_value_get_type (id) != GLOSS_JSON_STRING
          || start == NULL || gloss_json_value_get_type (start) != GLOSS_JSON_INTEGER
          || end == NULL || gloss_json_value_get_type (end) != GLOSS_JSON_INTEGER
          || exact == NULL || gloss_json_value_get_string_length (exact) == 0)
        {
          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "annotation %u is not as written", i);
          return FALSE;
        }
      sum += gloss_json_value_get_int (end) - gloss_json_value_get_int (start);
    }

  if (sum <= 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "annotations of no length");
      return FALSE;
    }

  return TRUE;
}

static gboolean
same_as_json_glib (GlossJsonDoc  *doc,
                   GBytes        *bytes,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonNode) ours = gloss_json_value_to_node (gloss_json_doc_get_root (doc));
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, error))
    return FALSE;

  if (!json_node_equal (ours, json_parser_get_root (parser)))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "the tree differs from json-glib's");
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GlossBenchCorpusOptions options;
  double parse_ms[GLOSS_BENCH_RUNS];
  double free_ms[GLOSS_BENCH_RUNS];
  double json_glib_ms[GLOSS_BENCH_RUNS];
  double first_parse_ms = 0, first_free_ms = 0;
  const char *data;
  gsize size;
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-json");
  gloss_bench_corpus_options_init (&options);

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  if (!gloss_bench_corpus_write_big (dir, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  sidecar_path = g_strconcat (dir, G_DIR_SEPARATOR_S, GLOSS_BENCH_BIG_NAME,
                              "." GLOSS_BENCH_ANNOTATOR GLOSS_SIDECAR_SUFFIX, NULL);
  sidecar_file = g_file_new_for_path (sidecar_path);
  bytes = g_file_load_bytes (sidecar_file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }
  data = g_bytes_get_data (bytes, &size);

  /* Run 0 is the first parse in the process, reported alone. */
  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      GlossJsonDoc *doc;
      double t0, t1, t2, t3;

      t0 = gloss_bench_now_ms ();
      doc = gloss_json_doc_parse (data, size, MAX_DEPTH, NULL, NULL, &error);
      t1 = gloss_bench_now_ms ();

      if (doc == NULL || !check (doc, &error)
          || (run == 0 && !same_as_json_glib (doc, bytes, &error)))
        {
          g_clear_pointer (&doc, gloss_json_doc_free);
          status = gloss_bench_fail ("%s", error->message);
          goto out;
        }

      t2 = gloss_bench_now_ms ();
      gloss_json_doc_free (doc);
      t3 = gloss_bench_now_ms ();

      if (run == 0)
        {
          first_parse_ms = t1 - t0;
          first_free_ms = t3 - t2;
        }
      else
        {
          parse_ms[run - 1] = t1 - t0;
          free_ms[run - 1] = t3 - t2;
        }
    }

  /* json-glib for comparison, parse and free together. */
  for (int run = 0; run < GLOSS_BENCH_RUNS; run++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      double start = gloss_bench_now_ms ();

      if (!json_parser_load_from_data (parser, data, size, &error))
        {
          status = gloss_bench_fail ("json-glib: %s", error->message);
          goto out;
        }
      g_clear_object (&parser);
      json_glib_ms[run] = gloss_bench_now_ms () - start;
    }

  printf ("sidecar of %u annotations, %.1f MB; first parse in the process %.2f ms, its free %.3f ms\n",
          GLOSS_BENCH_BIG_ANNOTATIONS, size / 1e6, first_parse_ms, first_free_ms);
  gloss_bench_report ("parse with GlossJsonDoc", parse_ms, GLOSS_BENCH_RUNS, PARSE_TARGET_MS);
  gloss_bench_report ("free GlossJsonDoc", free_ms, GLOSS_BENCH_RUNS, FREE_TARGET_MS);
  gloss_bench_report ("json-glib parse + free, for comparison", json_glib_ms, GLOSS_BENCH_RUNS, 0);

out:
  gloss_bench_remove_dir (dir);
  return status;
}

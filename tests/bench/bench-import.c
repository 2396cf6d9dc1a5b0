/* bench-import.c — `gloss-cli import --format brat` of 1,000 articles,
 * against a plain Python reader writing the same files
 *
 *   bench-import PATH-TO-GLOSS-CLI PATH-TO-PYTHON3 PATH-TO-plain-brat-import.py
 *
 * The brat input is the "many" corpus (1,000 articles of ~5 KB, 30 spans
 * and up to 3 relations each) exported with `gloss-cli export -f brat`.
 * Both programs write 1,000 article copies and 1,000 sidecars of about the
 * same size into a new folder; the Python reader (plain-brat-import.py)
 * uses open() and write() without fsync, Gloss puts its files in place
 * after one flush to disk (GlossFileBatch). Runs alternate between the two
 * (and which goes first), each output is removed right after its run so
 * that the next one does not flush it; the ratio of the medians is the
 * figure (target ≤ 1.2×). Then the same again while a thread writes and
 * fsyncs 256 KB blocks in a loop into another file of the same file
 * system (target ≤ 2×), as another program saving or a build would.
 *
 * Fails if an import fails or its output is wrong: the summary line, the
 * number of articles and sidecars, a temporary file left behind, or
 * `gloss-cli validate` finding a problem in what the import wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_RATIO        1.2
#define TARGET_RATIO_LOADED 2.0
#define EXPECTED_SUMMARY    "1000 articles, 1000 sidecars, 30000 spans"

typedef struct
{
  const char *cli;
  const char *python;
  const char *script;
  const char *brat;    /* the input folder */
  const char *dir;     /* where outputs go */
  guint       serial;  /* for fresh output names */
} Bench;

/* Runs @argv; its stdout in @out (nullable). A non-zero exit fails. */
static gboolean
run (const char * const  *argv,
     char               **out,
     GError             **error)
{
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &standard_error, &wait_status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s: ", argv[0]);
      if (standard_error != NULL)
        fprintf (stderr, "%s", standard_error);
      return FALSE;
    }

  return TRUE;
}

/* The outputs are flat: files only. */
static void
remove_output (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

/* Counts what an import wrote into @path. */
static void
count_output (const char *path,
              guint      *articles,
              guint      *sidecars,
              guint      *hidden,
              guint64    *bytes)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  *articles = *sidecars = *hidden = 0;
  *bytes = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (name[0] == '.')
        (*hidden)++;
      else if (g_str_has_suffix (name, ".gloss.json"))
        (*sidecars)++;
      else if (g_str_has_suffix (name, ".txt"))
        (*articles)++;
      if (g_stat (child, &st) == 0)
        *bytes += (guint64) st.st_size;
    }
}

/* One run of Gloss (@gloss) or of the Python reader into a new folder,
 * timed; checked when @check_out (the output's path is then kept for the
 * caller, who removes it). */
static gboolean
run_once (Bench     *bench,
          gboolean   gloss,
          double    *elapsed_ms,
          char     **check_out,
          GError   **error)
{
  g_autofree char *name = g_strdup_printf ("out-%u", bench->serial++);
  g_autofree char *output = g_build_filename (bench->dir, name, NULL);
  g_autofree char *out = NULL;
  const char *gloss_argv[] = { bench->cli, "import", "--format", "brat", "--annotator", "bench",
                               "--output", output, bench->brat, NULL };
  const char *python_argv[] = { bench->python, bench->script, bench->brat, output, "bench", NULL };
  double start;
  gboolean ok;

  start = gloss_bench_now_ms ();
  ok = run (gloss ? gloss_argv : python_argv, &out, error);
  *elapsed_ms = gloss_bench_now_ms () - start;

  if (ok && !g_str_has_prefix (out, EXPECTED_SUMMARY))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed “%s”, not “%s…”",
                   gloss ? "gloss-cli import" : "plain-brat-import.py", g_strchomp (out),
                   EXPECTED_SUMMARY);
      ok = FALSE;
    }

  if (ok && check_out != NULL)
    *check_out = g_steal_pointer (&output);
  else
    remove_output (output);

  return ok;
}

/* The warm-up runs, checked: what each wrote, and Gloss's sidecars
 * validated by `gloss-cli validate`. */
static gboolean
warm_up (Bench   *bench,
         GError **error)
{
  g_autofree char *gloss_out = NULL;
  g_autofree char *python_out = NULL;
  guint articles[2], sidecars[2], hidden[2];
  guint64 bytes[2];
  double ignored;

  if (!run_once (bench, TRUE, &ignored, &gloss_out, error)
      || !run_once (bench, FALSE, &ignored, &python_out, error))
    {
      if (gloss_out != NULL)
        remove_output (gloss_out);
      return FALSE;
    }

  count_output (gloss_out, &articles[0], &sidecars[0], &hidden[0], &bytes[0]);
  count_output (python_out, &articles[1], &sidecars[1], &hidden[1], &bytes[1]);
  remove_output (python_out);
  printf ("  gloss-cli wrote %u articles and %u sidecars (%" G_GUINT64_FORMAT " bytes); "
          "Python %u and %u (%" G_GUINT64_FORMAT " bytes)\n",
          articles[0], sidecars[0], bytes[0], articles[1], sidecars[1], bytes[1]);

  if (articles[0] != 1000 || sidecars[0] != 1000 || hidden[0] != 0
      || articles[1] != 1000 || sidecars[1] != 1000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "expected 1000 articles and 1000 sidecars each, and no temporary file "
                   "(gloss-cli left %u)", hidden[0]);
      remove_output (gloss_out);
      return FALSE;
    }

  {
    const char *validate_argv[] = { bench->cli, "validate", "--quiet", gloss_out, NULL };
    gboolean ok = run (validate_argv, NULL, error);

    remove_output (gloss_out);
    return ok;
  }
}

/* @n runs of each, alternating; the ratio of the medians against
 * @target_ratio. */
static gboolean
measure (Bench      *bench,
         const char *condition,
         double      target_ratio,
         GError    **error)
{
  double gloss_ms[GLOSS_BENCH_RUNS], python_ms[GLOSS_BENCH_RUNS];
  g_autofree char *gloss_what = NULL;
  g_autofree char *python_what = NULL;
  double gloss_median, python_median, ratio;

  for (guint i = 0; i < GLOSS_BENCH_RUNS; i++)
    {
      gboolean gloss_first = i % 2 == 0;

      if (!run_once (bench, gloss_first, gloss_first ? &gloss_ms[i] : &python_ms[i], NULL, error)
          || !run_once (bench, !gloss_first, gloss_first ? &python_ms[i] : &gloss_ms[i], NULL, error))
        return FALSE;
    }

  gloss_what = g_strdup_printf ("gloss-cli import --format brat, 1,000 articles (~5 KB, 30 spans), %s",
                                condition);
  python_what = g_strdup_printf ("plain Python reader writing the same files (no fsync), %s",
                                 condition);
  gloss_bench_report (gloss_what, gloss_ms, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report (python_what, python_ms, GLOSS_BENCH_RUNS, 0);

  /* gloss_bench_report sorts a copy; the medians again, for the ratio. */
  {
    g_autofree double *g = g_memdup2 (gloss_ms, sizeof gloss_ms);
    g_autofree double *p = g_memdup2 (python_ms, sizeof python_ms);

    for (guint i = 0; i < GLOSS_BENCH_RUNS; i++)
      for (guint j = i + 1; j < GLOSS_BENCH_RUNS; j++)
        {
          if (g[j] < g[i]) { double t = g[i]; g[i] = g[j]; g[j] = t; }
          if (p[j] < p[i]) { double t = p[i]; p[i] = p[j]; p[j] = t; }
        }
    gloss_median = g[GLOSS_BENCH_RUNS / 2];
    python_median = p[GLOSS_BENCH_RUNS / 2];
  }

  ratio = gloss_median / python_median;
  printf ("  ratio of the medians, gloss-cli / Python, %s: %.2f× (target ≤ %.1f×)%s\n",
          condition, ratio, target_ratio, ratio <= target_ratio ? "" : " — SLOWER THAN TARGET");
  fflush (stdout);
  return TRUE;
}

/* Disk load: a file written 256 KB at a time, each followed by fdatasync,
 * until told to stop. */
typedef struct
{
  char *path;
  int   stop;      /* atomic */
  guint64 flushes;
} Load;

static gpointer
load_thread (gpointer data)
{
  Load *load = data;
  g_autofree char *block = g_malloc (256 * 1024);
  int fd = g_open (load->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  guint n = 0;

  if (fd < 0)
    return NULL;

  memset (block, 'x', 256 * 1024);
  while (!g_atomic_int_get (&load->stop))
    {
      if (write (fd, block, 256 * 1024) < 0 || fdatasync (fd) != 0)
        break;
      load->flushes++;
      /* 64 MB at most: rewritten from the start. */
      if (++n % 256 == 0 && lseek (fd, 0, SEEK_SET) < 0)
        break;
    }
  close (fd);
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *brat = NULL;
  GlossBenchCorpusOptions options;
  Bench bench = { 0 };
  Load load = { 0 };
  GThread *thread;
  gboolean ok;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-import");

  if (argc != 4)
    {
      fprintf (stderr, "usage: bench-import PATH-TO-GLOSS-CLI PATH-TO-PYTHON3 PATH-TO-plain-brat-import.py\n");
      return 2;
    }

  gloss_bench_corpus_options_init (&options);
  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  corpus = g_build_filename (dir, "corpus", NULL);
  brat = g_build_filename (dir, "brat", NULL);
  if (g_mkdir (corpus, 0700) != 0
      || !gloss_bench_corpus_write_many (corpus, GLOSS_BENCH_MANY_ARTICLES, &options, &error))
    {
      gloss_bench_remove_dir (dir);
      return gloss_bench_fail ("%s", error != NULL ? error->message : g_strerror (errno));
    }

  {
    const char *export_argv[] = { argv[1], "export", "--format", "brat", "--output", brat,
                                  corpus, NULL };

    if (!run (export_argv, NULL, &error))
      {
        gloss_bench_remove_dir (dir);
        return gloss_bench_fail ("brat export of the corpus: %s", error->message);
      }
  }

  bench.cli = argv[1];
  bench.python = argv[2];
  bench.script = argv[3];
  bench.brat = brat;
  bench.dir = dir;

  ok = warm_up (&bench, &error)
       && measure (&bench, "no added disk load", TARGET_RATIO, &error);

  if (ok)
    {
      load.path = g_build_filename (dir, "load", NULL);
      thread = g_thread_new ("disk-load", load_thread, &load);
      g_usleep (G_USEC_PER_SEC / 2);
      ok = measure (&bench, "under disk load", TARGET_RATIO_LOADED, &error);
      g_atomic_int_set (&load.stop, 1);
      g_thread_join (thread);
      printf ("  the load thread made %" G_GUINT64_FORMAT " flushes of 256 KB\n", load.flushes);
      g_free (load.path);
    }

  gloss_bench_remove_dir (dir);
  if (!ok)
    return gloss_bench_fail ("%s", error->message);

  return EXIT_SUCCESS;
}

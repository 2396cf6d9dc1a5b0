/* bench-cli-floors.c — gloss-cli against plain tools: `validate` of one
 * big sidecar and the CoNLL export of 1,000 articles
 *
 *   bench-cli-floors PATH-TO-GLOSS-CLI PATH-TO-PYTHON3 PATH-TO-plain-validate.py
 *
 * Python is run as the interpreter itself (sys.executable), not through
 * a launcher such as pyenv's shim, whose start would count against it.
 *
 * 1. `gloss-cli validate --quiet` of "big" (a 1 MB article, 10,000
 *    annotations, a 3.7 MB sidecar) against plain-validate.py, a checker
 *    of our own in plain Python (its header says what it checks), on the
 *    same sidecar. Target: the ratio of the medians ≤ 0.4×.
 * 2. `gloss-cli export --format conll` of "many" (1,000 articles of ~5 KB,
 *    30 spans each) against brat's own tools/anntoconll.py on the same
 *    corpus in brat standoff form (`gloss-cli export --format brat`), all
 *    1,000 files in one process, each written beside its .txt as brat
 *    does. Target: ≤ 0.1×. brat is not part of Gloss: set
 *    GLOSS_BENCH_BRAT_TOOLS to the tools/ folder of a brat checkout (it
 *    imports ../server/src/ssplit.py from there). Without it, Gloss's
 *    figures are printed alone and the comparison is said to be skipped.
 *    anntoconll.py opens files with mode "rU", which Python 3.11 removed:
 *    it is run through a few lines given to `python3 -c` that drop the
 *    "U" from open()'s mode, brat's files left as they are.
 *
 * Each pair runs alternately (and which goes first alternates) after one
 * untimed, checked run of each: GLOSS_BENCH_RUNS runs of each, wall-clock
 * medians and their ratio; the medians of the CPU time (user + system, of
 * the process and what it waited for) and their ratio too, which the other
 * builds on a shared machine disturb less.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_VALIDATE 0.4
#define TARGET_CONLL    0.1

/* open(…, "rU") was removed in Python 3.11; brat's anntoconll.py still
 * uses it. Run as python3 -c SHIM anntoconll.py FILE…. */
static const char brat_shim[] =
  "import builtins, os, runpy, sys\n"
  "_open = builtins.open\n"
  "def _open_without_u(file, mode='r', *args, **kwargs):\n"
  "    return _open(file, mode.replace('U', ''), *args, **kwargs)\n"
  "builtins.open = _open_without_u\n"
  "sys.argv = sys.argv[1:]\n"
  "sys.path.insert(0, os.path.dirname(os.path.abspath(sys.argv[0])))\n"
  "runpy.run_path(sys.argv[0], run_name='__main__')\n";

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* Runs @argv with stdout in @out (nullable) and stderr dropped; fails on
 * an exit status other than 0. Wall-clock and CPU time in @wall_ms and
 * @cpu_ms. */
static gboolean
run_timed (const char * const  *argv,
           char               **out,
           double              *wall_ms,
           double              *cpu_ms,
           GError             **error)
{
  int wait_status = 0;
  double start, cpu_start;
  gboolean ok;

  cpu_start = children_cpu_ms ();
  start = gloss_bench_now_ms ();
  ok = g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDERR_TO_DEV_NULL | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                     NULL, NULL, out, NULL, &wait_status, error);
  if (wall_ms != NULL)
    *wall_ms = gloss_bench_now_ms () - start;
  if (cpu_ms != NULL)
    *cpu_ms = children_cpu_ms () - cpu_start;

  if (ok && !g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s: ", argv[0]);
      ok = FALSE;
    }

  return ok;
}

/* The interpreter itself: `python3` may be a launcher script (pyenv's
 * shims are bash), whose start would be counted against Python. */
static char *
resolve_python (const char  *python,
                GError     **error)
{
  const char *argv[] = { python, "-c", "import sys; print(sys.executable, sys.version.split()[0])", NULL };
  g_autofree char *out = NULL;
  char *space;

  if (!run_timed (argv, &out, NULL, NULL, error))
    return NULL;

  g_strchomp (out);
  space = strrchr (out, ' ');
  if (space == NULL || space == out)
    return g_strdup (python);

  *space = '\0';
  printf ("Python: %s, %s\n", out, space + 1);
  return g_file_test (out, G_FILE_TEST_IS_EXECUTABLE) ? g_steal_pointer (&out) : g_strdup (python);
}

static double
median (const double *samples,
        guint         n)
{
  g_autofree double *sorted = g_memdup2 (samples, n * sizeof *samples);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (sorted[j] < sorted[i])
        {
          double t = sorted[i];
          sorted[i] = sorted[j];
          sorted[j] = t;
        }

  return sorted[n / 2];
}

/* One side of a comparison: how to run it once, and its samples. */
typedef struct _Side Side;
struct _Side
{
  const char *what;
  gboolean  (*run) (Side *side, double *wall_ms, double *cpu_ms, gboolean check, GError **error);
  gpointer    data;
  double      wall[GLOSS_BENCH_RUNS];
  double      cpu[GLOSS_BENCH_RUNS];
};

static void
report_ratio (const char *what,
              double      ours,
              double      theirs,
              double      target)
{
  double ratio = ours / theirs;

  printf ("  ratio of the medians, %s: %.3f× (target ≤ %.1f×)%s\n",
          what, ratio, target, ratio <= target ? "" : " — SLOWER THAN TARGET");
}

/* A checked warm-up run of each, then the runs alternating. @theirs may
 * be NULL: Gloss alone. */
static gboolean
compare (Side    *ours,
         Side    *theirs,
         double   target,
         GError **error)
{
  double ignored;

  if (!ours->run (ours, &ignored, &ignored, TRUE, error)
      || (theirs != NULL && !theirs->run (theirs, &ignored, &ignored, TRUE, error)))
    return FALSE;

  for (guint i = 0; i < GLOSS_BENCH_RUNS; i++)
    {
      Side *first = theirs != NULL && i % 2 == 1 ? theirs : ours;
      Side *second = first == ours ? theirs : ours;

      if (!first->run (first, &first->wall[i], &first->cpu[i], FALSE, error)
          || (second != NULL && !second->run (second, &second->wall[i], &second->cpu[i], FALSE, error)))
        return FALSE;
    }

  gloss_bench_report (ours->what, ours->wall, GLOSS_BENCH_RUNS, 0);
  printf ("  CPU time (user + system): median %.1f ms\n", median (ours->cpu, GLOSS_BENCH_RUNS));
  if (theirs == NULL)
    {
      fflush (stdout);
      return TRUE;
    }

  gloss_bench_report (theirs->what, theirs->wall, GLOSS_BENCH_RUNS, 0);
  printf ("  CPU time (user + system): median %.1f ms\n", median (theirs->cpu, GLOSS_BENCH_RUNS));
  report_ratio ("wall clock", median (ours->wall, GLOSS_BENCH_RUNS),
                median (theirs->wall, GLOSS_BENCH_RUNS), target);
  report_ratio ("CPU time", median (ours->cpu, GLOSS_BENCH_RUNS),
                median (theirs->cpu, GLOSS_BENCH_RUNS), target);
  fflush (stdout);
  return TRUE;
}

/* validate
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *cli;
  const char *python;
  const char *script;
  const char *sidecar;
} Validate;

static gboolean
run_gloss_validate (Side     *side,
                    double   *wall_ms,
                    double   *cpu_ms,
                    gboolean  check,
                    GError  **error)
{
  Validate *v = side->data;
  const char *argv[] = { v->cli, "validate", "--quiet", v->sidecar, NULL };
  g_autofree char *out = NULL;

  if (!run_timed (argv, &out, wall_ms, cpu_ms, error))
    return FALSE;

  if (check && out[0] != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "gloss-cli validate --quiet printed “%s”", g_strchomp (out));
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_python_validate (Side     *side,
                     double   *wall_ms,
                     double   *cpu_ms,
                     gboolean  check,
                     GError  **error)
{
  Validate *v = side->data;
  const char *argv[] = { v->python, v->script, v->sidecar, NULL };
  g_autofree char *out = NULL;

  if (!run_timed (argv, &out, wall_ms, cpu_ms, error))
    return FALSE;

  if (check && out[0] != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "plain-validate.py printed “%s”", g_strchomp (out));
      return FALSE;
    }

  return TRUE;
}

/* CoNLL
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *cli;
  const char *python;
  const char *corpus;    /* Gloss's input */
  const char *brat;      /* brat's input, where its outputs go too */
  const char *dir;       /* where Gloss's outputs go */
  char       *anntoconll;
  GPtrArray  *brat_texts;
  guint       serial;
} Conll;

/* Lines of @text that start with @prefix. */
static guint
count_lines (const char *text,
             const char *prefix)
{
  gsize n = strlen (prefix);
  guint count = 0;

  for (const char *p = text; p != NULL && *p != '\0'; )
    {
      const char *newline = strchr (p, '\n');

      if (strncmp (p, prefix, n) == 0)
        count++;
      p = newline != NULL ? newline + 1 : NULL;
    }

  return count;
}

static gboolean
run_gloss_conll (Side     *side,
                 double   *wall_ms,
                 double   *cpu_ms,
                 gboolean  check,
                 GError  **error)
{
  Conll *c = side->data;
  g_autofree char *name = g_strdup_printf ("out-%u.conll", c->serial++);
  g_autofree char *output = g_build_filename (c->dir, name, NULL);
  const char *argv[] = { c->cli, "export", "--format", "conll", "--output", output,
                         c->corpus, NULL };
  gboolean ok = run_timed (argv, NULL, wall_ms, cpu_ms, error);

  if (ok && check)
    {
      g_autofree char *contents = NULL;
      guint records;

      ok = g_file_get_contents (output, &contents, NULL, error);
      records = ok ? count_lines (contents, "# doc: ") : 0;
      if (ok && records != GLOSS_BENCH_MANY_ARTICLES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "the CoNLL export holds %u records, not %u", records,
                       GLOSS_BENCH_MANY_ARTICLES);
          ok = FALSE;
        }
      if (ok)
        printf ("  gloss-cli wrote one file of %zu bytes, %u records\n", strlen (contents), records);
    }

  g_remove (output);
  return ok;
}

static gboolean
run_brat_conll (Side     *side,
                double   *wall_ms,
                double   *cpu_ms,
                gboolean  check,
                GError  **error)
{
  Conll *c = side->data;

  if (!run_timed ((const char * const *) c->brat_texts->pdata, NULL, wall_ms, cpu_ms, error))
    return FALSE;

  if (check)
    {
      g_autoptr(GDir) dir = g_dir_open (c->brat, 0, error);
      const char *name;
      guint n = 0;
      guint64 bytes = 0;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (c->brat, name, NULL);
          GStatBuf st;

          if (g_str_has_suffix (name, ".conll") && g_stat (path, &st) == 0)
            {
              n++;
              bytes += (guint64) st.st_size;
            }
        }
      printf ("  anntoconll.py wrote %u files, %" G_GUINT64_FORMAT " bytes\n", n, bytes);
      if (n != GLOSS_BENCH_MANY_ARTICLES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "anntoconll.py wrote %u files, not %u", n, GLOSS_BENCH_MANY_ARTICLES);
          return FALSE;
        }
    }

  return TRUE;
}

/* python3 -c SHIM TOOLS/anntoconll.py BRAT/article-0000.bench.txt … */
static gboolean
collect_brat_texts (Conll   *c,
                    GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (c->brat, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".txt"))
        g_ptr_array_add (names, g_build_filename (c->brat, name, NULL));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  c->brat_texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (c->brat_texts, g_strdup (c->python));
  g_ptr_array_add (c->brat_texts, g_strdup ("-c"));
  g_ptr_array_add (c->brat_texts, g_strdup (brat_shim));
  g_ptr_array_add (c->brat_texts, g_strdup (c->anntoconll));
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (c->brat_texts, g_strdup (g_ptr_array_index (names, i)));
  g_ptr_array_add (c->brat_texts, NULL);

  return names->len == GLOSS_BENCH_MANY_ARTICLES
         || (g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the brat export wrote %u texts",
                          names->len), FALSE);
}

static gboolean
bench_conll (const char  *cli,
             const char  *python,
             const char  *dir,
             GError     **error)
{
  const GlossBenchCorpusOptions *options;
  GlossBenchCorpusOptions defaults;
  g_autofree char *corpus = g_build_filename (dir, "many", NULL);
  g_autofree char *brat = g_build_filename (dir, "brat", NULL);
  const char *tools = g_getenv ("GLOSS_BENCH_BRAT_TOOLS");
  Conll c = { cli, python, corpus, brat, dir };
  Side ours = { "gloss-cli export --format conll, 1,000 articles (~5 KB, 30 spans)",
                run_gloss_conll, &c };
  Side theirs = { "brat's tools/anntoconll.py on the same articles in brat standoff form",
                  run_brat_conll, &c };
  gboolean ok;

  gloss_bench_corpus_options_init (&defaults);
  options = &defaults;
  if (g_mkdir (corpus, 0700) != 0
      || !gloss_bench_corpus_write_many (corpus, GLOSS_BENCH_MANY_ARTICLES, options, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));
      return FALSE;
    }

  if (tools == NULL || tools[0] == '\0')
    {
      printf ("CoNLL export: GLOSS_BENCH_BRAT_TOOLS is not set (brat's tools/ folder): "
              "the comparison with anntoconll.py is skipped, Gloss's figures alone\n");
      return compare (&ours, NULL, TARGET_CONLL, error);
    }

  c.anntoconll = g_build_filename (tools, "anntoconll.py", NULL);
  if (!g_file_test (c.anntoconll, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: not found", c.anntoconll);
      g_free (c.anntoconll);
      return FALSE;
    }

  {
    const char *export_argv[] = { cli, "export", "--format", "brat", "--output", brat,
                                  corpus, NULL };

    ok = run_timed (export_argv, NULL, NULL, NULL, error)
         && collect_brat_texts (&c, error)
         && compare (&ours, &theirs, TARGET_CONLL, error);
  }

  g_free (c.anntoconll);
  g_clear_pointer (&c.brat_texts, g_ptr_array_unref);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *big = NULL;
  g_autofree char *python = NULL;
  GlossBenchCorpusOptions options;
  Validate v = { 0 };
  Side ours = { "gloss-cli validate --quiet, 1 MB article / 10,000 annotations",
                run_gloss_validate, &v };
  Side theirs = { "plain-validate.py (json, hashlib) on the same sidecar",
                  run_python_validate, &v };
  gboolean ok;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-cli-floors");

  if (argc != 4)
    {
      fprintf (stderr, "usage: bench-cli-floors PATH-TO-GLOSS-CLI PATH-TO-PYTHON3 "
                       "PATH-TO-plain-validate.py\n");
      return 2;
    }

  python = resolve_python (argv[2], &error);
  if (python == NULL)
    return gloss_bench_fail ("%s", error->message);

  gloss_bench_corpus_options_init (&options);
  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  big = g_build_filename (dir, "big", NULL);
  if (g_mkdir (big, 0700) != 0 || !gloss_bench_corpus_write_big (big, &options, &error))
    {
      gloss_bench_remove_dir (dir);
      return gloss_bench_fail ("%s", error != NULL ? error->message : g_strerror (errno));
    }

  v.cli = argv[1];
  v.python = python;
  v.script = argv[3];
  {
    g_autofree char *sidecar = g_build_filename (big, GLOSS_BENCH_BIG_NAME "." GLOSS_BENCH_ANNOTATOR
                                                 ".gloss.json", NULL);
    v.sidecar = sidecar;
    ok = compare (&ours, &theirs, TARGET_VALIDATE, &error)
         && bench_conll (argv[1], python, dir, &error);
  }

  gloss_bench_remove_dir (dir);
  if (!ok)
    return gloss_bench_fail ("%s", error->message);

  return EXIT_SUCCESS;
}

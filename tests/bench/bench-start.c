/* bench-start.c — from exec to the first frame: gloss against the toolkit's floor
 *
 *   bench-start PATH-TO-GLOSS PATH-TO-START-FLOOR ARTICLE SIDECAR
 *
 * Run under tests/ui/xvfb-test-wrapper.sh (a private Xvfb, the cairo
 * renderer). Each run starts a fresh process and times it from just before
 * the spawn to the end (after-paint) of its window's first frame showing
 * what it opened, as the process itself reports it: both gloss (main.c)
 * and start-floor append g_get_monotonic_time() — CLOCK_MONOTONIC, the same
 * clock here — to the file named by GLOSS_REPORT_FIRST_FRAME. The process
 * is then sent SIGTERM and waited for before the next run.
 *
 * The programs, alternating in each round so that a busy moment of the
 * machine is shared out between them:
 *   gloss ARTICLE     the real binary on a small article (ARTICLE copied to
 *                     a fresh folder with SIDECAR, one annotator's file),
 *                     the first frame with the article and its session;
 *   start-floor       an AdwApplicationWindow showing the same text in a
 *                     GtkTextView: libadwaita's floor;
 *   start-floor --gtk the same in a GtkApplicationWindow: GTK's floor;
 *   gloss             no file: the first frame of the welcome page.
 * gloss runs with its own XDG config (GSETTINGS_BACKEND=keyfile, the
 * annotator id of SIDECAR set) and no session bus (every run is a fresh
 * primary instance), as do the floors.
 *
 * Each also reports the CPU time it had used by then (every thread), which a
 * loaded machine changes less than the wall time: the benchmark prints both,
 * and both ratios.
 *
 * The target: gloss on the article within 1.3× of libadwaita's floor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gloss-bench.h"

#define ROUNDS 9            /* the first one untimed */
#define TARGET_RATIO 1.3
#define TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef enum {
  FLOOR_ADW,
  GLOSS_ARTICLE,
  FLOOR_GTK,
  GLOSS_WELCOME,
  N_PROGRAMS
} Program;

static const char *program_names[N_PROGRAMS] = {
  "libadwaita floor (AdwApplicationWindow + GtkTextView)",
  "gloss, small article with one sidecar",
  "GTK floor (GtkApplicationWindow + GtkTextView)",
  "gloss, welcome page (no file)",
};

static char *
read_report (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  if (strchr (contents, '\n') == NULL)
    g_clear_pointer (&contents, g_free);

  return contents;
}

static gboolean
wait_for_exit (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t done = waitpid (pid, &status, WNOHANG);

      if (done == pid || (done < 0 && errno == ECHILD))
        return TRUE;
      g_usleep (2000);
    }

  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  return FALSE;
}

/* Starts @argv with @envp plus GLOSS_REPORT_FIRST_FRAME, waits for its
 * report and returns the time from the spawn to that frame, in ms, and in
 * @cpu_ms the CPU time the process had used by then; < 0 on failure. */
static double
time_first_frame (char       **argv,
                  char       **envp,
                  const char  *report_path,
                  double      *cpu_ms,
                  GError     **error)
{
  g_auto(GStrv) env = g_environ_setenv (g_strdupv (envp), "GLOSS_REPORT_FIRST_FRAME",
                                        report_path, TRUE);
  gint64 start, deadline;
  GPid pid;

  g_remove (report_path);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, error))
    return -1;

  deadline = start + TIMEOUT_US;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *report = read_report (report_path);
      int status;

      if (report != NULL)
        {
          char *end = NULL;
          gint64 frame = g_ascii_strtoll (report, &end, 10);

          *cpu_ms = g_ascii_strtoll (end, NULL, 10) / 1000.0;

          kill (pid, SIGTERM);
          if (!wait_for_exit (pid))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "%s did not quit on SIGTERM", argv[0]);
              return -1;
            }
          if (frame < start)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s reported a frame before it started", argv[0]);
              return -1;
            }
          return (frame - start) / 1000.0;
        }

      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s exited before its first frame", argv[0]);
          return -1;
        }
      g_usleep (2000);
    }

  kill (pid, SIGKILL);
  wait_for_exit (pid);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "%s showed no frame within %d s", argv[0], (int) (TIMEOUT_US / G_USEC_PER_SEC));
  return -1;
}

static double
median (const double *samples,
        guint         n)
{
  g_autofree double *sorted = g_memdup2 (samples, n * sizeof (double));

  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
      {
        double t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }

  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* The annotator of "NAME.ID.gloss.json". */
static char *
annotator_of (const char *sidecar)
{
  g_autofree char *name = g_path_get_basename (sidecar);
  char *end = g_strrstr (name, ".gloss.json");
  char *dot;

  if (end == NULL)
    return NULL;
  *end = '\0';
  dot = strrchr (name, '.');
  return dot != NULL ? g_strdup (dot + 1) : NULL;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (from, &contents, &length, error)
         && g_file_set_contents (to, contents, length, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *article = NULL, *sidecar = NULL, *config = NULL, *keyfile = NULL;
  g_autofree char *annotator = NULL, *settings = NULL, *report = NULL;
  g_autofree char *article_name = NULL, *sidecar_name = NULL;
  g_auto(GStrv) envp = NULL;
  double samples[N_PROGRAMS][ROUNDS], cpu_samples[N_PROGRAMS][ROUNDS];
  double medians[N_PROGRAMS], cpu_medians[N_PROGRAMS];
  guint n = 0;
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");

  if (argc != 5)
    return gloss_bench_fail ("usage: %s GLOSS START-FLOOR ARTICLE SIDECAR", argv[0]);
  if (g_getenv ("DISPLAY") == NULL)
    return gloss_bench_fail ("no DISPLAY: run under tests/ui/xvfb-test-wrapper.sh");

  annotator = annotator_of (argv[4]);
  if (annotator == NULL)
    return gloss_bench_fail ("%s is not named ARTICLE.ID.gloss.json", argv[4]);

  tmp = g_dir_make_tmp ("gloss-bench-start-XXXXXX", &error);
  if (tmp == NULL)
    return gloss_bench_fail ("%s", error->message);

  article_name = g_path_get_basename (argv[3]);
  sidecar_name = g_path_get_basename (argv[4]);
  article = g_build_filename (tmp, article_name, NULL);
  sidecar = g_build_filename (tmp, sidecar_name, NULL);
  config = g_build_filename (tmp, "config", NULL);
  keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  report = g_build_filename (tmp, "first-frame", NULL);
  /* The keyfile backend's group is the schema's path without its slashes. */
  settings = g_strdup_printf ("[%s]\nannotator-id='%s'\n", RESOURCE_PREFIX + 1, annotator);

  if (!copy_file (argv[3], article, &error) || !copy_file (argv[4], sidecar, &error)
      || g_mkdir_with_parents (config, 0700) < 0)
    {
      status = gloss_bench_fail ("%s", error != NULL ? error->message : "mkdir failed");
      goto out;
    }
  {
    g_autofree char *dir = g_path_get_dirname (keyfile);

    if (g_mkdir_with_parents (dir, 0700) < 0
        || !g_file_set_contents (keyfile, settings, -1, &error))
      {
        status = gloss_bench_fail ("%s", error != NULL ? error->message : "mkdir failed");
        goto out;
      }
  }

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  envp = g_environ_unsetenv (envp, "G_MESSAGES_DEBUG");

  for (guint round = 0; round < ROUNDS; round++)
    {
      for (Program p = 0; p < N_PROGRAMS; p++)
        {
          const char *args[4] = { NULL };
          double ms, cpu_ms = 0;

          switch (p)
            {
            case FLOOR_ADW:
              args[0] = argv[2], args[1] = article;
              break;
            case GLOSS_ARTICLE:
              args[0] = argv[1], args[1] = article;
              break;
            case FLOOR_GTK:
              args[0] = argv[2], args[1] = "--gtk", args[2] = article;
              break;
            case GLOSS_WELCOME:
              args[0] = argv[1];
              break;
            default:
              g_assert_not_reached ();
            }

          ms = time_first_frame ((char **) args, envp, report, &cpu_ms, &error);
          if (ms < 0)
            {
              status = gloss_bench_fail ("%s: %s", program_names[p], error->message);
              goto out;
            }
          /* The first round warms the page cache and the font caches. */
          if (round > 0)
            {
              samples[p][round - 1] = ms;
              cpu_samples[p][round - 1] = cpu_ms;
            }
        }
      if (round > 0)
        n++;
    }

  for (Program p = 0; p < N_PROGRAMS; p++)
    {
      g_autofree char *what = g_strdup_printf ("start to first frame, %s", program_names[p]);

      gloss_bench_report (what, samples[p], n, 0);
      medians[p] = median (samples[p], n);
      cpu_medians[p] = median (cpu_samples[p], n);
    }
  /* CPU time varies less than the wall time with the machine's load. */
  for (Program p = 0; p < N_PROGRAMS; p++)
    {
      g_autofree char *what = g_strdup_printf ("  CPU time used by then, %s", program_names[p]);

      gloss_bench_report (what, cpu_samples[p], n, 0);
    }

  {
    double ratio = medians[GLOSS_ARTICLE] / medians[FLOOR_ADW];

    printf ("gloss on the article / libadwaita floor: %.2f× (target: within %.1f×)%s\n",
            ratio, TARGET_RATIO, ratio > TARGET_RATIO ? " — SLOWER THAN TARGET" : "");
    printf ("gloss welcome page / libadwaita floor: %.2f×\n",
            medians[GLOSS_WELCOME] / medians[FLOOR_ADW]);
    printf ("libadwaita floor / GTK floor: %.2f×\n", medians[FLOOR_ADW] / medians[FLOOR_GTK]);
    printf ("CPU time: gloss on the article / libadwaita floor %.2f×, welcome page %.2f×\n",
            cpu_medians[GLOSS_ARTICLE] / cpu_medians[FLOOR_ADW],
            cpu_medians[GLOSS_WELCOME] / cpu_medians[FLOOR_ADW]);
  }

out:
  gloss_bench_remove_dir (tmp);
  return status;
}
